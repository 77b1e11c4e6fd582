import ArgumentParser
import Foundation
import GitOps

/// `ffgen render`: every environment of a GitOps repository into the generated tree, the way ArgoCD renders it.
struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Render every environment of this repository into the generated tree, as ArgoCD would.",
        discussion: """
            Renders the app-of-apps chart (charts/ffnode) for each ffnodes/<org>/<env>/values.yaml, then every \
            Application whose source is a chart of this repository, recursively, and writes one file per object \
            under generated/ (see docs/render.md). Exit status: 0 success, 1 --check found differences, 2 error.
            """
    )

    @Option(name: .customLong("root"), help: "The repository root (default: found from the current folder upwards).")
    var root: String?

    @Option(name: .customLong("env"), help: "Render only this environment, ORG/ENV (repeatable).")
    var environments: [String] = []

    @Option(name: .customLong("out"), help: "The output folder (default: `output` of ffgen.yaml, else generated).")
    var output: String?

    @Flag(name: .customLong("check"), help: "Write nothing; exit 1 and list the files that differ.")
    var check = false

    @Option(name: .customLong("threads"), help: .hidden)
    var threads: Int?

    func run() throws {
        let start = ContinuousClock.now
        do {
            let rootPath = try root.map { path throws(GitOpsError) in
                guard FileManager.default.fileExists(atPath: path) else {
                    throw GitOpsError(code: .repository, message: "no folder \(path)")
                }
                return URL(fileURLWithPath: path).standardizedFileURL.path
            } ?? RepositoryConfig.findRoot(from: FileManager.default.currentDirectoryPath)
            var config = try RepositoryConfig.load(root: rootPath)
            if let output {
                config.outputDirectory = URL(fileURLWithPath: output).standardizedFileURL.path
            }
            let selected = try EnvironmentDiscovery.environments(config: config, selection: environments)
            let result = try RepositoryRenderer(config: config).render(
                environments: selected, threads: threads ?? ProcessInfo.processInfo.activeProcessorCount)
            let writer = TreeWriter(outputPath: config.outputPath)
            let plan = try writer.plan(files: result.files, scope: environments.isEmpty ? nil : result.scope)
            let summary = RenderSummary(result)
            let elapsed = ContinuousClock.now - start
            if check {
                let differences = writer.differences(plan)
                for line in summary.lines { print(line) }
                if differences.isEmpty {
                    print("check: \(plan.unchanged.count) files up to date in \(display(config.outputPath, config))")
                    print("time: \(seconds(elapsed))")
                    return
                }
                print("check: \(display(config.outputPath, config)) differs from what the values produce:")
                for difference in differences { print("  \(difference)") }
                print("run `ffgen render` and commit the result")
                throw ExitCode(1)
            }
            try writer.apply(plan)
            for line in summary.lines { print(line) }
            print(
                "files: \(plan.create.count) written, \(plan.update.count) updated, \(plan.remove.count) removed, "
                    + "\(plan.unchanged.count) unchanged in \(display(config.outputPath, config))")
            for path in plan.handEdited { print("  replaced hand-edited file: \(path)") }
            print("time: \(seconds(ContinuousClock.now - start))")
        } catch let error as GitOpsError {
            FileHandle.standardError.write(Data(("ffgen render: " + error.description + "\n").utf8))
            throw ExitCode(2)
        }
    }

    private func display(_ path: String, _ config: RepositoryConfig) -> String {
        path.hasPrefix(config.root + "/") ? String(path.dropFirst(config.root.count + 1)) : path
    }

    private func seconds(_ duration: Duration) -> String {
        let ms = duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
        return "\(ms / 1000).\(String(format: "%03d", ms % 1000))s"
    }
}
