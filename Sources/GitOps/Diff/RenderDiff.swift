import Values

/// Compares rendered environments object by object: two revisions of the same environments, or two
/// environments with each other.
public enum RenderDiff {
    /// The differences between `old` and `new` renders of a repository, environment by environment (matched by
    /// `org/env`). Environments only one side has are reported as added or removed with all their objects;
    /// environments whose objects are all the same are left out.
    public static func compare(
        old: [EnvironmentRender], new: [EnvironmentRender], oldLabel: String, newLabel: String
    ) -> DiffReport {
        let oldByID = Dictionary(old.map { ($0.environment.id, $0) }, uniquingKeysWith: { first, _ in first })
        let newByID = Dictionary(new.map { ($0.environment.id, $0) }, uniquingKeysWith: { first, _ in first })
        let ids = Set(oldByID.keys).union(newByID.keys).sorted { lhs, rhs in
            let l = lhs.split(separator: "/", maxSplits: 1).map(String.init)
            let r = rhs.split(separator: "/", maxSplits: 1).map(String.init)
            return l.lexicographicallyPrecedes(r)
        }
        var environments: [EnvironmentDiff] = []
        for id in ids {
            let a = oldByID[id]?.objects ?? []
            let b = newByID[id]?.objects ?? []
            let objects = diffObjects(old: a, new: b, match: { ObjectKey($0) })
            guard !objects.isEmpty || (oldByID[id] == nil) != (newByID[id] == nil) else { continue }
            let status: ObjectDiff.Status = oldByID[id] == nil ? .added : newByID[id] == nil ? .removed : .changed
            environments.append(EnvironmentDiff(status: status, name: id, objects: objects))
        }
        return DiffReport(oldLabel: oldLabel, newLabel: newLabel, environments: environments, compared: ids.count)
    }

    /// The differences between two environments. Objects are matched by (apiVersion, kind, namespace, name)
    /// once each side's environment name is read as a placeholder in names and namespaces, so `fitfile-ff-a` in
    /// namespace `ff-a` pairs with `fitfile-ff-test-a` in `ff-test-a`; the values still differ where they name
    /// the environment, and those fields are reported.
    public static func compare(environment old: EnvironmentRender, with new: EnvironmentRender) -> DiffReport {
        func pattern(_ name: String) -> (RenderedObject) -> ObjectKey {
            { object in
                var key = ObjectKey(object)
                key.name = key.name.replacingOccurrences(of: name, with: "{env}")
                key.namespace = key.namespace.replacingOccurrences(of: name, with: "{env}")
                return key
            }
        }
        // Applications named after the environment (the root's children) are the same Application.
        let applications = { (a: RenderedObject, b: RenderedObject) in
            a.application.replacingOccurrences(of: old.environment.name, with: "{env}")
                == b.application.replacingOccurrences(of: new.environment.name, with: "{env}")
        }
        let oldName = old.environment.name
        let newName = new.environment.name
        let objects = diffObjects(
            old: old.objects, new: new.objects, oldMatch: pattern(oldName), newMatch: pattern(newName),
            sameApplication: applications)
        let label = old.environment.id + " → " + new.environment.id
        let environments = objects.isEmpty ? [] : [EnvironmentDiff(status: .changed, name: label, objects: objects)]
        return DiffReport(
            oldLabel: old.environment.id, newLabel: new.environment.id, environments: environments, compared: 1)
    }

    /// Added, removed and changed objects, cluster-affecting first, then by key.
    public static func diffObjects(
        old: [RenderedObject], new: [RenderedObject], match: (RenderedObject) -> ObjectKey
    ) -> [ObjectDiff] {
        diffObjects(
            old: old, new: new, oldMatch: match, newMatch: match, sameApplication: { $0.application == $1.application })
    }

    private static func diffObjects(
        old: [RenderedObject], new: [RenderedObject], oldMatch: (RenderedObject) -> ObjectKey,
        newMatch: (RenderedObject) -> ObjectKey, sameApplication: (RenderedObject, RenderedObject) -> Bool
    ) -> [ObjectDiff] {
        // Several objects may share a key across Applications: they pair in render order.
        var pending: [ObjectKey: [RenderedObject]] = [:]
        for object in old { pending[oldMatch(object), default: []].append(object) }
        var out: [ObjectDiff] = []
        for object in new {
            let key = newMatch(object)
            if var candidates = pending[key], !candidates.isEmpty {
                let index = candidates.firstIndex { sameApplication($0, object) } ?? 0
                let counterpart = candidates.remove(at: index)
                pending[key] = candidates
                if let diff = diffObject(
                    old: counterpart, new: object, sameApplication: sameApplication(counterpart, object))
                {
                    out.append(diff)
                }
            } else {
                out.append(
                    ObjectDiff(
                        key: ObjectKey(object), application: object.application, status: .added, changes: [],
                        old: nil, new: (object.path, object.content)))
            }
        }
        for object in old where pending[oldMatch(object)]?.contains(object) == true {
            out.append(
                ObjectDiff(
                    key: ObjectKey(object), application: object.application, status: .removed, changes: [],
                    old: (object.path, object.content), new: nil))
        }
        return out.sorted { lhs, rhs in
            if lhs.impact != rhs.impact { return lhs.impact < rhs.impact }
            if lhs.key != rhs.key { return lhs.key < rhs.key }
            return lhs.application < rhs.application
        }
    }

    /// The changes of one object, or nil when its file is the same. The documents are parsed and compared
    /// field by field; when they parse to the same object the change is cosmetic (the `# Source:` line, or
    /// the YAML text).
    public static func diffObject(old: RenderedObject, new: RenderedObject) -> ObjectDiff? {
        diffObject(old: old, new: new, sameApplication: old.application == new.application)
    }

    private static func diffObject(old: RenderedObject, new: RenderedObject, sameApplication: Bool) -> ObjectDiff? {
        guard old.content != new.content else { return nil }
        var changes: [FieldChange] = []
        if !sameApplication {
            changes.append(
                FieldChange(
                    path: "(application)", kind: .changed, old: .string(old.application), new: .string(new.application))
            )
        }
        let parsedOld = try? HelmYAML.parseAny(old.content, file: old.path)
        let parsedNew = try? HelmYAML.parseAny(new.content, file: new.path)
        if let a = parsedOld, let b = parsedNew {
            changes += ValueDiffer(kind: new.kind).diff(a, b)
        } else {
            // Not YAML we can read (cannot happen for rendered objects, which were parsed to be placed): a
            // masked line diff of the text.
            var change = FieldChange(path: "(document)", kind: .lines)
            change.lines = LineDiff.edits(
                LineDiff.lines(SecretMasking.maskText(old.content, kind: old.kind)),
                LineDiff.lines(SecretMasking.maskText(new.content, kind: new.kind)))
            changes.append(change)
        }
        if old.source != new.source {
            changes.append(
                FieldChange(
                    path: "# Source", kind: .text, old: .string(old.source), new: .string(new.source), impact: .cosmetic
                ))
        }
        if changes.isEmpty {
            changes.append(FieldChange(path: "(YAML text)", kind: .text, impact: .cosmetic))
        }
        // Stable: path order within each impact.
        let ordered = changes.enumerated().sorted { ($0.element.impact, $0.offset) < ($1.element.impact, $1.offset) }
        return ObjectDiff(
            key: ObjectKey(new), oldKey: ObjectKey(old) == ObjectKey(new) ? nil : ObjectKey(old),
            application: new.application, status: .changed, changes: ordered.map(\.element),
            old: (old.path, old.content), new: (new.path, new.content))
    }
}
