import FFGenTestSupport
@testable import HelmEngine
import Testing
import Values

/// Version constraints and dependency processing. Expected results come from Helm v4.2.3 (the oracle):
/// constraints were checked as a chart `kubeVersion` against Kubernetes v1.36.0 (the helm-kubeversion table), and the dependency cases
/// render the chart `d1` (two aliases of `sub`, one without a version, and an `other` whose version does not fit).
@Suite("Helm dependencies")
struct HelmDependencyTests {
    /// Rows of Tests/Fixtures/tables/helm-kubeversion.json: a constraint is compatible when Helm rendered the chart.
    static let constraints: [(String, Bool)] = OracleTable.load("helm-kubeversion").rows.map { ($0["constraint"], $0.output != nil) }

    @Test(arguments: constraints)
    func kubeVersionConstraint(_ constraint: String, _ compatible: Bool) {
        #expect(SemanticVersion.isCompatible(constraint: constraint, "v1.36.0") == compatible)
    }

    static func d1() throws -> Chart {
        func meta(_ name: String, _ version: String) -> ChartMetadata {
            var m = ChartMetadata()
            m.apiVersion = "v2"
            m.name = name
            m.version = version
            return m
        }
        var root = meta("d1", "1.0.0")
        root.dependencies = [
            ChartDependency(name: "sub", alias: "first"),
            ChartDependency(
                name: "sub", version: ">=0.1.0", condition: "second.on,global.secondOn", tags: ["t1"], alias: "second"),
            ChartDependency(name: "other", version: "9.9.9", condition: "other.enabled"),
        ]
        let sub = Chart(metadata: meta("sub", "0.1.0"), values: try TestJSON.map(#"{"v":"subdefault"}"#))
        let other = Chart(metadata: meta("other", "0.2.0"))
        return Chart(
            metadata: root, values: try TestJSON.map(#"{"first":{"v":"f"},"other":{"enabled":false}}"#),
            dependencies: [other, sub]
        ).reparented(under: nil)
    }

    struct Case: CustomStringConvertible, Sendable {
        var user: String
        var subcharts: [String]
        var rootValues: String
        var dependencyNames: [String]
        var description: String { user }
    }

    static let cases: [Case] = [
        Case(
            user: "{}", subcharts: ["d1/charts/second"],
            rootValues: "map[first:map[v:f] other:map[enabled:false] second:map[global:map[] v:subdefault]]",
            dependencyNames: ["first", "second"]),
        Case(
            user: #"{"tags":{"t1":false}}"#, subcharts: [],
            rootValues: "map[first:map[v:f] other:map[enabled:false] tags:map[t1:false]]", dependencyNames: ["first"]),
        Case(
            user: #"{"tags":{"t1":false},"global":{"secondOn":true}}"#, subcharts: ["d1/charts/second"],
            rootValues: "map[first:map[v:f] global:map[secondOn:true] other:map[enabled:false] "
                + "second:map[global:map[secondOn:true] v:subdefault] tags:map[t1:false]]",
            dependencyNames: ["first", "second"]),
        Case(
            user: #"{"second":{"on":false},"global":{"secondOn":true}}"#, subcharts: [],
            rootValues: "map[first:map[v:f] global:map[secondOn:true] other:map[enabled:false] second:map[on:false]]",
            dependencyNames: ["first"]),
    ]

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

    /// The oracle's binding words this check its own way; the text here is `helm template`'s (cmd/install.go).
    @Test func missingSubchartDirectory() throws {
        var meta = ChartMetadata()
        meta.apiVersion = "v2"
        meta.name = "md"
        meta.version = "1.0.0"
        meta.dependencies = [ChartDependency(name: "nothere", version: "1.0.0")]
        do {
            _ = try HelmRenderer().render(chart: Chart(metadata: meta), values: ValueMap(), options: RenderOptions(releaseName: "rel"))
            Issue.record("rendered")
        } catch let error as HelmError {
            #expect(
                error.helmDescription
                    == "an error occurred while checking for chart dependencies. You may need to run 'helm dependency build' "
                    + "to fetch missing dependencies: found in Chart.yaml, but missing in charts/ directory: nothere")
        }
    }
}
