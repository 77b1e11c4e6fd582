import YAMLKit

extension HelmYAML {
    /// Helm's `toYamlPretty`: goyaml.v3's `Encoder` with `SetIndent(2)` on the value itself (no JSON round trip),
    /// without the final newline, or "" on error.
    ///
    /// goyaml.v3 differs from v2 in three visible ways: floats print in `%g` form (`1e+06`), lines are not folded,
    /// and block sequences inside mappings are indented. libyaml cannot indent those sequences, so the block
    /// layout is written here and libyaml renders each scalar (style choice, quoting, escapes, block headers).
    public static func toYamlPretty(_ value: Value) -> String {
        var writer = PrettyYAMLWriter()
        guard (try? writer.node(value, column: 0, position: .top)) != nil else { return "" }
        return writer.out
    }
}

/// The goyaml.v3 block layout with a 2-space indent and non-compact sequences.
private struct PrettyYAMLWriter {
    enum Position {
        /// The document root.
        case top
        /// After `key:` of a mapping whose entries start at the given column.
        case afterKey
        /// After `- ` (or `? `/`: `) of an entry starting at the given column.
        case afterDash
    }

    var out = ""

    /// libyaml's rendering of one scalar as the lines it would write, relative to an entry column of 0.
    func render(_ event: YAMLScalarEvent) throws(YAMLError) -> [Substring] {
        let emitter = YAMLEmitter(options: YAMLEmitter.Options(width: -1))
        try emitter.emit([.streamStart, .documentStart(implicit: true), .scalar(event), .documentEnd(implicit: true), .streamEnd])
        var text = emitter.output
        if text.hasSuffix("\n") { text.removeLast() }
        return text.split(separator: "\n", omittingEmptySubsequences: false)
    }

    func scalarEvent(_ value: Value) throws(YAMLError) -> YAMLScalarEvent? {
        switch value {
        case .null: return YAMLScalarEvent(value: "null", style: .plain)
        case .bool(let b): return YAMLScalarEvent(value: b ? "true" : "false", style: .plain)
        case .int(let i): return YAMLScalarEvent(value: String(i), style: .plain)
        case .float(let f):
            // Go: yaml.v3 encode.go floatv.
            let text = f.isNaN ? ".nan" : f.isInfinite ? (f < 0 ? "-.inf" : ".inf") : GoFormat.formatFloatG(f)
            return YAMLScalarEvent(value: text, style: .plain)
        case .string(let s): return stringEvent(s)
        case .list, .map, .object: return nil
        }
    }

    /// Go: yaml.v3 encode.go `stringv`: literal for multi-line text, plain unless it would read back as another
    /// type (or as a YAML 1.1 bool), else double-quoted.
    func stringEvent(_ s: String) -> YAMLScalarEvent {
        if s.utf8.contains(UInt8(ascii: "\n")) { return YAMLScalarEvent(value: s, style: .literal) }
        return YAMLScalarEvent(value: s, style: GoYAMLResolve.canUsePlain(s) ? .plain : .doubleQuoted)
    }

    mutating func write(_ lines: [Substring], column: Int) {
        for (i, line) in lines.enumerated() {
            if i > 0 {
                out += "\n"
                if !line.isEmpty { out += String(repeating: " ", count: column) }
            }
            out += line
        }
    }

    mutating func node(_ value: Value, column: Int, position: Position) throws(YAMLError) {
        if case .object(let o) = value {
            try node(o.serialized, column: column, position: position)
            return
        }
        if let event = try scalarEvent(value) {
            if position == .afterKey { out += " " }
            write(try render(event), column: column)
            return
        }
        switch value {
        case .list(let items):
            if items.isEmpty {
                out += position == .afterKey ? " []" : "[]"
                return
            }
            // Sequences under a key are indented (goyaml.v3 without compact sequence indent).
            let entries = position == .afterKey ? column + 2 : position == .afterDash ? column + 2 : column
            for (i, item) in items.enumerated() {
                if i > 0 || position == .afterKey {
                    out += "\n" + String(repeating: " ", count: entries)
                }
                out += "- "
                try node(item, column: entries, position: .afterDash)
            }
        case .map(let m):
            if m.isEmpty {
                out += position == .afterKey ? " {}" : "{}"
                return
            }
            let entries = position == .top ? column : column + 2
            let order = m.keys.indices.sorted { GoYAMLKeyOrder.less(m.keys[$0], m.keys[$1]) }
            for (n, i) in order.enumerated() {
                if n > 0 || position == .afterKey {
                    out += "\n" + String(repeating: " ", count: entries)
                }
                let key = try render(stringEvent(m.keys[i]))
                if key.count > 1 || m.keys[i].utf8.count > 128 {
                    // libyaml writes long or multi-line keys as complex keys.
                    out += "? "
                    write(key, column: entries)
                    out += "\n" + String(repeating: " ", count: entries) + ": "
                    try node(m.values[i], column: entries, position: .afterDash)
                } else {
                    write(key, column: entries)
                    out += ":"
                    try node(m.values[i], column: entries, position: .afterKey)
                }
            }
        default:
            break
        }
    }
}
