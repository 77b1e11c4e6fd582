/// Go's `strconv` quoting (`Quote`, `QuoteToASCII`, `QuoteRune`) and `unicode.IsPrint`. The template language's
/// unquoting (`Unquote`, `UnquoteChar`) extends it in GoTemplate.
public enum GoQuote {
    /// Go `unicode.IsPrint`: letters, marks, numbers, punctuation, symbols and the ASCII space.
    public static func isPrint(_ s: Unicode.Scalar) -> Bool {
        if s.value < 0x80 { return s.value >= 0x20 && s.value < 0x7f }
        switch s.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .nonspacingMark, .spacingMark, .enclosingMark,
            .decimalNumber, .letterNumber, .otherNumber,
            .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
            .initialPunctuation, .finalPunctuation, .otherPunctuation,
            .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
            return true
        default:
            return false
        }
    }

    /// A lower-case hexadecimal digit.
    private static func hexDigit(_ d: UInt8) -> Unicode.Scalar {
        Unicode.Scalar(d < 10 ? 0x30 + d : 0x61 + d - 10)
    }

    /// Go `strconv.Quote`.
    public static func quote(_ s: String) -> String {
        // Printable ASCII other than `"` and `\` (most quoted values) is copied as it is.
        if s.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }) {
            return "\"" + s + "\""
        }
        var out = "\""
        for sc in s.unicodeScalars { appendEscaped(sc, quote: "\"", asciiOnly: false, into: &out) }
        out += "\""
        return out
    }

    /// Go `strconv.QuoteToASCII`.
    public static func quoteASCII(_ s: String) -> String {
        var out = "\""
        for sc in s.unicodeScalars { appendEscaped(sc, quote: "\"", asciiOnly: true, into: &out) }
        out += "\""
        return out
    }

    /// Go `strconv.QuoteRune`.
    public static func quoteRune(_ r: Unicode.Scalar, asciiOnly: Bool = false) -> String {
        var out = "'"
        appendEscaped(r, quote: "'", asciiOnly: asciiOnly, into: &out)
        out += "'"
        return out
    }

    static func appendEscaped(_ sc: Unicode.Scalar, quote: Character, asciiOnly: Bool, into out: inout String) {
        if let byte = GoBytes.escapedByte(sc) {
            // Go: strconv quotes a byte that is not UTF-8 as \xNN.
            out += "\\x"
            out.unicodeScalars.append(hexDigit(byte >> 4))
            out.unicodeScalars.append(hexDigit(byte & 0xF))
            return
        }
        if sc == "\\" || Character(sc) == quote {
            out += "\\"
            out.unicodeScalars.append(sc)
            return
        }
        if asciiOnly ? (sc.value < 0x80 && isPrint(sc)) : isPrint(sc) {
            out.unicodeScalars.append(sc)
            return
        }
        switch sc {
        case "\u{07}": out += "\\a"
        case "\u{08}": out += "\\b"
        case "\u{0C}": out += "\\f"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        case "\u{0B}": out += "\\v"
        default:
            if sc.value < 0x20 || sc.value == 0x7f {
                out += "\\x" + hex(sc.value, width: 2)
            } else if sc.value < 0x10000 {
                out += "\\u" + hex(sc.value, width: 4)
            } else {
                out += "\\U" + hex(sc.value, width: 8)
            }
        }
    }

    static func hex(_ v: UInt32, width: Int) -> String {
        let s = String(v, radix: 16)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }
}
