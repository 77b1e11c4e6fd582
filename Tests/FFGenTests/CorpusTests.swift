import FFGenTestSupport
import Foundation
import HelmEngine
import Testing

/// The Helm conformance corpus: every case rendered by ffgen must equal what real Helm recorded for it.
@Suite struct CorpusTests {
    init() {
        // The corpus is recorded in UTC (date functions format in the local zone).
        setenv("TZ", "UTC", 1)
    }

    @Test(arguments: CorpusCase.all())
    func matchesHelm(_ testCase: CorpusCase) throws {
        let directory = try Fixtures.temporaryDirectory("corpus")
        defer { try? FileManager.default.removeItem(at: directory) }
        let invocation = try testCase.unpack(into: directory)
        let actual = render(invocation)
        let expected = try testCase.expected()
        switch (expected, actual) {
        case (.output(let want), .output(let got)):
            #expect(got == want, "\(testCase.name): output differs from Helm")
        case (.error(let want), .error(let got)):
            #expect(got == want, "\(testCase.name): error text differs from Helm")
        case (.output, .error(let got)):
            Issue.record("\(testCase.name): Helm renders, ffgen fails: \(got)")
        case (.error(let want), .output):
            Issue.record("\(testCase.name): Helm fails with \(want.debugDescription), ffgen renders")
        }
    }

    @Test func corpusIsLargeAndComplete() {
        let cases = CorpusCase.all()
        #expect(cases.count >= 300)
        let categories = Set(cases.map { $0.name.split(separator: "/")[0] })
        for category in ["yaml", "toyaml", "lang", "builtins", "sprig", "helmfuncs", "chart", "output", "errors",
                         "realistic"] {
            #expect(categories.contains(Substring(category)), "no \(category) cases")
        }
    }

    private func render(_ invocation: CorpusCase.Invocation) -> CorpusCase.Expected {
        var values = ValueOptions()
        values.valueFiles = invocation.valueFiles
        values.values = invocation.set
        values.stringValues = invocation.setString
        values.jsonValues = invocation.setJSON
        values.literalValues = invocation.setLiteral
        let options = RenderOptions(releaseName: invocation.release, namespace: invocation.namespace)
        do {
            let release = try HelmRenderer().template(
                chartPath: invocation.chartDirectory, values: values, options: options)
            return .output(release.stdout)
        } catch let error as HelmError {
            return .error(error.helmDescription)
        } catch {
            return .error("\(error)")
        }
    }
}
