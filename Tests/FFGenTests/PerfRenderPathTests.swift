import FFGenTestSupport
import Foundation
@testable import HelmEngine
import Testing
import Values

/// The shortcuts of the render path must give exactly what the longer paths they replace give: the byte-level
/// `<no value>` removal and trim (against Foundation), the manifest head reader (against the full YAML parse,
/// itself checked against Helm), and cached template sets and schemas (against outputs recorded with Helm).
@Suite("Perf: render path shortcuts")
struct PerfRenderPathTests {
    @Test(arguments: [
        "", "<no value>", "a<no value>b", "<no value><no value>", "<no valu", "x<<no value>>y", "é<no value>ü",
        "<no value", "no value>", "plain text", "key: <no value>\nother: <no value>\n", "<<no value>no value>",
    ])
    func removingNoValueMatchesReplaceAll(_ text: String) {
        #expect(text.removingNoValue() == text.replacingOccurrences(of: "<no value>", with: ""))
    }

    @Test(arguments: [
        ("", ""), ("   ", ""), ("a", "a"), (" a ", "a"), ("\n\tkind: x\n\n", "kind: x"), ("a b", "a b"),
        ("\r\na\r\n", "a"), (" é ", "é"),
    ])
    func trimmingASCIIWhitespace(_ text: String, _ expected: String) {
        #expect(text.trimmingASCIIWhitespace() == expected)
    }

    static let templateNames = [
        "app/templates/a.yaml", "app/templates/_helpers.tpl", "app/charts/sub/templates/b.yaml",
        "app/templates/z/c.yaml",
        "app/charts/sub/templates/_x.tpl", "app/templates/NOTES.txt", "app/templates/é.yaml", "app/templates/e.yaml",
        "app/charts/a/templates/b.yaml", "_top", "top", "app/templates/_", "app/templates/x_y.yaml",
    ]

    /// The template order and the partial test work on bytes; they agree with the plain definitions.
    @Test func templateOrderAndPartials() {
        let expected = Self.templateNames.sorted { a, b in
            let (da, db) = (a.utf8.filter { $0 == 0x2F }.count, b.utf8.filter { $0 == 0x2F }.count)
            if da != db { return da > db }
            return b.utf8.lexicographicallyPrecedes(a.utf8)
        }
        #expect(Engine.sortedTemplateNames(Self.templateNames) == expected)
        for name in Self.templateNames {
            #expect(Engine.isPartial(name) == (name.split(separator: "/").last ?? "").hasPrefix("_"), "\(name)")
        }
    }

    /// `templateOutput` builds its text in one reserved string; this is the plain formula it replaces.
    @Test(arguments: [
        ([], [], []), (["a: 1"], [], []), (["a: 1\n\n", "b: é \r\n"], ["h: 1\n"], []), ([], ["h: 1", "h: 2 "], []),
        (["x"], [], ["crd: 1\n"]), (["  lead", "trail \t\n"], [], ["crd"]), (["\u{600} "], ["e\u{301}"], []),
    ] as [([String], [String], [String])])
    func templateOutputMatchesFormula(_ manifests: [String], _ hooks: [String], _ crds: [String]) {
        let m = manifests.enumerated().map {
            RenderedManifest(path: "c/templates/m\($0.offset).yaml", content: $0.element)
        }
        let h = hooks.enumerated().map {
            RenderedHook(
                manifest: RenderedManifest(path: "c/templates/h\($0.offset).yaml", content: $0.element),
                events: ["test"], weight: 0, deletePolicies: [])
        }
        let c = crds.enumerated().map { (path: "c/crds/\($0.offset).yaml", content: $0.element) }
        var body = ""
        for crd in c { body += "---\n# Source: \(crd.path)\n\(crd.content)\n" }
        for x in m { body += "---\n# Source: \(x.path)\n\(x.content)\n" }
        var expected = body.trimmingASCIIWhitespace() + "\n"
        for x in h { expected += "---\n# Source: \(x.manifest.path)\n\(x.manifest.content)\n" }
        #expect(Array(ManifestSorter.templateOutput(manifests: m, hooks: h, crds: c).utf8) == Array(expected.utf8))
    }

