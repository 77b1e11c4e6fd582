/// Where raw events come from: libyaml's parser (`YAMLParser`) or the plain-subset scanner (`PlainYAMLEvents`).
///
/// Both give the same events for a text the scanner reads; readers are written once, generic over the source.
public protocol YAMLRawEventSource {
    /// The next event, or nil after the stream end (or when the input does not parse). The event's buffers stay
    /// valid until the next call.
    mutating func nextRawEvent() -> YAMLRawEvent?
}

extension YAMLParser: YAMLRawEventSource {}

/// The events of a text in the plain subset of YAML, scanned without libyaml (see `PlainYAMLScanner`).
///
/// Scalar values point into the input text or into the scanner's buffer of unescaped values; both stay valid for
/// the duration of `read`.
public struct PlainYAMLEvents: YAMLRawEventSource {
    private let events: [PlainYAMLScanner.Event]
    private let input: UnsafeBufferPointer<UInt8>
    private let unescaped: UnsafeBufferPointer<UInt8>
    private var index = 0

    /// Runs `body` over the events of `text` when the text is in the scanner's subset, and gives its result; nil
    /// only when the text is not in the subset (the caller then reads the text with `YAMLParser`). When the scanner
    /// reads a text, libyaml gives the same events, so a reader that gives up on these would give up on libyaml's.
    public static func read<R>(_ text: String, _ body: (inout PlainYAMLEvents) -> R) -> R? {
        var text = text
        return text.withUTF8 { input -> R? in
            guard let scanned = PlainYAMLScanner.scan(input) else { return nil }
            return scanned.unescaped.withUnsafeBufferPointer { unescaped -> R? in
                var events = PlainYAMLEvents(events: scanned.events, input: input, unescaped: unescaped)
                return body(&events)
            }
        }
    }

    private init(
        events: [PlainYAMLScanner.Event], input: UnsafeBufferPointer<UInt8>, unescaped: UnsafeBufferPointer<UInt8>
    ) {
        self.events = events
        self.input = input
        self.unescaped = unescaped
    }

    public mutating func nextRawEvent() -> YAMLRawEvent? {
        guard index < events.count else { return nil }
        let event = events[index]
        index += 1
        if event.kind == .sequenceStart || event.kind == .mappingStart {
            return YAMLRawEvent(
                kind: event.kind, value: UnsafeBufferPointer(start: nil, count: 0), tag: nil, hasAnchor: false,
                style: .any, isFlow: event.isFlow, entryCount: event.count)
        }
        let base = event.isUnescaped ? unescaped : input
        let value =
            event.count == 0
            ? UnsafeBufferPointer<UInt8>(start: nil, count: 0)
            : UnsafeBufferPointer(rebasing: base[event.start..<(event.start + event.count)])
        return YAMLRawEvent(
            kind: event.kind, value: value, tag: nil, hasAnchor: false, style: event.style, isFlow: event.isFlow)
    }
}
