#!/usr/bin/env python3
"""Run the Helm conformance corpus through a built `ffgen` binary (release builds included).

Each `Tests/Fixtures/corpus/**/<case>.txtar` is unpacked into a temporary folder and rendered with
`ffgen template`; the result must equal the recorded `.golden` stdout, or for `.error` cases ffgen must fail and
print `Error: <Helm's text>` first on stderr. This checks an optimised release binary against the same 1,000+
recorded cases as `swift test --filter CorpusTests` without a debug build of the test target.

Known differences from the Swift test: cases whose release name starts with `-` need `--` on the command line, and
`rand*` output differs run to run; both fail here only.

Usage: bench/corpus_check.py [--ffgen PATH] [--jobs N] [--corpus DIR] [--verbose] [--write-failures FILE]
                             [--compare FILE]
`--corpus` runs another folder of cases laid out the same way (recorded with `scripts/oracle/record.py --corpus`).
`--compare` prints the cases failing now that were not listed in FILE (a list from an earlier run).
"""

from __future__ import annotations

import argparse
import concurrent.futures
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts" / "oracle"))
CORPUS = ROOT / "Tests/Fixtures/corpus"


def unpack_txtar(path: Path, into: Path) -> dict[str, str]:
    files: dict[str, str] = {}
    name = None
    content: list[str] = []

    def flush() -> None:
        if name is not None:
            files[name] = "".join(content)

    # newline="" keeps CRLF line ends as they are (some cases are about them).
    with open(path, encoding="utf-8", newline="") as f:
        text = f.read()
    for line in re.findall(r"[^\n]*\n|[^\n]+$", text):
        stripped = line.rstrip("\n")
        if stripped.startswith("-- ") and stripped.endswith(" --") and len(stripped) >= 6:
            flush()
            name = stripped[3:-3].strip()
            content = []
        else:
            content.append(line)
    flush()
    for rel, text in files.items():
        target = into / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target, "w", encoding="utf-8", newline="") as f:
            f.write(text)
    return files


def yaml_list(text: str, key: str) -> list[str] | str | None:
    """The few shapes args.yaml uses: `key: value` and `key:` followed by `- item` lines (JSON-ish quoting)."""
    import helm_python  # the oracle's YAML reader (Helm's own)

    data = helm_python.values_from_yaml(text) or {}
    value = data.get(key)
    if value is None:
        return None
    if isinstance(value, list):
        return [fmt(v) for v in value]
    return fmt(value)


def fmt(v: object) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def run_case(ffgen: str, archive: Path, corpus: Path = CORPUS) -> tuple[str, bool, str]:
    name = str(archive.relative_to(corpus))[: -len(".txtar")]
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        files = unpack_txtar(archive, d)
        release, namespace = "release-name", "default"
        cmd_tail: list[str] = []
        if "args.yaml" in files:
            args = files["args.yaml"]
            release = yaml_list(args, "release") or release
            namespace = yaml_list(args, "namespace") or namespace
            for key, flag in [("valuesFiles", "-f"), ("set", "--set"), ("setString", "--set-string"),
                              ("setJSON", "--set-json"), ("setLiteral", "--set-literal")]:
                for item in yaml_list(args, key) or []:
                    cmd_tail += [flag, str(d / item) if key == "valuesFiles" else item]
        cmd = [ffgen, "template", str(release), str(d / "chart"), "-n", str(namespace), *cmd_tail]
        result = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=d, env={**os.environ, "TZ": "UTC"})
        golden = archive.with_suffix(".golden")
        error = archive.with_suffix(".error")
        if golden.exists():
            ok = result.returncode == 0 and result.stdout == golden.read_bytes()
            return name, ok, "" if ok else result.stderr.decode(errors="replace")[:300]
        want = error.read_bytes()
        ok = result.returncode != 0 and result.stderr.startswith(b"Error: " + want)
        return name, ok, "" if ok else (result.stderr.decode(errors="replace")[:300])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ffgen", default=str(ROOT / ".build/release/ffgen"))
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--write-failures")
    parser.add_argument("--compare")
    parser.add_argument("--corpus", default=str(CORPUS), help="a corpus folder laid out as Tests/Fixtures/corpus")
    parser.add_argument("--verbose", action="store_true", help="print each failing case with ffgen's stderr")
    args = parser.parse_args()
    corpus = Path(args.corpus).resolve()
    archives = sorted(corpus.rglob("*.txtar"))
    failures: list[str] = []
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        for name, ok, detail in pool.map(lambda a: run_case(args.ffgen, a, corpus), archives):
            if not ok:
                failures.append(name)
                if args.verbose:
                    print(f"FAIL {name}: {detail.strip()}")
    print(f"{len(archives)} cases, {len(archives) - len(failures)} pass, {len(failures)} fail")
    if args.write_failures:
        Path(args.write_failures).write_text("".join(f + "\n" for f in failures))
    if args.compare:
        before = set(Path(args.compare).read_text().split())
        new = [f for f in failures if f not in before]
        fixed = [f for f in before if f not in failures]
        print(f"newly failing: {len(new)}" + "".join(f"\n  {f}" for f in new))
        print(f"no longer failing: {len(fixed)}")
        return 1 if new else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
