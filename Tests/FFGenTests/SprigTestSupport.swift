import FFGenTestSupport
import Foundation
import GoTemplate
import Testing
import Values

@testable import Sprig

/// One oracle row: a template action, the function and arguments it calls, and what Helm printed.
struct SprigCase: CustomTestStringConvertible, Sendable {
    enum Expected: Sendable {
        /// The text `{{ template }}` rendered to (`<no value>` for nil).
        case ok(String)
        /// The message after `error calling NAME: `.
        case error(String)
    }

    let template: String
    let function: String
    let arguments: [Value]
    let expected: Expected

    init(_ template: String, _ function: String, _ arguments: [Value], _ expected: Expected) {
        self.template = template
        self.function = function
        self.arguments = arguments
        self.expected = expected
    }

    /// A row of an `expression` oracle table: the function and arguments are read from the expression, and a
    /// Helm error keeps only what the function itself reported (after `error calling NAME: `).
    init(_ row: OracleRow) {
        let expression = row["expression"]
        let call = CallExpression.parse(expression)
        self.template = expression
        self.function = call?.function ?? "(unreadable expression)"
        self.arguments = call?.arguments ?? []
        if let output = row.output {
            self.expected = .ok(output)
        } else {
            self.expected = .error(HelmMessage.afterErrorCalling(row.error ?? ""))
        }
    }

    var testDescription: String { template }
}

/// A context for functions that never call back into the template engine.
final class SprigNoContext: FunctionContext {
    var currentTemplateName: String { "test" }
    func executeTemplate(named name: String, data: Value) throws -> String { "" }
    func parseAndExecute(text: String, data: Value) throws -> String { "" }
}

enum SprigTesting {
    /// A deterministic environment: a fixed clock, a counting random source, UTC as `Local`.
    static let environment = SprigEnvironment(
        now: { Date(timeIntervalSince1970: 1_700_000_000) },
        random: { 4 },
        localZone: TimeZone(identifier: "UTC") ?? .current)

    static let table = SprigLibrary.functions(environment: environment)

    /// What a template prints for a function result (`{{ f … }}`).
    static func printed(_ v: Value) -> String {
        if case .null = v { return "<no value>" }
        return GoFormat.describe(v)
    }

    /// Calls function `name` of the test table directly.
    static func call(_ name: String, _ arguments: [Value]) throws -> Value {
        guard let f = table[name] else { throw FunctionError("no \(name)") }
        return try f.body(arguments, SprigNoContext())
    }

    /// The text of the error `body` throws, or nil.
    static func errorText(_ body: () throws -> Any) -> String? {
        do {
            _ = try body()
            return nil
        } catch {
            return "\(error)"
        }
    }

    /// Calls the row's function and checks its printed result or error message.
    static func check(_ row: SprigCase) {
        guard let f = table[row.function] else {
            Issue.record("no function \(row.function)")
            return
        }
        let result: Result<Value, Error> = Result { try f.body(row.arguments, SprigNoContext()) }
        switch (row.expected, result) {
        case (.ok(let text), .success(let v)):
            // The recorded text is Go's output bytes decoded as UTF-8 with U+FFFD for invalid bytes; compare
            // the bytes ffgen stands for (GoBytes) decoded the same way.
            #expect(String(decoding: GoBytes.bytes(printed(v)), as: UTF8.self) == text, "\(row.template)")
        case (.error(let message), .failure(let e)):
            #expect("\(e)" == message, "\(row.template)")
        case (.ok(let text), .failure(let e)):
            Issue.record("\(row.template): expected \(text.debugDescription), got error \(e)")
        case (.error(let message), .success(let v)):
            Issue.record("\(row.template): expected error \(message.debugDescription), got \(printed(v).debugDescription)")
        }
    }
}
