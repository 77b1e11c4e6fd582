import Values

/// A template parse or execution error with everything needed to print Go's or Helm's text.
public struct TemplateError: Error, Sendable, CustomStringConvertible {
    /// Where the error arose.
    public enum Kind: Sendable, Equatable {
        /// `template: NAME:LINE: MESSAGE`
        case parse
        /// `template: NAME:LINE:COL: executing "TMPL" at <NODE>: MESSAGE` (or `template: TMPL: MESSAGE` without node).
        case exec
        /// Any other message, printed as is (for example `template: no template "x" associated with template "y"`).
        case other
    }

    /// The kind.
    public var kind: Kind
    /// The template name of the location (Go `ParseName`: the file that holds the node).
    public var locationName: String
    /// 1-based line; 0 when there is no location.
    public var line: Int
    /// 0-based byte column (exec errors with a node only).
    public var column: Int?
    /// Byte offset of the node in its source (exec errors with a node only).
    public var byteOffset: Int?
    /// The node as Go prints it in `at <…>`, already truncated as Go does.
    public var nodeContext: String?
    /// The name of the template being executed (`executing "NAME"`).
    public var executingTemplate: String?
    /// The message after the location prefix (for nested errors it contains their full text, as Go's `%w`).
    public var message: String
    /// The error this one wraps (a nested `TemplateError` from include/tpl, a `FunctionError`, …).
    public var underlying: (any Error & Sendable)?

    /// Creates an error.
    public init(kind: Kind, locationName: String, line: Int, column: Int? = nil, byteOffset: Int? = nil,
                nodeContext: String? = nil, executingTemplate: String? = nil, message: String,
                underlying: (any Error & Sendable)? = nil) {
        self.kind = kind
        self.locationName = locationName
        self.line = line
        self.column = column
        self.byteOffset = byteOffset
        self.nodeContext = nodeContext
        self.executingTemplate = executingTemplate
        self.message = message
        self.underlying = underlying
    }

    /// Exactly Go's `err.Error()`.
    public var goDescription: String {
        switch kind {
        case .parse:
            return "template: \(locationName):\(line): \(message)"
        case .exec:
            if let ctx = nodeContext, let col = column {
                return "template: \(locationName):\(line):\(col): executing \(GoQuote.quote(executingTemplate ?? locationName)) at <\(ctx)>: \(message)"
            }
            return "template: \(executingTemplate ?? locationName): \(message)"
        case .other:
            return message
        }
    }

    /// `NAME:LINE:COL` as Go's `ErrorContext` prints it (exec errors with a node), or `NAME:LINE` for parse errors.
    public var location: String {
        if let col = column { return "\(locationName):\(line):\(col)" }
        return "\(locationName):\(line)"
    }

    /// Go's `String()` of the node.
    public var description: String { goDescription }
}
