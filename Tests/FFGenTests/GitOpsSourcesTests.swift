import Foundation
import GitOps
import Testing
import Values

/// ArgoCD source features beyond the recorded differential cases: CRDs (`--include-crds` unless `skipCrds`),
/// hooks, `fileParameters`, external sources and the settings of a differently laid out repository.
@Suite struct GitOpsSourcesTests {
    static let crd = """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: widgets.example.com
        spec:
          group: example.com
        """
    static let hook = """
        apiVersion: batch/v1
        kind: Job
        metadata:
          name: migrate
          namespace: {{ .Release.Namespace }}
          annotations:
            helm.sh/hook: pre-install
        """

    func platform() throws -> ScratchRepository {
        let repository = try ScratchRepository(fixture: "platform")
        try repository.write("deploy/web/crds/widgets.yaml", Self.crd + "\n")
        try repository.write("deploy/web/templates/hook.yaml", Self.hook + "\n")
        return repository
    }

    func objects(_ repository: ScratchRepository, _ env: String = "acme/dev") throws -> [RenderedObject] {
        try #require(try repository.render([env]).environments.first).objects
    }

    @Test func crdsAndHooksAreKeptAsArgoCDKeepsThem() throws {
        let objects = try objects(try platform())
        let crd = try #require(objects.first { $0.kind == "CustomResourceDefinition" })
        #expect(crd.path == "acme/dev/web/_cluster/customresourcedefinition-widgets.example.com.yaml")
        #expect(crd.content == "# Source: web/crds/widgets.yaml\n" + Self.crd + "\n")
        let job = try #require(objects.first { $0.kind == "Job" })
        #expect(job.path == "acme/dev/web/web/job-migrate.yaml")
        #expect(job.content.contains("helm.sh/hook: pre-install"))
    }

    @Test func skipCrdsLeavesThemOut() throws {
        let repository = try platform()
        try repository.edit(
            "deploy/apps/templates/web.yaml", replacing: "      ignoreMissingValueFiles: true",
            with: "      ignoreMissingValueFiles: true\n      skipCrds: true")
        #expect(!(try objects(repository)).contains { $0.kind == "CustomResourceDefinition" })
    }

    @Test func fileParametersReadRepositoryFiles() throws {
        let repository = try platform()
        try repository.write("deploy/web/files/motd.txt", "welcome")
        try repository.edit(
            "deploy/apps/templates/web.yaml", replacing: "      parameters:",
            with: "      fileParameters:\n        - name: motd\n          path: files/motd.txt\n      parameters:")
        let settings = try #require(try objects(repository).first { $0.kind == "ConfigMap" })
        #expect(settings.content.contains("    motd: welcome\n"))
    }

    @Test func settingsOfADifferentlyLaidOutRepository() throws {
        let repository = try platform()
        let config = try repository.config
        #expect(config.environmentsDirectory == "clusters")
        #expect(config.appOfAppsChart == "deploy/apps")
        #expect(config.outputPath == repository.root + "/rendered")
        #expect(config.isThisRepository("https://github.com/acme/platform"))
        #expect(config.isThisRepository("https://GitHub.com/acme/platform.git"))
        #expect(!config.isThisRepository("https://github.com/acme/other"))
        let result = try repository.render()
        let root = try #require(result.environments.first { $0.environment.id == "acme/prod" }?.objects.first)
        let object = try parsedObject(root)
        #expect(root.path == "acme/prod/_root/gitops/application-prod.yaml")
        #expect(stringField(object, "spec.source.helm.releaseName") == "acme-prod")
        #expect(stringField(object, "spec.source.targetRevision") == "release")
        #expect(stringField(object, "spec.source.repoURL") == "git@github.com:acme/platform.git")
        #expect(stringField(object, "spec.project") == "platform")
        #expect(field(object, "spec.source.helm.valueFiles")?.listValue?.first?.stringValue
            == "../../clusters/acme/prod/values.yaml")
        let external = result.environments.flatMap(\.externalApplications)
        #expect(external.map(\.name) == ["ingress-nginx", "ingress-nginx"])
        #expect(external.first?.source == "https://kubernetes.github.io/ingress-nginx chart ingress-nginx@4.11.0")
    }

    @Test func withoutSettingsTheOriginRemoteIsThisRepository() throws {
        let repository = try ScratchRepository(environments: ["fitfile/ff-test-a"])
        try repository.write(".git/config", "[core]\n\tbare = false\n[remote \"origin\"]\n\turl = git@example.com:me/fork.git\n")
        let config = try repository.config
        #expect(config.repositoryURLs == [
            "https://github.com/fitfile/ffnode-gitops.git", "git@example.com:me/fork.git",
        ])
        #expect(config.targetRevision == "main")
        #expect(config.isThisRepository("https://example.com/me/fork"))
    }
}
