import FFGenTestSupport
import Testing

@Suite struct GoTemplatePrintfTests {
    @Test(arguments: printfOracleCases)
    func matchesHelm(_ c: OracleCase) { checkOracleCase(c) }
}

// Rows: Tests/Fixtures/tables/gotemplate-printf.json; Helm's results (errors in Helm's rendering) are recorded there by
// scripts/oracle/record_tables.py.
let printfOracleCases = OracleTable.load("gotemplate-printf").rows.map(OracleCase.init)
