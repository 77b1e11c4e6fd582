import FFGenTestSupport
import Testing
import Values

/// Rows: Tests/Fixtures/tables/yaml-toyamlpretty.json, recorded by scripts/oracle/record_tables.py.
let toYamlPrettyCases = OracleTable.load("yaml-toyamlpretty").rows.map {
    ToYamlCase(json: $0["json"], yaml: $0.output ?? "ERROR: " + ($0.error ?? ""))
}

@Test(arguments: toYamlPrettyCases)
func yamlToYamlPrettyMatchesHelm(_ row: ToYamlCase) throws {
    let value = try GoJSON.unmarshal(row.json)
    #expect(HelmYAML.toYamlPretty(value) == row.yaml)
}
