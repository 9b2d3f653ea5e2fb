"""Run a file reader in a child process with a memory and a time limit.

Why: the readers (python-calamine in Rust, openpyxl, zlib) run on untrusted uploads. A
native abort, a runaway allocation or a reader that never finishes would otherwise take the
whole Streamlit server down, for every user. In a child, the worst case is a refused file:
``run_limited`` turns every way the child can fail into a Dutch
:class:`~sv_analytics.errors.ValidationError` that names the file, and the server carries on.

How:

* multiprocessing with the ``forkserver`` start method and the readers preloaded in the fork
  server: a child is a fork of a small, idle process (no Streamlit, no DuckDB connection,
  no threads), so it starts in milliseconds and its memory is only what reading takes.
  ``spawn`` is the fallback where ``forkserver`` is not available.
* The child never re-runs the parent's main module. multiprocessing normally does that so
  the child can unpickle objects defined there; under Streamlit the "main module" is the
  app script, which must not run again in a reader. The function given to run_limited must
  therefore be a top-level function of an importable module (and so must its arguments).
* In the child: RLIMIT_AS (address space) = what the child has mapped at its start plus
  ``memory_bytes``; RLIMIT_CPU as a backstop for the wall-clock limit; no core files; one
  BLAS thread; SIGINT ignored (the parent decides).
* In the parent: the child is killed after ``seconds`` of wall-clock time, and always
  before run_limited returns or raises (also when the caller is interrupted).
* Errors the user can fix (ValidationError, UserError) raised in the child reach the
  caller unchanged; they travel as plain data because ValidationError does not survive
  pickling as an exception.
"""

from __future__ import annotations

import contextlib
import importlib
import math
import multiprocessing
import os
import resource
import signal
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any, TypeVar

from sv_analytics.errors import Problem, UserError, ValidationError

T = TypeVar("T")

#: Modules the fork server imports once, so every child has them without importing: the
#: workbook reader (calamine) and the public-data parsers (pandas; importing those in each
#: child would cost 1–3 s per public file). The pages are shared with the fork server.
PRELOAD = [
    "sv_analytics.ingest.sandbox",
    "sv_analytics.ingest.xlsx",
    "sv_analytics.ingest.public.dispatch",
    "sv_analytics.ingest.workbook",  # validate_offline runs in the child
]
#: How often the parent samples the child's peak RSS while it waits (Linux /proc).
POLL_SECONDS = 0.02
#: Environment of the child: numerical libraries must not start thread pools there.
CHILD_ENV = {
    "OPENBLAS_NUM_THREADS": "1",
    "OMP_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
    "RUST_BACKTRACE": "0",
}
#: How much lower the child's CPU priority is than the server's (os.nice).
CHILD_NICENESS = 10
#: What a native reader prints when an allocation fails under RLIMIT_AS.
_OUT_OF_MEMORY_MARKS = ("memory allocation of", "cannot allocate memory", "out of memory", "MemoryError")

_context_lock = threading.Lock()
_context: multiprocessing.context.BaseContext | None = None
_local = threading.local()


@dataclass(frozen=True)
class RunStats:
    """How the last run_limited call of this thread went (for benchmarks and tests)."""

    seconds: float
    peak_rss_bytes: int | None  # None where it cannot be measured
    outcome: str  # ok | validation | user | memory | timeout | crash | error


class ChildError(RuntimeError):
    """An unexpected exception inside the child: a bug, not a property of the file."""


def last_run() -> RunStats | None:
    """Stats of the most recent run_limited call made by the current thread."""
    return getattr(_local, "stats", None)


