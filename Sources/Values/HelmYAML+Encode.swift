import YAMLKit

extension HelmYAML {
    /// `sigs.k8s.io/yaml.Marshal`: `json.Marshal`, then go-yaml v2 decoding of that JSON and go-yaml v2 encoding.
    /// The result ends with a newline. Throws Go's texts
    /// (`error marshaling into JSON: json: unsupported value: NaN`, `yaml: control characters are not allowed`).
    public static func marshal(_ value: Value) throws(HelmYAMLError) -> String {
        var builder = EventBuilder()
        try builder.document(value)
        let emitter = YAMLEmitter()
        do {
            try emitter.emit(builder.events)
        } catch {
            throw HelmYAMLError(message: error.problem)
        }
        var output = emitter.output
        // Only a quoted scalar can end with a line separator right before its closing quote.
        if builder.hasQuotedLineSeparatorEnding { output = trimBreakIndentBeforeClosingQuote(output) }
        for (placeholder, text) in builder.placeholders.sorted(by: {
            $0.0.unicodeScalars.count > $1.0.unicodeScalars.count
        }) {
            output = output.replacingAll(placeholder, with: text)
        }
        return output
    }

    /// go-yaml's single-quoted writer (ported from an older libyaml) does not indent after a trailing line
    /// break, so `'x\u{2028}'` stays as is where libyaml 0.2.5 writes `'x\u{2028}  '`. Only U+2028/U+2029 can end
    /// a single-quoted scalar here (`\n` text is written as a literal block, NEL is folded by the JSON round trip).
    static func trimBreakIndentBeforeClosingQuote(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0 == "\u{2028}" || $0 == "\u{2029}" }) else { return text }
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        while i < scalars.count {
            let u = scalars[i]
            out.append(u)
            i += 1
            guard u == "\u{2028}" || u == "\u{2029}" else { continue }
            var j = i
            while j < scalars.count && scalars[j] == " " { j += 1 }
            // A closing quote is followed by the end, a line break or the `:` of a key.
            if j > i, j < scalars.count, scalars[j] == "'",
                j + 1 == scalars.count || scalars[j + 1] == "\n" || scalars[j + 1] == ":"
            {
                i = j
            }
        }
        return String(out)
    }

    /// Helm's `toYaml`: `marshal` without its final newline, or "" on error.
    public static func toYaml(_ value: Value) -> String {
        // Helm: funcs.go toYAML swallows errors inside templates.
        guard let s = try? marshal(value) else { return "" }
        return s.hasSuffix("\n") ? String(s.dropLast()) : s
    }

    /// Helm's `mustToYaml`: like `toYaml` but throws on error.
    public static func mustToYaml(_ value: Value) throws(HelmYAMLError) -> String {
        let s = try marshal(value)
        return s.hasSuffix("\n") ? String(s.dropLast()) : s
    }
}

/// Builds the emitter events for a value as `sigs.k8s.io/yaml.Marshal` would: the JSON round trip, then
/// go-yaml v2's encoder style decisions.
struct EventBuilder {
    var events: [YAMLEvent] = []
    /// Whether some one-line string ends with U+2028/U+2029 (see `trimBreakIndentBeforeClosingQuote`).
    var hasQuotedLineSeparatorEnding = false
    /// Stand-ins emitted for scalars libyaml cannot write the way go-yaml does, and their final text.
    var placeholders: [(String, String)] = []

    mutating func document(_ value: Value) throws(HelmYAMLError) {
        events.append(.streamStart)
        events.append(.documentStart(implicit: true))
        try node(value)
        events.append(.documentEnd(implicit: true))
        events.append(.streamEnd)
    }

    private mutating func scalar(_ text: String, _ style: YAMLScalarStyle) {
        events.append(.scalar(YAMLScalarEvent(value: text, style: style)))
    }

    mutating func node(_ value: Value) throws(HelmYAMLError) {
        switch value {
        case .null: scalar("null", .plain)
        case .bool(let b): scalar(b ? "true" : "false", .plain)
        case .int(let i, _): scalar(String(i), .plain)
        case .float(let f): try float(f)
        case .string(let s): string(try roundTrip(s))
        case .list(let items):
            events.append(.sequenceStart(YAMLCollectionStart(style: .block)))
            for item in items { try node(item) }
            events.append(.sequenceEnd)
        case .map(let m):
            events.append(.mappingStart(YAMLCollectionStart(style: .block)))
            let order = GoYAMLKeyOrder.sortedIndices(m.keys)
            for i in order {
                string(try roundTrip(m.keys[i]))
                try node(m.values[i])
            }
            events.append(.mappingEnd)
        case .object(let o): try node(o.serialized)
        }
    }

