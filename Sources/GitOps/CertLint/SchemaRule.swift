import Foundation
import Values

/// Values against the app-of-apps chart's `values.schema.json`: unknown keys, wrong types, missing required
/// fields and values outside an enum or pattern, each pointing at the value in the environment's file.
///
/// Helm stops at the first failing environment with one message for the whole tree; this check walks the
/// schema itself so every mistake gets its own line and location. It covers the keywords the charts use:
/// `$ref` to local definitions, `type`, `enum`, `const`, `properties`, `additionalProperties`, `required`,
/// `items`, `minItems`, `maxItems`, `uniqueItems`, `minLength`, `maxLength`, `pattern`, `minimum`, `maximum`.
public struct SchemaRule: LintRule {
    /// Creates the rule.
    public init() {}

    /// The checks of this rule.
    public var checks: [LintCheck] {
        [
            LintCheck("schema.unknown-key", .error, "A key the chart's schema does not allow (a typo such as dnsName)."),
            LintCheck("schema.type", .error, "A value of the wrong type (a string where a list is expected)."),
            LintCheck("schema.required", .error, "A required field is missing."),
            LintCheck("schema.value", .error, "A value outside the allowed set, pattern, length or range."),
            LintCheck("values.unreadable", .error, "The values file cannot be read or parsed as YAML."),
        ]
    }

    /// The findings of every environment.
    public func findings(in repository: LintRepository) -> [Finding] {
        var out: [Finding] = []
        for env in repository.environments {
            if let error = env.loadError {
                out.append(
                    env.finding(
                        "values.unreadable", .error, at: env.location(""), error,
                        hint: "fix the YAML syntax of \(env.environment.valuesFile)"))
                continue
            }
            guard let schema = repository.schema else { continue }
            var walker = Walker(root: schema, env: env)
            walker.check(schema: schema, value: .map(env.values), path: "")
            out += walker.findings
        }
        return out
    }

    private struct Walker {
        let root: Value
        let env: LintEnvironment
        var findings: [Finding] = []
        var depth = 0

        mutating func report(_ id: String, _ path: String, key: Bool = false, _ message: String, _ hint: String) {
            let location = key ? env.location(path) : env.valueLocation(path)
            findings.append(env.finding(id, .error, at: location, message, hint: hint))
        }

        func resolve(_ ref: String) -> Value? {
            guard ref.hasPrefix("#/") else { return nil }
            var current: Value? = root
            for part in ref.dropFirst(2).split(separator: "/") {
                let key = String(part).replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
                current = current?[key]
            }
            return current
        }

        mutating func check(schema: Value, value: Value, path: String) {
            guard case .map(let s) = schema, depth < 64 else { return }
            depth += 1
            defer { depth -= 1 }
            if case .string(let ref)? = s["$ref"], let target = resolve(ref) {
                check(schema: target, value: value, path: path)
                return
            }
            let shown = path.isEmpty ? "the top level" : path
            if let type = s["type"] {
                let allowed: [String] = type.stringValue.map { [$0] } ?? (type.listValue ?? []).compactMap(\.stringValue)
                if !allowed.isEmpty && !allowed.contains(where: { Self.matches(type: $0, value) }) {
                    report(
                        "schema.type", path, "\(shown) is \(Self.article(Self.jsonType(value))), the chart expects "
                            + allowed.map(Self.article).joined(separator: " or "),
                        Self.typeHint(allowed, path))
                    return
                }
            }
            if let options = s["enum"]?.listValue, !options.contains(where: { $0.deepEquals(value) }) {
                report(
                    "schema.value", path, "\(shown) is \(GoFormat.describe(value)), not one of "
                        + options.map { GoFormat.describe($0) }.joined(separator: ", "),
                    "use one of the listed values")
            }
            if let constant = s["const"], !constant.deepEquals(value) {
                report("schema.value", path, "\(shown) must be \(GoFormat.describe(constant))", "set it to that value")
            }
            switch value {
            case .map(let object): checkObject(s, object, path)
            case .list(let items): checkArray(s, items, path)
            case .string(let text): checkString(s, text, path)
            case .int, .float: checkNumber(s, value, path)
            default: break
            }
        }

        mutating func checkObject(_ s: ValueMap, _ object: ValueMap, _ path: String) {
            let properties = s["properties"]?.mapValue ?? ValueMap()
            for required in s["required"]?.listValue ?? [] {
                guard let name = required.stringValue, object[name] == nil else { continue }
                report(
                    "schema.required", path, key: true, "\(path.isEmpty ? "the top level" : path) has no \(name)",
                    "add `\(name):` (required by \(path.isEmpty ? "the chart" : "every entry of this kind"))")
            }
            for (key, value) in object {
                let child = ValueLocations.child(path, key: key)
                if let sub = properties[key] {
                    check(schema: sub, value: value, path: child)
                    continue
                }
                switch s["additionalProperties"] {
                case .bool(false)?:
                    let known = properties.keys
                    let hint = Self.closest(key, in: known).map { "did you mean `\($0)`?" }
                        ?? "allowed here: " + known.joined(separator: ", ")
                    report("schema.unknown-key", child, key: true, "unknown key `\(key)` in \(path.isEmpty ? "the top level" : path)", hint)
                case .map(let sub)?:
                    check(schema: .map(sub), value: value, path: child)
                default:
                    break
                }
            }
        }

