import GoTemplate

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
}
