import Values

/// Go's predefined template functions (Go: text/template funcs.go `builtins`).
enum Builtins {
    enum Kind: Int {
        case and, or, not, call, html, js, urlquery, index, slice, len, print, printf, println
        case eq, ne, lt, le, gt, ge
    }

    struct Builtin {
        let kind: Kind
        let parameters: [GoType]
        let variadic: GoType?
    }

    static let table: [String: Builtin] = [
        "and": Builtin(kind: .and, parameters: [.reflectValue], variadic: .reflectValue),
        "or": Builtin(kind: .or, parameters: [.reflectValue], variadic: .reflectValue),
        "not": Builtin(kind: .not, parameters: [.reflectValue], variadic: nil),
        "call": Builtin(kind: .call, parameters: [.reflectValue], variadic: .reflectValue),
        "html": Builtin(kind: .html, parameters: [], variadic: .interface),
        "js": Builtin(kind: .js, parameters: [], variadic: .interface),
        "urlquery": Builtin(kind: .urlquery, parameters: [], variadic: .interface),
        "index": Builtin(kind: .index, parameters: [.reflectValue], variadic: .reflectValue),
        "slice": Builtin(kind: .slice, parameters: [.reflectValue], variadic: .reflectValue),
        "len": Builtin(kind: .len, parameters: [.reflectValue], variadic: nil),
        "print": Builtin(kind: .print, parameters: [], variadic: .interface),
        "printf": Builtin(kind: .printf, parameters: [.string], variadic: .interface),
        "println": Builtin(kind: .println, parameters: [], variadic: .interface),
        "eq": Builtin(kind: .eq, parameters: [.reflectValue], variadic: .reflectValue),
        "ne": Builtin(kind: .ne, parameters: [.reflectValue, .reflectValue], variadic: nil),
        "lt": Builtin(kind: .lt, parameters: [.reflectValue, .reflectValue], variadic: nil),
        "le": Builtin(kind: .le, parameters: [.reflectValue, .reflectValue], variadic: nil),
        "gt": Builtin(kind: .gt, parameters: [.reflectValue, .reflectValue], variadic: nil),
        "ge": Builtin(kind: .ge, parameters: [.reflectValue, .reflectValue], variadic: nil),
    ]

    /// The predefined functions indexed by their kind's raw value (each kind has one entry in `table`).
    static let byKind: [Builtin] = table.values.sorted { $0.kind.rawValue < $1.kind.rawValue }

    /// The predefined functions with the UTF-8 bytes of their names, for `lookup`.
    static let byName: [(name: String, utf8: [UInt8], builtin: Builtin)] = table.map { ($0.key, Array($0.key.utf8), $0.value) }

    /// The predefined function whose name is the UTF-8 bytes `name` (the parser looks names up in the template's
    /// bytes; see `NameIndex`).
    static func lookup(_ name: UnsafeBufferPointer<UInt8>) -> (name: String, builtin: Builtin)? {
        for entry in byName where entry.utf8.count == name.count && entry.utf8.elementsEqual(name) {
            return (entry.name, entry.builtin)
        }
        return nil
    }

    // MARK: - Comparison (Go funcs.go basicKind/eq/lt)

    enum BasicKind { case invalid, bool, int, float, string, other }

    static func basicKind(_ v: Value?) -> BasicKind {
        switch v {
        case nil, .null?: return .invalid
        case .bool?: return .bool
        case .int?: return .int
        case .float?: return .float
        case .string?: return .string
        default: return .other
        }
    }

    static func incompatible(_ a: Value?, _ b: Value?) -> FunctionError {
        FunctionError("incompatible types for comparison: \(typeName(a)) and \(typeName(b))")
    }

    static func typeName(_ v: Value?) -> String {
        guard let v else { return "<nil>" }
        return Executor.typeName(v)
    }

