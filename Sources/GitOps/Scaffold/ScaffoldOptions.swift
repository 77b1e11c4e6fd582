/// The issuer a new environment's certificates use, as `--issuer` spells it.
public enum ScaffoldIssuer: String, Sendable, CaseIterable {
    /// Let's Encrypt staging: untrusted certificates, generous rate limits; for environments not yet in production.
    case letsencryptStaging = "letsencrypt-staging"
    /// Let's Encrypt production.
    case letsencryptProd = "letsencrypt-prod"
    /// An AWS Private CA through aws-privateca-issuer.
    case awsPCA = "aws-pca"

    /// The issuer's name in `certs.issuer` of the chart.
    public var chartName: String { self == .awsPCA ? "aws-private-ca" : rawValue }

    /// The issuer for a `certs.issuer` value of the chart.
    public init?(chartName: String) {
        if chartName == "aws-private-ca" { self = .awsPCA } else { self.init(rawValue: chartName) }
    }
}

/// One certificate of the new environment (an entry of `certs.certificates`).
public struct CertificateSpec: Sendable, Equatable {
    /// The Certificate's name.
    public var name: String
    /// Its namespace (and its Secret's).
    public var namespace: String
    /// The names in the certificate.
    public var dnsNames: [String]
    /// The Secret receiving the key pair.
    public var secretName: String
    /// An issuer overriding the environment's (`certs.certificates[].issuer`), as the chart names it.
    public var issuer: String?

    /// Creates a certificate entry.
    public init(name: String, namespace: String, dnsNames: [String], secretName: String, issuer: String? = nil) {
        self.name = name
        self.namespace = namespace
        self.dnsNames = dnsNames
        self.secretName = secretName
        self.issuer = issuer
    }

    /// Parses `--certificate NAME=NAMESPACE:DNS[,DNS...]`; the Secret is `NAME-tls`. Every part is checked.
    public static func parse(_ text: String) throws(ScaffoldError) -> CertificateSpec {
        let usage = "--certificate NAME=NAMESPACE:DNS[,DNS...], e.g. grafana=monitoring:grafana.ff-test-b.fitfile.net"
        guard let equals = text.firstIndex(of: "="), let colon = text[equals...].firstIndex(of: ":") else {
            throw ScaffoldError(.certificate, "--certificate \(ScaffoldValidation.quoted(text)) is not NAME=NAMESPACE:DNS", hint: usage)
        }
        let name = String(text[..<equals])
        let namespace = String(text[text.index(after: equals)..<colon])
        let names = text[text.index(after: colon)...].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let context = "--certificate \(name)"
        try ScaffoldValidation.checkObjectName(name, context: "--certificate")
        try ScaffoldValidation.checkNamespace(namespace, context: context)
        let spec = CertificateSpec(name: name, namespace: namespace, dnsNames: names, secretName: name + "-tls")
        try spec.check(context: context)
        return spec
    }

    /// Checks the entry as the chart will: object names, namespace, hostnames, no repeated DNS name.
    public func check(context: String) throws(ScaffoldError) {
        try ScaffoldValidation.checkObjectName(name, context: context)
        try ScaffoldValidation.checkNamespace(namespace, context: context)
        try ScaffoldValidation.checkObjectName(secretName, context: context + " secretName")
        if dnsNames.isEmpty {
            throw ScaffoldError(.hostname, "\(context): no DNS names", hint: "a certificate needs at least one DNS name")
        }
        var seen: Set<String> = []
        for dns in dnsNames {
            try ScaffoldValidation.checkHostname(dns, context: context)
            if !seen.insert(dns).inserted {
                throw ScaffoldError(.hostname, "\(context): DNS name \(dns) is listed twice")
            }
        }
    }

