import GoTemplate
import Values

// Sprig: crypto.go certificate functions over Go's crypto/x509, with RSA keys (Sprig's genCA and the
// generated leaf keys are RSA-2048). Keys given as PEM may be PKCS #1 or PKCS #8 RSA keys; EC, Ed25519 and
// DSA keys are reported as unsupported.

/// A certificate key: RSA (what Sprig generates) or P-256 ECDSA (accepted from PEM).
enum CertificateKey {
    case rsa(RSAKey)
    case ec(P256.Key)

    /// The public key as a `SubjectPublicKeyInfo`'s BIT STRING content.
    var publicKeyBytes: [UInt8] {
        switch self {
        case .rsa(let k): return k.publicKeyDER
        case .ec(let k): return k.publicPoint
        }
    }

    var subjectPublicKeyInfo: [UInt8] {
        switch self {
        case .rsa: return DER.sequence([X509.rsaEncryption, DER.bitString(publicKeyBytes)])
        case .ec:
            let algorithm = DER.sequence([DER.oid([1, 2, 840, 10045, 2, 1]), P256.curveOID])
            return DER.sequence([algorithm, DER.bitString(publicKeyBytes)])
        }
    }

    /// The signature algorithm Go picks for this key (SHA-256 with RSA, or ECDSA with SHA-256).
    var signatureAlgorithm: [UInt8] {
        switch self {
        case .rsa: return X509.sha256WithRSA
        case .ec: return DER.sequence([DER.oid([1, 2, 840, 10045, 4, 3, 2])])
        }
    }

    func sign(_ message: [UInt8], random: () -> UInt64) -> [UInt8] {
        switch self {
        case .rsa(let k): return k.signSHA256(message)
        case .ec(let k): return k.signSHA256(message, random: random)
        }
    }

    /// Sprig `pemBlockForKey`.
    var pem: String {
        switch self {
        case .rsa(let k): return PEM.encode(type: "RSA PRIVATE KEY", k.pkcs1)
        case .ec(let k): return PEM.encode(type: "EC PRIVATE KEY", k.der)
        }
    }
}

/// Sprig's `certificate` struct: PEM `Cert` and `Key`.
final class SprigCertificate: TemplateObject, @unchecked Sendable {
    let cert: String
    let key: String

    init(cert: String, key: String) {
        self.cert = cert
        self.key = key
    }

    var goTypeName: String { "sprig.certificate" }
    var goString: String { "{\(cert) \(key)}" }
    var serialized: Value { .map(ValueMap([("Cert", .string(cert)), ("Key", .string(key))])) }

    func field(_ name: String) -> Value? {
        switch name {
        case "Cert": return .string(cert)
        case "Key": return .string(key)
        default: return nil
        }
    }
}

