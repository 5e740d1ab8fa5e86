"""One verdict for writers: what `python -m articles check` accepts, the
pull-request build and the deploy build publish; what it refuses, they refuse.

The build commands are read from the workflow files themselves, so this test
runs exactly what GitHub runs. Writers' warnings (unknown author, new topic
or rubrique, missing image, unresolved link, file not published...) never
abort a build; a defect of the site itself (the project's pages, templates)
still does.
"""

from __future__ import annotations

import importlib.util
import logging
import os
import re
import shlex
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitebuild import ROOT, copy_site

WORKFLOWS = ROOT / ".github" / "workflows"
VENV_BIN = Path(sys.executable).parent
POSTS = "docs/blog/posts"


@dataclass(frozen=True)
class BuildStep:
    workflow: str
    name: str
    script: str
    env: tuple[tuple[str, str], ...] = ()

    @property
    def site_dir(self) -> str:
        found = re.search(r"(?:--site-dir|-d)[ =](\S+)", self.script)
        return found.group(1).rstrip("/") if found else "site"


def build_steps() -> list[BuildStep]:
    """Every step of the workflows whose script runs `mkdocs build`."""
    found = []
    for path in sorted(WORKFLOWS.glob("*.y*ml")):
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        for job in (document.get("jobs") or {}).values():
            for step in job.get("steps") or []:
                script = step.get("run") if isinstance(step, dict) else None
                if isinstance(script, str) and re.search(r"\bmkdocs\s+build\b", script):
                    env = {**(document.get("env") or {}), **(job.get("env") or {}), **(step.get("env") or {})}
                    found.append(
                        BuildStep(path.name, str(step.get("name")), script, tuple(sorted((str(k), str(v)) for k, v in env.items())))
                    )
    return found


def distinct_steps() -> list[BuildStep]:
    unique = {(step.script, step.env): step for step in build_steps()}
    return [unique[key] for key in sorted(unique)]


def deploy_step() -> BuildStep:
    (step,) = [step for step in build_steps() if step.workflow == "deploy.yml"]
    return step


@dataclass
class Run:
    project: Path
    command: str
    returncode: int
    output: str
    site_dir: str = "site"

    def page(self, url: str) -> Path | None:
        """A built page by its address (``blog/x/``), in either URL style."""
        site = self.project / self.site_dir
        for candidate in (site / url / "index.html", site / (url.rstrip("/") + ".html")):
            if candidate.is_file():
                return candidate
        return None

    def reproduce(self) -> str:
        return f"to reproduce: cd {shlex.quote(str(self.project))} && {self.command.strip()}\n{self.output[-4000:]}"


def run_step(project: Path, step: BuildStep) -> Run:
    """The workflow step's script, with its environment, run by bash as
    GitHub runs it, in ``project``. Expressions (``${{ ... }}``) only set
    SITE_URL, given a value here."""
    env = {**os.environ, "PATH": f"{VENV_BIN}{os.pathsep}{os.environ.get('PATH', '')}", "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1"}
    env.pop("GITHUB_ACTIONS", None)
    env.update((name, value) for name, value in step.env if "${{" not in value)
    env["SITE_URL"] = "https://entreprise.github.io/base-de-connaissances/"
    done = subprocess.run(["bash", "-eo", "pipefail", "-c", step.script], cwd=project, env=env, capture_output=True, text=True, timeout=600)
    command = " ".join(f"{name}={shlex.quote(value)}" for name, value in step.env if "${{" not in value)
    return Run(project, f"{command} {step.script}".strip(), done.returncode, done.stdout + done.stderr, step.site_dir)


def run_check(project: Path, *paths: str) -> Run:
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("GITHUB_ACTIONS", None)
    command = [sys.executable, "-m", "articles", "check", *paths]
    done = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, timeout=300)
    return Run(project, shlex.join(command), done.returncode, done.stdout + done.stderr)


