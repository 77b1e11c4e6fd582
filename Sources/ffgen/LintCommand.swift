import ArgumentParser
import Foundation
import GitOps

/// `ffgen lint`: certificate and deployment mistakes in every environment, before ArgoCD finds them.
struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Check every environment's certificates, issuers and RBAC before ArgoCD does.",
        discussion: """
            Checks values against the charts' schemas, DNS names, Certificates (secrets, names, issuers), \
            Let's Encrypt rate limits across environments, the AWS Private CA settings and RBAC on the issuer key \
            (see docs/lint.md). Exit status: 0 no errors, 1 errors (or warnings with --strict), 2 lint could not run.
            """
    )

    /// Output formats.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, sarif
    }

    @Option(name: .customLong("root"), help: "The repository root (default: found from the current folder upwards).")
    var root: String?

    @Option(name: .customLong("env"), help: "Lint only this environment, ORG/ENV (repeatable).")
    var environments: [String] = []

    @Option(name: .customLong("format"), help: "text, json or sarif (SARIF 2.1.0).")
    var format: Format = .text

    @Flag(name: .customLong("strict"), help: "Warnings fail the run too.")
    var strict = false

    @Flag(name: .customLong("color"), inversion: .prefixedNo, help: "Colour the text report (default: on a terminal, unless NO_COLOR is set).")
    var color: Bool?

    func run() throws {
        let report: LintReport
        do {
            let rootPath = try root.map { path throws(GitOpsError) in
                guard FileManager.default.fileExists(atPath: path) else {
                    throw GitOpsError(code: .repository, message: "no folder \(path)")
                }
                return URL(fileURLWithPath: path).standardizedFileURL.path
            } ?? RepositoryConfig.findRoot(from: FileManager.default.currentDirectoryPath)
            let config = try RepositoryConfig.load(root: rootPath)
            let selected = try EnvironmentDiscovery.environments(config: config, selection: environments)
            let repository = LintRepository.load(config: config, environments: selected)
            let linter = CertLinter()
            report = LintReport(
                findings: linter.lint(repository), environments: selected.map(\.id), checks: linter.checks)
        } catch let error as GitOpsError {
            FileHandle.standardError.write(Data(("ffgen lint: " + error.description + "\n").utf8))
            throw ExitCode(2)
        }
        let text: String
        switch format {
        case .text: text = report.text(color: color ?? Self.terminalWantsColor)
        case .json: text = report.json()
        case .sarif: text = report.sarif(version: FFGenVersion.string)
        }
        FileHandle.standardOutput.write(Data(text.utf8))
        if report.fails(strict: strict) { throw ExitCode(1) }
    }

    /// Colour only on a terminal, and never when NO_COLOR is set to anything non-empty (no-color.org).
    static var terminalWantsColor: Bool {
        if let value = ProcessInfo.processInfo.environment["NO_COLOR"], !value.isEmpty { return false }
        if ProcessInfo.processInfo.environment["TERM"] == "dumb" { return false }
        return isatty(STDOUT_FILENO) != 0
    }
}
