import FFGenTestSupport
import Testing
import Values

@Suite struct GoTemplateExecTests {
    @Test(arguments: execOracleCases)
    func matchesHelm(_ c: OracleCase) { checkOracleCase(c) }

    /// `oracleData()` holds the values the tables are recorded with (their `render.values`).
    @Test(arguments: ["gotemplate-exec", "gotemplate-printf"])
    func dataMatchesTheRecordedValues(_ table: String) throws {
        let values = try HelmYAML.parseValues(OracleTable.load(table).settings["values"] ?? "")
        guard case .map(let data) = oracleData(), let expected = data["Values"] else {
            Issue.record("oracleData() has no Values")
            return
        }
        #expect(Value.map(values).deepEquals(expected))
    }
}

// Rows: Tests/Fixtures/tables/gotemplate-exec.json; Helm's results (errors in Helm's rendering) are recorded there by
// scripts/oracle/record_tables.py.
let execOracleCases = OracleTable.load("gotemplate-exec").rows.map(OracleCase.init)