    @Test(arguments: [
        ("", ""), ("a", ""), ("", "a"), ("a", "b"), ("ab", "a"), ("é", "z"), ("z", "é"), ("e\u{301}", "é"),
        ("templates/a.yaml", "templates/b.yaml"),
        (String(repeating: "x", count: 40) + "a", String(repeating: "x", count: 40)),
    ])
    func utf8PrecedesMatchesByteOrder(_ a: String, _ b: String) {
        #expect(a.utf8Precedes(b) == a.utf8.lexicographicallyPrecedes(b.utf8))
        #expect(b.utf8Precedes(a) == b.utf8.lexicographicallyPrecedes(a.utf8))
    }

    /// Helm's SplitManifests as a byte-by-byte scan of whitespace runs (the implementation the memchr search
    /// replaced), for comparison.
    static func splitManifestsByScan(_ text: String) -> [String] {
        let bytes = Array(text.utf8)
        let goSpace: (UInt8) -> Bool = { $0 == 0x20 || ($0 >= 0x09 && $0 <= 0x0D) }
        let reSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0C || $0 == 0x0D }
        var start = 0
        while start < bytes.count, goSpace(bytes[start]) { start += 1 }
        var documents: [String] = []
        func emit(_ from: Int, _ to: Int) {
            var s = from
            while s < to, goSpace(bytes[s]) { s += 1 }
            if s < to { documents.append(String(decoding: bytes[s..<to], as: UTF8.self)) }
        }
        func isDashes(_ at: Int) -> Bool { at + 3 <= bytes.count && bytes[at..<(at + 3)].allSatisfy { $0 == 0x2D } }
        func separatorEnd(_ dashes: Int) -> Int {
            var j = dashes + 3
            while j < bytes.count, reSpace(bytes[j]) { j += 1 }
            return j
        }
        var documentStart = start
        var i = start
        if isDashes(start) {
            documentStart = separatorEnd(start)
            i = documentStart
        }
        while i < bytes.count {
            guard reSpace(bytes[i]) else {
                i += 1
                continue
            }
            var runEnd = i
            while runEnd < bytes.count, reSpace(bytes[runEnd]) { runEnd += 1 }
            if bytes[runEnd - 1] == 0x0A, isDashes(runEnd) {
                emit(documentStart, i)
                documentStart = separatorEnd(runEnd)
                i = documentStart
            } else {
                i = runEnd
            }
        }
        emit(documentStart, bytes.count)
        return documents
    }

    /// Every text of up to five pieces from separators, whitespace and content splits as the scan does.
    @Test func splitManifestsMatchesScan() {
        let pieces = ["---", "\n", " ", "\t", "\r\n", "\u{0B}", "a: 1", "#", "-", "\u{0C}"]
        var texts: [String] = [""]
        for _ in 0..<5 { texts = texts.flatMap { t in pieces.map { t + $0 } } }
        var mismatches: [String] = []
        for text in texts where ManifestSorter.splitManifests(text) != Self.splitManifestsByScan(text) {
            mismatches.append(text)
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
        #expect(texts.count == 100_000)
    }

    /// A rendered document and whether the head reader handles it (false: the full parse must be used).
    struct HeadCase: Sendable, CustomStringConvertible {
        var name: String
        var text: String
        var quick: Bool
        var description: String { name }
    }

    static let headCases: [HeadCase] = [
        HeadCase(name: "deployment", text: """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              labels:
                app: web
              annotations:
                checksum/config: "abc"
                note: |
                  two
                  lines
            spec:
              replicas: 3
              template:
                spec:
                  containers:
                    - name: c
                      args: [a, "b", 1, true, null]
            """, quick: true),
        HeadCase(name: "quoted and comments", text: "# c\n'apiVersion': \"v1\"\nkind: 'Service' # k\nmetadata: {name: \"s\", namespace: n}\n", quick: true),
        HeadCase(name: "repeated keys, last wins", text: "kind: A\nkind: B\nmetadata:\n  name: first\nmetadata:\n  name: second\n", quick: true),
        HeadCase(name: "yes-no words are bools", text: "kind: A\nmetadata:\n  name: y\n", quick: false),
        HeadCase(name: "no metadata", text: "apiVersion: v1\nkind: List\nitems: []\n", quick: true),
        HeadCase(name: "numbers elsewhere", text: "kind: ConfigMap\nmetadata:\n  name: c\ndata:\n  a: 1.5\n  b: -3\n  c: 0x1F\n  d: 2024-01-01\n", quick: true),
        HeadCase(name: "anchor and alias", text: "kind: A\nmetadata:\n  name: &n x\n  labels: {a: *n}\n", quick: false),
        HeadCase(name: "tag", text: "kind: !!str A\nmetadata:\n  name: x\n", quick: false),
        HeadCase(name: "merge key", text: "kind: A\nbase: &b {x: 1}\nmetadata:\n  <<: {name: m}\n", quick: false),
        HeadCase(name: "number annotation", text: "kind: Job\nmetadata:\n  name: j\n  annotations:\n    helm.sh/hook-weight: 5\n", quick: false),
        HeadCase(name: "number name", text: "kind: A\nmetadata:\n  name: 12\n", quick: false),
        HeadCase(name: "bool kind", text: "kind: yes\n", quick: false),
        HeadCase(name: "infinity elsewhere", text: "kind: A\nspec:\n  x: .inf\n", quick: false),
        HeadCase(name: "integer key elsewhere", text: "kind: A\nspec:\n  1: a\n", quick: false),
        HeadCase(name: "null key elsewhere", text: "kind: A\nspec:\n  ~: a\n", quick: false),
        HeadCase(name: "list document", text: "- a\n- b\n", quick: false),
        HeadCase(name: "null metadata", text: "kind: A\nmetadata:\n", quick: false),
        HeadCase(name: "syntax error later", text: "kind: A\nmetadata:\n  name: x\nspec: [a\n", quick: false),
        HeadCase(name: "comments only", text: "# nothing\n", quick: false),
    ]

    @Test(arguments: headCases)
    func manifestHeadMatchesFullParse(_ c: HeadCase) throws {
        let head = HelmYAML.manifestHead(c.text)
        #expect((head != nil) == c.quick)
        guard let head else { return }
        guard case .map(let full) = try HelmYAML.parseAny(c.text) else {
            Issue.record("\(c.name): the full parse is not a map")
            return
        }
        let projected = ValueMap()
        for key in ["apiVersion", "kind"] { projected[key] = full[key] }
        if case .map(let metadata)? = full["metadata"] {
            let m = ValueMap()
            for key in ["name", "annotations"] { m[key] = metadata[key] }
            projected["metadata"] = .map(m)
        }
        #expect(Value.map(head).deepEquals(.map(projected)), "\(c.name)")
    }

    /// A renderer that keeps parsed templates and schemas gives Helm's recorded output on every render.
    @Test func cachedRendersMatchHelm() throws {
        setenv("TZ", "UTC", 1)
        var renderer = HelmRenderer()
        renderer.cache = RenderCache()
        let cases = CorpusCase.all().filter { $0.name.hasPrefix("realistic/") }
        #expect(!cases.isEmpty)
        for testCase in cases {
            guard case .output(let want) = try testCase.expected() else { continue }
            let directory = try Fixtures.temporaryDirectory("perf-cache")
            defer { try? FileManager.default.removeItem(at: directory) }
            let invocation = try testCase.unpack(into: directory)
            var values = ValueOptions()
            values.valueFiles = invocation.valueFiles
            values.values = invocation.set
            values.stringValues = invocation.setString
            values.jsonValues = invocation.setJSON
            values.literalValues = invocation.setLiteral
            let options = RenderOptions(releaseName: invocation.release, namespace: invocation.namespace)
            for round in 1...2 {
                let got = try renderer.template(chartPath: invocation.chartDirectory, values: values, options: options)
                #expect(got.stdout == want, "\(testCase.name), render \(round)")
            }
        }
    }
}
