import Foundation
import GoTemplate
import Values

/// Validation of values against a chart's values.schema.json, reporting as Helm v4 does.
///
/// Helm 4 uses santhosh-tekuri/jsonschema v6; this covers the keywords charts use (type, enum, const, $ref to
/// local definitions, properties, patternProperties, additionalProperties, required, min/maxProperties,
/// items/prefixItems, min/maxItems, uniqueItems, min/maxLength, pattern, minimum/maximum/exclusive*, multipleOf,
/// not/allOf/anyOf/oneOf, if/then/else) and its error tree text (`- at '/a': got number, want string`).
/// `format` is asserted for draft-04 to draft-07 schemas, as jsonschema does, for the formats in `SchemaFormats`
/// (email, hostname, ipv4, uuid, uri, uri-reference, date, time, date-time).
/// dependencies (every draft) and dependentRequired/dependentSchemas (2019-09 and later) are checked too.
/// propertyNames and contains (min/maxContains from 2019-09) are checked.
/// Not covered: remote `$ref`s, the other formats, `unevaluated*`, `$dynamicRef`.
public enum SchemaValidator {
    /// One failure: where in the values, what, and nested causes (for allOf/anyOf/oneOf and groups).
    struct Failure {
        var instancePath: [String]
        var message: String
        var causes: [Failure] = []
        var kind = Kind.plain

        enum Kind {
            case plain
            /// Several failures of one schema (jsonschema kind.Group).
            case group
            /// A failed `$ref`; with a single cause it is not displayed itself (jsonschema `skip`).
            case reference
        }
    }

    /// Validates `values` against the schemas of `chart` and its subcharts, as Helm's ValidateAgainstSchema:
    /// nil when valid, otherwise the text after `values don't meet the specifications …:\n`.
    static func validate(chart: Chart, values: ValueMap, codecs: HelmCodecs, cache: RenderCache? = nil) -> String? {
        var out = ""
        if let schemaBytes = chart.schema {
            let text = String(decoding: schemaBytes, as: UTF8.self)
            if let failure = validateSingle(schemaText: text, values, codecs, cache: cache) {
                out += "\(chart.name):\n" + failure
            }
        }
        for index in chart.dependencies.indices {  // by index: no copy of each subchart
            let name = chart.dependencies[index].name
            guard let raw = values[name], !raw.isNull else { continue }
            guard case .map(let subValues) = raw else {
                out += "\(name):\ninvalid type for values: expected object (map), got \(raw.goTypeName)\n"
                continue
            }
            let sub = chart.dependencies[index]
            if let nested = validate(chart: sub, values: subValues, codecs: codecs, cache: cache) { out += nested }
        }
        return out.isEmpty ? nil : out
    }

    /// Helm's full error for a failed validation.
    static func helmError(_ text: String) -> HelmError {
        HelmError(
            code: .schema,
            message: "values don't meet the specifications of the schema(s) in the following chart(s):\n" + text,
            hint: "fix the values named above or the chart's values.schema.json")
    }

    // Helm: ValidateAgainstSingleSchema + JSONSchemaValidationError.Error.
    private static func validateSingle(
        schemaText: String, _ values: ValueMap, _ codecs: HelmCodecs, cache: RenderCache?
    ) -> String? {
        let schema: Value
        do {
            if let cache {
                schema = try cache.schema(schemaText) { try codecs.jsonDocument($0) }
            } else {
                schema = try PhaseTimer.measure("s.json") { try codecs.jsonDocument(schemaText) }
            }
        } catch {
            return HelmCodecs.message(of: error)
        }
        var context = Context(root: schema)
        if case .map(let m) = schema, case .string(let dialect)? = m["$schema"] {
            context.legacyRef = ["draft-04", "draft-06", "draft-07"].contains { draft in
                dialect.utf8.indices.contains { dialect.utf8[$0...].starts(with: draft.utf8) }
            }
        }
        let failure = PhaseTimer.measure("s.validate") {
            context.validate(schema: schema, instance: .map(values), path: [])
        }
        guard let failure else { return nil }
        let top = failure.kind == .group ? failure.causes : [failure]
        var text = ""
        for cause in top { display(cause, indent: 1, into: &text) }
        return String(text.dropFirst()) + "\n"
    }

