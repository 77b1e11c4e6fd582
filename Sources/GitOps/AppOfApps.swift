import Foundation
import HelmEngine
import Values

/// Charts loaded once per run and shared by every environment (and thread).
public final class ChartCache: @unchecked Sendable {
    private let lock = NSLock()
    private var charts: [String: Result<Chart, HelmError>] = [:]
    private let loader: ChartLoader

    /// An empty cache loading with `codecs`.
    public init(codecs: HelmCodecs = .standard) {
        loader = ChartLoader(codecs: codecs)
    }

    /// The chart in directory `path` (absolute), loaded on first use; a load error is remembered too.
    public func chart(at path: String) throws(HelmError) -> Chart {
        lock.lock()
        if let cached = charts[path] {
            lock.unlock()
            return try cached.get()
        }
        lock.unlock()
        // Loading outside the lock lets two threads load different charts at once; a chart loaded twice by a
        // race is identical, so the last store is as good as the first.
        let result: Result<Chart, HelmError>
        do {
            result = .success(try loader.load(directory: path))
        } catch let error as HelmError {
            result = .failure(error)
        } catch {
            result = .failure(HelmError(code: .chartLoad, message: String(describing: error)))
        }
        lock.lock()
        charts[path] = result
        lock.unlock()
        return try result.get()
    }
}

/// Renders one environment the way ArgoCD would: the root Application, then every Application whose source is a
/// chart in this repository, recursively.
///
/// Helm values of an Application are assembled as ArgoCD's repo-server does (reposerver/repository.go
/// `helmTemplate`, util/helm/cmd.go `template`): the chart's values.yaml < each `valueFiles` entry (relative to the
/// source `path`; `/` = repository root; `$ref/` = a `ref` source) < `valuesObject` if set, else the `values`
/// string < `parameters` (`--set`, or `--set-string` with `forceString`) < `fileParameters` (`--set-file`).
/// Release name: `helm.releaseName`, else the Application's name. Namespace: `helm.namespace`, else
/// `destination.namespace`. CRDs are included unless `skipCrds`.
public struct AppOfApps: Sendable {
    /// The repository's settings.
    public var config: RepositoryConfig
    /// The Helm engine.
    public var renderer: HelmRenderer
    /// Charts shared across environments.
    public var cache: ChartCache
    /// The deepest chain of Applications followed before ffgen reports a loop.
    public var maximumDepth = 32

    /// A renderer for the repository described by `config`.
    public init(config: RepositoryConfig, renderer: HelmRenderer = HelmRenderer(), cache: ChartCache? = nil) {
        self.config = config
        self.renderer = renderer
        // Every environment renders the same charts: parse their templates and schemas once per run.
        if self.renderer.cache == nil { self.renderer.cache = RenderCache() }
        self.cache = cache ?? ChartCache(codecs: renderer.codecs)
    }

    /// Renders `environment`: its root Application and everything reachable from it.
    public func render(environment: Environment) throws(GitOpsError) -> EnvironmentRender {
        do {
            let root = try RootApplication.make(environment: environment, config: config)
            var state = State(environment: environment)
            state.objects.append(
                RenderedObject(
                    environment: environment.id, application: RenderedObject.rootFolder,
                    apiVersion: "argoproj.io/v1alpha1", kind: "Application", namespace: config.namespace,
                    name: root.name, source: "ffgen: root Application of \(environment.id)", document: root.text))
            let application = try ArgoApplication(object: root.object)
            state.seenApplications.insert(application.namespace + "/" + application.name)
            try follow(application, chain: [application.name], charts: [], state: &state)
            try state.checkDuplicates()
            return EnvironmentRender(
                environment: environment, objects: state.objects, renderedApplications: state.rendered,
                externalApplications: state.external)
        } catch {
            throw error.inEnvironment(environment.id)
        }
    }

    // Per-environment bookkeeping.
    private struct State {
        let environment: Environment
        var objects: [RenderedObject] = []
        var rendered: [String] = []
        var external: [ExternalApplication] = []
        var seenApplications: Set<String> = []

        init(environment: Environment) { self.environment = environment }

        func checkDuplicates() throws(GitOpsError) {
            var byPath: [String: RenderedObject] = [:]
            for object in objects {
                if let other = byPath[object.path] {
                    throw GitOpsError(
                        code: .duplicate,
                        message: "\(object.kind) \(object.name) (from \(object.source)) and \(other.kind) "
                            + "\(other.name) (from \(other.source)) would both be written to \(object.path)",
                        environment: environment.id, applications: [object.application],
                        hint: "two objects of one Application share kind, namespace and name; rename one")
                }
                byPath[object.path] = object
            }
        }
    }

