import Values

/// The identity of a Kubernetes object in a diff: (apiVersion, kind, namespace, name).
public struct ObjectKey: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// `apiVersion`.
    public var apiVersion: String
    /// `kind`.
    public var kind: String
    /// `metadata.namespace`, empty when unset.
    public var namespace: String
    /// `metadata.name`.
    public var name: String

    /// A key from its four parts.
    public init(apiVersion: String, kind: String, namespace: String, name: String) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.namespace = namespace
        self.name = name
    }

    /// The key of a rendered object.
    public init(_ object: RenderedObject) {
        self.init(apiVersion: object.apiVersion, kind: object.kind, namespace: object.namespace, name: object.name)
    }

    /// `namespace/name`, or `name` for an object without a namespace.
    public var qualifiedName: String { namespace.isEmpty ? name : namespace + "/" + name }

    /// `Kind namespace/name (apiVersion)`.
    public var description: String { "\(kind) \(qualifiedName) (\(apiVersion))" }

    /// Ordered by kind, namespace, name, then apiVersion, so a report reads kind by kind.
    public static func < (lhs: ObjectKey, rhs: ObjectKey) -> Bool {
        (lhs.kind, lhs.namespace, lhs.name, lhs.apiVersion) < (rhs.kind, rhs.namespace, rhs.name, rhs.apiVersion)
    }
}

/// Whether a change alters what reaches the cluster.
public enum Impact: Int, Sendable, Comparable, CustomStringConvertible {
    /// The object applied to the cluster changes.
    case cluster = 0
    /// Only the order of list elements changes (same elements, same values).
    case order = 1
    /// Nothing reaches the cluster: the `# Source:` comment or the YAML formatting changed.
    case cosmetic = 2

    /// `cluster`, `order` or `cosmetic`.
    public var description: String {
        switch self {
        case .cluster: "cluster"
        case .order: "order"
        case .cosmetic: "cosmetic"
        }
    }

    /// Cluster-affecting changes sort first.
    public static func < (lhs: Impact, rhs: Impact) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// One changed field of an object, by path (`spec.dnsNames[2]`).
public struct FieldChange: Sendable {
    /// What happened to the field.
    public enum Kind: String, Sendable {
        /// A scalar (or a value of another type) replaced.
        case changed
        /// A field or list element that only the new side has.
        case added
        /// A field or list element that only the old side has.
        case removed
        /// A list element present on both sides at another position.
        case moved
        /// A multi-line string; `lines` holds the line diff.
        case lines
        /// A secret value: only its hashes are shown.
        case masked
        /// The `# Source:` comment or the YAML text changed, not the object.
        case text
    }

    /// The field's path: `spec.dnsNames[2]`, `spec.containers[name=web].image`, `metadata.labels["a/b"]`.
    public var path: String
    /// What happened.
    public var kind: Kind
    /// The old value (nil for `added`, `masked`).
    public var old: Value?
    /// The new value (nil for `removed`, `masked`).
    public var new: Value?
    /// For `moved`: the element's index in the old and in the new list.
    public var move: (from: Int, to: Int)?
    /// For `lines`: the line diff of the two strings.
    public var lines: [LineDiff.Edit] = []
    /// For `masked`: short fingerprints of the old and new values (nil when the side has none).
    public var hashes: (old: String?, new: String?) = (nil, nil)
    /// Whether the change reaches the cluster.
    public var impact: Impact

    /// A change; the optional parts are set by the caller. Secrets inside the values (credential keys, the
    /// `value` of a credential-named entry) are replaced by fingerprints here, so no output can print them.
    public init(path: String, kind: Kind, old: Value? = nil, new: Value? = nil, impact: Impact = .cluster) {
        self.path = path
        self.kind = kind
        self.old = old.map(SecretMasking.redacted)
        self.new = new.map(SecretMasking.redacted)
        self.impact = impact
    }
}

/// One object added, removed or changed.
public struct ObjectDiff: Sendable {
    /// Added, removed or changed.
    public enum Status: String, Sendable {
        /// Only the new side has it.
        case added
        /// Only the old side has it.
        case removed
        /// Both sides have it and it differs.
        case changed
    }

    /// The object's key on the new side (the old side for a removed object).
    public var key: ObjectKey
    /// The old side's key when it differs (objects matched across two environments by their name pattern).
    public var oldKey: ObjectKey?
    /// The Application that rendered it (`_root` for the root Application).
    public var application: String
    /// Added, removed or changed.
    public var status: Status
    /// For a changed object: its changed fields, cluster-affecting first.
    public var changes: [FieldChange]
    /// The file path and content on the old side (nil for an added object).
    public var old: (path: String, content: String)?
    /// The file path and content on the new side (nil for a removed object).
    public var new: (path: String, content: String)?

    /// An object's differences.
    public init(
        key: ObjectKey, oldKey: ObjectKey? = nil, application: String, status: Status, changes: [FieldChange],
        old: (path: String, content: String)?, new: (path: String, content: String)?
    ) {
        self.key = key
        self.oldKey = oldKey
        self.application = application
        self.status = status
        self.changes = changes
        self.old = old
        self.new = new
    }

    /// The most significant impact of the object's changes (added and removed objects reach the cluster).
    public var impact: Impact { status == .changed ? changes.map(\.impact).min() ?? .cosmetic : .cluster }
}

/// The differences of one environment.
public struct EnvironmentDiff: Sendable {
    /// Added, removed or changed, as for objects.
    public var status: ObjectDiff.Status
    /// `org/env`, or `org/a → org/b` when two environments are compared.
    public var name: String
    /// The changed objects: cluster-affecting first, then by key.
    public var objects: [ObjectDiff]

