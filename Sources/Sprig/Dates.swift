import Foundation
import GoTemplate
import Values

// Sprig: date.go over Go's time package (layout-based formatting and parsing, durations).

extension SprigLibrary {
    static func dateFunctions(_ env: SprigEnvironment) -> [GoFunc] {
        let local = GoTime.Zone(env.localZone)
        // The monotonic reading counts from when the library was built, as Go's counts from process start.
        let start = env.now()
        let now: @Sendable () -> GoTime = {
            let date = env.now()
            let elapsed = Int64((date.timeIntervalSince(start) * 1e9).rounded(.down))
            return GoTime(date: date, zone: local, monotonic: max(elapsed, 1))
        }
        // Sprig: an unknown zone name falls back to UTC.
        @Sendable func load(_ zone: String) -> GoTime.Zone {
            if zone == "Local" { return local }
            return GoTime.Zone.load(zone) ?? .utc
        }
        // Sprig: dateInZone accepts time.Time, *time.Time and integer Unix seconds; anything else is now.
        @Sendable func time(_ v: Value) -> GoTime {
            switch v {
            case .object(let o): return (o as? GoTime) ?? now()
            case .int(let i, _): return GoTime(seconds: i, nanoseconds: 0, zone: local)
            default: return now()
            }
        }
        @Sendable func timeArgument(_ v: Value) throws -> GoTime {
            guard case .object(let o) = v, let t = o as? GoTime else {
                throw FunctionError("wrong type for value; expected time.Time; got \(v.goTypeName)")
            }
            return t
        }
        var fs: [GoFunc] = [
            GoFunc("now", []) { _ in .object(now()) },
            GoFunc("date", [.string, .interface]) { a in
                .string(time(a[1]).in(local).format(a[0].stringValue ?? ""))
            },
            GoFunc("htmlDate", [.interface]) { a in .string(time(a[0]).in(local).format("2006-01-02")) },
            GoFunc("htmlDateInZone", [.interface, .string]) { a in
                .string(time(a[0]).in(load(a[1].stringValue ?? "")).format("2006-01-02"))
            },
            GoFunc("unixEpoch", [.interface]) { a in .string(String(try timeArgument(a[0]).seconds)) },
            GoFunc("ago", [.interface]) { a in
                let t: GoTime
                switch a[0] {
                case .object(let o): t = (o as? GoTime) ?? now()
                case .int(let i, _): t = GoTime(seconds: i, nanoseconds: 0, zone: local)
                default: t = now()
                }
                let since = now().nanosecondsSince(t)
                return .string(GoDuration.string(GoDuration.round(since, to: 1_000_000_000)))
            },
            GoFunc("duration", [.interface]) { a in
                // Sprig: only a string or an int64 counts; a Go `int` (`duration 95`) is 0s.
                var n: Int64 = 0
                switch a[0] {
                case .string(let s): n = Cast.parseInt(s, base: 10) ?? 0
                case .int(let i, .int64): n = i
                default: n = 0
                }
                return .string(GoDuration.string(n &* 1_000_000_000))
            },
            GoFunc("durationRound", [.interface]) { a in
                var d: Int64 = 0
                switch a[0] {
                case .string(let s): d = (try? GoDuration.parse(s)) ?? 0
                case .int(let i, .int64): d = i  // Sprig: an `int` is not a duration (0s)
                case .object(let o): if let t = o as? GoTime { d = now().nanosecondsSince(t) }
                default: d = 0
                }
                return .string(GoDuration.roundApproximately(d))
            },
            GoFunc("toDate", [.string, .string]) { a in
                .object((try? GoTime.parse(layout: a[0].stringValue ?? "", a[1].stringValue ?? "", zone: local))
                    ?? GoTime.zero)
            },
            GoFunc("mustToDate", [.string, .string]) { a in
                .object(try GoTime.parse(layout: a[0].stringValue ?? "", a[1].stringValue ?? "", zone: local))
            },
        ]
        for name in ["dateInZone", "date_in_zone"] {
            fs.append(GoFunc(name, [.string, .interface, .string]) { a in
                .string(time(a[1]).in(load(a[2].stringValue ?? "")).format(a[0].stringValue ?? ""))
            })
        }
        for name in ["dateModify", "date_modify"] {
            fs.append(GoFunc(name, [.string, .interface]) { a in
                let t = try timeArgument(a[1])
                guard let d = try? GoDuration.parse(a[0].stringValue ?? "") else { return .object(t) }
                return .object(t.adding(nanoseconds: d))
            })
        }
        for name in ["mustDateModify", "must_date_modify"] {
            fs.append(GoFunc(name, [.string, .interface]) { a in
                let t = try timeArgument(a[1])
                return .object(t.adding(nanoseconds: try GoDuration.parse(a[0].stringValue ?? "")))
            })
        }
        return fs
    }
}

