// Rows: Tests/Fixtures/tables/sprig-regex.json, each a `{{ expression }}` action; what Helm printed (or the
// message after `error calling NAME: `) is recorded there by scripts/oracle/record_tables.py.
import FFGenTestSupport
import Testing
import Values

@testable import Sprig

let sprigRegexCases = OracleTable.load("sprig-regex").rows.map(SprigCase.init)

@Test(arguments: sprigRegexCases)
func sprigRegex(_ row: SprigCase) {
    SprigTesting.check(row)
}
