import Values

/// Go's template parser (Go: parse/parse.go): builds one tree per template and one per `define`/`block`.
struct Parser {
    /// What `textOrAction` found: a node, or an `{{end}}`/`{{else}}` that closes a list.
    enum Item {
        case node(Node)
        case end(position: Int)
        case `else`(position: Int, line: Int)

        var goDescription: String {
            switch self {
            case .node(let n): return n.description
            case .end: return "{{end}}"
            case .else: return "{{else}}"
            }
        }
    }

    let tokens: [LexItem]
    /// The template's bytes, which the items point into.
    let input: [UInt8]
    /// The message of the lexer's error item, if any.
    let lexError: String
    var index = 0
    /// The furthest token read from the lexer (Go `token[0]`), whose line error messages report.
    var furthest = 0
    let source: TemplateSource
    /// The functions templates may call (besides the predefined ones).
    let functions: FunctionTable
    /// Trees defined so far in this parse (Go `treeSet`).
    var treeSet: [String: Tree] = [:]
    /// Declared variables of the current tree (Go `Tree.vars`).
    var vars: [String] = ["$"]
    var rangeDepth = 0
    var actionLine = 0
    /// Nesting of parenthesized pipelines (Go `stackDepth`).
    var stackDepth = 0
    /// Current and deepest nesting of controls and parentheses, so deep trees can run on a large stack.
    var nesting = 0
    var maxNesting = 0

    /// Go `maxStackDepth`: the deepest parenthesized expression allowed.
    static let maxStackDepth = 10000

    init(source: TemplateSource, leftDelim: String, rightDelim: String, functions: FunctionTable) {
        var lexer = Lexer(bytes: source.bytes, leftDelim: leftDelim, rightDelim: rightDelim,
                          breakOK: !Parser.hasFunction("break", functions),
                          continueOK: !Parser.hasFunction("continue", functions))
        tokens = lexer.lexItems()
        input = source.bytes
        lexError = lexer.errorMessage
        self.source = source
        self.functions = functions
    }

