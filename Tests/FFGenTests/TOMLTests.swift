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

/// A TOML text and Helm's `fromToml` result printed with `toJson`.
struct FromTOMLCase: CustomTestStringConvertible, Sendable {
    let toml: String
    let json: String
    var testDescription: String { toml.count > 60 ? String(toml.prefix(60)) + "…" : toml }
}

/// Recorded with Helm v4 through the oracle (`{{ fromToml . | toJson | b64enc }}`).
let fromTOMLCases: [FromTOMLCase] = [
    FromTOMLCase(toml: "a = 1\nb = \"x\"\nc = 1.5\nd = true\ne = [1, 2]\n[t]\nx = 1\n[[arr]]\ny = 2\n[[arr]]\ny = 3\n", json: "{\"a\":1,\"arr\":[{\"y\":2},{\"y\":3}],\"b\":\"x\",\"c\":1.5,\"d\":true,\"e\":[1,2],\"t\":{\"x\":1}}"),
    FromTOMLCase(toml: "a = 1979-05-27T07:32:00Z\nb = 1979-05-27\nc = 07:32:00\nd = 1979-05-27T07:32:00", json: "{\"a\":\"1979-05-27T07:32:00Z\",\"b\":\"1979-05-27T00:00:00Z\",\"c\":\"0000-01-01T07:32:00Z\",\"d\":\"1979-05-27T07:32:00Z\"}"),
    FromTOMLCase(toml: "a = ", json: "{\"Error\":\"toml: line 1 (last key \\\"a\\\"): unexpected EOF; expected value\"}"),
    FromTOMLCase(toml: "a = 1\na = 2", json: "{\"Error\":\"toml: line 2 (last key \\\"a\\\"): Key 'a' has already been defined.\"}"),
    FromTOMLCase(toml: "[a]\n[a]", json: "{\"Error\":\"toml: line 2: Key 'a' has already been defined.\"}"),
    FromTOMLCase(toml: "a = {b = 1}", json: "{\"a\":{\"b\":1}}"),
    FromTOMLCase(toml: "a = \"\\q\"", json: "{\"Error\":\"toml: line 1 (last key \\\"a\\\"): invalid escape in string '\\\\q'\"}"),
    FromTOMLCase(toml: "x", json: "{\"Error\":\"toml: line 1: unexpected EOF; expected key separator '='\"}"),
    FromTOMLCase(toml: "= 1", json: "{\"Error\":\"toml: line 1: unexpected '=': key name appears blank\"}"),
    FromTOMLCase(toml: "a = [1,\n2,\n]", json: "{\"a\":[1,2]}"),
    FromTOMLCase(toml: "a = '''\nmulti\n'''", json: "{\"a\":\"multi\\n\"}"),
    FromTOMLCase(toml: "a.b.c = 1", json: "{\"a\":{\"b\":{\"c\":1}}}"),
    FromTOMLCase(toml: "\"quoted key\" = 1", json: "{\"quoted key\":1}"),
    FromTOMLCase(toml: "a = 9223372036854775808", json: "{\"Error\":\"toml: line 1 (last key \\\"a\\\"): 9223372036854775808 is out of range for int64\"}"),
    FromTOMLCase(toml: "a = 1\n[a]\n", json: "{\"Error\":\"toml: line 2: Key 'a' has already been defined.\"}"),
    FromTOMLCase(toml: "[a]\nb = 1\n[a.b]\n", json: "{\"Error\":\"toml: line 3 (last key \\\"a\\\"): Key 'a.b' has already been defined.\"}"),
    FromTOMLCase(toml: "a = [1, \"x\"]", json: "{\"a\":[1,\"x\"]}"),
    FromTOMLCase(toml: "a = {b = 1,}", json: "{\"a\":{\"b\":1}}"),
    FromTOMLCase(toml: "a = {b = 1\n}", json: "{\"a\":{\"b\":1}}"),
    FromTOMLCase(toml: "a = 1 b = 2", json: "{\"Error\":\"toml: line 1: expected a top-level item to end with a newline, comment, or EOF, but got 'b' instead\"}"),
    FromTOMLCase(toml: "a = \"unterminated", json: "{\"Error\":\"toml: line 1 (last key \\\"a\\\"): unexpected EOF; expected '\\\"'\"}"),
    FromTOMLCase(toml: "a = 'x", json: "{\"Error\":\"toml: line 1 (last key \\\"a\\\"): unexpected EOF; expected \\\"'\\\"\"}"),
    FromTOMLCase(toml: "a = tru", json: "{\"Error\":\"toml: line 1 (last key \\\"a\\\"): expected value but found \\\"tru\\\" instead\"}"),
    FromTOMLCase(toml: "a = 1.", json: "{\"Error\":\"toml: line 1 (last key \\\"a\\\"): Invalid float \\\"1.\\\": '.' must be followed by one or more digits\"}"),
    FromTOMLCase(toml: "a = 01", json: "{\"Error\":\"toml: line 1 (last key \\\"a\\\"): Invalid integer \\\"01\\\": cannot have leading zeroes\"}"),
    FromTOMLCase(toml: "a = 1__0", json: "{\"Error\":\"toml: line 1 (last key \\\"a\\\"): Invalid integer \\\"1__0\\\": underscores must be surrounded by digits\"}"),
    FromTOMLCase(toml: "a = _1", json: "{\"Error\":\"toml: line 1 (last key \\\"a\\\"): expected value but found '_' instead\"}"),
    FromTOMLCase(toml: "a = +0x1", json: "{\"Error\":\"toml: line 1 (last key \\\"a\\\"): cannot use sign with non-decimal numbers: '+0x'\"}"),
    FromTOMLCase(toml: "a = 0xZZ", json: "{\"Error\":\"toml: line 1 (last key \\\"a\\\"): not a hexadecimal number: '0xZ'\"}"),
    FromTOMLCase(toml: "[a", json: "{\"Error\":\"toml: line 1: expected '.' or ']' to end table name, but got '\\\\x00' instead\"}"),
    FromTOMLCase(toml: "[[a]", json: "{\"Error\":\"toml: line 1: expected end of table array name delimiter ']', but got '\\\\x00' instead\"}"),
    FromTOMLCase(toml: "a = [1 2]", json: "{\"Error\":\"toml: line 1 (last key \\\"a\\\"): expected a comma (',') or array terminator (']'), but got '2'\"}"),
    FromTOMLCase(toml: "a.b = 1\na = 2", json: "{\"a\":{\"b\":1}}"),
    FromTOMLCase(toml: "a = 1\na.b = 2", json: "{\"Error\":\"toml: line 2 (last key \\\"a.b\\\"): Key 'a' has already been defined.\"}"),
    FromTOMLCase(toml: "[[a]]\n[a]", json: "{\"Error\":\"toml: line 2: Key 'a' has already been defined.\"}"),
    FromTOMLCase(toml: "a = \"\"\"x", json: "{\"Error\":\"toml: line 1 (last key \\\"a\\\"): unexpected EOF; expected '\\\"\\\"\\\"'\"}"),
    FromTOMLCase(toml: "a = 1979-13-27", json: "{\"Error\":\"toml: line 1 (last key \\\"a\\\"): invalid datetime: \\\"1979-13-27\\\"\"}"),
    FromTOMLCase(toml: "a = 25:00:00", json: "{\"Error\":\"toml: line 1 (last key \\\"a\\\"): invalid datetime: \\\"25:00:00\\\"\"}"),
    FromTOMLCase(toml: "a = \"\\u00\"", json: "{\"Error\":\"toml: line 1 (last key \\\"a\\\"): expected four hexadecimal digits after '\\\\u', but got \\\"\\\\\\\\u00\\\\\\\"\\\" instead\"}"),
    FromTOMLCase(toml: "a = \"x\ny\"", json: "{\"Error\":\"toml: line 1 (last key \\\"a\\\"): strings cannot contain newlines\"}"),
    FromTOMLCase(toml: "a = [", json: "{\"Error\":\"toml: line 1 (last key \\\"a\\\"): unexpected EOF; expected value\"}"),
    FromTOMLCase(toml: "a = {", json: "{\"Error\":\"toml: line 1 (last key \\\"a\\\"): unexpected '=': key name appears blank\"}"),
    FromTOMLCase(toml: "#c\n  \n[ t ]\n k = 1 # c\n", json: "{\"t\":{\"k\":1}}"),
    FromTOMLCase(toml: "a = \"\\u00e9\\U0001F600\\t\\\"\\\\\"", json: "{\"a\":\"é😀\\t\\\"\\\\\"}"),
    FromTOMLCase(toml: "a = 'C:\\\\x'", json: "{\"a\":\"C:\\\\\\\\x\"}"),
    FromTOMLCase(toml: "a = \"\"\"\nx \\\n   y\"\"\"", json: "{\"a\":\"x y\"}"),
    FromTOMLCase(toml: "a = 0o17\nb = 0b101\nc = -0\nd = +5", json: "{\"a\":15,\"b\":5,\"c\":0,\"d\":5}"),
    FromTOMLCase(toml: "k = 1979-05-27T00:32:00.999999-07:00\nl = 1979-05-27 07:32:00\nm = 07:32:00.5", json: "{\"k\":\"1979-05-27T00:32:00.999999-07:00\",\"l\":\"1979-05-27T07:32:00Z\",\"m\":\"0000-01-01T07:32:00.5Z\"}"),
    FromTOMLCase(toml: "[a.b]\nc=1\n[a]\nd=2", json: "{\"a\":{\"b\":{\"c\":1},\"d\":2}}"),
    FromTOMLCase(toml: "[[p]]\nn=1\n[p.q]\nm=2\n[[p]]\nn=3", json: "{\"p\":[{\"n\":1,\"q\":{\"m\":2}},{\"n\":3}]}"),
    FromTOMLCase(toml: "a = [[1,2],[3]]\nb = [{x=1},{y=2}]", json: "{\"a\":[[1,2],[3]],\"b\":[{\"x\":1},{\"y\":2}]}"),
    FromTOMLCase(toml: "\"\" = 1", json: "{\"\":1}"),
    FromTOMLCase(toml: "a.\"b.c\".d = 1", json: "{\"a\":{\"b.c\":{\"d\":1}}}"),
    FromTOMLCase(toml: "a = true\nb = false", json: "{\"a\":true,\"b\":false}"),
    FromTOMLCase(toml: "a = 1\n\n\nb = ", json: "{\"Error\":\"toml: line 4 (last key \\\"b\\\"): unexpected EOF; expected value\"}"),
    FromTOMLCase(toml: "é = 1", json: "{\"Error\":\"toml: line 1: expected '.' or '=', but got 'é' instead\"}"),
    FromTOMLCase(toml: "[a]\nb.c = 1\n[a.b]\nd = 2", json: "{\"a\":{\"b\":{\"c\":1,\"d\":2}}}"),
    FromTOMLCase(toml: "[a.b]\nx = 1\n[a]\nb.y = 2", json: "{\"a\":{\"b\":{\"x\":1,\"y\":2}}}"),
    FromTOMLCase(toml: "a = {b = 1}\na.c = 2", json: "{\"a\":{\"b\":1,\"c\":2}}"),
    FromTOMLCase(toml: "a = {b = 1}\n[a]", json: "{\"Error\":\"toml: line 2: Key 'a' has already been defined.\"}"),
    FromTOMLCase(toml: "[a]\nx = 1\n[a.b.c]\ny = 2\n[a.b]\nz = 3", json: "{\"a\":{\"b\":{\"c\":{\"y\":2},\"z\":3},\"x\":1}}"),
    FromTOMLCase(toml: "a = \"\"\"\none\ntwo\"\"\"", json: "{\"a\":\"one\\ntwo\"}"),
    FromTOMLCase(toml: "a = '''one ''two'' '''", json: "{\"a\":\"one ''two'' \"}"),
    FromTOMLCase(toml: "a = \"\"\"q\"\"\"\"", json: "{\"a\":\"q\\\"\"}"),
    FromTOMLCase(toml: "a = \"tab\there\"", json: "{\"a\":\"tab\\there\"}"),
    FromTOMLCase(toml: "a = [ 'x', \"y\", ]", json: "{\"a\":[\"x\",\"y\"]}"),
    FromTOMLCase(toml: "a = [\n # comment\n 1, # one\n 2\n]", json: "{\"a\":[1,2]}"),
    FromTOMLCase(toml: "a = {x = 1, y = {z = 2}}", json: "{\"a\":{\"x\":1,\"y\":{\"z\":2}}}"),
    FromTOMLCase(toml: "a = { }", json: "{\"a\":{}}"),
    FromTOMLCase(toml: "b = 1.5e+3\nc = -0.0\nd = 6.626e-34\ne = 1e1_0", json: "{\"b\":1500,\"c\":-0,\"d\":6.626e-34,\"e\":10000000000}"),
    FromTOMLCase(toml: "a = 1979-05-27T07:32:00+00:00\nb = 1979-05-27T07:32:00.000Z\nc = 1979-05-27t07:32:00z", json: "{\"a\":\"1979-05-27T07:32:00Z\",\"b\":\"1979-05-27T07:32:00Z\",\"c\":\"1979-05-27T07:32:00Z\"}"),
    FromTOMLCase(toml: "a = 07:32", json: "{\"a\":\"0000-01-01T07:32:00Z\"}"),
    FromTOMLCase(toml: "a = 1979-05-27T07:32", json: "{\"a\":\"1979-05-27T07:32:00Z\"}"),
    FromTOMLCase(toml: "a = 2000-02-29\nb = 2001-02-29", json: "{\"Error\":\"toml: line 2 (last key \\\"b\\\"): invalid datetime: \\\"2001-02-29\\\"\"}"),
    FromTOMLCase(toml: "a = 1 # comment", json: "{\"a\":1}"),
    FromTOMLCase(toml: "# only", json: "{}"),
    FromTOMLCase(toml: "", json: "{}"),
    FromTOMLCase(toml: "\n\n", json: "{}"),
    FromTOMLCase(toml: "a=1\r\nb=2\r\n", json: "{\"a\":1,\"b\":2}"),
    FromTOMLCase(toml: "[ a . b ]\nc = 1", json: "{\"a\":{\"b\":{\"c\":1}}}"),
    FromTOMLCase(toml: "[[ a ]]\n[[a]]", json: "{\"a\":[{},{}]}"),
    FromTOMLCase(toml: "['q k']\n x = 1", json: "{\"q k\":{\"x\":1}}"),
    FromTOMLCase(toml: "a = \"\\U0001F600\"", json: "{\"a\":\"😀\"}"),
    FromTOMLCase(toml: "a = \"\\x41\"", json: "{\"a\":\"A\"}"),
    FromTOMLCase(toml: "a = \"\\e\"", json: "{\"a\":\"\\u001b\"}"),
    FromTOMLCase(toml: "a = 1\n[b]\nc = 1\n[b]\n", json: "{\"Error\":\"toml: line 4: Key 'b' has already been defined.\"}"),
    FromTOMLCase(toml: "a = [1, [2, [3]]]", json: "{\"a\":[1,[2,[3]]]}"),
    FromTOMLCase(toml: "a = 0x_1", json: "{\"Error\":\"toml: line 1 (last key \\\"a\\\"): not a hexadecimal number: '0x_'\"}"),
    FromTOMLCase(toml: "a = 1_", json: "{\"Error\":\"toml: line 1 (last key \\\"a\\\"): Invalid integer \\\"1_\\\": underscores must be surrounded by digits\"}"),
    FromTOMLCase(toml: "a = 1e", json: "{\"Error\":\"toml: line 1 (last key \\\"a\\\"): Invalid float value: \\\"1e\\\"\"}"),
    FromTOMLCase(toml: "a = .5", json: "{\"Error\":\"toml: line 1 (last key \\\"a\\\"): floats must start with a digit, not '.'\"}"),
    FromTOMLCase(toml: "a = 5.", json: "{\"Error\":\"toml: line 1 (last key \\\"a\\\"): Invalid float \\\"5.\\\": '.' must be followed by one or more digits\"}"),
    FromTOMLCase(toml: "a = +1_000", json: "{\"a\":1000}"),
    FromTOMLCase(toml: "a = -0x1", json: "{\"Error\":\"toml: line 1 (last key \\\"a\\\"): cannot use sign with non-decimal numbers: '-0x'\"}"),
    FromTOMLCase(toml: "a = 0b2", json: "{\"Error\":\"toml: line 1 (last key \\\"a\\\"): not a binary number: '0b2'\"}"),
    FromTOMLCase(toml: "a = 0o8", json: "{\"Error\":\"toml: line 1 (last key \\\"a\\\"): not an octal number: '0o8'\"}"),
    FromTOMLCase(toml: "a = truex", json: "{\"Error\":\"toml: line 1 (last key \\\"a\\\"): expected value but found \\\"truex\\\" instead\"}"),
    FromTOMLCase(toml: "a = \"x\" \"y\"", json: "{\"Error\":\"toml: line 1: expected a top-level item to end with a newline, comment, or EOF, but got '\\\"' instead\"}"),
    FromTOMLCase(toml: "a = [1,,2]", json: "{\"Error\":\"toml: line 1 (last key \\\"a\\\"): unexpected comma\"}"),
    FromTOMLCase(toml: "a = {b = 1 c = 2}", json: "{\"Error\":\"toml: line 1 (last key \\\"a.b\\\"): expected a comma or an inline table terminator '}', but got 'c' instead\"}"),
    FromTOMLCase(toml: "[a]]\n", json: "{\"Error\":\"toml: line 1 (last key \\\"a\\\"): expected a top-level item to end with a newline, comment, or EOF, but got ']' instead\"}"),
    FromTOMLCase(toml: "[]\n", json: "{\"Error\":\"toml: line 1: unexpected end of table name (table names cannot be empty)\"}"),
    FromTOMLCase(toml: "[[]]\n", json: "{\"Error\":\"toml: line 1: unexpected end of table name (table names cannot be empty)\"}"),
    FromTOMLCase(toml: "a..b = 1", json: "{\"Error\":\"toml: line 1: unexpected '.'\"}"),
    FromTOMLCase(toml: "a. = 1", json: "{\"Error\":\"toml: line 1: unexpected '='\"}"),
    FromTOMLCase(toml: ".a = 1", json: "{\"Error\":\"toml: line 1: unexpected '.': keys cannot start with a '.'\"}"),
    FromTOMLCase(toml: "a = 99999999999999999999", json: "{\"Error\":\"toml: line 1 (last key \\\"a\\\"): 99999999999999999999 is out of range for int64\"}"),
    FromTOMLCase(toml: "a = -9223372036854775808", json: "{\"a\":-9223372036854775808}"),
    FromTOMLCase(toml: "a = 9223372036854775807", json: "{\"a\":9223372036854775807}"),
]

@Test(arguments: fromTOMLCases)
func tomlFromTomlMatchesHelm(_ row: FromTOMLCase) throws {
    #expect(try GoJSON.marshal(HelmTOML.fromToml(row.toml)) == row.json)
}
