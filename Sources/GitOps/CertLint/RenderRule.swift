/// An environment that does not render (Helm would refuse it too): reported so that lint still covers the
/// other environments and the value checks of this one. An environment whose values break the schema is left
/// to the schema check, which names each mistake where it is written (Helm stops at the schema too).
public struct RenderRule: LintRule {
    /// Creates the rule.
    public init() {}

    /// The checks of this rule.
    public var checks: [LintCheck] {
        [LintCheck("render.failed", .error, "The environment does not render (ffgen render and ArgoCD would fail).")]
    }

    /// The findings of every environment.
    public func findings(in repository: LintRepository) -> [Finding] {
        repository.environments.compactMap { env in
            let alone = LintRepository(
                config: repository.config, environments: [env], schema: repository.schema,
                schemaFile: repository.schemaFile)
            guard !SchemaRule().findings(in: alone).contains(where: { $0.severity == .error }) else { return nil }
            return env.renderError.map {
                env.finding("render.failed", .error, at: env.location(""), $0,
                    hint: "fix the values named above; `ffgen render --env \(env.id)` shows the same error")
            }
        }
    }
}
