import YAMLKit

/// Helm-compatible YAML: reading values, `fromYaml`/`fromYamlArray`, `toYaml`/`toYamlPretty`.
///
/// Helm reads YAML with `sigs.k8s.io/yaml` (go-yaml v2 into `interface{}`, then a JSON round trip, so every number
/// is a float64) and writes it with `json.Marshal` followed by go-yaml v2's encoder. This type reproduces both.
public enum HelmYAML {
    /// The JSON-side result of reading one YAML text, before it is checked against the Go target type.
    ///
    /// Unless locations are asked for (or `exact` is set), plain documents are read by `DirectValueReader` in one
    /// pass; the decoded tree is then nil, and a caller that needs it for an error text asks again with `exact`.
    static func readFirstDocument(
        _ text: String, file: String, recordLocations: Bool, target: GoJSONTarget = .any, exact: Bool = false
    ) throws(HelmYAMLError) -> (HelmYAMLDecoder.Decoded?, Value, ValueLocations) {
        // Bytes that are not UTF-8 (a character cut by `trunc`) can only come from escapes (GoBytes).
        if GoBytes.hasEscapes(text), let problem = readerProblem(GoBytes.bytes(text)) {
            throw HelmYAMLError(message: "error converting YAML to JSON: yaml: " + problem)
        }
        if !recordLocations && !exact, let value = DirectValue.firstDocument(text, target: target) {
            return (nil, value, ValueLocations())
        }
        // go-yaml's Unmarshal reads only the first document.
        guard let node = try nextDocument(of: YAMLParser(text, file: file)) else {
            return (nil, .null, ValueLocations())
        }
        var decoder = HelmYAMLDecoder(recordLocations: recordLocations)
        let decoded = try decoder.decodeDocument(node)
        let value = try decoder.value(decoded, path: "", target: target)
        return (decoded, value, decoder.locations)
    }

    /// The decoded tree of `text`'s first document: `decoded` when the exact reader produced it, else read again
    /// exactly (the direct reader keeps no tree; only error texts need one).
    private static func exactDecoded(
        _ decoded: HelmYAMLDecoder.Decoded?, _ text: String, file: String
    ) throws(HelmYAMLError) -> HelmYAMLDecoder.Decoded? {
        if let decoded { return decoded }
        return try readFirstDocument(text, file: file, recordLocations: false, exact: true).0
    }

    /// go-yaml's reader error for the first byte sequence it cannot decode, or nil when the bytes decode (or a
    /// character that is not allowed comes first, which libyaml reports itself).
    /// Go: yaml readerc.go `yaml_parser_update_buffer`, UTF-8 branch.
    static func readerProblem(_ b: [UInt8]) -> String? {
        var i = 0
        while i < b.count {
            let lead = b[i]
            let width: Int
            var value: UInt32
            switch lead {
            case _ where lead & 0x80 == 0x00: width = 1; value = UInt32(lead)
            case _ where lead & 0xE0 == 0xC0: width = 2; value = UInt32(lead & 0x1F)
            case _ where lead & 0xF0 == 0xE0: width = 3; value = UInt32(lead & 0x0F)
            case _ where lead & 0xF8 == 0xF0: width = 4; value = UInt32(lead & 0x07)
            default: return "invalid leading UTF-8 octet"
            }
            if width > b.count - i { return "incomplete UTF-8 octet sequence" }
            for k in 1..<max(width, 1) {
                let octet = b[i + k]
                if octet & 0xC0 != 0x80 { return "invalid trailing UTF-8 octet" }
                value = value << 6 | UInt32(octet & 0x3F)
            }
            let shortest = width == 1 || (width == 2 && value >= 0x80) || (width == 3 && value >= 0x800)
                || (width == 4 && value >= 0x10000)
            if !shortest { return "invalid length of a UTF-8 sequence" }
            if (0xD800...0xDFFF).contains(value) || value > 0x10FFFF { return "invalid Unicode character" }
            let allowed = value == 0x09 || value == 0x0A || value == 0x0D || (0x20...0x7E).contains(value)
                || value == 0x85 || (0xA0...0xD7FF).contains(value) || (0xE000...0xFFFD).contains(value)
                || (0x10000...0x10FFFF).contains(value)
            if !allowed { return nil }
            i += width
        }
        return nil
    }

    private static func nextDocument(of parser: YAMLParser) throws(HelmYAMLError) -> YAMLNode? {
        do {
            return try parser.nextDocument()
        } catch {
            throw .yaml(error)
        }
    }

    /// `sigs.k8s.io/yaml.Unmarshal(text, &map[string]interface{})`: the first document, which must be a map or
    /// empty. An empty document gives an empty map.
    public static func parseValues(_ text: String, file: String = "") throws(HelmYAMLError) -> ValueMap {
        try parseValuesWithLocations(text, file: file, recordLocations: false).0
    }

