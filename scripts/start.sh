#!/usr/bin/env bash
# Set everything up, then start the coach (offline coach when no API key is configured).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export ANONYMIZED_TELEMETRY=False
exec .venv/bin/coach "$@"
