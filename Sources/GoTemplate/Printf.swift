#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Values

/// Go's `fmt.Sprintf`, `fmt.Sprint` and `fmt.Sprintln` over `Value`s (Go: fmt/print.go, fmt/format.go).
public enum GoPrintf {
    /// Go `fmt.Sprintf(format, args...)`.
    public static func format(_ format: String, _ args: [Value]) -> String {
        var p = Printer(args: args)
        p.doPrintf(Array(format.utf8))
        return p.out
    }

    /// Go `fmt.Sprint(args...)`: spaces between operands when neither is a string.
    public static func sprint(_ args: [Value]) -> String {
        var p = Printer(args: args)
        var prevString = false
        for (i, a) in args.enumerated() {
            let isString: Bool
            if case .string = a { isString = true } else { isString = false }
            if i > 0 && !isString && !prevString { p.out += " " }
            p.printArg(a, UInt8(ascii: "v"))
            prevString = isString
        }
        return p.out
    }

    /// Go `fmt.Sprintln(args...)`: spaces between all operands and a trailing newline.
    public static func sprintln(_ args: [Value]) -> String {
        var p = Printer(args: args)
        for (i, a) in args.enumerated() {
            if i > 0 { p.out += " " }
            p.printArg(a, UInt8(ascii: "v"))
        }
        p.out += "\n"
        return p.out
    }

    /// Go's `%T` spelling of a value's type.
    public static func typeString(_ v: Value) -> String { v.goTypeName }
}

/// The flags of one verb (Go `fmtFlags` plus width and precision).
struct FormatFlags {
    var plus = false
    var minus = false
    var sharp = false
    var space = false
    var zero = false
    var plusV = false
    var sharpV = false
    var width: Int?
    var precision: Int?
}

/// One `Sprintf` run (Go `pp`).
struct Printer {
    let args: [Value]
    var out = ""
    var f = FormatFlags()

    init(args: [Value]) { self.args = args }

    // MARK: - Padding (Go fmt.pad / writePadding)

    mutating func writePadding(_ n: Int) {
        guard n > 0 else { return }
        out += String(repeating: f.zero ? "0" : " ", count: n)
    }

    mutating func pad(_ s: String) {
        guard let w = f.width, w > 0 else {
            out += s
            return
        }
        let n = w - s.unicodeScalars.count
        if !f.minus {
            writePadding(n)
            out += s
        } else {
            out += s
            let z = f.zero
            f.zero = false
            writePadding(n)
            f.zero = z
        }
    }

    // MARK: - Verbs

    mutating func badVerb(_ verb: UInt8, _ arg: Value?) {
        out += "%!"
        out.unicodeScalars.append(Unicode.Scalar(verb))
        out += "("
        if let a = arg {
            out += GoPrintf.typeString(a)
            out += "="
            printArg(a, UInt8(ascii: "v"))
        } else {
            out += "<nil>"
        }
        out += ")"
    }

    /// Go `printArg`.
    mutating func printArg(_ arg: Value, _ verb: UInt8) {
        if case .null = arg {
            switch verb {
            case UInt8(ascii: "T"), UInt8(ascii: "v"): pad("<nil>")
            default: badVerb(verb, nil)
            }
            return
        }
        if verb == UInt8(ascii: "T") {
            fmtS(GoPrintf.typeString(arg))
            return
        }
        printValue(arg, verb, depth: 0)
    }

