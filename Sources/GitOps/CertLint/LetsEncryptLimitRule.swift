/// Let's Encrypt production limits, counted across every environment that uses the production issuer (they
/// share the limits: per registered domain and per exact name set are global across accounts).
public struct LetsEncryptLimitRule: LintRule {
    /// Creates the rule.
    public init() {}

    /// The checks of this rule.
    public var checks: [LintCheck] {
        [
            LintCheck("letsencrypt.names-per-certificate", .error, "More names in one certificate than Let's Encrypt allows (\(LetsEncryptLimits.namesPerCertificate))."),
            LintCheck("letsencrypt.certificates-per-domain", .error, "More certificates for one registered domain than a full re-issue may request in a week (\(LetsEncryptLimits.certificatesPerRegisteredDomainPerWeek))."),
            LintCheck("letsencrypt.duplicate-certificates", .error, "The same set of names requested by more certificates than the duplicate limit allows (\(LetsEncryptLimits.duplicateCertificatesPerWeek) a week)."),
        ]
    }

    private struct Use {
        var env: LintEnvironment
        var cert: CertificateEntry
    }

    /// The findings across all environments.
    public func findings(in repository: LintRepository) -> [Finding] {
        var out: [Finding] = []
        var uses: [Use] = []
        for env in repository.environments where env.certs.deployCertManager && env.certs.letsEncryptEnabled {
            for cert in env.certs.certificates where cert.issuer == CertSettings.letsEncryptProduction {
                uses.append(Use(env: env, cert: cert))
                if cert.dnsNames.count > LetsEncryptLimits.namesPerCertificate {
                    out.append(env.finding("letsencrypt.names-per-certificate", .error, at: env.location(cert.path + ".dnsNames"),
                        "certificate \(cert.name) has \(cert.dnsNames.count) names; Let's Encrypt issues at most \(LetsEncryptLimits.namesPerCertificate) per certificate",
                        hint: "split it into certificates of at most \(LetsEncryptLimits.namesPerCertificate) names, or use a wildcard"))
                }
            }
        }
        var byDomain: [String: [Use]] = [:]
        for use in uses {
            let domains = Set(use.cert.dnsNames.map(LetsEncryptLimits.registeredDomain))
            for domain in domains { byDomain[domain, default: []].append(use) }
        }
        for domain in byDomain.keys.sorted() {
            let list = byDomain[domain] ?? []
            guard list.count > LetsEncryptLimits.certificatesPerRegisteredDomainPerWeek, let last = list.last else { continue }
            let envs = Set(list.map(\.env.id)).sorted().joined(separator: ", ")
            out.append(last.env.finding("letsencrypt.certificates-per-domain", .error, at: last.env.location(last.cert.path),
                "\(list.count) certificates for registered domain \(domain) use letsencrypt-prod (in \(envs)); re-issuing them all at once exceeds the limit of \(LetsEncryptLimits.certificatesPerRegisteredDomainPerWeek) new certificates per week",
                hint: "combine names into fewer certificates (or wildcards), move test environments to letsencrypt-staging, or request a rate-limit override"))
        }
        var bySet: [String: [Use]] = [:]
        for use in uses where !use.cert.dnsNames.isEmpty {
            let key = Set(use.cert.dnsNames.map { $0.lowercased() }).sorted().joined(separator: ",")
            bySet[key, default: []].append(use)
        }
        for key in bySet.keys.sorted() {
            let list = bySet[key] ?? []
            guard list.count > LetsEncryptLimits.duplicateCertificatesPerWeek, let last = list.last else { continue }
            let owners = list.map { "\($0.env.id) \($0.cert.name)" }.joined(separator: ", ")
            out.append(last.env.finding("letsencrypt.duplicate-certificates", .error, at: last.env.location(last.cert.path + ".dnsNames"),
                "\(list.count) certificates request exactly [\(key)] from letsencrypt-prod (\(owners)); Let's Encrypt issues the same name set at most \(LetsEncryptLimits.duplicateCertificatesPerWeek) times a week",
                hint: "request the set once and share the Secret, or give each certificate its own names"))
        }
        return out
    }
}
