import Values

/// RBAC in the generated tree that could read the Let's Encrypt account key: any Role in cert-manager's
/// namespace, or ClusterRole, granting read access to all Secrets; and any binding of a Role naming the key to
/// someone other than cert-manager's service account.
public struct SecretAccessRule: LintRule {
    /// The Secret holding the production ACME account key (charts/certs cluster-issuer.yaml).
    public static let issuerKey = "letsencrypt-cluster-issuer-key"
    /// cert-manager's namespace and service account (jetstack chart defaults, charts/ffnode values).
    public static let certManagerNamespace = "cert-manager"
    /// cert-manager's controller service account.
    public static let certManagerServiceAccount = "cert-manager"

    /// Creates the rule.
    public init() {}

    /// The checks of this rule.
    public var checks: [LintCheck] {
        [
            LintCheck("rbac.secret-access", .error, "A Role or ClusterRole in the generated tree grants read access to every Secret in cert-manager's namespace."),
            LintCheck("rbac.issuer-key-access", .error, "The issuer key's Role is bound to someone other than cert-manager's service account."),
        ]
    }

    private static let readVerbs: Set<String> = ["get", "list", "watch", "*"]

    /// The findings of every environment's rendered objects.
    public func findings(in repository: LintRepository) -> [Finding] {
        var out: [Finding] = []
        for env in repository.environments {
            var keyRoles: Set<String> = []
            var parsed: [(RenderedObject, Value)] = []
            for object in env.objects where ["Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding"].contains(object.kind) {
                guard let map = try? HelmYAML.parseValues(object.content) else { continue }
                parsed.append((object, .map(map)))
            }
            for (object, value) in parsed where object.kind == "Role" || object.kind == "ClusterRole" {
                if object.kind == "Role" && object.namespace != Self.certManagerNamespace { continue }
                for rule in value["rules"]?.listValue ?? [] {
                    let groups = strings(rule["apiGroups"])
                    let resources = strings(rule["resources"])
                    let verbs = strings(rule["verbs"])
                    guard groups.contains("") || groups.contains("*"),
                        resources.contains("secrets") || resources.contains("*"),
                        !Self.readVerbs.isDisjoint(with: verbs)
                    else { continue }
                    let names = strings(rule["resourceNames"])
                    if names.isEmpty {
                        let scope = object.kind == "ClusterRole" ? "every namespace, \(Self.certManagerNamespace) included" : "namespace \(Self.certManagerNamespace)"
                        out.append(Finding(id: "rbac.secret-access", severity: .error, environment: env.id,
                            location: FindingLocation(file: treeFile(repository, object)),
                            message: "\(object.kind) \(object.name) grants \(verbs.sorted().joined(separator: ",")) on all Secrets in \(scope), including the Let's Encrypt account key \(Self.issuerKey)",
                            hint: "list the Secrets it needs in resourceNames, or move that workload's Secrets to another namespace"))
                    } else if names.contains(Self.issuerKey) {
                        keyRoles.insert(object.kind + "/" + object.name)
                    }
                }
            }
            for (object, value) in parsed where object.kind.hasSuffix("Binding") {
                let ref = value["roleRef"]
                let target = (ref?["kind"]?.stringValue ?? "") + "/" + (ref?["name"]?.stringValue ?? "")
                guard keyRoles.contains(target) else { continue }
                for subject in value["subjects"]?.listValue ?? [] {
                    let kind = subject["kind"]?.stringValue ?? ""
                    let name = subject["name"]?.stringValue ?? ""
                    let namespace = subject["namespace"]?.stringValue ?? object.namespace
                    if kind == "ServiceAccount" && name == Self.certManagerServiceAccount && namespace == Self.certManagerNamespace {
                        continue
                    }
                    out.append(Finding(id: "rbac.issuer-key-access", severity: .error, environment: env.id,
                        location: FindingLocation(file: treeFile(repository, object)),
                        message: "\(object.kind) \(object.name) lets \(kind) \(namespace.isEmpty ? "" : namespace + "/")\(name) read \(Self.issuerKey) through \(target)",
                        hint: "bind the issuer key's Role only to ServiceAccount \(Self.certManagerNamespace)/\(Self.certManagerServiceAccount)"))
                }
            }
        }
        return out
    }

    private func strings(_ value: Value?) -> Set<String> {
        Set((value?.listValue ?? []).compactMap(\.stringValue))
    }

    private func treeFile(_ repository: LintRepository, _ object: RenderedObject) -> String {
        RepoPath.join(repository.config.outputDirectory, object.path)
    }
}