    mutating func printValue(_ v: Value, _ verb: UInt8, depth: Int) {
        switch v {
        case .null:
            if depth == 0 { printArg(v, verb) } else if f.sharpV { out += "interface {}(nil)" } else { pad("<nil>") }
        case .bool(let b):
            switch verb {
            case UInt8(ascii: "t"), UInt8(ascii: "v"): pad(b ? "true" : "false")
            default: badVerb(verb, v)
            }
        case .int(let i, _): fmtInteger(i, verb, v)
        case .float(let d): fmtFloat(d, verb, v)
        case .string(let s): fmtString(s, verb, v)
        case .list(let l):
            if f.sharpV {
                out += "[]interface {}{"
                for (i, e) in l.enumerated() {
                    if i > 0 { out += ", " }
                    printValue(e, verb, depth: depth + 1)
                }
                out += "}"
                return
            }
            out += "["
            for (i, e) in l.enumerated() {
                if i > 0 { out += " " }
                printValue(e, verb, depth: depth + 1)
            }
            out += "]"
        case .map(let m):
            if f.sharpV {
                out += "map[string]interface {}{"
                var first = true
                for (k, e) in m {
                    if !first { out += ", " }
                    first = false
                    out += GoQuote.quote(k)
                    out += ":"
                    printValue(e, verb, depth: depth + 1)
                }
                out += "}"
                return
            }
            out += "map["
            var first = true
            for (k, e) in m {
                if !first { out += " " }
                first = false
                printValue(.string(k), verb, depth: depth + 1)
                out += ":"
                printValue(e, verb, depth: depth + 1)
            }
            out += "]"
        case .object(let o):
            switch verb {
            case UInt8(ascii: "v"), UInt8(ascii: "s"): fmtS(o.goString)
            case UInt8(ascii: "q"): fmtQ(o.goString)
            case UInt8(ascii: "x"), UInt8(ascii: "X"): fmtSx(o.goString, upper: verb == UInt8(ascii: "X"))
            default: badVerb(verb, v)
            }
        }
    }

    // MARK: - Strings

    mutating func truncate(_ s: String) -> String {
        guard let p = f.precision else { return s }
        let scalars = s.unicodeScalars
        if scalars.count <= p { return s }
        return String(String.UnicodeScalarView(scalars.prefix(p)))
    }

    mutating func fmtS(_ s: String) { pad(truncate(s)) }

    mutating func fmtQ(_ s: String) {
        let t = truncate(s)
        if f.sharp && canBackquote(t) {
            pad("`" + t + "`")
        } else if f.plus {
            pad(GoQuote.quoteASCII(t))
        } else {
            pad(GoQuote.quote(t))
        }
    }

    func canBackquote(_ s: String) -> Bool {
        for sc in s.unicodeScalars {
            if sc == "`" || sc == "\u{FEFF}" { return false }
            if sc.value < 0x20 && sc != "\t" { return false }
            if sc.value == 0x7f { return false }
        }
        return true
    }

    mutating func fmtSx(_ s: String, upper: Bool) {
        let digits = Array((upper ? "0123456789ABCDEF" : "0123456789abcdef").unicodeScalars)
        var bytes = Array(s.utf8)
        if let p = f.precision, p < bytes.count { bytes = Array(bytes.prefix(p)) }
        var r = ""
        for (i, b) in bytes.enumerated() {
            if f.space && i > 0 { r += " " }
            if f.sharp && (f.space || i == 0) { r += upper ? "0X" : "0x" }
            r.unicodeScalars.append(digits[Int(b >> 4)])
            r.unicodeScalars.append(digits[Int(b & 0xF)])
        }
        pad(r)
    }

    mutating func fmtString(_ s: String, _ verb: UInt8, _ v: Value) {
        switch verb {
        case UInt8(ascii: "v"): if f.sharpV { fmtQ(s) } else { fmtS(s) }
        case UInt8(ascii: "s"): fmtS(s)
        case UInt8(ascii: "x"): fmtSx(s, upper: false)
        case UInt8(ascii: "X"): fmtSx(s, upper: true)
        case UInt8(ascii: "q"): fmtQ(s)
        default: badVerb(verb, v)
        }
    }

    // MARK: - Integers

