import FFGenTestSupport
import Testing

/// Every table under Tests/Fixtures/tables is readable and has one recorded result per input
/// (scripts/oracle/record_tables.py writes them).
@Suite struct OracleTablesTests {
    @Test func tablesExist() {
        #expect(OracleTable.allNames().count >= 20)
    }

    @Test(arguments: OracleTable.allNames())
    func tableIsRecorded(_ name: String) {
        let table = OracleTable.load(name)
        #expect(table.problem == nil)
        #expect(!table.rows.isEmpty)
    }
}