extension SprigLibrary {
    static func certificateFunctions(_ env: SprigEnvironment) -> [GoFunc] {
        let random: @Sendable () -> UInt64 = env.random
        @Sendable func newKey() -> CertificateKey { .rsa(RSAKey.generate(bits: 2048, random: random)) }
        @Sendable func keyArgument(_ v: Value) throws -> CertificateKey {
            do { return try X509.parsePrivateKeyPEM(v.stringValue ?? "") } catch let e as FunctionError {
                throw FunctionError("parsing private key: \(e.message)")
            }
        }
        @Sendable func caArgument(_ v: Value) throws -> SprigCertificate {
            guard case .object(let o) = v, let ca = o as? SprigCertificate else {
                throw FunctionError("wrong type for value; expected sprig.certificate; got \(v.goTypeName)")
            }
            return ca
        }
        // Keys are made after the arguments are checked (Go generates first; only the random stream differs).
        @Sendable func ca(_ a: [Value], key makeKey: () throws -> CertificateKey) throws -> Value {
            let template = try X509.Template(env, cn: a[0].stringValue ?? "", ips: .null, dns: .null,
                                             days: Cast.intArgument(a[1]), isCA: true)
            let key = try makeKey()
            return .object(try X509.certificate(template, key: key, parent: nil, signer: key, random: random))
        }
        @Sendable func selfSigned(_ a: [Value], key makeKey: () throws -> CertificateKey) throws -> Value {
            let template = try X509.Template(env, cn: a[0].stringValue ?? "", ips: a[1], dns: a[2],
                                             days: Cast.intArgument(a[3]), isCA: false)
            try X509.checkNames(template)
            let key = try makeKey()
            return .object(try X509.certificate(template, key: key, parent: nil, signer: key, random: random))
        }
        @Sendable func signed(_ a: [Value], key makeKey: () throws -> CertificateKey) throws -> Value {
            let authority = try caArgument(a[4])
            guard let block = PEM.decode(authority.cert) else { throw FunctionError("unable to decode certificate") }
            guard let parent = X509.ParsedCertificate(block.bytes) else {
                throw FunctionError("error parsing certificate: decodedSignerCert.Bytes: x509: malformed certificate")
            }
            let signer: CertificateKey
            do { signer = try X509.parsePrivateKeyPEM(authority.key) } catch let e as FunctionError {
                throw FunctionError("error parsing private key: \(e.message)")
            }
            let template = try X509.Template(env, cn: a[0].stringValue ?? "", ips: a[1], dns: a[2],
                                             days: Cast.intArgument(a[3]), isCA: false)
            try X509.checkNames(template)
            return .object(try X509.certificate(template, key: try makeKey(), parent: parent, signer: signer, random: random))
        }
        return [
            GoFunc("genPrivateKey", [.string]) { a in
                switch a[0].stringValue ?? "" {
                case "", "rsa": return .string(PEM.encode(type: "RSA PRIVATE KEY", RSAKey.generate(bits: 4096, random: random).pkcs1))
                case "ecdsa": return .string(PEM.encode(type: "EC PRIVATE KEY", P256.generateKeyDER(random: random)))
                case "ed25519":
                    // Go's PKCS #8 form of an Ed25519 key holds only the 32-byte seed.
                    var seed: [UInt8] = []
                    for _ in 0..<32 { seed.append(UInt8(truncatingIfNeeded: random())) }
                    let der = DER.sequence([
                        DER.integer(0), DER.sequence([DER.oid([1, 3, 101, 112])]), DER.octetString(DER.octetString(seed)),
                    ])
                    return .string(PEM.encode(type: "PRIVATE KEY", der))
                case "dsa": throw unsupported("genPrivateKey \"dsa\"")
                case let other: return .string("Unknown type " + other)
                }
            },
            GoFunc("buildCustomCert", [.string, .string]) { a in
                guard case .success(let cert) = Base64.decode(a[0].stringValue ?? "") else {
                    throw FunctionError("unable to decode base64 certificate")
                }
                guard case .success(let key) = Base64.decode(a[1].stringValue ?? "") else {
                    throw FunctionError("unable to decode base64 private key")
                }
                guard let block = PEM.decode(Bytes.string(cert)) else { throw FunctionError("unable to decode certificate") }
                guard X509.ParsedCertificate(block.bytes) != nil else {
                    throw FunctionError("error parsing certificate: decodedCert.Bytes: x509: malformed certificate")
                }
                do { _ = try X509.parsePrivateKeyPEM(Bytes.string(key)) } catch let e as FunctionError {
                    throw FunctionError("error parsing private key: \(e.message)")
                }
                return .object(SprigCertificate(cert: Bytes.string(cert), key: Bytes.string(key)))
            },
            GoFunc("genCA", [.string, .int]) { a in try ca(a, key: newKey) },
            GoFunc("genCAWithKey", [.string, .int, .string]) { a in
                let key = try keyArgument(a[2])
                return try ca(a) { key }
            },
            GoFunc("genSelfSignedCert", [.string, .list, .list, .int]) { a in try selfSigned(a, key: newKey) },
            GoFunc("genSelfSignedCertWithKey", [.string, .list, .list, .int, .string]) { a in
                let key = try keyArgument(a[4])
                return try selfSigned(a) { key }
            },
            GoFunc("genSignedCert", [.string, .list, .list, .int, .interface]) { a in try signed(a, key: newKey) },
            GoFunc("genSignedCertWithKey", [.string, .list, .list, .int, .interface, .string]) { a in
                let key = try keyArgument(a[5])
                return try signed(a) { key }
            },
        ]
    }
}

