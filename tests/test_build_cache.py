"""hooks/build_cache.py and articles/build_cache.py: the build cache under .cache/build/.

Build tests: a small project (the site, two articles of our own, a few generated
ones) is built once to fill the cache, edited one way, built again with the
cache as `mkdocs build` runs it, and compared byte for byte, warnings included,
with a build of the same sources without the cache (``BUILD_CACHE=off``).
"""

from __future__ import annotations

import hashlib
import json
import logging
import shutil
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from articles.build_cache import FORMAT, MANIFEST, KeptSites, PageCache, folder_digest, make_key
from articles.forked import Forked, can_fork
from sitebuild import BuildResult, append_text, article_generator, copy_site, load_hook, replace_text, run_build

POSTS = Path("docs/blog/posts")
SEED = "2020-12-01-aligner-marketing-et-ventes.md"
RESTORED = "site repris du cache"
REUSED = "Cache de construction : HTML de"
EPOCH = "1764000000"

OWN = {
    "2024-03-04-relance-client.md": (
        "---\ntitre: Relancer un client sans l'agacer\ndate: 04/03/2024\nauteur: Amelie\n"
        "tags: relance, prospection\n---\n\nUne relance bien placée[^1].\n\n<!-- more -->\n\n"
        f"## Le bon moment\n\nVoir aussi [l'alignement]({SEED}#pourquoi).\n\n"
        "[^1]: Selon l'équipe commerciale.\n"
    ),
    "2024-05-10-salon.md": (
        "---\ntitle: Préparer un salon\ndate: 2024-05-10\nauthors: [amelie]\ncategories: [Articles]\n"
        'tags: [Événement]\n---\n\nTrois semaines avant le salon <b onclick="x()">gras</b>.\n\n'
        "Voir [l'ancien guide](guide-disparu.md).\n\n"
        "## Le stand\n\nUn texte court.\n"
    ),
}


