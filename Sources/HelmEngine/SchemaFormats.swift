import GoTemplate
import Sprig
import Values

/// The `format` checks of santhosh-tekuri/jsonschema v6 (format.go) that values.schema.json files use most, with
/// its messages: `'x' is not valid email: missing @`.
enum SchemaFormats {
    /// What is wrong with `value` for `format`, or nil when it is valid or the format is not checked.
    static func check(_ format: String, _ value: String) -> String? {
        switch format {
        case "email": return email(value)
        case "hostname": return hostname(value)
        case "ipv4": return ipv4(value)
        case "uuid": return uuid(value)
        case "uri", "iri": return uri(value)
        case "uri-reference", "iri-reference": return value.contains("\\") ? "contains \\" : nil
        case "date": return GoTimeParse.error(layout: "2006-01-02", value)
        case "time": return time(value)
        case "date-time": return dateTime(value)
        default: return nil
        }
    }

    /// Go `%q` of a rune.
    private static func quoteRune(_ c: Character) -> String {
        switch c {
        case "'": return "'\\''"
        case "\\": return "'\\\\'"
        default: return "'\(c)'"
        }
    }

    private static func isASCIILetterOrDigit(_ c: Character) -> Bool {
        guard let a = c.asciiValue else { return false }
        return (a >= 0x61 && a <= 0x7A) || (a >= 0x41 && a <= 0x5A) || (a >= 0x30 && a <= 0x39)
    }

    static func hostname(_ value: String) -> String? {
        var s = Substring(value)
        if s.hasSuffix(".") { s = s.dropLast() }
        if s.utf8.count > 253 { return "more than 253 characters long" }
        for label in s.split(separator: ".", omittingEmptySubsequences: false) {
            if label.utf8.count < 1 || label.utf8.count > 63 { return "label must be 1 to 63 characters long" }
            if label.hasPrefix("-") { return "label starts with hyphen" }
            if label.hasSuffix("-") { return "label ends with hyphen" }
            for c in label where !(isASCIILetterOrDigit(c) || c == "-") { return "invalid character \(quoteRune(c))" }
        }
        return nil
    }

