import Values

/// The parts of an ArgoCD `Application` (argoproj.io/v1alpha1) that decide how ArgoCD renders it.
///
/// ArgoCD: pkg/apis/application/v1alpha1/types.go (ApplicationSpec, ApplicationSource, ApplicationSourceHelm).
public struct ArgoApplication: Sendable {
    /// `metadata.name`.
    public var name: String
    /// `metadata.namespace` (empty when unset).
    public var namespace: String
    /// `spec.source`, or every entry of `spec.sources`.
    public var sources: [Source]
    /// `spec.destination.namespace` (empty when unset).
    public var destinationNamespace: String

    /// One `ApplicationSource`.
    public struct Source: Sendable {
        /// `repoURL`.
        public var repoURL: String
        /// `path` (git sources).
        public var path: String?
        /// `chart` (Helm repository sources).
        public var chart: String?
        /// `targetRevision`.
        public var targetRevision: String
        /// `ref` (multi-source value references).
        public var ref: String?
        /// `helm`, when present.
        public var helm: Helm?
        /// `directory`, `kustomize` or `plugin` when the source says it is not a Helm chart.
        public var otherTool: String?
    }

    /// `ApplicationSourceHelm`.
    public struct Helm: Sendable {
        /// `releaseName`.
        public var releaseName: String?
        /// `valueFiles`.
        public var valueFiles: [String] = []
        /// `ignoreMissingValueFiles`.
        public var ignoreMissingValueFiles = false
        /// `values` (a YAML string).
        public var values: String?
        /// `valuesObject`.
        public var valuesObject: ValueMap?
        /// `parameters`: `--set` (or `--set-string` with `forceString`).
        public var parameters: [(name: String, value: String, forceString: Bool)] = []
        /// `fileParameters`: `--set-file`.
        public var fileParameters: [(name: String, path: String)] = []
        /// `namespace`.
        public var namespace: String?
        /// `kubeVersion`.
        public var kubeVersion: String?
        /// `apiVersions`.
        public var apiVersions: [String] = []
        /// `skipCrds`.
        public var skipCrds = false
        /// `skipSchemaValidation`.
        public var skipSchemaValidation = false
    }

    /// Whether a rendered object is an ArgoCD Application.
    public static func isApplication(_ object: ValueMap) -> Bool {
        guard object["kind"]?.stringValue == "Application",
            let apiVersion = object["apiVersion"]?.stringValue
        else { return false }
        return apiVersion.hasPrefix("argoproj.io/")
    }

    /// Reads an Application object; a field of the wrong type is an error naming it.
    public init(object: ValueMap) throws(GitOpsError) {
        let metadata = try Self.map(object["metadata"], "metadata") ?? ValueMap()
        name = try Self.string(metadata["name"], "metadata.name") ?? ""
        namespace = try Self.string(metadata["namespace"], "metadata.namespace") ?? ""
        let spec = try Self.map(object["spec"], "spec") ?? ValueMap()
        let destination = try Self.map(spec["destination"], "spec.destination") ?? ValueMap()
        destinationNamespace = try Self.string(destination["namespace"], "spec.destination.namespace") ?? ""
        var sources: [Source] = []
        if let source = try Self.map(spec["source"], "spec.source") {
            sources.append(try Self.source(source, "spec.source"))
        }
        if let list = try Self.list(spec["sources"], "spec.sources") {
            for (index, item) in list.enumerated() {
                guard let source = try Self.map(item, "spec.sources[\(index)]") else { continue }
                sources.append(try Self.source(source, "spec.sources[\(index)]"))
            }
        }
        self.sources = sources
        if name.isEmpty {
            throw GitOpsError(code: .application, message: "an Application without metadata.name")
        }
    }