    /// Go `eq`: whether `a` equals any of `others`.
    static func eq(_ a: Value?, _ others: [Value?]) throws -> Bool {
        if others.isEmpty { throw FunctionError("missing argument for comparison") }
        let k1 = basicKind(a)
        for b in others {
            let k2 = basicKind(b)
            var truth = false
            if k1 != k2 {
                let aValid = k1 != .invalid
                let bValid = k2 != .invalid
                // A nil compares with anything (and is unequal); a list or map with a basic kind is an error too.
                if aValid && bValid { throw incompatible(a, b) }
            } else {
                switch (a, b) {
                case (.bool(let x)?, .bool(let y)?): truth = x == y
                case (.int(let x, _)?, .int(let y, _)?): truth = x == y
                case (.float(let x)?, .float(let y)?): truth = x == y
                case (.string(let x)?, .string(let y)?): truth = x == y
                default:
                    truth = try compareOther(a, b)
                }
            }
            if truth { return true }
        }
        return false
    }

    /// `eq` of values that are not basic kinds: nils, lists, maps, objects.
    static func compareOther(_ a: Value?, _ b: Value?) throws -> Bool {
        let aNil = a == nil || a?.isNull == true
        let bNil = b == nil || b?.isNull == true
        if aNil || bNil { return aNil == bNil }
        guard let a, let b else { return false }
        switch (a, b) {
        case (.list, .list), (.map, .map):
            throw FunctionError("non-comparable type \(GoPrintf.format("%s", [b])): \(typeName(b))")
        case (.object(let x), .object(let y)):
            // Go compares pointers; slices and maps (collection objects) are not comparable.
            if b.collectionElements != nil || a.collectionElements != nil {
                throw FunctionError("non-comparable type \(GoPrintf.format("%s", [b])): \(typeName(b))")
            }
            return x === y
        default:
            throw FunctionError(
                "non-comparable types \(GoPrintf.format("%s", [a])): \(typeName(a)), \(typeName(b)): \(GoPrintf.format("%v", [b]))")
        }
    }

    /// Go `lt`.
    static func lt(_ a: Value?, _ b: Value?) throws -> Bool {
        let k1 = basicKind(a)
        if k1 == .invalid || k1 == .other { throw FunctionError("invalid type for comparison") }
        let k2 = basicKind(b)
        if k2 == .invalid || k2 == .other { throw FunctionError("invalid type for comparison") }
        if k1 != k2 { throw incompatible(a, b) }
        switch (a, b) {
        case (.int(let x, _)?, .int(let y, _)?): return x < y
        case (.float(let x)?, .float(let y)?): return x < y
        case (.string(let x)?, .string(let y)?): return x.utf8.lexicographicallyPrecedes(y.utf8)
        default: throw FunctionError("invalid type for comparison")
        }
    }

    static func le(_ a: Value?, _ b: Value?) throws -> Bool {
        if try lt(a, b) { return true }
        return try eq(a, [b])
    }

    // MARK: - index, slice, len

    /// Go `indexArg`.
    static func indexArg(_ index: Value?, _ cap: Int) throws -> Int {
        let x: Int64
        switch index {
        case .int(let i, _)?: x = i
        case nil, .null?: throw FunctionError("cannot index slice/array with nil")
        default: throw FunctionError("cannot index slice/array with type \(typeName(index))")
        }
        if x < 0 || x > Int64(cap) { throw FunctionError("index out of range: \(x)") }
        return Int(x)
    }

    static func index(_ item: RValue, _ indexes: [RValue]) throws -> RValue {
        var item = item.unwrapped
        guard item.value != nil else { throw FunctionError("index of untyped nil") }
        for ix in indexes {
            let index = ix.unwrapped.value
            guard var v = item.value, !v.isNull else { throw FunctionError("index of nil pointer") }
            var elementsBoxed = true
            if let elements = v.collectionElements {
                v = elements
                elementsBoxed = false
            }
            switch v {
            case .list(let l):
                let x = try indexArg(index, l.count)
                if x == l.count { throw FunctionError("reflect: slice index out of range") }
                item = RValue(value: l[x], boxed: elementsBoxed)
            case .string(let s):
                let bytes = Array(s.utf8)
                let x = try indexArg(index, bytes.count)
                if x == bytes.count { throw FunctionError("reflect: string index out of range") }
                item = RValue(.int(Int64(bytes[x]), kind: .uint8))
            case .map(let m):
                let key: String
                switch index {
                case .string(let k)?: key = k
                case nil, .null?: throw FunctionError("value is nil; should be of type string")
                default: throw FunctionError("value has type \(typeName(index)); should be string")
                }
                if let e = m[key] { item = RValue(value: e, boxed: elementsBoxed) } else { item = .boxedNil }
            default:
                throw FunctionError("can't index item of type \(Executor.typeName(v))")
            }
        }
        return item
    }

