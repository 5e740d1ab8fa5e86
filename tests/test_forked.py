"""articles/forked.py: work done by a forked copy of the build."""

from __future__ import annotations

import logging
import threading
import time

import pytest

from articles.forked import Captured, Forked, can_fork, replay, worth_forking

pytestmark = pytest.mark.skipif(not can_fork(), reason="the build forks on Linux only")


def test_the_copys_result_comes_back() -> None:
    assert Forked.start(lambda: {"pages": ["a.md"], "count": 2}).result() == {"pages": ["a.md"], "count": 2}


def _fails() -> None:
    raise RuntimeError("boom")


def test_a_copy_that_fails_gives_nothing_and_the_build_goes_on() -> None:
    forked = Forked.start(_fails)
    assert forked.result() is None
    assert not forked.path.exists(), "the result file is left behind"


def test_a_stopped_copy_ends_at_once() -> None:
    forked = Forked.start(lambda: time.sleep(30))
    started = time.monotonic()
    forked.stop()
    assert forked.result() is None
    assert time.monotonic() - started < 10


def _logs_and_returns_records() -> list:
    with Captured() as captured:
        logging.getLogger("mkdocs.plugins.test").warning("Lien cassé dans %s", "a.md", extra={"writer_warning": True})
        logging.getLogger("markdown").warning("Extension warning")
    return captured.records


def test_the_copy_writes_nothing_to_the_terminal_and_its_records_are_logged_by_the_build(
    capfd: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    terminal = logging.StreamHandler()
    logging.getLogger("mkdocs").addHandler(terminal)
    try:
        records = Forked.start(_logs_and_returns_records).result()
    finally:
        logging.getLogger("mkdocs").removeHandler(terminal)
    assert capfd.readouterr().err == "", "the copy wrote to the build's terminal"
    assert [record["msg"] for record in records] == ["Lien cassé dans a.md", "Extension warning"]
    assert records[0]["writer_warning"] is True
    with caplog.at_level(logging.WARNING):
        replay(records)
    assert [(record.name, record.getMessage()) for record in caplog.records] == [
        ("mkdocs.plugins.test", "Lien cassé dans a.md"),
        ("markdown", "Extension warning"),
    ]
    assert caplog.records[0].writer_warning is True


def test_a_process_with_other_threads_is_not_forked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BUILD_WORKERS", "always")
    assert worth_forking(1, 200)
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert not worth_forking(1000, 200)
    finally:
        stop.set()
        other.join()
    monkeypatch.setenv("BUILD_WORKERS", "off")
    assert not can_fork()


def test_a_build_holding_much_memory_is_not_forked(monkeypatch: pytest.MonkeyPatch) -> None:
    """A copy ends up costing about what the build held: above the limit, one process."""
    import articles.forked as forked

    monkeypatch.delenv("BUILD_WORKERS", raising=False)
    monkeypatch.setattr(forked, "MAX_RESIDENT_MB", forked.resident_mb() + 100)
    assert worth_forking(1000, 200)
    assert not worth_forking(199, 200)
    monkeypatch.setattr(forked, "MAX_RESIDENT_MB", forked.resident_mb() / 2)
    assert not worth_forking(1000, 200)


def test_a_refused_fork_leaves_the_work_to_the_build(monkeypatch: pytest.MonkeyPatch) -> None:
    import gc
    import os

    def refuse() -> int:
        raise BlockingIOError("Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", refuse)
    forked = Forked.start(lambda: "never")
    assert not forked.started and forked.result() is None
    forked.stop()
    assert gc.get_freeze_count() == 0, "the build's objects stay frozen"
    assert not forked.path.exists()


def test_the_builds_objects_stay_frozen_from_its_first_copy_until_thawed() -> None:
    import gc

    assert gc.get_freeze_count() == 0
    assert Forked.start(lambda: "fini").result() == "fini"
    # A collection would go through them all again: the build keeps them to its end.
    assert gc.get_freeze_count() > 0, "thawed as soon as the copy ended"
    working = Forked.start(lambda: time.sleep(0.5) or "fini")
    Forked.thaw()
    assert gc.get_freeze_count() > 0, "thawed while a copy still shares them"
    assert working.result() == "fini"
    assert gc.get_freeze_count() == 0, "still frozen once the build ended and its copies too"


def test_whether_a_copy_has_ended_is_known_without_waiting() -> None:
    forked = Forked.start(lambda: time.sleep(1) or "fini")
    assert not forked.finished()
    deadline = time.monotonic() + 30
    while not forked.finished():
        assert time.monotonic() < deadline, "the copy never ended"
        time.sleep(0.01)
    started = time.monotonic()
    assert forked.result() == "fini"
    assert time.monotonic() - started < 1
    forked.stop()  # already ended and reaped: nothing is killed
    assert forked.result() == "fini"