    mutating func fmtInteger(_ i: Int64, _ verb: UInt8, _ v: Value) {
        switch verb {
        case UInt8(ascii: "v"), UInt8(ascii: "d"): fmtInt(i, base: 10, upper: false, verb: verb)
        case UInt8(ascii: "b"): fmtInt(i, base: 2, upper: false, verb: verb)
        case UInt8(ascii: "o"), UInt8(ascii: "O"): fmtInt(i, base: 8, upper: false, verb: verb)
        case UInt8(ascii: "x"): fmtInt(i, base: 16, upper: false, verb: verb)
        case UInt8(ascii: "X"): fmtInt(i, base: 16, upper: true, verb: verb)
        case UInt8(ascii: "c"): pad(String(Character(scalar(i))))
        case UInt8(ascii: "q"): pad(GoQuote.quoteRune(scalar(i), asciiOnly: f.plus))
        case UInt8(ascii: "U"):
            var h = String(UInt64(bitPattern: i), radix: 16, uppercase: true)
            if let p = f.precision, h.count < p { h = String(repeating: "0", count: p - h.count) + h }
            while h.count < 4 { h = "0" + h }
            var s = "U+" + h
            if f.sharp, i >= 0, i <= 0x10FFFF, let sc = Unicode.Scalar(UInt32(i)), GoQuote.isPrint(sc) {
                s += " '" + String(Character(sc)) + "'"
            }
            let z = f.zero
            f.zero = false
            pad(s)
            f.zero = z
        default: badVerb(verb, v)
        }
    }

    func scalar(_ i: Int64) -> Unicode.Scalar {
        guard i >= 0, i <= 0x10FFFF, let sc = Unicode.Scalar(UInt32(i)) else { return "\u{FFFD}" }
        return sc
    }

    /// Go `fmt.fmtInteger`.
    mutating func fmtInt(_ i: Int64, base: Int, upper: Bool, verb: UInt8) {
        let negative = i < 0
        let u = i.magnitude
        var prec = 0
        if let p = f.precision {
            prec = p
            if p == 0 && u == 0 {
                let z = f.zero
                f.zero = false
                writePadding(f.width ?? 0)
                f.zero = z
                return
            }
        } else if f.zero && !f.minus, let w = f.width {
            prec = w
            if negative || f.plus || f.space { prec -= 1 }
        }
        var digits = String(u, radix: base, uppercase: upper)
        if digits.count < prec { digits = String(repeating: "0", count: prec - digits.count) + digits }
        if f.sharp {
            switch base {
            case 2: digits = "0b" + digits
            case 8: if !digits.hasPrefix("0") { digits = "0" + digits }
            case 16: digits = (upper ? "0X" : "0x") + digits
            default: break
            }
        }
        if verb == UInt8(ascii: "O") { digits = "0o" + digits }
        if negative { digits = "-" + digits } else if f.plus { digits = "+" + digits } else if f.space {
            digits = " " + digits
        }
        let z = f.zero
        f.zero = false
        pad(digits)
        f.zero = z
    }

    // MARK: - Floats

    mutating func fmtFloat(_ d: Double, _ verb: UInt8, _ v: Value) {
        switch verb {
        case UInt8(ascii: "v"): fmtFloatVerb(d, UInt8(ascii: "g"), defaultPrecision: nil)
        case UInt8(ascii: "g"), UInt8(ascii: "G"), UInt8(ascii: "b"), UInt8(ascii: "x"), UInt8(ascii: "X"):
            fmtFloatVerb(d, verb, defaultPrecision: nil)
        case UInt8(ascii: "f"), UInt8(ascii: "F"), UInt8(ascii: "e"), UInt8(ascii: "E"):
            fmtFloatVerb(d, verb, defaultPrecision: 6)
        default: badVerb(verb, v)
        }
    }

    /// strconv.FormatFloat(d, verb, prec, 64) with a leading sign (Go fmt.fmtFloat).
    mutating func fmtFloatVerb(_ d: Double, _ verb: UInt8, defaultPrecision: Int?) {
        let prec = f.precision ?? defaultPrecision
        var num: String
        if d.isNaN {
            num = "+NaN"
        } else if d.isInfinite {
            num = d < 0 ? "-Inf" : "+Inf"
        } else {
            var body = Printer.formatFloat(d.magnitude, verb: verb, precision: prec)
            if body.hasPrefix("-") { body.removeFirst() }
            num = (d.sign == .minus ? "-" : "+") + body
        }
        if f.space && num.hasPrefix("+") && !f.plus { num = " " + num.dropFirst() }
        if f.sharp && verb != UInt8(ascii: "b") && d.isFinite {
            num = Printer.applySharp(num, verb: verb == UInt8(ascii: "v") ? UInt8(ascii: "g") : verb, precision: prec)
        }
        if num.dropFirst().hasPrefix("I") || num.dropFirst().hasPrefix("N") {
            let z = f.zero
            f.zero = false
            if num.dropFirst().hasPrefix("N") && !f.space && !f.plus { num = String(num.dropFirst()) }
            pad(num)
            f.zero = z
            return
        }
        if f.plus || !num.hasPrefix("+") {
            if f.zero && !f.minus, let w = f.width, w > num.count {
                out += String(num.prefix(1))
                writePadding(w - num.count)
                out += num.dropFirst()
                return
            }
            pad(num)
            return
        }
        pad(String(num.dropFirst()))
    }

