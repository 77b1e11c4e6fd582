#!/usr/bin/env python3
"""Records what real Helm renders, the ArgoCD way, for the GitOps differential test.

    "$(bash scripts/oracle/setup.sh)" scripts/oracle/record_render.py [--check]

For this repository and each fixture repository under Tests/Fixtures/gitops/ that has environments
(and is not an error case), every environment is rendered by argocd_render.py (Helm v4 through
helm_python) and written to Tests/Fixtures/gitops/expected/<repository>/<org>/<env>/:

- `_root.json`: the root Application as argocd_render.py builds it from docs/render.md;
- `<application>.yaml`: exactly what `helm template` prints for that Application's chart (one file
  per rendered Application, named after it; `<application>.<n>.yaml` for the n-th further source).

These files are never edited by hand. With --check nothing is written; differences are listed and
the exit status is 1.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from argocd_render import Repository, render_environment  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "Tests" / "Fixtures" / "gitops"
EXPECTED = FIXTURES / "expected"
# Repository name in expected/ -> its root.
REPOSITORIES = {"repository": ROOT, "platform": FIXTURES / "platform"}


def record(name: str, root: Path) -> dict[str, str]:
    """Relative path under expected/ -> content, for one repository."""
    files: dict[str, str] = {}
    repo = Repository(root)
    for org, env in repo.environments():
        base = f"{name}/{org}/{env}"
        root_app, renders, _ = render_environment(repo, org, env)
        files[f"{base}/_root.json"] = json.dumps(root_app, indent=2, sort_keys=True) + "\n"
        seen: dict[str, int] = {}
        for render in renders:
            count = seen.get(render["application"], 0)
            seen[render["application"]] = count + 1
            suffix = f".{count}" if count else ""
            files[f"{base}/{render['application']}{suffix}.yaml"] = render["manifest"]
    return files


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    files: dict[str, str] = {}
    for name, root in REPOSITORIES.items():
        files.update(record(name, root))
    existing = {str(p.relative_to(EXPECTED)): p.read_text() for p in EXPECTED.rglob("*") if p.is_file()} \
        if EXPECTED.exists() else {}
    if args.check:
        stale = sorted(k for k in set(files) | set(existing) if files.get(k) != existing.get(k))
        for path in stale:
            print(f"differs: {path}")
        return 1 if stale else 0
    if EXPECTED.exists():
        shutil.rmtree(EXPECTED)
    for path, content in files.items():
        target = EXPECTED / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content)
    print(f"wrote {len(files)} files under {EXPECTED.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
