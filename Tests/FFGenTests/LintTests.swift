import Foundation
import GitOps
import Testing

/// A scratch repository (this repository's charts) with the given environments, linted in memory.
private func lint(_ environments: [String: String], extraFiles: [String: String] = [:]) throws -> [Finding] {
    let repo = try ScratchRepository(environments: [])
    for (env, values) in environments { try repo.write("ffnodes/" + env + "/values.yaml", values) }
    for (path, text) in extraFiles { try repo.write(path, text) }
    let config = try repo.config
    let selected = try EnvironmentDiscovery.environments(config: config)
    return CertLinter().lint(LintRepository.load(config: config, environments: selected))
}

/// A production environment with Let's Encrypt through Cloudflare (token from Vault); `certificates` is the
/// YAML list under certs.certificates (items at four spaces), `certs` extra lines under certs (at column 0).
private func production(
    certificates: String = """
            - name: web
              namespace: web
              dnsNames: ["web.fitfile.net", "*.web.fitfile.net"]
              secretName: web-tls
        """,
    certs: String = "", deploy: String = "certManager: true", vault: Bool = true
) -> String {
    var lines = ["deploy:", "  " + deploy, "certManager:"]
    if vault {
        lines += ["  vaultSecrets:", "    - secretName: cloudflare-issuer-api-token", "      vaultPath: cloudflare"]
    } else {
        lines += ["  vaultSecrets: []"]
    }
    lines += ["certs:", "  issuer: letsencrypt-prod"]
    lines += certs.split(separator: "\n").map { "  " + $0 }
    lines += ["  certificates:", certificates]
    return lines.joined(separator: "\n") + "\n"
}

/// `count` certificates, each with its own namespace, the names produced by `names(i)`.
private func manyCertificates(_ count: Int, names: (Int) -> [String]) -> String {
    (0..<count).map { i in
        """
            - name: c\(i)
              namespace: n\(i)
              dnsNames: [\(names(i).map { "\"\($0)\"" }.joined(separator: ", "))]
              secretName: c\(i)-tls
        """
    }.joined(separator: "\n")
}

private let awsPCA = """
    deploy:
      certManager: true
      awsPrivateCAIssuer: true
    awsPrivateCAIssuer:
      roleArn: arn:aws:iam::123456789012:role/pca
    certs:
      issuer: aws-private-ca
      letsencrypt:
        enabled: false
      awsPca:
        enabled: true
        arn: ARN
        region: REGION
      certificates:
        - name: web
          namespace: web
          dnsNames: ["web.internal.fitfile.net"]
          secretName: web-tls

    """

private func pca(arn: String = "arn:aws:acm-pca:eu-west-1:123456789012:certificate-authority/12345678-1234-1234-1234-123456789012", region: String = "eu-west-1") -> String {
    awsPCA.replacingOccurrences(of: "ARN", with: "\"\(arn)\"").replacingOccurrences(of: "REGION", with: "\"\(region)\"")
}

/// One row: environments (org/env → values), extra files, the check id, whether it must be reported, and
/// for reported rows a fragment of the message and the expected `file:line:col` (when given).
struct LintCase: CustomTestStringConvertible, Sendable {
    var name: String
    var environments: [String: String]
    var files: [String: String] = [:]
    var id: String
    var expected: Bool
    var message = ""
    var location = ""
    var severity: Severity?

    var testDescription: String { name }
}

private let roleAllSecrets = """
    apiVersion: rbac.authorization.k8s.io/v1
    kind: Role
    metadata:
      name: reader
      namespace: cert-manager
    rules:
      - apiGroups: [""]
        resources: ["secrets"]
        verbs: ["get", "list"]

    """

private let roleKeyBoundToDefault = """
    apiVersion: rbac.authorization.k8s.io/v1
    kind: Role
    metadata:
      name: key-reader
      namespace: cert-manager
    rules:
      - apiGroups: [""]
        resources: ["secrets"]
        resourceNames: ["letsencrypt-cluster-issuer-key"]
        verbs: ["get"]
    ---
    apiVersion: rbac.authorization.k8s.io/v1
    kind: RoleBinding
    metadata:
      name: key-reader
      namespace: cert-manager
    roleRef:
      apiGroup: rbac.authorization.k8s.io
      kind: Role
      name: key-reader
    subjects:
      - kind: ServiceAccount
        name: SUBJECT
        namespace: cert-manager

    """

