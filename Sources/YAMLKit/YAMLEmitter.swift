internal import CYAML

/// A libyaml emitter writing events into an in-memory UTF-8 string.
///
/// The class owns the `yaml_emitter_t` and frees it in `deinit`. Feed it a complete event stream
/// (`streamStart` … `streamEnd`), then read `output`.
public final class YAMLEmitter {
    /// Emitter settings.
    public struct Options: Sendable {
        /// Preferred line width; libyaml folds plain and quoted scalars beyond it (go-yaml's default is 80).
        public var width: Int
        /// Indentation step (libyaml default 2).
        public var indent: Int
        /// Whether non-ASCII printable characters are written as is rather than escaped.
        public var unicode: Bool
        /// Whether to clear libyaml's "open ended" state before the stream end, so that no `...` marker is
        /// written after a top-level plain or kept block scalar. Go: yaml.v2 encode.go `finish`.
        public var suppressOpenEndedMarker: Bool

        /// Creates options; the defaults are go-yaml's.
        public init(width: Int = 80, indent: Int = 2, unicode: Bool = true, suppressOpenEndedMarker: Bool = true) {
            self.width = width
            self.indent = indent
            self.unicode = unicode
            self.suppressOpenEndedMarker = suppressOpenEndedMarker
        }
    }

    private final class Sink {
        var bytes: [UInt8] = []
    }

    // Not thread-safe and never re-entered: no dynamic exclusivity checks needed.
    @exclusivity(unchecked) private var emitter = yaml_emitter_t()
    private let sink = Sink()
    private let options: Options

    /// Creates an emitter with the given options.
    public init(options: Options = Options()) {
        self.options = options
        yaml_emitter_initialize(&emitter)
        yaml_emitter_set_width(&emitter, Int32(options.width))
        yaml_emitter_set_indent(&emitter, Int32(options.indent))
        yaml_emitter_set_unicode(&emitter, options.unicode ? 1 : 0)
        let context = Unmanaged.passUnretained(sink).toOpaque()
        yaml_emitter_set_output(
            &emitter,
            { data, buffer, size in
                guard let data, let buffer else { return 1 }
                let sink = Unmanaged<Sink>.fromOpaque(data).takeUnretainedValue()
                sink.bytes.append(contentsOf: UnsafeBufferPointer(start: buffer, count: size))
                return 1
            }, context)
    }

    deinit {
        yaml_emitter_delete(&emitter)
    }

    /// Everything written so far (libyaml buffers until a document or the stream ends).
    public var output: String { String(decoding: sink.bytes, as: UTF8.self) }

    /// Emits one event.
    public func emit(_ event: YAMLEvent) throws(YAMLError) {
        var e = yaml_event_t()
        var ok: Int32 = 1
        switch event {
        case .streamStart:
            ok = yaml_stream_start_event_initialize(&e, YAML_UTF8_ENCODING)
        case .streamEnd:
            if options.suppressOpenEndedMarker { emitter.open_ended = 0 }
            ok = yaml_stream_end_event_initialize(&e)
        case .documentStart(let implicit):
            ok = yaml_document_start_event_initialize(&e, nil, nil, nil, implicit ? 1 : 0)
        case .documentEnd(let implicit):
            ok = yaml_document_end_event_initialize(&e, implicit ? 1 : 0)
        case .alias(let anchor):
            ok = Self.withCString(anchor) { yaml_alias_event_initialize(&e, $0) }
        case .scalar(let s):
            ok = Self.withCString(s.anchor) { anchor in
                Self.withCString(s.tag) { tag in
                    Self.withBytes(s.value) { value, length in
                        yaml_scalar_event_initialize(
                            &e, anchor, tag, value, Int32(length), s.plainImplicit ? 1 : 0, s.quotedImplicit ? 1 : 0,
                            Self.cStyle(s.style))
                    }
                }
            }
        case .sequenceStart(let s):
            ok = Self.withCString(s.anchor) { anchor in
                Self.withCString(s.tag) { tag in
                    yaml_sequence_start_event_initialize(
                        &e, anchor, tag, s.implicit ? 1 : 0,
                        s.style == .flow
                            ? YAML_FLOW_SEQUENCE_STYLE
                            : s.style == .block ? YAML_BLOCK_SEQUENCE_STYLE : YAML_ANY_SEQUENCE_STYLE)
                }
            }
        case .sequenceEnd:
            ok = yaml_sequence_end_event_initialize(&e)
        case .mappingStart(let s):
            ok = Self.withCString(s.anchor) { anchor in
                Self.withCString(s.tag) { tag in
                    yaml_mapping_start_event_initialize(
                        &e, anchor, tag, s.implicit ? 1 : 0,
                        s.style == .flow
                            ? YAML_FLOW_MAPPING_STYLE
                            : s.style == .block ? YAML_BLOCK_MAPPING_STYLE : YAML_ANY_MAPPING_STYLE)
                }
            }
        case .mappingEnd:
            ok = yaml_mapping_end_event_initialize(&e)
        }
        guard ok != 0 else { throw failure("cannot create event") }
        // yaml_emitter_emit takes ownership of the event, also on failure.
        guard yaml_emitter_emit(&emitter, &e) != 0 else {
            throw failure(emitter.problem.map { String(cString: $0) } ?? "unknown problem generating YAML content")
        }
        if case .streamEnd = event { yaml_emitter_flush(&emitter) }
    }

