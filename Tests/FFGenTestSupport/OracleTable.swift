import Foundation
import Values

/// What real Helm produced for one input of an oracle table.
public enum OracleResult: Sendable, Equatable {
    /// The rendered text.
    case output(String)
    /// Helm's error message.
    case error(String)
}

/// One row of an oracle table: the input fields people wrote and the result the record script stored.
public struct OracleRow: Sendable, CustomStringConvertible {
    /// The input fields (`template`, `json`, `yaml`, `function`, …; which ones depends on the table).
    public let input: [String: String]
    /// What Helm produced for the input.
    public let expected: OracleResult

    /// The input field `key`, or "" when the row has none.
    public subscript(key: String) -> String { input[key] ?? "" }

    /// The recorded output, or nil for an error row.
    public var output: String? {
        if case .output(let text) = expected { return text }
        return nil
    }

    /// The recorded error, or nil for an output row.
    public var error: String? {
        if case .error(let text) = expected { return text }
        return nil
    }

    /// The row's first input field in a fixed order of preference, for test names.
    public var description: String {
        for key in ["template", "expression", "json", "yaml", "toml", "text"] {
            if let value = input[key] { return value.count > 80 ? String(value.prefix(80)) + "…" : value }
        }
        return input.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
    }
}

/// A table of oracle expectations, `Tests/Fixtures/tables/<name>.json`.
///
/// The file holds `inputs` (written by people) and `expected` (written only by
/// `scripts/oracle/record_tables.py`, one entry per input, `{"output": …}` or `{"error": …}`).
/// Loading never throws, so it can feed `@Test(arguments:)`; `problem` says why a file could not be used,
/// and `OracleTable.all()` lets one test assert that every table is well formed.
public struct OracleTable: Sendable {
    /// The table's file name without `.json`.
    public let name: String
    /// The rows, inputs paired with their recorded results.
    public let rows: [OracleRow]
    /// Why the file could not be read or is inconsistent (missing or stale `expected`), or nil.
    public let problem: String?
    /// The string settings of the table's `render` object (for example `values`, the chart's values.yaml).
    public var settings: [String: String] = [:]

    /// The folder holding the tables.
    public static var directory: URL { Fixtures.root.appendingPathComponent("tables") }

    /// Loads `Tests/Fixtures/tables/<name>.json`.
    public static func load(_ name: String) -> OracleTable {
        let url = directory.appendingPathComponent(name + ".json")
        guard let data = FileManager.default.contents(atPath: url.path) else {
            return OracleTable(name: name, rows: [], problem: "cannot read \(url.path)")
        }
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            return OracleTable(name: name, rows: [], problem: "\(name).json is not a JSON object")
        }
        guard let inputs = object["inputs"] as? [[String: Any]] else {
            return OracleTable(name: name, rows: [], problem: "\(name).json has no `inputs` list")
        }
        let expected = object["expected"] as? [[String: Any]] ?? []
        guard expected.count == inputs.count else {
            return OracleTable(
                name: name, rows: [],
                problem: "\(name).json: \(inputs.count) inputs but \(expected.count) expected results; "
                    + "run scripts/oracle/record_tables.py \(name)")
        }
        var rows: [OracleRow] = []
        for (index, (input, result)) in zip(inputs, expected).enumerated() {
            var fields: [String: String] = [:]
            for (key, value) in input {
                guard let text = value as? String else {
                    return OracleTable(name: name, rows: [], problem: "\(name).json input \(index): `\(key)` is not a string")
                }
                fields[key] = text
            }
            if let text = result["output"] as? String {
                rows.append(OracleRow(input: fields, expected: .output(text)))
            } else if let text = result["error"] as? String {
                rows.append(OracleRow(input: fields, expected: .error(text)))
            } else {
                return OracleTable(name: name, rows: [], problem: "\(name).json expected \(index): neither output nor error")
            }
        }
        var table = OracleTable(name: name, rows: rows, problem: nil)
        if let render = object["render"] as? [String: Any] {
            table.settings = render.compactMapValues { $0 as? String }
        }
        return table
    }

    /// The row whose input field `key` is `value` (for tests that compare with one recorded result).
    public func row(_ key: String, _ value: String) -> OracleRow? {
        rows.first { $0.input[key] == value }
    }

    /// The names of every table in the folder, sorted.
    public static func allNames() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.sorted()
    }
}

/// Parts of Helm's error texts that ffgen's layers report on their own.
public enum HelmMessage {
    /// The function's own message: what follows the last `error calling NAME: `.
    public static func afterErrorCalling(_ helmError: String) -> String {
        guard let start = helmError.range(of: "error calling ", options: .backwards) else { return helmError }
        let rest = helmError[start.upperBound...]
        guard let colon = rest.range(of: ": ") else { return String(rest) }
        return String(rest[colon.upperBound...])
    }