let lintCases: [LintCase] = [
    // values
    LintCase(name: "unreadable values", environments: ["o/prod-a": "certs: [\n"], id: "values.unreadable", expected: true),
    LintCase(name: "readable values", environments: ["o/prod-a": production()], id: "values.unreadable", expected: false),
    // schema
    LintCase(
        name: "dnsName typo",
        environments: ["o/prod-a": production(certificates: "    - name: web\n      namespace: web\n      dnsName: [\"web.fitfile.net\"]\n      secretName: web-tls")],
        id: "schema.unknown-key", expected: true, message: "unknown key `dnsName` in certs.certificates[0]",
        location: "ffnodes/o/prod-a/values.yaml:12:7"),
    LintCase(name: "no unknown keys", environments: ["o/prod-a": production()], id: "schema.unknown-key", expected: false),
    LintCase(
        name: "dnsNames as a string",
        environments: ["o/prod-a": production(certificates: "    - name: web\n      namespace: web\n      dnsNames: web.fitfile.net\n      secretName: web-tls")],
        id: "schema.type", expected: true, message: "certs.certificates[0].dnsNames is a string, the chart expects a list",
        location: "ffnodes/o/prod-a/values.yaml:12:17"),
    LintCase(
        name: "certManager yes", environments: ["o/prod-a": production(deploy: "certManager: \"yes\"")],
        id: "schema.type", expected: true, message: "deploy.certManager is a string, the chart expects a boolean"),
    LintCase(name: "types right", environments: ["o/prod-a": production()], id: "schema.type", expected: false),
    LintCase(
        name: "no secretName",
        environments: ["o/prod-a": production(certificates: "    - name: web\n      namespace: web\n      dnsNames: [\"web.fitfile.net\"]")],
        id: "schema.required", expected: true, message: "certs.certificates[0] has no secretName"),
    LintCase(name: "required present", environments: ["o/prod-a": production()], id: "schema.required", expected: false),
    LintCase(
        name: "issuer not in enum", environments: ["o/prod-a": production().replacingOccurrences(of: "issuer: letsencrypt-prod", with: "issuer: letsencrypt")],
        id: "schema.value", expected: true, message: "certs.issuer is letsencrypt, not one of"),
    LintCase(name: "values allowed", environments: ["o/prod-a": production()], id: "schema.value", expected: false),
    // DNS
    LintCase(
        name: "upper case and underscore",
        environments: ["o/prod-a": production(certificates: manyCertificates(1) { _ in ["Web_1.fitfile.net"] })],
        id: "dns.invalid-name", expected: true, message: "has upper-case letters"),
    LintCase(
        name: "leading hyphen", environments: ["o/prod-a": production(certificates: manyCertificates(1) { _ in ["-web.fitfile.net"] })],
        id: "dns.invalid-name", expected: true, message: "starting or ending with -"),
    LintCase(
        name: "64-character label",
        environments: ["o/prod-a": production(certificates: manyCertificates(1) { _ in [String(repeating: "a", count: 64) + ".fitfile.net"] })],
        id: "dns.invalid-name", expected: true, message: "a label of 64 characters"),
    LintCase(
        name: "254-character name",
        environments: ["o/prod-a": production(certificates: manyCertificates(1) { _ in [Array(repeating: String(repeating: "a", count: 62), count: 4).joined(separator: ".") + ".fitfile.net"] })],
        id: "dns.invalid-name", expected: true, message: "more than 253"),
    LintCase(
        name: "valid names and a 63-character label",
        environments: ["o/prod-a": production(certificates: manyCertificates(1) { _ in ["web.fitfile.net", String(repeating: "a", count: 63) + ".fitfile.net", "1st.fitfile.net"] })],
        id: "dns.invalid-name", expected: false),
    LintCase(
        name: "wildcard in the middle", environments: ["o/prod-a": production(certificates: manyCertificates(1) { _ in ["a.*.fitfile.net"] })],
        id: "dns.wildcard", expected: true, message: "below the leftmost label"),
    LintCase(
        name: "partial wildcard label", environments: ["o/prod-a": production(certificates: manyCertificates(1) { _ in ["*web.fitfile.net"] })],
        id: "dns.wildcard", expected: true, message: "not the whole leftmost label"),
    LintCase(
        name: "wildcard over a registered domain", environments: ["o/prod-a": production(certificates: manyCertificates(1) { _ in ["*.net"] })],
        id: "dns.wildcard", expected: true),
    LintCase(name: "leftmost wildcard", environments: ["o/prod-a": production()], id: "dns.wildcard", expected: false),
    LintCase(
        name: "65-character first name",
        environments: ["o/prod-a": production(certificates: manyCertificates(1) { _ in [String(repeating: "a", count: 53) + ".fitfile.net", "b.fitfile.net"] })],
        id: "dns.common-name-too-long", expected: true, message: "is 65 characters", severity: .warning),
    LintCase(
        name: "64-character first name",
        environments: ["o/prod-a": production(certificates: manyCertificates(1) { _ in [String(repeating: "a", count: 52) + ".fitfile.net"] })],
        id: "dns.common-name-too-long", expected: false),
    LintCase(
        name: "long name not first",
        environments: ["o/prod-a": production(certificates: manyCertificates(1) { _ in ["b.fitfile.net", String(repeating: "a", count: 60) + ".fitfile.net"] })],
        id: "dns.common-name-too-long", expected: false),
    LintCase(
        name: "name twice", environments: ["o/prod-a": production(certificates: manyCertificates(1) { _ in ["a.fitfile.net", "b.fitfile.net", "a.fitfile.net"] })],
        id: "dns.duplicate-name", expected: true, message: "lists 'a.fitfile.net' twice (dnsNames[0] and dnsNames[2])",
        location: "ffnodes/o/prod-a/values.yaml:12:52"),
    LintCase(name: "names once", environments: ["o/prod-a": production()], id: "dns.duplicate-name", expected: false),
    LintCase(
        name: "empty dnsNames", environments: ["o/prod-a": production(certificates: manyCertificates(1) { _ in [] })],
        id: "schema.value", expected: true, message: "certs.certificates[0].dnsNames needs at least 1 item(s), it has 0"),
    LintCase(
        name: "bad DNS names are left to the DNS check",
        environments: ["o/prod-a": production(certificates: manyCertificates(1) { _ in ["Web_1.fitfile.net", "Web_1.fitfile.net"] })],
        id: "schema.value", expected: false),
    LintCase(
        name: "schema errors are not repeated as a failed render",
        environments: ["o/prod-a": production(deploy: "certManager: \"yes\"")], id: "render.failed", expected: false),
    // certificates
    LintCase(
        name: "two certificates one secret",
        environments: ["o/prod-a": production(certificates: """
                - name: a
                  namespace: web
                  dnsNames: ["a.fitfile.net"]
                  secretName: web-tls
                - name: b
                  namespace: web
                  dnsNames: ["b.fitfile.net"]
                  secretName: web-tls
            """)],
        id: "cert.secret-conflict", expected: true, message: "Certificates a and b in namespace web both write Secret web-tls",
        location: "ffnodes/o/prod-a/values.yaml:17:19"),
    LintCase(
        name: "one secret name in different namespaces",
        environments: ["o/prod-a": production(certificates: manyCertificates(3) { i in ["c\(i).fitfile.net"] }.replacingOccurrences(of: #"secretName: c\d-tls"#, with: "secretName: shared-tls", options: .regularExpression))],
        id: "cert.secret-conflict", expected: false),
    LintCase(
        name: "same certificate name in one namespace",
        environments: ["o/prod-a": production(certificates: """
                - name: a
                  namespace: web
                  dnsNames: ["a.fitfile.net"]
                  secretName: a-tls
                - name: a
                  namespace: web
                  dnsNames: ["b.fitfile.net"]
                  secretName: b-tls
            """)],
        id: "cert.duplicate-name", expected: true, message: "certificates[0] and certificates[1] are both Certificate a in namespace web"),
    LintCase(
        name: "same certificate name in two namespaces",
        environments: ["o/prod-a": production(certificates: manyCertificates(2) { i in ["c\(i).fitfile.net"] }.replacingOccurrences(of: #"name: c\d$"#, with: "name: same", options: .regularExpression))],
        id: "cert.duplicate-name", expected: false),
    LintCase(
        name: "Let's Encrypt disabled but used",
        environments: ["o/prod-a": production(certs: "letsencrypt:\n  enabled: false")],
        id: "issuer.undefined", expected: true, message: "uses issuer letsencrypt-prod, which this environment does not define"),
    LintCase(
        name: "aws-private-ca without awsPca",
        environments: ["o/prod-a": production(certificates: manyCertificates(1) { _ in ["a.fitfile.net"] } + "\n      issuer: aws-private-ca")],
        id: "issuer.undefined", expected: true, message: "uses issuer aws-private-ca"),
    LintCase(name: "issuers defined", environments: ["o/prod-a": production(), "o/pca-a": pca()], id: "issuer.undefined", expected: false),
    LintCase(
        name: "test environment on production", environments: ["o/test-a": production()],
        id: "issuer.production-outside-production", expected: true, severity: .warning),
    LintCase(
        name: "test environment on staging",
        environments: ["o/test-a": production().replacingOccurrences(of: "issuer: letsencrypt-prod", with: "issuer: letsencrypt-staging")],
        id: "issuer.production-outside-production", expected: false),
    LintCase(name: "production environment on production", environments: ["o/prod-a": production()], id: "issuer.production-outside-production", expected: false),
    LintCase(name: "issuer usage", environments: ["o/prod-a": production()], id: "issuer.usage", expected: true, message: "issuers in use: letsencrypt-prod (1)", severity: .note),
    LintCase(
        name: "certificates without cert-manager in production", environments: ["o/prod-a": production(deploy: "certManager: false")],
        id: "cert.cert-manager-disabled", expected: true, message: "deploy.certManager is false", severity: .error),
    LintCase(
        name: "certificates without cert-manager in test", environments: ["o/test-a": production(deploy: "certManager: false")],
        id: "cert.cert-manager-disabled", expected: true, severity: .warning),
    LintCase(
        name: "no certificates without cert-manager", environments: ["o/prod-a": "deploy:\n  certManager: false\n"],
        id: "cert.cert-manager-disabled", expected: false),
    LintCase(
        name: "Cloudflare token not from Vault", environments: ["o/prod-a": production(vault: false)],
        id: "cert.cloudflare-token-missing", expected: true, message: "no Vault secret creates cloudflare-issuer-api-token"),
    LintCase(name: "Cloudflare token from Vault", environments: ["o/prod-a": production()], id: "cert.cloudflare-token-missing", expected: false),
    LintCase(name: "private CA needs no token", environments: ["o/pca-a": pca()], id: "cert.cloudflare-token-missing", expected: false),
    // Let's Encrypt limits
    LintCase(
        name: "101 names", environments: ["o/prod-a": production(certificates: manyCertificates(1) { _ in (0..<101).map { "h\($0).fitfile.net" } })],
        id: "letsencrypt.names-per-certificate", expected: true, message: "has 101 names"),
    LintCase(
        name: "100 names", environments: ["o/prod-a": production(certificates: manyCertificates(1) { _ in (0..<100).map { "h\($0).fitfile.net" } })],
        id: "letsencrypt.names-per-certificate", expected: false),
    LintCase(
        name: "51 certificates for one domain across environments",
        environments: [
            "o/prod-a": production(certificates: manyCertificates(26) { i in ["a\(i).fitfile.net"] }),
            "o/prod-b": production(certificates: manyCertificates(25) { i in ["b\(i).fitfile.net"] }),
        ],
        id: "letsencrypt.certificates-per-domain", expected: true, message: "51 certificates for registered domain fitfile.net"),
    LintCase(
        name: "50 certificates, and staging ones do not count",
        environments: [
            "o/prod-a": production(certificates: manyCertificates(50) { i in ["a\(i).fitfile.net"] }),
            "o/test-b": production(certificates: manyCertificates(10) { i in ["b\(i).fitfile.net"] })
                .replacingOccurrences(of: "issuer: letsencrypt-prod", with: "issuer: letsencrypt-staging"),
        ],
        id: "letsencrypt.certificates-per-domain", expected: false),
    LintCase(
        name: "six certificates for one name set",
        environments: [
            "o/prod-a": production(certificates: manyCertificates(3) { _ in ["a.fitfile.net", "b.fitfile.net"] }),
            "o/prod-b": production(certificates: manyCertificates(3) { _ in ["b.fitfile.net", "a.fitfile.net"] }),
        ],
        id: "letsencrypt.duplicate-certificates", expected: true, message: "6 certificates request exactly [a.fitfile.net,b.fitfile.net]"),
    LintCase(
        name: "five certificates for one name set",
        environments: ["o/prod-a": production(certificates: manyCertificates(5) { _ in ["a.fitfile.net"] })],
        id: "letsencrypt.duplicate-certificates", expected: false),
    // AWS Private CA
    LintCase(name: "no region", environments: ["o/pca-a": pca(region: "")], id: "awspca.missing", expected: true, message: "without region"),
    LintCase(name: "ARN and region", environments: ["o/pca-a": pca()], id: "awspca.missing", expected: false),
    LintCase(
        name: "ARN of another service", environments: ["o/pca-a": pca(arn: "arn:aws:acm:eu-west-1:123456789012:certificate/abc")],
        id: "awspca.invalid-arn", expected: true),
    LintCase(
        name: "short account", environments: ["o/pca-a": pca(arn: "arn:aws:acm-pca:eu-west-1:1234:certificate-authority/ab-12")],
        id: "awspca.invalid-arn", expected: true),
    LintCase(name: "valid ARN", environments: ["o/pca-a": pca()], id: "awspca.invalid-arn", expected: false),
    LintCase(
        name: "region differs from the ARN", environments: ["o/pca-a": pca(region: "us-east-1")],
        id: "awspca.region-mismatch", expected: true, message: "certs.awsPca.region is us-east-1 but the CA's ARN is in eu-west-1"),
    LintCase(name: "region matches the ARN", environments: ["o/pca-a": pca()], id: "awspca.region-mismatch", expected: false),
    // RBAC in the rendered tree
    LintCase(
        name: "Role reading every secret", environments: ["o/prod-a": production()],
        files: ["charts/certs/templates/extra-role.yaml": roleAllSecrets], id: "rbac.secret-access", expected: true,
        message: "Role reader grants get,list on all Secrets in namespace cert-manager"),
    LintCase(name: "no wide Role", environments: ["o/prod-a": production()], id: "rbac.secret-access", expected: false),
    LintCase(
        name: "issuer key bound to default", environments: ["o/prod-a": production()],
        files: ["charts/certs/templates/extra-role.yaml": roleKeyBoundToDefault.replacingOccurrences(of: "SUBJECT", with: "default")],
        id: "rbac.issuer-key-access", expected: true, message: "lets ServiceAccount cert-manager/default read letsencrypt-cluster-issuer-key"),
    LintCase(
        name: "issuer key bound to cert-manager", environments: ["o/prod-a": production()],
        files: ["charts/certs/templates/extra-role.yaml": roleKeyBoundToDefault.replacingOccurrences(of: "SUBJECT", with: "cert-manager")],
        id: "rbac.issuer-key-access", expected: false),
    // rendering
    LintCase(
        name: "environment that does not render",
        environments: ["o/prod-a": production(deploy: "certManager: true\n  awsPrivateCAIssuer: true")],
        id: "render.failed", expected: true, message: "awsPrivateCAIssuer.roleArn is required"),
    LintCase(name: "environment renders", environments: ["o/prod-a": production()], id: "render.failed", expected: false),
]

@Suite struct LintTests {
    @Test(arguments: lintCases)
    func check(_ row: LintCase) throws {
        let findings = try lint(row.environments, extraFiles: row.files)
        let matching = findings.filter { $0.id == row.id }
        if !row.expected {
            #expect(matching.isEmpty, "unexpected \(row.id): \(matching.map(\.message))")
            return
        }
        let first = try #require(matching.first, "no \(row.id) in \(findings.map { "\($0.id): \($0.message)" })")
        #expect(row.message.isEmpty || first.message.contains(row.message), "\(first.message)")
        if !row.location.isEmpty { #expect(first.location.description == row.location) }
        if let severity = row.severity { #expect(first.severity == severity) }
    }

    @Test func everyCheckHasATriggerAndAQuietRow() {
        let ids = Set(CertLinter().checks.map(\.id))
        #expect(ids.count == CertLinter().checks.count, "check ids are unique")
        let triggered = Set(lintCases.filter(\.expected).map(\.id))
        let quiet = Set(lintCases.filter { !$0.expected }.map(\.id))
        #expect(ids.subtracting(triggered).isEmpty, "no bad input for \(ids.subtracting(triggered).sorted())")
        #expect(ids.subtracting(quiet).subtracting(["issuer.usage"]).isEmpty, "no good input for \(ids.subtracting(quiet).sorted())")
    }

    @Test func registeredDomains() {
        #expect(LetsEncryptLimits.registeredDomain("*.ff-a.fitfile.net") == "fitfile.net")
        #expect(LetsEncryptLimits.registeredDomain("a.b.example.co.uk") == "example.co.uk")
        #expect(LetsEncryptLimits.registeredDomain("example.com") == "example.com")
    }
}
