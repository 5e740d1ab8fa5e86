"""Work done by a forked copy of the build, and the log records it brings back.

A build has two cores to use on most machines (CI runners, laptops) and uses
one. The hooks that split a build's work (``hooks/build_cache.py``: page
conversions; ``hooks/page_worker.py``: pages written) fork the build process
once its state is complete, so that the copy needs nothing sent to it: it
does its share of the work and hands back plain data (a pickle in a private
temporary file). What it logs is captured as plain data too, and logged by
the build when it takes the result, so that the terminal and ``--strict``
see every record once.

Plain Python: no MkDocs import.
"""

from __future__ import annotations

import gc
import logging
import os
import pickle
import signal
import sys
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

try:
    import resource
except ImportError:  # Windows: no fork either
    resource = None  # type: ignore[assignment]

# Switched by BUILD_WORKERS: "off" (or no, non, 0, false) never forks,
# "always" forks whatever the size of the site (tests).
OFF = {"0", "off", "false", "no", "non"}
ALWAYS = "always"
# Build and copy write to what they shared, each then holding its own copy
# (Python's reference counts), so that a copy ends up costing about what the
# build held when it forked (bench/README.md: 520 MB held at 5,000 articles,
# 1,035 MB for both). Not forking above this keeps a build under 1 GB.
MAX_RESIDENT_MB = 400
# The logger MkDocs and its plugins log through (it does not propagate to the root).
ENGINE_LOGGER = "mkdocs"
_STANDARD_RECORD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}


def workers_setting() -> str:
    return os.environ.get("BUILD_WORKERS", "").strip().casefold()


def can_fork() -> bool:
    """Forking a build is tried on Linux only, where it is cheap and safe
    for a single-threaded process (macOS forbids it to some system libraries)."""
    return hasattr(os, "fork") and resource is not None and sys.platform.startswith("linux") and workers_setting() not in OFF


def worth_forking(pages: int, minimum: int) -> bool:
    """Whether to fork now: enough pages, little enough memory held, and no
    other thread (a copy gets only the calling thread, and whatever locks
    the others held)."""
    if threading.active_count() != 1:
        return False
    if workers_setting() == ALWAYS:
        return True
    return pages >= minimum and resident_mb() <= MAX_RESIDENT_MB


