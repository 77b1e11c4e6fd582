// Rows: Tests/Fixtures/tables/sprig-strings.json, each a `{{ expression }}` action; what Helm printed (or the
// message after `error calling NAME: `) is recorded there by scripts/oracle/record_tables.py.
import FFGenTestSupport
import Testing
import Values

@testable import Sprig

let sprigStringCases = OracleTable.load("sprig-strings").rows.map(SprigCase.init)

@Test(arguments: sprigStringCases)
func sprigStrings(_ row: SprigCase) {
    SprigTesting.check(row)
}