def run_limited(func: Callable[..., T], *args: Any, name: str, memory_bytes: int, seconds: float) -> T:
    """``func(*args)`` in a child process limited to ``memory_bytes`` extra address space and
    ``seconds`` wall-clock time; its result, or a ValidationError naming ``name``.

    ``func`` and ``args`` must be picklable (a top-level function of an importable module);
    so must the result. ValidationError and UserError raised by ``func`` are re-raised as
    they are; any other exception raises :class:`ChildError` (a bug).
    """
    target = (func.__module__, func.__qualname__)
    if "<" in func.__qualname__ or func.__module__ == "__main__":
        raise ValueError(f"run_limited needs a top-level function of an importable module, not {func!r}")
    context = _mp_context()
    receiver, sender = context.Pipe(duplex=False)
    handle, stderr_path = tempfile.mkstemp(prefix="sv-reader-", suffix=".log")
    os.close(handle)
    process = context.Process(
        target=_child_main,
        args=(sender, stderr_path, target, args, memory_bytes, seconds),
        name=f"sv-reader-{name}"[:60],
        daemon=True,
    )
    started = time.monotonic()
    peak: int | None = None
    message: tuple | None = None
    timed_out = False
    try:
        _local.launching = True
        try:
            process.start()
        finally:
            _local.launching = False
        sender.close()
        deadline = started + seconds
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                timed_out = True
                break
            ready = wait([receiver, process.sentinel], min(remaining, POLL_SECONDS))
            peak = _max(peak, _peak_rss(process.pid))
            if receiver in ready or (ready and receiver.poll()):
                with contextlib.suppress(EOFError, OSError):
                    message = receiver.recv()
                break
            if ready:  # the child ended without a message
                break
    finally:
        if process.is_alive():
            process.kill()
        process.join(5)
        receiver.close()
        child_log = _read_tail(stderr_path)
        with contextlib.suppress(OSError):
            os.unlink(stderr_path)
    elapsed = time.monotonic() - started
    if message is not None and message[0] == "ok":
        _local.stats = RunStats(elapsed, _max(peak, message[2]), "ok")
        return message[1]
    if message is not None:
        peak = _max(peak, message[-1])
    outcome, error = _failure(name, message, process.exitcode, timed_out, child_log, memory_bytes, seconds)
    _local.stats = RunStats(elapsed, peak, outcome)
    raise error


# ----------------------------------------------------------------------------- parent side
def _mp_context() -> multiprocessing.context.BaseContext:
    """The forkserver context with the readers preloaded (spawn where there is none)."""
    global _context
    with _context_lock:
        if _context is None:
            _keep_main_out_of_children()
            try:
                context = multiprocessing.get_context("forkserver")
                context.set_forkserver_preload(PRELOAD)
                _start_forkserver()
            except ValueError:  # no forkserver on this platform
                context = multiprocessing.get_context("spawn")
            _context = context
        return _context


def warm_up() -> threading.Thread:
    """Start the fork server in a background thread, so the first upload after a server
    start does not wait for it (it imports the readers once: about a second, longer on a
    busy machine). Safe to call more than once."""
    thread = threading.Thread(target=_mp_context, name="sv-reader-warm-up", daemon=True)
    thread.start()
    return thread


def _start_forkserver() -> None:
    """Start the fork server now, with one BLAS/OpenMP thread in its environment.

    The server inherits the parent's environment when it starts; numpy (preloaded through
    pandas) would otherwise start a thread pool per core in it, and every child would be a
    fork of a multi-threaded process. The parent's own environment is restored at once.
    """
    from multiprocessing import forkserver

    added = {key: value for key, value in CHILD_ENV.items() if key not in os.environ}
    os.environ.update(added)
    try:
        forkserver.ensure_running()
    finally:
        for key in added:
            os.environ.pop(key, None)


def _keep_main_out_of_children() -> None:
    """Make children of run_limited skip the parent's main module (see the module docstring).

    multiprocessing reads the main module from ``spawn.get_preparation_data`` when it starts
    a child; the wrapper drops it, only for processes started by run_limited in this thread
    (everything else in the process behaves as before).
    """
    from multiprocessing import spawn

    original = spawn.get_preparation_data
    if getattr(original, "_sv_sandbox", False):
        return

    def get_preparation_data(name: str) -> dict:
        data = original(name)
        if getattr(_local, "launching", False):
            data.pop("init_main_from_path", None)
            data.pop("init_main_from_name", None)
        return data

    get_preparation_data._sv_sandbox = True  # type: ignore[attr-defined]
    spawn.get_preparation_data = get_preparation_data


