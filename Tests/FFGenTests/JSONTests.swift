import FFGenTestSupport
import Testing
import Values

/// A value (as JSON text read with `GoJSON.unmarshal`) and what a Helm JSON function prints for it.
struct ToJSONCase: CustomTestStringConvertible, Sendable {
    let function: String
    let json: String
    let expected: String
    var testDescription: String { function + " " + json }
}

/// Rows: Tests/Fixtures/tables/json-encode.json, recorded by scripts/oracle/record_tables.py.
let toJSONCases = OracleTable.load("json-encode").rows.map {
    ToJSONCase(function: $0["function"], json: $0["json"], expected: $0.output ?? "ERROR: " + ($0.error ?? ""))
}

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

/// Rows: Tests/Fixtures/tables/json-decode.json, recorded by scripts/oracle/record_tables.py.
let fromJSONCases = OracleTable.load("json-decode").rows.map {
    FromJSONCase(function: $0["function"], text: $0["text"], expected: $0.output ?? "ERROR: " + ($0.error ?? ""))
}

@Test(arguments: fromJSONCases)
func jsonDecodingMatchesHelm(_ row: FromJSONCase) throws {
    let value = row.function == "fromJson" ? GoJSON.fromJson(row.text) : GoJSON.fromJsonArray(row.text)
    #expect(try GoJSON.marshal(value) == row.expected)
}

@Test func jsonRejectsNaN() {
    #expect(throws: GoJSON.Error.self) { try GoJSON.marshal(.list([.float(.nan)])) }
}
