// Rows: Tests/Fixtures/tables/sprig-dates.json, each a `{{ expression }}` action; what Helm printed (or the
// message after `error calling NAME: `) is recorded there by scripts/oracle/record_tables.py.
import FFGenTestSupport
import Testing
import Values

@testable import Sprig

let sprigDateCases = OracleTable.load("sprig-dates").rows.map(SprigCase.init)

@Test(arguments: sprigDateCases)
func sprigDates(_ row: SprigCase) {
    SprigTesting.check(row)
}
