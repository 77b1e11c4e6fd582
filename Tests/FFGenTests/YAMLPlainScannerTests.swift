import FFGenTestSupport
import Foundation
import Testing
@testable import Values
@testable import YAMLKit

/// Everything a raw event carries, copied out of the event's buffers.
private struct SeenEvent: Equatable, CustomStringConvertible {
    var kind: YAMLRawEvent.Kind
    var value: [UInt8]
    var tag: [UInt8]?
    var hasAnchor: Bool
    var style: YAMLScalarStyle
    var isFlow: Bool
    /// The source's hint, not compared (libyaml gives none).
    var entryCount: Int

    init(_ event: YAMLRawEvent) {
        kind = event.kind
        value = Array(event.value)
        tag = event.tag.map { Array($0) }
        hasAnchor = event.hasAnchor
        style = event.style
        isFlow = event.isFlow
        entryCount = event.entryCount
    }

    static func == (a: SeenEvent, b: SeenEvent) -> Bool {
        a.kind == b.kind && a.value == b.value && a.tag == b.tag && a.hasAnchor == b.hasAnchor && a.style == b.style
            && a.isFlow == b.isFlow
    }

    var description: String {
        "\(kind) \(style) flow=\(isFlow) \(String(decoding: value, as: UTF8.self).debugDescription)"
    }
}

/// libyaml's events for `text` (with go-yaml's extra checks), and whether the stream ended without an error.
private func libyamlEvents(_ text: String) -> (events: [SeenEvent], complete: Bool) {
    let parser = YAMLParser(text)
    var events: [SeenEvent] = []
    while let event = parser.nextRawEvent() {
        events.append(SeenEvent(event))
        if event.kind == .streamEnd { return (events, true) }
    }
    return (events, false)
}

/// The scanner's events for `text`, or nil when it leaves the text to libyaml.
private func scannerEvents(_ text: String) -> [SeenEvent]? {
    PlainYAMLEvents.read(text) { events -> [SeenEvent] in
        var seen: [SeenEvent] = []
        while let event = events.nextRawEvent() { seen.append(SeenEvent(event)) }
        return seen
    }
}

/// The scanner's promise: it leaves `text` to libyaml, or libyaml reads it without error to the same events.
/// Returns whether the scanner read the text.
@discardableResult
private func expectScannerAgrees(_ text: String, _ comment: @autoclosure () -> String = "") -> Bool {
    guard let fast = scannerEvents(text) else { return false }
    // Each collection start counts the entries that follow it.
    var open: [(index: Int, nodes: Int)] = []
    for (index, event) in fast.enumerated() {
        switch event.kind {
        case .sequenceStart, .mappingStart, .scalar:
            if !open.isEmpty { open[open.count - 1].nodes += 1 }
            if event.kind != .scalar { open.append((index, 0)) }
        case .sequenceEnd, .mappingEnd:
            guard let last = open.popLast() else { break }
            let entries = fast[last.index].kind == .mappingStart ? last.nodes / 2 : last.nodes
            #expect(fast[last.index].entryCount == entries, "\(text.debugDescription)")
        default: break
        }
    }
    let exact = libyamlEvents(text)
    if !exact.complete {
        Issue.record("scanner read a text libyaml rejects \(comment()): \(text.debugDescription)")
    } else if fast != exact.events {
        let firstDifference = zip(fast, exact.events).first { $0 != $1 }
        Issue.record(
            """
            scanner events differ \(comment()) at \(firstDifference.map { "\($0.0) vs \($0.1)" } ?? "the end"): \
            \(text.debugDescription)
            """)
    }
    return true
}

