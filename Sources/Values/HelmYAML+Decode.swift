public import YAMLKit

/// Source locations of the values read from a YAML file, keyed by value path (`certs.certificates[2].dnsNames`).
public struct ValueLocations: Sendable {
    /// Where each value starts. The root document is at path "".
    public var values: [String: SourceLocation] = [:]
    /// Where each map key is written, for map entries.
    public var keys: [String: SourceLocation] = [:]

    /// Creates an empty table.
    public init() {}

    /// The location of the key of a map entry when there is one, else of the value.
    public subscript(path: String) -> SourceLocation? { keys[path] ?? values[path] }

    /// The path of `key` inside the map at `parent`.
    public static func child(_ parent: String, key: String) -> String { parent.isEmpty ? key : parent + "." + key }

    /// The path of element `index` of the list at `parent`.
    public static func child(_ parent: String, index: Int) -> String { parent + "[\(index)]" }
}

/// Converts one composed YAML document into a `Value` as `sigs.k8s.io/yaml.Unmarshal` does:
/// go-yaml v2 decoding into `interface{}`, key stringification, then a JSON round trip (numbers become float64).
///
/// Go: sigs.k8s.io/yaml yaml.go `yamlToJSONTarget`, `convertToJSONableObject`; yaml.v2 decode.go.
struct HelmYAMLDecoder {
    var locations = ValueLocations()
    var recordLocations: Bool

    init(recordLocations: Bool) { self.recordLocations = recordLocations }

    /// go-yaml's guard against alias bombs: counts decoded nodes and those reached through aliases.
    /// Go: yaml.v2 decode.go `unmarshal` (`document contains excessive aliasing`), `allowedAliasRatio`.
    final class AliasBudget {
        var decodeCount = 0
        var aliasCount = 0
        var aliasDepth = 0

        func count(at location: SourceLocation) throws(HelmYAMLError) {
            decodeCount += 1
            if aliasDepth > 0 { aliasCount += 1 }
            guard aliasCount > 100, decodeCount > 1000 else { return }
            let allowed: Double
            if decodeCount <= 400_000 {
                allowed = 0.99
            } else if decodeCount >= 4_000_000 {
                allowed = 0.10
            } else {
                allowed = 0.99 - 0.89 * (Double(decodeCount - 400_000) / 3_600_000)
            }
            if Double(aliasCount) / Double(decodeCount) > allowed {
                throw .converting("yaml: document contains excessive aliasing", at: location)
            }
        }

        /// Counts `node` as go-yaml's `unmarshal` does (an alias counts itself, then its target inside the alias).
        func enter(_ node: YAMLNode) throws(HelmYAMLError) {
            try count(at: node.location)
            if node.isAlias {
                aliasDepth += 1
                try count(at: node.location)
            }
        }

        func leave(_ node: YAMLNode) {
            if node.isAlias { aliasDepth -= 1 }
        }
    }

    let budget = AliasBudget()

    /// An intermediate go-yaml value; keys are already converted to strings.
    indirect enum Decoded {
        case scalar(GoYAMLScalar, SourceLocation)
        case list([Decoded], SourceLocation)
        case map(DecodedMap, SourceLocation)
    }

    /// A go-yaml map: later sets replace earlier ones, as Go map assignment does.
    final class DecodedMap {
        var keys: [String] = []
        var entries: [String: (value: Decoded, keyLocation: SourceLocation)] = [:]
        /// How `%#v` prints each key (`"a"`, `1`, `interface {}(nil)`), for error texts.
        var display: [String: String] = [:]

        func set(_ key: String, _ value: Decoded, at loc: SourceLocation, display: String? = nil) {
            if entries[key] == nil { keys.append(key) }
            entries[key] = (value, loc)
            if let display { self.display[key] = display }
        }
    }

    /// The first error of the JSON conversion step (unsupported key types). go-yaml finishes decoding first, so
    /// its own errors (`invalid map key`, merge errors) win over it. Go: sigs.k8s.io/yaml `yamlToJSONTarget`.
    final class DeferredError {
        var error: HelmYAMLError?
    }

    let deferred = DeferredError()

    /// Decodes a whole document: go-yaml's errors first, then the key conversion error, if any.
    func decodeDocument(_ node: YAMLNode) throws(HelmYAMLError) -> Decoded {
        let decoded = try decode(node)
        if let error = deferred.error { throw error }
        return decoded
    }

    // MARK: go-yaml decoding

