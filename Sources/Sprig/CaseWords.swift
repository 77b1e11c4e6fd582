/// xstrings v1.5 word-case conversions used by `snakecase`, `kebabcase` and `camelcase`.
enum CaseWords {
    private static func isConnector(_ r: Unicode.Scalar) -> Bool { r == "-" || r == "_" || GoUnicode.isSpace(r) }

    // xstrings: count.go isAlphabet (letters that are not CJK ideographs)
    private static func isAlphabet(_ r: Unicode.Scalar) -> Bool {
        guard GoUnicode.isLetter(r) else { return false }
        switch r.value {
        case ..<0x3400: return true
        case 0x4E00...0x9FCC, 0x3400...0x4D85, 0x20000...0x2B81D, 0xF900...0xFAD9, 0x2F800...0x2FA1D: return false
        default: return true
        }
    }

    /// xstrings `ToPascalCase`: drops single connectors, upper-cases the rune after each, and lower-cases the
    /// rest of a word that starts with an upper-case run (`GOLANG_IS` → `GolangIs`).
    static func pascalCase(_ str: String) -> String {
        var input = Array(str.unicodeScalars)[...]
        guard !input.isEmpty else { return "" }
        var out = String.UnicodeScalarView()
        var r0: Unicode.Scalar = " "
        var firstUpper = false
        // Leading connectors are kept.
        while let r = input.popFirst() {
            r0 = r
            if !isConnector(r) {
                firstUpper = GoUnicode.isUpper(r)
                r0 = GoUnicode.toUpper(r)
                break
            }
            out.append(r)
        }
        if input.isEmpty {
            out.append(r0)
            return String(out)
        }
        while let next = input.popFirst() {
            let r1 = r0
            r0 = next
            if isConnector(r0) && isConnector(r1) {
                out.append(r1)
                continue
            }
            if isConnector(r1) {
                firstUpper = GoUnicode.isUpper(r0)
                r0 = GoUnicode.toUpper(r0)
            } else {
                if firstUpper {
                    if GoUnicode.isUpper(r0) { r0 = GoUnicode.toLower(r0) } else { firstUpper = false }
                }
                out.append(r1)
            }
        }
        out.append(r0)
        return String(out)
    }

    private enum WordType { case invalid, number, upperCase, alphabet, connector, punct, other }

    private struct Word {
        var type: WordType
        var scalars: ArraySlice<Unicode.Scalar>
    }

    // xstrings: convert.go nextWord
    private static func nextWord(_ s: ArraySlice<Unicode.Scalar>) -> (Word, ArraySlice<Unicode.Scalar>) {
        guard let r = s.first else { return (Word(type: .invalid, scalars: []), s) }
        var i = s.startIndex + 1
        let end = s.endIndex
        func take(while p: (Unicode.Scalar) -> Bool) { while i < end && p(s[i]) { i += 1 } }
        let type: WordType
        if isConnector(r) {
            type = .connector
            take(while: isConnector)
        } else if GoUnicode.isPunct(r) {
            type = .punct
            take(while: GoUnicode.isPunct)
        } else if GoUnicode.isUpper(r) {
            type = .upperCase
            if i < end {
                if GoUnicode.isUpper(s[i]) {
                    take(while: GoUnicode.isUpper)
                    // An upper-case run followed by a letter gives its last capital to the next word.
                    if i < end && isAlphabet(s[i]) { i -= 1 }
                } else if isAlphabet(s[i]) {
                    take { isAlphabet($0) && !GoUnicode.isUpper($0) }
                }
            }
        } else if isAlphabet(r) {
            type = .alphabet
            take { isAlphabet($0) && !GoUnicode.isUpper($0) }
        } else if GoUnicode.isNumber(r) {
            type = .number
            take(while: GoUnicode.isNumber)
        } else {
            type = .other
            take { !(isConnector($0) || isAlphabet($0) || GoUnicode.isNumber($0) || GoUnicode.isPunct($0)) }
        }
        return (Word(type: type, scalars: s[s.startIndex..<i]), s[i...])
    }

    private static func toLower(_ out: inout String.UnicodeScalarView, _ w: Word, _ connector: Unicode.Scalar) {
        guard w.type == .upperCase || w.type == .connector else {
            out.append(contentsOf: w.scalars)
            return
        }
        for r in w.scalars {
            if isConnector(r) { out.append(connector) }
            else if GoUnicode.isUpper(r) { out.append(GoUnicode.toLower(r)) }
            else { out.append(r) }
        }
    }

    /// xstrings `camelCaseToLowerCase` (`ToSnakeCase`, `ToKebabCase`).
    static func lowerCase(_ str: String, connector: Unicode.Scalar) -> String {
        let all = Array(str.unicodeScalars)[...]
        guard !all.isEmpty else { return "" }
        var out = String.UnicodeScalarView()
        var (word, remaining) = nextWord(all)
        func advance() { (word, remaining) = nextWord(remaining) }
        while !remaining.isEmpty {
            if word.type != .connector { toLower(&out, word, connector) }
            let prev = word
            advance()
            switch prev.type {
            case .number:
                while word.type == .alphabet || word.type == .number {
                    toLower(&out, word, connector)
                    advance()
                }
                if word.type != .invalid && word.type != .punct && word.type != .connector { out.append(connector) }
            case .connector:
                toLower(&out, prev, connector)
            case .punct:
                break
            default:
                if word.type != .number {
                    if word.type != .connector && word.type != .punct { out.append(connector) }
                    break
                }
                if remaining.isEmpty { break }
                let last = word
                advance()
                if word.type != .alphabet {
                    toLower(&out, Word(type: .number, scalars: last.scalars), connector)
                    if word.type != .connector && word.type != .punct { out.append(connector) }
                    break
                }
                out.append(connector)
                toLower(&out, Word(type: .number, scalars: last.scalars), connector)
                while word.type == .alphabet || word.type == .number {
                    toLower(&out, word, connector)
                    advance()
                }
                if word.type != .invalid && word.type != .connector && word.type != .punct { out.append(connector) }
            }
        }
        toLower(&out, word, connector)
        return String(out)
    }
}