/// The parts of Go's crypto/x509 certificate creation that Sprig uses.
enum X509 {
    static let sha256WithRSA = DER.sequence([DER.oid([1, 2, 840, 113549, 1, 1, 11]), DER.null])
    static let rsaEncryption = DER.sequence([DER.oid([1, 2, 840, 113549, 1, 1, 1]), DER.null])

    /// Sprig `getBaseCertTemplate` plus the CA changes.
    struct Template {
        let serial: BigUInt
        let commonName: String
        let ips: [[UInt8]]
        let dnsNames: [String]
        let notBefore: GoTime
        let notAfter: GoTime
        let isCA: Bool

        init(_ env: SprigEnvironment, cn: String, ips: Value, dns: Value, days: Int, isCA: Bool) throws {
            var parsedIPs: [[UInt8]] = []
            for ip in ips.listValue ?? [] {
                guard case .string(let s) = ip else {
                    throw FunctionError("error parsing ip: \(GoFormat.describe(ip)) is not a string")
                }
                guard let bytes = IPAddress.parse(s) else { throw FunctionError("error parsing ip: \(s)") }
                parsedIPs.append(bytes)
            }
            var names: [String] = []
            for name in dns.listValue ?? [] {
                guard case .string(let s) = name else {
                    throw FunctionError("error processing alternate dns name: \(GoFormat.describe(name)) is not a string")
                }
                names.append(s)
            }
            var serialBytes: [UInt8] = []
            for _ in 0..<16 { serialBytes.append(UInt8(truncatingIfNeeded: env.random())) }
            serial = BigUInt(bytes: serialBytes)
            commonName = cn
            self.ips = parsedIPs
            dnsNames = names
            let now = GoTime(date: env.now(), zone: .utc)
            notBefore = GoTime(seconds: now.seconds, nanoseconds: 0, zone: .utc)
            notAfter = notBefore.adding(nanoseconds: Int64(days) &* 86_400 &* 1_000_000_000)
            self.isCA = isCA
        }
    }

    /// A certificate read back far enough to sign with it: its subject and subject key identifier.
    struct ParsedCertificate {
        let subject: [UInt8]
        let subjectKeyId: [UInt8]?

        init?(_ der: [UInt8]) {
            guard let cert = DER.read(der), cert.tag == 0x30, let parts = DER.children(cert.content), parts.count == 3,
                  let tbs = DER.children(parts[0].content)
            else { return nil }
            let fields = tbs.first?.tag == 0xA0 ? Array(tbs.dropFirst()) : tbs
            guard fields.count >= 6, fields[4].tag == 0x30 else { return nil }
            subject = fields[4].raw
            var ski: [UInt8]? = nil
            if let ext = fields.first(where: { $0.tag == 0xA3 }), let seq = DER.children(ext.content).flatMap({ $0.first }),
               let list = DER.children(seq.content) {
                for e in list {
                    guard let items = DER.children(e.content), let id = items.first,
                          id.raw == DER.oid([2, 5, 29, 14]), let value = items.last,
                          let inner = DER.read(value.content), inner.tag == 0x04
                    else { continue }
                    ski = inner.content
                }
            }
            subjectKeyId = ski
        }
    }

    /// Go's `pkix.Name{CommonName: cn}` as DER: PrintableString when possible, else UTF8String.
    static func name(_ cn: String) -> [UInt8] {
        if cn.isEmpty { return DER.sequence([]) }
        let printable = cn.unicodeScalars.allSatisfy {
            ($0 >= "a" && $0 <= "z") || ($0 >= "A" && $0 <= "Z") || ($0 >= "0" && $0 <= "9")
                || " '()+,-./:=?*&".unicodeScalars.contains($0)
        }
        let value = DER.tlv(printable ? 0x13 : 0x0C, Array(cn.utf8))
        return DER.sequence([DER.set([DER.sequence([DER.oid([2, 5, 4, 3]), value])])])
    }

