import FFGenTestSupport
import Testing
import Values

/// One `toYaml` conformance row: the value (as JSON text) and Helm's output.
struct ToYamlCase: CustomTestStringConvertible, Sendable {
    let json: String
    let yaml: String
    var testDescription: String { json.count > 60 ? String(json.prefix(60)) + "…" : json }
}

/// Rows: Tests/Fixtures/tables/yaml-toyaml.json, recorded by scripts/oracle/record_tables.py.
let toYamlCases = OracleTable.load("yaml-toyaml").rows.map {
    ToYamlCase(json: $0["json"], yaml: $0.output ?? "ERROR: " + ($0.error ?? ""))
}

@Test(arguments: toYamlCases)
func yamlToYamlMatchesHelm(_ row: ToYamlCase) throws {
    let value = try GoJSON.unmarshal(row.json)
    #expect(HelmYAML.toYaml(value) == row.yaml)
}

@Test func yamlToYamlIntegersFromTemplates() {
    // `.int` values (len, --set, Sprig math) print as Go ints.
    #expect(HelmYAML.toYaml(.map(ValueMap([("count", .int(3)), ("big", .int(-9_000_000_000))]))) == "big: -9000000000\ncount: 3")
}

@Test func yamlToYamlFailsOnNaN() throws {
    // Helm: json.Marshal fails, toYaml swallows the error.
    #expect(HelmYAML.toYaml(.map(ValueMap([("a", .float(.nan))]))) == "")
    #expect(throws: HelmYAMLError.self) { try HelmYAML.mustToYaml(.float(.infinity)) }
}

@Test func yamlMustToYamlErrorTexts() {
    // Recorded in the helm-messages table.
    let messages = OracleTable.load("helm-messages")
    let expected = messages.row("template", #"{{ mustToYaml (printf "%c" 127) }}"#)?.error.map(HelmMessage.afterErrorCalling)
    #expect(expected != nil)
    do {
        _ = try HelmYAML.mustToYaml(.string("\u{7F}"))
        Issue.record("expected an error")
    } catch {
        #expect(error.message == expected)
    }
    let swallowed = messages.row("template", #"{{ toYaml (printf "%c" 127) }}"#)?.output
    #expect(swallowed != nil)
    #expect(HelmYAML.toYaml(.string("\u{7F}")) == swallowed)
}
