import FFGenTestSupport
import Foundation
import Testing
@testable import Values

/// The YAML texts of the fixtures, by where they come from.
enum CorpusYAMLTexts {
    /// Each file of every corpus case (values files, `Chart.yaml`, `-f` files, and templates, most of which do
    /// not parse as YAML).
    static let files: [(name: String, content: String)] = CorpusCase.all().flatMap {
        c -> [(name: String, content: String)] in
        guard let data = FileManager.default.contents(atPath: c.archive.path) else { return [] }
        return Txtar(parsing: String(decoding: data, as: UTF8.self)).files
    }

    /// The files that are YAML by name and are not templates: values files, `Chart.yaml`, `-f` files.
    static let yamlFiles: [String] = files.filter { file in
        (file.name.hasSuffix(".yaml") || file.name.hasSuffix(".yml")) && !file.name.contains("templates/")
    }.map(\.content)

    /// Every document of every recorded output, as the manifest sorter reads them.
    static let documents: [String] = CorpusCase.all().flatMap { c -> [String] in
        guard case .output(let golden)? = try? c.expected() else { return [] }
        return golden.components(separatedBy: "\n---\n")
    }

    /// The YAML inputs of the oracle tables.
    static let tables: [String] = ["yaml-fromyaml", "yaml-fromyamlarray"].flatMap { table in
        OracleTable.load(table).rows.map { $0["yaml"] }
    }
}

/// Every YAML text of the fixtures. The one-pass readers must agree with the exact reader on all of them.
let yamlTexts: [String] = CorpusYAMLTexts.files.map(\.content) + CorpusYAMLTexts.documents + CorpusYAMLTexts.tables

/// The Go targets the direct reader is used with: `interface{}`, and structs with string fields like Helm's
/// chart metadata.
private let directTargets: [GoJSONTarget] = [
    .any,
    .structure([
        "name": .string, "version": .string, "appVersion": .string, "description": .string,
        "annotations": .map(.string), "keywords": .slice(.string),
    ]),
    .string,
]

/// A text for reports.
private func shown(_ text: String) -> String { text.count > 200 ? String(text.prefix(200)) + "…" : text }

@Test func directReaderMatchesExactReader() throws {
    var direct = 0
    for text in yamlTexts {
        for target in directTargets {
            guard let fast = DirectValue.firstDocument(text, target: target) else { continue }
            direct += 1
            let exact = try? HelmYAML.readFirstDocument(text, file: "", recordLocations: false, target: target, exact: true)
            guard let exact else {
                Issue.record("direct reader accepted a text the exact reader rejects: \(shown(text))")
                continue
            }
            #expect(fast.deepEquals(exact.1), "\(shown(text))")
            #expect(try GoJSON.marshal(fast) == GoJSON.marshal(exact.1), "\(shown(text))")
        }
    }
    // Most fixtures are plain YAML: the fast path must really be taken.
    #expect(direct > yamlTexts.count)
}

@Test func manifestHeadMatchesExactReader() throws {
    var heads = 0
    for text in yamlTexts {
        guard let head = HelmYAML.manifestHead(text) else { continue }
        heads += 1
        guard let exact = try? HelmYAML.readFirstDocument(text, file: "", recordLocations: false, exact: true).1,
            case .map(let map) = exact
        else {
            Issue.record("manifest head accepted a text the exact reader rejects: \(shown(text))")
            continue
        }
        let expected = ValueMap()
        for key in ["apiVersion", "kind"] { if let v = map[key] { expected[key] = v } }
        if case .map(let metadata)? = map["metadata"] {
            let m = ValueMap()
            for key in ["name", "annotations"] { if let v = metadata[key] { m[key] = v } }
            expected["metadata"] = .map(m)
        } else if let v = map["metadata"] {
            expected["metadata"] = v
        }
        #expect(Value.map(head).deepEquals(.map(expected)), "\(shown(text))")
    }
    #expect(heads > 0)
}

