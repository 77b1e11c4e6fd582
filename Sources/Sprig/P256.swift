/// NIST P-256 key generation (SEC 1), for Sprig's `genPrivateKey "ecdsa"`.
enum P256 {
    private static func hex(_ s: String) -> BigUInt {
        var bytes: [UInt8] = []
        var chars = Array(s.utf8)[...]
        while chars.count >= 2 {
            let pair = String(decoding: chars.prefix(2), as: UTF8.self)
            bytes.append(UInt8(pair, radix: 16) ?? 0)
            chars = chars.dropFirst(2)
        }
        return BigUInt(bytes: bytes)
    }

    // Domain parameters as `openssl ecparam -name prime256v1 -param_enc explicit -text` prints them.
    static let p = hex("ffffffff00000001000000000000000000000000ffffffffffffffffffffffff")
    static let n = hex("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551")
    static let b = hex("5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b")
    static let gx = hex("6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296")
    static let gy = hex("4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5")

    /// Field arithmetic modulo p in Montgomery form (8 limbs).
    struct Field {
        let mont = Montgomery(P256.p)
        let pLimbs = P256.p.limbs

        func add(_ a: [UInt32], _ b: [UInt32]) -> [UInt32] {
            var out = [UInt32](repeating: 0, count: 8)
            var carry: UInt64 = 0
            for i in 0..<8 {
                let s = UInt64(a[i]) + UInt64(b[i]) + carry
                out[i] = UInt32(truncatingIfNeeded: s)
                carry = s >> 32
            }
            return carry != 0 || !lessThanP(out) ? subtractP(out) : out
        }

        /// a − b over 8 limbs and whether it borrowed.
        private func subtractLimbs(_ a: [UInt32], _ b: [UInt32]) -> ([UInt32], Bool) {
            var out = [UInt32](repeating: 0, count: 8)
            var borrow: Int64 = 0
            for i in 0..<8 {
                var d = Int64(a[i]) - Int64(b[i]) - borrow
                borrow = 0
                if d < 0 { d += 1 << 32; borrow = 1 }
                out[i] = UInt32(d)
            }
            return (out, borrow != 0)
        }

        func sub(_ a: [UInt32], _ b: [UInt32]) -> [UInt32] {
            var (out, borrowed) = subtractLimbs(a, b)
            if borrowed {
                // Add p back (the wrap-around cancels the borrow).
                var carry: UInt64 = 0
                for i in 0..<8 {
                    let s = UInt64(out[i]) + UInt64(pLimbs[i]) + carry
                    out[i] = UInt32(truncatingIfNeeded: s)
                    carry = s >> 32
                }
            }
            return out
        }

        private func lessThanP(_ a: [UInt32]) -> Bool {
            for i in stride(from: 7, through: 0, by: -1) where a[i] != pLimbs[i] { return a[i] < pLimbs[i] }
            return false
        }

        private func subtractP(_ a: [UInt32]) -> [UInt32] { subtractLimbs(a, pLimbs).0 }

        func mul(_ a: [UInt32], _ b: [UInt32]) -> [UInt32] { mont.multiply(a, b) }
    }

    /// A point in Jacobian coordinates (X/Z², Y/Z³), Montgomery form; Z = 0 is the point at infinity.
    struct Point {
        var x: [UInt32]
        var y: [UInt32]
        var z: [UInt32]
    }

    private static func isZero(_ a: [UInt32]) -> Bool { a.allSatisfy { $0 == 0 } }

    // Doubling for a = −3 ("dbl-2001-b").
    private static func double(_ pt: Point, _ f: Field) -> Point {
        if isZero(pt.z) { return pt }
        let delta = f.mul(pt.z, pt.z)
        let gamma = f.mul(pt.y, pt.y)
        let beta = f.mul(pt.x, gamma)
        let t = f.mul(f.sub(pt.x, delta), f.add(pt.x, delta))
        let alpha = f.add(f.add(t, t), t)
        let beta4 = f.add(f.add(beta, beta), f.add(beta, beta))
        let x3 = f.sub(f.mul(alpha, alpha), f.add(beta4, beta4))
        let yz = f.add(pt.y, pt.z)
        let z3 = f.sub(f.sub(f.mul(yz, yz), gamma), delta)
        let gamma2 = f.mul(gamma, gamma)
        let g8 = f.add(f.add(f.add(gamma2, gamma2), f.add(gamma2, gamma2)), f.add(f.add(gamma2, gamma2), f.add(gamma2, gamma2)))
        let y3 = f.sub(f.mul(alpha, f.sub(beta4, x3)), g8)
        return Point(x: x3, y: y3, z: z3)
    }

