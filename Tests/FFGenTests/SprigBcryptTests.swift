import Testing

@testable import Sprig

// bcrypt salts are random in Helm, so the reference hashes for a fixed salt come from the system's crypt(3)
// (libxcrypt, `crypt.crypt(password, "$2a$04$./CgKyPTXlcGkYo5xL1s9u")`), the same algorithm as Go's bcrypt.
private let fixedSalt: [UInt8] = (0..<16).map { UInt8($0 * 17 % 256) }

@Test(arguments: [
    ("pw", 4, "$2a$04$./CgKyPTXlcGkYo5xL1s9uwQL5m0jbYxAVY/NZKIrOCnYYYH7VyrC"),
    ("a longer password with ünïcode", 5, "$2a$05$./CgKyPTXlcGkYo5xL1s9uJY8ZAxq6GTSgVgY3MTvVC9qtx76.8Ba"),
    ("", 4, "$2a$04$./CgKyPTXlcGkYo5xL1s9uTVGtMfiX1h8aaHhqY4IvyvGtzgY7lrq"),
])
func sprigBcryptHash(password: String, cost: Int, expected: String) {
    #expect(Bcrypt.hash(password: Array(password.utf8), salt: fixedSalt, cost: cost) == expected)
}

@Test func sprigBlowfishTablesComeFromPi() {
    // π = 3.243F6A88 85A308D3 …; the last S-box word is 0x3AC372E6.
    #expect(Bcrypt.piWords.count == 1042)
    #expect(Bcrypt.piWords[0] == 0x243F_6A88)
    #expect(Bcrypt.piWords[1] == 0x85A3_08D3)
    #expect(Bcrypt.piWords[1041] == 0x3AC3_72E6)
}

@Test func sprigBcryptFunctions() throws {
    // Helm: {{ bcrypt "pw" | len }}|{{ bcrypt "pw" | trunc 7 }}|{{ bcrypt (repeat 73 "a") }}|{{ htpasswd "u" "p" | trunc 9 }}
    // → 60|$2a$10$|failed to encrypt string with bcrypt: bcrypt: password length exceeds 72 bytes|u:$2a$10$
    let table = SprigTesting.table
    let hash = try #require(table["bcrypt"]).body([.string("pw")], SprigNoContext())
    #expect(hash.stringValue?.count == 60)
    #expect(hash.stringValue?.hasPrefix("$2a$10$") == true)
    let long = try #require(table["bcrypt"]).body([.string(String(repeating: "a", count: 73))], SprigNoContext())
    #expect(long.stringValue == "failed to encrypt string with bcrypt: bcrypt: password length exceeds 72 bytes")
    let line = try #require(table["htpasswd"]).body([.string("u"), .string("p")], SprigNoContext())
    #expect(line.stringValue?.hasPrefix("u:$2a$10$") == true)
    #expect(line.stringValue?.count == 62)
}
