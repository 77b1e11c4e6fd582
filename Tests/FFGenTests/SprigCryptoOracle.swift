// Rows: Tests/Fixtures/tables/sprig-crypto.json, each a `{{ expression }}` action; what Helm printed (or the
// message after `error calling NAME: `) is recorded there by scripts/oracle/record_tables.py.
import FFGenTestSupport
import Testing
import Values

@testable import Sprig

let sprigCryptoCases = OracleTable.load("sprig-crypto").rows.map(SprigCase.init)

@Test(arguments: sprigCryptoCases)
func sprigCrypto(_ row: SprigCase) {
    SprigTesting.check(row)
}
