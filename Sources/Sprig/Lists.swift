import GoTemplate
import Values

// Sprig: list.go and the list helpers of numeric.go. The `must*` variants return the error that the plain
// variants panic with; text/template turns both into `error calling NAME: …`, so they read the same.

extension SprigLibrary {
    /// The elements of a slice argument, or the error Sprig raises for another kind (`reflect.TypeOf(nil)`
    /// panics with a nil dereference).
    static func elements(_ v: Value, _ message: (String) -> String) throws -> [Value] {
        switch v {
        case .list(let l): return l
        case .null: throw GoPanic.nilDereference
        default:
            // Sprig: reflect.Slice/Array of any element type (`has "v1" .Capabilities.APIVersions`).
            if case .list(let l)? = v.collectionElements { return l }
            throw FunctionError(message(v.sprigKind))
        }
    }

    /// Registers `name` and `mustName` with the same body.
    static func withMust(_ name: String, _ parameters: [GoType], variadic: GoType? = nil,
                         _ body: @escaping @Sendable ([Value]) throws -> Value) -> [GoFunc] {
        let must = "must" + name.prefix(1).uppercased() + name.dropFirst()
        return [GoFunc(name, parameters, variadic: variadic, body), GoFunc(must, parameters, variadic: variadic, body)]
    }

    static func listFunctions() -> [GoFunc] {
        var fs: [GoFunc] = [
            GoFunc("list", [], variadic: .interface) { a in .list(a) },
            GoFunc("tuple", [], variadic: .interface) { a in .list(a) },
        ]
        let push: @Sendable ([Value]) throws -> Value = { a in
            .list(try elements(a[0]) { "Cannot push on type \($0)" } + [a[1]])
        }
        fs += withMust("push", [.interface, .interface], push)
        fs += withMust("append", [.interface, .interface], push)
        fs += withMust("prepend", [.interface, .interface]) { a in
            .list([a[1]] + (try elements(a[0]) { "Cannot prepend on type \($0)" }))
        }
        fs += withMust("first", [.interface]) { a in
            try elements(a[0]) { "Cannot find first on type \($0)" }.first ?? .null
        }
        fs += withMust("last", [.interface]) { a in
            try elements(a[0]) { "Cannot find last on type \($0)" }.last ?? .null
        }
        fs += withMust("rest", [.interface]) { a in
            .list(Array(try elements(a[0]) { "Cannot find rest on type \($0)" }.dropFirst()))
        }
        fs += withMust("initial", [.interface]) { a in
            .list(Array(try elements(a[0]) { "Cannot find initial on type \($0)" }.dropLast()))
        }
        fs += withMust("reverse", [.interface]) { a in
            .list(try elements(a[0]) { "Cannot find reverse on type \($0)" }.reversed())
        }
        fs += withMust("uniq", [.interface]) { a in
            var out: [Value] = []
            for v in try elements(a[0], { "Cannot find uniq on type \($0)" })
            where !out.contains(where: { $0.deepEquals(v) }) { out.append(v) }
            return .list(out)
        }
        fs += withMust("without", [.interface], variadic: .interface) { a in
            let omit = a.dropFirst()
            return .list(try elements(a[0]) { "Cannot find without on type \($0)" }.filter { v in
                !omit.contains { $0.deepEquals(v) }
            })
        }
        fs += withMust("has", [.interface, .interface]) { a in
            if a[1].isNull { return .bool(false) }
            return .bool(try elements(a[1]) { "Cannot find has on type \($0)" }.contains { a[0].deepEquals($0) })
        }
        fs += withMust("compact", [.interface]) { a in
            .list(try elements(a[0]) { "Cannot compact on type \($0)" }.filter { !Cast.isEmpty($0) })
        }
        fs += withMust("slice", [.interface], variadic: .interface) { a in
            let l = try elements(a[0]) { "list should be type of slice or array but \($0)" }
            if l.isEmpty { return .null }
            let start = a.count > 1 ? Int(Cast.int64(a[1])) : 0
            let end = a.count > 2 ? Int(Cast.int64(a[2])) : l.count
            // Go: reflect.Value.Slice panics on bad indices.
            guard start >= 0, start <= end, end <= l.count else {
                throw FunctionError("reflect.Value.Slice: slice index out of bounds")
            }
            return .list(Array(l[start..<end]))
        }
        fs += withMust("chunk", [.int, .interface]) { a in
            let size = Cast.intArgument(a[0])
            let l = try elements(a[1]) { "Cannot chunk type \($0)" }
            guard size > 0 else { throw FunctionError("runtime error: makeslice: len out of range") }
            var out: [Value] = []
            var i = 0
            while i < l.count {
                out.append(.list(Array(l[i..<min(i + size, l.count)])))
                i += size
            }
            return .list(out)
        }
        fs.append(GoFunc("concat", [], variadic: .interface) { a in
            var out: [Value] = []
            for v in a { out += try elements(v) { "Cannot concat type \($0) as list" } }
            return .list(out)
        })
        fs.append(GoFunc("until", [.int]) { a in
            let count = Cast.intArgument(a[0])
            return intList(untilStep(0, count, count < 0 ? -1 : 1))
        })
        fs.append(GoFunc("untilStep", [.int, .int, .int]) { a in
            intList(untilStep(Cast.intArgument(a[0]), Cast.intArgument(a[1]), Cast.intArgument(a[2])))
        })
        fs.append(GoFunc("seq", [], variadic: .int) { a in .string(seq(a.map(Cast.intArgument))) })
        return fs
    }

    static func intList(_ l: [Int]) -> Value { .list(l.map { .int(Int64($0)) }) }

    // Sprig: numeric.go untilStep
    static func untilStep(_ start: Int, _ stop: Int, _ step: Int) -> [Int] {
        var v: [Int] = []
        if stop < start {
            if step >= 0 { return v }
            var i = start
            while i > stop { v.append(i); i += step }
            return v
        }
        if step <= 0 { return v }
        var i = start
        while i < stop { v.append(i); i += step }
        return v
    }

    // Sprig: numeric.go seq
    static func seq(_ p: [Int]) -> String {
        var range: [Int]
        switch p.count {
        case 1:
            let increment = p[0] < 1 ? -1 : 1
            range = untilStep(1, p[0] + increment, increment)
        case 2:
            let step = p[1] < p[0] ? -1 : 1
            range = untilStep(p[0], p[1] + step, step)
        case 3:
            var increment = 1
            if p[2] < p[0] {
                increment = -1
                if p[1] > 0 { return "" }
            }
            range = untilStep(p[0], p[2] + increment, p[1])
        default:
            return ""
        }
        return range.map(String.init).joined(separator: " ")
    }
}
