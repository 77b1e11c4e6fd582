import Foundation
import GoTemplate
import Values

/// `.Files`: the chart's non-template files by path. Helm: pkg/engine files.go (`files map[string][]byte`).
///
/// In Go it is a map type with methods, so `len .Files`, `range $path, $bytes := .Files` and `index` work
/// as on a map of byte slices.
public final class ChartFiles: TemplateObject, TemplateCollection, TemplateMethodSignatures, @unchecked Sendable {
    /// Path → bytes, sorted by path.
    public let entries: [(name: String, data: [UInt8])]
    private let codecs: HelmCodecs

    /// Creates the object for a chart's files.
    public init(_ files: [ChartFile], codecs: HelmCodecs) {
        var byName: [String: [UInt8]] = [:]
        for f in files { byName[f.name] = f.data }
        self.entries = byName.keys.sorted { $0.utf8Precedes($1) }.map { ($0, byName[$0] ?? []) }
        self.codecs = codecs
    }

    private init(entries: [(name: String, data: [UInt8])], codecs: HelmCodecs) {
        self.entries = entries
        self.codecs = codecs
    }

    /// Go's type name.
    public var goTypeName: String { "engine.files" }
    /// A Go map type.
    public var goKind: String { "map" }
    /// An empty map is false.
    public var isTruthy: Bool { !entries.isEmpty }

    /// Map-key access (`.Files.name` for a key without dots, as Go allows on maps).
    public func field(_ name: String) -> Value? {
        entries.first { $0.name == name }.map { Self.bytesValue($0.data) }
    }

    /// The map of path → `[]byte` that `len`, `range` and `index` see.
    public var elements: Value { .map(ValueMap(entries.map { ($0.name, Self.bytesValue($0.data)) })) }

    /// Go signatures of the methods: `Get`, `GetBytes`, `Glob`, `Lines` take a string; `AsConfig`, `AsSecrets`
    /// nothing.
    public func methodSignature(_ name: String) -> (parameters: [GoType], variadic: GoType?)? {
        switch name {
        case "Get", "GetBytes", "Glob", "Lines": return ([.string], nil)
        case "AsConfig", "AsSecrets": return ([], nil)
        default: return nil
        }
    }

    /// encoding/json form: path → base64 of the bytes (Go marshals `[]byte` as base64).
    public var serialized: Value {
        .map(ValueMap(entries.map { ($0.name, Value.string(Data($0.data).base64EncodedString())) }))
    }

    /// Go prints a map of byte slices: `map[a.txt:[108 105] …]`.
    public var goString: String {
        "map[" + entries.map { "\($0.name):\(GoFormat.describe(Self.bytesValue($0.data)))" }.joined(separator: " ") + "]"
    }

    /// Methods of Helm's `files` type.
    public func hasMethod(_ name: String) -> Bool {
        ["Get", "GetBytes", "Glob", "AsConfig", "AsSecrets", "Lines"].contains(name)
    }

    /// Calls one of Helm's `files` methods.
    public func callMethod(_ name: String, _ arguments: [Value]) throws -> Value {
        let noArguments = ["AsConfig", "AsSecrets"].contains(name)
        guard arguments.count == (noArguments ? 0 : 1) else {
            throw TemplateObjectError(
                "wrong number of args for \(name): want \(noArguments ? 0 : 1) got \(arguments.count)")
        }
        if noArguments {
            return .string(try name == "AsConfig" ? asConfig() : asSecrets())
        }
        guard case .string(let argument) = arguments[0] else {
            throw TemplateObjectError(
                "wrong type for value; expected string; got \(arguments[0].goTypeName)")
        }
        switch name {
        case "Get": return .string(get(argument))
        case "GetBytes": return Self.bytesValue(getBytes(argument))
        case "Glob": return .object(glob(argument))
        default: return .list(lines(argument).map { .string($0) })
        }
    }

    private static func bytesValue(_ bytes: [UInt8]) -> Value { .object(GoBytes(bytes)) }

    /// Helm: files.GetBytes — empty for a missing file.
    public func getBytes(_ name: String) -> [UInt8] { entries.first { $0.name == name }?.data ?? [] }

    /// Helm: files.Get.
    public func get(_ name: String) -> String { String(decoding: getBytes(name), as: UTF8.self) }

    /// Helm: files.Glob — gobwas/glob with `/` as separator; an invalid pattern matches everything.
    public func glob(_ pattern: String) -> ChartFiles {
        let matcher = GlobPattern(pattern) ?? GlobPattern("**")
        return ChartFiles(entries: entries.filter { matcher?.matches($0.name) ?? true }, codecs: codecs)
    }

    /// Helm: files.Lines — the text split at `\n`, without the one trailing newline.
    public func lines(_ name: String) -> [String] {
        guard let data = entries.first(where: { $0.name == name })?.data, !data.isEmpty else { return [] }
        let trimmed = data.last == 0x0A ? data.dropLast() : data[...]
        return String(decoding: trimmed, as: UTF8.self).splitLines()
    }

    /// Helm: files.AsConfig — base name → text, as YAML.
    public func asConfig() throws -> String {
        let map = ValueMap(entries.map { (Self.baseName($0.name), Value.string(String(decoding: $0.data, as: UTF8.self))) })
        return try codecs.toYAML(.map(map))
    }

    /// Helm: files.AsSecrets — base name → base64 of the bytes, as YAML.
    public func asSecrets() throws -> String {
        let map = ValueMap(entries.map { (Self.baseName($0.name), Value.string(Data($0.data).base64EncodedString())) })
        return try codecs.toYAML(.map(map))
    }

    private static func baseName(_ path: String) -> String {
        String(path.split(separator: "/", omittingEmptySubsequences: false).last ?? Substring(path))
    }
}

/// A Go `[]byte` (`.Files.GetBytes`): a slice of uint8 that prints as numbers and marshals as base64.
public final class GoBytes: TemplateObject, TemplateCollection, @unchecked Sendable {
    /// The bytes.
    public let bytes: [UInt8]

    /// Wraps bytes.
    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// Go's type name.
    public var goTypeName: String { "[]uint8" }
    /// A slice.
    public var goKind: String { "slice" }
    /// An empty slice is false.
    public var isTruthy: Bool { !bytes.isEmpty }
    /// Slices have no fields.
    public func field(_ name: String) -> Value? { nil }
    /// The elements as Go integers.
    public var elements: Value { .list(bytes.map { .int(Int64($0), kind: .uint8) }) }
    /// `[104 105]`.
    public var goString: String { "[" + bytes.map { String($0) }.joined(separator: " ") + "]" }
    /// encoding/json writes `[]byte` as base64.
    public var serialized: Value { .string(Data(bytes).base64EncodedString()) }
}
