#!/usr/bin/env bash
# Set everything up, then run the whole check: lint, types, layer contracts, every test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export ANONYMIZED_TELEMETRY=False
echo "== ruff" && .venv/bin/ruff check coach graph knowledge tests scripts benchmarks
echo "== mypy --strict" && .venv/bin/mypy
echo "== import-linter" && .venv/bin/lint-imports
echo "== pytest" && .venv/bin/python -m pytest -q -rs "$@"
