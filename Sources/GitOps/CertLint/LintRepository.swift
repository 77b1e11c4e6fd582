import Foundation
import Values
import YAMLKit

/// What the lint rules look at: every environment's values (with where each value is written), the
/// certificate settings they amount to once the charts' defaults are applied, and the rendered objects.
public struct LintRepository: Sendable {
    /// The repository settings.
    public var config: RepositoryConfig
    /// The environments, sorted.
    public var environments: [LintEnvironment]
    /// The app-of-apps chart's `values.schema.json`, when it has one and it parses.
    public var schema: Value?
    /// The file the schema came from, relative to the root.
    public var schemaFile: String

    /// Creates a model from its parts (tests build them directly).
    public init(config: RepositoryConfig, environments: [LintEnvironment], schema: Value?, schemaFile: String) {
        self.config = config
        self.environments = environments
        self.schema = schema
        self.schemaFile = schemaFile
    }
}

/// One environment as the lint rules see it.
public struct LintEnvironment: Sendable {
    /// The environment.
    public var environment: Environment
    /// Its values file exactly as written (empty when it could not be read).
    public var values: ValueMap
    /// Where each value path of `values` is written.
    public var locations: ValueLocations
    /// Why the values file could not be read, if it could not.
    public var loadError: String?
    /// The certificate settings (environment values over the charts' defaults).
    public var certs: CertSettings
    /// The rendered objects; empty when rendering failed.
    public var objects: [RenderedObject]
    /// Why rendering failed, if it did.
    public var renderError: String?

    /// `org/env`.
    public var id: String { environment.id }

    /// Creates an environment model.
    public init(
        environment: Environment, values: ValueMap, locations: ValueLocations, loadError: String? = nil,
        certs: CertSettings, objects: [RenderedObject] = [], renderError: String? = nil
    ) {
        self.environment = environment
        self.values = values
        self.locations = locations
        self.loadError = loadError
        self.certs = certs
        self.objects = objects
        self.renderError = renderError
    }

    /// Where the value at `path` (`certs.certificates[2].dnsNames[0]`) is written; the nearest written parent
    /// when the value itself is not (a chart default), else the top of the file.
    public func location(_ path: String) -> FindingLocation {
        var current = path
        while true {
            if let loc = locations[current] {
                return FindingLocation(file: environment.valuesFile, line: loc.line, column: loc.column)
            }
            guard let cut = current.lastIndex(where: { $0 == "." || $0 == "[" }) else { break }
            current = String(current[..<cut])
        }
        return FindingLocation(file: environment.valuesFile, line: 1, column: 1)
    }

    /// Where the value itself (not its key) at `path` starts, for list items and scalars.
    public func valueLocation(_ path: String) -> FindingLocation {
        if let loc = locations.values[path] {
            return FindingLocation(file: environment.valuesFile, line: loc.line, column: loc.column)
        }
        return location(path)
    }

    /// Whether the environment looks like production: its name says so (`prod`), or its certificates come
    /// from Let's Encrypt production on purpose (the issuer is written in its values).
    public var looksLikeProduction: Bool {
        let name = environment.name.lowercased()
        if name.contains("prod") { return true }
        if ["test", "dev", "staging", "stage", "sandbox", "demo", "qa"].contains(where: { name.contains($0) }) {
            return false
        }
        return certs.issuerWritten && certs.issuer == CertSettings.letsEncryptProduction
    }

    /// A finding about this environment.
    public func finding(
        _ id: String, _ severity: Severity, at location: FindingLocation, _ message: String, hint: String
    ) -> Finding {
        Finding(id: id, severity: severity, environment: self.id, location: location, message: message, hint: hint)
    }
}

/// The certificate settings of one environment, as charts/ffnode and charts/certs will use them.
public struct CertSettings: Sendable {
    /// The Let's Encrypt production ClusterIssuer's name.
    public static let letsEncryptProduction = "letsencrypt-prod"
    /// The Let's Encrypt staging ClusterIssuer's name.
    public static let letsEncryptStaging = "letsencrypt-staging"
    /// The AWSPCAClusterIssuer's name.
    public static let awsPrivateCA = "aws-private-ca"

    /// `deploy.certManager`.
    public var deployCertManager = false
    /// `certs.issuer`, the default issuer of the certificates.
    public var issuer = letsEncryptProduction
    /// Whether `certs.issuer` is written in the environment (not the chart default).
    public var issuerWritten = false
    /// `certs.letsencrypt.enabled`: the two Let's Encrypt ClusterIssuers exist.
    public var letsEncryptEnabled = true
    /// `certs.letsencrypt.cloudflareApiToken.secretName`.
    public var cloudflareSecretName = "cloudflare-issuer-api-token"
    /// `certs.awsPca.enabled`.
    public var awsPcaEnabled = false
    /// `certs.awsPca.arn`.
    public var awsPcaARN = ""
    /// `certs.awsPca.region`.
    public var awsPcaRegion = ""
    /// Names of the Secrets created from Vault (`certManager.vaultSecrets` and `certs.vaultSecrets`).
    public var vaultSecretNames: [String] = []
    /// The certificates, in order.
    public var certificates: [CertificateEntry] = []

    /// Creates settings with the charts' defaults.
    public init() {}

    /// The issuers this environment defines (ClusterIssuers of charts/certs).
    public var definedIssuers: [String] {
        guard deployCertManager else { return [] }
        var out: [String] = []
        if letsEncryptEnabled { out += [Self.letsEncryptProduction, Self.letsEncryptStaging] }
        if awsPcaEnabled { out.append(Self.awsPrivateCA) }
        return out
    }
}

/// One entry of `certs.certificates`.
public struct CertificateEntry: Sendable {
    /// Its index in the list.
    public var index: Int
    /// `name` (empty when missing).
    public var name: String
    /// `namespace` (empty when missing).
    public var namespace: String
    /// `secretName` (empty when missing).
    public var secretName: String
    /// `dnsNames` (strings only; other items are the schema check's business).
    public var dnsNames: [String]
    /// The issuer: its own `issuer`, else the environment's default.
    public var issuer: String
    /// Whether it names its own issuer.
    public var ownIssuer: Bool

    /// Creates an entry.
    public init(
        index: Int, name: String, namespace: String, secretName: String, dnsNames: [String], issuer: String,
        ownIssuer: Bool = false
    ) {
        self.index = index
        self.name = name
        self.namespace = namespace
        self.secretName = secretName
        self.dnsNames = dnsNames
        self.issuer = issuer
        self.ownIssuer = ownIssuer
    }

    /// The value path of the entry (`certs.certificates[2]`).
    public var path: String { "certs.certificates[\(index)]" }
}
