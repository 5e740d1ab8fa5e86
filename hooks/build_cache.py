"""A persistent build cache under ``.cache/build/`` (``articles/build_cache.py``).

- ``mkdocs build`` with nothing changed since a kept build (same sources,
  configuration, overrides, hooks, installed versions, day and
  ``SOURCE_DATE_EPOCH``) copies that site back, with the warnings its build
  logged, instead of building. Only reproducible builds are kept: those with
  ``SOURCE_DATE_EPOCH`` set (in a git checkout, by
  ``hooks/reproducible_build.py``). A build is kept only when it logged no warning
  that a strict build counts, so ``--strict`` decides as it would have.
- In every build (and ``mkdocs serve``), a page whose Markdown was converted
  before with the same settings, and whose links resolve to the same files,
  gets its HTML, table of contents and warnings from the cache. Every plugin's
  and hook's page events still run: only Python-Markdown's work is skipped.
- In `mkdocs build` from 200 pages on, on Linux, while the build holds less
  than ``articles.forked.MAX_RESIDENT_MB``, a forked copy of the build
  (``articles/forked.py``) converts the last pages (``WORKER_SHARE`` of the
  Markdown) into the page cache while the build converts the others, then
  takes each of theirs from the cache as above, as soon as the copy has
  written it: a page whose Markdown came out differently in the build than
  in the copy is a cache miss, converted again once the copy has ended.

``BUILD_CACHE=off`` turns both caches off (benchmarks, the published site,
or doubt): the copy's conversions then go to a temporary folder, removed at
the end of the build. ``BUILD_WORKERS=off`` converts every page in the
build's own process. ``make clean`` removes the cache.

Events and priorities:
- ``on_startup``: only on the tested versions of MkDocs and Material
  (``TESTED``; otherwise, ProperDocs included, no cache and a line in the
  log: the site is the same, built more slowly); for ``mkdocs build``,
  wraps the build function the build command calls (see below).
- ``on_config`` at priority -1000, after every hook and plugin changed the
  configuration (``hooks/sanitize_html.py`` adds its Markdown extension at
  -100): the rendering settings that go into each page's key.
- ``on_nav`` at priority -1000, after every plugin changed the navigation
  (MkDocs then reads and converts every page): the copy starts, then a
  thread that writes this process's page entries.
- ``on_env`` at priority -900, once every page is converted: that thread
  ends, before ``hooks/page_worker.py`` forks at -1000 (a fork is refused
  while another thread runs).
- ``on_page_markdown`` at priority -2000, after every other change to the
  Markdown (``hooks/sanitize_html.py`` notes the page at -1000): the page's
  ``render`` becomes the cached one.
- ``on_post_build`` at priority -1000, last: waits for the copy (long done);
  the build's objects, frozen since its first copy, are collected again
  (``Forked.thaw``); says how many pages came from the cache; beyond three
  times the pages of this build, the entries unused the longest are removed
  (the published site and the preview share them).
- ``on_build_error``: the copy is stopped, the build's objects thawed.
- ``on_shutdown``: the build function is put back.

MkDocs internals used, all here and checked by ``tests/test_internals.py``:
the build command looks ``mkdocs.commands.build.build`` up when it runs;
``_populate_page`` reads and converts one page as the build loop does;
``Page.render`` sets ``content``, ``toc``, ``_title_from_render``,
``present_anchor_ids`` and ``links_to_anchors``, and looks files up only
with ``Files.get_file_from_path``; ``get_toc`` rebuilds a table of contents
from Python-Markdown's tokens.
"""

from __future__ import annotations

import functools
import importlib
import logging
import os
import re
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal

import mkdocs
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, get_toc

from articles.build_cache import KeptSites, PageCache, folder_digest, installed_versions, make_key
from articles.forked import Captured, Forked, can_fork, record_data, replay, worth_forking
from articles.normalize import site_today
from articles.versions import installed_version, untested_reason

log = get_plugin_logger(__name__)

TESTED = {"mkdocs-material": "9.8.2", "mkdocs": "1.6.1"}
_OFF = {"0", "off", "false", "no", "non"}


