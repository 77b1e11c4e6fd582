/// What a map lookup of a missing key yields (Go `Option("missingkey=…")`).
public enum MissingKey: Sendable, Equatable {
    /// Go's default (`missingkey=default`/`invalid`): no value, printed as `<no value>`.
    case `default`
    /// `missingkey=zero`: the map's zero element (`nil` for `map[string]interface{}`), Helm's default.
    case zero
    /// `missingkey=error`: execution stops with `map has no entry for key "k"`.
    case error
}

/// Options for one execution.
public struct ExecutionOptions: Sendable {
    /// What a missing map key yields.
    public var missingKey: MissingKey
    /// State of one execution that functions reach through `FunctionContext.executionState` (Helm's `include`
    /// keeps its nesting depths there), so that a function table can be built once and serve many executions.
    public var state: (any AnyObject & Sendable)?

    /// Creates options.
    public init(missingKey: MissingKey = .default, state: (any AnyObject & Sendable)? = nil) {
        self.missingKey = missingKey
        self.state = state
    }
}
