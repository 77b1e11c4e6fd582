import Foundation
import Values

/// The outcome of a lint run and its renderings: text for people, JSON for scripts, SARIF 2.1.0 for CI.
public struct LintReport: Sendable {
    /// The findings, in report order.
    public var findings: [Finding]
    /// The environments linted (`org/env`), in order.
    public var environments: [String]
    /// The checks that could have been reported (for SARIF's rule table).
    public var checks: [LintCheck]

    /// Creates a report.
    public init(findings: [Finding], environments: [String], checks: [LintCheck]) {
        self.findings = findings
        self.environments = environments
        self.checks = checks
    }

    /// How many findings have `severity`.
    public func count(_ severity: Severity) -> Int { findings.filter { $0.severity == severity }.count }

    /// Whether the run fails: any error, or with `strict` any warning.
    public func fails(strict: Bool) -> Bool { count(.error) > 0 || (strict && count(.warning) > 0) }

    /// The text report, grouped by environment; ANSI colours when `color`.
    public func text(color: Bool) -> String {
        func paint(_ s: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }
        var out = ""
        let groups = Dictionary(grouping: findings, by: \.environment)
        for env in environments + (groups[""] == nil ? [] : [""]) {
            let list = groups[env] ?? []
            let problems = list.filter { $0.severity != .note }
            let header = env.isEmpty ? "repository" : env
            let status = problems.isEmpty ? paint("ok", "32") : "\(problems.count) finding(s)"
            out += paint(header, "1") + ": " + status + "\n"
            for f in list {
                let label: String
                switch f.severity {
                case .error: label = paint("error", "31;1")
                case .warning: label = paint("warning", "33;1")
                case .note: label = paint("note", "36")
                }
                let message = f.message.split(separator: "\n", omittingEmptySubsequences: false)
                    .joined(separator: "\n    ")
                out += "  \(f.location): \(label): \(message) [\(f.id)]\n"
                if !f.hint.isEmpty { out += "    hint: \(f.hint)\n" }
            }
        }
        out += "\(environments.count) environment(s): \(count(.error)) error(s), \(count(.warning)) warning(s), \(count(.note)) note(s)\n"
        return out
    }

    /// The JSON report: `{"environments": [...], "findings": [{id, severity, environment, file, line, column,
    /// message, hint}], "summary": {...}}`, keys sorted, two-space indent.
    public func json() -> String {
        let items: [Value] = findings.map { f in
            .map(ValueMap([
                ("id", .string(f.id)), ("severity", .string(f.severity.rawValue)),
                ("environment", .string(f.environment)), ("file", .string(f.location.file)),
                ("line", .int(Int64(f.location.line))), ("column", .int(Int64(f.location.column))),
                ("message", .string(f.message)), ("hint", .string(f.hint)),
            ]))
        }
        let summary = ValueMap([
            ("errors", .int(Int64(count(.error)))), ("warnings", .int(Int64(count(.warning)))),
            ("notes", .int(Int64(count(.note)))),
        ])
        let root = Value.map(ValueMap([
            ("environments", .list(environments.map(Value.string))), ("findings", .list(items)),
            ("summary", .map(summary)),
        ]))
        return Self.encode(root) + "\n"
    }

    /// The SARIF 2.1.0 log: one run of tool `ffgen lint`, one rule per check id, one result per finding with
    /// its physical location (notes are left out: they are not problems).
    public func sarif(version: String) -> String {
        let rules: [Value] = checks.map { check in
            .map(ValueMap([
                ("id", .string(check.id)),
                ("shortDescription", .map(ValueMap([("text", .string(check.summary))]))),
                ("defaultConfiguration", .map(ValueMap([("level", .string(Self.level(check.severity)))]))),
                ("helpUri", .string("https://github.com/fitfile/ffnode-gitops/blob/main/docs/lint.md")),
            ]))
        }
        let results: [Value] = findings.filter { $0.severity != .note }.map { f in
            var region: [(String, Value)] = []
            if f.location.line > 0 {
                region = [("startLine", .int(Int64(f.location.line))), ("startColumn", .int(Int64(max(1, f.location.column))))]
            }
            var physical: [(String, Value)] = [
                ("artifactLocation", .map(ValueMap([("uri", .string(f.location.file)), ("uriBaseId", .string("%SRCROOT%"))])))
            ]
            if !region.isEmpty { physical.append(("region", .map(ValueMap(region)))) }
            let text = f.hint.isEmpty ? f.message : f.message + " (" + f.hint + ")"
            return .map(ValueMap([
                ("ruleId", .string(f.id)), ("level", .string(Self.level(f.severity))),
                ("message", .map(ValueMap([("text", .string(text))]))),
                ("locations", .list([.map(ValueMap([("physicalLocation", .map(ValueMap(physical)))]))])),
                ("properties", .map(ValueMap([("environment", .string(f.environment))]))),
            ]))
        }
        let driver = ValueMap([
            ("name", .string("ffgen lint")), ("version", .string(version)),
            ("informationUri", .string("https://github.com/fitfile/ffnode-gitops")), ("rules", .list(rules)),
        ])
        let run = ValueMap([("tool", .map(ValueMap([("driver", .map(driver))]))), ("results", .list(results))])
        let log = Value.map(ValueMap([
            ("$schema", .string("https://json.schemastore.org/sarif-2.1.0.json")), ("version", .string("2.1.0")),
            ("runs", .list([.map(run)])),
        ]))
        return Self.encode(log) + "\n"
    }

    private static func level(_ severity: Severity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .note: "note"
        }
    }

    /// Pretty JSON with sorted keys (ValueMap keeps keys sorted); the values are plain data, so encoding cannot
    /// fail, and an empty object stands in should it ever.
    static func encode(_ value: Value) -> String {
        (try? GoJSON.marshal(value, escapeHTML: false, indent: "  ")) ?? "{}"
    }
}
