import Values

/// A value during execution, as Go's `reflect.Value` carries it.
///
/// `value == nil` is Go's invalid (zero) `reflect.Value` ("no value"). `boxed` marks a value whose static type is
/// `interface {}` (a map element, a slice element): Go reports such receivers as `interface {}` and treats a boxed
/// `nil` differently from no value (`nil pointer evaluating interface {}.x`).
struct RValue {
    var value: Value?
    var boxed: Bool

    static let invalid = RValue(value: nil, boxed: false)
    static let boxedNil = RValue(value: .null, boxed: true)

    init(value: Value?, boxed: Bool) {
        self.value = value
        self.boxed = boxed
    }

    init(_ value: Value) {
        self.value = value
        self.boxed = false
    }

    /// Go `indirectInterface` / the pipeline's unwrapping of `interface{}` results: a boxed nil is no value.
    var unwrapped: RValue {
        if case .null = value { return .invalid }
        return RValue(value: value, boxed: false)
    }

    /// The value a Go `interface{}` parameter receives (`nil` for no value). An addressable struct is copied
    /// into the interface, so methods with pointer receivers (`String()`) no longer apply.
    var asInterface: Value {
        guard let v = value else { return .null }
        if case .object(let o) = v, let copy = o.interfaceCopy { return .object(copy) }
        return v
    }

    /// `asInterface` for a value no longer needed, which moves it out instead of copying it.
    consuming func takeInterface() -> Value {
        guard let v = value else { return .null }
        if case .object(let o) = v, let copy = o.interfaceCopy { return .object(copy) }
        return v
    }

    /// Go's name of the (static) type, as `reflect.Value.Type()` prints it.
    var typeName: String {
        if boxed { return "interface {}" }
        guard let v = value else { return "<nil>" }
        return Executor.typeName(v)
    }
}

/// Counts nested `template`/`include` calls on the current thread; past a limit the work continues on a fresh
/// large stack (`LargeStack`), so Go's depth limits are reachable without overflowing the caller's stack.
struct StackBudget {
    /// Units a nested execution (`include`, `tpl`) costs; it holds several more frames than a `template` call.
    static let unitsPerNestedExecution = 4

    var units: Int
    var onLargeStack: Bool

    /// Whether the next nested call should move to a new thread. The caller's stack size is unknown, so the
    /// first move happens early.
    var exhausted: Bool { units >= (onLargeStack ? 2048 : 48) }
}

/// What walking a node asks of the enclosing `range` (Go panics with walkBreak/walkContinue; these are results).
enum WalkResult {
    case normal
    case breakLoop
    case continueLoop
}

/// The last node evaluated, for error context (Go `state.node`).
///
/// It is stored for most operands evaluated. Nodes and operands are single references; pipelines and commands,
/// stored rarely (a parenthesized first operand, a failed call), are boxed so that every case is one reference and
/// storing the context is one retain and one release.
enum AtNode {
    case none
    case node(Node)
    case operand(Operand)
    indirect case pipe(PipeNode)
    indirect case command(CommandNode)

    var position: Int {
        switch self {
        case .none: return 0
        case .node(let n): return n.position
        case .operand(let o): return o.position
        case .pipe(let p): return p.position
        case .command(let c): return c.position
        }
    }

    var description: String {
        switch self {
        case .none: return ""
        case .node(let n): return n.description
        case .operand(let o): return o.description
        case .pipe(let p): return p.description
        case .command(let c): return c.description
        }
    }
}

/// Executes trees of a `TemplateSet` (Go: text/template exec.go `state`). One instance per execution.
final class Executor: FunctionContext {
    /// Go `maxExecDepth`.
    static let maxExecDepth = 100_000

    let set: TemplateSet
    let functions: FunctionTable
    let options: ExecutionOptions
    /// The template being executed (Go `s.tmpl`).
    var tree: Tree
    var vars: [(name: String, value: RValue)] = []
    var depth = 0
    var node: AtNode = .none
    var out = ""
    /// An emptied argument array kept between function calls, so that most calls allocate none.
    var spareArguments: [Value] = []
    /// How much of the current thread's stack nested template calls have used.
    var stack = StackBudget(units: 0, onLargeStack: LargeStack.isWorkerThread)

    init(set: TemplateSet, functions: FunctionTable, options: ExecutionOptions, tree: Tree) {
        self.set = set
        self.functions = functions
        self.options = options
        self.tree = tree
    }

    // MARK: - FunctionContext

    var currentTemplateName: String { tree.name }

