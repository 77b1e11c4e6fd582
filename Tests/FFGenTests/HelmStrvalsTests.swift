import FFGenTestSupport
@testable import HelmEngine
import Testing
import Values

/// `--set`-family parsing. Expected results are Helm v4.2.3's strvals (through the oracle's `parse_set_string`,
/// `parse_set_string_values`, `parse_set_literal`, `parse_set_json`), printed in Go `%v` form by
/// scripts/oracle/record_tables.py (the helm-strvals table); `--set` integers are int64 in Helm (typedVal), which
/// `%v` prints without an exponent.
@Suite("Helm strvals")
struct HelmStrvalsTests {
    struct Case: CustomStringConvertible, Sendable {
        var expression: String
        var mode: StrvalsMode
        /// `%v` of the parsed map, or `ERR message`.
        var expected: String
        var description: String { "\(mode) \(expression)" }
    }

    /// Rows of Tests/Fixtures/tables/helm-strvals.json; `ERR ` and Helm's message for an error.
    static let cases: [Case] = OracleTable.load("helm-strvals").rows.compactMap { row in
        let modes: [String: StrvalsMode] = ["typed": .typed, "string": .string, "literal": .literal, "json": .json]
        guard let mode = modes[row["mode"]] else { return nil }
        return Case(expression: row["expression"], mode: mode, expected: row.output ?? "ERR " + (row.error ?? ""))
    }

    @Test func everyRowHasAKnownMode() {
        #expect(Self.cases.count == OracleTable.load("helm-strvals").rows.count)
    }

    @Test(arguments: cases)
    func parse(_ c: Case) {
        let result: String
        do {
            let map = try StrvalsParser.parse(c.expression, mode: c.mode, decodeJSON: { try TestJSON.codecs.jsonPrefix($0) })
            result = GoFormat.describe(.map(map))
        } catch let error as StrvalsError {
            result = "ERR " + error.message
        } catch {
            result = "ERR \(error)"
        }
        #expect(result == c.expected)
    }

    @Test func typedIntegersAreInt64() throws {
        let map = try StrvalsParser.parse("n=1000000,z=0,s=007", mode: .typed)
        guard case .int(1_000_000, .int64)? = map["n"], case .int(0, .int64)? = map["z"], case .string("007")? = map["s"] else {
            Issue.record("unexpected kinds: \(GoFormat.describe(.map(map)))")
            return
        }
    }

    @Test func parseIntoMergesIntoExistingMap() throws {
        let base = try StrvalsParser.parse("a.b=1", mode: .typed)
        try StrvalsParser.parse("a.c=2,l[1]=x", mode: .string, into: base)
        #expect(GoFormat.describe(.map(base)) == "map[a:map[b:1 c:2] l:[<nil> x]]")
    }
}
