import Foundation
import HelmEngine
import Testing

/// `helm template` options on top of the oracle fixtures: --show-only, --include-crds, hooks and --skip-tests.
/// Not from the oracle: the SDK returns only the release manifest and cannot express these options. The expectations
/// are derived from Helm's source, applied to the fixtures' recorded output: `pkg/cmd/template.go` (newTemplateCmd)
/// prints the trimmed manifest, then each hook as `---\n# Source: PATH\nMANIFEST\n` unless hooks are disabled or it is
/// a test hook under --skip-tests, and for --show-only re-splits that text with releaseutil.SplitManifests, keeps the
/// documents whose `# Source:` path matches, and fails with "could not find template F in chart" when none does;
/// `pkg/action/action.go` (renderResources) writes the chart's CRDs first when --include-crds is set.
@Suite("Helm template options")
struct HelmTemplateOptionsTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/helm-unit")

    static func render(_ name: String, _ configure: (inout RenderOptions) -> Void) throws -> String {
        var options = RenderOptions(releaseName: "rel")
        configure(&options)
        let chart = try ChartLoader().load(directory: fixtures.appendingPathComponent("\(name)/chart").path)
        return try HelmRenderer().render(chart: chart, values: .init(), options: options).stdout
    }

    /// The printed stream is split again with SplitManifests, whose separator swallows the blank lines before it.
    @Test func showOnlyKeepsMatchingDocumentsInOrder() throws {
        let out = try Self.render("s1") { $0.showOnly = ["templates/_dir/*"] }
        #expect(
            out == "---\n# Source: s1/templates/_dir/b.yaml\n{\"kind\":\"Secret\"}\n"
                + "---\n# Source: s1/templates/_dir/b.yaml\n{\"apiVersion\":\"v1\"}\n"
                + "---\n# Source: s1/templates/_dir/b.yaml\n{\"kind\":\"Certificate\"}\n"
                + "---\n# Source: s1/templates/_dir/b.yaml\n{\"kind\":\"ClusterIssuer\"}\n")
    }

    @Test func showOnlyWithoutMatchFails() {
        #expect(throws: HelmError.self) { try Self.render("s1") { $0.showOnly = ["templates/nope.yaml"] } }
    }

    @Test func includeCRDsPutsThemFirst() throws {
        let out = try Self.render("crds-dir") { $0.includeCRDs = true }
        #expect(out.hasPrefix("---\n# Source: crds-dir/crds/crd.yaml\napiVersion: apiextensions.k8s.io/v1\n"))
        #expect(out.hasSuffix("# Source: crds-dir/templates/cm.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n"))
    }

    @Test func hooksFollowTheManifestUnlessSkipped() throws {
        let all = try Self.render("notes-hooks") { _ in }
        #expect(all.hasSuffix("  name: a\n---\n# Source: x1/templates/a.yaml\napiVersion: v1\nkind: Pod\nmetadata:\n  name: t\n  annotations:\n    helm.sh/hook: test\n\n"))
        let skipped = try Self.render("notes-hooks") { $0.skipTests = true }
        #expect(skipped.hasSuffix("  name: a\n"))
    }
}
