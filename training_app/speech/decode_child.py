"""The child side of :func:`training_app.speech.audio.decode_in_subprocess`.

Run as ``python -m training_app.speech.decode_child PATH MAX_BYTES MAX_SECONDS MEMORY_MB OUT.npy RESULT.json``: it
caps its own address space, decodes, writes the samples to OUT.npy and ``[status, key, params, peak_kb]`` to
RESULT.json. A separate interpreter (not multiprocessing) so nothing of the parent's ``__main__`` is re-run — a
test runner or Streamlit may have replaced it with a script that cannot run again.
"""

from __future__ import annotations

import json
import resource
import sys
from pathlib import Path

import numpy as np

from training_app.errors import InputRejected
from training_app.speech.audio import AudioLimits, decode


def main(argv: list[str]) -> int:
    path, max_bytes, max_seconds, memory_mb, out_path, result_path = argv
    limit = int(memory_mb) * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    try:
        audio = decode(Path(path), AudioLimits(max_bytes=int(max_bytes), max_seconds=float(max_seconds)))
        np.save(out_path, audio)
        result: list[object] = ["ok", "", {}]
    except InputRejected as exc:
        result = ["rejected", exc.message_key, {k: str(v) for k, v in exc.params.items()}]
    except MemoryError:
        result = ["rejected", "speech.decode_limit", {}]
    result.append(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    Path(result_path).write_text(json.dumps(result), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