    var executionState: (any AnyObject & Sendable)? { options.state }

    func executeTemplate(named name: String, data: Value) throws -> String {
        guard let target = set.trees[name] else {
            throw TemplateError(
                kind: .other, locationName: name, line: 0,
                message: "template: no template \(GoQuote.quote(name)) associated with template \(GoQuote.quote(set.rootName))")
        }
        return try executeInPlace(tree: target, data: data)
    }

    /// A fresh execution of `target` in this executor's set (Go `ExecuteTemplate` from a function: new state, no
    /// variables), run here with the current state set aside and restored, which saves building an executor for
    /// every `include`.
    func executeInPlace(tree target: Tree, data: Value) throws -> String {
        let saved = (tree: tree, vars: vars, depth: depth, node: node, stack: stack)
        var output = ""
        swap(&output, &out)
        defer {
            tree = saved.tree
            vars = saved.vars
            depth = saved.depth
            node = saved.node
            stack = saved.stack
            swap(&output, &out)
        }
        tree = target
        depth = 0
        node = .none
        stack.units += StackBudget.unitsPerNestedExecution
        if stack.exhausted {
            stack = StackBudget(units: 0, onLargeStack: true)
            try LargeStack.run { try self.run(data: data) }
        } else {
            try run(data: data)
        }
        return out
    }

    func parseAndExecute(text: String, data: Value) throws -> String {
        try parseAndExecute(text: text, data: data, templateName: tree.name)
    }

    func parseAndExecute(text: String, data: Value, templateName: String) throws -> String {
        var copy = set
        let parsed = try copy.parseTree(name: templateName, text: text, functions: functions)
        return try executeNested(set: copy, tree: parsed, data: data)
    }

    /// A fresh execution (Go `ExecuteTemplate`) started from a function, sharing this one's stack budget.
    func executeNested(set: TemplateSet, tree: Tree, data: Value) throws -> String {
        let child = Executor(set: set, functions: functions, options: options, tree: tree)
        child.stack = stack
        child.stack.units += StackBudget.unitsPerNestedExecution
        if child.stack.exhausted {
            child.stack = StackBudget(units: 0, onLargeStack: true)
            try LargeStack.run { try child.run(data: data) }
        } else {
            try child.run(data: data)
        }
        return child.out
    }

    // MARK: - Entry

    func run(data: Value) throws {
        let dot = RValue(data)
        vars = [("$", dot)]
        try walkRoot(dot, tree)
    }

    /// Trees nested deeper than this run on a large stack (each level costs several frames).
    static let deepTree = 64

    /// Walks a template's root, on a large stack when the tree is deeply nested.
    func walkRoot(_ dot: RValue, _ target: Tree) throws {
        if target.depth > Executor.deepTree {
            try LargeStack.run { _ = try self.walkList(dot, target.root) }
        } else {
            _ = try walkList(dot, target.root)
        }
    }

    // MARK: - Errors

    @inline(__always) func at(_ n: AtNode) { node = n }

    /// Go `state.errorf`: the error at the current node.
    func errorf(_ message: String, underlying: (any Error & Sendable)? = nil) -> TemplateError {
        if case .none = node {
            return TemplateError(kind: .exec, locationName: tree.source.parseName, line: 0,
                                 executingTemplate: tree.name, message: message, underlying: underlying)
        }
        let pos = node.position
        let (line, col) = tree.source.lineAndColumn(of: pos)
        return TemplateError(kind: .exec, locationName: tree.source.parseName, line: line, column: col,
                             byteOffset: pos, nodeContext: node.description, executingTemplate: tree.name,
                             message: message, underlying: underlying)
    }

    // MARK: - Variables

    func push(_ name: String, _ value: RValue) { vars.append((name, value)) }

    /// Go `state.pop`: drops the variables declared since `mark` (usually none, which then costs nothing).
    @inline(__always) func popVars(to mark: Int) {
        if vars.count > mark { vars.removeLast(vars.count - mark) }
    }

    func setVar(_ name: String, _ value: RValue) throws {
        var i = vars.count - 1
        while i >= 0 {
            if vars[i].name == name {
                vars[i].value = value
                return
            }
            i -= 1
        }
        throw errorf("undefined variable: \(name)")
    }

    func setTopVar(_ n: Int, _ value: RValue) { vars[vars.count - n].value = value }

    func varValue(_ name: String) throws -> RValue {
        var i = vars.count - 1
        while i >= 0 {
            if vars[i].name == name { return vars[i].value }
            i -= 1
        }
        throw errorf("undefined variable: \(name)")
    }

