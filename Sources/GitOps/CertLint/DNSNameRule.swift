/// DNS names of every certificate: valid hostnames, wildcards only as the whole leftmost label, a first name
/// short enough to be a Common Name, and no name twice in one certificate.
public struct DNSNameRule: LintRule {
    /// Creates the rule.
    public init() {}

    /// The checks of this rule.
    public var checks: [LintCheck] {
        [
            LintCheck("dns.invalid-name", .error, "A name that is not a valid hostname (labels 1-63 characters, 253 in all, a-z 0-9 and -, no leading or trailing -)."),
            LintCheck("dns.wildcard", .error, "A `*` that is not the whole leftmost label (`*.example.com`)."),
            LintCheck("dns.common-name-too-long", .warning, "The first name is longer than a Common Name may be (64)."),
            LintCheck("dns.duplicate-name", .error, "The same name twice in one certificate."),
        ]
    }

    /// The findings of every environment.
    public func findings(in repository: LintRepository) -> [Finding] {
        var out: [Finding] = []
        for env in repository.environments {
            for cert in env.certs.certificates {
                let label = cert.name.isEmpty ? cert.path : "certificate \(cert.name)"
                var seen: [String: Int] = [:]
                for (i, name) in cert.dnsNames.enumerated() {
                    let path = cert.path + ".dnsNames[\(i)]"
                    let at = env.valueLocation(path)
                    if let problem = Self.wildcardProblem(name) {
                        out.append(env.finding("dns.wildcard", .error, at: at, "\(label): '\(name)' \(problem)",
                            hint: "a wildcard must be the whole leftmost label, e.g. *.example.com (it covers one label only)"))
                    } else if !name.contains("*"), let problem = Self.hostnameProblem(name) {
                        out.append(env.finding("dns.invalid-name", .error, at: at, "\(label): '\(name)' \(problem)",
                            hint: "use lower-case letters, digits and hyphens; labels of 1-63 characters, 253 in all"))
                    }
                    if i == 0 && name.utf8.count > LetsEncryptLimits.maxCommonNameLength {
                        out.append(env.finding("dns.common-name-too-long", .warning, at: at,
                            "\(label): the first name '\(name)' is \(name.utf8.count) characters, longer than a Common Name may be (\(LetsEncryptLimits.maxCommonNameLength))",
                            hint: "put a shorter name first, so it can serve as the certificate's Common Name"))
                    }
                    let key = name.lowercased()
                    if let first = seen[key] {
                        out.append(env.finding("dns.duplicate-name", .error, at: at,
                            "\(label) lists '\(name)' twice (dnsNames[\(first)] and dnsNames[\(i)])",
                            hint: "remove the second entry"))
                    } else {
                        seen[key] = i
                    }
                }
            }
        }
        return out
    }

    /// Why `name` with a `*` is not a valid wildcard, or nil (also nil when it has no `*`).
    static func wildcardProblem(_ name: String) -> String? {
        guard name.contains("*") else { return nil }
        let labels = name.split(separator: ".", omittingEmptySubsequences: false)
        if labels.dropFirst().contains(where: { $0.contains("*") }) { return "has a * below the leftmost label" }
        if labels.first != "*" { return "has a * that is not the whole leftmost label" }
        if labels.count < 3 { return "is a wildcard over a top-level or registered domain" }
        let rest = labels.dropFirst().joined(separator: ".")
        return hostnameProblem(rest).map { "(after *.) \($0)" }
    }

    /// Why `name` is not a valid host name (RFC 1035 §2.3.1 preferred syntax, lower case, RFC 1123 digits
    /// first allowed), or nil.
    static func hostnameProblem(_ name: String) -> String? {
        if name.isEmpty { return "is empty" }
        if name.utf8.count > LetsEncryptLimits.maxNameLength {
            return "is \(name.utf8.count) characters, more than \(LetsEncryptLimits.maxNameLength)"
        }
        let labels = name.split(separator: ".", omittingEmptySubsequences: false)
        if labels.count < 2 { return "is not a fully qualified name" }
        for label in labels {
            if label.isEmpty { return "has an empty label (two dots, or a dot at an end)" }
            if label.utf8.count > LetsEncryptLimits.maxLabelLength {
                return "has a label of \(label.utf8.count) characters ('\(label)'), more than \(LetsEncryptLimits.maxLabelLength)"
            }
            for byte in label.utf8 {
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"): continue
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): return "has upper-case letters ('\(label)')"
                default: return "has a character other than a-z, 0-9 and - in '\(label)'"
                }
            }
            if label.hasPrefix("-") || label.hasSuffix("-") { return "has a label starting or ending with - ('\(label)')" }
        }
        return nil
    }
}
