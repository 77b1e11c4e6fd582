/// The value go-yaml v2 gives a plain scalar when it decodes into `interface{}`.
enum GoYAMLScalar: Equatable {
    case null
    case bool(Bool)
    /// Go `int`/`int64`.
    case int(Int64)
    /// Go `uint64` (only for values above `Int64.max`).
    case uint(UInt64)
    case float(Double)
    /// A YAML timestamp; go-yaml v2 keeps the original text when the target is `interface{}`.
    case timestamp(String)
    case string(String)

    /// The short tag go-yaml reports for this kind (`!!int`).
    var shortTag: String {
        switch self {
        case .null: return "!!null"
        case .bool: return "!!bool"
        case .int, .uint: return "!!int"
        case .float: return "!!float"
        case .timestamp: return "!!timestamp"
        case .string: return "!!str"
        }
    }
}

/// YAML 1.1 implicit typing as go-yaml v2 implements it.
///
/// Go: yaml.v2 resolve.go `resolve`, `resolveTable`, `resolveMap`, `parseTimestamp`; encode.go `isBase60Float`.
enum GoYAMLResolve {
    /// Resolves an untagged plain scalar.
    static func resolve(_ s: String) -> GoYAMLScalar {
        guard let first = s.utf8.first else { return .null }
        switch first {
        case UInt8(ascii: "y"), UInt8(ascii: "Y"), UInt8(ascii: "n"), UInt8(ascii: "N"), UInt8(ascii: "t"),
            UInt8(ascii: "T"), UInt8(ascii: "f"), UInt8(ascii: "F"), UInt8(ascii: "o"), UInt8(ascii: "O"),
            UInt8(ascii: "~"):
            return mapped(s) ?? .string(s)
        case UInt8(ascii: "."):
            if let m = mapped(s) { return m }
            let bytes = Array(s.utf8)
            if isDotFloat(bytes), let d = Double(s), d.isFinite { return .float(d) }
            return .string(s)
        case UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            if let m = mapped(s) { return m }
            let bytes = Array(s.utf8)
            if isTimestamp(bytes) { return .timestamp(s) }
            let plain = bytes.filter { $0 != UInt8(ascii: "_") }
            if let n = parseGoInt(plain) {
                return n
            }
            if isYAMLStyleFloat(plain), let d = Double(String(decoding: plain, as: UTF8.self)), d.isFinite {
                return .float(d)
            }
            return .string(s)
        default:
            return .string(s)
        }
    }

    /// Whether a plain scalar starting with `first` can resolve to something other than a string: only these
    /// first bytes start a bool, null, number or timestamp spelling (see `resolve`).
    @inline(__always)
    static func mayResolveToNonString(first: UInt8) -> Bool {
        switch first {
        case UInt8(ascii: "y"), UInt8(ascii: "Y"), UInt8(ascii: "n"), UInt8(ascii: "N"), UInt8(ascii: "t"),
            UInt8(ascii: "T"), UInt8(ascii: "f"), UInt8(ascii: "F"), UInt8(ascii: "o"), UInt8(ascii: "O"),
            UInt8(ascii: "~"), UInt8(ascii: "."), UInt8(ascii: "+"), UInt8(ascii: "-"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return false
        }
    }

    /// `resolve` of the plain scalar written as `bytes`; the common string case makes one `String` and nothing
    /// else.
    static func resolve(bytes: UnsafeBufferPointer<UInt8>) -> GoYAMLScalar {
        guard let first = bytes.first else { return .null }
        let s = String(decoding: bytes, as: UTF8.self)
        return mayResolveToNonString(first: first) ? resolve(s) : .string(s)
    }

    /// Whether the plain scalar written as `bytes` resolves to a string, without making a `String` when the first
    /// byte already decides it.
    static func resolvesToString(bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = bytes.first else { return false }
        guard mayResolveToNonString(first: first) else { return true }
        // Text starting with a letter or `~` resolves only in the spellings of `mapped`, none longer than five bytes.
        if bytes.count > 5 && first != UInt8(ascii: ".") && first != UInt8(ascii: "+") && first != UInt8(ascii: "-")
            && !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first)
        {
            return true
        }
        if case .string = resolve(String(decoding: bytes, as: UTF8.self)) { return true }
        return false
    }

    /// Whether go-yaml's encoder may write `s` unquoted: it must read back as a string and not look like a
    /// base-60 float. Go: yaml.v2 encode.go `stringv` (v3 adds `isOldBool`, which the v2 resolver covers).
    static func canUsePlain(_ s: String) -> Bool {
        guard case .string = resolve(s) else { return false }
        return !isBase60Float(s)
    }