    /// jsonschema's text for groups and references.
    static let groupMessage = "validation failed"

    // jsonschema: ValidationError.display.
    private static func display(_ failure: Failure, indent: Int, into text: inout String) {
        var indent = indent
        if !(failure.kind == .reference && failure.causes.count == 1) {
            text += "\n" + String(repeating: "  ", count: indent - 1) + "- "
            text += "at " + quote(failure.instancePath.map(escapePointer).map { "/" + $0 }.joined()) + ": "
            text += failure.message
            indent += 1
        }
        for cause in failure.causes { display(cause, indent: indent, into: &text) }
    }

    private static func escapePointer(_ token: String) -> String {
        token.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }

    /// jsonschema's quote: Go `%q` with `\"` unescaped and `'` escaped, in single quotes.
    static func quote(_ s: String) -> String {
        let goQuoted = GoQuote.quote(s)
        let inner = goQuoted.dropFirst().dropLast().replacingOccurrences(of: "\\\"", with: "\"")
            .replacingOccurrences(of: "'", with: "\\'")
        return "'" + inner + "'"
    }

    /// jsonschema's display of a primitive: strings quoted, `<nil>`, numbers as `%v`.
    static func displayValue(_ v: Value) -> String {
        switch v {
        case .string(let s): return quote(s)
        case .list, .map: return "value"
        default: return GoFormat.describe(v)
        }
    }

    /// A number as golang.org/x/text's English printer writes `%v`/`%d`: digit groups separated by commas.
    static func localizedNumber(_ value: Double) -> String {
        let plain = GoFormat.formatFloatG(value)
        guard !plain.contains("e") else { return plain }
        var integer = Substring(plain)
        var sign = ""
        if integer.hasPrefix("-") {
            sign = "-"
            integer = integer.dropFirst()
        }
        var fraction = ""
        if let dot = integer.firstIndex(of: ".") {
            fraction = String(integer[dot...])
            integer = integer[..<dot]
        }
        var grouped = ""
        for (i, c) in integer.reversed().enumerated() {
            if i > 0 && i % 3 == 0 { grouped.append(",") }
            grouped.append(c)
        }
        return sign + String(grouped.reversed()) + fraction
    }

    private struct Context {
        let root: Value
        /// Drafts before 2019-09 ignore the siblings of `$ref`, and assert `format`.
        var legacyRef = false
        /// Resolved `$ref`s of this validation (a definition is usually referenced by many values).
        private let references = ReferenceTable()

        init(root: Value) { self.root = root }

        final class ReferenceTable {
            var resolved: [String: Value?] = [:]
        }

        func validate(schema: Value, instance: Value, path: [String]) -> Failure? {
            func fail(_ message: String) -> Failure { Failure(instancePath: path, message: message) }
            switch schema {
            case .bool(true): return nil
            case .bool(false): return fail("false schema")
            case .map: break
            default: return nil
            }
            guard case .map(let map) = schema else { return nil }
            let s = SchemaObject(map)
            // Drafts before 2019-09 compile a schema with `$ref` as that reference alone.
            if legacyRef, case .string(let ref)? = s[.ref] {
                return validateReference(ref, instance: instance, path: path)
            }

            // type, const and enum fail alone.
            if let types = s[.type] {
                let wanted: [String] = types.listValue?.compactMap(\.stringValue) ?? [types.stringValue].compactMap { $0 }
                let got = Self.jsonType(instance)
                let matched = wanted.contains(got) || (wanted.contains("integer") && Self.isInteger(instance))
                    || (got == "integer" && wanted.contains("number"))
                if !wanted.isEmpty && !matched {
                    let gotName = got == "integer" ? "number" : got
                    let order = ["null", "boolean", "number", "integer", "string", "array", "object"]
                    let sortedWanted = wanted.sorted { (order.firstIndex(of: $0) ?? 99) < (order.firstIndex(of: $1) ?? 99) }
                    return fail("got \(gotName), want \(sortedWanted.joined(separator: " or "))")
                }
            }
            if let constant = s[.const], !Self.jsonEquals(instance, constant) {
                switch constant {
                case .list, .map: return fail("'const' failed")
                default: return fail("value must be \(displayValue(constant))")
                }
            }
            if case .list(let options)? = s[.enumeration], !options.contains(where: { Self.jsonEquals(instance, $0) }) {
                if options.contains(where: { if case .list = $0 { return true }; if case .map = $0 { return true }; return false }) {
                    return fail("'enum' failed")
                }
                if options.count == 1 { return fail("value must be \(displayValue(options[0]))") }
                return fail("value must be one of " + options.map(displayValue).joined(separator: ", "))
            }

            var errors: [Failure] = []
            if case .string(let ref)? = s[.ref], let failure = validateReference(ref, instance: instance, path: path) {
                errors.append(failure)
            }

            switch instance {
            case .map(let object): validateObject(s, object, path, &errors)
            case .list(let array): validateArray(s, array, path, &errors)
            case .string(let string): validateString(s, string, path, &errors)
            case .int(let i, _): validateNumber(s, Double(i), path, &errors)
            case .float(let f): validateNumber(s, f, path, &errors)
            default: break
            }
            validateConditions(s, instance, path, &errors)

            switch errors.count {
            case 0: return nil
            case 1: return errors[0]
            default: return Failure(instancePath: path, message: groupMessage, causes: errors, kind: .group)
            }
        }