def _failure(
    name: str,
    message: tuple | None,
    exitcode: int | None,
    timed_out: bool,
    child_log: str,
    memory_bytes: int,
    seconds: float,
) -> tuple[str, Exception]:
    """(outcome, the exception to raise) for a child that did not return a result."""
    too_slow = (
        f"Het bestand is te groot of te ingewikkeld om binnen {_seconds(seconds)} "
        f"{'seconde' if seconds == 1 else 'seconden'} te lezen; "
        "er is niets ingelezen."
    )
    too_big = (
        f"Het bestand is te groot of te ingewikkeld om te lezen: er is meer dan "
        f"{memory_bytes // (1024 * 1024)} MB werkgeheugen voor nodig; er is niets ingelezen."
    )
    stopped = "Het bestand kon niet veilig worden gelezen (het leesproces stopte); er is niets ingelezen."
    too_deep = "Het bestand is te diep genest om te lezen (lijsten in lijsten); er is niets ingelezen."
    if message is not None:
        kind = message[0]
        if kind == "validation":
            return "validation", ValidationError(list(message[1]))
        if kind == "user":
            return "user", message[1](message[2])
        if kind == "memory":
            return "memory", ValidationError([Problem(name, too_big)])
        if kind == "deep":
            return "validation", ValidationError([Problem(name, too_deep)])
        if kind == "error":
            return "error", ChildError(f"{message[1]}\n{message[2]}")
    if timed_out or exitcode == -signal.SIGXCPU:
        return "timeout", ValidationError([Problem(name, too_slow)])
    if any(mark in child_log for mark in _OUT_OF_MEMORY_MARKS):
        return "memory", ValidationError([Problem(name, too_big)])
    if child_log:  # keep the native reader's last words in the server log
        print(f"sv-analytics: leesproces voor {name} stopte (code {exitcode}):\n{child_log}", file=sys.stderr)
    return "crash", ValidationError([Problem(name, stopped)])


def _seconds(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}".replace(".", ",")


def _peak_rss(pid: int | None) -> int | None:
    """The child's peak resident set (VmHWM) in bytes, where /proc has it."""
    if pid is None:
        return None
    try:
        with open(f"/proc/{pid}/status", "rb") as status:
            for line in status:
                if line.startswith(b"VmHWM:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        return None
    return None


def _max(a: int | None, b: int | None) -> int | None:
    return b if a is None else a if b is None else max(a, b)


def _read_tail(path: str, limit: int = 4096) -> str:
    try:
        with open(path, "rb") as log:
            log.seek(0, os.SEEK_END)
            log.seek(max(0, log.tell() - limit))
            return log.read().decode("utf-8", "replace").strip()
    except OSError:
        return ""


# ----------------------------------------------------------------------------- child side
def _child_main(
    sender: Connection,
    stderr_path: str,
    target: tuple[str, str],
    args: tuple,
    memory_bytes: int,
    seconds: float,
) -> None:
    """Entry point of the child: environment, the reader's modules, limits, work, one message.

    The function is imported here rather than unpickled with the process, so that it is
    imported after the environment is set (one BLAS thread) and before the address-space
    limit is measured (importing pandas is not the file's fault).
    """
    _child_environment(stderr_path)
    try:
        func = _import(*target)
    except BaseException as error:
        sender.send(("error", f"{type(error).__name__}: {error}", traceback.format_exc(), _own_peak_rss()))
        sender.close()
        return
    _child_limits(memory_bytes, seconds)
    with contextlib.suppress(OSError):
        # A lower priority than the server: on a small machine a long read must not take the
        # core that other sessions' reruns need (the parent only waits meanwhile).
        os.nice(CHILD_NICENESS)
    try:
        result = func(*args)
    except ValidationError as error:
        message: tuple = ("validation", list(error.problems))
    except UserError as error:
        message = ("user", type(error), str(error))
    except MemoryError:
        message = ("memory",)
    except RecursionError:  # a file nested deeper than any reader's stack (JSON, XML)
        message = ("deep",)
    except BaseException as error:
        message = ("error", f"{type(error).__name__}: {error}", traceback.format_exc())
    else:
        message = ("ok", result)
    message = (*message, _own_peak_rss())
    try:
        sender.send(message)
    except MemoryError:  # pickling a large result needs memory too
        sender.send(("memory", _own_peak_rss()))
    finally:
        sender.close()


def _child_environment(stderr_path: str) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    os.environ.update(CHILD_ENV)
    with contextlib.suppress(OSError):
        log = os.open(stderr_path, os.O_WRONLY | os.O_TRUNC)
        os.dup2(log, 2)
        os.close(log)


def _import(module: str, qualname: str) -> Callable[..., Any]:
    found: Any = importlib.import_module(module)
    for part in qualname.split("."):
        found = getattr(found, part)
    return found


def _child_limits(memory_bytes: int, seconds: float) -> None:
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    cpu = math.ceil(seconds) + 2
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))
    limit = _own_address_space() + memory_bytes
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _own_address_space() -> int:
    """The child's mapped address space now (VmSize), 0 where /proc does not have it."""
    try:
        with open("/proc/self/status", "rb") as status:
            for line in status:
                if line.startswith(b"VmSize:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


def _own_peak_rss() -> int:
    """ru_maxrss of this process in bytes (Linux reports KiB)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024
