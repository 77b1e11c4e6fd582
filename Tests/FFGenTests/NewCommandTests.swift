import Foundation
import GitOps
import Testing

/// `ffgen new` end to end: the built executable on scratch copies of this repository (stdout, stderr, exit status,
/// and what is on disk afterwards).
@Suite struct NewCommandTests {
    func ffgen(_ arguments: [String], in repository: ScratchRepository) throws -> RenderCommandTests.Run {
        try RenderCommandTests().ffgen(arguments, in: repository.root)
    }

    @Test func letsEncryptEnvironmentIsWrittenRenderedAndChecks() throws {
        let repository = try newScratchRepository()
        #expect(try ffgen(["render"], in: repository).status == 0)
        let run = try ffgen(["new", "fitfile/ff-test-b", "--domain", "fitfile.net"], in: repository)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr == "")
        #expect(run.stdout == """
            created ffnodes/fitfile/ff-test-b/values.yaml (scaffold templates/letsencrypt)
            issuer: letsencrypt-staging (ff-test-b does not look like production: staging certificates are not trusted by browsers; switch with --issuer letsencrypt-prod once issuance works)
            objects: 10
              Application argocd/ff-test-b (_root)
              Application argocd/cert-manager (ff-test-b)
              Application argocd/certificates (ff-test-b)
              Role cert-manager/letsencrypt-cluster-issuer-key-reader (certificates)
              RoleBinding cert-manager/letsencrypt-cluster-issuer-key-reader (certificates)
              Certificate argocd/argocd (certificates)
              Certificate ff-test-b/fitfile-ff-test-b (certificates)
              ClusterIssuer letsencrypt-prod (certificates)
              ClusterIssuer letsencrypt-staging (certificates)
              VaultStaticSecret cert-manager/cloudflare-issuer-api-token (certificates)
            files: 10 written, 0 updated, 0 removed, 0 unchanged in generated
            next: review and commit ffnodes/fitfile/ff-test-b/values.yaml and generated/fitfile/ff-test-b/

