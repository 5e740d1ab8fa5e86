"""Writers' warnings are shown but never abort a strict build; MkDocs' English
warnings about a post become the core's French ones.

One verdict: what ``python -m articles check`` accepts, ``mkdocs build
--strict`` (both workflows) publishes. A hook marks a warning meant for a
writer with ``extra={"writer_warning": True}``; it is logged as a warning
like any other, and the strict mode's counter leaves it out. Every other
warning (templates, navigation, the project's own pages) still aborts.

Events and priorities:
- ``on_config`` at priority 100, before any hook can warn: installs the
  counter's filter (strict builds only) and the translation of MkDocs' link
  warnings about posts.

This file is the project's one use of MkDocs internals: the strict-mode
counter (``mkdocs.utils.CountHandler``, added to the ``mkdocs`` logger by
``mkdocs.commands.build.build`` before ``on_config``) and the text of the
link warnings of ``mkdocs.structure.pages``. Both are checked here: a
strict build stops with a clear message when the counter is not found, and
``tests/test_verdict.py`` fails on a MkDocs version that changes either.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

import mkdocs
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger

from articles.blog import BlogSettings
from articles.problems import make_problem
from articles.report import build_log_line
from articles.site import docs_prefix

log = get_plugin_logger(__name__)

WRITER = {"writer_warning": True}
TESTED_MKDOCS = "1.6."

# MkDocs' link warnings (mkdocs/structure/pages.py), about one page's link.
_LINK_WARNING = re.compile(
    r"^Doc file '(?P<src>[^']+)' contains (?:a link|an unrecognized relative link|an absolute link|a link to) "
    r"'(?P<link>[^']*)'(?P<rest>.*)$",
    re.S,
)
_ANCHOR = re.compile(r"(?:does not contain an anchor '#(?P<anchor>[^']*)'|there is no such anchor on this page)")

_state: dict[str, object] = {"posts": "blog/posts/", "docs": Path("docs"), "prefix": "docs", "reported": set()}


class _NotWriterWarning(logging.Filter):
    """For the strict-mode counter: a writer's warning does not count."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not getattr(record, "writer_warning", False)


class _ReportedLinks(logging.Handler):
    """Remembers the links the core already warned about (``writer_links``)."""

    def emit(self, record: logging.LogRecord) -> None:
        for item in getattr(record, "writer_links", ()):
            _state["reported"].add(item)  # type: ignore[attr-defined]


class _PostLinkWarnings(logging.Filter):
    """MkDocs' English warning about a post's link: dropped, and said in
    French on the writer's line unless the core said it already."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno < logging.WARNING:
            return True
        found = _LINK_WARNING.match(record.getMessage())
        if found is None or not found.group("src").startswith(str(_state["posts"])):
            return True
        src, link = found.group("src"), found.group("link")
        if (src, link) in _state["reported"]:  # type: ignore[operator]
            return False
        anchor = _ANCHOR.search(found.group("rest"))
        if anchor:
            name = anchor.group("anchor") or link.partition("#")[2]
            if link.startswith("#fnref:"):
                return False  # a note's « ↩ » with no call: the core said so (footnote_unreferenced)
            problem = make_problem("link_anchor_missing", src, _line_of(src, link, f"#{name}"), link=link, anchor=name)
        else:
            problem = make_problem("link_unresolved", src, _line_of(src, link), link=link)
        where = f"{_state['prefix']}/{problem.location()}"
        log.warning(build_log_line(problem, where=where), extra=WRITER)
        return False


_COUNTER_FILTER = _NotWriterWarning()
_OBSERVER = _ReportedLinks(logging.WARNING)
_TRANSLATOR = _PostLinkWarnings()


@event_priority(100)
def on_config(config: MkDocsConfig) -> None:
    _state["reported"] = set()
    _state["docs"] = Path(config.docs_dir)
    _state["prefix"] = docs_prefix(config.docs_dir, config.config_file_path)
    blog = config.plugins.get("material/blog")
    _state["posts"] = BlogSettings.from_options(blog.config if blog is not None else None).posts_dir + "/"

    # ProperDocs, the maintained fork, logs under its own package name.
    engine = mkdocs.__name__
    mkdocs_logger = logging.getLogger(engine)
    pages_logger = logging.getLogger(f"{engine}.structure.pages")
    # Another copy of this hook (an earlier build in the same process, of
    # another project) may have left its own: one of each, this build's.
    for handler in [h for h in mkdocs_logger.handlers if type(h).__name__ == _ReportedLinks.__name__]:
        mkdocs_logger.removeHandler(handler)
    for old in [f for f in pages_logger.filters if type(f).__name__ == _PostLinkWarnings.__name__]:
        pages_logger.removeFilter(old)
    mkdocs_logger.addHandler(_OBSERVER)
    pages_logger.addFilter(_TRANSLATOR)
    if config.strict:
        install_counter_filter(mkdocs_logger)


def install_counter_filter(logger: logging.Logger) -> int:
    """Make the strict-mode counters of ``logger`` skip writers' warnings;
    how many were found. None found in a strict build is an error: every
    writer's warning would then abort the deploy."""
    from mkdocs import __version__ as mkdocs_version
    from mkdocs.utils import CountHandler

    counters = [handler for handler in logger.handlers if isinstance(handler, CountHandler)]
    if not counters:
        raise PluginError(
            f"hooks/writer_warnings.py: the strict-mode warning counter of MkDocs {mkdocs_version} was not found "
            f"(tested with MkDocs {TESTED_MKDOCS}x); writers' warnings would abort the build. Update this hook."
        )
    for counter in counters:
        if not any(type(f).__name__ == _NotWriterWarning.__name__ for f in counter.filters):
            counter.addFilter(_COUNTER_FILTER)
    return len(counters)


def _line_of(src: str, *needles: str) -> int | None:
    """The first line of the writer's file holding one of ``needles``."""
    try:
        lines = (Path(str(_state["docs"])) / src).read_text(encoding="utf-8", errors="replace").split("\n")
    except OSError:
        return None
    for needle in needles:
        if not needle or needle == "#":
            continue
        for number, text in enumerate(lines, 1):
            if needle in text:
                return number
    return None
