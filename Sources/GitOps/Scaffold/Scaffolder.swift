import Foundation
import GoTemplate
import HelmEngine
import Sprig
import Values

/// A new environment, fully prepared in memory: its values file and everything rendering it produces.
public struct ScaffoldPlan: Sendable {
    /// The new environment.
    public var environment: Environment
    /// The scaffold used (`templates/<scaffold>/values.yaml.tpl`).
    public var scaffold: String
    /// The values file's text.
    public var valuesText: String
    /// Whether an existing environment is replaced (`--force`).
    public var replaces: Bool
    /// What the user should know: the issuer chosen and why, names kept from `--from`, derived settings.
    public var notes: [String]
    /// The rendered environment (the files `ffgen render --env ORG/ENV` writes).
    public var render: RepositoryRenderer.Result

    /// The objects the environment produces, one line each: `Kind namespace/name (application)`.
    public var objectLines: [String] {
        render.environments.flatMap(\.objects).map { object in
            let place = object.namespace.isEmpty ? object.name : object.namespace + "/" + object.name
            return "\(object.kind) \(place) (\(object.application))"
        }
    }
}

/// Creates environments from the scaffolds in `templates/`: validates the options, renders the scaffold with
/// GoTemplate and Sprig, renders the environment as `ffgen render` would, and only then writes anything.
public struct Scaffolder: Sendable {
    /// The repository.
    public var config: RepositoryConfig
    /// The folder of the scaffolds, relative to the root unless absolute (`templates`).
    public var templatesDirectory = "templates"

    /// A scaffolder for the repository described by `config`.
    public init(config: RepositoryConfig) {
        self.config = config
    }

    /// Everything `new` would do, without writing: throws when any check or the render fails.
    public func plan(_ options: NewEnvironmentOptions) throws(ScaffoldError) -> ScaffoldPlan {
        let (org, env) = try ScaffoldValidation.splitEnvironment(options.environment)
        let relativeValues = [config.environmentsDirectory, org, env, config.valuesFileName].joined(separator: "/")
        let environment = Environment(organization: org, name: env, valuesFile: relativeValues)
        let exists = FileManager.default.fileExists(atPath: RepoPath.join(config.root, relativeValues))
        if exists && !options.force {
            throw ScaffoldError(
                .exists, "environment \(org)/\(env) already exists (\(relativeValues))",
                hint: "choose another name, or pass --force to replace it")
        }
        var notes: [String] = []
        let source = try options.from.map { id throws(ScaffoldError) in try loadSource(id, target: "\(org)/\(env)") }
        let data = try templateData(options, org: org, env: env, source: source, notes: &notes)
        let scaffold = data.scaffold
        let text = try renderScaffold(scaffold, data: data.values)
        try checkRendered(text, scaffold: scaffold)
        let render = try renderEnvironment(environment, valuesText: text)
        return ScaffoldPlan(
            environment: environment, scaffold: scaffold, valuesText: text, replaces: exists, notes: notes,
            render: render)
    }