    /// Formats a non-negative finite double like strconv.FormatFloat.
    static func formatFloat(_ d: Double, verb: UInt8, precision: Int?) -> String {
        let upper = verb == UInt8(ascii: "G") || verb == UInt8(ascii: "E") || verb == UInt8(ascii: "X")
        switch verb {
        case UInt8(ascii: "g"), UInt8(ascii: "G"):
            guard let p = precision else {
                let s = GoFormat.formatFloatG(d)
                return upper ? s.uppercased() : s
            }
            return cFormat(d, upper ? "%.*G" : "%.*g", max(p, 1) == 0 ? 1 : p)
        case UInt8(ascii: "e"), UInt8(ascii: "E"):
            return cFormat(d, upper ? "%.*E" : "%.*e", precision ?? 6)
        case UInt8(ascii: "f"), UInt8(ascii: "F"):
            return cFormat(d, "%.*f", precision ?? 6)
        case UInt8(ascii: "x"), UInt8(ascii: "X"):
            return formatX(d, precision: precision, upper: upper)
        case UInt8(ascii: "b"):
            let (mant, exp) = decompose(d)
            return "\(mant)p" + (exp - 52 >= 0 ? "+" : "") + "\(exp - 52)"
        default:
            return GoFormat.formatFloatG(d)
        }
    }

    /// The significand (with its implicit bit) and unbiased exponent of a finite double, as strconv splits it.
    static func decompose(_ d: Double) -> (mantissa: UInt64, exponent: Int) {
        let bits = d.bitPattern
        var exp = Int((bits >> 52) & 0x7FF)
        var mant = bits & ((1 << 52) - 1)
        if exp == 0 { exp += 1 } else { mant |= 1 << 52 }
        return (mant, exp - 1023)
    }

    /// strconv 'x'/'X' format: `0x1.8p+00`, rounded to `precision` hex digits when given.
    static func formatX(_ d: Double, precision: Int?, upper: Bool) -> String {
        var (mant, exp) = decompose(d)
        if mant == 0 { exp = 0 }
        // Put the leading 1 at bit 60.
        mant <<= 60 - 52
        while mant != 0 && mant & (1 << 60) == 0 {
            mant <<= 1
            exp -= 1
        }
        if let p = precision, p < 15 {
            let shift = UInt64(p * 4)
            let extra = (mant << shift) & ((1 << 60) - 1)
            mant >>= 60 - shift
            if extra | (mant & 1) > 1 << 59 { mant += 1 }
            mant <<= 60 - shift
            if mant & (1 << 61) != 0 {
                mant >>= 1
                exp += 1
            }
        }
        let digits = Array((upper ? "0123456789ABCDEF" : "0123456789abcdef").unicodeScalars)
        var out = upper ? "0X" : "0x"
        out += (mant >> 60) & 1 == 1 ? "1" : "0"
        mant <<= 4
        if precision == nil && mant != 0 {
            out += "."
            while mant != 0 {
                out.unicodeScalars.append(digits[Int((mant >> 60) & 15)])
                mant <<= 4
            }
        } else if let p = precision, p > 0 {
            out += "."
            for _ in 0..<p {
                out.unicodeScalars.append(digits[Int((mant >> 60) & 15)])
                mant <<= 4
            }
        }
        out += upper ? "P" : "p"
        out += exp < 0 ? "-" : "+"
        let e = abs(exp)
        out += e < 10 ? "0\(e)" : "\(e)"
        return out
    }

