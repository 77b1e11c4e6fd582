import Foundation
import GoTemplate
import Values

// Sprig: numeric.go and the arithmetic closures of functions.go. Integer results wrap like Go's int64.

extension SprigLibrary {
    static func numericFunctions(_ env: SprigEnvironment) -> [GoFunc] {
        [
            GoFunc("atoi", [.string]) { a in .int(atoi(a[0].stringValue ?? "")) },
            GoFunc("int64", [.interface]) { a in .int(Cast.int64(a[0]), kind: .int64) },
            GoFunc("int", [.interface]) { a in .int(Cast.int64(a[0])) },
            GoFunc("float64", [.interface]) { a in .float(Cast.float64(a[0])) },
            GoFunc("toDecimal", [.interface]) { a in
                // Sprig: strconv.ParseInt(fmt.Sprint(v), 8, 64), 0 on error.
                .int(Cast.parseInt(GoFormat.describe(a[0]), base: 8) ?? 0, kind: .int64)
            },
            GoFunc("add1", [.interface]) { a in .int(Cast.int64(a[0]) &+ 1, kind: .int64) },
            GoFunc("add", [], variadic: .interface) { a in .int(a.reduce(0) { $0 &+ Cast.int64($1) }, kind: .int64) },
            GoFunc("sub", [.interface, .interface]) { a in .int(Cast.int64(a[0]) &- Cast.int64(a[1]), kind: .int64) },
            GoFunc("div", [.interface, .interface]) { a in
                let d = Cast.int64(a[1])
                guard d != 0 else { throw FunctionError("runtime error: integer divide by zero") }
                return .int(d == -1 ? 0 &- Cast.int64(a[0]) : Cast.int64(a[0]) / d, kind: .int64)
            },
            GoFunc("mod", [.interface, .interface]) { a in
                let d = Cast.int64(a[1])
                guard d != 0 else { throw FunctionError("runtime error: integer divide by zero") }
                return .int(d == -1 ? 0 : Cast.int64(a[0]) % d, kind: .int64)
            },
            GoFunc("mul", [.interface], variadic: .interface) { a in
                .int(a.dropFirst().reduce(Cast.int64(a[0])) { $0 &* Cast.int64($1) }, kind: .int64)
            },
            GoFunc("randInt", [.int, .int]) { a in
                // Sprig: rand.Intn(max-min) + min; Intn panics unless max > min.
                let low = Cast.intArgument(a[0])
                let high = Cast.intArgument(a[1])
                guard high > low else { throw FunctionError("invalid argument to Intn") }
                return .int(Int64(env.randomInt(below: high - low) + low))
            },
            GoFunc("add1f", [.interface]) { a in .float(try decimalOp(a[0], [.int(1)], +)) },
            GoFunc("addf", [], variadic: .interface) { a in .float(try decimalOp(.float(0), a, +)) },
            GoFunc("subf", [.interface], variadic: .interface) { a in .float(try decimalOp(a[0], Array(a.dropFirst()), -)) },
            GoFunc("mulf", [.interface], variadic: .interface) { a in .float(try decimalOp(a[0], Array(a.dropFirst()), *)) },
            GoFunc("divf", [.interface], variadic: .interface) { a in
                .float(try decimalOp(a[0], Array(a.dropFirst()), dividing: true) { x, y in
                    // shopspring/decimal: Div rounds the quotient to DivisionPrecision (16) fractional digits.
                    var q = x / y
                    var r = Decimal()
                    NSDecimalRound(&r, &q, 16, .plain)
                    return r
                })
            },
            GoFunc("biggest", [.interface], variadic: .interface) { a in .int(a.map(Cast.int64).max() ?? 0, kind: .int64) },
            GoFunc("max", [.interface], variadic: .interface) { a in .int(a.map(Cast.int64).max() ?? 0, kind: .int64) },
            GoFunc("min", [.interface], variadic: .interface) { a in .int(a.map(Cast.int64).min() ?? 0, kind: .int64) },
            GoFunc("maxf", [.interface], variadic: .interface) { a in
                .float(a.dropFirst().reduce(Cast.float64(a[0])) { goMax($0, Cast.float64($1)) })
            },
            GoFunc("minf", [.interface], variadic: .interface) { a in
                .float(a.dropFirst().reduce(Cast.float64(a[0])) { goMin($0, Cast.float64($1)) })
            },
            GoFunc("ceil", [.interface]) { a in .float(Cast.float64(a[0]).rounded(.up)) },
            GoFunc("floor", [.interface]) { a in .float(Cast.float64(a[0]).rounded(.down)) },
            GoFunc("round", [.interface, .int], variadic: .float64) { a in
                let roundOn = a.count > 2 ? Cast.float64(a[2]) : 0.5
                let val = Cast.float64(a[0])
                let pow = Foundation.pow(10, Double(Cast.intArgument(a[1])))
                let digit = pow * val
                // Go: math.Modf keeps the sign in the fractional part.
                let fraction = digit - digit.rounded(.towardZero)
                let rounded = fraction >= roundOn ? digit.rounded(.up) : digit.rounded(.down)
                return .float(rounded / pow)
            },
        ]
    }

    /// `strconv.Atoi` with the error ignored: 0 on a syntax error, the clamped value on overflow.
    static func atoi(_ s: String) -> Int64 {
        if let v = Cast.parseInt(s, base: 10) { return v }
        var body = Substring(s)
        var negative = false
        if let f = body.first, f == "+" || f == "-" { negative = f == "-"; body = body.dropFirst() }
        if !body.isEmpty && body.allSatisfy({ $0.isASCII && $0.isNumber }) { return negative ? .min : .max }
        return 0
    }

    /// Go `math.Max` (NaN wins, +0 beats −0).
    static func goMax(_ x: Double, _ y: Double) -> Double {
        if x.isInfinite && x > 0 || y.isInfinite && y > 0 { return .infinity }
        if x.isNaN || y.isNaN { return .nan }
        if x == 0 && x == y { return x.sign == .minus ? y : x }
        return x > y ? x : y
    }

    /// Go `math.Min` (NaN wins, −0 beats +0).
    static func goMin(_ x: Double, _ y: Double) -> Double {
        if x.isInfinite && x < 0 || y.isInfinite && y < 0 { return -.infinity }
        if x.isNaN || y.isNaN { return .nan }
        if x == 0 && x == y { return x.sign == .minus ? x : y }
        return x < y ? x : y
    }

    /// shopspring/decimal `NewFromFloat`: the exact decimal of the shortest representation of `f`.
    static func decimal(_ f: Double) throws -> Decimal {
        guard f.isFinite else { throw FunctionError("Cannot create a Decimal from \(GoFormat.formatFloatG(f))") }
        let (digits, point) = GoFormat.shortestDigits(f)
        let text = (f < 0 ? "-" : "") + String(decoding: digits, as: UTF8.self) + "E\(point - digits.count)"
        return Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) ?? 0
    }

    // Sprig: numeric.go execDecimalOp
    static func decimalOp(
        _ first: Value, _ rest: [Value], dividing: Bool = false, _ op: (Decimal, Decimal) -> Decimal
    ) throws -> Double {
        var acc = try decimal(Cast.float64(first))
        for v in rest {
            let d = try decimal(Cast.float64(v))
            if dividing && d.isZero { throw FunctionError("decimal division by 0") }
            acc = op(acc, d)
        }
        return Double(acc.description) ?? 0
    }
}
