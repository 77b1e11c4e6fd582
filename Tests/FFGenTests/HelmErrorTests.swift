import Foundation
import HelmEngine
import Testing

/// ffgen's own rendering of Helm errors (`path:line:col: error: message`, the source line with a caret, the
/// include chain, a hint). Helm's text for the same fixtures is checked by the oracle fixtures; these rows pin
/// the ffgen format, which is ours.
@Suite("Helm errors")
struct HelmErrorTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/helm-unit")

    static let cases: [(String, String)] = [
        (
            "err-include-arity",
            """
            x1/templates/_h.tpl:1:20: error: wrong number of args for upper: want 1 got 2
                {{ define "h" }}{{ upper 1 2 }}{{ end }}
                                   ^
              included from x1/templates/a.yaml:1:7 <include "h" .>
            """
        ),
        (
            "err-required-in-include",
            """
            x1/templates/_h.tpl:1:20: error: need foo
                {{ define "h" }}{{ required "need foo" .Values.foo }}{{ end }}
                                   ^
              included from x1/templates/a.yaml:1:7 <include "h" .>
            hint: set `foo` in the values (a -f file, or --set foo=…)
            """
        ),
        (
            "err-parse-end",
            """
            x1/templates/a.yaml:2: error: unexpected {{end}}
                {{ end }}
            """
        ),
        (
            "err-nil-pointer",
            """
            x1/templates/a.yaml:1:14: error: nil pointer evaluating interface {}.b
                x: {{ .Values.a.b.c }}
                             ^
            """
        ),
    ]

    @Test(arguments: cases)
    func ffgenFormat(_ name: String, _ expected: String) throws {
        let chart = try ChartLoader().load(directory: Self.fixtures.appendingPathComponent("\(name)/chart").path)
        do {
            _ = try HelmRenderer().render(chart: chart, values: .init(), options: RenderOptions(releaseName: "rel"))
            Issue.record("\(name) rendered without error")
        } catch let error as HelmError {
            #expect(error.ffgenDescription == expected)
        }
    }

    @Test func equalityLooksAtTheCodeOnly() {
        let a = HelmError(code: .values, message: "a")
        let b = HelmError(code: .values, message: "b", hint: "h")
        #expect(a == b)
        #expect(a != HelmError(code: .schema, message: "a"))
        #expect(b.ffgenDescription == "error: b\nhint: h")
    }
}
