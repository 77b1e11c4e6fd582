import FFGenTestSupport
import Foundation
import GoTemplate
import Testing
import Values

@testable import Sprig

/// A template using Sprig functions, run end to end through the executor, with what Helm rendered.
struct SprigTemplateCase: CustomTestStringConvertible, Sendable {
    let template: String
    let expected: SprigCase.Expected

    init(_ template: String, _ expected: SprigCase.Expected) {
        self.template = template
        self.expected = expected
    }

    /// A row of a `template` oracle table; a Helm error keeps its innermost message.
    init(_ row: OracleRow) {
        self.template = row["template"]
        if let output = row.output {
            self.expected = .ok(output)
        } else {
            self.expected = .error(HelmMessage.innermost(row.error ?? ""))
        }
    }

    var testDescription: String { template }
}

/// The values the template cases are rendered with: the table's `render.values`, parsed as Helm parses values.yaml.
let sprigTemplateValues = OracleTable.load("sprig-template").settings["values"] ?? ""

enum SprigTemplateRunner {
    /// Sprig plus stand-ins for the Helm functions the cases use (`include`, `toYaml`, `toJson`, `fromJson`).
    static let functions: FunctionTable = {
        var table = SprigTesting.table
        table.merge(FunctionTable([
            GoFunc("include", [.string, .interface]) { a, ctx in
                .string(try ctx.executeTemplate(named: a[0].stringValue ?? "", data: a[1]))
            },
            GoFunc("toYaml", [.interface]) { a in .string(HelmYAML.toYaml(a[0])) },
            GoFunc("toJson", [.interface]) { a in .string((try? GoJSON.marshal(a[0])) ?? "") },
            GoFunc("fromJson", [.string]) { a in GoJSON.fromJson(a[0].stringValue ?? "") },
        ]))
        return table
    }()

    static func data() throws -> Value {
        let values = try HelmYAML.parseValues(sprigTemplateValues)
        return .map(ValueMap([("Values", Value.map(values))]))
    }

    /// Renders `template` as the oracle chart did; returns the output or the error text.
    static func run(_ template: String) -> Result<String, Error> {
        Result {
            var set = TemplateSet()
            set.rootName = "gotpl"
            try set.parse(name: "x", text: template, functions: functions)
            var out = ""
            try set.execute(name: "x", data: try data(), functions: functions,
                            options: ExecutionOptions(missingKey: .zero), into: &out)
            return out
        }
    }
}

@Test(arguments: sprigTemplateCases)
func sprigTemplates(_ row: SprigTemplateCase) {
    SprigTemplateRunner.check(row)
}

extension SprigTemplateRunner {
    /// Runs the row's template and compares with what Helm rendered.
    static func check(_ row: SprigTemplateCase) {
        switch (row.expected, run(row.template)) {
        case (.ok(let text), .success(let out)):
            #expect(out == text)
        case (.error(let message), .failure(let e)):
            // Helm wraps the error in the include trace; the innermost `error calling …` part is ours.
            let text = (e as? TemplateError)?.message ?? "\(e)"
            #expect(text == message)
        case (.ok(let text), .failure(let e)):
            Issue.record("expected \(text.debugDescription), got error \(e)")
        case (.error(let message), .success(let out)):
            Issue.record("expected error \(message.debugDescription), got \(out.debugDescription)")
        }
    }
}
