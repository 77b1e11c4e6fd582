import Foundation
import GoTemplate
import Sprig
import Values

/// What `helm template` produced: the stdout text plus the structured documents.
public struct RenderedRelease: Sendable {
    /// Exactly what `helm template` prints on stdout.
    public var stdout: String
    /// The ordinary manifests in install order.
    public var manifests: [RenderedManifest]
    /// The hook documents (printed after the manifests).
    public var hooks: [RenderedHook]
    /// The CRD files printed first with `--include-crds` (empty otherwise), as whole files.
    public var crds: [RenderedManifest] = []
    /// The rendered NOTES.txt of the root chart (not printed by `helm template`).
    public var notes: String
}

/// Options of one render besides the chart and values.
public struct RenderOptions: Sendable {
    /// `.Release` (name, namespace).
    public var release: ReleaseOptions
    /// `--kube-version`, or nil for Helm's default (v1.36.0).
    public var kubeVersion: String?
    /// `--api-versions` added to the default set.
    public var apiVersions: [String] = []
    /// `--show-only` template paths (relative to the chart's parent, e.g. `templates/x.yaml`); empty for all.
    public var showOnly: [String] = []
    /// `--include-crds`.
    public var includeCRDs = false
    /// `--skip-schema-validation`.
    public var skipSchemaValidation = false
    /// `--skip-tests`: leave out `test` hooks.
    public var skipTests = false
    /// `--no-hooks`.
    public var disableHooks = false

    /// Options for releasing as `name` into `namespace`.
    public init(releaseName: String, namespace: String = "default") {
        release = ReleaseOptions(name: releaseName, namespace: namespace)
    }
}

/// `helm template`: load, combine values, validate, render, sort and print.
///
/// Helm: cmd/template.go → action.Install (client-only dry run) → renderResources.
public struct HelmRenderer: Sendable {
    /// The readers and writers of values and manifests.
    public var codecs: HelmCodecs {
        didSet { engine.codecs = codecs }
    }
    /// The template functions (Sprig; Helm's own are added by the engine).
    public var functions: FunctionTable {
        didSet { engine.functions = functions }
    }
    /// Parsed templates and schemas kept across renders (set by callers rendering the same charts many times),
    /// or nil to parse on every render as Helm does.
    public var cache: RenderCache? {
        didSet { engine.cache = cache }
    }

    /// The template engine, with its full function table built once for every render of this renderer.
    private var engine: Engine

    /// A renderer with the standard codecs and Sprig.
    public init(codecs: HelmCodecs = .standard, functions: FunctionTable = SprigLibrary.functions()) {
        self.codecs = codecs
        self.functions = functions
        engine = Engine(functions: functions, codecs: codecs)
    }

    /// Runs `body` on a render thread (a reused thread with a large stack). Renders started inside it run on
    /// that thread directly instead of handing each render over to another thread and waiting for it.
    public static func onRenderThread<T>(_ body: @escaping () throws -> T) throws -> T {
        try LargeStack.value(body)
    }

    /// `helm template NAME CHART` with the given value options.
    public func template(chartPath: String, values: ValueOptions, options: RenderOptions) throws -> RenderedRelease {
        // Helm: cmd/install.go runInstall — values are merged before the chart is loaded.
        let userValues = try PhaseTimer.measure("valuesMerge") { try values.merge(codecs: codecs) }
        let chart = try PhaseTimer.measure("load") { try ChartLoader(codecs: codecs).load(directory: chartPath) }
        return try PhaseTimer.measure("render") { try render(chart: chart, values: userValues, options: options) }
    }

