"""The writers' command-line tool, run as writers run it, on a copy of the site."""

from __future__ import annotations

import datetime as dt
import filecmp
import logging
import re
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
        'titre : "pourquoi choisir notre offre ?"\n'
        "publié le : 1er mars 2022   # date du salon\n"
        "auteurs : Amelie et Paul Martin\n"
        'mots-clés : "IA; intelligence artificielle ; Vente"\n'
        "temps de lecture : 4 min.\n"
        "campagne: printemps-2022\n"
        "---\n\n"
        "Un premier paragraphe.\n\n"
        '! [Le stand] (img/stand.jpg "Notre stand")\n\n'
        "```python\n! [pas une image] (code.jpg)\n```\n"
    ),
    "toml-simple.md": (
        "+++\n"
        "# Article importé de l'ancien blog\n"
        'title = "Réussir un salon"\n'
        "date = 2021-06-15\n"
        'tags = ["événementiel", "Salons"]\n'
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
    assert f'{path}:13: info: l\'image « ! [Le stand] (img/stand.jpg "Notre stand") »' in out
    assert f"{path}:13: avertissement: l'image « img/stand.jpg » est introuvable" in out
    assert f"{path}:5: avertissement: l'auteur « Paul Martin » n'est pas dans la liste des auteurs" in out
    assert "    conseil : ajoutez-le dans docs/blog/.authors.yml" in out
    assert f"{POSTS}/2023-01-10-sans-en-tete.md: info: la date 2023-01-10 est prise dans le nom du fichier" in out
    assert "pas une image" not in out, "code blocks are never repaired"
    assert out.rstrip().endswith("avertissements.")


def test_check_tells_each_image_problem_once_as_the_build_does(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pixels = "iVBORw0KGgo" + "A" * 400
    (project / POSTS / "google-docs.md").write_text(
        "---\ntitre: Export\ndate: 2026-11-26\n---\n\n![][image1]\n\n![Logo](data:image/png;base64,AAAA)\n\n"
        f"![x](javascript:alert(1))\n\n[image1]: <data:image/png;base64,{pixels}>\n",
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "check", f"{POSTS}/google-docs.md")
    assert code == 0, out
    lines = sorted((line for line in out.splitlines() if ": avertissement: " in line), key=lambda line: int(line.split(":")[1]))
    assert len(lines) == 3, out
    assert lines[0].startswith(f"{POSTS}/google-docs.md:6: avertissement: l'image « image1 » est collée dans le texte lui-même")
    assert lines[1].startswith(f"{POSTS}/google-docs.md:8: avertissement: l'image « Logo » est collée dans le texte lui-même")
    assert lines[2].startswith(f"{POSTS}/google-docs.md:10: avertissement: l'image « javascript:alert(1) » pointe hors du site")
    assert "AAAAAAAAAA" not in out, "the image's bytes are never printed"


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
    assert f"--- a/{POSTS}/alias-et-commentaires.md" in out and '+titre: "pourquoi choisir notre offre ?"' in out
    code, _, err = run(capsys, "fix", "--write", str(path))
    assert code == 0, err
    fixed = path.read_text(encoding="utf-8")
    # ruamel keeps each comment in its column. Field names are the guide's;
    # the title stays as typed.
    fixed = re.sub(r"(date: 2022-03-01) +#", r"\1 #", fixed)
    assert fixed == (
        "---\n"
        "# Relu par l'équipe marketing\n"
        'titre: "pourquoi choisir notre offre ?"\n'
        "date: 2022-03-01 # date du salon\n"
        "auteurs:\n"
        "  - amelie\n"
        "  - Paul Martin\n"
        "thèmes:\n"
        "  - IA\n"
        "  - Vente\n"
        "durée de lecture: 4\n"
        "slug: pourquoi-choisir-notre-offre\n"
        "campagne: printemps-2022\n"
        "---\n\n"
        "Un premier paragraphe.\n\n"
        '![Le stand](img/stand.jpg "Notre stand")\n\n'
        "```python\n! [pas une image] (code.jpg)\n```\n"
    )
    # Idempotent: a second run changes nothing.
    code, out, err = run(capsys, "fix", "--write", str(path))
    assert code == 0 and out == "" and "0 article corrigé" in err
    assert re.sub(r"(date: 2022-03-01) +#", r"\1 #", path.read_text(encoding="utf-8")) == fixed


def test_fix_saves_the_images_pasted_into_the_text_as_files(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from test_pasted_images import PNG, address

    path = project / POSTS / "google-docs.md"
    path.write_text(f"---\ntitre: Export\ndate: 2026-11-26\n---\n\n![][image1]\n\n[image1]: <{address(PNG)}>\n", encoding="utf-8")
    image = project / POSTS / "img/google-docs-image1.png"
    code, out, err = run(capsys, "fix", str(path))
    assert code == 0 and not image.exists(), "without --write nothing is written"
    assert "+[image1]: img/google-docs-image1.png" in out
    assert f"l'image « image1 » collée dans le texte serait enregistrée dans {POSTS}/img/google-docs-image1.png" in out
    code, out, err = run(capsys, "fix", "--write", str(path))
    assert code == 0, err
    assert image.read_bytes() == PNG and image.stat().st_mode & 0o044 == 0o044, "readable as any file the writer adds"
    assert path.read_text(encoding="utf-8").endswith("[image1]: img/google-docs-image1.png\n")
    code, out, _ = run(capsys, "check", str(path))
    assert code == 0 and ": avertissement:" not in out, out
    assert run(capsys, "fix", "--write", str(path))[0] == 0 and sorted(image.parent.iterdir()) == [image], "nothing more the second time"


def test_fix_keeps_toml_comments_and_windows_line_endings(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    toml = project / POSTS / "toml-simple.md"
    crlf = project / POSTS / "fin-de-ligne-windows.md"
    crlf.write_bytes(b"---\r\ntitle: Fins de ligne\r\ndate: 2022-02-02\r\n---\r\n\r\nTexte.\r\n")
    assert run(capsys, "fix", "--write", str(toml), str(crlf))[0] == 0
    assert toml.read_text(encoding="utf-8").startswith(
        "---\n# Article importé de l'ancien blog\ntitre: Réussir un salon\ndate: 2021-06-15\n"
    )
    assert crlf.read_bytes().endswith(b"---\r\n\r\nTexte.\r\n") and b"\n" not in crlf.read_bytes().replace(b"\r\n", b"")


def test_fix_refuses_unparsable_files(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = project / POSTS / "casse.md"
    original = b'---\ntitre: "jamais ferm\xc3\xa9\ndate: 2022-01-01\n---\nTexte\n'
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
    assert f"date: {today}\n" in text and "auteur: amelie\n" in text and "slug: preparer-un-rendez-vous-la-check-list\n" in text
    # The guide's field names, as `fix` writes them.
    assert "titre: " in text and "rubrique: " in text and "thèmes: " in text and "résumé: " in text
    assert run(capsys, "new", "Préparer un rendez-vous : la check-list")[0] == 2, "never overwrites"
    # The skeleton passes the check (warnings only: empty tags and category).
    assert run(capsys, "check", str(created))[0] == 0


def test_help_is_french(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("utilisation : ") and "afficher cette aide et quitter" in out
    assert main(["inconnue"]) == 2 and "erreur :" in capsys.readouterr().err


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


# Which files are articles, folders ----------------------------------------------------------------

NOT_PUBLISHED = "n'est ni un article ni une image ou une pièce jointe acceptée ; il n'est pas publié"


def test_check_accepts_folders_recursively(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / POSTS / "2024" / "mars").mkdir(parents=True)
    (project / POSTS / "2024" / "mars" / "rangé.md").write_text("---\ntitre: Rangé\ndate: 2024-03-01\n---\nTexte\n", encoding="utf-8")
    every = len(list((project / POSTS).rglob("*.md")))
    for given in [f"{POSTS}/", POSTS, "docs/blog", "docs", ".", str(project), f"{POSTS}/2024"]:
        code, out, _ = run(capsys, "check", given)
        expected = 1 if given == f"{POSTS}/2024" else every
        assert f"{expected} article{'s' if expected > 1 else ''} vérifié" in out.splitlines()[-1], (given, out)
        assert code == 0, out
    code, out, _ = run(capsys, "check")
    assert f"{every} articles vérifiés" in out


def test_check_explains_paths_outside_the_posts_folder(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", "docs/assets", "docs/index.md", "mkdocs.yml", "absent/", f"{POSTS}/absent.md")
    assert code == 1
    assert "docs/assets: erreur: ce dossier ne contient pas d'articles ; les articles sont dans docs/blog/posts/" in out
    assert "docs/index.md: erreur: ce n'est pas un article : les articles sont les fichiers .md du dossier docs/blog/posts/" in out
    assert "mkdocs.yml: erreur: ce n'est pas un article" in out
    assert "absent/: erreur: fichier introuvable" in out and f"{POSTS}/absent.md: erreur: fichier introuvable" in out
    assert out.splitlines()[-1] == "0 article vérifié : 5 erreurs, 0 avertissement."


def test_check_and_build_agree_on_what_is_an_article(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    posts = project / POSTS
    (posts / "ancien.markdown").write_text("---\ntitle: Ancien\ndate: 2019-05-02\n---\nTexte\n", encoding="utf-8")
    for name in ["mon-article.md.txt", "page.html", "logo.svg", "outil.exe", "LISEZMOI"]:
        (posts / name).write_bytes(b"x")
    (posts / "img").mkdir(exist_ok=True)
    (posts / "img" / "photo.png").write_bytes(b"\x89PNG")
    (posts / "guide.pdf").write_bytes(b"%PDF")
    code, out, _ = run(capsys, "check", "--format", "texte")
    assert code == 0, out
    assert f"{POSTS}/ancien.markdown" not in out, "a .markdown file is a clean article"
    for name in ["mon-article.md.txt", "page.html", "logo.svg", "outil.exe", "LISEZMOI"]:
        assert f"{POSTS}/{name}: avertissement: le fichier « {name} » {NOT_PUBLISHED}" in out, out
    assert "photo.png" not in out and "guide.pdf" not in out
    assert "renommez par exemple « mon-article.md.txt » en « mon-article.md »" in out
    code, out, _ = run(capsys, "check", f"{POSTS}/ancien.markdown", f"{POSTS}/page.html")
    assert "2 articles vérifiés" not in out and "1 article vérifié : 0 erreur, 1 avertissement." in out
    assert run(capsys, "check", "--strict", f"{POSTS}/logo.svg")[0] == 1


def test_check_and_build_name_the_same_lines_for_removed_markup(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # A TOML header, and a body the normalisation repairs (the image): the
    # lines are the writer's own, in the check as in the build's log.
    (project / POSTS / "relance.md").write_text(
        '+++\ntitle = "Relancer <b>sans</b> lourdeur"\ndate = "2026-02-14"\n+++\n\n'
        "Bonjour,\n\n![capture] (capture.png)\n\nModèle : <script>alert('x')</script>\n\n"
        "[CRM](javascript:alert(1))\n",
        encoding="utf-8",
    )
    pattern = re.compile(rf"{POSTS}/relance\.md:(\d+) ?: (?:avertissement: )?« (.*?) » n'est pas permis")
    _, out, _ = run(capsys, "check", "--format", "texte", f"{POSTS}/relance.md")
    checked = [(int(line), markup) for line, markup in pattern.findall(out)]
    assert [line for line, _ in checked] == [10, 12], out
    result = run_build(project, strict=False)
    built = [(int(line), markup) for line, markup in pattern.findall("\n".join(result.messages()))]
    assert built == checked, result.reproduce()


def test_check_skips_what_exclude_docs_keeps_off_the_site(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # "_…" files are the guide's way to keep notes beside the posts: the build never reads them.
    posts = project / POSTS
    (posts / "_notes.md").write_text("---\ntitre: Notes\ndate: 2024-02-30\n---\nEn cours.\n", encoding="utf-8")
    (posts / "brouillons").mkdir()
    (posts / "brouillons" / "_idee.md").write_text("---\n: illisible\n", encoding="utf-8")
    code, out, _ = run(capsys, "check")
    assert "_notes.md" not in out and "_idee.md" not in out, out
    code, out, _ = run(capsys, "check", f"{POSTS}/_notes.md")
    assert code == 0 and f"{POSTS}/_notes.md: info: ce fichier n'est jamais publié (il correspond à exclude_docs" in out, out
    assert "0 article vérifié" in out
    result = run_build(project)
    assert not result.aborted, result.reproduce()
    assert not [message for message in result.messages() if "_notes" in message or "_idee" in message]


def test_links_out_of_docs_are_errors_as_in_the_build(project: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    elsewhere = tmp_path / "ailleurs"
    elsewhere.mkdir()
    (elsewhere / "secret.md").write_text("---\ntitle: Secret\ndate: 2021-03-05\n---\n\nJETON-SECRET-42\n", encoding="utf-8")
    (project / POSTS / "lien.md").symlink_to(elsewhere / "secret.md")
    (project / POSTS / "partage").symlink_to(elsewhere)
    code, out, _ = run(capsys, "check")
    assert code == 1
    assert f"{POSTS}/lien.md: erreur: ce fichier mène, par un lien, à {elsewhere / 'secret.md'}, hors du dossier docs/" in out, out
    assert f"{POSTS}/partage: erreur: ce dossier mène, par un lien, à {elsewhere}, hors du dossier docs/" in out, out
    assert "JETON-SECRET-42" not in out
    result = run_build(project)
    assert result.aborted, result.reproduce()
    stopped = "\n".join(result.messages(logging.ERROR))
    for name in ("lien.md", "partage/secret.md"):
        assert f"{POSTS}/{name} : ce fichier mène, par un lien, à {elsewhere / 'secret.md'}, hors du dossier docs/" in stopped, stopped
    assert not result.site.exists() or not any(b"JETON-SECRET-42" in path.read_bytes() for path in result.site.rglob("*") if path.is_file())


def test_unreadable_and_odd_files_are_reported(project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    posts = project / POSTS
    (posts / "boucle.md").symlink_to("boucle.md")
    (posts / "cassé.md").symlink_to("nulle-part.md")
    (posts / "dossier.md").mkdir()
    (posts / "verrouillé.md").write_text("---\ntitle: V\ndate: 2024-01-01\n---\n", encoding="utf-8")
    original = Path.read_bytes

    def refuse(self: Path) -> bytes:  # chmod 000 means nothing to root, who runs CI containers
        if self.name == "verrouillé.md":
            raise PermissionError(13, "Permission denied", str(self))
        return original(self)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    code, out, _ = run(capsys, "check")
    assert code == 1
    assert f"{POSTS}/boucle.md: erreur: le fichier ne peut pas être lu (lien symbolique qui tourne en boucle)" in out
    assert f"{POSTS}/verrouillé.md: erreur: le fichier ne peut pas être lu (permission refusée)" in out
    code, out, _ = run(capsys, "check", f"{POSTS}/cassé.md", f"{POSTS}/dossier.md")
    assert f"{POSTS}/cassé.md: erreur: lien symbolique cassé" in out
    assert out.splitlines()[-1] == "0 article vérifié : 1 erreur, 0 avertissement."
    code, _, err = run(capsys, "fix", "--write", f"{POSTS}/verrouillé.md")
    assert code == 1 and "permission refusée" in err


# French everywhere, argument errors included ------------------------------------------------------

ENGLISH = [
    "usage:",
    "error:",
    "the following",
    "required",
    "invalid",
    "unrecognized",
    "expected",
    "choose from",
    "ambiguous",
    "not allowed",
    "ignored explicit",
    "show this help",
    "positional",
    "optional arguments",
    "Traceback",
    "utilisation : utilisation",
    "corrigers",
    "{check,fix",
]


def assert_french(text: str) -> None:
    for fragment in ENGLISH:
        assert fragment not in text, f"{fragment!r} in:\n{text}"


ARGUMENT_ERRORS = {
    # command line -> what the French message says
    (): "indiquez une commande : check, fix, new ou summary",
    ("chek",): "« chek » n'est pas une commande ; vouliez-vous dire « check » ?",
    ("fixe",): "vouliez-vous dire « fix » ?",
    ("sumary",): "vouliez-vous dire « summary » ?",
    ("nouveau",): "« nouveau » n'est pas une commande (commandes : check, fix, new, summary)",
    ("--strict", "check"): "option ou argument inconnu : --strict",
    ("--version",): "indiquez une commande",
    ("check", "--format"): "option --format : il manque la valeur de cette option",
    ("check", "--format", "xml"): "option --format : valeur inconnue 'xml' (valeurs possibles : 'texte', 'github')",
    ("check", "--strict=oui"): "option --strict : cette option ne prend pas de valeur ('oui')",
    ("check", "--ecrire"): "option ou argument inconnu : --ecrire",
    ("fix", "--writ", "--bogus"): "option ou argument inconnu : --bogus",
    ("fix", "--write=1"): "option --write : cette option ne prend pas de valeur ('1')",
    ("new",): "argument obligatoire manquant : TITRE",
    ("new", "Titre", "en trop"): "option ou argument inconnu : en trop",
    ("new", "Titre", "--auteur"): "option --auteur : il manque la valeur de cette option",
    ("new", "--titre", "x"): "option ou argument inconnu : --titre",
    ("summary", "-x"): "option ou argument inconnu : -x",
}


@pytest.mark.parametrize("argv", list(ARGUMENT_ERRORS), ids=[" ".join(key) or "(rien)" for key in ARGUMENT_ERRORS])
def test_argument_errors_are_french(project: Path, capsys: pytest.CaptureFixture[str], argv: tuple[str, ...]) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert_french(err)
    lines = err.splitlines()
    assert lines[0].startswith("utilisation : python -m articles"), err
    message = next(line for line in lines if line.startswith("erreur : "))
    assert ARGUMENT_ERRORS[argv] in message, err
    assert lines[-1].startswith("(aide : python -m articles") and lines[-1].endswith(" --help)")


@pytest.mark.parametrize("command", ["", "check", "fix", "new", "summary"])
@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_help_of_each_command_is_french(capsys: pytest.CaptureFixture[str], command: str, flag: str) -> None:
    code, out, err = run(capsys, *([command] if command else []), flag)
    assert code == 0 and err == ""
    assert_french(out)
    assert out.startswith(f"utilisation : python -m articles {command}".rstrip() + " [-h]"), out
    assert out.count("utilisation :") == 1
    assert "afficher cette aide et quitter" in out and "\noptions:\n" in out
    if command in ("check", "fix", "summary"):
        assert "CHEMIN" in out and "\narguments:\n" in out


def test_fix_counts_in_french(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "fix", f"{POSTS}/alias-et-commentaires.md", f"{POSTS}/toml-simple.md")
    assert code == 0 and err.splitlines()[-1] == "2 articles à corriger."
    _, _, err = run(capsys, "fix", f"{POSTS}/alias-et-commentaires.md")
    assert err.splitlines()[-1] == "1 article à corriger."
    _, _, err = run(capsys, "fix", "--write", f"{POSTS}/alias-et-commentaires.md", f"{POSTS}/toml-simple.md")
    assert err.splitlines()[-1] == "2 articles corrigés."


def test_no_site_and_broken_site_files(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, "check")
    assert code == 2 and "lancez cette commande dans le dossier du site" in err
    (tmp_path / "mkdocs.yml").write_text("site_name: [x\n", encoding="utf-8")
    code, _, err = run(capsys, "check")
    assert code == 2 and err == "erreur : mkdocs.yml est illisible ; vérifiez ce fichier (mkdocs build en donne le détail)\n"
    (tmp_path / "mkdocs.yml").write_text("- une liste\n", encoding="utf-8")
    assert run(capsys, "summary")[0] == 2
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nplugins: [blog]\n", encoding="utf-8")
    (tmp_path / "docs" / "blog").mkdir(parents=True)
    (tmp_path / "docs" / "blog" / ".authors.yml").write_text("authors: [\n", encoding="utf-8")
    code, _, err = run(capsys, "check")
    # The detail in brackets is PyYAML's, in English (articles/site.py).
    assert code == 1 and "la liste des auteurs est illisible" in err


# The pull request's summary ------------------------------------------------------------------------


def test_summary_marks_errors_warnings_and_clean_articles(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    posts = project / POSTS
    (posts / "propre.md").write_text("---\ntitle: Propre\ndate: 2024-01-01\nauteur: amelie\ntags: [Vente]\n---\nTexte\n", encoding="utf-8")
    (posts / "avertie.md").write_text("---\ntitle: Avertie\ndate: 2024-01-01\ntags: [Nouveau thème]\n---\nTexte\n", encoding="utf-8")
    (posts / "fautive.md").write_text("---\ntitle: Fautive\ndate: 31/02/2024\ntags: [Autre thème]\n---\nTexte\n", encoding="utf-8")
    code, out, _ = run(capsys, "summary", *(f"{POSTS}/{name}.md" for name in ["propre", "avertie", "fautive"]), "docs/index.md")
    assert code == 0
    rows = {line.split(" | ")[0]: line for line in out.splitlines() if line.startswith("| docs/")}
    assert rows[f"| {POSTS}/propre.md"].endswith("| ✅ |")
    warned = rows[f"| {POSTS}/avertie.md"]
    assert "⚠️ le thème « Nouveau thème »" in warned and "❌" not in warned
    failed = rows[f"| {POSTS}/fautive.md"]
    assert "❌ la date « 31/02/2024 » n'existe pas" in failed and "⚠️ le thème « Autre thème »" in failed
    assert failed.index("❌") < failed.index("⚠️") or "<br>⚠️" in failed
    assert "ℹ️ docs/index.md : ce n'est pas un article" in out, "a guide page is mentioned, not failed"


def test_summary_cells_cannot_break_the_table_or_inject_html(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / POSTS / "piège.md").write_text(
        "---\n"
        'title: "Prix | 100 € <img src=x onerror=alert(1)> [lien](https://x.example) **gras**"\n'
        "date: 2024-01-01\n"
        'tags: ["a|b", "<script>", "x\\n| --- |"]\n'
        "---\nTexte\n",
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "summary", f"{POSTS}/piège.md")
    row = next(line for line in out.splitlines() if line.startswith("| docs/"))
    cells = re.split(r"(?<!\\)\|", row)[1:-1]
    assert len(cells) == 5, row
    assert "<img" not in out and "<script" not in out
    assert "&lt;img src=x onerror=alert(1)&gt;" in cells[1]
    assert "\\[lien\\](https://x.example) \\*\\*gras\\*\\*" in cells[1]
    assert "a\\|b" in cells[3] and "&lt;script&gt;" in cells[3]


# GitHub Actions: no line can start a workflow command ------------------------------------------------

PAYLOADS = ["\n::error ::faux", "::stop-commands::jeton", "\r::warning ::x", "##[error]legacy", "  ::add-mask::x", "%0A::error::y"]


def _assert_inert(text: str) -> None:
    """Every line either is one of the tool's annotations, well formed, or
    cannot be read as a workflow command (GitHub's runner trims leading
    spaces and reads ``##[`` anywhere)."""
    for line in text.split("\n"):
        assert "\r" not in line, repr(line)
        if re.match(r"::(error|warning|notice) file=[^,:]+(,line=\d+)?,title=Article %3A [a-z]+::", line):
            data = line.split("::", 2)[2]
            assert "##[" not in data and "\r" not in data
            continue
        assert not line.lstrip().startswith("::"), repr(line)
        assert "##[" not in line, repr(line)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_github_output_cannot_start_workflow_commands(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, payload: str
) -> None:
    quoted = payload.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r").replace('"', '\\"')
    posts = project / POSTS
    (posts / "piège.md").write_text(
        "---\n"
        f'title: "Titre {quoted}"\n'
        "date: 2024-01-01\n"
        f'tags: ["{quoted}"]\n'
        f'auteur: "{quoted}"\n'
        f'"{quoted}": 1\n'
        f'"{quoted}": 2\n'
        f'image: "{quoted}.jpg"\n'
        "---\n"
        f"![{quoted}]({payload.strip().replace(' ', '')}.png)\n\n{payload}\n",
        encoding="utf-8",
    )
    odd_name = "::error ::nom.md" if "\n" in payload else payload.strip().replace("/", "") + ".md"
    (posts / odd_name).write_text("---\ndate: 2024-01-01\n---\n", encoding="utf-8")
    (posts / f"{odd_name}.txt").write_bytes(b"x")
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    for argv in (
        ["check", "--details"],
        ["check", "--format", "github", f"{POSTS}/piège.md", payload, f"{POSTS}/{payload}"],
        ["check", "--format", "texte"],
        ["fix"],
        ["summary", f"{POSTS}/piège.md", payload],
        ["new", payload],
        ["new", "Un titre", "--auteur", payload],
        [payload],
        ["check", payload + "--x", "--format", payload],
    ):
        code, out, err = run(capsys, *argv)
        assert code in (0, 1, 2)
        _assert_inert(out)
        _assert_inert(err)
    code, out, _ = run(capsys, "check", "--format", "github")
    assert any(line.startswith("::warning file=docs/blog/posts/") for line in out.splitlines())


def test_annotation_escapes_data_and_properties() -> None:
    from articles.cli import escape_data, escape_property

    assert escape_data("100 %\r\nx::y") == "100 %25%0D%0Ax::y"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    assert "##[" not in escape_data("##[error]x")
