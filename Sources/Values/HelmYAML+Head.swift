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
    public static func manifestHead(_ text: String) -> ValueMap? {
        var reader = ManifestHeadReader(parser: YAMLParser(text))
        return reader.read()
    }
}

/// One pass over the events of a document's first mapping. Every `nil` means "not plain: use the full parser".
private struct ManifestHeadReader {
    let parser: YAMLParser

    mutating func next() -> YAMLEvent? {
        guard let marked = try? parser.nextEvent() else { return nil }
        return marked.event
    }

    mutating func read() -> ValueMap? {
        guard case .streamStart? = next(), case .documentStart? = next() else { return nil }
        guard case .mappingStart(let start)? = next(), Self.isPlain(start) else { return nil }
        let head = ValueMap()
        while true {
            guard let event = next() else { return nil }
            if case .mappingEnd = event { break }
            guard let key = Self.key(event), let valueEvent = next() else { return nil }
            // A repeated key replaces the earlier value, as Go's map assignment does.
            switch key {
            case "apiVersion", "kind":
                guard let value = string(valueEvent) else { return nil }
                head[key] = .string(value)
            case "metadata":
                guard case .mappingStart(let m) = valueEvent, Self.isPlain(m), let metadata = readMetadata() else {
                    return nil
                }
                head[key] = .map(metadata)
            default:
                guard skip(valueEvent) else { return nil }
            }
        }
        guard case .documentEnd? = next() else { return nil }
        return head
    }

    /// The rest of the `metadata` mapping: `name` and `annotations` kept, the rest checked and skipped.
    mutating func readMetadata() -> ValueMap? {
        let metadata = ValueMap()
        while true {
            guard let event = next() else { return nil }
            if case .mappingEnd = event { return metadata }
            guard let key = Self.key(event), let valueEvent = next() else { return nil }
            switch key {
            case "name":
                guard let value = string(valueEvent) else { return nil }
                metadata[key] = .string(value)
            case "annotations":
                guard case .mappingStart(let a) = valueEvent, Self.isPlain(a), let annotations = readStrings() else {
                    return nil
                }
                metadata[key] = .map(annotations)
            default:
                guard skip(valueEvent) else { return nil }
            }
        }
    }

    /// A mapping of plain string keys to string values (the rest of it, after its start event).
    mutating func readStrings() -> ValueMap? {
        let map = ValueMap()
        while true {
            guard let event = next() else { return nil }
            if case .mappingEnd = event { return map }
            guard let key = Self.key(event), let valueEvent = next(), let value = string(valueEvent) else {
                return nil
            }
            map[key] = .string(value)
        }
    }

    /// The text of a scalar that decodes to a string (quoted, block, or plain resolving to a string).
    func string(_ event: YAMLEvent) -> String? {
        guard case .scalar(let s) = event, s.tag == nil, s.anchor == nil else { return nil }
        if s.style == .plain {
            guard case .string = GoYAMLResolve.resolve(s.value) else { return nil }
        }
        return s.value
    }

    /// A mapping key that decodes to a string by itself (no merge key, no number, bool or null).
    static func key(_ event: YAMLEvent) -> String? {
        guard case .scalar(let s) = event, s.tag == nil, s.anchor == nil else { return nil }
        if s.style == .plain {
            if s.value == "<<" { return nil }
            guard case .string = GoYAMLResolve.resolve(s.value) else { return nil }
        }
        return s.value
    }

    /// Consumes the node that starts with `event`, checking that the full decoder would accept it.
    mutating func skip(_ event: YAMLEvent) -> Bool {
        switch event {
        case .scalar(let s):
            guard s.tag == nil, s.anchor == nil else { return false }
            // Only `.inf`/`.nan` spellings decode to floats JSON cannot hold.
            if s.style == .plain, let first = s.value.utf8.first,
                first == UInt8(ascii: ".") || first == UInt8(ascii: "+") || first == UInt8(ascii: "-"),
                case .float(let f) = GoYAMLResolve.resolve(s.value), !f.isFinite
            {
                return false
            }
            return true
        case .sequenceStart(let start):
            guard Self.isPlain(start) else { return false }
            while true {
                guard let item = next() else { return false }
                if case .sequenceEnd = item { return true }
                guard skip(item) else { return false }
            }
        case .mappingStart(let start):
            guard Self.isPlain(start) else { return false }
            while true {
                guard let keyEvent = next() else { return false }
                if case .mappingEnd = keyEvent { return true }
                guard Self.key(keyEvent) != nil, let value = next(), skip(value) else { return false }
            }
        default:
            return false  // aliases
        }
    }

    static func isPlain(_ start: YAMLCollectionStart) -> Bool { start.tag == nil && start.anchor == nil }
}
