@testable import HelmEngine
import Testing
import Values

/// values.schema.json validation. Each row's expected text is Helm v4.2.3's error (through the oracle) for a chart
/// `sc` with that schema and those values, without the common first line
/// `values don't meet the specifications of the schema(s) in the following chart(s):`.
@Suite("Helm schema validation")
struct HelmSchemaTests {
    struct Case: CustomStringConvertible, Sendable {
        var schema: String
        var values: String
        /// nil when the values are valid.
        var expected: String?
        var description: String { schema + " / " + values }
    }

    static let cases: [Case] = [
        Case(schema: #"{"type":"object","required":["a","b"]}"#, values: "{}", expected: "sc:\n- at '': missing properties 'a', 'b'\n"),
        Case(schema: #"{"type":"object","properties":{"a":{"type":"string"}}}"#, values: #"{"a":1}"#, expected: "sc:\n- at '/a': got number, want string\n"),
        Case(schema: #"{"type":"object","properties":{"a":{"type":"integer"}}}"#, values: #"{"a":1.5}"#, expected: "sc:\n- at '/a': got number, want integer\n"),
        Case(schema: #"{"type":"object","properties":{"a":{"type":"integer"}}}"#, values: #"{"a":1}"#, expected: nil),
        Case(schema: #"{"properties":{"a":{"enum":["x","y"]}}}"#, values: #"{"a":"z"}"#, expected: "sc:\n- at '/a': value must be one of 'x', 'y'\n"),
        Case(schema: #"{"properties":{"a":{"const":"x"}}}"#, values: #"{"a":"z"}"#, expected: "sc:\n- at '/a': value must be 'x'\n"),
        Case(schema: #"{"properties":{"a":{"pattern":"^x+$"}}}"#, values: #"{"a":"z"}"#, expected: "sc:\n- at '/a': 'z' does not match pattern '^x+$'\n"),
        Case(schema: #"{"properties":{"a":{"minimum":3,"maximum":5}}}"#, values: #"{"a":1}"#, expected: "sc:\n- at '/a': minimum: got 1, want 3\n"),
        Case(schema: #"{"properties":{"a":{"minLength":3}}}"#, values: #"{"a":"z"}"#, expected: "sc:\n- at '/a': minLength: got 1, want 3\n"),
        Case(schema: #"{"properties":{"a":{"items":{"type":"string"}}}}"#, values: #"{"a":["x",1]}"#, expected: "sc:\n- at '/a/1': got number, want string\n"),
        Case(
            schema: #"{"properties":{"a":{"oneOf":[{"type":"string"},{"type":"integer"}]}}}"#, values: #"{"a":true}"#,
            expected: "sc:\n- at '/a': 'oneOf' failed, none matched\n  - at '/a': got boolean, want string\n  - at '/a': got boolean, want integer\n"),
        Case(
            schema: #"{"properties":{"a":{"anyOf":[{"type":"string"},{"type":"integer"}]}}}"#, values: #"{"a":true}"#,
            expected: "sc:\n- at '/a': 'anyOf' failed\n  - at '/a': got boolean, want string\n  - at '/a': got boolean, want integer\n"),
        Case(
            schema: ##"{"properties":{"a":{"$ref":"#/definitions/s"}},"definitions":{"s":{"type":"string"}}}"##,
            values: #"{"a":true}"#, expected: "sc:\n- at '/a': got boolean, want string\n"),
        Case(
            schema: #"{"properties":{"a":{"type":"object","properties":{"b":{"type":"string"}},"required":["c"]}}}"#,
            values: #"{"a":{"b":1}}"#, expected: "sc:\n- at '/a': missing property 'c'\n- at '/a/b': got number, want string\n"),
        Case(schema: #"{"properties":{"a":{"not":{"type":"string"}}}}"#, values: #"{"a":"x"}"#, expected: "sc:\n- at '/a': 'not' failed\n"),
        Case(
            schema: #"{"properties":{"a":{"maxItems":1,"uniqueItems":true}}}"#, values: #"{"a":[1,1]}"#,
            expected: "sc:\n- at '/a': maxItems: got 2, want 1\n- at '/a': items at 0 and 1 are equal\n"),
        Case(schema: #"{"properties":{"a":{"type":["string","null"]}}}"#, values: #"{"a":1}"#, expected: "sc:\n- at '/a': got number, want null or string\n"),
        Case(
            schema: #"{"properties":{"a":{"allOf":[{"type":"string"},{"minLength":5}]}}}"#, values: #"{"a":"x"}"#,
            expected: "sc:\n- at '/a': 'allOf' failed\n  - at '/a': minLength: got 1, want 5\n"),
        Case(
            schema: #"{"properties":{"a":{"exclusiveMinimum":3,"multipleOf":2}}}"#, values: #"{"a":3}"#,
            expected: "sc:\n- at '/a': exclusiveMinimum: got 3, want 3\n- at '/a': multipleOf: got 3, want 2\n"),
        Case(schema: #"{"properties":{"a":{"minimum":1000.5}}}"#, values: #"{"a":5}"#, expected: "sc:\n- at '/a': minimum: got 5, want 1,000.5\n"),
        Case(
            schema: #"{"properties":{"a":{"oneOf":[{"type":"string"},{"minLength":1}]}}}"#, values: #"{"a":"x"}"#,
            expected: "sc:\n- at '/a': 'oneOf' failed, subschemas 0, 1 matched\n"),
        Case(
            schema: #"{"properties":{"a":{"enum":[1,"x",true,null]}}}"#, values: #"{"a":2}"#,
            expected: "sc:\n- at '/a': value must be one of 1, 'x', true, <nil>\n"),
        Case(schema: #"{"properties":{"a":{"const":{"x":1}}}}"#, values: #"{"a":2}"#, expected: "sc:\n- at '/a': 'const' failed\n"),
        Case(
            schema: ##"{"required":["a"],"properties":{"b":{"$ref":"#/$defs/x"}},"$defs":{"x":{"type":"object","required":["q"]}}}"##,
            values: #"{"b":{}}"#, expected: "sc:\n- at '': missing property 'a'\n- at '/b': missing property 'q'\n"),
        Case(
            schema: ##"{"$schema":"http://json-schema.org/draft-07/schema#","properties":{"b":{"$ref":"#/definitions/x","type":"string"}},"definitions":{"x":{"type":"integer"}}}"##,
            values: #"{"b":1}"#, expected: nil),
    ]

    @Test(arguments: cases)
    func validate(_ c: Case) throws {
        var meta = ChartMetadata()
        meta.name = "sc"
        let chart = Chart(metadata: meta, schema: Array(c.schema.utf8))
        #expect(SchemaValidator.validate(chart: chart, values: try TestJSON.map(c.values), codecs: TestJSON.codecs) == c.expected)
    }
}