    // General addition ("add-2007-bl").
    private static func add(_ p1: Point, _ p2: Point, _ f: Field) -> Point {
        if isZero(p1.z) { return p2 }
        if isZero(p2.z) { return p1 }
        let z1z1 = f.mul(p1.z, p1.z)
        let z2z2 = f.mul(p2.z, p2.z)
        let u1 = f.mul(p1.x, z2z2)
        let u2 = f.mul(p2.x, z1z1)
        let s1 = f.mul(f.mul(p1.y, p2.z), z2z2)
        let s2 = f.mul(f.mul(p2.y, p1.z), z1z1)
        let h = f.sub(u2, u1)
        let r0 = f.sub(s2, s1)
        if isZero(h) {
            return isZero(r0) ? double(p1, f) : Point(x: f.mont.one, y: f.mont.one, z: [UInt32](repeating: 0, count: 8))
        }
        let i = f.mul(f.add(h, h), f.add(h, h))
        let j = f.mul(h, i)
        let r = f.add(r0, r0)
        let v = f.mul(u1, i)
        let x3 = f.sub(f.sub(f.mul(r, r), j), f.add(v, v))
        let s1j = f.mul(s1, j)
        let y3 = f.sub(f.mul(r, f.sub(v, x3)), f.add(s1j, s1j))
        let zs = f.add(p1.z, p2.z)
        let z3 = f.mul(f.sub(f.sub(f.mul(zs, zs), z1z1), z2z2), h)
        return Point(x: x3, y: y3, z: z3)
    }

    /// k·G in affine coordinates.
    static func multiplyGenerator(_ k: BigUInt) -> (x: BigUInt, y: BigUInt) {
        let f = Field()
        let g = Point(x: f.mont.enter(gx), y: f.mont.enter(gy), z: f.mont.one)
        var acc = Point(x: f.mont.one, y: f.mont.one, z: [UInt32](repeating: 0, count: 8))
        for i in stride(from: k.bitWidth - 1, through: 0, by: -1) {
            acc = double(acc, f)
            if k.bit(i) { acc = add(acc, g, f) }
        }
        // Affine: x = X/Z², y = Y/Z³, with Z⁻¹ = Z^(p−2).
        let zInv = f.mont.power(acc.z, p - BigUInt(2))
        let zInv2 = f.mul(zInv, zInv)
        return (f.mont.leave(f.mul(acc.x, zInv2)), f.mont.leave(f.mul(acc.y, f.mul(zInv2, zInv))))
    }

    static let curveOID = DER.oid([1, 2, 840, 10045, 3, 1, 7])

    /// A P-256 private key with its public point.
    struct Key {
        let d: BigUInt
        let x: BigUInt
        let y: BigUInt

        init(d: BigUInt) {
            self.d = d
            (x, y) = P256.multiplyGenerator(d)
        }

        /// A new random key (a scalar in [1, n−1]).
        init(random: () -> UInt64) {
            self.init(d: P256.randomScalar(random))
        }

        /// Reads an RFC 5915 `ECPrivateKey`; nil unless it is a P-256 key.
        init?(der: [UInt8]) {
            guard let seq = DER.read(der), seq.tag == 0x30, let items = DER.children(seq.content), items.count >= 2,
                  items[1].tag == 0x04
            else { return nil }
            if let params = items.first(where: { $0.tag == 0xA0 }), params.content != P256.curveOID { return nil }
            let d = BigUInt(bytes: items[1].content)
            guard !d.isZero, d < P256.n else { return nil }
            self.init(d: d)
        }

        /// The uncompressed public point (`04 ‖ X ‖ Y`).
        var publicPoint: [UInt8] { [0x04] + x.bytes(length: 32) + y.bytes(length: 32) }

        /// Go's `x509.MarshalECPrivateKey` encoding (RFC 5915).
        var der: [UInt8] {
            DER.sequence([
                DER.integer(1),
                DER.octetString(d.bytes(length: 32)),
                DER.context(0, constructed: true, P256.curveOID),
                DER.context(1, constructed: true, DER.bitString(publicPoint)),
            ])
        }

        /// ECDSA over SHA-256 (SEC 1 §4.1.3), as a DER `Ecdsa-Sig-Value`.
        func signSHA256(_ message: [UInt8], random: () -> UInt64) -> [UInt8] {
            let z = BigUInt(bytes: Digest.sha256(message)) % P256.n
            while true {
                let k = P256.randomScalar(random)
                let r = P256.multiplyGenerator(k).x % P256.n
                guard !r.isZero, let kInverse = k.inverse(modulus: P256.n) else { continue }
                let s = (kInverse * ((z + (r * d) % P256.n) % P256.n)) % P256.n
                guard !s.isZero else { continue }
                return DER.sequence([DER.integer(r), DER.integer(s)])
            }
        }
    }

    static func randomScalar(_ random: () -> UInt64) -> BigUInt {
        var d = BigUInt()
        while d.isZero || !(d < n) {
            var bytes: [UInt8] = []
            for _ in 0..<32 { bytes.append(UInt8(truncatingIfNeeded: random())) }
            d = BigUInt(bytes: bytes)
        }
        return d
    }

    /// A new key as Go's `x509.MarshalECPrivateKey` encodes it (RFC 5915).
    static func generateKeyDER(random: () -> UInt64) -> [UInt8] { Key(random: random).der }
}
