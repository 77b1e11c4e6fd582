import Values

/// The kind of a lexical item (Go: parse/lex.go `itemType`).
public enum TokenKind: Sendable, Equatable {
    case error
    case bool
    /// A printable ASCII character inside an action that is not otherwise meaningful (`,` for example).
    case char
    case charConstant
    case comment
    case complex
    /// `=`
    case assign
    /// `:=`
    case declare
    case eof
    /// `.name`
    case field
    /// A function name.
    case identifier
    case leftDelim
    case leftParen
    case number
    case pipe
    case rawString
    case rightDelim
    case rightParen
    case space
    case string
    case text
    /// `$` or `$name`
    case variable
    // Keywords.
    case block
    case `break`
    case `continue`
    case dot
    case define
    case `else`
    case end
    case `if`
    case `nil`
    case range
    case template
    case with

    /// Whether this is a keyword (Go: `i.typ > itemKeyword`).
    public var isKeyword: Bool {
        switch self {
        case .block, .break, .continue, .dot, .define, .else, .end, .if, .nil, .range, .template, .with: return true
        default: return false
        }
    }
}

/// One lexical item: kind, source text (or error message), byte offset and 1-based line.
public struct Token: Sendable, Equatable {
    /// The kind.
    public var kind: TokenKind
    /// The value.
    public var value: String
    /// Byte offset of the item in the template text.
    public var position: Int
    /// Line on which the item starts.
    public var line: Int

    /// Creates a token.
    public init(_ kind: TokenKind, _ value: String, position: Int, line: Int) {
        self.kind = kind
        self.value = value
        self.position = position
        self.line = line
    }

    /// How the parser quotes an item in messages (Go: lex.go `item.String`).
    public var goDescription: String {
        switch kind {
        case .eof: return "EOF"
        case .error: return value
        default:
            if kind.isKeyword { return "<\(value)>" }
            if value.unicodeScalars.count > 10 {
                return GoQuote.quote(String(String.UnicodeScalarView(value.unicodeScalars.prefix(10)))) + "..."
            }
            return GoQuote.quote(value)
        }
    }
}

/// A lexical item as the parser reads it: the kind and where its text lies in the template's bytes, so that lexing
/// copies no text (Go: lex.go `item`, whose `val` is a substring of the input and costs no copy either).
struct LexItem {
    /// The kind.
    var kind: TokenKind
    /// Byte offset of the item in the template text; its text starts here.
    var position: Int
    /// Byte offset just past the item's text (equal to `position` for `eof` and `error` items).
    var end: Int
    /// Line on which the item starts.
    var line: Int
}
