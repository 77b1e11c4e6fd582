/// Which issuer every certificate uses: one that the environment defines, Let's Encrypt staging rather than
/// production outside production, and a note of the issuers in use.
public struct IssuerRule: LintRule {
    /// Creates the rule.
    public init() {}

    /// The checks of this rule.
    public var checks: [LintCheck] {
        [
            LintCheck("issuer.undefined", .error, "A Certificate names an issuer the environment does not define."),
            LintCheck("issuer.production-outside-production", .warning, "A non-production environment uses Let's Encrypt production."),
            LintCheck("issuer.usage", .note, "Which issuers an environment's certificates use."),
        ]
    }

    /// The findings of every environment.
    public func findings(in repository: LintRepository) -> [Finding] {
        var out: [Finding] = []
        for env in repository.environments {
            guard !env.certs.certificates.isEmpty else {
                let why = env.certs.deployCertManager ? "" : " (deploy.certManager is false: no issuers either)"
                out.append(env.finding("issuer.usage", .note, at: env.location(env.certs.deployCertManager ? "certs" : "deploy.certManager"),
                    "no certificates" + why, hint: ""))
                continue
            }
            let defined = env.certs.definedIssuers
            var usage: [String: [String]] = [:]
            for cert in env.certs.certificates {
                usage[cert.issuer, default: []].append(cert.name)
                guard env.certs.deployCertManager, !defined.contains(cert.issuer) else { continue }
                let at = cert.ownIssuer ? env.valueLocation(cert.path + ".issuer") : env.location("certs.issuer")
                let fix = cert.issuer == CertSettings.awsPrivateCA
                    ? "set certs.awsPca.enabled: true with its arn and region (and deploy.awsPrivateCAIssuer: true)"
                    : "set certs.letsencrypt.enabled: true, or choose an issuer this environment defines ("
                        + (defined.isEmpty ? "none" : defined.joined(separator: ", ")) + ")"
                out.append(env.finding("issuer.undefined", .error, at: at,
                    "certificate \(cert.name) uses issuer \(cert.issuer), which this environment does not define; it will never be issued",
                    hint: fix))
            }
            let production = env.certs.certificates.filter { $0.issuer == CertSettings.letsEncryptProduction }
            if !production.isEmpty && !env.looksLikeProduction {
                let at = env.certs.issuerWritten ? env.location("certs.issuer") : env.location("certs")
                out.append(env.finding("issuer.production-outside-production", .warning, at: at,
                    "\(production.count) certificate(s) of non-production environment \(env.id) use letsencrypt-prod"
                        + (env.certs.issuerWritten ? "" : " (the chart default)")
                        + ", spending the production rate limits shared with production environments",
                    hint: "set certs.issuer: letsencrypt-staging (untrusted but with generous limits) unless browsers must trust these certificates"))
            }
            let summary = usage.keys.sorted().map { "\($0) (\(usage[$0]?.count ?? 0))" }.joined(separator: ", ")
            out.append(env.finding("issuer.usage", .note, at: env.location("certs"),
                "issuers in use: \(summary)", hint: ""))
        }
        return out
    }
}
