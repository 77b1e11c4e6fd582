import ArgumentParser
import HelmEngine

/// `ffgen template`: renders a chart exactly as `helm template` does.
struct TemplateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "template",
        abstract: "Render a chart locally and print the manifests, exactly as `helm template` does.",
        discussion: """
            Arguments are those of `helm template [NAME] CHART`: with one argument it is the chart and the \
            release is named `release-name`. Values are merged as Helm merges them: the chart's values.yaml, then \
            each -f file in order, then --set-json, --set, --set-string and --set-literal.
            """
    )

    @Argument(help: ArgumentHelp("[NAME] CHART: the release name (optional) and the chart directory.",
                                 valueName: "name-and-chart"))
    var positional: [String] = []

    @Option(name: [.customShort("f"), .customLong("values")], help: "A YAML values file (repeatable, later wins).")
    var valueFiles: [String] = []

    @Option(name: .customLong("set"), help: "Set a value: a.b=c, list={x,y} (repeatable).")
    var set: [String] = []

    @Option(name: .customLong("set-string"), help: "Set a value, always as a string (repeatable).")
    var setString: [String] = []

    @Option(name: .customLong("set-json"), help: "Set a value from JSON: a.b={\"x\":1} (repeatable).")
    var setJSON: [String] = []

    @Option(name: .customLong("set-literal"), help: "Set a value to a literal string, no parsing (repeatable).")
    var setLiteral: [String] = []

    @Option(name: [.customShort("n"), .customLong("namespace")], help: "The release namespace.")
    var namespace: String = "default"

    @Option(name: [.customShort("s"), .customLong("show-only")],
            help: "Only print the manifests rendered from this template path (repeatable).")
    var showOnly: [String] = []

    @Option(name: .customLong("output-dir"), help: "Write each template's output to a file under this folder.")
    var outputDirectory: String?

    @Option(name: .customLong("kube-version"), help: "The Kubernetes version for .Capabilities (default v1.36.0).")
    var kubeVersion: String?

    @Option(name: [.customShort("a"), .customLong("api-versions")],
            help: "An extra API version for .Capabilities.APIVersions (repeatable).")
    var apiVersions: [String] = []

    @Flag(name: .customLong("include-crds"), help: "Include the chart's crds/ files in the output.")
    var includeCRDs = false

    @Flag(name: .customLong("skip-schema-validation"), help: "Do not validate values against values.schema.json.")
    var skipSchemaValidation = false

    @Flag(name: .customLong("no-hooks"), help: "Leave out hook manifests.")
    var noHooks = false

    @Option(name: .customLong("repeat"), help: .hidden)
    var repeatCount: Int = 1

    func validate() throws {
        guard (1...2).contains(positional.count) else {
            throw ValidationError("expected [NAME] CHART, got \(positional.count) arguments")
        }
        guard repeatCount >= 1 else { throw ValidationError("--repeat must be at least 1") }
    }

    func run() throws {
        let releaseName = positional.count == 2 ? positional[0] : "release-name"
        let chartPath = positional[positional.count - 1]
        var values = ValueOptions()
        values.valueFiles = valueFiles
        values.values = set
        values.stringValues = setString
        values.jsonValues = setJSON
        values.literalValues = setLiteral
        var options = RenderOptions(releaseName: releaseName, namespace: namespace)
        options.kubeVersion = kubeVersion
        options.apiVersions = apiVersions
        options.showOnly = showOnly
        options.includeCRDs = includeCRDs
        options.skipSchemaValidation = skipSchemaValidation
        options.disableHooks = noHooks
        let renderer = HelmRenderer()
        do {
            let repeatCount = self.repeatCount
            let release = try HelmRenderer.onRenderThread {
                var release = try renderer.template(chartPath: chartPath, values: values, options: options)
                for _ in 1..<repeatCount {
                    release = try renderer.template(chartPath: chartPath, values: values, options: options)
                }
                return release
            }
            PhaseTimer.report(renders: repeatCount)
            if let outputDirectory {
                DiagnosticPrinter.printStandardOutput(try OutputDirectory.write(release, to: outputDirectory))
            } else {
                DiagnosticPrinter.printStandardOutput(release.stdout)
            }
        } catch {
            DiagnosticPrinter.printError(error)
            throw ExitCode.failure
        }
    }
}
