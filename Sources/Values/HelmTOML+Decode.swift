extension HelmTOML {
    /// Helm's `fromToml`: the document as a map, or `{"Error": message}` with BurntSushi/toml's message
    /// (`toml: line 2 (last key "a"): Key 'a' has already been defined.`).
    ///
    /// Datetimes become strings in the form `encoding/json` gives Go's `time.Time` (`1979-05-27T07:32:00Z`); Go
    /// keeps a `time.Time`, which prints differently with `{{ . }}`.
    public static func fromToml(_ text: String) -> Value {
        do {
            return .map(try unmarshal(text))
        } catch {
            return .map(ValueMap([("Error", .string(error.message))]))
        }
    }

    /// `toml.Unmarshal` into `map[string]interface{}`: integers are `.int`, floats `.float`.
    public static func unmarshal(_ text: String) throws(Error) -> ValueMap {
        var parser = TOMLParser(text)
        return try parser.document()
    }
}

/// A TOML reader following BurntSushi/toml v1 (TOML 1.0 plus its 1.1 extensions: newlines and a trailing comma
/// in inline tables) with its error texts. Go: github.com/BurntSushi/toml lex.go, parse.go.
private struct TOMLParser {
    typealias Error = HelmTOML.Error

    let s: [Unicode.Scalar]
    var i = 0
    var line = 1
    let root = TOMLTable()
    /// The table that key/value pairs go into, and its path.
    var current: TOMLTable
    var context: [String] = []
    /// The dotted key of the pair being read, for error messages.
    var currentKey: [String] = []

    init(_ text: String) {
        s = Array(text.unicodeScalars)
        current = root
    }

    // MARK: errors

    var lastKey: String { TOMLParser.keyString(context + currentKey) }

    func fail(_ message: String, line: Int? = nil) -> Error {
        let l = line ?? self.line
        let key = lastKey
        if key.isEmpty { return Error(message: "toml: line \(l): \(message)") }
        return Error(message: "toml: line \(l) (last key \(GoQuote.quote(key))): \(message)")
    }

    static func keyString(_ key: [String]) -> String {
        key.map { k in
            if k.isEmpty { return "\"\"" }
            let bare = k.unicodeScalars.allSatisfy(isBare)
            return bare ? k : "\"" + k + "\""
        }.joined(separator: ".")
    }

    static func isBare(_ u: Unicode.Scalar) -> Bool {
        (u >= "A" && u <= "Z") || (u >= "a" && u <= "z") || (u >= "0" && u <= "9") || u == "_" || u == "-"
    }

    /// `%q` of one character, as the lexer prints it (`'b'`, `'\x00'` at the end of input).
    func quoteChar(_ u: Unicode.Scalar?) -> String {
        guard let u else { return "'\\x00'" }
        if u == "\"" { return "'\"'" }
        if u == "'" { return "'\\''" }
        let q = GoQuote.quote(String(u))
        return "'" + q.dropFirst().dropLast() + "'"
    }

    var peek: Unicode.Scalar? { i < s.count ? s[i] : nil }

    func peek(_ offset: Int) -> Unicode.Scalar? { i + offset < s.count ? s[i + offset] : nil }

    mutating func advance() {
        if s[i] == "\n" { line += 1 }
        i += 1
    }

    mutating func skipSpaces() {
        while let c = peek, c == " " || c == "\t" { i += 1 }
    }

    mutating func skipComment() {
        if peek == "#" { while let c = peek, c != "\n" { i += 1 } }
    }

    /// Spaces, newlines and comments (inside arrays and inline tables).
    mutating func skipBlank() {
        while let c = peek {
            if c == " " || c == "\t" || c == "\r" {
                i += 1
            } else if c == "\n" {
                advance()
            } else if c == "#" {
                skipComment()
            } else {
                break
            }
        }
    }

    // MARK: document

    mutating func document() throws(Error) -> ValueMap {
        while true {
            skipBlank()
            guard let c = peek else { break }
            if c == "[" {
                try tableHeader()
            } else {
                try keyValue(into: current, keyPrefix: [])
                currentKey = []
            }
            skipSpaces()
            skipComment()
            if peek == "\r" { i += 1 }
            if let c = peek, c != "\n" {
                throw fail(
                    "expected a top-level item to end with a newline, comment, or EOF, but got \(quoteChar(c)) instead")
            }
        }
        return root.value()
    }

