/// An error reported by libyaml (reader, scanner, parser, emitter) or by the node composer (unknown anchor).
public struct YAMLError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Which stage failed; go-yaml prints scanner errors one line later than parser errors.
    public enum Kind: Sendable, Equatable {
        /// Invalid input encoding or a non-printable character.
        case reader
        /// A token-level error.
        case scanner
        /// A grammar-level error.
        case parser
        /// An alias problem found while building nodes.
        case composer
        /// The emitter rejected an event sequence.
        case emitter
        /// libyaml ran out of memory.
        case memory
    }

    /// Which stage failed.
    public var kind: Kind
    /// libyaml's problem text, for example `did not find expected '-' indicator`.
    public var problem: String
    /// Where the problem was found.
    public var location: SourceLocation
    /// libyaml's context text (`while parsing a block mapping`), if any.
    public var context: String?
    /// Where the context starts, if any.
    public var contextLocation: SourceLocation?
    /// Whether go-yaml prints a line for this error (not for reader errors, whose mark libyaml leaves unset).
    public var reportsLine = true

    /// Creates an error from its parts.
    public init(
        kind: Kind, problem: String, location: SourceLocation, context: String? = nil,
        contextLocation: SourceLocation? = nil
    ) {
        self.kind = kind
        self.problem = problem
        self.location = location
        self.context = context
        self.contextLocation = contextLocation
    }

    /// The line go-yaml v2 reports (`yaml: line N: …`), or nil when it reports none.
    ///
    /// Go: yaml.v2 parserc/yaml.go `parser.fail` uses the 0-based problem line, plus one for scanner errors,
    /// falling back to the 0-based context line; a zero line is not printed.
    public var goLine: Int? {
        guard reportsLine else { return nil }
        var line = location.line - 1
        if line != 0 {
            if kind == .scanner { line += 1 }
        } else if let c = contextLocation, c.line - 1 != 0 {
            line = c.line - 1
        }
        return line == 0 ? nil : line
    }

    /// go-yaml's text without the `yaml: ` prefix: `line 2: did not find expected '-' indicator`.
    public var goMessage: String {
        if kind == .composer { return problem }
        if let line = goLine { return "line \(line): \(problem)" }
        return problem
    }

    /// `file:line:col: problem`, the ffgen format.
    public var description: String { "\(location): \(problem)" }
}
