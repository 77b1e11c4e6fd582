/// An environment that does not render (Helm would refuse it too): reported so that lint still covers the
/// other environments and the value checks of this one.
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
            env.renderError.map {
                env.finding("render.failed", .error, at: env.location(""), $0,
                    hint: "fix the values named above; `ffgen render --env \(env.id)` shows the same error")
            }
        }
    }
}
