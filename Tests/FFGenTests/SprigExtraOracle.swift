// Rows: Tests/Fixtures/tables/sprig-extra.json, each a `{{ expression }}` action; what Helm printed (or the
// message after `error calling NAME: `) is recorded there by scripts/oracle/record_tables.py.
import FFGenTestSupport
import Testing
import Values

@testable import Sprig

let sprigExtraCases = OracleTable.load("sprig-extra").rows.map(SprigCase.init)

@Test(arguments: sprigExtraCases)
func sprigExtra(_ row: SprigCase) {
    SprigTesting.check(row)
}
