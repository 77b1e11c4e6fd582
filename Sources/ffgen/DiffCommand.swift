import ArgumentParser
import Foundation
import GitOps

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `ffgen diff`: what a change does to each environment's rendered objects, or how two environments differ.
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare rendered environments: two environments, or the repository at two git revisions.",
        discussion: """
            ffgen diff ORG/ENV_A ORG/ENV_B compares two environments of the working tree. \
            ffgen diff --base REV [--head REV] [--env ORG/ENV]... renders the repository at REV (read from git \
            objects; the working tree and index are not touched) and compares it with the working tree or --head, \
            reporting only the environments that changed. Objects are matched by apiVersion, kind, namespace and \
            name; changed fields are listed by path, cluster-affecting changes first; Secret data and \
            credential-looking values are masked. Exit status: 0 no differences, 1 differences, 2 error. \
            See docs/diff.md.
            """
    )

    @Argument(help: "Two environments to compare, ORG/ENV_A ORG/ENV_B (instead of --base).")
    var pair: [String] = []

    @Option(name: .customLong("base"), help: "Compare with the repository at this git revision.")
    var base: String?

    @Option(name: .customLong("head"), help: "The new side: this git revision instead of the working tree.")
    var head: String?

    @Option(name: .customLong("env"), help: "Compare only this environment, ORG/ENV (repeatable; with --base).")
    var environments: [String] = []

    @Option(name: .customLong("format"), help: "text (default), markdown, json or unified.")
    var format: String = "text"

    @Option(name: .customLong("color"), help: "auto (default: on a terminal, unless NO_COLOR is set), always or never.")
    var color: String = "auto"

    @Option(
        name: .customLong("max-bytes"),
        help: "With --format markdown: leave out environment sections past this size (PR comments are limited).")
    var maximumBytes: Int?

    @Option(name: .customLong("root"), help: "The repository root (default: found from the current folder upwards).")
    var root: String?

    @Option(name: .customLong("threads"), help: .hidden)
    var threads: Int?

    func run() throws {
        do {
            guard let format = DiffFormatter.Format(rawValue: format) else {
                throw GitOpsError(
                    code: .configuration, message: "unknown format \(format)",
                    hint: "use --format text, markdown, json or unified")
            }
            let useColor: Bool
            switch color {
            case "always": useColor = true
            case "never": useColor = false
            case "auto":
                let noColor = ProcessInfo.processInfo.environment["NO_COLOR"].map { !$0.isEmpty } ?? false
                let dumb = ProcessInfo.processInfo.environment["TERM"] == "dumb"
                useColor = isatty(STDOUT_FILENO) == 1 && !noColor && !dumb
            default:
                throw GitOpsError(
                    code: .configuration, message: "unknown --color \(color)", hint: "use auto, always or never")
            }
            let rootPath =
                try root.map { path throws(GitOpsError) in
                    guard FileManager.default.fileExists(atPath: path) else {
                        throw GitOpsError(code: .repository, message: "no folder \(path)")
                    }
                    return URL(fileURLWithPath: path).standardizedFileURL.path
                } ?? RepositoryConfig.findRoot(from: FileManager.default.currentDirectoryPath)
            let diff = RevisionDiff(
                root: rootPath, selection: environments,
                threads: threads ?? ProcessInfo.processInfo.activeProcessorCount)
            let report: DiffReport
            switch (pair.count, base) {
            case (2, nil):
                guard head == nil, environments.isEmpty else {
                    throw GitOpsError(
                        code: .configuration, message: "--head and --env go with --base, not with two environments")
                }
                report = try diff.compare(environment: pair[0], with: pair[1])
            case (0, let base?):
                report = try diff.compare(base: base, head: head)
            default:
                throw GitOpsError(
                    code: .configuration, message: "give two environments (ORG/ENV_A ORG/ENV_B) or --base REV",
                    hint: "ffgen diff fitfile/ff-test-a fitfile/ff-a, or ffgen diff --base origin/main")
            }
            let text = DiffFormatter(
                format: format, color: useColor && format == .text, maximumBytes: maximumBytes
            ).render(report)
            FileHandle.standardOutput.write(Data(text.utf8))
            if report.hasDifferences { throw ExitCode(1) }
        } catch let error as GitOpsError {
            FileHandle.standardError.write(Data(("ffgen diff: " + error.description + "\n").utf8))
            throw ExitCode(2)
        }
    }
}
