#!/usr/bin/env python3
"""Benchmark `ffgen template` against real Helm on the same charts, in one run.

Times are CPU times (user + system), which other work on a shared machine disturbs far less than wall-clock
time: `time.process_time()` around Helm's loop (all threads of this process, the Go runtime's included) and the
child's rusage for ffgen. Wall-clock times are printed too.

For each chart the script renders it N times with real Helm in-process (Helm v4's Go SDK through the
`helm_python` binding: load the chart, coalesce values, render, sort; what `helm template` does), then runs
`ffgen template --repeat N` once (ffgen loads and renders the chart N times in one process, and the process
start is included), checks both produce the same bytes, and prints both times and the ratio ffgen/Helm.

Usage: bench/template.py [--iterations N] [--ffgen PATH]
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts" / "oracle"))

os.environ["TZ"] = "UTC"
try:
    import helm_python as helm
except ImportError:
    if os.environ.get("FFGEN_ORACLE_REEXEC"):
        raise
    python = subprocess.run(["bash", str(ROOT / "scripts/oracle/setup.sh")], check=True,
                            stdout=subprocess.PIPE, text=True).stdout.strip().splitlines()[-1]
    os.environ["FFGEN_ORACLE_REEXEC"] = "1"
    os.execv(python, [python, *sys.argv])


def unpack_txtar(path: Path, into: Path) -> None:
    name = None
    content: list[str] = []
    def flush() -> None:
        if name is not None:
            target = into / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text("".join(content))
    for line in path.read_text().splitlines(keepends=True):
        stripped = line.rstrip("\n")
        if stripped.startswith("-- ") and stripped.endswith(" --") and len(stripped) >= 6:
            flush()
            name = stripped[3:-3].strip()
            content = []
        else:
            content.append(line)
    flush()


def helm_values(files: list[Path]) -> dict:
    merged: dict = {}
    def merge(a: dict, b: dict) -> dict:
        out = dict(a)
        for k, v in b.items():
            if isinstance(v, dict) and isinstance(out.get(k), dict):
                out[k] = merge(out[k], v)
            else:
                out[k] = v
        return out
    for f in files:
        for doc in f.read_text().split("\n---"):
            parsed = helm.values_from_yaml(doc)
            if parsed:
                merged = merge(merged, parsed)
    return merged


def bench(title: str, chart: Path, values: list[Path], release: str, namespace: str, n: int, ffgen: str) -> float:
    vals = helm_values(values)
    config = helm.Config(storage_driver="memory", namespace=namespace)
    wall = time.perf_counter()
    start = time.process_time()
    manifest = ""
    for _ in range(n):
        manifest = config.install(str(chart), release, vals, namespace=namespace, dry_run="client").get("manifest", "")
    helm_time = time.process_time() - start
    helm_wall = time.perf_counter() - wall
    expected = manifest.strip() + "\n"

    cmd = [ffgen, "template", release, str(chart), "-n", namespace, "--repeat", str(n)]
    for v in values:
        cmd += ["-f", str(v)]
    wall = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    ffgen_time = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    ffgen_wall = time.perf_counter() - wall
    if result.returncode != 0:
        sys.exit(f"{title}: ffgen failed: {result.stderr}")
    same = "same output" if result.stdout == expected else "OUTPUT DIFFERS"
    ratio = ffgen_time / helm_time
    print(f"{title:34} n={n}  CPU ms/render: helm {helm_time * 1000 / n:7.3f}  ffgen {ffgen_time * 1000 / n:7.3f}  "
          f"ratio ffgen/helm {ratio:.3f} ({1 / ratio:.1f}x faster)  "
          f"[wall: helm {helm_wall * 1000 / n:.3f}, ffgen {ffgen_wall * 1000 / n:.3f}]  {same}")
    return ratio


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--iterations", type=int, default=200)
    parser.add_argument("--ffgen", default=str(ROOT / ".build/release/ffgen"))
    args = parser.parse_args()
    if not Path(args.ffgen).exists():
        subprocess.run(["swift", "build", "-c", "release", "--product", "ffgen"], cwd=ROOT, check=True)
    print(f"Helm {helm.helm_sdk_version() if hasattr(helm, 'helm_sdk_version') else '?'}; "
          f"ffgen {args.ffgen}")
    ratios = []
    with tempfile.TemporaryDirectory() as tmp:
        for case in ["webapp-prod", "umbrella-prod", "app-of-apps-prod"]:
            target = Path(tmp) / case
            unpack_txtar(ROOT / f"Tests/Fixtures/corpus/realistic/{case}.txtar", target)
            args_file = target / "args.yaml"
            listed = helm.values_from_yaml(args_file.read_text()).get("valuesFiles", []) if args_file.exists() else []
            values = [target / v for v in listed]
            ratios.append(bench(f"corpus/realistic/{case}", target / "chart", values, "release-name", "default",
                                args.iterations, args.ffgen))
    ratios.append(bench("charts/ffnode + ff-test-a", ROOT / "charts/ffnode",
                        [ROOT / "ffnodes/fitfile/ff-test-a/values.yaml"], "ff-test-a", "argocd",
                        args.iterations, args.ffgen))
    geo = 1.0
    for r in ratios:
        geo *= r
    geo **= 1 / len(ratios)
    print(f"geometric mean ratio ffgen/helm: {geo:.3f} ({1 / geo:.1f}x faster)")


if __name__ == "__main__":
    main()
