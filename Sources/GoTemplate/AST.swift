import Values

/// The text a tree was parsed from, shared by every node of the tree (Go: `Tree.text`, `Tree.ParseName`).
public final class TemplateSource: Sendable {
    /// The name of the top-level template being parsed (Go `ParseName`), used in locations.
    public let parseName: String
    /// The UTF-8 bytes of the text.
    public let bytes: [UInt8]

    /// Creates a source.
    public init(parseName: String, text: String) {
        self.parseName = parseName
        self.bytes = Array(text.utf8)
    }

    /// 1-based line and 0-based byte column of a byte offset (Go `Tree.ErrorContext`).
    public func lineAndColumn(of position: Int) -> (line: Int, column: Int) {
        let p = min(max(position, 0), bytes.count)
        var line = 1
        var lastNewline = -1
        for i in 0..<p where bytes[i] == 0x0A {
            line += 1
            lastNewline = i
        }
        return (line, lastNewline < 0 ? p : p - lastNewline - 1)
    }
}

/// A statement-level node (Go parse nodes that can appear in a `ListNode`).
public indirect enum Node: Sendable, CustomStringConvertible {
    case text(TextNode)
    case action(ActionNode)
    case comment(CommentNode)
    case `if`(BranchNode)
    case range(BranchNode)
    case with(BranchNode)
    case template(TemplateNode)
    case `break`(position: Int)
    case `continue`(position: Int)
    case list(ListNode)

    /// Byte offset in the source.
    public var position: Int {
        switch self {
        case .text(let n): return n.position
        case .action(let n): return n.position
        case .comment(let n): return n.position
        case .if(let n), .range(let n), .with(let n): return n.position
        case .template(let n): return n.position
        case .break(let p), .continue(let p): return p
        case .list(let n): return n.position
        }
    }

    /// Go's `Node.String()`.
    public var description: String {
        switch self {
        case .text(let n): return n.text  // Go: textFormat is "%s" outside parse's own tests.
        case .action(let n): return "{{\(n.pipe)}}"
        case .comment(let n): return "{{\(n.text)}}"
        case .if(let n): return n.describe("if")
        case .range(let n): return n.describe("range")
        case .with(let n): return n.describe("with")
        case .template(let n):
            if let pipe = n.pipe { return "{{template \(GoQuote.quote(n.name)) \(pipe)}}" }
            return "{{template \(GoQuote.quote(n.name))}}"
        case .break: return "{{break}}"
        case .continue: return "{{continue}}"
        case .list(let n): return n.description
        }
    }
}

/// A sequence of nodes.
public struct ListNode: Sendable, CustomStringConvertible {
    /// Byte offset in the source.
    public internal(set) var position: Int
    /// The nodes in order.
    public internal(set) var nodes: [Node]

    /// Creates a list.
    public init(position: Int, nodes: [Node] = []) {
        self.position = position
        self.nodes = nodes
    }

    /// Go's `String()` of the node.
    public var description: String { nodes.map(\.description).joined() }

    /// Go `parse.IsEmptyTree`: only whitespace text and comments.
    public var isEmpty: Bool {
        for n in nodes {
            switch n {
            case .text(let t):
                if !t.text.utf8.allSatisfy({ Lexer.isSpace($0) || $0 == 0x0B || $0 == 0x0C }) { return false }
            case .comment: continue
            case .list(let l): if !l.isEmpty { return false }
            default: return false
            }
        }
        return true
    }
}

/// Plain text.
public struct TextNode: Sendable {
    /// Byte offset in the source.
    public internal(set) var position: Int
    /// The text.
    public internal(set) var text: String
}

/// A comment (only kept when comments are parsed).
public struct CommentNode: Sendable {
    /// Byte offset in the source.
    public internal(set) var position: Int
    /// The text.
    public internal(set) var text: String
}

/// `{{pipeline}}`.
public struct ActionNode: Sendable {
    /// Byte offset in the source.
    public internal(set) var position: Int
    /// 1-based line where the node starts.
    public internal(set) var line: Int
    /// The pipeline.
    public internal(set) var pipe: PipeNode
}

/// `if`, `range` or `with` with an optional else list.
public struct BranchNode: Sendable {
    /// Byte offset in the source.
    public internal(set) var position: Int
    /// 1-based line where the node starts.
    public internal(set) var line: Int
    /// The pipeline.
    public internal(set) var pipe: PipeNode
    /// The body.
    public internal(set) var list: ListNode
    /// The `else` body, if any.
    public internal(set) var elseList: ListNode?

    func describe(_ name: String) -> String {
        if let e = elseList { return "{{\(name) \(pipe)}}\(list){{else}}\(e){{end}}" }
        return "{{\(name) \(pipe)}}\(list){{end}}"
    }
}

/// `{{template "name" pipeline}}`.
public struct TemplateNode: Sendable {
    /// Byte offset in the source.
    public internal(set) var position: Int
    /// 1-based line where the node starts.
    public internal(set) var line: Int
    /// The name.
    public internal(set) var name: String
    /// The pipeline.
    public internal(set) var pipe: PipeNode?
}

/// A pipeline with optional variable declarations: `$x := cmd | cmd`.
public struct PipeNode: Sendable, CustomStringConvertible {
    /// Byte offset in the source.
    public internal(set) var position: Int
    /// 1-based line where the node starts.
    public internal(set) var line: Int
    /// `=` rather than `:=`.
    public internal(set) var isAssign: Bool
    /// Declared or assigned variables.
    public internal(set) var decl: [VariableNode]
    /// The commands, in pipe order.
    public internal(set) var commands: [CommandNode]

