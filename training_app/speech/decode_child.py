"""The child side of :func:`training_app.speech.audio.decode_in_subprocess`.

Run as ``python -m training_app.speech.decode_child PATH MAX_BYTES MAX_SECONDS MEMORY_MB OUT.npy RESULT.json
[PARENT_PID]``: it first arranges to die with its parent (``PARENT_PID``, default: its parent now; see
``speech/child_guard.py``), caps its own address space, decodes, writes the samples to OUT.npy and
``[status, key, params, peak_kb]`` to RESULT.json. ``status`` is ``ok``, ``rejected`` (an expected refusal) or
``error`` (an unexpected exception while decoding untrusted bytes: reported as ``speech.corrupt``, with the
traceback on stderr for the parent to log).

A separate interpreter (not multiprocessing) so nothing of the parent's ``__main__`` is re-run — a test runner or
Streamlit may have replaced it with a script that cannot run again.

Test-only hook: ``TRAINING_APP_TEST_DECODE_DELAY_S`` (seconds, unset in production) makes the child sleep before
decoding (after touching ``delaying`` next to RESULT.json), so the orphan tests can kill its parent mid-decode
(``tests/speech/test_decode_orphans.py``). It is not a setting.
"""

from __future__ import annotations

import os
import sys

from training_app.speech.child_guard import die_with_parent

if __name__ == "__main__":  # before the heavy imports below (seconds on a loaded host): die with the parent
    die_with_parent(int(sys.argv[7]) if len(sys.argv) > 7 else os.getppid())

import json  # noqa: E402
import resource  # noqa: E402
import time  # noqa: E402
import traceback  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402

from training_app.errors import InputRejected  # noqa: E402
from training_app.speech.audio import AudioLimits, decode  # noqa: E402

TEST_DELAY_ENV = "TRAINING_APP_TEST_DECODE_DELAY_S"


def main(argv: list[str]) -> int:
    path, max_bytes, max_seconds, memory_mb, out_path, result_path = argv[:6]  # argv[6]: the parent pid (above)
    if delay := os.environ.get(TEST_DELAY_ENV):
        Path(result_path).with_name("delaying").touch()  # tells the test the child is past die_with_parent
        time.sleep(float(delay))
    limit = int(memory_mb) * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    audio, result = decode_outcome(Path(path), AudioLimits(max_bytes=int(max_bytes), max_seconds=float(max_seconds)))
    if audio is not None:
        np.save(out_path, audio)
    result.append(peak_rss_kb())
    Path(result_path).write_text(json.dumps(result), encoding="utf-8")
    return 0


def peak_rss_kb() -> int:
    """This interpreter's own peak resident set (VmHWM). ``ru_maxrss`` would be wrong here: it survives ``execve``,
    so it reports the worker process this child was forked from (hundreds of MB) rather than the decoder."""
    try:
        for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def decode_outcome(path: Path, limits: AudioLimits) -> tuple[np.ndarray | None, list[object]]:
    """The samples (or None) and ``[status, key, params]``; never raises for a bad file."""
    try:
        return decode(path, limits), ["ok", "", {}]
    except InputRejected as exc:
        return None, ["rejected", exc.message_key, {k: str(v) for k, v in exc.params.items()}]
    except MemoryError:
        return None, ["rejected", "speech.decode_limit", {}]
    except Exception as exc:  # a decoder path nobody foresaw: the file is bad, but say so loudly
        traceback.print_exc()
        return None, ["error", "speech.corrupt", {"error": type(exc).__name__}]


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
