"""The writers' command-line tool: ``python -m articles check|fix|new|summary``.

An adapter over the normalisation core, like the MkDocs hooks: it never
implements a rule of its own. Everything it prints is in French, argument
errors included, and no input ends in a Python traceback.

Everything it prints may be read by GitHub Actions, which runs any line
starting with ``::`` (or holding ``##[``) as a workflow command: writer text
is printed on one line, and no printed line can start a command except the
annotations the tool writes itself (``_say`` and ``_annotation``).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import difflib
import errno
import functools
import os
import stat
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

import yaml

from articles import frontmatter, limits
from articles.files import LINK_OUT_OF_DOCS, LINK_OUT_OF_DOCS_HINT, FileKind, classify, linked_folders, out_of
from articles.normalize import Article, normalize_collection
from articles.pasted_images import PastedImage
from articles.problems import Problem, Severity, make_problem
from articles.report import escape_data, escape_property, inert, markdown_cell, one_line
from articles.rewrite import RewriteError, canonical_text
from articles.sanitize import markup_checker
from articles.site import Site, SiteFileError, find_root, load_site, markdown_settings
from articles.slugs import slugify

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
PROG = "python -m articles"
COMMANDS = ("check", "fix", "new", "summary")


# French argparse ---------------------------------------------------------------

# argparse looks its texts up through gettext (``argparse._``): the same
# message ids, answered in French while the tool builds and runs its parser.
_ARGPARSE_FRENCH = {
    "usage: ": "utilisation : ",
    "positional arguments": "arguments",
    "options": "options",
    "optional arguments": "options",
    "show this help message and exit": "afficher cette aide et quitter",
    "argument %(argument_name)s: %(message)s": "option %(argument_name)s : %(message)s",
    "the following arguments are required: %s": "argument obligatoire manquant : %s",
    "unrecognized arguments: %s": "option ou argument inconnu : %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "valeur inconnue %(value)r (valeurs possibles : %(choices)s)",
    "invalid choice: %(value)r, maybe you meant %(closest)r?": "valeur inconnue %(value)r ; vouliez-vous dire %(closest)r ?",
    "invalid %(type)s value: %(value)r": "valeur incorrecte : %(value)r",
    "expected one argument": "il manque la valeur de cette option",
    "expected at most one argument": "cette option prend au plus une valeur",
    "expected at least one argument": "cette option demande au moins une valeur",
    "expected %s argument": "cette option demande %s valeur",
    "expected %s arguments": "cette option demande %s valeurs",
    "ambiguous option: %(option)s could match %(matches)s": "option ambiguë : %(option)s peut désigner %(matches)s",
    "not allowed with argument %s": "impossible avec l'option %s",
    "ignored explicit argument %r": "cette option ne prend pas de valeur (%r)",
    "one of the arguments %s is required": "il faut l'une de ces options : %s",
    "unexpected option string: %s": "option inattendue : %s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "commande inconnue %(parser_name)r (commandes : %(choices)s)",
    "%(prog)s: error: %(message)s\n": "%(prog)s : erreur : %(message)s\n",
}


@contextlib.contextmanager
def _french_argparse() -> Iterator[None]:
    gettext, ngettext = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._ = lambda text: _ARGPARSE_FRENCH.get(text, text)  # type: ignore[attr-defined]
    argparse.ngettext = lambda one, many, n: _ARGPARSE_FRENCH.get(one if n == 1 else many, one if n == 1 else many)  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = gettext, ngettext  # type: ignore[attr-defined]


class UsageError(Exception):
    """A command line the tool cannot run; the message is French."""

    def __init__(self, message: str, parser: argparse.ArgumentParser | None = None) -> None:
        super().__init__(message)
        self.parser = parser


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        kwargs.setdefault("formatter_class", argparse.RawDescriptionHelpFormatter)
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)
        self._positionals.title = "arguments"
        self._optionals.title = "options"
        self.add_argument("-h", "--help", action="help", help="afficher cette aide et quitter")

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(message, self)

    def exit(self, status: int = 0, message: str | None = None) -> None:  # type: ignore[override]
        if message:
            _say(message.rstrip("\n"), sys.stderr)
        raise SystemExit(status)

    def print_help(self, file: TextIO | None = None) -> None:  # type: ignore[override]
        with _french_argparse():
            _say(self.format_help().rstrip("\n"), file or sys.stdout, raw=True)

    def print_usage(self, file: TextIO | None = None) -> None:  # type: ignore[override]
        with _french_argparse():
            _say(self.format_usage().rstrip("\n"), file or sys.stdout, raw=True)


def build_parser() -> argparse.ArgumentParser:
    with _french_argparse():
        return _build_parser()


def _build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=PROG,
        description="Vérifier, corriger et créer les articles de la base de connaissances.",
        epilog="Exemples :\n  python -m articles check\n  python -m articles check docs/blog/posts/\n"
        "  python -m articles fix --write docs/blog/posts/mon-article.md\n"
        '  python -m articles new "Comment préparer un rendez-vous client"',
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMANDE", parser_class=_Parser, title="commandes")
    commands.required = True

    check = commands.add_parser(
        "check",
        help="signaler ce qui ne va pas dans les articles",
        description="Affiche chaque problème sous la forme « fichier:ligne: niveau: message ». "
        "Le code de sortie est 1 s'il y a une erreur (ou un avertissement avec --strict).",
    )
    check.add_argument("paths", nargs="*", metavar="CHEMIN", help="articles ou dossiers à vérifier (par défaut : tous les articles)")
    check.add_argument("--strict", action="store_true", help="les avertissements comptent comme des erreurs")
    check.add_argument(
        "--format",
        choices=("texte", "github"),
        default=None,
        help="« github » ajoute des annotations de pull request (automatique dans GitHub Actions)",
    )
    check.add_argument("--details", action="store_true", help="afficher aussi ce qui a été compris (niveau info)")

    fix = commands.add_parser(
        "fix",
        help="mettre les articles au propre (montre les changements)",
        description="Montre, sous forme de différences, la version au propre de chaque article. Avec --write, enregistre cette version.",
    )
    fix.add_argument("paths", nargs="*", metavar="CHEMIN", help="articles ou dossiers à corriger (par défaut : tous les articles)")
    fix.add_argument("--write", action="store_true", help="enregistrer les corrections dans les fichiers")

    new = commands.add_parser("new", help="créer un nouvel article", description="Crée un article prêt à remplir, daté d'aujourd'hui.")
    new.add_argument("title", metavar="TITRE", help="titre de l'article, entre guillemets")
    new.add_argument("--auteur", dest="author", metavar="AUTEUR", default=None, help="auteur (par défaut : votre nom dans git)")

    summary = commands.add_parser(
        "summary",
        help="résumé Markdown des articles (pour GitHub)",
        description="Écrit un tableau Markdown des articles donnés : titre, date, thèmes, remarques.",
    )
    summary.add_argument("paths", nargs="*", metavar="CHEMIN", help="articles ajoutés ou modifiés")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    try:
        try:
            args = _parse(arguments)
            return _run(args)
        except UsageError as error:
            parser = error.parser or build_parser()
            parser.print_usage(sys.stderr)
            _say(f"erreur : {error}", sys.stderr)
            _say(f"(aide : {parser.prog} --help)", sys.stderr)
            return EXIT_USAGE
    except KeyboardInterrupt:
        _say("interrompu.", sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader of the output went away (`check | head`): nothing more to say.
        with contextlib.suppress(OSError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_PROBLEMS
    except SystemExit as leaving:  # --help: argparse has printed it
        return leaving.code if isinstance(leaving.code, int) else EXIT_USAGE
    except Exception as error:  # noqa: BLE001 - the last guard: a writer never sees a traceback
        _say(
            f"erreur inattendue ({type(error).__name__}) : l'outil n'a pas pu terminer ; "
            "signalez-le à l'équipe du site avec la commande lancée",
            sys.stderr,
        )
        return EXIT_USAGE


def _parse(arguments: list[str]) -> argparse.Namespace:
    """Arguments read with argparse, after the checks argparse words poorly
    (no command, an unknown command: suggest the close one, like git)."""
    for argument in arguments:
        if argument in ("-h", "--help") or argument == "--":
            break
        if argument.startswith("-"):
            continue
        if argument not in COMMANDS:
            close = difflib.get_close_matches(argument, COMMANDS, n=1, cutoff=0.6)
            message = f"« {argument} » n'est pas une commande"
            message += f" ; vouliez-vous dire « {close[0]} » ?" if close else f" (commandes : {', '.join(COMMANDS)})"
            raise UsageError(message)
        break
    else:
        raise UsageError(f"indiquez une commande : {', '.join(COMMANDS[:-1])} ou {COMMANDS[-1]}")
    parser = build_parser()
    with _french_argparse():
        return parser.parse_args(arguments)


def _run(args: argparse.Namespace) -> int:
    root = find_root(Path.cwd())
    if root is None:
        _say("erreur : lancez cette commande dans le dossier du site (celui qui contient mkdocs.yml)", sys.stderr)
        return EXIT_USAGE
    try:
        site = load_site(root)
    except (OSError, UnicodeDecodeError, yaml.YAMLError, AttributeError, TypeError, ValueError):
        _say(
            f"erreur : {_display(root / 'mkdocs.yml', root)} est illisible ; vérifiez ce fichier (mkdocs build en donne le détail)",
            sys.stderr,
        )
        return EXIT_USAGE
    handler = {"check": _check, "fix": _fix, "new": _new, "summary": _summary}[args.command]
    try:
        return handler(site, args)
    except SiteFileError as error:
        _say(f"erreur : {error}", sys.stderr)
        return EXIT_PROBLEMS


# Output ------------------------------------------------------------------------


def _say(text: str, stream: TextIO | None = None, *, raw: bool = False, command: bool = False) -> None:
    """Print ``text``: each line made inert (``command``: the first line is
    one of the tool's own annotations), in what the stream can encode."""
    stream = stream or sys.stdout
    lines = text.replace("\r", "␍").split("\n") if raw else [one_line(text)]
    lines = [line if command and index == 0 else inert(line) for index, line in enumerate(lines)]
    encoding = getattr(stream, "encoding", None) or "utf-8"
    output = "\n".join(lines) + "\n"
    try:
        output.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        # A file name that is not UTF-8, or a console that cannot show « » or ✅.
        output = output.encode(encoding, errors="replace").decode(encoding, errors="replace")
    stream.write(output)


def _github(args: argparse.Namespace) -> bool:
    return args.format == "github" or (args.format is None and os.environ.get("GITHUB_ACTIONS") == "true")


# Commands --------------------------------------------------------------------


def _check(site: Site, args: argparse.Namespace) -> int:
    loaded = _load(site, args.paths)
    github = _github(args)
    shown = [Severity.ERROR, Severity.WARNING] + ([Severity.INFO] if args.details else [])
    counts = {Severity.ERROR: 0, Severity.WARNING: 0, Severity.INFO: 0}
    for note in loaded.notes:
        counts[note.severity] += 1
        _say(f"{note.shown}: {note.severity.value}: {note.message}")
    for path, problem in loaded.problems():
        if problem.severity not in shown:
            continue
        counts[problem.severity] += 1
        _say(_text_line(problem, path))
        if problem.hint:
            _say(f"    conseil : {problem.hint}")
        if github:
            _say(_annotation(problem, path), command=True)
    errors, warnings = counts[Severity.ERROR], counts[Severity.WARNING]
    checked = len(loaded.selected)
    _say(f"{_count(checked, 'article')} {_plural(checked, 'vérifié')} : {_count(errors, 'erreur')}, {_count(warnings, 'avertissement')}.")
    return EXIT_PROBLEMS if errors or (args.strict and warnings) else EXIT_OK


def _fix(site: Site, args: argparse.Namespace) -> int:
    loaded = _load(site, args.paths)
    failed = False
    for note in loaded.notes:
        failed = failed or note.severity is Severity.ERROR
        _say(f"{note.shown}: {note.severity.value}: {note.message}", sys.stderr)
    for problem in loaded.extra:
        _say(_text_line(problem, loaded.shown(problem.path)), sys.stderr)
    changed = 0
    for article in loaded.articles:
        if article.path not in loaded.selected:
            continue
        name = loaded.selected[article.path]
        path = site.docs_dir / article.path
        pasted: list[PastedImage] = []
        try:
            original = path.read_bytes().decode("utf-8-sig")
            fixed = canonical_text(article, original, pasted=pasted, existing=functools.partial(_bytes_of, site.docs_dir))
        except UnicodeDecodeError:
            _say(f"{name}: non corrigé : le fichier n'est pas en UTF-8", sys.stderr)
            failed = True
            continue
        except RewriteError as error:
            _say(f"{name}: non corrigé : {error}", sys.stderr)
            failed = True
            continue
        except OSError as error:
            _say(f"{name}: non corrigé : {_os_reason(error)}", sys.stderr)
            failed = True
            continue
        if fixed == original:
            continue
        diff = "".join(
            difflib.unified_diff(
                frontmatter.normalise_newlines(original).splitlines(keepends=True),
                frontmatter.normalise_newlines(fixed).splitlines(keepends=True),
                fromfile=f"a/{name}",
                tofile=f"b/{name}",
            )
        )
        _say(diff.rstrip("\n"), raw=True)
        for image in pasted:
            shown = _display(site.docs_dir / image.path, site.root)
            _say(
                f"{name}: l'image « {image.name} » collée dans le texte {'est enregistrée' if args.write else 'serait enregistrée'} dans {shown}"
            )
        if args.write:
            try:
                for image in pasted:  # first: the article then names files that are there
                    (site.docs_dir / image.path).parent.mkdir(parents=True, exist_ok=True)
                    _write_atomically(site.docs_dir / image.path, image.data, exclusive=True)
                _write_atomically(path, fixed.encode("utf-8"))
            except OSError as error:
                _say(f"{name}: non corrigé : {_os_reason(error)}", sys.stderr)
                failed = True
                continue
        changed += 1
    verb = "corrigé" if args.write else "à corriger"
    done = _plural(changed, "corrigé") if args.write else verb
    _say(f"{_count(changed, 'article')} {done}.", sys.stderr)
    return EXIT_PROBLEMS if failed else EXIT_OK


def _new(site: Site, args: argparse.Namespace) -> int:
    title = " ".join(_typed(args.title).split())
    slug = slugify(title)
    if not slug:
        _say("erreur : le titre doit contenir au moins une lettre ou un chiffre", sys.stderr)
        return EXIT_USAGE
    today = dt.date.today()
    folder = site.docs_dir / site.posts_dir
    path = folder / f"{today.isoformat()}-{slug}.md"
    if path.exists():
        _say(f"erreur : {path.relative_to(site.root)} existe déjà", sys.stderr)
        return EXIT_USAGE
    writer = _typed(args.author) if args.author else _git_user_name(site.root)
    context = site.context()
    author = (context.authors.find(writer) or writer) if writer else None
    title_yaml = title.replace("\\", "\\\\").replace('"', '\\"')
    # The field names of the guide's template (articles/keys.py WRITTEN_NAMES), as `fix` writes them.
    lines = ["---", f'titre: "{title_yaml}"', f"date: {today.isoformat()}"]
    lines.append(f"auteur: {author}" if author else "auteur: # votre nom, tel qu'il figure dans docs/blog/.authors.yml")
    lines += [
        "rubrique: # une rubrique",
        "thèmes: # un ou plusieurs thèmes, séparés par des virgules",
        "résumé: # une phrase qui résume l'article",
        f"slug: {slug}",
        "---",
        "",
        f"# {title}",
        "",
        "Premier paragraphe : il apparaît dans la liste des articles.",
        "",
        site.blog.post_excerpt_separator,
        "",
        "## Première partie",
        "",
        "Votre texte.",
        "",
    ]
    folder.mkdir(parents=True, exist_ok=True)
    _write_atomically(path, "\n".join(lines).encode("utf-8"), exclusive=True)
    _say(f"Article créé : {path.relative_to(site.root)}")
    if author and context.authors.find(writer) is None:
        _say(f"Attention : « {writer} » n'est pas dans docs/blog/.authors.yml ; ajoutez-vous-y.")
    return EXIT_OK


def _summary(site: Site, args: argparse.Namespace) -> int:
    loaded = _load(site, args.paths)
    _say("## Articles ajoutés ou modifiés\n", raw=True)
    rows = [article for article in loaded.articles if article.path in loaded.selected]
    extra: dict[str, list[Problem]] = {}
    for problem in loaded.extra:
        extra.setdefault(problem.path, []).append(problem)
    if not rows and not extra and not loaded.notes:
        _say("Aucun article modifié.")
        return EXIT_OK
    if rows or extra:
        _say("| Article | Titre | Date | Thèmes | Remarques |")
        _say("| --- | --- | --- | --- | --- |")
    for article in rows:
        meta = article.meta
        date = meta.get("date")
        title = str(meta.get("title", ""))
        if any(problem.code == "publish_future" for problem in article.problems):
            title += " (à paraître)"
        elif meta.get("draft"):
            title += " (brouillon)"
        cells = [
            markdown_cell(loaded.selected[article.path]),
            markdown_cell(title),
            markdown_cell(date.strftime("%d/%m/%Y")) if isinstance(date, (dt.date, dt.datetime)) else "—",
            markdown_cell(", ".join(str(tag) for tag in meta.get("tags", []) or [])) or "—",
            _remarks(article.problems),
        ]
        _say("| " + " | ".join(cells) + " |")
    for path, problems in extra.items():
        _say("| " + " | ".join([markdown_cell(loaded.shown(path)), "—", "—", "—", _remarks(problems)]) + " |")
    for note in loaded.notes:
        mark = "ℹ️" if note.not_article or note.severity is not Severity.ERROR else "❌"
        _say(f"\n{mark} {markdown_cell(note.shown)} : {markdown_cell(note.message)}", raw=True)
    return EXIT_OK


def _remarks(problems: Sequence[Problem]) -> str:
    """❌ on each error, ⚠️ on each warning, ✅ when there is neither."""
    marks = {Severity.ERROR: "❌", Severity.WARNING: "⚠️"}
    notes = [f"{marks[problem.severity]} {markdown_cell(problem.message)}" for problem in problems if problem.severity in marks]
    return "<br>".join(notes) or "✅"


# Loading the articles ----------------------------------------------------------------


@dataclass
class _Note:
    """What the tool says about a path it was given (missing, outside the posts folder)."""

    shown: str
    severity: Severity
    message: str
    # A file that exists but is not an article (a guide page): the summary
    # of a pull request mentions it without marking it as a failure.
    not_article: bool = False


@dataclass
class _Loaded:
    site: Site
    # docs-relative path of each selected article -> how it is shown
    selected: dict[str, str] = field(default_factory=dict)
    articles: list[Article] = field(default_factory=list)
    notes: list[_Note] = field(default_factory=list)
    # Problems about selected files that are not articles (not published)
    extra: list[Problem] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)
    _markup_checker: Callable[[str, str, str], list[Problem]] | None = None

    def shown(self, relative: str) -> str:
        return self.names.get(relative) or self.selected.get(relative) or relative

    def problems(self) -> Iterator[tuple[str, Problem]]:
        for problem in self.extra:
            yield self.shown(problem.path), problem
        for article in self.articles:
            if article.path in self.selected:
                # In the order of the writer's lines, as an editor lists them.
                for problem in sorted([*article.problems, *self.removed_markup(article)], key=lambda problem: problem.line or 0):
                    yield self.selected[article.path], problem

    def removed_markup(self, article: Article) -> list[Problem]:
        """What the build's sanitiser will remove from the article, found as
        the build finds it (its Markdown rendered with the site's extensions)."""
        if any(problem.code in limits.CODES for problem in article.problems):
            return []  # refused unread: rendering it is what the limits prevent
        if self._markup_checker is None:
            self._markup_checker = markup_checker(*markdown_settings(self.site.root))
        try:
            source = (self.site.docs_dir / article.path).read_bytes().decode("utf-8-sig", errors="replace")
        except OSError:
            source = article.body
        # The build's own Markdown: an unsafe image is already a placeholder there, told once.
        return self._markup_checker(article.path, article.build_body or article.body, source)


