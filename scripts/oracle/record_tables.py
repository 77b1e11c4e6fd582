#!/usr/bin/env python3
"""Record the expected results of the oracle tables (Tests/Fixtures/tables/*.json) with real Helm.

A table file is a JSON object:

    {
      "about": "what the table checks",
      "render": {"kind": ..., ...},          how this script turns an input into a chart
      "inputs": [{"field": "text", ...}],     written by people
      "expected": [{"output": "..."} | {"error": "..."}]   written only by this script
    }

`expected[i]` is Helm's result for `inputs[i]`. Render kinds:

- `template`: the input's `template` is a template file of chart `c` (values: `render.values`, a
  values.yaml text; release `r` in namespace `ns`). The output is what the template renders through
  `include` (so `<no value>` is kept and nothing is trimmed); when rendering fails, the template is
  rendered alone as `c/templates/t.yaml` and the error is Helm's message for that file.
- `expression`: like `template`, for the action `{{ EXPRESSION }}` built from the input's `expression`.
- `pipeline`: `render.pipeline` is a template body run with `.` set to the input object (its fields
  are strings); `FUNCTION` in it is replaced by the input's `function` field.
- `values-file`: the input's `yaml` is the chart's values.yaml; the output is `{{ toJson .Values }}`,
  the error Helm's message when the chart's values do not load.
- `schema`: chart `sc` whose values.schema.json is the input's `schema`, rendered with the user values
  `values` (JSON text); the output is empty, the error Helm's validation message.
- `schema-definition`: like `schema`, with the schema `{"$ref": "#/definitions/NAME", "definitions": …}`
  built from the definitions of the schema file `render.schemaFile` (relative to the repository) and
  `render.definition` as NAME; the input's `values` (JSON text) are the user values.
- `kube-version`: a chart whose Chart.yaml `kubeVersion` is the input's `constraint`, rendered for the
  SDK's default Kubernetes version; the output is empty, the error Helm's message.
- `subchart-values`: chart `cc` (values: the input's `parent`, JSON text) with subchart `sub` (values
  `sub`), rendered with the user values `user`; the output is `{{ .Values }}` of the root chart, a newline,
  and `{{ .Values }}` of the subchart.
- `strvals`: the input's `expression` parsed by Helm's strvals the way the flag `mode` does (`typed`:
  --set, `string`: --set-string, `literal`: --set-literal, `json`: --set-json); the output is the parsed
  map in Go's `%v` form, as this script prints the SDK's result (integers of --set are int64 in Go).
- `fixture-chart`: the chart directory `render.chart` (relative to the repository) rendered with the
  user values `user` (JSON text), as release `release` (default `r`); the output is what `helm template` prints (the trimmed manifest and a
  newline), the error Helm's message.
- `chart-field`: a chart whose Chart.yaml ends with the input's `chartYaml`; the output is
  `{{ .Chart.FIELD | toJson }}` for the input's `field` (its first letter upper-cased).

Successful inputs are rendered many per chart (each a `define` included from one file); a chart that
fails is split in halves until the failing inputs are alone.

Usage:
    record_tables.py [--check] [TABLE ...]

TABLE is a file name without `.json`; without it every table is recorded. With --check nothing is
written; differences are listed and the exit status is 1.
"""

from __future__ import annotations

import argparse
import base64
import json
import re
import shutil
import sys
import tempfile
import unicodedata
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from oracle_env import import_helm  # noqa: E402

helm = import_helm()

TABLES = Path(__file__).resolve().parents[2] / "Tests" / "Fixtures" / "tables"
CHART_YAML = "apiVersion: v2\nname: c\nversion: 0.1.0\n"
# Inputs that define or name templates are rendered alone, so batching cannot change what they see.
ALONE = re.compile(r"define|block|template|Template")
RESULT_LINE = re.compile(r'^r(\d+): "([A-Za-z0-9+/=]*)"$', re.M)


