import FFGenTestSupport
import Foundation
import GoTemplate
import Testing
import Values

@testable import Sprig

// Certificates are random in Helm (fresh keys and serials), so these tests check structure: the shapes below were
// compared with certificates Helm's genCA/genSignedCert produced (same extension layout, SAN encoding and
// truncated-SHA-256 subject key identifiers), and the error texts are the sprig-certificates table. A fixed RSA key
// (generated with `openssl genrsa -traditional 2048`, and its PKCS #8 form) keeps the tests free of key generation.
private let fixtureKey = """
-----BEGIN RSA PRIVATE KEY-----
MIIEogIBAAKCAQEA409c7lYd5rxuSFj7PtlDseps68JwuilrMk2xxaD44Z1H5xFV
VWx9YL0xs067jXHNW+piL7M2PyKRNGmCx3NtO9n/+iupUKIH6VBAzFFw2vSUzNSO
c5I84knAeAGhpSCpGJ/hiMT7fHe1LchncQX2WHDRRfGosWszVe5LCt/ygG3KdZi8
t9NUCoON4BZW/fehtti9ZVcntwqNMYMfMze4j+QQtSYdtHyegwmgriR9xI9D5Ufr
nUvfuhd6MAxcbEo5tMa/8M2Y5YUmxo0jNQw47uSRdw48r0wgPKfJ1jPMt+MVWR1Y
mM2q1p0jAx90cAXC5kKtywOtBt0MOgvv9h+f/QIDAQABAoIBAD0dFUsu9BMZDj19
Tu9y0nR/JpGsUUp74EpCAU21HbTq6G4DhwHUjVD5DOe8f0hkFGZl+cgBUtBeptOE
mpitO+0fi2bjXj5DkgT0grdsHf+ASpFXhIUmCCB+27RoG+GdilkIg0aWT1cDiD6q
5sTIaZcVne5ELqqku8SasKpX04cbe7/RkPgwNzau1Fvyyf/lFd10Dt9VHDTztKCu
OiwdOiOjlFFZj7eNC4hIA2N62t18ARvqNVyQeZBdzRE51Mfdcv2w2by7iT8GXSot
MbA8skGb+vCQFXXkXxylRSXt7AS4VWlYrIDfgmOqnijHKPfks9tuhdIQGRJHix8n
0hONNrECgYEA/Db9jeVvNrFruO8CcQQ6deWkkI3dzb2EF6jKEwLC+XswYjyAHvlP
3I09Iw+cWMHQpqhxHHi5sYrHPBG721rYMlTPFkGOsh3RgVQWeuF0KKt5kpNIRC7f
gCO/4Z7xU4TT7PTB1dKx2h/dLdTZFybvOLlLHXdZ/IIjxN25y5xh4KMCgYEA5riw
NZiMdKdnSjyy3/NcCLyLddgOMVJiseknT1ZMUr2PtV+hnvCwOpbYHl/3ddhHQ8xz
/min8WIsiepf/e8uzjORvG7VvcVw3lWpc+Kj8OfLhJszbnKusD0bQWCJDklBGzvD
KZoOhHpaWEblk4VyMSPsrYzv5+0mG/eQP/b0Zt8CgYB8NFB1WnGES6cy8XEQWva3
LJn4HgUG1reANz0cU5XU6lePaR/nIPu1L1DWPU/PXdL036qkTMeVqTQoXstWYMxr
LNy2px4wlQKhX9maNgDQLnG2PxWtji++mNxbrbxGVvlOjdIPDK1NL7fqZBFsl13j
X0ygfDAya5xVzKM8pAyHZQKBgB8nFtvVwjlKFT9H3NsyT936H1aFGr18I0lkcuNa
gqm1YL8br4X3d8QhdAL98DrgPhcgdxUF6o9EM0FX/SgbcJV1DxuDV6btDuVmaZ/1
HS+9DJTWI+ao4392cMSuFTNxnrHfquVmIMmwf5xlzj/SB+4srJtuaUJGmhuynK6W
WL+/AoGAfXX4IGGXoNNouGrQmUvvd/WNfrUSNp6ZGVjG6jty+5Cl9b1FQarZkFM9
o73w1EBLW9nJQpjtxS4DW7ehx6xQ4v48Z7fmOh3jIdtgpS8zymt0q0y1Z9G1UGZt
FWT1QmCH/VIFirGHTPALZXl1v7qEsKF//NyR75tou4DPxibWKuA=
-----END RSA PRIVATE KEY-----
"""

