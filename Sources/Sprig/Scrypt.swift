/// scrypt (RFC 7914) and PBKDF2-HMAC-SHA256 (RFC 8018), for Sprig's `derivePassword`.
enum Scrypt {
    /// PBKDF2 with HMAC-SHA256 producing `length` bytes.
    static func pbkdf2SHA256(password: [UInt8], salt: [UInt8], iterations: Int, length: Int) -> [UInt8] {
        var out: [UInt8] = []
        var block: UInt32 = 1
        while out.count < length {
            var u = Digest.hmacSHA256(key: password, salt + withUnsafeBytes(of: block.bigEndian, Array.init))
            var t = u
            if iterations > 1 {
                for _ in 1..<iterations {
                    u = Digest.hmacSHA256(key: password, u)
                    for k in 0..<t.count { t[k] ^= u[k] }
                }
            }
            out += t
            block += 1
        }
        return Array(out.prefix(length))
    }

    @inline(__always) private static func rotl(_ x: UInt32, _ n: UInt32) -> UInt32 { (x << n) | (x >> (32 - n)) }

    /// Salsa20/8 core applied in place to `b[offset..<offset+16]` (RFC 7914 §3); locals keep it allocation-free.
    @inline(__always)
    private static func salsa8(_ b: UnsafeMutableBufferPointer<UInt32>, _ offset: Int) {
        var (x0, x1, x2, x3) = (b[offset], b[offset + 1], b[offset + 2], b[offset + 3])
        var (x4, x5, x6, x7) = (b[offset + 4], b[offset + 5], b[offset + 6], b[offset + 7])
        var (x8, x9, x10, x11) = (b[offset + 8], b[offset + 9], b[offset + 10], b[offset + 11])
        var (x12, x13, x14, x15) = (b[offset + 12], b[offset + 13], b[offset + 14], b[offset + 15])
        for _ in 0..<4 {
            x4 ^= rotl(x0 &+ x12, 7); x8 ^= rotl(x4 &+ x0, 9); x12 ^= rotl(x8 &+ x4, 13); x0 ^= rotl(x12 &+ x8, 18)
            x9 ^= rotl(x5 &+ x1, 7); x13 ^= rotl(x9 &+ x5, 9); x1 ^= rotl(x13 &+ x9, 13); x5 ^= rotl(x1 &+ x13, 18)
            x14 ^= rotl(x10 &+ x6, 7); x2 ^= rotl(x14 &+ x10, 9); x6 ^= rotl(x2 &+ x14, 13); x10 ^= rotl(x6 &+ x2, 18)
            x3 ^= rotl(x15 &+ x11, 7); x7 ^= rotl(x3 &+ x15, 9); x11 ^= rotl(x7 &+ x3, 13); x15 ^= rotl(x11 &+ x7, 18)
            x1 ^= rotl(x0 &+ x3, 7); x2 ^= rotl(x1 &+ x0, 9); x3 ^= rotl(x2 &+ x1, 13); x0 ^= rotl(x3 &+ x2, 18)
            x6 ^= rotl(x5 &+ x4, 7); x7 ^= rotl(x6 &+ x5, 9); x4 ^= rotl(x7 &+ x6, 13); x5 ^= rotl(x4 &+ x7, 18)
            x11 ^= rotl(x10 &+ x9, 7); x8 ^= rotl(x11 &+ x10, 9); x9 ^= rotl(x8 &+ x11, 13); x10 ^= rotl(x9 &+ x8, 18)
            x12 ^= rotl(x15 &+ x14, 7); x13 ^= rotl(x12 &+ x15, 9); x14 ^= rotl(x13 &+ x12, 13); x15 ^= rotl(x14 &+ x13, 18)
        }
        b[offset] &+= x0; b[offset + 1] &+= x1; b[offset + 2] &+= x2; b[offset + 3] &+= x3
        b[offset + 4] &+= x4; b[offset + 5] &+= x5; b[offset + 6] &+= x6; b[offset + 7] &+= x7
        b[offset + 8] &+= x8; b[offset + 9] &+= x9; b[offset + 10] &+= x10; b[offset + 11] &+= x11
        b[offset + 12] &+= x12; b[offset + 13] &+= x13; b[offset + 14] &+= x14; b[offset + 15] &+= x15
    }

    /// BlockMix (RFC 7914 §4) of the 32·r words in `b`, using `y` (32·r + 16 words) as scratch; the result
    /// replaces `b`.
    private static func blockMix(_ b: UnsafeMutableBufferPointer<UInt32>, _ y: UnsafeMutableBufferPointer<UInt32>,
                                 r: Int) {
        let x = 32 * r  // The running 16-word block lives after the output area of y.
        for k in 0..<16 { y[x + k] = b[(2 * r - 1) * 16 + k] }
        for i in 0..<(2 * r) {
            for k in 0..<16 { y[x + k] ^= b[i * 16 + k] }
            salsa8(y, x)
            // Even blocks go to the first half, odd blocks to the second.
            let dest = (i % 2 == 0 ? i / 2 : r + i / 2) * 16
            for k in 0..<16 { y[dest + k] = y[x + k] }
        }
        for k in 0..<(32 * r) { b[k] = y[k] }
    }

    /// scrypt(P, S, N, r, p, dkLen).
    static func derive(password: [UInt8], salt: [UInt8], n: Int, r: Int, p: Int, length: Int) -> [UInt8] {
        var b = pbkdf2SHA256(password: password, salt: salt, iterations: 1, length: p * 128 * r)
        let words = 32 * r
        var v = [UInt32](repeating: 0, count: words * n)
        var x = [UInt32](repeating: 0, count: words)
        var y = [UInt32](repeating: 0, count: words + 16)
        for chunk in 0..<p {
            let base = chunk * 128 * r
            for k in 0..<words {
                let o = base + 4 * k
                x[k] = UInt32(b[o]) | UInt32(b[o + 1]) << 8 | UInt32(b[o + 2]) << 16 | UInt32(b[o + 3]) << 24
            }
            v.withUnsafeMutableBufferPointer { vb in
                x.withUnsafeMutableBufferPointer { xb in
                    y.withUnsafeMutableBufferPointer { yb in
                        for i in 0..<n {
                            for k in 0..<words { vb[i * words + k] = xb[k] }
                            blockMix(xb, yb, r: r)
                        }
                        for _ in 0..<n {
                            // Integerify: the first word of the last 64-byte block, modulo N.
                            let j = Int(xb[(2 * r - 1) * 16]) & (n - 1)
                            for k in 0..<words { xb[k] ^= vb[j * words + k] }
                            blockMix(xb, yb, r: r)
                        }
                    }
                }
            }
            for k in 0..<words {
                let o = base + 4 * k
                b[o] = UInt8(truncatingIfNeeded: x[k])
                b[o + 1] = UInt8(truncatingIfNeeded: x[k] >> 8)
                b[o + 2] = UInt8(truncatingIfNeeded: x[k] >> 16)
                b[o + 3] = UInt8(truncatingIfNeeded: x[k] >> 24)
            }
        }
        return pbkdf2SHA256(password: password, salt: b, iterations: 1, length: length)
    }
}
