@testable import HelmEngine
import Testing
import Values

/// `--set`-family parsing. Expected results were produced by Helm v4.2.3's strvals (through the oracle's
/// `parse_set_string`, `parse_set_string_values`, `parse_set_literal`, `parse_set_json`) and are written here in
/// Go `%v` form; `--set` integers are int64 in Helm (typedVal), which `%v` prints without an exponent.
@Suite("Helm strvals")
struct HelmStrvalsTests {
    struct Case: CustomStringConvertible, Sendable {
        var expression: String
        var mode: StrvalsMode
        /// `%v` of the parsed map, or `ERR message`.
        var expected: String
        var description: String { "\(mode) \(expression)" }
    }

    static let cases: [Case] = [
        Case(expression: "a=1", mode: .typed, expected: "map[a:1]"),
        Case(expression: "a=1", mode: .string, expected: "map[a:1]"),
        Case(expression: "a.b=c,d=e", mode: .typed, expected: "map[a:map[b:c] d:e]"),
        Case(expression: "a.b=c,d=e", mode: .literal, expected: "map[a:map[b:c,d=e]]"),
        Case(expression: "a[0]=x", mode: .typed, expected: "map[a:[x]]"),
        Case(expression: "a={x,y}", mode: .typed, expected: "map[a:[x y]]"),
        Case(expression: "a={x,y}", mode: .literal, expected: "map[a:{x,y}]"),
        Case(expression: #"a=\,b"#, mode: .typed, expected: "map[a:,b]"),
        Case(expression: #"a=\,b"#, mode: .literal, expected: #"map[a:\,b]"#),
        Case(expression: #"a\.b=c"#, mode: .typed, expected: "map[a.b:c]"),
        Case(expression: #"a\.b=c"#, mode: .literal, expected: #"map[a\:map[b:c]]"#),
        Case(expression: "a=null", mode: .typed, expected: "map[a:<nil>]"),
        Case(expression: "a=null", mode: .string, expected: "map[a:null]"),
        Case(expression: "n=1000000", mode: .typed, expected: "map[n:1000000]"),
        Case(expression: "n=007", mode: .typed, expected: "map[n:007]"),
        Case(expression: "a=", mode: .typed, expected: "map[a:]"),
        Case(expression: "a", mode: .typed, expected: #"ERR key "a" has no value"#),
        Case(expression: "a", mode: .literal, expected: #"ERR key "a" has no value"#),
        Case(expression: "a,b=c", mode: .typed, expected: #"ERR key "a" has no value (cannot end with ,)"#),
        Case(expression: "a,b=c", mode: .literal, expected: "map[a,b:c]"),
        Case(expression: "a[1]=x", mode: .typed, expected: "map[a:[<nil> x]]"),
        Case(expression: "a=true,b=FALSE", mode: .typed, expected: "map[a:true b:false]"),
        Case(expression: "a=true,b=FALSE", mode: .string, expected: "map[a:true b:FALSE]"),
        Case(expression: "a.=b", mode: .typed, expected: #"ERR key map "a" has no value"#),
        Case(
            expression: "a[x]=1", mode: .typed,
            expected: #"ERR error parsing index: strconv.Atoi: parsing "x": invalid syntax"#),
        Case(expression: "a={1,2", mode: .typed, expected: "ERR list must terminate with '}'"),
        Case(expression: "x=1.5", mode: .typed, expected: "map[x:1.5]"),
        Case(expression: "a[0].b=1", mode: .typed, expected: "map[a:[map[b:1]]]"),
        Case(expression: "a[0][1]=2", mode: .typed, expected: "map[a:[[<nil> 2]]]"),
        Case(expression: "a=b=c", mode: .typed, expected: "map[a:b=c]"),
        Case(expression: "a=9223372036854775808", mode: .typed, expected: "map[a:9223372036854775808]"),
        Case(expression: "a=-5", mode: .typed, expected: "map[a:-5]"),
        Case(expression: "a={}", mode: .typed, expected: "map[a:[]]"),
        Case(expression: " a = b ", mode: .typed, expected: "map[ a : b ]"),
        Case(expression: "a.b=1,a.c=2", mode: .typed, expected: "map[a:map[b:1 c:2]]"),
        Case(
            expression: "a=1,a.b=2", mode: .typed,
            expected: "ERR unable to parse key: interface conversion: interface {} is int64, not map[string]interface {}"),
        Case(
            expression: "a=1,a.b=2", mode: .string,
            expected: "ERR unable to parse key: interface conversion: interface {} is string, not map[string]interface {}"),
        Case(expression: "a[-1]=1", mode: .typed, expected: "ERR negative -1 index not allowed"),
        Case(expression: "a=1", mode: .json, expected: "map[a:1]"),
        Case(expression: "a=", mode: .json, expected: "map[a:<nil>]"),
        Case(expression: "a[0].b=1", mode: .json, expected: "map[a:[map[b:1]]]"),
        Case(expression: #"a={"b":[1,2]}"#, mode: .json, expected: "map[a:map[b:[1 2]]]"),
        Case(expression: "a.b=1,a.c=2", mode: .json, expected: "map[a:map[b:1 c:2]]"),
    ]

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