    /// UTCTime before 2050, GeneralizedTime after (RFC 5280 §4.1.2.5).
    static func time(_ t: GoTime) -> [UInt8] {
        let year = t.civil.year
        if year >= 1950 && year < 2050 { return DER.tlv(0x17, Array(t.format("060102150405Z").utf8)) }
        return DER.tlv(0x18, Array(t.format("20060102150405Z").utf8))
    }

    static func extensionDER(_ oid: [UInt64], critical: Bool, _ value: [UInt8]) -> [UInt8] {
        DER.sequence([DER.oid(oid)] + (critical ? [DER.boolean(true)] : []) + [DER.octetString(value)])
    }

    /// Go rejects DNS names that are not IA5 (ASCII) strings when it builds the SAN extension.
    static func checkNames(_ t: Template) throws {
        for name in t.dnsNames where !name.unicodeScalars.allSatisfy(\.isASCII) {
            throw FunctionError("error creating certificate: x509: \(Cast.quote(name)) cannot be encoded as an IA5String")
        }
    }

    /// Go `x509.CreateCertificate` for an RSA subject key signed with SHA-256 and RSA.
    static func certificate(_ t: Template, key: CertificateKey, parent: ParsedCertificate?, signer: CertificateKey,
                            random: () -> UInt64) throws -> SprigCertificate
    {
        let subject = name(t.commonName)
        let issuer = parent?.subject ?? subject
        let spki = key.subjectPublicKeyInfo
        var extensions: [[UInt8]] = []
        // Key usage: digitalSignature | keyEncipherment (| keyCertSign), bits numbered from the most significant.
        extensions.append(extensionDER([2, 5, 29, 15], critical: true,
                                       t.isCA ? DER.bitString([0xA4], unusedBits: 2) : DER.bitString([0xA0], unusedBits: 5)))
        extensions.append(extensionDER([2, 5, 29, 37], critical: false, DER.sequence([
            DER.oid([1, 3, 6, 1, 5, 5, 7, 3, 1]), DER.oid([1, 3, 6, 1, 5, 5, 7, 3, 2]),
        ])))
        extensions.append(extensionDER([2, 5, 29, 19], critical: true, DER.sequence(t.isCA ? [DER.boolean(true)] : [])))
        if t.isCA {
            // Go derives a missing CA subject key identifier: SHA-256 of the public key, cut to 160 bits.
            extensions.append(extensionDER([2, 5, 29, 14], critical: false,
                                           DER.octetString(Array(Digest.sha256(key.publicKeyBytes).prefix(20)))))
        }
        if let parent, issuer != subject, let aki = parent.subjectKeyId {
            extensions.append(extensionDER([2, 5, 29, 35], critical: false,
                                           DER.sequence([DER.context(0, constructed: false, aki)])))
        }
        try checkNames(t)
        if !t.dnsNames.isEmpty || !t.ips.isEmpty {
            let names = t.dnsNames.map { DER.context(2, constructed: false, Array($0.utf8)) }
                + t.ips.map { DER.context(7, constructed: false, $0) }
            extensions.append(extensionDER([2, 5, 29, 17], critical: false, DER.sequence(names)))
        }
        let tbs = DER.sequence([
            DER.context(0, constructed: true, DER.integer(2)),
            DER.integer(t.serial),
            signer.signatureAlgorithm,
            issuer,
            DER.sequence([time(t.notBefore), time(t.notAfter)]),
            subject,
            spki,
            DER.context(3, constructed: true, DER.sequence(extensions)),
        ])
        let signature = signer.sign(tbs, random: random)
        let der = DER.sequence([tbs, signer.signatureAlgorithm, DER.bitString(signature)])
        return SprigCertificate(cert: PEM.encode(type: "CERTIFICATE", der), key: key.pem)
    }

