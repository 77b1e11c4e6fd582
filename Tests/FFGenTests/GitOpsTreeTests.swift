import Foundation
import GitOps
import Testing

/// The generated tree: ownership, stale files, `--check`, determinism, paths.
@Suite struct GitOpsTreeTests {
    @Test func secondRunChangesNothing() throws {
        let repository = try ScratchRepository()
        let first = try repository.renderTree()
        #expect(first.create.count == 15)
        let second = try repository.renderTree()
        #expect(second.isUpToDate)
        #expect(second.unchanged.count == 15)
        #expect(try repository.check() == [])
    }

    @Test func staleFilesOfARemovedEnvironmentAreRemoved() throws {
        let repository = try ScratchRepository()
        try repository.renderTree()
        try repository.remove("ffnodes/fitfile/ff-test-a")
        let plan = try repository.renderTree()
        #expect(plan.remove.count == 14)
        #expect(plan.remove.allSatisfy { $0.hasPrefix("fitfile/ff-test-a/") })
        #expect(repository.snapshot().keys.sorted() == [
            ".ffgen-owned", "eoe/cuh-prod-1/_root/argocd/application-cuh-prod-1.yaml",
        ])
        // Emptied folders go too.
        #expect(!FileManager.default.fileExists(atPath: repository.root + "/generated/fitfile"))
    }

    @Test func staleObjectsOfAnEnvironmentAreRemoved() throws {
        let repository = try ScratchRepository()
        try repository.renderTree()
        try repository.edit(
            "ffnodes/fitfile/ff-test-a/values.yaml", replacing: "deploy:\n  certManager: true",
            with: "deploy:\n  certManager: false")
        #expect(try repository.check().map(\.kind).contains(.stale))
        let plan = try repository.renderTree()
        #expect(plan.remove.count == 13)  // all of ff-test-a but its root Application
        #expect(plan.update == [])
    }

    @Test func checkListsMissingStaleOutdatedAndHandEditedFiles() throws {
        let repository = try ScratchRepository()
        try repository.renderTree()
        let base = "fitfile/ff-test-a/certificates/"
        try repository.remove("generated/" + base + "argocd/certificate-argocd.yaml")
        try repository.edit(
            "generated/" + base + "storybook/certificate-storybook.yaml", replacing: "cloudflare-tls",
            with: "my-tls")
        try repository.edit(
            "ffnodes/fitfile/ff-test-a/values.yaml", replacing: "staging-argo-workflows.fitfile.net",
            with: "workflows.fitfile.net")
        try repository.edit("ffnodes/fitfile/ff-test-a/values.yaml", replacing: "- name: fitfile-ff-test-c", with: "- name: fitfile-ff-test-d")
        let differences = try repository.check()
        #expect(differences.map(\.description) == [
            "out of date: fitfile/ff-test-a/certificates/argo/certificate-argo-workflows.yaml",
            "missing: fitfile/ff-test-a/certificates/argocd/certificate-argocd.yaml",
            "stale: fitfile/ff-test-a/certificates/ff-test-c/certificate-fitfile-ff-test-c.yaml",
            "missing: fitfile/ff-test-a/certificates/ff-test-c/certificate-fitfile-ff-test-d.yaml",
            "hand-edited: fitfile/ff-test-a/certificates/storybook/certificate-storybook.yaml",
            "out of date: fitfile/ff-test-a/ff-test-a/argocd/application-certificates.yaml",
        ])
        let plan = try repository.renderTree()
        #expect(plan.handEdited == [base + "storybook/certificate-storybook.yaml"])
        #expect(try repository.check() == [])
    }

    @Test func checkWritesNothing() throws {
        let repository = try ScratchRepository()
        let differences = try repository.check()
        #expect(differences.count == 15)
        #expect(differences.allSatisfy { $0.kind == .missing })
        #expect(!FileManager.default.fileExists(atPath: repository.root + "/generated"))
    }

    @Test func renderingOneEnvironmentLeavesTheOthersAlone() throws {
        let repository = try ScratchRepository()
        try repository.renderTree()
        try repository.remove("ffnodes/fitfile/ff-test-a")
        // Only cuh-prod-1 is in scope: ff-test-a's files are not stale for this run.
        let plan = try repository.renderTree(["eoe/cuh-prod-1"])
        #expect(plan.remove == [])
        #expect(repository.snapshot().count == 16)
    }

    @Test func outputIsDeterministicAcrossRunsAndThreadCounts() throws {
        let repository = try ScratchRepository(environments: ["fitfile/ff-test-a", "fitfile/ff-a", "eoe/cuh-pca-1"])
        let serial = try repository.render(threads: 1)
        let parallel = try repository.render(threads: 2)
        #expect(serial.files == parallel.files)
        try repository.renderTree()
        let first = repository.snapshot()
        try repository.remove("generated")
        try repository.renderTree()
        #expect(repository.snapshot() == first)
        let record = try #require(first[".ffgen-owned"])
        #expect(record.hasPrefix("# Files written by `ffgen render`"))
        #expect(record.split(separator: "\n").count == 1 + first.count - 1)
    }

    @Test func aCorruptOwnershipRecordIsAnError() throws {
        let repository = try ScratchRepository()
        try repository.renderTree()
        try repository.write("generated/.ffgen-owned", "not a record\n")
        #expect {
            try repository.renderTree()
        } throws: { error in (error as? GitOpsError)?.code == .ownership }
    }

    struct PathCase: Sendable, CustomTestStringConvertible {
        var application: String, namespace: String, kind: String, name: String, path: String
        var testDescription: String { path }
    }

    @Test(arguments: [
        PathCase(application: "certificates", namespace: "argocd", kind: "Certificate", name: "argocd",
                 path: "o/e/certificates/argocd/certificate-argocd.yaml"),
        PathCase(application: "certificates", namespace: "", kind: "ClusterIssuer", name: "letsencrypt-prod",
                 path: "o/e/certificates/_cluster/clusterissuer-letsencrypt-prod.yaml"),
        PathCase(application: "a", namespace: "n", kind: "ConfigMap", name: "../../etc/passwd",
                 path: "o/e/a/n/configmap-_._.._etc_passwd.yaml"),
        PathCase(application: "a", namespace: "n", kind: "Role", name: "system:controller:x",
                 path: "o/e/a/n/role-system_controller_x.yaml"),
        PathCase(application: "a", namespace: "n", kind: "K", name: "Ünïcode name",
                 path: "o/e/a/n/k-__n__code_name.yaml"),
    ]) func pathsUseSafeCharactersOnly(_ testCase: PathCase) {
        let path = RenderedObject.path(
            environment: "o/e", application: testCase.application, namespace: testCase.namespace,
            kind: testCase.kind, name: testCase.name)
        #expect(path == testCase.path)
    }

    @Test(arguments: [
        ("https://github.com/fitfile/ffnode-gitops.git", "github.com/fitfile/ffnode-gitops"),
        ("git@github.com:fitfile/ffnode-gitops.git", "github.com/fitfile/ffnode-gitops"),
        ("ssh://git@GitHub.com/fitfile/ffnode-gitops/", "github.com/fitfile/ffnode-gitops"),
        ("https://github.com/fitfile/ffnode-gitops", "github.com/fitfile/ffnode-gitops"),
    ]) func repositoryURLsAreNormalized(_ url: String, _ normalized: String) {
        #expect(RepositoryConfig.normalizeURL(url) == normalized)
    }
}
