/// A Go struct's exported fields in declaration order: what `TemplateObject.serialized` returns for a struct.
///
/// encoding/json (`toJson`) and go-toml (`toToml`) write struct fields in declaration order, while Go maps are
/// always written sorted, and `toYaml` (sigs.k8s.io/yaml, which goes through a map) sorts struct fields too.
/// Encoders that keep declaration order read `fields`; the others take `serialized`, the sorted map.
public final class GoStruct: TemplateObject {
    /// Go's type name, for example `common.KubeVersion`.
    public let goTypeName: String
    /// The marshalled fields (Go field names or their `json` tags), in declaration order.
    public let fields: [(key: String, value: Value)]

    /// A struct value of type `goTypeName` with `fields` in declaration order.
    public init(_ goTypeName: String, _ fields: [(key: String, value: Value)]) {
        self.goTypeName = goTypeName
        self.fields = fields
    }

    /// The field named `name`, if the struct has one.
    public func field(_ name: String) -> Value? { fields.first { $0.key == name }?.value }

    /// Go `%v` of a struct: the field values in order, `{a b}`.
    public var goString: String { "{" + fields.map { GoFormat.describe($0.value) }.joined(separator: " ") + "}" }

    /// The fields as a sorted map, for encoders that go through `map[string]interface{}`.
    public var serialized: Value { .map(ValueMap(fields.lazy.map { ($0.key, $0.value) })) }
}
