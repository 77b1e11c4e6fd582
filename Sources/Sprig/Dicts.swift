import GoTemplate
import Values

// Sprig: dict.go (maps are shared by reference, as Go maps are).

extension SprigLibrary {
    /// The map of a `map[string]interface{}` parameter; a nil map reads as empty.
    static func mapArgument(_ v: Value) -> ValueMap { v.mapValue ?? ValueMap() }

    static func dictFunctions() -> [GoFunc] {
        var fs: [GoFunc] = [
            GoFunc("dict", [], variadic: .interface) { a in
                let m = ValueMap()
                var i = 0
                while i < a.count {
                    m[Cast.string(a[i])] = i + 1 < a.count ? a[i + 1] : .string("")
                    i += 2
                }
                return .map(m)
            },
            GoFunc("get", [.map, .string]) { a in mapArgument(a[0])[a[1].stringValue ?? ""] ?? .string("") },
            GoFunc("set", [.map, .string, .interface]) { a in
                // Go: assignment to entry in nil map panics.
                guard let m = a[0].mapValue else { throw FunctionError("assignment to entry in nil map") }
                m[a[1].stringValue ?? ""] = a[2]
                return a[0]
            },
            GoFunc("unset", [.map, .string]) { a in
                a[0].mapValue?.removeValue(forKey: a[1].stringValue ?? "")
                return a[0].isNull ? .map(ValueMap()) : a[0]
            },
            GoFunc("hasKey", [.map, .string]) { a in .bool(mapArgument(a[0]).contains(a[1].stringValue ?? "")) },
            GoFunc("pluck", [.string], variadic: .map) { a in
                let key = a[0].stringValue ?? ""
                return .list(a.dropFirst().compactMap { mapArgument($0)[key] })
            },
            // Go ranges over each map in random order; our maps are sorted, so each map's keys come sorted.
            GoFunc("keys", [], variadic: .map) { a in
                .list(a.flatMap { mapArgument($0).keys.map(Value.string) })
            },
            // Go ranges over the map in random order; we give the values in key order.
            GoFunc("values", [.map]) { a in .list(mapArgument(a[0]).values) },
            GoFunc("pick", [.map], variadic: .string) { a in
                let d = mapArgument(a[0])
                let out = ValueMap()
                for k in a.dropFirst() { if let key = k.stringValue, let v = d[key] { out[key] = v } }
                return .map(out)
            },
            GoFunc("omit", [.map], variadic: .string) { a in
                let omit = Set(a.dropFirst().compactMap(\.stringValue))
                return .map(ValueMap(mapArgument(a[0]).filter { !omit.contains($0.key) }.map { ($0.key, $0.value) }))
            },
            GoFunc("dig", [], variadic: .interface) { a in
                guard a.count >= 3 else { throw FunctionError("dig needs at least three arguments") }
                // Go asserts `.(map[string]interface{})`, which a named map type (`.Values` is a common.Values,
                // split gives a map[string]string) fails.
                guard case .map(var dict) = a[a.count - 1], dict.namedType == nil else {
                    throw interfaceConversion(a[a.count - 1], to: "map[string]interface {}")
                }
                let def = a[a.count - 2]
                let keys = try a.dropLast(2).map { k -> String in
                    guard case .string(let s) = k else { throw interfaceConversion(k, to: "string") }
                    return s
                }
                for (i, k) in keys.enumerated() {
                    guard let step = dict[k] else { return def }
                    if i == keys.count - 1 { return step }
                    guard case .map(let next) = step, next.namedType == nil else {
                        throw interfaceConversion(step, to: "map[string]interface {}")
                    }
                    dict = next
                }
                return def
            },
        ]
        fs += withMust("merge", [.map], variadic: .map) { a in
            guard let dst = a[0].mapValue else { return .map(ValueMap()) }
            for src in a.dropFirst() { if let s = src.mapValue { mergoMerge(dst, s, overwrite: false) } }
            return a[0]
        }
        fs += withMust("mergeOverwrite", [.map], variadic: .map) { a in
            guard let dst = a[0].mapValue else { return .map(ValueMap()) }
            for src in a.dropFirst() { if let s = src.mapValue { mergoMerge(dst, s, overwrite: true) } }
            return a[0]
        }
        fs += withMust("deepCopy", [.interface]) { a in
            // copystructure reflects on the value's type, which a nil interface lacks.
            if a[0].isNull { throw FunctionError("reflect: call of reflect.Value.Type on zero Value") }
            return a[0].deepCopy()
        }
        return fs
    }

    /// The panic text of a failed Go type assertion `v.(T)` on an `interface{}`.
    static func interfaceConversion(_ v: Value, to type: String) -> FunctionError {
        let actual: String
        switch v {
        case .null: actual = "nil"
        default: actual = v.goTypeName
        }
        return FunctionError("interface conversion: interface {} is \(actual), not \(type)")
    }

    /// `mergo.Merge` / `mergo.MergeWithOverwrite` of two `map[string]interface{}` (mergo: merge.go deepMerge).
    ///
    /// Nested maps merge in place; other values are copied when the destination value is missing or empty
    /// (Go zero value, empty slice or map), or always with `overwrite` (zero values and nil included).
    static func mergoMerge(_ dst: ValueMap, _ src: ValueMap, overwrite: Bool) {
        for (key, s) in src {
            let d = dst[key]
            if s.isNull {
                if overwrite { dst[key] = .null }
                continue
            }
            switch s {
            case .map(let sm):
                if case .map(let dm)? = d { mergoMerge(dm, sm, overwrite: overwrite) }
            case .list:
                // mergo stores the source slice first when overwriting (a non-empty destination then skips
                // the final assignment, with the same result).
                if overwrite { dst[key] = s }
            default:
                break
            }
            if let d, !Cast.isEmpty(d) {
                if case .list = s { continue }
                if case .map = s, case .map = d { continue }
            }
            if overwrite || d == nil || Cast.isEmpty(d ?? .null) { dst[key] = s }
        }
    }
}