/// Rows where the direct reader must give up (or agree), each checked against the exact reader.
@Test(arguments: [
    "a: &x 1\nb: *x\n", "<<: {a: 1}\nb: 2\n", "? [a]\n: 1\n", "~: 1\n", "18446744073709551615: x\n",
    "a: .nan\n", "a: !!str 1\n", "a: ! 1\n", "é: 1\ne\u{301}: 2\n", "b: 1\na: 2\nb: 3\n", "1: a\n\"1\": b\n",
    "a: [1, {b: c}]\n", "", "---\n", "x\n", "a: 1\n--- b\n", "a: 'unterminated\n", "a:\n  - b\n  c: d\n",
    "true: 1\n1.5: 2\n0x1F: 3\n2001-12-14: 4\n", "a: 0o17\nb: 1_000\nc: +1e3\nd: -.5\ne: 1:20\n",
])
func directReaderEdgeCase(_ text: String) throws {
    let exact = Result { () throws(HelmYAMLError) in
        try HelmYAML.readFirstDocument(text, file: "", recordLocations: false, exact: true).1
    }
    if let fast = DirectValue.firstDocument(text, target: .any) {
        #expect(fast.deepEquals(try exact.get()))
    }
    // The public entry point gives the exact reader's result or error.
    let viaPublic = Result { () throws(HelmYAMLError) in try HelmYAML.parseAny(text) }
    switch (viaPublic, exact) {
    case (.success(let a), .success(let b)): #expect(a.deepEquals(b))
    case (.failure(let a), .failure(let b)): #expect(a.message == b.message)
    default: Issue.record("public and exact readers disagree on \(text.debugDescription)")
    }
}

/// `toYaml`'s shortcut for key order (ASCII keys, keys already in order) gives go-yaml's order.
@Test(arguments: [
    ["a", "b", "c"], ["B", "a", "b"], ["A1", "a10", "a2", "a_", "b"], ["1", "10", "2", "a", "Z"],
    ["a01", "a1", "a001"], ["_x", "x", "X", "-y"], ["k8s", "k08s", "k8", "k80"], ["é", "e", "f"],
    ["", "0", "00", "a"], ["x1y2", "x1y10", "x01y3"],
])
func goYAMLKeyOrderShortcut(_ keys: [String]) {
    let byBytes = keys.sorted { ValueMap.compareBytes($0, $1) < 0 }
    let expected = GoYAMLKeyOrder.sortedIndices(byBytes)
    #expect((GoYAMLKeyOrder.sortedIndicesIfReordered(byBytes) ?? Array(byBytes.indices)) == expected)
}

/// `ValueMap(assigning:_:)` (sorting once) builds the map that assigning each pair in order builds.
@Test(arguments: [
    ["b", "a", "c"], ["a", "b", "a"], ["z", "y", "x", "y", "z"], ["é", "e\u{301}", "a"], ["a", "é", "a"],
    [], ["k"], ["B", "a", "_", "A", "b"], ["x", "x", "x"],
])
func valueMapAssigningMatchesSubscript(_ keys: [String]) {
    let values = keys.indices.map { Value.float(Double($0)) }
    let expected = ValueMap()
    for (k, v) in zip(keys, values) { expected[k] = v }
    let built = ValueMap(assigning: keys, values)
    #expect(built.keys == expected.keys)
    #expect(Value.map(built).deepEquals(.map(expected)))
    #expect(Value.map(ValueMap(Array(zip(keys, values)))).deepEquals(.map(expected)))
}

/// Whole numbers take a shortcut in `%v` and JSON formatting: Go's `'g'` and JSON texts on both sides of each
/// limit.
private let wholeNumberRows: [(Double, String, String)] = [
    (0.0, "0", "0"), (-0.0, "-0", "0"), (8080, "8080", "8080"), (999_999, "999999", "999999"),
    (1e6, "1e+06", "1000000"), (-42, "-42", "-42"), (0.5, "0.5", "0.5"),
    (1e15 - 1, "9.99999999999999e+14", "999999999999999"), (1e15, "1e+15", "1000000000000000"),
    (1e21, "1e+21", "1e+21"), (-1_234_567, "-1.234567e+06", "-1234567"),
]

@Test(arguments: wholeNumberRows)
func wholeNumberFormatting(_ v: Double, _ g: String, _ json: String) {
    #expect(GoFormat.formatFloatG(v) == g)
    #expect(GoFormat.formatFloatJSON(v) == json)
}