    // MARK: - Walking

    /// Go `walk`. Go sets the error context to the node first; every case that can fail sets it (or a node inside)
    /// itself before anything can fail, so it is not stored here for every text node.
    func walk(_ dot: RValue, _ n: Node) throws -> WalkResult {
        switch n {
        case .action(let a):
            let val = try evalPipeline(dot, a.pipe)
            if a.pipe.decl.isEmpty { printValue(n, val) }
        case .break: return .breakLoop
        case .continue: return .continueLoop
        case .comment: break
        case .if(let b): return try walkIfOrWith(isWith: false, dot, b)
        case .with(let b): return try walkIfOrWith(isWith: true, dot, b)
        case .list(let l): return try walkList(dot, l)
        case .range(let r): return try walkRange(dot, r, node: n)
        case .template(let t): try walkTemplate(dot, t, node: n)
        case .text(let t): out += t.text
        }
        return .normal
    }

    /// Walks the nodes of a list in order, stopping at `{{break}}`/`{{continue}}`.
    func walkList(_ dot: RValue, _ list: ListNode) throws -> WalkResult {
        for child in list.nodes {
            let r = try walk(dot, child)
            if case .normal = r { continue }
            return r
        }
        return .normal
    }

    func walkIfOrWith(isWith: Bool, _ dot: RValue, _ b: BranchNode) throws -> WalkResult {
        let mark = vars.count
        defer { popVars(to: mark) }
        let val = try evalPipeline(dot, b.pipe)
        if Executor.isTrue(val.unwrapped.value) {
            return try walkList(isWith ? val : dot, b.list)
        } else if let e = b.elseList {
            return try walkList(dot, e)
        }
        return .normal
    }

    func walkRange(_ dot: RValue, _ r: BranchNode, node: Node) throws -> WalkResult {
        at(.node(node))
        let outerMark = vars.count
        defer { popVars(to: outerMark) }
        let evaluated = try evalPipeline(dot, r.pipe).unwrapped
        let collection = evaluated.value?.collectionElements
        let val = collection.map { RValue($0) } ?? evaluated
        // Elements of a Go []interface{} or map[string]interface{} are interfaces; a collection object's are not.
        let elementsBoxed = collection == nil
        let mark = vars.count
        // Runs one iteration; returns false when the loop must stop ({{break}}).
        func oneIteration(_ index: RValue, _ elem: RValue) throws -> Bool {
            if !r.pipe.decl.isEmpty {
                if r.pipe.isAssign {
                    if r.pipe.decl.count > 1 {
                        try setVar(r.pipe.decl[0].identifiers[0], index)
                    } else {
                        try setVar(r.pipe.decl[0].identifiers[0], elem)
                    }
                } else {
                    setTopVar(1, elem)
                }
            }
            if r.pipe.decl.count > 1 {
                if r.pipe.isAssign {
                    try setVar(r.pipe.decl[1].identifiers[0], elem)
                } else {
                    setTopVar(2, index)
                }
            }
            defer { popVars(to: mark) }
            let result = try walkList(elem, r.list)
            if case .breakLoop = result { return false }
            return true
        }
        switch val.value {
        case .list(let l) where !l.isEmpty:
            for (i, e) in l.enumerated() {
                if try !oneIteration(RValue(.int(Int64(i))), RValue(value: e, boxed: elementsBoxed)) { break }
            }
            return .normal
        case .map(let m) where !m.isEmpty:
            for (k, v) in m {
                if try !oneIteration(RValue(.string(k)), RValue(value: v, boxed: elementsBoxed)) { break }
            }
            return .normal
        case .int(let n, let kind):
            if r.pipe.decl.count > 1 {
                throw errorf("can't use \(Executor.describe(val.value)) to iterate over more than one variable")
            }
            if n > 0 {
                var i: Int64 = 0
                while i < n {
                    if try !oneIteration(RValue(.int(i, kind: kind)), RValue(.int(i, kind: kind))) { break }
                    i += 1
                }
                return .normal
            }
        case .list, .map, nil, .null:
            break
        default:
            throw errorf("range can't iterate over \(Executor.describe(val.value))")
        }
        if let e = r.elseList { return try walkList(dot, e) }
        return .normal
    }

