#if FFGEN_PHASES
import Foundation
#endif

/// Per-phase CPU time of `helm template`'s steps, for finding where a render spends its time.
///
/// Compiled in only with `-Xswiftc -DFFGEN_PHASES` (README, Benchmarks); otherwise `measure` just runs its
/// body. The totals are process-wide and unsynchronised, so they are meant for single-threaded runs such as
/// `ffgen template --repeat N`, which prints them to stderr.
public enum PhaseTimer {
    #if FFGEN_PHASES
    nonisolated(unsafe) private static var totals: [String: Double] = [:]
    nonisolated(unsafe) private static var order: [String] = []

    private static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
    #endif

    /// Runs `body`, adding its CPU time (of the calling thread) to the phase `name`.
    @inline(__always)
    public static func measure<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
        #if FFGEN_PHASES
        let start = now()
        defer {
            if totals[name] == nil { order.append(name) }
            totals[name, default: 0] += now() - start
        }
        #endif
        return try body()
    }

    /// Prints the average time of each phase over `renders` renders to stderr (nothing unless compiled in).
    public static func report(renders: Int) {
        #if FFGEN_PHASES
        for name in order {
            let micros = (totals[name] ?? 0) / Double(max(renders, 1)) * 1e6
            FileHandle.standardError.write(Data((name.padding(toLength: 14, withPad: " ", startingAt: 0)
                + String(format: "%9.1f us\n", micros)).utf8))
        }
        #endif
    }
}
