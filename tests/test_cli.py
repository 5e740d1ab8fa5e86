"""The writers' command-line tool, run as writers run it, on a copy of the site."""

from __future__ import annotations

import datetime as dt
import re
import filecmp
import subprocess
import sys
from pathlib import Path

import pytest

from articles.cli import main
from sitebuild import copy_site, run_build

POSTS = "docs/blog/posts"

MESSY = {
    # A French front matter with a comment, an unknown key and stray spaces.
    "alias-et-commentaires.md": (
        "---\n"
        "# Relu par l'équipe marketing\n"
        "titre : \"pourquoi choisir notre offre ?\"\n"
        "publié le : 1er mars 2022   # date du salon\n"
        "auteurs : Amelie et Paul Martin\n"
        "mots-clés : \"IA; intelligence artificielle ; Vente\"\n"
        "temps de lecture : 4 min.\n"
        "campagne: printemps-2022\n"
        "---\n\n"
        "Un premier paragraphe.\n\n"
        "! [Le stand] (img/stand.jpg \"Notre stand\")\n\n"
        "```python\n! [pas une image] (code.jpg)\n```\n"
    ),
    "toml-simple.md": (
        "+++\n"
        "# Article importé de l'ancien blog\n"
        "title = \"Réussir un salon\"\n"
        "date = 2021-06-15\n"
        "tags = [\"événementiel\", \"Salons\"]\n"
        "+++\n\n"
        "Texte du salon.\n"
    ),
    "2023-01-10-sans-en-tete.md": "# Un article sans en-tête\n\nTexte.\n",
}


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    site = copy_site(tmp_path / "site")
    for name, text in MESSY.items():
        (site / POSTS / name).write_text(text, encoding="utf-8")
    monkeypatch.chdir(site)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    return site


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_check_reports_problems_on_their_lines(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", "--details")
    assert code == 0, out
    path = f"{POSTS}/alias-et-commentaires.md"
    assert f"{path}:3: info: le champ « titre » est compris comme « title »" in out
    assert f"{path}:13: info: l'image « ! [Le stand] (img/stand.jpg \"Notre stand\") »" in out
    assert f"{path}:13: avertissement: l'image « img/stand.jpg » est introuvable" in out
    assert f"{path}:5: avertissement: l'auteur « Paul Martin » n'est pas dans la liste des auteurs" in out
    assert "    conseil : ajoutez-le dans docs/blog/.authors.yml" in out
    assert f"{POSTS}/2023-01-10-sans-en-tete.md: info: la date 2023-01-10 est prise dans le nom du fichier" in out
    assert "pas une image" not in out, "code blocks are never repaired"
    assert out.rstrip().endswith("avertissements.")


def test_check_exit_codes(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "check")[0] == 0, "warnings alone exit 0"
    assert run(capsys, "check", "--strict")[0] == 1, "--strict makes warnings count"
    (project / POSTS / "date-impossible.md").write_text("---\ntitre: X\ndate: 31/04/2022\n---\nTexte\n", encoding="utf-8")
    code, out, _ = run(capsys, "check", f"{POSTS}/date-impossible.md")
    assert code == 1
    assert f"{POSTS}/date-impossible.md:3: erreur: la date « 31/04/2022 » n'existe pas dans le calendrier" in out
    assert "1 article vérifié : 1 erreur, 0 avertissement." in out
    code, out, _ = run(capsys, "check", "docs/index.md", "introuvable.md")
    assert code == 1
    assert "docs/index.md: erreur: ce n'est pas un article" in out and "introuvable.md: erreur: fichier introuvable" in out


def test_check_github_annotations(project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    _, out, _ = run(capsys, "check", f"{POSTS}/alias-et-commentaires.md")
    annotations = [line for line in out.splitlines() if line.startswith("::")]
    assert (
        f"::warning file={POSTS}/alias-et-commentaires.md,line=13,title=Article %3A avertissement::"
        "l'image « img/stand.jpg » est introuvable ; un cadre neutre est affiché à sa place"
        "%0A→ ajoutez le fichier image à côté de l'article, ou corrigez son chemin"
    ) in annotations
    assert all("\n" not in line for line in annotations)
    _, out, _ = run(capsys, "check", "--format", "texte")
    assert "::" not in out.replace(" :: ", "")


def test_fix_shows_diff_then_writes_canonical_version(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = project / POSTS / "alias-et-commentaires.md"
    before = path.read_bytes()
    code, out, err = run(capsys, "fix", str(path))
    assert code == 0 and path.read_bytes() == before, "without --write nothing is written"
    assert f"--- a/{POSTS}/alias-et-commentaires.md" in out and "+title: \"Pourquoi choisir notre offre ?\"" in out
    code, _, err = run(capsys, "fix", "--write", str(path))
    assert code == 0, err
    fixed = path.read_text(encoding="utf-8")
    # ruamel keeps each comment in its column.
    fixed = re.sub(r"(date: 2022-03-01) +#", r"\1 #", fixed)
    assert fixed == (
        "---\n"
        "# Relu par l'équipe marketing\n"
        "title: \"Pourquoi choisir notre offre ?\"\n"
        "date: 2022-03-01 # date du salon\n"
        "authors:\n"
        "  - amelie\n"
        "  - Paul Martin\n"
        "tags:\n"
        "  - IA\n"
        "  - Vente\n"
        "readtime: 4\n"
        "slug: pourquoi-choisir-notre-offre\n"
        "campagne: printemps-2022\n"
        "---\n\n"
        "Un premier paragraphe.\n\n"
        "![Le stand](img/stand.jpg \"Notre stand\")\n\n"
        "```python\n! [pas une image] (code.jpg)\n```\n"
    )
    # Idempotent: a second run changes nothing.
    code, out, err = run(capsys, "fix", "--write", str(path))
    assert code == 0 and out == "" and "0 article corrigé" in err
    assert re.sub(r"(date: 2022-03-01) +#", r"\1 #", path.read_text(encoding="utf-8")) == fixed


def test_fix_keeps_toml_comments_and_windows_line_endings(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    toml = project / POSTS / "toml-simple.md"
    crlf = project / POSTS / "fin-de-ligne-windows.md"
    crlf.write_bytes(b"---\r\ntitle: Fins de ligne\r\ndate: 2022-02-02\r\n---\r\n\r\nTexte.\r\n")
    assert run(capsys, "fix", "--write", str(toml), str(crlf))[0] == 0
    assert toml.read_text(encoding="utf-8").startswith("---\n# Article importé de l'ancien blog\ntitle: Réussir un salon\ndate: 2021-06-15\n")
    assert crlf.read_bytes().endswith(b"---\r\n\r\nTexte.\r\n") and b"\n" not in crlf.read_bytes().replace(b"\r\n", b"")


def test_fix_refuses_unparsable_files(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = project / POSTS / "casse.md"
    original = b"---\ntitre: \"jamais ferm\xc3\xa9\ndate: 2022-01-01\n---\nTexte\n"
    broken.write_bytes(original)
    code, _, err = run(capsys, "fix", "--write", str(broken))
    assert code == 1
    assert "casse.md: non corrigé : l'article contient des erreurs" in err
    assert broken.read_bytes() == original
    assert not list(broken.parent.glob(".casse.md.*")), "no temporary file left behind"


def test_new_creates_skeleton(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    subprocess.run(["git", "config", "user.name", "amelie"], cwd=project, check=True)
    code, out, _ = run(capsys, "new", "Préparer un rendez-vous : la check-list")
    today = dt.date.today().isoformat()
    created = project / POSTS / f"{today}-preparer-un-rendez-vous-la-check-list.md"
    assert code == 0 and created.exists(), out
    text = created.read_text(encoding="utf-8")
    assert f"date: {today}\n" in text and "  - amelie\n" in text and "slug: preparer-un-rendez-vous-la-check-list\n" in text
    assert run(capsys, "new", "Préparer un rendez-vous : la check-list")[0] == 2, "never overwrites"
    # The skeleton passes the check (warnings only: empty tags and category).
    assert run(capsys, "check", str(created))[0] == 0


def test_help_is_french(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert out.startswith("utilisation : ") and "afficher cette aide et quitter" in out
    with pytest.raises(SystemExit) as exit_info:
        main(["inconnue"])
    assert exit_info.value.code == 2 and "erreur :" in capsys.readouterr().err


def test_module_entry_point(project: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "articles", "check"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "vérifiés" in result.stdout


def test_fix_write_keeps_the_built_site_identical(
    project: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The canonical form means the same thing: same pages, same metadata."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # feeds carry the build date
    before = run_build(project, strict=False)
    assert not before.aborted, before.reproduce()
    saved = tmp_path / "before"
    before.site.rename(saved)
    assert run(capsys, "fix", "--write")[0] == 0
    after = run_build(project, strict=False)
    assert not after.aborted, after.reproduce()
    comparison = filecmp.dircmp(saved, after.site)
    differences = _differences(comparison)
    assert differences == [], f"{differences}\n{after.reproduce()}"


def _differences(comparison: filecmp.dircmp[str], prefix: str = "") -> list[str]:
    found = [f"{prefix}{name}" for name in comparison.diff_files + comparison.left_only + comparison.right_only]
    for name, sub in comparison.subdirs.items():
        found += _differences(sub, f"{prefix}{name}/")
    return found