    // Renders every source of `application` that is a chart of this repository, then the Applications those emit.
    private func follow(
        _ application: ArgoApplication, chain: [String], charts: [String], state: inout State
    ) throws(GitOpsError) {
        var renderedAny = false
        for source in application.sources {
            guard config.isThisRepository(source.repoURL), source.chart == nil, let path = source.path else {
                // A `ref`-only source of this repository just provides value files.
                if source.chart == nil, source.path == nil, source.ref != nil { continue }
                let what = source.chart.map { "chart " + $0 } ?? source.path.map { "path " + $0 } ?? "(no path)"
                state.external.append(
                    ExternalApplication(
                        environment: state.environment.id, name: application.name,
                        source: "\(source.repoURL) \(what)@\(source.targetRevision)"))
                continue
            }
            let chartDirectory = try chartDirectory(path, source: source, chain: chain)
            if charts.contains(chartDirectory) || chain.count > maximumDepth {
                throw GitOpsError(
                    code: .cycle,
                    message: "Applications render each other in a loop: "
                        + zip(chain, charts + [chartDirectory]).map { "\($0.0) (\($0.1))" }.joined(separator: " → "),
                    applications: chain, chart: chartDirectory,
                    hint: "an Application must not point back at a chart that (indirectly) renders it")
            }
            let objects = try render(
                source: source, chartDirectory: chartDirectory, application: application, chain: chain,
                state: &state)
            renderedAny = true
            for (object, value) in objects {
                state.objects.append(object)
                guard let value, ArgoApplication.isApplication(value) else { continue }
                let child: ArgoApplication
                do {
                    child = try ArgoApplication(object: value)
                } catch {
                    throw GitOpsError(
                        code: error.code, message: "\(object.source): \(error.message)",
                        applications: chain, chart: chartDirectory, hint: error.hint)
                }
                let key = child.namespace + "/" + child.name
                if !state.seenApplications.insert(key).inserted {
                    throw GitOpsError(
                        code: .duplicate,
                        message: "Application \(child.name) in namespace \(child.namespace) is emitted twice "
                            + "(again by \(object.source))",
                        applications: chain, chart: chartDirectory,
                        hint: "ArgoCD keeps one Application per namespace and name; rename one of them")
                }
                try follow(child, chain: chain + [child.name], charts: charts + [chartDirectory], state: &state)
            }
        }
        if renderedAny { state.rendered.append(application.name) }
    }

    // The repository-relative chart folder of a source, checked to be a Helm chart of this repository.
    private func chartDirectory(
        _ path: String, source: ArgoApplication.Source, chain: [String]
    ) throws(GitOpsError) -> String {
        guard let directory = RepoPath.resolve(path, against: "") else {
            throw GitOpsError(
                code: .chartPath, message: "Application \(chain.last ?? "") points at \(path), outside the repository",
                applications: chain, hint: "source.path is relative to the repository root")
        }
        let absolute = RepoPath.join(config.root, directory)
        guard RepositoryConfig.isDirectory(absolute) else {
            throw GitOpsError(
                code: .chartPath,
                message: "Application \(chain.last ?? "") points at \(path), which does not exist in this repository",
                applications: chain, chart: directory,
                hint: "fix source.path (relative to the repository root) or add the chart")
        }
        if let tool = source.otherTool {
            throw GitOpsError(
                code: .application,
                message: "Application \(chain.last ?? "") uses a \(tool) source; ffgen renders Helm charts only",
                applications: chain, chart: directory)
        }
        guard FileManager.default.fileExists(atPath: RepoPath.join(absolute, "Chart.yaml")) else {
            throw GitOpsError(
                code: .chartPath,
                message: "Application \(chain.last ?? "") points at \(path), which is not a Helm chart (no Chart.yaml)",
                applications: chain, chart: directory,
                hint: "ffgen renders Helm sources only; point source.path at a chart folder")
        }
        return directory
    }

