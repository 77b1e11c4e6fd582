import GoTemplate
import Values

/// How a `--set`-family expression turns the text after `=` into a value.
///
/// Helm: pkg/strvals parser.go (`newParser`, `newJSONParser`) and literal_parser.go.
public enum StrvalsMode: Sendable, Equatable {
    /// `--set`: `true`/`false`/`null` (any case), decimal int64 without a leading zero, otherwise a string;
    /// `{a,b}` is a list; `\` escapes the next character.
    case typed
    /// `--set-string`: every scalar is a string; `{a,b}` is still a list.
    case string
    /// `--set-json`: the value is one JSON document.
    case json
    /// `--set-literal`: the rest of the expression, verbatim, is the value; no escapes, no lists.
    case literal
}

/// An error from a `--set`-family expression, worded as Helm's strvals package words it.
public struct StrvalsError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Helm's message, for example `key "a" has no value`.
    public let message: String
    /// Creates an error with Helm's message text.
    public init(_ message: String) { self.message = message }
    /// The message.
    public var description: String { message }
}

/// Parses Helm `--set`, `--set-string`, `--set-json` and `--set-literal` expressions into a values map.
///
/// Helm: pkg/strvals. Keys split on `.`, `[n]` indexes lists (at most 65536), `,` separates assignments
/// (except in literal mode), and a parsed expression is merged into `into` in place, as `ParseInto` does.
public struct StrvalsParser {
    /// Helm: strvals.MaxIndex.
    static let maxIndex = 65536
    /// Helm: strvals.MaxNestedNameLevel.
    static let maxNestedNameLevel = 30

    private var scalars: [Unicode.Scalar]
    private var position = 0
    private let mode: StrvalsMode
    private let decodeJSON: JSONPrefixDecoder?

    /// Decodes the JSON document at the start of a text and reports how many Unicode scalars it used
    /// (Go's `json.Decoder.Decode` + `InputOffset`). Only `--set-json` needs it.
    public typealias JSONPrefixDecoder = (_ text: Substring.UnicodeScalarView) throws -> (value: Value, consumed: Int)

    /// Parses `expression` in `mode` into `into` (which is mutated in place, like Go's map).
    public static func parse(
        _ expression: String, mode: StrvalsMode, into: ValueMap, decodeJSON: JSONPrefixDecoder? = nil
    ) throws {
        var parser = StrvalsParser(expression, mode: mode, decodeJSON: decodeJSON)
        try parser.parseAll(into: into)
    }

    /// Parses `expression` in `mode` into a new map.
    public static func parse(
        _ expression: String, mode: StrvalsMode, decodeJSON: JSONPrefixDecoder? = nil
    ) throws -> ValueMap {
        let map = ValueMap()
        try parse(expression, mode: mode, into: map, decodeJSON: decodeJSON)
        return map
    }

    private init(_ expression: String, mode: StrvalsMode, decodeJSON: JSONPrefixDecoder?) {
        self.scalars = Array(expression.unicodeScalars)
        self.mode = mode
        self.decodeJSON = decodeJSON
    }

    /// End of input, which Go signals with `io.EOF` and which ends a parse successfully at a key boundary.
    private struct EndOfInput: Error {}

    // Helm: parser.parse — keep reading keys until EOF.
    private mutating func parseAll(into data: ValueMap) throws {
        while true {
            do {
                try key(data, nestedLevel: 0)
            } catch is EndOfInput {
                return
            }
        }
    }

    // MARK: Reading

    private var atEnd: Bool { position >= scalars.count }

    /// Reads until one of `stop`, returning the text and the stop character (nil at end of input).
    /// Backslash escapes the next character except in literal mode. Helm: runesUntil / runesUntilLiteral.
    private mutating func runesUntil(_ stop: Set<Unicode.Scalar>) -> (text: String, last: Unicode.Scalar?) {
        var text = String.UnicodeScalarView()
        while position < scalars.count {
            let r = scalars[position]
            position += 1
            if stop.contains(r) { return (String(text), r) }
            if r == "\\" && mode != .literal {
                guard position < scalars.count else { return (String(text), nil) }
                text.append(scalars[position])
                position += 1
                continue
            }
            text.append(r)
        }
        return (String(text), nil)
    }

    // MARK: Keys