        // jsonschema: validateRef — a failure is wrapped in a reference error (shown only with several causes).
        private func validateReference(_ ref: String, instance: Value, path: [String]) -> Failure? {
            guard let target = resolve(ref), let failure = validate(schema: target, instance: instance, path: path) else {
                return nil
            }
            let causes = failure.kind == .group ? failure.causes : [failure]
            return Failure(instancePath: path, message: groupMessage, causes: causes, kind: .reference)
        }

        private func validateObject(_ s: SchemaObject, _ object: ValueMap, _ path: [String], _ errors: inout [Failure]) {
            func fail(_ message: String) { errors.append(Failure(instancePath: path, message: message)) }
            if let min = Self.number(s[.minProperties]), Double(object.count) < min {
                fail("minProperties: got \(localizedNumber(Double(object.count))), want \(localizedNumber(min))")
            }
            if let max = Self.number(s[.maxProperties]), Double(object.count) > max {
                fail("maxProperties: got \(localizedNumber(Double(object.count))), want \(localizedNumber(max))")
            }
            if case .list(let required)? = s[.required] {
                let missing = required.compactMap(\.stringValue).filter { !object.contains($0) }
                if missing.count == 1 {
                    fail("missing property \(quote(missing[0]))")
                } else if !missing.isEmpty {
                    fail("missing properties " + missing.map(quote).joined(separator: ", "))
                }
            }
            // dependencies (every draft: lists of names or schemas), then dependentRequired and dependentSchemas
            // (2019-09 and later).
            var dependencies = [s[.dependencies]?.mapValue]
            if !legacyRef { dependencies += [s[.dependentRequired]?.mapValue, s[.dependentSchemas]?.mapValue] }
            for case let set? in dependencies {
                for (name, dependency) in set where object.contains(name) {
                    if case .list(let names) = dependency {
                        let missing = names.compactMap(\.stringValue).filter { !object.contains($0) }
                        if !missing.isEmpty {
                            fail("properties \(missing.map(quote).joined(separator: ", ")) required, if \(quote(name)) exists")
                        }
                    } else if let f = validate(schema: dependency, instance: .map(object), path: path) {
                        errors.append(f)
                    }
                }
            }
            if let names = s[.propertyNames] {
                for name in object.keys {
                    guard let f = validate(schema: names, instance: .string(name), path: []) else { continue }
                    errors.append(
                        Failure(instancePath: [], message: "invalid propertyName \(quote(name))",
                                causes: f.kind == .group ? f.causes : [f]))
                }
            }
            let properties = s[.properties]?.mapValue
            let patterns = s[.patternProperties]?.mapValue
            var additional: [String] = []
            // Go iterates the instance map in random order; sorted keys make the report stable.
            for (name, value) in object {
                var evaluated = false
                if let sub = properties?[name] {
                    evaluated = true
                    if let f = validate(schema: sub, instance: value, path: path + [name]) { errors.append(f) }
                }
                for (pattern, sub) in patterns ?? ValueMap() where Self.matches(pattern, name) {
                    evaluated = true
                    if let f = validate(schema: sub, instance: value, path: path + [name]) { errors.append(f) }
                }
                if !evaluated, let extra = s[.additionalProperties] {
                    if case .bool(false) = extra {
                        additional.append(name)
                    } else if let f = validate(schema: extra, instance: value, path: path + [name]) {
                        errors.append(f)
                    }
                }
            }
            if !additional.isEmpty { fail("additional properties " + additional.map(quote).joined(separator: ", ") + " not allowed") }
        }

