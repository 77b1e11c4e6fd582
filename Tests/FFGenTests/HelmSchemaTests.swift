import FFGenTestSupport
@testable import HelmEngine
import Testing
import Values

/// values.schema.json validation. Each row's expected text is Helm v4.2.3's error for a chart `sc` with that schema
/// and those values (recorded by scripts/oracle/record_tables.py in the helm-schema table), without the common first
/// line `values don't meet the specifications of the schema(s) in the following chart(s):`.
@Suite("Helm schema validation")
struct HelmSchemaTests {
    struct Case: CustomStringConvertible, Sendable {
        var schema: String
        var values: String
        /// nil when the values are valid.
        var expected: String?
        var description: String { schema + " / " + values }
    }

    /// Rows of Tests/Fixtures/tables/helm-schema.json; Helm's error without its first line.
    static let cases: [Case] = OracleTable.load("helm-schema").rows.map { row in
        let headline = "values don't meet the specifications of the schema(s) in the following chart(s):\n"
        let expected = row.error.map { $0.hasPrefix(headline) ? String($0.dropFirst(headline.count)) : $0 }
        return Case(schema: row["schema"], values: row["values"], expected: expected)
    }

    @Test(arguments: cases)
    func validate(_ c: Case) throws {
        var meta = ChartMetadata()
        meta.name = "sc"
        let chart = Chart(metadata: meta, schema: Array(c.schema.utf8))
        #expect(SchemaValidator.validate(chart: chart, values: try TestJSON.map(c.values), codecs: TestJSON.codecs) == c.expected)
    }
}
