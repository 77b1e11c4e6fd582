import Foundation
import GitOps
import Testing

/// The recommendations charts/certs generates (monitoring, backup, issuer key RBAC), switched per environment.
/// Expected documents are Helm's: rendered with helm_python from the same values and compared byte for byte.
@Suite struct LintChartRecommendationsTests {
    /// Helm v4's Schedule for ff-test-a with `certs.backup.velero: {enabled: true, storageLocation: s3}`.
    static let helmSchedule = """
        # Source: fitfile-certificates/templates/velero-schedule.yaml
        apiVersion: velero.io/v1
        kind: Schedule
        metadata:
          name: tls-secrets
          namespace: velero
          labels:
            app.kubernetes.io/name: fitfile-certificates
            app.kubernetes.io/instance: certificates
            app.kubernetes.io/managed-by: Helm
            helm.sh/chart: fitfile-certificates-0.1.0
          annotations:
            argocd.argoproj.io/sync-options: SkipDryRunOnMissingResource=true
        spec:
          schedule: "0 3 * * *"
          template:
            includedNamespaces:
              - argo
              - argocd
              - ff-test-a
              - ff-test-b
              - ff-test-c
              - storybook
            includedResources:
              - secrets
            includeClusterResources: false
            labelSelector:
              matchLabels:
                ffgen.io/backup: "true"
            snapshotVolumes: false
            ttl: 720h0m0s
            storageLocation: s3

        """

    private func objects(appending extra: String, to env: String = "fitfile/ff-test-a") throws -> [RenderedObject] {
        let repository = try ScratchRepository(environments: [env])
        let file = "ffnodes/\(env)/values.yaml"
        try repository.write(file, (repository.read(file) ?? "") + extra)
        return try repository.render().environments.flatMap(\.objects)
    }

    @Test func veleroScheduleSelectsTheLabelledSecrets() throws {
        let all = try objects(appending: "  backup:\n    velero:\n      enabled: true\n      storageLocation: s3\n")
        let schedule = try #require(all.first { $0.kind == "Schedule" })
        #expect(schedule.content == Self.helmSchedule)
        #expect(schedule.path == "fitfile/ff-test-a/certificates/velero/schedule-tls-secrets.yaml")
    }

    @Test func defaultsPerEnvironment() throws {
        // ff-test-a: no ServiceMonitor, so no PrometheusRule; issuer key RBAC on; no Velero.
        let testKinds = try objects(appending: "").filter { $0.application == "certificates" }.map(\.kind)
        #expect(!testKinds.contains("PrometheusRule") && !testKinds.contains("Schedule"))
        #expect(testKinds.filter { $0 == "Role" || $0 == "RoleBinding" }.count == 2)
        // ff-a's ServiceMonitor switch brings the PrometheusRule with it, unless certs.monitoring says otherwise.
        let monitored = try objects(appending: "  monitoring: {}\n", to: "fitfile/ff-a")
        #expect(monitored.contains { $0.kind == "PrometheusRule" && $0.namespace == "cert-manager" })
        let optedOut = try objects(appending: "  monitoring:\n    enabled: false\n  issuerKeyProtection:\n    enabled: false\n", to: "fitfile/ff-a")
        #expect(!optedOut.contains { $0.kind == "PrometheusRule" || $0.kind == "Role" || $0.kind == "RoleBinding" })
    }
}