class Chart:
    """A scratch chart directory `c` that templates are written into and rendered."""

    def __init__(self, scratch: Path, values: str, user_values: dict[str, Any]):
        self.dir = scratch / "c"
        self.values = values
        self.user_values = user_values

    def render(self, files: dict[str, str], values: str | None = None) -> str:
        """Render the chart with exactly `files` under templates/; return the manifest or raise."""
        if self.dir.exists():
            shutil.rmtree(self.dir)
        (self.dir / "templates").mkdir(parents=True)
        (self.dir / "Chart.yaml").write_text(CHART_YAML)
        (self.dir / "values.yaml").write_text(self.values if values is None else values)
        for name, text in files.items():
            (self.dir / "templates" / name).write_text(text)
        config = helm.Config(storage_driver="memory", namespace="ns")
        return config.install(str(self.dir), "r", self.user_values, namespace="ns", dry_run="client")["manifest"]


def decode(data: str) -> str:
    return base64.b64decode(data).decode("utf-8", errors="replace")


def case_body(kind: str, render: dict[str, Any], row: dict[str, str]) -> str:
    """The template text that is the input's case."""
    if kind == "template":
        return row["template"]
    if kind == "expression":
        return "{{ " + row["expression"] + " }}"
    if kind == "pipeline":
        pipeline = render["pipeline"]
        if "function" in row:
            pipeline = pipeline.replace("FUNCTION", row["function"])
        return "{{ " + pipeline + " }}"
    raise SystemExit(f"unknown render kind {kind!r}")


def render_batch(chart: Chart, kind: str, bodies: dict[int, str]) -> dict[int, str]:
    """Render the cases together; return index -> output, or raise when any fails."""
    data = {"pipeline": lambda i: f"(index .Values.rows {i})"}.get(kind, lambda i: ".")
    defines = "".join('{{- define "case%d" }}%s{{ end }}\n' % (i, body) for i, body in bodies.items())
    uses = "".join('r%d: {{ include "case%d" %s | b64enc | quote }}\n' % (i, i, data(i)) for i in bodies)
    manifest = chart.render({"_cases.tpl": defines, "t.yaml": uses})
    found = {int(m.group(1)): decode(m.group(2)) for m in RESULT_LINE.finditer(manifest)}
    if set(found) != set(bodies):
        raise RuntimeError("the batch manifest does not list every case")
    return found


def render_error(chart: Chart, kind: str, index: int, body: str) -> dict[str, str]:
    """The result of one case that failed in a batch: Helm's error for the case rendered on its own."""
    text = body if kind != "pipeline" else "{{- with index .Values.rows %d }}%s{{ end }}" % (index, body)
    try:
        manifest = chart.render({"t.yaml": text})
    except Exception as error:  # Helm's message is the expectation.
        return {"error": str(error)}
    raise RuntimeError(f"case {index} fails through include but renders on its own:\n{manifest}")


def render_cases(chart: Chart, kind: str, bodies: dict[int, str], results: dict[int, dict[str, str]]) -> None:
    """Fill `results` for `bodies`, splitting failing batches in halves."""
    if not bodies:
        return
    try:
        for i, text in render_batch(chart, kind, bodies).items():
            results[i] = {"output": text}
        return
    except Exception:
        if len(bodies) == 1:
            (i, body), = bodies.items()
            results[i] = render_error(chart, kind, i, body)
            return
    keys = list(bodies)
    half = len(keys) // 2
    render_cases(chart, kind, {k: bodies[k] for k in keys[:half]}, results)
    render_cases(chart, kind, {k: bodies[k] for k in keys[half:]}, results)


def record_values_files(chart: Chart, inputs: list[dict[str, str]]) -> list[dict[str, str]]:
    results = []
    for row in inputs:
        try:
            manifest = chart.render({"t.yaml": "v: {{ toJson .Values | b64enc | quote }}\n"}, values=row["yaml"])
            results.append({"output": decode(manifest.split('v: "', 1)[1].rsplit('"', 1)[0])})
        except Exception as error:
            results.append({"error": str(error)})
    return results


def install(chart_dir: Path, values: dict[str, Any]) -> str:
    config = helm.Config(storage_driver="memory", namespace="ns")
    return config.install(str(chart_dir), "r", values, namespace="ns", dry_run="client")["manifest"]


def write_chart(root: Path, files: dict[str, str]) -> Path:
    """A fresh chart directory holding `files` (paths relative to it)."""
    if root.exists():
        shutil.rmtree(root)
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    return root


