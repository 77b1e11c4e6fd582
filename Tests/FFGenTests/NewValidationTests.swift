import FFGenTestSupport
import Foundation
import GitOps
import Testing

/// The checks of `ffgen new` on its own: names, hostnames, namespaces, ARNs, regions, the production heuristic,
/// `--certificate` parsing and the `--from` renaming rules.
@Suite struct NewValidationTests {
    struct HostnameCase: CustomTestStringConvertible, Sendable {
        var name: String
        var valid: Bool
        var testDescription: String { name }
    }

    /// Verdicts recorded from Helm v4 validating charts/ffnode/values.schema.json's `certificate` definition with one
    /// DNS name (the ffnode-hostnames table, scripts/oracle/record_tables.py): valid rows pass, invalid rows fail the
    /// dnsNames pattern.
    static let hostnames: [HostnameCase] = OracleTable.load("ffnode-hostnames").rows.map { row in
        let values = (try? JSONSerialization.jsonObject(with: Data(row["values"].utf8))) as? [String: Any]
        let name = (values?["dnsNames"] as? [String])?.first ?? "(unreadable values \(row["values"]))"
        return HostnameCase(name: name, valid: row.output != nil)
    }

    @Test(arguments: hostnames) func hostname(_ row: HostnameCase) {
        if row.valid {
            #expect(throws: Never.self) { try ScaffoldValidation.checkHostname(row.name, context: "t") }
        } else {
            #expect(throws: ScaffoldError(.hostname, "")) { try ScaffoldValidation.checkHostname(row.name, context: "t") }
        }
    }

    @Test func hostnameMessages() throws {
        do {
            try ScaffoldValidation.checkHostname("a.*.b", context: "--certificate x")
            Issue.record("accepted a.*.b")
        } catch {
            #expect(error.message == "--certificate x: DNS name \"a.*.b\" is not a valid hostname: a wildcard must be the whole leftmost label (`*.example.com`)")
        }
        do {
            try ScaffoldValidation.checkHostname("Grafana.example.org", context: "c")
            Issue.record("accepted upper case")
        } catch {
            #expect(error.message == "c: DNS name \"Grafana.example.org\" is not a valid hostname: label \"Grafana\" has upper-case letters")
        }
    }

    struct NameCase: CustomTestStringConvertible, Sendable {
        var id: String
        var code: ScaffoldError.Code?
        var testDescription: String { id }
    }

    static let environmentNames: [NameCase] = [
        NameCase(id: "fitfile/ff-test-b", code: nil),
        NameCase(id: "eoe/cuh-pca-2", code: nil),
        NameCase(id: "a/b", code: nil),
        NameCase(id: "fitfile/" + String(repeating: "a", count: 63), code: nil),
        NameCase(id: "fitfile/" + String(repeating: "a", count: 64), code: .name),
        NameCase(id: "fitfile/FF-B", code: .name),
        NameCase(id: "fitfile/ff_b", code: .name),
        NameCase(id: "fitfile/-ff", code: .name),
        NameCase(id: "fitfile/ff-", code: .name),
        NameCase(id: "fitfile/ff.b", code: .name),
        NameCase(id: "fit file/ff", code: .name),
        NameCase(id: "fitfile/", code: .name),
        NameCase(id: "fitfile", code: .path),
        NameCase(id: "fitfile/ff/extra", code: .path),
        NameCase(id: "../ff", code: .path),
        NameCase(id: "fitfile/..", code: .path),
        NameCase(id: "fitfile/.", code: .path),
        NameCase(id: "/etc/passwd", code: .path),
        NameCase(id: "~/ff", code: .path),
        NameCase(id: "fitfile/a..b", code: .path),
        NameCase(id: "fitfile\\ff", code: .path),
    ]

    @Test(arguments: environmentNames) func environmentName(_ row: NameCase) {
        if let code = row.code {
            #expect(throws: ScaffoldError(code, "")) { _ = try ScaffoldValidation.splitEnvironment(row.id) }
        } else {
            #expect(throws: Never.self) { _ = try ScaffoldValidation.splitEnvironment(row.id) }
        }
    }

