#!/usr/bin/env python3
"""Records the expected outputs of the `ffgen new` differential test (Tests/FFGenTests/NewDifferentialTests.swift).

    "$(bash scripts/oracle/setup.sh)" Tests/Fixtures/new/record.py PATH/TO/ffgen

For each case below it copies the repository (charts/, ffnodes/, templates/) to a scratch folder, runs
`ffgen new` there with the case's arguments, and writes to Tests/Fixtures/new/expected/<case>/:

- `values.yaml`: the values file `ffgen new` wrote (a snapshot of the scaffold; review changes to it);
- `_root.json` and `<application>.yaml`: what real Helm v4 (helm_python, through
  scripts/oracle/argocd_render.py) renders for the new environment, the ArgoCD way.

The Swift test re-creates each environment in memory and compares its values text with the snapshot and every
rendered object with Helm's output. Never edit the expected files by hand.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "scripts" / "oracle"))

from argocd_render import Repository, render_environment  # noqa: E402

EXPECTED = Path(__file__).resolve().parent / "expected"
PCA = "arn:aws:acm-pca:eu-west-1:123456789012:certificate-authority/12345678-1234-1234-1234-123456789012"

# Case name -> arguments of `ffgen new` (the first is ORG/ENV). Keep in step with NewDifferentialTests.cases.
CASES: dict[str, list[str]] = {
    "letsencrypt-staging": ["fitfile/ff-test-b", "--domain", "fitfile.net"],
    "letsencrypt-prod": [
        "fitfile/ff-prod-2", "--domain", "example.org", "--vault-path", "infra/cloudflare",
        "--certificate", "grafana=monitoring:grafana.example.org,metrics.example.org",
    ],
    "aws-pca": [
        "eoe/cuh-pca-2", "--issuer", "aws-pca", "--pca-arn", PCA, "--region", "eu-west-1",
        "--domain", "internal.fitfile.net",
    ],
    "no-cert-manager": ["eoe/cuh-prod-2", "--no-cert-manager"],
    "from-ff-a": ["fitfile/ff-b", "--from", "fitfile/ff-a"],
    "from-ff-test-a": ["fitfile/ff-test-d", "--from", "fitfile/ff-test-a", "--issuer", "letsencrypt-prod"],
    "from-cuh-pca-1": ["eoe/cuh-pca-3", "--from", "eoe/cuh-pca-1", "--domain", "pca.fitfile.net"],
}


def main() -> int:
    ffgen = Path(sys.argv[1]).resolve()
    if EXPECTED.exists():
        shutil.rmtree(EXPECTED)
    for name, arguments in CASES.items():
        with tempfile.TemporaryDirectory() as scratch:
            for folder in ("charts", "ffnodes", "templates"):
                shutil.copytree(ROOT / folder, Path(scratch) / folder)
            subprocess.run([str(ffgen), "new", *arguments, "--yes"], cwd=scratch, check=True,
                           stdout=subprocess.DEVNULL)
            org, env = arguments[0].split("/")
            out = EXPECTED / name
            out.mkdir(parents=True)
            shutil.copy(Path(scratch) / "ffnodes" / org / env / "values.yaml", out / "values.yaml")
            root_app, renders, _ = render_environment(Repository(Path(scratch)), org, env)
            (out / "_root.json").write_text(json.dumps(root_app, indent=2, sort_keys=True) + "\n")
            for render in renders:
                (out / f"{render['application']}.yaml").write_text(render["manifest"])
        print(f"recorded {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
