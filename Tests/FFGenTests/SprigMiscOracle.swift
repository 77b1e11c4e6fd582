// Rows: Tests/Fixtures/tables/sprig-misc.json, each a `{{ expression }}` action; what Helm printed (or the
// message after `error calling NAME: `) is recorded there by scripts/oracle/record_tables.py.
import FFGenTestSupport
import Testing
import Values

@testable import Sprig

let sprigMiscCases = OracleTable.load("sprig-misc").rows.map(SprigCase.init)

@Test(arguments: sprigMiscCases)
func sprigMisc(_ row: SprigCase) {
    SprigTesting.check(row)
}
