import Values

/// Reads Go struct fields out of a decoded YAML map with the type errors `sigs.k8s.io/yaml.Unmarshal` reports
/// (`error unmarshaling JSON: while decoding JSON: json: cannot unmarshal … into Go struct field …`).
///
/// sigs.k8s.io/yaml converts YAML to JSON guided by the target struct, so a scalar meant for a string field
/// becomes a string; anything else of the wrong shape is an `UnmarshalTypeError`.
struct GoStructDecoder {
    /// The Go struct being filled, as the error names it (`Metadata`, `SimpleHead`).
    var structName: String
    /// What the caller puts before the JSON error, in two parts joined only when an error is reported
    /// (`cannot load ` and `Chart.yaml` give `cannot load Chart.yaml: `): a decoder is made for every manifest.
    let context: (lead: String, subject: String)
    /// The code of the errors.
    let code: HelmError.Code

    /// The text before the kind of a JSON type error.
    private var errorPrefix: String {
        context.lead + context.subject + ": error unmarshaling JSON: while decoding JSON: json: cannot unmarshal "
    }

    /// Go's error for a value of the wrong JSON kind in `field`.
    func mismatch(_ value: Value, field: String, goType: String) -> HelmError {
        HelmError(
            code: code,
            message: errorPrefix
                + "\(Self.jsonKind(value)) into Go struct field \(structName).\(field) of type \(goType)")
    }

    /// Go's error for a document that is not an object.
    func notAnObject(_ value: Value, goType: String) -> HelmError {
        HelmError(
            code: code,
            message: errorPrefix + "\(Self.jsonKind(value)) into Go value of type \(goType)")
    }

    /// A scalar for a string field: YAML integers print in decimal (`0x1F` is `31`), floats as Go's `%g`
    /// (`1.10` is `1.1`), bools as `true`/`false`, null as empty.
    // With the standard codecs, Chart.yaml's string fields arrive as text already (HelmCodecs.yamlTypedDocument);
    // other codecs hand over float64 numbers, whose whole values print like integers.
    func scalarString(_ value: Value, field: String) throws -> String {
        switch value {
        case .string(let s): return s
        case .null: return ""
        case .bool(let b): return b ? "true" : "false"
        case .int(let i, _): return String(i)
        case .float(let f):
            if f == f.rounded(), abs(f) < 1e18 { return String(Int64(f)) }
            return GoFormat.formatFloatG(f)
        default: throw mismatch(value, field: field, goType: "string")
        }
    }

    /// The JSON kind names Go's `UnmarshalTypeError` uses.
    static func jsonKind(_ value: Value) -> String {
        switch value {
        case .list: return "array"
        case .string: return "string"
        case .bool: return "bool"
        case .int, .float: return "number"
        default: return "object"
        }
    }

    func string(_ map: ValueMap, _ key: String, field: String? = nil) throws -> String {
        guard let value = map[key] else { return "" }
        return try scalarString(value, field: field ?? key)
    }

    func bool(_ map: ValueMap, _ key: String) throws -> Bool {
        switch map[key] {
        case nil, .null?: return false
        case .bool(let b)?: return b
        case let other?: throw mismatch(other, field: key, goType: "bool")
        }
    }

    func list(_ map: ValueMap, _ key: String) throws -> [Value] {
        switch map[key] {
        case nil, .null?: return []
        case .list(let l)?: return l
        case let other?: throw mismatch(other, field: key, goType: key == "import-values" ? "[]interface {}" : "[]string")
        }
    }

    func strings(_ map: ValueMap, _ key: String) throws -> [String] {
        try list(map, key).map { try scalarString($0, field: key) }
    }
}
