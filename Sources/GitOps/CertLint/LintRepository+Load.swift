import Foundation
import HelmEngine
import Values

extension LintRepository {
    /// Reads and renders `environments` of the repository described by `config`, one after another. Problems
    /// reading or rendering an environment are recorded on it (and reported by the rules), never thrown; a
    /// missing schema or chart defaults file just leaves those checks with less to go on.
    public static func load(
        config: RepositoryConfig, environments: [Environment], render: Bool = true
    ) -> LintRepository {
        let chartDir = RepoPath.join(config.root, config.appOfAppsChart)
        let schemaFile = RepoPath.join(config.appOfAppsChart, "values.schema.json")
        let schema = readJSON(RepoPath.join(config.root, schemaFile))
        let ffnodeDefaults = readValues(RepoPath.join(chartDir, "values.yaml"))
        let certsDefaults = readValues(RepoPath.join(config.root, "charts/certs/values.yaml"))
        let renderer = AppOfApps(config: config)
        var models: [LintEnvironment] = []
        for environment in environments {
            let path = RepoPath.join(config.root, environment.valuesFile)
            var values = ValueMap()
            var locations = ValueLocations()
            var loadError: String?
            if let data = FileManager.default.contents(atPath: path) {
                do {
                    (values, locations) = try HelmYAML.loadValuesWithLocations(
                        String(decoding: data, as: UTF8.self), file: environment.valuesFile)
                } catch {
                    loadError = error.message
                }
            } else {
                loadError = "cannot read \(environment.valuesFile)"
            }
            let certs = CertSettings(values: values, ffnodeDefaults: ffnodeDefaults, certsDefaults: certsDefaults)
            var model = LintEnvironment(
                environment: environment, values: values, locations: locations, loadError: loadError, certs: certs)
            if render && loadError == nil {
                do {
                    model.objects = try renderer.render(environment: environment).objects
                } catch {
                    model.renderError = error.description
                }
            }
            models.append(model)
        }
        return LintRepository(config: config, environments: models, schema: schema, schemaFile: schemaFile)
    }

    private static func readValues(_ path: String) -> ValueMap {
        guard let data = FileManager.default.contents(atPath: path) else { return ValueMap() }
        return (try? HelmYAML.loadValues(String(decoding: data, as: UTF8.self), file: path)) ?? ValueMap()
    }

    private static func readJSON(_ path: String) -> Value? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return try? HelmCodecs.standard.jsonDocument(String(decoding: data, as: UTF8.self))
    }
}

extension CertSettings {
    /// The settings an environment's `values` amount to over the charts' defaults (`ffnodeDefaults`:
    /// charts/ffnode/values.yaml, `certsDefaults`: charts/certs/values.yaml). Values of the wrong type count as
    /// unset; the schema check reports them.
    public init(values: ValueMap, ffnodeDefaults: ValueMap = ValueMap(), certsDefaults: ValueMap = ValueMap()) {
        self.init()
        let env = Value.map(values)
        let ffnode = Value.map(ffnodeDefaults)
        let chart = Value.map(certsDefaults)
        let certs = env["certs"]
        func pick<T>(_ path: [String], _ read: (Value) -> T?) -> T? {
            if let v = certs.at(path).flatMap(read) { return v }
            if let v = ffnode.at(["certs"] + path).flatMap(read) { return v }
            return chart.at(path).flatMap(read)
        }
        deployCertManager = env.at(["deploy", "certManager"])?.boolValue
            ?? ffnode.at(["deploy", "certManager"])?.boolValue ?? false
        issuerWritten = certs.at(["issuer"])?.stringValue != nil
        issuer = pick(["issuer"], \.stringValue) ?? issuer
        letsEncryptEnabled = pick(["letsencrypt", "enabled"], \.boolValue) ?? letsEncryptEnabled
        cloudflareSecretName = pick(["letsencrypt", "cloudflareApiToken", "secretName"], \.stringValue)
            ?? cloudflareSecretName
        awsPcaEnabled = pick(["awsPca", "enabled"], \.boolValue) ?? awsPcaEnabled
        awsPcaARN = pick(["awsPca", "arn"], \.stringValue) ?? awsPcaARN
        awsPcaRegion = pick(["awsPca", "region"], \.stringValue) ?? awsPcaRegion
        for source in [env.at(["certManager", "vaultSecrets"]), certs.at(["vaultSecrets"])] {
            for item in source?.listValue ?? [] {
                if let name = item.at(["secretName"])?.stringValue { vaultSecretNames.append(name) }
            }
        }
        let list = certs.at(["certificates"])?.listValue ?? ffnode.at(["certs", "certificates"])?.listValue ?? []
        for (index, item) in list.enumerated() {
            let own = item.at(["issuer"])?.stringValue
            certificates.append(
                CertificateEntry(
                    index: index, name: item.at(["name"])?.stringValue ?? "",
                    namespace: item.at(["namespace"])?.stringValue ?? "",
                    secretName: item.at(["secretName"])?.stringValue ?? "",
                    dnsNames: (item.at(["dnsNames"])?.listValue ?? []).compactMap(\.stringValue),
                    issuer: own ?? issuer, ownIssuer: own != nil))
        }
    }
}

extension Value {
    /// The value at a path of map keys, or nil.
    func at(_ path: [String]) -> Value? {
        var current = self
        for key in path {
            guard case .map(let m) = current, let next = m[key] else { return nil }
            current = next
        }
        return current
    }

    /// The value at key `key` of a map, or nil.
    subscript(key: String) -> Value? { at([key]) }

    var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    var boolValue: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }

    var listValue: [Value]? {
        if case .list(let l) = self { return l }
        return nil
    }

    var mapValue: ValueMap? {
        if case .map(let m) = self { return m }
        return nil
    }
}

extension Optional where Wrapped == Value {
    func at(_ path: [String]) -> Value? { flatMap { $0.at(path) } }
}
