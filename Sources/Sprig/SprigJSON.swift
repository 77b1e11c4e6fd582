import GoTemplate
import Values

/// A small Go `encoding/json` encoder and decoder for `interface{}` values, used by Sprig's JSON functions.
///
/// Interim: the shared Go-exact JSON codec in `Values` replaces this once it lands; keep the behaviour in step.
enum SprigJSON {
    // MARK: Encoding (Go: encoding/json encode.go)

    /// `json.Marshal` (`indent == nil`) or `json.MarshalIndent(v, "", indent)`; `escapeHTML: false` is
    /// `Encoder.SetEscapeHTML(false)`.
    static func encode(_ v: Value, indent: String?, escapeHTML: Bool) throws -> String {
        var out = ""
        try encode(v, into: &out, indent: indent, depth: 0, escapeHTML: escapeHTML)
        return out
    }

    private static func newline(_ out: inout String, _ indent: String?, _ depth: Int) {
        guard let indent else { return }
        out += "\n"
        for _ in 0..<depth { out += indent }
    }

    private static func encode(_ v: Value, into out: inout String, indent: String?, depth: Int, escapeHTML: Bool) throws {
        switch v {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .float(let f):
            guard f.isFinite else { throw FunctionError("json: unsupported value: \(GoFormat.formatFloatG(f))") }
            out += GoFormat.formatFloatJSON(f)
        case .string(let s): quote(s, into: &out, escapeHTML: escapeHTML)
        case .list(let l):
            if l.isEmpty { out += "[]"; return }
            out += "["
            for (i, e) in l.enumerated() {
                if i > 0 { out += "," }
                newline(&out, indent, depth + 1)
                try encode(e, into: &out, indent: indent, depth: depth + 1, escapeHTML: escapeHTML)
            }
            newline(&out, indent, depth)
            out += "]"
        case .map(let m):
            if m.isEmpty { out += "{}"; return }
            out += "{"
            var first = true
            for (k, e) in m {
                if !first { out += "," }
                first = false
                newline(&out, indent, depth + 1)
                quote(k, into: &out, escapeHTML: escapeHTML)
                out += indent == nil ? ":" : ": "
                try encode(e, into: &out, indent: indent, depth: depth + 1, escapeHTML: escapeHTML)
            }
            newline(&out, indent, depth)
            out += "}"
        case .object(let o):
            try encode(o.serialized, into: &out, indent: indent, depth: depth, escapeHTML: escapeHTML)
        }
    }