    mutating func tableHeader() throws(Error) {
        i += 1
        let array = peek == "["
        if array { i += 1 }
        currentKey = []
        skipSpaces()
        if peek == "]" { throw fail("unexpected end of table name (table names cannot be empty)") }
        var key: [String] = []
        while true {
            key.append(try simpleKey(blankMessage: "unexpected ']': table name appears blank"))
            skipSpaces()
            if peek == "." {
                i += 1
                skipSpaces()
                continue
            }
            break
        }
        if array {
            guard peek == "]", peek(1) == "]" else {
                let got = peek == "]" ? peek(1) : peek
                throw fail("expected end of table array name delimiter ']', but got \(quoteChar(got)) instead")
            }
            i += 2
        } else {
            guard peek == "]" else {
                throw fail("expected '.' or ']' to end table name, but got \(quoteChar(peek)) instead")
            }
            i += 1
        }
        try openTable(key, array: array)
    }

    /// Go: parse.go addContext.
    mutating func openTable(_ key: [String], array: Bool) throws(Error) {
        var table = root
        context = Array(key.dropLast())
        for k in key.dropLast() {
            switch table.entries[k] {
            case nil:
                let t = TOMLTable(implicit: true)
                table.set(k, .table(t))
                table = t
            case .table(let t)?:
                table = t
            case .array(let items, _)?:
                guard case .table(let t)? = items.last else {
                    throw fail("Key '\(Self.keyString(key))' has already been defined.")
                }
                table = t
            default:
                throw fail("Key '\(Self.keyString(key))' has already been defined.")
            }
        }
        let last = key[key.count - 1]
        if array {
            let t = TOMLTable()
            switch table.entries[last] {
            case nil: table.set(last, .array([.table(t)], tables: true))
            case .array(let items, true)?: table.set(last, .array(items + [.table(t)], tables: true))
            default: throw fail("Key '\(Self.keyString(key))' has already been defined.")
            }
            current = t
        } else {
            switch table.entries[last] {
            case nil:
                let t = TOMLTable()
                table.set(last, .table(t))
                current = t
            case .table(let t)? where t.implicit && !t.defined:
                t.defined = true
                current = t
            default:
                throw fail("Key '\(Self.keyString(key))' has already been defined.")
            }
        }
        context = key
    }

    /// `key = value`, with a dotted key creating intermediate tables.
    mutating func keyValue(into table: TOMLTable, keyPrefix: [String]?) throws(Error) {
        var key: [String] = []
        if peek == "." { throw fail("unexpected '.': keys cannot start with a '.'") }
        while true {
            key.append(try simpleKey(blankMessage: "unexpected '=': key name appears blank"))
            skipSpaces()
            if peek == "." {
                i += 1
                skipSpaces()
                if peek == "." || peek == "=" { throw fail("unexpected \(quoteChar(peek))") }
                continue
            }
            if peek == "=" { break }
            guard let c = peek else { throw fail("unexpected EOF; expected key separator '='") }
            throw fail("expected '.' or '=', but got \(quoteChar(c)) instead")
        }
        i += 1
        if let keyPrefix { currentKey = keyPrefix + key }
        skipSpaces()
        let value = try self.value()
        var target = table
        for (n, k) in key.dropLast().enumerated() {
            switch target.entries[k] {
            case nil:
                let t = TOMLTable(implicit: true, dotted: true)
                target.set(k, .table(t))
                target = t
            case .table(let t)?:
                // BurntSushi/toml lets dotted keys extend any table, also one defined by a header or inline.
                target = t
            default:
                throw fail("Key '\(Self.keyString(context + key[0...n]))' has already been defined.")
            }
        }
        let last = key[key.count - 1]
        switch target.entries[last] {
        case nil:
            target.set(last, value)
        case .table(let t)? where t.dotted:
            // BurntSushi/toml keeps the table made by earlier dotted keys and drops the plain value.
            break
        default:
            throw fail("Key '\(Self.keyString(context + key))' has already been defined.")
        }
    }

