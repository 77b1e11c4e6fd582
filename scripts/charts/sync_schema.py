#!/usr/bin/env python3
"""Copies the charts/certs values rules into charts/ffnode/values.schema.json.

charts/ffnode validates an environment's `certs` section with the same rules charts/certs
applies to its values, so a mistake there fails when the app-of-apps renders rather than
later inside Argo CD. Those rules live in charts/certs/values.schema.json; this script
writes them into the ffnode schema as `definitions.certsValues` plus the definitions they
refer to, leaving the rest of the ffnode schema as it is. Run it after changing the certs
schema (scripts/charts/verify.py fails while the two differ):

    python3 scripts/charts/sync_schema.py
"""

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CERTS_SCHEMA = ROOT / "charts" / "certs" / "values.schema.json"
FFNODE_SCHEMA = ROOT / "charts" / "ffnode" / "values.schema.json"


def main():
    certs = json.loads(CERTS_SCHEMA.read_text())
    ffnode = json.loads(FFNODE_SCHEMA.read_text())
    rules = {key: value for key, value in certs.items() if key not in ("$schema", "title", "definitions")}
    rules["description"] = "Values of charts/certs (fitfile-certificates); same rules as its values.schema.json."
    definitions = ffnode["definitions"]
    definitions["certsValues"] = rules
    definitions.update(certs["definitions"])
    FFNODE_SCHEMA.write_text(json.dumps(ffnode, indent=2) + "\n")
    print(f"wrote {FFNODE_SCHEMA.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