        private func validateArray(_ s: SchemaObject, _ array: [Value], _ path: [String], _ errors: inout [Failure]) {
            func fail(_ message: String) { errors.append(Failure(instancePath: path, message: message)) }
            if let min = Self.number(s[.minItems]), Double(array.count) < min {
                fail("minItems: got \(localizedNumber(Double(array.count))), want \(localizedNumber(min))")
            }
            if let max = Self.number(s[.maxItems]), Double(array.count) > max {
                fail("maxItems: got \(localizedNumber(Double(array.count))), want \(localizedNumber(max))")
            }
            if let contains = s[.contains] {
                var itemFailures: [Failure] = []
                var matched: [Int] = []
                for i in array.indices {
                    if let f = validate(schema: contains, instance: array[i], path: path + [String(i)]) {
                        itemFailures.append(f)
                    } else {
                        matched.append(i)
                    }
                }
                let at = matched.map(String.init).joined(separator: " ")
                let minContains = legacyRef ? nil : Self.number(s[.minContains])
                let maxContains = legacyRef ? nil : Self.number(s[.maxContains])
                if let min = minContains {
                    if Double(matched.count) < min {
                        let want = Int(min)
                        let message = matched.isEmpty
                            ? "min \(want) items required to match contains schema, but none matched"
                            : "min \(want) items required to match contains schema, but matched \(matched.count) items at \(at)"
                        errors.append(Failure(instancePath: path, message: message, causes: itemFailures))
                    }
                } else if matched.isEmpty {
                    errors.append(
                        Failure(instancePath: path, message: "no items match contains schema", causes: itemFailures))
                }
                if let max = maxContains, Double(matched.count) > max {
                    fail("max \(Int(max)) items required to match contains schema, but matched \(matched.count) items at \(at)")
                }
            }
            if case .bool(true)? = s[.uniqueItems] {
                outer: for i in array.indices {
                    for j in array.indices where j > i && Self.jsonEquals(array[i], array[j]) {
                        fail("items at \(i) and \(j) are equal")
                        break outer
                    }
                }
            }
            var start = 0
            if case .list(let prefix)? = s[.prefixItems] {
                for (i, sub) in prefix.enumerated() where i < array.count {
                    if let f = validate(schema: sub, instance: array[i], path: path + [String(i)]) { errors.append(f) }
                }
                start = prefix.count
            }
            switch s[.items] {
            case .list(let tuple)?:
                for (i, sub) in tuple.enumerated() where i < array.count {
                    if let f = validate(schema: sub, instance: array[i], path: path + [String(i)]) { errors.append(f) }
                }
            case let items?:
                for i in array.indices where i >= start {
                    if let f = validate(schema: items, instance: array[i], path: path + [String(i)]) { errors.append(f) }
                }
            case nil:
                break
            }
        }

        private func validateString(_ s: SchemaObject, _ string: String, _ path: [String], _ errors: inout [Failure]) {
            func fail(_ message: String) { errors.append(Failure(instancePath: path, message: message)) }
            let length = Double(string.unicodeScalars.count)
            if let min = Self.number(s[.minLength]), length < min {
                fail("minLength: got \(localizedNumber(length)), want \(localizedNumber(min))")
            }
            if let max = Self.number(s[.maxLength]), length > max {
                fail("maxLength: got \(localizedNumber(length)), want \(localizedNumber(max))")
            }
            if case .string(let pattern)? = s[.pattern], !Self.matches(pattern, string) {
                fail("\(quote(string)) does not match pattern \(quote(pattern))")
            }
            if legacyRef, case .string(let format)? = s[.format], let problem = SchemaFormats.check(format, string) {
                fail("\(quote(string)) is not valid \(format): \(problem)")
            }
        }

