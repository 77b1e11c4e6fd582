#!/usr/bin/env python3
"""Checks charts/ffnode, charts/certs and the ffnodes/ environments against real Helm.

Run with the Python that has helm_python (Helm v4 as a library):

    "$(bash scripts/oracle/setup.sh)" scripts/charts/verify.py

For every environment it renders charts/ffnode with ffnodes/<org>/<env>/values.yaml, checks
the Applications, then renders charts/certs the way Argo CD would for the `certificates`
Application (its helm.valuesObject as the user values, release name helm.releaseName,
namespace destination.namespace) and checks the final objects. It then checks that Helm's
schema validation accepts every environment and rejects typical mistakes, printing Helm's
messages, and that the ffnode schema's copy of the certs rules matches charts/certs.
Exits 1 on the first failed check.

With `--dump DIR` it also writes what `helm template` prints for each environment
(DIR/<org>/<env>/ffnode.yaml, and certificates.yaml for the certs chart rendered from the
certificates Application), for use as expected outputs elsewhere.
"""

import json
import re
import sys
from pathlib import Path

import helm_python as helm
from helm_python.errors import HelmError

ROOT = Path(__file__).resolve().parents[2]
FFNODE = ROOT / "charts" / "ffnode"
CERTS = ROOT / "charts" / "certs"
ENVIRONMENTS = ROOT / "ffnodes"

# The text the Vault Secrets Operator must receive after both Helm passes.
VSO_TEMPLATE = '{{get .Secrets "api_token"}}'
# The seed's text for the same template, escaped for two passes through Helm.
SEED_ESCAPED = '{{"{{`{{get .Secrets \\"api_token\\"}}`}}"}}'

checks = 0


def check(condition, what):
    """Counts a check; stops with a message when it fails."""
    global checks
    checks += 1
    if not condition:
        print(f"FAIL: {what}")
        sys.exit(1)


def render(chart, release, namespace, values):
    """Returns what `helm template` would print for the chart, as text."""
    config = helm.Config(storage_driver="memory", namespace=namespace)
    release_info = config.install(str(chart), release, values, namespace=namespace, dry_run="client")
    # An empty manifest is left out of the release.
    return release_info.get("manifest", "")


def render_error(chart, values):
    """Renders expecting failure; returns Helm's error message."""
    try:
        render(chart, "verify", "default", values)
    except HelmError as error:
        return str(error)
    return None


def documents(manifest):
    """Splits a rendered manifest into parsed objects (comments and empty documents dropped)."""
    objects = []
    for text in re.split(r"^---$", manifest, flags=re.MULTILINE):
        parsed = helm.values_from_yaml(text)
        if parsed:
            objects.append(parsed)
    return objects


def by_kind(objects, kind):
    """The objects of one kind, keyed by name."""
    return {o["metadata"]["name"]: o for o in objects if o["kind"] == kind}


def load_values(path):
    """Parses a values file the way Helm does."""
    return helm.values_from_yaml(path.read_text())


def check_application(app, wave):
    """Checks what every child Application must have."""
    name = app["metadata"]["name"]
    check(app["apiVersion"] == "argoproj.io/v1alpha1", f"{name}: apiVersion")
    check(app["metadata"]["namespace"] == "argocd", f"{name}: in the argocd namespace")
    check(app["metadata"]["finalizers"] == ["resources-finalizer.argocd.argoproj.io"], f"{name}: finalizer")
    check(app["metadata"]["annotations"]["argocd.argoproj.io/sync-wave"] == wave, f"{name}: sync wave {wave}")
    spec = app["spec"]
    check(spec["project"] == "default", f"{name}: project default")
    check(spec["destination"]["server"] == "https://kubernetes.default.svc", f"{name}: destination server")
    check(spec["syncPolicy"]["automated"] == {"prune": True, "selfHeal": True}, f"{name}: automated sync")
    check(spec["syncPolicy"]["retry"]["limit"] == 5, f"{name}: sync retries")