# English words MkDocs or Material use in their warnings, never in the core's French ones.
ENGLISH_WARNING = re.compile(
    r"Doc file|contains a link|not found among|unrecognized relative link|"
    r"absolute link|does not contain an anchor|no such anchor",
    re.I,
)


def warning_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith("WARNING")]


# --- The workflows ----------------------------------------------------------


def test_both_workflows_build_the_site() -> None:
    steps = build_steps()
    assert {step.workflow for step in steps} >= {"pull-request.yml", "deploy.yml"}, steps


# --- Writers' warnings publish; site defects do not --------------------------

MESSY = {
    "2024-03-15-inconnu.md": """---
titre: Un article d'un inconnu
date: 15/03/2024
auteur: Personne Totalement Inconnue
rubrique: Rubrique Toute Neuve
thèmes: Thème Tout Neuf
---

Premier paragraphe avec un [lien par nom](aligner-marketing-et-ventes)
et un [lien cassé](nulle-part.md), puis une [ancre absente](2020-12-01-aligner-marketing-et-ventes.md#pas-de-section).

![Photo absente](img/absente.png)

Voir [le guide](publier-un-article), [l'adresse](/blog/2020/12/01/comment-aligner-le-marketing-et-les-ventes/)
et [la page](../index.md).

{% include publicite.html %}

{{< youtube dQw4w9WgXcQ >}}
""",
    "2024-04-02-deuxieme.md": """---
title: Deuxième article
date: 2024-04-02
---

Suite de [l'article de mars](2024-03-15-inconnu.md) et [un autre](/blog/posts/introuvable.md).
""",
    "note.md.txt": "---\ntitle: Oublié\ndate: 2024-01-01\n---\n\nTexte.\n",
    "dessin.svg": '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>\n',
}


@pytest.fixture(scope="module")
def messy_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_site(tmp_path_factory.mktemp("verdict") / "site")
    for name, text in MESSY.items():
        (project / POSTS / name).write_text(text, encoding="utf-8")
    return project


@pytest.fixture(scope="module", params=distinct_steps(), ids=lambda step: f"{step.workflow}:{step.name}")
def messy_build(request: pytest.FixtureRequest, messy_project: Path, tmp_path_factory: pytest.TempPathFactory) -> Run:
    import shutil

    project = tmp_path_factory.mktemp("verdict-build") / "site"
    shutil.copytree(messy_project, project)
    return run_step(project, request.param)


def test_writers_warnings_never_abort_the_workflows_build(messy_build: Run) -> None:
    assert messy_build.returncode == 0, messy_build.reproduce()


def test_every_article_is_published(messy_build: Run) -> None:
    for url in (
        "blog/2024/03/15/un-article-d-un-inconnu/",
        "blog/2024/04/02/deuxieme-article/",
        "blog/2020/12/01/comment-aligner-le-marketing-et-les-ventes/",
    ):
        assert messy_build.page(url) is not None, f"{url} missing\n{messy_build.reproduce()}"


def test_links_by_file_name_address_and_guide_reach_their_pages(messy_build: Run) -> None:
    built = messy_build.page("blog/2024/03/15/un-article-d-un-inconnu/")
    assert built is not None, messy_build.reproduce()
    page = built.read_text(encoding="utf-8")
    links = dict((text, href) for href, text in re.findall(r'<a href="([^"]*)">([^<]*)</a>', page))
    target = "2020/12/01/comment-aligner-le-marketing-et-les-ventes"
    assert target in links.get("lien par nom", ""), (links, messy_build.reproduce())
    assert target in links.get("l'adresse", links.get("l&#39;adresse", "")), links
    assert "guide/publier-un-article" in links.get("le guide", ""), links
    assert links.get("lien cassé") == "nulle-part.md"  # left as written