    private mutating func float(_ f: Double) throws(HelmYAMLError) {
        // json.Marshal writes the number; go-yaml v2 then resolves that text as int, uint or float.
        guard f.isFinite else {
            // Go: sigs.k8s.io/yaml Marshal wraps json.Marshal's error.
            throw HelmYAMLError(
                message: "error marshaling into JSON: json: unsupported value: " + GoFormat.formatFloatG(f))
        }
        switch GoYAMLResolve.resolve(GoJSON.formatFloat(f)) {
        case .int(let i): scalar(String(i), .plain)
        case .uint(let u): scalar(String(u), .plain)
        default: scalar(GoFormat.formatFloatG(f), .plain)
        }
    }

    /// What a string becomes after `json.Marshal` and go-yaml's decoding of that JSON text.
    ///
    /// JSON leaves a few characters unescaped that YAML treats specially: the YAML reader rejects non-printable
    /// ones (DEL, C1 controls, U+FFFE/U+FFFF) and a raw NEL (U+0085) is a line break that the double-quoted
    /// scalar folds.
    private func roundTrip(_ s: String) throws(HelmYAMLError) -> String {
        var needsFolding = false
        for u in s.unicodeScalars {
            switch u.value {
            case 0x7F, 0x80...0x84, 0x86...0x9F, 0xFFFE, 0xFFFF:
                // go-yaml's reader rejects them when JSONToYAML parses the JSON text.
                throw HelmYAMLError(message: "yaml: control characters are not allowed")
            case 0x85: needsFolding = true
            default: break
            }
        }
        guard needsFolding else { return s }
        // Go: yaml.v2 scannerc.go yaml_parser_scan_flow_scalar (line folding): spaces around a break vanish,
        // a single break becomes a space, further breaks stay as newlines.
        var out = String.UnicodeScalarView()
        var spaces = String.UnicodeScalarView()
        var breaks = 0
        var inBreak = false
        for u in s.unicodeScalars {
            if u == "\u{85}" {
                if !inBreak {
                    spaces.removeAll()
                    inBreak = true
                } else {
                    breaks += 1
                }
                continue
            }
            if u == " " {
                if !inBreak { spaces.append(u) }
                continue
            }
            if inBreak {
                if breaks == 0 { out.append(" ") } else { out.append(contentsOf: repeatElement("\n", count: breaks)) }
                inBreak = false
                breaks = 0
            }
            out.append(contentsOf: spaces)
            spaces.removeAll()
            out.append(u)
        }
        if inBreak {
            if breaks == 0 { out.append(" ") } else { out.append(contentsOf: repeatElement("\n", count: breaks)) }
        }
        out.append(contentsOf: spaces)
        return String(out)
    }

    /// Go: yaml.v2 encode.go `stringv`.
    private mutating func string(_ s: String) {
        if s.unicodeScalars.first == "\u{FEFF}" {
            // A stand-in of the same width keeps libyaml's column accounting; it is replaced after emitting.
            let text = GoYAMLBOM.escapedEverything(s)
            let placeholder = GoYAMLBOM.placeholder(index: placeholders.count, width: text.unicodeScalars.count)
            placeholders.append((placeholder, text))
            scalar(placeholder, .plain)
            return
        }
        if let last = s.unicodeScalars.last, last == "\u{2028}" || last == "\u{2029}",
            !s.utf8.contains(UInt8(ascii: "\n"))
        {
            hasQuotedLineSeparatorEnding = true
        }
        if s.utf8.contains(UInt8(ascii: "\n")) {
            scalar(s, .literal)
            return
        }
        scalar(s, GoYAMLResolve.canUsePlain(s) ? .plain : .doubleQuoted)
    }
}

