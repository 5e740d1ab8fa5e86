"""Hostile and broken articles (tests/hostile/) against the real site.

The real site is copied into a temporary folder and built with the corpus in
as few builds as possible:

- ``publish``: every case expected to publish, in one build (not strict);
- ``stop``: every case expected to stop the build, in one strict build (the
  hook lists every article error in one message), built again as a
  ``python -m mkdocs build --strict`` subprocess;
- ``symlinks``: symbolic links to files outside docs/ (their content must
  never reach site/, so nothing else may stop that build);
- ``alone``: each case that may crash a build (a front matter key MkDocs
  itself reads, a YAML tag the hook cannot handle) in its own ``python -m
  mkdocs build`` subprocess, so that a crash hides no other case.

``tests/hostile/cases.yaml`` gives each case's exact outcome. Every build is
also checked for tracebacks, for files outside the project read into site/
(/etc/passwd, a secret file in the temporary folder), for files written
outside site/ and .cache/, and for docs/ being left byte-identical.
"""

from __future__ import annotations

import hashlib
import html
import logging
import os
import re
import subprocess
import sys
import time
import traceback
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

from articles.messages import MESSAGES
from sitebuild import ROOT, BuildResult, copy_site, run_build

HOSTILE = Path(__file__).resolve().parent / "hostile"
CASES: list[dict[str, Any]] = yaml.safe_load((HOSTILE / "cases.yaml").read_text(encoding="utf-8"))["cases"]
POSTS = "docs/blog/posts"
SEED = "2020-12-01-aligner-marketing-et-ventes.md"
MIN_COMMITTED_FILES = 40

# What must never reach site/: the machine's accounts and a secret kept next
# to the project, outside it.
PASSWD = Path("/etc/passwd")
PASSWD_MARK = "root:x:0:0"
SECRET_TOKEN = "JETON-SECRET-HORS-DU-PROJET-5c1e"
MARKER_PLACEHOLDER = b"@MARKER@"

