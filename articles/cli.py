"""The writers' command-line tool: ``python -m articles check|fix|new|summary``.

An adapter over the normalisation core, like the MkDocs hooks: it never
implements a rule of its own. Everything it prints is in French.
"""

from __future__ import annotations

import argparse
import datetime as dt
import difflib
import os
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from articles import frontmatter
from articles.normalize import Article, normalize_collection
from articles.problems import Problem, Severity
from articles.rewrite import RewriteError, canonical_text
from articles.site import Site, find_root, load_site
from articles.slugs import slugify

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


class _FrenchHelpFormatter(argparse.RawDescriptionHelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):  # type: ignore[no-untyped-def]
        return super().add_usage(usage, actions, groups, prefix or "utilisation : ")


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        kwargs.setdefault("formatter_class", _FrenchHelpFormatter)
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)
        self._positionals.title = "arguments"
        self._optionals.title = "options"
        self.add_argument("-h", "--help", action="help", help="afficher cette aide et quitter")

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"erreur : {message}\n(aide : {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="python -m articles",
        description="Vérifier, corriger et créer les articles de la base de connaissances.",
        epilog="Exemples :\n  python -m articles check\n  python -m articles fix --write docs/blog/posts/mon-article.md\n"
        "  python -m articles new \"Comment préparer un rendez-vous client\"",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMANDE", parser_class=_Parser)
    commands.required = True

    check = commands.add_parser("check", help="signaler ce qui ne va pas dans les articles",
                                description="Affiche chaque problème sous la forme « fichier:ligne: niveau: message ». "
                                "Le code de sortie est 1 s'il y a une erreur (ou un avertissement avec --strict).")
    check.add_argument("paths", nargs="*", metavar="FICHIER", help="articles à vérifier (par défaut : tous)")
    check.add_argument("--strict", action="store_true", help="les avertissements comptent comme des erreurs")
    check.add_argument("--format", choices=("texte", "github"), default=None,
                       help="« github » ajoute des annotations de pull request (automatique dans GitHub Actions)")
    check.add_argument("--details", action="store_true", help="afficher aussi ce qui a été compris (niveau info)")

    fix = commands.add_parser("fix", help="mettre les articles au propre (montre les changements)",
                              description="Montre, sous forme de différences, la version au propre de chaque article. "
                              "Avec --write, enregistre cette version.")
    fix.add_argument("paths", nargs="*", metavar="FICHIER", help="articles à corriger (par défaut : tous)")
    fix.add_argument("--write", action="store_true", help="enregistrer les corrections dans les fichiers")

    new = commands.add_parser("new", help="créer un nouvel article",
                              description="Crée un article prêt à remplir, daté d'aujourd'hui.")
    new.add_argument("title", metavar="TITRE", help="titre de l'article, entre guillemets")
    new.add_argument("--auteur", dest="author", default=None, help="auteur (par défaut : votre nom dans git)")

    summary = commands.add_parser("summary", help="résumé Markdown des articles (pour GitHub)",
                                  description="Écrit un tableau Markdown des articles donnés : titre, date, thèmes, avertissements.")
    summary.add_argument("paths", nargs="*", metavar="FICHIER", help="articles ajoutés ou modifiés")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    root = find_root(Path.cwd())
    if root is None:
        print("erreur : lancez cette commande dans le dossier du site (celui qui contient mkdocs.yml)", file=sys.stderr)
        return EXIT_USAGE
    site = load_site(root)
    handler = {"check": _check, "fix": _fix, "new": _new, "summary": _summary}[args.command]
    return handler(site, args)


# Commands --------------------------------------------------------------------