class _State:
    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        self.active = False  # the persistent cache
        self.parallel = False  # a second process converts part of the pages
        self.pages: PageCache | None = None
        self.keep_converted = True  # False: the pages folder is the worker's, for this build only
        self.rendering = ""  # the settings of every conversion, in each page's key
        self.reused = 0  # pages of this build whose conversion came from the cache
        self.converted = 0
        self.worker: _Worker | None = None
        self.build_module: Any = None
        self.original_build: Callable[..., None] | None = None


_state = _State()


def on_startup(*, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
    _state.reset()
    cache_off = os.environ.get("BUILD_CACHE", "").strip().casefold() in _OFF
    reason = untested_reason(TESTED, {dist: installed_version(dist) for dist in TESTED})
    if reason:
        # Only slower: the site is the same without the cache.
        if not cache_off:
            log.info("Build cache disabled: %s.", reason)
        return
    # Only `mkdocs build`: the server's threads make forking it unsafe.
    _state.parallel = command != "serve" and not dirty and can_fork()
    if cache_off:
        return
    _state.active = True
    if command == "build" and not dirty:
        _state.build_module = build_module()
        _state.original_build = _state.build_module.build
        _state.build_module.build = functools.wraps(_state.original_build)(functools.partial(kept_or_built, _state.original_build))


def on_shutdown() -> None:
    _end_worker(wait=False)
    if _state.build_module is not None and _state.original_build is not None:
        _state.build_module.build = _state.original_build
    _state.build_module = _state.original_build = None


@event_priority(-1000)
def on_config(config: MkDocsConfig) -> None:
    _end_worker(wait=False)
    _state.pages = None
    _state.reused = _state.converted = 0
    if not (_state.active or _state.parallel):
        return
    _state.rendering = rendering_settings(config)
    _state.keep_converted = _state.active
    if _state.active:
        _state.pages = PageCache(cache_folder(config) / "pages")


@event_priority(-1000)
def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> None:
    """The last event before MkDocs converts every page: a second process
    starts converting the last pages, this one converts the first ones; the
    entries this one makes are written by a thread (started after the fork:
    a copy gets no thread)."""
    _start_worker(files, config)
    if _state.pages is not None and _state.keep_converted:
        _state.pages.write_in_background()


@event_priority(-900)
def on_env(env: Any, *, config: MkDocsConfig, files: Files) -> None:
    """Every page is converted: the writing thread ends before
    ``hooks/page_worker.py`` forks (-1000), as a copy gets no thread."""
    if _state.pages is not None:
        _state.pages.finish_writing()


def _start_worker(files: Files, config: MkDocsConfig) -> None:
    if not _state.parallel:
        return
    pages = list(files.documentation_pages())
    if not worth_forking(len(pages), WORKER_MIN_PAGES):
        return
    temporary = None
    if _state.pages is None:  # BUILD_CACHE=off: the worker's conversions are kept for this build only
        temporary = Path(tempfile.mkdtemp(prefix="mkdocs-pages-"))
        _state.pages = PageCache(temporary)
    share = worker_share(pages, [_size(file) for file in pages], WORKER_SHARE)
    worker = _Worker(share, config, files, _state.pages, temporary)
    if worker.started:
        _state.worker = worker
    else:
        worker.end()
        if temporary is not None:
            _state.pages = None


@event_priority(-2000)
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> None:
    if _state.pages is not None:
        page.render = functools.partial(render_cached, page, _state.pages, _state.rendering)  # this page only


@event_priority(-1000)
def on_post_build(*, config: MkDocsConfig) -> None:
    if _state.pages is not None:
        _state.pages.finish_writing()
    worker = _end_worker()
    Forked.thaw()
    if worker is not None:
        left = sorted(worker.share - worker.taken)
        log.debug(
            "Pages converted by a second process: %s, taken by this one: %s of %s%s.",
            worker.converted,
            len(worker.taken),
            len(worker.share),
            f" (converted again: {', '.join(left[:5])})" if left else "",
        )
    if _state.pages is None or not _state.active:
        _state.pages = None
        return
    if worker is not None:
        # What the worker converted, this process found in the cache.
        _state.converted += worker.converted
        _state.reused -= worker.converted
    _state.pages.prune(limit=3 * max(1, _state.reused + _state.converted))
    if _state.reused:
        log.info("Cache de construction : HTML de %s repris du cache, %s.", _pages(_state.reused), _pages(_state.converted, "convertie"))


def on_build_error(*, error: Exception) -> None:
    if _state.pages is not None:
        _state.pages.finish_writing()
    _end_worker(wait=False)
    Forked.thaw()


def _pages(count: int, participle: str = "") -> str:
    plural = "s" if count > 1 else ""
    return f"{count} page{plural}" + (f" {participle}{plural}" if participle else "")


# The whole site ----------------------------------------------------------------


def cache_folder(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).parent / ".cache" / "build"


def kept_or_built(build: Callable[..., None], config: MkDocsConfig, *, serve_url: str | None = None, dirty: bool = False) -> None:
    """``build`` (MkDocs' full build), or the kept site of the same inputs."""
    # Without SOURCE_DATE_EPOCH (outside a git checkout, hooks/reproducible_build.py)
    # the feeds carry the time of the build: no two builds are the same.
    if serve_url or dirty or not _state.active or not os.environ.get("SOURCE_DATE_EPOCH"):
        return build(config, serve_url=serve_url, dirty=dirty)
    key = site_key(config)
    sites = KeptSites(cache_folder(config) / "sites")
    site_dir = Path(config.site_dir)
    records = sites.restore(key, site_dir)
    if records is not None:
        replay(records)
        log.info("Rien n'a changé depuis la dernière construction : site repris du cache (.cache/build).")
        return None
    watcher = _Warnings()
    engine_logger = logging.getLogger(mkdocs.__name__)
    engine_logger.addHandler(watcher)
    try:
        build(config, serve_url=serve_url, dirty=dirty)
    finally:
        engine_logger.removeHandler(watcher)
    if not watcher.counted:
        try:
            sites.keep(key, site_dir, watcher.records)
        except OSError as error:
            log.info("Site not kept in the build cache: %s", error)
    return None


def site_key(config: MkDocsConfig) -> str:
    """A hash of everything the built site is made from."""
    config_file = Path(config.config_file_path)
    theme_dir = config.theme.custom_dir
    code = [Path(module.__file__) for module in (config.hooks or {}).values() if getattr(module, "__file__", None)]
    code += [Path(path) for path in config.watch]
    code.append(Path(__file__).resolve().parent.parent / "articles")
    values = {
        "site": "whole",
        "config": folder_digest(config_file),
        "environment": {name: os.environ.get(name) for name in environment_names(config_file)},
        "docs": folder_digest(Path(config.docs_dir)),
        "theme": folder_digest(Path(theme_dir)) if theme_dir else None,
        "code": [folder_digest(path, skip=("__pycache__",)) for path in code if path.exists()],
        "options": {name: str(config.get(name)) for name in ("site_url", "use_directory_urls")} | {"theme": config.theme.name},
        "versions": installed_versions(),
        "today": site_today().isoformat(),
    }
    return make_key(values)


def environment_names(config_file: Path) -> list[str]:
    """The environment variables the configuration reads (``!ENV``), and
    those the build's dates come from."""
    text = config_file.read_text(encoding="utf-8", errors="replace")
    names = set(re.findall(r"!ENV\s*\[?\s*([A-Za-z_][A-Za-z0-9_]*)", text))
    return sorted(names | {"SOURCE_DATE_EPOCH", "TZ"})


class _Warnings(logging.Handler):
    """The warnings of a build, to replay with its kept site, and whether a
    strict build counts any of them (writers' warnings it does not)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[dict[str, Any]] = []
        self.counted = False

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record_data(record))
        if not getattr(record, "writer_warning", False):
            self.counted = True


# Pages ---------------------------------------------------------------------------


def rendering_settings(config: MkDocsConfig) -> str:
    """What every conversion depends on besides the page: extensions and
    their settings, link validation, URL form, installed versions, and this
    project's code (its Markdown extension)."""
    here = Path(__file__).resolve().parent
    values = {
        "extensions": [_describe_extension(extension) for extension in config.markdown_extensions],
        "extension_configs": config.mdx_configs,
        "validation": str(config.validation),
        "use_directory_urls": config.use_directory_urls,
        "versions": installed_versions(),
        "code": [folder_digest(here, skip=("__pycache__",)), folder_digest(here.parent / "articles", skip=("__pycache__",))],
    }
    return make_key(values)


def _describe_extension(extension: object) -> object:
    if isinstance(extension, str):
        return extension
    kind = type(extension)
    settings = {
        name: repr(value)
        for name, value in sorted(vars(extension).items())
        if isinstance(value, (str, int, float, bool, tuple, type(None)))
    }
    return [f"{kind.__module__}.{kind.__qualname__}", settings]


def render_cached(page: Page, pages: PageCache, rendering: str, config: MkDocsConfig, files: Files) -> None:
    """``Page.render``, or what an earlier identical render made."""
    if page.markdown is None:
        return type(page).render(page, config, files)
    worker = _state.worker if _state.worker is not None and page.file.src_uri in _state.worker.share else None
    key = make_key(
        {
            "page": page.markdown,
            "src_uri": page.file.src_uri,
            "url": page.file.url,
            "excluded": page.file.inclusion.is_excluded(),
            "rendering": rendering,
            "debug": log.getEffectiveLevel() <= logging.DEBUG,
        }
    )
    entry = pages.get(key)
    if entry is None and worker is not None:
        entry = worker.entry(pages, key)
    if entry is not None and lookups_hold(entry.get("lookups", []), files):
        try:
            apply_entry(page, entry, files)
        except (KeyError, TypeError, ValueError):
            pass
        else:
            replay(entry["records"])
            _state.reused += 1
            if worker is not None:
                worker.taken.add(page.file.src_uri)
            return None
    _state.converted += 1
    recording = _RecordingFiles(files)
    with Captured() as captured:
        type(page).render(page, config, recording)  # type: ignore[arg-type]
    if _state.keep_converted and not recording.unknown_use:
        pages.put(key, entry_of(page, recording.lookups, captured.records))
    return None


class _RecordingFiles:
    """The site's files as a page's render sees them: every lookup noted."""

    def __init__(self, files: Files) -> None:
        self._files = files
        self.lookups: list[list[Any]] = []
        self.unknown_use = False

    def get_file_from_path(self, path: str) -> File | None:
        found = self._files.get_file_from_path(path)
        self.lookups.append([path, _file_summary(found)])
        return found

    def __getattr__(self, name: str) -> Any:
        self.unknown_use = True  # a use not tracked: this render is not kept
        return getattr(self._files, name)


def _file_summary(file: File | None) -> list[Any] | None:
    return None if file is None else [file.src_uri, file.url, file.inclusion.is_excluded()]


def lookups_hold(lookups: list[list[Any]], files: Files) -> bool:
    """Whether each path a render looked up still finds the same file."""
    try:
        return all(_file_summary(files.get_file_from_path(path)) == found for path, found in lookups)
    except (TypeError, ValueError):
        return False


def entry_of(page: Page, lookups: list[list[Any]], records: list[dict[str, Any]]) -> dict[str, Any]:
    links = vars(page).get("links_to_anchors")
    return {
        "content": page.content,
        "toc": [_toc_token(item) for item in page.toc],
        "title": vars(page).get("_title_from_render"),
        "anchors": sorted(page.present_anchor_ids or ()),
        "links_to_anchors": None if links is None else [[file.src_uri, anchors] for file, anchors in links.items()],
        "lookups": lookups,
        "records": records,
    }


def _toc_token(item: AnchorLink) -> dict[str, Any]:
    return {"level": item.level, "id": item.id, "name": item.title, "children": [_toc_token(child) for child in item.children]}


def apply_entry(page: Page, entry: dict[str, Any], files: Files) -> None:
    """Set on ``page`` what its render set when the entry was made."""
    page.content = entry["content"]
    page.toc = get_toc(entry["toc"])
    page._title_from_render = entry["title"]
    page.present_anchor_ids = set(entry["anchors"])
    if entry["links_to_anchors"] is not None:
        links: dict[File, dict[str, str]] = {}
        for src_uri, anchors in entry["links_to_anchors"]:
            target = page.file if src_uri == page.file.src_uri else files.get_file_from_path(src_uri)
            if target is None:
                raise ValueError(src_uri)
            links[target] = anchors
        page.links_to_anchors = links


# A second process ------------------------------------------------------------------

# Below this, forking costs more than it saves.
WORKER_MIN_PAGES = 200
# How often this process looks for an entry the copy is still converting.
_POLL_SECONDS = 0.002
# The worker's part of the pages' Markdown, in bytes: this process also runs
# every page's events and reads back what the worker converted, as the
# worker goes (bench/README.md: with 0.4, 0.8-1.3 s of that after it ended).
WORKER_SHARE = 0.5


def _size(file: File) -> int:
    try:
        return os.path.getsize(file.abs_src_path) if file.abs_src_path else 0
    except OSError:
        return 0


def worker_share(pages: list[File], sizes: list[int], share: float) -> list[File]:
    """The last pages, about ``share`` of the whole size."""
    total = sum(sizes)
    kept = 0
    for start in range(len(pages) - 1, -1, -1):
        kept += sizes[start]
        if kept >= share * total:
            return pages[start:]
    return pages[:]


class _Worker:
    """A forked copy of the build converting ``share``'s pages into the page
    cache while this process converts the others. Nothing it does reaches
    the site but those entries: a missing one is a cache miss, the page is
    converted here."""

    def __init__(self, share: list[File], config: MkDocsConfig, files: Files, pages: PageCache, temporary: Path | None) -> None:
        self.share = {file.src_uri for file in share}
        self.temporary = temporary
        self.reused = self.converted = 0
        self.taken: set[str] = set()  # pages of its share this process found converted
        self._waited = False
        self._forked = Forked.start(functools.partial(_convert_in_worker, share, config, files, pages))
        self.started = self._forked.started

    def entry(self, pages: PageCache, key: str) -> dict[str, Any] | None:
        """The entry the copy makes for ``key``, as soon as it is written (the
        copy converts its pages in the order this process takes them), or
        None once the copy has ended without it."""
        while not self._forked.finished():
            entry = pages.get(key)
            if entry is not None:
                return entry
            time.sleep(_POLL_SECONDS)
        self.wait()
        return pages.get(key)

    def wait(self) -> None:
        if self._waited:
            return
        self._waited = True
        counts = self._forked.result()
        if isinstance(counts, dict):
            self.reused, self.converted = int(counts.get("reused", 0)), int(counts.get("converted", 0))

    def end(self) -> None:
        self._forked.stop()
        if self.temporary is not None:
            shutil.rmtree(self.temporary, ignore_errors=True)


def _end_worker(*, wait: bool = True) -> _Worker | None:
    worker, _state.worker = _state.worker, None
    if worker is not None:
        if wait:
            worker.wait()
        worker.end()
    return worker


def _convert_in_worker(share: list[File], config: MkDocsConfig, files: Files, pages: PageCache) -> dict[str, int]:
    """In the copy: MkDocs' reading and conversion of each page of ``share``,
    its conversion kept in ``pages``."""
    _state.worker = None
    _state.pages = pages
    _state.keep_converted = True
    _state.reused = _state.converted = 0
    for file in share:
        try:
            if file.page is None:
                Page(None, file, config)
            build_module()._populate_page(file.page, config, files)
        except Exception:  # noqa: BLE001 - the build reads this page again, and tells the writer
            continue
    return {"reused": _state.reused, "converted": _state.converted}


def build_module() -> Any:
    return importlib.import_module(f"{mkdocs.__name__}.commands.build")
