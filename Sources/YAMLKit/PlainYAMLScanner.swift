/// A scanner for the plain subset of YAML that values files, `Chart.yaml` and rendered manifests are nearly always
/// written in. It produces the events libyaml's parser produces for such a text, without libyaml's per-token and
/// per-event allocations.
///
/// The subset: one document (an optional leading `---`), block mappings and sequences indented with spaces
/// (compact `- key: value` entries, indentless `key:\n- item` sequences, empty values), comments, one-line plain
/// and quoted scalars, literal and folded block scalars (`|`, `>-`, …), and flow collections of scalars that open
/// and close on one line. Anything else (tabs, `\r`, anchors, aliases, tags, `?` keys, directives, a second
/// document, indentation indicators, multi-line plain or quoted scalars, control characters, malformed UTF-8,
/// line breaks other than `\n`, …) makes `scan` give up, and the caller reads the text with libyaml
/// (`YAMLParser`), which gives the same events or the error. The scanner never accepts a text that libyaml, with
/// go-yaml's extra checks (`YAMLParser.goYAMLProblem`), rejects.
///
/// libyaml: scanner.c and parser.c (0.2.5); the rules each function follows are named in it.
struct PlainYAMLScanner {
    /// One event, with its scalar value as a byte range of the input or of `unescaped`; a collection start counts
    /// its entries in `count`.
    struct Event {
        var kind: YAMLRawEvent.Kind
        var style: YAMLScalarStyle = .any
        var isFlow = false
        /// Whether `start`/`count` index `unescaped` rather than the input.
        var isUnescaped = false
        var start = 0
        var count = 0
    }

    /// The scanner met something outside its subset.
    struct Bail: Error {}

    /// A scanned scalar token, not yet emitted (a mapping start may have to come first).
    struct Scalar {
        var style: YAMLScalarStyle
        var start: Int
        var count: Int
        var isUnescaped: Bool
        /// The position just after the token (after the closing quote; after the last non-space of a plain
        /// scalar).
        var end: Int
        /// For a plain scalar: the position of the `:` that ended it, when one did (the scalar is a key).
        var colon: Int?
    }

    /// The result of a scan: the events and the buffer of values that are not slices of the input.
    struct Scanned {
        var events: [Event]
        var unescaped: [UInt8]
    }

    let text: UnsafeBufferPointer<UInt8>
    let count: Int
    var events: [Event] = []
    var unescaped: [UInt8] = []
    /// The next content line (neither blank nor a comment): the position of its first non-space byte, `count` at
    /// the end of the text.
    var pos = 0
    /// The column of `pos`, -1 at the end of the text (so that every collection ends there).
    var column = 0
    /// The nesting of collections, limited so that deep input goes to libyaml.
    var depth = 0

    /// Deeper nesting than this is left to libyaml.
    static let maxDepth = 100
    /// A simple key may not be longer than 1024 characters (libyaml `yaml_parser_stale_simple_keys`); a margin
    /// keeps byte counts on the safe side.
    static let maxKeyLength = 1000

    private init(_ text: UnsafeBufferPointer<UInt8>) {
        self.text = text
        count = text.count
        events.reserveCapacity(count / 12 + 8)
    }

    /// The events of `text`, or nil when it is outside the subset.
    static func scan(_ text: UnsafeBufferPointer<UInt8>) -> Scanned? {
        guard PlainYAMLScanner.isInAlphabet(text) else { return nil }
        var scanner = PlainYAMLScanner(text)
        do {
            try scanner.stream()
        } catch {
            return nil
        }
        return Scanned(events: scanner.events, unescaped: scanner.unescaped)
    }

    // MARK: Bytes

    /// The byte at `i`, or 0 past the end (the text holds no NUL: `isInAlphabet`).
    @inline(__always) func at(_ i: Int) -> UInt8 { i < count ? text[i] : 0 }

    /// Space, line break or end of text (libyaml `IS_BLANKZ`, without the tab this subset excludes).
    @inline(__always) static func isBlankz(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0 }

    /// Whether the three bytes at `i` are `---` or `...` followed by a blank: a document marker at column 0.
    func isDocumentMarker(_ i: Int) -> Bool {
        let b = at(i)
        guard b == UInt8(ascii: "-") || b == UInt8(ascii: ".") else { return false }
        return at(i + 1) == b && at(i + 2) == b && Self.isBlankz(at(i + 3))
    }