    /// A bare, "basic" or 'literal' key part.
    mutating func simpleKey(blankMessage: String) throws(Error) -> String {
        switch peek {
        case "\""?: return try basicString(multiline: false)
        case "'"?: return try literalString(multiline: false)
        default:
            let start = i
            while let c = peek, Self.isBare(c) { i += 1 }
            if i == start {
                if peek == "=" || peek == "]" || peek == nil { throw fail(blankMessage) }
            }
            return String(String.UnicodeScalarView(s[start..<i]))
        }
    }

    // MARK: values

    mutating func value() throws(Error) -> TOMLValue {
        guard let c = peek else { throw fail("unexpected EOF; expected value") }
        switch c {
        case "\"":
            if peek(1) == "\"" && peek(2) == "\"" { return .string(try basicString(multiline: true)) }
            return .string(try basicString(multiline: false))
        case "'":
            if peek(1) == "'" && peek(2) == "'" { return .string(try literalString(multiline: true)) }
            return .string(try literalString(multiline: false))
        case "[": return try array()
        case "{": return try inlineTable()
        case "t", "f":
            let word = letters()
            if word == "true" { return .scalar(.bool(true)) }
            if word == "false" { return .scalar(.bool(false)) }
            throw fail("expected value but found \(GoQuote.quote(word)) instead")
        case "i", "n":
            let word = letters()
            if word == "inf" { return .scalar(.float(.infinity)) }
            if word == "nan" { return .scalar(.float(.nan)) }
            throw fail("expected value but found \(GoQuote.quote(word)) instead")
        case "+", "-", "0"..."9":
            return try number()
        case ".":
            throw fail("floats must start with a digit, not '.'")
        default:
            if (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") {
                throw fail("expected value but found \(GoQuote.quote(letters())) instead")
            }
            throw fail("expected value but found \(quoteChar(c)) instead")
        }
    }

