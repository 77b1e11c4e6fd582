import Values

/// The Go type of a function parameter, which decides how the executor converts or rejects an argument
/// before the call, as `text/template` does with reflection (`evalArg`, `validateType`).
public enum GoType: Sendable, Equatable {
    /// `interface{}`: anything, `nil` included.
    case interface
    case string
    case int
    case int64
    case float64
    case bool
    /// `[]interface{}`.
    case list
    /// `map[string]interface{}`.
    case map
    /// `reflect.Value`: anything, as the builtins (`index`, `len`, `eq`, …) take it.
    case reflectValue

    /// Go's spelling, for error messages (`expected string; got float64`).
    public var goName: String {
        switch self {
        case .interface: return "interface {}"
        case .string: return "string"
        case .int: return "int"
        case .int64: return "int64"
        case .float64: return "float64"
        case .bool: return "bool"
        case .list: return "[]interface {}"
        case .map: return "map[string]interface {}"
        case .reflectValue: return "reflect.Value"
        }
    }
}

/// What a function may ask of the running template: Helm's `include` and `tpl` need the template set.
public protocol FunctionContext: AnyObject {
    /// The name of the template being executed (Go's `s.tmpl.Name()`).
    var currentTemplateName: String { get }
    /// Executes the named template with `data` and returns its output (`include`).
    func executeTemplate(named name: String, data: Value) throws -> String
    /// Parses `text` as a template named like the current one, in a copy of the current set, and executes it
    /// (`tpl`).
    func parseAndExecute(text: String, data: Value) throws -> String
    /// Like `parseAndExecute(text:data:)` but parses the text as a template named `templateName` (Helm 4's `tpl`
    /// names it `gotpl`, which then appears in its error messages).
    func parseAndExecute(text: String, data: Value, templateName: String) throws -> String
}

extension FunctionContext {
    /// Default for contexts that only support the current template's name.
    public func parseAndExecute(text: String, data: Value, templateName: String) throws -> String {
        try parseAndExecute(text: text, data: data)
    }
}

/// An error a function reports; the executor reports it as Go does: `error calling NAME: MESSAGE`.
public struct FunctionError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// One template function with its Go signature.
public struct GoFunc: Sendable {
    public typealias Body = @Sendable (_ arguments: [Value], _ context: any FunctionContext) throws -> Value

    public let name: String
    /// Fixed parameter types.
    public let parameters: [GoType]
    /// The element type of a trailing `...T` parameter, if variadic.
    public let variadic: GoType?
    public let body: Body

    public init(_ name: String, _ parameters: [GoType], variadic: GoType? = nil, body: @escaping Body) {
        self.name = name
        self.parameters = parameters
        self.variadic = variadic
        self.body = body
    }

    /// A function that does not need the template context.
    public init(
        _ name: String, _ parameters: [GoType], variadic: GoType? = nil,
        _ plain: @escaping @Sendable ([Value]) throws -> Value
    ) {
        self.init(name, parameters, variadic: variadic, body: { args, _ in try plain(args) })
    }
}

/// A name → function map (Go's `FuncMap`). Later registrations replace earlier ones, as `Funcs` does.
public struct FunctionTable: Sendable {
    public private(set) var functions: [String: GoFunc] = [:]

    public init() {}

    public init(_ functions: [GoFunc]) {
        for f in functions { self.functions[f.name] = f }
    }

    public mutating func register(_ function: GoFunc) { functions[function.name] = function }

    public mutating func merge(_ other: FunctionTable) {
        for (k, v) in other.functions { functions[k] = v }
    }

    public subscript(name: String) -> GoFunc? { functions[name] }

    public func contains(_ name: String) -> Bool { functions[name] != nil }
}
