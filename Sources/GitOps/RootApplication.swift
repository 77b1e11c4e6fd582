import Values

/// The root Application of one environment: it points ArgoCD at the app-of-apps chart with the environment's
/// values file. Applying it is the one step that bootstraps a cluster; everything else follows from it.
public struct RootApplication: Sendable {
    /// The Application's name (the environment's name).
    public var name: String
    /// The object.
    public var object: ValueMap
    /// The object as YAML, with a comment saying what it is.
    public var text: String

    /// The root Application of `environment`.
    public static func make(environment: Environment, config: RepositoryConfig) throws(GitOpsError) -> RootApplication {
        guard let repoURL = config.repositoryURLs.first else {
            throw GitOpsError(
                code: .configuration,
                message: "no URL for this repository: no repoURLs in ffgen.yaml, no repo.url in "
                    + "\(config.appOfAppsChart)/values.yaml and no git remote origin",
                environment: environment.id, hint: "set repoURLs in ffgen.yaml")
        }
        // valueFiles are relative to the source path (ArgoCD), so go up from the chart to the environment.
        let valuesFile = RepoPath.relative(from: config.appOfAppsChart, to: environment.valuesFile)
        let object = ValueMap([
            ("apiVersion", .string("argoproj.io/v1alpha1")),
            ("kind", .string("Application")),
            ("metadata", .map(ValueMap([
                ("name", .string(environment.name)),
                ("namespace", .string(config.namespace)),
                ("finalizers", .list([.string("resources-finalizer.argocd.argoproj.io")])),
                ("labels", .map(ValueMap([
                    ("app.kubernetes.io/managed-by", .string("ffgen")),
                    ("ffgen.io/environment", .string(environment.organization + "." + environment.name)),
                ]))),
            ]))),
            ("spec", .map(ValueMap([
                ("project", .string(config.project)),
                ("source", .map(ValueMap([
                    ("repoURL", .string(repoURL)),
                    ("targetRevision", .string(config.targetRevision)),
                    ("path", .string(config.appOfAppsChart)),
                    ("helm", .map(ValueMap([
                        ("releaseName", .string(config.releaseName(for: environment))),
                        ("valueFiles", .list([.string(valuesFile)])),
                    ]))),
                ]))),
                ("destination", .map(ValueMap([
                    ("server", .string(config.destinationServer)),
                    ("namespace", .string(config.namespace)),
                ]))),
                ("syncPolicy", .map(ValueMap([
                    ("automated", .map(ValueMap([("prune", .bool(true)), ("selfHeal", .bool(true))]))),
                ]))),
            ]))),
        ])
        let header = "# Root Application of \(environment.id): apply it once to bootstrap the cluster's ArgoCD;\n"
            + "# it renders \(config.appOfAppsChart) with \(environment.valuesFile).\n"
        return RootApplication(name: environment.name, object: object, text: header + HelmYAML.toYaml(.map(object)))
    }
}
