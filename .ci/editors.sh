#!/usr/bin/env bash
# Real-editor suites, after the main tests (.ci/run calls this): installs the editors once with
# ../shared/tools/real-editors/setup.sh (apt, needs root; idempotent), then runs
#   1. npm run test:vscode       mocha suite inside VS Code's extension host (code-server here)
#   2. test/editors/nvim.test.mjs Neovim 0.7 as a push-only LSP client
#   3. scripts/test-e2e.mjs      the packaged .vsix in code-server, driven through the UI
#   4. scripts/ui-tour.cjs       the packaged .vsix through the UI (Dark+): hover, ignores list, walkthrough
#                                button, understood view, scorecard, the Extensions view's page
# Prints one line per step (and the failing step's details); exits non-zero if any step failed.
# Logs: test-output/ci-editors/*.log.
set -uo pipefail
cd "$(dirname "$0")/.."
export RADLINT_REAL_EDITORS=${RADLINT_REAL_EDITORS:-$(cd .. && pwd)/shared/tools/real-editors}
export RC_ROOT=${RC_ROOT:-/tmp/radlint-editors}
LOGS=test-output/ci-editors
mkdir -p "$LOGS"
failed=()
t0=$(date +%s)

# step NAME CMD...: runs CMD with its output in $LOGS/NAME.log; prints a line; the log tail on failure.
step() {
  local name=$1; shift
  local s=$(date +%s) rc=0
  "$@" > "$LOGS/$name.log" 2>&1 || rc=$?
  local secs=$(( $(date +%s) - s ))
  if [ $rc -eq 0 ]; then
    echo "editors: $name ok (${secs} s)"
  else
    echo "editors: $name FAILED, exit $rc (${secs} s); log $LOGS/$name.log"
    tail -n 30 "$LOGS/$name.log" | sed 's/^/    /'
    failed+=("$name")
  fi
  return $rc
}

if ! step setup bash "$RADLINT_REAL_EDITORS/setup.sh"; then
  echo "editors: FAILED (setup); $(( $(date +%s) - t0 )) s"
  exit 1
fi
step test-vscode npm run --silent test:vscode && grep -E 'passing|host:' "$LOGS/test-vscode.log" | sed 's/^ */    /'
step nvim node --test test/editors/ && grep -E '^(not )?ok ' "$LOGS/nvim.log" | sed 's/^/    /'
step e2e node scripts/test-e2e.mjs && grep -E 'hover:|squiggles' "$LOGS/e2e.log" | sed 's/^/    /'
step ui-tour bash -c 'npm run --silent package >/dev/null && node scripts/ui-tour.cjs radlint-*.vsix test-output/ui-tour' &&
  grep -E '^ui-tour:' "$LOGS/ui-tour.log" | sed 's/^/    /'

if [ ${#failed[@]} -gt 0 ]; then
  echo "editors: FAILED (${failed[*]}); $(( $(date +%s) - t0 )) s"
  exit 1
fi
echo "editors: all passed; $(( $(date +%s) - t0 )) s"
