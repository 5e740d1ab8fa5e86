"""Hooks that only save time or memory change nothing in the site.

hooks/navigation_memo.py renders the navigation once per group of pages that
see it the same; hooks/page_memory.py frees each page's HTML once written;
hooks/process_exit.py spares the process a last collection of its memory.
The site built with them is byte for byte the site built without them."""

from __future__ import annotations

import logging
import random
import re
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.utils import normalize_url

from sitebuild import ROOT, article_generator, copy_site, load_hook, run_build, site_tree

POSTS = Path("docs/blog/posts")
NEUTRAL_HOOKS = ["  - hooks/navigation_memo.py\n", "  - hooks/page_memory.py\n", "  - hooks/process_exit.py\n"]


def without_neutral_hooks(project: Path) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    for hook in NEUTRAL_HOOKS:
        assert hook in text
        text = text.replace(hook, "")
    config.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, bytes], dict[str, bytes], list[str]]:
    """The same sources (the site, and articles spread over several years,
    rubriques and listing pages) built with these hooks and without them."""
    built = []
    for name in ("memo", "plain"):
        project = copy_site(tmp_path_factory.mktemp(name) / "project")
        for file_name, content in article_generator().generate(40, seed=11):
            (project / POSTS / file_name).write_bytes(content)
        if name == "plain":
            without_neutral_hooks(project)
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("SOURCE_DATE_EPOCH", "1764000000")
            patch.setenv("BUILD_CACHE", "off")
            result = run_build(project)
        assert not result.aborted, result.reproduce()
        built.append((result, site_tree(result.site)))
    (memo, memo_tree), (_, plain_tree) = built
    return (
        memo_tree,
        plain_tree,
        [f"{record.levelname}: {record.getMessage()}" for record in memo.records if record.levelno >= logging.DEBUG],
    )


def test_every_file_is_the_same_with_and_without_them(sites: tuple[dict[str, bytes], dict[str, bytes], list[str]]) -> None:
    memo, plain, _ = sites
    assert memo.keys() == plain.keys()
    differing = sorted(name for name in memo if memo[name] != plain[name])
    assert not differing, f"differ with the memo: {differing[:10]}"
    assert sum(name.startswith("blog/20") and name.endswith("/index.html") for name in memo) >= 30


def test_the_memo_serves_most_pages_and_warns_of_nothing(sites: tuple[dict[str, bytes], dict[str, bytes], list[str]]) -> None:
    memo, _, messages = sites
    assert not [message for message in messages if "Navigation memo disabled" in message]
    counts = [message for message in messages if "Navigation memo:" in message]
    rendered, pages = map(int, re.findall(r"\d+", counts[-1]))
    assert pages > 50 and rendered < pages / 2, counts
    # The articles' pages carry the navigation (what the memo renders).
    page = next(content for name, content in memo.items() if name.startswith("blog/20") and name.endswith("/index.html"))
    assert b'class="md-nav md-nav--primary' in page


def test_pages_with_the_same_key_see_every_address_the_same() -> None:
    """The key stands for every address as the url filter makes it relative
    to the page: checked on addresses and pages sharing folders in every way."""
    shape_class = load_hook("navigation_memo", "navigation_memo_under_test")._Shape
    names = ["blog", "2024", "01", "archive", "a", "b"]
    generator = random.Random(5)

    def address() -> str:
        parts = [generator.choice(names) for _ in range(generator.randint(0, 5))]
        ending = generator.choice(["/"] * 6 + ["", "/index.html", ".html", "?page=2", "#x"])
        text = "/".join(parts) + (ending if parts else "")
        return generator.choice([text] * 6 + ["https://example.org/" + text, "../" + text])

    for run in range(60):
        items = [SimpleNamespace(url=address(), children=[], pages=[], active=False) for _ in range(generator.randint(1, 12))]
        nav = SimpleNamespace(items=items, homepage=SimpleNamespace(url=""))
        logo = "assets/logo.svg" if run % 2 else None  # an address with a dot: in the key as the page sees it
        shape = shape_class(nav, SimpleNamespace(extra={}, theme={"logo": logo}))
        seen: dict[object, tuple[str, ...]] = {}
        for _ in range(200):
            folders = "".join(generator.choice(names) + "/" for _ in range(generator.randint(0, 5)))
            page = SimpleNamespace(url=folders + generator.choice(["", "", "index.html", "404.html"]))
            key = shape.key(page)
            assert key is not None
            relative = tuple(normalize_url(address, page=page) for address in [item.url for item in items] + ["", logo or ""])
            assert seen.setdefault(key, relative) == relative, (page.url, [item.url for item in items])
        assert len(seen) < 150, "pages rarely share a key"
    odd = SimpleNamespace(url="../b#x")
    assert shape.key(odd) is None


EXIT_SCRIPT = """
import atexit, gc, importlib.util, sys
spec = importlib.util.spec_from_file_location("process_exit", sys.argv[1])
hook = importlib.util.module_from_spec(spec)
spec.loader.exec_module(hook)
# Runs after the hook's handler (exit handlers run last registered first).
atexit.register(lambda: print("frozen at exit:", gc.get_freeze_count() > 0))
cycles = [[] for _ in range(1000)]
for cycle in cycles:
    cycle.append(cycle)
before = atexit._ncallbacks()
hook.on_shutdown()
hook.on_shutdown()
print("frozen at once:", gc.get_freeze_count() > 0)
print("handlers added:", atexit._ncallbacks() - before)
sys.exit(3)
"""


def test_the_process_exit_freezes_memory_at_exit_only_and_keeps_the_exit_status() -> None:
    """Frozen when the process exits, not when the build ends (a process that
    builds again still collects its garbage); the exit status is the build's."""
    command = [sys.executable, "-c", EXIT_SCRIPT, str(ROOT / "hooks" / "process_exit.py")]
    result = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 3, f"{result.stderr}\nreproduce: {' '.join(command)}"
    assert result.stdout.splitlines() == ["frozen at once: False", "handlers added: 1", "frozen at exit: True"], result.stderr