    /// Go fmt's `#` flag on floats: keep a decimal point and pad %g/%v/%x to the precision's significant digits.
    static func applySharp(_ num: String, verb: UInt8, precision: Int?) -> String {
        var digits = 0
        switch verb {
        case UInt8(ascii: "v"), UInt8(ascii: "g"), UInt8(ascii: "G"), UInt8(ascii: "x"):
            digits = precision ?? 6
        default: break
        }
        let isHex = verb == UInt8(ascii: "x") || verb == UInt8(ascii: "X")
        var body = Array(num.utf8)
        var tail: [UInt8] = []
        var hasPoint = false
        var sawNonzero = false
        var i = 1
        while i < body.count {
            let c = body[i]
            if c == UInt8(ascii: ".") {
                hasPoint = true
            } else if c == UInt8(ascii: "p") || c == UInt8(ascii: "P")
                || (!isHex && (c == UInt8(ascii: "e") || c == UInt8(ascii: "E"))) {
                tail = Array(body[i...])
                body = Array(body[..<i])
                break
            } else {
                if c != UInt8(ascii: "0") { sawNonzero = true }
                if sawNonzero { digits -= 1 }
            }
            i += 1
        }
        if !hasPoint {
            if body.count == 2 && body[1] == UInt8(ascii: "0") { digits -= 1 }
            body.append(UInt8(ascii: "."))
        }
        while digits > 0 {
            body.append(UInt8(ascii: "0"))
            digits -= 1
        }
        return String(decoding: body + tail, as: UTF8.self)
    }

