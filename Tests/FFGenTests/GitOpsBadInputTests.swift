import Foundation
import GitOps
import HelmEngine
import Testing

/// Bad inputs: each must fail with an error naming the environment, the Application chain, the chart and (for
/// template errors) the template and line, and must leave the generated tree untouched.
@Suite struct GitOpsBadInputTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        /// Breaks a scratch copy of the repository (charts + ff-test-a + cuh-prod-1).
        var breakRepository: @Sendable (ScratchRepository) throws -> Void
        var code: GitOpsError.Code
        /// Fragments the error's description must contain.
        var fragments: [String]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "broken values file",
            breakRepository: { try $0.write("ffnodes/fitfile/ff-test-a/values.yaml", "deploy:\n  certManager: [true\n") },
            code: .render,
            fragments: [
                "in environment fitfile/ff-test-a, application ff-test-a, chart charts/ffnode:",
                "failed to parse ffnodes/fitfile/ff-test-a/values.yaml",
            ]),
        Case(
            name: "schema violation",
            breakRepository: {
                try $0.edit(
                    "ffnodes/fitfile/ff-test-a/values.yaml", replacing: #"dnsNames: ["storybook.fitfile.net"]"#,
                    with: #"dnsName: ["storybook.fitfile.net"]"#)
            },
            code: .render,
            fragments: [
                "in environment fitfile/ff-test-a, application ff-test-a, chart charts/ffnode:",
                "values don't meet the specifications of the schema(s) in the following chart(s):",
                "- at '/certs/certificates/5': missing property 'dnsNames'",
                "values from (lowest precedence first): charts/ffnode/values.yaml < "
                    + "ffnodes/fitfile/ff-test-a/values.yaml",
            ]),
        Case(
            name: "template error",
            breakRepository: {
                try $0.edit(
                    "charts/certs/templates/certificate.yaml", replacing: "secretName: {{ .secretName }}",
                    with: "secretName: {{ required \"each certificate needs secretName\" .secretNam }}")
            },
            code: .render,
            fragments: [
                "in environment fitfile/ff-test-a, application ff-test-a → certificates, chart charts/certs:",
                "charts/certs/templates/certificate.yaml:17:",
                "each certificate needs secretName",
            ]),
        Case(
            name: "Application pointing at a missing chart path",
            breakRepository: {
                try $0.edit(
                    "charts/ffnode/templates/certificates-application.yaml", replacing: "path: charts/certs",
                    with: "path: charts/certificates")
            },
            code: .chartPath,
            fragments: [
                "in environment fitfile/ff-test-a, application ff-test-a → certificates, chart charts/certificates:",
                "Application certificates points at charts/certificates, which does not exist in this repository",
            ]),
        Case(
            name: "Application pointing at a folder that is not a chart",
            breakRepository: {
                try $0.write("manifests/README.md", "plain manifests\n")
                try $0.edit(
                    "charts/ffnode/templates/certificates-application.yaml", replacing: "path: charts/certs",
                    with: "path: manifests")
            },
            code: .chartPath,
            fragments: ["Application certificates points at manifests, which is not a Helm chart (no Chart.yaml)"]),
        Case(
            name: "Application pointing outside the repository",
            breakRepository: {
                try $0.edit(
                    "charts/ffnode/templates/certificates-application.yaml", replacing: "path: charts/certs",
                    with: "path: ../elsewhere")
            },
            code: .chartPath,
            fragments: ["Application certificates points at ../elsewhere, outside the repository"]),
        Case(
            name: "Application with a mistyped field",
            breakRepository: {
                try $0.edit(
                    "charts/ffnode/templates/certificates-application.yaml", replacing: "path: charts/certs",
                    with: "path: [charts/certs]")
            },
            code: .application,
            fragments: [
                "ffnode/templates/certificates-application.yaml: Application field spec.source.path must be a string"
            ]),
        Case(
            name: "a missing values file of an Application",
            breakRepository: {
                try $0.edit(
                    "charts/ffnode/templates/certificates-application.yaml", replacing: "releaseName: certificates",
                    with: "releaseName: certificates\n      valueFiles: [values-prod.yaml]")
            },
            code: .valueFile,
            fragments: [
                "Application certificates: values file values-prod.yaml (charts/certs/values-prod.yaml) does not exist"
            ]),
        Case(
            name: "an environment named with --env that does not exist",
            breakRepository: { try $0.remove("ffnodes/eoe/cuh-prod-1") },
            code: .environment,
            fragments: ["no environment eoe/cuh-prod-1: expected ffnodes/eoe/cuh-prod-1/values.yaml"]),
    ]

    @Test(arguments: cases) func failsWithoutTouchingTheTree(_ testCase: Case) throws {
        let repository = try ScratchRepository()
        try repository.renderTree()
        let before = repository.snapshot()
        // ff-test-a: root, cert-manager and certificates Applications, 2 ClusterIssuers, 1 VaultStaticSecret,
        // 6 Certificates and the issuer key's Role and RoleBinding; cuh-prod-1: its root Application; and the
        // ownership record.
        #expect(before.count == 16)
        try testCase.breakRepository(repository)
        let selection = testCase.code == .environment ? ["eoe/cuh-prod-1"] : []
        do {
            try repository.renderTree(selection)
            Issue.record("expected \(testCase.code)")
        } catch let error as GitOpsError {
            #expect(error.code == testCase.code, "\(error)")
            for fragment in testCase.fragments {
                #expect(error.description.contains(fragment), "missing \(fragment) in:\n\(error)")
            }
        }
        #expect(repository.snapshot() == before)
    }

    @Test func cycleIsReported() throws {
        let repository = try ScratchRepository(fixture: "cycle")
        #expect {
            try repository.renderTree()
        } throws: { error in
            guard let error = error as? GitOpsError else { return false }
            return error.code == .cycle
                && error.description.contains("in environment org/env, application env → a → back, chart charts/ffnode")
                && error.description.contains(
                    "Applications render each other in a loop: env (charts/ffnode) → a (charts/a) → back (charts/ffnode)")
        }
        #expect(repository.snapshot("generated").isEmpty)
    }

    @Test func foreignFilesInTheOutputFolderAreRefused() throws {
        let repository = try ScratchRepository()
        try repository.write("generated/notes.txt", "mine\n")
        #expect {
            try repository.renderTree()
        } throws: { error in
            guard let error = error as? GitOpsError else { return false }
            return error.code == .foreignFile && error.description.contains("1 file(s) ffgen did not write: notes.txt")
        }
        #expect(repository.snapshot() == ["notes.txt": "mine\n"])
    }

    @Test func aForeignFileInTheWayIsNeverOverwritten() throws {
        let repository = try ScratchRepository()
        let path = "generated/fitfile/ff-test-a/certificates/argocd/certificate-argocd.yaml"
        try repository.write(path, "# hand-made\n")
        #expect(throws: GitOpsError.self) { try repository.renderTree() }
        #expect(repository.read(path) == "# hand-made\n")
        #expect(try repository.check().contains(TreeWriter.Difference(kind: .foreign, path: String(path.dropFirst(10)))))
    }

    @Test func oneBrokenEnvironmentStopsTheWholeRun() throws {
        let repository = try ScratchRepository(environments: ["fitfile/ff-test-a", "fitfile/ff-a"])
        try repository.write("ffnodes/fitfile/ff-a/values.yaml", "deploy: {certManager: \"yes\"}\n")
        #expect(throws: GitOpsError.self) { try repository.renderTree() }
        #expect(repository.snapshot().isEmpty)
    }

    @Test func unknownSettingInFFGenYAML() throws {
        let repository = try ScratchRepository()
        try repository.write("ffgen.yaml", "outputs: somewhere\n")
        #expect {
            _ = try repository.config
        } throws: { error in
            (error as? GitOpsError)?.description.contains("ffgen.yaml: unknown setting outputs") ?? false
        }
    }
}
