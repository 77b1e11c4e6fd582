import Foundation

/// A time zone read from the system's TZif files (`/usr/share/zoneinfo`), as Go's `time.LoadLocation` does,
/// so that abbreviations (`EST`, `CEST`, `+04`) and offsets match Go's.
final class ZoneInfo: @unchecked Sendable {
    struct ZoneType {
        let offset: Int
        let isDST: Bool
        let name: String
    }

    let name: String
    private let transitions: [Int64]
    private let typeIndices: [Int]
    private let types: [ZoneType]
    private let rule: PosixRule?

    private init(name: String, transitions: [Int64], typeIndices: [Int], types: [ZoneType], rule: PosixRule?) {
        self.name = name
        self.transitions = transitions
        self.typeIndices = typeIndices
        self.types = types
        self.rule = rule
    }

    private static let lock = NSLock()
    nonisolated(unsafe) private static var cache: [String: ZoneInfo?] = [:]

    /// Loads `name` from the zoneinfo directories Go searches; `nil` when absent or malformed.
    static func load(_ name: String) -> ZoneInfo? {
        lock.lock()
        defer { lock.unlock() }
        if let hit = cache[name] { return hit }
        var result: ZoneInfo? = nil
        // Go: LoadLocation rejects names that could escape the zoneinfo directory.
        if !name.isEmpty && !name.hasPrefix("/") && !name.contains("..") && !name.contains("\\") {
            for dir in ["/usr/share/zoneinfo/", "/usr/share/lib/zoneinfo/", "/usr/lib/locale/TZ/", "/etc/zoneinfo/"] {
                if let data = FileManager.default.contents(atPath: dir + name), let z = parse(name: name, Array(data)) {
                    result = z
                    break
                }
            }
        }
        cache[name] = result
        return result
    }

    // Go: time/zoneinfo_read.go LoadLocationFromTZData (version 2+ data, 64-bit section, footer rule).
    private static func parse(name: String, _ d: [UInt8]) -> ZoneInfo? {
        var p = 0
        func u32() -> Int? {
            guard p + 4 <= d.count else { return nil }
            defer { p += 4 }
            return Int(d[p]) << 24 | Int(d[p + 1]) << 16 | Int(d[p + 2]) << 8 | Int(d[p + 3])
        }
        func i64() -> Int64? {
            guard p + 8 <= d.count else { return nil }
            var v: UInt64 = 0
            for k in 0..<8 { v = v << 8 | UInt64(d[p + k]) }
            p += 8
            return Int64(bitPattern: v)
        }
        func header() -> (isUTC: Int, isStd: Int, leap: Int, time: Int, type: Int, chars: Int, version: UInt8)? {
            guard p + 44 <= d.count, d[p] == 0x54, d[p + 1] == 0x5A, d[p + 2] == 0x69, d[p + 3] == 0x66 else { return nil }
            let version = d[p + 4]
            p += 20
            guard let a = u32(), let b = u32(), let c = u32(), let t = u32(), let ty = u32(), let ch = u32() else { return nil }
            return (a, b, c, t, ty, ch, version)
        }
        guard let h1 = header() else { return nil }
        var h = h1
        var wide = false
        if h1.version >= 0x32 {
            // Skip the 32-bit section.
            p += h1.time * 4 + h1.time + h1.type * 6 + h1.chars + h1.leap * 8 + h1.isStd + h1.isUTC
            guard let h2 = header() else { return nil }
            h = h2
            wide = true
        }
        var transitions: [Int64] = []
        for _ in 0..<h.time {
            if wide { guard let v = i64() else { return nil }; transitions.append(v) }
            else { guard let v = u32() else { return nil }; transitions.append(Int64(Int32(truncatingIfNeeded: v))) }
        }
        guard p + h.time <= d.count else { return nil }
        let indices = d[p..<(p + h.time)].map(Int.init)
        p += h.time
        var raw: [(Int, Bool, Int)] = []
        for _ in 0..<h.type {
            guard let off = u32(), p + 2 <= d.count else { return nil }
            raw.append((Int(Int32(truncatingIfNeeded: off)), d[p] != 0, Int(d[p + 1])))
            p += 2
        }
        guard p + h.chars <= d.count else { return nil }
        let chars = Array(d[p..<(p + h.chars)])
        p += h.chars
        p += h.leap * (wide ? 12 : 8) + h.isStd + h.isUTC
        let types = raw.map { (off, dst, idx) -> ZoneType in
            let end = chars[min(idx, chars.count)...].firstIndex(of: 0) ?? chars.count
            return ZoneType(offset: off, isDST: dst, name: String(decoding: chars[min(idx, chars.count)..<end], as: UTF8.self))
        }
        var rule: PosixRule? = nil
        if wide, p < d.count, d[p] == 0x0A, let end = d[(p + 1)...].firstIndex(of: 0x0A) {
            rule = PosixRule(String(decoding: d[(p + 1)..<end], as: UTF8.self))
        }
        guard !types.isEmpty, indices.allSatisfy({ $0 < types.count }) else { return nil }
        return ZoneInfo(name: name, transitions: transitions, typeIndices: indices, types: types, rule: rule)
    }

    /// The offset and abbreviation in effect at Unix time `t` (Go: zoneinfo.go lookup).
    func lookup(_ t: Int64) -> (offset: Int, name: String) {
        if transitions.isEmpty || t < transitions[0] {
            // Go: lookupFirstZone, the first standard-time type.
            let first = types.first { !$0.isDST } ?? types[0]
            return (first.offset, first.name)
        }
        if let last = transitions.last, t >= last, let rule {
            return rule.lookup(t)
        }
        var lo = 0
        var hi = transitions.count
        while hi - lo > 1 {
            let m = (lo + hi) / 2
            if t < transitions[m] { hi = m } else { lo = m }
        }
        let z = types[typeIndices[lo]]
        return (z.offset, z.name)
    }
}

