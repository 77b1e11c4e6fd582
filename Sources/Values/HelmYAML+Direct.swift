import YAMLKit

/// The one-pass reader's entry points.
enum DirectValue {
    /// The first document of `text` as `HelmYAMLDecoder` would convert it for `target` (`.null` for an empty
    /// stream), or nil when the exact reader must decide. Reads the scanner's events when it takes the text (a
    /// reader that gives up on them would give up on libyaml's, which are the same), else libyaml's.
    static func firstDocument(_ text: String, target: GoJSONTarget) -> Value? {
        let scanned = PlainYAMLEvents.read(text) { events -> Value? in
            var reader = DirectValueReader(events)
            return reader.firstDocument(target: target)
        }
        if let scanned { return scanned }
        return firstDocumentWithLibyaml(text, target: target)
    }

    /// `firstDocument` on libyaml's events only (the exact counterpart of the scanner path, for tests).
    static func firstDocumentWithLibyaml(_ text: String, target: GoJSONTarget) -> Value? {
        var reader = DirectValueReader(YAMLParser(text))
        return reader.firstDocument(target: target)
    }
}

/// One pass from libyaml's events to the final `Value`, for documents in the plain shape that nearly every values
/// file and `Chart.yaml` has.
///
/// The exact reader (`YAMLParser.nextDocument`, then `HelmYAMLDecoder`) builds a node tree with source locations,
/// then go-yaml's intermediate values, then the JSON round trip. For input without anchors, aliases, tags (other
/// than the non-specific `!`), merge keys, collection keys, keys that are null or above `Int64.max`, non-ASCII
/// keys and floats JSON cannot hold, all three steps reduce to what this reader does directly. Whenever it meets
/// anything else, or the input does not parse, it gives up (returns nil) and the caller runs the exact reader,
/// which then gives the same value or reports the error with its location.
///
/// The events come from the plain-subset scanner when it reads the text, else from libyaml; both give the same
/// events, so the reader gives the same value either way.
struct DirectValueReader<Source: YAMLRawEventSource> {
    private var source: Source
    private var depth = 0

    /// Nesting deeper than this goes to the exact reader (which also enforces go-yaml's depth limit).
    private static var maxDepth: Int { 256 }

    init(_ source: Source) { self.source = source }

    /// The first document as `HelmYAMLDecoder` would convert it for `target` (`.null` for an empty stream), or nil
    /// when the exact reader must decide.
    mutating func firstDocument(target: GoJSONTarget) -> Value? {
        guard let start = source.nextRawEvent(), start.kind == .streamStart, let document = source.nextRawEvent()
        else { return nil }
        switch document.kind {
        case .streamEnd: return .null
        case .documentStart: break
        default: return nil
        }
        guard let first = source.nextRawEvent(), let value = node(first, target: target) else { return nil }
        // The exact reader reads the document end too, so an error there must send us to it as well.
        guard let end = source.nextRawEvent(), end.kind == .documentEnd else { return nil }
        return value
    }

    /// The value of the node that starts with `event`, reading events up to its end.
    private mutating func node(_ event: YAMLRawEvent, target: GoJSONTarget) -> Value? {
        switch event.kind {
        case .scalar:
            guard let scalar = Self.scalar(event) else { return nil }
            return HelmYAMLDecoder.jsonValue(scalar, target: target)
        case .sequenceStart:
            guard event.isBare, depth < Self.maxDepth else { return nil }
            depth += 1
            defer { depth -= 1 }
            let element = target.element
            var items: [Value] = []
            items.reserveCapacity(event.entryCount)
            while true {
                guard let item = source.nextRawEvent() else { return nil }
                if item.kind == .sequenceEnd { break }
                guard let value = node(item, target: element) else { return nil }
                items.append(value)
            }
            return .list(items)
        case .mappingStart:
            guard event.isBare, depth < Self.maxDepth else { return nil }
            depth += 1
            defer { depth -= 1 }
            return mapping(target: target, entryCount: event.entryCount).map { .map($0) }
        default:
            return nil  // aliases
        }
    }

    /// The rest of a mapping after its start event.
    private mutating func mapping(target: GoJSONTarget, entryCount: Int) -> ValueMap? {
        var keys: [String] = []
        var values: [Value] = []
        keys.reserveCapacity(entryCount)
        values.reserveCapacity(entryCount)
        while true {
            guard let keyEvent = source.nextRawEvent() else { return nil }
            if keyEvent.kind == .mappingEnd { break }
            guard let key = Self.key(keyEvent), let valueEvent = source.nextRawEvent(),
                let value = node(valueEvent, target: target.member(key))
            else { return nil }
            keys.append(key)
            values.append(value)
        }
        // Go map assignment: a repeated key keeps the value written last (keys here are ASCII, see `key`).
        return ValueMap(assigning: keys, values)
    }

    /// go-yaml's value of a scalar event without tag (or with the non-specific `!`) and anchor.
    /// Go: yaml.v2 decode.go `scalar`: quoted, block and `!` scalars are strings; plain ones are resolved.
    private static func scalar(_ event: YAMLRawEvent) -> GoYAMLScalar? {
        guard !event.hasAnchor else { return nil }
        if let tag = event.tag {
            guard tag.count == 1, tag[0] == UInt8(ascii: "!") else { return nil }
            return .string(event.string)
        }
        if event.style == .plain { return GoYAMLResolve.resolve(bytes: event.value) }
        return .string(event.string)
    }

    /// The JSON key of a mapping key event, as `HelmYAMLDecoder.keyString` gives it, or nil when the exact reader
    /// must handle the key (merge keys, collections, null and uint keys, non-ASCII text).
    private static func key(_ event: YAMLRawEvent) -> String? {
        guard event.kind == .scalar, event.tag == nil, !event.hasAnchor else { return nil }
        // Swift compares strings by canonical equivalence, Go by bytes; ASCII keys agree on both.
        for b in event.value where b >= 0x80 { return nil }
        if event.style != .plain { return event.string }
        if event.valueEquals("<<") { return nil }
        switch GoYAMLResolve.resolve(bytes: event.value) {
        case .string(let s), .timestamp(let s): return s
        case .int(let i): return String(i)
        case .bool(let b): return b ? "true" : "false"
        case .float(let f): return GoSyntax.formatFloat32G(f)
        case .null, .uint: return nil
        }
    }
}