        mutating func checkArray(_ s: ValueMap, _ items: [Value], _ path: String) {
            if let min = s["minItems"].flatMap(Self.number), Double(items.count) < min {
                report("schema.value", path, "\(path) needs at least \(Int(min)) item(s), it has \(items.count)", "add the missing items")
            }
            if let max = s["maxItems"].flatMap(Self.number), Double(items.count) > max {
                report("schema.value", path, "\(path) allows at most \(Int(max)) item(s), it has \(items.count)", "remove items")
            }
            if s["uniqueItems"]?.boolValue == true && !path.hasSuffix(".dnsNames") {
                for (i, item) in items.enumerated() where items[..<i].contains(where: { $0.deepEquals(item) }) {
                    report(
                        "schema.value", ValueLocations.child(path, index: i),
                        "\(path) lists \(GoFormat.describe(item)) more than once", "remove the repeated item")
                }
            }
            if let itemSchema = s["items"], case .map = itemSchema {
                for (i, item) in items.enumerated() {
                    check(schema: itemSchema, value: item, path: ValueLocations.child(path, index: i))
                }
            }
        }

        mutating func checkString(_ s: ValueMap, _ text: String, _ path: String) {
            // DNS names get DNSNameRule's precise reasons instead of a pattern.
            if Self.isDNSName(path) { return }
            let length = text.unicodeScalars.count
            if let min = s["minLength"].flatMap(Self.number), Double(length) < min {
                report("schema.value", path, "\(path) is shorter than \(Int(min)) character(s)", "set a value")
            }
            if let max = s["maxLength"].flatMap(Self.number), Double(length) > max {
                report("schema.value", path, "\(path) is longer than \(Int(max)) characters (\(length))", "shorten it")
            }
            if let pattern = s["pattern"]?.stringValue, !Self.matches(pattern, text) {
                report(
                    "schema.value", path, "\(path) '\(text)' does not match the pattern \(pattern)",
                    s["description"]?.stringValue ?? "see the chart's values.yaml for the expected form")
            }
        }

        mutating func checkNumber(_ s: ValueMap, _ value: Value, _ path: String) {
            guard let n = Self.number(value) else { return }
            if let min = s["minimum"].flatMap(Self.number), n < min {
                report("schema.value", path, "\(path) is \(GoFormat.describe(value)), below the minimum \(GoFormat.formatFloatG(min))", "raise it")
            }
            if let max = s["maximum"].flatMap(Self.number), n > max {
                report("schema.value", path, "\(path) is \(GoFormat.describe(value)), above the maximum \(GoFormat.formatFloatG(max))", "lower it")
            }
        }

        /// `certs.certificates[i].dnsNames[j]`, which DNSNameRule checks.
        static func isDNSName(_ path: String) -> Bool {
            guard path.hasSuffix("]"), let open = path.range(of: ".dnsNames[", options: .backwards) else { return false }
            return !path[open.upperBound...].contains(".")
        }

        static func number(_ v: Value) -> Double? {
            switch v {
            case .int(let i, _): Double(i)
            case .float(let f): f
            default: nil
            }
        }

        static func jsonType(_ v: Value) -> String {
            switch v {
            case .null: "null"
            case .bool: "boolean"
            case .int: "integer"
            case .float(let f): f == f.rounded() ? "integer" : "number"
            case .string: "string"
            case .list: "array"
            case .map, .object: "object"
            }
        }

        static func matches(type: String, _ v: Value) -> Bool {
            let actual = jsonType(v)
            return actual == type || (type == "number" && actual == "integer")
        }

        static func article(_ type: String) -> String {
            switch type {
            case "array": "a list"
            case "object": "a map"
            case "integer": "an integer"
            case "null": "null"
            default: "a " + type
            }
        }

        static func typeHint(_ allowed: [String], _ path: String) -> String {
            switch allowed.first {
            case "array": "write a YAML list, e.g. `\(path.split(separator: ".").last ?? ""): [\"a\"]`"
            case "boolean": "write true or false without quotes"
            case "object": "write a map of keys"
            case "string": "quote the value"
            default: "write a value of the expected type"
            }
        }

        static func matches(_ pattern: String, _ text: String) -> Bool {
            guard let regex = try? NSRegularExpression(pattern: pattern) else { return true }
            return regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
        }

        /// The allowed key closest to `key` (edit distance at most 2, or a case-insensitive match).
        static func closest(_ key: String, in known: [String]) -> String? {
            var best: (String, Int)?
            for candidate in known {
                let d = candidate.lowercased() == key.lowercased() ? 0 : distance(Array(key.utf8), Array(candidate.utf8))
                if d <= 2 && (best == nil || d < best?.1 ?? Int.max) { best = (candidate, d) }
            }
            return best?.0
        }

        static func distance(_ a: [UInt8], _ b: [UInt8]) -> Int {
            var previous = Array(0...b.count)
            for (i, x) in a.enumerated() {
                var current = [i + 1]
                for (j, y) in b.enumerated() {
                    current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1)))
                }
                previous = current
            }
            return previous[b.count]
        }
    }
}
