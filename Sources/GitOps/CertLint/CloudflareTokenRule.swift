/// DNS01 through Cloudflare needs the API token Secret, which the environment creates from Vault.
public struct CloudflareTokenRule: LintRule {
    /// Creates the rule.
    public init() {}

    /// The checks of this rule.
    public var checks: [LintCheck] {
        [LintCheck("cert.cloudflare-token-missing", .error, "Let's Encrypt certificates (DNS01 via Cloudflare) without a Vault secret providing the API token.")]
    }

    /// The findings of every environment.
    public func findings(in repository: LintRepository) -> [Finding] {
        repository.environments.compactMap { env in
            let certs = env.certs
            guard certs.deployCertManager, certs.letsEncryptEnabled else { return nil }
            let acme = certs.certificates.filter {
                $0.issuer == CertSettings.letsEncryptProduction || $0.issuer == CertSettings.letsEncryptStaging
            }
            guard !acme.isEmpty, !certs.vaultSecretNames.contains(certs.cloudflareSecretName) else { return nil }
            return env.finding("cert.cloudflare-token-missing", .error, at: env.location("certManager.vaultSecrets"),
                "\(acme.count) certificate(s) use Let's Encrypt through Cloudflare DNS01, but no Vault secret creates \(certs.cloudflareSecretName), the token the ClusterIssuers read; every challenge will fail",
                hint: "add certManager.vaultSecrets: [{secretName: \(certs.cloudflareSecretName), vaultPath: cloudflare, ...}] (see ffnodes/fitfile/ff-a/values.yaml)")
        }
    }
}