    /// Like `parseValues`, also returning where every value path is written.
    public static func parseValuesWithLocations(
        _ text: String, file: String = ""
    ) throws(HelmYAMLError) -> (ValueMap, ValueLocations) {
        try parseValuesWithLocations(text, file: file, recordLocations: true)
    }

    private static func parseValuesWithLocations(
        _ text: String, file: String, recordLocations: Bool
    ) throws(HelmYAMLError) -> (ValueMap, ValueLocations) {
        let (decoded, value, locations) = try readFirstDocument(text, file: file, recordLocations: recordLocations)
        switch value {
        case .map(let m): return (m, locations)
        case .null: return (ValueMap(), locations)
        default:
            let type = try exactDecoded(decoded, text, file: file)?.jsonTypeName ?? "null"
            throw .unmarshalingJSON("json: cannot unmarshal \(type) into Go value of type map[string]interface {}")
        }
    }

    /// Helm's `LoadValues`: splits the text into documents at `---` lines (k8s `YAMLReader`), reads each as
    /// `parseValues` does and deep-merges them in order (later documents win, maps merge recursively).
    ///
    /// Errors carry Helm's text without the caller's prefix, e.g.
    /// `cannot unmarshal yaml document: error converting YAML to JSON: …`.
    public static func loadValues(_ text: String, file: String = "") throws(HelmYAMLError) -> ValueMap {
        try loadValuesWithLocations(text, file: file, recordLocations: false).0
    }

    /// Like `loadValues`, also returning where every value path is written (the last document that sets a path
    /// wins). Locations are relative to the whole file.
    public static func loadValuesWithLocations(
        _ text: String, file: String = ""
    ) throws(HelmYAMLError) -> (ValueMap, ValueLocations) {
        try loadValuesWithLocations(text, file: file, recordLocations: true)
    }

    private static func loadValuesWithLocations(
        _ text: String, file: String, recordLocations: Bool
    ) throws(HelmYAMLError) -> (ValueMap, ValueLocations) {
        var result = ValueMap()
        var locations = ValueLocations()
        for chunk in try splitDocuments(text) {
            let parsed: (ValueMap, ValueLocations)
            do {
                parsed = try parseValuesWithLocations(chunk.text, file: file, recordLocations: recordLocations)
            } catch {
                var e = error
                e.message = "cannot unmarshal yaml document: " + e.message
                e.location = e.location.map { shift($0, by: chunk) }
                throw e
            }
            result = mergeMaps(result, parsed.0)
            if recordLocations {
                for (k, v) in parsed.1.values { locations.values[k] = shift(v, by: chunk) }
                for (k, v) in parsed.1.keys { locations.keys[k] = shift(v, by: chunk) }
            }
        }
        return (result, locations)
    }

    private struct Chunk {
        var text: String
        var line: Int
        var offset: Int
    }

    private static func shift(_ loc: SourceLocation, by chunk: Chunk) -> SourceLocation {
        var l = loc
        l.line += chunk.line
        l.offset += chunk.offset
        return l
    }

    /// Go: k8s.io/apimachinery yaml.go `YAMLReader.Read`: a line starting with `---` ends the current document
    /// (and is itself kept when it opens one); only whitespace or a comment may follow the marker.
    private static func splitDocuments(_ text: String) throws(HelmYAMLError) -> [Chunk] {
        // Most values files have no separator line: then the whole text is the one document.
        if !hasSeparatorLine(text) {
            guard let last = text.utf8.last else { return [] }
            return [Chunk(text: last == UInt8(ascii: "\n") ? text : text + "\n", line: 0, offset: 0)]
        }
        var bytes = Array(text.utf8)
        if let last = bytes.last, last != UInt8(ascii: "\n") { bytes.append(UInt8(ascii: "\n")) }
        var chunks: [Chunk] = []
        var buffer: [UInt8] = []
        var bufferLine = 0
        var bufferOffset = 0
        var lineNumber = 0
        var start = 0
        while start < bytes.count {
            var end = start
            while end < bytes.count && bytes[end] != UInt8(ascii: "\n") { end += 1 }
            if end < bytes.count { end += 1 }
            let line = bytes[start..<end]
            if line.starts(with: [0x2D, 0x2D, 0x2D]) {
                let rest = String(decoding: line.dropFirst(3), as: UTF8.self)
                let trimmed = rest.trimmingGoSpace()
                if let c = trimmed.first, c != "#" {
                    throw HelmYAMLError(
                        message: "error reading yaml document: invalid Yaml document separator: \(trimmed)")
                }
                if !buffer.isEmpty {
                    chunks.append(
                        Chunk(text: String(decoding: buffer, as: UTF8.self), line: bufferLine, offset: bufferOffset))
                    buffer = []
                    start = end
                    lineNumber += 1
                    continue
                }
            }
            if buffer.isEmpty {
                bufferLine = lineNumber
                bufferOffset = start
            }
            buffer.append(contentsOf: line)
            start = end
            lineNumber += 1
        }
        if !buffer.isEmpty {
            chunks.append(Chunk(text: String(decoding: buffer, as: UTF8.self), line: bufferLine, offset: bufferOffset))
        }
        return chunks
    }

