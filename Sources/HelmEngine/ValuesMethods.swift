import GoTemplate
import Values

/// The methods of Helm's `common.Values` (the type of `.Values` and `.Template`): `AsMap`, `YAML`, `Table` and
/// `PathValue` (pkg/chart/common/values.go). `Encode` takes an `io.Writer`, which no template can pass.
struct HelmValuesMethods: NamedMapMethods {
    static let typeName = "common.Values"

    func methodSignature(_ name: String) -> (parameters: [GoType], variadic: GoType?)? {
        switch name {
        case "AsMap", "YAML": return ([], nil)
        case "Table", "PathValue": return ([.string], nil)
        default: return nil
        }
    }

    func callMethod(_ name: String, on map: ValueMap, _ arguments: [Value]) throws -> Value {
        switch name {
        case "AsMap":
            // The same map as a plain map[string]interface{}. A subchart's values map is already plain and is
            // returned itself; the root's carries the type name, so it is given as a copy of its entries (a
            // `set` on that copy's top level is not seen in .Values, unlike Helm).
            if map.namedType == nil && !map.isEmpty { return .map(map) }
            return .map(ValueMap(map.keys.indices.lazy.map { (map.keys[$0], map.values[$0]) }))
        case "YAML":
            return .string(HelmYAML.toYaml(.map(map)) + "\n")
        case "Table":
            // The table typed as common.Values: a copy of its entries carrying the type name.
            let table = try Self.table(map, arguments.first?.stringValue ?? "")
            let typed = ValueMap(table.keys.indices.lazy.map { (table.keys[$0], table.values[$0]) })
            typed.namedType = Self.typeName
            return .map(typed)
        case "PathValue":
            return try Self.pathValue(map, arguments.first?.stringValue ?? "")
        default:
            throw FunctionError("can't call method/function \"\(name)\"")
        }
    }

    /// `Values.Table`: walks tables along a dotted path; `"k" is not a table` when a step is missing or not a map.
    static func table(_ values: ValueMap, _ path: String) throws -> ValueMap {
        var table = values
        for key in path.split(separator: ".", omittingEmptySubsequences: false).map(String.init) {
            guard let next = table[key] else { throw FunctionError("\(GoQuote.quote(key)) is not a table") }
            guard case .map(let map) = next else { throw FunctionError("\(GoQuote.quote(key)) is not a table") }
            table = map
        }
        return table
    }

    /// `Values.PathValue`: the non-table value at a dotted path; `"k" is not a value` otherwise.
    static func pathValue(_ values: ValueMap, _ path: String) throws -> Value {
        if path.isEmpty { throw FunctionError("YAML path cannot be empty") }
        var keys = path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        let key = keys.removeLast()
        let table: ValueMap
        if keys.isEmpty {
            table = values
        } else {
            guard let t = try? Self.table(values, keys.joined(separator: ".")) else {
                throw FunctionError("\(GoQuote.quote(key)) is not a value")
            }
            table = t
        }
        if let value = table[key] {
            if case .map = value {} else { return value }
        }
        throw FunctionError("\(GoQuote.quote(key)) is not a value")
    }
}