def test_files_that_are_not_articles_are_not_published(messy_build: Run) -> None:
    site = messy_build.project / messy_build.site_dir
    published = {path.name for path in site.rglob("*")}
    assert "note.md.txt" not in published and "dessin.svg" not in published, messy_build.reproduce()


@pytest.mark.parametrize(
    "where, words",
    [
        ("inconnu.md:4 ", "l'auteur « Personne Totalement Inconnue »"),
        ("inconnu.md:5 ", "la rubrique « Rubrique Toute Neuve »"),
        ("inconnu.md:6 ", "le thème « Thème Tout Neuf »"),
        ("inconnu.md:10 ", "le lien « nulle-part.md »"),
        ("inconnu.md:10 ", "« #pas-de-section »"),
        ("inconnu.md:12 ", "l'image « img/absente.png »"),
        ("inconnu.md:17 ", "« {% include publicite.html %} »"),
        ("inconnu.md:19 ", "« {{< youtube dQw4w9WgXcQ >}} »"),
        ("deuxieme.md:6 ", "le lien « /blog/posts/introuvable.md »"),
        ("note.md.txt ", "le fichier « note.md.txt »"),
        ("dessin.svg ", "le fichier « dessin.svg »"),
    ],
)
def test_french_warning_on_the_right_line(messy_build: Run, where: str, words: str) -> None:
    lines = [line for line in warning_lines(messy_build.output) if where in line and words in line]
    assert len(lines) == 1, f"{where}{words}\n{messy_build.reproduce()}"


def test_no_english_warning_about_a_post(messy_build: Run) -> None:
    english = [line for line in warning_lines(messy_build.output) if ENGLISH_WARNING.search(line)]
    assert not english, messy_build.reproduce()


def test_check_reports_the_same_warnings_and_no_error(messy_project: Path) -> None:
    result = run_check(messy_project)
    assert result.returncode == 0, result.reproduce()
    lines = result.output.splitlines()
    for where, words in [
        ("inconnu.md:4", "Personne Totalement Inconnue"),
        ("inconnu.md:10", "« nulle-part.md »"),
        ("inconnu.md:12", "img/absente.png"),
        ("inconnu.md:17", "{% include publicite.html %}"),
        ("inconnu.md:19", "youtube"),
        ("deuxieme.md:6", "/blog/posts/introuvable.md"),
    ]:
        assert any(where in line and words in line for line in lines), f"{where} {words}\n{result.reproduce()}"
    # Links that resolve (by name, address, guide page) are not reported.
    assert not [line for line in lines if "lien" in line and ("aligner-marketing" in line or "publier-un-article" in line)]


@pytest.mark.parametrize("defect", ["project_page_link", "template"])
def test_site_defects_still_fail_the_deploy(tmp_path: Path, defect: str) -> None:
    project = copy_site(tmp_path / "site")
    if defect == "project_page_link":
        with (project / "docs/index.md").open("a", encoding="utf-8") as page:
            page.write("\n\nVoir [une page disparue](page-disparue.md).\n")
    else:
        (project / "overrides/main.html").write_text(
            '{% extends "base.html" %}\n{% block content %}{{ oups(}}{% endblock %}\n', encoding="utf-8"
        )
    result = run_step(project, deploy_step())
    assert result.returncode != 0, result.reproduce()
    cause = "page-disparue.md" if defect == "project_page_link" else "oups"
    assert cause in result.output, result.reproduce()


def test_the_site_as_it_is_builds(tmp_path: Path) -> None:
    # Without it, the defects above would fail for another reason.
    result = run_step(copy_site(tmp_path / "site"), deploy_step())
    assert result.returncode == 0, result.reproduce()


# --- The one place that uses MkDocs internals ---------------------------------


