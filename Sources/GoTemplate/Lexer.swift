/// Go's template lexer (Go: parse/lex.go) over the UTF-8 bytes of the template text.
///
/// It produces every item up front; after an error item only `eof` follows, as Go's lexer stops.
public struct Lexer {
    let input: [UInt8]
    let leftDelim: [UInt8]
    let rightDelim: [UInt8]
    let breakOK: Bool
    let continueOK: Bool
    var start = 0
    var pos = 0
    var line = 1
    var startLine = 1
    var parenDepth = 0
    var tokens: [Token] = []

    static let leftComment = Array("/*".utf8)
    static let rightComment = Array("*/".utf8)

    /// Creates a lexer; `breakOK`/`continueOK` are false when a function of that name exists (Go lexOptions).
    public init(_ text: String, leftDelim: String = "{{", rightDelim: String = "}}",
                breakOK: Bool = true, continueOK: Bool = true) {
        input = Array(text.utf8)
        self.leftDelim = Array((leftDelim.isEmpty ? "{{" : leftDelim).utf8)
        self.rightDelim = Array((rightDelim.isEmpty ? "}}" : rightDelim).utf8)
        self.breakOK = breakOK
        self.continueOK = continueOK
    }

    /// Lexes the whole input into tokens ending with `eof` (or an error then `eof`).
    public mutating func tokenize() -> [Token] {
        lexText()
        if tokens.last?.kind != .eof {
            tokens.append(Token(.eof, "", position: pos, line: line))
        }
        return tokens
    }

    // MARK: - Helpers

    func text(_ from: Int, _ to: Int) -> String { String(decoding: input[from..<to], as: UTF8.self) }

    func hasPrefix(_ p: [UInt8], at i: Int) -> Bool {
        guard i >= 0, i + p.count <= input.count else { return false }
        for k in 0..<p.count where input[i + k] != p[k] { return false }
        return true
    }

    /// Decodes the scalar at `i` and its byte length (invalid bytes decode as U+FFFD of length 1).
    func scalar(at i: Int) -> (Unicode.Scalar, Int)? {
        guard i < input.count else { return nil }
        let c = input[i]
        if c < 0x80 { return (Unicode.Scalar(c), 1) }
        var n = 0
        var v: UInt32 = 0
        if c >= 0xF0 { n = 4; v = UInt32(c & 0x07) } else if c >= 0xE0 { n = 3; v = UInt32(c & 0x0F) } else if c >= 0xC0 {
            n = 2; v = UInt32(c & 0x1F)
        } else { return ("\u{FFFD}", 1) }
        guard i + n <= input.count else { return ("\u{FFFD}", 1) }
        for k in 1..<n { v = v << 6 | UInt32(input[i + k] & 0x3F) }
        return (Unicode.Scalar(v) ?? "\u{FFFD}", n)
    }

