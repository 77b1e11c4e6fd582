import Values

/// What a map lookup of a missing key yields (Go `Option("missingkey=…")`).
public enum MissingKey: Sendable, Equatable {
    /// Go's default (`missingkey=default`/`invalid`): no value, printed as `<no value>`.
    case `default`
    /// `missingkey=zero`: the map's zero element (`nil` for `map[string]interface{}`), Helm's default.
    case zero
    /// `missingkey=error`: execution stops with `map has no entry for key "k"`.
    case error
}

/// The methods of a named map type (`ValueMap.namedType`), such as Helm's `common.Values`. Go's `evalField`
/// looks for a method before it looks up a key, so `.Values.AsMap` calls the method even when a key
/// `AsMap` exists.
public protocol NamedMapMethods: Sendable {
    /// The parameters of method `name`, or `nil` when the type has no such method.
    func methodSignature(_ name: String) -> (parameters: [GoType], variadic: GoType?)?
    /// Calls method `name` on `map` with evaluated arguments. Errors are reported as `error calling NAME: …`.
    func callMethod(_ name: String, on map: ValueMap, _ arguments: [Value]) throws -> Value
}

/// Options for one execution.
public struct ExecutionOptions: Sendable {
    /// What a missing map key yields.
    public var missingKey: MissingKey
    /// The methods of named map types, by type name.
    public var namedMapMethods: [String: any NamedMapMethods] = [:]
    /// State of one execution that functions reach through `FunctionContext.executionState` (Helm's `include`
    /// keeps its nesting depths there), so that a function table can be built once and serve many executions.
    public var state: (any AnyObject & Sendable)?

    /// Creates options.
    public init(missingKey: MissingKey = .default, state: (any AnyObject & Sendable)? = nil,
                namedMapMethods: [String: any NamedMapMethods] = [:]) {
        self.missingKey = missingKey
        self.state = state
        self.namedMapMethods = namedMapMethods
    }
}