def _check(site: Site, args: argparse.Namespace) -> int:
    selected, articles, bad_paths = _load(site, args.paths)
    github = args.format == "github" or (args.format is None and os.environ.get("GITHUB_ACTIONS") == "true")
    shown = [Severity.ERROR, Severity.WARNING] + ([Severity.INFO] if args.details else [])
    counts = {Severity.ERROR: len(bad_paths), Severity.WARNING: 0}
    for message in bad_paths:
        print(message)
    for article in articles:
        if article.path not in selected:
            continue
        for problem in article.problems:
            if problem.severity not in shown:
                continue
            counts[problem.severity] = counts.get(problem.severity, 0) + 1
            path = selected[article.path]
            print(_text_line(problem, path))
            if github:
                print(_annotation(problem, path))
    errors, warnings = counts[Severity.ERROR], counts[Severity.WARNING]
    checked = len(selected)
    print(f"{checked} article{'s' if checked > 1 else ''} vérifié{'s' if checked > 1 else ''} : "
          f"{errors} erreur{'s' if errors > 1 else ''}, {warnings} avertissement{'s' if warnings > 1 else ''}.")
    return EXIT_PROBLEMS if errors or (args.strict and warnings) else EXIT_OK


def _fix(site: Site, args: argparse.Namespace) -> int:
    selected, articles, bad_paths = _load(site, args.paths)
    for message in bad_paths:
        print(message, file=sys.stderr)
    failed = bool(bad_paths)
    changed = 0
    for article in articles:
        if article.path not in selected:
            continue
        path = site.root / selected[article.path]
        original_bytes = path.read_bytes()
        try:
            original = original_bytes.decode("utf-8-sig")
            fixed = canonical_text(article, original)
        except UnicodeDecodeError:
            print(f"{selected[article.path]}: non corrigé : le fichier n'est pas en UTF-8", file=sys.stderr)
            failed = True
            continue
        except RewriteError as error:
            print(f"{selected[article.path]}: non corrigé : {error}", file=sys.stderr)
            failed = True
            continue
        if fixed == original:
            continue
        changed += 1
        name = selected[article.path]
        sys.stdout.writelines(difflib.unified_diff(
            frontmatter.normalise_newlines(original).splitlines(keepends=True),
            frontmatter.normalise_newlines(fixed).splitlines(keepends=True),
            fromfile=f"a/{name}", tofile=f"b/{name}",
        ))
        if args.write:
            _write_atomically(path, fixed.encode("utf-8"))
    verb = "corrigé" if args.write else "à corriger"
    print(f"{changed} article{'s' if changed > 1 else ''} {verb}{'s' if changed > 1 else ''}.", file=sys.stderr)
    return EXIT_PROBLEMS if failed else EXIT_OK


def _new(site: Site, args: argparse.Namespace) -> int:
    title = " ".join(args.title.split())
    slug = slugify(title)
    if not slug:
        print("erreur : le titre doit contenir au moins une lettre ou un chiffre", file=sys.stderr)
        return EXIT_USAGE
    today = dt.date.today()
    folder = site.docs_dir / site.posts_dir
    path = folder / f"{today.isoformat()}-{slug}.md"
    if path.exists():
        print(f"erreur : {path.relative_to(site.root)} existe déjà", file=sys.stderr)
        return EXIT_USAGE
    writer = args.author or _git_user_name(site.root)
    context = site.context()
    author = (context.authors.find(writer) or writer) if writer else None
    title_yaml = title.replace('"', '\\"')
    lines = ["---", f'title: "{title_yaml}"', f"date: {today.isoformat()}"]
    lines.append(f"authors:\n  - {author}" if author else "authors:\n  - # votre nom, tel qu'il figure dans docs/blog/.authors.yml")
    lines += ["categories:\n  - # une rubrique", "tags:\n  - # un thème", "description: # une phrase qui résume l'article",
              f"slug: {slug}", "---", "", f"# {title}", "",
              "Premier paragraphe : il apparaît dans la liste des articles.", "", "<!-- more -->", "",
              "## Première partie", "", "Votre texte.", ""]
    folder.mkdir(parents=True, exist_ok=True)
    _write_atomically(path, "\n".join(lines).encode("utf-8"), exclusive=True)
    print(f"Article créé : {path.relative_to(site.root)}")
    if author and context.authors.find(writer) is None:
        print(f"Attention : « {writer} » n'est pas dans docs/blog/.authors.yml ; ajoutez-vous-y.")
    return EXIT_OK