    struct ARNCase: CustomTestStringConvertible, Sendable {
        var arn: String
        var region: String?
        var account: String?
        var testDescription: String { arn }
    }

    static let arns: [ARNCase] = [
        ARNCase(arn: newTestPCA, region: "eu-west-1", account: "123456789012"),
        ARNCase(
            arn: "arn:aws-cn:acm-pca:cn-north-1:123456789012:certificate-authority/abcdef01-2345-6789-abcd-ef0123456789",
            region: "cn-north-1", account: "123456789012"),
        ARNCase(
            arn: "arn:aws-us-gov:acm-pca:us-gov-west-1:000000000000:certificate-authority/00000000-0000-0000-0000-000000000000",
            region: "us-gov-west-1", account: "000000000000"),
        ARNCase(arn: "arn:aws:acm-pca:eu-west-1:123456789012:certificate-authority/12345678-1234-1234-1234-12345678901"),
        ARNCase(arn: "arn:aws:acm-pca:eu-west-1:123456789012:certificate-authority/12345678-1234-1234-1234-12345678901Z"),
        ARNCase(arn: "arn:aws:acm-pca:eu-west-1:123456789012:certificate-authority/12345678-1234-1234-1234-1234567890AB"),
        ARNCase(arn: "arn:aws:acm-pca:eu-west-1:12345678901:certificate-authority/12345678-1234-1234-1234-123456789012"),
        ARNCase(arn: "arn:aws:acm:eu-west-1:123456789012:certificate-authority/12345678-1234-1234-1234-123456789012"),
        ARNCase(arn: "arn:aws:acm-pca:eu-west:123456789012:certificate-authority/12345678-1234-1234-1234-123456789012"),
        ARNCase(arn: "arn:aws:acm-pca:cn-north-1:123456789012:certificate-authority/12345678-1234-1234-1234-123456789012"),
        ARNCase(arn: "arn:aws-cn:acm-pca:eu-west-1:123456789012:certificate-authority/12345678-1234-1234-1234-123456789012"),
        ARNCase(arn: "arn:azure:acm-pca:eu-west-1:123456789012:certificate-authority/12345678-1234-1234-1234-123456789012"),
        ARNCase(arn: "arn:aws:acm-pca:eu-west-1:123456789012:ca/12345678-1234-1234-1234-123456789012"),
        ARNCase(arn: "arn:aws:acm-pca:eu-west-1:123456789012"),
        ARNCase(arn: "12345678-1234-1234-1234-123456789012"),
        ARNCase(arn: ""),
    ]

    @Test(arguments: arns) func privateCAARN(_ row: ARNCase) throws {
        if let region = row.region {
            let arn = try ScaffoldValidation.parsePrivateCAARN(row.arn)
            #expect(arn.region == region)
            #expect(arn.account == row.account)
        } else {
            #expect(throws: ScaffoldError(.arn, "")) { _ = try ScaffoldValidation.parsePrivateCAARN(row.arn) }
        }
    }

    @Test func regionMustBeTheCAs() throws {
        let arn = try ScaffoldValidation.parsePrivateCAARN(newTestPCA)
        #expect(throws: Never.self) { try ScaffoldValidation.checkRegion("eu-west-1", arn: arn) }
        do {
            try ScaffoldValidation.checkRegion("us-east-1", arn: arn)
            Issue.record("accepted another region")
        } catch {
            #expect(error.code == .region)
            #expect(error.description == "--region us-east-1 differs from the Private CA's region eu-west-1\nhint: aws-privateca-issuer calls the CA in its own region; use --region eu-west-1")
        }
        #expect(throws: ScaffoldError(.region, "")) { try ScaffoldValidation.checkRegion("ireland", arn: arn) }
    }

    @Test(arguments: [
        ("arn:aws:iam::123456789012:role/AWSPCAIssuerRoleForCertManager", true),
        ("arn:aws:iam::123456789012:role/path/to/role", true),
        ("arn:aws:iam::123456789012:user/someone", false),
        ("arn:aws:iam:eu-west-1:123456789012:role/r", false),
        ("arn:aws:iam::1234:role/r", false),
        ("arn:aws:iam::123456789012:role/", false),
    ]) func roleARN(_ arn: String, _ valid: Bool) {
        if valid {
            #expect(throws: Never.self) { try ScaffoldValidation.checkRoleARN(arn) }
        } else {
            #expect(throws: ScaffoldError(.arn, "")) { try ScaffoldValidation.checkRoleARN(arn) }
        }
    }