        private func validateNumber(_ s: SchemaObject, _ n: Double, _ path: [String], _ errors: inout [Failure]) {
            func fail(_ keyword: String, _ want: Double) {
                errors.append(
                    Failure(instancePath: path, message: "\(keyword): got \(localizedNumber(n)), want \(localizedNumber(want))"))
            }
            // Draft-04's boolean exclusiveMinimum/exclusiveMaximum make minimum/maximum exclusive (jsonschema does
            // this for every draft).
            var minimum = Self.number(s[.minimum]), maximum = Self.number(s[.maximum])
            var exclusiveMinimum = Self.number(s[.exclusiveMinimum]), exclusiveMaximum = Self.number(s[.exclusiveMaximum])
            if case .bool(true)? = s[.exclusiveMinimum] { (exclusiveMinimum, minimum) = (minimum, nil) }
            if case .bool(true)? = s[.exclusiveMaximum] { (exclusiveMaximum, maximum) = (maximum, nil) }
            if let v = minimum, n < v { fail("minimum", v) }
            if let v = maximum, n > v { fail("maximum", v) }
            if let v = exclusiveMinimum, n <= v { fail("exclusiveMinimum", v) }
            if let v = exclusiveMaximum, n >= v { fail("exclusiveMaximum", v) }
            if let v = Self.number(s[.multipleOf]), v != 0, (n / v).rounded() != n / v { fail("multipleOf", v) }
        }

        private func validateConditions(_ s: SchemaObject, _ instance: Value, _ path: [String], _ errors: inout [Failure]) {
            func fail(_ message: String, _ causes: [Failure]) {
                errors.append(Failure(instancePath: path, message: message, causes: causes))
            }
            if let not = s[.not], validate(schema: not, instance: instance, path: path) == nil {
                fail("'not' failed", [])
            }
            if case .list(let all)? = s[.allOf] {
                let failures = all.compactMap { validate(schema: $0, instance: instance, path: path) }
                if !failures.isEmpty { fail("'allOf' failed", failures) }
            }
            if case .list(let any)? = s[.anyOf] {
                let failures = any.compactMap { validate(schema: $0, instance: instance, path: path) }
                if failures.count == any.count && !any.isEmpty { fail("'anyOf' failed", failures) }
            }
            if case .list(let one)? = s[.oneOf] {
                var matched: [Int] = []
                var failures: [Failure] = []
                for (i, sub) in one.enumerated() {
                    if let f = validate(schema: sub, instance: instance, path: path) { failures.append(f) } else { matched.append(i) }
                    if matched.count == 2 { break }
                }
                if matched.isEmpty {
                    fail("'oneOf' failed, none matched", failures)
                } else if matched.count > 1 {
                    fail("'oneOf' failed, subschemas \(matched[0]), \(matched[1]) matched", [])
                }
            }
            if let condition = s[.condition] {
                let branch = validate(schema: condition, instance: instance, path: path) == nil ? s[.thenBranch] : s[.elseBranch]
                if let branch, let f = validate(schema: branch, instance: instance, path: path) { errors.append(f) }
            }
        }

        /// A local reference: `#`, `#/definitions/x`, `#/$defs/x` (JSON pointer).
        private func resolve(_ ref: String) -> Value? {
            if let known = references.resolved[ref] { return known }
            let target = lookUp(ref)
            references.resolved[ref] = target
            return target
        }

        private func lookUp(_ ref: String) -> Value? {
            guard ref.hasPrefix("#") else { return nil }
            var current = root
            for token in ref.dropFirst().split(separator: "/") {
                // JSON pointer unescaping; most tokens have no `~`, and Foundation's replace is costly per token.
                let key = token.utf8.contains(0x7E)
                    ? String(token).replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
                    : String(token)
                switch current {
                case .map(let m): guard let next = m[key] else { return nil }; current = next
                case .list(let l): guard let i = Int(key), l.indices.contains(i) else { return nil }; current = l[i]
                default: return nil
                }
            }
            return current
        }

        static func jsonType(_ v: Value) -> String {
            switch v {
            case .null: return "null"
            case .bool: return "boolean"
            case .int: return "integer"
            case .float: return "number"
            case .string: return "string"
            case .list: return "array"
            default: return "object"
            }
        }

