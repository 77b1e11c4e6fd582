/// Certificates listed in an environment that does not deploy cert-manager: they are never issued, and
/// ingresses fall back to the controller's self-signed certificate.
public struct CertManagerDisabledRule: LintRule {
    /// Creates the rule.
    public init() {}

    /// The checks of this rule.
    public var checks: [LintCheck] {
        [LintCheck("cert.cert-manager-disabled", .error, "Certificates listed while deploy.certManager is false (an error for production-like environments, a warning otherwise).")]
    }

    /// The findings of every environment.
    public func findings(in repository: LintRepository) -> [Finding] {
        repository.environments.compactMap { env in
            guard !env.certs.deployCertManager, !env.certs.certificates.isEmpty else { return nil }
            let severity: Severity = env.looksLikeProduction ? .error : .warning
            return env.finding("cert.cert-manager-disabled", severity, at: env.location("certs.certificates"),
                "\(env.certs.certificates.count) certificate(s) are listed but deploy.certManager is false: none will be issued, and ingresses serve the controller's self-signed certificate",
                hint: "set deploy.certManager: true, or remove certs.certificates")
        }
    }
}
