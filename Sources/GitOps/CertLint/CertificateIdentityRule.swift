/// Certificates of one namespace that would fight: two writing the same Secret, or two with the same name.
public struct CertificateIdentityRule: LintRule {
    /// Creates the rule.
    public init() {}

    /// The checks of this rule.
    public var checks: [LintCheck] {
        [
            LintCheck("cert.secret-conflict", .error, "Two Certificates in one namespace write the same Secret (they overwrite each other)."),
            LintCheck("cert.duplicate-name", .error, "Two Certificates with the same name in one namespace."),
        ]
    }

    /// The findings of every environment.
    public func findings(in repository: LintRepository) -> [Finding] {
        var out: [Finding] = []
        for env in repository.environments {
            var bySecret: [String: CertificateEntry] = [:]
            var byName: [String: CertificateEntry] = [:]
            for cert in env.certs.certificates {
                if !cert.name.isEmpty {
                    let key = cert.namespace + "/" + cert.name
                    if let first = byName[key] {
                        out.append(env.finding("cert.duplicate-name", .error, at: env.valueLocation(cert.path + ".name"),
                            "certificates[\(first.index)] and certificates[\(cert.index)] are both Certificate \(cert.name) in namespace \(cert.namespace)",
                            hint: "give each certificate its own name, or merge their dnsNames into one"))
                    } else {
                        byName[key] = cert
                    }
                }
                if !cert.secretName.isEmpty {
                    let key = cert.namespace + "/" + cert.secretName
                    if let first = bySecret[key], first.name != cert.name {
                        out.append(env.finding("cert.secret-conflict", .error, at: env.valueLocation(cert.path + ".secretName"),
                            "Certificates \(first.name) and \(cert.name) in namespace \(cert.namespace) both write Secret \(cert.secretName); each renewal overwrites the other's key and certificate",
                            hint: "give certificates[\(cert.index)] its own secretName"))
                    } else if bySecret[key] == nil {
                        bySecret[key] = cert
                    }
                }
            }
        }
        return out
    }
}