    /// The C library's correctly rounded conversion (glibc prints exact decimal expansions, as Go does).
    static func cFormat(_ d: Double, _ format: String, _ precision: Int) -> String {
        var buffer = [CChar](repeating: 0, count: 512)
        let n = withVaList([Int32(min(precision, 400)), d]) { va in
            buffer.withUnsafeMutableBufferPointer { vsnprintf($0.baseAddress, $0.count, format, va) }
        }
        if n >= 0 && Int(n) < buffer.count {
            return String(decoding: buffer.prefix(Int(n)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
        var big = [CChar](repeating: 0, count: Int(max(n, 0)) + 1)
        let m = withVaList([Int32(min(precision, 400)), d]) { va in
            big.withUnsafeMutableBufferPointer { vsnprintf($0.baseAddress, $0.count, format, va) }
        }
        return String(decoding: big.prefix(Int(max(m, 0))).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    // MARK: - The format loop (Go doPrintf)

    mutating func doPrintf(_ format: [UInt8]) {
        var argNum = 0
        var i = 0
        var reordered = false
        let end = format.count
        while i < end {
            // Copy literal text up to the next '%'.
            let start = i
            while i < end && format[i] != UInt8(ascii: "%") { i += 1 }
            if i > start { out += String(decoding: format[start..<i], as: UTF8.self) }
            if i >= end { break }
            i += 1  // skip %
            f = FormatFlags()
            // Flags.
            flags: while i < end {
                switch format[i] {
                case UInt8(ascii: "#"): f.sharp = true
                case UInt8(ascii: "0"): f.zero = !f.minus
                case UInt8(ascii: "+"): f.plus = true
                case UInt8(ascii: "-"):
                    f.minus = true
                    f.zero = false
                case UInt8(ascii: " "): f.space = true
                default:
                    break flags
                }
                i += 1
            }
            // Argument index.
            var goodArgNum = true
            var good = true
            (argNum, i, good, reordered) = argNumber(argNum, format, i, reordered)
            goodArgNum = goodArgNum && good
            // Width.
            if i < end && format[i] == UInt8(ascii: "*") {
                i += 1
                if argNum < args.count, case .int(let w, _) = args[argNum] {
                    f.width = Int(w)
                    if w < 0 {
                        f.width = Int(-w)
                        f.minus = true
                        f.zero = false
                    }
                    if w > 1_000_000 || w < -1_000_000 {
                        out += "%!(BADWIDTH)"
                        f.width = nil
                    }
                } else {
                    out += "%!(BADWIDTH)"
                }
                argNum += 1
            } else {
                let (n, next, ok) = parseNum(format, i)
                if ok { f.width = n }
                i = next
            }
            // Precision.
            if i + 1 <= end && i < end && format[i] == UInt8(ascii: ".") {
                i += 1
                (argNum, i, good, reordered) = argNumber(argNum, format, i, reordered)
                goodArgNum = goodArgNum && good
                if i < end && format[i] == UInt8(ascii: "*") {
                    i += 1
                    if argNum < args.count, case .int(let p, _) = args[argNum] {
                        f.precision = p < 0 ? nil : Int(p)
                        if p > 1_000_000 {
                            out += "%!(BADPREC)"
                            f.precision = nil
                        }
                    } else {
                        out += "%!(BADPREC)"
                    }
                    argNum += 1
                } else {
                    let (n, next, ok) = parseNum(format, i)
                    f.precision = ok ? n : 0
                    i = next
                }
            }
            (argNum, i, good, reordered) = argNumber(argNum, format, i, reordered)
            goodArgNum = goodArgNum && good
            if i >= end {
                out += "%!(NOVERB)"
                break
            }
            // The verb (one UTF-8 sequence).
            var verbLen = 1
            let c0 = format[i]
            if c0 >= 0xF0 { verbLen = 4 } else if c0 >= 0xE0 { verbLen = 3 } else if c0 >= 0xC0 { verbLen = 2 }
            let verbBytes = Array(format[i..<min(i + verbLen, end)])
            i += verbLen
            let verb: UInt8 = verbLen == 1 ? c0 : 0
            if verb == UInt8(ascii: "%") {
                out += "%"
                continue
            }
            if !goodArgNum {
                out += "%!" + String(decoding: verbBytes, as: UTF8.self) + "(BADINDEX)"
                continue
            }
            if argNum >= args.count {
                out += "%!" + String(decoding: verbBytes, as: UTF8.self) + "(MISSING)"
                continue
            }
            if verb == UInt8(ascii: "w") {
                // Go: %w in Sprintf behaves as a bad verb.
            }
            if verb == UInt8(ascii: "v") {
                if f.sharp {
                    f.sharp = false
                    f.sharpV = true
                }
                if f.plus {
                    f.plus = false
                    f.plusV = true
                }
            }
            let arg = args[argNum]
            argNum += 1
            if verbLen == 1 {
                printArg(arg, verb)
            } else {
                out += "%!" + String(decoding: verbBytes, as: UTF8.self) + "("
                if case .null = arg { out += "<nil>" } else {
                    out += GoPrintf.typeString(arg) + "="
                    printArg(arg, UInt8(ascii: "v"))
                }
                out += ")"
            }
        }
        if !reordered && argNum < args.count {
            f = FormatFlags()
            out += "%!(EXTRA "
            for (k, a) in args[argNum...].enumerated() {
                if k > 0 { out += ", " }
                if case .null = a { out += "<nil>" } else {
                    out += GoPrintf.typeString(a) + "="
                    printArg(a, UInt8(ascii: "v"))
                }
            }
            out += ")"
        }
    }

    func parseNum(_ s: [UInt8], _ start: Int) -> (Int, Int, Bool) {
        var i = start
        var n = 0
        while i < s.count && s[i] >= 0x30 && s[i] <= 0x39 {
            if n > 1_000_000 { return (0, s.count, false) }
            n = n * 10 + Int(s[i] - 0x30)
            i += 1
        }
        return (n, i, i > start)
    }

    /// Go `argNumber`: an explicit `[n]` argument index.
    func argNumber(_ argNum: Int, _ s: [UInt8], _ i: Int, _ reordered: Bool) -> (Int, Int, Bool, Bool) {
        guard i < s.count, s[i] == UInt8(ascii: "[") else { return (argNum, i, true, reordered) }
        var j = i + 1
        while j < s.count && s[j] != UInt8(ascii: "]") { j += 1 }
        guard j < s.count else { return (argNum, i + 1, false, true) }
        let (n, next, ok) = parseNum(s, i + 1)
        if !ok || next != j || n < 1 || n > args.count {
            return (argNum, j + 1, false, true)
        }
        return (n - 1, j + 1, true, true)
    }
}
