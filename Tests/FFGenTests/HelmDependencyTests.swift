import FFGenTestSupport
import Foundation
@testable import HelmEngine
import Testing
import Values

/// Version constraints and dependency processing. Expected results come from Helm v4.2.3 (the oracle):
/// constraints were checked as a chart `kubeVersion` against Kubernetes v1.36.0 (the helm-kubeversion table), and the dependency cases
/// render the helm-unit chart `d1` (two aliases of `sub`, one without a version, and an `other` whose version does
/// not fit); both are tables recorded by scripts/oracle/record_tables.py.
@Suite("Helm dependencies")
struct HelmDependencyTests {
    /// Rows of Tests/Fixtures/tables/helm-kubeversion.json: a constraint is compatible when Helm rendered the chart.
    static let constraints: [(String, Bool)] = OracleTable.load("helm-kubeversion").rows.map { ($0["constraint"], $0.output != nil) }

    @Test(arguments: constraints)
    func kubeVersionConstraint(_ constraint: String, _ compatible: Bool) {
        #expect(SemanticVersion.isCompatible(constraint: constraint, "v1.36.0") == compatible)
    }

    /// A plain `1.2.3` constraint is compared directly; it must decide as `=1.2.3`, which takes the general path.
    @Test(arguments: [
        ("1.0.0", "1.0.0"), ("1.0.0", "1.0.1"), ("1.2.3", "1.2.3-rc.1"), ("1.2.3", "v1.2.3"), ("0.1.0", "0.1"),
        ("10.20.30", "10.20.30"), ("1.0.0", "1.0.0+build.5"), ("01.2.3", "1.2.3"), ("1.2.3", "1.2.3.4"),
    ])
    func plainVersionConstraint(_ constraint: String, _ version: String) {
        #expect(
            SemanticVersion.isCompatible(constraint: constraint, version)
                == SemanticVersion.isCompatible(constraint: "=" + constraint, version))
    }

    /// The helm-unit chart `d1`: two aliases of `sub` (one without a version, one with a condition and a tag) and an
    /// `other` whose version does not fit.
    static func d1() throws -> Chart {
        try ChartLoader().load(directory: Fixtures.root.appendingPathComponent("helm-unit/d1/chart").path)
    }

    struct Case: CustomStringConvertible, Sendable {
        var user: String
        var subcharts: [String]
        var rootValues: String
        var dependencyNames: [String]
        var description: String { user }
    }

    /// Rows of Tests/Fixtures/tables/helm-dependencies.json, read from what Helm printed: the subcharts that rendered
    /// (their `# Source:` lines), and the root template's `# root {{ .Values }} {{ toJson .Chart.Dependencies }}`.
    static let cases: [Case] = OracleTable.load("helm-dependencies").rows.map { row in
        let lines = (row.output ?? "ERROR: " + (row.error ?? "")).split(separator: "\n")
        let subcharts = lines.compactMap { line -> String? in
            guard line.hasPrefix("# Source: "), let end = line.range(of: "/templates/") else { return nil }
            let chart = String(line[line.index(line.startIndex, offsetBy: "# Source: ".count)..<end.lowerBound])
            return chart == "d1" ? nil : chart
        }
        let root = lines.first { $0.hasPrefix("# root ") }.map { String($0.dropFirst("# root ".count)) } ?? ""
        let split = root.range(of: " [", options: .backwards)
        let values = split.map { String(root[..<$0.lowerBound]) } ?? root
        let dependencies = split.map { String(root[root.index(after: $0.lowerBound)...]) } ?? "[]"
        let decoded = (try? JSONSerialization.jsonObject(with: Data(dependencies.utf8))) as? [[String: Any]]
        return Case(
            user: row["user"], subcharts: subcharts, rootValues: values,
            dependencyNames: decoded?.compactMap { $0["Name"] as? String } ?? ["(unreadable: \(root))"])
    }

    @Test(arguments: cases)
    func conditionsTagsAndAliases(_ c: Case) throws {
        let user = try TestJSON.map(c.user)
        let chart = try Dependencies.process(try Self.d1(), values: user)
        #expect(chart.dependencies.map(\.fullPath) == c.subcharts)
        #expect(chart.metadata.dependencies.map(\.name) == c.dependencyNames)
        #expect(chart.metadata.dependencies.allSatisfy { $0.enabled })
        let values = try Coalesce.values(chart: chart, overrides: user, mode: .coalesce)
        #expect(GoFormat.describe(.map(values)) == c.rootValues)
    }

    /// The oracle's binding words this check its own way: the recorded helm-missing-dependency table gives the
    /// message of Helm's action.CheckDependencies (after the SDK's own prefix); the prefix here is `helm template`'s,
    /// from Helm's `pkg/cmd/install.go` (runInstall).
    @Test func missingSubchartDirectory() throws {
        let recorded = OracleTable.load("helm-missing-dependency").rows.first?.error
        let check = recorded?.range(of: ": ").map { String(recorded?[$0.upperBound...] ?? "") }
        #expect(check?.hasPrefix("found in Chart.yaml") == true)
        let chart = try ChartLoader().load(
            directory: Fixtures.root.appendingPathComponent("tables/charts/missing-dependency").path)
        do {
            _ = try HelmRenderer().render(chart: chart, values: ValueMap(), options: RenderOptions(releaseName: "rel"))
            Issue.record("rendered")
        } catch let error as HelmError {
            #expect(
                error.helmDescription
                    == "an error occurred while checking for chart dependencies. You may need to run 'helm dependency build' "
                    + "to fetch missing dependencies: " + (check ?? "(no recorded message)"))
        }
    }
}
