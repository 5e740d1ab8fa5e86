"""Helpers of the build tests: copy the site into tmp_path, build it as `mkdocs build` does.

A module of its own (not conftest.py): tests/browser has a conftest.py too,
and `from conftest import` would find whichever was imported first.
"""

from __future__ import annotations

import importlib.util
import logging
import math
import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

import mkdocs.commands.build
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort

ROOT = Path(__file__).resolve().parent.parent
SITE_PARTS = ("mkdocs.yml", "docs", "overrides", "hooks")

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


@dataclass
class BuildResult:
    project: Path
    site: Path
    records: list[logging.LogRecord]
    aborted: bool

    def page(self, path: str) -> str:
        return (self.site / path).read_text(encoding="utf-8")

    def messages(self, level: int = logging.WARNING) -> list[str]:
        return [record.getMessage() for record in self.records if record.levelno >= level]

    def reproduce(self) -> str:
        return f"to reproduce: cd {self.project} && mkdocs build --strict"


def comparable(value: object) -> object:
    """A value to compare with ==: NaN, never equal to itself, becomes "NaN"."""
    if isinstance(value, float) and math.isnan(value):
        return "NaN"
    if isinstance(value, dict):
        return {key: comparable(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [comparable(item) for item in value]
    return value


def copy_site(destination: Path) -> Path:
    """A copy of the real site (configuration, docs, overrides, hooks)."""
    destination.mkdir(parents=True, exist_ok=True)
    for part in SITE_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, destination / part)
        else:
            shutil.copy2(source, destination / part)
    return destination


def run_build(project: Path, *, strict: bool = True, site: Path | None = None, as_command: bool = False) -> BuildResult:
    """Build ``project`` as `mkdocs build` does, recording every log record.

    ``as_command``: call the build function as the build command does, looked
    up when it runs, so that a hook may wrap it (hooks/build_cache.py).
    """
    # MkDocs keeps plugin instances between configurations loaded in one
    # process; Material's blog plugin deletes its temporary folder on shutdown,
    # so each build must start from fresh instances.
    MkDocsConfig.plugins.plugin_cache.clear()
    site = site or project / "site"
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site), strict=strict)
    handler = ListHandler()
    logger = logging.getLogger("mkdocs")
    previous = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    aborted = False
    config.plugins.on_startup(command="build", dirty=False)
    try:
        (mkdocs.commands.build.build if as_command else build)(config)
    except Abort:
        aborted = True
    finally:
        config.plugins.on_shutdown()
        logger.removeHandler(handler)
        logger.setLevel(previous)
    return BuildResult(project=project, site=site, records=handler.records, aborted=aborted)


class ListHandler(logging.Handler):
    """Keeps every log record it receives."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def article_generator():  # type: ignore[no-untyped-def]
    """The benchmark's article generator (bench/generate_articles.py), imported once."""
    loaded = sys.modules.get("generate_articles")
    if loaded is not None:
        return loaded
    spec = importlib.util.spec_from_file_location("generate_articles", ROOT / "bench" / "generate_articles.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["generate_articles"] = module
    spec.loader.exec_module(module)
    return module


def append_text(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def replace_text(path: Path, old: str, new: str) -> None:
    """Replace the one occurrence of ``old`` in the file ``path``."""
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def site_tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (a built site), by its path in it."""
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def load_hook(name: str, alias: str):  # type: ignore[no-untyped-def]
    """hooks/NAME.py as a module of its own (as MkDocs loads hooks, registered
    under ``alias``), so that a test calls its functions directly."""
    spec = importlib.util.spec_from_file_location(alias, ROOT / "hooks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[alias] = module
    spec.loader.exec_module(module)
    return module
