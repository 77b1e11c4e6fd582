import GoTemplate
import GoTemplate
import Values

/// `.Release` inputs. Helm: common.ReleaseOptions (`helm template` renders as a first install).
public struct ReleaseOptions: Sendable {
    /// `.Release.Name`.
    public var name: String
    /// `.Release.Namespace`.
    public var namespace: String
    /// `.Release.Revision`.
    public var revision: Int64 = 1
    /// `.Release.IsInstall`.
    public var isInstall = true
    /// `.Release.IsUpgrade`.
    public var isUpgrade = false

    /// Options for a first install of `name` into `namespace`.
    public init(name: String, namespace: String) {
        self.name = name
        self.namespace = namespace
    }

    /// `.Release` as templates see it. Helm: util.ToRenderValues.
    public var templateMap: ValueMap {
        ValueMap(
            sortedKeys: ["IsInstall", "IsUpgrade", "Name", "Namespace", "Revision", "Service"],
            values: [
                .bool(isInstall), .bool(isUpgrade), .string(name), .string(namespace), .int(revision), .string("Helm"),
            ])
    }

    /// Helm: chartutil.ValidateReleaseName — at most 53 characters of a DNS-1123 subdomain — as the install
    /// action reports it (`release name check failed: …`).
    public static func validate(releaseName name: String) throws {
        if name.isEmpty {
            throw HelmError(code: .releaseName, message: "release name check failed: no name provided")
        }
        let labelsValid = name.utf8.split(separator: 0x2E, omittingEmptySubsequences: false).allSatisfy { label in
            guard let first = label.first, let last = label.last else { return false }
            let alnum: (UInt8) -> Bool = { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x7A) }
            return alnum(first) && alnum(last) && label.allSatisfy { alnum($0) || $0 == 0x2D }
        }
        if !labelsValid || name.utf8.count > 53 {
            throw HelmError(
                code: .releaseName,
                message: "release name check failed: release name \"\(name)\": invalid release name, must match regex "
                    + "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$ and the length must not be "
                    + "longer than 53",
                hint: "use lower-case letters, digits, '-' and '.', at most 53 characters")
        }
    }
}

/// `.Capabilities`. Helm: common.Capabilities (a pointer to a struct of KubeVersion, APIVersions, HelmVersion).
public final class Capabilities: TemplateObject, @unchecked Sendable {
    /// `.Capabilities.KubeVersion`.
    public let kubeVersion: KubeVersion
    /// `.Capabilities.APIVersions`.
    public let apiVersions: VersionSet
    /// `.Capabilities.HelmVersion`.
    public let helmVersion: HelmBuildInfo

    /// Helm's offline defaults: Kubernetes v1.36.0 and the API versions of its client-go scheme, plus `extra`.
    public init(kubeVersion: KubeVersion = KubeVersion(major: 1, minor: 36), extraAPIVersions: [String] = []) {
        self.kubeVersion = kubeVersion
        self.apiVersions = VersionSet(VersionSet.defaultVersions + extraAPIVersions)
        self.helmVersion = HelmBuildInfo()
    }

    /// Go's type name.
    public var goTypeName: String { "*common.Capabilities" }
    /// A pointer to a struct.
    public var goKind: String { "ptr" }

    /// Struct fields.
    public func field(_ name: String) -> Value? {
        switch name {
        case "KubeVersion": return .object(kubeVersion)
        case "APIVersions": return .object(apiVersions)
        case "HelmVersion": return .object(helmVersion)
        default: return nil
        }
    }

    /// `%v` of the struct: nested structs print their fields (`{v1.36.0 v1.36.0 1 36}`).
    public var goString: String {
        "{\(kubeVersion.structString) \(apiVersions.goString) \(helmVersion.goString)}"
    }

    /// encoding/json form.
    public var serialized: Value {
        .object(
            GoStruct(
                goTypeName,
                [
                    ("KubeVersion", kubeVersion.serialized), ("APIVersions", apiVersions.serialized),
                    ("HelmVersion", helmVersion.serialized),
                ],
                yaml: [
                    ("kubeversion", kubeVersion.serialized), ("apiversions", apiVersions.serialized),
                    ("helmversion", helmVersion.serialized),
                ]))
    }
}

/// `.Capabilities.KubeVersion`. Helm: common.KubeVersion (`String()` and `GitVersion()` methods).
public final class KubeVersion: TemplateObject, TemplateMethodSignatures, @unchecked Sendable {
    /// `Version`, for example `v1.36.0`.
    public let version: String
    /// The version used for constraint checks.
    public let normalizedVersion: String
    /// `Major`.
    public let major: String
    /// `Minor`.
    public let minor: String