    mutating func letters() -> String {
        let start = i
        while let c = peek, (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") { i += 1 }
        return String(String.UnicodeScalarView(s[start..<i]))
    }

    mutating func array() throws(Error) -> TOMLValue {
        i += 1
        var items: [TOMLValue] = []
        while true {
            skipBlank()
            if peek == "]" {
                i += 1
                break
            }
            if peek == "," { throw fail("unexpected comma") }
            items.append(try value())
            skipBlank()
            if peek == "," {
                i += 1
                continue
            }
            if peek == "]" {
                i += 1
                break
            }
            guard let c = peek else { throw fail("unexpected EOF; expected value") }
            throw fail("expected a comma (',') or array terminator (']'), but got \(quoteChar(c))")
        }
        return .array(items, tables: false)
    }

    mutating func inlineTable() throws(Error) -> TOMLValue {
        i += 1
        // Errors inside name the inner key after the outer one (`a.b`).
        let outerKey = currentKey
        let table = TOMLTable()
        while true {
            skipBlank()
            if peek == "}" {
                i += 1
                break
            }
            try keyValue(into: table, keyPrefix: outerKey)
            skipBlank()
            if peek == "," {
                i += 1
                continue
            }
            if peek == "}" {
                i += 1
                break
            }
            guard let c = peek else { throw fail("unexpected EOF; expected value") }
            throw fail("expected a comma or an inline table terminator '}', but got \(quoteChar(c)) instead")
        }
        table.defined = true
        return .table(table)
    }

    /// Skips the opening delimiter, and for a multi-line string the newline right after it.
    mutating func openString(multiline: Bool) {
        i += multiline ? 3 : 1
        guard multiline else { return }
        if peek == "\n" {
            advance()
        } else if peek == "\r" && peek(1) == "\n" {
            i += 1
            advance()
        }
    }

    /// At `quote`: whether a closing triple delimiter starts here (up to two more quotes before it belong to the
    /// text); consumes it if so.
    mutating func closeMultiline(_ quote: Unicode.Scalar, into out: inout String.UnicodeScalarView) -> Bool {
        guard peek(1) == quote && peek(2) == quote else { return false }
        var extra = 0
        while peek(3 + extra) == quote && extra < 2 { extra += 1 }
        for _ in 0..<extra { out.append(quote) }
        i += 3 + extra
        return true
    }

    mutating func basicString(multiline: Bool) throws(Error) -> String {
        openString(multiline: multiline)
        var out = String.UnicodeScalarView()
        while true {
            guard let c = peek else {
                throw fail(multiline ? "unexpected EOF; expected '\"\"\"'" : "unexpected EOF; expected '\"'")
            }
            if c == "\"" {
                if !multiline {
                    i += 1
                    return String(out)
                }
                if closeMultiline(c, into: &out) { return String(out) }
                out.append(c)
                i += 1
                continue
            }
            if c == "\n" && !multiline { throw fail("strings cannot contain newlines") }
            if c == "\\" {
                i += 1
                guard let e = peek else { continue }
                switch e {
                case "b": out.append("\u{08}"); i += 1
                case "t": out.append("\t"); i += 1
                case "n": out.append("\n"); i += 1
                case "f": out.append("\u{0C}"); i += 1
                case "r": out.append("\r"); i += 1
                case "e": out.append("\u{1B}"); i += 1
                case "\"": out.append("\""); i += 1
                case "\\": out.append("\\"); i += 1
                case "u", "U", "x":
                    let count = e == "u" ? 4 : e == "U" ? 8 : 2
                    i += 1
                    var v: UInt32 = 0
                    var ok = true
                    for k in 0..<count {
                        guard let h = peek(k), let d = Self.hexValue(h) else {
                            ok = false
                            break
                        }
                        v = v * 16 + d
                    }
                    guard ok, let scalar = Unicode.Scalar(v) else {
                        let got = "\\" + String(e) + String(String.UnicodeScalarView(s[i..<min(s.count, i + count)]))
                        let words = count == 4 ? "four" : count == 8 ? "eight" : "two"
                        throw fail(
                            "expected \(words) hexadecimal digits after '\\\(e)', but got \(GoQuote.quote(got)) instead"
                        )
                    }
                    i += count
                    out.append(scalar)
                case " " where multiline, "\t" where multiline, "\n" where multiline, "\r" where multiline:
                    // A line-ending backslash trims the break and the whitespace after it.
                    while let w = peek, w == " " || w == "\t" || w == "\n" || w == "\r" { advance() }
                default:
                    throw fail("invalid escape in string '\\\(e)'")
                }
                continue
            }
            out.append(c)
            advance()
        }
    }

    static func hexValue(_ u: Unicode.Scalar) -> UInt32? {
        switch u {
        case "0"..."9": return u.value - 48
        case "a"..."f": return u.value - 97 + 10
        case "A"..."F": return u.value - 65 + 10
        default: return nil
        }
    }

    mutating func literalString(multiline: Bool) throws(Error) -> String {
        openString(multiline: multiline)
        var out = String.UnicodeScalarView()
        while true {
            guard let c = peek else {
                throw fail(multiline ? "unexpected EOF; expected \"'''\"" : "unexpected EOF; expected \"'\"")
            }
            if c == "'" {
                if !multiline {
                    i += 1
                    return String(out)
                }
                if closeMultiline(c, into: &out) { return String(out) }
            }
            if c == "\n" && !multiline { throw fail("strings cannot contain newlines") }
            out.append(c)
            advance()
        }
    }

    /// Integers, floats and datetimes.
    mutating func number() throws(Error) -> TOMLValue {
        let start = i
        while let c = peek, !(c == "," || c == "]" || c == "}" || c == "\n" || c == "\r" || c == "#" || c == "\t") {
            if c == " " {
                // A space separates a date from a time ("1979-05-27 07:32:00").
                if let n = peek(1), n >= "0" && n <= "9", i - start == 10, s[start + 4] == "-" { i += 1; continue }
                break
            }
            i += 1
        }
        let text = String(String.UnicodeScalarView(s[start..<i]))
        let b = Array(text.utf8)
        if b.count >= 5 && b[4] == UInt8(ascii: "-") || b.count >= 3 && b[2] == UInt8(ascii: ":") {
            guard let t = TOMLDatetime.jsonText(b) else { throw fail("invalid datetime: \(GoQuote.quote(text))") }
            return .scalar(.string(t))
        }
        var body = b
        var negative = false
        var signed = false
        if let f = body.first, f == UInt8(ascii: "+") || f == UInt8(ascii: "-") {
            negative = f == UInt8(ascii: "-")
            signed = true
            body.removeFirst()
        }
        if body == Array("inf".utf8) { return .scalar(.float(negative ? -.infinity : .infinity)) }
        if body == Array("nan".utf8) { return .scalar(.float(.nan)) }
        if body.count >= 2 && body[0] == UInt8(ascii: "0")
            && [UInt8(ascii: "x"), UInt8(ascii: "o"), UInt8(ascii: "b")].contains(body[1])
        {
            let prefix = String(decoding: body[0..<2], as: UTF8.self)
            if signed { throw fail("cannot use sign with non-decimal numbers: '\(negative ? "-" : "+")\(prefix)'") }
            let radix = body[1] == UInt8(ascii: "x") ? 16 : body[1] == UInt8(ascii: "o") ? 8 : 2
            let name = radix == 16 ? "a hexadecimal" : radix == 8 ? "an octal" : "a binary"
            let digits = body.dropFirst(2)
            for (n, d) in digits.enumerated() where d != UInt8(ascii: "_") || n == 0 {
                guard let v = Self.hexValue(Unicode.Scalar(d)), v < radix else {
                    throw fail("not \(name) number: '\(prefix)\(String(UnicodeScalar(d)))'")
                }
            }
            guard
                let v = Int64(String(decoding: digits.filter { $0 != UInt8(ascii: "_") }, as: UTF8.self), radix: radix)
            else {
                throw fail("\(text) is out of range for int64")
            }
            return .scalar(.int(v, kind: .int64))
        }
        let isFloat =
            body.contains(UInt8(ascii: ".")) || body.contains(UInt8(ascii: "e")) || body.contains(UInt8(ascii: "E"))
        let kind = isFloat ? "float" : "integer"
        // Underscores must sit between digits.
        for (k, c) in body.enumerated() where c == UInt8(ascii: "_") {
            let before = k > 0 ? body[k - 1] : 0
            let after = k + 1 < body.count ? body[k + 1] : 0
            if !(before >= 0x30 && before <= 0x39) || !(after >= 0x30 && after <= 0x39) {
                throw fail("Invalid \(kind) \(GoQuote.quote(text)): underscores must be surrounded by digits")
            }
        }
        let clean = body.filter { $0 != UInt8(ascii: "_") }
        if clean.count > 1 && clean[0] == UInt8(ascii: "0") && clean[1] >= 0x30 && clean[1] <= 0x39 {
            throw fail("Invalid \(kind) \(GoQuote.quote(text)): cannot have leading zeroes")
        }
        if isFloat {
            if let dot = clean.firstIndex(of: UInt8(ascii: ".")) {
                let next = dot + 1 < clean.count ? clean[dot + 1] : 0
                if !(next >= 0x30 && next <= 0x39) {
                    throw fail("Invalid float \(GoQuote.quote(text)): '.' must be followed by one or more digits")
                }
            }
            guard let d = Double(String(decoding: clean, as: UTF8.self)), clean.first != UInt8(ascii: ".") else {
                throw fail("Invalid float value: \(GoQuote.quote(text))")
            }
            return .scalar(.float(negative ? -d : d))
        }
        guard !clean.isEmpty, clean.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
            throw fail("expected value but found \(GoQuote.quote(text)) instead")
        }
        guard let v = Int64((negative ? "-" : "") + String(decoding: clean, as: UTF8.self)) else {
            throw fail("\(text) is out of range for int64")
        }
        return .scalar(.int(v, kind: .int64))
    }
}