def resident_mb() -> float:
    """The most memory this process has held so far (Linux: kilobytes)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class Forked:
    """``work()`` run in a forked copy of this process.

    ``result()`` waits for it and returns what it returned, or None if it
    failed in any way (then the caller does the work itself). The copy never
    returns into the caller's code: it ends with ``os._exit``, without
    flushing buffers it shares or running exit handlers.
    """

    _alive = 0  # copies not waited for
    _held = False  # a copy was started: the build's objects stay frozen until ``thaw()``

    def __init__(self, pid: int, path: Path) -> None:
        self.pid = pid
        self.path = path
        self.started = pid > 0  # False: the system refused the fork, nothing runs
        self._done = not self.started
        self._status: int | None = None  # the copy's wait status, once it has ended
        self._result: Any = None

    @classmethod
    def start(cls, work: Callable[[], Any]) -> Forked:
        handle, name = tempfile.mkstemp(prefix="mkdocs-worker-", suffix=".pickle")
        os.close(handle)
        sys.stdout.flush()
        sys.stderr.flush()
        # Objects the build made so far stay shared with the copy while it
        # works: a garbage collection, in either process, would write to
        # every one of them (each then holding its own copy of the memory).
        # They stay frozen until the build ends (``thaw``), not only while
        # the copy works: the build keeps nearly all of them to its end, and
        # each collection through them all would cost it a moment alone.
        gc.freeze()
        try:
            pid = os.fork()
        except OSError:  # too many processes, not enough memory: the build does the work itself
            Forked._unfreeze_if_done()
            Path(name).unlink(missing_ok=True)
            return cls(0, Path(name))
        Forked._alive += 1
        Forked._held = True
        if pid == 0:  # pragma: no cover - runs in the copy, checked by the build tests' results
            code = 1
            try:
                silence_logging()
                result = work()
                with open(name, "wb") as stream:
                    pickle.dump(result, stream, protocol=pickle.HIGHEST_PROTOCOL)
                code = 0
            except BaseException:  # noqa: BLE001 - the build does the work again and reports
                pass
            finally:
                os._exit(code)
        return cls(pid, Path(name))

    def finished(self) -> bool:
        """Whether the copy has ended, without waiting: ``result()`` then
        returns at once."""
        if self._done or self._status is not None:
            return True
        try:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
        except OSError:
            return True  # nothing left to wait for: result() says what there is
        if pid == 0:
            return False
        self._status = status
        return True

    def result(self) -> Any:
        if not self._done:
            self._done = True
            try:
                status = self._status if self._status is not None else os.waitpid(self.pid, 0)[1]
                if os.waitstatus_to_exitcode(status) == 0:
                    with self.path.open("rb") as stream:
                        self._result = pickle.load(stream)  # written by our own copy, in a private file
            except (OSError, EOFError, pickle.UnpicklingError, ValueError):
                self._result = None
            finally:
                self.path.unlink(missing_ok=True)
                Forked._alive -= 1
                Forked._unfreeze_if_done()
        return self._result

    @classmethod
    def thaw(cls) -> None:
        """The build has ended: its objects are collected as usual again,
        at once or when the last copy still working is waited for."""
        cls._held = False
        cls._unfreeze_if_done()

    @staticmethod
    def _unfreeze_if_done() -> None:
        if not Forked._alive and not Forked._held:
            gc.unfreeze()

    def stop(self) -> None:
        """End the copy (the build failed or ended without its result)."""
        if self._done:
            return
        try:
            if self._status is None:  # not yet reaped: its number still names it
                os.kill(self.pid, signal.SIGKILL)
        except OSError:
            pass
        self.result()


def silence_logging() -> None:
    """In the copy: nothing written to the terminal or files the build shares.
    What the work logs is captured (``Captured``) and handed back."""
    loggers = [logging.getLogger()]
    loggers += [logger for logger in logging.Logger.manager.loggerDict.values() if isinstance(logger, logging.Logger)]
    for logger in loggers:
        logger.handlers = [logging.NullHandler()]


def record_data(record: logging.LogRecord) -> dict[str, Any]:
    """A log record as plain data, its message formatted, its extra fields kept."""
    data: dict[str, Any] = {"name": record.name, "levelno": record.levelno, "levelname": record.levelname, "msg": record.getMessage()}
    # Flags such as ``writer_warning``; lists (``writer_links``) only matter
    # while the build runs, and would not come back as the tuples they were.
    for name, value in vars(record).items():
        if name not in _STANDARD_RECORD and isinstance(value, (str, int, float, bool, type(None))):
            data[name] = value
    return data


def replay(records: list[dict[str, Any]]) -> None:
    """Log again, through the loggers and handlers of this build, records kept by ``record_data``."""
    for record in records:
        logging.getLogger(record["name"]).handle(logging.makeLogRecord(record))


class Captured(logging.Handler):
    """The records logged while it is active, wherever they come from."""

    def __init__(self) -> None:
        super().__init__(logging.NOTSET)
        self.records: list[dict[str, Any]] = []
        self._last: logging.LogRecord | None = None
        self._loggers = [logging.getLogger(), logging.getLogger(ENGINE_LOGGER)]

    def __enter__(self) -> Captured:
        for logger in self._loggers:
            logger.addHandler(self)
        return self

    def __exit__(self, *exc: object) -> None:
        for logger in self._loggers:
            logger.removeHandler(self)

    def emit(self, record: logging.LogRecord) -> None:
        if self._last is not record:  # a record that reached both loggers counts once
            self.records.append(record_data(record))
        self._last = record
