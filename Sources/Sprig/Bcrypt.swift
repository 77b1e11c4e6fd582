/// bcrypt (Provos–Mazières, as Go's `golang.org/x/crypto/bcrypt` writes it: `$2a$`), over Blowfish.
enum Bcrypt {
    /// The first 1042 32-bit words of π's fractional part: Blowfish's P-array (18 words) and S-boxes (4 × 256),
    /// computed once with Machin's formula π = 16·atan(1/5) − 4·atan(1/239) in fixed point.
    static let piWords: [UInt32] = {
        let words = 1042 + 4  // guard words absorb the truncation error of the series
        // Big fixed-point numbers: index 0 is the integer word, then fraction words, most significant first.
        func divide(_ a: inout [UInt32], by d: UInt32) {
            var remainder: UInt64 = 0
            for i in 0..<a.count {
                let cur = remainder << 32 | UInt64(a[i])
                a[i] = UInt32(cur / UInt64(d))
                remainder = cur % UInt64(d)
            }
        }
        func add(_ a: inout [UInt32], _ b: [UInt32]) {
            var carry: UInt64 = 0
            for i in stride(from: a.count - 1, through: 0, by: -1) {
                let s = UInt64(a[i]) + UInt64(b[i]) + carry
                a[i] = UInt32(truncatingIfNeeded: s)
                carry = s >> 32
            }
        }
        func subtract(_ a: inout [UInt32], _ b: [UInt32]) {
            var borrow: Int64 = 0
            for i in stride(from: a.count - 1, through: 0, by: -1) {
                var s = Int64(a[i]) - Int64(b[i]) - borrow
                borrow = 0
                if s < 0 { s += 1 << 32; borrow = 1 }
                a[i] = UInt32(s)
            }
        }
        /// multiplier · atan(1/x).
        func arctan(_ x: UInt32, _ multiplier: UInt32) -> [UInt32] {
            var power = [UInt32](repeating: 0, count: words + 1)
            power[0] = multiplier
            divide(&power, by: x)
            var sum = power
            var k: UInt32 = 1
            let x2 = x * x
            while power.contains(where: { $0 != 0 }) {
                divide(&power, by: x2)
                var term = power
                divide(&term, by: 2 * k + 1)
                if k % 2 == 1 { subtract(&sum, term) } else { add(&sum, term) }
                k += 1
            }
            return sum
        }
        var pi = arctan(5, 16)
        subtract(&pi, arctan(239, 4))
        return Array(pi[1...1042])
    }()

    struct Blowfish {
        var p: [UInt32]
        var s: [UInt32]  // 4 × 256, flattened

        init() {
            let pi = Bcrypt.piWords
            p = Array(pi[0..<18])
            s = Array(pi[18..<1042])
        }

        @inline(__always) private func f(_ x: UInt32) -> UInt32 {
            let a = s[Int(x >> 24)]
            let b = s[256 + Int((x >> 16) & 0xFF)]
            let c = s[512 + Int((x >> 8) & 0xFF)]
            let d = s[768 + Int(x & 0xFF)]
            return ((a &+ b) ^ c) &+ d
        }

        func encrypt(_ l0: UInt32, _ r0: UInt32) -> (UInt32, UInt32) {
            var l = l0
            var r = r0
            for i in stride(from: 0, to: 16, by: 2) {
                l ^= p[i]
                r ^= f(l)
                r ^= p[i + 1]
                l ^= f(r)
            }
            return (r ^ p[17], l ^ p[16])
        }

        /// Big-endian words read cyclically from `data`.
        private static func word(_ data: [UInt8], _ j: inout Int) -> UInt32 {
            var w: UInt32 = 0
            for _ in 0..<4 {
                w = w << 8 | UInt32(data[j])
                j = (j + 1) % data.count
            }
            return w
        }

        /// The (salted) key schedule: Blowfish's ExpandKey, with `salt` mixed into each block when non-empty.
        mutating func expand(key: [UInt8], salt: [UInt8]) {
            var j = 0
            for i in 0..<18 { p[i] ^= Blowfish.word(key, &j) }
            var l: UInt32 = 0
            var r: UInt32 = 0
            var k = 0
            func next(_ i: Int, _ store: (inout Blowfish, UInt32, UInt32) -> Void) {
                if !salt.isEmpty {
                    l ^= Blowfish.word(salt, &k)
                    r ^= Blowfish.word(salt, &k)
                }
                (l, r) = encrypt(l, r)
                store(&self, l, r)
            }
            for i in stride(from: 0, to: 18, by: 2) {
                next(i) { bf, l, r in bf.p[i] = l; bf.p[i + 1] = r }
            }
            for i in stride(from: 0, to: 1024, by: 2) {
                next(i) { bf, l, r in bf.s[i] = l; bf.s[i + 1] = r }
            }
        }
    }

    static let alphabet = Array("./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".utf8)

    /// bcrypt's unpadded base64 with its own alphabet.
    static func encode(_ data: [UInt8]) -> String {
        var out: [UInt8] = []
        var i = 0
        while i < data.count {
            let b0 = Int(data[i])
            let b1 = i + 1 < data.count ? Int(data[i + 1]) : 0
            let b2 = i + 2 < data.count ? Int(data[i + 2]) : 0
            out.append(alphabet[b0 >> 2])
            out.append(alphabet[(b0 & 3) << 4 | b1 >> 4])
            if i + 1 < data.count { out.append(alphabet[(b1 & 15) << 2 | b2 >> 6]) }
            if i + 2 < data.count { out.append(alphabet[b2 & 63]) }
            i += 3
        }
        return Bytes.string(out)
    }

    /// `$2a$<cost>$<salt><hash>` for `password` (at most 72 bytes) with a 16-byte `salt`.
    static func hash(password: [UInt8], salt: [UInt8], cost: Int) -> String {
        let key = password + [0]
        var bf = Blowfish()
        bf.expand(key: key, salt: salt)
        for _ in 0..<(1 << cost) {
            bf.expand(key: key, salt: [])
            bf.expand(key: salt, salt: [])
        }
        var text = Array("OrpheanBeholderScryDoubt".utf8)
        for block in stride(from: 0, to: 24, by: 8) {
            var l = UInt32(text[block]) << 24 | UInt32(text[block + 1]) << 16 | UInt32(text[block + 2]) << 8
                | UInt32(text[block + 3])
            var r = UInt32(text[block + 4]) << 24 | UInt32(text[block + 5]) << 16 | UInt32(text[block + 6]) << 8
                | UInt32(text[block + 7])
            for _ in 0..<64 { (l, r) = bf.encrypt(l, r) }
            for k in 0..<4 {
                text[block + k] = UInt8(truncatingIfNeeded: l >> (24 - 8 * UInt32(k)))
                text[block + 4 + k] = UInt8(truncatingIfNeeded: r >> (24 - 8 * UInt32(k)))
            }
        }
        let costText = cost < 10 ? "0\(cost)" : "\(cost)"
        return "$2a$\(costText)$" + encode(salt) + encode(Array(text[0..<23]))
    }
}
