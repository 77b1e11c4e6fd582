import Foundation
import GitOps
import Testing
import Values

/// `ffgen diff`: rendered environments compared object by object, field by field, and the CLI around it.
@Suite struct DiffTests {
    /// Renders `repository`, applies `change`, renders again, and compares the two renders.
    func diff(_ repository: ScratchRepository, after change: () throws -> Void) throws -> DiffReport {
        let before = try repository.render()
        try change()
        let after = try repository.render()
        return RenderDiff.compare(
            old: before.environments, new: after.environments, oldLabel: "before", newLabel: "after")
    }

    func object(_ report: DiffReport, _ environment: String, kind: String, name: String) -> ObjectDiff? {
        report.environments.first { $0.name == environment }?.objects.first {
            $0.key.kind == kind && $0.key.name == name
        }
    }

    @Test func identicalTreesHaveNoDifferences() throws {
        let repository = try ScratchRepository()
        let report = try diff(repository) {}
        #expect(!report.hasDifferences)
        #expect(report.compared == 2)
        #expect(
            DiffFormatter(format: .text).render(report)
                == "no differences between before and after (2 environments compared)\n")
        #expect(DiffFormatter(format: .unified).render(report) == "")
    }

    @Test func anAddedCertificate() throws {
        let repository = try ScratchRepository()
        let report = try diff(repository) {
            try repository.edit(
                "ffnodes/fitfile/ff-test-a/values.yaml", replacing: "    - name: storybook\n",
                with: "    - name: grafana\n      namespace: monitoring\n      dnsNames: [\"grafana.fitfile.net\"]\n"
                    + "      secretName: grafana-tls\n    - name: storybook\n")
        }
        #expect(report.environments.map(\.name) == ["fitfile/ff-test-a"])
        let environment = try #require(report.environments.first)
        #expect(environment.added == 1)
        let added = try #require(object(report, "fitfile/ff-test-a", kind: "Certificate", name: "grafana"))
        #expect(added.status == .added)
        #expect(
            added.key
                == ObjectKey(
                    apiVersion: "cert-manager.io/v1", kind: "Certificate", namespace: "monitoring", name: "grafana"))
        // The certificates Application's values gained the element, matched by name rather than position.
        let application = try #require(object(report, "fitfile/ff-test-a", kind: "Application", name: "certificates"))
        #expect(application.changes.map(\.path) == ["spec.source.helm.valuesObject.certificates[name=grafana]"])
        #expect(application.changes.first?.kind == .added)
        let text = DiffFormatter(format: .text).render(report)
        #expect(text.contains("  + Certificate monitoring/grafana (cert-manager.io/v1, application certificates)\n"))
    }

    @Test func aRemovedEnvironment() throws {
        let repository = try ScratchRepository()
        let report = try diff(repository) { try repository.remove("ffnodes/eoe/cuh-prod-1") }
        #expect(report.environments.map(\.name) == ["eoe/cuh-prod-1"])
        let environment = try #require(report.environments.first)
        #expect(environment.status == .removed)
        #expect(!environment.objects.isEmpty)
        #expect(environment.objects.allSatisfy { $0.status == .removed })
        #expect(environment.removed == environment.objects.count)
        #expect(DiffFormatter(format: .text).render(report).contains("eoe/cuh-prod-1 (environment removed): "))
    }

    @Test func aReorderedDNSNameIsAMove() throws {
        let repository = try ScratchRepository()
        try repository.edit(
            "ffnodes/fitfile/ff-test-a/values.yaml", replacing: "dnsNames: [\"storybook.fitfile.net\"]",
            with: "dnsNames: [\"storybook.fitfile.net\", \"docs.fitfile.net\", \"ui.fitfile.net\"]")
        let report = try diff(repository) {
            try repository.edit(
                "ffnodes/fitfile/ff-test-a/values.yaml",
                replacing: "[\"storybook.fitfile.net\", \"docs.fitfile.net\", \"ui.fitfile.net\"]",
                with: "[\"storybook.fitfile.net\", \"ui.fitfile.net\", \"docs.fitfile.net\"]")
        }
        let certificate = try #require(object(report, "fitfile/ff-test-a", kind: "Certificate", name: "storybook"))
        #expect(certificate.changes.count == 1)
        let change = try #require(certificate.changes.first)
        #expect(change.kind == .moved)
        // Two neighbours swapped: one of them moved past the other.
        #expect(change.path == "spec.dnsNames[2]")
        #expect(change.move?.from == 1 && change.move?.to == 2)
        #expect(change.new?.stringValue == "docs.fitfile.net")
        #expect(change.impact == .order)
        #expect(certificate.impact == .order)
        #expect(!certificate.changes.contains { $0.kind == .added || $0.kind == .removed })
        #expect(
            DiffFormatter(format: .text).render(report).contains(
                "    spec.dnsNames[2]: moved \"docs.fitfile.net\" [1] → [2]\n"))
    }

    @Test func aChartChangeShowsInEveryEnvironmentItAffects() throws {
        let repository = try ScratchRepository(environments: ["fitfile/ff-test-a", "fitfile/ff-a", "eoe/cuh-prod-1"])
        let report = try diff(repository) {
            try repository.edit(
                "charts/certs/templates/certificate.yaml", replacing: "spec:\n",
                with: "spec:\n  revisionHistoryLimit: 3\n")
        }
        let names = report.environments.map(\.name)
        #expect(names.count >= 2)
        #expect(names.contains("fitfile/ff-test-a") && names.contains("fitfile/ff-a"))
        for environment in report.environments {
            #expect(environment.objects.allSatisfy { $0.key.kind == "Certificate" && $0.status == .changed })
            for object in environment.objects {
                #expect(object.changes.map(\.path) == ["spec.revisionHistoryLimit"])
                #expect(object.changes.first?.new.map(DiffFormatter.show) == "3")
            }
        }
        // The summary counts the one change everywhere it happens.
        let pattern = try #require(report.patterns.first)
        #expect(report.patterns.count == 1)
        #expect(
            pattern.kind == "Certificate" && pattern.path == "spec.revisionHistoryLimit" && pattern.change == "added")
        #expect(pattern.objects == 9 && pattern.environments == 2)
        #expect(
            DiffFormatter(format: .text).render(report).contains(
                "most common changes:\n  Certificate spec.revisionHistoryLimit: added 3 (9 objects in 2 environments)\n"
            ))
        let markdown = DiffFormatter(format: .markdown).render(report)
        #expect(markdown.contains("| Environment | Added | Removed | Changed | Cosmetic |\n"))
        #expect(markdown.contains("| `fitfile/ff-a` | 0 | 0 | 3 | 0 |\n"))
        #expect(markdown.contains("| Certificate | `spec.revisionHistoryLimit` | added 3 | 9 | 2 |\n"))
        // Under a size limit the tables stay and the sections that do not fit are left out, with a note.
        let full = markdown.utf8.count
        let limited = DiffFormatter(format: .markdown, maximumBytes: full - 10).render(report)
        #expect(limited.utf8.count <= full - 10)
        #expect(limited.contains("| Certificate | `spec.revisionHistoryLimit` | added 3 | 9 | 2 |\n"))
        #expect(limited.contains("<details><summary><b>fitfile/ff-a</b>"))
        #expect(!limited.contains("<details><summary><b>fitfile/ff-test-a</b>"))
        #expect(
            limited.hasSuffix(
                "\n1 more environment section left out to stay under \(full - 10) bytes: run `ffgen diff` locally for "
                    + "the full report.\n"))
        #expect(
            markdown.contains(
                "! Certificate argocd/argocd (cert-manager.io/v1, application certificates)\n"
                    + "+    spec.revisionHistoryLimit: added 3\n"))
        #expect(markdown.contains("<details><summary><b>fitfile/ff-test-a</b>: 6 changed</summary>\n"))
    }

    static let secret = """
        apiVersion: v1
        kind: Secret
        metadata:
          name: dns-credentials
          namespace: cert-manager
        type: Opaque
        stringData:
          api-token: %TOKEN%
        data:
          password: %PASSWORD%

        """

    @Test func aSecretChangeIsMasked() throws {
        let repository = try ScratchRepository(environments: ["fitfile/ff-test-a"])
        let template = "charts/certs/templates/secret.yaml"
        try repository.write(
            template,
            Self.secret.replacingOccurrences(of: "%TOKEN%", with: "tok-OLD-1234")
                .replacingOccurrences(of: "%PASSWORD%", with: "c2VjcmV0LW9sZA=="))
        let report = try diff(repository) {
            try repository.write(
                template,
                Self.secret.replacingOccurrences(of: "%TOKEN%", with: "tok-NEW-5678")
                    .replacingOccurrences(of: "%PASSWORD%", with: "c2VjcmV0LW9sZA=="))
        }
        let secret = try #require(object(report, "fitfile/ff-test-a", kind: "Secret", name: "dns-credentials"))
        #expect(secret.changes.map(\.path) == ["stringData.api-token"])
        let change = try #require(secret.changes.first)
        #expect(change.kind == .masked)
        #expect(change.old == nil && change.new == nil)
        let hashes = try #require(change.hashes.old.flatMap { old in change.hashes.new.map { (old, $0) } })
        #expect(hashes.0 != hashes.1 && hashes.0.count == 8)
        for format in DiffFormatter.Format.allCases {
            let output = DiffFormatter(format: format).render(report)
            #expect(
                !output.contains("tok-OLD") && !output.contains("tok-NEW") && !output.contains("c2VjcmV0"), "\(format)")
            #expect(output.contains(hashes.1), "\(format) shows the new hash")
        }
        #expect(
            DiffFormatter(format: .text).render(report).contains(
                "    stringData.api-token: secret changed (value hidden; hash \(hashes.0) → hash \(hashes.1))\n"))
    }

    @Test(arguments: [
        ("password", true), ("dbPassword", true), ("api-token", true), ("client_secret", true), ("apiKey", true),
        ("AWS_SECRET_ACCESS_KEY", true), ("accessKey", true), ("privateKey", true), ("credentials", true),
        ("secretName", false), ("tokenSecretRef", false), ("apiTokenSecretRef", false), ("name", false),
        ("key", false), ("secretTransformation", false),
    ])
    func credentialKeys(key: String, credential: Bool) {
        #expect(SecretMasking.isCredentialKey(key) == credential)
    }

    @Test func credentialKeysAreMaskedInAnyObject() {
        let differ = ValueDiffer(kind: "ConfigMap")
        let old = Value.map(
            ValueMap([("data", .map(ValueMap([("password", .string("hunter2")), ("user", .string("a"))])))]))
        let new = Value.map(
            ValueMap([("data", .map(ValueMap([("password", .string("hunter3")), ("user", .string("b"))])))]))
        let changes = differ.diff(old, new)
        #expect(changes.map(\.path) == ["data.password", "data.user"])
        #expect(changes.map(\.kind) == [.masked, .changed])
        let masked = SecretMasking.maskText(
            "# Source: x\ndata:\n  password: hunter2\n  nested:\n    apiToken: |\n      line one\n      line two\n"
                + "  user: a\n",
            kind: "ConfigMap")
        #expect(!masked.contains("hunter2") && !masked.contains("line one"))
        #expect(masked.contains("  user: a\n") && masked.contains("  password: <masked "))
    }

    @Test func credentialNamedEntriesAreMasked() {
        func env(_ items: [(String, String)]) -> Value {
            .map(
                ValueMap([
                    ("env", .list(items.map { .map(ValueMap([("name", .string($0.0)), ("value", .string($0.1))])) }))
                ]))
        }
        let changes = ValueDiffer(kind: "Deployment").diff(
            env([("DB_PASSWORD", "hunter2"), ("MODE", "a")]),
            env([("DB_PASSWORD", "hunter3"), ("MODE", "b"), ("API_TOKEN", "t0ken")]))
        #expect(changes.map(\.path) == ["env[name=API_TOKEN]", "env[name=DB_PASSWORD].value", "env[name=MODE].value"])
        #expect(changes.map(\.kind) == [.added, .masked, .changed])
        let report = DiffReport(
            oldLabel: "a", newLabel: "b",
            environments: [
                EnvironmentDiff(
                    status: .changed, name: "o/e",
                    objects: [
                        ObjectDiff(
                            key: ObjectKey(apiVersion: "apps/v1", kind: "Deployment", namespace: "n", name: "d"),
                            application: "app", status: .changed, changes: changes,
                            old: ("x.yaml", "env:\n  - name: DB_PASSWORD\n    value: hunter2\n"),
                            new: ("x.yaml", "env:\n  - name: DB_PASSWORD\n    value: \"hunter3\"\n"))
                    ])
            ], compared: 1)
        for format in DiffFormatter.Format.allCases {
            let output = DiffFormatter(format: format).render(report)
            #expect(!output.contains("hunter") && !output.contains("t0ken"), "\(format): \(output)")
            #expect(output.contains("MODE") || format == .unified, "\(format)")
        }
        #expect(DiffFormatter(format: .unified).render(report).contains("-    value: <masked "))
    }

    @Test func listsOfNamedElementsMatchByName() {
        func containers(_ items: [(String, String)]) -> Value {
            .map(
                ValueMap([
                    (
                        "containers",
                        .list(items.map { .map(ValueMap([("name", .string($0.0)), ("image", .string($0.1))])) })
                    )
                ]))
        }
        let changes = ValueDiffer(kind: "Pod").diff(
            containers([("web", "nginx:1"), ("sidecar", "envoy:1")]),
            containers([("sidecar", "envoy:2"), ("web", "nginx:1")]))
        // One of the two swapped elements moved (the longest run that kept its order is one element long).
        #expect(changes.count == 2)
        #expect(changes.filter { $0.kind == .moved }.count == 1)
        #expect(changes.filter { $0.kind == .moved }.allSatisfy { $0.impact == .order })
        let image = changes.first { $0.kind == .changed }
        #expect(image?.path == "containers[name=sidecar].image")
        #expect(image?.old?.stringValue == "envoy:1" && image?.new?.stringValue == "envoy:2")
        #expect(image?.impact == .cluster)
    }

    @Test func multiLineStringsGetALineDiff() {
        let old = Value.map(ValueMap([("config", .string("a: 1\nb: 2\nc: 3\n"))]))
        let new = Value.map(ValueMap([("config", .string("a: 1\nb: 20\nc: 3\n"))]))
        let changes = ValueDiffer(kind: "ConfigMap").diff(old, new)
        #expect(changes.count == 1)
        #expect(changes.first?.kind == .lines)
        #expect(changes.first?.lines == [.same("a: 1"), .delete("b: 2"), .insert("b: 20"), .same("c: 3")])
    }

    @Test func unifiedDiffHunks() {
        let old = (1...10).map { "line \($0)" }.joined(separator: "\n") + "\n"
        let new = old.replacingOccurrences(of: "line 5\n", with: "line five\n")
        #expect(
            LineDiff.unified(oldPath: "x.yaml", newPath: "x.yaml", old: old, new: new) == """
                --- a/x.yaml
                +++ b/x.yaml
                @@ -2,7 +2,7 @@
                 line 2
                 line 3
                 line 4
                -line 5
                +line five
                 line 6
                 line 7
                 line 8

                """)
        #expect(
            LineDiff.unified(oldPath: nil, newPath: "n.yaml", old: "", new: "a\n")
                == "--- /dev/null\n+++ b/n.yaml\n@@ -0,0 +1 @@\n+a\n")
    }

    @Test func cosmeticChangesComeLast() throws {
        func rendered(_ source: String, _ document: String) -> RenderedObject {
            RenderedObject(
                environment: "o/e", application: "app", apiVersion: "v1", kind: "ConfigMap", namespace: "n", name: "c",
                source: source, document: document)
        }
        let doc = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  namespace: n\ndata:\n  a: \"1\"\n"
        let formatting = try #require(
            RenderDiff.diffObject(
                old: rendered("c/templates/a.yaml", doc),
                new: rendered("c/templates/a.yaml", doc.replacingOccurrences(of: "\"1\"", with: "'1'"))))
        #expect(formatting.impact == .cosmetic)
        #expect(formatting.changes.map(\.kind) == [.text])
        let both = try #require(
            RenderDiff.diffObject(
                old: rendered("c/templates/a.yaml", doc),
                new: rendered("c/templates/b.yaml", doc.replacingOccurrences(of: "\"1\"", with: "\"2\""))))
        #expect(both.changes.map(\.path) == ["data.a", "# Source"])
        #expect(both.changes.map(\.impact) == [.cluster, .cosmetic])
    }
}