    static func slice(_ item: RValue, _ indexes: [RValue]) throws -> RValue {
        guard let item = item.unwrapped.value else { throw FunctionError("slice of untyped nil") }
        let v = item.collectionElements ?? item
        if indexes.count > 3 { throw FunctionError("too many slice indexes: \(indexes.count)") }
        let count: Int
        switch v {
        case .string(let s):
            if indexes.count == 3 { throw FunctionError("cannot 3-index slice a string") }
            count = s.utf8.count
        case .list(let l): count = l.count
        default: throw FunctionError("can't slice item of type \(Executor.typeName(v))")
        }
        var idx = [0, count, count]
        for (i, ix) in indexes.enumerated() { idx[i] = try indexArg(ix.unwrapped.value, count) }
        if idx[0] > idx[1] { throw FunctionError("invalid slice index: \(idx[0]) > \(idx[1])") }
        if indexes.count == 3 && idx[1] > idx[2] { throw FunctionError("invalid slice index: \(idx[1]) > \(idx[2])") }
        switch v {
        case .string(let s):
            let b = Array(s.utf8)
            return RValue(.string(String(decoding: b[idx[0]..<idx[1]], as: UTF8.self)))
        case .list(let l):
            return RValue(.list(Array(l[idx[0]..<idx[1]])))
        default:
            return .invalid
        }
    }

    static func length(_ item: RValue) throws -> Int64 {
        guard let v = item.value else { throw FunctionError("reflect: call of reflect.Value.Type on zero Value") }
        switch v.collectionElements ?? v {
        case .null: throw FunctionError("len of nil pointer")
        case .string(let s): return Int64(GoBytes.count(s))
        case .list(let l): return Int64(l.count)
        case .map(let m): return Int64(m.count)
        default: throw FunctionError("len of type \(Executor.typeName(v))")
        }
    }

    // MARK: - Escapers (Go: text/template funcs.go)

    /// Go `evalArgs`: a single string argument as is, otherwise `fmt.Sprint` of the printable arguments
    /// (`printableValue` turns nil into the string `<no value>`).
    static func evalArgs(_ args: [Value]) -> String {
        if args.count == 1, case .string(let s) = args[0] { return s }
        return GoPrintf.sprint(args.map { $0.isNull ? .string("<no value>") : $0 })
    }

    /// Go `template.HTMLEscapeString`.
    static func htmlEscape(_ s: String) -> String {
        var out = ""
        for sc in s.unicodeScalars {
            switch sc {
            case "\0": out += "\u{FFFD}"
            case "\"": out += "&#34;"
            case "'": out += "&#39;"
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default: out.unicodeScalars.append(sc)
            }
        }
        return out
    }

    /// Go `template.JSEscapeString`.
    static func jsEscape(_ s: String) -> String {
        let hex = Array("0123456789ABCDEF".unicodeScalars)
        var out = ""
        for sc in s.unicodeScalars {
            switch sc {
            case "\\": out += "\\\\"
            case "'": out += "\\'"
            case "\"": out += "\\\""
            case "<": out += "\\u003C"
            case ">": out += "\\u003E"
            case "&": out += "\\u0026"
            case "=": out += "\\u003D"
            default:
                if sc.value < 0x20 {
                    out += "\\u00"
                    out.unicodeScalars.append(hex[Int(sc.value >> 4)])
                    out.unicodeScalars.append(hex[Int(sc.value & 0xF)])
                } else if sc.value >= 0x80 && !GoQuote.isPrint(sc) {
                    var h = String(sc.value, radix: 16, uppercase: true)
                    while h.count < 4 { h = "0" + h }
                    out += "\\u" + h
                } else {
                    out.unicodeScalars.append(sc)
                }
            }
        }
        return out
    }