def _load(site: Site, paths: Sequence[str]) -> _Loaded:
    """Normalise every article of the site (duplicates and tag forms are
    site-wide), and select those ``paths`` name: files, or folders read
    recursively; no path means the whole posts folder."""
    loaded = _Loaded(site)
    posts = site.docs_dir / site.posts_dir
    posts_shown = _display(posts, site.root) + "/"
    every_file = site.published_files(posts)
    chosen: dict[Path, str] = {}  # file -> how to show it
    for given in paths or [str(posts)]:
        shown = one_line(given) if paths else posts_shown
        path = Path(given)
        absolute = Path(os.path.abspath(path if path.is_absolute() else Path.cwd() / path))
        try:
            is_dir, exists, is_file = absolute.is_dir(), absolute.exists(), absolute.is_file()
        except (OSError, ValueError):
            is_dir = exists = is_file = False
        if is_dir:
            if _inside(absolute, posts):
                files = site.published_files(absolute)
            elif _inside(posts, absolute):
                files = every_file
            else:
                loaded.notes.append(
                    _Note(shown, Severity.ERROR, f"ce dossier ne contient pas d'articles ; les articles sont dans {posts_shown}")
                )
                continue
            for file in files:
                chosen.setdefault(file, _display(file, site.root))
        elif not exists:
            broken = absolute.is_symlink()
            loaded.notes.append(_Note(shown, Severity.ERROR, "lien symbolique cassé" if broken else "fichier introuvable"))
        elif not is_file:
            loaded.notes.append(_Note(shown, Severity.ERROR, "ce n'est ni un fichier ni un dossier"))
        elif not _inside(absolute, posts):
            loaded.notes.append(
                _Note(
                    shown,
                    Severity.ERROR,
                    f"ce n'est pas un article : les articles sont les fichiers .md du dossier {posts_shown}",
                    not_article=True,
                )
            )
        else:
            chosen.setdefault(absolute, _display(absolute, site.root) if paths else shown)
    articles: dict[str, Path] = {_relative(file, site.docs_dir): file for file in every_file if classify(file.name) is FileKind.ARTICLE}
    for file, shown in chosen.items():
        relative = _relative(file, site.docs_dir)
        if site.excluded(relative):
            # Named on purpose: say why it is not checked (the build never reads it).
            loaded.notes.append(
                _Note(
                    shown,
                    Severity.INFO,
                    "ce fichier n'est jamais publié (il correspond à exclude_docs dans mkdocs.yml) ; il n'est pas vérifié",
                )
            )
            continue
        loaded.names[relative] = shown
        kind = classify(file.name)
        if kind is FileKind.ARTICLE:
            loaded.selected[relative] = shown
            articles.setdefault(relative, file)
        elif kind is FileKind.REFUSED:
            loaded.extra.append(make_problem("file_not_published", relative, name=file.name))
    if not paths:  # the whole site: MkDocs follows links to folders, which ``walk`` does not
        for folder in linked_folders(posts):
            target = out_of(site.docs_dir, folder)
            if target is not None:
                text = f"ce dossier mène, par un lien, à {target}, hors du dossier docs/ ; rien de ce qu'il contient ne peut être publié"
                loaded.notes.append(_Note(_display(folder, site.root), Severity.ERROR, text))
    sources: list[tuple[str, bytes]] = []
    for relative, file in sorted(articles.items()):
        target = out_of(site.docs_dir, file)
        if target is not None:  # the build stops on it: it is not read
            if relative in loaded.selected:
                text = f"{LINK_OUT_OF_DOCS.format(target=target)} ; {LINK_OUT_OF_DOCS_HINT}"
                loaded.notes.append(_Note(loaded.selected.pop(relative), Severity.ERROR, text))
            continue
        try:
            # A named pipe would block the read for ever.
            reason = None if stat.S_ISREG(file.stat().st_mode) else "ce n'est pas un fichier ordinaire"
            if reason is None:
                sources.append((relative, file.read_bytes()))
        except OSError as error:
            reason = _os_reason(error)
        if reason is not None and relative in loaded.selected:
            loaded.notes.append(_Note(loaded.selected.pop(relative), Severity.ERROR, f"le fichier ne peut pas être lu ({reason})"))
    loaded.articles = normalize_collection(sources, site.context())
    return loaded