    /// Go's `String()` of the node.
    public var description: String {
        var s = ""
        if !decl.isEmpty {
            s = decl.map(\.description).joined(separator: ", ") + (isAssign ? " = " : " := ")
        }
        return s + commands.map(\.description).joined(separator: " | ")
    }
}

/// A command: an operand followed by arguments.
public struct CommandNode: Sendable, CustomStringConvertible {
    /// Byte offset in the source.
    public internal(set) var position: Int
    /// The operands; the first is the command itself.
    public internal(set) var arguments: [Operand]

    /// Go's `String()` of the node.
    public var description: String {
        arguments.map { arg -> String in
            if case .pipe(let p) = arg { return "(\(p))" }
            return arg.description
        }.joined(separator: " ")
    }
}

/// An operand of a command.
public indirect enum Operand: Sendable, CustomStringConvertible {
    case field(FieldNode)
    case chain(ChainNode)
    case variable(VariableNode)
    case identifier(IdentifierNode)
    case dot(position: Int)
    case `nil`(position: Int)
    case bool(BoolNode)
    case number(NumberNode)
    case string(StringNode)
    case pipe(PipeNode)

    /// Byte offset in the source.
    public var position: Int {
        switch self {
        case .field(let n): return n.position
        case .chain(let n): return n.position
        case .variable(let n): return n.position
        case .identifier(let n): return n.position
        case .dot(let p), .nil(let p): return p
        case .bool(let n): return n.position
        case .number(let n): return n.position
        case .string(let n): return n.position
        case .pipe(let n): return n.position
        }
    }

    /// Go's `Node.String()`.
    public var description: String {
        switch self {
        case .field(let n): return n.description
        case .chain(let n): return n.description
        case .variable(let n): return n.description
        case .identifier(let n): return n.name
        case .dot: return "."
        case .nil: return "nil"
        case .bool(let n): return n.value ? "true" : "false"
        case .number(let n): return n.text
        case .string(let n): return n.quoted
        case .pipe(let n): return n.description
        }
    }
}

/// `.a.b.c`
public struct FieldNode: Sendable, CustomStringConvertible {
    /// Byte offset in the source.
    public internal(set) var position: Int
    /// The identifiers in order.
    public internal(set) var identifiers: [String]
    /// Go's `String()` of the node.
    public var description: String { identifiers.map { "." + $0 }.joined() }
}

/// `(pipeline).a.b`, or a term followed by fields.
public struct ChainNode: Sendable, CustomStringConvertible {
    /// Byte offset in the source.
    public internal(set) var position: Int
    /// The term the fields apply to.
    public internal(set) var node: Operand
    /// The field names after the term.
    public internal(set) var fields: [String]

    /// Go's `String()` of the node.
    public var description: String {
        var s: String
        if case .pipe(let p) = node { s = "(\(p))" } else { s = node.description }
        for f in fields { s += "." + f }
        return s
    }
}

/// `$x` or `$x.a.b`: the first identifier is the variable name including `$`.
public struct VariableNode: Sendable, CustomStringConvertible {
    /// Byte offset in the source.
    public internal(set) var position: Int
    /// The identifiers in order.
    public internal(set) var identifiers: [String]
    /// Go's `String()` of the node.
    public var description: String { identifiers.joined(separator: ".") }
}

/// A function name.
public struct IdentifierNode: Sendable {
    /// Byte offset in the source.
    public internal(set) var position: Int
    /// The name.
    public internal(set) var name: String
    /// The function the name referred to when parsed.
    var binding: FunctionBinding?
}

/// `true` / `false`.
public struct BoolNode: Sendable {
    /// Byte offset in the source.
    public internal(set) var position: Int
    /// The value.
    public internal(set) var value: Bool
}

/// A string constant; `quoted` is the original source spelling.
public struct StringNode: Sendable {
    /// Byte offset in the source.
    public internal(set) var position: Int
    /// The literal as written, quotes included.
    public internal(set) var quoted: String
    /// The text.
    public internal(set) var text: String
}

/// A numeric constant with every interpretation Go's parser found valid (Go `NumberNode`).
public struct NumberNode: Sendable {
    /// Byte offset in the source.
    public internal(set) var position: Int
    /// Whether the constant is a valid int64.
    public internal(set) var isInt = false
    /// Whether the constant is a valid uint64.
    public internal(set) var isUint = false
    /// Whether the constant is a valid float64.
    public internal(set) var isFloat = false
    /// Whether the constant is complex (`2i`).
    public internal(set) var isComplex = false
    /// The int64 value when `isInt`.
    public internal(set) var int: Int64 = 0
    /// The uint64 value when `isUint`.
    public internal(set) var uint: UInt64 = 0
    /// The float64 value when `isFloat`.
    public internal(set) var float: Double = 0
    /// The imaginary part when `isComplex` (the real part is zero for template constants such as `2i`).
    public internal(set) var complexReal: Double = 0
    /// The imaginary part when `isComplex`.
    public internal(set) var complexImag: Double = 0
    /// The original text.
    public internal(set) var text: String
}

/// A parsed template: its name, its root list and its source.
public struct Tree: Sendable {
    /// The name.
    public internal(set) var name: String
    /// The root list.
    public internal(set) var root: ListNode
    /// The text the tree was parsed from.
    public internal(set) var source: TemplateSource
    /// The deepest nesting of controls and parentheses in the parse that produced the tree.
    public internal(set) var depth: Int = 0
}
