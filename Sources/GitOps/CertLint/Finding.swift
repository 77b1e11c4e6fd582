import Foundation

/// How much a finding matters: errors fail `ffgen lint`, warnings only with `--strict`, notes never.
public enum Severity: String, Sendable, Comparable, CaseIterable {
    /// Informational: what the linter saw (for example which issuer an environment uses).
    case note
    /// Probably a mistake, or a risk worth a decision.
    case warning
    /// Will break issuance or deployment.
    case error

    private var rank: Int {
        switch self {
        case .note: 0
        case .warning: 1
        case .error: 2
        }
    }

    /// Notes sort before warnings, warnings before errors.
    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// Where a finding points: a file of the repository (relative to its root), 1-based line and column.
public struct FindingLocation: Sendable, Hashable, CustomStringConvertible {
    /// The file, relative to the repository root.
    public var file: String
    /// 1-based line; 0 when unknown.
    public var line: Int
    /// 1-based column; 0 when unknown.
    public var column: Int

    /// Creates a location.
    public init(file: String, line: Int = 0, column: Int = 0) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:col`, or just `file` when the position is unknown.
    public var description: String { line > 0 ? "\(file):\(line):\(column)" : file }
}

/// One problem (or observation) reported by a lint rule.
public struct Finding: Sendable, Hashable {
    /// The stable check id, e.g. `dns.invalid-name` (listed in docs/lint.md).
    public var id: String
    /// How much it matters.
    public var severity: Severity
    /// The environment (`org/env`), or empty for repository-wide findings.
    public var environment: String
    /// The value at fault.
    public var location: FindingLocation
    /// What is wrong.
    public var message: String
    /// What to do about it.
    public var hint: String

    /// Creates a finding.
    public init(
        id: String, severity: Severity, environment: String, location: FindingLocation, message: String, hint: String
    ) {
        self.id = id
        self.severity = severity
        self.environment = environment
        self.location = location
        self.message = message
        self.hint = hint
    }
}

/// A lint check: looks at the whole repository model and returns its findings; it never throws.
public protocol LintRule: Sendable {
    /// The ids this rule can report, for documentation and SARIF's rule table.
    var checks: [LintCheck] { get }
    /// The findings for `repository`.
    func findings(in repository: LintRepository) -> [Finding]
}

/// The description of one check id.
public struct LintCheck: Sendable, Hashable {
    /// The check id.
    public var id: String
    /// Its usual severity (some checks choose per finding).
    public var severity: Severity
    /// One sentence: what it catches.
    public var summary: String

    /// Creates a check description.
    public init(_ id: String, _ severity: Severity, _ summary: String) {
        self.id = id
        self.severity = severity
        self.summary = summary
    }
}
