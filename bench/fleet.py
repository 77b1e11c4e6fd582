#!/usr/bin/env python3
"""Benchmark `ffgen render` against real Helm on a fleet of 1,000 synthetic environments, in one run.

The script generates a repository (this repository's charts/, plus ffnodes/<org>/<env>/values.yaml for
N environments with 5 to 40 certificates each; some with the Vault secret, some without cert-manager,
some on AWS Private CA, some with Let's Encrypt staging or extra cert-manager values), then:

1. runs `ffgen render` on it once (process start, chart loading and writing the tree included), then
   `ffgen render --check` (the CI gate: renders again, reads and compares every file, writes nothing);
2. renders every environment with real Helm v4 the ArgoCD way (scripts/oracle/argocd_render.py:
   charts/ffnode with the environment's values, then charts/certs for the certificates Application),
   in this process through helm_python;
3. checks that both produce the same objects (parsed YAML, keyed by environment, application, kind,
   namespace and name), and prints both times (wall clock, and CPU: user+system of the ffgen process,
   of this process for Helm) and the ratios. On a shared machine the CPU figures are the steadier.

Usage: bench/fleet.py [--environments N] [--ffgen PATH] [--seed S] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts" / "oracle"))

try:
    import helm_python as helm
except ImportError:
    if os.environ.get("FFGEN_ORACLE_REEXEC"):
        raise
    python = subprocess.run(["bash", str(ROOT / "scripts/oracle/setup.sh")], check=True,
                            stdout=subprocess.PIPE, text=True).stdout.strip().splitlines()[-1]
    os.environ["FFGEN_ORACLE_REEXEC"] = "1"
    os.execv(python, [python, *sys.argv])

from argocd_render import Repository, object_key, render_environment  # noqa: E402

VAULT_TEXT = '{{"{{`{{get .Secrets \\"api_token\\"}}`}}"}}'
ORGS = ["fitfile", "eoe", "nhs-north", "nhs-south", "acme"]
NAMESPACES = ["argocd", "argo", "monitoring", "storybook", "web", "api", "ingress"]


def quoted(s: str) -> str:
    return "'" + s.replace("'", "''") + "'"


def environment_values(rng: random.Random, org: str, env: str) -> str:
    """One synthetic environment's values.yaml."""
    kind = rng.random()
    if kind < 0.1:
        return f"# {env}: no cert-manager.\ndeploy:\n  certManager: false\n"
    lines = ["deploy:", "  certManager: true"]
    pca = kind > 0.92
    if pca:
        lines += ["  awsPrivateCAIssuer: true", "awsPrivateCAIssuer:",
                  f"  roleArn: arn:aws:iam::{rng.randrange(10**11, 10**12)}:role/pca-{env}"]
    cert_manager = []
    if rng.random() < 0.3:
        cert_manager += ["  prometheus:", "    servicemonitor:", "      enabled: true"]
    if rng.random() < 0.2:
        cert_manager += ["  extraValues:", f"    replicaCount: {rng.randint(1, 3)}"]
    if not pca and rng.random() < 0.6:
        cert_manager += [
            "  vaultSecrets:",
            '    - secretName: "cloudflare-issuer-api-token"',
            f'      vaultPath: "cloudflare/{env}"',
            "      secretTransformation:",
            "        excludes:",
            "          - .*",
            "        templates:",
            "          api-token:",
            f"            text: {quoted(VAULT_TEXT)}",
        ]
    if cert_manager:
        lines += ["certManager:"] + cert_manager
    lines.append("certs:")
    if pca:
        lines += ["  issuer: aws-private-ca", "  letsencrypt:", "    enabled: false", "  awsPca:", "    enabled: true",
                  f"    arn: arn:aws:acm-pca:eu-west-2:123456789012:certificate-authority/{rng.getrandbits(128):032x}",
                  "    region: eu-west-2"]
    elif rng.random() < 0.2:
        lines += ["  issuer: letsencrypt-staging"]
    if not pca and rng.random() < 0.3:
        lines += ["  letsencrypt:", f"    email: ops@{org}.example"]
    lines.append("  certificates:")
    for i in range(rng.randint(5, 40)):
        namespace = rng.choice(NAMESPACES + [env])
        name = f"{rng.choice(['app', 'svc', 'web', 'api', 'grafana'])}-{i}"
        names = [f"{name}.{env}.{org}.example"]
        if rng.random() < 0.2:
            names.append(f"*.{name}.{env}.{org}.example")
        lines += [f"    - name: {name}", f"      namespace: {namespace}",
                  "      dnsNames: [" + ", ".join(f'"{n}"' for n in names) + "]",
                  f"      secretName: {name}-tls"]
        if rng.random() < 0.1 and not pca:
            lines.append("      issuer: letsencrypt-staging")
    return "\n".join(lines) + "\n"