    func decode(_ node: YAMLNode) throws(HelmYAMLError) -> Decoded {
        try budget.enter(node)
        defer { budget.leave(node) }
        switch node.content {
        case .scalar(let text):
            return .scalar(try scalarValue(node, text), node.location)
        case .sequence(let items):
            var out: [Decoded] = []
            out.reserveCapacity(items.count)
            for item in items { out.append(try decode(item)) }
            return .list(out, node.location)
        case .mapping(let pairs):
            let map = DecodedMap()
            try fill(map, pairs)
            return .map(map, node.location)
        }
    }

    private func scalarValue(_ node: YAMLNode, _ text: String) throws(HelmYAMLError) -> GoYAMLScalar {
        // Go: yaml.v2 decode.go `scalar`: quoted or non-specific scalars are strings; plain ones are resolved.
        if let tag = node.tag, tag != "!" {
            do {
                return try GoYAMLResolve.resolve(text, tag: tag)
            } catch {
                throw .converting("yaml: " + error.message, at: node.location)
            }
        }
        if node.style == .plain && node.tag == nil { return GoYAMLResolve.resolve(text) }
        return .string(text)
    }

    private func isMergeKey(_ node: YAMLNode) -> Bool {
        guard case .scalar(let s) = node.content, s == "<<" else { return false }
        if let tag = node.tag { return GoYAMLResolve.shortTag(tag) == "!!merge" }
        return node.style == .plain
    }

    private func fill(_ map: DecodedMap, _ pairs: [YAMLPair]) throws(HelmYAMLError) {
        for pair in pairs {
            if isMergeKey(pair.key) {
                try merge(pair.value, into: map)
                continue
            }
            try budget.enter(pair.key)
            budget.leave(pair.key)
            let (key, display) = try keyString(pair.key, value: pair.value)
            map.set(key, try decode(pair.value), at: pair.key.location, display: display)
        }
    }

    /// Go: yaml.v2 decode.go `merge`: a map, or a list of maps where earlier maps win.
    private func merge(_ node: YAMLNode, into map: DecodedMap) throws(HelmYAMLError) {
        let wantMap = HelmYAMLError.converting(
            "yaml: map merge requires map or sequence of maps as the value", at: node.location)
        try budget.enter(node)
        defer { budget.leave(node) }
        switch node.content {
        case .mapping(let pairs):
            try fill(map, pairs)
        case .sequence(let items):
            for item in items.reversed() {
                guard case .mapping(let pairs) = item.content else { throw wantMap }
                try budget.enter(item)
                defer { budget.leave(item) }
                try fill(map, pairs)
            }
        case .scalar:
            throw wantMap
        }
    }

    /// The JSON key for a YAML key. Go: sigs.k8s.io/yaml `convertToJSONableObject` and yaml.v2 `invalid map key`.
    /// The JSON key for a YAML key and how `%#v` shows the Go key, or nil for the default (quoted) display.
    private func keyString(_ key: YAMLNode, value: YAMLNode) throws(HelmYAMLError) -> (String, String?) {
        switch key.content {
        case .sequence, .mapping:
            let k = (try? decode(key)).map { GoSyntax.yamlValue($0) } ?? ""
            throw .converting("yaml: invalid map key: " + k, at: key.location)
        case .scalar(let text):
            let scalar = try scalarValue(key, text)
            switch scalar {
            case .string(let s), .timestamp(let s): return (s, nil)
            case .int(let i): return (String(i), String(i))
            case .bool(let b): return (b ? "true" : "false", b ? "true" : "false")
            case .float(let f): return (GoSyntax.formatFloat32G(f), GoFormat.formatFloatG(f))
            case .null, .uint:
                if deferred.error == nil {
                    let v = (try? decode(value)).map { GoSyntax.yamlValue($0) } ?? ""
                    let text: String
                    if case .uint(let u) = scalar {
                        text = "unsupported map key of type: uint64, key: 0x\(String(u, radix: 16)), value: \(v)"
                    } else {
                        text = "unsupported map key of type: %!s(<nil>), key: <nil>, value: \(v)"
                    }
                    deferred.error = .converting(text, at: key.location)
                }
                // Kept apart from string keys; the document fails with the deferred error anyway.
                let display: String
                if case .uint(let u) = scalar {
                    display = "0x" + String(u, radix: 16)
                } else {
                    display = "interface {}(nil)"
                }
                return ("\u{0}" + display, display)
            }
        }
    }

    // MARK: JSON round trip