    /// Sprig `parsePrivateKeyPEM`, for RSA and P-256 keys.
    static func parsePrivateKeyPEM(_ text: String) throws -> CertificateKey {
        guard let block = PEM.decode(text) else { throw FunctionError("no PEM data in input") }
        if block.type == "PRIVATE KEY" {
            // PKCS #8: version, algorithm, OCTET STRING holding the PKCS #1 or RFC 5915 key.
            guard let seq = DER.read(block.bytes), let items = DER.children(seq.content), items.count >= 3,
                  let algorithm = DER.children(items[1].content)
            else { throw FunctionError("decoding PEM as PKCS#8: asn1: syntax error") }
            if algorithm.first?.raw == DER.oid([1, 2, 840, 113549, 1, 1, 1]) {
                guard let key = RSAKey(pkcs1: items[2].content) else {
                    throw FunctionError("decoding PEM as PKCS#8: x509: failed to parse RSA private key")
                }
                return .rsa(key)
            }
            if algorithm.first?.raw == DER.oid([1, 2, 840, 10045, 2, 1]), algorithm.last?.raw == P256.curveOID,
               let key = P256.Key(der: items[2].content) {
                return .ec(key)
            }
            throw SprigLibrary.unsupported("this kind of private key")
        }
        guard block.type.hasSuffix(" PRIVATE KEY") else {
            throw FunctionError("no private key data in PEM block of type \(block.type)")
        }
        switch block.type.dropLast(12) {
        case "RSA":
            guard let key = RSAKey(pkcs1: block.bytes) else {
                throw FunctionError("parsing RSA private key from PEM: x509: failed to parse RSA private key")
            }
            return .rsa(key)
        case "EC":
            guard let key = P256.Key(der: block.bytes) else { throw SprigLibrary.unsupported("this EC private key") }
            return .ec(key)
        case "DSA": throw SprigLibrary.unsupported("a DSA private key")
        default: throw FunctionError("invalid private key type \(block.type)")
        }
    }
}

/// Go `net.ParseIP`, returning 4 bytes for IPv4 and 16 for IPv6 (what a certificate stores).
enum IPAddress {
    static func parse(_ s: String) -> [UInt8]? {
        if s.contains(":") { return parse6(s) }
        return parse4(s)
    }

    static func parse4(_ s: String) -> [UInt8]? {
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var out: [UInt8] = []
        for p in parts {
            // Go rejects empty fields, more than three digits and leading zeros.
            guard !p.isEmpty, p.count <= 3, p.allSatisfy({ $0.isASCII && $0.isNumber }),
                  !(p.count > 1 && p.first == "0"), let v = Int(p), v <= 255
            else { return nil }
            out.append(UInt8(v))
        }
        return out
    }

    static func parse6(_ s: String) -> [UInt8]? {
        var text = s
        var tail: [UInt8] = []
        if let lastColon = text.lastIndex(of: ":"), text[text.index(after: lastColon)...].contains(".") {
            guard let v4 = parse4(String(text[text.index(after: lastColon)...])) else { return nil }
            tail = v4
            text = String(text[...lastColon]) + "0:0"
        }
        let halves = text.components(separatedBy: "::")
        guard halves.count <= 2 else { return nil }
        func groups(_ part: String) -> [UInt16]? {
            if part.isEmpty { return [] }
            var out: [UInt16] = []
            for g in part.split(separator: ":", omittingEmptySubsequences: false) {
                guard !g.isEmpty, g.count <= 4, let v = UInt16(g, radix: 16) else { return nil }
                out.append(v)
            }
            return out
        }
        guard let head = groups(halves[0]) else { return nil }
        var all = head
        if halves.count == 2 {
            guard let rest = groups(halves[1]), head.count + rest.count < 8 else { return nil }
            all += [UInt16](repeating: 0, count: 8 - head.count - rest.count) + rest
        }
        guard all.count == 8 else { return nil }
        var bytes = all.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        if !tail.isEmpty { bytes.replaceSubrange(12..<16, with: tail) }
        // Go stores an IPv4-mapped address in 4 bytes (`ip.To4()`).
        if bytes[0..<10].allSatisfy({ $0 == 0 }) && bytes[10] == 0xFF && bytes[11] == 0xFF { return Array(bytes[12...]) }
        return bytes
    }
}
