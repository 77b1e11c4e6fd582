/// A dynamically typed value as Go templates, Sprig and Helm see it.
///
/// Helm works on `interface{}` trees built from YAML/JSON (`map[string]interface{}`, `[]interface{}`,
/// `float64`, `int64`, `string`, `bool`, `nil`). `Value` is the closed set of those shapes, plus
/// `.object` for the few Go values with fields and methods (`.Capabilities`, `.Files`, semver versions).
///
/// Maps are reference types (`ValueMap` is a class) because Go maps are: `set $d "k" 1` is visible to every
/// holder of `$d`, and `set .Values …` in one template is visible in the next (Helm behaviour 4).
/// Lists are value types: every Sprig list function returns a new slice.
public enum Value: @unchecked Sendable {
    case null
    case bool(Bool)
    /// A Go integer; `kind` says which Go type it is (`int` for `len`, `atoi` and constants, `int64` for Sprig
    /// math and `--set` integers). The kinds print alike; `typeOf`, `%T`, `%!s(int64=3)` and Sprig's `duration`
    /// tell them apart.
    case int(Int64, kind: GoIntKind = .int)
    /// Go `float64` (every number read from YAML or JSON values).
    case float(Double)
    case string(String)
    /// Go `[]interface{}`.
    case list([Value])
    /// Go `map[string]interface{}` (reference semantics).
    case map(ValueMap)
    /// An opaque Go value with fields and methods (structs, `*semver.Version`, `chartutil.Files`).
    case object(any TemplateObject)
}

/// The Go integer type an `.int` value stands for.
public enum GoIntKind: UInt8, Sendable, Equatable {
    /// Go `int` (64-bit): constants, `len`, range indexes, `atoi`, `int`, `until`, `randInt`.
    case int
    /// Go `int64`: Sprig math (`add`, `max`, …), `int64`, `toDecimal`, `--set` integers, TOML integers.
    case int64
    /// Go `uint8` (a `byte`): `index` of a string, the elements of `.Files.GetBytes`.
    case uint8
    /// Go `uint64`: semver `Major`/`Minor`/`Patch`.
    case uint64

    /// Go's name of the type, as `typeOf`, `kindOf` and `%T` print it.
    public var name: String {
        switch self {
        case .int: return "int"
        case .int64: return "int64"
        case .uint8: return "uint8"
        case .uint64: return "uint64"
        }
    }

    /// The decimal digits Go prints for `value` of this type (a `uint64` is stored by bit pattern).
    public func decimal(_ value: Int64) -> String {
        self == .uint64 ? String(UInt64(bitPattern: value)) : String(value)
    }
}

/// A Go value that is neither a basic kind, a slice nor a map: a struct or a named type with methods.
public protocol TemplateObject: AnyObject, Sendable {
    /// Go's type name as `%T` / `typeOf` prints it, for example `*chartutil.Capabilities`.
    var goTypeName: String { get }
    /// Go's kind as `kindOf` prints it: `struct`, `ptr`, `map`, …
    var goKind: String { get }
    /// A field (or map key) reached with `.Name`. `nil` when there is no such field.
    func field(_ name: String) -> Value?
    /// Whether `.Name` names a method (called with the command's arguments).
    func hasMethod(_ name: String) -> Bool
    /// Calls method `name` with already evaluated arguments. Throws `TemplateObjectError` for bad arguments.
    func callMethod(_ name: String, _ arguments: [Value]) throws -> Value
    /// What `{{ . }}` / `%v` prints for this value (Go's `String()` method when the type has one).
    var goString: String { get }
    /// Whether Go's `truth` considers it non-empty.
    var isTruthy: Bool { get }
    /// How the value is serialised by `toYaml`/`toJson` (Go marshals exported fields).
    var serialized: Value { get }
    /// What an `interface{}` parameter receives when the object is a struct reached through a pointer's field
    /// and its `String()` has a pointer receiver: a copy, which has no such method. `nil` when the object is
    /// passed as it is.
    var interfaceCopy: (any TemplateObject)? { get }
}

extension TemplateObject {
    public var interfaceCopy: (any TemplateObject)? { nil }
    public var goKind: String { "struct" }
    public var isTruthy: Bool { true }
    public func hasMethod(_ name: String) -> Bool { false }
    public func callMethod(_ name: String, _ arguments: [Value]) throws -> Value {
        throw TemplateObjectError("can't call method/function \"\(name)\" with \(arguments.count) result")
    }
}

/// An error raised by a `TemplateObject` method; the executor adds position and template name.
public struct TemplateObjectError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

extension Value {
    /// `true` for `.null`.
    @inlinable public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// The string payload, if this is a string.
    @inlinable public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// The map payload, if this is a map.
    @inlinable public var mapValue: ValueMap? {
        if case .map(let m) = self { return m }
        return nil
    }

    /// The list payload, if this is a list.
    @inlinable public var listValue: [Value]? {
        if case .list(let l) = self { return l }
        return nil
    }

    /// Go's `reflect.Kind` name as Sprig's `kindOf` prints it.
    public var goKind: String {
        switch self {
        case .null: return "invalid"
        case .bool: return "bool"
        case .int(_, let kind): return kind.name
        case .float: return "float64"
        case .string: return "string"
        case .list: return "slice"
        case .map: return "map"
        case .object(let o): return o.goKind
        }
    }

    /// Go's type name as `%T` and Sprig's `typeOf` print it.
    public var goTypeName: String {
        switch self {
        case .null: return "<nil>"
        case .bool: return "bool"
        case .int(_, let kind): return kind.name
        case .float: return "float64"
        case .string: return "string"
        case .list: return "[]interface {}"
        case .map(let m): return m.namedType ?? "map[string]interface {}"
        case .object(let o): return o.goTypeName
        }
    }

    /// A copy that shares no map with `self` (Sprig `deepCopy`, Helm's `copystructure`).
    public func deepCopy() -> Value {
        switch self {
        case .map(let m): return .map(m.deepCopy())
        case .list(let l): return Self.deepCopies(l).map(Value.list) ?? self
        default: return self
        }
    }

    /// `values` with every map in it (at any depth) replaced by a deep copy, or nil when it holds no map: lists are
    /// values, so a list without maps is shared rather than copied (its storage is copied on the first write).
    static func deepCopies(_ values: [Value]) -> [Value]? {
        var copies: [Value]? = nil
        for index in values.indices {
            let copy: Value
            switch values[index] {
            case .map(let m): copy = .map(m.deepCopy())
            case .list(let l):
                guard let copied = deepCopies(l) else { continue }
                copy = .list(copied)
            default: continue
            }
            if copies == nil { copies = values }
            copies?[index] = copy
        }
        return copies
    }

    /// Structural equality as Go's `reflect.DeepEqual` sees it (maps by content, objects by identity).
    public func deepEquals(_ other: Value) -> Bool {
        switch (self, other) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.int(let a, let ka), .int(let b, let kb)): return a == b && ka == kb
        case (.float(let a), .float(let b)): return a == b
        case (.string(let a), .string(let b)): return a == b
        case (.list(let a), .list(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.deepEquals($1) }
        case (.map(let a), .map(let b)):
            if a === b { return true }
            guard a.count == b.count else { return false }
            for (k, v) in a where !(b[k].map { v.deepEquals($0) } ?? false) { return false }
            return true
        case (.object(let a), .object(let b)): return a === b
        default: return false
        }
    }
}