def _summary(site: Site, args: argparse.Namespace) -> int:
    selected, articles, bad_paths = _load(site, args.paths)
    print("## Articles ajoutés ou modifiés\n")
    rows = [article for article in articles if article.path in selected]
    if not rows and not bad_paths:
        print("Aucun article modifié.")
        return EXIT_OK
    print("| Article | Titre | Date | Thèmes | Remarques |")
    print("| --- | --- | --- | --- | --- |")
    for article in rows:
        meta = article.meta
        notes = [p.message for p in article.problems if p.severity in (Severity.ERROR, Severity.WARNING)]
        date = meta.get("date")
        cells = [
            f"`{selected[article.path]}`",
            str(meta.get("title", "")),
            date.strftime("%d/%m/%Y") if date else "—",
            ", ".join(meta.get("tags", [])) or "—",
            "<br>".join(("❌ " if not article.ok and i == 0 else "⚠️ ") + note for i, note in enumerate(notes)) or "✅",
        ]
        if meta.get("draft"):
            cells[1] += " (brouillon)"
        print("| " + " | ".join(_cell(cell) for cell in cells) + " |")
    for message in bad_paths:
        print(f"\n{message}")
    return EXIT_OK


# Helper functions ------------------------------------------------------------


def _load(site: Site, paths: Sequence[str]) -> tuple[dict[str, str], list[Article], list[str]]:
    """Normalise every article of the site (duplicates and tag forms are
    site-wide), and return the docs-relative paths selected by ``paths``
    mapped to how the writer named them."""
    all_paths = site.article_paths()
    selected: dict[str, str] = {}
    bad: list[str] = []
    for given in paths or [str(path) for path in all_paths]:
        path = Path(given)
        absolute = path if path.is_absolute() else Path.cwd() / path
        relative = site.docs_relative(absolute)
        if not absolute.is_file():
            bad.append(f"{given}: erreur: fichier introuvable")
        elif relative is None or not relative.startswith(site.posts_dir + "/") or absolute.suffix != ".md":
            bad.append(f"{given}: erreur: ce n'est pas un article (les articles sont les fichiers .md de docs/{site.posts_dir}/)")
        else:
            selected[relative] = _display(absolute, site.root)
            if absolute.resolve() not in {p.resolve() for p in all_paths}:
                all_paths.append(absolute)
    sources = [(site.docs_relative(path) or path.name, path.read_bytes()) for path in all_paths]
    return selected, normalize_collection(sources, site.context()), bad


def _display(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


def _text_line(problem: Problem, path: str) -> str:
    where = f"{path}:{problem.line}" if problem.line else path
    line = f"{where}: {problem.severity.value}: {problem.message}"
    return f"{line}\n    conseil : {problem.hint}" if problem.hint else line


def _annotation(problem: Problem, path: str) -> str:
    command = {Severity.ERROR: "error", Severity.WARNING: "warning"}.get(problem.severity, "notice")
    properties = f"file={_escape_property(path)}"
    if problem.line:
        properties += f",line={problem.line}"
    properties += f",title={_escape_property('Article : ' + problem.severity.value)}"
    message = problem.message + (f"\n→ {problem.hint}" if problem.hint else "")
    return f"::{command} {properties}::{_escape_data(message)}"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _write_atomically(path: Path, data: bytes, *, exclusive: bool = False) -> None:
    # Never leave a half-written article: write beside it, then rename.
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        if exclusive and path.exists():
            raise FileExistsError(path)
        if path.exists():
            os.chmod(temporary, path.stat().st_mode & 0o777)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _git_user_name(root: Path) -> str | None:
    try:
        result = subprocess.run(["git", "config", "user.name"], cwd=root, capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return result.stdout.strip() or None
