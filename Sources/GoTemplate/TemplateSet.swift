import Values

/// An immutable set of parsed templates that can be executed many times, concurrently.
public struct TemplateSet: Sendable {
    /// The left action delimiter.
    public let leftDelimiter: String
    /// The right action delimiter.
    public let rightDelimiter: String
    /// The name of the set itself, used in `no template "x" associated with template "NAME"` (Go: the root
    /// template's name; Helm's is `gotpl`).
    public var rootName: String = ""
    /// The trees by template name.
    public private(set) var trees: [String: Tree] = [:]

    /// Creates an empty set with the given action delimiters.
    public init(leftDelimiter: String = "{{", rightDelimiter: String = "}}") {
        self.leftDelimiter = leftDelimiter
        self.rightDelimiter = rightDelimiter
    }

    /// Parses `text` as template `name` and registers every `define` in it. Go's AddParseTree rules:
    /// a new definition replaces an existing one unless the new body is empty (whitespace-only text counts as empty).
    public mutating func parse(name: String, text: String, functions: FunctionTable) throws {
        _ = try parseTree(name: name, text: text, functions: functions)
    }

    /// Parses like `parse` and returns the tree of `name` as parsed (even when an existing non-empty template
    /// of that name was kept), which is what Go's `t.New(name).Parse(text)` then executes.
    @discardableResult
    public mutating func parseTree(name: String, text: String, functions: FunctionTable) throws -> Tree {
        let source = TemplateSource(parseName: name, text: text)
        var parser = Parser(source: source, leftDelim: leftDelimiter, rightDelim: rightDelimiter, functions: functions)
        var root = ListNode(position: 0)
        // The parser recurses once per nesting level, and every level opens with an action or a parenthesis;
        // texts that may nest deeply are parsed on a large stack.
        var openers = 0
        for item in parser.tokens where item.kind == .leftDelim || item.kind == .leftParen {
            openers += item.kind == .leftDelim ? 2 : 1
        }
        if openers > 512 {
            let box = ParseBox(parser)
            try LargeStack.run {
                box.root = try box.parser.parse()
                try box.parser.add(name, box.root)
            }
            parser = box.parser
            root = box.root
        } else {
            root = try parser.parse()
            try parser.add(name, root)
        }
        let main = Tree(name: name, root: root, source: source, depth: parser.maxNesting)
        // Go: template.AddParseTree / associate, for the defines first and then the main tree.
        for (treeName, tree) in parser.treeSet.sorted(by: { $0.key < $1.key }) {
            if trees[treeName] != nil && tree.root.isEmpty { continue }
            trees[treeName] = tree
        }
        return main
    }

    /// Whether a template of that name exists.
    public func contains(_ name: String) -> Bool { trees[name] != nil }

    /// The names of all templates, sorted.
    public var templateNames: [String] { trees.keys.sorted() }

    /// Executes template `name`, appending output to `output` (on error, output may be partial; callers discard it).
    public func execute(name: String, data: Value, functions: FunctionTable, options: ExecutionOptions,
                        into output: inout String) throws {
        guard let tree = trees[name] else {
            throw TemplateError(
                kind: .other, locationName: name, line: 0,
                message: "template: no template \(GoQuote.quote(name)) associated with template \(GoQuote.quote(rootName))")
        }
        try execute(tree: tree, data: data, functions: functions, options: options, into: &output)
    }

    /// Executes a tree (typically one returned by `parseTree`) against this set.
    public func execute(tree: Tree, data: Value, functions: FunctionTable, options: ExecutionOptions,
                        into output: inout String) throws {
        let executor = Executor(set: self, functions: functions, options: options, tree: tree)
        executor.out = output
        output = ""
        defer {
            output = executor.out
            executor.out = ""
        }
        try executor.run(data: data)
    }
}

/// Carries a parser to and from a large-stack thread.
final class ParseBox {
    var parser: Parser
    var root = ListNode(position: 0)
    init(_ parser: Parser) { self.parser = parser }
}
