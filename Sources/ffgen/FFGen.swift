import ArgumentParser

/// The `ffgen` command: Helm-exact rendering for GitOps repositories of ffnode environments.
@main
struct FFGen: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ffgen",
        abstract: "Render Helm charts exactly as Helm does, and a GitOps repository of environments into a reviewed tree.",
        discussion: """
            ffgen re-implements `helm template` (Go templates, Sprig and Helm's chart semantics) and uses it to \
            render every environment of a repository laid out as ffnodes/<org>/<env>/values.yaml plus charts/.
            """,
        version: FFGenVersion.string,
        subcommands: [
            TemplateCommand.self, RenderCommand.self, DiffCommand.self, NewCommand.self, LintCommand.self,
        ]
    )
}

/// The version printed by `ffgen --version`.
enum FFGenVersion {
    static let string = "0.1.0"
}
