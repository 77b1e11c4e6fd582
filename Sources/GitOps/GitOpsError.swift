import HelmEngine

/// An error of the GitOps layer: what went wrong, and in which environment, Application and chart.
///
/// Errors coming from the Helm engine keep their `HelmError` (Helm's text and location); this struct adds the
/// context only ffgen knows (the environment and the chain of Applications that led to the chart).
public struct GitOpsError: Error, Sendable, CustomStringConvertible {
    /// A stable error code. Equality of errors looks only at the code.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Raw: String, Sendable {
            case repository = "gitops.repository"
            case configuration = "gitops.config"
            case environment = "gitops.environment"
            case application = "gitops.application"
            case chartPath = "gitops.chart.path"
            case valueFile = "gitops.values.file"
            case cycle = "gitops.application.cycle"
            case render = "gitops.render"
            case object = "gitops.object"
            case duplicate = "gitops.object.duplicate"
            case foreignFile = "gitops.tree.foreign"
            case ownership = "gitops.tree.ownership"
            case io = "gitops.io"
        }

        private let raw: Raw
        private init(_ raw: Raw) { self.raw = raw }

        /// No repository root found (no `ffgen.yaml`, no `ffnodes/` + `charts/`).
        public static let repository = Code(.repository)
        /// `ffgen.yaml` is unreadable or holds an unknown or mistyped setting.
        public static let configuration = Code(.configuration)
        /// An environment named with `--env` does not exist, or an environment's values file is unreadable.
        public static let environment = Code(.environment)
        /// An emitted Application whose source cannot be followed (bad shape, unsupported source).
        public static let application = Code(.application)
        /// An Application pointing at a path of this repository that is not a chart.
        public static let chartPath = Code(.chartPath)
        /// A `valueFiles`/`fileParameters` entry that is missing or outside the repository.
        public static let valueFile = Code(.valueFile)
        /// Applications that render each other in a loop.
        public static let cycle = Code(.cycle)
        /// The Helm engine failed (load, values, schema, template); `helm` holds its error.
        public static let render = Code(.render)
        /// A rendered document that is not a Kubernetes object (no kind or name).
        public static let object = Code(.object)
        /// Two objects of one Application that would be written to the same file.
        public static let duplicate = Code(.duplicate)
        /// The output folder holds files ffgen did not write.
        public static let foreignFile = Code(.foreignFile)
        /// The ownership record of the output folder is unreadable.
        public static let ownership = Code(.ownership)
        /// Reading or writing the output tree failed.
        public static let io = Code(.io)

        /// The dotted code, for example `gitops.application.cycle`.
        public var description: String { raw.rawValue }
    }

    /// The stable code.
    public let code: Code
    /// What went wrong.
    public let message: String
    /// The environment being rendered (`org/env`), when known.
    public var environment: String?
    /// The Applications followed to reach the failing chart, outermost first (`ff-test-a → certificates`).
    public var applications: [String]
    /// The chart directory, relative to the repository root, when known.
    public var chart: String?
    /// The Helm engine's error, when the failure came from rendering.
    public let helm: HelmError?
    /// The next action for the user.
    public let hint: String?
    /// For values and schema errors: where the chart's values came from, lowest precedence first.
    public let valueSources: [String]

    /// Creates an error.
    public init(
        code: Code, message: String, environment: String? = nil, applications: [String] = [], chart: String? = nil,
        helm: HelmError? = nil, hint: String? = nil, valueSources: [String] = []
    ) {
        self.code = code
        self.message = message
        self.environment = environment
        self.applications = applications
        self.chart = chart
        self.helm = helm
        self.hint = hint
        self.valueSources = valueSources
    }

    /// Where the error happened: `environment fitfile/ff-a, application ff-a → certificates, chart charts/certs`.
    public var context: String {
        var parts: [String] = []
        if let environment { parts.append("environment " + environment) }
        if !applications.isEmpty { parts.append("application " + applications.joined(separator: " → ")) }
        if let chart { parts.append("chart " + chart) }
        return parts.joined(separator: ", ")
    }

    /// ffgen's rendering: the context line, then the message (Helm's `ffgenDescription` for engine errors).
    public var description: String {
        var out = context.isEmpty ? "" : "in " + context + ":\n"
        if let helm {
            out += helm.ffgenDescription
            if !valueSources.isEmpty {
                out += "\nvalues from (lowest precedence first): " + valueSources.joined(separator: " < ")
            }
        } else {
            out += "error: " + message
            if let hint { out += "\nhint: " + hint }
        }
        return out
    }

    /// This error with the environment filled in when it was not known where it was thrown.
    func inEnvironment(_ name: String) -> GitOpsError {
        var copy = self
        if copy.environment == nil { copy.environment = name }
        return copy
    }
}

extension GitOpsError: Equatable {
    /// Errors are equal when their codes are.
    public static func == (lhs: GitOpsError, rhs: GitOpsError) -> Bool { lhs.code == rhs.code }
}
