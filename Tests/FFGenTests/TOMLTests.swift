import Testing
import Values

/// A value (as JSON text) and Helm's `toToml` output.
struct ToTOMLCase: CustomTestStringConvertible, Sendable {
    let json: String
    let toml: String
    var testDescription: String { json.count > 60 ? String(json.prefix(60)) + "…" : json }
}

/// Recorded with Helm v4 through the oracle (`{{ toToml . | b64enc }}` over a list of values).
let toTOMLCases: [ToTOMLCase] = [
    ToTOMLCase(json: "{\"port\": 8080, \"f\": 1.5, \"big\": 1000000, \"e\": 1e+21, \"s\": \"x\\\"y\\\\z\\n\\t\\u0001\u{7f}\", \"b\": true, \"n\": null, \"l\": [1, \"a\", 2.5], \"empty\": [], \"em\": {}}", toml: "b = true\nbig = 1e+06\ne = 1e+21\nempty = []\nf = 1.5\nl = [1.0, \"a\", 2.5]\nport = 8080.0\ns = \"x\\\"y\\\\z\\n\\t\\u0001\\u007f\"\n\n[em]\n"),
    ToTOMLCase(json: "{\"a\": {\"b\": {\"c\": 1}, \"d\": 2}, \"z\": 1, \"tables\": [{\"x\": 1}, {\"y\": {\"q\": 2}}], \"mixed\": [{\"x\": 1}, 2]}", toml: "mixed = [{x = 1.0}, 2.0]\nz = 1.0\n\n[a]\n  d = 2.0\n  [a.b]\n    c = 1.0\n\n[[tables]]\n  x = 1.0\n\n[[tables]]\n  [tables.y]\n    q = 2.0\n"),
    ToTOMLCase(json: "{\"with space\": 1, \"\": 2, \"é\": 3, \"a.b\": {\"k\": 1}, \"ok_key-1\": 4}", toml: "\"\" = 2.0\nok_key-1 = 4.0\n\"with space\" = 1.0\n\"é\" = 3.0\n\n[\"a.b\"]\n  k = 1.0\n"),
    ToTOMLCase(json: "\"str\"", toml: "\"str\""),
    ToTOMLCase(json: "5", toml: "5.0"),
    ToTOMLCase(json: "[1, 2]", toml: "[1.0, 2.0]"),
    ToTOMLCase(json: "[{\"a\": 1}]", toml: "toml: top-level values must be Go maps or structs"),
    ToTOMLCase(json: "{\"l\": [1, null]}", toml: "toml: cannot encode array with nil element"),
    ToTOMLCase(json: "{\"l\": [[1, [2]], []]}", toml: "l = [[1.0, [2.0]], []]\n"),
    ToTOMLCase(json: "{\"a\": {\"b\": [{\"c\": {\"d\": 1}}]}}", toml: "[a]\n\n  [[a.b]]\n    [a.b.c]\n      d = 1.0\n"),
    ToTOMLCase(json: "{\"inline\": [{\"a\": 1, \"b\": {\"c\": 2}, \"d\": [1]}, \"x\"]}", toml: "inline = [{a = 1.0, d = [1.0], b = {c = 2.0}}, \"x\"]\n"),
    ToTOMLCase(json: "{\"x\": 1e-06, \"y\": -0.0, \"z\": 100.0, \"w\": 123456789.0}", toml: "w = 1.23456789e+08\nx = 1e-06\ny = -0.0\nz = 100.0\n"),
    ToTOMLCase(json: "{\"nested\": {\"l\": [{\"a\": null, \"b\": 1}]}}", toml: "[nested]\n\n  [[nested.l]]\n    b = 1.0\n"),
]

@Test(arguments: toTOMLCases)
func tomlMatchesHelm(_ row: ToTOMLCase) throws {
    let value = try GoJSON.unmarshal(row.json)
    #expect(try HelmTOML.toToml(value) == row.toml)
}

@Test func tomlOfNilFailsLikeGoReflection() throws {
    // Helm v4: `{{ toToml .Values.x }}` with `x: null` fails with
    // "error calling toToml: reflect: call of reflect.Value.Type on zero Value".
    do {
        _ = try HelmTOML.toToml(.null)
        Issue.record("expected an error")
    } catch {
        #expect(error.message == "reflect: call of reflect.Value.Type on zero Value")
    }
    // A nil inside a nested list is the encoder's own error, returned as text.
    let nested = Value.map(ValueMap([("x", .list([.list([.float(1), .null])]))]))
    #expect(try HelmTOML.toToml(nested) == "toml: cannot encode array with nil element")
}
