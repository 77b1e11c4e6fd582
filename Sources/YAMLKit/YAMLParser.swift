internal import CYAML

/// A libyaml parser over one in-memory input, yielding events or composed node trees.
///
/// The class owns the `yaml_parser_t` and a copy of the input bytes (libyaml reads them in place) and frees both
/// in `deinit`. It is not thread-safe; use one parser per input.
public final class YAMLParser {
    // The parser is not thread-safe and never re-entered, so the state below needs no dynamic exclusivity checks
    // (they were a tenth of the event loop's time).
    @exclusivity(unchecked) var parser = yaml_parser_t()
    private let buffer: UnsafeMutableBufferPointer<UInt8>
    private let count: Int
    /// The file name given at creation.
    public let file: String
    /// Built on the first location asked for: readers that never report a position skip the line scan.
    private lazy var index = LineIndex(bytes: Array(buffer[0..<count]), file: file)
    @exclusivity(unchecked) var finished = false
    /// The event behind the last `nextRawEvent` result, deleted when the next event is read.
    @exclusivity(unchecked) var rawEvent = yaml_event_t()
    @exclusivity(unchecked) var holdsRawEvent = false

    /// Creates a parser over `text`; `file` is used in locations.
    public init(_ text: String, file: String = "") {
        var text = text
        self.file = file
        count = text.utf8.count
        let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(count, 1))
        text.withUTF8 { utf8 in
            if let source = utf8.baseAddress, let target = buffer.baseAddress {
                target.initialize(from: source, count: utf8.count)
            }
        }
        self.buffer = buffer
        yaml_parser_initialize(&parser)
        yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
        if let base = buffer.baseAddress {
            yaml_parser_set_input_string(&parser, base, count)
        }
    }

    deinit {
        releaseRawEvent()
        yaml_parser_delete(&parser)
        buffer.deallocate()
    }

    /// The location of a 0-based line and Unicode-scalar column in this input.
    func location(_ mark: yaml_mark_t) -> SourceLocation {
        index.location(line: Int(mark.line), column: Int(mark.column))
    }

    /// The next event, or nil after the stream end event has been returned.
    public func nextEvent() throws(YAMLError) -> YAMLMarkedEvent? {
        if finished { return nil }
        releaseRawEvent()
        var event = yaml_event_t()
        guard yaml_parser_parse(&parser, &event) != 0 else { throw currentError() }
        defer { yaml_event_delete(&event) }
        if let error = goYAMLProblem(event) { throw error }
        let marked = YAMLMarkedEvent(
            event: convert(event), start: location(event.start_mark), end: location(event.end_mark))
        if case .streamEnd = marked.event { finished = true }
        return marked
    }

    /// Whether the input holds the bytes `\/` at all; only then are double-quoted scalars searched for the escape.
    private lazy var mayHaveSlashEscape: Bool = {
        guard count > 1 else { return false }
        for i in 0..<(count - 1) where buffer[i] == UInt8(ascii: "\\") && buffer[i + 1] == UInt8(ascii: "/") {
            return true
        }
        return false
    }()

    /// The byte offset of a `\/` escape in a double-quoted scalar event. libyaml accepts it (YAML 1.2); go-yaml v2,
    /// which Helm reads YAML with, fails with `found unknown escape character`.
    func slashEscapeOffset(_ event: yaml_event_t) -> Int? {
        guard event.type == YAML_SCALAR_EVENT, event.data.scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE,
            mayHaveSlashEscape
        else { return nil }
        var i = location(event.start_mark).offset + 1  // after the opening quote
        let end = min(location(event.end_mark).offset, count)
        while i < end - 1 {
            if buffer[i] == UInt8(ascii: "\\") {
                if buffer[i + 1] == UInt8(ascii: "/") { return i }
                i += 2
            } else {
                i += 1
            }
        }
        return nil
    }

    /// The open flow collections (`true` for a sequence), innermost last, with their start marks.
    @exclusivity(unchecked) private var flowCollections: [(isSequence: Bool, start: yaml_mark_t)] = []

    /// What go-yaml v2 (the YAML reader Helm uses, a port of an older libyaml) rejects in an event this libyaml
    /// accepts: a `\/` escape, or a `?` inside a plain scalar in a flow collection (go-yaml ends the scalar there
    /// and reads a key indicator). Also keeps track of the open flow collections.
    func goYAMLProblem(_ event: yaml_event_t) -> YAMLError? {
        switch event.type {
        case YAML_DOCUMENT_START_EVENT:
            if let version = event.data.document_start.version_directive, version.pointee.minor != 1 {
                return incompatibleDocument(at: location(event.start_mark))
            }
        case YAML_SEQUENCE_START_EVENT where event.data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE:
            flowCollections.append((true, event.start_mark))
        case YAML_MAPPING_START_EVENT where event.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE:
            flowCollections.append((false, event.start_mark))
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            if !flowCollections.isEmpty { flowCollections.removeLast() }
        case YAML_SCALAR_EVENT:
            if let offset = slashEscapeOffset(event) {
                var error = YAMLError(
                    kind: .scanner, problem: "found unknown escape character", location: index.location(offset: offset),
                    context: "while parsing a quoted scalar", contextLocation: location(event.start_mark))
                error.reportsLine = true
                return error
            }
            if let flow = flowCollections.last, event.data.scalar.style == YAML_PLAIN_SCALAR_STYLE,
                let offset = questionMarkOffset(event)
            {
                var error = YAMLError(
                    kind: .parser,
                    problem: flow.isSequence ? "did not find expected ',' or ']'" : "did not find expected ',' or '}'",
                    location: index.location(offset: offset),
                    context: flow.isSequence ? "while parsing a flow sequence" : "while parsing a flow mapping",
                    contextLocation: location(flow.start))
                error.reportsLine = true
                return error
            }
        default:
            break
        }
        return nil
    }

    /// Whether the input holds a `?` at all; only then are plain flow scalars searched for one.
    private lazy var mayHaveQuestionMark: Bool = buffer[0..<count].contains(UInt8(ascii: "?"))

    /// go-yaml v2 accepts only `%YAML 1.1`; libyaml also takes 1.2.
    private func incompatibleDocument(at where_: SourceLocation) -> YAMLError {
        var error = YAMLError(kind: .parser, problem: "found incompatible YAML document", location: where_)
        error.reportsLine = true
        return error
    }

    /// A `%YAML 1.2` directive line before `offset`, which go-yaml v2 rejects before it reports anything later.
    private func yaml12Directive(before offset: Int) -> SourceLocation? {
        let directive = Array("%YAML".utf8)
        var lineStart = 0
        while lineStart < min(offset, count) {
            var end = lineStart
            while end < count && buffer[end] != 0x0A { end += 1 }
            if end - lineStart > directive.count && Array(buffer[lineStart..<(lineStart + directive.count)]) == directive {
                let rest = String(decoding: buffer[(lineStart + directive.count)..<end], as: UTF8.self)
                let version = rest.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }).first
                if version == "1.2" { return index.location(offset: lineStart) }
            }
            lineStart = end + 1
        }
        return nil
    }

    /// The byte offset of a `?` after the first character of a plain scalar event.
    private func questionMarkOffset(_ event: yaml_event_t) -> Int? {
        guard mayHaveQuestionMark else { return nil }
        let start = location(event.start_mark).offset
        let end = min(location(event.end_mark).offset, count)
        guard start + 1 < end else { return nil }
        for i in (start + 1)..<end where buffer[i] == UInt8(ascii: "?") { return i }
        return nil
    }

    /// Deletes the event held for the last `nextRawEvent` result, if any.
    func releaseRawEvent() {
        guard holdsRawEvent else { return }
        yaml_event_delete(&rawEvent)
        holdsRawEvent = false
    }

    private func currentError() -> YAMLError {
        let kind: YAMLError.Kind
        switch parser.error {
        case YAML_READER_ERROR: kind = .reader
        case YAML_SCANNER_ERROR: kind = .scanner
        case YAML_MEMORY_ERROR: kind = .memory
        default: kind = .parser
        }
        let problem = parser.problem.map { String(cString: $0) } ?? "unknown problem parsing YAML content"
        let context = parser.context.map { String(cString: $0) }
        // Reader errors carry a byte offset, not a mark; go-yaml prints no line for them.
        let where_ =
            kind == .reader ? index.location(offset: Int(parser.problem_offset)) : location(parser.problem_mark)
        if kind == .parser, let directive = yaml12Directive(before: where_.offset) {
            return incompatibleDocument(at: directive)
        }
        var error = YAMLError(
            kind: kind, problem: problem, location: where_, context: context,
            contextLocation: context == nil ? nil : location(parser.context_mark))
        error.reportsLine = kind != .reader
        return error
    }

    private func convert(_ event: yaml_event_t) -> YAMLEvent {
        switch event.type {
        case YAML_STREAM_START_EVENT: return .streamStart
        case YAML_STREAM_END_EVENT: return .streamEnd
        case YAML_DOCUMENT_START_EVENT: return .documentStart(implicit: event.data.document_start.implicit != 0)
        case YAML_DOCUMENT_END_EVENT: return .documentEnd(implicit: event.data.document_end.implicit != 0)
        case YAML_ALIAS_EVENT: return .alias(anchor: Self.string(event.data.alias.anchor) ?? "")
        case YAML_SCALAR_EVENT:
            let s = event.data.scalar
            let value: String
            if let p = s.value {
                value = String(decoding: UnsafeBufferPointer(start: p, count: s.length), as: UTF8.self)
            } else {
                value = ""
            }
            return .scalar(
                YAMLScalarEvent(
                    value: value, tag: Self.string(s.tag), anchor: Self.string(s.anchor), style: Self.style(s.style),
                    plainImplicit: s.plain_implicit != 0, quotedImplicit: s.quoted_implicit != 0))
        case YAML_SEQUENCE_START_EVENT:
            let s = event.data.sequence_start
            return .sequenceStart(
                YAMLCollectionStart(
                    tag: Self.string(s.tag), anchor: Self.string(s.anchor), implicit: s.implicit != 0,
                    style: s.style == YAML_FLOW_SEQUENCE_STYLE ? .flow : .block))
        case YAML_SEQUENCE_END_EVENT: return .sequenceEnd
        case YAML_MAPPING_START_EVENT:
            let s = event.data.mapping_start
            return .mappingStart(
                YAMLCollectionStart(
                    tag: Self.string(s.tag), anchor: Self.string(s.anchor), implicit: s.implicit != 0,
                    style: s.style == YAML_FLOW_MAPPING_STYLE ? .flow : .block))
        case YAML_MAPPING_END_EVENT: return .mappingEnd
        default: return .streamEnd
        }
    }

    private static func string(_ p: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let p else { return nil }
        return String(cString: p)
    }

    static func style(_ s: yaml_scalar_style_t) -> YAMLScalarStyle {
        switch s {
        case YAML_PLAIN_SCALAR_STYLE: return .plain
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: return .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: return .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: return .literal
        case YAML_FOLDED_SCALAR_STYLE: return .folded
        default: return .any
        }
    }
}
