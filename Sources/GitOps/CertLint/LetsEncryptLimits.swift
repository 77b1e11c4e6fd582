/// Let's Encrypt's production limits and the DNS name rules ffgen checks against: the one place they live.
///
/// Sources: letsencrypt/website `content/en/docs/rate-limits.md` (lastmod 2026-08-05) and `docs/profiles.md`;
/// RFC 1035 §2.3.1 and §2.3.4; RFC 5280 (`ub-common-name`); CA/B Baseline Requirements (wildcard domain name).
public enum LetsEncryptLimits {
    /// Identifiers (names) per certificate with the `classic` profile (rate-limits.md).
    public static let namesPerCertificate = 100
    /// New certificates per registered domain per 7 days, across all accounts (rate-limits.md).
    public static let certificatesPerRegisteredDomainPerWeek = 50
    /// New certificates per exact set of identifiers per 7 days ("duplicate certificate", rate-limits.md).
    public static let duplicateCertificatesPerWeek = 5
    /// The production ACME directory.
    public static let productionDirectory = "https://acme-v02.api.letsencrypt.org/directory"
    /// The staging ACME directory.
    public static let stagingDirectory = "https://acme-staging-v02.api.letsencrypt.org/directory"

    /// Longest DNS label, in octets (RFC 1035 §2.3.4).
    public static let maxLabelLength = 63
    /// Longest DNS name in dotted text form (255 octets on the wire, RFC 1035 §2.3.4).
    public static let maxNameLength = 253
    /// Longest Common Name (X.509 `ub-common-name`, RFC 5280); the cert-manager webhook rejects longer ones and
    /// Let's Encrypt leaves the CN empty when the first name is longer (profiles.md).
    public static let maxCommonNameLength = 64

    /// Public suffixes of more than one label that ffgen knows without the full Public Suffix List, so that
    /// `a.example.co.uk` counts against `example.co.uk`, not `co.uk`.
    public static let multiLabelSuffixes: Set<String> = [
        "co.uk", "org.uk", "ac.uk", "gov.uk", "nhs.uk", "ltd.uk", "plc.uk", "me.uk", "net.uk",
        "com.au", "net.au", "org.au", "co.nz", "co.jp", "com.br", "co.za", "com.cn", "co.in",
    ]

    /// The registered domain of `name` (the label below its public suffix), used for the per-domain limit.
    public static func registeredDomain(_ name: String) -> String {
        var labels = name.lowercased().split(separator: ".").map(String.init)
        if labels.first == "*" { labels.removeFirst() }
        guard labels.count > 2 else { return labels.joined(separator: ".") }
        let lastTwo = labels.suffix(2).joined(separator: ".")
        let keep = multiLabelSuffixes.contains(lastTwo) ? 3 : 2
        return labels.suffix(keep).joined(separator: ".")
    }
}