SUBPROCESS_ENV = {"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "PYTHONIOENCODING": "utf-8"}


def build_of(case: dict[str, Any]) -> str:
    return case.get("build") or case["outcome"]


def cases_of(build: str) -> list[dict[str, Any]]:
    return [case for case in CASES if build_of(case) == build]


def case_id(case: dict[str, Any]) -> str:
    return case["file"]


# Generated cases ---------------------------------------------------------------------


@dataclass
class Outside:
    """A folder next to the project, outside it: the secret and the marker."""

    folder: Path

    @property
    def secret(self) -> Path:
        return self.folder / "secret.md"

    @property
    def marker(self) -> Path:
        # Created only if `!!python/object/apply:os.system` is ever executed.
        return self.folder / "python-object-execute"


def _huge_article(path: Path, outside: Outside) -> None:
    paragraph = ("Notre argumentaire s'appuie sur des chiffres vérifiés et sur les retours de nos clients. " * 10).strip() + "\n\n"
    count = 5_000_000 // len(paragraph.encode("utf-8")) + 1
    path.write_text(f"---\ntitle: Article de 5 Mo\ndate: 2021-07-01\n---\n\n{paragraph * count}FIN-DU-GROS-ARTICLE\n", encoding="utf-8")


def _ten_thousand_tags(path: Path, outside: Outside) -> None:
    tags = ", ".join(f"sujet {number}" for number in range(10_000))
    path.write_text(f"---\ntitle: Dix mille thèmes\ndate: 2021-07-02\ntags: [{tags}]\n---\n\nTexte.\n", encoding="utf-8")


def _long_title(path: Path, outside: Outside) -> None:
    title = ("Argumentaire " * 770)[:10_000]
    path.write_text(f"---\ntitle: {title}\ndate: 2021-07-03\n---\n\nTexte.\n", encoding="utf-8")


def _odd_file_name(path: Path, outside: Outside) -> None:
    path.write_text("---\ndate: 2021-07-14\n---\n\nLe titre vient du nom du fichier.\n", encoding="utf-8")


def _nested(depth: int, leaf: str = "") -> str:
    return "[" * depth + leaf + "]" * depth


def _nested_yaml_500(path: Path, outside: Outside) -> None:
    path.write_text(
        f"---\ntitle: Imbrication sur 500 niveaux\ndate: 2021-07-05\nprofondeur: {_nested(500)}\n---\n\nTexte.\n", encoding="utf-8"
    )


def _nested_toml_500(path: Path, outside: Outside) -> None:
    path.write_text(f'+++\ntitle = "Imbrication TOML"\ndate = 2021-07-06\nprofondeur = {_nested(500)}\n+++\n\nTexte.\n', encoding="utf-8")


def _nested_yaml_200(path: Path, outside: Outside) -> None:
    path.write_text(
        f"---\ntitle: Imbrication sur 200 niveaux\ndate: 2021-07-04\nprofondeur: {_nested(200)}\ntags: {_nested(200, 'Vente')}\n---\n\nTexte.\n",
        encoding="utf-8",
    )


def _symlink_to_passwd(path: Path, outside: Outside) -> None:
    os.symlink(PASSWD, path)


def _symlink_to_secret(path: Path, outside: Outside) -> None:
    outside.secret.write_text(f"---\ntitle: Document secret\ndate: 2021-03-05\n---\n\n{SECRET_TOKEN}\n", encoding="utf-8")
    os.symlink(outside.secret, path)


GENERATORS: dict[str, Callable[[Path, Outside], None]] = {
    "huge_article": _huge_article,
    "ten_thousand_tags": _ten_thousand_tags,
    "long_title": _long_title,
    "odd_file_name": _odd_file_name,
    "nested_yaml_500": _nested_yaml_500,
    "nested_toml_500": _nested_toml_500,
    "nested_yaml_200": _nested_yaml_200,
    "symlink_to_passwd": _symlink_to_passwd,
    "symlink_to_secret": _symlink_to_secret,
}


# Messages of the build ---------------------------------------------------------------


def _template_pattern(template: str) -> str:
    parts = re.split(r"\{\w+\}", template)
    return "(?s:.*?)".join(re.escape(part) for part in parts)


# Code -> pattern of the text the hook logs: "message" or "message (hint)".
_CODE_PATTERNS = {
    code: re.compile(_template_pattern(message) + (rf"(?: \({_template_pattern(hint)}\))?" if hint else ""), re.S)
    for code, (_, message, hint) in MESSAGES.items()
}
_LOCATION = re.compile(r"docs/blog/posts/(?P<file>[^\n]+?)(?::(?P<line>\d+))? : (?P<text>.+)", re.S)


def classify(text: str) -> str | None:
    """The message code of a text the hook wrote, or None."""
    matches = [code for code, pattern in _CODE_PATTERNS.items() if pattern.fullmatch(text)]
    if not matches:
        return None
    # The most specific template wins (most literal text).
    return max(matches, key=lambda code: len(re.sub(r"\{\w+\}", "", MESSAGES[code][1])))


@dataclass(frozen=True)
class Logged:
    file: str
    line: int | None
    code: str | None
    text: str


def hook_messages(messages: list[str]) -> list[Logged]:
    """Warnings (or infos) of the hook: one location and one message each."""
    found = []
    for message in messages:
        match = _LOCATION.search(message)
        if match:
            line = int(match["line"]) if match["line"] else None
            found.append(Logged(match["file"], line, classify(match["text"]), match["text"]))
    return found


def error_entries(text: str) -> list[Logged]:
    """The articles listed in the message that stops the build."""
    entries = []
    for line in text.splitlines():
        match = re.match(r"\s*- docs/blog/posts/(?P<file>.+?)(?::(?P<line>\d+))? : (?P<text>.+)$", line)
        if match:
            number = int(match["line"]) if match["line"] else None
            entries.append(Logged(match["file"], number, classify(match["text"]), match["text"]))
    return entries


# Builds -------------------------------------------------------------------------------


def _hash_file(path: Path) -> str:
    if path.is_symlink():
        target = os.readlink(path)
        content = hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else "dangling"
        return f"link:{target}:{content}"
    return hashlib.sha256(path.read_bytes()).hexdigest()


def snapshot(folder: Path, *, skip: tuple[str, ...] = ()) -> dict[str, str]:
    """Hash of every file under ``folder`` (links: their target and its content)."""
    hashes = {}
    for directory, dirnames, filenames in os.walk(folder):
        relative_dir = Path(directory).relative_to(folder)
        # Python's bytecode cache is written by any import of the hooks.
        dirnames[:] = [name for name in dirnames if (relative_dir / name).as_posix() not in skip and name != "__pycache__"]
        for name in filenames:
            path = Path(directory) / name
            hashes[(relative_dir / name).as_posix()] = _hash_file(path)
    return hashes


@dataclass
class Built:
    name: str
    project: Path
    outside: Outside
    result: BuildResult | None = None
    crash: str | None = None  # traceback of an exception that escaped an in-process build
    output: str | None = None  # subprocess output
    returncode: int | None = None
    seconds: float = 0.0
    docs_before: dict[str, str] = field(default_factory=dict)
    docs_after: dict[str, str] = field(default_factory=dict)
    tree_before: dict[str, str] = field(default_factory=dict)
    tree_after: dict[str, str] = field(default_factory=dict)
    outside_before: dict[str, str] = field(default_factory=dict)
    outside_after: dict[str, str] = field(default_factory=dict)

    @property
    def site(self) -> Path:
        return self.project / "site"

    @property
    def records(self) -> list[logging.LogRecord]:
        return self.result.records if self.result else []

    def messages(self, level: int, *, exactly: bool = False) -> list[str]:
        return [record.getMessage() for record in self.records if (record.levelno == level if exactly else record.levelno >= level)]

    def error_text(self) -> str:
        if self.output is not None:
            return self.output
        return "\n".join(self.messages(logging.ERROR))

    def reproduce(self) -> str:
        return f"to reproduce: cd {self.project} && NO_MKDOCS_2_WARNING=1 {sys.executable} -m mkdocs build"

    def require_result(self) -> None:
        if self.crash:
            pytest.fail(f"the {self.name} build raised:\n{self.crash}\n{self.reproduce()}")


def prepare(root: Path, build: str, *, only: str | None = None) -> tuple[Path, Outside]:
    outside = Outside(root / "hors-du-projet")
    outside.folder.mkdir(parents=True)
    project = copy_site(root / "projet")
    posts = project / POSTS
    for case in cases_of(build):
        if only is not None and case["file"] != only:
            continue
        target = posts / case["file"]
        if "generate" in case:
            GENERATORS[case["generate"]](target, outside)
        else:
            data = (HOSTILE / case["file"]).read_bytes()
            target.write_bytes(data.replace(MARKER_PLACEHOLDER, str(outside.marker).encode()))
    return project, outside


def _before(built: Built) -> None:
    built.docs_before = snapshot(built.project / "docs")
    built.tree_before = snapshot(built.project, skip=("site", ".cache"))
    built.outside_before = snapshot(built.outside.folder)


def _after(built: Built) -> None:
    built.docs_after = snapshot(built.project / "docs")
    built.tree_after = snapshot(built.project, skip=("site", ".cache"))
    built.outside_after = snapshot(built.outside.folder)


def build_in_process(root: Path, build: str, *, strict: bool) -> Built:
    project, outside = prepare(root, build)
    built = Built(build, project, outside)
    _before(built)
    start = time.perf_counter()
    try:
        built.result = run_build(project, strict=strict)
    except Exception:  # noqa: BLE001 - reported by the tests that need the build
        built.crash = traceback.format_exc()
    built.seconds = time.perf_counter() - start
    _after(built)
    return built


def build_subprocess(project: Path, outside: Outside, name: str, *, strict: bool) -> Built:
    built = Built(name, project, outside)
    _before(built)
    command = [sys.executable, "-m", "mkdocs", "build", *(["--strict"] if strict else [])]
    start = time.perf_counter()
    completed = subprocess.run(
        command, cwd=project, capture_output=True, encoding="utf-8", errors="replace", env=SUBPROCESS_ENV, timeout=120
    )
    built.seconds = time.perf_counter() - start
    built.output = completed.stdout + completed.stderr
    built.returncode = completed.returncode
    _after(built)
    return built


@pytest.fixture(scope="module")
def publish_build(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build_in_process(tmp_path_factory.mktemp("hostile-publish"), "publish", strict=False)


@pytest.fixture(scope="module")
def stop_build(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build_in_process(tmp_path_factory.mktemp("hostile-stop"), "stop", strict=True)


@pytest.fixture(scope="module")
def stop_subprocess(stop_build: Built) -> Built:
    # The same project, as a writer runs it: the output is what they read.
    return build_subprocess(stop_build.project, stop_build.outside, "stop (subprocess)", strict=True)


@pytest.fixture(scope="module")
def symlink_build(tmp_path_factory: pytest.TempPathFactory) -> Built:
    # Not strict: if the links are followed, the content reaches site/ and the
    # leak is visible instead of being hidden by an aborted build.
    return build_in_process(tmp_path_factory.mktemp("hostile-symlinks"), "symlinks", strict=False)


@pytest.fixture(scope="module")
def alone_builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Built]:
    built = {}
    for case in cases_of("alone"):
        project, outside = prepare(tmp_path_factory.mktemp("hostile-alone"), "alone", only=case["file"])
        built[case["file"]] = build_subprocess(project, outside, f"alone: {case['file']} (subprocess)", strict=case["outcome"] == "stop")
    return built


@pytest.fixture(scope="module")
def all_builds(
    publish_build: Built, stop_build: Built, stop_subprocess: Built, symlink_build: Built, alone_builds: dict[str, Built]
) -> list[Built]:
    return [publish_build, stop_build, stop_subprocess, symlink_build, *alone_builds.values()]


# The corpus ----------------------------------------------------------------------------


def test_corpus_is_described() -> None:
    files = sorted(path.name for path in HOSTILE.iterdir() if path.name != "cases.yaml")
    described = [case["file"] for case in CASES]
    assert len(described) == len(set(described)), "a file is described twice"
    committed = [case["file"] for case in CASES if "generate" not in case]
    assert sorted(committed) == files, "every corpus file, and only them, has a case in cases.yaml"
    assert len(files) >= MIN_COMMITTED_FILES
    for case in CASES:
        assert case["outcome"] in ("publish", "stop"), case
        assert build_of(case) in ("publish", "stop", "symlinks", "alone"), case
        assert case.get("why"), case
        if "generate" in case:
            assert case["generate"] in GENERATORS, case
        if case["outcome"] == "publish":
            assert case["url"].endswith("/") and ("title" in case or "title_max_length" in case), case
            assert case.get("warnings") == "any" or isinstance(case.get("warnings"), list), case
        else:
            assert case["errors"], case
        for problem in [*(case.get("errors") or []), *(case.get("warnings") if isinstance(case.get("warnings"), list) else [])]:
            assert problem.get("file_only") or problem["code"] in MESSAGES, problem


# Publishing cases -------------------------------------------------------------------------


def _warnings_of(built: Built, case: dict[str, Any]) -> Counter[tuple[str | None, int | None]]:
    """(code, line) of each warning the build logged for the case's file.

    Warnings of MkDocs or of a plugin that name the file count too, as
    ("other: <fragment>", None) when the case expects them in ``other_warnings``.
    """
    name = case["file"]
    found: Counter[tuple[str | None, int | None]] = Counter()
    for message in built.messages(logging.WARNING, exactly=True):
        logged = hook_messages([message])
        if logged and logged[0].file == name:
            found[(logged[0].code or f"? {logged[0].text[:80]}", logged[0].line)] += 1
        elif not logged and f"blog/posts/{name}" in message:
            fragment = next((fragment for fragment in case.get("other_warnings", []) if fragment in message), None)
            found[(f"other: {fragment}" if fragment else f"other: {message[:120]}", None)] += 1
    return found


def _expected(problems: list[dict[str, Any]], case: dict[str, Any] | None = None) -> Counter[tuple[str | None, int | None]]:
    expected: Counter[tuple[str | None, int | None]] = Counter()
    for problem in problems:
        expected[(problem["code"], problem.get("line"))] += problem.get("count", 1)
    for fragment in (case or {}).get("other_warnings", []):
        expected[(f"other: {fragment}", None)] += 1
    return expected


def _page(built: Built, case: dict[str, Any]) -> str:
    built.require_result()
    page = built.site / case["url"] / "index.html"
    published = sorted(path.parent.relative_to(built.site).as_posix() for path in built.site.glob("blog/20*/**/index.html"))
    assert page.is_file(), f"{case['file']}: no page at {case['url']}; post pages: {published}\n{built.reproduce()}"
    return page.read_text(encoding="utf-8")


def _check_published(built: Built, case: dict[str, Any]) -> None:
    built.require_result()
    name = case["file"]
    if built.result is not None:
        assert not built.result.aborted, "\n".join(built.messages(logging.ERROR)) + "\n" + built.reproduce()
    else:
        assert built.returncode == 0, built.output
    if case.get("held"):
        _check_held(built, case)
        return
    page = _page(built, case)
    text = html.unescape(page)
    if "title" in case:
        assert case["title"] in text, f"{name}: title {case['title']!r} not on its page"
    if "title_max_length" in case:
        heading = re.search(r"<h1[^>]*>(.*?)</h1>", page, re.S)
        assert heading, f"{name}: no <h1> on its page"
        title = html.unescape(re.sub(r"<[^>]+>", "", heading.group(1))).strip()
        assert 0 < len(title) <= case["title_max_length"], f"{name}: title of {len(title)} characters"
    if "tags" in case:
        shown = re.findall(r'class="md-tag">([^<]+)<', page)
        assert sorted(set(shown)) == sorted(case["tags"]), f"{name}: tags shown {shown}"
    for fragment in case.get("page_contains", []):
        assert fragment in page or fragment in text, f"{name}: {fragment!r} missing from its page"
    for fragment in case.get("page_excludes", []):
        assert fragment not in page, f"{name}: {fragment!r} is on its page: " + _context(page, fragment)
    if "max_normalised_bytes" in case:
        copy = built.project / ".cache/articles/blog/posts" / name
        size = copy.stat().st_size
        source = (built.project / POSTS / name).stat().st_size
        assert size <= case["max_normalised_bytes"], (
            f"{name}: the normalised copy is {size:,} bytes for a {source:,}-byte article "
            f"(×{size // max(source, 1)}): YAML aliases were expanded"
        )
    if built.result is not None and case.get("warnings") != "any":
        actual = _warnings_of(built, case)
        expected = _expected(case["warnings"], case)
        assert actual == expected, f"{name}: warnings (code, line) logged {dict(actual)}, expected {dict(expected)}"
    if built.result is not None and case.get("infos"):
        infos = Counter(
            (logged.code, logged.line) for logged in hook_messages(built.messages(logging.INFO, exactly=True)) if logged.file == name
        )
        for (code, line), count in _expected(case["infos"]).items():
            assert infos[(code, line)] >= count, f"{name}: no {code} at line {line} among the build's information {dict(infos)}"


def _check_held(built: Built, case: dict[str, Any]) -> None:
    """A case the build keeps off the site (a field says "do not publish", or
    says it unclearly): no page at its URL, and the expected warnings."""
    name = case["file"]
    assert not (built.site / case["url"]).exists(), f"{name}: published at {case['url']} although held\n{built.reproduce()}"
    if built.result is not None and case.get("warnings") != "any":
        actual = _warnings_of(built, case)
        expected = _expected(case["warnings"], case)
        assert actual == expected, f"{name}: warnings (code, line) logged {dict(actual)}, expected {dict(expected)}"


def _context(page: str, fragment: str, width: int = 100) -> str:
    index = page.find(fragment)
    return page[max(index - width, 0) : index + len(fragment) + width].replace("\n", " ")


@pytest.mark.parametrize("case", cases_of("publish"), ids=case_id)
def test_publish_case(publish_build: Built, case: dict[str, Any]) -> None:
    _check_published(publish_build, case)


def test_publish_build_warnings_are_all_expected(publish_build: Built) -> None:
    """Every warning of the publish build belongs to a case that expects it."""
    publish_build.require_result()
    names = {case["file"] for case in cases_of("publish")}
    stray = []
    for message in publish_build.messages(logging.WARNING, exactly=True):
        logged = hook_messages([message])
        if logged and logged[0].file in names:
            continue
        if any(f"blog/posts/{name}" in message for name in names):
            continue
        if any(f"blog/posts/{path.name}" in message for path in (ROOT / POSTS).iterdir()):
            continue  # the site's own articles: the seed's missing image is a writer's warning
        stray.append(message)
    assert stray == [], "warnings that name no case (or an unknown message):\n" + "\n".join(stray)


# Stopping cases ---------------------------------------------------------------------------


def _check_stopped(built: Built, case: dict[str, Any]) -> None:
    built.require_result()
    name = case["file"]
    if built.result is not None:
        assert built.result.aborted, f"{name}: the build did not stop\n{built.reproduce()}"
    else:
        assert built.returncode != 0, f"{name}: the build did not stop\n{built.output}"
    entries = [entry for entry in error_entries(built.error_text()) if entry.file == name]
    listing = "\n".join(f"  line {entry.line} [{entry.code}]: {entry.text}" for entry in entries) or "  (none)"
    assert len(entries) == len(case["errors"]), f"{name}: {len(entries)} errors listed, {len(case['errors'])} expected:\n{listing}"
    for expected in case["errors"]:
        if expected.get("file_only"):
            continue
        matching = [entry for entry in entries if entry.line == expected["line"] and entry.code == expected["code"]]
        assert matching, f"{name}: no {expected['code']} error at line {expected['line']}; listed:\n{listing}"
        assert any(expected["fragment"] in entry.text for entry in matching), (
            f"{name}: line {expected['line']} does not say {expected['fragment']!r}; listed:\n{listing}"
        )
    if built.result is not None and case.get("warnings", []) != "any":
        actual = _warnings_of(built, case)
        expected = _expected(case.get("warnings", []), case)
        assert actual == expected, f"{name}: warnings (code, line) logged {dict(actual)}, expected {dict(expected)}"


@pytest.mark.parametrize("case", cases_of("stop"), ids=case_id)
def test_stop_case(stop_build: Built, case: dict[str, Any]) -> None:
    _check_stopped(stop_build, case)


def test_stop_message_lists_exactly_the_stop_cases(stop_build: Built) -> None:
    stop_build.require_result()
    text = stop_build.error_text()
    entries = error_entries(text)
    assert {entry.file for entry in entries} == {case["file"] for case in cases_of("stop")}, text
    expected = sum(len(case["errors"]) for case in cases_of("stop"))
    assert f"{expected} problèmes empêchent la publication :" in text, text.splitlines()[:1]
    unknown = [entry for entry in entries if entry.code is None]
    assert unknown == [], f"messages that are not in articles/messages.py: {unknown}"


def test_stop_subprocess_lists_the_same_errors(stop_build: Built, stop_subprocess: Built) -> None:
    """`python -m mkdocs build --strict`, as a writer runs it: the same list of errors."""
    stop_build.require_result()
    output = stop_subprocess.output or ""
    assert stop_subprocess.returncode != 0, output
    assert "Traceback" not in output, _tail(output)
    in_process = sorted((entry.file, entry.line or 0, entry.text) for entry in error_entries(stop_build.error_text()))
    written = sorted((entry.file, entry.line or 0, entry.text) for entry in error_entries(output))
    assert written == in_process, output


def test_python_object_tag_is_never_executed(stop_build: Built, stop_subprocess: Built) -> None:
    assert not stop_build.outside.marker.exists(), "`!!python/object/apply:os.system` was executed"


# Symbolic links ---------------------------------------------------------------------------


@pytest.mark.parametrize("case", cases_of("symlinks"), ids=case_id)
def test_symlink_case(symlink_build: Built, case: dict[str, Any]) -> None:
    symlink_build.require_result()
    leaked = _leaks(symlink_build)
    assert symlink_build.result is not None
    assert symlink_build.result.aborted, (
        f"{case['file']}: a link to a file outside docs/ was followed and the build went on; "
        f"site/ files with its content: {leaked or '(none)'}\n{symlink_build.reproduce()}"
    )
    _check_stopped(symlink_build, case)


# Cases built alone ---------------------------------------------------------------------------


@pytest.mark.parametrize("case", cases_of("alone"), ids=case_id)
def test_alone_case(alone_builds: dict[str, Built], case: dict[str, Any]) -> None:
    built = alone_builds[case["file"]]
    assert "Traceback" not in (built.output or ""), f"{case['file']}: the build crashed:\n{_tail(built.output)}"
    if case["outcome"] == "publish":
        _check_published(built, case)
    else:
        _check_stopped(built, case)


def _tail(text: str | None, lines: int = 12) -> str:
    return "\n".join((text or "").splitlines()[-lines:])


# Every build --------------------------------------------------------------------------------


def test_no_traceback(all_builds: list[Built]) -> None:
    found = []
    for built in all_builds:
        if built.crash:
            found.append(f"{built.name}: exception escaped the build:\n{built.crash}")
        for record in built.records:
            text = record.getMessage()
            if "Traceback" in text or record.exc_info or record.exc_text:
                found.append(f"{built.name}: {record.levelname} {text[:300]}")
        if built.output and "Traceback" in built.output:
            found.append(f"{built.name}: output:\n{_tail(built.output)}")
    assert found == [], "\n\n".join(found)


def _leaks(built: Built) -> list[str]:
    marks = [SECRET_TOKEN.encode()]
    if PASSWD.is_file():
        marks.append(PASSWD_MARK.encode() if PASSWD_MARK in PASSWD.read_text(errors="replace") else PASSWD.read_bytes()[:40])
    leaked = []
    if built.site.is_dir():
        for path in built.site.rglob("*"):
            if path.is_file() and any(mark in path.read_bytes() for mark in marks):
                leaked.append(path.relative_to(built.site).as_posix())
    return sorted(leaked)


def test_no_file_outside_the_project_reaches_site(all_builds: list[Built]) -> None:
    leaks = {built.name: _leaks(built) for built in all_builds}
    assert all(not files for files in leaks.values()), f"/etc/passwd or the secret file read into site/: {leaks}"


def test_site_stays_inside_site(all_builds: list[Built]) -> None:
    """Slugs, authors and categories with `../` write nothing outside site/ and .cache/."""
    for built in all_builds:
        changed = {
            path for path in built.tree_before.keys() | built.tree_after.keys() if built.tree_before.get(path) != built.tree_after.get(path)
        }
        assert changed == set(), f"{built.name}: files written outside site/ and .cache/: {sorted(changed)}"
        assert built.outside_before == built.outside_after, f"{built.name}: files outside the project changed"
        if built.site.is_dir():
            links = [path for path in built.site.rglob("*") if path.is_symlink()]
            assert links == [], f"{built.name}: symbolic links in site/: {links}"


def test_docs_are_byte_identical(all_builds: list[Built]) -> None:
    for built in all_builds:
        assert built.docs_before, built.name
        changed = sorted(
            path for path in built.docs_before.keys() | built.docs_after.keys() if built.docs_before.get(path) != built.docs_after.get(path)
        )
        assert changed == [], f"{built.name}: files under docs/ changed: {changed}"


def test_builds_timing_report(all_builds: list[Built]) -> None:
    """Not a limit: the durations, shown with -rA or on failure."""
    report = ", ".join(f"{built.name} {built.seconds:.1f} s" for built in all_builds)
    # Reported, not asserted: timing is no test on a shared machine (the
    # guards against runaway input are the timeouts of test_core_time_is_bounded).
    print(f"\nbuild durations: {report}")


# The core on inputs too big for a build ----------------------------------------------------

_BOUNDED_SCRIPT = r"""
import resource, sys, time
resource.setrlimit(resource.RLIMIT_AS, (1536 << 20, 1536 << 20))
from articles import normalize_article
text = sys.stdin.read()
start = time.process_time()
article = normalize_article("blog/posts/borne.md", text)
if sys.argv[1] == "copy":
    article.to_markdown()
print(f"{time.process_time() - start:.2f}")
"""


def _bomb(key: str, levels: int = 9, width: int = 9) -> str:
    lines = ["---", "titre: Bombe", "publication: 2021-01-01", 'z0: &a0 "lol"']
    for level in range(1, levels + 1):
        lines.append(f"z{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * width) + "]")
    lines += [f"{key}: *a{levels}", "---", "", "Texte.", ""]
    return "\n".join(lines)


_FRONT = "---\ntitle: Borne\ndate: 2021-01-01\n---\n\n"
BOUNDED_INPUTS = {
    "20,000 unclosed « ![ » on one line (40 KB)": (_FRONT + "![" * 20_000 + "\n", "normalize"),
    "20,000 unclosed « [ » on one line (20 KB)": (_FRONT + "[" * 20_000 + "\n", "normalize"),
    "billion laughs under « auteurs »": (_bomb("auteurs"), "normalize"),
    "billion laughs under « durée de lecture »": (_bomb("durée de lecture"), "normalize"),
    "billion laughs under « brouillon »": (_bomb("brouillon"), "normalize"),
    "billion laughs under « tags »": (_bomb("tags"), "normalize"),
    "billion laughs under an unknown key, normalised copy written": (_bomb("lol"), "copy"),
    "5 MB article, normalised copy written": (_FRONT + ("Un paragraphe de texte ordinaire. " * 30 + "\n\n") * 5000, "copy"),
}
# The core does each input in well under a second: only runaway behaviour
# (catastrophic backtracking, expanded aliases) reaches this timeout, a
# hundred times the normal time.
WALL_SECONDS = 60.0


def test_core_time_is_bounded() -> None:
    """Inputs a few kilobytes long must be normalised without runaway time or memory.

    Each input runs in its own process (1.5 GB address-space limit), all at
    once, and is stopped after WALL_SECONDS: a hang costs that, not the suite.
    """
    processes = {}
    for name, (text, mode) in BOUNDED_INPUTS.items():
        process = subprocess.Popen(
            [sys.executable, "-c", _BOUNDED_SCRIPT, mode],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            encoding="utf-8",
            errors="replace",
            env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        )
        process.stdin.write(text)
        process.stdin.close()
        processes[name] = process
    deadline = time.monotonic() + WALL_SECONDS
    failures = []
    for name, process in processes.items():
        try:
            process.wait(timeout=max(deadline - time.monotonic(), 0.1))
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
            failures.append(f"{name}: not finished after {WALL_SECONDS:.0f} s")
            continue
        err = process.stderr.read()
        if process.returncode != 0:
            last = err.strip().splitlines()[-1] if err.strip() else f"exit {process.returncode}"
            failures.append(f"{name}: {last}")
    assert failures == [], "\n".join(failures)