def check_cert_manager(app, servicemonitor):
    """Checks the cert-manager Application (jetstack chart, CRDs through crds.*)."""
    check_application(app, "-3")
    source = app["spec"]["source"]
    check(source["repoURL"] == "https://charts.jetstack.io", "cert-manager: jetstack repository")
    check(source["chart"] == "cert-manager", "cert-manager: chart name")
    check(source["targetRevision"] == "v1.21.1", "cert-manager: pinned to v1.21.1")
    values = source["helm"]["valuesObject"]
    check(values["crds"] == {"enabled": True, "keep": True}, "cert-manager: crds.enabled and crds.keep")
    check("installCRDs" not in values, "cert-manager: no deprecated installCRDs")
    check(values["prometheus"]["enabled"] is True, "cert-manager: prometheus.enabled")
    check(values["prometheus"]["servicemonitor"]["enabled"] is servicemonitor,
          f"cert-manager: prometheus.servicemonitor.enabled is {servicemonitor}")
    check(app["spec"]["destination"]["namespace"] == "cert-manager", "cert-manager: namespace")
    options = app["spec"]["syncPolicy"]["syncOptions"]
    check("CreateNamespace=true" in options and "ServerSideApply=true" in options,
          "cert-manager: CreateNamespace and ServerSideApply")


def render_certificates(app):
    """Renders charts/certs the way Argo CD does for the certificates Application."""
    check_application(app, "-1")
    source = app["spec"]["source"]
    check(source["repoURL"] == "https://github.com/fitfile/ffnode-gitops.git", "certificates: repository")
    check(source["targetRevision"] == "main", "certificates: targetRevision")
    check(source["path"] == "charts/certs", "certificates: path charts/certs")
    check("chart" not in source, "certificates: no chart field for a git source")
    helm_source = source["helm"]
    release = helm_source.get("releaseName", app["metadata"]["name"])
    namespace = app["spec"]["destination"]["namespace"]
    manifest = render(CERTS, release, namespace, helm_source["valuesObject"])
    return manifest, documents(manifest)


def check_letsencrypt_issuers(objects, email):
    """Checks the two Let's Encrypt ClusterIssuers."""
    issuers = by_kind(objects, "ClusterIssuer")
    check(set(issuers) == {"letsencrypt-prod", "letsencrypt-staging"}, "both Let's Encrypt ClusterIssuers")
    expected = {
        "letsencrypt-prod": ("https://acme-v02.api.letsencrypt.org/directory", "letsencrypt-cluster-issuer-key"),
        "letsencrypt-staging": ("https://acme-staging-v02.api.letsencrypt.org/directory",
                                "letsencrypt-staging-cluster-issuer-key"),
    }
    for name, (server, key) in expected.items():
        acme = issuers[name]["spec"]["acme"]
        check(issuers[name]["apiVersion"] == "cert-manager.io/v1", f"{name}: apiVersion")
        check(acme["server"] == server, f"{name}: ACME server")
        check(acme["privateKeySecretRef"] == {"name": key}, f"{name}: account key secret {key}")
        check(acme.get("email") == email, f"{name}: email {email}")
        check(acme["solvers"] == [{"dns01": {"cloudflare": {"apiTokenSecretRef": {
            "name": "cloudflare-issuer-api-token", "key": "api-token"}}}}], f"{name}: Cloudflare DNS01 solver")


def check_cloudflare_secret(manifest, objects, auth_ref):
    """Checks the VaultStaticSecret producing the Cloudflare token after both Helm passes."""
    secrets = by_kind(objects, "VaultStaticSecret")
    check(set(secrets) == {"cloudflare-issuer-api-token"}, "one VaultStaticSecret")
    secret = secrets["cloudflare-issuer-api-token"]
    spec = secret["spec"]
    check(secret["apiVersion"] == "secrets.hashicorp.com/v1beta1", "VaultStaticSecret: apiVersion")
    check(secret["metadata"]["namespace"] == "cert-manager", "VaultStaticSecret: in cert-manager")
    check(spec["type"] == "kv-v2" and spec["mount"] == "secret" and spec["path"] == "cloudflare",
          "VaultStaticSecret: kv-v2 secret/cloudflare")
    check(spec["refreshAfter"] == "1h", "VaultStaticSecret: refreshAfter")
    check(spec.get("vaultAuthRef") == auth_ref, f"VaultStaticSecret: vaultAuthRef {auth_ref}")
    destination = spec["destination"]
    check(destination["name"] == "cloudflare-issuer-api-token" and destination["create"] is True,
          "VaultStaticSecret: creates cloudflare-issuer-api-token")
    transformation = destination["transformation"]
    check(transformation["excludes"] == [".*"], "VaultStaticSecret: excludes .*")
    text = transformation["templates"]["api-token"]["text"]
    check(text == VSO_TEMPLATE, f"VaultStaticSecret: template text is {VSO_TEMPLATE!r} (got {text!r})")
    check(f"text: '{VSO_TEMPLATE}'" in manifest, "VaultStaticSecret: rendered text line")


