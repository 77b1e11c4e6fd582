// Rows: Tests/Fixtures/tables/sprig-lists.json, each a `{{ expression }}` action; what Helm printed (or the
// message after `error calling NAME: `) is recorded there by scripts/oracle/record_tables.py.
import FFGenTestSupport
import Testing
import Values

@testable import Sprig

let sprigListCases = OracleTable.load("sprig-lists").rows.map(SprigCase.init)

@Test(arguments: sprigListCases)
func sprigLists(_ row: SprigCase) {
    SprigTesting.check(row)
}
