#!/usr/bin/env python3
"""Time `ffgen diff --base HEAD~1` on a 300-environment repository after a one-line chart change, next to what
`git diff --no-index` of the two rendered trees costs.

The script builds a throwaway git repository (this repository's charts/, plus N synthetic environments with 5 to
40 certificates each), commits it, changes one line of charts/certs/templates/certificate.yaml (every Certificate
of every environment gains `revisionHistoryLimit: 2`), commits again, and then measures:

1. `ffgen diff --base HEAD~1` (renders both revisions in memory, HEAD~1 read from git objects) in the text,
   markdown, json and unified formats;
2. `ffgen render --out` of each revision into two trees (what a plain-diff workflow must do first), and
   `git diff --no-index` of those two trees.

Wall-clock and CPU (user+system of the child processes) times are printed; on a shared machine the CPU figures
are the steadier.

Usage: bench/diff.py [--environments N] [--ffgen PATH] [--seed S] [--keep DIR]
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
ORGANISATIONS = ["fitfile", "eoe", "nhs-north", "nhs-south", "acme"]
NAMESPACES = ["argocd", "argo", "monitoring", "web", "api"]


def values(rng: random.Random, org: str, env: str) -> str:
    """A synthetic environment: cert-manager plus 5 to 40 certificates."""
    out = ["deploy:", "  certManager: true", "certs:"]
    if rng.random() < 0.25:
        out += ["  issuer: letsencrypt-staging"]
    out.append("  certificates:")
    for i in range(rng.randint(5, 40)):
        name = f"{rng.choice(['app', 'svc', 'web', 'api'])}-{i}"
        hosts = [f"{name}.{env}.{org}.example"] + ([f"*.{name}.{env}.{org}.example"] if rng.random() < 0.2 else [])
        out += [f"    - name: {name}", f"      namespace: {rng.choice(NAMESPACES)}",
                "      dnsNames: [" + ", ".join(f'"{h}"' for h in hosts) + "]", f"      secretName: {name}-tls"]
    return "\n".join(out) + "\n"


def run(command: list[str], cwd: Path, ok: tuple[int, ...] = (0,)) -> tuple[float, float, int, int]:
    """Runs `command`; returns wall seconds, child CPU seconds, exit status and bytes written to stdout."""
    before = os.times()
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    wall = time.perf_counter() - start
    after = os.times()
    if result.returncode not in ok:
        sys.exit(f"{' '.join(command)} exited {result.returncode}:\n{result.stderr.decode()}")
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    return wall, cpu, result.returncode, len(result.stdout)


def git(repository: Path, *arguments: str) -> None:
    subprocess.run(["git", "-c", "user.name=bench", "-c", "user.email=bench@example.com", *arguments],
                   cwd=repository, check=True, stdout=subprocess.DEVNULL)


def main() -> int:
    parser = argparse.ArgumentParser(description="ffgen diff --base vs git diff of rendered trees")
    parser.add_argument("--environments", type=int, default=300)
    parser.add_argument("--ffgen", default=str(ROOT / ".build" / "release" / "ffgen"))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", help="work in this folder and keep it")
    args = parser.parse_args()
    ffgen = str(Path(args.ffgen).resolve())

    temporary = None
    if args.keep:
        work = Path(args.keep)
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir(parents=True)
    else:
        temporary = tempfile.TemporaryDirectory(prefix="ffgen-diff-bench-")
        work = Path(temporary.name)
    repository = work / "repo"
    shutil.copytree(ROOT / "charts", repository / "charts")
    rng = random.Random(args.seed)
    objects = 0
    for index in range(args.environments):
        org = ORGANISATIONS[index % len(ORGANISATIONS)]
        env = f"{org[:3]}-{index:04d}"
        (repository / "ffnodes" / org / env).mkdir(parents=True)
        text = values(rng, org, env)
        objects += text.count("- name:")
        (repository / "ffnodes" / org / env / "values.yaml").write_text(text)
    git(repository, "init", "-q", "-b", "main")
    git(repository, "add", "-A")
    git(repository, "commit", "-q", "-m", "fleet")

    timings: list[tuple[str, float, float, str]] = []
    wall, cpu, _, _ = run([ffgen, "render", "--out", str(work / "old")], repository)
    timings.append(("ffgen render (HEAD~1 tree)", wall, cpu, ""))

    template = repository / "charts" / "certs" / "templates" / "certificate.yaml"
    text = template.read_text()
    if "\nspec:\n" not in text:
        sys.exit("charts/certs/templates/certificate.yaml has no top-level spec: line to extend")
    template.write_text(text.replace("\nspec:\n", "\nspec:\n  revisionHistoryLimit: 2\n", 1))
    git(repository, "commit", "-q", "-am", "certificates keep two revisions")

    wall, cpu, _, _ = run([ffgen, "render", "--out", str(work / "new")], repository)
    timings.append(("ffgen render (HEAD tree)", wall, cpu, ""))
    for output in ["text", "markdown", "json", "unified"]:
        wall, cpu, status, size = run([ffgen, "diff", "--base", "HEAD~1", "--format", output], repository, ok=(1,))
        timings.append((f"ffgen diff --base HEAD~1 --format {output}", wall, cpu, f"exit {status}, {size:,} bytes"))
    wall, cpu, status, size = run(["git", "diff", "--no-index", "--no-color", "old", "new"], work, ok=(1,))
    timings.append(("git diff --no-index old new (trees already rendered)", wall, cpu, f"exit {status}, {size:,} bytes"))

    print(f"{args.environments} environments, about {objects} certificates; one-line change to "
          "charts/certs/templates/certificate.yaml")
    for label, wall, cpu, note in timings:
        print(f"  {label:<58} {wall:7.2f}s wall {cpu:7.2f}s cpu  {note}")
    render_both = timings[0][1] + timings[1][1]
    print(f"  render both trees + git diff (a plain-diff workflow): {render_both + timings[-1][1]:.2f}s wall")
    if temporary:
        temporary.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
