// Recorded with Helm v4.2.3 (helm_python oracle): each row is a `{{ template }}` action and what Helm printed
// (or the message after `error calling NAME: `).
import Testing
import Values

@testable import Sprig

let sprigCryptoCases: [SprigCase] = [
    SprigCase("decryptAES \"secretkey\" \"i8ahciLKkq7g9n6u7fLjxOPYtGXfyH3SGchEIAJdPHc=\"", "decryptAES", [.string("secretkey"), .string("i8ahciLKkq7g9n6u7fLjxOPYtGXfyH3SGchEIAJdPHc=")], .ok("plaintext")),
    SprigCase("decryptAES \"a-very-long-password-that-exceeds-thirty-two-bytes\" \"GPwnwhb3/nvxu2KWJTTJg2He1gFDGF3sGwU8rILibZ6qjOCXx7hKnAbRajYqboOOH2rbhPOK5MtEU15ipHjLuw==\"", "decryptAES", [.string("a-very-long-password-that-exceeds-thirty-two-bytes"), .string("GPwnwhb3/nvxu2KWJTTJg2He1gFDGF3sGwU8rILibZ6qjOCXx7hKnAbRajYqboOOH2rbhPOK5MtEU15ipHjLuw==")], .ok("Hello, World! This is longer than a block.")),
    SprigCase("decryptAES \"pw\" \"MgCZQyJ5+5I6knPzZFdLuzYfHSMp6MAQFqaESK7zxtlopKCkR6cUy4hk3h+hB2vp\"", "decryptAES", [.string("pw"), .string("MgCZQyJ5+5I6knPzZFdLuzYfHSMp6MAQFqaESK7zxtlopKCkR6cUy4hk3h+hB2vp")], .ok("exactly16bytes!!")),
    SprigCase("decryptAES \"k\" \"\"", "decryptAES", [.string("k"), .string("")], .ok("")),
    SprigCase("decryptAES \"k\" \"!!\"", "decryptAES", [.string("k"), .string("!!")], .error("illegal base64 data at input byte 0")),
    SprigCase("decryptAES \"k\" \"YWJj\"", "decryptAES", [.string("k"), .string("YWJj")], .error("runtime error: slice bounds out of range [:16] with capacity 3")),
    SprigCase("decryptAES \"k\" \"MDEyMzQ1Njc4OWFiY2RlZg==\"", "decryptAES", [.string("k"), .string("MDEyMzQ1Njc4OWFiY2RlZg==")], .error("runtime error: index out of range [-1]")),
    SprigCase("decryptAES \"k\" \"MDEyMzQ1Njc4OWFiY2RlZjEyMw==\"", "decryptAES", [.string("k"), .string("MDEyMzQ1Njc4OWFiY2RlZjEyMw==")], .error("crypto/cipher: input not full blocks")),
    SprigCase("encryptAES \"k\" \"\"", "encryptAES", [.string("k"), .string("")], .ok("")),
    SprigCase("derivePassword 1 \"long\" \"password\" \"user\" \"example.com\"", "derivePassword", [.int(1), .string("long"), .string("password"), .string("user"), .string("example.com")], .ok("ZedaFaxcZaso9*")),
    SprigCase("derivePassword 1 \"pin\" \"\" \"\" \"\"", "derivePassword", [.int(1), .string("pin"), .string(""), .string(""), .string("")], .ok("1578")),
    SprigCase("derivePassword 1 \"nope\" \"p\" \"u\" \"s\"", "derivePassword", [.int(1), .string("nope"), .string("p"), .string("u"), .string("s")], .ok("cannot find password template nope")),
]

@Test(arguments: sprigCryptoCases)
func sprigCrypto(_ row: SprigCase) {
    SprigTesting.check(row)
}
