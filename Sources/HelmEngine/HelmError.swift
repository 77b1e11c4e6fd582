/// An error of the Helm layer, carrying Helm's own message text and, where known, a source location.
///
/// Two renderings exist: `helmDescription` is what `helm template` prints after `Error: ` (the text users search
/// for); `ffgenDescription` is ffgen's `path:line:col: error: message` form with a hint.
public struct HelmError: Error, Sendable, CustomStringConvertible {
    /// A stable error code. Equality of errors looks only at the code.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Raw: String, Sendable {
            case chartLoad = "helm.chart.load"
            case values = "helm.values"
            case schema = "helm.values.schema"
            case parse = "helm.template.parse"
            case execution = "helm.template.exec"
            case manifest = "helm.manifest"
            case releaseName = "helm.release.name"
            case kubeVersion = "helm.chart.kubeVersion"
            case codec = "helm.codec"
        }

        private let raw: Raw
        private init(_ raw: Raw) { self.raw = raw }

        /// Chart.yaml, values.yaml or directory structure problems.
        public static let chartLoad = Code(.chartLoad)
        /// `-f`/`--set` problems and value coalescing conflicts.
        public static let values = Code(.values)
        /// values.schema.json validation failures.
        public static let schema = Code(.schema)
        /// A template that does not parse.
        public static let parse = Code(.parse)
        /// A template that fails while executing.
        public static let execution = Code(.execution)
        /// A rendered document that is not valid YAML.
        public static let manifest = Code(.manifest)
        /// An invalid release name.
        public static let releaseName = Code(.releaseName)
        /// A chart whose `kubeVersion` the configured cluster version does not satisfy.
        public static let kubeVersion = Code(.kubeVersion)
        /// A YAML/JSON conversion that is unavailable or failed.
        public static let codec = Code(.codec)

        /// The dotted code, for example `helm.template.exec`.
        public var description: String { raw.rawValue }
    }

    /// Where an error points: a file (chart-relative template name or filesystem path), line and column.
    public struct Location: Sendable, Equatable {
        /// The file or template name.
        public var file: String
        /// 1-based line, or nil when unknown.
        public var line: Int?
        /// 0-based byte column as Go reports it, or nil when unknown.
        public var byteColumn: Int?
        /// The text of that line, for the caret display.
        public var sourceLine: String?
        /// The include/tpl calls that led here, outermost first (`chart/templates/a.yaml:3:6 include "x"`).
        public var callers: [String] = []

        /// Creates a location.
        public init(file: String, line: Int? = nil, byteColumn: Int? = nil, sourceLine: String? = nil) {
            self.file = file
            self.line = line
            self.byteColumn = byteColumn
            self.sourceLine = sourceLine
        }
    }

    /// The stable code.
    public let code: Code
    /// Helm's complete message (what follows `Error: `).
    public let helmDescription: String
    /// The core message without Helm's location prefix, for ffgen's own rendering.
    public let message: String
    /// Where the error points, when known.
    public let location: Location?
    /// The next action for the user, when one can be suggested.
    public let hint: String?

    /// Creates an error; `helmDescription` defaults to `message`.
    public init(
        code: Code, message: String, helmDescription: String? = nil, location: Location? = nil, hint: String? = nil
    ) {
        self.code = code
        self.message = message
        self.helmDescription = helmDescription ?? message
        self.location = location
        self.hint = hint
    }

    /// Helm's text.
    public var description: String { helmDescription }

    /// ffgen's format: `path:line:col: error: message` (1-based column), the source line with a caret under
    /// the column, the include chain, and an optional `hint:` line.
    public var ffgenDescription: String {
        var out = ""
        if let location {
            out += location.file
            if let line = location.line {
                out += ":\(line)"
                if let column = location.byteColumn { out += ":\(column + 1)" }
            }
            out += ": "
        }
        out += "error: " + message
        if let location, let source = location.sourceLine {
            out += "\n    " + source
            if let column = location.byteColumn {
                // The caret sits under the byte column; count the characters of the prefix for the padding.
                let prefix = String(decoding: source.utf8.prefix(column), as: UTF8.self)
                out += "\n    " + String(repeating: " ", count: prefix.count) + "^"
            }
        }
        for caller in location?.callers ?? [] { out += "\n  included from " + caller }
        if let hint { out += "\nhint: " + hint }
        return out
    }

    static func chartLoad(_ message: String, hint: String? = nil) -> HelmError {
        HelmError(code: .chartLoad, message: message, hint: hint)
    }

    static func values(_ message: String, hint: String? = nil) -> HelmError {
        HelmError(code: .values, message: message, hint: hint)
    }
}

extension HelmError: Equatable {
    /// Errors are equal when their codes are.
    public static func == (lhs: HelmError, rhs: HelmError) -> Bool { lhs.code == rhs.code }
}
