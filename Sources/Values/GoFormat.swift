/// Go's `fmt` and `strconv` number and value formatting, as far as templates and Sprig observe it.
public enum GoFormat {
    /// The shortest decimal digits of `v` (no sign) and the decimal point position, as `strconv` computes them:
    /// `v = 0.d1d2d3… × 10^point`. For zero the digits are "0" and the point is 1.
    public static func shortestDigits(_ v: Double) -> (digits: [UInt8], point: Int) {
        let a = Swift.abs(v)
        if a == 0 { return ([UInt8(ascii: "0")], 1) }
        // Swift's description is the shortest round-tripping representation, as Go's.
        let text = "\(a)"
        var mantissa: [UInt8] = []
        var exponent = 0
        var pointSeen = false
        var digitsBeforePoint = 0
        var iterator = text.utf8.makeIterator()
        while let c = iterator.next() {
            if c == UInt8(ascii: "e") || c == UInt8(ascii: "E") {
                var rest = ""
                while let d = iterator.next() { rest.unicodeScalars.append(Unicode.Scalar(d)) }
                exponent = Int(rest) ?? 0
                break
            } else if c == UInt8(ascii: ".") {
                pointSeen = true
            } else {
                mantissa.append(c)
                if !pointSeen { digitsBeforePoint += 1 }
            }
        }
        var point = digitsBeforePoint + exponent
        // strip leading zeros
        var start = 0
        while start < mantissa.count - 1 && mantissa[start] == UInt8(ascii: "0") {
            start += 1
            point -= 1
        }
        var end = mantissa.count
        while end > start + 1 && mantissa[end - 1] == UInt8(ascii: "0") { end -= 1 }
        return (Array(mantissa[start..<end]), point)
    }

    /// `strconv.FormatFloat(v, 'g', -1, 64)`, which is also what `%v` prints for a float64.
    public static func formatFloatG(_ v: Double) -> String {
        if v.isNaN { return "NaN" }
        if v.isInfinite { return v < 0 ? "-Inf" : "+Inf" }
        // Whole numbers below 10^6 (ports, replicas, sizes) print as integers; negative zero keeps its sign below.
        if let whole = wholeNumberText(v, below: 1e6) { return whole }
        let (digits, point) = shortestDigits(v)
        let negative = v.sign == .minus
        let exp = point - 1
        // strconv: "if precision was the shortest possible, use precision 6 for this decision".
        let eprec = 6
        var out = negative ? "-" : ""
        if exp < -4 || exp >= eprec {
            out += exponentForm(digits, exp)
        } else {
            out += fixedForm(digits, point)
        }
        return out
    }

    /// The decimal text of `v` when it is a whole number with magnitude below `limit` (at most 10^15, where every
    /// whole number is exact) other than negative zero: then the shortest digits are the integer's digits and both
    /// 'g' (below 10^6) and JSON forms print them as they are.
    @inline(__always)
    static func wholeNumberText(_ v: Double, below limit: Double) -> String? {
        guard Swift.abs(v) < limit, v.rounded(.towardZero) == v, !(v == 0 && v.sign == .minus) else { return nil }
        return String(Int64(v))
    }

    /// `strconv.FormatFloat(v, 'e', -1, 64)` digits part without sign.
    static func exponentForm(_ digits: [UInt8], _ exp: Int) -> String {
        var s = String(decoding: digits[0..<1], as: UTF8.self)
        if digits.count > 1 {
            s += "."
            s += String(decoding: digits[1...], as: UTF8.self)
        }
        s += exp < 0 ? "e-" : "e+"
        let e = Swift.abs(exp)
        s += e < 10 ? "0\(e)" : "\(e)"
        return s
    }

    /// `%f`-style digits with exactly the shortest digits (no sign).
    static func fixedForm(_ digits: [UInt8], _ point: Int) -> String {
        var s = ""
        if point <= 0 {
            s = "0." + String(repeating: "0", count: -point) + String(decoding: digits, as: UTF8.self)
        } else if point >= digits.count {
            s = String(decoding: digits, as: UTF8.self) + String(repeating: "0", count: point - digits.count)
        } else {
            s = String(decoding: digits[0..<point], as: UTF8.self) + "." + String(decoding: digits[point...], as: UTF8.self)
        }
        return s
    }

    /// The `strconv` step of how `encoding/json` writes a float64: `'f'` form unless the exponent is below -6 or at
    /// least 21, then `'e'` form with strconv's two-digit exponent (`1e-07`). `GoJSON.formatFloat` adds
    /// encoding/json's clean-up (`1e-7`, the sign of negative zero); use that one for JSON text.
    public static func formatFloatJSON(_ v: Double) -> String {
        if let whole = wholeNumberText(v, below: 1e15) { return whole }
        let (digits, point) = shortestDigits(v)
        let negative = v.sign == .minus && v != 0
        let a = Swift.abs(v)
        var out = negative ? "-" : ""
        if a != 0 && (a < 1e-6 || a >= 1e21) {
            out += exponentForm(digits, point - 1)
        } else {
            out += fixedForm(digits, point)
        }
        return out
    }

    /// What `fmt.Sprint(v)` / `%v` prints for a value.
    public static func describe(_ value: Value) -> String {
        var out = ""
        describe(value, into: &out)
        return out
    }

    /// Appends what `%v` prints for `value`.
    public static func describe(_ value: Value, into out: inout String) {
        switch value {
        case .null: out += "<nil>"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i, let kind): out += kind.decimal(i)
        case .float(let f): out += formatFloatG(f)
        case .string(let s): out += s
        case .list(let l):
            out += "["
            for (i, e) in l.enumerated() {
                if i > 0 { out += " " }
                describe(e, into: &out)
            }
            out += "]"
        case .map(let m):
            out += "map["
            var first = true
            for (k, v) in m {
                if !first { out += " " }
                first = false
                out += k
                out += ":"
                describe(v, into: &out)
            }
            out += "]"
        case .object(let o): out += o.goString
        }
    }
}
