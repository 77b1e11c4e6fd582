import Foundation
import HelmEngine
import Values

/// A minimal JSON reader for Helm tests: numbers become `.float` as Helm's readers make them.
///
/// It stands in for the Values target's YAML/JSON readers (the fixtures are written in JSON, which is YAML too),
/// so the Helm layer can be tested on its own.
struct TestJSON {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private let scalars: [Unicode.Scalar]
    private var i = 0

    private init(_ scalars: [Unicode.Scalar]) { self.scalars = scalars }

    /// Parses a whole JSON text.
    static func value(_ text: String) throws -> Value {
        let (v, consumed) = try prefix(Array(text.unicodeScalars))
        guard Array(text.unicodeScalars)[consumed...].allSatisfy({ $0.properties.isWhitespace }) else {
            throw Failure(description: "trailing data")
        }
        return v
    }

    /// A values map from JSON text (test convenience; fails the parse when the text is not an object).
    static func map(_ text: String) throws -> ValueMap {
        guard case .map(let m) = try value(text) else { throw Failure(description: "not an object") }
        return m
    }

    /// Parses the JSON value at the start and returns it with the number of scalars used.
    static func prefix(_ scalars: [Unicode.Scalar]) throws -> (Value, Int) {
        var parser = TestJSON(scalars)
        let v = try parser.parseValue()
        return (v, parser.i)
    }

    /// Codecs whose "YAML" is JSON documents separated by `---` lines (comment lines and lone `---` dropped).
    static let codecs = HelmCodecs(
        yamlDocument: { text in try documents(text).first ?? .null },
        loadValues: { text in
            var merged = ValueMap()
            for document in try documents(text) {
                if case .map(let m) = document { merged = Coalesce.mergeMaps(merged, m) }
            }
            return merged
        },
        jsonDocument: { text in
            do {
                return try value(text)
            } catch {
                throw HelmError(code: .codec, message: "\(error)")
            }
        },
        toYAML: { value in
            // Flat maps of strings only: `key: value` lines (enough for the Files tests).
            guard case .map(let map) = value else { return GoFormat.describe(value) }
            if map.isEmpty { return "{}" }
            return map.map { "\($0.key): \(GoFormat.describe($0.value))" }.joined(separator: "\n")
        })

    private static func documents(_ text: String) throws -> [Value] {
        var documents: [Value] = []
        var current = ""
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("---") {
                documents.append(try documentValue(current))
                current = ""
            } else if !line.hasPrefix("#") && line.trimmingCharacters(in: .whitespaces) != "---" {
                current += line + "\n"
            }
        }
        documents.append(try documentValue(current))
        // A stream that opens with `---` has no empty document before it.
        if text.drop(while: { $0.isWhitespace }).hasPrefix("---"), documents.count > 1 { documents.removeFirst() }
        return documents
    }

    private static func documentValue(_ text: String) throws -> Value {
        if text.unicodeScalars.allSatisfy({ $0.properties.isWhitespace }) { return .null }
        do {
            return try value(text)
        } catch {
            throw HelmError(code: .codec, message: "\(error)")
        }
    }

    private mutating func skipSpace() {
        while i < scalars.count, scalars[i].properties.isWhitespace { i += 1 }
    }

    private mutating func parseValue() throws -> Value {
        skipSpace()
        guard i < scalars.count else { throw Failure(description: "unexpected end") }
        switch scalars[i] {
        case "{":
            i += 1
            let map = ValueMap()
            skipSpace()
            if i < scalars.count, scalars[i] == "}" {
                i += 1
                return .map(map)
            }
            while true {
                skipSpace()
                guard case .string(let key) = try parseValue() else { throw Failure(description: "key") }
                skipSpace()
                guard i < scalars.count, scalars[i] == ":" else { throw Failure(description: "colon") }
                i += 1
                map[key] = try parseValue()
                skipSpace()
                guard i < scalars.count else { throw Failure(description: "unexpected end") }
                if scalars[i] == "," {
                    i += 1
                    continue
                }
                guard scalars[i] == "}" else { throw Failure(description: "object end") }
                i += 1
                return .map(map)
            }
        case "[":
            i += 1
            var list: [Value] = []
            skipSpace()
            if i < scalars.count, scalars[i] == "]" {
                i += 1
                return .list(list)
            }
            while true {
                list.append(try parseValue())
                skipSpace()
                guard i < scalars.count else { throw Failure(description: "unexpected end") }
                if scalars[i] == "," {
                    i += 1
                    continue
                }
                guard scalars[i] == "]" else { throw Failure(description: "array end") }
                i += 1
                return .list(list)
            }
        case "\"":
            i += 1
            var s = String.UnicodeScalarView()
            while i < scalars.count, scalars[i] != "\"" {
                if scalars[i] == "\\", i + 1 < scalars.count {
                    i += 1
                    switch scalars[i] {
                    case "n": s.append("\n")
                    case "t": s.append("\t")
                    default: s.append(scalars[i])
                    }
                } else {
                    s.append(scalars[i])
                }
                i += 1
            }
            i += 1
            return .string(String(s))
        default:
            var word = ""
            while i < scalars.count, !",]} \n\t".unicodeScalars.contains(scalars[i]) {
                word.unicodeScalars.append(scalars[i])
                i += 1
            }
            switch word {
            case "true": return .bool(true)
            case "false": return .bool(false)
            case "null": return .null
            default:
                guard let d = Double(word) else { throw Failure(description: "invalid character '\(word)'") }
                return .float(d)
            }
        }
    }
}
