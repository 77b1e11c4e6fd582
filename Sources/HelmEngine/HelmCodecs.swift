import Values

/// The YAML and JSON conversions the Helm layer needs, with Helm's semantics.
///
/// Adapter: the Helm-compatible readers and writers live in the `Values` target, which is written in parallel.
/// Everything in this target reaches them through this struct so the wiring is one place (`standard`), and
/// tests can supply small stand-ins.
public struct HelmCodecs: Sendable {
    /// Every document of a YAML stream as sigs.k8s.io/yaml reads it (YAML 1.1, numbers as float64). An empty
    /// document is `.null`. Errors carry the YAML library's text (Helm prefixes it).
    public var yamlDocuments: @Sendable (_ text: String) throws -> [Value]
    /// The JSON document at the start of the text and the number of Unicode scalars it used (Go's
    /// `json.Decoder` + `InputOffset`); `--set-json` values and values.schema.json use it.
    public var jsonPrefix: @Sendable (_ text: Substring.UnicodeScalarView) throws -> (value: Value, consumed: Int)
    /// Helm's `toYaml` (sigs.k8s.io/yaml.Marshal, final newline removed); `.Files.AsConfig` uses it.
    public var toYAML: @Sendable (_ value: Value) throws -> String

    /// Creates codecs from the readers and the writer.
    public init(
        yamlDocuments: @escaping @Sendable (_ text: String) throws -> [Value],
        jsonPrefix: @escaping @Sendable (_ text: Substring.UnicodeScalarView) throws -> (value: Value, consumed: Int),
        toYAML: @escaping @Sendable (_ value: Value) throws -> String
    ) {
        self.yamlDocuments = yamlDocuments
        self.jsonPrefix = jsonPrefix
        self.toYAML = toYAML
    }

    /// The codecs of the `Values` target.
    // Adapter: replace the bodies with the Values target's Helm YAML/JSON readers once they are merged.
    public static let standard = HelmCodecs(
        yamlDocuments: { _ in throw HelmError(code: .codec, message: "YAML reading is not available in this build") },
        jsonPrefix: { _ in throw HelmError(code: .codec, message: "JSON reading is not available in this build") },
        toYAML: { _ in throw HelmError(code: .codec, message: "YAML writing is not available in this build") }
    )

    /// One whole JSON document (trailing whitespace allowed).
    func jsonDocument(_ text: String) throws -> Value {
        let scalars = text.unicodeScalars[...]
        let (value, consumed) = try jsonPrefix(Substring(text).unicodeScalars)
        let rest = scalars.dropFirst(consumed)
        if let extra = rest.first(where: { !$0.properties.isWhitespace }) {
            throw HelmError(code: .codec, message: "invalid character '\(extra)' after top-level value")
        }
        return value
    }

    /// A values file read as Helm's `loader.LoadValues`: every document, each a map, merged in order.
    func valuesFile(_ text: String) throws -> ValueMap {
        var merged = ValueMap()
        for document in try yamlDocuments(text) {
            switch document {
            case .null:
                continue
            case .map(let map):
                merged = Coalesce.mergeMaps(merged, map)
            default:
                throw HelmError.values(
                    "cannot unmarshal yaml document: error unmarshaling JSON: while decoding JSON: json: cannot "
                        + "unmarshal \(Self.jsonKind(document)) into Go value of type map[string]interface {}")
            }
        }
        return merged
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
}