    /// Whether some line of `text` starts with `---`.
    private static func hasSeparatorLine(_ text: String) -> Bool {
        func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
            let dash = UInt8(ascii: "-")
            var i = 0
            let n = bytes.count
            while i < n {
                // `i` starts a line.
                if i + 2 < n && bytes[i] == dash && bytes[i + 1] == dash && bytes[i + 2] == dash { return true }
                while i < n && bytes[i] != UInt8(ascii: "\n") { i += 1 }
                i += 1
            }
            return false
        }
        return text.utf8.withContiguousStorageIfAvailable { scan($0) }
            ?? Array(text.utf8).withUnsafeBufferPointer { scan($0) }
    }

    /// Go: Helm loader.go `MergeMaps`: values from `b` win; nested maps merge recursively.
    static func mergeMaps(_ a: ValueMap, _ b: ValueMap) -> ValueMap {
        // Merging into nothing copies `b`; a freshly read document is not shared, so it can serve as the copy.
        if a.isEmpty && a.namedType == nil && b.namedType == nil { return b }
        let out = a.copy()
        for (k, v) in b {
            if case .map(let bm) = v, case .map(let am)? = out[k] {
                out[k] = .map(mergeMaps(am, bm))
            } else {
                out[k] = v
            }
        }
        return out
    }

    /// Helm's `fromYaml`: the first document as a map, or `{"Error": message}` when it cannot be read.
    public static func fromYaml(_ text: String) -> Value {
        do {
            return .map(try parseValues(text))
        } catch {
            return .map(ValueMap([("Error", .string(error.message))]))
        }
    }

    /// Helm's `fromYamlArray`: the first document as a list, or `[message]` when it cannot be read.
    public static func fromYamlArray(_ text: String) -> Value {
        do throws(HelmYAMLError) {
            let (decoded, value, _) = try readFirstDocument(text, file: "", recordLocations: false)
            switch value {
            case .list: return value
            case .null: return .list([])
            default:
                let type = try exactDecoded(decoded, text, file: "")?.jsonTypeName ?? "null"
                throw HelmYAMLError.unmarshalingJSON(
                    "json: cannot unmarshal \(type) into Go value of type []interface {}")
            }
        } catch {
            return .list([.string(error.message)])
        }
    }

    /// Reads any YAML value the way `sigs.k8s.io/yaml.Unmarshal` into `interface{}` does (first document only).
    public static func parseAny(_ text: String, file: String = "") throws(HelmYAMLError) -> Value {
        try readFirstDocument(text, file: file, recordLocations: false).1
    }

    /// Reads the first document as `sigs.k8s.io/yaml.Unmarshal` into a typed Go value does before JSON
    /// decoding: numbers and bools bound for `string` fields become text (`appVersion: 1.10` gives "1.1",
    /// an annotation `weight: 5` gives "5"). Type mismatches (a list for a string) are left to the caller.
    public static func parseAny(_ text: String, file: String = "", target: GoJSONTarget) throws(HelmYAMLError) -> Value
    {
        try readFirstDocument(text, file: file, recordLocations: false, target: target).1
    }

    /// `sigs.k8s.io/yaml.Unmarshal` into a Go map or struct named `goTypeName` (for example `util.SimpleHead`):
    /// the first document must be a map or empty, else the error names that type.
    public static func parseMap(_ text: String, file: String = "", goTypeName: String) throws(HelmYAMLError) -> ValueMap
    {
        let (decoded, value, _) = try readFirstDocument(text, file: file, recordLocations: false)
        switch value {
        case .map(let m): return m
        case .null: return ValueMap()
        default:
            let type = try exactDecoded(decoded, text, file: file)?.jsonTypeName ?? "null"
            throw .unmarshalingJSON("json: cannot unmarshal \(type) into Go value of type \(goTypeName)")
        }
    }

    /// Every document of a YAML stream (libyaml's `---` handling), each read as `parseAny` reads one.
    /// An empty document reads as `.null`.
    public static func parseAllDocuments(_ text: String, file: String = "") throws(HelmYAMLError) -> [Value] {
        let parser = YAMLParser(text, file: file)
        var out: [Value] = []
        while let node = try nextDocument(of: parser) {
            var decoder = HelmYAMLDecoder(recordLocations: false)
            out.append(try decoder.value(try decoder.decodeDocument(node), path: ""))
        }
        return out
    }
}

extension String {
    /// `strings.TrimSpace`.
    func trimmingGoSpace() -> String {
        let scalars = unicodeScalars
        func isSpace(_ u: Unicode.Scalar) -> Bool {
            switch u.value {
            case 0x09...0x0D, 0x20, 0x85, 0xA0: return true
            default: return u.properties.isWhitespace
            }
        }
        guard let first = scalars.firstIndex(where: { !isSpace($0) }),
            let last = scalars.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(scalars[first...last])
    }
}