/// The corpus texts: the scanner agrees with libyaml on all of them and reads nearly all values files and
/// manifest documents (otherwise it would not save anything).
@Test func plainScannerMatchesLibyamlOnCorpus() {
    var read = 0
    for text in yamlTexts where expectScannerAgrees(text) { read += 1 }
    let parseable = { (texts: [String]) in texts.filter { libyamlEvents($0).complete } }
    let files = parseable(CorpusYAMLTexts.yamlFiles)
    let documents = parseable(CorpusYAMLTexts.documents)
    let filesRead = files.filter { scannerEvents($0) != nil }.count
    let documentsRead = documents.filter { scannerEvents($0) != nil }.count
    print("plain scanner: \(filesRead)/\(files.count) YAML files, \(documentsRead)/\(documents.count) documents")
    #expect(filesRead * 100 >= files.count * 95)
    #expect(documentsRead * 100 >= documents.count * 95)
    #expect(read > 0)
}

/// Rows for each rule of the subset, on both sides of its edges.
@Test(arguments: [
    // Streams and documents.
    "", "\n", "# only a comment\n", "---\n", "--- # c\n", "---\na: 1\n", "a: 1\n---\nb: 2\n", "a: 1\n...\n",
    "x", "x\n", "  x\n", "'x'", "\"x\"", "|\n  x\n", "[]", "{}", "a: 1", "a: 1\n\n\n", "# c\na: 1\n# d\n",
    "%YAML 1.1\n---\na: 1\n", "--- a\n", "---a: 1\n", "...a: 1\n",
    // Block mappings.
    "a: 1\nb: 2\n", "a:\n  b: 1\n  c: 2\nd: 3\n", "a:\nb:\n", "a:\n", "a: # c\n  b: 1\n", "a: b: c\n", "a:b\n",
    "a : 1\n", "'a': 1\n\"b\" : 2\n", "\"a\":1\n", "a: 1\n b: 2\n", "  a: 1\nb: 2\n", "a: 1\n  # c\nb: 2\n",
    "a:\n  b: 1\n # c\n  c: 2\n", "a:\n  b: 1\n c: 2\n", "a: 1\nb\n", "a #b: 1\n", "a:#b\n", "a: 1 # c\n",
    "a: 1 #c\n", "a: 1#c\n", "a:   \n", "a: 'b' # c\n", "a: 'b'#c\n", "a: 'b' c\n", "-a: 1\n", "?a: 1\n", ":a: 1\n",
    "? a\n: 1\n", ": a\n", "a: 1\n\n\nb: 2\n", "a::\n", "a:: b\n", "<<: 1\n", "a: ~\n", "a: -\n", "a: - b\n",
    // Block sequences.
    "- a\n- b\n", "-\n- b\n", "- \n", "-\n", "- a\n  b\n", "- a\n b\n", "- - a\n  - b\n- c\n", "- a: 1\n  b: 2\n- c\n",
    "- a: 1\n b: 2\n", "-   a: 1\n    b: 2\n", "- a:\n  - b\n", "- a:\n    b: 1\n", "-\n  a: 1\n", "- # c\n  a\n",
    "a:\n- b\n- c\nd: 1\n", "a:\n- b\n c\n", "a:\n  - b\n  c: 1\n", "a:\n  - b\n - c\n", "a:\n- b\n  - c\n",
    "-a\n", "- a\n-b\n", "- |\n  x\n- y\n",
    // Plain scalars.
    "a: b c\n", "a: b  c  \n", "a: http://x:80/y\n", "a: b\n  c\n", "a:\n  b\n  c\n", "a:\n  b\nc: 1\n", "a: -1\n",
    "a: ?x\n", "a: :x\n", "a: @x\n", "a: `x\n", "a: %x\n", "a: !x\n", "a: &x 1\n", "a: *x\n", "a: ,x\n", "a: b,c\n",
    "a: b[0]\n", "a: b#c\n", "a: ]\n", "a: }\n", "a: >\n  x\n", "a: x\n\tb: 1\n", "a: x\r\n", "a: \u{1}\n",
    "a: é\n", "é: a\n", "a: \u{85}\n", "a: \u{2028}\n", "a: \u{feff}\n", "\u{feff}a: 1\n", "a: \u{7f}\n", "a: 😀\n",
    // Quoted scalars.
    "a: 'b''c'\n", "a: ''\n", "a: ''''\n", "a: 'b\n  c'\n", "a: 'b\n", "a: \"b\\\"c\"\n", "a: \"\\n\\t\\\\\"\n",
    "a: \"\\/\"\n", "a: \"\\x41\\u00e9\\U0001F600\"\n", "a: \"\\ud800\"\n", "a: \"\\xZZ\"\n", "a: \"\\q\"\n",
    "a: \"b\\\n  c\"\n", "a: \"\\N\\_\\L\\P\\0\\a\\b\\v\\f\\r\\e\\ \"\n", "a: '  b  '\n", "a: \"#\"\n", "'a'\n'b'\n",
    // Literal block scalars.
    "a: |\n  x\n  y\n", "a: |-\n  x\n\n", "a: |+\n  x\n\n\nb: 1\n", "a: |\n  x\n\n\nb: 1\n", "a: |\n\n  x\n",
    "a: |\n    \n  x\n", "a: |\nb: 1\n", "a: |\n", "a: |-", "a: |\n  x", "a: |\n  x\n   y\n  z\n", "a: |2\n  x\n",
    "a: | # c\n  x\n", "a: |#c\n  x\n", "a: | x\n", "a: |\n  # not a comment\n  x\n", "a: |\n  x\n# c\nb: 1\n",
    "a: |\n  x\n# c\n  y\n", "a: |\n    x\n  y\n", "- |\n  x\n  y\n- z\n", "a:\n  b: |\n  c: 1\n", "|\nx\n",
    "|\n x\n", "a: |\n  x\n---\n", "a: |\n  x\n  \n", "a: |\n  x\n    \n",
    // Folded block scalars.
    ">\n  a\n  b\n", "a: >\n  x\n  y\n\n  z\n", "a: >-\n  x\n   y\n  z\n", "a: >+\n  x\n\n", "a: >\n\n  x\n  y\n",
    "a: >\n  x\n  \n  y\n", "a: >\n  x\n   \n  y\n", "a: >\n   x\n  y\n", "a: > # c\n  x\n", "- >\n  a\n  b\n- c\n",
    "a: >\n  x\n\n\n  y\n   z\n  w\n", "a: >\n   x\n   y\n", "a: >2\n  x\n", "a: >\n", "a: >-\n  x",
    "a: >\n  x\n b: 1\n",
    // Flow collections.
    "a: [b, c]\n", "a: [ b , c ]\n", "a: [b c, d]\n", "a: {b: c, d: e}\n", "a: {b: {c: d}, e: [f, g]}\n",
    "a: [b, c,]\n", "a: [b: c]\n", "a: {b, c: d}\n", "a: {b: }\n", "a: {b:c}\n", "a: {\"b\":\"c\"}\n", "a: {'b': c}\n",
    "a: [b\n  , c]\n", "a: [b #c\n]\n", "a: [b]#c\n", "a: [b] # c\n", "a: [b] c\n", "a: [-b, --c]\n", "a: [-, b]\n",
    "a: [b?c]\n", "a: [?b]\n", "a: [b:c]\n", "a: [:b]\n", "a: [[], {}]\n", "a: [b]: c\n", "[a]: b\n",
    "a: [\"b\", 'c']\n",
    "- [a, b]\n- {c: d}\n", "a:\n  [b]\n", "a: [b, [c, [d]]]\n", "a: {b: [c, {d: e}]}\n", "a: [b, &c d]\n",
    "a: [b, !c d]\n", "a: [b, *c]\n", "a: [b, |]\n", "a: [b, >]\n", "a: ['b\n']\n", "a: [ ]\n", "a: { }\n",
    "a: [ 'x' ]\n", "a: {b: 'c' , d: \"e\"}\n", "a: {\"b\" : c}\n", "a: {b :c}\n", "a: [b , ]\n", "a: {,}\n",
    "a: [,]\n",
    "[a]\n", "{a: b}\n", "- [a]\n  - b\n", "a: [\"\\u00e9\", '\u{e9}']\n", "a: {\u{e9}: b}\n", "a: [b]]\n", "a: [[b]\n",
] as [String])
func plainScannerRow(_ text: String) {
    expectScannerAgrees(text)
}

