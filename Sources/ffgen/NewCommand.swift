import ArgumentParser
import Foundation
import GitOps

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `ffgen new`: a new environment from a scaffold in templates/, rendered into the generated tree at once.
struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Create ffnodes/ORG/ENV/values.yaml from a scaffold and render the new environment.",
        discussion: """
            Certificate names derive from --domain (argocd.ENV.DOMAIN, ENV.DOMAIN, *.ENV.DOMAIN) or come from \
            --from ORG/ENV (renamed for the new environment) and --certificate. Without --issuer, a name that does \
            not look like production gets letsencrypt-staging. Nothing is written when any check fails. On a \
            terminal, missing options are asked for unless --yes. See docs/new.md. Exit status: 0 success, 2 refused.
            """
    )

    @Argument(help: "The new environment, ORG/ENV (both DNS-1123 labels).")
    var environment: String?

    @Option(name: .customLong("domain"), help: "DNS domain of the certificates (e.g. fitfile.net).")
    var domain: String?

    @Option(name: .customLong("issuer"), help: "letsencrypt-staging, letsencrypt-prod or aws-pca.")
    var issuer: String?

    @Option(name: .customLong("pca-arn"), help: "AWS Private CA ARN (with --issuer aws-pca).")
    var pcaARN: String?

    @Option(name: .customLong("region"), help: "AWS region of the Private CA (with --issuer aws-pca).")
    var region: String?

    @Option(name: .customLong("role-arn"), help: "IAM role of aws-privateca-issuer (default: AWSPCAIssuerRoleForCertManager in the CA's account).")
    var roleARN: String?

    @Flag(name: .customLong("no-cert-manager"), help: "No cert-manager: no issuers, no certificates.")
    var noCertManager = false

    @Option(name: .customLong("certificate"), help: "A certificate NAME=NAMESPACE:DNS[,DNS...] (repeatable).")
    var certificates: [String] = []

    @Option(name: .customLong("vault-path"), help: "Vault kv path of the Cloudflare API token (default: cloudflare).")
    var vaultPath: String?

    @Option(name: .customLong("from"), help: "Start from this environment's values, ORG/ENV.")
    var from: String?

    @Flag(name: .customLong("force"), help: "Replace an existing environment.")
    var force = false

    @Flag(name: .customLong("yes"), help: "Never ask; fail when a required option is missing.")
    var yes = false

    @Flag(name: .customLong("dry-run"), help: "Print the values file and the objects it produces; write nothing.")
    var dryRun = false

    @Option(name: .customLong("root"), help: "The repository root (default: found from the current folder upwards).")
    var root: String?

    func run() throws {
        do {
            let interactive = !yes && isatty(STDIN_FILENO) == 1
            guard let target = environment ?? (interactive ? ask("Environment (ORG/ENV)", default: nil) : nil),
                !target.isEmpty
            else {
                throw ScaffoldError(.missingOption, "missing ORG/ENV", hint: "ffgen new ORG/ENV --domain DOMAIN")
            }
            var options = NewEnvironmentOptions(environment: target)
            options.domain = domain
            if let issuer {
                guard let parsed = ScaffoldIssuer(rawValue: issuer) else {
                    throw ScaffoldError(
                        .conflict, "unknown --issuer \(issuer)", hint: "choose letsencrypt-staging, letsencrypt-prod or aws-pca")
                }
                options.issuer = parsed
            }
            options.pcaARN = pcaARN
            options.region = region
            options.roleARN = roleARN
            options.certManager = !noCertManager
            options.certificates = certificates
            options.vaultPath = vaultPath
            options.from = from
            options.force = force

            var questions = options.missing()
            if questions.contains(where: \.required) {
                guard interactive else {
                    let names = questions.filter(\.required).map(\.option).joined(separator: ", ")
                    throw ScaffoldError(
                        .missingOption, "missing \(names) (stdin is not a terminal\(yes ? ", and --yes" : ""), so ffgen does not ask)",
                        hint: "pass the options on the command line")
                }
                while let question = questions.first {
                    guard let answer = ask(question.prompt, default: question.defaultAnswer) else {
                        throw ScaffoldError(.missingOption, "no answer for \(question.option) (end of input)")
                    }
                    if answer.isEmpty { continue }
                    do {
                        try options.answer(question, with: answer)
                    } catch {
                        FileHandle.standardError.write(Data((error.description + "\n").utf8))
                        continue
                    }
                    questions = options.missing()
                }
            }

            let config = try repositoryConfig()
            let scaffolder = Scaffolder(config: config)
            let plan = try scaffolder.plan(options)
            let valuesFile = plan.environment.valuesFile
            if dryRun {
                print("# \(valuesFile) (dry run: nothing written)")
                print(plan.valuesText, terminator: plan.valuesText.hasSuffix("\n") ? "" : "\n")
                print("---")
                for note in plan.notes { print(note) }
                print("objects: \(plan.objectLines.count) would be written under \(display(config.outputPath, config))/")
                for line in plan.objectLines { print("  " + line) }
                return
            }
            let tree = try scaffolder.write(plan)
            print("\(plan.replaces ? "replaced" : "created") \(valuesFile) (scaffold \(scaffolder.templatesDirectory)/\(plan.scaffold))")
            for note in plan.notes { print(note) }
            print("objects: \(plan.objectLines.count)")
            for line in plan.objectLines { print("  " + line) }
            print(
                "files: \(tree.create.count) written, \(tree.update.count) updated, \(tree.remove.count) removed, "
                    + "\(tree.unchanged.count) unchanged in \(display(config.outputPath, config))")
            print("next: review and commit \(valuesFile) and \(display(config.outputPath, config))/\(plan.render.scope.first ?? "")")
        } catch let error as ScaffoldError {
            FileHandle.standardError.write(Data(("ffgen new: " + error.description + "\n").utf8))
            throw ExitCode(2)
        } catch let error as GitOpsError {
            FileHandle.standardError.write(Data(("ffgen new: " + error.description + "\n").utf8))
            throw ExitCode(2)
        }
    }

    private func repositoryConfig() throws -> RepositoryConfig {
        let rootPath = try root.map { path throws(GitOpsError) in
            guard FileManager.default.fileExists(atPath: path) else {
                throw GitOpsError(code: .repository, message: "no folder \(path)")
            }
            return URL(fileURLWithPath: path).standardizedFileURL.path
        } ?? RepositoryConfig.findRoot(from: FileManager.default.currentDirectoryPath)
        return try RepositoryConfig.load(root: rootPath)
    }

    // Asks on the terminal: the answer, the default for an empty line ("" without one), nil at end of input.
    private func ask(_ prompt: String, default answer: String?) -> String? {
        FileHandle.standardError.write(Data((prompt + (answer.map { " [\($0)]" } ?? "") + ": ").utf8))
        guard let line = readLine() else { return nil }
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        return trimmed.isEmpty ? (answer ?? "") : trimmed
    }

    private func display(_ path: String, _ config: RepositoryConfig) -> String {
        path.hasPrefix(config.root + "/") ? String(path.dropFirst(config.root.count + 1)) : path
    }
}
