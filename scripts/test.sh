#!/usr/bin/env bash
# Set up .venv with the dev tools, then run the project's checks: ruff, mypy, the whole test suite (slow tests too).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --dev
.venv/bin/ruff check lintnews tests
.venv/bin/mypy
.venv/bin/python -m pytest "$@"
