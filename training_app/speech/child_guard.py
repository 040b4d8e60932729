"""Keep a decode child from outliving its parent, and remove the decode temp dirs of dead owners.

A worker process SIGKILLed (OOM killer, operator, fault test) while :func:`~training_app.speech.audio.
decode_in_subprocess` waits used to leave its child decoding on, orphaned, and its ``decode-*`` temp dir behind for
good (25 piled up in one fault run). Two fixes:

- the child calls :func:`die_with_parent` first thing: on Linux ``prctl(PR_SET_PDEATHSIG, SIGKILL)``, so the kernel
  kills it when its parent dies, then it checks ``os.getppid()`` against the parent pid it was given (a parent that
  died before the prctl would go unnoticed otherwise). Elsewhere a daemon thread polls ``os.getppid()`` instead.
  ``PR_SET_PDEATHSIG`` fires when the *thread* that started the child exits: fine here, that thread is blocked in
  ``subprocess.run`` until the child ends.
- decode temp dirs are named ``decode-<pid>-<start>-XXXXXXXX`` after their owner (``<start>``: the process start
  time from ``/proc``, so a recycled pid is not mistaken for the owner; ``0`` where unknown), and
  :func:`sweep_decode_dirs` removes those whose owner is gone. A live owner's dir is never touched; dirs of other
  users are skipped. Dirs from before this naming (``decode-XXXXXXXX``) are removed once a day old — no decode runs
  that long.
"""

from __future__ import annotations

import ctypes
import logging
import os
import re
import shutil
import signal
import sys
import tempfile
import threading
import time
from pathlib import Path

logger = logging.getLogger(__name__)

PREFIX = "decode-"
LEGACY_MAX_AGE_S = 24 * 3600.0
_PR_SET_PDEATHSIG = 1
_OWNED = re.compile(r"^decode-(\d+)-(\d+)-[a-z0-9_]{8}$")
_LEGACY = re.compile(r"^decode-[a-z0-9_]{8}$")
_POLL_S = 1.0


def die_with_parent(parent_pid: int) -> None:
    """Make this process die when ``parent_pid`` (its parent) dies; exit now if it already has."""
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
            logger.warning("prctl(PR_SET_PDEATHSIG) failed: errno %d; watching the parent instead", ctypes.get_errno())
            _watch_parent(parent_pid)
    else:
        _watch_parent(parent_pid)
    if os.getppid() != parent_pid:  # the parent died before the prctl: we were reparented already
        os._exit(1)


def _watch_parent(parent_pid: int, interval_s: float = _POLL_S) -> None:
    def watch() -> None:
        while os.getppid() == parent_pid:
            time.sleep(interval_s)
        os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def decode_dir() -> tempfile.TemporaryDirectory[str]:
    """A temporary directory named after this process (see :func:`sweep_decode_dirs`)."""
    pid = os.getpid()
    return tempfile.TemporaryDirectory(prefix=f"{PREFIX}{pid}-{_start_time(pid) or 0}-")


def sweep_decode_dirs(root: Path | None = None, *, legacy_max_age_s: float = LEGACY_MAX_AGE_S) -> int:
    """Remove the decode temp dirs in ``root`` (default: the temp dir) whose owner process is gone; their count."""
    base = Path(root or tempfile.gettempdir())
    removed = 0
    try:
        entries = [e for e in os.scandir(base) if e.name.startswith(PREFIX)]
    except OSError as exc:
        logger.warning("cannot list %s for stale decode dirs: %s", base, exc)
        return 0
    uid = os.getuid() if hasattr(os, "getuid") else None
    now = time.time()
    for entry in entries:
        try:
            info = entry.stat(follow_symlinks=False)
            if not entry.is_dir(follow_symlinks=False) or (uid is not None and info.st_uid != uid):
                continue
        except OSError:
            continue
        owned = _OWNED.match(entry.name)
        if owned:
            stale = not _is_alive(int(owned.group(1)), int(owned.group(2)))
        else:
            stale = bool(_LEGACY.match(entry.name)) and now - info.st_mtime > legacy_max_age_s
        if stale:
            shutil.rmtree(entry.path, ignore_errors=True)
            removed += not os.path.lexists(entry.path)
    if removed:
        logger.info("removed %d stale decode temp dir(s) in %s", removed, base)
    return removed


def _is_alive(pid: int, start: int) -> bool:
    """True unless process ``pid`` is certainly gone (or a zombie, or a different process with a reused pid)."""
    stat = _proc_stat(pid)
    if stat is not None:
        state, started = stat
        return state != "Z" and (start == 0 or started == start)
    if Path("/proc/self/stat").exists():  # /proc works, this pid has no entry: gone
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists, but not ours to signal
        return True
    return True


def _start_time(pid: int) -> int | None:
    stat = _proc_stat(pid)
    return stat[1] if stat else None


def _proc_stat(pid: int) -> tuple[str, int] | None:
    """State and start time (clock ticks after boot) from ``/proc/<pid>/stat``; None without such an entry."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
        fields = text[text.rindex(")") + 2 :].split()  # the command name may hold spaces and parentheses
        return fields[0], int(fields[19])  # fields 3 and 22 of proc(5)
    except (OSError, ValueError, IndexError):
        return None
