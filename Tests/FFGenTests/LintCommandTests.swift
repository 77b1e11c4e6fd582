import Foundation
import Testing

/// `ffgen lint` end to end: exit status, `--strict`, the three formats, colour.
@Suite struct LintCommandTests {
    private func run(_ arguments: [String], environments: [String] = ["fitfile/ff-a", "eoe/cuh-pca-1"],
                     edit: ((ScratchRepository) throws -> Void)? = nil) throws -> RenderCommandTests.Run {
        let repo = try ScratchRepository(environments: environments)
        try edit?(repo)
        return try RenderCommandTests().ffgen(["lint"] + arguments, in: repo.root)
    }

    @Test func cleanRepositoryExitsZero() throws {
        let result = try run([])
        #expect(result.status == 0)
        #expect(result.stdout.contains("fitfile/ff-a: ok"))
        #expect(result.stdout.contains("issuers in use: letsencrypt-prod (3) [issuer.usage]"))
        #expect(!result.stdout.contains("\u{1B}["), "no colour when stdout is not a terminal")
    }

    @Test func errorsExitOne() throws {
        let result = try run([]) {
            try $0.edit("ffnodes/fitfile/ff-a/values.yaml", replacing: "namespace: argo\n", with: "namespace: ff-a\n")
            try $0.edit("ffnodes/fitfile/ff-a/values.yaml", replacing: "secretName: argo-workflows-tls", with: "secretName: ff-a-tls")
        }
        #expect(result.status == 1)
        #expect(result.stdout.contains(
            "ffnodes/fitfile/ff-a/values.yaml:50:19: error: Certificates argo-workflows and fitfile-ff-a in namespace ff-a "
                + "both write Secret ff-a-tls"))
    }

    @Test func warningsFailOnlyWithStrict() throws {
        let plain = try run([], environments: ["fitfile/ff-test-a"])
        #expect(plain.status == 0)
        #expect(plain.stdout.contains("[issuer.production-outside-production]"))
        let strict = try run(["--strict"], environments: ["fitfile/ff-test-a"])
        #expect(strict.status == 1)
    }

    @Test func lintThatCannotRunExitsTwo() throws {
        let result = try run(["--root", "/nonexistent-ffgen-root"])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("ffgen lint: "))
    }

    @Test func forcedColourAndItsOff() throws {
        let coloured = try run(["--color"])
        #expect(coloured.stdout.contains("\u{1B}[1mfitfile/ff-a\u{1B}[0m"))
        let plain = try run(["--no-color"])
        #expect(!plain.stdout.contains("\u{1B}["))
    }

    @Test func jsonReport() throws {
        let result = try run(["--format", "json"], environments: ["fitfile/ff-test-a"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let findings = try #require(object["findings"] as? [[String: Any]])
        let warning = try #require(findings.first { $0["id"] as? String == "issuer.production-outside-production" })
        #expect(warning["severity"] as? String == "warning")
        #expect(warning["file"] as? String == "ffnodes/fitfile/ff-test-a/values.yaml")
        #expect(warning["line"] as? Int == 22)
        #expect((object["summary"] as? [String: Any])?["warnings"] as? Int == 1)
    }

    @Test func sarifReport() throws {
        let result = try run(["--format", "sarif"], environments: ["fitfile/ff-test-a"])
        let log = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(log["version"] as? String == "2.1.0")
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let driver = try #require(((run["tool"] as? [String: Any])?["driver"]) as? [String: Any])
        let rules = try #require(driver["rules"] as? [[String: Any]])
        #expect(rules.contains { $0["id"] as? String == "dns.wildcard" })
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.count == 1, "notes are not SARIF results")
        #expect(results.first?["ruleId"] as? String == "issuer.production-outside-production")
        #expect(results.first?["level"] as? String == "warning")
    }
}
