import Values

/// `.Files`: the chart's non-template files by path. Helm: pkg/engine files.go (`files map[string][]byte`).
///
/// In Go it is a map type with methods, so `len .Files`, `range $path, $bytes := .Files` and `index` work
/// as on a map; `serialized` exposes that map (content as text) for the executor.
public final class ChartFiles: TemplateObject, @unchecked Sendable {
    /// Path → bytes, sorted by path.
    public let entries: [(name: String, data: [UInt8])]
    private let codecs: HelmCodecs

    /// Creates the object for a chart's files.
    public init(_ files: [ChartFile], codecs: HelmCodecs) {
        var byName: [String: [UInt8]] = [:]
        for f in files { byName[f.name] = f.data }
        self.entries = byName.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.map { ($0, byName[$0] ?? []) }
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

    /// The map (path → text) as `toYaml`/`range` see it.
    public var serialized: Value {
        .map(ValueMap(entries.map { ($0.name, Value.string(String(decoding: $0.data, as: UTF8.self))) }))
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

    // Deviation: Go's []byte has no Value counterpart; bytes are a list of ints (prints the same with %v).
    private static func bytesValue(_ bytes: [UInt8]) -> Value { .list(bytes.map { .int(Int64($0)) }) }

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
        var text = Substring(String(decoding: data, as: UTF8.self))
        if text.hasSuffix("\n") { text = text.dropLast() }
        return text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    /// Helm: files.AsConfig — base name → text, as YAML.
    public func asConfig() throws -> String {
        let map = ValueMap(entries.map { (Self.baseName($0.name), Value.string(String(decoding: $0.data, as: UTF8.self))) })
        return try codecs.toYAML(.map(map))
    }

    /// Helm: files.AsSecrets — base name → base64 of the bytes, as YAML.
    public func asSecrets() throws -> String {
        let map = ValueMap(entries.map { (Self.baseName($0.name), Value.string(Base64.encode($0.data))) })
        return try codecs.toYAML(.map(map))
    }

    private static func baseName(_ path: String) -> String {
        String(path.split(separator: "/", omittingEmptySubsequences: false).last ?? Substring(path))
    }
}

/// Standard base64 with padding (Go `base64.StdEncoding`).
enum Base64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var i = 0
        while i + 3 <= bytes.count {
            let n = UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2])
            for shift in [18, 12, 6, 0] { out.append(alphabet[Int((n >> UInt32(shift)) & 63)]) }
            i += 3
        }
        let rest = bytes.count - i
        if rest > 0 {
            let n = UInt32(bytes[i]) << 16 | (rest == 2 ? UInt32(bytes[i + 1]) << 8 : 0)
            out.append(alphabet[Int((n >> 18) & 63)])
            out.append(alphabet[Int((n >> 12) & 63)])
            out.append(rest == 2 ? alphabet[Int((n >> 6) & 63)] : UInt8(ascii: "="))
            out.append(UInt8(ascii: "="))
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// A gobwas/glob pattern compiled with `/` as separator: `*` (no `/`), `**` (anything), `?` (one non-`/`
/// character), `[abc]`/`[!a-z]` (one character), `{a,b}` alternatives, `\` escapes.
struct GlobPattern {
    private indirect enum Node {
        case literal(Unicode.Scalar)
        case star
        case superStar
        case single
        case characterClass(negated: Bool, ranges: [(Unicode.Scalar, Unicode.Scalar)])
        case alternatives([[Node]])
    }

    private let nodes: [Node]

    /// Compiles `pattern`; nil when it is malformed (unclosed `[` or `{`).
    init?(_ pattern: String) {
        var scalars = Array(pattern.unicodeScalars)[...]
        guard let nodes = Self.parseSequence(&scalars, insideAlternatives: false), scalars.isEmpty else { return nil }
        self.nodes = nodes
    }

    private static func parseSequence(_ s: inout ArraySlice<Unicode.Scalar>, insideAlternatives: Bool) -> [Node]? {
        var nodes: [Node] = []
        while let c = s.first {
            if insideAlternatives && (c == "," || c == "}") { return nodes }
            s = s.dropFirst()
            switch c {
            case "*":
                if s.first == "*" {
                    s = s.dropFirst()
                    nodes.append(.superStar)
                } else {
                    nodes.append(.star)
                }
            case "?":
                nodes.append(.single)
            case "\\":
                guard let next = s.first else { return nil }
                s = s.dropFirst()
                nodes.append(.literal(next))
            case "[":
                var negated = false
                if s.first == "!" {
                    negated = true
                    s = s.dropFirst()
                }
                var ranges: [(Unicode.Scalar, Unicode.Scalar)] = []
                while let x = s.first, x != "]" {
                    s = s.dropFirst()
                    if s.first == "-", let hi = s.dropFirst().first, hi != "]" {
                        ranges.append((x, hi))
                        s = s.dropFirst(2)
                    } else {
                        ranges.append((x, x))
                    }
                }
                guard s.first == "]" else { return nil }
                s = s.dropFirst()
                nodes.append(.characterClass(negated: negated, ranges: ranges))
            case "{":
                var options: [[Node]] = []
                while true {
                    guard let option = parseSequence(&s, insideAlternatives: true) else { return nil }
                    options.append(option)
                    guard let separator = s.first else { return nil }
                    s = s.dropFirst()
                    if separator == "}" { break }
                }
                nodes.append(.alternatives(options))
            default:
                nodes.append(.literal(c))
            }
        }
        return insideAlternatives ? nil : nodes
    }

    /// Whether the whole of `name` matches.
    func matches(_ name: String) -> Bool {
        Self.match(nodes[...], Array(name.unicodeScalars)[...])
    }

    private static func match(_ nodes: ArraySlice<Node>, _ text: ArraySlice<Unicode.Scalar>) -> Bool {
        guard let node = nodes.first else { return text.isEmpty }
        let rest = nodes.dropFirst()
        switch node {
        case .literal(let c):
            return text.first == c && match(rest, text.dropFirst())
        case .single:
            guard let c = text.first, c != "/" else { return false }
            return match(rest, text.dropFirst())
        case .characterClass(let negated, let ranges):
            guard let c = text.first else { return false }
            let inClass = ranges.contains { $0.0.value <= c.value && c.value <= $0.1.value }
            return inClass != negated && match(rest, text.dropFirst())
        case .star, .superStar:
            var index = text.startIndex
            while true {
                if match(rest, text[index...]) { return true }
                guard index < text.endIndex else { return false }
                if case .star = node, text[index] == "/" { return false }
                index += 1
            }
        case .alternatives(let options):
            return options.contains { match(ArraySlice($0) + rest, text) }
        }
    }
}
