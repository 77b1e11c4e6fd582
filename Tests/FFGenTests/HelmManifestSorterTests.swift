import FFGenTestSupport
import Foundation
import HelmEngine
import Testing

/// Document splitting, hook classification and install ordering, on the helm-unit fixture `s1` and what Helm v4.2.3
/// rendered for it.
@Suite("Helm manifest sorter")
struct HelmManifestSorterTests {
    /// The helm-unit fixture `s1`, whose expected.txt scripts/oracle/record_helm_unit.py records.
    static let fixture = Fixtures.root.appendingPathComponent("helm-unit/s1")

    /// The chart's templates hold no actions, so each renders to its own text (JSON documents, which are YAML).
    static let files: [(path: String, content: String)] = ["_dir/b.yaml", "_hidden.yaml", "a.yaml", "empty.yaml", "sub/c.yaml", "z.yaml"]
        .map { name in
            let url = fixture.appendingPathComponent("chart/templates/\(name)")
            return ("s1/templates/\(name)", (try? String(contentsOf: url, encoding: .utf8)) ?? "(cannot read \(url.path))")
        }

    /// `helm template` stdout without hooks (the oracle returns the release manifest, which excludes them).
    static let expected = (try? String(contentsOf: fixture.appendingPathComponent("expected.txt"), encoding: .utf8))
        ?? "(cannot read helm-unit/s1/expected.txt)"

    @Test func fullStream() throws {
        let (hooks, manifests) = try ManifestSorter.sort(files: Self.files, codecs: TestJSON.codecs)
        #expect(ManifestSorter.templateOutput(manifests: manifests, hooks: []) == Self.expected)
        // The pre-install Service is a hook; the document with an unknown hook event is dropped.
        #expect(hooks.map(\.manifest.name) == ["hook"])
        #expect(hooks.first?.events == ["pre-install"])
        #expect(!manifests.contains { $0.name == "bad" })
        #expect(manifests.first { $0.kind == "Deployment" }?.name == "d")
    }

    @Test func hooksFollowTheTrimmedManifest() throws {
        let (hooks, manifests) = try ManifestSorter.sort(files: Self.files, codecs: TestJSON.codecs)
        let out = ManifestSorter.templateOutput(manifests: manifests, hooks: hooks)
        #expect(out.hasSuffix("{\"kind\":\"ClusterIssuer\"}\n---\n# Source: s1/templates/sub/c.yaml\n" + (hooks.first?.manifest.content ?? "") + "\n"))
    }

    @Test func emptyRenderPrintsNewline() throws {
        let (hooks, manifests) = try ManifestSorter.sort(files: [("c/templates/a.yaml", "\n")], codecs: TestJSON.codecs)
        #expect(ManifestSorter.templateOutput(manifests: manifests, hooks: hooks) == "\n")
    }

    struct SplitCase: CustomStringConvertible, Sendable {
        var input: String
        var documents: [String]
        var description: String { input.debugDescription }
    }

    /// Rows derived from the framing in s1's recorded `expected.txt` (each input is a template of s1 and its
    /// documents are the ones Helm printed for it); Helm's SplitManifests is not reachable through the oracle alone.
    static let splitCases: [SplitCase] = [
        SplitCase(input: "---\n---\n{\"kind\":\"Role\"}\n\n\n", documents: ["---\n{\"kind\":\"Role\"}\n\n\n"]),
        SplitCase(input: "a\n--- # c\nb", documents: ["a", "# c\nb"]),
        SplitCase(input: "a\n---b\n  ---\n---\n\n---\nc\n", documents: ["a", "b\n  ---", "---\nc\n"]),
        SplitCase(input: "\n\n  d\n\n\n---\ns", documents: ["d", "s"]),
        SplitCase(input: "  \n\n", documents: []),
    ]

    @Test(arguments: splitCases)
    func split(_ c: SplitCase) {
        #expect(ManifestSorter.splitManifests(c.input) == c.documents)
    }
}