    /// `json.Marshal` then `json.Unmarshal` into `interface{}`: numbers become float64; NaN and infinities fail.
    mutating func value(_ d: Decoded, path: String, target: GoJSONTarget = .any) throws(HelmYAMLError) -> Value {
        switch d {
        case .scalar(let s, let loc):
            if recordLocations { locations.values[path] = loc }
            guard let value = Self.jsonValue(s, target: target) else {
                // Only floats JSON cannot hold have no JSON value.
                if case .float(let f) = s {
                    throw .converting("json: unsupported value: " + GoFormat.formatFloatG(f), at: loc)
                }
                return .null
            }
            return value
        case .list(let items, let loc):
            if recordLocations { locations.values[path] = loc }
            var out: [Value] = []
            out.reserveCapacity(items.count)
            for (i, item) in items.enumerated() {
                out.append(try value(item, path: ValueLocations.child(path, index: i), target: target.element))
            }
            return .list(out)
        case .map(let m, let loc):
            if recordLocations { locations.values[path] = loc }
            // json.Marshal walks keys in sorted order, so the first error is the one of the smallest key.
            let sorted = m.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            var values: [Value] = []
            values.reserveCapacity(sorted.count)
            for k in sorted {
                guard let entry = m.entries[k] else { continue }
                let childPath = ValueLocations.child(path, key: k)
                if recordLocations { locations.keys[childPath] = entry.keyLocation }
                values.append(try value(entry.value, path: childPath, target: target.member(k)))
            }
            return .map(ValueMap(sortedKeys: sorted, values: values))
        }
    }
}

extension HelmYAMLDecoder {
    /// The JSON round trip of one scalar decoded for `target`, or nil for a NaN or infinite float, which
    /// `json.Marshal` rejects.
    static func jsonValue(_ s: GoYAMLScalar, target: GoJSONTarget) -> Value? {
        if case .string = target, let text = stringForStringField(s) { return .string(text) }
        switch s {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .int(let i): return .float(Double(i))
        case .uint(let u): return .float(Double(u))
        case .float(let f): return f.isFinite ? .float(f) : nil
        case .string(let t), .timestamp(let t): return .string(t)
        }
    }

    /// A scalar decoded for a Go `string` field: sigs.k8s.io/yaml turns numbers and bools into text first
    /// (floats with 32-bit precision, so `appVersion: 1.10` reads as "1.1"). Nil for strings and null.
    /// Go: sigs.k8s.io/yaml yaml.go `convertToJSONableObject` (the `jsonTarget` string case).
    static func stringForStringField(_ s: GoYAMLScalar) -> String? {
        switch s {
        case .int(let i): return String(i)
        case .uint(let u): return String(u)
        case .bool(let b): return b ? "true" : "false"
        case .float(let f):
            if f.isNaN { return "NaN" }
            if f.isInfinite { return f < 0 ? "-Inf" : "+Inf" }
            return GoSyntax.formatFloat32G(f)
        case .null, .string, .timestamp: return nil
        }
    }
}

extension HelmYAMLDecoder.Decoded {
    /// The JSON type name `encoding/json` uses in "cannot unmarshal X into Go value".
    var jsonTypeName: String {
        switch self {
        case .list: return "array"
        case .map: return "object"
        case .scalar(let s, _):
            switch s {
            case .null: return "null"
            case .bool: return "bool"
            case .int, .uint, .float: return "number"
            case .string, .timestamp: return "string"
            }
        }
    }
}

/// The shape of the Go value that `sigs.k8s.io/yaml.Unmarshal` decodes into, as far as it changes the result:
/// scalars bound for `string` fields become text before the JSON step. Struct fields match by JSON name, exactly
/// or else case-insensitively, as `encoding/json` does.
public indirect enum GoJSONTarget: Sendable {
    /// `interface{}` or any non-string scalar type: values are kept as decoded.
    case any
    /// A Go `string`.
    case string
    /// A slice or array of the element type.
    case slice(GoJSONTarget)
    /// A map with string keys and the element type.
    case map(GoJSONTarget)
    /// A struct: JSON field names and their types; other keys are decoded as `.any`.
    case structure([String: GoJSONTarget])

    var element: GoJSONTarget {
        switch self {
        case .slice(let e), .map(let e): return e
        default: return .any
        }
    }

    func member(_ key: String) -> GoJSONTarget {
        switch self {
        case .map(let e): return e
        case .structure(let fields):
            if let f = fields[key] { return f }
            let lower = key.lowercased()
            return fields.first { $0.key.lowercased() == lower }?.value ?? .any
        default: return .any
        }
    }
}

extension ValueMap {
    /// The value `encoding/json` stores in a struct field named `name` when decoding this object: keys match the
    /// name exactly or case-insensitively, and of several matching keys the last one in the object (byte order,
    /// as `json.Marshal` wrote it) wins. Go: encoding/json decode.go `object` (field lookup by folded name).
    public func goStructField(_ name: String) -> Value? {
        let folded = name.lowercased()
        var found: Value?
        for (key, value) in self where key == name || key.lowercased() == folded { found = value }
        return found
    }
}