    /// Emits an untagged scalar without an anchor (what `emit(.scalar(…))` does for such a scalar, without
    /// building the event value first).
    public func emitScalar(_ value: String, style: YAMLScalarStyle) throws(YAMLError) {
        var e = yaml_event_t()
        let ok = Self.withBytes(value) { bytes, length in
            yaml_scalar_event_initialize(&e, nil, nil, bytes, Int32(length), 1, 1, Self.cStyle(style))
        }
        guard ok != 0 else { throw failure("cannot create event") }
        guard yaml_emitter_emit(&emitter, &e) != 0 else {
            throw failure(emitter.problem.map { String(cString: $0) } ?? "unknown problem generating YAML content")
        }
    }

    /// The bytes written so far as text, without a final `\n` (as `String.dropLast` after `hasSuffix("\n")`:
    /// a final `\r\n` is one character and stays).
    public var outputWithoutFinalNewline: String {
        let bytes = sink.bytes
        if bytes.last == UInt8(ascii: "\n") && (bytes.count < 2 || bytes[bytes.count - 2] != UInt8(ascii: "\r")) {
            return sink.bytes.withUnsafeBufferPointer { String(decoding: $0.dropLast(), as: UTF8.self) }
        }
        return output
    }

    /// Emits a sequence of events.
    public func emit(_ events: [YAMLEvent]) throws(YAMLError) {
        for e in events { try emit(e) }
    }

    private func failure(_ problem: String) -> YAMLError {
        YAMLError(kind: .emitter, problem: problem, location: SourceLocation(file: "", line: 0, column: 0, offset: 0))
    }

    /// Calls `body` with the UTF-8 bytes of `s` and their count. libyaml copies them, and requires a non-null
    /// pointer even for an empty scalar.
    private static func withBytes<R>(_ s: String, _ body: (UnsafeMutablePointer<yaml_char_t>, Int) -> R) -> R {
        var s = s
        return s.withUTF8 { utf8 in
            if let base = utf8.baseAddress { return body(UnsafeMutablePointer(mutating: base), utf8.count) }
            var zero: yaml_char_t = 0
            return body(&zero, 0)
        }
    }

    private static func withCString<R>(_ s: String?, _ body: (UnsafeMutablePointer<yaml_char_t>?) -> R) -> R {
        guard let s else { return body(nil) }
        var bytes = Array(s.utf8)
        bytes.append(0)
        return bytes.withUnsafeMutableBufferPointer { body($0.baseAddress) }
    }

    private static func cStyle(_ s: YAMLScalarStyle) -> yaml_scalar_style_t {
        switch s {
        case .any: return YAML_ANY_SCALAR_STYLE
        case .plain: return YAML_PLAIN_SCALAR_STYLE
        case .singleQuoted: return YAML_SINGLE_QUOTED_SCALAR_STYLE
        case .doubleQuoted: return YAML_DOUBLE_QUOTED_SCALAR_STYLE
        case .literal: return YAML_LITERAL_SCALAR_STYLE
        case .folded: return YAML_FOLDED_SCALAR_STYLE
        }
    }
}