/// The scanner reads these (the common shapes must take the fast path).
@Test(arguments: [
    "a: 1\nb:\n  c: [d, e]\n  f: {g: h}\n", "- a: 1\n  b: 'x'\n- c\n", "a:\n- b\n- c: d\n",
    "a: |-\n  x\n  y\nb: \"z\\n\"\n",
    "", "# c\n", "---\na: 1\n", "a: é\n", "description: >-\n  x\n  y\ntype: z\n",
] as [String])
func plainScannerReads(_ text: String) {
    #expect(expectScannerAgrees(text))
}

/// A deterministic generator (SplitMix64), so that a failure can be reproduced.
private struct SplitMix64 {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
}

/// Small edits with YAML's significant characters to corpus texts the scanner reads: each result is left to
/// libyaml or read exactly as libyaml reads it (and never when libyaml rejects it). `FFGEN_MUTATION_ROUNDS` and
/// `FFGEN_MUTATION_SEED` in the environment run more rounds or other ones (here and in the generated texts).
@Test func plainScannerMatchesLibyamlOnMutations() {
    let texts = yamlTexts.filter { $0.utf8.count < 4000 && scannerEvents($0) != nil }
    let alphabet = Array(" \n:-#'\"|>[]{},&*!?\t\\+.%@`0a".utf8)
    let seed = ProcessInfo.processInfo.environment["FFGEN_MUTATION_SEED"].flatMap { UInt64($0) }
    var random = SplitMix64(state: seed ?? 0x5EED_F00D)
    var read = 0
    let rounds = Int(ProcessInfo.processInfo.environment["FFGEN_MUTATION_ROUNDS"] ?? "") ?? 20000
    for _ in 0..<rounds {
        var bytes = Array(texts[random.below(texts.count)].utf8)
        for _ in 0...random.below(3) {
            let at = random.below(bytes.count + 1)
            let b = alphabet[random.below(alphabet.count)]
            switch random.below(3) {
            case 0: bytes.insert(b, at: at)
            case 1 where at < bytes.count: bytes.remove(at: at)
            default: if at < bytes.count { bytes[at] = b } else { bytes.append(b) }
            }
        }
        guard let text = String(validating: bytes, as: UTF8.self) else { continue }
        if expectScannerAgrees(text) { read += 1 }
    }
    print("plain scanner mutations: \(read)/\(rounds) read")
    #expect(read > rounds / 4)
}