/// go-yaml's map key order for string keys: letters sort after other characters and digit runs compare
/// numerically. Go: yaml.v2 sorter.go `keyList.Less`.
enum GoYAMLKeyOrder {
    private static func isLetter(_ u: Unicode.Scalar) -> Bool {
        switch u.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return true
        default: return false
        }
    }

    private static func isDigit(_ u: Unicode.Scalar) -> Bool { u.properties.generalCategory == .decimalNumber }

    /// The indices of `keys` in go-yaml order.
    static func sortedIndices(_ keys: [String]) -> [Int] {
        let scalars = keys.map { Array($0.unicodeScalars) }
        return keys.indices.sorted { less(scalars[$0], scalars[$1]) }
    }

    static func less(_ a: String, _ b: String) -> Bool { less(Array(a.unicodeScalars), Array(b.unicodeScalars)) }

    static func less(_ ar: [Unicode.Scalar], _ br: [Unicode.Scalar]) -> Bool {
        var i = 0
        while i < ar.count && i < br.count {
            if ar[i] == br[i] {
                i += 1
                continue
            }
            let al = isLetter(ar[i])
            let bl = isLetter(br[i])
            if al && bl { return ar[i].value < br[i].value }
            if al || bl { return bl }
            var an: Int64 = 0
            var bn: Int64 = 0
            if ar[i] == "0" || br[i] == "0" {
                var j = i - 1
                while j >= 0 && isDigit(ar[j]) {
                    if ar[j] != "0" {
                        an = 1
                        bn = 1
                        break
                    }
                    j -= 1
                }
            }
            var ai = i
            while ai < ar.count && isDigit(ar[ai]) {
                an = an &* 10 &+ (Int64(ar[ai].value) - 48)
                ai += 1
            }
            var bi = i
            while bi < br.count && isDigit(br[bi]) {
                bn = bn &* 10 &+ (Int64(br[bi].value) - 48)
                bi += 1
            }
            if an != bn { return an < bn }
            if ai != bi { return ai < bi }
            return ar[i].value < br[i].value
        }
        return ar.count < br.count
    }
}

/// go-yaml's double-quoted writer escapes every character of a scalar that starts with a byte-order mark: its
/// `is_bom` check looks at the start of the value instead of the current position.
/// Go: yaml.v2/v3 yamlprivateh.go `is_bom`, emitterc.go `yaml_emitter_write_double_quoted_scalar`.
enum GoYAMLBOM {
    /// The double-quoted text go-yaml writes for `s`.
    static func escapedEverything(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u.value {
            case 0x00: out += "\\0"
            case 0x07: out += "\\a"
            case 0x08: out += "\\b"
            case 0x09: out += "\\t"
            case 0x0A: out += "\\n"
            case 0x0B: out += "\\v"
            case 0x0C: out += "\\f"
            case 0x0D: out += "\\r"
            case 0x1B: out += "\\e"
            case 0x22: out += "\\\""
            case 0x5C: out += "\\\\"
            case 0x85: out += "\\N"
            case 0xA0: out += "\\_"
            case 0x2028: out += "\\L"
            case 0x2029: out += "\\P"
            default:
                let hex = String(u.value, radix: 16, uppercase: true)
                let (prefix, width) = u.value <= 0xFF ? ("\\x", 2) : u.value <= 0xFFFF ? ("\\u", 4) : ("\\U", 8)
                out += prefix + String(repeating: "0", count: width - hex.count) + hex
            }
        }
        return out + "\""
    }

    /// A plain-safe stand-in made of private-use characters, unique per index, `width` characters long.
    static func placeholder(index: Int, width: Int) -> String {
        var scalars = String.UnicodeScalarView()
        scalars.append("\u{E001}")
        for d in String(index).utf8 { scalars.append(Unicode.Scalar(0xE010 + UInt32(d - 48)) ?? "\u{E010}") }
        scalars.append("\u{E002}")
        while scalars.count < width { scalars.append("\u{E000}") }
        return String(scalars)
    }
}

extension String {
    /// Every occurrence of `target` replaced by `replacement` (Unicode-scalar comparison, no Foundation).
    func replacingAll(_ target: String, with replacement: String) -> String {
        let t = Array(target.unicodeScalars)
        guard !t.isEmpty else { return self }
        let s = Array(unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        while i < s.count {
            if i + t.count <= s.count && s[i] == t[0] && Array(s[i..<(i + t.count)]) == t {
                out.append(contentsOf: replacement.unicodeScalars)
                i += t.count
            } else {
                out.append(s[i])
                i += 1
            }
        }
        return String(out)
    }
}
