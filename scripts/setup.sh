#!/usr/bin/env bash
# Create the venv and install okr-coach with everything the tests need (idempotent).
#
# Prints numbered steps and, while pip runs, a progress line (overwritten in a terminal,
# plain lines at most every 20 s otherwise, e.g. in CI); pip's own output goes to
# $VENV/setup.log, whose tail is shown if a step fails. Nothing happens when the venv is
# already installed from the current pyproject.toml (a sha256 stamp inside the venv).
#
#   VENV    the venv folder, default .venv (relative to the repo root); scripts/test.sh and
#           scripts/start.sh use .venv, another folder is for trying this script out
#   PYTHON  the interpreter that creates the venv, default python3
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
VENV=${VENV:-.venv}
FRESH_PACKAGES=140  # what a fresh venv ends up holding (134 measured), for the estimate

stamp=$VENV/.okr-coach-installed
want=$(sha256sum < pyproject.toml | cut -d' ' -f1)
if [ -x "$VENV/bin/python" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  exit 0
fi

mkdir -p "$VENV"
log=$VENV/setup.log
: > "$log"
started=$SECONDS
if [ -t 2 ]; then every=10; else every=20; fi  # seconds between progress lines
echo "Setting up $VENV (the first run takes a few minutes; pip's output goes to $log)…" >&2

elapsed() {
  local s=$((SECONDS - started))
  printf '%dm%02ds' $((s / 60)) $((s % 60))
}

installed() {  # distributions in the venv now
  local n=0 d
  for d in "$VENV"/lib/python*/site-packages/*.dist-info; do
    if [ -e "$d" ]; then n=$((n + 1)); fi
  done
  echo "$n"
}

progress() {  # one line: time, packages collected and in place, pip's latest step
  local collected last
  collected=$(grep -c '^Collecting ' "$log" || true)
  last=$(grep -E '^(Collecting|Building|Installing|Successfully)' "$log" | tail -n 1 || true)
  if [ "${#last}" -gt 60 ]; then last="${last:0:59}…"; fi
  printf '      %s: %s collected, %s in the venv%s' \
    "$(elapsed)" "${collected:-0}" "$(installed)" "${last:+ · $last}"
}

run() {  # run "$@" with its output in the log, showing progress until it ends
  "$@" >> "$log" 2>&1 &
  local pid=$! rc=0 shown=0 next=$((SECONDS + every)) line cols
  # a background job ignores Ctrl-C in a script: stop it ourselves
  trap 'kill '"$pid"' 2>/dev/null || true; echo >&2; echo "setup interrupted; the log is in $log" >&2; exit 130' INT TERM
  while kill -0 "$pid" 2>/dev/null; do
    sleep 1
    if [ "$SECONDS" -ge "$next" ] && kill -0 "$pid" 2>/dev/null; then
      if [ -t 2 ]; then  # one terminal row, rewritten in place
        line=$(progress)
        cols=$(tput cols 2>/dev/null || echo 80)
        printf '\r\033[K%s' "${line:0:$((cols - 1))}" >&2
      else
        printf '%s\n' "$(progress)" >&2
      fi
      shown=1
      next=$((SECONDS + every))
    fi
  done
  wait "$pid" || rc=$?
  trap - INT TERM
  if [ "$shown" = 1 ] && [ -t 2 ]; then printf '\r\033[K' >&2; fi
  return "$rc"
}

fail() {
  echo "[$1/3] failed; the end of the log:" >&2
  tail -n 40 "$log" >&2
  echo "setup failed; the whole log is in $log" >&2
  exit 1
}

if [ ! -x "$VENV/bin/python" ]; then
  echo "[1/3] creating $VENV" >&2
  run "$PYTHON" -m venv "$VENV" || fail 1
  about="about $FRESH_PACKAGES packages"
else
  echo "[1/3] $VENV exists; keeping what is installed" >&2
  about="up to $FRESH_PACKAGES packages; those already in place are kept"
fi
echo "[2/3] upgrading pip" >&2
run "$VENV/bin/python" -m pip install --upgrade pip || fail 2
echo "[3/3] installing okr-coach and its dependencies ($about)…" >&2
run "$VENV/bin/python" -m pip install -e ".[dev]" || fail 3
echo "$want" > "$stamp"
echo "Done in $(elapsed): $(installed) packages in $VENV." >&2