/// A POSIX TZ rule string (`EST5EDT,M3.2.0,M11.1.0`), the TZif footer that covers times after the last transition.
struct PosixRule {
    let stdName: String
    let stdOffset: Int
    let dst: (name: String, offset: Int, start: Day, end: Day)?

    enum Day {
        case julian(Int, time: Int)  // Jn: 1...365, no leap day
        case zeroBased(Int, time: Int)  // n: 0...365
        case month(Int, week: Int, weekday: Int, time: Int)  // Mm.w.d
    }

    init?(_ s: String) {
        var c = Array(s)[...]
        func parseName() -> String? {
            if c.first == "<" {
                guard let close = c.firstIndex(of: ">") else { return nil }
                let n = String(c[(c.startIndex + 1)..<close])
                c = c[(close + 1)...]
                return n
            }
            var n = ""
            while let ch = c.first, ch.isLetter { n.append(ch); c = c.dropFirst() }
            return n.count >= 3 ? n : nil
        }
        // `[+-]hh[:mm[:ss]]` in seconds.
        func parseOffset() -> Int? {
            var sign = 1
            if let ch = c.first, ch == "+" || ch == "-" { sign = ch == "-" ? -1 : 1; c = c.dropFirst() }
            var parts: [Int] = []
            while parts.count < 3 {
                var digits = ""
                while let ch = c.first, ch.isASCII, ch.isNumber { digits.append(ch); c = c.dropFirst() }
                guard let v = Int(digits) else { return parts.isEmpty ? nil : 0 }
                parts.append(v)
                if c.first == ":" { c = c.dropFirst() } else { break }
            }
            let secs = parts[0] * 3600 + (parts.count > 1 ? parts[1] * 60 : 0) + (parts.count > 2 ? parts[2] : 0)
            return sign * secs
        }
        func parseDay() -> Day? {
            var day: Day
            if c.first == "M" {
                c = c.dropFirst()
                let fields = c.prefix { $0 != "/" && $0 != "," }.split(separator: ".").compactMap { Int(String($0)) }
                c = c.dropFirst(c.prefix { $0 != "/" && $0 != "," }.count)
                guard fields.count == 3 else { return nil }
                day = .month(fields[0], week: fields[1], weekday: fields[2], time: 7200)
            } else {
                let julian = c.first == "J"
                if julian { c = c.dropFirst() }
                var digits = ""
                while let ch = c.first, ch.isASCII, ch.isNumber { digits.append(ch); c = c.dropFirst() }
                guard let n = Int(digits) else { return nil }
                day = julian ? .julian(n, time: 7200) : .zeroBased(n, time: 7200)
            }
            if c.first == "/" {
                c = c.dropFirst()
                guard let t = parseOffset() else { return nil }
                switch day {
                case .julian(let n, _): day = .julian(n, time: t)
                case .zeroBased(let n, _): day = .zeroBased(n, time: t)
                case .month(let m, let w, let d, _): day = .month(m, week: w, weekday: d, time: t)
                }
            }
            return day
        }
        guard let std = parseName(), let off = parseOffset() else { return nil }
        stdName = std
        stdOffset = -off
        if c.isEmpty {
            dst = nil
            return
        }
        guard let dstName = parseName() else { return nil }
        var dstOffset = stdOffset + 3600
        if let ch = c.first, ch != "," { guard let o = parseOffset() else { return nil }; dstOffset = -o }
        guard c.first == "," else { return nil }
        c = c.dropFirst()
        guard let start = parseDay(), c.first == "," else { return nil }
        c = c.dropFirst()
        guard let end = parseDay() else { return nil }
        dst = (dstName, dstOffset, start, end)
    }

    /// Seconds from the start of `year` (local standard-time clock) to `day`'s transition time.
    private static func seconds(_ day: Day, year: Int) -> Int {
        let leap = GoTime.isLeap(year)
        switch day {
        case .julian(let n, let t):
            var d = n - 1
            if leap && n >= 60 { d += 1 }
            return d * 86_400 + t
        case .zeroBased(let n, let t):
            return n * 86_400 + t
        case .month(let m, let w, let wd, let t):
            let firstOfMonth = GoTime.days(year: year, month: m, day: 1)
            let firstWeekday = Int(((firstOfMonth % 7) + 11) % 7)
            var d = (wd - firstWeekday + 7) % 7 + 1 + (w - 1) * 7
            let monthDays = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
            while d > monthDays { d -= 7 }
            let yearStart = GoTime.days(year: year, month: 1, day: 1)
            return Int(firstOfMonth - yearStart + Int64(d - 1)) * 86_400 + t
        }
    }

    /// Go: zoneinfo.go tzset (the offset and name in effect at `t`).
    func lookup(_ t: Int64) -> (offset: Int, name: String) {
        guard let dst else { return (stdOffset, stdName) }
        let (year, _, _) = GoTime.civil(fromDays: (t + Int64(stdOffset)) >= 0
            ? (t + Int64(stdOffset)) / 86_400 : ((t + Int64(stdOffset)) - 86_399) / 86_400)
        let yearStart = GoTime.days(year: year, month: 1, day: 1) * 86_400
        // Transition times are in local wall time: start is read on the standard clock, end on the DST clock.
        let start = yearStart + Int64(PosixRule.seconds(dst.start, year: year)) - Int64(stdOffset)
        let end = yearStart + Int64(PosixRule.seconds(dst.end, year: year)) - Int64(dst.offset)
        let inDST = start < end ? (t >= start && t < end) : !(t >= end && t < start)
        return inDST ? (dst.offset, dst.name) : (stdOffset, stdName)
    }
}
