import GoTemplate
import Values

// Sprig: crypto.go. Checksums are computed natively (Digest.swift). Functions that need key generation,
// X.509 or bcrypt are registered with their Go signatures but fail with a clear error.

extension SprigLibrary {
    /// The error raised by Sprig functions ffgen does not implement.
    static func unsupported(_ name: String) -> FunctionError {
        FunctionError("\(name) is not supported by ffgen")
    }

    static func cryptoFunctions(_ env: SprigEnvironment) -> [GoFunc] {
        var fs: [GoFunc] = [
            GoFunc("sha1sum", [.string]) { a in .string(Digest.hex(Digest.sha1(Bytes.of(a[0])))) },
            GoFunc("sha256sum", [.string]) { a in
                .string(Digest.hex(Digest.sha256(Bytes.of(a[0]))))
            },
            GoFunc("sha512sum", [.string]) { a in
                .string(Digest.hex(Digest.sha512(Bytes.of(a[0]))))
            },
            GoFunc("adler32sum", [.string]) { a in .string(String(Digest.adler32(Bytes.of(a[0])))) },
            GoFunc("bcrypt", [.string]) { a in .string(bcrypt(a[0].stringValue ?? "", env)) },
            // Sprig v3.3 htpasswd(username, password) always hashes with bcrypt.
            GoFunc("htpasswd", [.string, .string]) { a in
                let user = a[0].stringValue ?? ""
                if user.contains(":") { return .string("invalid username: \(user)") }
                return .string(user + ":" + bcrypt(a[1].stringValue ?? "", env))
            },
            GoFunc("randBytes", [.int]) { a in
                let count = Cast.intArgument(a[0])
                guard count >= 0 else { throw FunctionError("runtime error: makeslice: len out of range") }
                var bytes: [UInt8] = []
                for _ in 0..<count { bytes.append(UInt8(truncatingIfNeeded: env.random())) }
                return .string(Base64.encode(bytes))
            },
            GoFunc("uuidv4", []) { _ in .string(uuidV4(env)) },
            GoFunc("encryptAES", [.string, .string]) { a in
                let plaintext = Bytes.of(a[1])
                if plaintext.isEmpty { return .string("") }
                let padding = 16 - plaintext.count % 16
                let content = plaintext + [UInt8](repeating: UInt8(padding), count: padding)
                var iv: [UInt8] = []
                for _ in 0..<16 { iv.append(UInt8(truncatingIfNeeded: env.random())) }
                let cipher = AES(key: aesKey(a[0].stringValue ?? ""))
                return .string(Base64.encode(iv + cipher.encryptCBC(content, iv: iv)))
            },
            GoFunc("decryptAES", [.string, .string]) { a in
                let crypt64 = a[1].stringValue ?? ""
                if crypt64.isEmpty { return .string("") }
                let crypt: [UInt8]
                switch Base64.decode(crypt64) {
                case .success(let bytes): crypt = bytes
                case .failure(let e): throw FunctionError(e.message)
                }
                // Sprig slices and unpads without checks; Go's runtime reports the bad ones.
                guard crypt.count >= 16 else { throw GoPanic.sliceBoundsCapacity(16, crypt.count) }
                let body = Array(crypt[16...])
                guard body.count % 16 == 0 else { throw FunctionError("crypto/cipher: input not full blocks") }
                guard let last = body.last else { throw FunctionError("runtime error: index out of range [-1]") }
                let decrypted = AES(key: aesKey(a[0].stringValue ?? "")).decryptCBC(body, iv: Array(crypt[..<16]))
                let end = decrypted.count - Int(decrypted.last ?? last)
                return .string(Bytes.string(try GoPanic.slice(decrypted, 0, end, what: "capacity")))
            },
        ]
        fs += certificateFunctions(env)
        // Go's parameter is a uint32 counter; the executor hands us an int.
        fs.append(GoFunc("derivePassword", [.int, .string, .string, .string, .string]) { a in
            .string(derivePassword(counter: UInt32(truncatingIfNeeded: Cast.int64(a[0])), type: a[1].stringValue ?? "",
                                   password: a[2].stringValue ?? "", user: a[3].stringValue ?? "",
                                   site: a[4].stringValue ?? ""))
        })
        return fs
    }

