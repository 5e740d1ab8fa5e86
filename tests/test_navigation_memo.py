"""hooks/navigation_memo.py: the navigation, rendered once per group of pages
that see it the same, is byte for byte what every page would render alone."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest

from sitebuild import article_generator, copy_site, run_build

POSTS = Path("docs/blog/posts")
HOOK = "  - hooks/navigation_memo.py\n"


def _tree(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def without_memo(project: Path) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert HOOK in text
    config.write_text(text.replace(HOOK, ""), encoding="utf-8")


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, bytes], dict[str, bytes], list[str]]:
    """The same sources (the site, and articles spread over several years,
    rubriques and listing pages) built with the memo and without it."""
    built = []
    for name in ("memo", "plain"):
        project = copy_site(tmp_path_factory.mktemp(name) / "project")
        for file_name, content in article_generator().generate(40, seed=11):
            (project / POSTS / file_name).write_bytes(content)
        if name == "plain":
            without_memo(project)
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("SOURCE_DATE_EPOCH", "1764000000")
            patch.setenv("BUILD_CACHE", "off")
            result = run_build(project)
        assert not result.aborted, result.reproduce()
        built.append((result, _tree(result.site)))
    (memo, memo_tree), (_, plain_tree) = built
    return (
        memo_tree,
        plain_tree,
        [f"{record.levelname}: {record.getMessage()}" for record in memo.records if record.levelno >= logging.DEBUG],
    )


def test_every_file_is_the_same_with_and_without_the_memo(sites: tuple[dict[str, bytes], dict[str, bytes], list[str]]) -> None:
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
