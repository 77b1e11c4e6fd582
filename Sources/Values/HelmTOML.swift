/// Helm's `toToml`: the BurntSushi/toml v1 encoder applied to a template value.
///
/// Go: github.com/BurntSushi/toml encode.go. Maps are written as tables (plain keys first, then sub-tables, each
/// group sorted by key bytes), lists whose elements are all maps as arrays of tables, other lists inline; nulls in
/// maps are skipped and nulls in lists are an error.
public enum HelmTOML {
    /// An encoder error with BurntSushi/toml's text.
    public struct Error: Swift.Error, Sendable, CustomStringConvertible {
        /// The encoder's message.
        public var message: String
        /// Whether Go fails outside the encoder (a reflection panic that `toToml` cannot turn into text).
        public var isPanic = false
        /// The encoder's message.
        public var description: String { message }
    }

    /// Helm's `toToml`: the TOML text, or the encoder's error text (Helm returns `err.Error()`).
    ///
    /// Throws only where Go panics outside the encoder's own error handling: a nil value makes reflection fail,
    /// and the template reports `error calling toToml: reflect: call of reflect.Value.Type on zero Value`.
    public static func toToml(_ value: Value) throws(Error) -> String {
        do {
            return try marshal(value)
        } catch {
            if error.isPanic { throw error }
            return error.message
        }
    }

    /// Helm's `mustToToml`: the TOML text, or a thrown error.
    public static func marshal(_ value: Value) throws(Error) -> String {
        if case .null = value {
            throw Error(message: "reflect: call of reflect.Value.Type on zero Value", isPanic: true)
        }
        var encoder = TOMLEncoder()
        try encoder.encode(key: [], value)
        return encoder.out
    }
}

private struct TOMLEncoder {
    var out = ""
    var hasWritten = false
    let indent = "  "

    typealias Error = HelmTOML.Error

    static let nilElement = Error(message: "toml: cannot encode array with nil element")

    mutating func write(_ s: String) {
        out += s
        hasWritten = true
    }

    mutating func newline() {
        if hasWritten { write("\n") }
    }

    func indentString(_ key: [String]) -> String {
        String(repeating: indent, count: max(0, key.count - 1))
    }

    /// How TOML sees a value: nil, a table, an array of tables, or anything else.
    enum Kind { case none, table, arrayOfTables, other }

    static func kind(_ v: Value) throws(Error) -> Kind {
        switch v {
        case .null: return .none
        case .map: return .table
        case .object(let o): return try kind(o.serialized)
        case .list(let items):
            // Go: isTableArray inspects every element and rejects nil ones.
            if items.isEmpty { return .other }
            var allTables = true
            for item in items {
                let k = try kind(item)
                if k == .none { throw nilElement }
                if k != .table { allTables = false }
            }
            return allTables ? .arrayOfTables : .other
        default: return .other
        }
    }

    mutating func encode(key: [String], _ value: Value) throws(Error) {
        switch value {
        case .null: return
        case .object(let o):
            if let s = o as? GoStruct {
                try tableSection(key: key, s.fields)
            } else {
                try encode(key: key, o.serialized)
            }
        case .map(let m):
            try tableSection(key: key, m)
        case .list:
            if try Self.kind(value) == .arrayOfTables {
                try arrayOfTables(key: key, value)
            } else {
                try keyValue(key: key, value, inline: false)
            }
        default:
            try keyValue(key: key, value, inline: false)
        }
    }

    /// Go: eTable. A map's entries come sorted, a struct's in declaration order.
    private mutating func tableSection<S: Sequence<(key: String, value: Value)>>(key: [String], _ pairs: S) throws(Error) {
        if key.count == 1 { newline() }
        if !key.isEmpty {
            write(indentString(key) + "[" + Self.keyString(key) + "]")
            newline()
        }
        try table(key: key, pairs, inline: false)
    }