    // The Master Password algorithm's site templates and character classes (Sprig: crypto.go).
    private static let passwordTemplates: [String: [String]] = [
        "maximum": ["anoxxxxxxxxxxxxxxxxx", "axxxxxxxxxxxxxxxxxno"],
        "long": [
            "CvcvnoCvcvCvcv", "CvcvCvcvnoCvcv", "CvcvCvcvCvcvno", "CvccnoCvcvCvcv", "CvccCvcvnoCvcv", "CvccCvcvCvcvno",
            "CvcvnoCvccCvcv", "CvcvCvccnoCvcv", "CvcvCvccCvcvno", "CvcvnoCvcvCvcc", "CvcvCvcvnoCvcc", "CvcvCvcvCvccno",
            "CvccnoCvccCvcv", "CvccCvccnoCvcv", "CvccCvccCvcvno", "CvcvnoCvccCvcc", "CvcvCvccnoCvcc", "CvcvCvccCvccno",
            "CvccnoCvcvCvcc", "CvccCvcvnoCvcc", "CvccCvcvCvccno",
        ],
        "medium": ["CvcnoCvc", "CvcCvcno"],
        "short": ["Cvcn"],
        "basic": ["aaanaaan", "aannaaan", "aaannaaa"],
        "pin": ["nnnn"],
    ]
    private static let passwordCharacters: [Character: [UInt8]] = [
        "V": Array("AEIOU".utf8),
        "C": Array("BCDFGHJKLMNPQRSTVWXYZ".utf8),
        "v": Array("aeiou".utf8),
        "c": Array("bcdfghjklmnpqrstvwxyz".utf8),
        "A": Array("AEIOUBCDFGHJKLMNPQRSTVWXYZ".utf8),
        "a": Array("AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz".utf8),
        "n": Array("0123456789".utf8),
        "o": Array("@&%?,=[]_:-+*$#!'^~;()/.".utf8),
        "x": Array("AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz0123456789!@#$%^&*()".utf8),
    ]

    /// Sprig `derivePassword`: the Master Password algorithm (scrypt key, HMAC-SHA256 seed, site template).
    static func derivePassword(counter: UInt32, type: String, password: String, user: String, site: String) -> String {
        guard let templates = passwordTemplates[type] else { return "cannot find password template \(type)" }
        func bigEndian(_ v: UInt32) -> [UInt8] { withUnsafeBytes(of: v.bigEndian, Array.init) }
        let scope = Array("com.lyndir.masterpassword".utf8)
        let salt = scope + bigEndian(UInt32(user.utf8.count)) + Array(user.utf8)
        let key = Scrypt.derive(password: Array(password.utf8), salt: salt, n: 32768, r: 8, p: 2, length: 64)
        let message = scope + bigEndian(UInt32(site.utf8.count)) + Array(site.utf8) + bigEndian(counter)
        let seed = Digest.hmacSHA256(key: key, message)
        let template = templates[Int(seed[0]) % templates.count]
        var out: [UInt8] = []
        for (i, element) in template.enumerated() {
            let chars = passwordCharacters[element] ?? []
            guard !chars.isEmpty, i + 1 < seed.count else { continue }
            out.append(chars[Int(seed[i + 1]) % chars.count])
        }
        return Bytes.string(out)
    }

    /// Sprig `bcrypt`: Go's `bcrypt.GenerateFromPassword` at the default cost (10) with a random salt; errors
    /// come back as text.
    static func bcrypt(_ password: String, _ env: SprigEnvironment) -> String {
        let bytes = Array(password.utf8)
        guard bytes.count <= 72 else {
            return "failed to encrypt string with bcrypt: bcrypt: password length exceeds 72 bytes"
        }
        var salt: [UInt8] = []
        for _ in 0..<16 { salt.append(UInt8(truncatingIfNeeded: env.random())) }
        return Bcrypt.hash(password: bytes, salt: salt, cost: 10)
    }

    /// Sprig's AES key: the password's bytes in a zeroed 32-byte buffer (longer passwords are cut).
    static func aesKey(_ password: String) -> [UInt8] {
        let p = Array(password.utf8.prefix(32))
        return p + [UInt8](repeating: 0, count: 32 - p.count)
    }

    /// A random (version 4, RFC 4122 variant) UUID in Go's `uuid.New().String()` form.
    static func uuidV4(_ env: SprigEnvironment) -> String {
        var bytes: [UInt8] = []
        for _ in 0..<2 {
            let r = env.random()
            for k in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: r >> (8 * UInt64(k)))) }
        }
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let h = Digest.hex(bytes)
        let u = Array(h.utf8)
        return [u[0..<8], u[8..<12], u[12..<16], u[16..<20], u[20..<32]].map { Bytes.string($0) }.joined(separator: "-")
    }
}