    /// `vMAJOR.MINOR.0`.
    public init(major: UInt64, minor: UInt64) {
        version = "v\(major).\(minor).0"
        normalizedVersion = version
        self.major = String(major)
        self.minor = String(minor)
    }

    /// Parses `--kube-version` (`1.30`, `v1.30.2`, `v1.33.4-gke.1`). Helm: common.ParseKubeVersion.
    public init(parsing text: String) throws {
        var core = Substring(text)
        if core.hasPrefix("v") { core = core.dropFirst() }
        let numeric = core.prefix { ($0.isASCII && $0.isNumber) || $0 == "." }
        let parts = numeric.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count >= 2, parts.allSatisfy({ !$0.isEmpty }), let major = UInt64(parts[0]),
            let minor = UInt64(parts[1])
        else {
            throw HelmError(code: .values, message: "could not parse \(GoQuote.quote(text)) as version")
        }
        version = text.hasPrefix("v") ? text : "v" + text
        // k8s.io/apimachinery ParseGeneric keeps the numeric components it read (`1.28+` is `v1.28`).
        normalizedVersion = "v" + parts.joined(separator: ".")
        self.major = String(major)
        self.minor = String(minor)
    }

    /// Go's type name.
    public var goTypeName: String { "common.KubeVersion" }

    /// Struct fields.
    public func field(_ name: String) -> Value? {
        switch name {
        case "Version": return .string(version)
        case "Major": return .string(major)
        case "Minor": return .string(minor)
        default: return nil
        }
    }

    /// `String` and `GitVersion`.
    public func hasMethod(_ name: String) -> Bool { name == "String" || name == "GitVersion" }
    /// Both methods take no arguments.
    public func methodSignature(_ name: String) -> (parameters: [GoType], variadic: GoType?)? {
        hasMethod(name) ? ([], nil) : nil
    }

    /// Calls `String()` or `GitVersion()`.
    public func callMethod(_ name: String, _ arguments: [Value]) throws -> Value {
        guard arguments.isEmpty else {
            throw TemplateObjectError("wrong number of args for \(name): want 0 got \(arguments.count)")
        }
        return .string(name == "String" ? normalizedVersion : version)
    }

    /// What `{{ .Capabilities.KubeVersion }}` prints (the pointer's `String()`).
    public var goString: String { normalizedVersion }

    /// `%v` of the struct value when nested in `.Capabilities` (unexported field included).
    var structString: String { "{\(version) \(normalizedVersion) \(major) \(minor)}" }

    /// `.Capabilities.KubeVersion` passed to a function (`quote`, `print`, `include`) is a copy of the struct,
    /// whose `String()` (a pointer method) no longer applies: it prints as `{v1.36.0 v1.36.0 1 36}`.
    public var interfaceCopy: (any TemplateObject)? { KubeVersionCopy(self) }

    /// encoding/json form (exported fields).
    public var serialized: Value {
        .object(
            GoStruct(
                goTypeName, [("Version", .string(version)), ("Major", .string(major)), ("Minor", .string(minor))],
                yaml: [("version", .string(version)), ("major", .string(major)), ("minor", .string(minor))]))
    }
}

/// A copy of `.Capabilities.KubeVersion` held in an `interface{}`: the same fields, without the pointer methods
/// `String` and `GitVersion`, printed as the struct.
final class KubeVersionCopy: TemplateObject, @unchecked Sendable {
    let original: KubeVersion

    init(_ original: KubeVersion) { self.original = original }

    var goTypeName: String { original.goTypeName }
    func field(_ name: String) -> Value? { original.field(name) }
    var goString: String { original.structString }
    var serialized: Value { original.serialized }
}

/// `.Capabilities.APIVersions`. Helm: common.VersionSet (a `[]string` with a `Has` method).
public final class VersionSet: TemplateObject, TemplateCollection, TemplateMethodSignatures, @unchecked Sendable {
    /// The versions, in order.
    public let versions: [String]

    /// Creates a set.
    public init(_ versions: [String]) { self.versions = versions }

    /// Go's type name.
    public var goTypeName: String { "common.VersionSet" }
    /// A slice type.
    public var goKind: String { "slice" }
    /// An empty slice is false.
    public var isTruthy: Bool { !versions.isEmpty }

    /// Slices have no fields.
    public func field(_ name: String) -> Value? { nil }
    /// The strings, for `len`, `range` and `index`.
    public var elements: Value { .list(versions.map { .string($0) }) }
    /// `Has(string)`.
    public func methodSignature(_ name: String) -> (parameters: [GoType], variadic: GoType?)? {
        name == "Has" ? ([.string], nil) : nil
    }
    /// `Has`.
    public func hasMethod(_ name: String) -> Bool { name == "Has" }

