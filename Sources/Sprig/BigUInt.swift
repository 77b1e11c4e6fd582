/// A non-negative integer of any size (32-bit limbs, least significant first), for RSA key generation.
struct BigUInt: Equatable, Comparable {
    private(set) var limbs: [UInt32]

    init() { limbs = [] }

    init(_ v: UInt64) {
        limbs = [UInt32(truncatingIfNeeded: v), UInt32(truncatingIfNeeded: v >> 32)]
        normalize()
    }

    init(limbs: [UInt32]) {
        self.limbs = limbs
        normalize()
    }

    /// From big-endian bytes.
    init(bytes: [UInt8]) {
        var l: [UInt32] = []
        var i = bytes.count
        while i > 0 {
            var w: UInt32 = 0
            for k in Swift.max(0, i - 4)..<i { w = w << 8 | UInt32(bytes[k]) }
            l.append(w)
            i -= 4
        }
        self.init(limbs: l)
    }

    private mutating func normalize() {
        while let last = limbs.last, last == 0 { limbs.removeLast() }
    }

    var isZero: Bool { limbs.isEmpty }
    var isOdd: Bool { (limbs.first ?? 0) & 1 == 1 }

    var bitWidth: Int {
        guard let top = limbs.last else { return 0 }
        return limbs.count * 32 - top.leadingZeroBitCount
    }

    func bit(_ i: Int) -> Bool {
        let w = i / 32
        return w < limbs.count && (limbs[w] >> UInt32(i % 32)) & 1 == 1
    }

    /// Big-endian bytes, left-padded to `length` when given.
    func bytes(length: Int? = nil) -> [UInt8] {
        var out: [UInt8] = []
        for limb in limbs.reversed() {
            for k in stride(from: 24, through: 0, by: -8) { out.append(UInt8(truncatingIfNeeded: limb >> UInt32(k))) }
        }
        while let first = out.first, first == 0 { out.removeFirst() }
        if let length, out.count < length { out = [UInt8](repeating: 0, count: length - out.count) + out }
        return out
    }

    static func < (a: BigUInt, b: BigUInt) -> Bool {
        if a.limbs.count != b.limbs.count { return a.limbs.count < b.limbs.count }
        for i in stride(from: a.limbs.count - 1, through: 0, by: -1) where a.limbs[i] != b.limbs[i] {
            return a.limbs[i] < b.limbs[i]
        }
        return false
    }

    static func + (a: BigUInt, b: BigUInt) -> BigUInt {
        var out = [UInt32](repeating: 0, count: Swift.max(a.limbs.count, b.limbs.count) + 1)
        var carry: UInt64 = 0
        for i in 0..<(out.count - 1) {
            let s = UInt64(i < a.limbs.count ? a.limbs[i] : 0) + UInt64(i < b.limbs.count ? b.limbs[i] : 0) + carry
            out[i] = UInt32(truncatingIfNeeded: s)
            carry = s >> 32
        }
        out[out.count - 1] = UInt32(carry)
        return BigUInt(limbs: out)
    }

    /// `a - b` for `a >= b`.
    static func - (a: BigUInt, b: BigUInt) -> BigUInt {
        var out = a.limbs
        var borrow: Int64 = 0
        for i in 0..<out.count {
            var d = Int64(out[i]) - Int64(i < b.limbs.count ? b.limbs[i] : 0) - borrow
            borrow = 0
            if d < 0 { d += 1 << 32; borrow = 1 }
            out[i] = UInt32(d)
        }
        return BigUInt(limbs: out)
    }

    static func * (a: BigUInt, b: BigUInt) -> BigUInt {
        if a.isZero || b.isZero { return BigUInt() }
        var out = [UInt32](repeating: 0, count: a.limbs.count + b.limbs.count)
        for i in 0..<a.limbs.count {
            var carry: UInt64 = 0
            let ai = UInt64(a.limbs[i])
            for j in 0..<b.limbs.count {
                let t = ai * UInt64(b.limbs[j]) + UInt64(out[i + j]) + carry
                out[i + j] = UInt32(truncatingIfNeeded: t)
                carry = t >> 32
            }
            out[i + b.limbs.count] = UInt32(carry)
        }
        return BigUInt(limbs: out)
    }

    /// Remainder and quotient by a small divisor.
    func divMod(small d: UInt32) -> (BigUInt, UInt32) {
        var q = limbs
        var r: UInt64 = 0
        for i in stride(from: q.count - 1, through: 0, by: -1) {
            let cur = r << 32 | UInt64(q[i])
            q[i] = UInt32(cur / UInt64(d))
            r = cur % UInt64(d)
        }
        return (BigUInt(limbs: q), UInt32(r))
    }

    private func shiftedLeft(_ n: Int) -> BigUInt {
        let words = n / 32
        let bits = UInt32(n % 32)
        var out = [UInt32](repeating: 0, count: limbs.count + words + 1)
        for i in 0..<limbs.count {
            out[i + words] |= limbs[i] << bits
            if bits > 0 { out[i + words + 1] |= limbs[i] >> (32 - bits) }
        }
        return BigUInt(limbs: out)
    }

