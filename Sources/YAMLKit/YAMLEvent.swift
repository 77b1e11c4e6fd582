/// How a scalar is written in the source, or how the emitter should write it.
public enum YAMLScalarStyle: Sendable, Equatable {
    /// Let the emitter choose (emitter only).
    case any
    /// Unquoted text.
    case plain
    /// `'text'`.
    case singleQuoted
    /// `"text"` with escapes.
    case doubleQuoted
    /// `|` block.
    case literal
    /// `>` block.
    case folded
}

/// How a collection is written: indented block or `[…]`/`{…}` flow.
public enum YAMLCollectionStyle: Sendable, Equatable {
    /// Let the emitter choose (emitter only).
    case any
    /// Indented lines (`- x`, `k: v`).
    case block
    /// `[a, b]` / `{k: v}`.
    case flow
}

/// The properties of a scalar event.
public struct YAMLScalarEvent: Sendable, Equatable {
    /// The scalar's text after unescaping and folding.
    public var value: String
    /// The explicit tag (`tag:yaml.org,2002:str`, `!foo`), if any.
    public var tag: String?
    /// The anchor name, if any.
    public var anchor: String?
    /// The presentation style.
    public var style: YAMLScalarStyle
    /// Whether the tag may be omitted when written plain (parser: plain and untagged).
    public var plainImplicit: Bool
    /// Whether the tag may be omitted when written quoted.
    public var quotedImplicit: Bool

    /// Creates a scalar event; untagged scalars are implicit in both styles.
    public init(
        value: String, tag: String? = nil, anchor: String? = nil, style: YAMLScalarStyle = .any,
        plainImplicit: Bool? = nil, quotedImplicit: Bool? = nil
    ) {
        self.value = value
        self.tag = tag
        self.anchor = anchor
        self.style = style
        self.plainImplicit = plainImplicit ?? (tag == nil)
        self.quotedImplicit = quotedImplicit ?? (tag == nil)
    }
}

/// The start of a sequence or mapping.
public struct YAMLCollectionStart: Sendable, Equatable {
    /// The explicit tag, if any.
    public var tag: String?
    /// The anchor name, if any.
    public var anchor: String?
    /// Whether the tag may be omitted.
    public var implicit: Bool
    /// Block or flow.
    public var style: YAMLCollectionStyle

    /// Creates collection start properties.
    public init(tag: String? = nil, anchor: String? = nil, implicit: Bool? = nil, style: YAMLCollectionStyle = .block) {
        self.tag = tag
        self.anchor = anchor
        self.implicit = implicit ?? (tag == nil)
        self.style = style
    }
}

/// One libyaml event, as produced by `YAMLParser` and consumed by `YAMLEmitter`.
public enum YAMLEvent: Sendable, Equatable {
    /// The start of the stream.
    case streamStart
    /// The end of the stream.
    case streamEnd
    /// `implicit` is false when the document starts with an explicit `---`.
    case documentStart(implicit: Bool)
    /// `implicit` is false when the document ends with an explicit `...`.
    case documentEnd(implicit: Bool)
    /// `*name`.
    case alias(anchor: String)
    /// A scalar.
    case scalar(YAMLScalarEvent)
    /// The start of a sequence.
    case sequenceStart(YAMLCollectionStart)
    /// The end of a sequence.
    case sequenceEnd
    /// The start of a mapping; keys and values alternate until `mappingEnd`.
    case mappingStart(YAMLCollectionStart)
    /// The end of a mapping.
    case mappingEnd
}

/// An event with the source range it was parsed from.
public struct YAMLMarkedEvent: Sendable {
    /// The event.
    public var event: YAMLEvent
    /// Where the event starts.
    public var start: SourceLocation
    /// Where the event ends.
    public var end: SourceLocation
}
