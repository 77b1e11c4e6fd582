import Foundation
import GitOps
import Testing
import Values

/// The seed's facts, checked on this repository's own environments rendered by `ffgen render`.
@Suite struct GitOpsSeedTests {
    static let result: Result<RepositoryRenderer.Result, any Error> = Result {
        let config = try RepositoryConfig.load(root: gitOpsPackageRoot)
        let environments = try EnvironmentDiscovery.environments(config: config)
        return try RepositoryRenderer(config: config).render(environments: environments)
    }

    func objects(_ env: String) throws -> [RenderedObject] {
        let result = try Self.result.get()
        return try #require(result.environments.first { $0.environment.id == env }).objects
    }

    @Test func discoversTheFourEnvironments() throws {
        let ids = try Self.result.get().environments.map(\.environment.id)
        #expect(ids == ["eoe/cuh-pca-1", "eoe/cuh-prod-1", "fitfile/ff-a", "fitfile/ff-test-a"])
    }

    @Test func ffTestAHasSixCertificatesWritingCloudflareTLSFromLetsEncryptProd() throws {
        let certificates = try objects("fitfile/ff-test-a").filter { $0.kind == "Certificate" }
        let expected: [(String, String)] = [
            ("argo-workflows", "argo"), ("argocd", "argocd"), ("fitfile-ff-test-a", "ff-test-a"),
            ("fitfile-ff-test-b", "ff-test-b"), ("fitfile-ff-test-c", "ff-test-c"), ("storybook", "storybook"),
        ]
        let got = certificates.map { ($0.name, $0.namespace) }.sorted { $0.0 < $1.0 }
        #expect(got.map(\.0) == expected.map(\.0))
        #expect(got.map(\.1) == expected.map(\.1))
        for certificate in certificates {
            let object = try parsedObject(certificate)
            #expect(certificate.application == "certificates")
            #expect(certificate.apiVersion == "cert-manager.io/v1")
            #expect(stringField(object, "spec.secretName") == "cloudflare-tls")
            #expect(stringField(object, "spec.issuerRef.name") == "letsencrypt-prod")
            #expect(stringField(object, "spec.issuerRef.kind") == "ClusterIssuer")
            #expect(certificate.path == "fitfile/ff-test-a/certificates/\(certificate.namespace)/certificate-"
                + "\(certificate.name).yaml")
        }
    }

    @Test func ffTestAHasBothClusterIssuers() throws {
        let issuers = try objects("fitfile/ff-test-a").filter { $0.kind == "ClusterIssuer" }
        #expect(issuers.map(\.name).sorted() == ["letsencrypt-prod", "letsencrypt-staging"])
        let servers = try issuers.sorted { $0.name < $1.name }.map { stringField(try parsedObject($0), "spec.acme.server") }
        #expect(servers == [
            "https://acme-v02.api.letsencrypt.org/directory",
            "https://acme-staging-v02.api.letsencrypt.org/directory",
        ])
        for issuer in issuers {
            #expect(issuer.namespace.isEmpty)
            #expect(issuer.path.hasPrefix("fitfile/ff-test-a/certificates/_cluster/clusterissuer-"))
        }
    }

    @Test func ffTestAVaultStaticSecretCarriesTheExactTemplate() throws {
        let secrets = try objects("fitfile/ff-test-a").filter { $0.kind == "VaultStaticSecret" }
        let secret = try #require(secrets.first)
        #expect(secrets.count == 1)
        #expect(secret.namespace == "cert-manager")
        #expect(secret.name == "cloudflare-issuer-api-token")
        let object = try parsedObject(secret)
        let templates = try #require(field(object, "spec.destination.transformation.templates")?.mapValue)
        #expect(stringField(templates, "api-token.text") == #"{{get .Secrets "api_token"}}"#)
        #expect(secret.content.contains(#"text: '{{get .Secrets "api_token"}}'"#))
    }

    @Test func ffTestAApplications() throws {
        let applications = try objects("fitfile/ff-test-a").filter { $0.kind == "Application" }
        #expect(applications.map { "\($0.application)/\($0.name)" }.sorted() == [
            "_root/ff-test-a", "ff-test-a/cert-manager", "ff-test-a/certificates",
        ])
        let external = try #require(try Self.result.get().environments.first { $0.environment.id == "fitfile/ff-test-a" })
            .externalApplications
        #expect(external.map(\.name) == ["cert-manager"])
        #expect(external.first?.source == "https://charts.jetstack.io chart cert-manager@v1.21.1")
    }

    @Test func cuhProd1HasNoCertManagerAndNoCertificates() throws {
        let objects = try objects("eoe/cuh-prod-1")
        #expect(!objects.contains { $0.kind == "Application" && $0.name == "cert-manager" })
        #expect(!objects.contains { $0.kind == "Certificate" })
        // Only the root Application, which renders charts/ffnode to nothing.
        #expect(objects.map(\.path) == ["eoe/cuh-prod-1/_root/argocd/application-cuh-prod-1.yaml"])
    }

    @Test func cuhPca1UsesTheAWSPrivateCAIssuer() throws {
        let objects = try objects("eoe/cuh-pca-1")
        #expect(objects.filter { $0.kind == "AWSPCAClusterIssuer" }.map(\.name) == ["aws-private-ca"])
        #expect(!objects.contains { $0.kind == "ClusterIssuer" })
        for certificate in objects where certificate.kind == "Certificate" {
            #expect(stringField(try parsedObject(certificate), "spec.issuerRef.kind") == "AWSPCAClusterIssuer")
        }
    }

    @Test func rootApplicationPointsAtTheAppOfAppsChartWithTheEnvironmentValues() throws {
        let root = try #require(try objects("fitfile/ff-a").first { $0.application == "_root" })
        let object = try parsedObject(root)
        #expect(stringField(object, "spec.source.path") == "charts/ffnode")
        #expect(stringField(object, "spec.source.repoURL") == "https://github.com/fitfile/ffnode-gitops.git")
        #expect(stringField(object, "spec.source.helm.releaseName") == "ff-a")
        #expect(field(object, "spec.source.helm.valueFiles")?.listValue?.first?.stringValue
            == "../../ffnodes/fitfile/ff-a/values.yaml")
        #expect(stringField(object, "metadata.namespace") == "argocd")
    }

    @Test func theCommittedTreeIsUpToDate() throws {
        let config = try RepositoryConfig.load(root: gitOpsPackageRoot)
        let writer = TreeWriter(outputPath: config.outputPath)
        let plan = try writer.plan(files: try Self.result.get().files)
        #expect(writer.differences(plan) == [], "run `ffgen render` and commit generated/")
    }
}
