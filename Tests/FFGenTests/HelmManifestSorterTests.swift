import HelmEngine
import Testing

/// Document splitting, hook classification and install ordering. Expected outputs were rendered by Helm v4.2.3
/// (the oracle) from a chart `s1` whose templates are exactly the texts below (JSON documents, which are YAML).
@Suite("Helm manifest sorter")
struct HelmManifestSorterTests {
    static let files: [(path: String, content: String)] = [
        ("s1/templates/_dir/b.yaml", "{\"kind\":\"Secret\"}\n---\n{\"kind\":\"Certificate\"}\n---\n{\"kind\":\"ClusterIssuer\"}\n---\n{\"apiVersion\":\"v1\"}\n"),
        ("s1/templates/_hidden.yaml", "{\"kind\":\"Service\"}"),
        ("s1/templates/a.yaml", "\n\n  {\"kind\":\"Deployment\",\"metadata\":{\"name\":\"d\"}}\n\n\n---\n{\"kind\":\"Service\",\"metadata\":{\"name\":\"s\"}}\n--- # c\n{\"kind\":\"ConfigMap\"}\n---{\"kind\":\"Namespace\"}\n  ---\n---\n\n---\n{\"kind\":\"Application\",\"metadata\":{\"name\":\"app\"}}\n"),
        ("s1/templates/empty.yaml", "  \n\n"),
        ("s1/templates/sub/c.yaml", "{\"kind\":\"Service\",\"metadata\":{\"name\":\"hook\",\"annotations\":{\"helm.sh/hook\":\"pre-install\"}}}\n---\n{\"kind\":\"Job\",\"metadata\":{\"name\":\"bad\",\"annotations\":{\"helm.sh/hook\":\"bogus\"}}}\n---\n{\"kind\":\"Pod\",\"metadata\":{\"name\":\"ann\",\"annotations\":{\"x\":\"y\"}}}\n"),
        ("s1/templates/z.yaml", "---\n---\n{\"kind\":\"Role\"}\n\n\n"),
    ]

    /// `helm template` stdout without hooks (the oracle returns the release manifest, which excludes them).
    static let expected = "---\n# Source: s1/templates/a.yaml\n{\"kind\":\"Namespace\"}\n  ---\n---\n# Source: s1/templates/_dir/b.yaml\n{\"kind\":\"Secret\"}\n---\n# Source: s1/templates/a.yaml\n# c\n{\"kind\":\"ConfigMap\"}\n---\n# Source: s1/templates/z.yaml\n---\n{\"kind\":\"Role\"}\n\n\n\n---\n# Source: s1/templates/a.yaml\n{\"kind\":\"Service\",\"metadata\":{\"name\":\"s\"}}\n---\n# Source: s1/templates/sub/c.yaml\n{\"kind\":\"Pod\",\"metadata\":{\"name\":\"ann\",\"annotations\":{\"x\":\"y\"}}}\n\n---\n# Source: s1/templates/a.yaml\n{\"kind\":\"Deployment\",\"metadata\":{\"name\":\"d\"}}\n---\n# Source: s1/templates/_dir/b.yaml\n{\"apiVersion\":\"v1\"}\n\n---\n# Source: s1/templates/a.yaml\n---\n{\"kind\":\"Application\",\"metadata\":{\"name\":\"app\"}}\n\n---\n# Source: s1/templates/_dir/b.yaml\n{\"kind\":\"Certificate\"}\n---\n# Source: s1/templates/_dir/b.yaml\n{\"kind\":\"ClusterIssuer\"}\n"

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

    /// Rows follow from the framing in `expected` above (Helm v4.2.3 output).
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