    /// Go `url.QueryEscape`.
    static func queryEscape(_ s: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        for c in s.utf8 {
            switch c {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
                UInt8(ascii: "~"):
                out.append(c)
            case UInt8(ascii: " "): out.append(UInt8(ascii: "+"))
            default:
                out.append(UInt8(ascii: "%"))
                out.append(hex[Int(c >> 4)])
                out.append(hex[Int(c & 0xF)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

extension Executor {
    /// Calls a predefined function (Go evalCall with `isBuiltin`), short-circuiting `and`/`or`.
    func evalBuiltin(_ dot: RValue, _ b: Builtins.Builtin, cmd: CommandNode, args: [Operand], final: RValue?) throws
        -> RValue
    {
        let name: String
        if case .identifier(let id) = args[0] { name = id.name } else { name = "" }
        try checkArity(name: name, parameters: b.parameters.count, variadic: b.variadic != nil, args: args,
                       final: final)
        if b.kind == .and || b.kind == .or {
            var v = RValue.invalid
            for a in args.dropFirst() {
                v = try evalArg(dot, .reflectValue, a)
                if Executor.isTrue(v.unwrapped.value) == (b.kind == .or) { return v }
            }
            if let f = final { v = try validateType(f, .reflectValue) }
            return v
        }
        let argv = try evalArguments(dot, parameters: b.parameters, variadic: b.variadic, args: args, final: final)
        do {
            return try callBuiltin(b.kind, argv, args: args)
        } catch let e as FunctionError {
            at(.command(cmd))
            throw errorf("error calling \(name): \(e.message)", underlying: e)
        }
    }

    func callBuiltin(_ kind: Builtins.Kind, _ argv: [RValue], args: [Operand]) throws -> RValue {
        switch kind {
        case .and, .or: return .invalid
        case .not: return RValue(.bool(!Executor.isTrue(argv[0].unwrapped.value)))
        case .call:
            let fn = argv[0].unwrapped.value
            if fn == nil { throw FunctionError("call of nil") }
            let calleeName = args.count > 1 ? args[1].description : "pipeline"
            throw FunctionError("non-function \(calleeName) of type \(Builtins.typeName(fn))")
        case .html: return RValue(.string(Builtins.htmlEscape(Builtins.evalArgs(argv.map(\.asInterface)))))
        case .js: return RValue(.string(Builtins.jsEscape(Builtins.evalArgs(argv.map(\.asInterface)))))
        case .urlquery: return RValue(.string(Builtins.queryEscape(Builtins.evalArgs(argv.map(\.asInterface)))))
        case .index: return try Builtins.index(argv[0], Array(argv.dropFirst()))
        case .slice: return try Builtins.slice(argv[0], Array(argv.dropFirst()))
        case .len: return RValue(.int(try Builtins.length(argv[0])))
        case .print: return RValue(.string(GoPrintf.sprint(argv.map(\.asInterface))))
        case .println: return RValue(.string(GoPrintf.sprintln(argv.map(\.asInterface))))
        case .printf:
            let format = argv[0].value?.stringValue ?? ""
            return RValue(.string(GoPrintf.format(format, argv.dropFirst().map(\.asInterface))))
        case .eq:
            return RValue(.bool(try Builtins.eq(argv[0].unwrapped.value, argv.dropFirst().map { $0.unwrapped.value })))
        case .ne:
            return RValue(.bool(!(try Builtins.eq(argv[0].unwrapped.value, [argv[1].unwrapped.value]))))
        case .lt: return RValue(.bool(try Builtins.lt(argv[0].unwrapped.value, argv[1].unwrapped.value)))
        case .le: return RValue(.bool(try Builtins.le(argv[0].unwrapped.value, argv[1].unwrapped.value)))
        case .gt: return RValue(.bool(!(try Builtins.le(argv[0].unwrapped.value, argv[1].unwrapped.value))))
        case .ge: return RValue(.bool(!(try Builtins.lt(argv[0].unwrapped.value, argv[1].unwrapped.value))))
        }
    }
}
