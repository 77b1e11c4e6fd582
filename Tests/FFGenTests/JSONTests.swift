import Testing
import Values

/// A value (as JSON text read with `GoJSON.unmarshal`) and what a Helm JSON function prints for it.
struct ToJSONCase: CustomTestStringConvertible, Sendable {
    let function: String
    let json: String
    let expected: String
    var testDescription: String { function + " " + json }
}

/// Recorded with Helm v4 through the oracle (`{{ FUNCTION . | b64enc }}` over a list of values).
let toJSONCases: [ToJSONCase] = [
    ToJSONCase(function: "toJson", json: "\"\"", expected: "\"\""),
    ToJSONCase(function: "toJson", json: "\"<a & b>\"", expected: "\"\\u003ca \\u0026 b\\u003e\""),
    ToJSONCase(function: "toJson", json: "\"quote\\\"back\\\\slash\"", expected: "\"quote\\\"back\\\\slash\""),
    ToJSONCase(function: "toJson", json: "\"ctrl\\u0001\\b\\f\\t\\n\\r\\u001f\"", expected: "\"ctrl\\u0001\\b\\f\\t\\n\\r\\u001f\""),
    ToJSONCase(function: "toJson", json: "\"\u{2028}\u{2029}\"", expected: "\"\\u2028\\u2029\""),
    ToJSONCase(function: "toJson", json: "\"é日本😀\"", expected: "\"é日本😀\""),
    ToJSONCase(function: "toJson", json: "\"\u{7f}\u{85}\"", expected: "\"\u{7f}\u{85}\""),
    ToJSONCase(function: "toJson", json: "{\"b\": 1, \"a\": [1, 2.5, null, true], \"c\": {}}", expected: "{\"a\":[1,2.5,null,true],\"b\":1,\"c\":{}}"),
    ToJSONCase(function: "toJson", json: "[]", expected: "[]"),
    ToJSONCase(function: "toJson", json: "{}", expected: "{}"),
    ToJSONCase(function: "toJson", json: "null", expected: "null"),
    ToJSONCase(function: "toJson", json: "1e+21", expected: "1e+21"),
    ToJSONCase(function: "toJson", json: "1e+20", expected: "100000000000000000000"),
    ToJSONCase(function: "toJson", json: "1e-06", expected: "0.000001"),
    ToJSONCase(function: "toJson", json: "1e-07", expected: "1e-7"),
    ToJSONCase(function: "toJson", json: "-0.0", expected: "-0"),
    ToJSONCase(function: "toJson", json: "1.5", expected: "1.5"),
    ToJSONCase(function: "toJson", json: "100", expected: "100"),
    ToJSONCase(function: "toJson", json: "123456789.123", expected: "123456789.123"),
    ToJSONCase(function: "toJson", json: "[{\"x\": \"<>\"}]", expected: "[{\"x\":\"\\u003c\\u003e\"}]"),
    ToJSONCase(function: "toJson", json: "{\"k<\": \"v&\"}", expected: "{\"k\\u003c\":\"v\\u0026\"}"),
    ToJSONCase(function: "toJson", json: "[[]]", expected: "[[]]"),
    ToJSONCase(function: "toJson", json: "{\"a\": {\"b\": {\"c\": [1, {\"d\": []}]}}}", expected: "{\"a\":{\"b\":{\"c\":[1,{\"d\":[]}]}}}"),
    ToJSONCase(function: "toRawJson", json: "\"\"", expected: "\"\""),
    ToJSONCase(function: "toRawJson", json: "\"<a & b>\"", expected: "\"<a & b>\""),
    ToJSONCase(function: "toRawJson", json: "\"quote\\\"back\\\\slash\"", expected: "\"quote\\\"back\\\\slash\""),
    ToJSONCase(function: "toRawJson", json: "\"ctrl\\u0001\\b\\f\\t\\n\\r\\u001f\"", expected: "\"ctrl\\u0001\\b\\f\\t\\n\\r\\u001f\""),
    ToJSONCase(function: "toRawJson", json: "\"\u{2028}\u{2029}\"", expected: "\"\\u2028\\u2029\""),
    ToJSONCase(function: "toRawJson", json: "\"é日本😀\"", expected: "\"é日本😀\""),
    ToJSONCase(function: "toRawJson", json: "\"\u{7f}\u{85}\"", expected: "\"\u{7f}\u{85}\""),
    ToJSONCase(function: "toRawJson", json: "{\"b\": 1, \"a\": [1, 2.5, null, true], \"c\": {}}", expected: "{\"a\":[1,2.5,null,true],\"b\":1,\"c\":{}}"),
    ToJSONCase(function: "toRawJson", json: "[]", expected: "[]"),
    ToJSONCase(function: "toRawJson", json: "{}", expected: "{}"),
    ToJSONCase(function: "toRawJson", json: "null", expected: "null"),
    ToJSONCase(function: "toRawJson", json: "1e+21", expected: "1e+21"),
    ToJSONCase(function: "toRawJson", json: "1e+20", expected: "100000000000000000000"),
    ToJSONCase(function: "toRawJson", json: "1e-06", expected: "0.000001"),
    ToJSONCase(function: "toRawJson", json: "1e-07", expected: "1e-7"),
    ToJSONCase(function: "toRawJson", json: "-0.0", expected: "-0"),
    ToJSONCase(function: "toRawJson", json: "1.5", expected: "1.5"),
    ToJSONCase(function: "toRawJson", json: "100", expected: "100"),
    ToJSONCase(function: "toRawJson", json: "123456789.123", expected: "123456789.123"),
    ToJSONCase(function: "toRawJson", json: "[{\"x\": \"<>\"}]", expected: "[{\"x\":\"<>\"}]"),
    ToJSONCase(function: "toRawJson", json: "{\"k<\": \"v&\"}", expected: "{\"k<\":\"v&\"}"),
    ToJSONCase(function: "toRawJson", json: "[[]]", expected: "[[]]"),
    ToJSONCase(function: "toRawJson", json: "{\"a\": {\"b\": {\"c\": [1, {\"d\": []}]}}}", expected: "{\"a\":{\"b\":{\"c\":[1,{\"d\":[]}]}}}"),
    ToJSONCase(function: "toPrettyJson", json: "\"\"", expected: "\"\""),
    ToJSONCase(function: "toPrettyJson", json: "\"<a & b>\"", expected: "\"\\u003ca \\u0026 b\\u003e\""),
    ToJSONCase(function: "toPrettyJson", json: "\"quote\\\"back\\\\slash\"", expected: "\"quote\\\"back\\\\slash\""),
    ToJSONCase(function: "toPrettyJson", json: "\"ctrl\\u0001\\b\\f\\t\\n\\r\\u001f\"", expected: "\"ctrl\\u0001\\b\\f\\t\\n\\r\\u001f\""),
    ToJSONCase(function: "toPrettyJson", json: "\"\u{2028}\u{2029}\"", expected: "\"\\u2028\\u2029\""),
    ToJSONCase(function: "toPrettyJson", json: "\"é日本😀\"", expected: "\"é日本😀\""),
    ToJSONCase(function: "toPrettyJson", json: "\"\u{7f}\u{85}\"", expected: "\"\u{7f}\u{85}\""),
    ToJSONCase(function: "toPrettyJson", json: "{\"b\": 1, \"a\": [1, 2.5, null, true], \"c\": {}}", expected: "{\n  \"a\": [\n    1,\n    2.5,\n    null,\n    true\n  ],\n  \"b\": 1,\n  \"c\": {}\n}"),
    ToJSONCase(function: "toPrettyJson", json: "[]", expected: "[]"),
    ToJSONCase(function: "toPrettyJson", json: "{}", expected: "{}"),
    ToJSONCase(function: "toPrettyJson", json: "null", expected: "null"),
    ToJSONCase(function: "toPrettyJson", json: "1e+21", expected: "1e+21"),
    ToJSONCase(function: "toPrettyJson", json: "1e+20", expected: "100000000000000000000"),
    ToJSONCase(function: "toPrettyJson", json: "1e-06", expected: "0.000001"),
    ToJSONCase(function: "toPrettyJson", json: "1e-07", expected: "1e-7"),
    ToJSONCase(function: "toPrettyJson", json: "-0.0", expected: "-0"),
    ToJSONCase(function: "toPrettyJson", json: "1.5", expected: "1.5"),
    ToJSONCase(function: "toPrettyJson", json: "100", expected: "100"),
    ToJSONCase(function: "toPrettyJson", json: "123456789.123", expected: "123456789.123"),
    ToJSONCase(function: "toPrettyJson", json: "[{\"x\": \"<>\"}]", expected: "[\n  {\n    \"x\": \"\\u003c\\u003e\"\n  }\n]"),
    ToJSONCase(function: "toPrettyJson", json: "{\"k<\": \"v&\"}", expected: "{\n  \"k\\u003c\": \"v\\u0026\"\n}"),
    ToJSONCase(function: "toPrettyJson", json: "[[]]", expected: "[\n  []\n]"),
    ToJSONCase(function: "toPrettyJson", json: "{\"a\": {\"b\": {\"c\": [1, {\"d\": []}]}}}", expected: "{\n  \"a\": {\n    \"b\": {\n      \"c\": [\n        1,\n        {\n          \"d\": []\n        }\n      ]\n    }\n  }\n}"),
]

