/// AES (FIPS 197) block cipher with CBC mode, for Sprig's `encryptAES`/`decryptAES` (AES-256 keys there).
struct AES {
    /// The S-box and its inverse, derived from the definition: multiplicative inverse in GF(2^8) followed by
    /// the affine transform (FIPS 197 §5.1.1).
    private static let tables: (sbox: [UInt8], inverse: [UInt8]) = {
        var sbox = [UInt8](repeating: 0, count: 256)
        var inverse = [UInt8](repeating: 0, count: 256)
        for x in 0..<256 {
            let b = x == 0 ? 0 : gfInverse(UInt8(x))
            var s = b
            for shift in 1...4 { s ^= (b << UInt8(shift)) | (b >> UInt8(8 - shift)) }
            s ^= 0x63
            sbox[x] = s
            inverse[Int(s)] = UInt8(x)
        }
        return (sbox, inverse)
    }()

    static func gfMultiply(_ a: UInt8, _ b: UInt8) -> UInt8 {
        var a = a
        var b = b
        var p: UInt8 = 0
        while b != 0 {
            if b & 1 != 0 { p ^= a }
            let high = a & 0x80
            a <<= 1
            if high != 0 { a ^= 0x1B }
            b >>= 1
        }
        return p
    }

    private static func gfInverse(_ a: UInt8) -> UInt8 {
        // a^254 = a^-1 in GF(2^8).
        var result: UInt8 = 1
        var base = a
        var e = 254
        while e > 0 {
            if e & 1 != 0 { result = gfMultiply(result, base) }
            base = gfMultiply(base, base)
            e >>= 1
        }
        return result
    }

    private let roundKeys: [[UInt8]]

    /// Expands a 16-, 24- or 32-byte key (FIPS 197 §5.2).
    init(key: [UInt8]) {
        let sbox = AES.tables.sbox
        let nk = key.count / 4
        let rounds = nk + 6
        var w: [[UInt8]] = (0..<nk).map { Array(key[(4 * $0)..<(4 * $0 + 4)]) }
        var rcon: UInt8 = 1
        for i in nk..<(4 * (rounds + 1)) {
            var t = w[i - 1]
            if i % nk == 0 {
                t = [sbox[Int(t[1])] ^ rcon, sbox[Int(t[2])], sbox[Int(t[3])], sbox[Int(t[0])]]
                rcon = AES.gfMultiply(rcon, 2)
            } else if nk > 6 && i % nk == 4 {
                t = t.map { sbox[Int($0)] }
            }
            w.append(zip(w[i - nk], t).map { $0 ^ $1 })
        }
        roundKeys = (0...rounds).map { r in (0..<4).flatMap { w[4 * r + $0] } }
    }

    private func addRoundKey(_ s: inout [UInt8], _ r: Int) {
        for i in 0..<16 { s[i] ^= roundKeys[r][i] }
    }

    // State bytes are column-major: s[4 * column + row].
    private static func shiftRows(_ s: [UInt8], inverse: Bool) -> [UInt8] {
        var out = s
        for c in 0..<4 {
            for r in 0..<4 {
                let from = inverse ? (c - r + 4) % 4 : (c + r) % 4
                out[4 * c + r] = s[4 * from + r]
            }
        }
        return out
    }

    private static func mixColumns(_ s: inout [UInt8], _ m: [UInt8]) {
        for c in 0..<4 {
            let col = Array(s[(4 * c)..<(4 * c + 4)])
            for r in 0..<4 {
                var v: UInt8 = 0
                for k in 0..<4 { v ^= gfMultiply(m[(k - r + 4) % 4], col[k]) }
                s[4 * c + r] = v
            }
        }
    }

    func encryptBlock(_ block: [UInt8]) -> [UInt8] {
        let sbox = AES.tables.sbox
        let rounds = roundKeys.count - 1
        var s = block
        addRoundKey(&s, 0)
        for r in 1...rounds {
            s = AES.shiftRows(s.map { sbox[Int($0)] }, inverse: false)
            if r != rounds { AES.mixColumns(&s, [2, 3, 1, 1]) }
            addRoundKey(&s, r)
        }
        return s
    }

    func decryptBlock(_ block: [UInt8]) -> [UInt8] {
        let inverse = AES.tables.inverse
        let rounds = roundKeys.count - 1
        var s = block
        addRoundKey(&s, rounds)
        for r in stride(from: rounds - 1, through: 0, by: -1) {
            s = AES.shiftRows(s, inverse: true).map { inverse[Int($0)] }
            addRoundKey(&s, r)
            if r != 0 { AES.mixColumns(&s, [14, 11, 13, 9]) }
        }
        return s
    }

    /// CBC encryption of whole blocks.
    func encryptCBC(_ data: [UInt8], iv: [UInt8]) -> [UInt8] {
        var previous = iv
        var out: [UInt8] = []
        for start in stride(from: 0, to: data.count, by: 16) {
            let block = zip(data[start..<(start + 16)], previous).map { $0 ^ $1 }
            previous = encryptBlock(block)
            out += previous
        }
        return out
    }

    /// CBC decryption of whole blocks.
    func decryptCBC(_ data: [UInt8], iv: [UInt8]) -> [UInt8] {
        var previous = iv
        var out: [UInt8] = []
        for start in stride(from: 0, to: data.count, by: 16) {
            let block = Array(data[start..<(start + 16)])
            out += zip(decryptBlock(block), previous).map { $0 ^ $1 }
            previous = block
        }
        return out
    }
}
