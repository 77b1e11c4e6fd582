import FFGenTestSupport
import Testing
import Values

/// A value (as JSON text) and Helm's `toToml` output.
struct ToTOMLCase: CustomTestStringConvertible, Sendable {
    let json: String
    let toml: String
    var testDescription: String { json.count > 60 ? String(json.prefix(60)) + "…" : json }
}

/// Rows: Tests/Fixtures/tables/toml-encode.json, recorded by scripts/oracle/record_tables.py.
let toTOMLCases = OracleTable.load("toml-encode").rows.map {
    ToTOMLCase(json: $0["json"], toml: $0.output ?? "ERROR: " + ($0.error ?? ""))
}

@Test(arguments: toTOMLCases)
func tomlMatchesHelm(_ row: ToTOMLCase) throws {
    let value = try GoJSON.unmarshal(row.json)
    #expect(try HelmTOML.toToml(value) == row.toml)
}

@Test func tomlOfNilFailsLikeGoReflection() throws {
    // Recorded in the helm-messages table.
    let messages = OracleTable.load("helm-messages")
    let expected = messages.row("template", "{{ toToml .Values.x }}")?.error.map(HelmMessage.afterErrorCalling)
    #expect(expected != nil)
    do {
        _ = try HelmTOML.toToml(.null)
        Issue.record("expected an error")
    } catch {
        #expect(error.message == expected)
    }
    // A nil inside a nested list is the encoder's own error, returned as text.
    let nested = Value.map(ValueMap([("x", .list([.list([.int(1), .null])]))]))
    let text = messages.row("template", #"{{ toToml (dict "x" (list (list 1 nil))) }}"#)?.output
    #expect(text != nil)
    #expect(try HelmTOML.toToml(nested) == text)
}

/// A TOML text and Helm's `fromToml` result printed with `toJson`.
struct FromTOMLCase: CustomTestStringConvertible, Sendable {
    let toml: String
    let json: String
    var testDescription: String { toml.count > 60 ? String(toml.prefix(60)) + "…" : toml }
}

/// Rows: Tests/Fixtures/tables/toml-decode.json, recorded by scripts/oracle/record_tables.py.
let fromTOMLCases = OracleTable.load("toml-decode").rows.map {
    FromTOMLCase(toml: $0["toml"], json: $0.output ?? "ERROR: " + ($0.error ?? ""))
}

@Test(arguments: fromTOMLCases)
func tomlFromTomlMatchesHelm(_ row: FromTOMLCase) throws {
    #expect(try GoJSON.marshal(HelmTOML.fromToml(row.toml)) == row.json)
}
