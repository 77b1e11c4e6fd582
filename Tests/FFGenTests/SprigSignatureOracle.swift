// Sprig's function map as Helm v4 has it: every name with its argument count.
// `env` and `expandenv` are not defined in Helm.
import FFGenTestSupport
import GoTemplate
import Testing

@testable import Sprig

struct SprigArity: CustomTestStringConvertible, Sendable {
    let name: String
    let fixed: Int
    let variadic: Bool

    init(_ name: String, fixed: Int, variadic: Bool) {
        self.name = name
        self.fixed = fixed
        self.variadic = variadic
    }

    var testDescription: String { name }
}

/// The signatures, read from Tests/Fixtures/tables/sprig-arity.json (recorded by scripts/oracle/record_tables.py):
/// each function was called with no and with nine arguments, and Helm's `wrong number of args for NAME: want N`
/// (`want at least N`) gives the fixed count (and variadic); without that error the function accepts any count.
let sprigArities: [SprigArity] = {
    var order: [String] = []
    var found: [String: SprigArity] = [:]
    for row in OracleTable.load("sprig-arity").rows {
        let name = row["function"]
        if found[name] == nil {
            order.append(name)
            found[name] = SprigArity(name, fixed: 0, variadic: true)
        }
        guard let error = row.error, let range = error.range(of: "wrong number of args for \(name): want ") else { continue }
        let rest = error[range.upperBound...]
        let variadic = rest.hasPrefix("at least ")
        let digits = (variadic ? rest.dropFirst("at least ".count) : rest).prefix { $0.isNumber }
        found[name] = SprigArity(name, fixed: Int(digits) ?? -1, variadic: variadic)
    }
    return order.compactMap { found[$0] }
}()

@Test(arguments: sprigArities)
func sprigSignature(_ row: SprigArity) throws {
    let f = try #require(SprigTesting.table[row.name], "\(row.name) is not registered")
    #expect(f.parameters.count == row.fixed)
    #expect((f.variadic != nil) == row.variadic)
}

@Test func sprigOmitsHelmRemovedFunctions() {
    #expect(!SprigTesting.table.contains("env"))
    #expect(!SprigTesting.table.contains("expandenv"))
    let known = Set(sprigArities.map(\.name))
    #expect(SprigTesting.table.functions.keys.filter { !known.contains($0) }.sorted() == [])
}