    // Renders one chart source of an Application; returns its objects with their parsed values.
    private func render(
        source: ArgoApplication.Source, chartDirectory: String, application: ArgoApplication, chain: [String],
        state: inout State
    ) throws(GitOpsError) -> [(RenderedObject, ValueMap?)] {
        let helm = source.helm ?? ArgoApplication.Helm()
        let (options, inline) = try valueOptions(
            helm, source: source, chartDirectory: chartDirectory, application: application, chain: chain)
        func failure(_ error: HelmError) -> GitOpsError {
            // Values and schema errors name value paths; say which files the values came from, lowest first.
            let sources = error.code == .schema || error.code == .values
                ? [chartDirectory + "/values.yaml"] + options.valueFiles : []
            return GitOpsError(
                code: .render, message: error.message, applications: chain, chart: chartDirectory,
                helm: relocated(error, chartDirectory: chartDirectory), valueSources: sources)
        }
        let chart: Chart
        do {
            chart = try cache.chart(at: RepoPath.join(config.root, chartDirectory))
        } catch {
            throw failure(error)
        }
        var renderOptions = RenderOptions(
            releaseName: helm.releaseName.flatMap { $0.isEmpty ? nil : $0 } ?? application.name,
            namespace: helm.namespace.flatMap { $0.isEmpty ? nil : $0 }
                ?? (application.destinationNamespace.isEmpty ? "default" : application.destinationNamespace))
        renderOptions.kubeVersion = helm.kubeVersion.flatMap { $0.isEmpty ? nil : $0 }
        renderOptions.apiVersions = helm.apiVersions
        renderOptions.includeCRDs = !helm.skipCrds
        renderOptions.skipSchemaValidation = helm.skipSchemaValidation

        let release: RenderedRelease
        do {
            try ReleaseOptions.validate(releaseName: renderOptions.release.name)
            let root = config.root
            let values = try options.merge(codecs: renderer.codecs) { path in
                if let text = inline[path] { return text }
                return try ValueOptions.readLocalFile(RepoPath.join(root, path))
            }
            release = try renderer.render(chart: chart, values: values, options: renderOptions)
        } catch let error as HelmError {
            throw failure(error)
        } catch {
            throw GitOpsError(
                code: .render, message: String(describing: error), applications: chain, chart: chartDirectory)
        }

        // Documents with the kind and name Helm's sorter already read ("" for CRD files, read below).
        var documents: [(source: String, text: String, apiVersion: String, kind: String, name: String)] = []
        if renderOptions.includeCRDs {
            for crd in chart.crdObjects {
                for text in ManifestSorter.splitManifests(crd.file.text) { documents.append((crd.path, text, "", "", "")) }
            }
        }
        for m in release.manifests + release.hooks.map(\.manifest) {
            documents.append((m.path, m.content, m.apiVersion, m.kind, m.name))
        }

        var result: [(RenderedObject, ValueMap?)] = []
        for document in documents {
            // Most documents need only their namespace; Applications (followed) and odd shapes are parsed.
            if !document.kind.isEmpty, !document.name.isEmpty, document.kind != "Application",
                case .known(let namespace) = ManifestHead.namespace(of: document.text)
            {
                result.append(
                    (RenderedObject(
                        environment: state.environment.id, application: application.name,
                        apiVersion: document.apiVersion, kind: document.kind, namespace: namespace, name: document.name, source: document.source,
                        document: document.text), nil))
                continue
            }
            let value: Value
            do {
                value = try renderer.codecs.yamlDocument(document.text)
            } catch {
                throw GitOpsError(
                    code: .object, message: "\(document.source) renders a document that is not YAML: \(error)",
                    applications: chain, chart: chartDirectory)
            }
            if value.isNull { continue }  // only comments
            guard case .map(let object) = value,
                let kind = object["kind"]?.stringValue, !kind.isEmpty,
                case .map(let metadata)? = object["metadata"],
                let name = metadata["name"]?.stringValue, !name.isEmpty
            else {
                throw GitOpsError(
                    code: .object,
                    message: "\(document.source) renders a document without kind or metadata.name",
                    applications: chain, chart: chartDirectory,
                    hint: "every rendered document must be a Kubernetes object")
            }
            let rendered = RenderedObject(
                environment: state.environment.id, application: application.name,
                apiVersion: object["apiVersion"]?.stringValue ?? "", kind: kind,
                namespace: metadata["namespace"]?.stringValue ?? "", name: name, source: document.source,
                document: document.text)
            result.append((rendered, object))
        }
        return result
    }

