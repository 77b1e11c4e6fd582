#!/usr/bin/env python3
"""Record the Helm conformance corpus from real Helm.

Every case is a txtar file under Tests/Fixtures/corpus/<category>/<name>.txtar. This script
unpacks each case into a temporary directory, builds the user values the way `helm template`
does, renders the chart with Helm's Go SDK (through the `helm_python` binding, install with
dry_run='client', which is what `helm template` runs) and writes next to the case either
`<name>.golden` (exactly what `helm template` prints on stdout) or `<name>.error` (Helm's
error message, no trailing newline added). A stale result of the other kind is deleted.

Usage:
    record.py [--check] [--corpus DIR] [FILTER ...]

FILTER is a substring matched against "<category>/<name>"; without filters every case runs.
With --check nothing is written; differences are reported and the exit status is 1.

Run it with the oracle interpreter (scripts/oracle/setup.sh prints its path), or let the
script re-execute itself under it.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_CORPUS = REPO_ROOT / "Tests" / "Fixtures" / "corpus"

sys.path.insert(0, str(Path(__file__).resolve().parent))

from oracle_env import import_helm  # noqa: E402  (records in UTC, re-runs under the oracle if needed)

helm = import_helm()


class Unreproducible(Exception):
    """The case uses something the oracle cannot render the way the helm CLI would."""


# --------------------------------------------------------------------------------------------
# txtar

def parse_txtar(text: str) -> tuple[str, list[tuple[str, str]]]:
    """Split a txtar archive into its comment and its (name, content) files."""
    comment: list[str] = []
    files: list[tuple[str, str]] = []
    current: str | None = None
    body: list[str] = []
    # Split on "\n" only, as Go's txtar does: a "\r" is file content (CRLF templates).
    lines = [piece + "\n" for piece in text.split("\n")]
    if text.endswith("\n") or text == "":
        lines.pop()
    for line in lines:
        stripped = line[:-1] if line.endswith("\n") else line
        if stripped.startswith("-- ") and stripped.endswith(" --") and len(stripped) > 6:
            if current is not None:
                files.append((current, "".join(body)))
            current = stripped[3:-3].strip()
            body = []
        elif current is None:
            comment.append(line)
        else:
            body.append(line if line.endswith("\n") else line + "\n")
    if current is not None:
        files.append((current, "".join(body)))
    return "".join(comment), files


# --------------------------------------------------------------------------------------------
# values, as pkg/cli/values/options.go MergeValues builds them

def merge_maps(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    """Helm loader.MergeMaps: b wins; two maps under the same key merge recursively."""
    out = dict(a)
    for key, value in b.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merge_maps(out[key], value)
        else:
            out[key] = value
    return out


_VALUES_CHART = "apiVersion: v2\nname: valuesfile\nversion: 0.1.0\n"


def load_values_file(text: str, scratch: Path) -> dict[str, Any]:
    """Parse a -f file with Helm's loader.LoadValues (every document, merged).

    helm_python.values_from_yaml reads only the first document, so the file is loaded as the
    values.yaml of a throwaway chart, which goes through the same LoadValues as -f does.
    """
    chart_dir = Path(tempfile.mkdtemp(dir=scratch))
    (chart_dir / "Chart.yaml").write_text(_VALUES_CHART)
    (chart_dir / "values.yaml").write_text(text)
    try:
        with helm.Chart.load(chart_dir) as chart:
            return chart.values
    except helm.HelmError as error:
        raise Unreproducible(f"-f file does not load (the CLI wording differs): {error}")


def contains_integer(value: Any) -> bool:
    """True when a parsed --set value holds an integer (int64 in Go)."""
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return True
    if isinstance(value, dict):
        return any(contains_integer(v) for v in value.values())
    if isinstance(value, list):
        return any(contains_integer(v) for v in value)
    return False


def string_list(args: dict[str, Any], key: str) -> list[str]:
    value = args.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise SystemExit(f"args.yaml: {key} must be a list of strings")
    return value


def build_values(args: dict[str, Any], files: dict[str, str], scratch: Path) -> dict[str, Any]:
    base: dict[str, Any] = {}
    for path in string_list(args, "valuesFiles"):
        if path not in files:
            raise SystemExit(f"args.yaml: values file {path} is not in the case")
        base = merge_maps(base, load_values_file(files[path], scratch))

    def parse(kind: str, parser: Any, expression: str) -> dict[str, Any]:
        if "[" in expression.split("=", 1)[0]:
            # strvals.ParseInto writes list indices into the existing list; merging a
            # separately parsed map would replace the list instead.
            raise Unreproducible(f"{kind} with a list index: {expression}")
        try:
            return parser(expression)
        except helm.HelmError as error:
            raise Unreproducible(f"{kind} does not parse (the CLI wording differs): {error}")

    for expression in string_list(args, "setJSON"):
        trimmed = expression.strip()
        if trimmed.startswith("{"):
            base = merge_maps(base, json.loads(trimmed))
        else:
            base = merge_maps(base, parse("--set-json", helm.parse_set_json, expression))
    for expression in string_list(args, "set"):
        parsed = parse("--set", helm.parse_set_string, expression)
        if contains_integer(parsed):
            # The CLI keeps `--set n=1` as int64; the SDK passes values as JSON, so Go
            # would see float64. Such cases cannot be recorded faithfully.
            raise Unreproducible(f"--set integer (int64 in the CLI, float64 via the SDK): {expression}")
        base = merge_maps(base, parsed)
    for expression in string_list(args, "setString"):
        base = merge_maps(base, parse("--set-string", helm.parse_set_string_values, expression))
    for expression in string_list(args, "setLiteral"):
        base = merge_maps(base, parse("--set-literal", helm.parse_set_literal, expression))
    return base


# --------------------------------------------------------------------------------------------
# rendering

# Go unicode.IsSpace, which strings.TrimSpace uses.
_GO_SPACE = "\t\n\v\f\r \u0085\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"


def check_cli_preconditions(chart_dir: Path) -> None:
    """Refuse charts the helm CLI rejects before it calls the install action.

    pkg/cmd/install.go runInstall checks these itself (checkIfInstallable, CheckDependencies),
    so the SDK's install, which starts at the action, would render them without complaint.
    """
    try:
        with helm.Chart.load(chart_dir) as chart:
            chart_type = chart.metadata.get("type") or ""
    except helm.HelmError:
        return  # The install call reports the loading error exactly as the CLI does.
    if chart_type not in ("", "application"):
        raise Unreproducible(f"the CLI refuses {chart_type} charts before rendering")
    missing = [d["name"] for d in helm.dependency_list(chart_dir) if d.get("status") == "missing"]
    if missing:
        raise Unreproducible(f"the CLI refuses missing dependencies before rendering: {missing}")


class Oracle:
    def __init__(self) -> None:
        self.configs: dict[str, Any] = {}

    def config(self, namespace: str) -> Any:
        if namespace not in self.configs:
            self.configs[namespace] = helm.Config(storage_driver="memory", namespace=namespace)
        return self.configs[namespace]

    def render(self, case_text: str, scratch: Path) -> tuple[str, str]:
        """Return ("golden", stdout) or ("error", message) for one case."""
        _, entries = parse_txtar(case_text)
        files = dict(entries)
        args: dict[str, Any] = {}
        if "args.yaml" in files:
            args = helm.values_from_yaml(files["args.yaml"]) or {}
        known = {"release", "namespace", "valuesFiles", "set", "setString", "setJSON", "setLiteral"}
        unknown = set(args) - known
        if unknown:
            raise SystemExit(f"args.yaml: unknown keys {sorted(unknown)}")
        for name, content in files.items():
            if name.startswith("chart/templates/") and "helm.sh/hook" in content:
                # helm template prints hooks after the manifest; the SDK's manifest omits them.
                raise Unreproducible("hooks are not part of the SDK's manifest")

        workdir = Path(tempfile.mkdtemp(dir=scratch))
        for name, content in files.items():
            if name.startswith("chart/") or name.startswith("values/"):
                target = workdir / name
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(content.encode("utf-8"))
        chart_dir = workdir / "chart"
        chart_dir.mkdir(exist_ok=True)

        check_cli_preconditions(chart_dir)

        release = str(args.get("release", "release-name"))
        namespace = str(args.get("namespace", "default"))
        values = build_values(args, files, scratch)
        try:
            result = self.config(namespace).install(
                str(chart_dir), release, values, namespace=namespace, dry_run="client"
            )
        except helm.HelmError as error:
            return "error", str(error)
        manifest = result.get("manifest") or ""
        return "golden", manifest.strip(_GO_SPACE) + "\n"


# --------------------------------------------------------------------------------------------
# driver

def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="compare without writing; exit 1 on a difference")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("filters", nargs="*", help="substrings of <category>/<name>")
    options = parser.parse_args()

    version = helm.helm_sdk_version()
    print(f"Helm {version} (helm_python {helm.__version__}, helm-c {helm.helm_c_version()})")
    corpus: Path = options.corpus
    cases = sorted(corpus.glob("*/*.txtar"))
    if options.filters:
        cases = [c for c in cases if any(f in f"{c.parent.name}/{c.stem}" for f in options.filters)]

    orphans = sorted(
        result for suffix in ("golden", "error") for result in corpus.glob(f"*/*.{suffix}")
        if not result.with_suffix(".txtar").exists()
    )

    oracle = Oracle()
    written = unchanged = 0
    differences: list[str] = []
    failures: list[str] = []
    counts: dict[str, list[int]] = {}
    with tempfile.TemporaryDirectory(prefix="ffgen-oracle-") as tmp:
        scratch = Path(tmp)
        for case in cases:
            name = f"{case.parent.name}/{case.stem}"
            try:
                kind, text = oracle.render(case.read_bytes().decode("utf-8"), scratch)
            except Unreproducible as reason:
                failures.append(f"{name}: cannot be recorded: {reason}")
                continue
            tally = counts.setdefault(case.parent.name, [0, 0])
            tally[0 if kind == "golden" else 1] += 1
            target = case.with_suffix(f".{kind}")
            other = case.with_suffix(".error" if kind == "golden" else ".golden")
            data = text.encode("utf-8")
            same = target.exists() and target.read_bytes() == data and not other.exists()
            if same:
                unchanged += 1
                continue
            if options.check:
                differences.append(f"{name}: {kind} differs from the recorded result")
                continue
            target.write_bytes(data)
            if other.exists():
                other.unlink()
            written += 1
        if not options.check:
            (corpus / "HELM_VERSION").write_text(version + "\n")

    for orphan in orphans:
        name = f"{orphan.parent.name}/{orphan.name}"
        if options.check:
            differences.append(f"{name}: result without a case")
        elif not options.filters:
            orphan.unlink()
            print(f"deleted {name} (no case)")

    for line in failures:
        print(line, file=sys.stderr)
    for line in differences:
        print(line, file=sys.stderr)
    for category in sorted(counts):
        golden, error = counts[category]
        print(f"  {category}: {golden + error} cases ({golden} golden, {error} error)")
    print(f"{len(cases)} cases: {unchanged} unchanged, {written} written, "
          f"{len(differences)} different, {len(failures)} not recordable")
    return 1 if differences or failures else 0


if __name__ == "__main__":
    sys.exit(main())