/// Go's `time.Duration` text form and parser.
enum GoDuration {
    /// `Duration.String()`: `1h2m3.5s`, `1.5ms`, `0s`.
    static func string(_ d: Int64) -> String {
        if d == 0 { return "0s" }
        let negative = d < 0
        var u = d.magnitude
        var out = ""
        if u < 1_000_000_000 {
            // Sub-second: ns, µs or ms with a fraction.
            let (unit, scale): (String, UInt64)
            if u < 1_000 { return (negative ? "-" : "") + "\(u)ns" }
            else if u < 1_000_000 { (unit, scale) = ("µs", 1_000) }
            else { (unit, scale) = ("ms", 1_000_000) }
            out = fraction(u, scale) + unit
        } else {
            let seconds = u / 1_000_000_000
            out = fraction(u % 60_000_000_000, 1_000_000_000) + "s"
            u = seconds / 60
            if u > 0 {
                out = "\(u % 60)m" + out
                u /= 60
                if u > 0 { out = "\(u)h" + out }
            }
        }
        return (negative ? "-" : "") + out
    }

    /// `v / scale` with the fraction's trailing zeros removed (`1.5`, `2`).
    private static func fraction(_ v: UInt64, _ scale: UInt64) -> String {
        let whole = v / scale
        var frac = v % scale
        guard frac != 0 else { return "\(whole)" }
        var digits = String(scale).count - 1
        while frac % 10 == 0 { frac /= 10; digits -= 1 }
        let f = String(frac)
        return "\(whole)." + String(repeating: "0", count: digits - f.count) + f
    }

    /// `Duration.Round(m)`: halves away from zero.
    static func round(_ d: Int64, to m: Int64) -> Int64 {
        var r = d % m
        if d < 0 {
            r = -r
            if r + r < m { return d + r }
            let (v, o) = d.subtractingReportingOverflow(m - r)
            return o ? Int64.min : v
        }
        if r + r < m { return d - r }
        let (v, o) = d.addingReportingOverflow(m - r)
        return o ? Int64.max : v
    }

    /// Sprig `durationRound`: the largest whole unit (`y`, `mo`, `d`, `h`, `m`, `s`).
    static func roundApproximately(_ d: Int64) -> String {
        let u = d.magnitude
        let hour: UInt64 = 3_600_000_000_000
        let units: [(UInt64, String)] = [
            (hour * 24 * 365, "y"), (hour * 24 * 30, "mo"), (hour * 24, "d"), (hour, "h"), (60_000_000_000, "m"),
            (1_000_000_000, "s"),
        ]
        for (size, suffix) in units where u > size { return "\(u / size)\(suffix)" }
        return "0s"
    }

    /// `time.ParseDuration`: `[-+]?([0-9]*(\.[0-9]*)?[a-z]+)+`.
    static func parse(_ s: String) throws -> Int64 {
        let orig = s
        var b = Array(s.utf8)[...]
        var negative = false
        if let f = b.first, f == UInt8(ascii: "-") || f == UInt8(ascii: "+") {
            negative = f == UInt8(ascii: "-")
            b = b.dropFirst()
        }
        if b.elementsEqual("0".utf8) { return 0 }
        guard !b.isEmpty else { throw FunctionError("time: invalid duration \(Cast.quote(orig))") }
        let units: [String: Double] = [
            "ns": 1, "us": 1e3, "µs": 1e3, "μs": 1e3, "ms": 1e6, "s": 1e9, "m": 60e9, "h": 3600e9,
        ]
        var total = 0.0
        while !b.isEmpty {
            var number = ""
            while let c = b.first, c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") || c == UInt8(ascii: ".") {
                number.unicodeScalars.append(Unicode.Scalar(c))
                b = b.dropFirst()
            }
            guard !number.isEmpty, number != ".", let v = Double(number.hasPrefix(".") ? "0" + number : number) else {
                throw FunctionError("time: invalid duration \(Cast.quote(orig))")
            }
            var unit: [UInt8] = []
            while let c = b.first, c != UInt8(ascii: ".") && !(c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) {
                unit.append(c)
                b = b.dropFirst()
            }
            if unit.isEmpty { throw FunctionError("time: missing unit in duration \(Cast.quote(orig))") }
            guard let scale = units[String(decoding: unit, as: UTF8.self)] else {
                throw FunctionError(
                    "time: unknown unit \(Cast.quote(String(decoding: unit, as: UTF8.self))) in duration \(Cast.quote(orig))")
            }
            total += v * scale
        }
        guard total < 9.223372036854775807e18 else { throw FunctionError("time: invalid duration \(Cast.quote(orig))") }
        let n = Int64(total.rounded(.towardZero))
        return negative ? -n : n
    }
}
