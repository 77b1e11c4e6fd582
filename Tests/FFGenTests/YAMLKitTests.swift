import FFGenTestSupport
import Testing
import YAMLKit

@Test func yamlKitParsesEventsWithStyles() throws {
    let parser = YAMLParser("a: 'x'\nb: [1, *y]\n", file: "t.yaml")
    var events: [YAMLEvent] = []
    while let e = try parser.nextEvent() { events.append(e.event) }
    #expect(events.count == 13)
    #expect(events[0] == .streamStart)
    #expect(
        events[3] == .scalar(YAMLScalarEvent(value: "a", style: .plain, plainImplicit: true, quotedImplicit: false)))
    #expect(
        events[4]
            == .scalar(YAMLScalarEvent(value: "x", style: .singleQuoted, plainImplicit: false, quotedImplicit: true)))
    #expect(events[6] == .sequenceStart(YAMLCollectionStart(implicit: true, style: .flow)))
    #expect(events[8] == .alias(anchor: "y"))
    #expect(events.last == .streamEnd)
}

@Test func yamlKitComposesDocumentsAndResolvesAliases() throws {
    let parser = YAMLParser("a: &n {k: v}\nb: *n\n---\n- 1\n", file: "t.yaml")
    let docs = try parser.allDocuments()
    #expect(docs.count == 2)
    guard case .mapping(let pairs) = docs[0].content else {
        Issue.record("expected a mapping")
        return
    }
    #expect(pairs.map { $0.key.scalar } == ["a", "b"])
    #expect(pairs[1].value.isAlias)
    guard case .mapping(let aliased) = pairs[1].value.content else {
        Issue.record("alias must resolve to the mapping")
        return
    }
    #expect(aliased.first?.value.scalar == "v")
    #expect(pairs[1].value.location.line == 2)
    #expect(pairs[1].value.location.column == 4)
}

@Test func yamlKitLocationsCountBytes() throws {
    let parser = YAMLParser("ä: ö\nb: x\n", file: "u.yaml")
    let doc = try #require(try parser.nextDocument())
    guard case .mapping(let pairs) = doc.content else {
        Issue.record("expected a mapping")
        return
    }
    // "ä: " is four bytes, so the value starts at byte column 5.
    #expect(pairs[0].value.location == SourceLocation(file: "u.yaml", line: 1, column: 5, offset: 4))
    #expect(pairs[1].value.location == SourceLocation(file: "u.yaml", line: 2, column: 4, offset: 10))
}

@Test func yamlKitUnknownAnchor() {
    let parser = YAMLParser("a: *nope\n", file: "t.yaml")
    #expect(throws: YAMLError.self) { try parser.allDocuments() }
}

@Test func yamlKitSyntaxErrorHasGoLine() {
    let parser = YAMLParser("a: 1\n b: 2\n", file: "t.yaml")
    do {
        _ = try parser.allDocuments()
        Issue.record("expected an error")
    } catch {
        #expect(error.kind == .scanner)
        #expect(error.problem == "mapping values are not allowed in this context")
        #expect(error.goMessage == "line 2: mapping values are not allowed in this context")
        #expect(error.location.line == 2)
    }
}

@Test func yamlKitEmitterWritesBlockYAML() throws {
    let emitter = YAMLEmitter()
    try emitter.emit([
        .streamStart, .documentStart(implicit: true),
        .mappingStart(YAMLCollectionStart()),
        .scalar(YAMLScalarEvent(value: "k", style: .plain)),
        .sequenceStart(YAMLCollectionStart()),
        .scalar(YAMLScalarEvent(value: "a b", style: .doubleQuoted)),
        .scalar(YAMLScalarEvent(value: "x\ny", style: .literal)),
        .scalar(YAMLScalarEvent(value: "", style: .plain)),
        .sequenceEnd,
        .mappingEnd,
        .documentEnd(implicit: true), .streamEnd,
    ])
    #expect(emitter.output == "k:\n- \"a b\"\n- |-\n  x\n  y\n-\n")
}

@Test func yamlKitReaderErrorLocatesTheByte() {
    let parser = YAMLParser("a: 1\nb: \u{01}\n", file: "t.yaml")
    do {
        _ = try parser.allDocuments()
        Issue.record("expected an error")
    } catch {
        #expect(error.kind == .reader)
        #expect(error.problem == "control characters are not allowed")
        // go-yaml prints no line for reader errors (Helm: "yaml: control characters are not allowed").
        #expect(error.goMessage == "control characters are not allowed")
        #expect(error.location == SourceLocation(file: "t.yaml", line: 2, column: 4, offset: 8))
    }
}

/// Parsing, emitting the same events and parsing again gives the same events (values, tags, anchors, styles).
@Test(arguments: [
    "a: &x {k: 'v', n: !!int \"3\"}\nb: *x\nc: [1, \"two\", !custom three]\n",
    "- |\n  literal\n  text\n- >-\n  folded\n  text\n- plain\n",
    "--- first\n...\n--- !!map\nsecond: {}\n",
    "? complex key\n: value\nempty:\nlist: []\n",
])
func yamlKitEventsRoundTrip(_ text: String) throws {
    func events(_ text: String) throws -> [YAMLEvent] {
        let parser = YAMLParser(text)
        var out: [YAMLEvent] = []
        while let e = try parser.nextEvent() { out.append(e.event) }
        return out
    }
    let first = try events(text)
    let emitter = YAMLEmitter(options: YAMLEmitter.Options(suppressOpenEndedMarker: false))
    try emitter.emit(first)
    let second = try events(emitter.output)
    #expect(first == second, "\(emitter.output)")
}

@Test func yamlKitNestingLimit() throws {
    // Helm v4 (the helm-messages table): 10001 nested flow sequences fail with "yaml: exceeded max depth of 10000",
    // 9999 are read.
    let messages = OracleTable.load("helm-messages")
    let recorded = messages.row(
        "template", #"{{ fromYaml (printf "a: %s%s" (repeat 10001 "[") (repeat 10001 "]")) | toJson }}"#)?.output
    let expected = recorded?.components(separatedBy: "yaml: ").last?.components(separatedBy: "\"").first
    #expect(expected != nil)
    #expect(messages.row("template", #"{{ fromYaml (printf "a: %s%s" (repeat 9999 "[") (repeat 9999 "]")) | len }}"#)?.output == "1")
    let tooDeep = "a: " + String(repeating: "[", count: 10001) + String(repeating: "]", count: 10001) + "\n"
    do {
        _ = try YAMLParser(tooDeep).nextDocument()
        Issue.record("expected an error")
    } catch {
        #expect(error.goMessage == expected)
    }
    // The composer itself is iterative: deep input does not use the call stack.
    let deep = "a: " + String(repeating: "[", count: 9999) + String(repeating: "]", count: 9999) + "\n"
    let node = try YAMLParser(deep).nextDocument()
    #expect(node != nil)
}
