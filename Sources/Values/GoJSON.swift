/// Go `encoding/json` as Helm and Sprig use it: `toJson`, `toRawJson`, `toPrettyJson`, `fromJson`, `fromJsonArray`.
public enum GoJSON {
    /// An error with `encoding/json`'s text (`json: unsupported value: NaN`, `unexpected end of JSON input`).
    public struct Error: Swift.Error, Sendable, CustomStringConvertible {
        /// Go's message.
        public var message: String
        /// Creates an error.
        public init(_ message: String) { self.message = message }
        /// Go's message.
        public var description: String { message }
    }

    // MARK: Encoding

    /// `json.Marshal` (HTML-escaping `<`, `>`, `&`) or, with `escapeHTML: false`, an `Encoder` with
    /// `SetEscapeHTML(false)` minus its trailing newline (Sprig `toRawJson`). `indent` gives `json.MarshalIndent`
    /// with an empty prefix.
    public static func marshal(_ value: Value, escapeHTML: Bool = true, indent: String? = nil) throws(Error) -> String {
        var out = ""
        try encode(value, into: &out, escapeHTML: escapeHTML, indent: indent, depth: 0)
        return out
    }

    private static func newline(_ out: inout String, _ indent: String?, _ depth: Int) {
        guard let indent else { return }
        out += "\n"
        for _ in 0..<depth { out += indent }
    }

