import YAMLKit

extension HelmYAML {
    /// `sigs.k8s.io/yaml.Marshal`: `json.Marshal`, then go-yaml v2 decoding of that JSON and go-yaml v2 encoding.
    /// The result ends with a newline. Throws Go's texts
    /// (`error marshaling into JSON: json: unsupported value: NaN`, `yaml: control characters are not allowed`).
    public static func marshal(_ value: Value) throws(HelmYAMLError) -> String {
        try marshal(value, dropFinalNewline: false)
    }

    /// `marshal`, optionally without the final newline (Helm's `toYaml` trims it).
    static func marshal(_ value: Value, dropFinalNewline: Bool) throws(HelmYAMLError) -> String {
        if let text = PlainYAMLWriter.document(value, dropFinalNewline: dropFinalNewline) { return text }
        return try emitted(value, dropFinalNewline: dropFinalNewline)
    }

    /// `marshal` through libyaml's emitter, for every value.
    static func emitted(_ value: Value, dropFinalNewline: Bool) throws(HelmYAMLError) -> String {
        var builder = EventBuilder(emitter: YAMLEmitter())
        try builder.document(value)
        if let error = builder.emitterError { throw HelmYAMLError(message: error.problem) }
        if !builder.hasQuotedLineSeparatorEnding && builder.placeholders.isEmpty {
            return dropFinalNewline ? builder.emitter.outputWithoutFinalNewline : builder.emitter.output
        }
        var output = builder.emitter.output
        // Only a quoted scalar can end with a line separator right before its closing quote.
        if builder.hasQuotedLineSeparatorEnding { output = trimBreakIndentBeforeClosingQuote(output) }
        for (placeholder, text) in builder.placeholders.sorted(by: {
            $0.0.unicodeScalars.count > $1.0.unicodeScalars.count
        }) {
            output = output.replacingAll(placeholder, with: text)
        }
        if dropFinalNewline && output.hasSuffix("\n") { output.removeLast() }
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
        (try? marshal(value, dropFinalNewline: true)) ?? ""
    }

    /// Helm's `mustToYaml`: like `toYaml` but throws on error.
    public static func mustToYaml(_ value: Value) throws(HelmYAMLError) -> String {
        try marshal(value, dropFinalNewline: true)
    }
}

/// Emits the events for a value as `sigs.k8s.io/yaml.Marshal` would: the JSON round trip, then go-yaml v2's
/// encoder style decisions.
///
/// Events go to the emitter as they are decided, with no event list in between. The builder's own errors (a NaN,
/// a control character) still win over the emitter's, as they would if every event were decided first: after an
/// emitter failure the builder keeps walking the value, emitting nothing more, and the caller reports the
/// emitter's error only when the walk succeeds.
struct EventBuilder {
    let emitter: YAMLEmitter
    /// The first error the emitter reported, after which nothing more is emitted.
    var emitterError: YAMLError?
    /// Whether some one-line string ends with U+2028/U+2029 (see `trimBreakIndentBeforeClosingQuote`).
    var hasQuotedLineSeparatorEnding = false
    /// Stand-ins emitted for scalars libyaml cannot write the way go-yaml does, and their final text.
    var placeholders: [(String, String)] = []

    init(emitter: YAMLEmitter) { self.emitter = emitter }

    mutating func document(_ value: Value) throws(HelmYAMLError) {
        emit(.streamStart)
        emit(.documentStart(implicit: true))
        try node(value)
        emit(.documentEnd(implicit: true))
        emit(.streamEnd)
    }

    private mutating func emit(_ event: YAMLEvent) {
        guard emitterError == nil else { return }
        do { try emitter.emit(event) } catch { emitterError = error }
    }

    private mutating func scalar(_ text: String, _ style: YAMLScalarStyle) {
        guard emitterError == nil else { return }
        do { try emitter.emitScalar(text, style: style) } catch { emitterError = error }
    }

