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
    /// Whether the last scalar written ended with U+2028/U+2029, leaving goyaml.v3 at the start of a line.
    var endsOnNewLine = false

    /// libyaml's rendering of one scalar, laid out for an entry column of 0.
    ///
    /// goyaml.v3 allows tabs in literal blocks where libyaml does not (Go: yaml.v3 emitterc.go
    /// `yaml_emitter_analyze_scalar` `tab_characters`), so tabs in literal text are rendered through a stand-in.
    func render(_ event: YAMLScalarEvent) throws(YAMLError) -> String {
        if event.value.unicodeScalars.first == "\u{FEFF}" { return GoYAMLBOM.escapedEverything(event.value) }
        if event.style == .literal, event.value.unicodeScalars.contains("\t") {
            let candidates: [Unicode.Scalar] = ["\u{E000}", "\u{E001}", "\u{E002}", "\u{E003}"]
            if let standIn = candidates.first(where: { !event.value.unicodeScalars.contains($0) }) {
                var substituted = event
                substituted.value = String(
                    String.UnicodeScalarView(event.value.unicodeScalars.map { $0 == "\t" ? standIn : $0 }))
                let text = try renderDirectly(substituted)
                // Only a literal block keeps the tabs raw; any other style escapes them, so render the original.
                if text.hasPrefix("|") {
                    return String(String.UnicodeScalarView(text.unicodeScalars.map { $0 == standIn ? "\t" : $0 }))
                }
            }
        }
        return try renderDirectly(event)
    }

    private func renderDirectly(_ event: YAMLScalarEvent) throws(YAMLError) -> String {
        let emitter = YAMLEmitter(options: YAMLEmitter.Options(width: -1))
        try emitter.emit([
            .streamStart, .documentStart(implicit: true), .scalar(event), .documentEnd(implicit: true), .streamEnd,
        ])
        var text = emitter.output
        if text.hasSuffix("\n") { text.removeLast() }
        if text.hasPrefix("'") { text = HelmYAML.trimBreakIndentBeforeClosingQuote(text) }
        return text
    }

    func scalarEvent(_ value: Value) throws(YAMLError) -> YAMLScalarEvent? {
        switch value {
        case .null: return YAMLScalarEvent(value: "null", style: .plain)
        case .bool(let b): return YAMLScalarEvent(value: b ? "true" : "false", style: .plain)
        case .int(let i, _): return YAMLScalarEvent(value: String(i), style: .plain)
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

    /// Appends a rendered scalar, shifting every continuation line (after any YAML line break) by `column`.
    mutating func write(_ text: String, column: Int) {
        let scalars = Array(text.unicodeScalars)
        let pad = String(repeating: " ", count: column)
        for (i, u) in scalars.enumerated() {
            out.unicodeScalars.append(u)
            guard Self.isBreak(u), i + 1 < scalars.count, !Self.isBreak(scalars[i + 1]) else { continue }
            // A single-quoted scalar ending in a break closes without indentation (see `render`).
            if scalars[0] == "'" && i + 2 == scalars.count { continue }
            out += pad
        }
    }

    /// Starts a new line at `column`. After a block scalar that ends in U+2028/U+2029 goyaml.v3 is already at
    /// the start of a line and writes no further break.
    mutating func newline(_ column: Int) {
        if endsOnNewLine, let last = out.unicodeScalars.last, last == "\u{2028}" || last == "\u{2029}" {
            out += String(repeating: " ", count: column)
        } else {
            out += "\n" + String(repeating: " ", count: column)
        }
        endsOnNewLine = false
    }

    /// libyaml's line breaks.
    static func isBreak(_ u: Unicode.Scalar) -> Bool {
        u == "\n" || u == "\r" || u == "\u{85}" || u == "\u{2028}" || u == "\u{2029}"
    }

    mutating func node(_ value: Value, column: Int, position: Position) throws(YAMLError) {
        if case .object(let o) = value {
            try node(o.serialized, column: column, position: position)
            return
        }
        if let event = try scalarEvent(value) {
            if position == .afterKey { out += " " }
            write(try render(event), column: column)
            endsOnNewLine = event.value.unicodeScalars.last.map { $0 == "\u{2028}" || $0 == "\u{2029}" } ?? false
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
                if i > 0 || position == .afterKey { newline(entries) }
                out += "- "
                try node(item, column: entries, position: .afterDash)
            }
        case .map(let m):
            if m.isEmpty {
                out += position == .afterKey ? " {}" : "{}"
                return
            }
            let entries = position == .top ? column : column + 2
            let order = GoYAMLKeyOrder.sortedIndices(m.keys)
            for (n, i) in order.enumerated() {
                if n > 0 || position == .afterKey { newline(entries) }
                let key = try render(stringEvent(m.keys[i]))
                // libyaml's check_simple_key: multi-line or longer than 128 bytes.
                if m.keys[i].unicodeScalars.contains(where: Self.isBreak) || m.keys[i].utf8.count > 128 {
                    // libyaml writes long or multi-line keys as complex keys.
                    out += "? "
                    write(key, column: entries)
                    newline(entries)
                    out += ": "
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