private let fixtureKeyPKCS8 = """
-----BEGIN PRIVATE KEY-----
MIIEvAIBADANBgkqhkiG9w0BAQEFAASCBKYwggSiAgEAAoIBAQDjT1zuVh3mvG5I
WPs+2UOx6mzrwnC6KWsyTbHFoPjhnUfnEVVVbH1gvTGzTruNcc1b6mIvszY/IpE0
aYLHc2072f/6K6lQogfpUEDMUXDa9JTM1I5zkjziScB4AaGlIKkYn+GIxPt8d7Ut
yGdxBfZYcNFF8aixazNV7ksK3/KAbcp1mLy301QKg43gFlb996G22L1lVye3Co0x
gx8zN7iP5BC1Jh20fJ6DCaCuJH3Ej0PlR+udS9+6F3owDFxsSjm0xr/wzZjlhSbG
jSM1DDju5JF3DjyvTCA8p8nWM8y34xVZHViYzarWnSMDH3RwBcLmQq3LA60G3Qw6
C+/2H5/9AgMBAAECggEAPR0VSy70ExkOPX1O73LSdH8mkaxRSnvgSkIBTbUdtOro
bgOHAdSNUPkM57x/SGQUZmX5yAFS0F6m04SamK077R+LZuNePkOSBPSCt2wd/4BK
kVeEhSYIIH7btGgb4Z2KWQiDRpZPVwOIPqrmxMhplxWd7kQuqqS7xJqwqlfThxt7
v9GQ+DA3Nq7UW/LJ/+UV3XQO31UcNPO0oK46LB06I6OUUVmPt40LiEgDY3ra3XwB
G+o1XJB5kF3NETnUx91y/bDZvLuJPwZdKi0xsDyyQZv68JAVdeRfHKVFJe3sBLhV
aVisgN+CY6qeKMco9+Sz226F0hAZEkeLHyfSE402sQKBgQD8Nv2N5W82sWu47wJx
BDp15aSQjd3NvYQXqMoTAsL5ezBiPIAe+U/cjT0jD5xYwdCmqHEceLmxisc8Ebvb
WtgyVM8WQY6yHdGBVBZ64XQoq3mSk0hELt+AI7/hnvFThNPs9MHV0rHaH90t1NkX
Ju84uUsdd1n8giPE3bnLnGHgowKBgQDmuLA1mIx0p2dKPLLf81wIvIt12A4xUmKx
6SdPVkxSvY+1X6Ge8LA6ltgeX/d12EdDzHP+aKfxYiyJ6l/97y7OM5G8btW9xXDe
Valz4qPw58uEmzNucq6wPRtBYIkOSUEbO8Mpmg6EelpYRuWThXIxI+ytjO/n7SYb
95A/9vRm3wKBgHw0UHVacYRLpzLxcRBa9rcsmfgeBQbWt4A3PRxTldTqV49pH+cg
+7UvUNY9T89d0vTfqqRMx5WpNChey1ZgzGss3LanHjCVAqFf2Zo2ANAucbY/Fa2O
L76Y3FutvEZW+U6N0g8MrU0vt+pkEWyXXeNfTKB8MDJrnFXMozykDIdlAoGAHycW
29XCOUoVP0fc2zJP3fofVoUavXwjSWRy41qCqbVgvxuvhfd3xCF0Av3wOuA+FyB3
FQXqj0QzQVf9KBtwlXUPG4NXpu0O5WZpn/UdL70MlNYj5qjjf3ZwxK4VM3Gesd+q
5WYgybB/nGXOP9IH7iysm25pQkaaG7KcrpZYv78CgYB9dfggYZeg02i4atCZS+93
9Y1+tRI2npkZWMbqO3L7kKX1vUVBqtmQUz2jvfDUQEtb2clCmO3FLgNbt6HHrFDi
/jxnt+Y6HeMh22ClLzPKa3SrTLVn0bVQZm0VZPVCYIf9UgWKsYdM8AtleXW/uoSw
oX/83JHvm2i7gM/GJtYq4A==
-----END PRIVATE KEY-----
"""

private func call(_ name: String, _ arguments: Value...) throws -> Value { try SprigTesting.call(name, arguments) }


private func pemBytes(_ text: String) throws -> [UInt8] {
    guard let block = PEM.decode(text) else { throw FunctionError("no PEM block") }
    return block.bytes
}

private func certificate(_ v: Value) throws -> SprigCertificate {
    guard case .object(let o) = v, let c = o as? SprigCertificate else { throw FunctionError("not a certificate") }
    return c
}

/// Checks an RSA PKCS #1 v1.5 SHA-256 signature over the certificate's TBS with `key`.
private func signatureVerifies(_ pem: String, _ key: RSAKey) throws -> Bool {
    let der = try pemBytes(pem)
    guard let parts = DER.read(der).flatMap({ DER.children($0.content) }), parts.count == 3 else { return false }
    let signature = BigUInt(bytes: Array(parts[2].content.dropFirst()))
    let em = signature.power(key.e, modulus: key.n).bytes(length: 256)
    let expected = [0x00, 0x01] + [UInt8](repeating: 0xFF, count: 256 - 51 - 3) + [0x00]
        + [0x30, 0x31, 0x30, 0x0D, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20]
        + Digest.sha256(parts[0].raw)
    return em == expected
}