/// A TOML value while the document is read: tables stay mutable until the end.
private enum TOMLValue {
    case scalar(Value)
    case array([TOMLValue], tables: Bool)
    case table(TOMLTable)

    static func string(_ s: String) -> TOMLValue { .scalar(.string(s)) }

    func value() -> Value {
        switch self {
        case .scalar(let v): return v
        case .array(let items, _): return .list(items.map { $0.value() })
        case .table(let t): return .map(t.value())
        }
    }
}

private final class TOMLTable {
    var entries: [String: TOMLValue] = [:]
    /// Created on the way to a deeper `[a.b]` header or by a dotted key.
    var implicit: Bool
    /// Created by a dotted key (`a.b = 1`).
    var dotted: Bool
    /// Defined by its own header or as an inline table.
    var defined = false

    init(implicit: Bool = false, dotted: Bool = false) {
        self.implicit = implicit
        self.dotted = dotted
    }

    func set(_ key: String, _ value: TOMLValue) { entries[key] = value }

    func value() -> ValueMap { ValueMap(entries.map { ($0.key, $0.value.value()) }) }
}

/// TOML datetimes written the way `encoding/json` writes the `time.Time` BurntSushi/toml decodes them to.
private enum TOMLDatetime {
    static func digits(_ b: [UInt8], _ from: Int, _ count: Int) -> Int? {
        guard from + count <= b.count else { return nil }
        var v = 0
        for k in from..<(from + count) {
            guard b[k] >= 0x30 && b[k] <= 0x39 else { return nil }
            v = v * 10 + Int(b[k] - 0x30)
        }
        return v
    }