    // The Helm value options of a source: files resolved against the repository, the inline document under a
    // synthetic name, parameters as ArgoCD passes them to `helm template`.
    private func valueOptions(
        _ helm: ArgoApplication.Helm, source: ArgoApplication.Source, chartDirectory: String,
        application: ArgoApplication, chain: [String]
    ) throws(GitOpsError) -> (ValueOptions, [String: String]) {
        var options = ValueOptions()
        var inline: [String: String] = [:]
        for file in helm.valueFiles {
            guard let path = try resolveValueFile(file, chartDirectory: chartDirectory, application: application,
                                                  chain: chain)
            else { continue }
            if !FileManager.default.fileExists(atPath: RepoPath.join(config.root, path)) {
                if helm.ignoreMissingValueFiles { continue }
                throw GitOpsError(
                    code: .valueFile,
                    message: "Application \(application.name): values file \(file) (\(path)) does not exist",
                    applications: chain, chart: chartDirectory,
                    hint: "valueFiles are relative to the source path (\(chartDirectory)); a leading / is the "
                        + "repository root")
            }
            options.valueFiles.append(path)
        }
        // ArgoCD: ApplicationSourceHelm.ValuesYAML — valuesObject wins over the values string; never both.
        var document: String?
        if let object = helm.valuesObject {
            do {
                document = try renderer.codecs.toYAML(.map(object))
            } catch {
                throw GitOpsError(
                    code: .application, message: "Application \(application.name): helm.valuesObject: \(error)",
                    applications: chain, chart: chartDirectory)
            }
        } else if let values = helm.values, !values.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            document = values
        }
        if let document {
            let name = "Application \(application.name) helm.\(helm.valuesObject != nil ? "valuesObject" : "values")"
            inline[name] = document
            options.valueFiles.append(name)
        }
        // ArgoCD keeps parameters in maps keyed by name (a later entry wins), passed as --set / --set-string.
        var set: [String: String] = [:]
        var setString: [String: String] = [:]
        for parameter in helm.parameters {
            if parameter.forceString { setString[parameter.name] = parameter.value } else {
                set[parameter.name] = parameter.value
            }
        }
        options.values = set.keys.sorted().map { $0 + "=" + Self.cleanSetParameter(set[$0] ?? "") }
        options.stringValues = setString.keys.sorted().map { $0 + "=" + Self.cleanSetParameter(setString[$0] ?? "") }
        var setFile: [String: String] = [:]
        for parameter in helm.fileParameters {
            guard let path = try resolveValueFile(parameter.path, chartDirectory: chartDirectory,
                                                  application: application, chain: chain)
            else { continue }
            setFile[parameter.name] = path
        }
        options.fileValues = setFile.keys.sorted().map { $0 + "=" + Self.cleanSetParameter(setFile[$0] ?? "") }
        return (options, inline)
    }

    /// ArgoCD: util/helm/cmd.go cleanSetParameters — a value in braces is a Helm list and kept; otherwise every
    /// comma not already escaped is escaped, so it stays part of the value.
    static func cleanSetParameter(_ value: String) -> String {
        if value.hasPrefix("{") && value.hasSuffix("}") { return value }
        var out = ""
        var previous: Character?
        for character in value {
            if character == "," && previous != "\\" { out.append("\\") }
            out.append(character)
            previous = character
        }
        return out
    }

    // A valueFiles / fileParameters path, repository-relative; nil for nothing to read.
    private func resolveValueFile(
        _ file: String, chartDirectory: String, application: ArgoApplication, chain: [String]
    ) throws(GitOpsError) -> String? {
        if file.hasPrefix("http://") || file.hasPrefix("https://") {
            throw GitOpsError(
                code: .valueFile, message: "Application \(application.name): remote values file \(file)",
                applications: chain, chart: chartDirectory, hint: "ffgen reads values files from this repository only")
        }
        var resolved: String?
        if file.hasPrefix("$") {
            // Multi-source `$ref/path`: a path in the repository of the source whose `ref` is `ref`.
            let reference = file.dropFirst().prefix { $0 != "/" }
            let rest = String(file.dropFirst(1 + reference.count))
            guard let refSource = application.sources.first(where: { $0.ref == String(reference) }) else {
                throw GitOpsError(
                    code: .valueFile,
                    message: "Application \(application.name): values file \(file) names no source with ref "
                        + String(reference),
                    applications: chain, chart: chartDirectory)
            }
            guard config.isThisRepository(refSource.repoURL) else {
                throw GitOpsError(
                    code: .valueFile,
                    message: "Application \(application.name): values file \(file) is in another repository "
                        + "(\(refSource.repoURL))",
                    applications: chain, chart: chartDirectory,
                    hint: "ffgen reads values files from this repository only")
            }
            resolved = RepoPath.resolve(rest, against: "")
        } else {
            resolved = RepoPath.resolve(file, against: chartDirectory)
        }
        guard let resolved else {
            throw GitOpsError(
                code: .valueFile,
                message: "Application \(application.name): values file \(file) is outside the repository",
                applications: chain, chart: chartDirectory)
        }
        return resolved
    }

    // The Helm error with its template names made repository paths (`certs-chart/templates/x.yaml` becomes
    // `charts/certs/templates/x.yaml`), so the message points at the file to open.
    private func relocated(_ error: HelmError, chartDirectory: String) -> HelmError {
        guard var location = error.location else { return error }
        if let slash = location.file.firstIndex(of: "/"), !location.file.hasPrefix("/") {
            location.file = chartDirectory + location.file[slash...]
        }
        return HelmError(
            code: error.code, message: error.message, helmDescription: error.helmDescription, location: location,
            hint: error.hint)
    }
}
