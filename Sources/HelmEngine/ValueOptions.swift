import Foundation
import Values

/// The user-supplied values of `helm template`: `-f` files and the `--set` family.
///
/// Helm: pkg/cli/values options.go `MergeValues` — files are merged in order (later wins, tables merge), then
/// every `--set-json`, `--set`, `--set-string`, `--set-file` and `--set-literal` is parsed into the result.
public struct ValueOptions: Sendable {
    /// `-f`/`--values` paths.
    public var valueFiles: [String] = []
    /// `--set` expressions.
    public var values: [String] = []
    /// `--set-string` expressions.
    public var stringValues: [String] = []
    /// `--set-json` expressions.
    public var jsonValues: [String] = []
    /// `--set-file` expressions (`key=path`: the file's text becomes the value).
    public var fileValues: [String] = []
    /// `--set-literal` expressions.
    public var literalValues: [String] = []

    /// No user values.
    public init() {}

    /// Merges everything into one map. `readFile` reads a `-f` or `--set-file` path.
    public func merge(
        codecs: HelmCodecs, readFile: (String) throws -> String = ValueOptions.readLocalFile
    ) throws -> ValueMap {
        var base = ValueMap()
        for path in valueFiles {
            let text = try readFile(path)
            do {
                let loaded = try codecs.loadValues(text)
                // Merging into nothing gives the file's map itself (one sorted insert per key otherwise).
                base = base.isEmpty ? loaded.copy() : Coalesce.mergeMaps(base, loaded)
            } catch {
                throw HelmError.values(
                    "failed to parse \(path): " + HelmCodecs.message(of: error), hint: "fix the YAML syntax of \(path)")
            }
        }
        for expression in jsonValues {
            let trimmed = expression.trimmingASCIIWhitespace()
            if trimmed.hasPrefix("{") {
                guard case .map(let object)? = try? codecs.jsonDocument(trimmed) else {
                    throw HelmError.values("failed parsing --set-json data JSON: \(expression)")
                }
                base = Coalesce.mergeMaps(base, object)
            } else {
                do {
                    try StrvalsParser.parse(expression, mode: .json, into: base, decodeJSON: { try codecs.jsonPrefix($0) })
                } catch {
                    throw HelmError.values("failed parsing --set-json data \(expression)")
                }
            }
        }
        try parseAll(values, mode: .typed, flag: "--set", into: base, codecs: codecs)
        try parseAll(stringValues, mode: .string, flag: "--set-string", into: base, codecs: codecs)
        for expression in fileValues {
            // --set-file reads each value as a path; the parsed string is replaced by the file's text.
            let parsed: ValueMap
            do {
                parsed = try StrvalsParser.parse(expression, mode: .string)
            } catch let error as StrvalsError {
                throw HelmError.values("failed parsing --set-file data: " + error.message)
            }
            let resolved = try Self.replaceStrings(in: .map(parsed)) { path in
                do { return try readFile(path) } catch let error as HelmError {
                    throw HelmError.values("failed parsing --set-file data: " + error.message)
                }
            }
            if case .map(let m) = resolved { base = Coalesce.mergeMaps(base, m) }
        }
        try parseAll(literalValues, mode: .literal, flag: "--set-literal", into: base, codecs: codecs)
        return base
    }

    private func parseAll(
        _ expressions: [String], mode: StrvalsMode, flag: String, into base: ValueMap, codecs: HelmCodecs
    ) throws {
        for expression in expressions {
            do {
                try StrvalsParser.parse(expression, mode: mode, into: base, decodeJSON: { try codecs.jsonPrefix($0) })
            } catch let error as StrvalsError {
                throw HelmError.values("failed parsing \(flag) data: " + error.message)
            }
        }
    }

    private static func replaceStrings(in value: Value, _ transform: (String) throws -> String) throws -> Value {
        switch value {
        case .string(let s): return .string(try transform(s))
        case .list(let l): return .list(try l.map { try replaceStrings(in: $0, transform) })
        case .map(let m):
            let out = ValueMap()
            for (k, v) in m { out[k] = try replaceStrings(in: v, transform) }
            return .map(out)
        default: return value
        }
    }

    /// Reads a local file as Go's `os.ReadFile` would, with its error text.
    public static func readLocalFile(_ path: String) throws -> String {
        guard let data = FileSystem.contents(path) else {
            throw HelmError.values("open \(path): no such file or directory", hint: "check the path of \(path)")
        }
        return String(decoding: data, as: UTF8.self)
    }
}