    func walkTemplate(_ dot: RValue, _ t: TemplateNode, node: Node) throws {
        at(.node(node))
        guard let target = set.trees[t.name] else { throw errorf("template \(GoQuote.quote(t.name)) not defined") }
        if depth == Executor.maxExecDepth {
            throw errorf("exceeded maximum template depth (\(Executor.maxExecDepth))")
        }
        let newDot = try t.pipe.map { try evalPipeline(dot, $0) } ?? .invalid
        // Go copies the state: new template, no inherited variables.
        let savedTree = tree
        let savedVars = vars
        tree = target
        vars = [("$", newDot)]
        depth += 1
        defer {
            depth -= 1
            tree = savedTree
            vars = savedVars
        }
        let savedStack = stack
        defer { stack = savedStack }
        stack.units += 1
        if stack.exhausted {
            stack = StackBudget(units: 0, onLargeStack: true)
            try LargeStack.run { _ = try self.walkList(newDot, target.root) }
        } else {
            try walkRoot(newDot, target)
        }
    }

    // MARK: - Pipelines and commands

    /// Go `evalPipeline`. Go sets the error context to the pipeline first; every first command sets its own before
    /// anything can fail except a parenthesized pipeline given arguments, so only that case stores it here (a
    /// pipeline is copied into the context with both of its lists).
    func evalPipeline(_ dot: RValue, _ pipe: PipeNode) throws -> RValue {
        if case .pipe? = pipe.commands.first?.arguments.first { at(.pipe(pipe)) }
        var value: RValue? = nil
        for cmd in pipe.commands {
            value = try evalCommand(dot, cmd, final: value).unwrapped
        }
        let result = value ?? .invalid
        // Most pipelines declare nothing; looping over the empty list still copied it.
        if pipe.decl.isEmpty { return result }
        for v in pipe.decl {
            if pipe.isAssign {
                try setVar(v.identifiers[0], result)
            } else {
                push(v.identifiers[0], result)
            }
        }
        return result
    }

    func notAFunction(_ args: [Operand], _ final: RValue?) throws {
        if args.count > 1 || final != nil {
            throw errorf("can't give argument to non-function \(args[0].description)")
        }
    }

    func evalCommand(_ dot: RValue, _ cmd: CommandNode, final: RValue?) throws -> RValue {
        let first = cmd.arguments[0]
        switch first {
        case .field(let f): return try evalFieldNode(dot, f, node: first, cmd.arguments, final)
        case .chain(let c): return try evalChainNode(dot, c, node: first, cmd.arguments, final)
        case .identifier(let id): return try evalFunction(dot, id, node: first, cmd, cmd.arguments, final)
        case .pipe(let p):
            try notAFunction(cmd.arguments, final)
            return try evalPipeline(dot, p)
        case .variable(let v): return try evalVariableNode(dot, v, node: first, cmd.arguments, final)
        default: break
        }
        at(.operand(first))
        try notAFunction(cmd.arguments, final)
        switch first {
        case .bool(let b): return RValue(.bool(b.value))
        case .dot: return dot
        case .nil: throw errorf("nil is not a command")
        case .number(let n): return try idealConstant(n, node: first)
        case .string(let s): return RValue(.string(s.text))
        default: throw errorf("can't evaluate command \(GoQuote.quote(first.description))")
        }
    }

