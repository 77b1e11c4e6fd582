import Foundation
import GitOps
import Testing
import Values

/// `ffgen diff --base`: revisions of a temporary git repository, read without touching its working tree or
/// index, and the command line (formats, exit status).
@Suite struct DiffRevisionTests {
    /// A scratch repository under git with two commits: the second renames a dnsName in fitfile/ff-test-a.
    final class History {
        let repository: ScratchRepository

        init() throws {
            repository = try ScratchRepository()
            try git("init", "-q", "-b", "main")
            try git("add", "-A")
            try git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "first")
            try repository.edit(
                "ffnodes/fitfile/ff-test-a/values.yaml", replacing: "storybook.fitfile.net", with: "docs.fitfile.net")
            try git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-am", "second")
        }

        @discardableResult
        func git(_ arguments: String...) throws -> String {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["git"] + arguments
            process.currentDirectoryURL = URL(fileURLWithPath: repository.root)
            let out = Pipe()
            process.standardOutput = out
            try process.run()
            let data = out.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "git \(arguments)")
            return String(decoding: data, as: UTF8.self)
        }

        /// What must not change when a revision is read: status, index bytes, HEAD.
        func state() throws -> [String] {
            let index = FileManager.default.contents(atPath: repository.root + "/.git/index") ?? Data()
            return [
                try git("status", "--porcelain"), TreeWriter.fingerprint(String(decoding: index, as: UTF8.self)),
                try git("rev-parse", "HEAD"),
            ]
        }
    }

    @Test func baseAgainstHeadReportsTheCommittedChange() throws {
        let history = try History()
        let before = try history.state()
        let report = try RevisionDiff(root: history.repository.root, threads: 2).compare(base: "HEAD~1", head: "HEAD")
        #expect(report.environments.map(\.name) == ["fitfile/ff-test-a"])
        #expect(report.compared == 2)
        #expect(report.oldLabel.hasPrefix("HEAD~1 (") && report.newLabel.hasPrefix("HEAD ("))
        let certificate = try #require(report.environments.first?.objects.first { $0.key.kind == "Certificate" })
        #expect(certificate.key.name == "storybook")
        #expect(certificate.changes.map(\.path) == ["spec.dnsNames[0]"])
        #expect(certificate.changes.first?.old?.stringValue == "storybook.fitfile.net")
        #expect(certificate.changes.first?.new?.stringValue == "docs.fitfile.net")
        #expect(try history.state() == before)
    }

    @Test func baseAgainstTheWorkingTree() throws {
        let history = try History()
        // Uncommitted: a new environment, and nothing else.
        try history.repository.write(
            "ffnodes/fitfile/ff-b/values.yaml", "deploy:\n  certManager: false\n")
        let before = try history.state()
        let diff = RevisionDiff(root: history.repository.root, threads: 2)
        let report = try diff.compare(base: "HEAD", head: nil)
        #expect(report.newLabel == "working tree")
        #expect(report.environments.map(\.name) == ["fitfile/ff-b"])
        #expect(report.environments.first?.status == .added)
        #expect(report.environments.first?.objects.allSatisfy { $0.status == .added } == true)
        // --env narrows the comparison.
        let narrowed = try diff.withSelection(["fitfile/ff-test-a"]).compare(base: "HEAD~1", head: nil)
        #expect(narrowed.compared == 1)
        #expect(narrowed.environments.map(\.name) == ["fitfile/ff-test-a"])
        #expect(try history.state() == before)
    }

    @Test func aRepositoryInASubFolderOfTheGitWorkTree() throws {
        let history = try History()
        let root = history.repository.root
        try FileManager.default.createDirectory(atPath: root + "/deploy", withIntermediateDirectories: true)
        try history.git("mv", "charts", "ffnodes", "deploy/")
        try history.git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "move")
        try history.repository.edit(
            "deploy/ffnodes/fitfile/ff-test-a/values.yaml", replacing: "docs.fitfile.net", with: "ui.fitfile.net")
        let report = try RevisionDiff(root: root + "/deploy", threads: 2).compare(base: "HEAD", head: nil)
        #expect(report.compared == 2)
        let certificate = report.environments.first?.objects.first { $0.key.kind == "Certificate" }
        #expect(certificate?.changes.map(\.path) == ["spec.dnsNames[0]"])
        #expect(certificate?.changes.first?.new?.stringValue == "ui.fitfile.net")
    }

    @Test func aRenderErrorNamesTheSide() throws {
        let history = try History()
        try history.repository.write("charts/certs/templates/broken.yaml", "{{ nosuchfunction }}\n")
        do {
            _ = try RevisionDiff(root: history.repository.root, threads: 2).compare(base: "HEAD", head: nil)
            Issue.record("a broken chart in the working tree must fail")
        } catch {
            #expect(error.environment?.hasSuffix(" at working tree") == true)
            #expect(error.description.hasPrefix("in environment fitfile/ff-test-a at working tree, application "))
        }
    }

    @Test func anUnknownRevisionIsAnError() throws {
        let history = try History()
        #expect(throws: GitOpsError.self) {
            try RevisionDiff(root: history.repository.root).compare(base: "no-such-branch", head: nil)
        }
    }

    func ffgen(_ arguments: [String], in directory: String) throws -> RenderCommandTests.Run {
        try RenderCommandTests().ffgen(["diff"] + arguments, in: directory)
    }

    @Test func commandLineExitStatusAndFormats() throws {
        let history = try History()
        let root = history.repository.root
        let same = try ffgen(["--base", "HEAD", "--head", "HEAD"], in: root)
        #expect(same.status == 0, "\(same.stderr)")
        #expect(same.stdout.hasPrefix("no differences between HEAD ("))

        let changed = try ffgen(["--base", "HEAD~1"], in: root + "/ffnodes")
        #expect(changed.status == 1, "\(changed.stderr)")
        #expect(!changed.stdout.contains("\u{1B}["), "no colour when stdout is not a terminal")
        #expect(
            changed.stdout.contains(
                "    spec.dnsNames[0]: \"storybook.fitfile.net\" → \"docs.fitfile.net\"\n"))
        let colored = try ffgen(["--base", "HEAD~1", "--color", "always"], in: root)
        #expect(colored.stdout.contains("\u{1B}[31m\"storybook.fitfile.net\"\u{1B}[0m"))

        let json = try ffgen(["--base", "HEAD~1", "--format", "json"], in: root)
        #expect(json.status == 1)
        let parsed = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect(parsed?["differences"] as? Bool == true)
        #expect((parsed?["environments"] as? [[String: Any]])?.first?["environment"] as? String == "fitfile/ff-test-a")

        let unified = try ffgen(["--base", "HEAD~1", "--format", "unified"], in: root)
        let certificatePath = try #require(
            history.repository.render().files.keys.first {
                $0.contains("/certificates/") && $0.hasSuffix("storybook.yaml")
            })
        #expect(unified.stdout.contains("--- a/\(certificatePath)\n+++ b/\(certificatePath)\n"))
        #expect(unified.stdout.contains("-    - storybook.fitfile.net\n+    - docs.fitfile.net\n"))

        let markdown = try ffgen(["--base", "HEAD~1", "--format", "markdown"], in: root)
        #expect(markdown.stdout.contains("<details><summary><b>fitfile/ff-test-a</b>: 2 changed</summary>"))

        let pair = try ffgen(["fitfile/ff-test-a", "eoe/cuh-prod-1"], in: root)
        #expect(pair.status == 1, "\(pair.stderr)")
        #expect(pair.stdout.hasPrefix("ffgen diff fitfile/ff-test-a → eoe/cuh-prod-1: "))

        for bad in [["fitfile/ff-test-a"], ["--base", "nope"], ["--base", "HEAD", "--format", "html"], []] {
            let run = try ffgen(bad, in: root)
            #expect(run.status == 2, "\(bad)")
            #expect(run.stderr.hasPrefix("ffgen diff: "), "\(bad)")
            #expect(run.stdout.isEmpty, "\(bad)")
        }
    }
}
