/// A composed YAML node: scalar, sequence or mapping, with its tag, anchor, style and source location.
///
/// Aliases are resolved during composition (the alias node is a copy of the anchored node, marked with
/// `isAlias` and located at the alias). Mappings keep source order and duplicate keys; the layer above decides
/// what to do with them.
public struct YAMLNode: Sendable {
    /// The shape of a node.
    public enum Content: Sendable {
        /// A scalar's text.
        case scalar(String)
        /// A sequence's items.
        case sequence([YAMLNode])
        /// A mapping's entries in source order (duplicates kept).
        case mapping([YAMLPair])
    }

    /// The node's content.
    public var content: Content
    /// The explicit tag as libyaml reports it (`tag:yaml.org,2002:str`, `!foo`, `!`), or nil.
    public var tag: String?
    /// The anchor defined on this node, if any.
    public var anchor: String?
    /// The scalar style (`.any` for collections).
    public var style: YAMLScalarStyle
    /// The collection style (`.any` for scalars).
    public var collectionStyle: YAMLCollectionStyle
    /// Whether this node was reached through an alias (`*name`).
    public var isAlias: Bool
    /// Where the node starts (for an alias: where the alias is written).
    public var location: SourceLocation

    /// Creates a node.
    public init(
        content: Content, tag: String? = nil, anchor: String? = nil, style: YAMLScalarStyle = .any,
        collectionStyle: YAMLCollectionStyle = .any, isAlias: Bool = false, location: SourceLocation
    ) {
        self.content = content
        self.tag = tag
        self.anchor = anchor
        self.style = style
        self.collectionStyle = collectionStyle
        self.isAlias = isAlias
        self.location = location
    }

    /// The scalar text, if this is a scalar.
    public var scalar: String? {
        if case .scalar(let s) = content { return s }
        return nil
    }

    /// Whether the scalar is plain and untagged, so that its type is decided by resolution rules.
    public var isPlainImplicit: Bool { style == .plain && tag == nil }
}

/// One key/value entry of a mapping node.
public struct YAMLPair: Sendable {
    /// The key node.
    public var key: YAMLNode
    /// The value node.
    public var value: YAMLNode

    /// Creates a pair.
    public init(key: YAMLNode, value: YAMLNode) {
        self.key = key
        self.value = value
    }
}

extension YAMLParser {
    /// Composes the next document of the stream, or returns nil at the end of the stream.
    ///
    /// An empty document (`---` alone) yields a plain empty scalar, as libyaml does.
    public func nextDocument() throws(YAMLError) -> YAMLNode? {
        var anchors = AnchorTable()
        while let marked = try nextEvent() {
            switch marked.event {
            case .streamStart, .documentEnd: continue
            case .streamEnd: return nil
            case .documentStart:
                guard let first = try nextEvent() else { return nil }
                let node = try compose(first, anchors: &anchors)
                // Consume the document end.
                _ = try nextEvent()
                return node
            default: continue
            }
        }
        return nil
    }

    /// Composes every document of the stream.
    public func allDocuments() throws(YAMLError) -> [YAMLNode] {
        var docs: [YAMLNode] = []
        while let d = try nextDocument() { docs.append(d) }
        return docs
    }

    private func compose(_ marked: YAMLMarkedEvent, anchors: inout AnchorTable) throws(YAMLError) -> YAMLNode {
        switch marked.event {
        case .scalar(let s):
            let node = YAMLNode(
                content: .scalar(s.value), tag: s.tag, anchor: s.anchor, style: s.style, location: marked.start)
            if let a = s.anchor { anchors.defined[a] = node }
            return node
        case .alias(let name):
            if anchors.open.contains(name) {
                // Go: yaml.v2 decode.go `alias`.
                throw YAMLError(
                    kind: .composer, problem: "anchor '\(name)' value contains itself", location: marked.start)
            }
            guard var node = anchors.defined[name] else {
                // Go: yaml.v2 parser.alias
                throw YAMLError(
                    kind: .composer, problem: "unknown anchor '\(name)' referenced", location: marked.start)
            }
            node.isAlias = true
            node.location = marked.start
            return node
        case .sequenceStart(let start):
            anchors.open(start.anchor)
            defer { anchors.close(start.anchor) }
            var items: [YAMLNode] = []
            while true {
                guard let next = try nextEvent() else { break }
                if case .sequenceEnd = next.event { break }
                items.append(try compose(next, anchors: &anchors))
            }
            let node = YAMLNode(
                content: .sequence(items), tag: start.tag, anchor: start.anchor, collectionStyle: start.style,
                location: marked.start)
            if let a = start.anchor { anchors.defined[a] = node }
            return node
        case .mappingStart(let start):
            anchors.open(start.anchor)
            defer { anchors.close(start.anchor) }
            var pairs: [YAMLPair] = []
            while true {
                guard let next = try nextEvent() else { break }
                if case .mappingEnd = next.event { break }
                let key = try compose(next, anchors: &anchors)
                guard let valueEvent = try nextEvent() else { break }
                let value = try compose(valueEvent, anchors: &anchors)
                pairs.append(YAMLPair(key: key, value: value))
            }
            let node = YAMLNode(
                content: .mapping(pairs), tag: start.tag, anchor: start.anchor, collectionStyle: start.style,
                location: marked.start)
            if let a = start.anchor { anchors.defined[a] = node }
            return node
        default:
            return YAMLNode(content: .scalar(""), style: .plain, location: marked.start)
        }
    }
}

/// Anchors seen so far in a document, and those whose node is still being composed.
struct AnchorTable {
    var defined: [String: YAMLNode] = [:]
    var open: [String] = []

    mutating func open(_ anchor: String?) {
        if let anchor { open.append(anchor) }
    }

    mutating func close(_ anchor: String?) {
        if anchor != nil { open.removeLast() }
    }
}