def record_charts(kind: str, render: dict[str, Any], inputs: list[dict[str, str]], scratch: Path) -> list[dict[str, str]]:
    """One chart per input, for the kinds whose input is part of the chart itself."""
    results = []
    for row in inputs:
        user: dict[str, Any] = {}
        if kind in ("schema", "schema-definition"):
            schema = row.get("schema", "")
            if kind == "schema-definition":
                definitions = json.loads((TABLES.parents[2] / render["schemaFile"]).read_text())["definitions"]
                schema = json.dumps({"$ref": "#/definitions/" + render["definition"], "definitions": definitions})
            root = write_chart(scratch / "sc", {
                "Chart.yaml": "apiVersion: v2\nname: sc\nversion: 0.1.0\n",
                "values.schema.json": schema,
                "templates/t.yaml": "a: 1\n",
            })
            user = json.loads(row["values"])
        elif kind == "kube-version":
            root = write_chart(scratch / "kv", {
                "Chart.yaml": "apiVersion: v2\nname: kv\nversion: 0.1.0\nkubeVersion: %s\n" % json.dumps(row["constraint"]),
                "templates/t.yaml": "a: 1\n",
            })
        elif kind == "chart-field":
            field = row["field"][:1].upper() + row["field"][1:]
            root = write_chart(scratch / "cf", {
                "Chart.yaml": "apiVersion: v2\nname: cf\nversion: 0.1.0\n" + row["chartYaml"],
                "templates/t.yaml": "v: {{ .Chart.%s | toJson | b64enc | quote }}\n" % field,
            })
        elif kind == "subchart-values":
            show = 'v: {{ printf "%v" .Values | b64enc | quote }}\n'
            root = write_chart(scratch / "cc", {
                "Chart.yaml": "apiVersion: v2\nname: cc\nversion: 1.0.0\n",
                "values.yaml": row["parent"],
                "templates/t.yaml": show,
                "charts/sub/Chart.yaml": "apiVersion: v2\nname: sub\nversion: 1.0.0\n",
                "charts/sub/values.yaml": row["sub"],
                "charts/sub/templates/t.yaml": show,
            })
            user = json.loads(row["user"])
        else:
            raise SystemExit(f"unknown render kind {kind!r}")
        try:
            manifest = install(root, user)
        except Exception as error:  # Helm's message is the expectation.
            results.append({"error": str(error)})
            continue
        if kind == "subchart-values":
            shown = {m.group(1): decode(m.group(2)) for m in re.finditer(
                r'^# Source: (\S+)\nv: "([A-Za-z0-9+/=]*)"$', manifest, re.M)}
            results.append({"output": shown["cc/templates/t.yaml"] + "\n" + shown["cc/charts/sub/templates/t.yaml"]})
        elif kind == "chart-field":
            results.append({"output": decode(manifest.split('v: "', 1)[1].rsplit('"', 1)[0])})
        else:
            results.append({"output": ""})
    return results