def make_fleet(directory: Path, count: int, seed: int) -> None:
    """A repository of `count` environments using this repository's charts."""
    shutil.copytree(ROOT / "charts", directory / "charts")
    rng = random.Random(seed)
    for index in range(count):
        org = ORGS[index % len(ORGS)]
        env = f"{org[:3]}-env-{index:04d}"
        target = directory / "ffnodes" / org / env
        target.mkdir(parents=True)
        (target / "values.yaml").write_text(environment_values(rng, org, env))


def main() -> int:
    parser = argparse.ArgumentParser(description="ffgen render vs Helm on a synthetic fleet")
    parser.add_argument("--environments", type=int, default=1000)
    parser.add_argument("--ffgen", default=str(ROOT / ".build" / "release" / "ffgen"))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", help="generate the fleet in this folder and keep it")
    args = parser.parse_args()

    temporary = None
    if args.keep:
        fleet = Path(args.keep)
        if fleet.exists():
            shutil.rmtree(fleet)
        fleet.mkdir(parents=True)
    else:
        temporary = tempfile.TemporaryDirectory(prefix="ffgen-fleet-")
        fleet = Path(temporary.name)
    make_fleet(fleet, args.environments, args.seed)

    before = os.times()
    start = time.perf_counter()
    run = subprocess.run([args.ffgen, "render", "--root", str(fleet)], capture_output=True, text=True)
    ffgen_time = time.perf_counter() - start
    after = os.times()
    ffgen_cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    if run.returncode != 0:
        print(run.stdout + run.stderr)
        return 2
    print(run.stdout.rstrip())

    # The CI gate on the tree just written: renders everything again and compares it with the files.
    before = os.times()
    start = time.perf_counter()
    check = subprocess.run([args.ffgen, "render", "--check", "--root", str(fleet)], capture_output=True, text=True)
    check_time = time.perf_counter() - start
    after = os.times()
    check_cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    if check.returncode != 0:
        print(check.stdout + check.stderr)
        return 2

    repo = Repository(fleet)
    environments = repo.environments()
    start = time.perf_counter()
    cpu_start = time.process_time()
    expected: dict = {}
    for org, env in environments:
        root, renders, _ = render_environment(repo, org, env)
        expected[object_key(f"{org}/{env}/_root", root)] = root
        for render in renders:
            for _, _, obj in render["documents"]:
                expected[object_key(f"{org}/{env}/{render['application']}", obj)] = obj
    helm_time = time.perf_counter() - start
    helm_cpu = time.process_time() - cpu_start

    got: dict = {}
    out = fleet / "generated"
    for path in out.rglob("*.yaml"):
        parts = path.relative_to(out).parts
        obj = helm.values_from_yaml(path.read_text())
        got[object_key("/".join(parts[:3]), obj)] = obj
    missing = sorted(set(expected) - set(got))
    extra = sorted(set(got) - set(expected))
    different = sorted(k for k in set(expected) & set(got) if expected[k] != got[k])
    for label, keys in (("missing from ffgen", missing), ("only in ffgen", extra), ("different", different)):
        for key in keys[:10]:
            print(f"{label}: {key}")
    same = not (missing or extra or different)
    print(f"fleet: {len(environments)} environments, {len(expected)} objects; "
          f"same objects: {'yes' if same else 'NO'}")
    print(f"helm (ArgoCD way, in-process): {helm_time:8.2f} s wall {helm_cpu:8.2f} s CPU")
    print(f"ffgen render (one process):     {ffgen_time:8.2f} s wall {ffgen_cpu:8.2f} s CPU (user+system), "
          f"writing {len(got)} files")
    print(f"ffgen render --check:           {check_time:8.2f} s wall {check_cpu:8.2f} s CPU (renders, reads, compares)")
    print(f"ratio ffgen render/helm: wall {ffgen_time / helm_time:.4f} ({helm_time / ffgen_time:.1f}x faster), "
          f"CPU {ffgen_cpu / helm_cpu:.4f} ({helm_cpu / ffgen_cpu:.1f}x less)")
    print(f"ratio ffgen render --check/helm: wall {check_time / helm_time:.4f} ({helm_time / check_time:.1f}x faster), "
          f"CPU {check_cpu / helm_cpu:.4f} ({helm_cpu / check_cpu:.1f}x less)")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
