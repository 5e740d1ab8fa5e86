"""Fuzzing the writers' command-line tool: ``check``, ``fix --write`` and
``summary`` on the inputs the core's fuzzing generates (tests/test_fuzz.py,
tests/test_core_properties.py), plus hostile file names and payloads aimed
at GitHub's workflow commands.

For every input: an exit code of 0, 1 or 2, no exception, no « erreur
inattendue », every line French-shaped, and no line that GitHub's runner
could read as a workflow command. Then a few runs of ``python -m articles``
as a writer runs it, on files no editor should produce, looking for a
traceback.

Examples per test: 40 with hypothesis' "ci" profile (tests/conftest.py),
200 inputs in all, 20 elsewhere; each input runs the three commands on a
small site (about 0.15 s of CPU). ``pytest --hypothesis-profile=ci`` runs
the CI count; raise FUZZ's max_examples for a longer hunt.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_cli import ENGLISH, _assert_inert
from test_core_properties import as_toml as core_toml
from test_core_properties import as_yaml as core_yaml
from test_core_properties import bodies as core_bodies
from test_core_properties import front_matter as core_front_matter
from test_fuzz import PATHS, written_article, yaml_article

from articles.cli import main

ROOT = Path(__file__).resolve().parent.parent
FULL = settings.get_current_profile_name() == "ci"
FUZZ = settings(
    max_examples=40 if FULL else 20,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
)
RUNS: Counter[str] = Counter()

# What a line of the tool's output looks like, in French.
LINE_SHAPES = [
    re.compile(r".+: (erreur|avertissement|info): .+"),
    re.compile(r"    conseil : .+"),
    re.compile(r"\d+ articles? vérifiés? : \d+ erreurs?, \d+ avertissements?\."),
    re.compile(r"::(error|warning|notice) file=.+"),
]
PAYLOADS = [
    "\n::error ::faux",
    "::stop-commands::jeton",
    "\r\n::warning file=x::y",
    "##[error]ancien",
    "%0A::error::z",
    "\x1b[31mrouge",
    "| --- |",
    "<script>alert(1)</script>",
    "\u2028::error ::ls",
    "\x85::notice ::nel",
]
HOSTILE_PATHS = PATHS + [
    "blog/posts/::error ::nom.md",
    "blog/posts/ligne\n::error ::x.md",
    "blog/posts/##[error]y.md",
    "blog/posts/a|b <i>.markdown",
]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small site: the real configuration, authors and taxonomy, one clean article."""
    root = tmp_path_factory.mktemp("cli-fuzz")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    blog = root / "docs" / "blog"
    (blog / "posts").mkdir(parents=True)
    shutil.copy(ROOT / "docs" / "blog" / ".authors.yml", blog / ".authors.yml")
    shutil.copy(ROOT / "docs" / "taxonomy.yml", root / "docs" / "taxonomy.yml")
    return root


SEED = "---\ntitle: Article de référence\ndate: 2024-01-01\nauteur: amelie\ntags: [Vente]\n---\nTexte.\n"


@contextlib.contextmanager
def inside(site: Path) -> Iterator[None]:
    previous = Path.cwd()
    os.chdir(site)
    try:
        yield
    finally:
        os.chdir(previous)


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


def exercise(site: Path, path: str, content: str | bytes, kind: str) -> None:
    """Write the article (docs-relative ``path``) beside a clean one, then run
    check (GitHub format), fix --write and summary on a fresh copy."""
    posts = site / "docs" / "blog" / "posts"
    shutil.rmtree(posts)
    posts.mkdir()
    (posts / "reference.md").write_text(SEED, encoding="utf-8")
    target = site / "docs" / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(content.encode("utf-8", "surrogatepass") if isinstance(content, str) else content)
    given = target.relative_to(site).as_posix()
    with inside(site):
        for argv in (["check", "--format", "github", "--details"], ["fix", "--write", given], ["summary", given]):
            code, out, err = run(*argv)
            where = f"{argv} on {kind} {path!r}: {content!r}"[:2000]
            assert code in (0, 1, 2), where
            assert "erreur inattendue" not in err and "Traceback" not in out + err, f"{where}\n{err}"
            _assert_inert(out)
            _assert_inert(err)
            if argv[0] == "check":
                for line in out.splitlines():
                    assert any(shape.fullmatch(line) for shape in LINE_SHAPES), f"{where}\n{line!r}"
            for fragment in ("usage:", "error:", "Traceback", "corrigers"):
                assert fragment not in err, f"{where}\n{err}"
    RUNS[kind] += 1


@given(yaml_article())
@FUZZ
def test_cli_on_structured_yaml(site: Path, article: tuple[str, str]) -> None:
    exercise(site, *article, "yaml")


@given(written_article())
@FUZZ
def test_cli_on_hand_written_and_toml(site: Path, article: tuple[str, str]) -> None:
    exercise(site, *article, "written")