def _writer_warnings_hook():
    spec = importlib.util.spec_from_file_location("writer_warnings_under_test", ROOT / "hooks" / "writer_warnings.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


def test_mkdocs_version_is_the_one_the_hook_was_tested_with() -> None:
    import mkdocs

    hook = _writer_warnings_hook()
    assert mkdocs.__version__.startswith(hook.TESTED_MKDOCS), (
        f"MkDocs {mkdocs.__version__}: hooks/writer_warnings.py relies on MkDocs {hook.TESTED_MKDOCS}x internals "
        "(the strict-mode CountHandler and the text of link warnings); check them, then update TESTED_MKDOCS"
    )


def test_strict_counter_missing_is_a_clear_error() -> None:
    from mkdocs.exceptions import PluginError
    from mkdocs.utils import CountHandler

    hook = _writer_warnings_hook()
    logger = logging.getLogger("verdict-test-empty")
    with pytest.raises(PluginError, match="strict-mode warning counter"):
        hook.install_counter_filter(logger)
    counter = CountHandler()
    counter.setLevel(logging.WARNING)
    logger.addHandler(counter)
    try:
        assert hook.install_counter_filter(logger) == 1
        logger.warning("pour un rédacteur", extra=hook.WRITER)
        assert counter.get_counts() == []
        logger.warning("défaut du site")
        assert counter.get_counts() == [("WARNING", 1)]
    finally:
        logger.removeHandler(counter)


# --- Property: check has an error <=> the deploy build refuses the article -------

_FRONT = st.fixed_dictionaries(
    {
        "date": st.sampled_from(["15/03/2024", "2024-03-15", "1er mars 2022", "32/13/2024", "", "demain", "2019-02-30"]),
        "author": st.sampled_from(["", "Amelie", "Quelqu'un d'Inconnu"]),
        "tags": st.sampled_from(["", "Vente, Prospection", "Sujet Inédit", "#Marketing #Tendances"]),
        "category": st.sampled_from(["", "Méthodes", "Rubrique Inédite"]),
        "header": st.sampled_from(["ok", "ok", "ok", "unclosed", "bad_yaml"]),
    }
)
_BODY_PARTS = st.lists(
    st.sampled_from(
        [
            "Un paragraphe simple.",
            "[lien](aligner-marketing-et-ventes)",
            "[cassé](nulle-part.md)",
            "![image](img/absente.png)",
            "{% include x.html %}",
            "[ancre](2020-12-01-aligner-marketing-et-ventes.md#zzz)",
            "[guide](publier-un-article#liens)",
            "`code [x](y.md)`",
            "{{< youtube abc >}}",
            "[adresse](/blog/2099/01/01/rien/)",
            "## Une section",
            "- une liste",
            "> une citation",
        ]
    ),
    min_size=1,
    max_size=6,
)


def _article_text(front: dict[str, str], parts: list[str]) -> str:
    lines = ["titre: Article généré"]
    for key, value in (("date", front["date"]), ("auteur", front["author"]), ("thèmes", front["tags"]), ("rubrique", front["category"])):
        if value:
            lines.append(f"{key}: {value}")
    if front["header"] == "bad_yaml":
        lines.append("résumé: [non fermé")
    closing = "" if front["header"] == "unclosed" else "---\n"
    return "---\n" + "\n".join(lines) + "\n" + closing + "\n" + "\n\n".join(parts) + "\n"


@settings(max_examples=15, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(front=_FRONT, parts=_BODY_PARTS)
def test_check_error_iff_deploy_refuses(front: dict[str, str], parts: list[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        project = copy_site(Path(folder) / "site")
        name = "article-genere.md"
        (project / POSTS / name).write_text(_article_text(front, parts), encoding="utf-8")
        check = run_check(project, f"{POSTS}/{name}")
        build = run_step(project, deploy_step())
        check_error = check.returncode != 0
        assert check_error == (build.returncode != 0), f"check:\n{check.reproduce()}\nbuild:\n{build.reproduce()}"
        if not check_error:
            assert not [line for line in warning_lines(build.output) if ENGLISH_WARNING.search(line)], build.reproduce()
