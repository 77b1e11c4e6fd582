import Foundation
import Testing

/// `ffgen render` end to end: the built executable on scratch repositories (stdout, stderr, exit status).
@Suite struct RenderCommandTests {
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The `ffgen` executable built next to the test bundle.
    static var executable: String? {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("ffgen").path,
            Bundle.main.bundleURL.appendingPathComponent("ffgen").path,
            gitOpsPackageRoot + "/.build/debug/ffgen",
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    func ffgen(_ arguments: [String], in directory: String) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(Self.executable, "build ffgen first"))
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }

    @Test func renderThenCheckFromInsideTheRepository() throws {
        let repository = try ScratchRepository()
        let first = try ffgen(["render"], in: repository.root + "/ffnodes/fitfile")
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("environments: 2\n"))
        #expect(first.stdout.contains("applications: 3 rendered, 1 external\n"))
        #expect(first.stdout.contains(
            "objects: 15 (4 Application, 6 Certificate, 2 ClusterIssuer, 1 Role, 1 RoleBinding, 1 VaultStaticSecret)\n"))
        #expect(first.stdout.contains("files: 15 written, 0 updated, 0 removed, 0 unchanged in generated\n"))

        let check = try ffgen(["render", "--check"], in: repository.root)
        #expect(check.status == 0)
        #expect(check.stdout.contains("check: 15 files up to date in generated\n"))

        try repository.edit(
            "ffnodes/fitfile/ff-test-a/values.yaml", replacing: "storybook.fitfile.net", with: "docs.fitfile.net")
        let stale = try ffgen(["render", "--check"], in: repository.root)
        #expect(stale.status == 1)
        #expect(stale.stdout.contains(
            "  out of date: fitfile/ff-test-a/certificates/storybook/certificate-storybook.yaml\n"))
        #expect(stale.stdout.contains("run `ffgen render` and commit the result"))

        let again = try ffgen(["render", "--root", repository.root, "--env", "fitfile/ff-test-a"], in: "/")
        #expect(again.status == 0)
        #expect(again.stdout.contains("files: 0 written, 2 updated, 0 removed, 12 unchanged in generated\n"))
    }

    @Test func errorsExitWithStatus2AndNameWhereTheyHappened() throws {
        let repository = try ScratchRepository()
        try repository.write("ffnodes/eoe/cuh-prod-1/values.yaml", "deploy:\n  certManager: \"no\"\n")
        let run = try ffgen(["render"], in: repository.root)
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.hasPrefix(
            "ffgen render: in environment eoe/cuh-prod-1, application cuh-prod-1, chart charts/ffnode:\n"))
        #expect(run.stderr.contains("- at '/deploy/certManager': got string, want boolean"))
        #expect(!FileManager.default.fileExists(atPath: repository.root + "/generated"))
    }

    @Test func outsideARepositoryIsAnError() throws {
        let run = try ffgen(["render"], in: "/")
        #expect(run.status == 2)
        #expect(run.stderr.contains("no GitOps repository found at or above /"))
    }
}
