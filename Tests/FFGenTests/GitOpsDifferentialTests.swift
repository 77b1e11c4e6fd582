import Foundation
import GitOps
import Testing
import Values

/// ffgen's render of whole repositories against real Helm rendering them the ArgoCD way.
///
/// Expected outputs are recorded by scripts/oracle/record_render.py (Helm v4.2.3 through helm_python) under
/// Tests/Fixtures/gitops/expected/<repository>/<org>/<env>/: `_root.json` (the root Application) and one
/// `<application>.yaml` per rendered Application (what `helm template` prints for its chart). Each object ffgen
/// writes must be byte-identical to Helm's document, in Helm's order.
@Suite struct GitOpsDifferentialTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var repository: String
        var environment: String
        var testDescription: String { "\(repository) \(environment)" }

        var root: String {
            repository == "repository" ? gitOpsPackageRoot : gitOpsPackageRoot + "/Tests/Fixtures/gitops/" + repository
        }
        var expected: String { gitOpsPackageRoot + "/Tests/Fixtures/gitops/expected/\(repository)/\(environment)" }
    }

    static let cases: [Case] = [
        Case(repository: "repository", environment: "fitfile/ff-test-a"),
        Case(repository: "repository", environment: "fitfile/ff-a"),
        Case(repository: "repository", environment: "eoe/cuh-prod-1"),
        Case(repository: "repository", environment: "eoe/cuh-pca-1"),
        Case(repository: "platform", environment: "acme/prod"),
        Case(repository: "platform", environment: "acme/dev"),
    ]

    /// Helm's stdout split into the file contents ffgen writes: `# Source:` line plus the trimmed document.
    static func expectedFiles(_ stdout: String) -> [String] {
        stdout.components(separatedBy: "---\n# Source: ").dropFirst().map { piece in
            let source = piece.prefix { $0 != "\n" }
            let document = piece.dropFirst(source.count + 1)
            return RenderedObject.fileContent(source: String(source), document: String(document))
        }
    }

    @Test(arguments: cases) func sameObjectsAsHelm(_ testCase: Case) throws {
        let config = try RepositoryConfig.load(root: testCase.root)
        let environment = try #require(try EnvironmentDiscovery.environments(config: config, selection: [testCase.environment]).first)
        let render = try AppOfApps(config: config).render(environment: environment)

        let manager = FileManager.default
        let names = try manager.contentsOfDirectory(atPath: testCase.expected).sorted()
        #expect(names.contains("_root.json"))
        var expectedApplications: [String] = []
        for name in names where name.hasSuffix(".yaml") {
            let application = String(name.prefix { $0 != "." })
            if !expectedApplications.contains(application) { expectedApplications.append(application) }
        }
        #expect(Set(render.renderedApplications) == Set(expectedApplications))

        for application in expectedApplications {
            var expected: [String] = []
            for name in names where name.hasSuffix(".yaml") && name.prefix(while: { $0 != "." }) == application {
                let text = try String(contentsOfFile: testCase.expected + "/" + name, encoding: .utf8)
                expected += Self.expectedFiles(text)
            }
            let got = render.objects.filter { $0.application == application }.map(\.content)
            #expect(got == expected, "application \(application)")
        }

        let rootJSON = try String(contentsOfFile: testCase.expected + "/_root.json", encoding: .utf8)
        let expectedRoot = try GoJSON.unmarshal(rootJSON)
        let root = try #require(render.objects.first { $0.application == RenderedObject.rootFolder })
        let gotRoot = try HelmYAML.parseAny(root.content)
        #expect(gotRoot.deepEquals(expectedRoot), "root Application:\n\(root.content)")
        #expect(render.objects.filter { $0.application == RenderedObject.rootFolder }.count == 1)
    }
}