def _inside(path: Path, folder: Path) -> bool:
    """Whether ``path`` is ``folder`` or under it, as written or once links are resolved."""
    for a, b in ((path, folder), (_real(path), _real(folder))):
        if a == b or b in a.parents:
            return True
    return False


def _relative(path: Path, docs_dir: Path) -> str:
    """Docs-relative path as written (a link keeps its own name), else resolved."""
    for a, b in ((path, docs_dir), (_real(path), _real(docs_dir))):
        with contextlib.suppress(ValueError):
            return a.relative_to(Path(os.path.abspath(b))).as_posix()
    return path.name


def _real(path: Path) -> Path:
    # os.path.realpath, unlike Path.resolve, never raises on a link loop.
    return Path(os.path.realpath(path))


def _display(path: Path, root: Path) -> str:
    for a, b in ((Path(os.path.abspath(path)), Path(os.path.abspath(root))), (_real(path), _real(root))):
        with contextlib.suppress(ValueError):
            return a.relative_to(b).as_posix()
    return str(path)


_OS_REASONS = {
    errno.EACCES: "permission refusée",
    errno.EPERM: "permission refusée",
    errno.ELOOP: "lien symbolique qui tourne en boucle",
    errno.EISDIR: "c'est un dossier",
    errno.ENOENT: "fichier introuvable",
    errno.ENOSPC: "disque plein",
    errno.EROFS: "disque en lecture seule",
    errno.ENAMETOOLONG: "nom de fichier trop long",
}


