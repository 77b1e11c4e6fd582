import FFGenTestSupport
import Foundation
import Testing
import Values

@testable import HelmEngine

/// `ChartLoader.plainMetadataFields` (one pass over Chart.yaml's entries) against `metadata(from:file:)` (a
/// lookup and Go's type checks per field), its exact counterpart: wherever the fast path gives an answer, the
/// two agree, and the exact path then throws no error.
@Suite("Chart.yaml fast path")
struct HelmChartMetadataFastPathTests {
    /// Chart.yaml texts exercising every field, nulls, unknown keys and values the fast path leaves alone.
    static let documents: [String] = [
        """
        apiVersion: v2
        name: full
        version: 1.2.3
        appVersion: "2024.1"
        description: A chart
        home: https://example.com
        icon: https://example.com/icon.png
        sources: [https://a, https://b]
        keywords: [one, two]
        kubeVersion: ">=1.20"
        type: application
        deprecated: true
        condition: full.enabled
        tags: a,b
        annotations:
          category: Database
          z: "1"
        maintainers:
          - name: Ann
            email: ann@example.com
            url: https://ann
            extra: ignored
          - name: Bob
        dependencies:
          - name: sub
            version: 1.0.0
            repository: file://charts/sub
            condition: sub.enabled,global.sub
            tags: [back, front]
            enabled: true
            import-values: [data, {child: a.b, parent: c}]
            alias: other
            unknown: 1
          - name: plain
        unknown: {nested: [1, 2]}
        """,
        "apiVersion: v2\nname: nulls\nversion: 1.0.0\nicon:\nannotations:\nmaintainers:\ndependencies:\ndeprecated:\n",
        "apiVersion: v2\nname: numbers\nversion: 1.0.0\nappVersion: 1.10\nkeywords: [1, true, 0x1F]\n",
        "apiVersion: v2\nname: badbool\nversion: 1.0.0\ndeprecated: yes please\n",
        "apiVersion: v2\nname: nullentry\nversion: 1.0.0\nmaintainers: [null]\n",
        "apiVersion: v2\nname: listname\nversion: 1.0.0\nhome: [a]\n",
        "apiVersion: v2\nname: deps\nversion: 1.0.0\ndependencies: [{name: a, enabled: 3}]\n",
        "apiVersion: v2\nname: annotations\nversion: 1.0.0\nannotations: {a: [1]}\n",
        "apiVersion: v2\nname: import\nversion: 1.0.0\ndependencies: [{name: a, import-values: x}]\n",
        "name: Name\nName: other\nVERSION: 1\n",
    ]

    /// Every Chart.yaml and requirements.yaml of the corpus.
    static func corpusDocuments() throws -> [String] {
        try CorpusCase.all().flatMap { c in
            Txtar(parsing: try String(contentsOf: c.archive, encoding: .utf8)).files
                .filter { $0.name.hasSuffix("Chart.yaml") || $0.name.hasSuffix("requirements.yaml") }
                .map(\.content)
        }
    }

    static func check(_ text: String) {
        guard case .map(let map)? = try? HelmYAML.parseAny(text, target: ChartLoader.metadataTarget) else { return }
        guard let fields = ChartLoader.plainMetadataFields(map) else { return }
        let fast = ChartMetadata(fields)
        #expect(throws: Never.self) {
            let exact = try ChartLoader().metadata(from: map, file: "Chart.yaml")
            for isRoot in [false, true] {
                #expect(
                    GoFormat.describe(.map(fast.asTemplateMap(isRoot: isRoot)))
                        == GoFormat.describe(.map(exact.asTemplateMap(isRoot: isRoot))), "\(text)")
            }
        }
    }

    @Test func handWrittenDocumentsMatchExactDecoding() {
        for text in Self.documents { Self.check(text) }
        // The first two take the fast path.
        for text in Self.documents.prefix(2) {
            guard case .map(let map)? = try? HelmYAML.parseAny(text, target: ChartLoader.metadataTarget) else {
                Issue.record("not a map: \(text)")
                continue
            }
            #expect(ChartLoader.plainMetadataFields(map) != nil)
        }
    }

    @Test func corpusDocumentsMatchExactDecoding() throws {
        let documents = try Self.corpusDocuments()
        #expect(documents.count > 100)
        for text in documents { Self.check(text) }
    }
}