def check_certificates(objects, expected, issuer_ref):
    """Checks the Certificates: names, namespaces, DNS names, secrets, issuer, backup label."""
    certificates = [o for o in objects if o["kind"] == "Certificate"]
    got = [(c["metadata"]["name"], c["metadata"]["namespace"], c["spec"]["dnsNames"], c["spec"]["secretName"])
           for c in certificates]
    check(sorted(got) == sorted(expected), f"Certificates {expected} (got {got})")
    for c in certificates:
        name = c["metadata"]["name"]
        check(c["apiVersion"] == "cert-manager.io/v1", f"Certificate {name}: apiVersion")
        check(c["spec"]["issuerRef"] == issuer_ref, f"Certificate {name}: issuerRef {issuer_ref}")
        check(c["spec"]["secretTemplate"] == {"labels": {"ffgen.io/backup": "true"}},
              f"Certificate {name}: backup label on its Secret")


ALERTS = ["CertManagerAbsent", "CertManagerCertificateRenewalOverdue", "CertManagerCertificateExpiringSoon",
          "CertManagerCertificateNotReady", "CertManagerClusterIssuerNotReady", "CertManagerACMERateLimited",
          "CertManagerACMERequestsFailing"]


def check_monitoring(objects, enabled):
    """Checks the PrometheusRule on cert-manager's metrics (present only when monitoring is on)."""
    rules = by_kind(objects, "PrometheusRule")
    if not enabled:
        check(not rules, "no PrometheusRule when monitoring is off")
        return
    check(set(rules) == {"cert-manager-certificates"}, "PrometheusRule cert-manager-certificates")
    rule = rules["cert-manager-certificates"]
    check(rule["apiVersion"] == "monitoring.coreos.com/v1", "PrometheusRule: apiVersion")
    check(rule["metadata"]["namespace"] == "cert-manager", "PrometheusRule: in cert-manager")
    alerts = {a["alert"]: a for a in rule["spec"]["groups"][0]["rules"]}
    check(list(alerts) == ALERTS, f"PrometheusRule: alerts {ALERTS}")
    check(alerts["CertManagerCertificateRenewalOverdue"]["expr"]
          == "time() - certmanager_certificate_renewal_timestamp_seconds > 3600", "renewal overdue after 1h")
    check("{{ $labels.name }}" in alerts["CertManagerCertificateNotReady"]["annotations"]["summary"],
          "alert texts keep Prometheus's {{ $labels }} templates")
    check('status="429"' in alerts["CertManagerACMERateLimited"]["expr"], "ACME 429 alert")


def check_issuer_key_rbac(objects, enabled):
    """Checks the Role/RoleBinding that give only cert-manager's service account the account key."""
    roles = by_kind(objects, "Role")
    bindings = by_kind(objects, "RoleBinding")
    name = "letsencrypt-cluster-issuer-key-reader"
    if not enabled:
        check(not roles and not bindings, "no issuer key RBAC")
        return
    check(set(roles) == {name} and set(bindings) == {name}, "issuer key Role and RoleBinding")
    check(roles[name]["metadata"]["namespace"] == "cert-manager", "issuer key Role in cert-manager")
    check(roles[name]["rules"] == [{"apiGroups": [""], "resources": ["secrets"],
                                    "resourceNames": ["letsencrypt-cluster-issuer-key"], "verbs": ["get", "watch"]}],
          "issuer key Role names only letsencrypt-cluster-issuer-key")
    check(bindings[name]["roleRef"] == {"apiGroup": "rbac.authorization.k8s.io", "kind": "Role", "name": name},
          "issuer key RoleBinding refers to the Role")
    check(bindings[name]["subjects"] == [{"kind": "ServiceAccount", "name": "cert-manager",
                                          "namespace": "cert-manager"}],
          "issuer key RoleBinding: only cert-manager's service account")


