import FFGenTestSupport
import HelmEngine
import Testing
import Values

/// Value coalescing, checked against Helm v4.2.3: the expected strings are `{{ .Values }}` as the root chart
/// `cc` and its subchart `sub` printed them for the same defaults and user values (the helm-coalesce table,
/// recorded by scripts/oracle/record_tables.py).
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

    /// Rows of Tests/Fixtures/tables/helm-coalesce.json: the root's `{{ .Values }}`, a newline, the subchart's.
    static let cases: [Case] = OracleTable.load("helm-coalesce").rows.map { row in
        let shown = (row.output ?? "ERROR: " + (row.error ?? "")).split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
        return Case(
            name: row["name"], parent: row["parent"], sub: row["sub"], user: row["user"],
            expectedRoot: String(shown[0]), expectedSub: shown.count > 1 ? String(shown[1]) : "")
    }

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

    /// A subchart section without `global` takes the parent's globals in one step; with an empty `global` it goes
    /// through the entry-by-entry merge. Both must give the same values (and leave the parent's tables unshared
    /// at the top level, as Helm's copyMap does).
    @Test(arguments: [
        (#"{"global":{"a":1,"t":{"x":1},"n":null,"é":"e"}}"#, #"{"global":{"t":{"y":2}}}"#),
        (#"{"global":{"z":[1,2],"b":{"c":{"d":1}}}}"#, "{}"),
        ("{}", #"{"global":{"k":"v"}}"#),
    ])
    func globalsWithoutSectionGlobalMatchMerge(parent: String, sub: String) throws {
        let chart = try Self.chart(parent: parent, sub: sub)
        for mode in [CoalesceMode.coalesce, .merge] {
            let without = try Coalesce.values(chart: chart, overrides: try TestJSON.map("{}"), mode: mode)
            let emptyGlobal = try Coalesce.values(
                chart: chart, overrides: try TestJSON.map(#"{"sub":{"global":{}}}"#), mode: mode)
            #expect(GoFormat.describe(.map(without)) == GoFormat.describe(.map(emptyGlobal)))
            if case .map(let sub)? = without["sub"], case .map(let globals)? = sub["global"],
                case .map(let t)? = globals["t"], case .map(let parentGlobals)? = without["global"],
                case .map(let parentT)? = parentGlobals["t"]
            {
                #expect(t !== parentT)
            }
        }
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

    /// ValueOptions takes the first -f file's map as it is (a copy) instead of merging it into an empty map.
    @Test func mergeMapsIntoNothingIsACopy() throws {
        let file = try TestJSON.map(#"{"b":{"c":null},"a":[1],"é":"x","e\u0301":"y","z":null}"#)
        let merged = Coalesce.mergeMaps(ValueMap(), file)
        let copied = file.copy()
        #expect(merged.keys == copied.keys)
        #expect(GoFormat.describe(.map(merged)) == GoFormat.describe(.map(copied)))
        #expect(merged.namedType == copied.namedType)
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
