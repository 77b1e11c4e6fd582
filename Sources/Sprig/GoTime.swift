import Foundation
import GoTemplate
import Values

/// A Go `time.Time`: an instant (Unix seconds and nanoseconds) with a location.
final class GoTime: TemplateObject, @unchecked Sendable {
    /// A location: zoneinfo data, or a fixed offset with an optional name (Go `FixedZone`, `UTC`).
    enum Zone {
        case info(ZoneInfo)
        case fixed(name: String, offset: Int)

        /// Go `time.UTC`.
        static let utc = Zone.fixed(name: "UTC", offset: 0)

        /// The zone for a Foundation time zone: its zoneinfo file when present, else its current offset.
        init(_ tz: TimeZone) {
            let id = tz.identifier
            if id == "UTC" || id == "GMT" || id == "Etc/UTC" && ZoneInfo.load(id) == nil {
                self = .utc
            } else if let info = ZoneInfo.load(id) {
                self = .info(info)
            } else {
                self = .fixed(name: tz.abbreviation() ?? "", offset: tz.secondsFromGMT())
            }
        }

        /// Go `time.LoadLocation`: "" and "UTC" are UTC; `nil` for an unknown name.
        static func load(_ name: String) -> Zone? {
            if name.isEmpty || name == "UTC" { return .utc }
            return ZoneInfo.load(name).map(Zone.info)
        }

        /// The offset and abbreviation at Unix time `t`.
        func lookup(_ t: Int64) -> (offset: Int, name: String) {
            switch self {
            case .info(let z): return z.lookup(t)
            case .fixed(let name, let offset): return (offset, name)
            }
        }
    }

    let seconds: Int64
    let nanoseconds: Int64
    let zone: Zone
    /// Go's monotonic clock reading in nanoseconds (`now` has one; `String()` prints it as `m=+0.000000001`).
    let monotonic: Int64?

    init(seconds: Int64, nanoseconds: Int64, zone: Zone, monotonic: Int64? = nil) {
        self.seconds = seconds
        self.nanoseconds = nanoseconds
        self.zone = zone
        self.monotonic = monotonic
    }

    convenience init(date: Date, zone: Zone, monotonic: Int64? = nil) {
        let t = date.timeIntervalSince1970
        let s = t.rounded(.down)
        self.init(seconds: Int64(s), nanoseconds: Int64(((t - s) * 1e9).rounded(.down)), zone: zone,
                  monotonic: monotonic)
    }

    /// Go's zero `time.Time` (January 1, year 1, 00:00:00 UTC).
    static let zero = GoTime(seconds: -62_135_596_800, nanoseconds: 0, zone: .fixed(name: "UTC", offset: 0))

    /// `t.In(zone)`, which drops the monotonic reading as Go does.
    func `in`(_ zone: Zone) -> GoTime { GoTime(seconds: seconds, nanoseconds: nanoseconds, zone: zone) }

    func adding(nanoseconds d: Int64) -> GoTime {
        let total = nanoseconds + d % 1_000_000_000
        var s = seconds + d / 1_000_000_000
        var n = total
        if n < 0 { n += 1_000_000_000; s -= 1 } else if n >= 1_000_000_000 { n -= 1_000_000_000; s += 1 }
        return GoTime(seconds: s, nanoseconds: n, zone: zone, monotonic: monotonic.map { $0 &+ d })
    }

    /// `t.Sub(u)` in nanoseconds (saturating).
    func nanosecondsSince(_ u: GoTime) -> Int64 {
        let (ds, o1) = (seconds - u.seconds).multipliedReportingOverflow(by: 1_000_000_000)
        let (d, o2) = ds.addingReportingOverflow(nanoseconds - u.nanoseconds)
        if o1 || o2 { return seconds > u.seconds ? Int64.max : Int64.min }
        return d
    }

    /// The zone's offset from UTC and abbreviation at this instant.
    var offsetAndName: (offset: Int, name: String) { zone.lookup(seconds) }

    static func numericAbbreviation(_ offset: Int) -> String {
        let sign = offset < 0 ? "-" : "+"
        let m = abs(offset) / 60
        let h = m / 60
        let mm = m % 60
        return sign + pad(h, 2) + (mm != 0 ? pad(mm, 2) : "")
    }

