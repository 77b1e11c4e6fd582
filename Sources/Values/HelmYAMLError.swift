public import YAMLKit

/// An error reading YAML the way Helm does (`sigs.k8s.io/yaml.Unmarshal`), carrying Helm's exact text.
public struct HelmYAMLError: Error, Sendable, CustomStringConvertible {
    /// Helm's message, for example `error converting YAML to JSON: yaml: line 2: did not find expected '-' indicator`.
    /// Helm's callers add their own prefix (`cannot load values.yaml: cannot unmarshal yaml document: `).
    public var message: String
    /// Where the problem is, when known (YAML syntax errors, bad keys, bad values).
    public var location: SourceLocation?

    /// Creates an error.
    public init(message: String, location: SourceLocation? = nil) {
        self.message = message
        self.location = location
    }

    /// Helm's text.
    public var description: String { message }

    static func yaml(_ e: YAMLError) -> HelmYAMLError {
        HelmYAMLError(message: "error converting YAML to JSON: yaml: " + e.goMessage, location: e.location)
    }

    static func converting(_ text: String, at location: SourceLocation?) -> HelmYAMLError {
        HelmYAMLError(message: "error converting YAML to JSON: " + text, location: location)
    }

    static func unmarshalingJSON(_ text: String) -> HelmYAMLError {
        HelmYAMLError(message: "error unmarshaling JSON: while decoding JSON: " + text)
    }
}
