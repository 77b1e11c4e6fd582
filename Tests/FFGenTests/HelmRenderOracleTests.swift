import Foundation
import HelmEngine
import Testing
import Values

/// End-to-end renders of the charts under Tests/Fixtures/helm-unit. Each case's `expected.txt` was recorded
/// with Helm v4.2.3 by `scripts/oracle/record_helm_unit.py` (the oracle): the release manifest as `helm template rel chart` prints it
/// (hooks excluded, as the oracle returns the manifest only), or `ERROR: ` and Helm's message.
@Suite("Helm render (oracle fixtures)")
struct HelmRenderOracleTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/helm-unit")

    static var cases: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        return names.filter { FileManager.default.fileExists(atPath: root.appendingPathComponent("\($0)/expected.txt").path) }
            .sorted()
    }

    /// Fixtures with a known difference from Helm (none at present; list a name with its reason here).
    static let knownIssues: Set<String> = []

    @Test(arguments: cases)
    func render(_ name: String) throws {
        if Self.knownIssues.contains(name) {
            withKnownIssue { try renderAndCompare(name) }
        } else {
            try renderAndCompare(name)
        }
    }

    private func renderAndCompare(_ name: String) throws {
        let dir = Self.root.appendingPathComponent(name)
        let expected = try String(contentsOf: dir.appendingPathComponent("expected.txt"), encoding: .utf8)
        let renderer = HelmRenderer()
        let actual: String
        do {
            var values = ValueMap()
            if let json = FileManager.default.contents(atPath: dir.appendingPathComponent("values.json").path),
                case .map(let m) = try renderer.codecs.jsonDocument(String(decoding: json, as: UTF8.self))
            {
                values = m
            }
            var options = RenderOptions(releaseName: "rel")
            options.disableHooks = true
            let chart = try ChartLoader(codecs: renderer.codecs).load(directory: dir.appendingPathComponent("chart").path)
            actual = try renderer.render(chart: chart, values: values, options: options).stdout
        } catch let error as HelmError {
            actual = "ERROR: " + error.helmDescription + "\n"
        }
        #expect(actual == expected)
    }
}
