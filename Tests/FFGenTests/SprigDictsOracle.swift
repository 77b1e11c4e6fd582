// Rows: Tests/Fixtures/tables/sprig-dicts.json, each a `{{ expression }}` action; what Helm printed (or the
// message after `error calling NAME: `) is recorded there by scripts/oracle/record_tables.py.
import FFGenTestSupport
import Testing
import Values

@testable import Sprig

let sprigDictCases = OracleTable.load("sprig-dicts").rows.map(SprigCase.init)

@Test(arguments: sprigDictCases)
func sprigDicts(_ row: SprigCase) {
    SprigTesting.check(row)
}