    static func pad(_ v: Int, _ width: Int) -> String {
        let s = String(abs(v))
        return (v < 0 ? "-" : "") + String(repeating: "0", count: max(0, width - s.count)) + s
    }

    // MARK: Civil time

    struct Civil {
        var year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, weekday: Int, yearDay: Int
    }

    /// Days since 1970-01-01 → (year, month, day) in the proleptic Gregorian calendar.
    static func civil(fromDays z0: Int64) -> (Int, Int, Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (Int(m <= 2 ? y + 1 : y), Int(m), Int(d))
    }

    /// (year, month, day) → days since 1970-01-01.
    static func days(year y0: Int, month m: Int, day d: Int) -> Int64 {
        let y = Int64(m <= 2 ? y0 - 1 : y0)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = Int64(m > 2 ? m - 3 : m + 9)
        let doy = (153 * mp + 2) / 5 + Int64(d) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func isLeap(_ y: Int) -> Bool { y % 4 == 0 && (y % 100 != 0 || y % 400 == 0) }

    var civil: Civil {
        let local = seconds + Int64(offsetAndName.offset)
        var days = local / 86_400
        var rem = local % 86_400
        if rem < 0 { rem += 86_400; days -= 1 }
        let (y, m, d) = GoTime.civil(fromDays: days)
        let weekday = Int(((days % 7) + 11) % 7)  // 1970-01-01 was a Thursday (4).
        let yday = Int(days - GoTime.days(year: y, month: 1, day: 1)) + 1
        return Civil(year: y, month: m, day: d, hour: Int(rem / 3600), minute: Int(rem % 3600 / 60),
                     second: Int(rem % 60), weekday: weekday, yearDay: yday)
    }

    static let longMonths = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                             "October", "November", "December"]
    static let longDays = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]

    // MARK: Layouts (Go: time/format.go)

    enum Chunk: Equatable {
        case literal(String)
        case longMonth, month, numMonth, zeroMonth, longWeekDay, weekDay, day, underDay, zeroDay, underYearDay
        case zeroYearDay, hour, hour12, zeroHour12, minute, zeroMinute, second, zeroSecond, longYear, year, pm, upperPM
        case tz, iso8601TZ, iso8601SecondsTZ, iso8601ShortTZ, iso8601ColonTZ, iso8601ColonSecondsTZ
        case numTZ, numSecondsTz, numShortTZ, numColonTZ, numColonSecondsTZ
        case fracSecond0(Int, Character), fracSecond9(Int, Character)
    }

    /// Splits a layout into literal text and standard chunks (Go `nextStdChunk`).
    static func chunks(_ layout: String) -> [Chunk] {
        let l = Array(layout)
        var out: [Chunk] = []
        var literal = ""
        var i = 0
        func has(_ s: String, at j: Int) -> Bool {
            let a = Array(s)
            return j + a.count <= l.count && Array(l[j..<(j + a.count)]) == a
        }
        func emit(_ c: Chunk, _ width: Int) {
            if !literal.isEmpty { out.append(.literal(literal)); literal = "" }
            out.append(c)
            i += width
        }
        while i < l.count {
            let c = l[i]
            switch c {
            case "J" where has("Jan", at: i):
                if has("January", at: i) { emit(.longMonth, 7) } else { emit(.month, 3) }
                continue
            case "M" where has("Mon", at: i):
                if has("Monday", at: i) { emit(.longWeekDay, 6) } else { emit(.weekDay, 3) }
                continue
            case "M" where has("MST", at: i): emit(.tz, 3); continue
            case "0" where i + 1 < l.count && ("1"..."6").contains(l[i + 1]):
                let table: [Chunk] = [.zeroMonth, .zeroDay, .zeroHour12, .zeroMinute, .zeroSecond, .year]
                emit(table[Int(String(l[i + 1])).map { $0 - 1 } ?? 0], 2)
                continue
            case "0" where has("002", at: i): emit(.zeroYearDay, 3); continue
            case "1":
                if has("15", at: i) { emit(.hour, 2) } else { emit(.numMonth, 1) }
                continue
            case "2":
                if has("2006", at: i) { emit(.longYear, 4) } else { emit(.day, 1) }
                continue
            case "_" where has("_2", at: i):
                if has("_2006", at: i) {
                    literal.append("_")
                    i += 1
                    emit(.longYear, 4)
                } else if has("__2", at: i) { emit(.underYearDay, 3) } else { emit(.underDay, 2) }
                continue
            case "_" where has("__2", at: i): emit(.underYearDay, 3); continue
            case "3": emit(.hour12, 1); continue
            case "4": emit(.minute, 1); continue
            case "5": emit(.second, 1); continue
            case "P" where has("PM", at: i): emit(.upperPM, 2); continue
            case "p" where has("pm", at: i): emit(.pm, 2); continue
            case "-":
                if has("-070000", at: i) { emit(.numSecondsTz, 7); continue }
                if has("-07:00:00", at: i) { emit(.numColonSecondsTZ, 9); continue }
                if has("-0700", at: i) { emit(.numTZ, 5); continue }
                if has("-07:00", at: i) { emit(.numColonTZ, 6); continue }
                if has("-07", at: i) { emit(.numShortTZ, 3); continue }
            case "Z":
                if has("Z070000", at: i) { emit(.iso8601SecondsTZ, 7); continue }
                if has("Z07:00:00", at: i) { emit(.iso8601ColonSecondsTZ, 9); continue }
                if has("Z0700", at: i) { emit(.iso8601TZ, 5); continue }
                if has("Z07:00", at: i) { emit(.iso8601ColonTZ, 6); continue }
                if has("Z07", at: i) { emit(.iso8601ShortTZ, 3); continue }
            case ".", ",":
                if i + 1 < l.count && (l[i + 1] == "0" || l[i + 1] == "9") {
                    let ch = l[i + 1]
                    var j = i + 1
                    while j < l.count && l[j] == ch { j += 1 }
                    if !(j < l.count && l[j].isASCII && l[j].isNumber) {
                        let n = j - (i + 1)
                        emit(ch == "0" ? .fracSecond0(n, c) : .fracSecond9(n, c), j - i)
                        continue
                    }
                }
            default: break
            }
            literal.append(c)
            i += 1
        }
        if !literal.isEmpty { out.append(.literal(literal)) }
        return out
    }

    /// `t.Format(layout)`.
    func format(_ layout: String) -> String {
        let c = civil
        let (offset, name) = offsetAndName
        var b = ""
        func zoneText(colon: Bool, seconds: Bool, short: Bool, z: Bool) {
            if z && offset == 0 { b += "Z"; return }
            var zone = offset / 60
            var absOffset = offset
            if zone < 0 { b += "-"; zone = -zone; absOffset = -absOffset } else { b += "+" }
            b += GoTime.pad(zone / 60, 2)
            if short { return }
            if colon { b += ":" }
            b += GoTime.pad(zone % 60, 2)
            if seconds {
                if colon { b += ":" }
                b += GoTime.pad(absOffset % 60, 2)
            }
        }
        for chunk in GoTime.chunks(layout) {
            switch chunk {
            case .literal(let s): b += s
            case .year: b += GoTime.pad(((c.year % 100) + 100) % 100, 2)
            case .longYear: b += GoTime.pad(c.year, 4)
            case .month: b += String(GoTime.longMonths[c.month - 1].prefix(3))
            case .longMonth: b += GoTime.longMonths[c.month - 1]
            case .numMonth: b += String(c.month)
            case .zeroMonth: b += GoTime.pad(c.month, 2)
            case .weekDay: b += String(GoTime.longDays[c.weekday].prefix(3))
            case .longWeekDay: b += GoTime.longDays[c.weekday]
            case .day: b += String(c.day)
            case .underDay: b += (c.day < 10 ? " " : "") + String(c.day)
            case .zeroDay: b += GoTime.pad(c.day, 2)
            case .underYearDay:
                b += (c.yearDay < 100 ? " " : "") + (c.yearDay < 10 ? " " : "") + String(c.yearDay)
            case .zeroYearDay: b += GoTime.pad(c.yearDay, 3)
            case .hour: b += GoTime.pad(c.hour, 2)
            case .hour12: b += String(c.hour % 12 == 0 ? 12 : c.hour % 12)
            case .zeroHour12: b += GoTime.pad(c.hour % 12 == 0 ? 12 : c.hour % 12, 2)
            case .minute: b += String(c.minute)
            case .zeroMinute: b += GoTime.pad(c.minute, 2)
            case .second: b += String(c.second)
            case .zeroSecond: b += GoTime.pad(c.second, 2)
            case .pm: b += c.hour >= 12 ? "pm" : "am"
            case .upperPM: b += c.hour >= 12 ? "PM" : "AM"
            case .iso8601TZ: zoneText(colon: false, seconds: false, short: false, z: true)
            case .iso8601SecondsTZ: zoneText(colon: false, seconds: true, short: false, z: true)
            case .iso8601ShortTZ: zoneText(colon: false, seconds: false, short: true, z: true)
            case .iso8601ColonTZ: zoneText(colon: true, seconds: false, short: false, z: true)
            case .iso8601ColonSecondsTZ: zoneText(colon: true, seconds: true, short: false, z: true)
            case .numTZ: zoneText(colon: false, seconds: false, short: false, z: false)
            case .numSecondsTz: zoneText(colon: false, seconds: true, short: false, z: false)
            case .numShortTZ: zoneText(colon: false, seconds: false, short: true, z: false)
            case .numColonTZ: zoneText(colon: true, seconds: false, short: false, z: false)
            case .numColonSecondsTZ: zoneText(colon: true, seconds: true, short: false, z: false)
            case .tz:
                if !name.isEmpty { b += name } else {
                    var zone = offset / 60
                    if zone < 0 { b += "-"; zone = -zone } else { b += "+" }
                    b += GoTime.pad(zone / 60, 2) + GoTime.pad(zone % 60, 2)
                }
            case .fracSecond0(let n, let sep):
                let digits = GoTime.pad(Int(nanoseconds), 9)
                b.append(sep)
                b += String(digits.prefix(n))
            case .fracSecond9(let n, let sep):
                var digits = String(GoTime.pad(Int(nanoseconds), 9).prefix(n))
                while digits.hasSuffix("0") { digits.removeLast() }
                if !digits.isEmpty { b.append(sep); b += digits }
            }
        }
        return b
    }

    // MARK: Parsing (Go: time/format.go parse)

    /// `time.ParseInLocation(layout, value, zone)`.
    static func parse(layout: String, _ value: String, zone local: Zone) throws -> GoTime {
        let v = Array(value)
        var i = 0
        var year = 1, month = 1, day = 1, hour = 0, minute = 0, second = 0, nanos: Int64 = 0
        var pmSet = false, amSet = false
        var zoneOffset: Int? = nil
        var zoneName: String? = nil
        var yday = -1
        func fail(_ elem: String, _ rest: String, _ extra: String = "") -> FunctionError {
            FunctionError("parsing time \(Cast.quote(value)) as \(Cast.quote(layout)): cannot parse \(Cast.quote(rest)) as \(Cast.quote(elem))" + extra)
        }
        func rest() -> String { String(v[min(i, v.count)...]) }
        func digits(_ min: Int, _ max: Int, _ elem: String) throws -> Int {
            var j = i
            while j < v.count && j - i < max && v[j].isASCII && v[j].isNumber { j += 1 }
            guard j - i >= min, let n = Int(String(v[i..<j])) else { throw fail(elem, rest()) }
            i = j
            return n
        }
        func lookup(_ table: [String], _ elem: String) throws -> Int {
            for (k, name) in table.enumerated() {
                let n = Array(name)
                if i + n.count <= v.count && String(v[i..<(i + n.count)]).lowercased() == name.lowercased() {
                    i += n.count
                    return k
                }
            }
            throw fail(elem, rest())
        }
        func sign() throws -> Int {
            guard i < v.count, v[i] == "+" || v[i] == "-" else { throw fail("-07:00", rest()) }
            defer { i += 1 }
            return v[i] == "-" ? -1 : 1
        }
        let all = chunks(layout)
        for (ci, chunk) in all.enumerated() {
            let elemText: String
            switch chunk {
            case .literal(let s):
                let a = Array(s)
                guard i + a.count <= v.count, Array(v[i..<(i + a.count)]) == a else {
                    throw FunctionError("parsing time \(Cast.quote(value)) as \(Cast.quote(layout)): cannot parse \(Cast.quote(rest())) as \(Cast.quote(s))")
                }
                i += a.count
                continue
            default: elemText = ""
            }
            _ = elemText
            switch chunk {
            case .literal: break
            case .year:
                let y = try digits(2, 2, "06")
                year = y >= 69 ? y + 1900 : y + 2000
            case .longYear: year = try digits(4, 4, "2006")
            case .month: month = try lookup(longMonths.map { String($0.prefix(3)) }, "Jan") + 1
            case .longMonth: month = try lookup(longMonths, "January") + 1
            case .numMonth: month = try digits(1, 2, "1")
            case .zeroMonth: month = try digits(2, 2, "01")
            case .weekDay: _ = try lookup(longDays.map { String($0.prefix(3)) }, "Mon")
            case .longWeekDay: _ = try lookup(longDays, "Monday")
            case .day: day = try digits(1, 2, "2")
            case .underDay:
                if i < v.count && v[i] == " " { i += 1 }
                day = try digits(1, 2, "_2")
            case .zeroDay: day = try digits(2, 2, "02")
            case .underYearDay:
                while i < v.count && v[i] == " " { i += 1 }
                yday = try digits(1, 3, "__2")
            case .zeroYearDay: yday = try digits(3, 3, "002")
            case .hour: hour = try digits(1, 2, "15")
            case .hour12: hour = try digits(1, 2, "3")
            case .zeroHour12: hour = try digits(2, 2, "03")
            case .minute: minute = try digits(1, 2, "4")
            case .zeroMinute: minute = try digits(2, 2, "04")
            case .second, .zeroSecond:
                second = try digits(chunk == .second ? 1 : 2, 2, chunk == .second ? "5" : "05")
                // Go accepts a fractional second after seconds when the layout has none next.
                var fractionNext = false
                if ci + 1 < all.count {
                    switch all[ci + 1] {
                    case .fracSecond0, .fracSecond9: fractionNext = true
                    default: break
                    }
                }
                if !fractionNext, i + 1 < v.count, v[i] == "." || v[i] == ",", v[i + 1].isNumber {
                    var j = i + 1
                    while j < v.count && v[j].isASCII && v[j].isNumber { j += 1 }
                    nanos = fractionNanos(String(v[(i + 1)..<j]))
                    i = j
                }
            case .upperPM, .pm:
                guard i + 2 <= v.count else { throw fail(chunk == .pm ? "pm" : "PM", rest()) }
                let p = String(v[i..<(i + 2)]).uppercased()
                if p == "PM" { pmSet = true } else if p == "AM" { amSet = true } else {
                    throw fail(chunk == .pm ? "pm" : "PM", rest())
                }
                i += 2
            case .iso8601TZ, .iso8601SecondsTZ, .iso8601ShortTZ, .iso8601ColonTZ, .iso8601ColonSecondsTZ,
                .numTZ, .numSecondsTz, .numShortTZ, .numColonTZ, .numColonSecondsTZ:
                let isZ = [.iso8601TZ, .iso8601SecondsTZ, .iso8601ShortTZ, .iso8601ColonTZ, .iso8601ColonSecondsTZ]
                    .contains(chunk)
                if isZ && i < v.count && v[i] == "Z" {
                    i += 1
                    zoneOffset = 0
                    zoneName = "UTC"
                    break
                }
                let s = try sign()
                let h = try digits(2, 2, "-07")
                var m = 0, sec = 0
                let colon = [.iso8601ColonTZ, .iso8601ColonSecondsTZ, .numColonTZ, .numColonSecondsTZ].contains(chunk)
                let short = chunk == .iso8601ShortTZ || chunk == .numShortTZ
                if !short {
                    if colon { guard i < v.count, v[i] == ":" else { throw fail("-07:00", rest()) }; i += 1 }
                    m = try digits(2, 2, "-0700")
                    if [.iso8601SecondsTZ, .iso8601ColonSecondsTZ, .numSecondsTz, .numColonSecondsTZ].contains(chunk) {
                        if colon { guard i < v.count, v[i] == ":" else { throw fail("-07:00:00", rest()) }; i += 1 }
                        sec = try digits(2, 2, "-070000")
                    }
                }
                zoneOffset = s * (h * 3600 + m * 60 + sec)
            case .tz:
                if i + 3 <= v.count && String(v[i..<(i + 3)]) == "UTC" {
                    i += 3
                    zoneName = "UTC"
                    zoneOffset = 0
                    break
                }
                var j = i
                while j < v.count && v[j].isASCII && v[j].isUppercase { j += 1 }
                guard j - i >= 3 else { throw fail("MST", rest()) }
                zoneName = String(v[i..<j])
                i = j
            case .fracSecond0(let n, _):
                guard i + 1 + n <= v.count, v[i] == "." || v[i] == "," else { throw fail(".000", rest()) }
                nanos = fractionNanos(String(v[(i + 1)..<(i + 1 + n)]))
                i += 1 + n
            case .fracSecond9:
                if i + 1 < v.count, v[i] == "." || v[i] == ",", v[i + 1].isNumber {
                    var j = i + 1
                    while j < v.count && v[j].isASCII && v[j].isNumber { j += 1 }
                    nanos = fractionNanos(String(v[(i + 1)..<j]))
                    i = j
                }
            }
        }
        if i < v.count {
            throw FunctionError("parsing time \(Cast.quote(value)): extra text: \(Cast.quote(rest()))")
        }
        if pmSet && hour < 12 { hour += 12 } else if amSet && hour == 12 { hour = 0 }
        if yday >= 0 {
            var d = Int(days(year: year, month: 1, day: 1)) + yday - 1
            let (y, m, dd) = civil(fromDays: Int64(d))
            _ = y
            month = m
            day = dd
            d = 0
        }
        let monthDays = [31, isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard (1...12).contains(month) else {
            throw FunctionError("parsing time \(Cast.quote(value)): month out of range")
        }
        guard day >= 1 && day <= monthDays[month - 1] else {
            throw FunctionError("parsing time \(Cast.quote(value)): day out of range")
        }
        guard hour < 24, minute < 60, second < 60 else {
            throw FunctionError("parsing time \(Cast.quote(value)): \(hour >= 24 ? "hour" : minute >= 60 ? "minute" : "second") out of range")
        }
        let localSeconds = days(year: year, month: month, day: day) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
        if let offset = zoneOffset {
            let t = localSeconds - Int64(offset)
            if zoneName == "UTC" && offset == 0 { return GoTime(seconds: t, nanoseconds: nanos, zone: .utc) }
            // Go keeps the local zone when its offset at that instant matches.
            if local.lookup(t).offset == offset { return GoTime(seconds: t, nanoseconds: nanos, zone: local) }
            return GoTime(seconds: t, nanoseconds: nanos, zone: .fixed(name: "", offset: offset))
        }
        if let name = zoneName {
            // A zone abbreviation: the local zone's offset if it uses that name, otherwise a zero offset.
            let guess = localSeconds - Int64(local.lookup(localSeconds).offset)
            let (offset, localName) = local.lookup(guess)
            if localName == name { return GoTime(seconds: localSeconds - Int64(offset), nanoseconds: nanos, zone: local) }
            return GoTime(seconds: localSeconds, nanoseconds: nanos, zone: .fixed(name: name, offset: 0))
        }
        // Go: Date() resolves the wall clock in the zone, trying the offsets around it.
        let first = local.lookup(localSeconds - Int64(local.lookup(localSeconds).offset)).offset
        return GoTime(seconds: localSeconds - Int64(first), nanoseconds: nanos, zone: local)
    }

    private static func fractionNanos(_ digits: String) -> Int64 {
        let nine = String((digits + "000000000").prefix(9))
        return Int64(nine) ?? 0
    }

    // MARK: TemplateObject

    var goTypeName: String { "time.Time" }
    var goKind: String { "struct" }
    var goString: String {
        let text = format("2006-01-02 15:04:05.999999999 -0700 MST")
        guard let m = monotonic else { return text }
        // Go: time.go String appends ` m=±s.nnnnnnnnn`.
        let sign = m < 0 ? "-" : "+"
        let magnitude = m.magnitude
        return text + " m=\(sign)\(magnitude / 1_000_000_000)." + GoTime.pad(Int(magnitude % 1_000_000_000), 9)
    }
    var serialized: Value { .string(format("2006-01-02T15:04:05.999999999Z07:00")) }
    func field(_ name: String) -> Value? { nil }

    private static let methods: Set<String> = [
        "Unix", "UnixNano", "UnixMilli", "Format", "Year", "Month", "Day", "Hour", "Minute", "Second", "Nanosecond",
        "YearDay", "Weekday", "UTC", "Local", "Add", "IsZero", "String", "Before", "After", "Equal",
    ]

    func hasMethod(_ name: String) -> Bool { GoTime.methods.contains(name) }

    func callMethod(_ name: String, _ arguments: [Value]) throws -> Value {
        let wantArgs = ["Format": 1, "Add": 1, "Before": 1, "After": 1, "Equal": 1][name] ?? 0
        guard arguments.count == wantArgs else {
            throw TemplateObjectError("wrong number of args for \(name): want \(wantArgs) got \(arguments.count)")
        }
        func other() throws -> GoTime {
            guard case .object(let o) = arguments[0], let t = o as? GoTime else {
                throw TemplateObjectError("wrong type for value; expected time.Time; got \(arguments[0].goTypeName)")
            }
            return t
        }
        let c = civil
        switch name {
        case "Unix": return .int(seconds, kind: .int64)
        case "UnixNano": return .int(seconds &* 1_000_000_000 &+ nanoseconds, kind: .int64)
        case "UnixMilli": return .int(seconds &* 1000 &+ nanoseconds / 1_000_000, kind: .int64)
        case "Format":
            guard case .string(let layout) = arguments[0] else {
                throw TemplateObjectError("wrong type for value; expected string; got \(arguments[0].goTypeName)")
            }
            return .string(format(layout))
        case "Year": return .int(Int64(c.year))
        case "Month": return .string(GoTime.longMonths[c.month - 1])
        case "Day": return .int(Int64(c.day))
        case "Hour": return .int(Int64(c.hour))
        case "Minute": return .int(Int64(c.minute))
        case "Second": return .int(Int64(c.second))
        case "Nanosecond": return .int(nanoseconds)
        case "YearDay": return .int(Int64(c.yearDay))
        case "Weekday": return .string(GoTime.longDays[c.weekday])
        case "UTC": return .object(self.in(.utc))
        case "Local": return .object(GoTime(seconds: seconds, nanoseconds: nanoseconds, zone: zone))
        case "Add":
            guard case .int(let d, _) = arguments[0] else {
                throw TemplateObjectError("wrong type for value; expected time.Duration; got \(arguments[0].goTypeName)")
            }
            return .object(adding(nanoseconds: d))
        case "IsZero": return .bool(seconds == GoTime.zero.seconds && nanoseconds == 0)
        case "String": return .string(goString)
        case "Before": return .bool(nanosecondsSince(try other()) < 0)
        case "After": return .bool(nanosecondsSince(try other()) > 0)
        case "Equal": return .bool(nanosecondsSince(try other()) == 0)
        default: throw TemplateObjectError("can't evaluate field \(name) in type time.Time")
        }
    }
}

/// Go's `time.Parse` for callers outside Sprig (values.schema.json `date` format): nil when `value` parses with
/// `layout` in UTC, otherwise Go's error text.
public enum GoTimeParse {
    public static func error(layout: String, _ value: String) -> String? {
        do {
            _ = try GoTime.parse(layout: layout, value, zone: .utc)
            return nil
        } catch let error as FunctionError {
            return error.message
        } catch {
            return "\(error)"
        }
    }
}
