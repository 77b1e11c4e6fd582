import Foundation
@testable import HelmEngine
import Testing

/// gzip/DEFLATE and tar reading for packaged subcharts. The compressed inputs were made with Python's gzip module
/// (level 0: stored blocks; level 9: Huffman blocks); the `.tgz` fixture `tgz-subchart` is checked against Helm.
@Suite("Helm chart archives")
struct HelmArchiveTests {
    static let plain = Array(String(repeating: "stored block test ", count: 5).utf8) + (0...255).map { UInt8($0) }

    static let compressed: [String] = [
        "H4sIAAAAAAAEAwFaAaX+c3RvcmVkIGJsb2NrIHRlc3Qgc3RvcmVkIGJsb2NrIHRlc3Qgc3RvcmVkIGJsb2NrIHRlc3Qgc3RvcmVkIGJsb2NrIHRlc3Qgc3RvcmVkIGJsb2NrIHRlc3QgAAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4vMDEyMzQ1Njc4OTo7PD0+P0BBQkNERUZHSElKS0xNTk9QUVJTVFVWV1hZWltcXV5fYGFiY2RlZmdoaWprbG1ub3BxcnN0dXZ3eHl6e3x9fn+AgYKDhIWGh4iJiouMjY6PkJGSk5SVlpeYmZqbnJ2en6ChoqOkpaanqKmqq6ytrq+wsbKztLW2t7i5uru8vb6/wMHCw8TFxsfIycrLzM3Oz9DR0tPU1dbX2Nna29zd3t/g4eLj5OXm5+jp6uvs7e7v8PHy8/T19vf4+fr7/P3+/3uC55laAQAA",
        "H4sIAAAAAAACAysuyS9KTVFIyslPzlYoSS0uUSimkggDIxMzCysbOwcnFzcPLx+/gKCQsIiomLiEpJS0jKycvIKikrKKqpq6hqaWto6unr6BoZGxiamZuYWllbWNrZ29g6OTs4urm7uHp5e3j6+ff0BgUHBIaFh4RGRUdExsXHxCYlJySmpaekZmVnZObl5+QWFRcUlpWXlFZVV1TW1dfUNjU3NLa1t7R2dXd09vX/+EiZMmT5k6bfqMmbNmz5k7b/6ChYsWL1m6bPmKlatWr1m7bv2GjZs2b9m6bfuOnbt279m7b/+Bg4cOHzl67PiJk6dOnzl77vyFi5cuX7l67fqNm7du37l77/6Dh48eP3n67PmLl69ev3n77v2Hj58+f/n67fuPn79+//n77z8Ae4LnmVoBAAA=",
    ]

    @Test(arguments: compressed)
    func gunzip(_ base64: String) throws {
        let bytes = try #require(Data(base64Encoded: base64))
        #expect(try Gzip.decompress(Array(bytes), limit: 1 << 20) == Self.plain)
    }

    @Test func notGzip() {
        #expect(throws: HelmError.self) { try Gzip.decompress(Array("apiVersion: v2\nname: x\n".utf8), limit: 100) }
    }

    @Test func cleanPath() {
        #expect(ChartArchive.cleanPath("a/./b//c") == "a/b/c")
        #expect(ChartArchive.cleanPath("a/../../x") == "../x")
        #expect(ChartArchive.cleanPath("") == ".")
    }
}
