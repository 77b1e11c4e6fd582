import HelmEngine
import Testing
import Values

/// Value coalescing, checked against Helm v4.2.3: the expected strings are `{{ .Values }}` as the root chart
/// `cc` and its subchart `sub` printed them for the same defaults and user values.
@Suite("Helm coalesce")
struct HelmCoalesceTests {
    struct Case: CustomStringConvertible, Sendable {
        var name: String
        var parent: String
        var sub: String
        var user: String
        var expectedRoot: String
        var expectedSub: String
        var description: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "null override deletes a default", parent: #"{"a":1,"b":{"c":2,"d":3}}"#, sub: "{}",
            user: #"{"b":{"c":null}}"#, expectedRoot: "map[a:1 b:map[d:3] sub:map[global:map[]]]",
            expectedSub: "map[global:map[]]"),
        Case(
            name: "null for a key without default is kept", parent: #"{"a":1}"#, sub: "{}", user: #"{"x":null}"#,
            expectedRoot: "map[a:1 sub:map[global:map[]] x:<nil>]", expectedSub: "map[global:map[]]"),
        Case(
            name: "lists replace", parent: #"{"l":[1,2]}"#, sub: "{}", user: #"{"l":[3]}"#,
            expectedRoot: "map[l:[3] sub:map[global:map[]]]", expectedSub: "map[global:map[]]"),
        Case(
            name: "scalar override of a table wins", parent: #"{"b":{"c":1}}"#, sub: "{}", user: #"{"b":"s"}"#,
            expectedRoot: "map[b:s sub:map[global:map[]]]", expectedSub: "map[global:map[]]"),
        Case(
            name: "null defaults are dropped", parent: #"{"a":null,"b":{"c":null,"d":1}}"#, sub: "{}", user: "{}",
            expectedRoot: "map[b:map[d:1] sub:map[global:map[]]]", expectedSub: "map[global:map[]]"),
        Case(
            name: "nested null deletes deeply", parent: #"{"b":{"c":{"d":1,"e":2}}}"#, sub: "{}",
            user: #"{"b":{"c":{"d":null}}}"#, expectedRoot: "map[b:map[c:map[e:2]] sub:map[global:map[]]]",
            expectedSub: "map[global:map[]]"),
        Case(
            name: "subchart scoping and globals", parent: #"{"sub":{"v":"parent"},"global":{"g":1}}"#,
            sub: #"{"v":"child","w":2,"global":{"g":0,"h":2}}"#, user: #"{"sub":{"w":null}}"#,
            expectedRoot: "map[global:map[g:1] sub:map[global:map[g:1 h:2] v:parent]]",
            expectedSub: "map[global:map[g:1 h:2] v:parent]"),
        Case(
            name: "global tables merge downwards", parent: #"{"global":{"m":{"a":1}}}"#,
            sub: #"{"global":{"m":{"b":2},"n":3}}"#, user: #"{"global":{"m":{"c":3}}}"#,
            expectedRoot: "map[global:map[m:map[a:1 c:3]] sub:map[global:map[m:map[a:1 b:2 c:3] n:3]]]",
            expectedSub: "map[global:map[m:map[a:1 b:2 c:3] n:3]]"),
        Case(
            name: "parent null deletes subchart default", parent: #"{"sub":{"x":null}}"#, sub: #"{"x":1,"y":{"z":1}}"#,
            user: #"{"sub":{"y":null}}"#, expectedRoot: "map[sub:map[global:map[]]]",
            expectedSub: "map[global:map[]]"),
        Case(
            name: "table override of a scalar default", parent: #"{"b":{"c":1}}"#, sub: "{}",
            user: #"{"b":{"c":{"d":1}}}"#, expectedRoot: "map[b:map[c:map[d:1]] sub:map[global:map[]]]",
            expectedSub: "map[global:map[]]"),
        Case(
            name: "table override of a string default", parent: #"{"b":"str"}"#, sub: "{}", user: #"{"b":{"c":1}}"#,
            expectedRoot: "map[b:map[c:1] sub:map[global:map[]]]", expectedSub: "map[global:map[]]"),
    ]

    static func chart(parent: String, sub: String) throws -> Chart {
        var meta = ChartMetadata()
        meta.apiVersion = "v2"
        meta.name = "cc"
        meta.version = "1.0.0"
        var subMeta = meta
        subMeta.name = "sub"
        let child = Chart(metadata: subMeta, values: try TestJSON.map(sub), parentPath: "cc")
        return Chart(metadata: meta, values: try TestJSON.map(parent), dependencies: [child])
    }

    @Test(arguments: cases)
    func coalesce(_ c: Case) throws {
        let chart = try Self.chart(parent: c.parent, sub: c.sub)
        let user = try TestJSON.map(c.user)
        let before = GoFormat.describe(.map(user))
        let values = try Coalesce.values(chart: chart, overrides: user, mode: .coalesce)
        #expect(GoFormat.describe(.map(values)) == c.expectedRoot)
        #expect(GoFormat.describe(values["sub"] ?? .null) == c.expectedSub)
        // Neither the user's map nor the chart's defaults are changed.
        #expect(GoFormat.describe(.map(user)) == before)
        #expect(GoFormat.describe(.map(chart.values)) == GoFormat.describe(.map(try TestJSON.map(c.parent))))
    }

    @Test func typeMismatchOnSubchartSection() throws {
        let chart = try Self.chart(parent: "{}", sub: "{}")
        #expect(throws: HelmError.self) {
            try Coalesce.values(chart: chart, overrides: try TestJSON.map(#"{"sub":"x"}"#), mode: .coalesce)
        }
        do {
            _ = try Coalesce.values(chart: chart, overrides: try TestJSON.map(#"{"sub":"x"}"#), mode: .coalesce)
        } catch let error as HelmError {
            #expect(error.helmDescription == "type mismatch on sub: %!t(string=x)")
        }
    }

    @Test func mergeMapsForValueFiles() throws {
        let merged = Coalesce.mergeMaps(
            try TestJSON.map(#"{"a":{"b":1,"c":2},"l":[1],"s":"x"}"#),
            try TestJSON.map(#"{"a":{"b":3},"l":[2],"s":{"t":1}}"#))
        #expect(GoFormat.describe(.map(merged)) == "map[a:map[b:3 c:2] l:[2] s:map[t:1]]")
    }

    @Test func pathValueAndTable() throws {
        let values = try TestJSON.map(#"{"a":{"b":{"c":true}},"x":1}"#)
        #expect(Coalesce.pathValue(values, path: "a.b.c").map { GoFormat.describe($0) } == "true")
        #expect(Coalesce.pathValue(values, path: "a.b") == nil)
        #expect(Coalesce.pathValue(values, path: "a.z.c") == nil)
        #expect(Coalesce.table(values, path: "a.b").map { GoFormat.describe(.map($0)) } == "map[c:true]")
        #expect(Coalesce.table(values, path: "x") == nil)
    }
}