LETSENCRYPT_PROD = {"name": "letsencrypt-prod", "kind": "ClusterIssuer", "group": "cert-manager.io"}
AWS_PRIVATE_CA = {"name": "aws-private-ca", "kind": "AWSPCAClusterIssuer", "group": "awspca.cert-manager.io"}


def verify_ff_test_a():
    """The seed's example: cert-manager, the Vault token secret, six certificates in cloudflare-tls."""
    values = load_values(ENVIRONMENTS / "fitfile" / "ff-test-a" / "values.yaml")
    text = values["certManager"]["vaultSecrets"][0]["secretTransformation"]["templates"]["api-token"]["text"]
    check(text == SEED_ESCAPED, "ff-test-a keeps the seed's escaped template text")
    objects = documents(render(FFNODE, "ffnode", "argocd", values))
    apps = by_kind(objects, "Application")
    check(set(apps) == {"cert-manager", "certificates"}, f"ff-test-a: Applications (got {sorted(apps)})")
    check_cert_manager(apps["cert-manager"], servicemonitor=False)
    first_pass = apps["certificates"]["spec"]["source"]["helm"]["valuesObject"]["vaultSecrets"][0]
    check(first_pass["secretTransformation"]["templates"]["api-token"]["text"]
          == '{{`{{get .Secrets "api_token"}}`}}', "ff-test-a: first pass leaves one level of escaping")
    manifest, final = render_certificates(apps["certificates"])
    check_letsencrypt_issuers(final, email=None)
    check_cloudflare_secret(manifest, final, auth_ref=None)
    check(not by_kind(final, "AWSPCAClusterIssuer"), "ff-test-a: no AWSPCAClusterIssuer")
    expected = [
        ("argocd", "argocd", ["staging-argocd.fitfile.net"], "cloudflare-tls"),
        ("argo-workflows", "argo", ["staging-argo-workflows.fitfile.net"], "cloudflare-tls"),
        ("fitfile-ff-test-a", "ff-test-a", ["ff-test-a.fitfile.net"], "cloudflare-tls"),
        ("fitfile-ff-test-b", "ff-test-b", ["ff-test-b.fitfile.net"], "cloudflare-tls"),
        ("fitfile-ff-test-c", "ff-test-c", ["ff-test-c.fitfile.net"], "cloudflare-tls"),
        ("storybook", "storybook", ["storybook.fitfile.net"], "cloudflare-tls"),
    ]
    check_certificates(final, expected, LETSENCRYPT_PROD)
    check_monitoring(final, enabled=False)
    check_issuer_key_rbac(final, enabled=True)
    check(not by_kind(final, "Schedule"), "ff-test-a: no Velero Schedule by default")
    check(len(final) == 11, f"ff-test-a: 2 issuers + 1 secret + 6 certificates + Role + RoleBinding (got {len(final)})")
    print("ff-test-a: cert-manager + certificates Applications; 2 ClusterIssuers, VaultStaticSecret in "
          f"cert-manager with {VSO_TEMPLATE}, 6 Certificates -> cloudflare-tls")


def verify_ff_a():
    """Production: Let's Encrypt production, ServiceMonitor on, fitfile.net certificates."""
    values = load_values(ENVIRONMENTS / "fitfile" / "ff-a" / "values.yaml")
    objects = documents(render(FFNODE, "ffnode", "argocd", values))
    apps = by_kind(objects, "Application")
    check(set(apps) == {"cert-manager", "certificates"}, f"ff-a: Applications (got {sorted(apps)})")
    check_cert_manager(apps["cert-manager"], servicemonitor=True)
    manifest, final = render_certificates(apps["certificates"])
    check_letsencrypt_issuers(final, email="platform@fitfile.com")
    check_cloudflare_secret(manifest, final, auth_ref="cert-manager/vault-auth")
    expected = [
        ("argocd", "argocd", ["argocd.fitfile.net"], "argocd-tls"),
        ("argo-workflows", "argo", ["argo-workflows.fitfile.net"], "argo-workflows-tls"),
        ("fitfile-ff-a", "ff-a", ["ff-a.fitfile.net", "*.ff-a.fitfile.net"], "ff-a-tls"),
    ]
    check_certificates(final, expected, LETSENCRYPT_PROD)
    check_monitoring(final, enabled=True)
    check_issuer_key_rbac(final, enabled=True)
    print("ff-a: cert-manager (ServiceMonitor on) + certificates; Let's Encrypt prod, 3 fitfile.net Certificates, "
          "PrometheusRule, issuer key RBAC")


