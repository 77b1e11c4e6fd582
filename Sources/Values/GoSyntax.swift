/// Go `fmt` renderings needed for Helm's YAML error texts (`%#v`, `FormatFloat(…, 32)`).
enum GoSyntax {
    /// `strconv.FormatFloat(f, 'g', -1, 32)`, with go-yaml's `.inf`/`.nan` spellings.
    ///
    /// Go: sigs.k8s.io/yaml `convertToJSONableObject` (float map keys).
    static func formatFloat32G(_ f: Double) -> String {
        if f.isNaN { return ".nan" }
        if f.isInfinite { return f < 0 ? "-.inf" : ".inf" }
        let single = Float(f)
        if single.isInfinite { return single < 0 ? "-.inf" : ".inf" }
        let (digits, point) = shortestDigits(Swift.abs(single).description)
        let negative = single.sign == .minus
        let exp = point - 1
        var out = negative ? "-" : ""
        // strconv: shortest 'g' switches to exponent form outside [-4, 6).
        if exp < -4 || exp >= 6 {
            out += GoFormat.exponentForm(digits, exp)
        } else {
            out += GoFormat.fixedForm(digits, point)
        }
        return out
    }

    /// Digits and decimal point position from a Swift shortest description (`1.5e-07`, `123.25`).
    static func shortestDigits(_ text: String) -> (digits: [UInt8], point: Int) {
        var mantissa: [UInt8] = []
        var exponent = 0
        var digitsBeforePoint = 0
        var pointSeen = false
        var expText = ""
        var inExponent = false
        for c in text.utf8 {
            if inExponent {
                expText.unicodeScalars.append(Unicode.Scalar(c))
            } else if c == UInt8(ascii: "e") || c == UInt8(ascii: "E") {
                inExponent = true
            } else if c == UInt8(ascii: ".") {
                pointSeen = true
            } else {
                mantissa.append(c)
                if !pointSeen { digitsBeforePoint += 1 }
            }
        }
        exponent = Int(expText) ?? 0
        var point = digitsBeforePoint + exponent
        var start = 0
        while start < mantissa.count - 1 && mantissa[start] == UInt8(ascii: "0") {
            start += 1
            point -= 1
        }
        var end = mantissa.count
        while end > start + 1 && mantissa[end - 1] == UInt8(ascii: "0") { end -= 1 }
        if mantissa[start..<end] == [UInt8(ascii: "0")] { return ([UInt8(ascii: "0")], 1) }
        return (Array(mantissa[start..<end]), point)
    }

    /// `%#v` of a go-yaml v2 value decoded into `interface{}`. A nil passed directly prints `<nil>`; inside a
    /// slice or map it prints with its static type.
    static func yamlValue(_ d: HelmYAMLDecoder.Decoded, nested: Bool = false) -> String {
        switch d {
        case .scalar(let s, _):
            switch s {
            case .null: return nested ? "interface {}(nil)" : "<nil>"
            case .bool(let b): return b ? "true" : "false"
            case .int(let i): return String(i)
            case .uint(let u): return "0x" + String(u, radix: 16)
            case .float(let f): return GoFormat.formatFloatG(f)
            case .string(let t), .timestamp(let t): return GoQuote.quote(t)
            }
        case .list(let items, _):
            return "[]interface {}{" + items.map { yamlValue($0, nested: true) }.joined(separator: ", ") + "}"
        case .map(let m, _):
            let keys = m.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            let parts = keys.compactMap { k in
                m.entries[k].map { (m.display[k] ?? GoQuote.quote(k)) + ":" + yamlValue($0.value, nested: true) }
            }
            return "map[interface {}]interface {}{" + parts.joined(separator: ", ") + "}"
        }
    }
}
