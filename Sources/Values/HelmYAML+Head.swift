import YAMLKit

extension HelmYAML {
    /// The fields Helm's manifest sorter reads from a rendered document (`apiVersion`, `kind`, `metadata.name`,
    /// `metadata.annotations`), read straight from the parser's events without building the whole value tree.
    ///
    /// Returns a map holding only those fields, exactly as `parseAny` would give them, or nil when the document
    /// is not in the plain shape this reader handles; the caller then parses the document fully, which also
    /// reports any error. The reader still consumes every event of the first document, so a document that does
    /// not parse, or that `parseAny` would reject (tags, anchors and aliases, merge keys, keys that are not plain
    /// strings, infinite or NaN floats), always takes the full path.
    ///
    /// The events come from the plain-subset scanner when it reads the text, else from libyaml (the same events,
    /// so a text the scanner reads is not read again when the head reader gives up on it).
    public static func manifestHead(_ text: String) -> ValueMap? {
        let scanned = PlainYAMLEvents.read(text) { events -> ValueMap? in
            var reader = ManifestHeadReader(source: events)
            return reader.read()
        }
        if let scanned { return scanned }
        return manifestHeadWithLibyaml(text)
    }

    /// `manifestHead` on libyaml's events only (the exact counterpart of the scanner path, for tests).
    static func manifestHeadWithLibyaml(_ text: String) -> ValueMap? {
        var reader = ManifestHeadReader(source: YAMLParser(text))
        return reader.read()
    }
}

/// One pass over the events of a document's first mapping. Every `nil` means "not plain: use the full parser".
///
/// Events are looked at in place (`YAMLRawEvent`): only the scalars kept in the result become Swift strings.
struct ManifestHeadReader<Source: YAMLRawEventSource> {
    var source: Source

    /// The keys whose values the head keeps.
    enum Field {
        case apiVersion, kind, metadata, name, annotations, other
    }

    mutating func next() -> YAMLRawEvent? { source.nextRawEvent() }

    mutating func read() -> ValueMap? {
        guard next()?.kind == .streamStart, next()?.kind == .documentStart else { return nil }
        guard let start = next(), start.kind == .mappingStart, start.isBare else { return nil }
        // A repeated key replaces the earlier value, as Go's map assignment does.
        var apiVersion: Value?
        var kind: Value?
        var metadata: Value?
        while true {
            guard let event = next() else { return nil }
            if event.kind == .mappingEnd { break }
            guard Self.isStringKey(event) else { return nil }
            let field = Self.field(event, inMetadata: false)
            guard let valueEvent = next() else { return nil }
            switch field {
            case .apiVersion, .kind:
                guard let value = string(valueEvent) else { return nil }
                if field == .kind { kind = .string(value) } else { apiVersion = .string(value) }
            case .metadata:
                guard valueEvent.kind == .mappingStart, valueEvent.isBare, let fields = readMetadata() else {
                    return nil
                }
                metadata = .map(fields)
            default:
                guard skip(valueEvent) else { return nil }
            }
        }
        guard next()?.kind == .documentEnd else { return nil }
        return Self.map([("apiVersion", apiVersion), ("kind", kind), ("metadata", metadata)])
    }

    /// The map of the fields that are set, given in key order.
    static func map(_ fields: [(key: String, value: Value?)]) -> ValueMap {
        var keys: [String] = []
        var values: [Value] = []
        for (key, value) in fields {
            guard let value else { continue }
            keys.append(key)
            values.append(value)
        }
        return ValueMap(sortedKeys: keys, values: values)
    }

    /// The rest of the `metadata` mapping: `name` and `annotations` kept, the rest checked and skipped.
    mutating func readMetadata() -> ValueMap? {
        var name: Value?
        var annotations: Value?
        while true {
            guard let event = next() else { return nil }
            if event.kind == .mappingEnd { return Self.map([("annotations", annotations), ("name", name)]) }
            guard Self.isStringKey(event) else { return nil }
            let field = Self.field(event, inMetadata: true)
            guard let valueEvent = next() else { return nil }
            switch field {
            case .name:
                guard let value = string(valueEvent) else { return nil }
                name = .string(value)
            case .annotations:
                guard valueEvent.kind == .mappingStart, valueEvent.isBare, let strings = readStrings() else {
                    return nil
                }
                annotations = .map(strings)
            default:
                guard skip(valueEvent) else { return nil }
            }
        }
    }

    /// A mapping of plain string keys to string values (the rest of it, after its start event).
    mutating func readStrings() -> ValueMap? {
        var keys: [String] = []
        var values: [Value] = []
        while true {
            guard let event = next() else { return nil }
            if event.kind == .mappingEnd { return ValueMap(assigning: keys, values) }
            guard Self.isStringKey(event) else { return nil }
            let key = event.string
            guard let valueEvent = next(), let value = string(valueEvent) else { return nil }
            keys.append(key)
            values.append(.string(value))
        }
    }

    /// The text of a scalar that decodes to a string (quoted, block, or plain resolving to a string).
    func string(_ event: YAMLRawEvent) -> String? {
        guard event.kind == .scalar, event.isBare else { return nil }
        if event.style == .plain {
            guard GoYAMLResolve.resolvesToString(bytes: event.value) else { return nil }
        }
        return event.string
    }

    /// Whether a key event is a mapping key that decodes to a string by itself (no merge key, no number, bool or
    /// null).
    static func isStringKey(_ event: YAMLRawEvent) -> Bool {
        guard event.kind == .scalar, event.isBare else { return false }
        if event.style == .plain {
            if event.valueEquals("<<") { return false }
            return GoYAMLResolve.resolvesToString(bytes: event.value)
        }
        return true
    }

    /// Which kept field a key event names.
    static func field(_ event: YAMLRawEvent, inMetadata: Bool) -> Field {
        if inMetadata {
            if event.valueEquals("name") { return .name }
            if event.valueEquals("annotations") { return .annotations }
        } else {
            if event.valueEquals("apiVersion") { return .apiVersion }
            if event.valueEquals("kind") { return .kind }
            if event.valueEquals("metadata") { return .metadata }
        }
        return .other
    }

    /// Consumes the node that starts with `event`, checking that the full decoder would accept it.
    mutating func skip(_ event: YAMLRawEvent) -> Bool {
        switch event.kind {
        case .scalar:
            guard event.isBare else { return false }
            // Only `.inf`/`.nan` spellings decode to floats JSON cannot hold.
            if event.style == .plain, let first = event.value.first,
                first == UInt8(ascii: ".") || first == UInt8(ascii: "+") || first == UInt8(ascii: "-"),
                case .float(let f) = GoYAMLResolve.resolve(event.string), !f.isFinite
            {
                return false
            }
            return true
        case .sequenceStart:
            guard event.isBare else { return false }
            while true {
                guard let item = next() else { return false }
                if item.kind == .sequenceEnd { return true }
                guard skip(item) else { return false }
            }
        case .mappingStart:
            guard event.isBare else { return false }
            while true {
                guard let keyEvent = next() else { return false }
                if keyEvent.kind == .mappingEnd { return true }
                guard Self.isStringKey(keyEvent), let value = next(), skip(value) else { return false }
            }
        default:
            return false  // aliases
        }
    }
}
