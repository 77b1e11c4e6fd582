import Values

/// Field-by-field differences of two parsed objects.
///
/// Maps are compared key by key. Lists are compared by element identity when they have one: maps that all
/// carry a distinct `name` (containers, ports, env, certificates) are matched by it and reported as
/// `path[name=web]`; lists of distinct scalars (`dnsNames`) are matched by value. Elements that kept their
/// value but not their place are reported as `moved`, not as a removal plus an addition. Other lists are
/// compared by position. Secret values are only reported as masked fingerprints.
public struct ValueDiffer: Sendable {
    /// The object's kind (a `Secret`'s `data` and `stringData` are masked).
    public var kind: String

    /// A differ for objects of `kind`.
    public init(kind: String) { self.kind = kind }

    /// The changed fields turning `old` into `new`, in path order.
    public func diff(_ old: Value, _ new: Value) -> [FieldChange] {
        var out: [FieldChange] = []
        compare(old, new, path: "", masked: false, into: &out)
        return out
    }

    private func compare(_ old: Value, _ new: Value, path: String, masked: Bool, into out: inout [FieldChange]) {
        switch (old, new) {
        case (.map(let a), .map(let b)):
            // Under a secret the keys stay visible (which entry changed), never the values.
            compareMaps(a, b, path: path, masked: masked, into: &out)
        case _ where masked:
            if !old.deepEquals(new) { out.append(maskedChange(path, old: old, new: new)) }
        case (.list(let a), .list(let b)):
            compareLists(a, b, path: path, into: &out)
        case (.string(let a), .string(let b)) where a != b && (a.contains("\n") || b.contains("\n")):
            var change = FieldChange(path: path, kind: .lines, old: old, new: new)
            change.lines = LineDiff.edits(LineDiff.lines(a), LineDiff.lines(b))
            out.append(change)
        default:
            if !old.deepEquals(new) { out.append(FieldChange(path: path, kind: .changed, old: old, new: new)) }
        }
    }

    private func compareMaps(_ a: ValueMap, _ b: ValueMap, path: String, masked: Bool, into out: inout [FieldChange]) {
        let keys = Set(a.keys).union(b.keys).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        let namedCredential = SecretMasking.isNamedCredential(b) || SecretMasking.isNamedCredential(a)
        for key in keys {
            let child = Self.child(path, key: key)
            let mask =
                masked || SecretMasking.isCredentialKey(key) || (namedCredential && key == "value")
                || (path.isEmpty && SecretMasking.isSecretData(kind: kind, field: key))
            switch (a[key], b[key]) {
            case (let x?, let y?): compare(x, y, path: child, masked: mask, into: &out)
            case (let x?, nil):
                out.append(
                    mask ? maskedChange(child, old: x, new: nil) : FieldChange(path: child, kind: .removed, old: x))
            case (nil, let y?):
                out.append(
                    mask ? maskedChange(child, old: nil, new: y) : FieldChange(path: child, kind: .added, new: y))
            case (nil, nil): break
            }
        }
    }

    private func compareLists(_ a: [Value], _ b: [Value], path: String, into out: inout [FieldChange]) {
        if let oldIDs = Self.identities(a), let newIDs = Self.identities(b),
            a.isEmpty || b.isEmpty || oldIDs.byName == newIDs.byName
        {
            let byName = a.isEmpty ? newIDs.byName : oldIDs.byName
            let newIndex = Dictionary(uniqueKeysWithValues: newIDs.ids.enumerated().map { ($1, $0) })
            let oldIndex = Dictionary(uniqueKeysWithValues: oldIDs.ids.enumerated().map { ($1, $0) })
            func elementPath(_ id: String, _ index: Int) -> String {
                byName ? path + "[name=" + id + "]" : path + "[\(index)]"
            }
            // A scalar replaced in place (`dnsNames[0]` from one name to another) reads as one change.
            let replaced =
                byName
                ? Set<Int>()
                : Set(
                    oldIDs.ids.indices.filter { i in
                        newIndex[oldIDs.ids[i]] == nil && i < newIDs.ids.count && oldIndex[newIDs.ids[i]] == nil
                    })
            for (i, id) in oldIDs.ids.enumerated() where newIndex[id] == nil {
                if replaced.contains(i) {
                    out.append(FieldChange(path: elementPath(id, i), kind: .changed, old: a[i], new: b[i]))
                } else {
                    out.append(FieldChange(path: elementPath(id, i), kind: .removed, old: a[i]))
                }
            }
            for (j, id) in newIDs.ids.enumerated() where oldIndex[id] == nil && !replaced.contains(j) {
                out.append(FieldChange(path: elementPath(id, j), kind: .added, new: b[j]))
            }
            // Common elements: moved when outside the longest run that kept its relative order.
            let commonOld = oldIDs.ids.filter { newIndex[$0] != nil }
            let commonNew = newIDs.ids.filter { oldIndex[$0] != nil }
            let stable = LineDiff.stableIndices(commonOld, commonNew)
            for (k, id) in commonNew.enumerated() {
                guard let i = oldIndex[id], let j = newIndex[id] else { continue }
                if !stable.contains(k) {
                    var change = FieldChange(
                        path: elementPath(id, j), kind: .moved, old: a[i], new: b[j], impact: .order)
                    change.move = (i, j)
                    out.append(change)
                }
                if byName { compare(a[i], b[j], path: elementPath(id, j), masked: false, into: &out) }
            }
            return
        }
        for index in 0..<max(a.count, b.count) {
            let child = path + "[\(index)]"
            if index >= b.count {
                out.append(FieldChange(path: child, kind: .removed, old: a[index]))
            } else if index >= a.count {
                out.append(FieldChange(path: child, kind: .added, new: b[index]))
            } else {
                compare(a[index], b[index], path: child, masked: false, into: &out)
            }
        }
    }

    // The identity of every element, when each has a distinct one: maps by `name`, scalars by value.
    private static func identities(_ list: [Value]) -> (ids: [String], byName: Bool)? {
        guard let first = list.first else { return ([], true) }
        var ids: [String] = []
        var seen = Set<String>()
        let byName: Bool
        if case .map = first { byName = true } else { byName = false }
        for element in list {
            let id: String
            switch element {
            case .map(let m) where byName:
                guard case .string(let name)? = m["name"] else { return nil }
                id = name
            case .string(let s) where !byName: id = "s:" + s
            case .bool, .int, .float:
                guard !byName else { return nil }
                id = "v:" + GoFormat.describe(element)
            default: return nil
            }
            guard seen.insert(id).inserted else { return nil }
            ids.append(id)
        }
        return (ids, byName)
    }

    private func maskedChange(_ path: String, old: Value?, new: Value?) -> FieldChange {
        var change = FieldChange(path: path, kind: .masked)
        change.hashes = (old.map(SecretMasking.fingerprint), new.map(SecretMasking.fingerprint))
        return change
    }

    /// `parent.key`, or `parent["key"]` when the key is not a plain word (`metadata.labels["app.k8s.io/name"]`).
    public static func child(_ parent: String, key: String) -> String {
        let plain =
            !key.isEmpty
            && key.utf8.allSatisfy { byte in
                switch byte {
                case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x2D, 0x5F: true
                default: false
                }
            }
        if plain { return parent.isEmpty ? key : parent + "." + key }
        return parent + "[\"" + key + "\"]"
    }
}