    /// The certificates a new environment gets from `--domain`: Argo CD's (`argocd.ENV.DOMAIN` in `argocd`) and
    /// the environment's own (`ENV.DOMAIN` and `*.ENV.DOMAIN` in namespace ENV), following the seed environments'
    /// naming (`fitfile-ENV`, Secret `ENV-tls`).
    public static func defaults(environment: String, domain: String) -> [CertificateSpec] {
        [
            CertificateSpec(
                name: "argocd", namespace: "argocd", dnsNames: ["argocd.\(environment).\(domain)"], secretName: "argocd-tls"),
            CertificateSpec(
                name: "fitfile-\(environment)", namespace: environment,
                dnsNames: ["\(environment).\(domain)", "*.\(environment).\(domain)"], secretName: "\(environment)-tls"),
        ]
    }
}

/// What `ffgen new` was asked to create: its arguments, unvalidated.
public struct NewEnvironmentOptions: Sendable {
    /// `ORG/ENV`.
    public var environment: String
    /// `--domain`: the DNS domain the environment's certificate names derive from.
    public var domain: String?
    /// `--issuer`.
    public var issuer: ScaffoldIssuer?
    /// `--pca-arn`: the AWS Private CA.
    public var pcaARN: String?
    /// `--region`: the Private CA's region.
    public var region: String?
    /// `--role-arn`: the IAM role of aws-privateca-issuer (IRSA).
    public var roleARN: String?
    /// `false` with `--no-cert-manager`.
    public var certManager = true
    /// `--certificate` values, in order.
    public var certificates: [String] = []
    /// `--vault-path`: the kv path of the Cloudflare API token.
    public var vaultPath: String?
    /// `--from ORG/ENV`.
    public var from: String?
    /// `--force`: replace an existing environment.
    public var force = false

    /// Options for `ORG/ENV` with every other option at its default.
    public init(environment: String) {
        self.environment = environment
    }

    /// A question to ask on a terminal for a missing required option.
    public struct Question: Sendable, Equatable {
        /// The option it fills (`--domain`).
        public var option: String
        /// The prompt.
        public var prompt: String
        /// The answer when the user just presses return; nil when an answer is required.
        public var defaultAnswer: String?
        /// Whether the option must be given (the issuer has a default and is only asked along with the others).
        public var required = true
    }

    /// The options still missing, as questions, in the order to ask them (ask the first, record the answer, ask
    /// again: the issuer decides whether the Private CA questions follow). Empty when the options are enough; a
    /// source given with `--from` supplies everything it has.
    public func missing() -> [Question] {
        guard certManager, from == nil else { return [] }
        var questions: [Question] = []
        let env = environment.split(separator: "/").last.map(String.init) ?? environment
        let effective = issuer ?? (pcaARN != nil ? .awsPCA : nil)
        if effective == nil {
            let suggested: ScaffoldIssuer = ScaffoldValidation.looksLikeProduction(env) ? .letsencryptProd : .letsencryptStaging
            questions.append(
                Question(
                    option: "--issuer", prompt: "Issuer (letsencrypt-staging, letsencrypt-prod, aws-pca)",
                    defaultAnswer: suggested.rawValue, required: false))
        }
        if domain == nil && certificates.isEmpty {
            questions.append(Question(option: "--domain", prompt: "DNS domain of the certificates (e.g. fitfile.net)", defaultAnswer: nil))
        }
        if effective == .awsPCA {
            if pcaARN == nil {
                questions.append(Question(option: "--pca-arn", prompt: "AWS Private CA ARN", defaultAnswer: nil))
            }
            if region == nil {
                questions.append(Question(option: "--region", prompt: "AWS region of the Private CA", defaultAnswer: nil))
            }
        }
        return questions
    }

    /// Records the answer to a question (an empty answer takes the question's default).
    public mutating func answer(_ question: Question, with text: String) throws(ScaffoldError) {
        let value = text.isEmpty ? (question.defaultAnswer ?? "") : text
        switch question.option {
        case "--issuer":
            guard let chosen = ScaffoldIssuer(rawValue: value) else {
                throw ScaffoldError(.conflict, "unknown issuer \(ScaffoldValidation.quoted(value))",
                                    hint: "choose letsencrypt-staging, letsencrypt-prod or aws-pca")
            }
            issuer = chosen
        case "--domain": domain = value
        case "--pca-arn": pcaARN = value
        case "--region": region = value
        default: break
        }
    }
}
