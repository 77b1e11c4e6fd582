"""Shared start-up for the record scripts: import helm_python, re-running the script under the oracle
interpreter that scripts/oracle/setup.sh prepares when the current one lacks it, and record in UTC."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

# Date functions format in the local zone; record in UTC so results do not depend on the host.
os.environ["TZ"] = "UTC"


def import_helm():
    """Return the helm_python module, re-executing the calling script under the oracle if needed."""
    try:
        import helm_python
    except ImportError:
        if os.environ.get("FFGEN_ORACLE_REEXEC"):
            raise
        setup = Path(__file__).resolve().parent / "setup.sh"
        python = subprocess.run(
            ["bash", str(setup)], check=True, stdout=subprocess.PIPE, text=True
        ).stdout.strip().splitlines()[-1]
        os.environ["FFGEN_ORACLE_REEXEC"] = "1"
        os.execv(python, [python, *sys.argv])
    return helm_python