    private static func encode(
        _ value: Value, into out: inout String, escapeHTML: Bool, indent: String?, depth: Int
    ) throws(Error) {
        switch value {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i, let kind): out += kind.decimal(i)
        case .float(let f):
            guard f.isFinite else { throw Error("json: unsupported value: " + GoFormat.formatFloatG(f)) }
            out += formatFloat(f)
        case .string(let s): appendQuoted(s, into: &out, escapeHTML: escapeHTML)
        case .list(let items):
            if items.isEmpty {
                out += "[]"
                return
            }
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                newline(&out, indent, depth + 1)
                try encode(item, into: &out, escapeHTML: escapeHTML, indent: indent, depth: depth + 1)
            }
            newline(&out, indent, depth)
            out += "]"
        case .map(let m):
            try encodeObject(m, isEmpty: m.isEmpty, into: &out, escapeHTML: escapeHTML, indent: indent, depth: depth)
        case .object(let o):
            // Go: encoding/json writes struct fields in declaration order.
            if let s = o as? GoStruct {
                try encodeObject(s.fields, isEmpty: s.fields.isEmpty, into: &out, escapeHTML: escapeHTML, indent: indent,
                                 depth: depth)
            } else {
                try encode(o.serialized, into: &out, escapeHTML: escapeHTML, indent: indent, depth: depth)
            }
        }
    }

    /// A JSON object from key/value pairs in the order given (sorted for maps, declared for structs).
    private static func encodeObject<S: Sequence<(key: String, value: Value)>>(
        _ pairs: S, isEmpty: Bool, into out: inout String, escapeHTML: Bool, indent: String?, depth: Int
    ) throws(Error) {
        if isEmpty {
            out += "{}"
            return
        }
        out += "{"
        var first = true
        for (k, v) in pairs {
            if !first { out += "," }
            first = false
            newline(&out, indent, depth + 1)
            appendQuoted(k, into: &out, escapeHTML: escapeHTML)
            out += indent == nil ? ":" : ": "
            try encode(v, into: &out, escapeHTML: escapeHTML, indent: indent, depth: depth + 1)
        }
        newline(&out, indent, depth)
        out += "}"
    }

    /// How `encoding/json` writes a float64: `GoFormat.formatFloatJSON` plus Go's exponent clean-up
    /// (`1e-07` → `1e-7`) and the sign of negative zero. Go: encoding/json encode.go `floatEncoder`.
    public static func formatFloat(_ f: Double) -> String {
        var s = GoFormat.formatFloatJSON(f)
        if f == 0 && f.sign == .minus && !s.hasPrefix("-") { s = "-" + s }
        var b = Array(s.utf8)
        let n = b.count
        if n >= 4 && b[n - 4] == UInt8(ascii: "e") && b[n - 3] == UInt8(ascii: "-") && b[n - 2] == UInt8(ascii: "0") {
            b[n - 2] = b[n - 1]
            b.removeLast()
            s = String(decoding: b, as: UTF8.self)
        }
        return s
    }

    private static let hexDigits = Array("0123456789abcdef".unicodeScalars)

    /// Go: encoding/json encode.go `appendString`.
    static func appendQuoted(_ s: String, into out: inout String, escapeHTML: Bool) {
        out.unicodeScalars.append("\"")
        for u in s.unicodeScalars {
            if GoBytes.escapedByte(u) != nil {
                out += "\\ufffd"  // Go: encoding/json replaces invalid UTF-8 with U+FFFD
                continue
            }
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "<" where escapeHTML, ">" where escapeHTML, "&" where escapeHTML:
                out += "\\u00"
                out.unicodeScalars.append(hexDigits[Int(u.value >> 4)])
                out.unicodeScalars.append(hexDigits[Int(u.value & 0xF)])
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if u.value < 0x20 {
                    out += "\\u00"
                    out.unicodeScalars.append(hexDigits[Int(u.value >> 4)])
                    out.unicodeScalars.append(hexDigits[Int(u.value & 0xF)])
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        out.unicodeScalars.append("\"")
    }

    // MARK: Decoding

    /// `json.Unmarshal` into `interface{}`: objects become maps, numbers float64.
    public static func unmarshal(_ text: String) throws(Error) -> Value {
        let (value, saved) = try unmarshalKeepingPartial(text)
        if let saved { throw saved }
        return value
    }

    /// `json.Unmarshal` as Go runs it: syntax errors stop everything, while a number out of float64 range is
    /// remembered, stored as nil, and reported after the rest was decoded (Go: decode.go `saveError`).
    static func unmarshalKeepingPartial(_ text: String) throws(Error) -> (Value, Error?) {
        var p = JSONScanner(bytes: Array(text.utf8))
        let v = try p.document()
        return (v, p.savedError)
    }

    /// Helm's `fromJson`: an object, or `{"Error": message}`.
    /// A JSON `null` gives Go's nil map, which prints as `null` with `toJson`; it is returned as `.null`.
    public static func fromJson(_ text: String) -> Value {
        do throws(Error) {
            let (v, saved) = try unmarshalKeepingPartial(text)
            switch v {
            case .map(let m):
                // Helm: funcs.go fromJSON keeps what was decoded and adds the error.
                if let saved { m["Error"] = .string(saved.message) }
                return v
            case .null:
                if let saved { throw saved }
                return .null
            default:
                throw Error("json: cannot unmarshal \(jsonTypeName(v)) into Go value of type map[string]interface {}")
            }
        } catch {
            return .map(ValueMap([("Error", .string(error.message))]))
        }
    }

    /// Helm's `fromJsonArray`: an array, or `[message]`.
    /// A JSON `null` gives Go's nil slice, which prints as `null` with `toJson`; it is returned as `.null`.
    public static func fromJsonArray(_ text: String) -> Value {
        do throws(Error) {
            let (v, saved) = try unmarshalKeepingPartial(text)
            switch v {
            case .list:
                if let saved { throw saved }
                return v
            case .null:
                if let saved { throw saved }
                return .null
            default:
                throw Error("json: cannot unmarshal \(jsonTypeName(v)) into Go value of type []interface {}")
            }
        } catch {
            return .list([.string(error.message)])
        }
    }

    static func jsonTypeName(_ v: Value) -> String {
        switch v {
        case .null: return "null"
        case .bool: return "bool"
        case .int, .float: return "number"
        case .string: return "string"
        case .list: return "array"
        case .map, .object: return "object"
        }
    }
}

/// A JSON reader with Go's scanner error messages. Go: encoding/json scanner.go.
private struct JSONScanner {
    let bytes: [UInt8]
    var i = 0
    /// The first number that did not fit a float64.
    var savedError: Error?

    init(bytes: [UInt8]) { self.bytes = bytes }

    typealias Error = GoJSON.Error

    static func quoteChar(_ c: UInt8) -> String {
        if c == UInt8(ascii: "'") { return "'\\''" }
        if c == UInt8(ascii: "\"") { return "'\"'" }
        if c >= 0x20 && c < 0x7F { return "'" + String(UnicodeScalar(c)) + "'" }
        let q = GoQuote.quote(String(decoding: [c], as: UTF8.self))
        return "'" + q.dropFirst().dropLast() + "'"
    }

    func invalid(_ c: UInt8, _ context: String) -> Error {
        Error("invalid character " + Self.quoteChar(c) + " " + context)
    }

    static let eof = Error("unexpected end of JSON input")

    mutating func skipSpace() {
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0A || bytes[i] == 0x0D { i += 1 }
    }

    mutating func document() throws(Error) -> Value {
        skipSpace()
        let v = try value()
        skipSpace()
        if i < bytes.count { throw invalid(bytes[i], "after top-level value") }
        return v
    }

    mutating func value() throws(Error) -> Value {
        guard i < bytes.count else { throw Self.eof }
        let c = bytes[i]
        switch c {
        case UInt8(ascii: "{"): return try object()
        case UInt8(ascii: "["): return try array()
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
        default: throw invalid(c, "looking for beginning of value")
        }
    }

    /// The byte at the cursor; at the end of input Go's scanner steps with a space (scanner.go `eof`), which
    /// is why `tru` fails with "invalid character ' ' in literal true".
    var current: UInt8 { i < bytes.count ? bytes[i] : 0x20 }

    mutating func literal(_ word: String) throws(Error) {
        for expected in word.utf8 {
            if current != expected {
                throw invalid(current, "in literal \(word) (expecting \(Self.quoteChar(expected)))")
            }
            i += 1
        }
    }

    mutating func number() throws(Error) -> Value {
        let start = i
        func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
        if bytes[i] == UInt8(ascii: "-") {
            i += 1
            guard isDigit(current) else { throw invalid(current, "in numeric literal") }
        }
        if bytes[i] == UInt8(ascii: "0") {
            i += 1
        } else {
            while i < bytes.count && isDigit(bytes[i]) { i += 1 }
        }
        if i < bytes.count && bytes[i] == UInt8(ascii: ".") {
            i += 1
            guard isDigit(current) else { throw invalid(current, "after decimal point in numeric literal") }
            while i < bytes.count && isDigit(bytes[i]) { i += 1 }
        }
        if i < bytes.count && (bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E")) {
            i += 1
            if i < bytes.count && (bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-")) { i += 1 }
            guard isDigit(current) else { throw invalid(current, "in exponent of numeric literal") }
            while i < bytes.count && isDigit(bytes[i]) { i += 1 }
        }
        let text = String(decoding: bytes[start..<i], as: UTF8.self)
        guard let d = Double(text), d.isFinite else {
            if savedError == nil {
                savedError = Error("json: cannot unmarshal number \(text) into Go value of type float64")
            }
            return .null
        }
        return .float(d)
    }

    mutating func hex4() throws(Error) -> UInt32 {
        var v: UInt32 = 0
        for _ in 0..<4 {
            guard i < bytes.count else { throw Self.eof }
            let c = bytes[i]
            let d: UInt32
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(c - 0x30)
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt32(c - 0x61 + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt32(c - 0x41 + 10)
            default: throw invalid(c, "in \\u hexadecimal character escape")
            }
            v = v * 16 + d
            i += 1
        }
        return v
    }

    mutating func string() throws(Error) -> String {
        i += 1
        // Most strings have no escapes: their bytes are the text.
        var end = i
        while end < bytes.count {
            let c = bytes[end]
            if c == UInt8(ascii: "\"") {
                let text = String(decoding: bytes[i..<end], as: UTF8.self)
                i = end + 1
                return text
            }
            if c == UInt8(ascii: "\\") || c < 0x20 { break }
            end += 1
        }
        var out: [UInt8] = []
        var scalars = ""
        func flush() {
            if !out.isEmpty {
                // Invalid UTF-8 becomes U+FFFD, as Go's decoder does.
                scalars += String(decoding: out, as: UTF8.self)
                out.removeAll(keepingCapacity: true)
            }
        }
        while true {
            guard i < bytes.count else { throw Self.eof }
            let c = bytes[i]
            if c == UInt8(ascii: "\"") {
                i += 1
                break
            }
            if c < 0x20 { throw invalid(c, "in string literal") }
            if c == UInt8(ascii: "\\") {
                i += 1
                guard i < bytes.count else { throw Self.eof }
                let e = bytes[i]
                i += 1
                switch e {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    var code = try hex4()
                    if (0xD800..<0xDC00).contains(code) {
                        // A surrogate pair, when the low half follows.
                        let save = i
                        if i + 1 < bytes.count && bytes[i] == UInt8(ascii: "\\") && bytes[i + 1] == UInt8(ascii: "u") {
                            i += 2
                            if let low = try? hex4(), (0xDC00..<0xE000).contains(low) {
                                code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                            } else {
                                i = save
                                code = 0xFFFD
                            }
                        } else {
                            code = 0xFFFD
                        }
                    } else if (0xDC00..<0xE000).contains(code) {
                        code = 0xFFFD
                    }
                    flush()
                    scalars.unicodeScalars.append(Unicode.Scalar(code) ?? "\u{FFFD}")
                default:
                    throw invalid(e, "in string escape code")
                }
                continue
            }
            out.append(c)
            i += 1
        }
        flush()
        return scalars
    }

    mutating func object() throws(Error) -> Value {
        i += 1
        // Collected, then built at once: Go's map assignment (a repeated key keeps the last value).
        var keys: [String] = []
        var values: [Value] = []
        skipSpace()
        guard i < bytes.count else { throw Self.eof }
        if bytes[i] == UInt8(ascii: "}") {
            i += 1
            return .map(ValueMap())
        }
        while true {
            skipSpace()
            guard i < bytes.count else { throw Self.eof }
            guard bytes[i] == UInt8(ascii: "\"") else {
                throw invalid(bytes[i], "looking for beginning of object key string")
            }
            let key = try string()
            skipSpace()
            guard i < bytes.count else { throw Self.eof }
            guard bytes[i] == UInt8(ascii: ":") else { throw invalid(bytes[i], "after object key") }
            i += 1
            skipSpace()
            keys.append(key)
            values.append(try value())
            skipSpace()
            guard i < bytes.count else { throw Self.eof }
            if bytes[i] == UInt8(ascii: ",") {
                i += 1
                continue
            }
            if bytes[i] == UInt8(ascii: "}") {
                i += 1
                return .map(ValueMap(assigning: keys, values))
            }
            throw invalid(bytes[i], "after object key:value pair")
        }
    }

    mutating func array() throws(Error) -> Value {
        i += 1
        var items: [Value] = []
        skipSpace()
        guard i < bytes.count else { throw Self.eof }
        if bytes[i] == UInt8(ascii: "]") {
            i += 1
            return .list(items)
        }
        while true {
            skipSpace()
            items.append(try value())
            skipSpace()
            guard i < bytes.count else { throw Self.eof }
            if bytes[i] == UInt8(ascii: ",") {
                i += 1
                continue
            }
            if bytes[i] == UInt8(ascii: "]") {
                i += 1
                return .list(items)
            }
            throw invalid(bytes[i], "after array element")
        }
    }
}