@pytest.fixture(scope="module")
def primed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project built once with the cache: its .cache/build/ filled."""
    project = copy_site(tmp_path_factory.mktemp("primed") / "project")
    for name, text in OWN.items():
        (project / POSTS / name).write_text(text, encoding="utf-8")
    for name, content in article_generator().generate(6, seed=3):
        (project / POSTS / name).write_bytes(content)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        patch.delenv("BUILD_CACHE", raising=False)
        first = run_build(project, as_command=True)
    assert not first.aborted, first.messages()
    assert list((project / ".cache/build/sites").iterdir()), "the first build was not kept"
    return project


@pytest.fixture
def project(primed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    monkeypatch.delenv("BUILD_CACHE", raising=False)
    copy = tmp_path / "project"
    shutil.copytree(primed, copy, symlinks=True)
    return copy


def tree(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def warnings_of(result: BuildResult) -> list[str]:
    return sorted(result.messages(logging.WARNING))


def clean_build(project: Path, destination: Path, monkeypatch: pytest.MonkeyPatch) -> BuildResult:
    """The same sources built without the cache."""
    with monkeypatch.context() as patch:
        patch.setenv("BUILD_CACHE", "off")
        return run_build(project, site=destination, as_command=True)


def assert_same_site(cached: BuildResult, clean: BuildResult) -> None:
    left, right = tree(cached.site), tree(clean.site)
    differing = sorted(name for name in left.keys() | right.keys() if left.get(name) != right.get(name))
    assert not differing, f"cached build differs from a clean build in {differing[:10]}; {cached.reproduce()}"
    assert warnings_of(cached) == warnings_of(clean), cached.reproduce()
    assert cached.aborted == clean.aborted


RELANCE = POSTS / "2024-03-04-relance-client.md"
SALON = POSTS / "2024-05-10-salon.md"

EDITS: dict[str, Callable[[Path], None]] = {
    "body": lambda p: append_text(p / RELANCE, "\nUn paragraphe de plus, avec *emphase*.\n"),
    "title": lambda p: replace_text(
        p / RELANCE, "titre: Relancer un client sans l'agacer", "titre: Relancer un client, sans jamais l'agacer"
    ),
    "date": lambda p: replace_text(p / RELANCE, "date: 04/03/2024", "date: 05/03/2023"),
    "topics": lambda p: replace_text(p / RELANCE, "tags: relance, prospection", "tags: relance, négociation"),
    "new article": lambda p: (p / POSTS / "2024-06-01-nouveau.md").write_text(
        "---\ntitre: Un nouvel article\ndate: 1er juin 2024\ntags: prospection\n---\n\nVoir [la relance](2024-03-04-relance-client.md).\n",
        encoding="utf-8",
    ),
    "deleted article": lambda p: (p / POSTS / SEED).unlink(),
    "draft toggled": lambda p: replace_text(p / SALON, "title: Préparer un salon\n", "title: Préparer un salon\ndraft: true\n"),
    "taxonomy changed": lambda p: replace_text(
        p / "docs/taxonomy.yml", "synonymes: [rétention, fidélité]", "synonymes: [rétention, fidélité, relance]"
    ),
    "override changed": lambda p: append_text(p / "overrides/partials/footer.html", "\n<!-- pied de page modifié -->\n"),
}


@pytest.mark.parametrize("kind", list(EDITS))
def test_after_each_kind_of_edit_the_cached_build_equals_a_clean_one(
    kind: str, project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    EDITS[kind](project)
    cached = run_build(project, as_command=True)
    clean = clean_build(project, tmp_path / "clean", monkeypatch)
    assert not clean.aborted, clean.messages()
    assert_same_site(cached, clean)
    messages = cached.messages(logging.INFO)
    assert not any(RESTORED in message for message in messages), "a changed source must not restore the kept site"
    assert any(REUSED in message for message in messages), f"no page came from the cache; {cached.reproduce()}"


def test_with_nothing_changed_the_kept_site_comes_back_with_its_warnings(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    cached = run_build(project, as_command=True)
    assert "Logging error" not in capsys.readouterr().err, "a replayed warning broke a log handler"
    assert any(RESTORED in message for message in cached.messages(logging.INFO)), cached.reproduce()
    clean = clean_build(project, tmp_path / "clean", monkeypatch)
    assert_same_site(cached, clean)
    # The writers' warnings are said again (here: the markup removed from the salon article).
    assert any("2024-05-10-salon.md" in message and "onclick" in message for message in warnings_of(cached))
    assert any("2024-05-10-salon.md" in message and "guide-disparu.md" in message for message in warnings_of(cached))


def test_a_corrupted_kept_site_is_ignored_and_rebuilt(project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (manifest,) = (project / ".cache/build/sites").glob(f"*/{MANIFEST}")
    files = json.loads(manifest.read_text(encoding="utf-8"))["files"]
    page = project / ".cache/build/sites/objects" / files["index.html"]
    page.write_text("<p>périmé</p>", encoding="utf-8")
    cached = run_build(project, as_command=True)
    assert not any(RESTORED in message for message in cached.messages(logging.INFO))
    assert_same_site(cached, clean_build(project, tmp_path / "clean", monkeypatch))
    again = run_build(project, as_command=True)  # kept afresh
    assert any(RESTORED in message for message in again.messages(logging.INFO))


@pytest.mark.parametrize("damage", ["garbage", "foreign format", "other key"])
def test_damaged_or_foreign_page_entries_are_ignored(damage: str, project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for entry in (project / ".cache/build/pages").glob("*.json"):
        if damage == "garbage":
            entry.write_bytes(b"\x00{not json")
        else:
            data = json.loads(entry.read_text(encoding="utf-8"))
            data["content"] = "<p>périmé</p>"
            data["format" if damage == "foreign format" else "key"] = "autre"
            entry.write_text(json.dumps(data), encoding="utf-8")
    append_text(project / RELANCE, "\nUne ligne.\n")  # the kept site no longer applies
    cached = run_build(project, as_command=True)
    assert not any(REUSED in message for message in cached.messages(logging.INFO))
    assert_same_site(cached, clean_build(project, tmp_path / "clean", monkeypatch))


def test_entries_of_other_installed_versions_are_not_used(project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import articles.build_cache

    monkeypatch.setattr(articles.build_cache, "installed_versions", lambda: "python==3.99\nmkdocs==9.9.9")
    cached = run_build(project, as_command=True)
    messages = cached.messages(logging.INFO)
    assert not any(RESTORED in message or REUSED in message for message in messages), cached.reproduce()


def test_entries_of_other_markdown_settings_are_not_used(project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    replace_text(project / "mkdocs.yml", "permalink_title: Lien vers cette section", "permalink_title: Lien direct")
    cached = run_build(project, as_command=True)
    assert not any(RESTORED in message or REUSED in message for message in cached.messages(logging.INFO)), cached.reproduce()
    assert_same_site(cached, clean_build(project, tmp_path / "clean", monkeypatch))
    assert "Lien direct" in (cached.site / "blog/2024/03/04/relancer-un-client-sans-l-agacer/index.html").read_text(encoding="utf-8")


def test_a_build_with_a_counted_warning_is_never_kept(project: Path) -> None:
    shutil.rmtree(project / ".cache/build/sites")
    append_text(project / "docs/guide/publier-un-article.md", "\nVoir [la page disparue](disparue.md).\n")
    first = run_build(project, as_command=True)
    assert first.aborted, first.reproduce()
    assert not (project / ".cache/build/sites").exists() or not list((project / ".cache/build/sites").iterdir())
    second = run_build(project, as_command=True)
    assert second.aborted, "a strict build must stop again, not restore a site"
    relaxed = run_build(project, strict=False, as_command=True)
    assert not relaxed.aborted
    assert not (project / ".cache/build/sites").exists() or not list((project / ".cache/build/sites").iterdir())


def test_without_source_date_epoch_no_site_is_kept(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.rmtree(project / ".cache/build/sites")
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    monkeypatch.chdir(project)  # not a git checkout: hooks/reproducible_build.py sets nothing
    result = run_build(project, as_command=True)
    assert not result.aborted
    assert not (project / ".cache/build/sites").exists(), "the feeds carry the build's time: not reproducible, not kept"


def test_build_cache_off_neither_reads_nor_writes(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.rmtree(project / ".cache/build")
    monkeypatch.setenv("BUILD_CACHE", "off")
    run_build(project, as_command=True)
    assert not (project / ".cache/build").exists()


# The core: articles/build_cache.py ---------------------------------------------


def test_kept_site_round_trip_and_damage(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "index.html").write_text("accueil", encoding="utf-8")
    (site / "a" / "b.html").write_bytes(b"\xc3\xa9t\xc3\xa9")
    sites = KeptSites(tmp_path / "sites")
    records = [{"name": "mkdocs", "levelno": 30, "levelname": "WARNING", "msg": "attention", "writer_warning": True}]
    sites.keep("k1", site, records)
    target = tmp_path / "out"
    (target / "stale").mkdir(parents=True)
    assert sites.restore("k1", target) == records
    assert tree(target) == tree(site), "a stale file of the folder must be gone"
    assert sites.restore("other", target) is None

    stored = tmp_path / "sites/objects" / hashlib.sha256("été".encode()).hexdigest()
    stored.write_bytes(b"change")
    assert sites.restore("k1", target) is None
    assert list(target.iterdir()) == [], "a partial copy must not be left behind"
    assert not stored.exists(), "a changed file is removed"
    sites.keep("k1", site, records)  # stored again
    assert sites.restore("k1", target) == records
    assert tree(target) == tree(site)


def test_kept_sites_store_each_file_once(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "index.html").write_text("accueil", encoding="utf-8")
    (site / "a" / "b.html").write_text("accueil", encoding="utf-8")
    sites = KeptSites(tmp_path / "sites")
    sites.keep("k1", site, [])
    (site / "a" / "b.html").unlink()  # a new file, as a build writes it
    (site / "a" / "b.html").write_text("autre", encoding="utf-8")
    sites.keep("k2", site, [])
    assert len(list((tmp_path / "sites/objects").iterdir())) == 2, "the same content is stored once"
    for key, expected in (("k1", "accueil"), ("k2", "autre")):
        target = tmp_path / key
        sites.restore(key, target)
        assert (target / "a" / "b.html").read_text(encoding="utf-8") == expected


def test_a_manifest_naming_a_file_outside_the_site_is_refused(tmp_path: Path) -> None:
    kept = tmp_path / "sites" / "k"
    kept.mkdir(parents=True)
    outside = tmp_path / "evil.txt"
    outside.write_text("x", encoding="utf-8")
    digest = hashlib.sha256(b"y").hexdigest()
    (tmp_path / "sites" / "objects").mkdir()
    (tmp_path / "sites" / "objects" / digest).write_text("y", encoding="utf-8")
    (kept / MANIFEST).write_text(
        json.dumps({"format": FORMAT, "key": "k", "files": {"../evil.txt": digest}, "records": []}), encoding="utf-8"
    )
    target = tmp_path / "out"
    assert KeptSites(tmp_path / "sites").restore("k", target) is None
    assert outside.read_text(encoding="utf-8") == "x"
    # Nor is a stored file named by a path instead of a hash: it would copy a file from outside.
    (kept / MANIFEST).write_text(
        json.dumps({"format": FORMAT, "key": "k", "files": {"index.html": "../../evil.txt"}, "records": []}), encoding="utf-8"
    )
    assert KeptSites(tmp_path / "sites").restore("k", target) is None
    assert not (target / "index.html").exists()


def test_only_the_last_kept_sites_stay(tmp_path: Path) -> None:
    import os

    site = tmp_path / "site"
    site.mkdir()
    sites = KeptSites(tmp_path / "sites")
    for number, key in enumerate(["a", "b", "c", "d"]):
        # A new file, as a build writes it (the kept one is a hard link to the last).
        (site / "index.html").unlink(missing_ok=True)
        (site / "index.html").write_text(key, encoding="utf-8")
        sites.keep(key, site, [])
        if key != "d":
            os.utime(tmp_path / "sites" / key / MANIFEST, (number, number))
    assert sorted(path.name for path in (tmp_path / "sites").iterdir()) == ["c", "d", "objects"]
    stored = {path.read_text(encoding="utf-8") for path in (tmp_path / "sites/objects").iterdir()}
    assert stored == {"c", "d"}, "only the files of the sites kept stay"


def test_page_cache_entries_and_pruning(tmp_path: Path) -> None:
    import os

    pages = PageCache(tmp_path / "pages")
    assert pages.get("absent") is None
    pages.put("k1", {"content": "<p>é</p>"})
    assert pages.get("k1")["content"] == "<p>é</p>"
    (tmp_path / "pages" / "k1.json").write_text('{"format": "0", "key": "k1"}', encoding="utf-8")
    assert pages.get("k1") is None
    (tmp_path / "pages" / "k1.json").unlink()
    for number in range(5):
        pages.put(f"n{number}", {})
        os.utime(tmp_path / "pages" / f"n{number}.json", (number, number))
    pages.prune(limit=2)
    assert sorted(path.stem for path in (tmp_path / "pages").glob("*.json")) == ["n3", "n4"]


def test_page_entries_handed_to_the_writing_thread_are_all_written_when_it_finishes(tmp_path: Path) -> None:
    pages = PageCache(tmp_path / "pages")
    pages.write_in_background()
    for number in range(200):
        pages.put(f"n{number}", {"content": f"<p>{number}</p>"})
    # A forked copy (the build's conversion worker) writes its own entries.
    copy = Forked.start(lambda: pages.put("from-the-copy", {"content": "<p>copie</p>"}) or "done")
    assert copy.result() == "done"
    assert pages.get("from-the-copy")["content"] == "<p>copie</p>"
    pages.finish_writing()
    assert not any(thread.name == "page-cache-writer" for thread in threading.enumerate())
    assert all(pages.get(f"n{number}")["content"] == f"<p>{number}</p>" for number in range(200))
    pages.put("after", {"content": "<p>après</p>"})  # written at once again
    assert pages.get("after")["content"] == "<p>après</p>"


def test_a_write_that_fails_in_the_thread_never_leaves_the_build_waiting(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import articles.build_cache

    def failing(path: Path, data: bytes) -> None:
        raise RuntimeError("disque")

    monkeypatch.setattr(articles.build_cache, "_write_quietly", failing)
    pages = PageCache(tmp_path / "pages")
    pages.write_in_background()
    finished = threading.Event()

    def build() -> None:
        for number in range(500):  # far more than the queue holds
            pages.put(f"n{number}", {"content": "<p>x</p>"})
        pages.finish_writing()
        finished.set()

    threading.Thread(target=build, daemon=True).start()
    assert finished.wait(timeout=30), "the build waited for a writing thread that had stopped"


def test_keys_and_digests_change_with_what_they_are_made_of(tmp_path: Path) -> None:
    assert make_key({"a": 1, "b": [1, 2]}) == make_key({"b": [1, 2], "a": 1})
    assert make_key({"a": 1}) != make_key({"a": 2})
    folder = tmp_path / "f"
    (folder / "__pycache__").mkdir(parents=True)
    (folder / "x.txt").write_text("un", encoding="utf-8")
    before = folder_digest(folder, skip=("__pycache__",))
    (folder / "__pycache__" / "x.pyc").write_bytes(b"\x00")
    assert folder_digest(folder, skip=("__pycache__",)) == before
    (folder / "x.txt").write_text("deux", encoding="utf-8")
    assert folder_digest(folder, skip=("__pycache__",)) != before
    (folder / "x.txt").rename(folder / "y.txt")
    assert folder_digest(folder) != folder_digest(folder, skip=("__pycache__",))


def test_on_untested_versions_the_build_runs_without_cache_and_without_failing(project: Path) -> None:
    shutil.rmtree(project / ".cache/build")
    replace_text(project / "hooks/build_cache.py", 'TESTED = {"mkdocs-material": "9.8.2"', 'TESTED = {"mkdocs-material": "9.8.1"')
    result = run_build(project, as_command=True)  # strict
    assert not result.aborted, "a cache that cannot run must not stop a strict build"
    disabled = "Build cache disabled: mkdocs-material 9.8.2 is not the tested version 9.8.1"
    assert any(disabled in message for message in result.messages(logging.INFO)), result.reproduce()
    assert not (project / ".cache/build").exists()


def _copy_writing(pages: PageCache, key: str | None, then_sleep: float) -> Callable[[], None]:
    def work() -> None:
        if key is not None:
            pages.put(key, {"content": "<p>converti</p>"})
        time.sleep(then_sleep)

    return work


def test_the_copys_entries_are_taken_as_soon_as_written(tmp_path: Path) -> None:
    """The build takes each page the copy converted as soon as its entry is
    written, not once the whole copy has ended."""
    if not can_fork():
        pytest.skip("the build forks on Linux only")
    build_cache = load_hook("build_cache", "build_cache_under_test")
    pages = PageCache(tmp_path / "pages")
    worker = object.__new__(build_cache._Worker)
    worker._waited, worker.reused, worker.converted = False, 0, 0
    worker._forked = Forked.start(_copy_writing(pages, "converted-page", then_sleep=20))
    try:
        started = time.monotonic()
        entry = worker.entry(pages, "converted-page")
        assert entry is not None and entry["content"] == "<p>converti</p>"
        assert not worker._forked.finished() and time.monotonic() - started < 15
    finally:
        worker._forked.stop()
    # A copy that ends without the entry: None, once it has ended.
    worker = object.__new__(build_cache._Worker)
    worker._waited, worker.reused, worker.converted = False, 0, 0
    worker._forked = Forked.start(_copy_writing(pages, None, then_sleep=0.2))
    assert worker.entry(pages, "never-converted") is None
    assert worker._forked.finished()