@Test(arguments: toJSONCases)
func jsonEncodingMatchesHelm(_ row: ToJSONCase) throws {
    let value = try GoJSON.unmarshal(row.json)
    switch row.function {
    case "toJson": #expect(try GoJSON.marshal(value) == row.expected)
    case "toRawJson": #expect(try GoJSON.marshal(value, escapeHTML: false) == row.expected)
    default: #expect(try GoJSON.marshal(value, indent: "  ") == row.expected)
    }
}

/// A JSON text and Helm's `fromJson`/`fromJsonArray` result, printed with `toJson`.
struct FromJSONCase: CustomTestStringConvertible, Sendable {
    let function: String
    let text: String
    let expected: String
    var testDescription: String { function + " " + text }
}

/// Recorded with Helm v4 through the oracle (`{{ FUNCTION . | toJson | b64enc }}`).
let fromJSONCases: [FromJSONCase] = [
    FromJSONCase(function: "fromJson", text: "{\"a\":1}", expected: "{\"a\":1}"),
    FromJSONCase(function: "fromJson", text: "{\"a\": [1, 2.5e3, \"x\\u00e9\\ud83d\\ude00\", null, true, false]}", expected: "{\"a\":[1,2500,\"xé😀\",null,true,false]}"),
    FromJSONCase(function: "fromJson", text: "[1,2]", expected: "{\"Error\":\"json: cannot unmarshal array into Go value of type map[string]interface {}\"}"),
    FromJSONCase(function: "fromJson", text: "\"s\"", expected: "{\"Error\":\"json: cannot unmarshal string into Go value of type map[string]interface {}\"}"),
    FromJSONCase(function: "fromJson", text: "3", expected: "{\"Error\":\"json: cannot unmarshal number into Go value of type map[string]interface {}\"}"),
    FromJSONCase(function: "fromJson", text: "null", expected: "null"),
    FromJSONCase(function: "fromJson", text: "", expected: "{\"Error\":\"unexpected end of JSON input\"}"),
    FromJSONCase(function: "fromJson", text: " ", expected: "{\"Error\":\"unexpected end of JSON input\"}"),
    FromJSONCase(function: "fromJson", text: "{", expected: "{\"Error\":\"unexpected end of JSON input\"}"),
    FromJSONCase(function: "fromJson", text: "{\"a\":}", expected: "{\"Error\":\"invalid character '}' looking for beginning of value\"}"),
    FromJSONCase(function: "fromJson", text: "{\"a\" 1}", expected: "{\"Error\":\"invalid character '1' after object key\"}"),
    FromJSONCase(function: "fromJson", text: "{\"a\":1,}", expected: "{\"Error\":\"invalid character '}' looking for beginning of object key string\"}"),
    FromJSONCase(function: "fromJson", text: "[1,]", expected: "{\"Error\":\"invalid character ']' looking for beginning of value\"}"),
    FromJSONCase(function: "fromJson", text: "[1 2]", expected: "{\"Error\":\"invalid character '2' after array element\"}"),
    FromJSONCase(function: "fromJson", text: "tru", expected: "{\"Error\":\"invalid character ' ' in literal true (expecting 'e')\"}"),
    FromJSONCase(function: "fromJson", text: "nul", expected: "{\"Error\":\"invalid character ' ' in literal null (expecting 'l')\"}"),
    FromJSONCase(function: "fromJson", text: "x", expected: "{\"Error\":\"invalid character 'x' looking for beginning of value\"}"),
    FromJSONCase(function: "fromJson", text: "{\"a\":1}x", expected: "{\"Error\":\"invalid character 'x' after top-level value\"}"),
    FromJSONCase(function: "fromJson", text: "{\"a\":1} ", expected: "{\"a\":1}"),
    FromJSONCase(function: "fromJson", text: "-", expected: "{\"Error\":\"invalid character ' ' in numeric literal\"}"),
    FromJSONCase(function: "fromJson", text: "-a", expected: "{\"Error\":\"invalid character 'a' in numeric literal\"}"),
    FromJSONCase(function: "fromJson", text: "01", expected: "{\"Error\":\"invalid character '1' after top-level value\"}"),
    FromJSONCase(function: "fromJson", text: "1.", expected: "{\"Error\":\"invalid character ' ' after decimal point in numeric literal\"}"),
    FromJSONCase(function: "fromJson", text: "1.e", expected: "{\"Error\":\"invalid character 'e' after decimal point in numeric literal\"}"),
    FromJSONCase(function: "fromJson", text: "1e", expected: "{\"Error\":\"invalid character ' ' in exponent of numeric literal\"}"),
    FromJSONCase(function: "fromJson", text: "1e+", expected: "{\"Error\":\"invalid character ' ' in exponent of numeric literal\"}"),
    FromJSONCase(function: "fromJson", text: "\"\\q\"", expected: "{\"Error\":\"invalid character 'q' in string escape code\"}"),
    FromJSONCase(function: "fromJson", text: "\"\\u12g4\"", expected: "{\"Error\":\"invalid character 'g' in \\\\u hexadecimal character escape\"}"),
    FromJSONCase(function: "fromJson", text: "\"a\tb\"", expected: "{\"Error\":\"invalid character '\\\\t' in string literal\"}"),
    FromJSONCase(function: "fromJson", text: "{1:2}", expected: "{\"Error\":\"invalid character '1' looking for beginning of object key string\"}"),
    FromJSONCase(function: "fromJson", text: "{\"a\":1e400}", expected: "{\"Error\":\"json: cannot unmarshal number 1e400 into Go value of type float64\",\"a\":null}"),
    FromJSONCase(function: "fromJson", text: "\"\\ud800\"", expected: "{\"Error\":\"json: cannot unmarshal string into Go value of type map[string]interface {}\"}"),
    FromJSONCase(function: "fromJson", text: "{\"dup\":1,\"dup\":2}", expected: "{\"dup\":2}"),
    FromJSONCase(function: "fromJson", text: "  {\"a\" : { \"b\" : [ ] } }  ", expected: "{\"a\":{\"b\":[]}}"),
    FromJSONCase(function: "fromJson", text: "[1]", expected: "{\"Error\":\"json: cannot unmarshal array into Go value of type map[string]interface {}\"}"),
    FromJSONCase(function: "fromJson", text: "{'a':1}", expected: "{\"Error\":\"invalid character '\\\\'' looking for beginning of object key string\"}"),
    FromJSONCase(function: "fromJson", text: "{\"a\":\"\\/\"}", expected: "{\"a\":\"/\"}"),
    FromJSONCase(function: "fromJson", text: "-0", expected: "{\"Error\":\"json: cannot unmarshal number into Go value of type map[string]interface {}\"}"),
    FromJSONCase(function: "fromJson", text: "1E2", expected: "{\"Error\":\"json: cannot unmarshal number into Go value of type map[string]interface {}\"}"),
    FromJSONCase(function: "fromJson", text: "{\"a\":nul}", expected: "{\"Error\":\"invalid character '}' in literal null (expecting 'l')\"}"),
    FromJSONCase(function: "fromJson", text: "{\"a\":falsy}", expected: "{\"Error\":\"invalid character 'y' in literal false (expecting 'e')\"}"),
    FromJSONCase(function: "fromJsonArray", text: "{\"a\":1}", expected: "[\"json: cannot unmarshal object into Go value of type []interface {}\"]"),
    FromJSONCase(function: "fromJsonArray", text: "{\"a\": [1, 2.5e3, \"x\\u00e9\\ud83d\\ude00\", null, true, false]}", expected: "[\"json: cannot unmarshal object into Go value of type []interface {}\"]"),
    FromJSONCase(function: "fromJsonArray", text: "[1,2]", expected: "[1,2]"),
    FromJSONCase(function: "fromJsonArray", text: "\"s\"", expected: "[\"json: cannot unmarshal string into Go value of type []interface {}\"]"),
    FromJSONCase(function: "fromJsonArray", text: "3", expected: "[\"json: cannot unmarshal number into Go value of type []interface {}\"]"),
    FromJSONCase(function: "fromJsonArray", text: "null", expected: "null"),
    FromJSONCase(function: "fromJsonArray", text: "", expected: "[\"unexpected end of JSON input\"]"),
    FromJSONCase(function: "fromJsonArray", text: " ", expected: "[\"unexpected end of JSON input\"]"),
    FromJSONCase(function: "fromJsonArray", text: "{", expected: "[\"unexpected end of JSON input\"]"),
    FromJSONCase(function: "fromJsonArray", text: "{\"a\":}", expected: "[\"invalid character '}' looking for beginning of value\"]"),
    FromJSONCase(function: "fromJsonArray", text: "{\"a\" 1}", expected: "[\"invalid character '1' after object key\"]"),
    FromJSONCase(function: "fromJsonArray", text: "{\"a\":1,}", expected: "[\"invalid character '}' looking for beginning of object key string\"]"),
    FromJSONCase(function: "fromJsonArray", text: "[1,]", expected: "[\"invalid character ']' looking for beginning of value\"]"),
    FromJSONCase(function: "fromJsonArray", text: "[1 2]", expected: "[\"invalid character '2' after array element\"]"),
    FromJSONCase(function: "fromJsonArray", text: "tru", expected: "[\"invalid character ' ' in literal true (expecting 'e')\"]"),
    FromJSONCase(function: "fromJsonArray", text: "nul", expected: "[\"invalid character ' ' in literal null (expecting 'l')\"]"),
    FromJSONCase(function: "fromJsonArray", text: "x", expected: "[\"invalid character 'x' looking for beginning of value\"]"),
    FromJSONCase(function: "fromJsonArray", text: "{\"a\":1}x", expected: "[\"invalid character 'x' after top-level value\"]"),
    FromJSONCase(function: "fromJsonArray", text: "{\"a\":1} ", expected: "[\"json: cannot unmarshal object into Go value of type []interface {}\"]"),
    FromJSONCase(function: "fromJsonArray", text: "-", expected: "[\"invalid character ' ' in numeric literal\"]"),
    FromJSONCase(function: "fromJsonArray", text: "-a", expected: "[\"invalid character 'a' in numeric literal\"]"),
    FromJSONCase(function: "fromJsonArray", text: "01", expected: "[\"invalid character '1' after top-level value\"]"),
    FromJSONCase(function: "fromJsonArray", text: "1.", expected: "[\"invalid character ' ' after decimal point in numeric literal\"]"),
    FromJSONCase(function: "fromJsonArray", text: "1.e", expected: "[\"invalid character 'e' after decimal point in numeric literal\"]"),
    FromJSONCase(function: "fromJsonArray", text: "1e", expected: "[\"invalid character ' ' in exponent of numeric literal\"]"),
    FromJSONCase(function: "fromJsonArray", text: "1e+", expected: "[\"invalid character ' ' in exponent of numeric literal\"]"),
    FromJSONCase(function: "fromJsonArray", text: "\"\\q\"", expected: "[\"invalid character 'q' in string escape code\"]"),
    FromJSONCase(function: "fromJsonArray", text: "\"\\u12g4\"", expected: "[\"invalid character 'g' in \\\\u hexadecimal character escape\"]"),
    FromJSONCase(function: "fromJsonArray", text: "\"a\tb\"", expected: "[\"invalid character '\\\\t' in string literal\"]"),
    FromJSONCase(function: "fromJsonArray", text: "{1:2}", expected: "[\"invalid character '1' looking for beginning of object key string\"]"),
    FromJSONCase(function: "fromJsonArray", text: "{\"a\":1e400}", expected: "[\"json: cannot unmarshal object into Go value of type []interface {}\"]"),
    FromJSONCase(function: "fromJsonArray", text: "\"\\ud800\"", expected: "[\"json: cannot unmarshal string into Go value of type []interface {}\"]"),
    FromJSONCase(function: "fromJsonArray", text: "{\"dup\":1,\"dup\":2}", expected: "[\"json: cannot unmarshal object into Go value of type []interface {}\"]"),
    FromJSONCase(function: "fromJsonArray", text: "  {\"a\" : { \"b\" : [ ] } }  ", expected: "[\"json: cannot unmarshal object into Go value of type []interface {}\"]"),
    FromJSONCase(function: "fromJsonArray", text: "[1]", expected: "[1]"),
    FromJSONCase(function: "fromJsonArray", text: "{'a':1}", expected: "[\"invalid character '\\\\'' looking for beginning of object key string\"]"),
    FromJSONCase(function: "fromJsonArray", text: "{\"a\":\"\\/\"}", expected: "[\"json: cannot unmarshal object into Go value of type []interface {}\"]"),
    FromJSONCase(function: "fromJsonArray", text: "-0", expected: "[\"json: cannot unmarshal number into Go value of type []interface {}\"]"),
    FromJSONCase(function: "fromJsonArray", text: "1E2", expected: "[\"json: cannot unmarshal number into Go value of type []interface {}\"]"),
    FromJSONCase(function: "fromJsonArray", text: "{\"a\":nul}", expected: "[\"invalid character '}' in literal null (expecting 'l')\"]"),
    FromJSONCase(function: "fromJsonArray", text: "{\"a\":falsy}", expected: "[\"invalid character 'y' in literal false (expecting 'e')\"]"),
]

@Test(arguments: fromJSONCases)
func jsonDecodingMatchesHelm(_ row: FromJSONCase) throws {
    let value = row.function == "fromJson" ? GoJSON.fromJson(row.text) : GoJSON.fromJsonArray(row.text)
    #expect(try GoJSON.marshal(value) == row.expected)
}

@Test func jsonRejectsNaN() {
    #expect(throws: GoJSON.Error.self) { try GoJSON.marshal(.list([.float(.nan)])) }
}
