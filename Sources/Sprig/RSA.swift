/// RSA key generation and PKCS #1 v1.5 SHA-256 signatures (RFC 8017), for Sprig's certificate functions.
struct RSAKey {
    let n: BigUInt
    let e: BigUInt
    let d: BigUInt
    let p: BigUInt
    let q: BigUInt

    private static let smallPrimes: [UInt32] = {
        var primes: [UInt32] = []
        var k: UInt32 = 3
        while primes.count < 300 {
            if primes.allSatisfy({ k % $0 != 0 }) { primes.append(k) }
            k += 2
        }
        return primes
    }()

    /// A random `bits`-bit prime with its top two bits set (so a product of two has full length).
    static func randomPrime(bits: Int, random: () -> UInt64) -> BigUInt {
        while true {
            var bytes: [UInt8] = []
            for _ in 0..<((bits + 7) / 8) { bytes.append(UInt8(truncatingIfNeeded: random())) }
            let excess = bytes.count * 8 - bits
            bytes[0] &= UInt8(0xFF >> excess)
            bytes[0] |= UInt8(0xC0 >> excess)
            if excess > 6 { bytes[1] |= 0x80 }
            bytes[bytes.count - 1] |= 1
            var candidate = BigUInt(bytes: bytes)
            // Step through odd numbers until one survives trial division and Miller–Rabin.
            for _ in 0..<2000 {
                if smallPrimes.allSatisfy({ candidate.divMod(small: $0).1 != 0 }),
                   isProbablePrime(candidate, rounds: 20, random: random) {
                    return candidate
                }
                candidate = candidate + BigUInt(2)
            }
        }
    }

    /// Miller–Rabin with random bases.
    static func isProbablePrime(_ n: BigUInt, rounds: Int, random: () -> UInt64) -> Bool {
        let one = BigUInt(1)
        let nMinusOne = n - one
        var d = nMinusOne
        var s = 0
        while !d.isOdd {
            d = d.divMod(small: 2).0
            s += 1
        }
        let mont = Montgomery(n)
        let oneM = mont.one
        let minusOneM = mont.enter(nMinusOne)
        outer: for _ in 0..<rounds {
            var baseBytes: [UInt8] = []
            for _ in 0..<(n.bitWidth / 8) { baseBytes.append(UInt8(truncatingIfNeeded: random())) }
            let a = BigUInt(bytes: baseBytes) % (n - BigUInt(3)) + BigUInt(2)
            var x = mont.power(mont.enter(a), d)
            if x == oneM || x == minusOneM { continue }
            for _ in 1..<max(s, 1) {
                x = mont.multiply(x, x)
                if x == minusOneM { continue outer }
                if x == oneM { return false }
            }
            return false
        }
        return true
    }

    /// A new key with modulus of `bits` bits and e = 65537.
    static func generate(bits: Int, random: () -> UInt64) -> RSAKey {
        let e = BigUInt(65537)
        while true {
            let p = randomPrime(bits: bits - bits / 2, random: random)
            let q = randomPrime(bits: bits / 2, random: random)
            if p == q { continue }
            let n = p * q
            guard n.bitWidth == bits else { continue }
            let phi = (p - BigUInt(1)) * (q - BigUInt(1))
            guard let d = e.inverse(modulus: phi) else { continue }
            return RSAKey(n: n, e: e, d: d, p: p, q: q)
        }
    }

    /// PKCS #1 `RSAPrivateKey` DER.
    var pkcs1: [UInt8] {
        let one = BigUInt(1)
        let dp = d % (p - one)
        let dq = d % (q - one)
        let qInv = q.inverse(modulus: p) ?? BigUInt()
        return DER.sequence([
            DER.integer(BigUInt()), DER.integer(n), DER.integer(e), DER.integer(d), DER.integer(p), DER.integer(q),
            DER.integer(dp), DER.integer(dq), DER.integer(qInv),
        ])
    }

    /// PKCS #1 `RSAPublicKey` DER.
    var publicKeyDER: [UInt8] { DER.sequence([DER.integer(n), DER.integer(e)]) }

    /// Reads a PKCS #1 `RSAPrivateKey`.
    init?(pkcs1 der: [UInt8]) {
        guard let seq = DER.read(der), seq.tag == 0x30, let items = DER.children(seq.content), items.count >= 6,
              items.allSatisfy({ $0.tag == 0x02 })
        else { return nil }
        n = BigUInt(bytes: items[1].content)
        e = BigUInt(bytes: items[2].content)
        d = BigUInt(bytes: items[3].content)
        p = BigUInt(bytes: items[4].content)
        q = BigUInt(bytes: items[5].content)
    }

    private init(n: BigUInt, e: BigUInt, d: BigUInt, p: BigUInt, q: BigUInt) {
        self.n = n
        self.e = e
        self.d = d
        self.p = p
        self.q = q
    }

    /// RSASSA-PKCS1-v1_5 with SHA-256.
    func signSHA256(_ message: [UInt8]) -> [UInt8] {
        // DigestInfo prefix for SHA-256 (RFC 8017 §9.2 note 1).
        let prefix: [UInt8] = [
            0x30, 0x31, 0x30, 0x0D, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00,
            0x04, 0x20,
        ]
        let t = prefix + Digest.sha256(message)
        let k = (n.bitWidth + 7) / 8
        let em = [0x00, 0x01] + [UInt8](repeating: 0xFF, count: k - t.count - 3) + [0x00] + t
        return BigUInt(bytes: em).power(d, modulus: n).bytes(length: k)
    }
}
