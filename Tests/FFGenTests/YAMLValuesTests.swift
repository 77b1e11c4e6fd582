import FFGenTestSupport
import Testing
import Values
import YAMLKit

/// A YAML text and what Helm makes of it, as JSON.
struct FromYamlCase: CustomTestStringConvertible, Sendable {
    let yaml: String
    let json: String
    var testDescription: String { yaml.count > 60 ? String(yaml.prefix(60)) + "…" : yaml }
}

/// Helm's `fromYaml` (`sigs.k8s.io/yaml.Unmarshal` into a map, errors as `{"Error": …}`), rows in
/// Tests/Fixtures/tables/yaml-fromyaml.json, recorded by scripts/oracle/record_tables.py. The same reader loads
/// values files.
let fromYamlCases = OracleTable.load("yaml-fromyaml").rows.map {
    FromYamlCase(yaml: $0["yaml"], json: $0.output ?? "ERROR: " + ($0.error ?? ""))
}

@Test(arguments: fromYamlCases)
func yamlFromYamlMatchesHelm(_ row: FromYamlCase) throws {
    #expect(try GoJSON.marshal(HelmYAML.fromYaml(row.yaml)) == row.json)
}

/// Helm's `fromYamlArray`: rows in Tests/Fixtures/tables/yaml-fromyamlarray.json.
let fromYamlArrayCases = OracleTable.load("yaml-fromyamlarray").rows.map {
    FromYamlCase(yaml: $0["yaml"], json: $0.output ?? "ERROR: " + ($0.error ?? ""))
}

@Test(arguments: fromYamlArrayCases)
func yamlFromYamlArrayMatchesHelm(_ row: FromYamlCase) throws {
    #expect(try GoJSON.marshal(HelmYAML.fromYamlArray(row.yaml)) == row.json)
}

/// A values file and the values Helm loads from it (JSON), or `ERR ` and Helm's message after
/// `cannot load values.yaml: `. Rows in Tests/Fixtures/tables/yaml-loadvalues.json: a chart's values.yaml rendered by `{{ toJson .Values }}`.
struct LoadValuesCase: CustomTestStringConvertible, Sendable {
    let yaml: String
    let json: String
    var testDescription: String { yaml }
}

let loadValuesCases = OracleTable.load("yaml-loadvalues").rows.map { row in
    // Helm prefixes the loader's message; the reader reports what follows `cannot load values.yaml: `.
    LoadValuesCase(
        yaml: row["yaml"],
        json: row.output ?? "ERR " + (row.error?.components(separatedBy: "cannot load values.yaml: ").last ?? ""))
}

@Test(arguments: loadValuesCases)
func yamlLoadValuesMatchesHelm(_ row: LoadValuesCase) throws {
    do {
        let values = try HelmYAML.loadValues(row.yaml, file: "values.yaml")
        #expect(try GoJSON.marshal(.map(values)) == row.json)
    } catch {
        #expect("ERR " + String(describing: error) == row.json)
    }
}

@Test func yamlValuesAreFloat64() throws {
    let values = try HelmYAML.parseValues("a: 1\nb: 0x10\nc: [1.5]\n")
    guard case .float(let a)? = values["a"], case .float(let b)? = values["b"] else {
        Issue.record("numbers must be floats")
        return
    }
    #expect(a == 1)
    #expect(b == 16)
}

@Test func yamlValueLocations() throws {
    let text = "# header\ncerts:\n  certificates:\n    - name: a\n    - name: é\n      dnsNames: [x.example, y.example]\n"
    let (values, locations) = try HelmYAML.parseValuesWithLocations(text, file: "values.yaml")
    #expect(values["certs"] != nil)
    let list = try #require(locations.values["certs.certificates[1].dnsNames"])
    #expect(list == SourceLocation(file: "values.yaml", line: 6, column: 17, offset: 77))
    let second = try #require(locations.values["certs.certificates[1].dnsNames[1]"])
    #expect(second.line == 6)
    #expect(second.column == 29)
    // A key's location is preferred for map entries.
    let key = try #require(locations["certs.certificates[1].dnsNames"])
    #expect(key.line == 6)
    #expect(key.column == 7)
    // Columns count bytes: "é" is two bytes, so the value after "name: é" is unaffected but a later scalar is.
    let name = try #require(locations.values["certs.certificates[1].name"])
    #expect(name.column == 13)
}

@Test func yamlLoadValuesLocationsAreFileRelative() throws {
    let text = "a: 1\n---\nb:\n  c: 2\n"
    let (_, locations) = try HelmYAML.loadValuesWithLocations(text, file: "v.yaml")
    let c = try #require(locations.values["b.c"])
    #expect(c.line == 4)
    #expect(c.column == 6)
    #expect(c.offset == 17)
}

@Test func yamlErrorCarriesLocation() {
    #expect(throws: HelmYAMLError.self) { try HelmYAML.parseValues("a:\n  - b\n  c: d\n", file: "values.yaml") }
    do {
        _ = try HelmYAML.parseValues("a:\n  - b\n  c: d\n", file: "values.yaml")
    } catch {
        #expect(error.message == "error converting YAML to JSON: yaml: line 2: did not find expected '-' indicator")
        #expect(error.location?.line == 3)
        #expect(error.location?.file == "values.yaml")
    }
}

@Test func yamlParseMapNamesTheGoType() {
    // Helm v4 rendering a template whose output is a list:
    // "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go value of type util.SimpleHead".
    do {
        _ = try HelmYAML.parseMap("- a\n", goTypeName: "util.SimpleHead")
        Issue.record("expected an error")
    } catch {
        #expect(
            error.message
                == "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go value of type util.SimpleHead")
    }
}

@Test func yamlParseAllDocuments() throws {
    let docs = try HelmYAML.parseAllDocuments("a: 1\n---\n- x\n---\n")
    #expect(docs.count == 3)
    #expect(try GoJSON.marshal(.list(docs)) == "[{\"a\":1},[\"x\"],null]")
}

/// Chart.yaml fields as Helm v4 decodes them into its `Metadata` struct: rows of the helm-chart-fields table, each
/// recorded as `{{ .Chart.FIELD | toJson }}`.
@Test(arguments: OracleTable.load("helm-chart-fields").rows.map {
    ($0["chartYaml"], $0["field"], $0.output ?? "ERROR: " + ($0.error ?? ""))
})
func yamlStringFieldsOfTypedTargets(_ text: String, _ field: String, _ json: String) throws {
    let metadata = GoJSONTarget.structure([
        "appVersion": .string, "description": .string, "keywords": .slice(.string), "annotations": .map(.string),
    ])
    let value = try HelmYAML.parseAny(text, target: metadata)
    let got = try #require(value.mapValue?[field])
    #expect(try GoJSON.marshal(got) == json)
}

@Test func yamlGoStructFieldMatchesCaseInsensitively() throws {
    // Helm v4 sorts a document with `KIND: Namespace` as a Namespace: SimpleHead's `kind` field takes it.
    let head = GoJSONTarget.structure(["kind": .string, "metadata": .structure(["name": .string])])
    let doc = try #require(try HelmYAML.parseAny("KIND: Namespace\n", target: head).mapValue)
    #expect(doc.goStructField("kind")?.stringValue == "Namespace")
    // `kind: 5` reads as the text "5" (an unknown kind).
    let five = try #require(try HelmYAML.parseAny("kind: 5\n", target: head).mapValue)
    #expect(five.goStructField("kind")?.stringValue == "5")
}