    /// Resolves a scalar carrying an explicit tag, or throws go-yaml's message (without the `yaml: ` prefix).
    static func resolve(_ s: String, tag: String) throws(GoYAMLTagError) -> GoYAMLScalar {
        let short = shortTag(tag)
        switch short {
        case "!!str": return .string(s)
        case "!!binary":
            // Go: yaml.v2 decode.go `scalar`: base64 text decoded into a string.
            guard let bytes = decodeBase64(s) else {
                throw GoYAMLTagError(message: "!!binary value contains invalid base64 data")
            }
            return .string(String(decoding: bytes, as: UTF8.self))
        case "!!null", "!!bool", "!!int", "!!float", "!!timestamp":
            let r = resolve(s)
            if r.shortTag == short { return r }
            if short == "!!float", case .int(let i) = r { return .float(Double(i)) }
            if short == "!!float", case .uint(let u) = r { return .float(Double(u)) }
            // Go: resolve's deferred check.
            throw GoYAMLTagError(message: "cannot decode \(r.shortTag) `\(s)` as a \(short)")
        default:
            // Unknown tags are not resolved: the text is kept.
            return .string(s)
        }
    }

    /// `base64.StdEncoding.DecodeString` (padding required; `\r` and `\n` ignored).
    static func decodeBase64(_ s: String) -> [UInt8]? {
        var values: [UInt8] = []
        var padding = 0
        for c in s.utf8 {
            if c == 0x0A || c == 0x0D { continue }
            if c == UInt8(ascii: "=") {
                padding += 1
                continue
            }
            if padding > 0 { return nil }
            let v: UInt8
            switch c {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): v = c - 65
            case UInt8(ascii: "a")...UInt8(ascii: "z"): v = c - 97 + 26
            case UInt8(ascii: "0")...UInt8(ascii: "9"): v = c - 48 + 52
            case UInt8(ascii: "+"): v = 62
            case UInt8(ascii: "/"): v = 63
            default: return nil
            }
            values.append(v)
        }
        guard (values.count + padding) % 4 == 0, padding <= 2, values.count % 4 != 1 else { return nil }
        if padding > 0 && (values.count + padding) % 4 != 0 { return nil }
        var out: [UInt8] = []
        var i = 0
        while i + 1 < values.count {
            let a = values[i]
            let b = values[i + 1]
            out.append(a << 2 | b >> 4)
            if i + 2 < values.count {
                let c = values[i + 2]
                out.append((b & 0x0F) << 4 | c >> 2)
                if i + 3 < values.count { out.append((c & 0x03) << 6 | values[i + 3]) }
            }
            i += 4
        }
        return out
    }

    /// `tag:yaml.org,2002:x` → `!!x`.
    static func shortTag(_ tag: String) -> String {
        let prefix = "tag:yaml.org,2002:"
        if tag.hasPrefix(prefix) { return "!!" + tag.dropFirst(prefix.count) }
        return tag
    }

    /// The fixed spellings of go-yaml's `resolveMap`. The first byte picks the few spellings to compare with.
    private static func mapped(_ s: String) -> GoYAMLScalar? {
        // The longest spelling has five bytes; longer text needs no comparisons.
        guard let first = s.utf8.first, s.utf8.count <= 5 else { return nil }
        switch first {
        case UInt8(ascii: "y"), UInt8(ascii: "Y"):
            switch s {
            case "y", "Y", "yes", "Yes", "YES": return .bool(true)
            default: return nil
            }
        case UInt8(ascii: "t"), UInt8(ascii: "T"):
            switch s {
            case "true", "True", "TRUE": return .bool(true)
            default: return nil
            }
        case UInt8(ascii: "o"), UInt8(ascii: "O"):
            switch s {
            case "on", "On", "ON": return .bool(true)
            case "off", "Off", "OFF": return .bool(false)
            default: return nil
            }
        case UInt8(ascii: "n"), UInt8(ascii: "N"):
            switch s {
            case "n", "N", "no", "No", "NO": return .bool(false)
            case "null", "Null", "NULL": return .null
            default: return nil
            }
        case UInt8(ascii: "f"), UInt8(ascii: "F"):
            switch s {
            case "false", "False", "FALSE": return .bool(false)
            default: return nil
            }
        case UInt8(ascii: "~"):
            return s == "~" ? .null : nil
        case UInt8(ascii: "."):
            switch s {
            case ".nan", ".NaN", ".NAN": return .float(.nan)
            case ".inf", ".Inf", ".INF": return .float(.infinity)
            default: return nil
            }
        case UInt8(ascii: "+"):
            switch s {
            case "+.inf", "+.Inf", "+.INF": return .float(.infinity)
            default: return nil
            }
        case UInt8(ascii: "-"):
            switch s {
            case "-.inf", "-.Inf", "-.INF": return .float(-.infinity)
            default: return nil
            }
        default:
            return nil
        }
    }

    private static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }

    /// `strconv.ParseFloat` on input starting with `.`: `.digits` with an optional exponent.
    private static func isDotFloat(_ b: [UInt8]) -> Bool {
        var i = 1
        let start = i
        while i < b.count && isDigit(b[i]) { i += 1 }
        if i == start { return false }
        return exponentTail(b, i)
    }

    private static func exponentTail(_ b: [UInt8], _ from: Int) -> Bool {
        var i = from
        if i == b.count { return true }
        guard b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") else { return false }
        i += 1
        if i < b.count && (b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-")) { i += 1 }
        let start = i
        while i < b.count && isDigit(b[i]) { i += 1 }
        return i > start && i == b.count
    }

    /// `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`
    static func isYAMLStyleFloat(_ b: [UInt8]) -> Bool {
        var i = 0
        if i < b.count && (b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-")) { i += 1 }
        if i < b.count && b[i] == UInt8(ascii: ".") {
            i += 1
            let start = i
            while i < b.count && isDigit(b[i]) { i += 1 }
            if i == start { return false }
        } else {
            let start = i
            while i < b.count && isDigit(b[i]) { i += 1 }
            if i == start { return false }
            if i < b.count && b[i] == UInt8(ascii: ".") {
                i += 1
                while i < b.count && isDigit(b[i]) { i += 1 }
            }
        }
        return exponentTail(b, i)
    }

    /// `strconv.ParseInt(s, 0, 64)`, then `strconv.ParseUint(s, 0, 64)` (underscores already removed).
    private static func parseGoInt(_ b: [UInt8]) -> GoYAMLScalar? {
        var i = 0
        var negative = false
        var signed = false
        if i < b.count && (b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-")) {
            negative = b[i] == UInt8(ascii: "-")
            signed = true
            i += 1
        }
        var base: UInt64 = 10
        if i + 1 < b.count && b[i] == UInt8(ascii: "0") {
            switch b[i + 1] | 0x20 {
            case UInt8(ascii: "x"): base = 16; i += 2
            case UInt8(ascii: "o"): base = 8; i += 2
            case UInt8(ascii: "b"): base = 2; i += 2
            default: base = 8; i += 1
            }
        }
        let digitsStart = i
        // "0x" alone is invalid; a lone "0" prefix followed by digits keeps at least the digits after it.
        if i == b.count && (base != 8 || digitsStart == 0 || b[digitsStart - 1] != UInt8(ascii: "0")) {
            return nil
        }
        var magnitude: UInt64 = 0
        var overflow = false
        while i < b.count {
            let c = b[i]
            let d: UInt64
            if isDigit(c) {
                d = UInt64(c - 0x30)
            } else if c | 0x20 >= UInt8(ascii: "a") && c | 0x20 <= UInt8(ascii: "f") {
                d = UInt64((c | 0x20) - UInt8(ascii: "a") + 10)
            } else {
                return nil
            }
            if d >= base { return nil }
            let (m1, o1) = magnitude.multipliedReportingOverflow(by: base)
            let (m2, o2) = m1.addingReportingOverflow(d)
            if o1 || o2 { overflow = true }
            magnitude = m2
            i += 1
        }
        if overflow { return nil }
        if negative {
            if magnitude <= UInt64(Int64.max) { return .int(-Int64(magnitude)) }
            if magnitude == UInt64(Int64.max) + 1 { return .int(Int64.min) }
            return nil
        }
        if magnitude <= UInt64(Int64.max) { return .int(Int64(magnitude)) }
        // ParseUint rejects a sign.
        return signed ? nil : .uint(magnitude)
    }

    /// Go: yaml.v2 resolve.go `parseTimestamp`: `YYYY-` then one of the allowed `time.Parse` layouts.
    static func isTimestamp(_ b: [UInt8]) -> Bool {
        var i = 0
        while i < b.count && isDigit(b[i]) { i += 1 }
        guard i == 4, i < b.count, b[i] == UInt8(ascii: "-") else { return false }
        var p = TimestampScanner(bytes: b, index: 5)
        guard let month = p.number(maxDigits: 2), (1...12).contains(month), p.eat(UInt8(ascii: "-")),
            let day = p.number(maxDigits: 2)
        else { return false }
        let year = b[0..<4].reduce(0) { $0 * 10 + Int($1 - 0x30) }
        guard day >= 1, day <= daysIn(month: month, year: year) else { return false }
        if p.atEnd { return true }
        // "2006-1-2T15:4:5.999999999Z07:00", the lower-case "t" variant, or "2006-1-2 15:4:5.999999999".
        let sep = b[p.index]
        let zoned = sep == UInt8(ascii: "T") || sep == UInt8(ascii: "t")
        guard zoned || sep == UInt8(ascii: " ") else { return false }
        p.index += 1
        // Go: time.go `skip`: a space in the layout matches any run of spaces.
        if !zoned { while p.index < b.count && b[p.index] == UInt8(ascii: " ") { p.index += 1 } }
        guard let h = p.number(maxDigits: 2), h < 24, p.eat(UInt8(ascii: ":")), let m = p.number(maxDigits: 2), m < 60,
            p.eat(UInt8(ascii: ":")), let s = p.number(maxDigits: 2), s < 60
        else { return false }
        if p.index < b.count && (b[p.index] == UInt8(ascii: ".") || b[p.index] == UInt8(ascii: ",")) {
            p.index += 1
            let start = p.index
            while p.index < b.count && isDigit(b[p.index]) { p.index += 1 }
            if p.index == start { return false }
        }
        if !zoned { return p.atEnd }
        if p.eat(UInt8(ascii: "Z")) { return p.atEnd }
        guard p.index < b.count, b[p.index] == UInt8(ascii: "+") || b[p.index] == UInt8(ascii: "-") else {
            return false
        }
        p.index += 1
        // Go: time.Parse accepts offsets up to 24 hours and 60 minutes.
        guard let zh = p.fixed(2), zh <= 24, p.eat(UInt8(ascii: ":")), let zm = p.fixed(2), zm <= 60 else {
            return false
        }
        return p.atEnd
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Go: encode.go `isBase60Float`, `^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$`.
    static func isBase60Float(_ s: String) -> Bool {
        guard let c = s.utf8.first, c == UInt8(ascii: "+") || c == UInt8(ascii: "-") || isDigit(c),
            s.utf8.contains(UInt8(ascii: ":"))
        else { return false }
        let b = Array(s.utf8)
        var i = 0
        if b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { i += 1 }
        guard i < b.count, isDigit(b[i]) else { return false }
        i += 1
        while i < b.count && (isDigit(b[i]) || b[i] == UInt8(ascii: "_")) { i += 1 }
        var groups = 0
        while i < b.count && b[i] == UInt8(ascii: ":") {
            i += 1
            // [0-5]?[0-9]: one or two digits, the first of two at most 5.
            guard i < b.count, isDigit(b[i]) else { return false }
            if i + 1 < b.count && isDigit(b[i + 1]) && b[i] <= UInt8(ascii: "5") {
                i += 2
            } else {
                i += 1
            }
            groups += 1
        }
        guard groups > 0 else { return false }
        if i < b.count && b[i] == UInt8(ascii: ".") {
            i += 1
            while i < b.count && (isDigit(b[i]) || b[i] == UInt8(ascii: "_")) { i += 1 }
        }
        return i == b.count
    }
}

/// A scalar whose explicit tag does not match its text (`!!int abc`).
struct GoYAMLTagError: Error {
    let message: String
}

private struct TimestampScanner {
    let bytes: [UInt8]
    var index: Int
    var atEnd: Bool { index == bytes.count }

    mutating func eat(_ c: UInt8) -> Bool {
        guard index < bytes.count, bytes[index] == c else { return false }
        index += 1
        return true
    }

    mutating func number(maxDigits: Int) -> Int? {
        var n = 0
        let start = index
        while index < bytes.count && index - start < maxDigits && bytes[index] >= 0x30 && bytes[index] <= 0x39 {
            n = n * 10 + Int(bytes[index] - 0x30)
            index += 1
        }
        return index > start ? n : nil
    }

    mutating func fixed(_ count: Int) -> Int? {
        let start = index
        guard let n = number(maxDigits: count), index - start == count else { return nil }
        return n
    }
}