def verify_cuh_prod_1():
    """No cert-manager: nothing certificate-related at all."""
    values = load_values(ENVIRONMENTS / "eoe" / "cuh-prod-1" / "values.yaml")
    manifest = render(FFNODE, "ffnode", "argocd", values)
    check(documents(manifest) == [], f"cuh-prod-1: no objects (got {manifest!r})")
    print("cuh-prod-1: deploy.certManager false renders no Application, no issuer, no Certificate")


def verify_cuh_pca_1():
    """AWS Private CA: the issuer controller with IRSA, AWSPCAClusterIssuer, no ACME issuers."""
    values = load_values(ENVIRONMENTS / "eoe" / "cuh-pca-1" / "values.yaml")
    objects = documents(render(FFNODE, "ffnode", "argocd", values))
    apps = by_kind(objects, "Application")
    check(set(apps) == {"cert-manager", "aws-privateca-issuer", "certificates"},
          f"cuh-pca-1: Applications (got {sorted(apps)})")
    check_cert_manager(apps["cert-manager"], servicemonitor=False)
    pca = apps["aws-privateca-issuer"]
    check_application(pca, "-2")
    source = pca["spec"]["source"]
    check(source["repoURL"] == "https://cert-manager.github.io/aws-privateca-issuer"
          and source["chart"] == "aws-privateca-issuer" and source["targetRevision"] == "v1.9.0",
          "aws-privateca-issuer: chart pinned to v1.9.0")
    check(source["helm"]["valuesObject"]["serviceAccount"]["annotations"] == {
        "eks.amazonaws.com/role-arn": "arn:aws:iam::123456789012:role/AWSPCAIssuerRoleForCertManager"},
        "aws-privateca-issuer: IRSA role annotation")
    check(pca["spec"]["destination"]["namespace"] == "aws-privateca-issuer", "aws-privateca-issuer: namespace")
    check("CreateNamespace=true" in pca["spec"]["syncPolicy"]["syncOptions"], "aws-privateca-issuer: CreateNamespace")
    waves = [int(apps[n]["metadata"]["annotations"]["argocd.argoproj.io/sync-wave"])
             for n in ("cert-manager", "aws-privateca-issuer", "certificates")]
    check(waves == sorted(waves) and len(set(waves)) == 3, "waves: cert-manager < aws-privateca-issuer < certificates")
    _, final = render_certificates(apps["certificates"])
    check(not by_kind(final, "ClusterIssuer"), "cuh-pca-1: no Let's Encrypt ClusterIssuers")
    check(not by_kind(final, "VaultStaticSecret"), "cuh-pca-1: no Vault secrets")
    check_monitoring(final, enabled=False)
    check_issuer_key_rbac(final, enabled=False)
    issuers = by_kind(final, "AWSPCAClusterIssuer")
    check(set(issuers) == {"aws-private-ca"}, "cuh-pca-1: AWSPCAClusterIssuer aws-private-ca")
    issuer = issuers["aws-private-ca"]
    check(issuer["apiVersion"] == "awspca.cert-manager.io/v1beta1", "AWSPCAClusterIssuer: apiVersion")
    check(issuer["spec"] == {
        "arn": "arn:aws:acm-pca:eu-west-1:123456789012:certificate-authority/12345678-1234-1234-1234-123456789012",
        "region": "eu-west-1"}, "AWSPCAClusterIssuer: arn and region")
    expected = [
        ("argocd", "argocd", ["argocd.cuh-pca-1.internal.fitfile.net"], "argocd-tls"),
        ("fitfile-cuh-pca-1", "cuh-pca-1", ["cuh-pca-1.internal.fitfile.net"], "cuh-pca-1-tls"),
    ]
    check_certificates(final, expected, AWS_PRIVATE_CA)
    print("cuh-pca-1: cert-manager + aws-privateca-issuer (IRSA) + certificates; AWSPCAClusterIssuer, "
          "2 Certificates on aws-private-ca")


def ff_test_a_with(change):
    """ff-test-a's values after `change` edited a fresh copy of them."""
    values = load_values(ENVIRONMENTS / "fitfile" / "ff-test-a" / "values.yaml")
    change(values)
    return values


