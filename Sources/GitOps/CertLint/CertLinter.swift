/// Runs every lint rule over a repository and orders the findings.
public struct CertLinter: Sendable {
    /// The rules, in the order their checks are documented.
    public var rules: [any LintRule]

    /// The standard rule set.
    public static let standardRules: [any LintRule] = [
        RenderRule(), SchemaRule(), DNSNameRule(), CertificateIdentityRule(), IssuerRule(), CertManagerDisabledRule(),
        CloudflareTokenRule(), LetsEncryptLimitRule(), AWSPCARule(), SecretAccessRule(),
    ]

    /// A linter with `rules` (the standard ones by default).
    public init(rules: [any LintRule] = CertLinter.standardRules) {
        self.rules = rules
    }

    /// Every check the rules can report.
    public var checks: [LintCheck] { rules.flatMap(\.checks) }

    /// The findings for `repository`: by environment (repository order), then file position, then id.
    public func lint(_ repository: LintRepository) -> [Finding] {
        let order = Dictionary(
            repository.environments.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        let all = rules.flatMap { $0.findings(in: repository) }
        return all.enumerated().sorted { a, b in
            let (x, y) = (a.element, b.element)
            let ex = order[x.environment] ?? Int.max
            let ey = order[y.environment] ?? Int.max
            if ex != ey { return ex < ey }
            if x.location.file != y.location.file { return x.location.file < y.location.file }
            if x.location.line != y.location.line { return x.location.line < y.location.line }
            if x.location.column != y.location.column { return x.location.column < y.location.column }
            return a.offset < b.offset
        }.map(\.element)
    }
}
