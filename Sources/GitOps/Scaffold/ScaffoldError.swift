/// Why `ffgen new` refused to create an environment. Nothing has been written when one is thrown.
public struct ScaffoldError: Error, Sendable, CustomStringConvertible, Equatable {
    /// What kind of refusal this is; tests and callers compare codes, never messages.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Raw: String, Sendable {
            case exists, name, path, hostname, namespace, certificate, arn, region, missingOption, conflict
            case source, scaffold, values, render
        }
        private let raw: Raw
        private init(_ raw: Raw) { self.raw = raw }

        /// The environment already exists (and `--force` was not given).
        public static let exists = Code(.exists)
        /// An organisation or environment name is not a DNS-1123 label.
        public static let name = Code(.name)
        /// A name tries to leave its folder (`..`, `/`, an absolute path).
        public static let path = Code(.path)
        /// A DNS name is not a valid hostname.
        public static let hostname = Code(.hostname)
        /// A certificate's namespace is not a DNS-1123 label.
        public static let namespace = Code(.namespace)
        /// A `--certificate` value is malformed, or certificates clash.
        public static let certificate = Code(.certificate)
        /// An AWS Private CA (or IAM role) ARN is malformed.
        public static let arn = Code(.arn)
        /// The region is malformed or differs from the Private CA's.
        public static let region = Code(.region)
        /// A required option is missing (and there is no terminal to ask on).
        public static let missingOption = Code(.missingOption)
        /// Options that contradict each other.
        public static let conflict = Code(.conflict)
        /// The `--from` environment is missing or unreadable.
        public static let source = Code(.source)
        /// The scaffold template is missing or fails.
        public static let scaffold = Code(.scaffold)
        /// The values the scaffold produced are not what the chart accepts.
        public static let values = Code(.values)
        /// Rendering the new environment failed.
        public static let render = Code(.render)

        /// The code's stable name.
        public var description: String { "new." + raw.rawValue }
    }

    /// The kind of refusal.
    public let code: Code
    /// What is wrong.
    public let message: String
    /// What to do about it.
    public let hint: String?

    /// Creates an error.
    public init(_ code: Code, _ message: String, hint: String? = nil) {
        self.code = code
        self.message = message
        self.hint = hint
    }

    /// The message, then the hint on its own line.
    public var description: String {
        message + (hint.map { "\nhint: " + $0 } ?? "")
    }

    /// Errors are equal when their codes are.
    public static func == (lhs: ScaffoldError, rhs: ScaffoldError) -> Bool { lhs.code == rhs.code }
}