    static func ipv4(_ value: String) -> String? {
        let groups = value.split(separator: ".", omittingEmptySubsequences: false)
        if groups.count != 4 { return "expected four decimals" }
        for group in groups {
            if group.utf8.count > 1 && group.hasPrefix("0") { return "leading zeros" }
            // strconv.Atoi: an optional sign, then decimal digits.
            let digits = group.hasPrefix("+") || group.hasPrefix("-") ? group.dropFirst() : group
            guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
                return "strconv.Atoi: parsing \(GoQuote.quote(String(group))): invalid syntax"
            }
            guard let n = Int(group) else {
                return "strconv.Atoi: parsing \(GoQuote.quote(String(group))): value out of range"
            }
            if n < 0 || n > 255 { return "decimal must be between 0 and 255" }
        }
        return nil
    }

    static func uuid(_ value: String) -> String? {
        let lengths = [8, 4, 4, 4, 12]
        let groups = value.split(separator: "-", omittingEmptySubsequences: false)
        if groups.count != lengths.count { return "must have \(lengths.count) elements" }
        for (i, group) in groups.enumerated() {
            if group.utf8.count != lengths[i] { return "element \(i + 1) must be \(lengths[i]) characters long" }
            for c in group where !(c.isHexDigit && c.isASCII) { return "non-hex character \(quoteRune(c))" }
        }
        return nil
    }

    static func email(_ value: String) -> String? {
        if value.utf8.count > 254 { return "more than 255 characters long" }
        guard let at = value.lastIndex(of: "@") else { return "missing @" }
        let local = value[..<at]
        let domain = value[value.index(after: at)...]
        if local.utf8.count > 64 { return "local part more than 64 characters long" }
        if local.utf8.count > 1 && local.hasPrefix("\"") {
            let inner = local.dropFirst().dropLast()
            if inner.contains("\\") || inner.contains("\"") {
                return "backslash and quote are not allowed within quoted local part"
            }
        } else {
            if local.hasPrefix(".") { return "starts with dot" }
            if local.hasSuffix(".") { return "ends with dot" }
            if local.contains("..") { return "consecutive dots" }
            let allowed = Set(".!#$%&'*+-/=?^_`{|}~")
            for c in local where !(isASCIILetterOrDigit(c) || allowed.contains(c)) {
                return "invalid character \(quoteRune(c))"
            }
        }
        if domain.hasPrefix("[") && domain.hasSuffix("]") {
            let inner = domain.dropFirst().dropLast()
            if inner.hasPrefix("IPv6:") { return nil }  // the IPv6 literal itself is not checked here
            if let problem = ipv4(String(inner)) { return "invalid ipv4 address: \(problem)" }
            return nil
        }
        if let problem = hostname(String(domain)) { return "invalid domain: \(problem)" }
        return nil
    }

    /// `uri`: Go's url.Parse must find a scheme (`IsAbs`). Only the scheme is looked at here.
    static func uri(_ value: String) -> String? {
        for (i, c) in value.enumerated() {
            if c == ":" {
                if i == 0 { return "parse \(GoQuote.quote(value)): missing protocol scheme" }
                return nil
            }
            let letter = c.isASCII && c.isLetter
            if letter { continue }
            if i > 0 && c.isASCII && (c.isNumber || c == "+" || c == "-" || c == ".") { continue }
            return "relative url"
        }
        return "relative url"
    }

    static func dateTime(_ value: String) -> String? {
        let bytes = Array(value.utf8)
        if bytes.count < 20 { return "less than 20 characters long" }
        if bytes[10] != UInt8(ascii: "t") && bytes[10] != UInt8(ascii: "T") { return "11th character must be t or T" }
        if let problem = GoTimeParse.error(layout: "2006-01-02", String(decoding: bytes[..<10], as: UTF8.self)) {
            return "invalid date element: \(problem)"
        }
        if let problem = time(String(decoding: bytes[11...], as: UTF8.self)) { return "invalid time element: \(problem)" }
        return nil
    }

    /// RFC 3339 `full-time` (jsonschema validateTime), byte by byte as Go indexes the string.
    static func time(_ value: String) -> String? {
        var str = Array(value.utf8)
        if str.count < 9 { return "less than 9 characters long" }
        if str[2] != UInt8(ascii: ":") || str[5] != UInt8(ascii: ":") { return "missing colon in correct place" }
        var hms: [Int] = []
        for token in str[..<8].split(separator: UInt8(ascii: ":"), maxSplits: 2, omittingEmptySubsequences: false) {
            guard let i = atoi(token) else { return "invalid hour/min/sec" }
            if i < 0 { return "non-positive hour/min/sec" }
            hms.append(i)
        }
        if hms.count != 3 { return "missing hour/min/sec" }
        var (h, m) = (hms[0], hms[1])
        let s = hms[2]
        if h > 23 || m > 59 || s > 60 { return "hour/min/sec out of range" }
        str.removeFirst(8)
        if str.first == UInt8(ascii: ".") {
            let rem = str.dropFirst()
            let digits = rem.prefix { $0 >= 0x30 && $0 <= 0x39 }.count
            if digits == 0 { return "no digits in second fraction" }
            str = Array(rem.dropFirst(digits))
        }
        if str != [UInt8(ascii: "z")] && str != [UInt8(ascii: "Z")] {
            if str.count != 6 { return "offset must be 6 characters long" }
            let sign: Int
            switch str[0] {
            case UInt8(ascii: "+"): sign = -1
            case UInt8(ascii: "-"): sign = 1
            default: return "offset must begin with plus/minus"
            }
            str.removeFirst()
            if str[2] != UInt8(ascii: ":") { return "missing colon in offset in correct place" }
            var zhm: [Int] = []
            for token in str.split(separator: UInt8(ascii: ":"), maxSplits: 1, omittingEmptySubsequences: false) {
                guard let i = atoi(token) else { return "invalid hour/min in offset" }
                if i < 0 { return "non-positive hour/min in offset" }
                zhm.append(i)
            }
            let (zh, zm) = (zhm[0], zhm[1])
            if zh > 23 || zm > 59 { return "hour/min in offset out of range" }
            var hm = (h * 60 + m) + sign * (zh * 60 + zm)
            if hm < 0 { hm += 24 * 60 }
            (h, m) = (hm / 60, hm % 60)
        }
        if s >= 60 && (h != 23 || m != 59) { return "invalid leap second" }
        return nil
    }

    /// strconv.Atoi of a short token: an optional sign and decimal digits.
    private static func atoi(_ token: ArraySlice<UInt8>) -> Int? {
        var digits = token
        if digits.first == UInt8(ascii: "+") || digits.first == UInt8(ascii: "-") { digits = digits.dropFirst() }
        guard !digits.isEmpty, digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return Int(String(decoding: token, as: UTF8.self))
    }
}
