import Foundation
import Values

/// One rendered Kubernetes document and the template file it came from.
public struct RenderedManifest: Sendable, Equatable {
    /// The template path, for example `chart/templates/deployment.yaml` (printed as `# Source:`).
    public var path: String
    /// The document text as Helm keeps it (leading whitespace trimmed, trailing kept).
    public var content: String
    /// `apiVersion`, or empty.
    public var apiVersion: String
    /// `kind`, or empty.
    public var kind: String
    /// `metadata.name`, or empty.
    public var name: String

    /// Creates a manifest entry.
    public init(path: String, content: String, apiVersion: String = "", kind: String = "", name: String = "") {
        self.path = path
        self.content = content
        self.apiVersion = apiVersion
        self.kind = kind
        self.name = name
    }
}

/// A document annotated `helm.sh/hook` with known events. Helm: release.Hook.
public struct RenderedHook: Sendable, Equatable {
    /// The manifest (path, content, kind, name).
    public var manifest: RenderedManifest
    /// The lower-cased events, for example `pre-install`.
    public var events: [String]
    /// `helm.sh/hook-weight` through `strconv.Atoi` (0 when absent or invalid).
    public var weight: Int
    /// `helm.sh/hook-delete-policy` entries, lower-cased.
    public var deletePolicies: [String]
}

/// Splits rendered template files into documents and orders them as Helm installs them.
///
/// Helm: pkg/release/v1/util manifest.go (SplitManifests), manifest_sorter.go (SortManifests) and
/// kind_sorter.go (InstallOrder, lessByKind).
public enum ManifestSorter {
    /// Helm: kind_sorter.go InstallOrder.
    public static let installOrder: [String] = [
        "PriorityClass", "Namespace", "NetworkPolicy", "ResourceQuota", "LimitRange", "PodSecurityPolicy",
        "PodDisruptionBudget", "ServiceAccount", "Secret", "SecretList", "ConfigMap", "StorageClass",
        "PersistentVolume", "PersistentVolumeClaim", "CustomResourceDefinition", "ClusterRole", "ClusterRoleList",
        "ClusterRoleBinding", "ClusterRoleBindingList", "Role", "RoleList", "RoleBinding", "RoleBindingList",
        "Service", "DaemonSet", "Pod", "ReplicationController", "ReplicaSet", "Deployment",
        "HorizontalPodAutoscaler", "StatefulSet", "Job", "CronJob", "IngressClass", "Ingress", "APIService",
        "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration",
    ]

    private static let installRank: [String: Int] = Dictionary(
        uniqueKeysWithValues: installOrder.enumerated().map { ($0.element, $0.offset) })

    /// Hook events Helm knows. Helm: manifest_sorter.go `events`.
    static let hookEvents: Set<String> = [
        "pre-install", "post-install", "pre-delete", "post-delete", "pre-upgrade", "post-upgrade", "pre-rollback",
        "post-rollback", "test", "test-success",
    ]

    /// The documents of one rendered file. Helm v4.2.3: SplitManifests — the text loses its leading whitespace
    /// and is split at the regexp `(?:^|\s*\n)---\s*`, so a separator swallows the whitespace before it and
    /// after it (`--- # c` leaves `# c`, `---kind:` leaves `kind:`, and a `---` right after a separator is
    /// content); blank documents are dropped and each document loses its leading whitespace only.
    public static func splitManifests(_ text: String) -> [String] {
        var text = text
        return text.withUTF8(splitManifests(bytes:))
    }

    private static func splitManifests(bytes: UnsafeBufferPointer<UInt8>) -> [String] {
        var start = 0
        while start < bytes.count, isGoSpace(bytes[start]) { start += 1 }
        var documents: [String] = []
        func emit(_ from: Int, _ to: Int) {
            var s = from
            while s < to, isGoSpace(bytes[s]) { s += 1 }
            if s < to { documents.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[s..<to]), as: UTF8.self)) }
        }
        func isDashes(_ at: Int) -> Bool {
            at + 3 <= bytes.count && bytes[at] == 0x2D && bytes[at + 1] == 0x2D && bytes[at + 2] == 0x2D
        }
        // The end of `---\s*` starting at `dashes`.
        func separatorEnd(_ dashes: Int) -> Int {
            var j = dashes + 3
            while j < bytes.count, isRegexpSpace(bytes[j]) { j += 1 }
            return j
        }
        var documentStart = start
        if isDashes(start) { documentStart = separatorEnd(start) }  // `^---`
        // A separator is a run of \s that ends in a newline directly followed by `---`, the run reaching back at
        // most to the document's start: memchr finds the newlines, and the run is measured back from the one that
        // qualifies.
        var searchFrom = documentStart
        while searchFrom < bytes.count, let base = bytes.baseAddress,
            let found = memchr(base + searchFrom, 0x0A, bytes.count - searchFrom)
        {
            let newline = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(found))
            guard isDashes(newline + 1) else {
                searchFrom = newline + 1
                continue
            }
            var runStart = newline
            while runStart > documentStart, isRegexpSpace(bytes[runStart - 1]) { runStart -= 1 }
            emit(documentStart, runStart)
            documentStart = separatorEnd(newline + 1)
            searchFrom = documentStart
        }
        emit(documentStart, bytes.count)
        return documents
    }

    /// Go `unicode.IsSpace` for ASCII bytes (multi-byte spaces are rare enough in manifests to ignore).
    private static func isGoSpace(_ b: UInt8) -> Bool { b == 0x20 || (b >= 0x09 && b <= 0x0D) }

    /// RE2's `\s`: `[\t\n\f\r ]`.
    private static func isRegexpSpace(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0C || b == 0x0D
    }

    /// Splits and classifies rendered files (template path → text) into hooks and ordinary manifests, each list
    /// stably sorted by kind in install order. Helm: SortManifests(files, nil, InstallOrder).
    public static func sort(
        files: [(path: String, content: String)], codecs: HelmCodecs
    ) throws -> (hooks: [RenderedHook], manifests: [RenderedManifest]) {
        var hooks: [RenderedHook] = []
        var manifests: [RenderedManifest] = []
        let ordered = files.sorted { $0.path.utf8Precedes($1.path) }
        for file in ordered {
            if Engine.isPartial(file.path) { continue }  // Helm: strings.HasPrefix(path.Base(filePath), "_")
            if file.content.utf8.allSatisfy(isGoSpace) { continue }  // blank (trimming would copy the text)
            for document in splitManifests(file.content) {
                let head = try SimpleHead(document: document, path: file.path, codecs: codecs)
                let manifest = RenderedManifest(
                    path: file.path, content: document, apiVersion: head.apiVersion, kind: head.kind, name: head.name)
                guard let hookTypes = head.annotations["helm.sh/hook"] else {
                    manifests.append(manifest)
                    continue
                }
                let events = hookTypes.split(separator: ",", omittingEmptySubsequences: false).map {
                    String($0).trimmingASCIIWhitespace().lowercased()
                }
                // Helm skips (drops) a document whose hook list names an unknown event.
                guard events.allSatisfy(hookEvents.contains) else { continue }
                let policies =
                    head.annotations["helm.sh/hook-delete-policy"].map { value in
                        value.split(separator: ",", omittingEmptySubsequences: false).map {
                            String($0).trimmingASCIIWhitespace().lowercased()
                        }
                    } ?? []
                hooks.append(
                    RenderedHook(
                        manifest: manifest, events: events,
                        weight: head.annotations["helm.sh/hook-weight"].flatMap(GoStrconv.atoi) ?? 0,
                        deletePolicies: policies))
            }
        }
        return (
            stableSortedByKind(hooks) { $0.manifest.kind },
            stableSortedByKind(manifests) { $0.kind }
        )
    }

    /// Helm: lessByKind, stable — known kinds in install order first, unknown kinds after them in byte order, equal
    /// kinds in their original order. Each item's rank is looked up once.
    private static func stableSortedByKind<T>(_ items: [T], kind: (T) -> String) -> [T] {
        let unknown = installOrder.count
        let keys = items.map { item -> (rank: Int, kind: String) in
            let k = kind(item)
            return (installRank[k] ?? unknown, k)
        }
        let order = keys.indices.sorted { x, y in
            let (a, b) = (keys[x], keys[y])
            if a.rank != b.rank { return a.rank < b.rank }
            if a.rank == unknown && a.kind != b.kind { return a.kind.utf8Precedes(b.kind) }
            return x < y
        }
        return order.map { items[$0] }
    }

    /// The `helm template` stdout for sorted manifests and hooks: `---\n# Source: path\ncontent\n` per
    /// manifest, the whole trimmed and ended with one newline, then each hook in the same framing.
    /// Helm: action.go renderResources + cmd/template.go.
    public static func templateOutput(
        manifests: [RenderedManifest], hooks: [RenderedHook], crds: [(path: String, content: String)] = []
    ) -> String {
        // Built in one string, reserved up front, piece by piece (no interpolated temporaries).
        var size = 1
        for crd in crds { size += 17 + crd.path.utf8.count + crd.content.utf8.count }
        for m in manifests { size += 17 + m.path.utf8.count + m.content.utf8.count }
        for h in hooks { size += 17 + h.manifest.path.utf8.count + h.manifest.content.utf8.count }
        var out = ""
        out.reserveCapacity(size)
        func append(_ path: String, _ content: String) {
            out += "---\n# Source: "
            out += path
            out += "\n"
            out += content
            out += "\n"
        }
        for crd in crds { append(crd.path, crd.content) }
        for m in manifests { append(m.path, m.content) }
        // Helm trims the manifests' text; it starts with `---` (or is empty), so only its end has whitespace.
        let utf8 = out.utf8
        out.removeSubrange((utf8.lastIndex { !isGoSpace($0) }.map(utf8.index(after:)) ?? utf8.startIndex)...)
        out += "\n"
        for h in hooks { append(h.manifest.path, h.manifest.content) }
        return out
    }
}

/// The fields Helm reads from each document, with Go's type errors. Helm: manifest.go SimpleHead.
private struct SimpleHead {
    var apiVersion = ""
    var kind = ""
    var name = ""
    var annotations: [String: String] = [:]

    /// Go's spelling of SimpleHead's anonymous metadata struct type, as its errors print it.
    private static let metadataType =
        #"struct { Name string "json:\"name\""; Annotations map[string]string "json:\"annotations\"" }"#

    init(document: String, path: String, codecs: HelmCodecs) throws {
        let parsed: Value
        do {
            // Most rendered documents are plain YAML: read just the head fields (same result as the full parse).
            if let head = codecs.manifestHead?(document) {
                parsed = .map(head)
            } else {
                parsed = try codecs.yamlDocument(document)
            }
        } catch {
            throw HelmError(
                code: .manifest, message: "YAML parse error on \(path): " + HelmCodecs.message(of: error),
                location: HelmError.Location(file: path))
        }
        let decoder = GoStructDecoder(
            structName: "SimpleHead", context: ("YAML parse error on ", path), code: .manifest)
        switch parsed {
        case .null: return
        case .map(let map):
            apiVersion = try decoder.string(map, "apiVersion")
            kind = try decoder.string(map, "kind")
            switch map["metadata"] {
            case nil, .null?: break
            case .map(let metadata)?:
                name = try decoder.string(metadata, "name", field: "metadata.name")
                switch metadata["annotations"] {
                case nil, .null?: break
                case .map(let a)?:
                    for (k, v) in a { annotations[k] = try decoder.scalarString(v, field: "metadata.annotations") }
                case let other?:
                    throw decoder.mismatch(other, field: "metadata.annotations", goType: "map[string]string")
                }
            case let other?:
                throw decoder.mismatch(other, field: "metadata", goType: Self.metadataType)
            }
        default:
            throw decoder.notAnObject(parsed, goType: "util.SimpleHead")
        }
    }
}