    /// The innermost part: from the last `error calling ` on, or the last line of Helm 4's multi-line form.
    public static func innermost(_ helmError: String) -> String {
        if let start = helmError.range(of: "error calling ", options: .backwards) {
            let rest = helmError[start.lowerBound...]
            if rest.contains("\n") {
                return String(rest.split(separator: "\n").last ?? "").trimmingCharacters(in: .whitespaces)
            }
            return String(rest)
        }
        let last = helmError.split(separator: "\n").last.map(String.init) ?? helmError
        return last.trimmingCharacters(in: .whitespaces)
    }
}

/// A function call written as a template action (`add 1 2.5 "x" (list 1 nil)`), read into the function's name
/// and its argument values the way the template parser would type the constants: integers as `.int`, numbers
/// with a fraction or exponent as `.float`, quoted and raw strings, `nil`, booleans, and `(list …)`/`(dict …)`.
public enum CallExpression {
    /// The function name and arguments, or nil when the text uses anything else (fields, variables, pipes).
    public static func parse(_ text: String) -> (function: String, arguments: [Value])? {
        guard var tokens = tokenize(text), !tokens.isEmpty, case .word(let name) = tokens.removeFirst() else {
            return nil
        }
        var arguments: [Value] = []
        var rest = tokens[...]
        while !rest.isEmpty {
            guard let value = argument(&rest) else { return nil }
            arguments.append(value)
        }
        return (name, arguments)
    }

    private enum Token: Equatable {
        case open, close
        case string(String)
        case word(String)
    }

    private static func tokenize(_ text: String) -> [Token]? {
        let bytes = Array(text.utf8)
        var tokens: [Token] = []
        var i = 0
        while i < bytes.count {
            let c = bytes[i]
            switch c {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                i += 1
            case UInt8(ascii: "("):
                tokens.append(.open)
                i += 1
            case UInt8(ascii: ")"):
                tokens.append(.close)
                i += 1
            case UInt8(ascii: "\""):
                var j = i + 1
                while j < bytes.count, bytes[j] != UInt8(ascii: "\"") {
                    j += bytes[j] == UInt8(ascii: "\\") ? 2 : 1
                }
                guard j < bytes.count else { return nil }
                // Go's quoted-string escapes used in the tables are also JSON's.
                guard let decoded = try? JSONDecoder().decode(String.self, from: Data(bytes[i...j])) else { return nil }
                tokens.append(.string(decoded))
                i = j + 1
            case UInt8(ascii: "`"):
                guard let end = bytes[(i + 1)...].firstIndex(of: UInt8(ascii: "`")) else { return nil }
                tokens.append(.string(String(decoding: bytes[(i + 1)..<end], as: UTF8.self)))
                i = end + 1
            default:
                var j = i
                while j < bytes.count, ![UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"),
                                        UInt8(ascii: "("), UInt8(ascii: ")")].contains(bytes[j]) {
                    j += 1
                }
                tokens.append(.word(String(decoding: bytes[i..<j], as: UTF8.self)))
                i = j
            }
        }
        return tokens
    }

    private static func argument(_ tokens: inout ArraySlice<Token>) -> Value? {
        guard let token = tokens.popFirst() else { return nil }
        switch token {
        case .close:
            return nil
        case .string(let text):
            return .string(text)
        case .open:
            guard case .word(let function)? = tokens.popFirst() else { return nil }
            var items: [Value] = []
            while true {
                guard let next = tokens.first else { return nil }
                if next == .close {
                    tokens.removeFirst()
                    break
                }
                guard let item = argument(&tokens) else { return nil }
                items.append(item)
            }
            switch function {
            case "list":
                return .list(items)
            case "dict":
                guard items.count % 2 == 0 else { return nil }
                var pairs: [(String, Value)] = []
                for k in stride(from: 0, to: items.count, by: 2) {
                    guard case .string(let key) = items[k] else { return nil }
                    pairs.append((key, items[k + 1]))
                }
                return .map(ValueMap(pairs))
            default:
                return nil
            }
        case .word(let word):
            return constant(word)
        }
    }

    private static func constant(_ word: String) -> Value? {
        switch word {
        case "nil": return .null
        case "true": return .bool(true)
        case "false": return .bool(false)
        default: break
        }
        let digits = word.hasPrefix("-") ? word.dropFirst() : Substring(word)
        guard let first = digits.first, first.isASCII, first.isNumber || first == "." else { return nil }
        if digits.allSatisfy({ $0.isASCII && $0.isNumber }) {
            return Int64(word).map { Value.int($0) }
        }
        let allowed = Set("0123456789.eE+-")
        guard digits.allSatisfy({ allowed.contains($0) }) else { return nil }
        return Double(word).map(Value.float)
    }
}
