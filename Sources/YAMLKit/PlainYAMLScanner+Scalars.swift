extension PlainYAMLScanner {
    // MARK: Characters

    /// Whether every character of `text` is one the subset takes: printable ASCII, `\n`, and well-formed UTF-8 for
    /// the printable characters above ASCII that libyaml treats as ordinary (not NEL, LS, PS or the BOM, which it
    /// reads as line breaks or skips). libyaml: reader.c `yaml_parser_update_buffer`.
    static func isInAlphabet(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = text.count
        var i = 0
        while i < count {
            // Eight bytes at a time while they are printable ASCII or line breaks; a word with anything else is
            // looked at character by character. Each mask has 0x80 exactly in the bytes it names (the bytes are
            // below 0x80 once `word` has no high bit, so no sum carries into the next byte).
            if let base = text.baseAddress, i + 8 <= count {
                let word = UnsafeRawPointer(base).loadUnaligned(fromByteOffset: i, as: UInt64.self)
                let ones: UInt64 = 0x0101_0101_0101_0101
                let high = 0x80 &* ones
                let low7 = word & (0x7F &* ones)
                let below20 = ~(low7 &+ 0x60 &* ones) & ~word & high
                let newlines = word ^ (0x0A &* ones)
                let isNewline = ~(((newlines & (0x7F &* ones)) &+ 0x7F &* ones) | newlines) & high
                let isDEL = (low7 &+ ones) & high
                if word & high == 0 && below20 & ~isNewline == 0 && isDEL == 0 {
                    i += 8
                    continue
                }
            }
            let stop = min(i + 8, count)
            while i < stop {
                guard let width = characterWidth(text, at: i) else { return false }
                i += width
            }
        }
        return true
    }

    /// The width of the character at `i` when the subset takes it (see `isInAlphabet`), else nil.
    static func characterWidth(_ text: UnsafeBufferPointer<UInt8>, at i: Int) -> Int? {
        let lead = text[i]
        if lead >= 0x20 && lead < 0x7F || lead == 0x0A { return 1 }
        guard lead >= 0xC2 && lead <= 0xF4 else { return nil }  // controls, tab, CR, DEL, bad leads
        let width = lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
        guard text.count - i >= width else { return nil }
        var value = UInt32(lead) & (width == 2 ? 0x1F : width == 3 ? 0x0F : 0x07)
        for k in 1..<width {
            let octet = text[i + k]
            guard octet & 0xC0 == 0x80 else { return nil }
            value = value << 6 | UInt32(octet & 0x3F)
        }
        let shortest = width == 2 ? value >= 0x80 : width == 3 ? value >= 0x800 : value >= 0x10000
        guard shortest, value >= 0xA0, value <= 0x10FFFF else { return nil }
        guard !(0xD800...0xDFFF).contains(value), value != 0x2028, value != 0x2029, value != 0xFEFF,
            value != 0xFFFE, value != 0xFFFF
        else { return nil }
        return width
    }

    /// Whether `b` may start a plain scalar, given the byte after it. libyaml `yaml_parser_fetch_next_token`.
    @inline(__always)
    static func startsPlain(_ b: UInt8, next: UInt8, flow: Bool) -> Bool {
        switch b {
        case 0, 0x20, 0x0A: return false
        case UInt8(ascii: "-"): return next != 0x20 && !(next == 0x0A || next == 0)
        case UInt8(ascii: "?"), UInt8(ascii: ":"): return !flow && !isBlankz(next)
        case UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"),
            UInt8(ascii: "#"), UInt8(ascii: "&"), UInt8(ascii: "*"), UInt8(ascii: "!"), UInt8(ascii: "|"),
            UInt8(ascii: ">"), UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "%"), UInt8(ascii: "@"),
            UInt8(ascii: "`"):
            return false
        default: return true
        }
    }

    /// Whether `b` ends a plain scalar in flow context. libyaml `yaml_parser_scan_plain_scalar`.
    @inline(__always) static func isFlowIndicator(_ b: UInt8) -> Bool {
        b == UInt8(ascii: ",") || b == UInt8(ascii: "[") || b == UInt8(ascii: "]") || b == UInt8(ascii: "{")
            || b == UInt8(ascii: "}")
    }

    // MARK: Scalars

    /// The plain or quoted scalar starting at `p`, or nil when no scalar of the subset starts there.
    @inline(__always)
    mutating func scalar(at p: Int, flow: Bool) throws(Bail) -> Scalar? {
        switch at(p) {
        case UInt8(ascii: "'"), UInt8(ascii: "\""): return try quotedScalar(at: p)
        default:
            guard Self.startsPlain(at(p), next: at(p + 1), flow: flow) else { return nil }
            return try plainScalar(at: p, flow: flow)
        }
    }

    /// A plain scalar that ends on its line: at `: `, at ` #`, at the line end, or in flow context at `,[]{}`.
    /// The caller makes sure no following line continues it. libyaml `yaml_parser_scan_plain_scalar`.
    func plainScalar(at p: Int, flow: Bool) throws(Bail) -> Scalar {
        var i = p
        var end = p
        var colon: Int?
        scan: while true {
            let runStart = i
            while true {
                let b = at(i)
                if b == 0x20 || b == 0x0A || b == 0 { break }
                if b == UInt8(ascii: ":") {
                    if Self.isBlankz(at(i + 1)) {
                        colon = i
                        if i > runStart { end = i }
                        break scan
                    }
                    // In flow context libyaml reads `:` inside a plain scalar in ways go-yaml does not.
                    if flow { throw Bail() }
                }
                if flow {
                    if Self.isFlowIndicator(b) {
                        if i > runStart { end = i }
                        break scan
                    }
                    // go-yaml ends a flow plain scalar at `?` (YAMLParser.goYAMLProblem).
                    if b == UInt8(ascii: "?") { throw Bail() }
                }
                i += 1
            }
            // Spaces between runs belong to the scalar only when more text follows.
            end = i
            guard at(i) == 0x20 else { break }
            let next = skipSpaces(i)
            let b = at(next)
            if b == 0x0A || b == 0 || b == UInt8(ascii: "#") { break }
            i = next
        }
        return Scalar(style: .plain, start: p, count: end - p, isUnescaped: false, end: end, colon: colon)
    }

    /// A single- or double-quoted scalar closed on its line. Values with escapes are written to `unescaped`.
    /// libyaml `yaml_parser_scan_flow_scalar`.
    mutating func quotedScalar(at p: Int) throws(Bail) -> Scalar {
        let quote = at(p)
        let single = quote == UInt8(ascii: "'")
        var i = p + 1
        var copied: Int?  // where the value starts in `unescaped`, once an escape has been met
        while true {
            let b = at(i)
            if b == 0 || b == 0x0A { throw Bail() }  // multi-line or unterminated
            if b == quote {
                if single && at(i + 1) == quote {
                    if copied == nil { copied = startCopy(from: p + 1, to: i) }
                    unescaped.append(quote)
                    i += 2
                    continue
                }
                break
            }
            if !single && b == UInt8(ascii: "\\") {
                if copied == nil { copied = startCopy(from: p + 1, to: i) }
                i = try escape(at: i)
                continue
            }
            if copied != nil { unescaped.append(b) }
            i += 1
        }
        let style: YAMLScalarStyle = single ? .singleQuoted : .doubleQuoted
        if let start = copied {
            return Scalar(
                style: style, start: start, count: unescaped.count - start, isUnescaped: true, end: i + 1, colon: nil)
        }
        return Scalar(style: style, start: p + 1, count: i - p - 1, isUnescaped: false, end: i + 1, colon: nil)
    }

    /// Copies the text before the first escape of a quoted scalar; returns where it starts in `unescaped`.
    private mutating func startCopy(from start: Int, to end: Int) -> Int {
        let at = unescaped.count
        unescaped.append(contentsOf: UnsafeBufferPointer(rebasing: text[start..<end]))
        return at
    }

    /// Writes the character of the escape sequence at `i` (a backslash) to `unescaped`; returns the position after
    /// it. `\/` (go-yaml rejects it), an escaped line break and unknown escapes end the subset.
    private mutating func escape(at i: Int) throws(Bail) -> Int {
        let simple: UInt8
        switch at(i + 1) {
        case UInt8(ascii: "0"): simple = 0
        case UInt8(ascii: "a"): simple = 0x07
        case UInt8(ascii: "b"): simple = 0x08
        case UInt8(ascii: "t"): simple = 0x09
        case UInt8(ascii: "n"): simple = 0x0A
        case UInt8(ascii: "v"): simple = 0x0B
        case UInt8(ascii: "f"): simple = 0x0C
        case UInt8(ascii: "r"): simple = 0x0D
        case UInt8(ascii: "e"): simple = 0x1B
        case UInt8(ascii: " "): simple = 0x20
        case UInt8(ascii: "\""): simple = UInt8(ascii: "\"")
        case UInt8(ascii: "\\"): simple = UInt8(ascii: "\\")
        case UInt8(ascii: "N"): return appendScalarValue(0x85, after: i + 2)
        case UInt8(ascii: "_"): return appendScalarValue(0xA0, after: i + 2)
        case UInt8(ascii: "L"): return appendScalarValue(0x2028, after: i + 2)
        case UInt8(ascii: "P"): return appendScalarValue(0x2029, after: i + 2)
        case UInt8(ascii: "x"): return try hexEscape(at: i + 2, digits: 2)
        case UInt8(ascii: "u"): return try hexEscape(at: i + 2, digits: 4)
        case UInt8(ascii: "U"): return try hexEscape(at: i + 2, digits: 8)
        default: throw Bail()
        }
        unescaped.append(simple)
        return i + 2
    }

    /// `\xXX`, `\uXXXX`, `\UXXXXXXXX`: the code point written as UTF-8.
    private mutating func hexEscape(at i: Int, digits: Int) throws(Bail) -> Int {
        var value: UInt32 = 0
        for k in 0..<digits {
            let b = at(i + k)
            let digit: UInt8
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = b - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = b - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = b - UInt8(ascii: "A") + 10
            default: throw Bail()
            }
            value = value << 4 | UInt32(digit)
        }
        if (0xD800...0xDFFF).contains(value) || value > 0x10FFFF { throw Bail() }
        return appendScalarValue(value, after: i + digits)
    }

    /// Appends `value` as UTF-8 (as libyaml writes escapes) and returns `next`.
    private mutating func appendScalarValue(_ value: UInt32, after next: Int) -> Int {
        if value <= 0x7F {
            unescaped.append(UInt8(value))
        } else if value <= 0x7FF {
            unescaped.append(UInt8(0xC0 + (value >> 6)))
            unescaped.append(UInt8(0x80 + (value & 0x3F)))
        } else if value <= 0xFFFF {
            unescaped.append(UInt8(0xE0 + (value >> 12)))
            unescaped.append(UInt8(0x80 + ((value >> 6) & 0x3F)))
            unescaped.append(UInt8(0x80 + (value & 0x3F)))
        } else {
            unescaped.append(UInt8(0xF0 + (value >> 18)))
            unescaped.append(UInt8(0x80 + ((value >> 12) & 0x3F)))
            unescaped.append(UInt8(0x80 + ((value >> 6) & 0x3F)))
            unescaped.append(UInt8(0x80 + (value & 0x3F)))
        }
        return next
    }

    // MARK: Block scalars

    /// A literal or folded block scalar (`|`, `>`, with `-` or `+` chomping, no indentation indicator) inside a
    /// block collection indented at `indent`; moves the cursor to the first line after it. libyaml
    /// `yaml_parser_scan_block_scalar` and `yaml_parser_scan_block_scalar_breaks`.
    mutating func blockScalar(at p: Int, indent parentIndent: Int) throws(Bail) {
        let folded = at(p) == UInt8(ascii: ">")
        let style: YAMLScalarStyle = folded ? .folded : .literal
        var i = p + 1
        var chomping = 0  // -1 strip, 0 clip, +1 keep
        if at(i) == UInt8(ascii: "-") {
            chomping = -1
            i += 1
        } else if at(i) == UInt8(ascii: "+") {
            chomping = 1
            i += 1
        }
        if (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(at(i)) { throw Bail() }
        let afterIndicators = i
        i = skipSpaces(i)
        if at(i) == UInt8(ascii: "#") {
            guard i > afterIndicators else { throw Bail() }
            i = lineEnd(i)
        }
        switch at(i) {
        case 0x0A: i += 1
        case 0:
            // Nothing after the header: an empty value whatever the chomping.
            events.append(Event(kind: .scalar, style: style))
            pos = count
            column = -1
            return
        default: throw Bail()
        }
        let start = unescaped.count
        var indent = 0
        var trailingBreaks = 0
        var leadingBreak = false
        var leadingBlank = false  // whether the previous content line started with a space
        var lineColumn = 0
        blockScalarBreaks(&i, &lineColumn, &indent, &trailingBreaks, parentIndent: parentIndent)
        while lineColumn == indent && at(i) != 0 {
            // A folded scalar joins two lines that do not start with a space with one space (or with the empty
            // lines between them).
            let trailingBlank = at(i) == 0x20
            if folded && leadingBreak && !leadingBlank && !trailingBlank {
                if trailingBreaks == 0 { unescaped.append(0x20) }
            } else if leadingBreak {
                unescaped.append(0x0A)
            }
            for _ in 0..<trailingBreaks { unescaped.append(0x0A) }
            trailingBreaks = 0
            leadingBlank = trailingBlank
            let end = lineEnd(i)
            unescaped.append(contentsOf: UnsafeBufferPointer(rebasing: text[i..<end]))
            i = end
            leadingBreak = at(i) == 0x0A
            if leadingBreak { i += 1 }
            blockScalarBreaks(&i, &lineColumn, &indent, &trailingBreaks, parentIndent: parentIndent)
        }
        if chomping != -1 && leadingBreak { unescaped.append(0x0A) }
        if chomping == 1 { for _ in 0..<trailingBreaks { unescaped.append(0x0A) } }
        events.append(
            Event(kind: .scalar, style: style, isUnescaped: true, start: start, count: unescaped.count - start))
        // The scalar ends at the end of the text or at a line indented less than its content.
        switch at(i) {
        case 0:
            pos = count
            column = -1
        case UInt8(ascii: "#"):
            try advance(fromLineAt: lineEnd(i))
        default:
            pos = i
            column = lineColumn
            if column == 0 && isDocumentMarker(i) { throw Bail() }
        }
    }

    /// Consumes the indentation of the line starting at `i` (up to `indent` spaces once known) and any empty
    /// lines, counting them in `breaks`; determines `indent` from the first content line when it is 0. Leaves
    /// `column` at the column reached.
    private func blockScalarBreaks(
        _ i: inout Int, _ column: inout Int, _ indent: inout Int, _ breaks: inout Int, parentIndent: Int
    ) {
        var maxIndent = 0
        while true {
            column = 0
            while (indent == 0 || column < indent) && at(i) == 0x20 {
                i += 1
                column += 1
            }
            if column > maxIndent { maxIndent = column }
            guard at(i) == 0x0A else { break }
            breaks += 1
            i += 1
        }
        if indent == 0 { indent = max(maxIndent, parentIndent + 1, 1) }
    }

    // MARK: Flow collections

    /// A flow sequence or mapping of scalars and nested flow collections, closed on its line; returns the position
    /// after it. Flow mapping keys are quoted or plain scalars followed by `: `; no empty entries, no trailing
    /// comma, no `key: value` pairs in sequences. libyaml `yaml_parser_parse_flow_sequence_entry`,
    /// `…_flow_mapping_key`/`…_value`.
    mutating func flowCollection(at p: Int) throws(Bail) -> Int {
        try enter()
        let isSequence = at(p) == UInt8(ascii: "[")
        let close = isSequence ? UInt8(ascii: "]") : UInt8(ascii: "}")
        let start = events.count
        emit(isSequence ? .sequenceStart : .mappingStart, flow: true)
        var i = skipSpaces(p + 1)
        var entries = 0
        if at(i) != close {
            while true {
                entries += 1
                if !isSequence {
                    guard let key = try flowKey(at: i) else { throw Bail() }
                    i = key
                    guard at(i) != UInt8(ascii: ","), at(i) != close else { throw Bail() }  // an empty value
                }
                i = skipSpaces(try flowNode(at: i))
                if at(i) == UInt8(ascii: ",") {
                    i = skipSpaces(i + 1)
                    guard at(i) != close else { throw Bail() }
                    continue
                }
                guard at(i) == close else { throw Bail() }
                break
            }
        }
        emitEnd(isSequence ? .sequenceEnd : .mappingEnd, start: start, entries: entries)
        depth -= 1
        return i + 1
    }

    /// A flow mapping key and its `:`; returns the position of the value after the spaces, or nil when no key of
    /// the subset is there. After a quoted key any `:` is the value indicator; a plain key ends at `: `.
    private mutating func flowKey(at i: Int) throws(Bail) -> Int? {
        guard let key = try scalar(at: i, flow: true) else { return nil }
        let colon = key.colon ?? skipSpaces(key.end)
        guard at(colon) == UInt8(ascii: ":") else { return nil }
        guard colon - i <= Self.maxKeyLength else { throw Bail() }
        emit(key)
        return skipSpaces(colon + 1)
    }

    /// A scalar or nested flow collection inside a flow collection; returns the position after it.
    private mutating func flowNode(at i: Int) throws(Bail) -> Int {
        let b = at(i)
        if b == UInt8(ascii: "[") || b == UInt8(ascii: "{") { return try flowCollection(at: i) }
        // A plain scalar ending at `: ` is a key: a pair in a sequence, or an error after a mapping's `:`.
        guard let scalar = try scalar(at: i, flow: true), scalar.colon == nil else { throw Bail() }
        emit(scalar)
        return scalar.end
    }
}
