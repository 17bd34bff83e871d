#!/usr/bin/env bash
# Set-up on a fresh machine: Python packages, and with --browser Debian's chromium
# for the end-to-end tests. Idempotent: a second run installs nothing new.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m pip install --quiet --disable-pip-version-check -r requirements.txt
# the engine in place (editable): `python -m geo` then works from any folder
python3 -m pip install --quiet --disable-pip-version-check --no-deps -e .
# the engine's hot modules compiled to C in place (about 1.5 min, then only when they change);
# if that cannot be done here the engine runs as plain Python, slower
python3 scripts/build_native.py || echo "setup: the engine runs as plain Python (see above)" >&2
if [[ "${1:-}" == "--browser" ]] && ! command -v chromium >/dev/null 2>&1; then
  SUDO=""
  [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi
