import Foundation
import Values

/// One Kubernetes object of the generated tree, with where it came from and the file it is written to.
public struct RenderedObject: Sendable, Equatable {
    /// The environment (`org/env`).
    public var environment: String
    /// The Application whose chart rendered the object (`_root` for the root Application itself).
    public var application: String
    /// `apiVersion`.
    public var apiVersion: String
    /// `kind`.
    public var kind: String
    /// `metadata.namespace`, empty when unset.
    public var namespace: String
    /// `metadata.name`.
    public var name: String
    /// The template that produced it, as Helm's `# Source:` names it.
    public var source: String
    /// The file's bytes.
    public var content: String
    /// The file's path under the output folder.
    public var path: String

    /// The folder standing for "no namespace" (cluster-scoped objects, or namespaced ones that ArgoCD places in
    /// the Application's destination namespace). `_` cannot start a Kubernetes name, so it never collides.
    public static let noNamespaceFolder = "_cluster"
    /// The Application folder of each environment's root Application.
    public static let rootFolder = "_root"

    /// Creates an object; the path is derived from environment, application, namespace, kind and name.
    public init(
        environment: String, application: String, apiVersion: String, kind: String, namespace: String, name: String,
        source: String, document: String
    ) {
        self.environment = environment
        self.application = application
        self.apiVersion = apiVersion
        self.kind = kind
        self.namespace = namespace
        self.name = name
        self.source = source
        self.content = Self.fileContent(source: source, document: document)
        self.path = Self.path(
            environment: environment, application: application, namespace: namespace, kind: kind, name: name)
    }

    /// The file's bytes: a `# Source:` line, then the document as Helm rendered it, trailing whitespace
    /// trimmed, ending in one newline.
    public static func fileContent(source: String, document: String) -> String {
        var bytes = Array(document.utf8)
        while let last = bytes.last, last == 0x20 || last == 0x0A || last == 0x09 || last == 0x0D { bytes.removeLast() }
        return "# Source: " + source + "\n" + String(decoding: bytes, as: UTF8.self) + "\n"
    }

    /// `org/env/application/namespace/kind-name.yaml`, every component reduced to safe characters. The kind
    /// shares the file name (kinds have no `-`, so the split is unambiguous) to keep folders few: creating a
    /// folder per object doubled the file-system work of a fleet render.
    public static func path(
        environment: String, application: String, namespace: String, kind: String, name: String
    ) -> String {
        let env = environment.split(separator: "/").map { safeComponent(String($0)) }.joined(separator: "/")
        return [
            env, safeComponent(application),
            namespace.isEmpty ? noNamespaceFolder : safeComponent(namespace),
            safeComponent(kind) + "-" + safeComponent(name) + ".yaml",
        ].joined(separator: "/")
    }

    /// A path component of lower-case ASCII letters, digits, `-`, `.` and `_`; anything else becomes `_`, and a
    /// leading `.` (hidden files, `..`) becomes `_` too. Upper case is folded (Kubernetes names are lower case
    /// already; kinds are not), so case-insensitive file systems see the same tree.
    public static func safeComponent(_ text: String) -> String {
        var out: [UInt8] = []
        for byte in text.utf8 {
            switch byte {
            case 0x61...0x7A, 0x30...0x39, 0x2D, 0x5F: out.append(byte)
            case 0x41...0x5A: out.append(byte + 0x20)
            case 0x2E: out.append(out.isEmpty ? 0x5F : byte)
            default: out.append(0x5F)
            }
        }
        if out.isEmpty { return "_" }
        return String(decoding: out, as: UTF8.self)
    }
}

/// An Application whose source is not in this repository (a Helm repository chart, another git repository):
/// kept in the tree, not rendered.
public struct ExternalApplication: Sendable, Equatable {
    /// The environment (`org/env`).
    public var environment: String
    /// The Application's name.
    public var name: String
    /// What it deploys: `repoURL chart@targetRevision` or `repoURL path@targetRevision`.
    public var source: String
}

/// Everything one environment renders to.
public struct EnvironmentRender: Sendable {
    /// The environment.
    public var environment: Environment
    /// Its objects, in render order (root Application first).
    public var objects: [RenderedObject]
    /// The Applications rendered from this repository (root first), by name.
    public var renderedApplications: [String]
    /// The Applications left to their remote sources.
    public var externalApplications: [ExternalApplication]
}