def go_value(value: Any) -> str:
    """Go's `%v` of a value the SDK decoded from Go (maps print with sorted keys)."""
    if value is None:
        return "<nil>"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value == int(value) and abs(value) < 1e21:
            return str(int(value))
        text = repr(value)
        if "e" in text:  # Go writes at least two exponent digits and a sign.
            mantissa, exponent = text.split("e")
            sign = "-" if exponent.startswith("-") else "+"
            text = f"{mantissa}e{sign}{exponent.lstrip('+-').zfill(2)}"
        return text
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return "[" + " ".join(go_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "map[" + " ".join(f"{k}:{go_value(value[k])}" for k in sorted(value, key=lambda k: k.encode())) + "]"
    raise TypeError(f"no Go form for {value!r}")


STRVALS = {
    "typed": "parse_set_string",
    "string": "parse_set_string_values",
    "literal": "parse_set_literal",
    "json": "parse_set_json",
}


def record_strvals(inputs: list[dict[str, str]]) -> list[dict[str, str]]:
    results = []
    for row in inputs:
        try:
            results.append({"output": go_value(getattr(helm, STRVALS[row["mode"]])(row["expression"]))})
        except helm.HelmError as error:
            results.append({"error": str(error)})
    return results


def record_fixture_chart(chart_dir: Path, inputs: list[dict[str, str]]) -> list[dict[str, str]]:
    results = []
    for row in inputs:
        try:
            release = row.get("release", "r")
            config = helm.Config(storage_driver="memory", namespace="ns")
            manifest = config.install(str(chart_dir), release, json.loads(row["user"]), namespace="ns",
                                      dry_run="client")["manifest"]
            results.append({"output": manifest.strip() + "\n"})
        except Exception as error:  # Helm's message is the expectation.
            results.append({"error": str(error)})
    return results


def record(table: dict[str, Any], scratch: Path) -> list[dict[str, str]]:
    render = table.get("render", {})
    kind = render.get("kind", "template")
    inputs = table["inputs"]
    values = render.get("values", "")
    # Pipeline rows travel as user values (JSON through the SDK), so every string arrives unchanged.
    chart = Chart(scratch, values, {"rows": inputs} if kind == "pipeline" else {})
    if kind == "values-file":
        return record_values_files(chart, inputs)
    if kind in ("schema", "schema-definition", "kube-version", "subchart-values", "chart-field"):
        return record_charts(kind, render, inputs, scratch)
    if kind == "strvals":
        return record_strvals(inputs)
    if kind == "fixture-chart":
        return record_fixture_chart(TABLES.parents[2] / render["chart"], inputs)
    results: dict[int, dict[str, str]] = {}
    bodies = {i: case_body(kind, render, row) for i, row in enumerate(inputs)}
    alone = {i: b for i, b in bodies.items() if ALONE.search(b)}
    for i, body in alone.items():
        render_cases(chart, kind, {i: body}, results)
    render_cases(chart, kind, {i: b for i, b in bodies.items() if i not in alone}, results)
    return [results[i] for i in range(len(inputs))]


def escape(c: str) -> str:
    """A character as it is written into a table: invisible and format characters (a leading byte-order mark
    would be dropped by some JSON readers) as \\u escapes, everything else as itself."""
    if c == " " or unicodedata.category(c) not in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp", "Zs"):
        return c
    code = ord(c)
    if code > 0xFFFF:
        code -= 0x10000
        return "\\u%04x\\u%04x" % (0xD800 + (code >> 10), 0xDC00 + (code & 0x3FF))
    return "\\u%04x" % code


def dump(table: dict[str, Any]) -> str:
    """The table as JSON with one input or result per line, so rows are easy to edit and review."""
    def one(value: Any) -> str:
        return "".join(escape(c) for c in json.dumps(value, ensure_ascii=False))
    parts = []
    for key, value in table.items():
        if isinstance(value, list):
            rows = ",\n".join("    " + one(row) for row in value)
            parts.append(f"  {one(key)}: [\n{rows}\n  ]" if value else f"  {one(key)}: []")
        else:
            parts.append(f"  {one(key)}: {one(value)}")
    return "{\n" + ",\n".join(parts) + "\n}\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="compare only, write nothing")
    parser.add_argument("tables", nargs="*")
    args = parser.parse_args()
    names = args.tables or sorted(p.stem for p in TABLES.glob("*.json"))
    differing = 0
    scratch = Path(tempfile.mkdtemp(prefix="ffgen-tables-"))
    try:
        for name in names:
            path = TABLES / f"{name}.json"
            table = json.loads(path.read_text())
            expected = record(table, scratch)
            old = table.get("expected")
            changed = [i for i in range(len(expected)) if old is None or i >= len(old) or old[i] != expected[i]]
            if old is not None and len(old) != len(expected):
                changed = changed or [len(expected)]
            status = "unchanged"
            if changed:
                differing += 1
                if args.check:
                    status = f"{len(changed)} differ"
                    for i in changed[:20]:
                        if i < len(expected):
                            was = old[i] if old is not None and i < len(old) else None
                            print(f"{name}[{i}] {json.dumps(table['inputs'][i], ensure_ascii=False)}\n"
                                  f"  recorded: {json.dumps(was, ensure_ascii=False)}\n"
                                  f"  Helm:     {json.dumps(expected[i], ensure_ascii=False)}")
                else:
                    table["expected"] = expected
                    path.write_text(dump(table))
                    status = f"{len(changed)} rewritten"
            print(f"{name}: {len(expected)} inputs, {status}", file=sys.stderr)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return 1 if args.check and differing else 0


if __name__ == "__main__":
    sys.exit(main())
