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
            GoFunc("sha1sum", [.string]) { a in .string(Digest.hex(Digest.sha1(Array((a[0].stringValue ?? "").utf8)))) },
            GoFunc("sha256sum", [.string]) { a in
                .string(Digest.hex(Digest.sha256(Array((a[0].stringValue ?? "").utf8))))
            },
            GoFunc("sha512sum", [.string]) { a in
                .string(Digest.hex(Digest.sha512(Array((a[0].stringValue ?? "").utf8))))
            },
            GoFunc("adler32sum", [.string]) { a in .string(String(Digest.adler32(Array((a[0].stringValue ?? "").utf8)))) },
            // Sprig v3.3 htpasswd(username, password) always hashes with bcrypt.
            GoFunc("htpasswd", [.string, .string]) { a in
                let user = a[0].stringValue ?? ""
                if user.contains(":") { return .string("invalid username: \(user)") }
                throw unsupported("htpasswd")
            },
            GoFunc("randBytes", [.int]) { a in
                let count = Cast.intArgument(a[0])
                guard count >= 0 else { throw FunctionError("runtime error: makeslice: len out of range") }
                var bytes: [UInt8] = []
                for _ in 0..<count { bytes.append(UInt8(truncatingIfNeeded: env.random())) }
                return .string(Base64.encode(bytes))
            },
            GoFunc("uuidv4", []) { _ in .string(uuidV4(env)) },
        ]
        let unsupportedSignatures: [(String, [GoType])] = [
            ("bcrypt", [.string]),
            ("genPrivateKey", [.string]),
            ("buildCustomCert", [.string, .string]),
            ("genCA", [.string, .int]),
            ("genCAWithKey", [.string, .int, .string]),
            ("genSelfSignedCert", [.string, .list, .list, .int]),
            ("genSelfSignedCertWithKey", [.string, .list, .list, .int, .string]),
            ("genSignedCert", [.string, .list, .list, .int, .interface]),
            ("genSignedCertWithKey", [.string, .list, .list, .int, .interface, .string]),
            ("encryptAES", [.string, .string]),
            ("decryptAES", [.string, .string]),
        ]
        for (name, parameters) in unsupportedSignatures {
            fs.append(GoFunc(name, parameters) { _ in throw unsupported(name) })
        }
        fs.append(GoFunc("derivePassword", [.int, .string, .string, .string, .string]) { _ in
            throw unsupported("derivePassword")
        })
        return fs
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