def verify_variants():
    """Switches an environment file does not exercise."""
    manual = ff_test_a_with(lambda v: v.update(argocd={"automated": None}))
    apps = by_kind(documents(render(FFNODE, "ffnode", "argocd", manual)), "Application")
    check(all("automated" not in a["spec"]["syncPolicy"] for a in apps.values()),
          "argocd.automated: null syncs manually")

    extra_values = {"replicaCount": 2, "crds": {"keep": False}}
    extra = ff_test_a_with(lambda v: v["certManager"].update(extraValues=extra_values))
    apps = by_kind(documents(render(FFNODE, "ffnode", "argocd", extra)), "Application")
    values = apps["cert-manager"]["spec"]["source"]["helm"]["valuesObject"]
    check(values["replicaCount"] == 2 and values["crds"] == {"enabled": True, "keep": False},
          "certManager.extraValues merged over the chart's cert-manager values")

    def staging_and_no_backup(values):
        values["certs"]["certificates"][0]["issuer"] = "letsencrypt-staging"
        values["certs"]["backup"] = {"enabled": False}

    staging = ff_test_a_with(staging_and_no_backup)
    apps = by_kind(documents(render(FFNODE, "ffnode", "argocd", staging)), "Application")
    _, final = render_certificates(apps["certificates"])
    certificates = by_kind(final, "Certificate")
    check(certificates["argocd"]["spec"]["issuerRef"]["name"] == "letsencrypt-staging", "per-certificate issuer")
    check(certificates["storybook"]["spec"]["issuerRef"]["name"] == "letsencrypt-prod", "default issuer elsewhere")
    check(all("secretTemplate" not in c["spec"] for c in certificates.values()), "backup.enabled: false")

    def velero_and_switches(values):
        values["certs"]["backup"] = {"velero": {"enabled": True, "storageLocation": "s3"}}
        values["certs"]["issuerKeyProtection"] = {"enabled": False}
        values["certManager"]["prometheus"] = {"servicemonitor": {"enabled": True}}
        values["certs"]["monitoring"] = {"enabled": False}

    switched = ff_test_a_with(velero_and_switches)
    apps = by_kind(documents(render(FFNODE, "ffnode", "argocd", switched)), "Application")
    _, final = render_certificates(apps["certificates"])
    check_issuer_key_rbac(final, enabled=False)
    check_monitoring(final, enabled=False)
    schedules = by_kind(final, "Schedule")
    check(set(schedules) == {"tls-secrets"}, "backup.velero.enabled: Schedule tls-secrets")
    schedule = schedules["tls-secrets"]
    check(schedule["apiVersion"] == "velero.io/v1" and schedule["metadata"]["namespace"] == "velero",
          "Schedule: velero.io/v1 in velero")
    check(schedule["spec"] == {"schedule": "0 3 * * *", "template": {
        "includedNamespaces": ["argo", "argocd", "ff-test-a", "ff-test-b", "ff-test-c", "storybook"],
        "includedResources": ["secrets"], "includeClusterResources": False,
        "labelSelector": {"matchLabels": {"ffgen.io/backup": "true"}}, "snapshotVolumes": False,
        "ttl": "720h0m0s", "storageLocation": "s3"}}, f"Schedule: the labelled secrets ({schedule['spec']})")
    certificate = by_kind(final, "Certificate")["argocd"]
    check(certificate["spec"]["secretTemplate"]["labels"]
          == schedule["spec"]["template"]["labelSelector"]["matchLabels"],
          "the Schedule selects the label the Certificates put on their Secrets")

    message = render_error(FFNODE, {"deploy": {"awsPrivateCAIssuer": True}})
    check(message is not None and "awsPrivateCAIssuer.roleArn is required" in message, "roleArn required")
    print(f"aws-privateca-issuer without roleArn:\n  {message}")
    message = render_error(CERTS, {"awsPca": {"enabled": True}})
    check(message is not None and "awsPca.arn is required" in message, "awsPca.arn required")
    print(f"AWSPCAClusterIssuer without arn:\n  {message}")
    print("variants: manual sync, extraValues, per-certificate issuer, backup off, Velero Schedule, monitoring and "
          "issuer key RBAC switched, required fields")


