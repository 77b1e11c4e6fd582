import YAMLKit

extension HelmYAML {
    /// `sigs.k8s.io/yaml.Marshal`: `json.Marshal`, then go-yaml v2 decoding of that JSON and go-yaml v2 encoding.
    /// The result ends with a newline. Throws `json: unsupported value: NaN`-style errors.
    public static func marshal(_ value: Value) throws(HelmYAMLError) -> String {
        let events: [YAMLEvent]
        do {
            var builder = EventBuilder()
            try builder.document(value)
            events = builder.events
        } catch {
            throw HelmYAMLError(message: "error marshaling into JSON: " + error.message)
        }
        let emitter = YAMLEmitter()
        do {
            try emitter.emit(events)
        } catch {
            throw HelmYAMLError(message: error.problem)
        }
        return emitter.output
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

    mutating func document(_ value: Value) throws(GoJSON.Error) {
        events.append(.streamStart)
        events.append(.documentStart(implicit: true))
        try node(value)
        events.append(.documentEnd(implicit: true))
        events.append(.streamEnd)
    }

    private mutating func scalar(_ text: String, _ style: YAMLScalarStyle) {
        events.append(.scalar(YAMLScalarEvent(value: text, style: style)))
    }

    mutating func node(_ value: Value) throws(GoJSON.Error) {
        switch value {
        case .null: scalar("null", .plain)
        case .bool(let b): scalar(b ? "true" : "false", .plain)
        case .int(let i): scalar(String(i), .plain)
        case .float(let f): try float(f)
        case .string(let s): string(try roundTrip(s))
        case .list(let items):
            events.append(.sequenceStart(YAMLCollectionStart(style: .block)))
            for item in items { try node(item) }
            events.append(.sequenceEnd)
        case .map(let m):
            events.append(.mappingStart(YAMLCollectionStart(style: .block)))
            let order = m.keys.indices.sorted { GoYAMLKeyOrder.less(m.keys[$0], m.keys[$1]) }
            for i in order {
                string(try roundTrip(m.keys[i]))
                try node(m.values[i])
            }
            events.append(.mappingEnd)
        case .object(let o): try node(o.serialized)
        }
    }

    private mutating func float(_ f: Double) throws(GoJSON.Error) {
        // json.Marshal writes the number; go-yaml v2 then resolves that text as int, uint or float.
        guard f.isFinite else { throw GoJSON.Error("json: unsupported value: " + GoFormat.formatFloatG(f)) }
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
    private func roundTrip(_ s: String) throws(GoJSON.Error) -> String {
        var needsFolding = false
        for u in s.unicodeScalars {
            switch u.value {
            case 0x7F, 0x80...0x84, 0x86...0x9F, 0xFFFE, 0xFFFF:
                throw GoJSON.Error("yaml: control characters are not allowed")
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

    static func less(_ a: String, _ b: String) -> Bool {
        let ar = Array(a.unicodeScalars)
        let br = Array(b.unicodeScalars)
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
