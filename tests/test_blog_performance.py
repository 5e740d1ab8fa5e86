"""hooks/blog_performance.py: same site, byte for byte, with fewer conversions.

The same generated blog (``bench/blog_performance.py``: clean posts covering
the excerpt cases the patch must handle, categories, authors, archive,
pagination at 10) is built without the hook in a subprocess and, meanwhile,
with the hook in this process, where its conversions are counted.
"""

from __future__ import annotations

import collections
import copy
import importlib.util
import logging
import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import material.plugins.blog.structure as post_structure
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
POSTS = 60


def _load(path: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


bench = _load(ROOT / "bench" / "blog_performance.py", "blog_performance_bench")
hook = _load(ROOT / "hooks" / "blog_performance.py", "blog_performance_hook_under_test")


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    root = tmp_path_factory.mktemp("blog")
    base, fast = bench.clean_site(root, POSTS)
    without, with_hook = root / "site-without", root / "site-with"
    commands = [bench.build_command(base, without), bench.build_command(fast, with_hook)]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    baseline = subprocess.Popen(commands[0], cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        counts = _build_counting(fast, with_hook)
    finally:
        _, stderr = baseline.communicate(timeout=300)
    assert baseline.returncode == 0, stderr
    reproduce = "\n".join(f"  cd {root} && {' '.join(c)}" for c in commands)
    return without, with_hook, counts, reproduce


def _build_counting(config_file: Path, site_dir: Path) -> collections.Counter:
    """Build in this process; count excerpt renders and conversions."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(config_file), site_dir=str(site_dir))
    module = sys.modules["hooks/blog_performance.py"]  # as loaded by MkDocs
    counts: collections.Counter = collections.Counter()
    convert, render = module._convert, module._render

    def counting_convert(excerpt, md, markdown, head, separator):
        counts["before separator only" if head else "whole post"] += 1
        counts[("post", excerpt.post.file.src_uri)] += 1
        counts[("instance", id(md))] += 1
        return convert(excerpt, md, markdown, head, separator)

    def counting_render(excerpt, page, separator):
        counts["renders"] += 1
        return render(excerpt, page, separator)

    def counting_load(stream, Loader):  # noqa: N803 - yaml.load's own name
        counts[f"loader {Loader.__name__}"] += 1
        return load(stream, Loader)

    module._convert, module._render = counting_convert, counting_render
    load, post_structure.yaml = yaml.load, SimpleNamespace(load=counting_load)
    try:
        config.plugins.on_startup(command="build", dirty=False)
        build(config)
        config.plugins.on_shutdown()
    finally:
        module._convert, module._render = convert, render
        post_structure.yaml = yaml
    counts["loader after the build"] = post_structure.SafeLoader
    counts["excerpts' Markdown after the build"] = post_structure.Markdown
    return counts


def test_site_is_identical_with_the_hook(builds):
    without, with_hook, _, reproduce = builds
    # Footnote reference ids in excerpts are the one deliberate difference
    # (see the hook's docstring): compare with their numbers taken out.
    unexpected = bench.differences(without, with_hook, bench.without_footnote_ref_numbers)
    pages = list(with_hook.rglob("*.html"))
    assert len(pages) > POSTS + 20, "the site should have posts and many listing pages"
    assert not unexpected, (
        f"{len(unexpected)} output files differ with the hook (beyond footnote reference ids):\n"
        + "\n".join(f"  {name}" for name in unexpected[:30])
        + f"\nReproduce (then diff -r the two site directories):\n{reproduce}"
    )


def test_each_excerpt_is_converted_once(builds):
    _, _, counts, _ = builds
    per_post = {key[1]: n for key, n in counts.items() if isinstance(key, tuple) and key[0] == "post"}
    assert per_post and max(per_post.values()) == 1, {k: n for k, n in per_post.items() if n > 1}
    assert counts["renders"] >= 4 * len(per_post)  # index, archive, category, author pages
    # Both paths are exercised: the edge cases need the whole post, the
    # others are converted up to the separator only.
    assert counts["before separator only"] >= POSTS // 4
    assert counts["whole post"] >= POSTS // 4


def test_the_excerpts_share_one_markdown_instance_during_the_build_only(builds):
    _, _, counts, _ = builds
    # The site is byte for byte the same (test above), each excerpt reset
    # and given its own tree processors before its conversion.
    instances = [key for key in counts if isinstance(key, tuple) and key[0] == "instance"]
    assert len(instances) == 1, f"{len(instances)} Markdown instances converted the excerpts"
    from markdown import Markdown

    assert counts["excerpts' Markdown after the build"] is Markdown


def test_an_excerpts_markdown_reads_through_to_the_shared_instance():
    from markdown import Markdown
    from markdown.treeprocessors import Treeprocessor

    class Marker(Treeprocessor):
        def __init__(self, word: str) -> None:
            self.word = word

        def run(self, root):
            root[0].text += self.word

    hook._SHARED_MARKDOWN.clear()
    first, second = (hook._ExcerptMarkdown(extensions=["toc"], extension_configs={}) for _ in range(2))
    first.treeprocessors.register(Marker(" un"), "excerpt", 0)
    second.treeprocessors.register(Marker(" deux"), "excerpt", 0)
    assert first.instance() is second.instance() and isinstance(first.instance(), Markdown)
    # Material's own render reads the registry and converts through it.
    assert isinstance(first.treeprocessors[first.treeprocessors.get_index_for_name("excerpt")], Marker)
    assert first.convert("# Titre") == '<h1 id="titre">Titre un</h1>'
    assert second.reset().convert("# Titre") == '<h1 id="titre">Titre deux</h1>'
    assert first.reset().convert("# Titre") == '<h1 id="titre">Titre un</h1>'
    other = hook._ExcerptMarkdown(extensions=["toc", "footnotes"], extension_configs={})
    assert other.instance() is not first.instance(), "other settings, another instance"
    copied = copy.deepcopy(other)  # asks for attributes before its own are set
    assert copied.settings_key == other.settings_key and copied is not other
    hook._SHARED_MARKDOWN.clear()


def test_posts_are_read_with_the_c_loader_during_the_build_only(builds):
    _, _, counts, _ = builds
    # The site is byte for byte the same (test above): so are the values read.
    assert counts["loader CSafeLoader"] >= POSTS, counts
    assert counts["loader SafeLoader"] == 0, counts
    assert counts["loader after the build"] is yaml.SafeLoader


def test_indexed_pages_answer_membership_as_a_list_does():
    posts = [object() for _ in range(3)]
    indexed = hook._IndexedPages(posts)
    assert posts[1] in indexed and object() not in indexed
    extra = object()
    indexed.append(extra)
    assert extra in indexed
    indexed.remove(extra)
    assert extra not in indexed
    indexed[0] = extra
    assert extra in indexed and posts[0] not in indexed

    # Equal but not the same object (Page.__eq__: class, title, same File).
    class FakePage:
        def __init__(self, title: str, file: object) -> None:
            self.title, self.file = title, file

        def __eq__(self, other: object) -> bool:
            return isinstance(other, FakePage) and self.title == other.title and self.file is other.file

    file = object()
    pages = hook._IndexedPages([FakePage("a", file), FakePage("b", object())])
    assert FakePage("a", file) in pages
    assert FakePage("a", object()) not in pages and FakePage("c", file) not in pages


@pytest.mark.parametrize(
    ("material", "engine", "version", "expected"),
    [
        ("9.8.2", "mkdocs", "1.6.1", None),
        ("9.8.2", "properdocs", "1.6.7", None),
        ("9.8.3", "mkdocs", "1.6.1", "mkdocs-material 9.8.3 is not the tested version 9.8.2"),
        ("9.8.0", "mkdocs", "1.6.1", "mkdocs-material 9.8.0 is not the tested version 9.8.2"),
        ("10.0.0", "mkdocs", "1.6.1", "mkdocs-material 10.0.0 is not the tested version 9.8.2"),
        ("9.8.2", "mkdocs", "1.6.0", "mkdocs 1.6.0 is not the tested version 1.6.1"),
        ("9.8.2", "mkdocs", "2.0.0", "mkdocs 2.0.0 is not the tested version 1.6.1"),
        ("9.8.2", "properdocs", "1.6.8", "properdocs 1.6.8 is not the tested version 1.6.7"),
        ("9.8.2", "properdocs", "1.6.1", "properdocs 1.6.1 is not the tested version 1.6.7"),
        ("9.8.2", "properdocs", None, "properdocs is not installed (tested with 1.6.7)"),
        (None, "mkdocs", "1.6.1", "mkdocs-material is not installed (tested with 9.8.2)"),
        ("nine", "mkdocs", "1.6.1", "mkdocs-material nine is not the tested version 9.8.2"),
        ("9.8.2", "zensical", "0.1.0", "zensical was never tested (tested: mkdocs-material, mkdocs, properdocs)"),
    ],
)
def test_version_guard(material, engine, version, expected):
    assert hook.unsupported_reason({"mkdocs-material": material, engine: version}) == expected


def test_running_engine_is_the_package_imported_as_mkdocs():
    import mkdocs

    # ProperDocs puts its own package under the name ``mkdocs``: that package's
    # real name tells which distribution's version to check.
    assert hook.running_engine() == mkdocs.__name__ == "mkdocs"


def test_untested_version_warns_and_patches_nothing(monkeypatch, caplog):
    from material.plugins.blog.structure import Excerpt

    monkeypatch.setattr(hook, "installed_version", lambda dist: "9.9.0" if dist == "mkdocs-material" else "1.6.1")
    with caplog.at_level(logging.WARNING):
        hook.on_config(None)
    assert "disabled: mkdocs-material 9.9.0 is not the tested version 9.8.2" in caplog.text
    assert hook._active is False

    excerpt = Excerpt.__new__(Excerpt)
    page = type("FakePost", (), {"excerpt": excerpt})()
    hook.on_page_markdown("", page=page, config=None, files=None)
    assert "render" not in vars(excerpt)
    assert post_structure.SafeLoader is yaml.SafeLoader

    monkeypatch.setattr(hook, "installed_version", lambda dist: {"mkdocs-material": "9.8.2", "mkdocs": "1.6.1"}[dist])
    hook.on_config(None)
    hook.on_page_markdown("", page=page, config=None, files=None)
    assert "render" in vars(excerpt)
    assert post_structure.SafeLoader is yaml.CSafeLoader
    hook.on_build_error(error=RuntimeError("build failed"))
    assert post_structure.SafeLoader is yaml.SafeLoader
