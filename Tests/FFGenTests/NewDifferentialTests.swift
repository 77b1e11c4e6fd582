import Foundation
import GitOps
import Testing
import Values

/// `ffgen new` against real Helm: each case's environment, created in memory, renders exactly what Helm v4 renders
/// (the ArgoCD way) for the values file `ffgen new` wrote.
///
/// Tests/Fixtures/new/record.py records Tests/Fixtures/new/expected/<case>/ with the built ffgen and helm_python:
/// `values.yaml` (the snapshot of the scaffold's output), `_root.json` and one `<application>.yaml` per rendered
/// Application (Helm's `helm template` output).
@Suite struct NewDifferentialTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var arguments: [String]
        var testDescription: String { name }
        var expected: String { gitOpsPackageRoot + "/Tests/Fixtures/new/expected/" + name }
    }

    // Keep in step with CASES in Tests/Fixtures/new/record.py.
    static let cases: [Case] = [
        Case(name: "letsencrypt-staging", arguments: ["fitfile/ff-test-b", "--domain", "fitfile.net"]),
        Case(
            name: "letsencrypt-prod",
            arguments: [
                "fitfile/ff-prod-2", "--domain", "example.org", "--vault-path", "infra/cloudflare",
                "--certificate", "grafana=monitoring:grafana.example.org,metrics.example.org",
            ]),
        Case(
            name: "aws-pca",
            arguments: [
                "eoe/cuh-pca-2", "--issuer", "aws-pca", "--pca-arn", newTestPCA, "--region", "eu-west-1",
                "--domain", "internal.fitfile.net",
            ]),
        Case(name: "no-cert-manager", arguments: ["eoe/cuh-prod-2", "--no-cert-manager"]),
        Case(name: "from-ff-a", arguments: ["fitfile/ff-b", "--from", "fitfile/ff-a"]),
        Case(
            name: "from-ff-test-a",
            arguments: ["fitfile/ff-test-d", "--from", "fitfile/ff-test-a", "--issuer", "letsencrypt-prod"]),
        Case(name: "from-cuh-pca-1", arguments: ["eoe/cuh-pca-3", "--from", "eoe/cuh-pca-1", "--domain", "pca.fitfile.net"]),
    ]

    @Test(arguments: cases) func rendersWhatHelmRenders(_ testCase: Case) throws {
        let repository = try newScratchRepository()
        let config = try RepositoryConfig.load(root: repository.root)
        let plan = try Scaffolder(config: config).plan(try newOptions(testCase.arguments))

        let snapshot = try String(contentsOfFile: testCase.expected + "/values.yaml", encoding: .utf8)
        #expect(plan.valuesText == snapshot)
        // The chart schema accepts the values (Helm validated them when the expected output was recorded).
        #expect(try HelmYAML.parseValues(plan.valuesText).count > 0)

        let render = try #require(plan.render.environments.first)
        let names = try FileManager.default.contentsOfDirectory(atPath: testCase.expected).sorted()
        let applications = names.filter { $0.hasSuffix(".yaml") && $0 != "values.yaml" }.map { String($0.dropLast(5)) }
        #expect(Set(render.renderedApplications) == Set(applications))
        for application in applications {
            let text = try String(contentsOfFile: testCase.expected + "/\(application).yaml", encoding: .utf8)
            let got = render.objects.filter { $0.application == application }.map(\.content)
            #expect(got == GitOpsDifferentialTests.expectedFiles(text), "application \(application)")
        }
        let expectedRoot = try GoJSON.unmarshal(try String(contentsOfFile: testCase.expected + "/_root.json", encoding: .utf8))
        let root = try #require(render.objects.first { $0.application == RenderedObject.rootFolder })
        #expect(try HelmYAML.parseAny(root.content).deepEquals(expectedRoot))
    }

    /// Writing the planned environment leaves a tree that `ffgen render --check` finds up to date, and rendering
    /// again changes nothing.
    @Test(arguments: cases) func writtenEnvironmentPassesRenderCheck(_ testCase: Case) throws {
        let repository = try newScratchRepository()
        _ = try repository.renderTree()
        let config = try RepositoryConfig.load(root: repository.root)
        let scaffolder = Scaffolder(config: config)
        let plan = try scaffolder.plan(try newOptions(testCase.arguments))
        let written = try scaffolder.write(plan)
        #expect(written.create.count == plan.objectLines.count)
        #expect(repository.read(plan.environment.valuesFile) == plan.valuesText)
        #expect(try repository.check() == [])
        #expect(try repository.renderTree().isUpToDate)
    }
}