    // Go: encode.go appendString
    static func quote(_ s: String, into out: inout String, escapeHTML: Bool) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "<", ">", "&":
                if escapeHTML { out += "\\u00" + Cast.hex(scalar.value, width: 2) } else { out.unicodeScalars.append(scalar) }
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if scalar.value < 0x20 { out += "\\u00" + Cast.hex(scalar.value, width: 2) }
                else { out.unicodeScalars.append(scalar) }
            }
        }
        out += "\""
    }

    // MARK: Decoding (Go: encoding/json scanner.go, decode.go into interface{})

    struct Parser {
        let b: [UInt8]
        var i = 0

        init(_ s: String) { b = Array(s.utf8) }

        /// Go scanner's `quoteChar`.
        static func quoteChar(_ c: UInt8) -> String {
            if c == UInt8(ascii: "'") { return "'\\''" }
            if c == UInt8(ascii: "\"") { return "'\"'" }
            let q = Cast.quote(String(decoding: [c], as: UTF8.self))
            return "'" + q.dropFirst().dropLast() + "'"
        }

        /// A scanner error at the current byte. Inside a literal or number, Go's scanner reports the end of the
        /// input as the space it feeds at EOF (`invalid character ' ' in numeric literal`).
        func syntax(_ context: String, spaceAtEnd: Bool = false) -> FunctionError {
            guard i < b.count else {
                if spaceAtEnd { return FunctionError("invalid character ' ' \(context)") }
                return FunctionError("unexpected end of JSON input")
            }
            return FunctionError("invalid character \(Parser.quoteChar(b[i])) \(context)")
        }

        mutating func skipSpace() {
            while i < b.count, b[i] == 0x20 || b[i] == 0x09 || b[i] == 0x0A || b[i] == 0x0D { i += 1 }
        }

        mutating func value() throws -> Value {
            skipSpace()
            guard i < b.count else { throw syntax("") }
            switch b[i] {
            case UInt8(ascii: "{"):
                i += 1
                let m = ValueMap()
                skipSpace()
                if i < b.count && b[i] == UInt8(ascii: "}") { i += 1; return .map(m) }
                while true {
                    skipSpace()
                    guard i < b.count, b[i] == UInt8(ascii: "\"") else {
                        throw syntax("looking for beginning of object key string")
                    }
                    let k = try string()
                    skipSpace()
                    guard i < b.count, b[i] == UInt8(ascii: ":") else { throw syntax("after object key") }
                    i += 1
                    m[k] = try value()
                    skipSpace()
                    guard i < b.count else { throw syntax("") }
                    if b[i] == UInt8(ascii: ",") { i += 1; continue }
                    if b[i] == UInt8(ascii: "}") { i += 1; return .map(m) }
                    throw syntax("after object key:value pair")
                }
            case UInt8(ascii: "["):
                i += 1
                var l: [Value] = []
                skipSpace()
                if i < b.count && b[i] == UInt8(ascii: "]") { i += 1; return .list(l) }
                while true {
                    l.append(try value())
                    skipSpace()
                    guard i < b.count else { throw syntax("") }
                    if b[i] == UInt8(ascii: ",") { i += 1; continue }
                    if b[i] == UInt8(ascii: "]") { i += 1; return .list(l) }
                    throw syntax("after array element")
                }
            case UInt8(ascii: "\""):
                return .string(try string())
            case UInt8(ascii: "t"): try literal("true"); return .bool(true)
            case UInt8(ascii: "f"): try literal("false"); return .bool(false)
            case UInt8(ascii: "n"): try literal("null"); return .null
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                return .float(try number())
            default:
                throw syntax("looking for beginning of value")
            }
        }

        mutating func literal(_ word: String) throws {
            for c in word.utf8 {
                if i >= b.count || b[i] != c {
                    throw syntax("in literal \(word) (expecting \(Parser.quoteChar(c)))", spaceAtEnd: true)
                }
                i += 1
            }
        }

        mutating func number() throws -> Double {
            let start = i
            func digits() { while i < b.count, b[i] >= UInt8(ascii: "0"), b[i] <= UInt8(ascii: "9") { i += 1 } }
            if b[i] == UInt8(ascii: "-") {
                i += 1
                guard i < b.count, b[i] >= UInt8(ascii: "0"), b[i] <= UInt8(ascii: "9") else {
                    throw syntax("in numeric literal", spaceAtEnd: true)
                }
            }
            if b[i] == UInt8(ascii: "0") { i += 1 } else { digits() }
            if i < b.count, b[i] == UInt8(ascii: ".") {
                i += 1
                guard i < b.count, b[i] >= UInt8(ascii: "0"), b[i] <= UInt8(ascii: "9") else {
                    throw syntax("after decimal point in numeric literal", spaceAtEnd: true)
                }
                digits()
            }
            if i < b.count, b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") {
                i += 1
                if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { i += 1 }
                guard i < b.count, b[i] >= UInt8(ascii: "0"), b[i] <= UInt8(ascii: "9") else {
                    throw syntax("in exponent of numeric literal", spaceAtEnd: true)
                }
                digits()
            }
            let text = String(decoding: b[start..<i], as: UTF8.self)
            guard let d = Double(text), d.isFinite else {
                throw FunctionError("json: cannot unmarshal number \(text) into Go value of type float64")
            }
            return d
        }

        mutating func hex4() throws -> UInt32 {
            var v: UInt32 = 0
            for _ in 0..<4 {
                guard i < b.count else { throw syntax("") }
                let c = b[i]
                let d: UInt32
                switch c {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(c - UInt8(ascii: "0"))
                case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt32(c - UInt8(ascii: "a") + 10)
                case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt32(c - UInt8(ascii: "A") + 10)
                default: throw syntax("in \\u hexadecimal character escape")
                }
                v = v * 16 + d
                i += 1
            }
            return v
        }

        mutating func string() throws -> String {
            i += 1  // opening quote
            var out: [UInt8] = []
            while true {
                guard i < b.count else { throw syntax("") }
                let c = b[i]
                if c == UInt8(ascii: "\"") { i += 1; break }
                if c < 0x20 { throw syntax("in string literal") }
                if c != UInt8(ascii: "\\") { out.append(c); i += 1; continue }
                i += 1
                guard i < b.count else { throw syntax("") }
                let e = b[i]
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
                    if (0xD800..<0xDC00).contains(code), i + 1 < b.count, b[i] == UInt8(ascii: "\\"),
                       b[i + 1] == UInt8(ascii: "u") {
                        let save = i
                        i += 2
                        let low = try hex4()
                        if (0xDC00..<0xE000).contains(low) {
                            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                        } else {
                            i = save
                        }
                    }
                    out += Array(String(Unicode.Scalar(code).map(Character.init) ?? "\u{FFFD}").utf8)
                default:
                    i -= 1
                    throw syntax("in string escape code")
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// `json.Unmarshal` into `interface{}`: objects → maps, arrays → lists, numbers → float64.
    static func decode(_ s: String) throws -> Value {
        var p = Parser(s)
        p.skipSpace()
        if p.i >= p.b.count { throw FunctionError("unexpected end of JSON input") }
        let v = try p.value()
        p.skipSpace()
        if p.i < p.b.count { throw p.syntax("after top-level value") }
        return v
    }
}
