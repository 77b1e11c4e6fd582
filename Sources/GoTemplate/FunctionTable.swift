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
    /// The state the execution was started with (`ExecutionOptions.state`), shared by nested executions.
    var executionState: (any AnyObject & Sendable)? { get }
}

extension FunctionContext {
    /// Default for contexts without execution state.
    public var executionState: (any AnyObject & Sendable)? { nil }

    /// Default for contexts that only support the current template's name.
    public func parseAndExecute(text: String, data: Value, templateName: String) throws -> String {
        try parseAndExecute(text: text, data: data)
    }
}

/// An error a function reports; the executor reports it as Go does: `error calling NAME: MESSAGE`.
public struct FunctionError: Error, Sendable, CustomStringConvertible {
    /// The message.
    public let message: String
    /// Creates an error with a message.
    public init(_ message: String) { self.message = message }
    /// Go's `String()` of the node.
    public var description: String { message }
}

/// One template function with its Go signature.
public struct GoFunc: Sendable {
    /// A function body: evaluated arguments and the calling template context.
    public typealias Body = @Sendable (_ arguments: [Value], _ context: any FunctionContext) throws -> Value

    /// The name.
    public let name: String
    /// Fixed parameter types.
    public let parameters: [GoType]
    /// The element type of a trailing `...T` parameter, if variadic.
    public let variadic: GoType?
    /// The implementation.
    public let body: Body

    /// Creates a function from its Go signature and body.
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
///
/// Functions live in slots that the parser records on each function name it resolves, so execution finds a
/// function without hashing its name again. Every change gives the table a new `identity`; a slot is used only
/// with the table version it was resolved against, and any other table is searched by name.
public struct FunctionTable: Sendable {
    /// Tells apart versions of tables: slots resolved against one are only valid in that one.
    final class Identity: Sendable {}

    /// The functions in slot order.
    private(set) var entries: [GoFunc] = []
    /// The slot of each function name.
    private var slots: [String: Int] = [:]
    /// The same, looked up from UTF-8 bytes (for the parser).
    private var index = NameIndex()
    /// This version of the table.
    private(set) var identity = Identity()

    /// Creates an empty table.
    public init() {}

    /// Creates a table; later functions replace earlier ones of the same name.
    public init(_ functions: [GoFunc]) {
        entries.reserveCapacity(functions.count)
        slots.reserveCapacity(functions.count)
        for f in functions { insert(f) }
    }

    /// The functions by name.
    public var functions: [String: GoFunc] {
        var byName: [String: GoFunc] = [:]
        for (name, slot) in slots { byName[name] = entries[slot] }
        return byName
    }

    private mutating func insert(_ function: GoFunc) {
        if let slot = slots[function.name] {
            entries[slot] = function
        } else {
            slots[function.name] = entries.count
            index.insert(function.name, slot: entries.count)
            entries.append(function)
        }
    }

    /// Adds or replaces a function.
    public mutating func register(_ function: GoFunc) {
        insert(function)
        identity = Identity()
    }

    /// Adds every function of `other`, replacing same-named ones.
    public mutating func merge(_ other: FunctionTable) {
        for f in other.entries { insert(f) }
        identity = Identity()
    }

    /// The function named `name`.
    public subscript(name: String) -> GoFunc? {
        guard let slot = slots[name] else { return nil }
        return entries[slot]
    }

    /// Whether a function of that name exists.
    public func contains(_ name: String) -> Bool { slots[name] != nil }

    /// The slot of the function named `name` in this version of the table.
    func slot(of name: String) -> Int? { slots[name] }

    /// The slot of the function whose name is the UTF-8 bytes `name`, without making a `String` of them.
    func slot(ofUTF8 name: UnsafeBufferPointer<UInt8>) -> Int? { index.slot(of: name) }
}

/// What a function name in a parsed template refers to, in the table it was parsed with (Go looks the name up
/// on every call: exec.go `findFunction`; the answer only changes with the table).
struct FunctionBinding: Sendable {
    /// What the name found.
    enum Target: Sendable {
        /// A slot of the table.
        case function(Int)
        /// A predefined function (the table has none of that name).
        case builtin(Builtins.Kind)
    }

    /// The table version the name was resolved in.
    let table: FunctionTable.Identity
    /// What the name found there.
    let target: Target
}

/// A `TemplateObject` whose methods declare Go parameter types, so that calls such as `.Files.Get 3` are checked
/// and reported as Go's `evalCall` does (`wrong number of args for Get: want 1 got 0`, `expected string; found 3`).
/// Objects that do not adopt it get their arguments as `interface{}` values and check them in `callMethod`.
public protocol TemplateMethodSignatures {
    /// The parameters of method `name`: fixed types and the element type of a trailing `...T`, if any.
    func methodSignature(_ name: String) -> (parameters: [GoType], variadic: GoType?)?
}

/// A `TemplateObject` that is a Go slice or map underneath (Helm's `common.VersionSet`, `engine.files`):
/// `len`, `range`, `index` and `slice` work on `elements` as on a list or map of Go-typed (not `interface{}`)
/// elements. Objects of kind `slice`, `array` or `map` that do not adopt it use `serialized` instead.
public protocol TemplateCollection {
    /// The elements: a `.list` or a `.map`.
    var elements: Value { get }
}

extension Value {
    /// The list or map a collection-like object stands for, if it is one (see `TemplateCollection`).
    public var collectionElements: Value? {
        guard case .object(let o) = self else { return nil }
        if let c = o as? any TemplateCollection { return c.elements }
        switch o.goKind {
        case "slice", "array", "map": return o.serialized
        default: return nil
        }
    }
}