@given(core_front_matter(), core_bodies, st.booleans(), st.sampled_from(PATHS))
@FUZZ
def test_cli_on_core_property_articles(site: Path, front, body, toml: bool, path: str) -> None:
    data, _ = front
    text = (core_toml(data)[0] if toml else core_yaml(data)) + body[0]
    exercise(site, path, text, "core")


@given(st.one_of(st.text(max_size=400), st.binary(max_size=400)), st.sampled_from(PATHS))
@FUZZ
def test_cli_on_raw_input(site: Path, raw: str | bytes, path: str) -> None:
    exercise(site, path, raw, "raw")


payload_text = st.lists(st.one_of(st.sampled_from(PAYLOADS), st.text(max_size=8)), min_size=1, max_size=4).map("".join)
payload_front = st.dictionaries(
    st.one_of(st.sampled_from(["title", "tags", "auteur", "catégories", "description", "image", "slug", "thèmes"]), payload_text),
    st.one_of(payload_text, st.lists(payload_text, max_size=3)),
    min_size=1,
    max_size=6,
)


@given(payload_front, payload_text, st.sampled_from(HOSTILE_PATHS))
@FUZZ
def test_cli_on_workflow_command_payloads(site: Path, data: dict[str, object], body: str, path: str) -> None:
    data.setdefault("date", "2024-01-01")
    text = "---\n" + yaml.safe_dump(data, allow_unicode=True, width=10**6) + "---\n" + body + "\n"
    exercise(site, path, text, "payload")


def test_payload_in_arguments(site: Path) -> None:
    """Command-line arguments are writer data too (file names from git)."""
    with inside(site):
        for payload in PAYLOADS:
            for argv in (
                ["check", payload],
                ["check", "--format", payload],
                [payload],
                ["summary", payload],
                ["fix", payload],
                ["new", "--auteur", payload, "--x"],
            ):
                code, out, err = run(*argv)
                assert code in (0, 1, 2), argv
                assert "erreur inattendue" not in err, argv
                _assert_inert(out)
                _assert_inert(err)


# As a writer runs it -------------------------------------------------------------------------------


def _python_m_articles(site: Path, *argv: str | bytes) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "articles", *argv],
        cwd=site,
        capture_output=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT), "GITHUB_ACTIONS": "true"},
    )


def test_nasty_files_never_give_a_traceback(site: Path) -> None:
    posts = site / "docs" / "blog" / "posts"
    shutil.rmtree(posts)
    posts.mkdir()
    (posts / "reference.md").write_text(SEED, encoding="utf-8")
    (posts / "binaire.md").write_bytes(bytes(range(256)) * 4)
    (posts / "dossier.md").mkdir()
    (posts / "dossier.md" / "dedans.md").write_text("---\ndate: 2024-01-01\n---\n", encoding="utf-8")
    (posts / "vide.md").write_bytes(b"")
    (posts / "fermé.md").write_text(SEED, encoding="utf-8")
    (posts / "fermé.md").chmod(0)  # unreadable, except for root
    (posts / "boucle.md").symlink_to("boucle.md")
    (posts / "cassé.md").symlink_to("absent.md")
    (posts / "lien-parent").symlink_to(posts)
    os.mkfifo(posts / "tube.md")
    latin1 = os.fsencode(posts) + b"/r\xe9sum\xe9.md"  # a file name that is not UTF-8
    with open(latin1, "wb") as stream:
        stream.write(b"---\ntitle: R\xe9sum\xe9\ndate: 2024-01-01\n---\nCaf\xe9\n")
    try:
        runs = [
            ("check",),
            ("check", "docs/blog/posts/"),
            ("check", "."),
            ("fix",),
            ("fix", "--write"),
            (
                "summary",
                "docs/blog/posts/binaire.md",
                "docs/blog/posts/fermé.md",
                "docs/blog/posts/boucle.md",
                "docs/blog/posts/dossier.md",
                "docs/blog/posts/tube.md",
                b"docs/blog/posts/r\xe9sum\xe9.md",
            ),
            ("check", b"docs/blog/posts/r\xe9sum\xe9.md", "docs/blog/posts/tube.md", "docs/blog/posts/lien-parent"),
            ("new", "\udce9t\udce9"),
            ("check", "--format"),
        ]
        for argv in runs:
            result = _python_m_articles(site, *argv)
            output = (result.stdout + result.stderr).decode("utf-8", "replace")
            assert result.returncode in (0, 1, 2), f"{argv}: {output}"
            assert "Traceback" not in output and "erreur inattendue" not in output, f"{argv}: {output}"
            for fragment in ENGLISH:
                assert fragment not in output, f"{argv}: {output}"
            _assert_inert(output)
    finally:
        (posts / "fermé.md").chmod(0o644)
        os.unlink(latin1)
        shutil.rmtree(posts)
        posts.mkdir()


@pytest.fixture(scope="module", autouse=True)
def _report_runs() -> Iterator[None]:
    yield
    print(f"\ncli fuzz: {sum(RUNS.values())} inputs, each through check, fix --write and summary ({dict(RUNS)})")