def verify_schemas():
    """Helm's schema validation: accepts the environments, rejects typical mistakes."""
    for path in sorted(ENVIRONMENTS.glob("*/*/values.yaml")):
        check(render_error(FFNODE, load_values(path)) is None, f"schema accepts {path.relative_to(ROOT)}")
    def typo_dns_name(values):
        certificate = values["certs"]["certificates"][0]
        certificate["dnsName"] = certificate.pop("dnsNames")

    def missing_secret_name(values):
        del values["certs"]["certificates"][1]["secretName"]

    def string_flag(values):
        values["deploy"]["certManager"] = "yes"

    def top_level_typo(values):
        values["cert"] = values.pop("certs")

    def unknown_issuer(values):
        values["certs"]["issuer"] = "letsencrypt"

    bad = [
        ("certificate entry with dnsName instead of dnsNames", typo_dns_name),
        ("certificate entry without secretName", missing_secret_name),
        ('deploy.certManager: "yes"', string_flag),
        ("top-level cert instead of certs", top_level_typo),
        ("unknown issuer", unknown_issuer),
    ]
    for what, change in bad:
        message = render_error(FFNODE, ff_test_a_with(change))
        check(message is not None, f"ffnode schema rejects {what}")
        print(f"ffnode schema rejects {what}:\n  " + message.replace("\n", "\n  "))

    certs_bad = [
        ("certificate entry with dnsName instead of dnsNames",
         {"certificates": [{"name": "a", "namespace": "a", "dnsName": ["a.fitfile.net"], "secretName": "a"}]}),
        ("dnsNames given as a string",
         {"certificates": [{"name": "a", "namespace": "a", "dnsNames": "a.fitfile.net", "secretName": "a"}]}),
    ]
    for what, values in certs_bad:
        message = render_error(CERTS, values)
        check(message is not None, f"certs schema rejects {what}")
        print(f"certs schema rejects {what}:\n  " + message.replace("\n", "\n  "))

    # charts/ffnode validates an environment's `certs` with a copy of the charts/certs rules.
    ffnode_schema = json.loads((FFNODE / "values.schema.json").read_text())
    certs_schema = json.loads((CERTS / "values.schema.json").read_text())
    copied = dict(ffnode_schema["definitions"]["certsValues"])
    copied.pop("description")
    own = {k: v for k, v in certs_schema.items() if k not in ("$schema", "title", "definitions")}
    resync = "(run scripts/charts/sync_schema.py)"
    check(copied == own, f"ffnode definitions.certsValues matches charts/certs/values.schema.json {resync}")
    for name, definition in certs_schema["definitions"].items():
        check(ffnode_schema["definitions"].get(name) == definition,
              f"ffnode definitions.{name} matches charts/certs {resync}")
    print("schemas: all environments accepted; ffnode's certs rules match charts/certs")


def verify_lint():
    """`helm lint --strict` on both charts, with every environment for ffnode."""
    runs = [(CERTS, None)] + [(FFNODE, load_values(p)) for p in sorted(ENVIRONMENTS.glob("*/*/values.yaml"))]
    for chart, values in runs:
        report = helm.lint(str(chart), values, strict=True)
        problems = [m for m in report["messages"] if m["severity"] >= 2] + report["errors"]
        check(problems == [], f"helm lint {chart.name}: {problems}")
    print(f"helm lint --strict: clean ({len(runs)} runs)")


def dump(directory):
    """Writes `helm template` output (trimmed manifest plus a newline) for every environment."""
    for path in sorted(ENVIRONMENTS.glob("*/*/values.yaml")):
        target = directory / path.parent.relative_to(ENVIRONMENTS)
        target.mkdir(parents=True, exist_ok=True)
        manifest = render(FFNODE, "ffnode", "argocd", load_values(path))
        (target / "ffnode.yaml").write_text(manifest.strip() + "\n")
        apps = by_kind(documents(manifest), "Application")
        if "certificates" in apps:
            manifest, _ = render_certificates(apps["certificates"])
            (target / "certificates.yaml").write_text(manifest.strip() + "\n")
        print(f"wrote {target}")


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--dump":
        dump(Path(sys.argv[2]))
    verify_ff_test_a()
    verify_ff_a()
    verify_cuh_prod_1()
    verify_cuh_pca_1()
    verify_variants()
    verify_schemas()
    verify_lint()
    print(f"OK: {checks} checks passed")


if __name__ == "__main__":
    main()
