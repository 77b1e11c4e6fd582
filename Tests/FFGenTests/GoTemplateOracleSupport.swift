import FFGenTestSupport
import Foundation
import Testing
import Values
@testable import GoTemplate

/// One template run through real Helm: the rendered text (Go's output, through `include`, so `<no value>` is kept)
/// or Helm's error text.
struct OracleCase: CustomTestStringConvertible, Sendable {
    let template: String
    let output: String?
    let error: String?

    init(_ template: String, output: String) {
        self.template = template
        self.output = output
        self.error = nil
    }

    init(_ template: String, error: String) {
        self.template = template
        self.output = nil
        self.error = error
    }

    /// A row of an oracle table whose input is a `template`.
    init(_ row: OracleRow) {
        self.template = row["template"]
        self.output = row.output
        self.error = row.error
    }

    var testDescription: String { template }
}

/// The template name Helm gives the file in the oracle charts.
let oracleTemplateName = "c/templates/t.yaml"

/// The values every oracle case was rendered with: `{list: [1, 2], nul: null, a: {b: 1}, s: str, f: 1000000}`.
func oracleData() -> Value {
    let values = ValueMap([
        ("list", Value.list([.float(1), .float(2)])),
        ("nul", .null),
        ("a", .map(ValueMap([("b", Value.float(1))]))),
        ("s", .string("str")),
        ("f", .float(1_000_000)),
    ])
    let release = ValueMap([("Name", Value.string("r")), ("Namespace", .string("ns"))])
    return .map(ValueMap([("Values", Value.map(values)), ("Release", .map(release))]))
}

/// Stand-ins for the few Sprig/Helm functions the cases use, with the same Go signatures.
let oracleFunctions = FunctionTable([
    GoFunc("upper", [.string]) { a in .string(a[0].stringValue?.uppercased() ?? "") },
    GoFunc("repeat", [.int, .string]) { a in
        guard case .int(let n, _) = a[0], case .string(let s) = a[1] else { return .null }
        return .string(String(repeating: s, count: Int(max(n, 0))))
    },
    GoFunc("list", [], variadic: .interface) { a in .list(a) },
    GoFunc("include", [.string, .interface]) { a, ctx in
        .string(try ctx.executeTemplate(named: a[0].stringValue ?? "", data: a[1]))
    },
    GoFunc("tpl", [.string, .interface]) { a, ctx in
        .string(try ctx.parseAndExecute(text: a[0].stringValue ?? "", data: a[1]))
    },
])

/// Helm 4's rendering of a template error, rebuilt from the structured fields, to compare with the oracle:
/// parse errors keep the last `: ` segment, exec errors other than `error calling` become the multi-line form.
func helmRendering(_ e: TemplateError) -> String {
    switch e.kind {
    case .parse:
        let last = e.goDescription.components(separatedBy: ": ").last ?? ""
        return "parse error at (\(e.locationName):\(e.line)): \(last)"
    case .exec:
        if e.message.hasPrefix("error calling") || e.nodeContext == nil { return e.goDescription }
        return "\(e.location)\n  executing \"\(e.executingTemplate ?? "")\" at <\(e.nodeContext ?? "")>:\n    \(e.message)"
    case .other:
        return e.message
    }
}

/// Parses and executes `template` as Helm's oracle chart did (missingkey=zero); returns output or Helm's error text.
func runOracleCase(_ template: String) -> (output: String?, error: String?) {
    do {
        var set = TemplateSet()
        set.rootName = "gotpl"
        try set.parse(name: oracleTemplateName, text: template, functions: oracleFunctions)
        var out = ""
        try set.execute(name: oracleTemplateName, data: oracleData(), functions: oracleFunctions,
                        options: ExecutionOptions(missingKey: .zero), into: &out)
        return (out, nil)
    } catch let e as TemplateError {
        return (nil, helmRendering(e))
    } catch {
        return (nil, "unexpected error \(error)")
    }
}

/// Asserts one oracle case.
func checkOracleCase(_ c: OracleCase) {
    let (output, error) = runOracleCase(c.template)
    if let expected = c.output {
        #expect(error == nil)
        #expect(output == expected)
    } else {
        #expect(output == nil)
        #expect(error == c.error)
    }
}