    /// Go `idealConstant`: an untyped number constant becomes int or float64 by its spelling.
    func idealConstant(_ n: NumberNode, node: Operand) throws -> RValue {
        at(.operand(node))
        let t = n.text
        // A plain decimal constant is an int; the spelling checks below would find nothing else in it.
        if n.isInt && !n.isComplex && t.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) {
            return RValue(.int(n.int))
        }
        let isHexInt = t.utf8.count > 2 && t.hasPrefix("0") && (t.dropFirst().hasPrefix("x") || t.dropFirst().hasPrefix("X"))
            && !t.contains("p") && !t.contains("P")
        let isRuneInt = t.hasPrefix("'")
        if n.isComplex {
            return RValue(.object(GoComplex(real: n.complexReal, imaginary: n.complexImag)))
        }
        if n.isFloat && !isHexInt && !isRuneInt && t.contains(where: { ".eEpP".contains($0) }) {
            return RValue(.float(n.float))
        }
        if n.isInt { return RValue(.int(n.int)) }
        if n.isUint { throw errorf("\(t) overflows int") }
        return .invalid
    }

    func evalFieldNode(_ dot: RValue, _ f: FieldNode, node: Operand, _ args: [Operand], _ final: RValue?) throws
        -> RValue
    {
        at(.operand(node))
        return try evalFieldChain(dot, dot, node, f.identifiers[...], args, final)
    }

    func evalChainNode(_ dot: RValue, _ c: ChainNode, node: Operand, _ args: [Operand], _ final: RValue?) throws
        -> RValue
    {
        at(.operand(node))
        if case .nil = c.node { throw errorf("indirection through explicit nil in \(c.description)") }
        let pipe = try evalArg(dot, nil, c.node)
        return try evalFieldChain(dot, pipe, node, c.fields[...], args, final)
    }

    func evalVariableNode(_ dot: RValue, _ v: VariableNode, node: Operand, _ args: [Operand], _ final: RValue?)
        throws -> RValue
    {
        at(.operand(node))
        let value = try varValue(v.identifiers[0])
        if v.identifiers.count == 1 {
            try notAFunction(args, final)
            return value
        }
        return try evalFieldChain(dot, value, node, v.identifiers.dropFirst(), args, final)
    }

    func evalFieldChain(_ dot: RValue, _ receiver: RValue, _ node: Operand, _ ident: ArraySlice<String>,
                        _ args: [Operand], _ final: RValue?) throws -> RValue {
        var r = receiver
        let last = ident.endIndex - 1
        var i = ident.startIndex
        while i < last {
            r = try evalField(dot, ident[i], node, [], nil, r)
            i += 1
        }
        return try evalField(dot, ident[last], node, args, final, r)
    }

    /// Go `evalField`: a method call, a struct field or a map key.
    func evalField(_ dot: RValue, _ fieldName: String, _ node: Operand, _ args: [Operand], _ final: RValue?,
                   _ receiver: RValue) throws -> RValue {
        let hasArgs = args.count > 1 || final != nil
        // Switching on the optional itself rather than on an unwrapped copy spares a retain and release per step.
        switch receiver.value {
        case nil:
            if options.missingKey == .error { throw errorf("nil data; no entry for key \(GoQuote.quote(fieldName))") }
            return .invalid
        case .null:
            throw errorf("nil pointer evaluating \(receiver.typeName).\(fieldName)")
        case .object(let o):
            if o.hasMethod(fieldName) {
                return try evalMethodCall(dot, o, fieldName, node, args, final)
            }
            if let field = o.field(fieldName) {
                if hasArgs { throw errorf("\(fieldName) has arguments but cannot be invoked as function") }
                return RValue(value: field, boxed: false)
            }
        case .map(let m):
            // Methods are exported, so their names start with an upper-case letter (ASCII A-Z, or a non-ASCII
            // letter); map keys usually do not, and then the method table is not consulted at all.
            let utf8 = fieldName.utf8
            if !utf8.isEmpty, case let first = utf8[utf8.startIndex], (first >= 0x41 && first <= 0x5A) || first >= 0x80,
               let type = m.namedType ?? m.methodSetName, let methods = options.namedMapMethods[type],
               let signature = methods.methodSignature(fieldName) {
                return try evalMapMethodCall(dot, m, methods, signature, fieldName, node, args, final)
            }
            if hasArgs { throw errorf("\(fieldName) is not a method but has arguments") }
            if let v = m[fieldName] { return RValue(value: v, boxed: true) }
            switch options.missingKey {
            case .default: return .invalid
            case .zero: return .boxedNil
            case .error: throw errorf("map has no entry for key \(GoQuote.quote(fieldName))")
            }
        default:
            break
        }
        // The type name is only spelled out for errors: building it on every field access showed in profiles.
        throw errorf("can't evaluate field \(fieldName) in type \(receiver.typeName)")
    }

    /// A method of a `TemplateObject`; its parameters are taken as `interface{}` values.
    func evalMethodCall(_ dot: RValue, _ object: any TemplateObject, _ name: String, _ node: Operand,
                        _ args: [Operand], _ final: RValue?) throws -> RValue {
        var argv: [Value] = []
        if let signature = (object as? any TemplateMethodSignatures)?.methodSignature(name) {
            argv = try evalMethodArguments(dot, signature, name, node, args, final)
        } else {
            for a in args.dropFirst() { argv.append(try evalArg(dot, .interface, a).asInterface) }
            if let f = final { argv.append(f.asInterface) }
        }
        return try callMethod(name, node) { try object.callMethod(name, argv) }
    }

    /// A method of a named map type (Helm's `common.Values`).
    func evalMapMethodCall(_ dot: RValue, _ map: ValueMap, _ methods: any NamedMapMethods,
                           _ signature: (parameters: [GoType], variadic: GoType?), _ name: String, _ node: Operand,
                           _ args: [Operand], _ final: RValue?) throws -> RValue {
        let argv = try evalMethodArguments(dot, signature, name, node, args, final)
        return try callMethod(name, node) { try methods.callMethod(name, on: map, argv) }
    }

    /// A method's arguments, checked against its signature and converted to its parameter types.
    func evalMethodArguments(_ dot: RValue, _ signature: (parameters: [GoType], variadic: GoType?), _ name: String,
                             _ node: Operand, _ args: [Operand], _ final: RValue?) throws -> [Value] {
        let operands = args.isEmpty ? [node] : args
        try checkArity(name: name, parameters: signature.parameters.count, variadic: signature.variadic != nil,
                       args: operands, final: final)
        return try evalArguments(dot, parameters: signature.parameters, variadic: signature.variadic,
                                 args: operands, final: final).map(\.asInterface)
    }

    /// Runs a method; its error is reported as Go reports a method's error: `error calling NAME: …`.
    func callMethod(_ name: String, _ node: Operand, _ body: () throws -> Value) throws -> RValue {
        do {
            return RValue(value: try body(), boxed: false)
        } catch let e as TemplateError {
            at(.operand(node))
            throw errorf("error calling \(name): \(e.goDescription)", underlying: e)
        } catch {
            at(.operand(node))
            throw errorf("error calling \(name): \(Executor.message(of: error))", underlying: Executor.sendable(error))
        }
    }

    // MARK: - Functions

    func evalFunction(_ dot: RValue, _ id: IdentifierNode, node: Operand, _ cmd: CommandNode, _ args: [Operand],
                      _ final: RValue?) throws -> RValue {
        at(.operand(node))
        // The parser resolved the name in the table it parsed with; another table is searched by name.
        if let binding = id.binding, binding.table === functions.identity {
            switch binding.target {
            case .function(let slot):
                return try evalCall(dot, functions.entries[slot], cmd: cmd, name: id.name, args: args, final: final)
            case .builtin(let kind):
                return try evalBuiltin(dot, Builtins.byKind[kind.rawValue], cmd: cmd, args: args, final: final)
            }
        }
        if let f = functions[id.name] {
            return try evalCall(dot, f, cmd: cmd, name: id.name, args: args, final: final)
        }
        if let b = Builtins.table[id.name] {
            return try evalBuiltin(dot, b, cmd: cmd, args: args, final: final)
        }
        throw errorf("\(GoQuote.quote(id.name)) is not a defined function")
    }

    /// Checks the argument count against a signature (Go evalCall).
    func checkArity(name: String, parameters: Int, variadic: Bool, args: [Operand], final: RValue?) throws {
        let numArgs = args.count - 1
        let numIn = numArgs + (final == nil ? 0 : 1)
        if variadic {
            if numIn < parameters {
                throw errorf("wrong number of args for \(name): want at least \(parameters) got \(numArgs)")
            }
        } else if numIn != parameters {
            throw errorf("wrong number of args for \(name): want \(parameters) got \(numIn)")
        }
    }

    /// Evaluates arguments for a signature, the pipeline's final value last (Go evalCall).
    func evalArguments(_ dot: RValue, parameters: [GoType], variadic: GoType?, args: [Operand], final: RValue?)
        throws -> [RValue]
    {
        var argv: [RValue] = []
        argv.reserveCapacity(args.count - 1 + (final == nil ? 0 : 1))
        try forEachArgument(dot, parameters: parameters, variadic: variadic, args: args, final: final) {
            argv.append($0)
        }
        return argv
    }

    /// Evaluates arguments for a signature in order, the pipeline's final value last, handing each to `body`.
    @inline(__always)
    func forEachArgument(_ dot: RValue, parameters: [GoType], variadic: GoType?, args: [Operand], final: RValue?,
                         _ body: (RValue) -> Void) throws {
        let rest = variadic ?? .interface
        var k = 1
        while k < args.count {
            body(try evalArg(dot, k - 1 < parameters.count ? parameters[k - 1] : rest, args[k]))
            k += 1
        }
        if let f = final {
            body(try validateType(f, k - 1 < parameters.count ? parameters[k - 1] : rest))
        }
    }

    func evalCall(_ dot: RValue, _ f: GoFunc, cmd: CommandNode, name: String, args: [Operand], final: RValue?) throws
        -> RValue
    {
        try checkArity(name: name, parameters: f.parameters.count, variadic: f.variadic != nil, args: args,
                       final: final)
        // The function takes plain values: collect them directly rather than as RValues first, into the spare
        // array when there is one (a nested call made while evaluating the arguments finds none and allocates).
        var argv: [Value] = []
        swap(&argv, &spareArguments)
        argv.reserveCapacity(args.count - 1 + (final == nil ? 0 : 1))
        // `forEachArgument` written out: through its closure each argument was copied into the array, here it moves.
        let parameters = f.parameters
        let rest = f.variadic ?? .interface
        var k = 1
        while k < args.count {
            argv.append(try evalArg(dot, k - 1 < parameters.count ? parameters[k - 1] : rest, args[k]).takeInterface())
            k += 1
        }
        if let last = final {
            argv.append(try validateType(last, k - 1 < parameters.count ? parameters[k - 1] : rest).takeInterface())
        }
        defer {
            // Kept for the next call (if the function kept the arguments, clearing allocates a fresh array). One
            // removeLast per argument is cheaper than the general removeAll for the usual one to three.
            while !argv.isEmpty { argv.removeLast() }
            swap(&argv, &spareArguments)
        }
        do {
            let result = try f.body(argv, self)
            if case .null = result { return .boxedNil }
            return RValue(result)
        } catch let e as TemplateError {
            at(.command(cmd))
            throw errorf("error calling \(name): \(e.goDescription)", underlying: e)
        } catch {
            at(.command(cmd))
            throw errorf("error calling \(name): \(Executor.message(of: error))", underlying: Executor.sendable(error))
        }
    }

    static func message(of error: any Error) -> String {
        if let e = error as? FunctionError { return e.message }
        if let e = error as? TemplateObjectError { return e.message }
        if let e = error as? TemplateError { return e.goDescription }
        return String(describing: error)
    }

    static func sendable(_ error: any Error) -> (any Error & Sendable)? {
        if let e = error as? FunctionError { return e }
        if let e = error as? TemplateObjectError { return e }
        if let e = error as? TemplateError { return e }
        return nil
    }

    // MARK: - Arguments

    /// Go `evalArg`: evaluates an argument for a parameter of type `typ` (`nil`: no static type).
    ///
    /// Go sets the error context to the operand first; the cases that evaluate a field, variable, chain, function or
    /// pipeline set it (or a node inside) themselves before anything can fail, so only the others set it here, which
    /// spares a reference-counted store per argument.
    func evalArg(_ dot: RValue, _ typ: GoType?, _ n: Operand) throws -> RValue {
        switch n {
        case .dot:
            at(.operand(n))
            return try validateType(dot, typ)
        case .nil:
            at(.operand(n))
            if let t = typ, !Executor.canBeNil(t) { throw errorf("cannot assign nil to \(t.goName)") }
            return RValue(value: .null, boxed: true)
        case .field(let f):
            // Go passes []Node{n}: no arguments. Field evaluation reads an empty list the same way (as the
            // operand alone), which spares building the list for every field argument.
            return try validateType(try evalFieldNode(dot, f, node: n, [], nil), typ)
        case .variable(let v):
            return try validateType(try evalVariableNode(dot, v, node: n, [], nil), typ)
        case .pipe(let p):
            return try validateType(try evalPipeline(dot, p), typ)
        case .identifier(let id):
            let alone = [n]
            return try validateType(
                try evalFunction(dot, id, node: n, CommandNode(position: id.position, arguments: alone), alone, nil), typ)
        case .chain(let c):
            return try validateType(try evalChainNode(dot, c, node: n, [], nil), typ)
        default:
            break
        }
        guard let t = typ else { return try evalEmptyInterface(dot, n) }
        at(.operand(n))
        switch t {
        case .bool:
            if case .bool(let b) = n { return RValue(.bool(b.value)) }
            throw errorf("expected bool; found \(n.description)")
        case .float64:
            if case .number(let num) = n, num.isFloat { return RValue(.float(num.float)) }
            throw errorf("expected float; found \(n.description)")
        case .int, .int64:
            if case .number(let num) = n, num.isInt { return RValue(.int(num.int, kind: t == .int64 ? .int64 : .int)) }
            throw errorf("expected integer; found \(n.description)")
        case .string:
            if case .string(let s) = n { return RValue(.string(s.text)) }
            throw errorf("expected string; found \(n.description)")
        case .interface, .reflectValue:
            return try evalEmptyInterface(dot, n)
        case .list, .map:
            throw errorf("can't handle \(n.description) for arg of type \(t.goName)")
        }
    }

    /// Go `evalEmptyInterface`. As in `evalArg`, the context is set here only where nothing else sets it first, but
    /// it is always left at this operand or inside it.
    func evalEmptyInterface(_ dot: RValue, _ n: Operand) throws -> RValue {
        switch n {
        case .bool(let b):
            at(.operand(n))
            return RValue(.bool(b.value))
        case .dot:
            at(.operand(n))
            return dot
        case .field(let f): return try evalFieldNode(dot, f, node: n, [], nil)
        case .identifier(let id):
            let alone = [n]
            return try evalFunction(dot, id, node: n, CommandNode(position: id.position, arguments: alone), alone, nil)
        case .nil:
            at(.operand(n))
            throw errorf("evalEmptyInterface: nil (can't happen)")
        case .number(let num): return try idealConstant(num, node: n)
        case .string(let s):
            at(.operand(n))
            return RValue(.string(s.text))
        case .variable(let v): return try evalVariableNode(dot, v, node: n, [], nil)
        case .pipe(let p): return try evalPipeline(dot, p)
        case .chain:
            at(.operand(n))
            throw errorf("can't handle assignment of \(n.description) to empty interface argument")
        }
    }

    static func canBeNil(_ t: GoType) -> Bool {
        switch t {
        case .interface, .list, .map, .reflectValue: return true
        default: return false
        }
    }

    /// Go `validateType`: checks (and converts) a value for a parameter type.
    func validateType(_ v: RValue, _ typ: GoType?) throws -> RValue {
        // The usual case, a value for an untyped or interface parameter, passes as it is; answering it before
        // unwrapping spares a copy of the value.
        if v.value != nil && (typ == nil || typ == .interface || typ == .reflectValue) { return v }
        guard let value = v.value else {
            guard let t = typ else { return .invalid }
            switch t {
            case .interface: return RValue(value: .null, boxed: true)
            case .reflectValue: return .invalid
            case .list: return RValue(.list([]))
            case .map: return RValue(.map(ValueMap()))
            default: throw errorf("invalid value; expected \(t.goName)")
            }
        }
        guard let t = typ else { return v }
        switch t {
        case .interface, .reflectValue: return v
        default: break
        }
        let ok: Bool
        switch (t, value) {
        case (.string, .string), (.int, .int), (.int64, .int), (.float64, .float), (.bool, .bool), (.list, .list),
            (.map, .map):
            ok = true
        default: ok = false
        }
        if ok { return RValue(value) }
        if case .null = value, t == .list || t == .map {
            throw errorf("wrong type for value; expected \(t.goName); got interface {}")
        }
        let got = v.boxed && value.isNull ? "interface {}" : Executor.typeName(value)
        throw errorf("wrong type for value; expected \(t.goName); got \(got)")
    }

    // MARK: - Printing and truth

    /// Go `printValue`. Go sets the error context to the node for its "can't print" error, which has no counterpart
    /// here (every value prints), so the context is left as it is.
    func printValue(_ n: Node, _ v: RValue) {
        guard let value = v.value else {
            out += "<no value>"
            return
        }
        GoFormat.describe(value, into: &out)
    }

    /// Go `isTrue` after `indirectInterface`.
    static func isTrue(_ v: Value?) -> Bool {
        guard let v else { return false }
        switch v {
        case .null: return false
        case .bool(let b): return b
        case .int(let i, _): return i != 0
        case .float(let f): return f != 0
        case .string(let s): return !s.isEmpty
        case .list(let l): return !l.isEmpty
        case .map(let m): return !m.isEmpty
        case .object(let o): return o.isTruthy
        }
    }

    /// `%v` of a value, `<nil>` for no value.
    static func describe(_ v: Value?) -> String { GoFormat.describe(v ?? .null) }

    /// Go's type name of a concrete value (integers are `int`, as literals and `len` produce).
    static func typeName(_ v: Value) -> String { v.goTypeName }
}

/// A Go `complex128` constant (`{{ 1i }}`), which `Value` has no case for.
final class GoComplex: TemplateObject {
    let real: Double
    let imaginary: Double

    init(real: Double, imaginary: Double) {
        self.real = real
        self.imaginary = imaginary
    }

    var goTypeName: String { "complex128" }
    var goKind: String { "complex128" }
    func field(_ name: String) -> Value? { nil }
    /// Go `%v` of a complex number: `(1+2i)`.
    var goString: String {
        let im = GoFormat.formatFloatG(imaginary)
        let sign = im.hasPrefix("-") || im.hasPrefix("+") ? "" : "+"
        return "(\(GoFormat.formatFloatG(real))\(sign)\(im)i)"
    }
    var isTruthy: Bool { real != 0 || imaginary != 0 }
    var serialized: Value { .string(goString) }
}
