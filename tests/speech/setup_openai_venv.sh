#!/usr/bin/env bash
# Build the optional openai-whisper side venv (default: .venv-openai at the repository root).
# Used by tests/speech/test_openai_backend.py (which runs its backend comparison inside it) and by
# bench/transcription.py. torch comes from this machine type's local CPU build via pip: uv would fetch a multi-GB
# CUDA build, so the main uv-managed venv stays without torch. openai-whisper's only other heavy dependency, triton,
# serves GPUs and is skipped (--no-deps).
set -euo pipefail
cd "$(dirname "$0")/../.."
VENV="${1:-.venv-openai}"
if "$VENV/bin/python" -c "import torch, whisper, faster_whisper, training_app" 2>/dev/null; then
  echo "$VENV is ready"
  exit 0
fi
python3 -m venv "$VENV"
"$VENV/bin/pip" install -q torch==2.13.0
"$VENV/bin/python" -c "import torch; assert not torch.version.cuda, 'expected a CPU build of torch'"
"$VENV/bin/pip" install -q numba tqdm more-itertools tiktoken
"$VENV/bin/pip" install -q --no-deps "openai-whisper==20250625"
"$VENV/bin/pip" install -q -e . pytest pytest-timeout
"$VENV/bin/python" -c "import torch, whisper, faster_whisper, training_app; print('ready:', torch.__version__)"