    /// Whether a block sequence entry indicator (`-` and a blank) is at `p`.
    @inline(__always) func isBlockEntry(_ p: Int) -> Bool {
        at(p) == UInt8(ascii: "-") && Self.isBlankz(at(p + 1))
    }

    /// The position of the first byte at or after `i` that is not a space.
    @inline(__always) func skipSpaces(_ i: Int) -> Int {
        var i = i
        while at(i) == 0x20 { i += 1 }
        return i
    }

    // MARK: Events

    /// Emits a stream, document or collection start event.
    @inline(__always)
    mutating func emit(_ kind: YAMLRawEvent.Kind, flow: Bool = false) {
        events.append(Event(kind: kind, isFlow: flow))
    }

    /// Emits a collection end and records the number of entries in the collection's start event.
    mutating func emitEnd(_ kind: YAMLRawEvent.Kind, start: Int, entries: Int) {
        events[start].count = entries
        events.append(Event(kind: kind))
    }

    /// Emits a scanned scalar.
    @inline(__always)
    mutating func emit(_ scalar: Scalar) {
        events.append(
            Event(
                kind: .scalar, style: scalar.style, isUnescaped: scalar.isUnescaped, start: scalar.start,
                count: scalar.count))
    }

    /// The empty plain scalar the parser gives for a missing node (libyaml `yaml_parser_process_empty_scalar`).
    @inline(__always)
    mutating func emitEmptyScalar() {
        events.append(Event(kind: .scalar, style: .plain))
    }

    /// Counts one more level of nesting (the caller counts it down when the collection ends).
    mutating func enter() throws(Bail) {
        depth += 1
        if depth > Self.maxDepth { throw Bail() }
    }

    // MARK: Lines

    /// Moves the cursor to the next content line at or after the line starting at `i`, skipping blank lines and
    /// comment lines (comments do not count for indentation). A document marker there ends the subset, except a
    /// `---` when `documentStart` allows one.
    mutating func advance(fromLineAt i: Int, documentStart: Bool = false) throws(Bail) {
        var i = i
        while true {
            let lineStart = i
            i = skipSpaces(i)
            switch at(i) {
            case 0:
                pos = count
                column = -1
                return
            case 0x0A:
                i += 1
            case UInt8(ascii: "#"):
                i = lineEnd(i)
                if at(i) == 0x0A { i += 1 }
            default:
                pos = i
                column = i - lineStart
                if column == 0 && isDocumentMarker(i) && !(documentStart && at(i) == UInt8(ascii: "-")) {
                    throw Bail()
                }
                return
            }
        }
    }

    /// The position of the line break (or end of text) ending the line that holds `i`.
    @inline(__always) func lineEnd(_ i: Int) -> Int {
        var i = i
        while true {
            let b = at(i)
            if b == 0x0A || b == 0 { return i }
            i += 1
        }
    }

    /// Finishes the line after a token ending at `i` (spaces, then a comment after at least one space) and moves
    /// the cursor to the next content line. Anything else on the line ends the subset.
    @inline(__always)
    mutating func finishLine(_ i: Int) throws(Bail) {
        var j = skipSpaces(i)
        if at(j) == UInt8(ascii: "#") && j > i { j = lineEnd(j) }
        switch at(j) {
        case 0x0A: try advance(fromLineAt: j + 1)
        case 0:
            pos = count
            column = -1
        default: throw Bail()
        }
    }

    // MARK: Structure

    /// Stream: (`---` line)? node? with blank and comment lines anywhere. libyaml `yaml_parser_parse_stream_start`,
    /// `…_document_start`, `…_document_end`.
    mutating func stream() throws(Bail) {
        emit(.streamStart)
        try advance(fromLineAt: 0, documentStart: true)
        if pos == count {
            emit(.streamEnd)  // no document at all
            return
        }
        emit(.documentStart)
        if column == 0 && isDocumentMarker(pos) {
            try finishLine(pos + 3)  // `---` with nothing after it on its line
        }
        if pos == count {
            emitEmptyScalar()
        } else {
            try node(at: pos, indent: -1, compactColumn: column)
            guard pos == count else { throw Bail() }  // a second node, a dedented line, …
        }
        emit(.documentEnd)
        emit(.streamEnd)
    }