    /// Whether `name` is a function templates may call (Go: `hasFunction`), looked up by its bytes (every parse
    /// asks for `break` and `continue`).
    static func hasFunction(_ name: StaticString, _ functions: FunctionTable) -> Bool {
        let bytes = UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount)
        return functions.slot(ofUTF8: bytes) != nil || Builtins.lookup(bytes) != nil
    }

    /// What a function name refers to (Go `findFunction`, done once here rather than on every call), or nil if
    /// nothing.
    func bind(_ name: String) -> FunctionBinding? {
        if let slot = functions.slot(of: name) {
            return FunctionBinding(table: functions.identity, target: .function(slot))
        }
        if let builtin = Builtins.table[name] {
            return FunctionBinding(table: functions.identity, target: .builtin(builtin.kind))
        }
        return nil
    }

    /// `bind` for the name spelled by an identifier item, and the name: found by the item's bytes, the function's
    /// own name is used and no `String` is made of the text (names with non-ASCII bytes, which `String` equality
    /// may match in another normalization, take the `String` lookup).
    func bind(_ token: LexItem) -> (name: String, binding: FunctionBinding)? {
        let found: (name: String, binding: FunctionBinding)?? = input.withUnsafeBufferPointer { buffer in
            let name = UnsafeBufferPointer(rebasing: buffer[token.position..<token.end])
            if let slot = functions.slot(ofUTF8: name) {
                return (functions.entries[slot].name, FunctionBinding(table: functions.identity, target: .function(slot)))
            }
            if let (builtinName, builtin) = Builtins.lookup(name) {
                return (builtinName, FunctionBinding(table: functions.identity, target: .builtin(builtin.kind)))
            }
            return name.allSatisfy({ $0 < 0x80 }) ? .some(nil) : nil
        }
        if let found { return found }
        let name = value(token)
        return bind(name).map { (name, $0) }
    }

    // MARK: - Token stream

    /// The text of an item (the message for an error item).
    func value(_ t: LexItem) -> String {
        t.kind == .error ? lexError : text(t.position, t.end)
    }

    /// The bytes `from..<to` of the template as a string.
    func text(_ from: Int, _ to: Int) -> String {
        input.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[from..<to]), as: UTF8.self) }
    }

    /// Whether an item's text is the single byte `c`.
    func isByte(_ t: LexItem, _ c: UInt8) -> Bool { t.end == t.position + 1 && input[t.position] == c }

    /// The public form of an item, for messages.
    func token(_ t: LexItem) -> Token { Token(t.kind, value(t), position: t.position, line: t.line) }

    mutating func next() -> LexItem {
        guard index < tokens.count else { return tokens[tokens.count - 1] }
        let t = tokens[index]
        furthest = max(furthest, index)
        index += 1
        return t
    }

    mutating func backup() { index -= 1 }

    mutating func peek() -> LexItem {
        let t = next()
        backup()
        return t
    }

    mutating func nextNonSpace() -> LexItem {
        var t = next()
        while t.kind == .space { t = next() }
        return t
    }

    mutating func peekNonSpace() -> LexItem {
        let t = nextNonSpace()
        backup()
        return t
    }

    // MARK: - Errors

    func errorf(_ message: String) -> TemplateError {
        let line = tokens[min(furthest, tokens.count - 1)].line
        return TemplateError(kind: .parse, locationName: source.parseName, line: line, message: message)
    }

    /// Go `unexpected`.
    func unexpected(_ item: LexItem, _ context: String) -> TemplateError {
        let token = token(item)
        if token.kind == .error {
            var extra = ""
            if actionLine != 0 && actionLine != token.line {
                extra = " in action started at \(source.parseName):\(actionLine)"
                if token.value.hasSuffix(" action") { extra = String(extra.dropFirst(" in action".count)) }
            }
            return errorf(token.value + extra)
        }
        return errorf("unexpected \(token.goDescription) in \(context)")
    }

    mutating func expect(_ kind: TokenKind, _ context: String) throws -> LexItem {
        let t = nextNonSpace()
        if t.kind != kind { throw unexpected(t, context) }
        return t
    }

    // MARK: - Grammar

    /// Template: (text | action | define)* EOF. Returns the main tree's root.
    mutating func parse() throws -> ListNode {
        var root = ListNode(position: peek().position)
        while peek().kind != .eof {
            if peek().kind == .leftDelim {
                let delimIndex = index
                _ = next()
                if nextNonSpace().kind == .define {
                    try parseDefinition()
                    continue
                }
                index = delimIndex
            }
            switch try textOrAction() {
            case .node(let n): root.nodes.append(n)
            case let other: throw errorf("unexpected \(other.goDescription)")
            }
        }
        return root
    }

    /// Go `Tree.add`: registers a tree unless a non-empty one of that name already exists in this parse.
    mutating func add(_ name: String, _ root: ListNode) throws {
        if let old = treeSet[name], !old.root.isEmpty {
            if !root.isEmpty { throw errorf("template: multiple definition of template \(GoQuote.quote(name))") }
            return
        }
        treeSet[name] = Tree(name: name, root: root, source: source, depth: maxNesting)
    }

    /// Runs `body` with a fresh variable scope, as Go does for a new Tree sharing the lexer.
    mutating func withNewTree<T>(_ body: (inout Parser) throws -> T) rethrows -> T {
        let savedVars = vars
        let savedDepth = rangeDepth
        vars = ["$"]
        rangeDepth = 0
        defer {
            vars = savedVars
            rangeDepth = savedDepth
        }
        return try body(&self)
    }

    /// Definition: `{{define "name"}} list {{end}}` (the `define` keyword already consumed).
    mutating func parseDefinition() throws {
        let context = "define clause"
        try withNewTree { p in
            let nameToken = p.nextNonSpace()
            if nameToken.kind != .string && nameToken.kind != .rawString { throw p.unexpected(nameToken, context) }
            guard let name = GoQuote.unquote(p.input, nameToken.position, nameToken.end) else {
                throw p.errorf("invalid syntax")
            }
            _ = try p.expect(.rightDelim, context)
            let (list, end) = try p.itemList()
            if case .end = end {} else { throw p.errorf("unexpected \(end.goDescription) in \(context)") }
            try p.add(name, list)
        }
    }

    /// itemList: textOrAction* up to an `{{end}}` or `{{else}}`.
    mutating func itemList() throws -> (ListNode, Item) {
        var list = ListNode(position: peekNonSpace().position)
        while peekNonSpace().kind != .eof {
            let item = try textOrAction()
            switch item {
            case .node(let n): list.nodes.append(n)
            case .end, .else: return (list, item)
            }
        }
        throw errorf("unexpected EOF")
    }

    mutating func textOrAction() throws -> Item {
        let token = nextNonSpace()
        switch token.kind {
        case .text:
            return .node(.text(TextNode(position: token.position, text: value(token))))
        case .leftDelim:
            actionLine = token.line
            defer { actionLine = 0 }
            return try action()
        case .comment:
            return .node(.comment(CommentNode(position: token.position, text: value(token))))
        default:
            throw unexpected(token, "input")
        }
    }

    /// Action: control | pipeline (the left delimiter already consumed).
    mutating func action() throws -> Item {
        let token = nextNonSpace()
        switch token.kind {
        case .block: return .node(try blockControl())
        case .break:
            let t = nextNonSpace()
            if t.kind != .rightDelim { throw unexpected(t, "{{break}}") }
            if rangeDepth == 0 { throw errorf("{{break}} outside {{range}}") }
            return .node(.break(position: token.position))
        case .continue:
            let t = nextNonSpace()
            if t.kind != .rightDelim { throw unexpected(t, "{{continue}}") }
            if rangeDepth == 0 { throw errorf("{{continue}} outside {{range}}") }
            return .node(.continue(position: token.position))
        case .else:
            let p = peekNonSpace()
            if p.kind == .if || p.kind == .with { return .else(position: p.position, line: p.line) }
            let t = try expect(.rightDelim, "else")
            return .else(position: t.position, line: t.line)
        case .end:
            let t = try expect(.rightDelim, "end")
            return .end(position: t.position)
        case .if: return .node(.if(try parseControl("if")))
        case .range: return .node(.range(try parseControl("range")))
        case .with: return .node(.with(try parseControl("with")))
        case .template: return .node(try templateControl())
        default:
            backup()
            let t = peek()
            let pipe = try pipeline("command", end: .rightDelim)
            return .node(.action(ActionNode(position: t.position, line: t.line, pipe: pipe)))
        }
    }

    /// Control: pipeline list ('else' (list | if/with control))? 'end'.
    mutating func nest(_ delta: Int) {
        nesting += delta
        maxNesting = max(maxNesting, nesting)
    }

    mutating func parseControl(_ context: String) throws -> BranchNode {
        let savedVarCount = vars.count
        nest(1)
        defer {
            vars.removeLast(vars.count - savedVarCount)
            nest(-1)
        }
        let pipe = try pipeline(context, end: .rightDelim)
        if context == "range" { rangeDepth += 1 }
        let (list, closing) = try itemList()
        if context == "range" { rangeDepth -= 1 }
        var elseList: ListNode?
        switch closing {
        case .end, .node: break
        case .else(let position, _):
            // "else if" and "else with" become a nested control whose {{end}} closes both.
            if context == "if" && peek().kind == .if {
                _ = next()
                elseList = ListNode(position: position, nodes: [.if(try parseControl("if"))])
            } else if context == "with" && peek().kind == .with {
                _ = next()
                elseList = ListNode(position: position, nodes: [.with(try parseControl("with"))])
            } else {
                let (l, n) = try itemList()
                if case .end = n {} else { throw errorf("expected end; found \(n.goDescription)") }
                elseList = l
            }
        }
        return BranchNode(position: pipe.position, line: pipe.line, pipe: pipe, list: list, elseList: elseList)
    }

    mutating func parseTemplateName(_ token: LexItem, _ context: String) throws -> String {
        switch token.kind {
        case .string, .rawString:
            guard let s = GoQuote.unquote(input, token.position, token.end) else { throw errorf("invalid syntax") }
            return s
        default:
            throw unexpected(token, context)
        }
    }

    /// The `"name" pipeline?` that follows `template` and `block`.
    mutating func templateHead(_ context: String) throws -> (LexItem, String, PipeNode?) {
        let token = nextNonSpace()
        let name = try parseTemplateName(token, context)
        var pipe: PipeNode?
        if nextNonSpace().kind != .rightDelim {
            backup()
            pipe = try pipeline(context, end: .rightDelim)
        }
        return (token, name, pipe)
    }

    /// Template: `{{template "name" pipeline?}}`.
    mutating func templateControl() throws -> Node {
        let (token, name, pipe) = try templateHead("template clause")
        return .template(TemplateNode(position: token.position, line: token.line, name: name, pipe: pipe))
    }

    /// Block: `{{block "name" pipeline}} list {{end}}` = define + template.
    mutating func blockControl() throws -> Node {
        let context = "block clause"
        let (token, name, pipe) = try templateHead(context)
        try withNewTree { p in
            let (list, end) = try p.itemList()
            if case .end = end {} else { throw p.errorf("unexpected \(end.goDescription) in \(context)") }
            try p.add(name, list)
        }
        return .template(TemplateNode(position: token.position, line: token.line, name: name, pipe: pipe))
    }

    /// Pipeline: declarations? command ('|' command)*
    mutating func pipeline(_ context: String, end: TokenKind) throws -> PipeNode {
        let first = peekNonSpace()
        var pipe = PipeNode(position: first.position, line: first.line, isAssign: false, decl: [], commands: [])
        decls: while true {
            let v = peekNonSpace()
            guard v.kind == .variable else { break }
            let vIndex = index
            _ = nextNonSpace()
            let nextToken = peekNonSpace()
            if nextToken.kind == .assign || nextToken.kind == .declare {
                pipe.isAssign = nextToken.kind == .assign
                _ = nextNonSpace()
                let name = value(v)
                pipe.decl.append(newVariable(v.position, name))
                vars.append(name)
            } else if nextToken.kind == .char && isByte(nextToken, UInt8(ascii: ",")) {
                _ = nextNonSpace()
                let name = value(v)
                pipe.decl.append(newVariable(v.position, name))
                vars.append(name)
                if context == "range" && pipe.decl.count < 2 {
                    switch peekNonSpace().kind {
                    case .variable, .rightDelim, .rightParen:
                        continue decls
                    default:
                        throw errorf("range can only initialize variables")
                    }
                }
                throw errorf("too many declarations in \(context)")
            } else {
                // Not a declaration: the variable starts the first command (Go backup2/backup3).
                index = vIndex
            }
            break
        }
        while true {
            let token = nextNonSpace()
            if token.kind == end {
                try checkPipeline(pipe, context)
                return pipe
            }
            switch token.kind {
            case .bool, .charConstant, .complex, .dot, .field, .identifier, .number, .nil, .rawString, .string,
                .variable, .leftParen:
                backup()
                pipe.commands.append(try command())
            default:
                throw unexpected(token, context)
            }
        }
    }

    func checkPipeline(_ pipe: PipeNode, _ context: String) throws {
        if pipe.commands.isEmpty { throw errorf("missing value for \(context)") }
        for (i, c) in pipe.commands.enumerated().dropFirst() {
            switch c.arguments.first {
            case .bool, .dot, .nil, .number, .string:
                throw errorf("non executable command in pipeline stage \(i + 1)")
            default: break
            }
        }
    }

    func newVariable(_ position: Int, _ text: String) -> VariableNode {
        // Variable items never hold a `.` (the lexer stops words there), so this is the one identifier.
        if !text.utf8.contains(UInt8(ascii: ".")) { return VariableNode(position: position, identifiers: [text]) }
        return VariableNode(position: position,
                            identifiers: text.split(separator: ".", omittingEmptySubsequences: false).map(String.init))
    }

    /// Command: operand (space operand)*
    mutating func command() throws -> CommandNode {
        var cmd = CommandNode(position: peekNonSpace().position, arguments: [])
        // Most commands are a function and a few arguments: one allocation instead of regrowing.
        cmd.arguments.reserveCapacity(4)
        while true {
            _ = peekNonSpace()
            if let operand = try operand() { cmd.arguments.append(operand) }
            let token = next()
            switch token.kind {
            case .space: continue
            case .rightDelim, .rightParen: backup()
            case .pipe: break
            default: throw unexpected(token, "operand")
            }
            break
        }
        if cmd.arguments.isEmpty { throw errorf("empty command") }
        return cmd
    }

    /// Operand: term .Field*
    mutating func operand() throws -> Operand? {
        guard let node = try term() else { return nil }
        guard peek().kind == .field else { return node }
        // Fields and variables took the fields that follow them in `term`; other terms start a chain.
        let (fields, firstField) = takeChainedFields(after: nil)
        let chainPosition = firstField ?? node.position
        switch node {
        case .bool, .string, .number, .nil, .dot:
            throw errorf("unexpected . after term \(GoQuote.quote(node.description))")
        default:
            return .chain(ChainNode(position: chainPosition, node: node, fields: fields))
        }
    }

    /// Consumes the field items that follow at once (`.b.c` after `.a` or `$x`) and returns their names after `first`
    /// (if given), built in one allocation, and the position of the first field item, which Go gives the whole
    /// operand (`operand` builds the chain at the first following field).
    mutating func takeChainedFields(after first: String?) -> (names: [String], firstPosition: Int?) {
        var count = 0
        while index + count < tokens.count && tokens[index + count].kind == .field { count += 1 }
        let start = index
        var names: [String] = []
        names.reserveCapacity((first == nil ? 0 : 1) + count)
        if let first { names.append(first) }
        for k in start..<start + count { names.append(text(tokens[k].position + 1, tokens[k].end)) }
        guard count > 0 else { return (names, nil) }
        // As `next` would have done for each item.
        furthest = max(furthest, start + count - 1)
        index = start + count
        return (names, tokens[start].position)
    }

    /// Term: literal | function | '.' | '$var' | '.Field' | '(' pipeline ')'
    mutating func term() throws -> Operand? {
        let token = nextNonSpace()
        switch token.kind {
        case .identifier:
            guard let (name, binding) = bind(token) else {
                throw errorf("function \(GoQuote.quote(value(token))) not defined")
            }
            return .identifier(IdentifierNode(position: token.position, name: name, binding: binding))
        case .dot: return .dot(position: token.position)
        case .nil: return .nil(position: token.position)
        case .variable:
            let name = value(token)
            // Variable items never hold a `.` (the lexer stops words there): the name is the one identifier.
            guard vars.contains(name) else { throw errorf("undefined variable \(GoQuote.quote(name))") }
            let (names, firstField) = takeChainedFields(after: name)
            return .variable(VariableNode(position: firstField ?? token.position, identifiers: names))
        case .field:
            let (names, firstField) = takeChainedFields(after: text(token.position + 1, token.end))
            return .field(FieldNode(position: firstField ?? token.position, identifiers: names))
        case .bool: return .bool(BoolNode(position: token.position, value: token.end - token.position == 4))
        case .charConstant, .complex, .number:
            return .number(try newNumber(token))
        case .leftParen:
            if stackDepth >= Parser.maxStackDepth { throw errorf("max expression depth exceeded") }
            stackDepth += 1
            nest(1)
            defer {
                stackDepth -= 1
                nest(-1)
            }
            return .pipe(try pipeline("parenthesized pipeline", end: .rightParen))
        case .string, .rawString:
            guard let s = GoQuote.unquote(input, token.position, token.end) else { throw errorf("invalid syntax") }
            return .string(StringNode(position: token.position, quoted: value(token), text: s))
        default:
            backup()
            return nil
        }
    }

    /// The value of `bytes[from..<to]` if it is a decimal integer of at most 18 digits without a sign or a leading
    /// zero (or just `0`), which is how most template constants are written.
    static func plainDecimal(_ bytes: [UInt8], _ from: Int, _ to: Int) -> Int64? {
        guard to > from, to - from <= 18, to - from == 1 || bytes[from] != UInt8(ascii: "0") else { return nil }
        var v: Int64 = 0
        for i in from..<to {
            let c = bytes[i]
            guard c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") else { return nil }
            v = v * 10 + Int64(c - UInt8(ascii: "0"))
        }
        return v
    }

    /// Go `newNumber`: every valid interpretation of a numeric constant.
    func newNumber(_ token: LexItem) throws -> NumberNode {
        let text = value(token)
        var n = NumberNode(position: token.position, text: text)
        if token.kind == .charConstant {
            // Go: strconv.UnquoteChar on the text after the opening quote; the rest must be the closing quote.
            let bytes = Array(text.utf8)
            guard bytes.count >= 2, let (decoded, next) = GoQuote.unquoteChar(bytes, 1, quote: bytes[0]),
                let r = String(decoding: decoded, as: UTF8.self).unicodeScalars.first
            else { throw errorf("invalid syntax") }
            if next != bytes.count - 1 { throw errorf("malformed character constant: \(text)") }
            n.isInt = true
            n.isUint = true
            n.isFloat = true
            n.int = Int64(r.value)
            n.uint = UInt64(r.value)
            n.float = Double(r.value)
            return n
        }
        if token.kind == .number, let plain = Parser.plainDecimal(input, token.position, token.end) {
            // The usual constant (`4` in `nindent 4`): every interpretation is the same integer.
            n.isInt = true
            n.isUint = true
            n.isFloat = true
            n.int = plain
            n.uint = UInt64(plain)
            n.float = Double(plain)
            return n
        }
        if token.kind == .complex {
            guard let (re, im) = GoNumber.parseComplex(text) else { throw errorf("illegal number syntax: \(GoQuote.quote(text))") }
            n.isComplex = true
            n.complexReal = re
            n.complexImag = im
            n.simplifyComplex()
            return n
        }
        if text.hasSuffix("i"), let f = GoNumber.parseFloat(String(text.dropLast())) {
            n.isComplex = true
            n.complexImag = f
            n.simplifyComplex()
            return n
        }
        let u = GoNumber.parseUint(text)
        if let u {
            n.isUint = true
            n.uint = u
        }
        if let i = GoNumber.parseInt(text) {
            n.isInt = true
            n.int = i
            if i == 0 {
                n.isUint = true
                n.uint = u ?? 0
            }
        }
        if n.isInt {
            n.isFloat = true
            n.float = Double(n.int)
        } else if n.isUint {
            n.isFloat = true
            n.float = Double(n.uint)
        } else if let f = GoNumber.parseFloat(text) {
            if !text.contains(where: { ".eEpP".contains($0) }) {
                throw errorf("integer overflow: \(GoQuote.quote(text))")
            }
            n.isFloat = true
            n.float = f
            if f.isFinite, f >= -9.223372036854775808e18, f < 9.223372036854775808e18, Double(Int64(f)) == f {
                n.isInt = true
                n.int = Int64(f)
            }
            if f.isFinite, f >= 0, f < 1.8446744073709551616e19, Double(UInt64(f)) == f {
                n.isUint = true
                n.uint = UInt64(f)
            }
        }
        if !n.isInt && !n.isUint && !n.isFloat { throw errorf("illegal number syntax: \(GoQuote.quote(text))") }
        return n
    }
}

extension NumberNode {
    /// Go `simplifyComplex`: a complex constant with zero imaginary part is also a float (and maybe an int).
    mutating func simplifyComplex() {
        isFloat = complexImag == 0
        if isFloat {
            float = complexReal
            if float.isFinite, float >= -9.223372036854775808e18, float < 9.223372036854775808e18,
                Double(Int64(float)) == float {
                isInt = true
                int = Int64(float)
            }
            if float.isFinite, float >= 0, float < 1.8446744073709551616e19, Double(UInt64(float)) == float {
                isUint = true
                uint = UInt64(float)
            }
        }
    }
}