/// A reader's result on the scanner's events, when the scanner read the text.
private struct ReaderOutcome<T> {
    var value: T?
}

/// The one-pass values reader gives the same result on the scanner's events as on libyaml's.
@Test func directReaderSameOnScannerEvents() {
    let targets: [GoJSONTarget] = [.any, .structure(["name": .string, "annotations": .map(.string)]), .string]
    var compared = 0
    for text in yamlTexts {
        for target in targets {
            let fast = PlainYAMLEvents.read(text) { events -> ReaderOutcome<Value> in
                var reader = DirectValueReader(events)
                return ReaderOutcome(value: reader.firstDocument(target: target))
            }
            guard let fast else { continue }
            compared += 1
            let exact = DirectValue.firstDocumentWithLibyaml(text, target: target)
            switch (fast.value, exact) {
            case (nil, nil): break
            case (let a?, let b?): #expect(a.deepEquals(b), "\(text.debugDescription)")
            default: Issue.record("direct reader differs on scanner events: \(text.debugDescription)")
            }
        }
    }
    #expect(compared > yamlTexts.count)
}

/// The manifest head reader gives the same result on the scanner's events as on libyaml's.
@Test func manifestHeadSameOnScannerEvents() {
    var compared = 0
    for text in yamlTexts {
        let fast = PlainYAMLEvents.read(text) { events -> ReaderOutcome<ValueMap> in
            var reader = ManifestHeadReader(source: events)
            return ReaderOutcome(value: reader.read())
        }
        guard let fast else { continue }
        compared += 1
        switch (fast.value, HelmYAML.manifestHeadWithLibyaml(text)) {
        case (nil, nil): break
        case (let a?, let b?): #expect(Value.map(a).deepEquals(.map(b)), "\(text.debugDescription)")
        default: Issue.record("manifest head differs on scanner events: \(text.debugDescription)")
        }
    }
    #expect(compared > yamlTexts.count / 2)
}

