import Values

/// The YAML and JSON conversions the Helm layer needs, with Helm's semantics and error texts.
///
/// The Helm-compatible readers and writers live in the `Values` target (`HelmYAML`, `GoJSON`). This target reaches
/// them only through this struct, so the wiring is one place (`standard`) and unit tests can supply stand-ins.
public struct HelmCodecs: Sendable {
    /// The first document of a YAML text as `sigs.k8s.io/yaml.Unmarshal` into `interface{}` reads it (YAML 1.1,
    /// numbers as float64); `.null` when empty. Errors carry Helm's text (`error converting YAML to JSON: …`).
    public var yamlDocument: @Sendable (_ text: String) throws -> Value
    /// Helm's `loader.LoadValues`: every `---` document, each a map, merged in order. Errors carry Helm's text
    /// (`cannot unmarshal yaml document: …`).
    public var loadValues: @Sendable (_ text: String) throws -> ValueMap
    /// `json.Unmarshal` into `interface{}` of one whole JSON text.
    public var jsonDocument: @Sendable (_ text: String) throws -> Value
    /// Helm's `toYaml` (sigs.k8s.io/yaml.Marshal, final newline removed); `.Files.AsConfig` uses it.
    public var toYAML: @Sendable (_ value: Value) throws -> String
    /// A quick reader of the fields the manifest sorter needs (`apiVersion`, `kind`, `metadata.name`,
    /// `metadata.annotations`) that gives the same map as `yamlDocument` restricted to them, or nil when the
    /// document needs `yamlDocument` (which then also reports its errors). Nil: always use `yamlDocument`.
    public var manifestHead: (@Sendable (_ text: String) -> ValueMap?)? = nil

    /// Creates codecs from the readers and the writer.
    public init(
        yamlDocument: @escaping @Sendable (_ text: String) throws -> Value,
        loadValues: @escaping @Sendable (_ text: String) throws -> ValueMap,
        jsonDocument: @escaping @Sendable (_ text: String) throws -> Value,
        toYAML: @escaping @Sendable (_ value: Value) throws -> String
    ) {
        self.yamlDocument = yamlDocument
        self.loadValues = loadValues
        self.jsonDocument = jsonDocument
        self.toYAML = toYAML
    }

    /// The codecs of the `Values` target: HelmYAML and GoJSON.
    public static let standard: HelmCodecs = {
        var codecs = HelmCodecs(
            yamlDocument: { text in try HelmYAML.parseAny(text) },
            loadValues: { text in try HelmYAML.loadValues(text) },
            jsonDocument: { text in try GoJSON.unmarshal(text) },
            toYAML: { value in try HelmYAML.mustToYaml(value) }
        )
        codecs.manifestHead = { text in HelmYAML.manifestHead(text) }
        return codecs
    }()

    private static func unavailable(_ what: String) -> HelmError {
        HelmError(code: .codec, message: "\(what) is not available in this build")
    }

    /// The text of an error thrown by a codec (Helm's message).
    static func message(of error: any Error) -> String {
        if let e = error as? HelmError { return e.message }
        return String(describing: error)
    }

    /// The JSON value at the start of `text` and how many Unicode scalars it spans, as Go's `json.Decoder`
    /// reads one value from a stream (`--set-json a=1,b=2`).
    func jsonPrefix(_ text: Substring.UnicodeScalarView) throws -> (value: Value, consumed: Int) {
        let scalars = Array(text)
        let end = Self.jsonValueEnd(scalars)
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[..<end])
        return (try jsonDocument(String(view)), end)
    }

    /// Where the first JSON value of `s` ends: after the matching bracket of an object/array, the closing quote
    /// of a string, or a scalar's last character (scalars end at whitespace, `,`, `]` or `}`).
    static func jsonValueEnd(_ s: [Unicode.Scalar]) -> Int {
        var i = 0
        while i < s.count, s[i].properties.isWhitespace { i += 1 }
        guard i < s.count else { return i }
        var depth = 0
        var inString = false
        while i < s.count {
            let c = s[i]
            if inString {
                if c == "\\" {
                    i += 2
                    continue
                }
                if c == "\"" {
                    inString = false
                    if depth == 0 { return i + 1 }
                }
            } else {
                switch c {
                case "\"": inString = true
                case "{", "[": depth += 1
                case "}", "]":
                    depth -= 1
                    if depth <= 0 { return i + 1 }
                default:
                    if depth == 0 && (c == "," || c.properties.isWhitespace) { return i }
                }
            }
            i += 1
        }
        return s.count
    }
}
