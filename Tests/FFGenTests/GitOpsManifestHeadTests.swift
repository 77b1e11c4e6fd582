import Foundation
@testable import GitOps
import Testing
import Values

/// The quick `metadata.namespace` reader must agree with a full YAML parse whenever it claims to know, and must
/// step aside for shapes it cannot read.
@Suite struct GitOpsManifestHeadTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var document: String
        /// nil: the reader must say `.unsure`.
        var namespace: String?
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "plain", document: "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  namespace: web\n",
             namespace: "web"),
        Case(name: "none", document: "kind: ClusterIssuer\nmetadata:\n  name: a\n  labels:\n    x: y\nspec: {}\n",
             namespace: ""),
        Case(name: "double quoted", document: "kind: K\nmetadata:\n  name: a\n  namespace: \"web\"\n", namespace: "web"),
        Case(name: "single quoted yes", document: "kind: K\nmetadata:\n  name: a\n  namespace: 'yes'\n",
             namespace: "yes"),
        Case(name: "comment after", document: "kind: K\nmetadata: # m\n  name: a\n  namespace: web # here\n",
             namespace: "web"),
        Case(name: "nested namespace key is not metadata's",
             document: "kind: K\nmetadata:\n  name: a\n  labels:\n    namespace: other\nspec:\n  namespace: x\n",
             namespace: ""),
        Case(name: "block scalar annotation",
             document: "kind: K\nmetadata:\n  name: a\n  annotations:\n    note: |\n      namespace: fake\n  namespace: real\n",
             namespace: "real"),
        Case(name: "four-space indent", document: "kind: K\nmetadata:\n    name: a\n    namespace: web\n", namespace: "web"),
        Case(name: "boolean word", document: "kind: K\nmetadata:\n  name: a\n  namespace: yes\n", namespace: nil),
        Case(name: "number", document: "kind: K\nmetadata:\n  name: a\n  namespace: 1e3\n", namespace: nil),
        Case(name: "flow metadata", document: "kind: K\nmetadata: {name: a, namespace: web}\n", namespace: nil),
        Case(name: "anchor", document: "kind: K\nmetadata: &m\n  name: a\n", namespace: nil),
        Case(name: "merge key", document: "kind: K\nmetadata:\n  <<: *m\n  name: a\n", namespace: nil),
        Case(name: "quoted top-level key", document: "kind: K\n\"metadata\":\n  name: a\n", namespace: nil),
        Case(name: "quoted child key", document: "kind: K\nmetadata:\n  \"namespace\": web\n  name: a\n", namespace: nil),
        Case(name: "duplicate namespace", document: "kind: K\nmetadata:\n  name: a\n  namespace: a\n  namespace: b\n",
             namespace: nil),
        Case(name: "tagged", document: "kind: K\nmetadata:\n  name: a\n  namespace: !!str web\n", namespace: nil),
        Case(name: "empty value", document: "kind: K\nmetadata:\n  name: a\n  namespace:\n", namespace: nil),
        Case(name: "metadatas is another key", document: "kind: K\nmetadatas:\n  namespace: x\nmetadata:\n  name: a\n",
             namespace: ""),
    ]

    @Test(arguments: cases) func agreesWithTheFullParse(_ testCase: Case) throws {
        let quick = ManifestHead.namespace(of: testCase.document)
        guard let expected = testCase.namespace else {
            #expect(quick == .unsure)
            return
        }
        #expect(quick == .known(expected))
        // When sure, it matches what the YAML reader finds.
        guard case .map(let object)? = try? HelmYAML.parseAny(testCase.document) else {
            Issue.record("the case does not parse as a map")
            return
        }
        let parsed = stringField(object, "metadata.namespace") ?? ""
        #expect(parsed == expected)
    }
}