    // Helm: parser.key — one `name(.name|[i])*=value` assignment.
    private mutating func key(_ data: ValueMap, nestedLevel: Int) throws {
        let stop: Set<Unicode.Scalar> = mode == .literal ? ["=", "[", "."] : ["=", "[", ",", "."]
        let (k, last) = runesUntil(stop)
        guard let last else {
            if k.isEmpty { throw EndOfInput() }
            throw StrvalsError("key \"\(k)\" has no value")
        }
        switch last {
        case "[":
            let index = try keyIndex()
            var list: [Value] = []
            if let existing = data[k] {
                guard case .list(let l) = existing else { throw conversionPanic(existing, to: "[]interface {}") }
                list = l
            }
            var failure: Error?
            do { list = try listItem(list, index, nestedLevel: nestedLevel) } catch { failure = error }
            set(data, k, .list(list))
            if let failure { throw failure }
        case "=":
            try assignment(data, key: k)
        case ",":
            set(data, k, .string(""))
            throw StrvalsError("key \"\(k)\" has no value (cannot end with ,)")
        default:  // "."
            let level = nestedLevel + 1
            if level > Self.maxNestedNameLevel {
                throw StrvalsError(
                    "value name nested level is greater than maximum supported nested level of \(Self.maxNestedNameLevel)")
            }
            var inner = ValueMap()
            if let existing = data[k] {
                guard case .map(let m) = existing else { throw conversionPanic(existing, to: "map[string]interface {}") }
                inner = m
            }
            var failure: Error?
            do { try key(inner, nestedLevel: level) } catch { failure = error }
            if failure == nil && inner.isEmpty { throw StrvalsError("key map \"\(k)\" has no value") }
            if !inner.isEmpty { set(data, k, .map(inner)) }
            if let failure { throw failure }
        }
    }

    /// The value after `key=`. Helm: the `last == '='` branch of parser.key.
    private mutating func assignment(_ data: ValueMap, key k: String) throws {
        switch mode {
        case .literal:
            set(data, k, .string(restOfInput()))
        case .json:
            if try emptyValue() {
                set(data, k, .null)
                return
            }
            set(data, k, try jsonValue())
            _ = try emptyValue()
        case .typed, .string:
            switch try valueList() {
            case .list(let list):
                set(data, k, .list(list))
            case .endOfInput:
                set(data, k, .string(""))
                throw EndOfInput()
            case .notAList:
                let (text, _) = runesUntil([","])
                set(data, k, typedValue(text))
            }
        }
    }

    /// Go panics on a failed type assertion; strvals recovers it as this message.
    private func conversionPanic(_ value: Value, to type: String) -> StrvalsError {
        let have = value.isNull ? "nil" : value.goTypeName
        return StrvalsError("unable to parse key: interface conversion: interface {} is \(have), not \(type)")
    }

    // Helm: set — an empty key is ignored.
    private func set(_ data: ValueMap, _ key: String, _ value: Value) {
        guard !key.isEmpty else { return }
        data[key] = value
    }

    // Helm: parser.keyIndex — the text up to `]`, through strconv.Atoi.
    private mutating func keyIndex() throws -> Int {
        let (text, last) = runesUntil(["]"])
        guard last != nil else { throw EndOfInput() }
        guard let index = GoStrconv.atoi(text) else {
            throw StrvalsError("error parsing index: strconv.Atoi: parsing \(GoQuote.quote(text)): invalid syntax")
        }
        return index
    }

    // Helm: setIndex.
    private func setIndex(_ list: [Value], _ index: Int, _ value: Value) throws -> [Value] {
        if index < 0 { throw StrvalsError("negative \(index) index not allowed") }
        if index > Self.maxIndex {
            throw StrvalsError("index of \(index) is greater than maximum supported index of \(Self.maxIndex)")
        }
        var list = list
        if list.count <= index { list.append(contentsOf: repeatElement(Value.null, count: index + 1 - list.count)) }
        list[index] = value
        return list
    }

