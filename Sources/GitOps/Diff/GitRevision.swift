import Foundation

/// A repository as it is at a git revision, extracted from git objects into a temporary folder with
/// `git archive` (the working tree, the index and HEAD are never touched). The folder is removed by `remove()`
/// or when the value is released.
public final class GitRevision: @unchecked Sendable {
    /// The revision as given (`HEAD~1`, `main`, a commit id).
    public let revision: String
    /// The commit it resolves to.
    public let commit: String
    /// The repository root (the folder that corresponds to `root` in the working tree) inside the extraction.
    public let root: String
    private let temporary: String

    /// Extracts the tree of `revision` of the git repository holding `root`. Only the part of the tree under
    /// `root` is extracted (the repository may live in a sub-folder of the git work tree), minus `exclude`
    /// (paths relative to `root`, such as the generated tree, which is not needed to render).
    public init(root: String, revision: String, exclude: [String] = []) throws(GitOpsError) {
        self.revision = revision
        let commit = try Self.git(
            ["rev-parse", "--verify", "--quiet", "--end-of-options", revision + "^{commit}"], in: root
        )
        .trimmingCharacters(in: .whitespacesAndNewlines)
        guard !commit.isEmpty else {
            throw GitOpsError(
                code: .repository, message: "git revision \(revision) not found in \(root)",
                hint: "name a commit, branch or tag (`git log --oneline` lists them); in a shallow clone, "
                    + "fetch the base first")
        }
        self.commit = commit
        temporary = NSTemporaryDirectory() + "ffgen-diff-" + UUID().uuidString
        let extracted = temporary + "/tree"
        do {
            try FileManager.default.createDirectory(atPath: extracted, withIntermediateDirectories: true)
        } catch {
            throw GitOpsError(code: .io, message: "cannot create \(extracted): \(error.localizedDescription)")
        }
        // Run inside `root`, git archive writes the part of the commit under that folder, with paths relative
        // to it (the repository may live in a sub-folder of the git work tree); pathspecs are relative to it too.
        self.root = extracted
        let archive = temporary + "/tree.tar"
        let arguments =
            ["archive", "--format=tar", "-o", archive, commit, "--", "."] + exclude.map { ":(exclude)" + $0 }
        do {
            _ = try Self.git(arguments, in: root)
            _ = try Self.run("/usr/bin/env", ["tar", "-xf", archive, "-C", extracted], in: root)
            try? FileManager.default.removeItem(atPath: archive)
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw error
        }
    }

    deinit { try? FileManager.default.removeItem(atPath: temporary) }

    /// Removes the extracted tree now.
    public func remove() { try? FileManager.default.removeItem(atPath: temporary) }

    /// The short form of the commit (12 hex digits).
    public var shortCommit: String { String(commit.prefix(12)) }

    // Runs git in `directory`; its standard output, or an error with git's message.
    static func git(_ arguments: [String], in directory: String) throws(GitOpsError) -> String {
        try run("/usr/bin/env", ["git"] + arguments, in: directory)
    }

    private static func run(_ executable: String, _ arguments: [String], in directory: String) throws(GitOpsError)
        -> String
    {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw GitOpsError(
                code: .repository,
                message: "cannot run \(arguments.first ?? executable): \(error.localizedDescription)",
                hint: "ffgen diff --base needs git on the PATH")
        }
        // Read both pipes before waiting, so a large output cannot fill a pipe and block the child.
        let group = DispatchGroup()
        nonisolated(unsafe) var errorData = Data()
        group.enter()
        DispatchQueue.global().async {
            errorData = errors.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        let stderr = String(decoding: errorData, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard process.terminationStatus == 0 else {
            // rev-parse --quiet reports an unknown revision by its status alone.
            if arguments.contains("--quiet") { return "" }
            throw GitOpsError(
                code: .repository,
                message: "\(arguments.prefix(2).joined(separator: " ")) failed in \(directory)"
                    + (stderr.isEmpty ? "" : ": " + stderr))
        }
        return String(decoding: outputData, as: UTF8.self)
    }
}