        static func isInteger(_ v: Value) -> Bool {
            switch v {
            case .int: return true
            case .float(let f): return f.isFinite && f.rounded() == f
            default: return false
            }
        }

        static func number(_ v: Value?) -> Double? {
            switch v {
            case .int(let i, _)?: return Double(i)
            case .float(let f)?: return f
            default: return nil
            }
        }

        /// JSON equality: numbers by value, maps and lists structurally.
        static func jsonEquals(_ a: Value, _ b: Value) -> Bool {
            if let x = number(a), let y = number(b) { return x == y }
            switch (a, b) {
            case (.list(let x), .list(let y)): return x.count == y.count && zip(x, y).allSatisfy { jsonEquals($0, $1) }
            case (.map(let x), .map(let y)):
                return x.count == y.count && x.allSatisfy { entry in y[entry.key].map { jsonEquals(entry.value, $0) } ?? false }
            default: return a.deepEquals(b)
            }
        }

        /// ECMA-262-ish regex search (the schema library uses Go's regexp); invalid patterns never match.
        static func matches(_ pattern: String, _ text: String) -> Bool {
            guard let regex = RegexCache.shared.regex(pattern) else { return false }
            let range = NSRange(text.startIndex..., in: text)
            return regex.firstMatch(in: text, range: range) != nil
        }
    }
}

/// A schema object with the keywords it holds noted once, so that the validator looks up only keywords that are
/// there (a schema object has a few of the thirty the validator asks about).
private struct SchemaObject {
    /// The keywords the validator reads.
    enum Keyword: Int, CaseIterable {
        case ref, additionalProperties, allOf, anyOf, const, contains, dependencies, dependentRequired
        case dependentSchemas, elseBranch, enumeration, exclusiveMaximum, exclusiveMinimum, format, condition, items
        case maxItems, maxLength, maxProperties, maximum, minItems, minLength, maxContains, minContains
        case minProperties, minimum, multipleOf, not, oneOf, pattern, patternProperties, prefixItems
        case propertyNames, properties
        case required, thenBranch, type, uniqueItems

        /// The keyword's spelling in a schema.
        var name: String { Keyword.names[rawValue] }

        /// The spellings, in the order of the cases.
        static let names = [
            "$ref", "additionalProperties", "allOf", "anyOf", "const", "contains", "dependencies", "dependentRequired",
            "dependentSchemas", "else", "enum", "exclusiveMaximum", "exclusiveMinimum", "format", "if", "items",
            "maxItems", "maxLength", "maxProperties", "maximum", "minItems", "minLength", "maxContains", "minContains",
            "minProperties", "minimum", "multipleOf", "not", "oneOf", "pattern", "patternProperties", "prefixItems",
            "propertyNames", "properties", "required", "then", "type", "uniqueItems",
        ]
    }

    private static let bits: [String: UInt64] = Dictionary(
        uniqueKeysWithValues: Keyword.allCases.map { ($0.name, UInt64(1) << UInt64($0.rawValue)) })

    let map: ValueMap
    private let present: UInt64

    init(_ map: ValueMap) {
        self.map = map
        var present: UInt64 = 0
        for key in map.keys { present |= Self.bits[key] ?? 0 }
        self.present = present
    }

    subscript(_ keyword: Keyword) -> Value? {
        guard present & (UInt64(1) << UInt64(keyword.rawValue)) != 0 else { return nil }
        return map[keyword.name]
    }
}

/// Compiled schema patterns, shared by every render of the process: compiling a pattern costs far more than
/// matching it, and the same chart schemas are validated on every render.
private final class RegexCache: @unchecked Sendable {
    static let shared = RegexCache()

    private let lock = NSLock()
    /// Pattern → compiled expression, or nil for a pattern that does not compile.
    private var compiled: [String: NSRegularExpression?] = [:]

    func regex(_ pattern: String) -> NSRegularExpression? {
        lock.lock()
        if let cached = compiled[pattern] {
            lock.unlock()
            return cached
        }
        lock.unlock()
        let regex = try? NSRegularExpression(pattern: pattern)
        lock.lock()
        compiled[pattern] = .some(regex)
        lock.unlock()
        return regex
    }
}
