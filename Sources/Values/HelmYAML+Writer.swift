/// Writes `toYaml` output for values made of short, printable ASCII text, without libyaml's emitter.
///
/// `HelmYAML.marshal` sends `EventBuilder`'s events through libyaml, whose emitter analyses every scalar (may it
/// be plain, must it be quoted, where may a long line fold). For the plain block layout that nearly every
/// `toYaml` call produces, the result is fixed by a few rules, which this writer applies directly:
///
/// - mappings: `key: scalar`, `key:` then the nested mapping two spaces further in, `key:` then the sequence at
///   the key's own indentation (libyaml's indentless sequences), `{}` and `[]` for empty collections;
/// - sequences: `- scalar`, `- ` then the first entry of a nested mapping or sequence on the same line;
/// - scalars: plain when `EventBuilder` asks for plain and libyaml would keep it plain, else double-quoted with
///   `\"` and `\\` escapes.
///
/// It gives up (nil) on anything else, and the caller then runs the emitter: text outside printable ASCII, line
/// breaks (literal blocks), characters that may make libyaml quote a plain scalar, lines long enough for libyaml
/// to fold, keys long enough to stop being simple keys, and every value `EventBuilder` would reject.
struct PlainYAMLWriter {
    private var out: [UInt8] = []

    /// libyaml folds at a space once the column passes this width (go-yaml's default).
    private static let width = 80

    /// The longest key written here (libyaml writes keys longer than 128 characters as complex keys).
    private static let maxKeyLength = 100

    /// Nesting deeper than this goes to the emitter.
    private static let maxDepth = 64

    /// The text `marshal` would give for `value` (without its final newline when asked), or nil when the emitter
    /// must write it.
    static func document(_ value: Value, dropFinalNewline: Bool) -> String? {
        var writer = PlainYAMLWriter()
        guard writer.root(value) else { return nil }
        // Every line written here ends with a newline, the last one too.
        if dropFinalNewline { writer.out.removeLast() }
        return String(decoding: writer.out, as: UTF8.self)
    }

    private mutating func root(_ value: Value) -> Bool {
        switch value {
        case .map(let m) where !m.isEmpty: return mapping(m, indent: 0, firstInline: false, depth: 0)
        case .list(let l) where !l.isEmpty: return sequence(l, indent: 0, firstInline: false, depth: 0)
        case .object(let o): return root(o.serialized)
        default: return inline(value, column: 0)
        }
    }

    /// Writes a scalar or an empty collection after the current text on this line, then the line break.
    private mutating func inline(_ value: Value, column: Int) -> Bool {
        switch value {
        case .map(let m) where m.isEmpty: out.append(contentsOf: "{}".utf8)
        case .list(let l) where l.isEmpty: out.append(contentsOf: "[]".utf8)
        case .object(let o): return inline(o.serialized, column: column)
        default:
            guard let scalar = appendScalar(value) else { return false }
            if scalar.hasSpace && column + scalar.count > Self.width { return false }
        }
        out.append(UInt8(ascii: "\n"))
        return true
    }

    /// Whether `value` is written on the line of its key or dash.
    private static func isInline(_ value: Value) -> Bool {
        switch value {
        case .map(let m): return m.isEmpty
        case .list(let l): return l.isEmpty
        case .object(let o): return isInline(o.serialized)
        default: return true
        }
    }

