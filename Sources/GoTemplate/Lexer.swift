import Values

/// Go's template lexer (Go: parse/lex.go) over the UTF-8 bytes of the template text.
///
/// It produces every item up front; after an error item only `eof` follows, as Go's lexer stops. Items record byte
/// ranges of the input rather than copies of their text: the parser decodes only the text it keeps.
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
    var items: [LexItem] = []
    /// The message of the error item, if lexing stopped on one (Go: the error item's `val`).
    var errorMessage = ""

    static let leftComment = Array("/*".utf8)
    static let rightComment = Array("*/".utf8)

    /// Creates a lexer; `breakOK`/`continueOK` are false when a function of that name exists (Go lexOptions).
    public init(_ text: String, leftDelim: String = "{{", rightDelim: String = "}}",
                breakOK: Bool = true, continueOK: Bool = true) {
        self.init(bytes: Array(text.utf8), leftDelim: leftDelim, rightDelim: rightDelim, breakOK: breakOK,
                  continueOK: continueOK)
    }

    /// Creates a lexer over UTF-8 bytes already in an array (shared, not copied).
    init(bytes: [UInt8], leftDelim: String, rightDelim: String, breakOK: Bool, continueOK: Bool) {
        input = bytes
        self.leftDelim = Array((leftDelim.isEmpty ? "{{" : leftDelim).utf8)
        self.rightDelim = Array((rightDelim.isEmpty ? "}}" : rightDelim).utf8)
        self.breakOK = breakOK
        self.continueOK = continueOK
    }

    /// Lexes the whole input into tokens ending with `eof` (or an error then `eof`).
    public mutating func tokenize() -> [Token] {
        lexItems().map { item in
            let value = item.kind == .error ? errorMessage : text(item.position, item.end)
            return Token(item.kind, value, position: item.position, line: item.line)
        }
    }

    /// Lexes the whole input into items ending with `eof` (or an error then `eof`).
    mutating func lexItems() -> [LexItem] {
        // Most actions hold a few items; reserving avoids regrowing the array while lexing.
        items.reserveCapacity(input.count / 8 + 4)
        lexText()
        if items.last?.kind != .eof {
            items.append(LexItem(kind: .eof, position: pos, end: pos, line: line))
        }
        return items
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
        return isNonASCIIAlphaNumeric(s)
    }

    /// `isAlphaNumeric` beyond ASCII. Kept out of line: the Unicode property types it uses are resilient, and
    /// inlined they made every caller set them up on entry (every word and action), even for ASCII input.
    @inline(never)
    static func isNonASCIIAlphaNumeric(_ s: Unicode.Scalar) -> Bool {
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
        items.append(LexItem(kind: kind, position: start, end: pos, line: startLine))
        start = pos
        startLine = line
    }

    mutating func ignore() {
        // Lines were counted while advancing.
        start = pos
        startLine = line
    }

    mutating func errorf(_ message: String) {
        errorMessage = message
        items.append(LexItem(kind: .error, position: start, end: start, line: startLine))
        items.append(LexItem(kind: .eof, position: pos, end: pos, line: line))
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
            // Find the next left delimiter, counting the lines of the text on the way (this is `advance` over
            // the text, in one pass).
            let (found, newlines) = findLeftDelim()
            if found < 0 {
                line += newlines
                pos = input.count
                if pos > start { emit(.text) }
                items.append(LexItem(kind: .eof, position: pos, end: pos, line: line))
                return
            }
            var textEnd = found
            if hasLeftTrimMarker(at: found + leftDelim.count) {
                while textEnd > start && Lexer.isSpace(input[textEnd - 1]) { textEnd -= 1 }
            }
            line += newlines
            pos = found
            if textEnd > start {
                items.append(LexItem(kind: .text, position: start, end: textEnd, line: startLine))
            }
            start = pos
            startLine = line
            if !lexLeftDelim() { return }
        }
    }

    /// The offset of the next left delimiter at or after `pos` (-1 if none) and the newlines before it.
    func findLeftDelim() -> (Int, Int) {
        let delim = leftDelim
        return input.withUnsafeBufferPointer { buf -> (Int, Int) in
            let first = delim[0]
            let count = buf.count
            var newlines = 0
            var x = pos
            while x < count {
                let c = buf[x]
                if c == first && x + delim.count <= count {
                    var k = 1
                    while k < delim.count && buf[x + k] == delim[k] { k += 1 }
                    if k == delim.count { return (x, newlines) }
                }
                if c == 0x0A { newlines += 1 }
                x += 1
            }
            return (-1, newlines)
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
        items.append(LexItem(kind: .leftDelim, position: start, end: pos, line: startLine))
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
            // Only a space (trim marker) or the delimiter's first byte can start a right delimiter.
            let delim = pos < input.count && (input[pos] == rightDelim[0] || Lexer.isSpace(input[pos]))
                && atRightDelim().0
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
            if input[pos] == 0x0A { line += 1 }
            pos += 1
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
        while pos < input.count {
            let c = input[pos]
            // ASCII letters, digits and `_` (no newline among them, so no lines to count).
            if c < 0x80 {
                guard (c | 0x20 >= 0x61 && c | 0x20 <= 0x7A) || (c >= 0x30 && c <= 0x39) || c == 0x5F else { break }
                pos += 1
                continue
            }
            guard let (sc, n) = scalar(at: pos), Lexer.isAlphaNumeric(sc) else { break }
            advance(n)
        }
        if atTerminator() { return true }
        let bad = scalar(at: pos)?.0 ?? "\u{FFFD}"
        advance(scalar(at: pos)?.1 ?? 0)
        errorf("bad character \(Lexer.formatU(bad))")
        return false
    }

    mutating func lexIdentifier() -> Bool {
        if !scanWord() { return false }
        if let kw = keyword(start, pos) {
            if (kw == .break && !breakOK) || (kw == .continue && !continueOK) {
                emit(.identifier)
            } else {
                emit(kw)
            }
        } else if isWord("true", start, pos) || isWord("false", start, pos) {
            emit(.bool)
        } else {
            emit(.identifier)
        }
        return true
    }

    /// Whether the bytes `from..<to` spell `word`.
    func isWord(_ word: StaticString, _ from: Int, _ to: Int) -> Bool {
        guard to - from == word.utf8CodeUnitCount else { return false }
        let w = word.utf8Start
        for k in 0..<(to - from) where input[from + k] != w[k] { return false }
        return true
    }

    /// The keyword (other than `.`) spelled by the bytes `from..<to`, if any (Go: `key[word]`).
    func keyword(_ from: Int, _ to: Int) -> TokenKind? {
        guard to - from >= 2 && to - from <= 8 else { return nil }
        switch input[from] {
        case UInt8(ascii: "b"):
            if isWord("block", from, to) { return .block }
            if isWord("break", from, to) { return .break }
        case UInt8(ascii: "c"): if isWord("continue", from, to) { return .continue }
        case UInt8(ascii: "d"): if isWord("define", from, to) { return .define }
        case UInt8(ascii: "e"):
            if isWord("else", from, to) { return .else }
            if isWord("end", from, to) { return .end }
        case UInt8(ascii: "i"): if isWord("if", from, to) { return .if }
        case UInt8(ascii: "n"): if isWord("nil", from, to) { return .nil }
        case UInt8(ascii: "r"): if isWord("range", from, to) { return .range }
        case UInt8(ascii: "t"): if isWord("template", from, to) { return .template }
        case UInt8(ascii: "w"): if isWord("with", from, to) { return .with }
        default: break
        }
        return nil
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

    mutating func accept(_ set: StaticString) -> Bool {
        if pos < input.count && Lexer.contains(set, input[pos]) {
            advance(1)
            return true
        }
        return false
    }

    mutating func acceptRun(_ set: StaticString) {
        while pos < input.count && Lexer.contains(set, input[pos]) { advance(1) }
    }

    /// Whether the ASCII `set` contains `c`.
    static func contains(_ set: StaticString, _ c: UInt8) -> Bool {
        let p = set.utf8Start
        for k in 0..<set.utf8CodeUnitCount where p[k] == c { return true }
        return false
    }

    /// Go scanNumber.
    mutating func scanNumber() -> Bool {
        _ = accept("+-")
        var digits: StaticString = "0123456789_"
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
        if digits.utf8CodeUnitCount == 11 && accept("eE") {
            _ = accept("+-")
            acceptRun("0123456789_")
        }
        if digits.utf8CodeUnitCount == 23 && accept("pP") {
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