/// Lookups give the same answers before and after a map gets its first non-ASCII key, and for copies.
@Test func valueMapLookupsWithAndWithoutASCIIKeys() {
    let map = ValueMap([("b", .float(2)), ("a", .float(1)), ("a1", .float(3)), ("A", .float(4))])
    func check(_ m: ValueMap) {
        #expect(m["a"]?.deepEquals(.float(1)) == true)
        #expect(m["b"]?.deepEquals(.float(2)) == true)
        #expect(m["a1"]?.deepEquals(.float(3)) == true)
        #expect(m["A"]?.deepEquals(.float(4)) == true)
        #expect(m["c"] == nil)
        #expect(m[""] == nil)
        #expect(m["é"] == nil || m.contains("é"))
    }
    check(map)
    check(map.copy())
    map["é"] = .float(5)
    check(map)
    #expect(map["é"]?.deepEquals(.float(5)) == true)
    // Swift string equality is canonical: the decomposed spelling finds the same entry, as it always did.
    #expect(map["e\u{301}"]?.deepEquals(.float(5)) == true)
    #expect(map.keys == ["A", "a", "a1", "b", "é"])
    map.removeValue(forKey: "é")
    check(map)
    #expect(map.keys == ["A", "a", "a1", "b"])
}

/// Values to write with `toYaml`: every document the fixtures hold, each map and list inside them, and shapes
/// chosen for the layout rules (nesting, empty collections, quoting, long lines).
private let toYamlValues: [Value] = {
    var values: [Value] = []
    func collect(_ v: Value) {
        values.append(v)
        switch v {
        case .map(let m): for (_, child) in m { collect(child) }
        case .list(let l): for child in l { collect(child) }
        default: break
        }
    }
    for text in yamlTexts { if let v = try? HelmYAML.parseAny(text) { collect(v) } }
    let long = String(repeating: "word ", count: 20)
    let shapes: [Value] = [
        .null, .bool(true), .float(1e6), .float(0.5), .float(-0.0), .float(123), .int(7, kind: .int64),
        .string(""), .string("true"), .string("a: b"), .string("a:b"), .string("x #y"), .string("x#y"),
        .string("-x"), .string("...x"), .string("quote\"back\\slash"), .string(long), .string("short words here"),
        .string("ends:"), .string("1:20"), .string("0x1F"), .string("2001-12-14"), .string("a\tb"),
        .list([]), .map(ValueMap()), .list([.list([.string("a"), .list([])]), .map(ValueMap())]),
        .map(ValueMap([("k", .list([.map(ValueMap([("a", .float(1)), ("b", .list([.string("x")]))]))]))])),
        .map(ValueMap([("key with spaces", .string(long)), (String(repeating: "k", count: 60), .string("v w"))])),
        .map(ValueMap([("B", .float(1)), ("a10", .float(2)), ("a9", .float(3)), ("_x", .null), ("", .string(""))])),
        .list([.map(ValueMap([("a", .map(ValueMap([("b", .list([.float(1), .float(2)]))])))]))]),
        .string("a,b"), .string("x=y"), .string("a~b"), .string("f(x)"), .string("50%"), .string("u@h"),
        .string("http://host:8080/path?q"), .string("a; b"), .string("trailing "), .string(" leading"),
    ]
    // Lines around libyaml's folding width, at several indentations.
    for n in 70...84 {
        let text = String(repeating: "ab ", count: n / 3) + String(repeating: "c", count: n % 3 + 1)
        values.append(.map(ValueMap([("k", .string(text))])))
        values.append(.list([.string(text), .string("\"" + text)]))
        values.append(.map(ValueMap([("outer", .map(ValueMap([("inner", .list([.string(text)]))])))])))
    }
    values.append(contentsOf: shapes)
    return values
}()

@Test func plainWriterMatchesEmitter() throws {
    var written = 0
    for value in toYamlValues {
        guard let fast = PlainYAMLWriter.document(value, dropFinalNewline: false) else { continue }
        written += 1
        let emitted = try HelmYAML.emitted(value, dropFinalNewline: false)
        #expect(fast == emitted, "\(emitted.debugDescription)")
        #expect(PlainYAMLWriter.document(value, dropFinalNewline: true) == (try HelmYAML.emitted(value, dropFinalNewline: true)))
    }
    #expect(written > toYamlValues.count / 2)
}