    private mutating func indentation(_ n: Int) {
        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: n))
    }

    /// A non-empty mapping whose entries start at column `indent`; with `firstInline` the first entry continues
    /// the current line (after `- `).
    private mutating func mapping(_ m: ValueMap, indent: Int, firstInline: Bool, depth: Int) -> Bool {
        guard depth < Self.maxDepth else { return false }
        let keys = m.keys
        let values = m.values
        let order = GoYAMLKeyOrder.sortedIndicesIfReordered(keys) ?? Array(keys.indices)
        for (n, i) in order.enumerated() {
            guard keys[i].utf8.count <= Self.maxKeyLength else { return false }
            if n > 0 || !firstInline { indentation(indent) }
            guard let key = appendString(keys[i]) else { return false }
            out.append(UInt8(ascii: ":"))
            var value = values[i]
            if case .object(let o) = value { value = o.serialized }
            if Self.isInline(value) {
                out.append(UInt8(ascii: " "))
                guard inline(value, column: indent + key.count + 2) else { return false }
                continue
            }
            out.append(UInt8(ascii: "\n"))
            switch value {
            case .map(let child):
                guard mapping(child, indent: indent + 2, firstInline: false, depth: depth + 1) else { return false }
            case .list(let child):
                guard sequence(child, indent: indent, firstInline: false, depth: depth + 1) else { return false }
            default:
                return false
            }
        }
        return true
    }

    /// A non-empty sequence whose dashes start at column `indent`; with `firstInline` the first item continues
    /// the current line.
    private mutating func sequence(_ items: [Value], indent: Int, firstInline: Bool, depth: Int) -> Bool {
        guard depth < Self.maxDepth else { return false }
        for (n, item) in items.enumerated() {
            if n > 0 || !firstInline { indentation(indent) }
            out.append(contentsOf: "- ".utf8)
            var value = item
            if case .object(let o) = value { value = o.serialized }
            switch value {
            case .map(let child) where !child.isEmpty:
                guard mapping(child, indent: indent + 2, firstInline: true, depth: depth + 1) else { return false }
            case .list(let child) where !child.isEmpty:
                guard sequence(child, indent: indent + 2, firstInline: true, depth: depth + 1) else { return false }
            default:
                guard inline(value, column: indent + 2) else { return false }
            }
        }
        return true
    }

    /// The width of a scalar written to `out`, and whether it contains a space (where libyaml may fold a long
    /// line).
    private struct Written {
        var count: Int
        var hasSpace: Bool
    }

    /// Writes what `EventBuilder.node` emits for a scalar value; nil when the emitter must write it (the caller
    /// then drops the whole output).
    private mutating func appendScalar(_ value: Value) -> Written? {
        let start = out.count
        switch value {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .int(let i, let kind): out.append(contentsOf: kind.decimal(i).utf8)
        case .float(let f):
            // EventBuilder.float: json.Marshal's text read back by go-yaml; NaN and infinities are errors.
            guard f.isFinite else { return nil }
            let text: String
            switch GoYAMLResolve.resolve(GoJSON.formatFloat(f)) {
            case .int(let i): text = String(i)
            case .uint(let u): text = String(u)
            default: text = GoFormat.formatFloatG(f)
            }
            out.append(contentsOf: text.utf8)
        case .string(let s): return appendString(s)
        default: return nil
        }
        return Written(count: out.count - start, hasSpace: false)
    }

    /// Writes a string as `EventBuilder.string` asks, when the text is printable ASCII on one line and libyaml
    /// would write it in the style asked for without folding.
    private mutating func appendString(_ s: String) -> Written? {
        let start = out.count
        let hasSpace = s.utf8.withContiguousStorageIfAvailable { text -> Bool? in
            var hasSpace = false
            for b in text {
                guard b >= 0x20 && b < 0x7F else { return nil }
                if b == UInt8(ascii: " ") { hasSpace = true }
            }
            if GoYAMLResolve.canUsePlain(s) {
                guard Self.isPlainSafe(text) else { return nil }
                out.append(contentsOf: text)
                return hasSpace
            }
            out.append(UInt8(ascii: "\""))
            for b in text {
                if b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") { out.append(UInt8(ascii: "\\")) }
                out.append(b)
            }
            out.append(UInt8(ascii: "\""))
            return hasSpace
        }
        guard let hasSpace, let hasSpace else { return nil }
        return Written(count: out.count - start, hasSpace: hasSpace)
    }

    /// Whether libyaml keeps `text` plain in block context: it starts with a letter, digit, `_` or `/`, has no
    /// leading or trailing space, and holds no indicator libyaml looks for (`: `, ` #`, quotes, brackets, …).
    /// Go: yaml.v2 emitterc.go `yaml_emitter_analyze_scalar`.
    private static func isPlainSafe(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = text.first, let last = text.last, last != UInt8(ascii: " ") else { return false }
        let startsWell =
            (first >= UInt8(ascii: "a") && first <= UInt8(ascii: "z")) || (first >= UInt8(ascii: "A") && first <= UInt8(ascii: "Z"))
            || (first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9")) || first == UInt8(ascii: "_")
            || first == UInt8(ascii: "/")
        guard startsWell else { return false }
        for (i, b) in text.enumerated() {
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "/"),
                UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "="), UInt8(ascii: "@"), UInt8(ascii: "%"),
                UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "~"), UInt8(ascii: "$"), UInt8(ascii: "^"),
                UInt8(ascii: ";"), UInt8(ascii: ","), UInt8(ascii: " "):
                continue
            case UInt8(ascii: ":"):
                // Only `:` followed by a space or the end is an indicator in block context.
                guard i + 1 < text.count, text[i + 1] != UInt8(ascii: " ") else { return false }
            case UInt8(ascii: "#"):
                // Only `#` after a space starts a comment.
                guard i > 0, text[i - 1] != UInt8(ascii: " ") else { return false }
            default:
                return false
            }
        }
        return true
    }
}