    /// Writes the values file and the environment's part of the generated tree (as `ffgen render --env ORG/ENV`).
    public func write(_ plan: ScaffoldPlan) throws(GitOpsError) -> TreeWriter.Plan {
        let writer = TreeWriter(outputPath: config.outputPath)
        let treePlan = try writer.plan(files: plan.render.files, scope: plan.render.scope)
        let path = RepoPath.join(config.root, plan.environment.valuesFile)
        do {
            try FileManager.default.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(plan.valuesText.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw GitOpsError(code: .io, message: "cannot write \(plan.environment.valuesFile): \(error.localizedDescription)")
        }
        try writer.apply(treePlan)
        return treePlan
    }

    // MARK: - Steps

    private func loadSource(_ id: String, target: String) throws(ScaffoldError) -> ScaffoldSource {
        let (org, env) = try ScaffoldValidation.splitEnvironment(id, option: "--from")
        if "\(org)/\(env)" == target {
            throw ScaffoldError(.conflict, "--from \(id) is the environment being created")
        }
        let relative = [config.environmentsDirectory, org, env, config.valuesFileName].joined(separator: "/")
        guard let bytes = FileManager.default.contents(atPath: RepoPath.join(config.root, relative)) else {
            throw ScaffoldError(.source, "--from \(id): no environment \(relative)",
                                hint: "name an existing environment ORG/ENV (see ffnodes/)")
        }
        do {
            let values = try HelmYAML.parseValues(String(decoding: bytes, as: UTF8.self), file: relative)
            return ScaffoldSource(id: "\(org)/\(env)", name: env, values: values)
        } catch {
            throw ScaffoldError(.source, "--from \(id): \(relative) is not valid YAML: \(error)")
        }
    }

    private struct TemplateData {
        var scaffold: String
        var values: ValueMap
    }

    // Resolves every option (falling back on the source's values, then on defaults) into the scaffold's data.
    private func templateData(
        _ options: NewEnvironmentOptions, org: String, env: String, source: ScaffoldSource?, notes: inout [String]
    ) throws(ScaffoldError) -> TemplateData {
        let data = ValueMap([
            ("Org", .string(org)), ("Env", .string(env)), ("Environment", .string("\(org)/\(env)")),
            ("From", .string(source?.id ?? "")),
        ])
        let certManager = options.certManager && (source?.certManager ?? true)
        if !certManager {
            var given: [String] = []
            if options.issuer != nil { given.append("--issuer") }
            if options.pcaARN != nil { given.append("--pca-arn") }
            if options.region != nil { given.append("--region") }
            if options.roleARN != nil { given.append("--role-arn") }
            if !options.certificates.isEmpty { given.append("--certificate") }
            if options.vaultPath != nil { given.append("--vault-path") }
            if options.domain != nil { given.append("--domain") }
            if !given.isEmpty {
                let why = options.certManager ? "--from \(source?.id ?? "") has no cert-manager" : "--no-cert-manager"
                throw ScaffoldError(
                    .conflict, "\(why), so \(given.joined(separator: ", ")) cannot apply",
                    hint: "drop them, or leave out --no-cert-manager")
            }
            notes.append("cert-manager: not deployed (no issuers, no certificates)")
            data["Rest"] = .map(source?.rest(keepLetsEncrypt: false) ?? emptyRest())
            return TemplateData(scaffold: "no-cert-manager", values: data)
        }

        // The issuer: --issuer, else implied by --pca-arn or the source's Private CA, else the name heuristic.
        let issuer: ScaffoldIssuer
        if let chosen = options.issuer {
            issuer = chosen
        } else if options.pcaARN != nil || source?.issuer == .awsPCA {
            issuer = .awsPCA
            notes.append("issuer: aws-pca (" + (options.pcaARN != nil ? "--pca-arn given" : "as in \(source?.id ?? "")") + ")")
        } else if ScaffoldValidation.looksLikeProduction(env) {
            issuer = .letsencryptProd
            notes.append("issuer: letsencrypt-prod (\(env) looks like a production name; pass --issuer to choose)")
        } else {
            issuer = .letsencryptStaging
            notes.append(
                "issuer: letsencrypt-staging (\(env) does not look like production: staging certificates are not "
                    + "trusted by browsers; switch with --issuer letsencrypt-prod once issuance works)")
        }
        data["Issuer"] = .string(issuer.chartName)

        if let domain = options.domain {
            try ScaffoldValidation.checkHostname("\(env).\(domain)", context: "--domain")
            data["Domain"] = .string(domain)
        }
        // Certificates: the source's (rewritten) or the --domain defaults, then --certificate (same name replaces).
        var certificates: [CertificateSpec] = []
        if let source {
            let cloned = source.certificates(newName: env, domain: options.domain)
            certificates = cloned.certificates
            if !cloned.kept.isEmpty {
                notes.append(
                    "kept from \(source.id) unchanged (not named after \(source.name); both clusters will request "
                        + "them): " + cloned.kept.joined(separator: ", "))
            }
        } else if let domain = options.domain {
            certificates = CertificateSpec.defaults(environment: env, domain: domain)
        }
        for text in options.certificates {
            let spec = try CertificateSpec.parse(text)
            if let index = certificates.firstIndex(where: { $0.name == spec.name && $0.namespace == spec.namespace }) {
                certificates[index] = spec
            } else {
                certificates.append(spec)
            }
        }
        if certificates.isEmpty {
            throw ScaffoldError(
                .missingOption, "no certificates: give --domain (or --certificate NAME=NAMESPACE:DNS)",
                hint: "--domain fitfile.net requests argocd.\(env).fitfile.net, \(env).fitfile.net and *.\(env).fitfile.net")
        }
        var seen: Set<String> = []
        for certificate in certificates {
            try certificate.check(context: "certificate \(certificate.name)")
            if !seen.insert(certificate.namespace + "/" + certificate.name).inserted {
                throw ScaffoldError(.certificate, "certificate \(certificate.namespace)/\(certificate.name) is listed twice")
            }
        }
        data["Certificates"] = .list(certificates.map { spec in
            let map = ValueMap([
                ("name", .string(spec.name)), ("namespace", .string(spec.namespace)),
                ("dnsNames", .list(spec.dnsNames.map(Value.string))), ("secretName", .string(spec.secretName)),
            ])
            map["issuer"] = .string(spec.issuer ?? "")
            return .map(map)
        })

        if issuer == .awsPCA {
            if options.vaultPath != nil {
                throw ScaffoldError(.conflict, "--vault-path is the Cloudflare token of Let's Encrypt; aws-pca needs none")
            }
            guard let arnText = options.pcaARN ?? source?.pcaARN else {
                throw ScaffoldError(.missingOption, "--issuer aws-pca needs --pca-arn (the AWS Private CA's ARN)",
                                    hint: "e.g. --pca-arn arn:aws:acm-pca:eu-west-1:123456789012:certificate-authority/UUID --region eu-west-1")
            }
            let arn = try ScaffoldValidation.parsePrivateCAARN(arnText)
            guard let region = options.region ?? (options.pcaARN == nil ? source?.region : nil) else {
                throw ScaffoldError(.missingOption, "--issuer aws-pca needs --region (the Private CA's region, \(arn.region))",
                                    hint: "add --region \(arn.region)")
            }
            try ScaffoldValidation.checkRegion(region, arn: arn)
            let role: String
            if let given = options.roleARN ?? source?.roleARN {
                role = given
            } else {
                role = "arn:\(arn.partition):iam::\(arn.account):role/AWSPCAIssuerRoleForCertManager"
                notes.append("role: \(role) (derived from the CA's account; pass --role-arn to choose)")
            }
            try ScaffoldValidation.checkRoleARN(role)
            data["PCA"] = .map(ValueMap([("Arn", .string(arnText)), ("Region", .string(region)), ("RoleArn", .string(role))]))
            data["Rest"] = .map(source?.rest(keepLetsEncrypt: false) ?? emptyRest())
            return TemplateData(scaffold: "aws-pca", values: data)
        }

        for (given, option) in [(options.pcaARN, "--pca-arn"), (options.region, "--region"), (options.roleARN, "--role-arn")] where given != nil {
            throw ScaffoldError(.conflict, "\(option) only applies to --issuer aws-pca (the issuer is \(issuer.rawValue))")
        }
        let vaultPath = options.vaultPath ?? source?.vaultPath ?? "cloudflare"
        if vaultPath.isEmpty || vaultPath.hasPrefix("/") || vaultPath.contains("..") || vaultPath.contains(where: \.isWhitespace) {
            throw ScaffoldError(.path, "--vault-path \(ScaffoldValidation.quoted(vaultPath)) is not a kv path",
                                hint: "a path under the kv mount, without a leading / or `..` (e.g. cloudflare)")
        }
        data["VaultPath"] = .string(vaultPath)
        data["Rest"] = .map(source?.rest(keepLetsEncrypt: true) ?? emptyRest())
        return TemplateData(scaffold: "letsencrypt", values: data)
    }

    private func emptyRest() -> ValueMap {
        ValueMap(["top", "certManager", "awsPrivateCAIssuer", "certs"].map { ($0, Value.map(ValueMap())) } + [("vaultSecrets", .list([]))])
    }

    /// Renders `templates/<scaffold>/values.yaml.tpl` with `data` as dot, using Sprig plus `toYaml`.
    public func renderScaffold(_ scaffold: String, data: ValueMap) throws(ScaffoldError) -> String {
        let base = templatesDirectory.hasPrefix("/") ? templatesDirectory : RepoPath.join(config.root, templatesDirectory)
        let relative = "\(templatesDirectory)/\(scaffold)/values.yaml.tpl"
        guard let bytes = FileManager.default.contents(atPath: RepoPath.join(base, "\(scaffold)/values.yaml.tpl")) else {
            throw ScaffoldError(.scaffold, "no scaffold \(relative)", hint: "restore it from the repository's templates/ folder")
        }
        var functions = SprigLibrary.functions()
        // Helm: funcs.go toYAML (errors give "").
        functions.register(GoFunc("toYaml", [.interface]) { a in .string(HelmYAML.toYaml(a[0])) })
        var set = TemplateSet()
        set.rootName = relative
        var output = ""
        do {
            try set.parse(name: relative, text: String(decoding: bytes, as: UTF8.self), functions: functions)
            try set.execute(name: relative, data: .map(data), functions: functions,
                            options: ExecutionOptions(missingKey: .error), into: &output)
        } catch {
            throw ScaffoldError(.scaffold, "scaffold \(relative) failed: \(error)")
        }
        return output
    }

    // The scaffold's output must be a YAML map; the chart schema is checked by the render that follows.
    private func checkRendered(_ text: String, scaffold: String) throws(ScaffoldError) {
        do {
            _ = try HelmYAML.parseValues(text, file: "values.yaml")
        } catch {
            throw ScaffoldError(.values, "scaffold \(scaffold) produced values that are not YAML: \(error)")
        }
    }

    // Renders the environment with `valuesText` as its values file, without touching the repository: the render
    // runs against a scratch folder that links every entry of the repository except the environments folder.
    private func renderEnvironment(_ environment: Environment, valuesText: String) throws(ScaffoldError) -> RepositoryRenderer.Result {
        let fm = FileManager.default
        let scratch = fm.temporaryDirectory.appendingPathComponent("ffgen-new-\(UUID().uuidString)").path
        defer { try? fm.removeItem(atPath: scratch) }
        do {
            try mirror(from: config.root, to: scratch, except: config.environmentsDirectory.split(separator: "/").map(String.init))
            let path = RepoPath.join(scratch, environment.valuesFile)
            try fm.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(valuesText.utf8).write(to: URL(fileURLWithPath: path))
        } catch {
            throw ScaffoldError(.render, "cannot prepare the render: \(error.localizedDescription)")
        }
        var scratchConfig = config
        scratchConfig.root = scratch
        do {
            let result = try RepositoryRenderer(config: scratchConfig).render(environments: [environment], threads: 1)
            return result
        } catch {
            throw ScaffoldError(
                .render, "the new values do not render: " + error.description.replacingOccurrences(of: scratch + "/", with: ""),
                hint: "fix the options (or the scaffold in \(templatesDirectory)/)")
        }
    }

    // Links every entry of `source` into `target`, except the path `except`, whose folders are recreated (with
    // their other entries linked) so that only the new environment's values file is found there.
    private func mirror(from source: String, to target: String, except: [String]) throws {
        let fm = FileManager.default
        try fm.createDirectory(atPath: target, withIntermediateDirectories: true)
        guard let first = except.first else { return }
        for name in try fm.contentsOfDirectory(atPath: source) where name != first {
            try fm.createSymbolicLink(atPath: RepoPath.join(target, name), withDestinationPath: RepoPath.join(source, name))
        }
        try mirror(from: RepoPath.join(source, first), to: RepoPath.join(target, first), except: Array(except.dropFirst()))
    }
}
