// Objects returned by Sprig functions. The oracle-checked behaviour is in the sprig-objects table; the rest are
// ffgen's own choices (sorted maps, the injected clock and random source).
import FFGenTestSupport
import GoTemplate
import Testing
import Values

@testable import Sprig

private func call(_ name: String, _ arguments: Value...) throws -> Value { try SprigTesting.call(name, arguments) }

private func printed(_ v: Value) -> String { SprigTesting.printed(v) }

private struct NotAnObject: Error {}

private func object(_ v: Value) throws -> any TemplateObject {
    guard case .object(let o) = v else { throw NotAnObject() }
    return o
}

/// Semver versions and times as templates see them (fields, methods, printing), run end to end; the templates and
/// Helm's results are in Tests/Fixtures/tables/sprig-objects.json (recorded by scripts/oracle/record_tables.py).
@Test(arguments: OracleTable.load("sprig-objects").rows.map(SprigTemplateCase.init))
func sprigObjects(_ row: SprigTemplateCase) {
    SprigTemplateRunner.check(row)
}

@Test func sprigKeysAndValuesFollowKeyOrder() throws {
    // Go ranges over maps in random order; ffgen's maps are sorted, so keys/values come in key order.
    let m = Value.map(ValueMap([("b", .int(1)), ("a", .int(2))]))
    #expect(printed(try call("keys", m)) == "[a b]")
    #expect(printed(try call("values", m)) == "[2 1]")
}

@Test func sprigDeterministicRandomSources() throws {
    // With the test environment's constant random word, the non-hermetic functions are reproducible.
    #expect(printed(try call("randAlpha", .int(3))) == "eee")
    #expect(printed(try call("randNumeric", .int(2))) == "44")
    #expect(printed(try call("uuidv4")) == "04000000-0000-4000-8400-000000000000")
    #expect(printed(try call("randAlphaNum", .int(-1))) == "")
    // Helm prints `now` with Go's monotonic reading: {{ now }} → 2026-11-29 19:24:25.618865225 +0000 UTC m=+0.377532596,
    // {{ now.UTC }} without it, {{ dateModify "1h" now }} with it moved by the hour.
    let now = try call("now")
    #expect(printed(now) == "2023-11-14 22:13:20 +0000 UTC m=+0.000000001")
    #expect(printed(try object(now).callMethod("UTC", [])) == "2023-11-14 22:13:20 +0000 UTC")
    #expect(printed(try call("dateModify", .string("1h"), now)) == "2023-11-14 23:13:20 +0000 UTC m=+3600.000000001")
    #expect(printed(try call("mustToJson", now)) == "\"2023-11-14T22:13:20Z\"")
    #expect(printed(try call("ago", .int(1_699_999_000))) == "16m40s")
}
