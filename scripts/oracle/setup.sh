#!/usr/bin/env bash
# Creates the oracle virtual environment (.venv-oracle/ at the repository root, ignored by git)
# and installs helm-python-sdk, the Python binding over Helm's Go SDK, if it is missing.
# Prints the path of the environment's python on the last line of stdout.
#
# Environment:
#   ORACLE_VENV     use this virtual environment instead of <repo>/.venv-oracle
#   ORACLE_PYTHON   interpreter used to create the environment (default: python3)
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
venv="${ORACLE_VENV:-$repo_root/.venv-oracle}"
python="${ORACLE_PYTHON:-python3}"

# Reuse an existing environment beside the checkout (shared by several clones) when it already
# has the SDK.
if [ ! -x "$venv/bin/python" ]; then
    for candidate in "$repo_root/../.venv-oracle"; do
        if [ -z "${ORACLE_VENV:-}" ] && [ -x "$candidate/bin/python" ] \
            && "$candidate/bin/python" -c 'import helm_python' >/dev/null 2>&1; then
            venv="$(cd "$candidate" && pwd)"
            break
        fi
    done
fi

if [ ! -x "$venv/bin/python" ]; then
    echo "creating $venv" >&2
    "$python" -m venv "$venv"
fi

if ! "$venv/bin/python" -c 'import helm_python' >/dev/null 2>&1; then
    echo "installing helm-python-sdk into $venv" >&2
    "$venv/bin/python" -m pip install --quiet helm-python-sdk >&2
fi

"$venv/bin/python" -c 'import helm_python; print("helm", helm_python.helm_sdk_version(), file=__import__("sys").stderr)'
echo "$venv/bin/python"