    mutating func node(_ value: Value) throws(HelmYAMLError) {
        switch value {
        case .null: scalar("null", .plain)
        case .bool(let b): scalar(b ? "true" : "false", .plain)
        case .int(let i, let kind): scalar(kind.decimal(i), .plain)
        case .float(let f): try float(f)
        case .string(let s): string(try roundTrip(GoBytes.replacingInvalid(s)))  // json.Marshal's U+FFFD
        case .list(let items):
            emit(.sequenceStart(YAMLCollectionStart(style: .block)))
            for item in items { try node(item) }
            emit(.sequenceEnd)
        case .map(let m):
            emit(.mappingStart(YAMLCollectionStart(style: .block)))
            let keys = m.keys
            let values = m.values
            if let order = GoYAMLKeyOrder.sortedIndicesIfReordered(keys) {
                for i in order {
                    string(try roundTrip(keys[i]))
                    try node(values[i])
                }
            } else {
                for i in keys.indices {
                    string(try roundTrip(keys[i]))
                    try node(values[i])
                }
            }
            emit(.mappingEnd)
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
        // Printable ASCII without DEL needs no look at scalars.
        if s.utf8.withContiguousStorageIfAvailable({ !$0.contains { $0 >= 0x7F } }) == true { return s }
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
        // One look at the bytes decides the common case: ASCII text on one line.
        var ascii = true
        var hasNewline = false
        let scanned: Void? = s.utf8.withContiguousStorageIfAvailable { bytes in
            for b in bytes {
                if b >= 0x80 { ascii = false }
                if b == UInt8(ascii: "\n") { hasNewline = true }
            }
        }
        if scanned != nil && ascii {
            scalar(s, hasNewline ? .literal : GoYAMLResolve.canUsePlain(s) ? .plain : .doubleQuoted)
            return
        }
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

    /// The indices of `keys` (sorted by bytes, as `ValueMap` keeps them) in go-yaml order, or nil when that is
    /// their order already.
    static func sortedIndicesIfReordered(_ keys: [String]) -> [Int]? {
        guard keys.count > 1 else { return nil }
        var ascii = true
        var lettersOnly = true
        for key in keys {
            let scanned: Void? = key.utf8.withContiguousStorageIfAvailable { bytes in
                for b in bytes {
                    if b >= 0x80 { ascii = false }
                    if !isASCIILetter(b) { lettersOnly = false }
                }
            }
            if scanned == nil { ascii = false }
            if !ascii { break }
        }
        // Keys made of ASCII letters only compare alike in both orders.
        if ascii && lettersOnly { return nil }
        if ascii {
            let bytes = keys.map { Array($0.utf8) }
            if zip(bytes, bytes.dropFirst()).allSatisfy({ lessASCII($0, $1) }) { return nil }
            return keys.indices.sorted { lessASCII(bytes[$0], bytes[$1]) }
        }
        return sortedIndices(keys)
    }

    private static func isASCIILetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }

    private static func isASCIIDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    /// `less` for ASCII keys: in ASCII only `A`–`Z` and `a`–`z` are letters and only `0`–`9` decimal digits.
    static func lessASCII(_ ar: [UInt8], _ br: [UInt8]) -> Bool {
        less(ar, br, isLetter: isASCIILetter, isDigit: isASCIIDigit, code: UInt32.init)
    }

    /// The indices of `keys` in go-yaml order.
    static func sortedIndices(_ keys: [String]) -> [Int] {
        let scalars = keys.map { Array($0.unicodeScalars) }
        return keys.indices.sorted { less(scalars[$0], scalars[$1]) }
    }

    static func less(_ a: String, _ b: String) -> Bool { less(Array(a.unicodeScalars), Array(b.unicodeScalars)) }

    static func less(_ ar: [Unicode.Scalar], _ br: [Unicode.Scalar]) -> Bool {
        less(ar, br, isLetter: isLetter, isDigit: isDigit, code: \.value)
    }

    /// `keyList.Less` over characters described by `isLetter`, `isDigit` and `code` (the code point).
    private static func less<C>(
        _ ar: [C], _ br: [C], isLetter: (C) -> Bool, isDigit: (C) -> Bool, code: (C) -> UInt32
    ) -> Bool {
        var i = 0
        while i < ar.count && i < br.count {
            if code(ar[i]) == code(br[i]) {
                i += 1
                continue
            }
            let al = isLetter(ar[i])
            let bl = isLetter(br[i])
            if al && bl { return code(ar[i]) < code(br[i]) }
            if al || bl { return bl }
            var an: Int64 = 0
            var bn: Int64 = 0
            if code(ar[i]) == 0x30 || code(br[i]) == 0x30 {
                var j = i - 1
                while j >= 0 && isDigit(ar[j]) {
                    if code(ar[j]) != 0x30 {
                        an = 1
                        bn = 1
                        break
                    }
                    j -= 1
                }
            }
            var ai = i
            while ai < ar.count && isDigit(ar[ai]) {
                an = an &* 10 &+ (Int64(code(ar[ai])) - 48)
                ai += 1
            }
            var bi = i
            while bi < br.count && isDigit(br[bi]) {
                bn = bn &* 10 &+ (Int64(code(br[bi])) - 48)
                bi += 1
            }
            if an != bn { return an < bn }
            if ai != bi { return ai < bi }
            return code(ar[i]) < code(br[i])
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