    /// Quotient and remainder (binary long division: simple, used only a few times per key).
    func divMod(_ d: BigUInt) -> (BigUInt, BigUInt) {
        if d.isZero || self < d { return (BigUInt(), self) }
        var remainder = self
        var quotient = [UInt32](repeating: 0, count: limbs.count)
        var shift = bitWidth - d.bitWidth
        var shifted = d.shiftedLeft(shift)
        while shift >= 0 {
            if !(remainder < shifted) {
                remainder = remainder - shifted
                quotient[shift / 32] |= 1 << UInt32(shift % 32)
            }
            shift -= 1
            if shift >= 0 { shifted = d.shiftedLeft(shift) }
        }
        return (BigUInt(limbs: quotient), remainder)
    }

    static func % (a: BigUInt, b: BigUInt) -> BigUInt { a.divMod(b).1 }

    /// `self^e mod m` for odd `m`, by Montgomery multiplication.
    func power(_ e: BigUInt, modulus m: BigUInt) -> BigUInt {
        let mont = Montgomery(m)
        return mont.leave(mont.power(mont.enter(self % m), e))
    }

    /// `self^-1 mod m`, or nil when not invertible (extended Euclid).
    func inverse(modulus m: BigUInt) -> BigUInt? {
        // Track coefficients modulo m to stay non-negative.
        var (r0, r1) = (m, self % m)
        var (t0, t1) = (BigUInt(), BigUInt(1))
        while !r1.isZero {
            let (q, r) = r0.divMod(r1)
            (r0, r1) = (r1, r)
            let qt = (q * t1) % m
            let next = t0 < qt ? t0 + m - qt : t0 - qt
            (t0, t1) = (t1, next)
        }
        return r0 == BigUInt(1) ? t0 : nil
    }
}

/// Montgomery arithmetic modulo an odd number (R = 2^(32·k)).
struct Montgomery {
    let m: [UInt32]
    let mInverse: UInt32  // −m⁻¹ mod 2^32
    let r2: BigUInt  // R² mod m
    let one: [UInt32]
    private let modulus: BigUInt

    init(_ modulus: BigUInt) {
        self.modulus = modulus
        m = modulus.limbs
        var inv: UInt32 = 1
        for _ in 0..<5 { inv = inv &* (2 &- m[0] &* inv) }
        mInverse = 0 &- inv
        let r = BigUInt(limbs: [UInt32](repeating: 0, count: m.count) + [1])
        r2 = (r * r) % modulus
        var o = (r % modulus).limbs
        o += [UInt32](repeating: 0, count: m.count - o.count)
        one = o
    }

    private func padded(_ x: BigUInt) -> [UInt32] {
        x.limbs + [UInt32](repeating: 0, count: m.count - x.limbs.count)
    }

    func enter(_ x: BigUInt) -> [UInt32] { multiply(padded(x), padded(r2)) }

    func leave(_ x: [UInt32]) -> BigUInt {
        var unit = [UInt32](repeating: 0, count: m.count)
        unit[0] = 1
        return BigUInt(limbs: multiply(x, unit))
    }

    /// base^e in Montgomery form.
    func power(_ base: [UInt32], _ e: BigUInt) -> [UInt32] {
        var result = one
        for i in stride(from: e.bitWidth - 1, through: 0, by: -1) {
            result = multiply(result, result)
            if e.bit(i) { result = multiply(result, base) }
        }
        return result
    }

    /// a·b·R⁻¹ mod m (CIOS).
    func multiply(_ a: [UInt32], _ b: [UInt32]) -> [UInt32] {
        let n = m.count
        var t = [UInt32](repeating: 0, count: n + 2)
        m.withUnsafeBufferPointer { mp in
            a.withUnsafeBufferPointer { ap in
                b.withUnsafeBufferPointer { bp in
                    t.withUnsafeMutableBufferPointer { tp in
                        for i in 0..<n {
                            var carry: UInt64 = 0
                            let ai = UInt64(ap[i])
                            for j in 0..<n {
                                let s = UInt64(tp[j]) + ai * UInt64(bp[j]) + carry
                                tp[j] = UInt32(truncatingIfNeeded: s)
                                carry = s >> 32
                            }
                            var s = UInt64(tp[n]) + carry
                            tp[n] = UInt32(truncatingIfNeeded: s)
                            tp[n + 1] = UInt32(s >> 32)
                            let u = UInt64(tp[0] &* mInverse)
                            s = UInt64(tp[0]) + u * UInt64(mp[0])
                            carry = s >> 32
                            for j in 1..<n {
                                let v = UInt64(tp[j]) + u * UInt64(mp[j]) + carry
                                tp[j - 1] = UInt32(truncatingIfNeeded: v)
                                carry = v >> 32
                            }
                            s = UInt64(tp[n]) + carry
                            tp[n - 1] = UInt32(truncatingIfNeeded: s)
                            tp[n] = tp[n + 1] &+ UInt32(s >> 32)
                        }
                    }
                }
            }
        }
        // Final subtraction when t ≥ m.
        var result = Array(t[0..<n])
        var geq = t[n] != 0
        if !geq {
            geq = true
            for i in stride(from: n - 1, through: 0, by: -1) where result[i] != m[i] {
                geq = result[i] > m[i]
                break
            }
        }
        if geq {
            var borrow: Int64 = 0
            for i in 0..<n {
                var d = Int64(result[i]) - Int64(m[i]) - borrow
                borrow = 0
                if d < 0 { d += 1 << 32; borrow = 1 }
                result[i] = UInt32(d)
            }
        }
        return result
    }
}