    private static func source(_ map: ValueMap, _ field: String) throws(GitOpsError) -> Source {
        var source = Source(
            repoURL: try string(map["repoURL"], field + ".repoURL") ?? "",
            path: try string(map["path"], field + ".path"),
            chart: try string(map["chart"], field + ".chart"),
            targetRevision: try string(map["targetRevision"], field + ".targetRevision") ?? "",
            ref: try string(map["ref"], field + ".ref"))
        for tool in ["directory", "kustomize", "plugin"] where map[tool].map({ !$0.isNull }) ?? false {
            source.otherTool = tool
        }
        if let helm = try self.map(map["helm"], field + ".helm") {
            source.helm = try self.helm(helm, field + ".helm")
        }
        return source
    }

    private static func helm(_ map: ValueMap, _ field: String) throws(GitOpsError) -> Helm {
        var helm = Helm()
        helm.releaseName = try string(map["releaseName"], field + ".releaseName")
        helm.valueFiles = try strings(map["valueFiles"], field + ".valueFiles")
        helm.ignoreMissingValueFiles = try bool(map["ignoreMissingValueFiles"], field + ".ignoreMissingValueFiles")
        helm.values = try string(map["values"], field + ".values")
        helm.valuesObject = try self.map(map["valuesObject"], field + ".valuesObject")
        helm.namespace = try string(map["namespace"], field + ".namespace")
        helm.kubeVersion = try string(map["kubeVersion"], field + ".kubeVersion")
        helm.apiVersions = try strings(map["apiVersions"], field + ".apiVersions")
        helm.skipCrds = try bool(map["skipCrds"], field + ".skipCrds")
        helm.skipSchemaValidation = try bool(map["skipSchemaValidation"], field + ".skipSchemaValidation")
        for (index, item) in (try list(map["parameters"], field + ".parameters") ?? []).enumerated() {
            let entry = "\(field).parameters[\(index)]"
            guard let parameter = try self.map(item, entry) else { continue }
            helm.parameters.append(
                (
                    name: try string(parameter["name"], entry + ".name") ?? "",
                    value: try string(parameter["value"], entry + ".value") ?? "",
                    forceString: try bool(parameter["forceString"], entry + ".forceString")
                ))
        }
        for (index, item) in (try list(map["fileParameters"], field + ".fileParameters") ?? []).enumerated() {
            let entry = "\(field).fileParameters[\(index)]"
            guard let parameter = try self.map(item, entry) else { continue }
            helm.fileParameters.append(
                (name: try string(parameter["name"], entry + ".name") ?? "",
                 path: try string(parameter["path"], entry + ".path") ?? ""))
        }
        return helm
    }

    // MARK: - Typed field access (the CRD's types; a mismatch is what the API server would reject)

    private static func mismatch(_ field: String, _ want: String, _ got: Value) -> GitOpsError {
        GitOpsError(
            code: .application, message: "Application field \(field) must be \(want), got \(got.goTypeName)",
            hint: "fix the template that emits this Application")
    }

    private static func map(_ value: Value?, _ field: String) throws(GitOpsError) -> ValueMap? {
        switch value {
        case nil, .null?: return nil
        case .map(let m)?: return m
        case let other?: throw mismatch(field, "an object", other)
        }
    }

    private static func list(_ value: Value?, _ field: String) throws(GitOpsError) -> [Value]? {
        switch value {
        case nil, .null?: return nil
        case .list(let l)?: return l
        case let other?: throw mismatch(field, "a list", other)
        }
    }

    private static func string(_ value: Value?, _ field: String) throws(GitOpsError) -> String? {
        switch value {
        case nil, .null?: return nil
        case .string(let s)?: return s
        case let other?: throw mismatch(field, "a string", other)
        }
    }

    private static func strings(_ value: Value?, _ field: String) throws(GitOpsError) -> [String] {
        var result: [String] = []
        for (index, item) in (try list(value, field) ?? []).enumerated() {
            guard let s = try string(item, "\(field)[\(index)]") else { continue }
            result.append(s)
        }
        return result
    }

    private static func bool(_ value: Value?, _ field: String) throws(GitOpsError) -> Bool {
        switch value {
        case nil, .null?: return false
        case .bool(let b)?: return b
        case let other?: throw mismatch(field, "a boolean", other)
        }
    }
}