/// Texts put together from random lines: structure (indentation, entries, keys, empty values, block scalars
/// and their content lines, comments) in every combination, most of which libyaml rejects.
@Test func plainScannerMatchesLibyamlOnGeneratedTexts() {
    let pieces = [
        "- ", "-", "- - ", "a:", "a: ", "b: 1", "- c: 2", "- d:", "x", "'q'", "\"d\\n\"", "[e, 'f']", "{g: h}", "|",
        "|-",
        ">", ">+", "# c", "", "k: |", "k: >-", "l: - m", "n: o: p", "q #r", "s: t # u", "---", "...", "?", ": v", "w:x",
        "'k': v", "\"k\":", "[a, {b: c}]", "{'x': [y]}", "é: ü", " ", "-x", "y ", ":",
    ]
    let seed = ProcessInfo.processInfo.environment["FFGEN_MUTATION_SEED"].flatMap { UInt64($0) }
    var random = SplitMix64(state: seed ?? 0xC0FF_EE00)
    var read = 0
    let rounds = Int(ProcessInfo.processInfo.environment["FFGEN_MUTATION_ROUNDS"] ?? "") ?? 30000
    for _ in 0..<rounds {
        var lines: [String] = []
        for _ in 0...random.below(7) {
            let indent = String(repeating: " ", count: random.below(7))
            var line = indent + pieces[random.below(pieces.count)]
            if random.below(4) == 0 { line += pieces[random.below(pieces.count)] }
            lines.append(line)
        }
        var text = lines.joined(separator: "\n")
        if random.below(4) != 0 { text += "\n" }
        if expectScannerAgrees(text) { read += 1 }
    }
    print("plain scanner generated texts: \(read)/\(rounds) read")
    #expect(read > rounds / 20)
}

/// The alphabet check's eight-bytes-at-a-time path agrees with the character-by-character definition: every
/// byte value at every position of a word, and every corpus text.
@Test func plainScannerAlphabetWordsMatchCharacters() {
    func byCharacters(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { text in
            var i = 0
            while i < text.count {
                guard let width = PlainYAMLScanner.characterWidth(text, at: i) else { return false }
                i += width
            }
            return true
        }
    }
    func byWords(_ bytes: [UInt8]) -> Bool { bytes.withUnsafeBufferPointer { PlainYAMLScanner.isInAlphabet($0) } }
    let base = Array("abcdefgh:ijklmno pq\nrstuvwxyz".utf8)
    for b in 0...255 {
        for at in base.indices {
            var bytes = base
            bytes[at] = UInt8(b)
            #expect(byWords(bytes) == byCharacters(bytes), "byte \(b) at \(at)")
            bytes.insert(0xC3, at: at)
            #expect(byWords(bytes) == byCharacters(bytes), "byte \(b) after 0xC3 at \(at)")
        }
    }
    for text in yamlTexts {
        let bytes = Array(text.utf8)
        #expect(byWords(bytes) == byCharacters(bytes))
    }
}

/// `resolvesToString(bytes:)`'s shortcut for long words agrees with `resolve`.
@Test(arguments: [
    "name", "namespace", "nodeSelector", "true", "trueish", "TRUE", "Yes", "yesterday", "off", "offset", "null",
    "nullable", "~", "~tilde", "no", "n", "False", "falsehood", "on", "online", ".5", ".inf", ".infinity", "-1",
    "123456", "+12345", "0x1F", "1e3", "-", "value", "tolerations", "targetPort", "FALSE", "Nulls", "000000",
    "2001-12-14", "-.inf00", "+.5e10",
])
func resolvesToStringMatchesResolve(_ text: String) {
    var text = text
    let fast = text.withUTF8 { GoYAMLResolve.resolvesToString(bytes: $0) }
    let exact: Bool
    if case .string = GoYAMLResolve.resolve(text) { exact = true } else { exact = false }
    #expect(fast == exact)
}