    /// The JSON text (`1979-05-27T07:32:00Z`), or nil when the datetime is invalid.
    static func jsonText(_ b: [UInt8]) -> String? {
        var i = 0
        var date = "0000-01-01"
        var time = "00:00:00"
        var fraction = ""
        var zone = "Z"
        if b.count >= 5 && b[4] == UInt8(ascii: "-") {
            guard let y = digits(b, 0, 4), let m = digits(b, 5, 2), b.count >= 10, b[7] == UInt8(ascii: "-"),
                let d = digits(b, 8, 2), (1...12).contains(m), d >= 1
            else { return nil }
            let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)
            let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
            guard d <= days else { return nil }
            date = String(decoding: b[0..<10], as: UTF8.self)
            i = 10
            if i == b.count { return date + "T00:00:00Z" }
            guard b[i] == UInt8(ascii: "T") || b[i] == UInt8(ascii: "t") || b[i] == UInt8(ascii: " ") else {
                return nil
            }
            i += 1
        }
        guard let h = digits(b, i, 2), b.count > i + 2, b[i + 2] == UInt8(ascii: ":"), let mi = digits(b, i + 3, 2),
            h < 24, mi < 60
        else { return nil }
        var sec = 0
        i += 5
        if i < b.count && b[i] == UInt8(ascii: ":") {
            guard let sc = digits(b, i + 1, 2), sc < 60 else { return nil }
            sec = sc
            i += 3
        }
        time = String(format2(h)) + ":" + format2(mi) + ":" + format2(sec)
        if i < b.count && b[i] == UInt8(ascii: ".") {
            i += 1
            let start = i
            while i < b.count && b[i] >= 0x30 && b[i] <= 0x39 { i += 1 }
            guard i > start else { return nil }
            var f = Array(b[start..<min(i, start + 9)])
            while let last = f.last, last == UInt8(ascii: "0") { f.removeLast() }
            if !f.isEmpty { fraction = "." + String(decoding: f, as: UTF8.self) }
        }
        if i < b.count {
            if b[i] == UInt8(ascii: "Z") || b[i] == UInt8(ascii: "z") {
                i += 1
            } else if b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") {
                guard let zh = digits(b, i + 1, 2), b.count > i + 3, b[i + 3] == UInt8(ascii: ":"),
                    let zm = digits(b, i + 4, 2), zh < 24, zm < 60
                else { return nil }
                if zh != 0 || zm != 0 { zone = String(decoding: b[i..<(i + 6)], as: UTF8.self) }
                i += 6
            } else {
                return nil
            }
        }
        guard i == b.count else { return nil }
        return date + "T" + time + fraction + zone
    }

    static func format2(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
}