    static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0D || c == 0x0A }

    static func isAlphaNumeric(_ s: Unicode.Scalar) -> Bool {
        if s == "_" { return true }
        if s.value < 0x80 {
            let c = UInt8(s.value)
            return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A)
        }
        switch s.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter, .decimalNumber:
            return true
        default:
            return false
        }
    }

    mutating func advance(_ n: Int) {
        for k in pos..<min(pos + n, input.count) where input[k] == 0x0A { line += 1 }
        pos = min(pos + n, input.count)
    }

    mutating func emit(_ kind: TokenKind) {
        tokens.append(Token(kind, text(start, pos), position: start, line: startLine))
        start = pos
        startLine = line
    }

    mutating func ignore() {
        // Lines were counted while advancing.
        start = pos
        startLine = line
    }

    mutating func errorf(_ message: String) {
        tokens.append(Token(.error, message, position: start, line: startLine))
        tokens.append(Token(.eof, "", position: pos, line: line))
    }

    /// `-` after a space-class byte: a right trim marker begins at `i` (Go hasRightTrimMarker).
    func hasRightTrimMarker(at i: Int) -> Bool {
        i + 1 < input.count && Lexer.isSpace(input[i]) && input[i + 1] == UInt8(ascii: "-")
    }

    /// `-` followed by a space-class byte (Go hasLeftTrimMarker).
    func hasLeftTrimMarker(at i: Int) -> Bool {
        i + 1 < input.count && input[i] == UInt8(ascii: "-") && Lexer.isSpace(input[i + 1])
    }

    /// Go atRightDelim: (at a delimiter, with trim marker).
    func atRightDelim() -> (Bool, Bool) {
        if hasRightTrimMarker(at: pos) && hasPrefix(rightDelim, at: pos + 2) { return (true, true) }
        if hasPrefix(rightDelim, at: pos) { return (true, false) }
        return (false, false)
    }

    /// The number of leading space-class bytes from `i`.
    func leftTrimLength(from i: Int) -> Int {
        var k = i
        while k < input.count && Lexer.isSpace(input[k]) { k += 1 }
        return k - i
    }

    // MARK: - States

    /// Text outside actions (Go lexText).
    mutating func lexText() {
        while true {
            // Find the next left delimiter.
            var x = pos
            var found = -1
            while x + leftDelim.count <= input.count {
                if input[x] == leftDelim[0] && hasPrefix(leftDelim, at: x) { found = x; break }
                x += 1
            }
            if found < 0 {
                advance(input.count - pos)
                if pos > start { emit(.text) }
                tokens.append(Token(.eof, "", position: pos, line: line))
                return
            }
            var textEnd = found
            if hasLeftTrimMarker(at: found + leftDelim.count) {
                while textEnd > start && Lexer.isSpace(input[textEnd - 1]) { textEnd -= 1 }
            }
            advance(found - pos)
            if textEnd > start {
                tokens.append(Token(.text, text(start, textEnd), position: start, line: startLine))
            }
            start = pos
            startLine = line
            if !lexLeftDelim() { return }
        }
    }

    /// Returns false when lexing stopped on an error.
    mutating func lexLeftDelim() -> Bool {
        advance(leftDelim.count)
        let trim = hasLeftTrimMarker(at: pos)
        let afterMarker = trim ? 2 : 0
        if hasPrefix(Lexer.leftComment, at: pos + afterMarker) {
            advance(afterMarker)
            ignore()
            return lexComment()
        }
        let delimStart = start
        let delimLine = startLine
        tokens.append(Token(.leftDelim, text(start, pos), position: delimStart, line: delimLine))
        advance(afterMarker)
        ignore()
        parenDepth = 0
        return lexInsideAction()
    }

    mutating func lexComment() -> Bool {
        advance(Lexer.leftComment.count)
        var x = pos
        var found = -1
        while x + 2 <= input.count {
            if input[x] == UInt8(ascii: "*") && input[x + 1] == UInt8(ascii: "/") { found = x; break }
            x += 1
        }
        if found < 0 {
            errorf("unclosed comment")
            return false
        }
        advance(found + 2 - pos)
        let (delim, trim) = atRightDelim()
        if !delim {
            errorf("comment ends before closing delimiter")
            return false
        }
        // Go only emits comment items in ParseComments mode, which Helm does not use: drop it.
        if trim { advance(2) }
        advance(rightDelim.count)
        if trim { advance(leftTrimLength(from: pos)) }
        ignore()
        return true
    }

    mutating func lexRightDelim() {
        let (_, trim) = atRightDelim()
        if trim {
            advance(2)
            ignore()
        }
        advance(rightDelim.count)
        emit(.rightDelim)
        if trim {
            advance(leftTrimLength(from: pos))
            ignore()
        }
    }

    /// Inside an action (Go lexInsideAction). Returns false on error, true at the right delimiter.
    mutating func lexInsideAction() -> Bool {
        while true {
            let (delim, _) = atRightDelim()
            if delim {
                if parenDepth == 0 {
                    lexRightDelim()
                    return true
                }
                errorf("unclosed left paren")
                return false
            }
            guard pos < input.count else {
                errorf("unclosed action")
                return false
            }
            let c = input[pos]
            if Lexer.isSpace(c) {
                if !lexSpace() { lexRightDelim(); return true }
                continue
            }
            switch c {
            case UInt8(ascii: "="):
                advance(1)
                emit(.assign)
            case UInt8(ascii: ":"):
                advance(1)
                if pos >= input.count || input[pos] != UInt8(ascii: "=") {
                    if pos < input.count { advance(scalar(at: pos)?.1 ?? 1) }
                    errorf("expected :=")
                    return false
                }
                advance(1)
                emit(.declare)
            case UInt8(ascii: "|"):
                advance(1)
                emit(.pipe)
            case UInt8(ascii: "\""):
                advance(1)
                if !lexQuoted(UInt8(ascii: "\""), kind: .string, unterminated: "unterminated quoted string") { return false }
            case UInt8(ascii: "`"):
                advance(1)
                if !lexRawQuote() { return false }
            case UInt8(ascii: "$"):
                advance(1)
                if !lexFieldOrVariable(.variable) { return false }
            case UInt8(ascii: "'"):
                advance(1)
                if !lexQuoted(UInt8(ascii: "'"), kind: .charConstant, unterminated: "unterminated character constant") {
                    return false
                }
            case UInt8(ascii: "."):
                if pos + 1 < input.count && !(input[pos + 1] >= 0x30 && input[pos + 1] <= 0x39) {
                    advance(1)
                    if !lexFieldOrVariable(.field) { return false }
                } else if pos + 1 >= input.count {
                    advance(1)
                    if !lexFieldOrVariable(.field) { return false }
                } else {
                    if !lexNumber() { return false }
                }
            case UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                if !lexNumber() { return false }
            case UInt8(ascii: "("):
                advance(1)
                emit(.leftParen)
                parenDepth += 1
            case UInt8(ascii: ")"):
                advance(1)
                parenDepth -= 1
                if parenDepth < 0 {
                    errorf("unexpected right paren")
                    return false
                }
                emit(.rightParen)
            default:
                guard let (sc, n) = scalar(at: pos) else { return false }
                if Lexer.isAlphaNumeric(sc) {
                    if !lexIdentifier() { return false }
                } else if sc.value < 0x80 && GoQuote.isPrint(sc) {
                    advance(n)
                    emit(.char)
                } else {
                    advance(n)
                    errorf("unrecognized character in action: \(Lexer.formatU(sc))")
                    return false
                }
            }
        }
    }

    /// Go `%#U`: `U+0023 '#'`.
    static func formatU(_ sc: Unicode.Scalar) -> String {
        var h = String(sc.value, radix: 16, uppercase: true)
        while h.count < 4 { h = "0" + h }
        if GoQuote.isPrint(sc) { return "U+\(h) '\(Character(sc))'" }
        return "U+\(h)"
    }

    /// Returns false when the spaces end right before a trim-marked right delimiter (lexRightDelim follows).
    mutating func lexSpace() -> Bool {
        var numSpaces = 0
        while pos < input.count && Lexer.isSpace(input[pos]) {
            advance(1)
            numSpaces += 1
        }
        if hasRightTrimMarker(at: pos - 1) && hasPrefix(rightDelim, at: pos + 1) {
            // Back up before the last space: it belongs to the trim marker.
            pos -= 1
            if input[pos] == 0x0A { line -= 1 }
            if numSpaces == 1 { return false }
        }
        emit(.space)
        return true
    }

    /// Go atTerminator.
    func atTerminator() -> Bool {
        guard pos < input.count else { return true }
        let c = input[pos]
        if Lexer.isSpace(c) { return true }
        switch c {
        case UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: "|"), UInt8(ascii: ":"), UInt8(ascii: ")"),
            UInt8(ascii: "("):
            return true
        default:
            return c == rightDelim[0]
        }
    }

    /// Consumes alphanumerics, which must end at a terminator (Go: "bad character %#U" otherwise).
    mutating func scanWord() -> Bool {
        while let (sc, n) = scalar(at: pos), Lexer.isAlphaNumeric(sc) { advance(n) }
        if atTerminator() { return true }
        let bad = scalar(at: pos)?.0 ?? "\u{FFFD}"
        advance(scalar(at: pos)?.1 ?? 0)
        errorf("bad character \(Lexer.formatU(bad))")
        return false
    }

    mutating func lexIdentifier() -> Bool {
        if !scanWord() { return false }
        let word = text(start, pos)
        if let kw = TokenKind.keywords[word], kw != .dot {
            if (kw == .break && !breakOK) || (kw == .continue && !continueOK) {
                emit(.identifier)
            } else {
                emit(kw)
            }
        } else if word == "true" || word == "false" {
            emit(.bool)
        } else {
            emit(.identifier)
        }
        return true
    }

    /// `$name` or `.name`; just `$` or `.` when nothing follows (Go lexFieldOrVariable).
    mutating func lexFieldOrVariable(_ kind: TokenKind) -> Bool {
        if atTerminator() {
            emit(kind == .variable ? .variable : .dot)
            return true
        }
        if !scanWord() { return false }
        emit(kind)
        return true
    }

    /// A character constant or quoted string up to `quote` (Go lexChar / lexQuote); escapes skip one byte.
    mutating func lexQuoted(_ quote: UInt8, kind: TokenKind, unterminated: String) -> Bool {
        while true {
            guard pos < input.count else {
                errorf(unterminated)
                return false
            }
            let c = input[pos]
            advance(1)
            if c == UInt8(ascii: "\\") {
                if pos < input.count && input[pos] != 0x0A {
                    advance(1)
                    continue
                }
                errorf(unterminated)
                return false
            }
            if c == 0x0A {
                errorf(unterminated)
                return false
            }
            if c == quote { break }
        }
        emit(kind)
        return true
    }

    mutating func lexRawQuote() -> Bool {
        while true {
            guard pos < input.count else {
                errorf("unterminated raw quoted string")
                return false
            }
            let c = input[pos]
            advance(1)
            if c == UInt8(ascii: "`") { break }
        }
        emit(.rawString)
        return true
    }

    mutating func accept(_ set: String) -> Bool {
        if pos < input.count && set.utf8.contains(input[pos]) {
            advance(1)
            return true
        }
        return false
    }

    mutating func acceptRun(_ set: String) {
        while pos < input.count && set.utf8.contains(input[pos]) { advance(1) }
    }

    /// Go scanNumber.
    mutating func scanNumber() -> Bool {
        _ = accept("+-")
        var digits = "0123456789_"
        if accept("0") {
            if accept("xX") {
                digits = "0123456789abcdefABCDEF_"
            } else if accept("oO") {
                digits = "01234567_"
            } else if accept("bB") {
                digits = "01_"
            }
        }
        acceptRun(digits)
        if accept(".") { acceptRun(digits) }
        if digits.utf8.count == 11 && accept("eE") {
            _ = accept("+-")
            acceptRun("0123456789_")
        }
        if digits.utf8.count == 23 && accept("pP") {
            _ = accept("+-")
            acceptRun("0123456789_")
        }
        _ = accept("i")
        if let (sc, n) = scalar(at: pos), Lexer.isAlphaNumeric(sc) {
            advance(n)
            return false
        }
        return true
    }

    mutating func lexNumber() -> Bool {
        if !scanNumber() {
            errorf("bad number syntax: \(GoQuote.quote(text(start, pos)))")
            return false
        }
        if pos < input.count && (input[pos] == UInt8(ascii: "+") || input[pos] == UInt8(ascii: "-")) {
            if !scanNumber() || input[pos - 1] != UInt8(ascii: "i") {
                errorf("bad number syntax: \(GoQuote.quote(text(start, pos)))")
                return false
            }
            emit(.complex)
        } else {
            emit(.number)
        }
        return true
    }
}
