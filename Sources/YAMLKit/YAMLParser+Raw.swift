internal import CYAML

/// A libyaml event read in place: its kind, style and scalar bytes, without copying anything into Swift strings.
///
/// The buffers point into the parser's current event and stay valid only until the parser reads its next event
/// (or is released). Readers that need text keep a `String` made from them; everything else is just looked at.
/// There are no source locations: a reader that wants to report a position reads the input again with
/// `nextEvent`.
public struct YAMLRawEvent {
    /// What kind of event this is.
    public enum Kind: Sendable, Equatable {
        case streamStart, streamEnd, documentStart, documentEnd, alias, scalar
        case sequenceStart, sequenceEnd, mappingStart, mappingEnd
    }

    /// The event kind.
    public var kind: Kind
    /// A scalar's text after unescaping and folding (empty for other events).
    public var value: UnsafeBufferPointer<UInt8>
    /// The explicit tag of a scalar or collection, if any (`tag:yaml.org,2002:str`, `!`).
    public var tag: UnsafeBufferPointer<UInt8>?
    /// Whether the node defines an anchor (aliases are `kind == .alias`).
    public var hasAnchor: Bool
    /// A scalar's presentation style (`.any` for other events).
    public var style: YAMLScalarStyle
    /// Whether a collection is written in flow style (`[…]`, `{…}`).
    public var isFlow: Bool
    /// The number of entries (items, or key-value pairs) of a collection when the source knows it before reading
    /// them (the plain scanner does, libyaml does not: then 0). Only a capacity hint.
    public var entryCount = 0

    /// Whether the scalar is plain and untagged, so that resolution rules decide its type.
    public var isPlainImplicit: Bool { style == .plain && tag == nil }

    /// Whether the node carries no tag and no anchor.
    public var isBare: Bool { tag == nil && !hasAnchor }

    /// The scalar text as a Swift string.
    public var string: String { String(decoding: value, as: UTF8.self) }

    /// Whether the scalar text is exactly `text` (ASCII comparison on bytes).
    public func valueEquals(_ text: StaticString) -> Bool {
        text.withUTF8Buffer { expected in
            expected.count == value.count && (expected.isEmpty || bytesEqual(expected, value))
        }
    }
}

private func bytesEqual(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
    for i in 0..<a.count where a[i] != b[i] { return false }
    return true
}

extension YAMLParser {
    /// The next event viewed in place, or nil when the stream has ended or the input does not parse.
    ///
    /// After a nil the parser is spent; a caller that wants the error (with its location) parses the input again
    /// with a new parser and `nextEvent`/`nextDocument`. The returned buffers are valid until the next call.
    public func nextRawEvent() -> YAMLRawEvent? {
        releaseRawEvent()
        if finished { return nil }
        guard yaml_parser_parse(&parser, &rawEvent) != 0 else {
            finished = true
            return nil
        }
        holdsRawEvent = true
        if goYAMLProblem(rawEvent) != nil {
            // Text go-yaml rejects: the caller parses again with `nextEvent` for the error.
            finished = true
            return nil
        }
        let empty = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
        var raw = YAMLRawEvent(kind: .streamEnd, value: empty, tag: nil, hasAnchor: false, style: .any, isFlow: false)
        switch rawEvent.type {
        case YAML_STREAM_START_EVENT: raw.kind = .streamStart
        case YAML_STREAM_END_EVENT:
            raw.kind = .streamEnd
            finished = true
        case YAML_DOCUMENT_START_EVENT: raw.kind = .documentStart
        case YAML_DOCUMENT_END_EVENT: raw.kind = .documentEnd
        case YAML_ALIAS_EVENT: raw.kind = .alias
        case YAML_SCALAR_EVENT:
            let s = rawEvent.data.scalar
            raw.kind = .scalar
            if let p = s.value { raw.value = UnsafeBufferPointer(start: p, count: s.length) }
            raw.tag = Self.bytes(s.tag)
            raw.hasAnchor = s.anchor != nil
            raw.style = Self.style(s.style)
        case YAML_SEQUENCE_START_EVENT:
            let s = rawEvent.data.sequence_start
            raw.kind = .sequenceStart
            raw.tag = Self.bytes(s.tag)
            raw.hasAnchor = s.anchor != nil
            raw.isFlow = s.style == YAML_FLOW_SEQUENCE_STYLE
        case YAML_SEQUENCE_END_EVENT: raw.kind = .sequenceEnd
        case YAML_MAPPING_START_EVENT:
            let s = rawEvent.data.mapping_start
            raw.kind = .mappingStart
            raw.tag = Self.bytes(s.tag)
            raw.hasAnchor = s.anchor != nil
            raw.isFlow = s.style == YAML_FLOW_MAPPING_STYLE
        case YAML_MAPPING_END_EVENT: raw.kind = .mappingEnd
        default:
            // libyaml emits no other event types.
            finished = true
            return nil
        }
        return raw
    }

    private static func bytes(_ p: UnsafeMutablePointer<yaml_char_t>?) -> UnsafeBufferPointer<UInt8>? {
        guard let p else { return nil }
        var count = 0
        while p[count] != 0 { count += 1 }
        return UnsafeBufferPointer(start: p, count: count)
    }
}
