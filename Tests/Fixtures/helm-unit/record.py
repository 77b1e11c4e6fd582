#!/usr/bin/env python3
"""Records expected outputs for the helm-unit fixtures with real Helm (helm_python, Helm v4.2.3).

Each case directory holds `chart/` (the chart), optionally `values.json` (user values) and gets
`expected.txt`: `helm template rel chart` stdout, or `ERROR: <Helm's message>` when rendering fails.
Run: /work/.venv-oracle/bin/python record.py [case ...]
"""
import json
import os
import sys

import helm_python

HERE = os.path.dirname(os.path.abspath(__file__))


def record(case):
    root = os.path.join(HERE, case)
    values_path = os.path.join(root, "values.json")
    values = json.load(open(values_path)) if os.path.exists(values_path) else {}
    config = helm_python.Config(storage_driver="memory", namespace="default")
    try:
        manifest = config.install(os.path.join(root, "chart"), "rel", values, namespace="default",
                                  dry_run="client")["manifest"]
        out = manifest.strip() + "\n"
    except Exception as error:  # Helm's message is the expectation
        out = "ERROR: " + str(error) + "\n"
    with open(os.path.join(root, "expected.txt"), "w") as f:
        f.write(out)


cases = sys.argv[1:] or sorted(d for d in os.listdir(HERE) if os.path.isdir(os.path.join(HERE, d)))
for case in cases:
    record(case)
    print("recorded", case)
