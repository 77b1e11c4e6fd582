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

    /// Builds the node that starts with `marked`, reading events up to its end.
    ///
    /// Iterative, with an explicit stack of open collections, so deeply nested input cannot exhaust the call
    /// stack. Nesting deeper than go-yaml's limit fails as it does (`exceeded max depth of 10000`).
    private func compose(_ marked: YAMLMarkedEvent, anchors: inout AnchorTable) throws(YAMLError) -> YAMLNode {
        var stack: [OpenCollection] = []
        var flowDepth = 0
        var blockDepth = 0
        var event = marked
        while true {
            var finished: YAMLNode
            switch event.event {
            case .scalar(let s):
                finished = YAMLNode(
                    content: .scalar(s.value), tag: s.tag, anchor: s.anchor, style: s.style, location: event.start)
                if let a = s.anchor { anchors.defined[a] = finished }
            case .alias(let name):
                if anchors.open.contains(name) {
                    // Go: yaml.v2 decode.go `alias`.
                    throw YAMLError(
                        kind: .composer, problem: "anchor '\(name)' value contains itself", location: event.start)
                }
                guard var node = anchors.defined[name] else {
                    // Go: yaml.v2 parser.alias
                    throw YAMLError(
                        kind: .composer, problem: "unknown anchor '\(name)' referenced", location: event.start)
                }
                node.isAlias = true
                node.location = event.start
                finished = node
            case .sequenceStart(let start), .mappingStart(let start):
                // Go: yaml.v2 scannerc.go max_flow_level / max_indents count flow and block nesting separately.
                let flow = start.style == .flow
                if (flow ? flowDepth : blockDepth) >= Self.maxDepth {
                    throw YAMLError(
                        kind: .scanner, problem: "exceeded max depth of \(Self.maxDepth)", location: event.start)
                }
                if flow { flowDepth += 1 } else { blockDepth += 1 }
                var isMapping = false
                if case .mappingStart = event.event { isMapping = true }
                anchors.open(start.anchor)
                stack.append(OpenCollection(start: start, isMapping: isMapping, location: event.start))
                guard let next = try nextEvent() else { return try closeAll(&stack, &anchors) }
                event = next
                continue
            case .sequenceEnd, .mappingEnd:
                guard let open = stack.popLast() else {
                    return YAMLNode(content: .scalar(""), style: .plain, location: event.start)
                }
                finished = open.node()
                if open.start.style == .flow { flowDepth -= 1 } else { blockDepth -= 1 }
                anchors.close(open.start.anchor)
                if let a = open.start.anchor { anchors.defined[a] = finished }
            default:
                finished = YAMLNode(content: .scalar(""), style: .plain, location: event.start)
            }
            guard !stack.isEmpty else { return finished }
            stack[stack.count - 1].add(finished)
            guard let next = try nextEvent() else { return try closeAll(&stack, &anchors) }
            event = next
        }
    }

    /// go-yaml's nesting limit.
    static let maxDepth = 10000

    /// Closes collections left open by a truncated event stream (libyaml reports an error before this happens).
    private func closeAll(_ stack: inout [OpenCollection], _ anchors: inout AnchorTable) throws(YAMLError) -> YAMLNode {
        var node = YAMLNode(content: .scalar(""), style: .plain, location: SourceLocation(file: file, line: 1, column: 1, offset: 0))
        while let open = stack.popLast() {
            anchors.close(open.start.anchor)
            node = open.node()
            if !stack.isEmpty { stack[stack.count - 1].add(node) }
        }
        return node
    }
}

/// A sequence or mapping whose end event has not been read yet.
private struct OpenCollection {
    let start: YAMLCollectionStart
    let isMapping: Bool
    let location: SourceLocation
    var items: [YAMLNode] = []
    var pairs: [YAMLPair] = []
    var pendingKey: YAMLNode?

    mutating func add(_ node: YAMLNode) {
        guard isMapping else {
            items.append(node)
            return
        }
        if let key = pendingKey {
            pairs.append(YAMLPair(key: key, value: node))
            pendingKey = nil
        } else {
            pendingKey = node
        }
    }

    func node() -> YAMLNode {
        YAMLNode(
            content: isMapping ? .mapping(pairs) : .sequence(items), tag: start.tag, anchor: start.anchor,
            collectionStyle: start.style, location: location)
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
