import Foundation
import GoTemplate
import Values

/// The non-hermetic inputs of the Sprig functions (`now`, `rand*`, `uuidv4`, `shuffle`, dates in `Local`).
public struct SprigEnvironment: Sendable {
    /// The current time, as `time.Now` returns it.
    public var now: @Sendable () -> Date
    /// A source of uniformly random 64-bit words (Go's `crypto/rand` / `math/rand`).
    public var random: @Sendable () -> UInt64
    /// The zone Go calls `Local` (`date`, `htmlDate`, `toDate`, `now`).
    public var localZone: TimeZone

    /// An environment with the given clock, random source and local zone.
    public init(
        now: @escaping @Sendable () -> Date = { Date() },
        random: @escaping @Sendable () -> UInt64 = { UInt64.random(in: UInt64.min...UInt64.max) },
        localZone: TimeZone = .current
    ) {
        self.now = now
        self.random = random
        self.localZone = localZone
    }

    /// A uniformly distributed integer in `0..<bound` (Go `rand.Intn`); `bound` must be positive.
    func randomInt(below bound: Int) -> Int {
        guard bound > 1 else { return 0 }
        return Int(random() % UInt64(bound))
    }
}

/// Sprig v3's function map as Helm v4 exposes it (without `env` and `expandenv`).
///
/// Every function carries its Go signature so the executor converts or rejects arguments as `text/template`
/// does; bodies follow Sprig's implementations (`functions.go` `genericMap`), including their quirks.
public enum SprigLibrary {
    /// Names Sprig defines that Helm removes from its function map (Helm: engine/funcs.go).
    public static let removedByHelm: Set<String> = ["env", "expandenv"]

    /// The whole library, grouped by domain; later groups never redefine earlier names.
    public static func functions(environment: SprigEnvironment = SprigEnvironment()) -> FunctionTable {
        var table = FunctionTable()
        let groups: [[GoFunc]] = [
            stringFunctions(environment),
            listFunctions(),
            dictFunctions(),
            numericFunctions(environment),
            defaultFunctions(),
            reflectionFunctions(),
            encodingFunctions(),
            cryptoFunctions(environment),
            dateFunctions(environment),
            regexFunctions(),
            semverFunctions(),
            pathFunctions(),
            networkFunctions(environment),
        ]
        for group in groups {
            for function in group where !removedByHelm.contains(function.name) { table.register(function) }
        }
        return table
    }
}