            """)
        let expected = try String(
            contentsOfFile: gitOpsPackageRoot + "/Tests/Fixtures/new/expected/letsencrypt-staging/values.yaml", encoding: .utf8)
        #expect(repository.read("ffnodes/fitfile/ff-test-b/values.yaml") == expected)
        #expect(repository.read("generated/fitfile/ff-test-b/certificates/ff-test-b/certificate-fitfile-ff-test-b.yaml") != nil)
        let check = try ffgen(["render", "--check"], in: repository)
        #expect(check.status == 0, "\(check.stdout)")
    }

    @Test func awsPrivateCAEnvironment() throws {
        let repository = try newScratchRepository()
        #expect(try ffgen(["render"], in: repository).status == 0)
        let run = try ffgen(
            ["new", "eoe/cuh-pca-2", "--issuer", "aws-pca", "--pca-arn", newTestPCA, "--region", "eu-west-1",
             "--domain", "internal.fitfile.net", "--role-arn", "arn:aws:iam::123456789012:role/pca-issuer"],
            in: repository)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("created ffnodes/eoe/cuh-pca-2/values.yaml (scaffold templates/aws-pca)\nobjects: 7\n"))
        let values = try #require(repository.read("ffnodes/eoe/cuh-pca-2/values.yaml"))
        #expect(values.contains("  roleArn: arn:aws:iam::123456789012:role/pca-issuer\n"))
        #expect(values.contains("    region: eu-west-1\n"))
        #expect(try ffgen(["render", "--check"], in: repository).status == 0)
    }

    @Test func productionNameGetsLetsEncryptProduction() throws {
        let repository = try newScratchRepository()
        // Run from outside the repository, naming it with --root.
        let run = try RenderCommandTests().ffgen(
            ["new", "fitfile/ff-prod-2", "--domain", "fitfile.net", "--dry-run", "--root", repository.root],
            in: NSTemporaryDirectory())
        #expect(run.status == 0)
        #expect(run.stdout.contains("\n  issuer: letsencrypt-prod\n"))
        #expect(run.stdout.contains(
            "\nissuer: letsencrypt-prod (ff-prod-2 looks like a production name; pass --issuer to choose)\n"))
    }

    @Test func dryRunPrintsValuesAndObjectsAndWritesNothing() throws {
        let repository = try newScratchRepository()
        let before = repository.snapshot("")
        let run = try ffgen(
            ["new", "eoe/cuh-pca-2", "--issuer", "aws-pca", "--pca-arn", newTestPCA, "--region", "eu-west-1",
             "--domain", "internal.fitfile.net", "--dry-run"],
            in: repository)
        #expect(run.status == 0, "\(run.stderr)")
        let values = try String(
            contentsOfFile: gitOpsPackageRoot + "/Tests/Fixtures/new/expected/aws-pca/values.yaml", encoding: .utf8)
        #expect(run.stdout == "# ffnodes/eoe/cuh-pca-2/values.yaml (dry run: nothing written)\n" + values + """
            ---
            role: arn:aws:iam::123456789012:role/AWSPCAIssuerRoleForCertManager (derived from the CA's account; pass --role-arn to choose)
            objects: 7 would be written under generated/
              Application argocd/cuh-pca-2 (_root)
              Application argocd/aws-privateca-issuer (cuh-pca-2)
              Application argocd/cert-manager (cuh-pca-2)
              Application argocd/certificates (cuh-pca-2)
              AWSPCAClusterIssuer aws-private-ca (certificates)
              Certificate argocd/argocd (certificates)
              Certificate cuh-pca-2/fitfile-cuh-pca-2 (certificates)

            """)
        #expect(repository.snapshot("") == before)
    }

    @Test func fromRewritesNamesAndReportsTheOnesItKeeps() throws {
        let repository = try newScratchRepository()
        #expect(try ffgen(["render"], in: repository).status == 0)
        let run = try ffgen(["new", "fitfile/ff-b", "--from", "fitfile/ff-a"], in: repository)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains(
            "\nkept from fitfile/ff-a unchanged (not named after ff-a; both clusters will request them): "
                + "argocd.fitfile.net, argo-workflows.fitfile.net\n"))
        let values = try #require(repository.read("ffnodes/fitfile/ff-b/values.yaml"))
        #expect(values.contains("# Created by `ffgen new` from fitfile/ff-a.\n"))
        #expect(values.contains("        - \"*.ff-b.fitfile.net\"\n"))
        #expect(values.contains("    email: platform@fitfile.com\n"))
        #expect(!values.contains("ff-a.fitfile.net") && !values.contains("fitfile-ff-a") && !values.contains(" ff-a-tls"))
        #expect(try ffgen(["render", "--check"], in: repository).status == 0)
    }

    @Test func forceReplacesAnExistingEnvironment() throws {
        let repository = try newScratchRepository()
        #expect(try ffgen(["render"], in: repository).status == 0)
        let run = try ffgen(["new", "fitfile/ff-test-a", "--domain", "example.org", "--force"], in: repository)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("replaced ffnodes/fitfile/ff-test-a/values.yaml (scaffold templates/letsencrypt)\n"))
        // Six certificates become two: the Application and two Certificates change, four Certificates go.
        #expect(run.stdout.contains("files: 0 written, 3 updated, 4 removed, 7 unchanged in generated\n"))
        #expect(repository.read("ffnodes/fitfile/ff-test-a/values.yaml")?.contains("argocd.ff-test-a.example.org") == true)
        #expect(try ffgen(["render", "--check"], in: repository).status == 0)
    }

    struct Refusal: CustomTestStringConvertible, Sendable {
        var name: String
        var arguments: [String]
        var stderr: String
        var testDescription: String { name }
    }

    static let refusals: [Refusal] = [
        Refusal(
            name: "existing environment", arguments: ["fitfile/ff-a", "--domain", "fitfile.net"],
            stderr: "ffgen new: environment fitfile/ff-a already exists (ffnodes/fitfile/ff-a/values.yaml)\n"
                + "hint: choose another name, or pass --force to replace it\n"),
        Refusal(
            name: "environment not a DNS label", arguments: ["fitfile/FF_B", "--domain", "fitfile.net"],
            stderr: "ffgen new: environment name \"FF_B\" is not a DNS-1123 label\n"
                + "hint: use 1-63 lower-case letters, digits and `-`, starting and ending with a letter or digit\n"),
        Refusal(
            name: "organisation not a DNS label", arguments: ["Fit.File/ff-b", "--domain", "fitfile.net"],
            stderr: "ffgen new: organisation name \"Fit.File\" is not a DNS-1123 label\n"
                + "hint: use 1-63 lower-case letters, digits and `-`, starting and ending with a letter or digit\n"),
        Refusal(
            name: "dot-dot", arguments: ["fitfile/../../etc", "--domain", "fitfile.net"],
            stderr: "ffgen new: ORG/ENV \"fitfile/../../etc\" contains `..` or `.`\n"
                + "hint: name the environment ORG/ENV, e.g. fitfile/ff-test-b\n"),
        Refusal(
            name: "absolute path", arguments: ["/tmp/x", "--domain", "fitfile.net"],
            stderr: "ffgen new: ORG/ENV \"/tmp/x\" is an absolute path\n"
                + "hint: name the environment ORG/ENV, relative to the environments folder (e.g. fitfile/ff-test-b)\n"),
        Refusal(
            name: "three components", arguments: ["fitfile/ff/b", "--domain", "fitfile.net"],
            stderr: "ffgen new: ORG/ENV \"fitfile/ff/b\" is not ORG/ENV (3 path components)\n"
                + "hint: name the environment ORG/ENV, e.g. fitfile/ff-test-b\n"),
        Refusal(
            name: "bad domain", arguments: ["fitfile/ff-b", "--domain", "fitfile..net"],
            stderr: "ffgen new: --domain: DNS name \"ff-b.fitfile..net\" is not a valid hostname: it has an empty label "
                + "(`..`, or a leading or trailing dot)\n"
                + "hint: use lower-case names such as app.example.com; a wildcard is only `*.` in front\n"),
        Refusal(
            name: "bad certificate hostname",
            arguments: ["fitfile/ff-b", "--certificate", "grafana=monitoring:grafana.*.example.org"],
            stderr: "ffgen new: --certificate grafana: DNS name \"grafana.*.example.org\" is not a valid hostname: "
                + "a wildcard must be the whole leftmost label (`*.example.com`)\n"
                + "hint: use lower-case names such as app.example.com; a wildcard is only `*.` in front\n"),
        Refusal(
            name: "bad certificate namespace",
            arguments: ["fitfile/ff-b", "--certificate", "grafana=Monitoring:grafana.example.org"],
            stderr: "ffgen new: --certificate grafana: namespace \"Monitoring\" is not a valid namespace (a DNS-1123 label)\n"
                + "hint: use 1-63 lower-case letters, digits and `-`, starting and ending with a letter or digit\n"),
        Refusal(
            name: "malformed certificate", arguments: ["fitfile/ff-b", "--certificate", "grafana.example.org"],
            stderr: "ffgen new: --certificate \"grafana.example.org\" is not NAME=NAMESPACE:DNS\n"
                + "hint: --certificate NAME=NAMESPACE:DNS[,DNS...], e.g. grafana=monitoring:grafana.ff-test-b.fitfile.net\n"),
        Refusal(
            name: "missing pca-arn", arguments: ["eoe/x", "--issuer", "aws-pca", "--domain", "a.b", "--yes"],
            stderr: "ffgen new: missing --pca-arn, --region (stdin is not a terminal, and --yes, so ffgen does not ask)\n"
                + "hint: pass the options on the command line\n"),
        Refusal(
            name: "missing region", arguments: ["eoe/x", "--pca-arn", newTestPCA, "--domain", "a.b"],
            stderr: "ffgen new: missing --region (stdin is not a terminal, so ffgen does not ask)\n"
                + "hint: pass the options on the command line\n"),
        Refusal(
            name: "malformed ARN",
            arguments: ["eoe/x", "--issuer", "aws-pca", "--pca-arn", "arn:aws:acm-pca:eu-west-1:123456789012:ca/x",
                        "--region", "eu-west-1", "--domain", "a.b"],
            stderr: "ffgen new: --pca-arn \"arn:aws:acm-pca:eu-west-1:123456789012:ca/x\" is not an AWS Private CA ARN: "
                + "the resource is not certificate-authority/UUID\n"
                + "hint: expected arn:aws:acm-pca:REGION:ACCOUNT:certificate-authority/UUID, e.g. "
                + "arn:aws:acm-pca:eu-west-1:123456789012:certificate-authority/12345678-1234-1234-1234-123456789012\n"),
        Refusal(
            name: "region mismatch",
            arguments: ["eoe/x", "--pca-arn", newTestPCA, "--region", "us-east-1", "--domain", "a.b"],
            stderr: "ffgen new: --region us-east-1 differs from the Private CA's region eu-west-1\n"
                + "hint: aws-privateca-issuer calls the CA in its own region; use --region eu-west-1\n"),
        Refusal(
            name: "missing domain", arguments: ["fitfile/ff-b"],
            stderr: "ffgen new: missing --domain (stdin is not a terminal, so ffgen does not ask)\n"
                + "hint: pass the options on the command line\n"),
        Refusal(
            name: "unknown issuer", arguments: ["fitfile/ff-b", "--issuer", "letsencrypt", "--domain", "a.b"],
            stderr: "ffgen new: unknown --issuer letsencrypt\n"
                + "hint: choose letsencrypt-staging, letsencrypt-prod or aws-pca\n"),
        Refusal(
            name: "no-cert-manager with issuer",
            arguments: ["fitfile/ff-b", "--no-cert-manager", "--issuer", "letsencrypt-prod"],
            stderr: "ffgen new: --no-cert-manager, so --issuer cannot apply\n"
                + "hint: drop them, or leave out --no-cert-manager\n"),
        Refusal(
            name: "pca options with Let's Encrypt",
            arguments: ["fitfile/ff-b", "--issuer", "letsencrypt-prod", "--region", "eu-west-1", "--domain", "a.b"],
            stderr: "ffgen new: --region only applies to --issuer aws-pca (the issuer is letsencrypt-prod)\n"),
        Refusal(
            name: "vault path with aws-pca",
            arguments: ["eoe/x", "--pca-arn", newTestPCA, "--region", "eu-west-1", "--domain", "a.b",
                        "--vault-path", "cloudflare"],
            stderr: "ffgen new: --vault-path is the Cloudflare token of Let's Encrypt; aws-pca needs none\n"),
        Refusal(
            name: "vault path trick", arguments: ["fitfile/ff-b", "--domain", "a.b", "--vault-path", "../root"],
            stderr: "ffgen new: --vault-path \"../root\" is not a kv path\n"
                + "hint: a path under the kv mount, without a leading / or `..` (e.g. cloudflare)\n"),
        Refusal(
            name: "from a missing environment", arguments: ["fitfile/ff-b", "--from", "fitfile/ff-z"],
            stderr: "ffgen new: --from fitfile/ff-z: no environment ffnodes/fitfile/ff-z/values.yaml\n"
                + "hint: name an existing environment ORG/ENV (see ffnodes/)\n"),
        Refusal(
            name: "from itself", arguments: ["fitfile/ff-a", "--from", "fitfile/ff-a", "--force"],
            stderr: "ffgen new: --from fitfile/ff-a is the environment being created\n"),
        Refusal(
            name: "from an environment without cert-manager, with certificates",
            arguments: ["eoe/x", "--from", "eoe/cuh-prod-1", "--certificate", "a=b:c.d"],
            stderr: "ffgen new: --from eoe/cuh-prod-1 has no cert-manager, so --certificate cannot apply\n"
                + "hint: drop them, or leave out --no-cert-manager\n"),
        Refusal(
            name: "repeated certificate",
            arguments: ["fitfile/ff-b", "--certificate", "a=b:c.d", "--certificate", "a=b:e.f", "--certificate", "a=b:g.h"],
            stderr: ""),
    ]

    @Test(arguments: refusals) func refusesAndWritesNothing(_ refusal: Refusal) throws {
        let repository = try newScratchRepository()
        let before = repository.snapshot("")
        let run = try ffgen(["new"] + refusal.arguments, in: repository)
        if refusal.stderr.isEmpty {
            // A later --certificate of the same name replaces the earlier one; this row checks it is accepted.
            #expect(run.status == 0, "\(run.stderr)")
            #expect(repository.read("ffnodes/fitfile/ff-b/values.yaml")?.contains("- \"g.h\"") == true)
            #expect(repository.read("ffnodes/fitfile/ff-b/values.yaml")?.contains("c.d") == false)
            return
        }
        #expect(run.status == 2)
        #expect(run.stdout == "")
        #expect(run.stderr == refusal.stderr)
        #expect(repository.snapshot("") == before)
    }

    @Test func interactivePromptsWithDefaultsOnATerminal() throws {
        let script = "/usr/bin/script"
        guard FileManager.default.isExecutableFile(atPath: script), let ffgen = RenderCommandTests.executable else {
            Issue.record("needs script(1) and the built ffgen")
            return
        }
        let repository = try newScratchRepository()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: script)
        // script(1) gives ffgen a terminal; the answers: a wrong issuer, the default issuer, then the domain.
        process.arguments = ["-qc", "\(ffgen) new fitfile/ff-test-e --dry-run", "/dev/null"]
        process.currentDirectoryURL = URL(fileURLWithPath: repository.root)
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data("bad\n\nfitfile.net\n".utf8))
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(text)")
        #expect(text.contains("Issuer (letsencrypt-staging, letsencrypt-prod, aws-pca) [letsencrypt-staging]: "))
        #expect(text.contains("unknown issuer \"bad\""))
        #expect(text.contains("DNS domain of the certificates (e.g. fitfile.net): "))
        #expect(text.contains("        - \"argocd.ff-test-e.fitfile.net\""))
        #expect(repository.read("ffnodes/fitfile/ff-test-e/values.yaml") == nil)
    }

    @Test func questionsFollowTheIssuer() throws {
        var options = NewEnvironmentOptions(environment: "eoe/cuh-pca-9")
        #expect(options.missing().map(\.option) == ["--issuer", "--domain"])
        #expect(options.missing().first?.defaultAnswer == "letsencrypt-staging")
        #expect(options.missing().first?.required == false)
        let issuerQuestion = try #require(options.missing().first)
        try options.answer(issuerQuestion, with: "aws-pca")
        #expect(options.missing().map(\.option) == ["--domain", "--pca-arn", "--region"])
        options.domain = "a.b"
        options.pcaARN = newTestPCA
        options.region = "eu-west-1"
        #expect(options.missing() == [])
        #expect(NewEnvironmentOptions(environment: "eoe/cuh-prod-9").missing().first?.defaultAnswer == "letsencrypt-prod")
        var fromOptions = NewEnvironmentOptions(environment: "eoe/x")
        fromOptions.from = "eoe/cuh-pca-1"
        #expect(fromOptions.missing() == [])
    }
}

/// The scaffold's output goes through the chart's schema (and templates) before anything is written.
@Suite struct NewScaffoldCheckTests {
    @Test func valuesTheSchemaRejectsAreRefused() throws {
        let repository = try newScratchRepository()
        try repository.edit(
            "templates/letsencrypt/values.yaml.tpl", replacing: "  issuer: {{ .Issuer }}\n", with: "  issuer: letsencrypt\n")
        let before = repository.snapshot("")
        var options = NewEnvironmentOptions(environment: "fitfile/ff-b")
        options.domain = "fitfile.net"
        let scaffolder = Scaffolder(config: try repository.config)
        do {
            _ = try scaffolder.plan(options)
            Issue.record("the schema accepted issuer: letsencrypt")
        } catch {
            #expect(error.code == .render)
            #expect(error.message.contains(
                "- at '/certs/issuer': value must be one of 'letsencrypt-prod', 'letsencrypt-staging', 'aws-private-ca'"))
        }
        #expect(repository.snapshot("") == before)
    }

    @Test func brokenScaffoldIsReported() throws {
        let repository = try newScratchRepository()
        try repository.write("templates/no-cert-manager/values.yaml.tpl", "{{ .Missing.Key }}")
        var options = NewEnvironmentOptions(environment: "eoe/x")
        options.certManager = false
        #expect(throws: ScaffoldError(.scaffold, "")) { _ = try Scaffolder(config: try repository.config).plan(options) }
        try repository.remove("templates/no-cert-manager/values.yaml.tpl")
        let scaffolder = Scaffolder(config: try repository.config)
        do {
            _ = try scaffolder.plan(options)
            Issue.record("rendered without a scaffold")
        } catch {
            #expect(error.description == "no scaffold templates/no-cert-manager/values.yaml.tpl\n"
                + "hint: restore it from the repository's templates/ folder")
        }
    }
}