@Test func sprigCertificateAuthorityAndLeaf() throws {
    guard case .rsa(let key) = try X509.parsePrivateKeyPEM(fixtureKey) else {
        Issue.record("the fixture is an RSA key")
        return
    }
    let ca = try certificate(try call("genCAWithKey", .string("my-ca"), .int(365), .string(fixtureKey)))
    #expect(ca.key == fixtureKey + "\n")  // Go re-encodes the parsed key; the literal drops the final newline.
    #expect(try signatureVerifies(ca.cert, key))
    let parsedCA = try #require(X509.ParsedCertificate(try pemBytes(ca.cert)))
    #expect(parsedCA.subject == X509.name("my-ca"))
    #expect(parsedCA.subjectKeyId == Array(Digest.sha256(key.publicKeyDER).prefix(20)))

    let leaf = try certificate(try call(
        "genSignedCertWithKey", .string("svc"), .list([.string("10.0.0.1"), .string("::1")]), .list([.string("svc")]),
        .int(30), .object(ca), .string(fixtureKeyPKCS8)))
    #expect(try signatureVerifies(leaf.cert, key))
    let der = try pemBytes(leaf.cert)
    // The SAN and authority key identifier as Helm encodes them for these arguments.
    let san: [UInt8] = [
        0x30, 0x1D, 0x82, 0x03, 0x73, 0x76, 0x63, 0x87, 0x04, 0x0A, 0x00, 0x00, 0x01, 0x87, 0x10,
    ] + [UInt8](repeating: 0, count: 15) + [1]
    #expect(der.windowIndex(of: san) != nil)
    #expect(der.windowIndex(of: [0x30, 0x16, 0x80, 0x14] + (parsedCA.subjectKeyId ?? [])) != nil)
    #expect(leaf.goTypeName == "sprig.certificate")
    #expect(leaf.field("Cert")?.stringValue == leaf.cert)
}

@Test func sprigSelfSignedValidity() throws {
    // The test clock is 2023-11-14 22:13:20 UTC; Go writes UTCTime before 2050.
    let cert = try certificate(try call(
        "genSelfSignedCertWithKey", .string("self"), .null, .list([.string("a.example")]), .int(2), .string(fixtureKey)))
    let der = try pemBytes(cert.cert)
    #expect(der.windowIndex(of: Array("231114221320Z".utf8)) != nil)
    #expect(der.windowIndex(of: Array("231116221320Z".utf8)) != nil)
}

/// Error texts (and genPrivateKey's text for an unknown type) recorded from Helm in
/// Tests/Fixtures/tables/sprig-certificates.json by scripts/oracle/record_tables.py.
@Test(arguments: OracleTable.load("sprig-certificates").rows.map(SprigCase.init))
func sprigCertificateMessages(_ row: SprigCase) {
    SprigTesting.check(row)
}

extension Array where Element == UInt8 {
    /// The first index where `needle` occurs.
    func windowIndex(of needle: [UInt8]) -> Int? {
        guard needle.count <= count else { return nil }
        return (0...(count - needle.count)).first { Array(self[$0..<($0 + needle.count)]) == needle }
    }
}

@Test func sprigECDSAKeyMatchesOpenSSL() throws {
    // With the test environment's constant random word the private scalar is 0x0404…04; the public point was
    // derived independently with `openssl ec -pubout` from the same key (and `openssl ec -check` accepts it).
    let pem = try #require(try call("genPrivateKey", .string("ecdsa")).stringValue)
    let der = try pemBytes(pem)
    let expected = "0473103ec30b3ccf57daae08e93534aef144a35940cf6bbba12a0cf7cbd5d65a64d82c8c99e9d3c45f9245ba9b27982c9aea8ec1db94b19c44795942c0eb22aa32"
    #expect(Digest.hex(Array(der.suffix(65))) == expected)
    #expect(pem.hasPrefix("-----BEGIN EC PRIVATE KEY-----\n"))
}

@Test func sprigEd25519KeyIsPKCS8Seed() throws {
    // Go marshals an Ed25519 key as PKCS #8 holding the 32-byte seed (RFC 8410).
    let pem = try #require(try call("genPrivateKey", .string("ed25519")).stringValue)
    let der = try pemBytes(pem)
    #expect(Array(der.prefix(16)) == [0x30, 0x2E, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2B, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20])
    #expect(der.count == 48)
}

@Test func sprigSelfSignedWithECKey() throws {
    // An EC key given as PEM is used as Go uses it: ECDSA-with-SHA256 signature, id-ecPublicKey SPKI, and the key
    // re-encoded as an "EC PRIVATE KEY" block (checked once with `openssl verify` and `openssl ec -check`).
    let keyPEM = try #require(try call("genPrivateKey", .string("ecdsa")).stringValue)
    let cert = try certificate(try call(
        "genSelfSignedCertWithKey", .string("ec"), .null, .null, .int(1), .string(keyPEM)))
    #expect(cert.key == keyPEM)
    let der = try pemBytes(cert.cert)
    #expect(der.windowIndex(of: DER.sequence([DER.oid([1, 2, 840, 10045, 4, 3, 2])])) != nil)
    #expect(der.windowIndex(of: DER.sequence([DER.oid([1, 2, 840, 10045, 2, 1]), P256.curveOID])) != nil)
    #expect(der.windowIndex(of: Array(try pemBytes(keyPEM).suffix(65))) != nil)
}
