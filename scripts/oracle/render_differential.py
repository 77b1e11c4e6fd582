#!/usr/bin/env python3
"""Compares ffgen's generated tree with real Helm rendering every environment the ArgoCD way.

    "$(bash scripts/oracle/setup.sh)" scripts/oracle/render_differential.py [--root DIR] [--out DIR]

For each environment of the repository, argocd_render.py builds the root Application and follows
the app-of-apps with Helm v4 (helm_python). Every object Helm renders, and the root Application,
must be in ffgen's tree (generated/ or --out) under <org>/<env>/<application>/..., equal as parsed
YAML, and the tree must hold nothing else. Prints each difference; exits 1 when there is one.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import helm_python as helm  # noqa: E402

from argocd_render import Repository, object_key, render_environment  # noqa: E402


def tree_objects(env_dir: Path) -> dict:
    """Objects of one environment's folder, keyed like argocd_render.object_key."""
    objects = {}
    for path in sorted(env_dir.rglob("*.yaml")):
        application = path.relative_to(env_dir).parts[0]
        obj = helm.values_from_yaml(path.read_text())
        objects[object_key(application, obj)] = (path, obj)
    return objects


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--root", default=str(Path(__file__).resolve().parents[2]))
    parser.add_argument("--out", help="the generated tree (default: the repository's output setting)")
    args = parser.parse_args()
    repo = Repository(Path(args.root))
    out = Path(args.out) if args.out else repo.root / repo.settings["output"]
    differences = 0
    compared = 0
    for org, env in repo.environments():
        root, renders, _ = render_environment(repo, org, env)
        expected = {object_key("_root", root): root}
        for render in renders:
            for _, _, obj in render["documents"]:
                expected[object_key(render["application"], obj)] = obj
        got = tree_objects(out / org / env)
        for key in sorted(set(expected) | set(got)):
            compared += 1
            if key not in got:
                print(f"{org}/{env}: missing from the tree: {key}")
                differences += 1
            elif key not in expected:
                print(f"{org}/{env}: not rendered by Helm: {got[key][0]}")
                differences += 1
            elif got[key][1] != expected[key]:
                print(f"{org}/{env}: differs from Helm: {got[key][0]}")
                differences += 1
    print(f"{compared} objects compared, {differences} differences")
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