def _os_reason(error: OSError) -> str:
    return _OS_REASONS.get(error.errno or 0, f"erreur du système n° {error.errno}")


# Helper functions ------------------------------------------------------------


def _count(number: int, noun: str) -> str:
    return f"{number} {_plural(number, noun)}"


def _plural(number: int, word: str) -> str:
    return word + "s" if number > 1 else word


def _text_line(problem: Problem, path: str) -> str:
    where = f"{path}:{problem.line}" if problem.line else path
    return f"{where}: {problem.severity.value}: {problem.message}"


def _annotation(problem: Problem, path: str) -> str:
    command = {Severity.ERROR: "error", Severity.WARNING: "warning"}.get(problem.severity, "notice")
    properties = f"file={escape_property(path)}"
    if problem.line:
        properties += f",line={problem.line}"
    properties += f",title={escape_property('Article : ' + problem.severity.value)}"
    message = one_line(problem.message) + (f"\n→ {one_line(problem.hint)}" if problem.hint else "")
    return f"::{command} {properties}::{escape_data(message)}"


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _bytes_of(docs_dir: Path, relative: str) -> bytes | None:
    """The bytes of a file of the site, None when there is none (or it cannot be read)."""
    try:
        return (docs_dir / relative).read_bytes()
    except OSError:
        return None


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
        else:  # as the writer's editor would create it, not mkstemp's 0600
            os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _typed(argument: str) -> str:
    """What the writer typed, when the terminal did not send UTF-8
    (Python keeps such bytes as surrogates, which cannot be written)."""
    try:
        argument.encode("utf-8")
    except UnicodeEncodeError:
        raw = os.fsencode(argument)
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            return raw.decode("cp1252", errors="replace")
    return argument


def _git_user_name(root: Path) -> str | None:
    try:
        result = subprocess.run(["git", "config", "user.name"], cwd=root, capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return result.stdout.strip() or None