    /// Renders an already loaded chart with user-supplied values (the GitOps layer's entry point).
    public func render(chart loaded: Chart, values userValues: ValueMap, options: RenderOptions) throws -> RenderedRelease {
        // Helm: cmd/install.go runInstall — checkIfInstallable, CheckDependencies, then the install action
        // (which validates the release name first).
        if !["", "application"].contains(loaded.metadata.type) {
            throw HelmError.chartLoad("\(loaded.metadata.type) charts are not installable")
        }
        let missing = loaded.metadata.dependencies.map(\.name).filter { name in
            !loaded.dependencies.contains { $0.name == name }
        }
        if !missing.isEmpty {
            throw HelmError.chartLoad(
                "an error occurred while checking for chart dependencies. You may need to run 'helm dependency build' "
                    + "to fetch missing dependencies: found in Chart.yaml, but missing in charts/ directory: "
                    + missing.joined(separator: ", "),
                hint: "put the subcharts into \(loaded.name)/charts/ (ffgen renders offline)")
        }
        try ReleaseOptions.validate(releaseName: options.release.name)
        let chart = try PhaseTimer.measure("deps") { try Dependencies.process(loaded, values: userValues) }
        let capabilities = Capabilities(
            kubeVersion: try options.kubeVersion.map(KubeVersion.init(parsing:)) ?? KubeVersion(major: 1, minor: 36),
            extraAPIVersions: options.apiVersions)

        // Helm: util.ToRenderValuesWithSchemaValidation.
        let values = try PhaseTimer.measure("coalesce") {
            try Coalesce.values(chart: chart, overrides: userValues, mode: .coalesce)
        }
        if !options.skipSchemaValidation {
            let failure = PhaseTimer.measure("schema") {
                SchemaValidator.validate(chart: chart, values: values, codecs: codecs, cache: cache)
            }
            if let failure { throw SchemaValidator.helmError(failure) }
        }
        values.namedType = "common.Values"  // Helm: .Values is a common.Values
        let top = ValueMap(
            sortedKeys: ["Capabilities", "Chart", "Release", "Values"],
            values: [
                .object(capabilities), .map(chart.metadata.asTemplateMap(isRoot: true)),
                .map(options.release.templateMap), .map(values),
            ])

        // Helm: renderResources — the chart's kubeVersion must accept the cluster version.
        if !chart.metadata.kubeVersion.isEmpty
            && !SemanticVersion.isCompatible(constraint: chart.metadata.kubeVersion, capabilities.kubeVersion.normalizedVersion)
        {
            throw HelmError(
                code: .kubeVersion,
                message: "chart requires kubeVersion: \(chart.metadata.kubeVersion) which is incompatible with "
                    + "Kubernetes \(capabilities.kubeVersion.version)",
                hint: "pass --kube-version with a version the chart supports")
        }

        var files = try PhaseTimer.measure("engine") {
            try engine.render(chart: chart, top: top)
        }
        // Helm prints only the root chart's notes, and drops every file named like NOTES.txt from the manifest.
        let notes = files.first { $0.path == chart.name + "/templates/NOTES.txt" }?.content ?? ""
        files.removeAll { $0.path.hasSuffix("NOTES.txt") }

        var (hooks, manifests) = try PhaseTimer.measure("sort") { try ManifestSorter.sort(files: files, codecs: codecs) }
        if options.disableHooks { hooks = [] }
        if options.skipTests { hooks.removeAll { $0.events.contains("test") || $0.events.contains("test-success") } }
        let crds = options.includeCRDs ? chart.crdObjects.map { ($0.path, $0.file.text) } : []
        var stdout = PhaseTimer.measure("output") {
            ManifestSorter.templateOutput(manifests: manifests, hooks: hooks, crds: crds)
        }
        if !options.showOnly.isEmpty { stdout = try Self.filter(stdout, showOnly: options.showOnly) }
        return RenderedRelease(
            stdout: stdout, manifests: manifests, hooks: hooks,
            crds: crds.map { RenderedManifest(path: $0.0, content: $0.1) }, notes: notes)
    }

    // Helm: cmd/template.go --show-only — keep the documents whose `# Source:` path (without the chart name)
    // matches one of the patterns; a pattern matching nothing is an error.
    static func filter(_ stdout: String, showOnly patterns: [String]) throws -> String {
        let documents = ManifestSorter.splitManifests(stdout)
        var kept: [String] = []
        for pattern in patterns {
            var matched = false
            for document in documents {
                guard let sourceLine = document.splitLines().first(where: { $0.hasPrefix("# Source: ") })
                else { continue }
                let source = sourceLine.dropFirst("# Source: ".count)
                guard let slash = source.firstIndex(of: "/") else { continue }
                if PathMatch.matches(pattern, String(source[source.index(after: slash)...])) {
                    matched = true
                    kept.append(document)
                }
            }
            if !matched {
                throw HelmError(
                    code: .values, message: "could not find template \(pattern) in chart",
                    hint: "list the chart's templates; --show-only takes paths like templates/deployment.yaml")
            }
        }
        return kept.map { "---\n" + $0 + "\n" }.joined()
    }
}