    /// `Has "apps/v1"`: exact membership.
    public func callMethod(_ name: String, _ arguments: [Value]) throws -> Value {
        guard arguments.count == 1 else {
            throw TemplateObjectError("wrong number of args for Has: want 1 got \(arguments.count)")
        }
        guard case .string(let version) = arguments[0] else {
            throw TemplateObjectError("wrong type for value; expected string; got \(arguments[0].goTypeName)")
        }
        return .bool(versions.contains(version))
    }

    /// `[v1 apps/v1 …]`.
    public var goString: String { "[" + versions.joined(separator: " ") + "]" }
    /// The list of strings.
    public var serialized: Value { .list(versions.map { .string($0) }) }

    /// The group versions Helm v4.2.3's client-go scheme registers, in its order (from `toJson .Capabilities`).
    public static let defaultVersions: [String] = [
        "v1", "admissionregistration.k8s.io/v1", "admissionregistration.k8s.io/v1alpha1",
        "admissionregistration.k8s.io/v1beta1", "internal.apiserver.k8s.io/v1alpha1", "apps/v1", "apps/v1beta1",
        "apps/v1beta2", "authentication.k8s.io/v1", "authentication.k8s.io/v1alpha1", "authentication.k8s.io/v1beta1",
        "authorization.k8s.io/v1", "authorization.k8s.io/v1beta1", "autoscaling/v1", "autoscaling/v2", "batch/v1",
        "batch/v1beta1", "certificates.k8s.io/v1", "certificates.k8s.io/v1beta1", "certificates.k8s.io/v1alpha1",
        "coordination.k8s.io/v1alpha2", "coordination.k8s.io/v1beta1", "coordination.k8s.io/v1", "discovery.k8s.io/v1",
        "discovery.k8s.io/v1beta1", "events.k8s.io/v1", "events.k8s.io/v1beta1", "extensions/v1beta1",
        "flowcontrol.apiserver.k8s.io/v1", "flowcontrol.apiserver.k8s.io/v1beta1", "flowcontrol.apiserver.k8s.io/v1beta2",
        "flowcontrol.apiserver.k8s.io/v1beta3", "networking.k8s.io/v1", "networking.k8s.io/v1beta1", "node.k8s.io/v1",
        "node.k8s.io/v1alpha1", "node.k8s.io/v1beta1", "policy/v1", "policy/v1beta1", "rbac.authorization.k8s.io/v1",
        "rbac.authorization.k8s.io/v1beta1", "rbac.authorization.k8s.io/v1alpha1", "resource.k8s.io/v1",
        "resource.k8s.io/v1beta2", "resource.k8s.io/v1beta1", "resource.k8s.io/v1alpha3", "scheduling.k8s.io/v1alpha2",
        "scheduling.k8s.io/v1beta1", "scheduling.k8s.io/v1", "storage.k8s.io/v1beta1", "storage.k8s.io/v1",
        "storage.k8s.io/v1alpha1", "storagemigration.k8s.io/v1beta1", "apiextensions.k8s.io/v1beta1",
        "apiextensions.k8s.io/v1",
    ]
}

/// `.Capabilities.HelmVersion`. Helm: internal/version.BuildInfo of the reference Helm build (v4.2).
public final class HelmBuildInfo: TemplateObject, @unchecked Sendable {
    /// `Version`.
    public let version = "v4.2"
    /// `GoVersion`.
    public let goVersion = "go1.26.6"
    /// `KubeClientVersion`.
    public let kubeClientVersion = "v1.36"

    /// Creates the reference build info.
    public init() {}

    /// Go's type name.
    public var goTypeName: String { "version.BuildInfo" }

    /// Struct fields (GitCommit and GitTreeState are empty in the reference build).
    public func field(_ name: String) -> Value? {
        switch name {
        case "Version": return .string(version)
        case "GitCommit", "GitTreeState": return .string("")
        case "GoVersion": return .string(goVersion)
        case "KubeClientVersion": return .string(kubeClientVersion)
        default: return nil
        }
    }

    /// `{v4.2   go1.26.6 v1.36}`.
    public var goString: String { "{\(version)   \(goVersion) \(kubeClientVersion)}" }

    /// encoding/json form (`omitempty` drops the empty git fields); go-yaml keeps them.
    public var serialized: Value {
        .object(
            GoStruct(
                goTypeName,
                [
                    ("version", .string(version)), ("go_version", .string(goVersion)),
                    ("kube_client_version", .string(kubeClientVersion)),
                ],
                yaml: [
                    ("version", .string(version)), ("gitcommit", .string("")), ("gittreestate", .string("")),
                    ("goversion", .string(goVersion)), ("kubeclientversion", .string(kubeClientVersion)),
                ]))
    }
}
