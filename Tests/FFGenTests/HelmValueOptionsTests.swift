import Foundation
import HelmEngine
import Testing
import Values

/// `-f` / `--set*` merging. Not from the oracle: the SDK has no MergeValues. The expectations are derived from Helm's
/// `pkg/cli/values/options.go` (MergeValues: files merged in order, then --set-json, --set, --set-string, --set-file,
/// --set-literal; its `failed parsing --set data: ` and `failed to parse FILE: ` prefixes), built from results the
/// oracle does record: each expression's parse (the helm-strvals table) and the multi-document values loading (the
/// yaml-loadvalues table).
@Suite("Helm value options")
struct HelmValueOptionsTests {
    static func files(_ contents: [String: String]) -> (String) throws -> String {
        { path in
            guard let text = contents[path] else { throw HelmError(code: .values, message: "open \(path): no such file or directory") }
            return text
        }
    }

    @Test func flagsApplyInHelmsOrder() throws {
        var options = ValueOptions()
        options.valueFiles = ["a.yaml", "b.yaml"]
        options.literalValues = ["lit=x,y"]
        options.stringValues = ["s=1"]
        options.values = ["n=1000000,s=2,m.k=v"]
        options.jsonValues = [#"{"j":{"a":1}}"#, "m.j=[1,2]"]
        options.fileValues = ["f=notes.txt"]
        let read = Self.files([
            "a.yaml": "m:\n  a: 1\n  b: 2\nl: [1, 2]\n",
            "b.yaml": "m:\n  b: 3\nl: [3]\n---\nm:\n  c: 4\n",
            "notes.txt": "hello\n",
        ])
        let merged = try options.merge(codecs: .standard, readFile: read)
        #expect(
            GoFormat.describe(.map(merged))
                == "map[f:hello\n j:map[a:1] l:[3] lit:x,y m:map[a:1 b:3 c:4 j:[1 2] k:v] n:1000000 s:1]")
    }

    @Test func setErrorsNameTheFlag() {
        var options = ValueOptions()
        options.values = ["a"]
        #expect(throws: HelmError.self) { try options.merge(codecs: .standard) }
        do {
            _ = try options.merge(codecs: .standard)
        } catch let error as HelmError {
            #expect(error.helmDescription == #"failed parsing --set data: key "a" has no value"#)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func badValuesFileNamesThePath() {
        var options = ValueOptions()
        options.valueFiles = ["bad.yaml"]
        do {
            _ = try options.merge(codecs: .standard, readFile: Self.files(["bad.yaml": "a: [\n"]))
            Issue.record("no error")
        } catch let error as HelmError {
            #expect(error.helmDescription.hasPrefix("failed to parse bad.yaml: cannot unmarshal yaml document: error converting YAML to JSON: yaml: line 1"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