    /// An environment's differences.
    public init(status: ObjectDiff.Status, name: String, objects: [ObjectDiff]) {
        self.status = status
        self.name = name
        self.objects = objects
    }

    /// Objects only the new side has.
    public var added: Int { objects.count { $0.status == .added } }
    /// Objects only the old side has.
    public var removed: Int { objects.count { $0.status == .removed } }
    /// Changed objects whose changes reach the cluster.
    public var changed: Int { objects.count { $0.status == .changed && $0.impact != .cosmetic } }
    /// Changed objects whose changes are cosmetic only.
    public var cosmetic: Int { objects.count { $0.status == .changed && $0.impact == .cosmetic } }
}

/// What a diff found: the environments that differ, and what was compared.
public struct DiffReport: Sendable {
    /// What the old side is (`HEAD~1`, `fitfile/ff-test-a`).
    public var oldLabel: String
    /// What the new side is (`working tree`, `fitfile/ff-a`).
    public var newLabel: String
    /// The environments with differences, in environment order.
    public var environments: [EnvironmentDiff]
    /// How many environments were compared.
    public var compared: Int

    /// A report.
    public init(oldLabel: String, newLabel: String, environments: [EnvironmentDiff], compared: Int) {
        self.oldLabel = oldLabel
        self.newLabel = newLabel
        self.environments = environments
        self.compared = compared
    }

    /// Whether anything differs (`ffgen diff` exits 1).
    public var hasDifferences: Bool { !environments.isEmpty }
}

/// The same kind of change counted across every object and environment of a report: what a chart change does
/// everywhere, at a glance.
public struct ChangePattern: Sendable {
    /// The object kind (`Certificate`).
    public var kind: String
    /// The field path with list positions and names generalised (`spec.dnsNames[*]`, `…[name=*].image`), or
    /// empty for whole objects added or removed.
    public var path: String
    /// `added`, `removed`, `changed`, `moved`, `lines`, `masked` or `text`; for whole objects, `object added` or
    /// `object removed`.
    public var change: String
    /// The old and new values when every occurrence has the same ones (never for masked fields).
    public var values: (old: Value?, new: Value?)?
    /// How many objects show it.
    public var objects: Int
    /// How many environments.
    public var environments: Int
}

extension DiffReport {
    /// Every pattern of change, the most widespread first (then by kind and path).
    public var patterns: [ChangePattern] {
        struct Group {
            var pattern: ChangePattern
            var environments: Set<String>
            var uniform: Bool
        }
        var groups: [String: Group] = [:]
        var order: [String] = []
        func add(_ environment: String, kind: String, path: String, change: String, old: Value?, new: Value?) {
            let id = kind + "\u{0}" + path + "\u{0}" + change
            if var group = groups[id] {
                group.pattern.objects += 1
                group.environments.insert(environment)
                if group.uniform, let values = group.pattern.values,
                    !Self.same(values.old, old) || !Self.same(values.new, new)
                {
                    group.uniform = false
                    group.pattern.values = nil
                }
                groups[id] = group
            } else {
                let values: (Value?, Value?)? = change == "masked" ? nil : (old, new)
                groups[id] = Group(
                    pattern: ChangePattern(
                        kind: kind, path: path, change: change, values: values, objects: 1, environments: 0),
                    environments: [environment], uniform: values != nil)
                order.append(id)
            }
        }
        for environment in environments {
            for object in environment.objects {
                switch object.status {
                case .added, .removed:
                    add(
                        environment.name, kind: object.key.kind, path: "", change: "object " + object.status.rawValue,
                        old: nil, new: nil)
                case .changed:
                    // One count per object and pattern, however many elements of a list it touches.
                    var seen = Set<String>()
                    for change in object.changes {
                        let path = Self.generalised(change.path)
                        guard seen.insert(path + "\u{0}" + change.kind.rawValue).inserted else { continue }
                        add(
                            environment.name, kind: object.key.kind, path: path, change: change.kind.rawValue,
                            old: change.old, new: change.new)
                    }
                }
            }
        }
        return order.compactMap { id -> ChangePattern? in
            guard let group = groups[id] else { return nil }
            var pattern = group.pattern
            pattern.environments = group.environments.count
            return pattern
        }.sorted { lhs, rhs in
            if lhs.objects != rhs.objects { return lhs.objects > rhs.objects }
            return (lhs.kind, lhs.path, lhs.change) < (rhs.kind, rhs.path, rhs.change)
        }
    }

    private static func same(_ a: Value?, _ b: Value?) -> Bool {
        switch (a, b) {
        case (nil, nil): true
        case (let x?, let y?): x.deepEquals(y)
        default: false
        }
    }

    // `a[3].b[name=web]` → `a[*].b[name=*]`.
    static func generalised(_ path: String) -> String {
        var out = ""
        var inBracket = false
        var bracket = ""
        for character in path {
            if inBracket {
                if character == "]" {
                    inBracket = false
                    if bracket.hasPrefix("name=") {
                        out += "[name=*]"
                    } else if bracket.first == "\"" {
                        out += "[" + bracket + "]"
                    } else {
                        out += "[*]"
                    }
                } else {
                    bracket.append(character)
                }
            } else if character == "[" {
                inBracket = true
                bracket = ""
            } else {
                out.append(character)
            }
        }
        return out
    }
}
