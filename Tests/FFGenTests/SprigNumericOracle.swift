// Rows: Tests/Fixtures/tables/sprig-numeric.json, each a `{{ expression }}` action; what Helm printed (or the
// message after `error calling NAME: `) is recorded there by scripts/oracle/record_tables.py.
import FFGenTestSupport
import Testing
import Values

@testable import Sprig

let sprigNumericCases = OracleTable.load("sprig-numeric").rows.map(SprigCase.init)

@Test(arguments: sprigNumericCases)
func sprigNumeric(_ row: SprigCase) {
    SprigTesting.check(row)
}