    mutating func keyValue(key: [String], _ value: Value, inline: Bool) throws(Error) {
        guard let last = key.last else {
            try element(value)
            return
        }
        write(indentString(key) + Self.quotedKey(last) + " = ")
        try element(value)
        if !inline { newline() }
    }

    mutating func arrayOfTables(key: [String], _ value: Value) throws(Error) {
        guard !key.isEmpty else { throw Error(message: "toml: top-level values must be Go maps or structs") }
        guard case .list(let items) = value else { return }
        for item in items {
            var table = item
            while case .object(let o) = table, !(o is GoStruct) { table = o.serialized }
            let pairs: [(key: String, value: Value)]
            switch table {
            case .map(let m): pairs = Array(m)
            case .object(let o as GoStruct): pairs = o.fields
            default: continue
            }
            newline()
            write(indentString(key) + "[[" + Self.keyString(key) + "]]")
            newline()
            try self.table(key: key, pairs, inline: false)
        }
    }

    /// Go: eMap. Plain values first, then tables and arrays of tables; each group sorted by key bytes.
    mutating func table<S: Sequence<(key: String, value: Value)>>(key: [String], _ m: S, inline: Bool) throws(Error) {
        var direct: [(String, Value)] = []
        var sub: [(String, Value)] = []
        for (k, v) in m {
            switch try Self.kind(v) {
            case .table, .arrayOfTables: sub.append((k, v))
            default: direct.append((k, v))
            }
        }
        if inline { write("{") }
        try writeEntries(key: key, direct, inline: inline, trailingComma: !sub.isEmpty)
        try writeEntries(key: key, sub, inline: inline, trailingComma: false)
        if inline { write("}") }
    }

    private mutating func writeEntries(
        key: [String], _ entries: [(String, Value)], inline: Bool, trailingComma: Bool
    ) throws(Error) {
        for (i, (k, v)) in entries.enumerated() {
            if case .null = v { continue }
            if inline {
                try keyValue(key: [k], v, inline: true)
                if trailingComma || i != entries.count - 1 { write(", ") }
            } else {
                try encode(key: key + [k], v)
            }
        }
    }

    /// Go: eElement.
    mutating func element(_ value: Value) throws(Error) {
        switch value {
        case .null: throw Error(message: "toml: cannot encode a nil value")
        case .bool(let b): write(b ? "true" : "false")
        case .int(let i, let kind): write(kind.decimal(i))
        case .float(let f):
            if f.isNaN {
                write(f.sign == .minus ? "-nan" : "nan")
            } else if f.isInfinite {
                write(f < 0 ? "-inf" : "inf")
            } else {
                // Go: floatAddDecimal.
                let s = GoFormat.formatFloatG(f)
                write(s.contains(".") || s.contains("e") ? s : s + ".0")
            }
        case .string(let s): write(Self.quoted(s))
        case .list(let items):
            write("[")
            for (i, item) in items.enumerated() {
                try element(item)
                if i != items.count - 1 { write(", ") }
            }
            write("]")
        case .map(let m): try table(key: [], m, inline: true)
        case .object(let o as GoStruct): try table(key: [], o.fields, inline: true)
        case .object(let o): try element(o.serialized)
        }
    }

    static func isBare(_ s: String) -> Bool {
        s.utf8.allSatisfy { c in
            (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39) || c == 0x5F || c == 0x2D
        }
    }

    /// Go: Key.maybeQuoted.
    static func quotedKey(_ s: String) -> String {
        if s.isEmpty { return "\"\"" }
        return isBare(s) ? s : quoted(s)
    }

    /// Go: Key.String.
    static func keyString(_ key: [String]) -> String {
        key.map(quotedKey).joined(separator: ".")
    }

    /// Go: dblQuotedReplacer.
    static func quoted(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\u{08}": out += "\\b"
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\u{0C}": out += "\\f"
            case "\r": out += "\\r"
            default:
                if u.value < 0x20 || u.value == 0x7F {
                    out += "\\u" + GoQuote.hex(u.value, width: 4)
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }
}
