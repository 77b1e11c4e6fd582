import Values

/// Go's `unicode` package predicates and simple case mappings on single scalars.
///
/// Go maps case rune by rune (`unicode.ToUpper('ß') == 'ß'`), while Swift's `uppercased()` applies full
/// mappings (`"SS"`); a full mapping of more than one scalar is treated as "no simple mapping".
enum GoUnicode {
    static func isSpace(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0: return true
        case 0..<0x100: return false
        default: return s.properties.isWhitespace
        }
    }

    static func isUpper(_ s: Unicode.Scalar) -> Bool { s.properties.generalCategory == .uppercaseLetter }
    static func isLower(_ s: Unicode.Scalar) -> Bool { s.properties.generalCategory == .lowercaseLetter }
    static func isTitle(_ s: Unicode.Scalar) -> Bool { s.properties.generalCategory == .titlecaseLetter }

    static func isLetter(_ s: Unicode.Scalar) -> Bool {
        switch s.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return true
        default: return false
        }
    }

    static func isNumber(_ s: Unicode.Scalar) -> Bool {
        switch s.properties.generalCategory {
        case .decimalNumber, .letterNumber, .otherNumber: return true
        default: return false
        }
    }

    static func isDigit(_ s: Unicode.Scalar) -> Bool { s.properties.generalCategory == .decimalNumber }

    static func isPunct(_ s: Unicode.Scalar) -> Bool {
        switch s.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
            .initialPunctuation, .finalPunctuation, .otherPunctuation:
            return true
        default: return false
        }
    }

    private static func single(_ mapped: String, _ s: Unicode.Scalar) -> Unicode.Scalar {
        let scalars = mapped.unicodeScalars
        if scalars.count == 1, let first = scalars.first { return first }
        return s
    }

    static func toUpper(_ s: Unicode.Scalar) -> Unicode.Scalar {
        if s.value < 0x80 { return (0x61...0x7A).contains(s.value) ? Unicode.Scalar(s.value - 32) ?? s : s }
        let full = s.properties.uppercaseMapping.unicodeScalars
        // Where the full mapping expands (`ᾀ` → `ἈΙ`), Go's simple mapping is the titlecase letter if single.
        if full.count > 1 { return single(s.properties.titlecaseMapping, s) }
        return single(s.properties.uppercaseMapping, s)
    }

    static func toLower(_ s: Unicode.Scalar) -> Unicode.Scalar {
        if s.value < 0x80 { return (0x41...0x5A).contains(s.value) ? Unicode.Scalar(s.value + 32) ?? s : s }
        // U+0130 (İ) lower-cases to `i` + combining dot in full, to plain `i` in Go's simple mapping.
        if s.value == 0x130 { return "i" }
        return single(s.properties.lowercaseMapping, s)
    }

    static func toTitle(_ s: Unicode.Scalar) -> Unicode.Scalar {
        if s.value < 0x80 { return toUpper(s) }
        return single(s.properties.titlecaseMapping, s)
    }

    static func map(_ str: String, _ f: (Unicode.Scalar) -> Unicode.Scalar) -> String {
        var out = String.UnicodeScalarView()
        // Go: strings.Map hands an invalid byte to the mapping as utf8.RuneError.
        for s in str.unicodeScalars { out.append(f(GoBytes.escapedByte(s) == nil ? s : "\u{FFFD}")) }
        return String(out)
    }
}