    /// A node starting at `p` inside a block collection indented at `indent` (-1 at the top). `compactColumn` is
    /// the column of `p` where a block collection may start there (at a line start, or after `- `), nil after
    /// `key: ` (libyaml: no simple key and no block entry after a simple key's `:` on the same line).
    mutating func node(at p: Int, indent: Int, compactColumn: Int?) throws(Bail) {
        if isBlockEntry(p) {
            guard let column = compactColumn else { throw Bail() }
            try blockSequence(at: p, column: column, indentless: false)
            return
        }
        switch at(p) {
        case UInt8(ascii: "["), UInt8(ascii: "{"):
            let end = try flowCollection(at: p)
            try finishLine(end)
        case UInt8(ascii: "|"), UInt8(ascii: ">"):
            try blockScalar(at: p, indent: indent)
        default:
            guard let scalar = try scalar(at: p, flow: false) else { throw Bail() }
            if let colon = keyColon(scalar) {
                guard let column = compactColumn else { throw Bail() }
                try blockMapping(firstKey: scalar, colon: colon, column: column)
                return
            }
            emit(scalar)
            try finishLine(scalar.end)
        }
    }

    /// The `:` after a scalar that makes it a simple key in block context, if there is one on the same line.
    @inline(__always)
    func keyColon(_ scalar: Scalar) -> Int? {
        if scalar.style == .plain { return scalar.colon }
        let j = skipSpaces(scalar.end)
        return at(j) == UInt8(ascii: ":") && Self.isBlankz(at(j + 1)) ? j : nil
    }

    /// Block mapping: (key `:` value?)+ with every key at `column`; the first key is already scanned.
    /// libyaml `yaml_parser_parse_block_mapping_key`/`…_value`.
    mutating func blockMapping(firstKey: Scalar, colon: Int, column m: Int) throws(Bail) {
        try enter()
        let start = events.count
        emit(.mappingStart)
        var key = firstKey
        var colon = colon
        var entries = 0
        while true {
            guard colon - key.start <= Self.maxKeyLength else { throw Bail() }
            entries += 1
            emit(key)
            try entryNode(after: colon, indent: m, sameLineBlock: false)
            if column < m { break }
            // A deeper line here would continue a plain scalar or be an error.
            guard column == m, let next = try scalar(at: pos, flow: false), let nextColon = keyColon(next) else {
                throw Bail()
            }
            key = next
            colon = nextColon
        }
        emitEnd(.mappingEnd, start: start, entries: entries)
        depth -= 1
    }

    /// The node after the indicator at `indicator` (a `-` at column `indent`, or a key's `:` in a mapping at
    /// column `indent`): on the same line, on the following deeper lines, or missing (an empty scalar). A block
    /// collection may start on the same line only after a `-` (`sameLineBlock`); a sequence at the column of a
    /// key's mapping is the key's value (an indentless sequence).
    mutating func entryNode(after indicator: Int, indent: Int, sameLineBlock: Bool) throws(Bail) {
        let i = skipSpaces(indicator + 1)
        let b = at(i)
        if b != 0x0A && b != 0 && b != UInt8(ascii: "#") {
            // `-` and the spaces after it are one byte per column.
            try node(at: i, indent: indent, compactColumn: sameLineBlock ? indent + (i - indicator) : nil)
            return
        }
        try finishLine(indicator + 1)
        if column > indent {
            try node(at: pos, indent: indent, compactColumn: column)
        } else if !sameLineBlock && column == indent && isBlockEntry(pos) {
            try blockSequence(at: pos, column: indent, indentless: true)
        } else {
            emitEmptyScalar()
        }
    }

    /// Block sequence: (`-` node?)+ with every `-` at `column`. An indentless sequence (the value of a key at the
    /// same column) ends at the next key. libyaml `yaml_parser_parse_block_sequence_entry`,
    /// `…_indentless_sequence_entry`.
    mutating func blockSequence(at p: Int, column s: Int, indentless: Bool) throws(Bail) {
        try enter()
        let start = events.count
        emit(.sequenceStart)
        var dash = p
        var entries = 0
        while true {
            entries += 1
            try entryNode(after: dash, indent: s, sameLineBlock: true)
            if column < s { break }
            guard column == s else { throw Bail() }
            if isBlockEntry(pos) {
                dash = pos
                continue
            }
            // Only an indentless sequence ends at a line of its own column (the next key of its mapping).
            guard indentless else { throw Bail() }
            break
        }
        emitEnd(.sequenceEnd, start: start, entries: entries)
        depth -= 1
    }
}
