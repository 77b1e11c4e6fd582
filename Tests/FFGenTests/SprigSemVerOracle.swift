// Rows: Tests/Fixtures/tables/sprig-semver.json, each a `{{ expression }}` action; what Helm printed (or the
// message after `error calling NAME: `) is recorded there by scripts/oracle/record_tables.py.
import FFGenTestSupport
import Testing
import Values

@testable import Sprig

let sprigSemVerCases = OracleTable.load("sprig-semver").rows.map(SprigCase.init)

@Test(arguments: sprigSemVerCases)
func sprigSemVer(_ row: SprigCase) {
    SprigTesting.check(row)
}
