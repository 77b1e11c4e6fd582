// Rows: Tests/Fixtures/tables/sprig-defaults.json, each a `{{ expression }}` action; what Helm printed (or the
// message after `error calling NAME: `) is recorded there by scripts/oracle/record_tables.py.
import FFGenTestSupport
import Testing
import Values

@testable import Sprig

let sprigDefaultCases = OracleTable.load("sprig-defaults").rows.map(SprigCase.init)

@Test(arguments: sprigDefaultCases)
func sprigDefaults(_ row: SprigCase) {
    SprigTesting.check(row)
}