    @Test(arguments: [
        ("cuh-prod-1", true), ("prod", true), ("ff-prd", true), ("eu-live", true), ("production", true),
        ("prod2", true), ("ff-a", false), ("ff-test-a", false), ("cuh-pca-1", false), ("product-demo", false),
        ("preprod", false), ("staging", false),
    ]) func productionHeuristic(_ name: String, _ production: Bool) {
        #expect(ScaffoldValidation.looksLikeProduction(name) == production)
    }

    @Test func certificateOption() throws {
        let spec = try CertificateSpec.parse("grafana=monitoring:grafana.example.org,*.grafana.example.org")
        #expect(spec == CertificateSpec(
            name: "grafana", namespace: "monitoring", dnsNames: ["grafana.example.org", "*.grafana.example.org"],
            secretName: "grafana-tls"))
    }

    @Test(arguments: [
        ("grafana", ScaffoldError.Code.certificate),
        ("grafana=monitoring", .certificate),
        ("=monitoring:a.b", .certificate),
        ("Grafana=monitoring:a.b", .certificate),
        ("grafana=Monitoring:a.b", .namespace),
        ("grafana=kube_system:a.b", .namespace),
        ("grafana=:a.b", .namespace),
        ("grafana=monitoring:", .hostname),
        ("grafana=monitoring:a.b,,c.d", .hostname),
        ("grafana=monitoring:a.b,a.b", .hostname),
        ("grafana=monitoring:grafana", .hostname),
        ("grafana=monitoring:a.*.b", .hostname),
    ]) func certificateOptionRefusals(_ text: String, _ code: ScaffoldError.Code) {
        #expect(throws: ScaffoldError(code, "")) { _ = try CertificateSpec.parse(text) }
    }

    @Test(arguments: [
        ("ff-test-a.fitfile.net", "ff-test-b.fitfile.net"),
        ("*.ff-a.fitfile.net", "*.ff-b.fitfile.net"),
        ("argocd.cuh-pca-1.internal.fitfile.net", "argocd.cuh-pca-2.internal.fitfile.net"),
    ]) func hostnameRewrite(_ old: String, _ new: String) {
        let oldName = old.contains("pca") ? "cuh-pca-1" : old.contains("test") ? "ff-test-a" : "ff-a"
        let newName = new.contains("pca") ? "cuh-pca-2" : new.contains("test") ? "ff-test-b" : "ff-b"
        #expect(ScaffoldSource.rewriteHostname(old, old: oldName, new: newName, domain: nil) == new)
    }

    @Test func hostnameRewriteWithDomainAndUnrelatedNames() {
        #expect(ScaffoldSource.rewriteHostname("argocd.cuh-pca-1.internal.fitfile.net", old: "cuh-pca-1", new: "x",
                                               domain: "example.org") == "argocd.x.example.org")
        #expect(ScaffoldSource.rewriteHostname("staging-argocd.fitfile.net", old: "ff-test-a", new: "x", domain: nil) == nil)
        #expect(ScaffoldSource.rewriteHostname("ff-test-ab.fitfile.net", old: "ff-test-a", new: "x", domain: nil) == nil)
    }

    @Test(arguments: [
        ("fitfile-ff-test-a", "fitfile-NEW"), ("ff-test-a", "NEW"), ("cuh-pca-1-tls", "NEW-tls"),
        ("ff-test-ab", "ff-test-ab"), ("xff-test-a", "xff-test-a"), ("cloudflare-tls", "cloudflare-tls"),
        ("a.ff-test-a.b", "a.NEW.b"),
    ]) func nameRewrite(_ old: String, _ new: String) {
        let oldEnv = old.contains("pca") ? "cuh-pca-1" : "ff-test-a"
        #expect(ScaffoldSource.rewriteName(old, old: oldEnv, new: "NEW") == new)
    }
}
