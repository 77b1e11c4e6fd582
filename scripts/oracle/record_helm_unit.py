#!/usr/bin/env python3
"""Record the expected outputs of the helm-unit fixtures (Tests/Fixtures/helm-unit) with real Helm.

Each case directory holds `chart/` (the chart) and optionally `values.json` (the user values). This
script renders the chart as `helm template rel chart` does (Helm's Go SDK through helm_python,
install with dry_run='client', namespace `default`) and writes `expected.txt`: the release manifest
as helm template prints it (`strings.TrimSpace(manifest) + "\\n"`, hooks excluded because the SDK
returns the manifest only), or `ERROR: ` followed by Helm's message and a newline.

Usage:
    record_helm_unit.py [--check] [CASE ...]

Without CASE every directory that has a `chart/` is recorded. With --check nothing is written;
differences are listed and the exit status is 1. The files are never edited by hand.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from oracle_env import import_helm  # noqa: E402

helm = import_helm()

ROOT = Path(__file__).resolve().parents[2] / "Tests" / "Fixtures" / "helm-unit"


def render(case: Path) -> str:
    """What `helm template rel chart` prints for the case, or `ERROR: <message>`."""
    values_path = case / "values.json"
    values = json.loads(values_path.read_text()) if values_path.exists() else {}
    config = helm.Config(storage_driver="memory", namespace="default")
    try:
        manifest = config.install(str(case / "chart"), "rel", values, namespace="default",
                                  dry_run="client")["manifest"]
        return manifest.strip() + "\n"
    except Exception as error:  # Helm's message is the expectation.
        return "ERROR: " + str(error) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="compare only, write nothing")
    parser.add_argument("cases", nargs="*")
    args = parser.parse_args()
    names = args.cases or sorted(p.name for p in ROOT.iterdir() if (p / "chart").is_dir())
    stale = 0
    for name in names:
        case = ROOT / name
        if not (case / "chart").is_dir():
            print(f"{name}: no chart/ directory", file=sys.stderr)
            return 2
        got = render(case)
        path = case / "expected.txt"
        old = path.read_text() if path.exists() else None
        if old == got:
            continue
        stale += 1
        if args.check:
            print(f"differs: {name}")
        else:
            path.write_text(got)
            print(f"recorded: {name}")
    print(f"{len(names)} cases, {stale} {'differ' if args.check else 'rewritten'}", file=sys.stderr)
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    sys.exit(main())