    // Helm: parser.listItem — what follows `name[i]`.
    private mutating func listItem(_ list: [Value], _ index: Int, nestedLevel: Int) throws -> [Value] {
        if index < 0 { throw StrvalsError("negative \(index) index not allowed") }
        let (k, last) = runesUntil(["[", ".", "="])
        if !k.isEmpty { throw StrvalsError("unexpected data at end of array index: \(GoQuote.quote(k))") }
        guard let last else { throw EndOfInput() }
        switch last {
        case "=":
            switch mode {
            case .literal:
                return try setIndex(list, index, .string(restOfInput()))
            case .json:
                if try emptyValue() { return try setIndex(list, index, .null) }
                let updated = try setIndex(list, index, try jsonValue())
                _ = try emptyValue()
                return updated
            case .typed, .string:
                switch try valueList() {
                case .list(let l): return try setIndex(list, index, .list(l))
                case .endOfInput: return try setIndex(list, index, .string(""))
                case .notAList:
                    let (text, _) = runesUntil([","])
                    return try setIndex(list, index, typedValue(text))
                }
            }
        case "[":
            let next = try keyIndex()
            var current: [Value] = []
            if index < list.count, !list[index].isNull {
                guard case .list(let l) = list[index] else {
                    throw conversionPanic(list[index], to: "[]interface {}")
                }
                current = l
            }
            let nested = try listItem(current, next, nestedLevel: nestedLevel)
            return try setIndex(list, index, .list(nested))
        default:  // "."
            var inner = ValueMap()
            if index < list.count, case .map(let m) = list[index] { inner = m }
            try key(inner, nestedLevel: nestedLevel)
            return try setIndex(list, index, .map(inner))
        }
    }

    // MARK: Values

    private enum ListResult {
        case list([Value])
        case notAList
        case endOfInput
    }

    // Helm: parser.valList — `{a,b,c}`; anything not starting with `{` is not a list.
    private mutating func valueList() throws -> ListResult {
        guard position < scalars.count else { return .endOfInput }
        guard scalars[position] == "{" else { return .notAList }
        position += 1
        var list: [Value] = []
        while true {
            let (text, last) = runesUntil([",", "}"])
            guard let last else { throw StrvalsError("list must terminate with '}'") }
            list.append(typedValue(text))
            if last == "}" {
                if position < scalars.count, scalars[position] == "," { position += 1 }
                return .list(list)
            }
        }
    }

    // Helm: typedVal.
    private func typedValue(_ text: String) -> Value {
        if mode == .string { return .string(text) }
        let lower = text.lowercased()
        if lower == "true" { return .bool(true) }
        if lower == "false" { return .bool(false) }
        if lower == "null" { return .null }
        if text == "0" { return .int(0, kind: .int64) }
        if let first = text.utf8.first, first != UInt8(ascii: "0"), let n = GoStrconv.parseInt64(text) {
            return .int(n, kind: .int64)
        }
        return .string(text)
    }

    private mutating func restOfInput() -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[position...])
        position = scalars.count
        return String(view)
    }

    // Helm: parser.emptyVal — skips spaces; true at end of input or at `,` (consumed).
    private mutating func emptyValue() throws -> Bool {
        while position < scalars.count {
            let r = scalars[position]
            if r == "," {
                position += 1
                return true
            }
            if !r.properties.isWhitespace { return false }
            position += 1
        }
        return true
    }

    private mutating func jsonValue() throws -> Value {
        guard let decodeJSON else { throw StrvalsError("--set-json needs a JSON decoder") }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[position...])
        let text = String(view)
        let (value, consumed) = try decodeJSON(text[...].unicodeScalars)
        position += consumed
        return value
    }
}

/// The `strconv` number parsing Helm's parsers rely on.
enum GoStrconv {
    /// Go `strconv.Atoi` (optional sign, decimal digits, no overflow past Int).
    static func atoi(_ text: String) -> Int? {
        guard let n = parseInt64(text) else { return nil }
        return Int(exactly: n)
    }

    /// Go `strconv.ParseInt(s, 10, 64)`: optional sign then at least one decimal digit (underscores rejected).
    static func parseInt64(_ text: String) -> Int64? {
        var utf8 = text.utf8[...]
        guard !utf8.isEmpty else { return nil }
        var negative = false
        if let first = utf8.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
            negative = first == UInt8(ascii: "-")
            utf8 = utf8.dropFirst()
        }
        guard !utf8.isEmpty else { return nil }
        var magnitude: UInt64 = 0
        for byte in utf8 {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            let (m1, o1) = magnitude.multipliedReportingOverflow(by: 10)
            let (m2, o2) = m1.addingReportingOverflow(UInt64(byte - UInt8(ascii: "0")))
            if o1 || o2 { return nil }
            magnitude = m2
        }
        if negative {
            if magnitude == UInt64(Int64.max) + 1 { return Int64.min }
            guard magnitude <= UInt64(Int64.max) else { return nil }
            return -Int64(magnitude)
        }
        guard magnitude <= UInt64(Int64.max) else { return nil }
        return Int64(magnitude)
    }
}
