"""`mkdocs serve`: an article edited, added or deleted shows up in seconds.

After a save, MkDocs rebuilds the whole site. When the only changes are in
articles (up to ``MAX_QUICK_FILES`` of them at once: « enregistrer tout »
in an editor) and files published as they are (up to
``MAX_QUICK_STATIC_FILES``: a folder of photos copied in), this hook
renders their pages alone with what the last full
build kept, lets the browser reload, then asks for a full build at once so
that the listings, feeds and search index follow. When only articles' text
changed (or their reading time or summary: ``LISTED_IN_PLACE``), the listing
pages that show their excerpts and reading times (``_listing_pages``: where each stands in the blog, its
archive, rubriques and authors, and the home page's newest articles) are
made again with them: every HTML page is then as a clean build makes it,
and only the search index and the feeds wait. It applies to:

- an existing article's body, and front-matter fields that affect nothing
  but its own page (``QUICK_FIELDS``: topics, new ones included, whose entry
  on the topics page comes with the full build; rubriques and authors;
  description, reading time; « brouillon » too, as drafts are shown in
  `mkdocs serve`) or its address (``ADDRESS_FIELDS``: title, date, slug).
  An article whose address changed is written at its new address, and its
  old one sends the browser there until the full build replaces the site
  (``moved_page``); one whose date changed takes its place among the others
  (the previous and next articles at the foot of its page);
- a new article;
- a year, rubrique or author no article had (a new writer's first
  article): its page is made and put in its menu (``_give_views``,
  ``_update_views``), as the blog plugin does; the page of one no article
  has any more leaves the served site. The pages not converted again show
  their menus as they were until the follow-up build;
- a deleted article: its page leaves the served site; and an article whose
  file was renamed (the only change: one file gone, one new), as the new
  file replacing it;
- a file the site publishes as it is (an image, a PDF…), replaced by
  another version (``_replaced_static_file``) or new (``_new_static_file``):
  it is copied into the served site. A new one is known to the articles
  read after it (an image shown, a link resolved); the articles not saved
  with it that name it (``_articles_naming``) may have shown it as missing:
  they are converted again too, as if saved.

The files an editor writes next to the article (Vim's swap file, Emacs'
backups, Office's lock files: ``_EDITOR_FILE``) are left out: saved alone,
they need no build at all.

Every changed article is read before anything changes: if one has an
error, the terminal says it and the served site stays as it was.

The names of the authors missing from .authors.yml that every page shows
must stay as they were, and the article must show each topic and rubrique
missing from the taxonomy as a clean build would (the first article writing
it, in path order, decides how). Anything else takes the full build, and the terminal
says why, in the writers' words, and how long the last one took. Nothing
happens in `mkdocs build`.

Events and priorities:
- ``on_startup``: active only for ``mkdocs serve``, and only on the tested
  versions of MkDocs and Material (``TESTED``); otherwise a warning, and
  serve works as without this hook.
- ``on_config`` at priority 100, before every other plugin: records the
  sources (mtime and size of docs/, mkdocs.yml, the overrides, the hooks and
  the watched paths) as they are when the build starts, and, for the full
  build that follows a quick update, points ``site_dir`` to a staging folder
  so the site served meanwhile stays whole.
- ``on_files``, ``on_nav``, ``on_env`` at priority -100, after the other
  plugins and hooks: keep the final files, navigation and template
  environment of the build.
- ``on_post_build`` at -100: the kept state becomes usable only once the
  build succeeded; ``on_build_error`` drops it.
- ``on_serve``: replaces the server's builder with ``_Builder``.

The MkDocs and Material internals used are checked in tests/test_internals.py:
``_populate_page`` and ``_build_page`` (mkdocs.commands.build), Material's
``Post`` reading its file in its constructor, the blog plugin publishing
its posts' media files in the blog's folder (its ``on_files``), the blog plugin's
``_format_path_for_post`` and ``_path_to_file`` (a post's address), its
posts' order and links (``_attach``), ``_is_excluded``, its menus and how it
makes, paginates, attaches and renders its views, and LiveReloadServer's
``builder``, ``root``, ``_want_rebuild``/``_rebuild_cond`` and
``_wanted_epoch``/``_visible_epoch``/``_epoch_cond``.
"""

from __future__ import annotations

import html
import os
import posixpath
import re
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel, file_sort_key, set_exclusions
from mkdocs.structure.nav import Navigation, Section
from mkdocs.utils import get_relative_url

from articles.authors import names_of_unknown_authors
from articles.files import FileKind, classify, is_article, out_of
from articles.normalize import normalize_article
from articles.tags import first_spellings, term_key
from articles.versions import installed_version, untested_reason

try:  # Internals this hook relies on; the version check reports their absence.
    from material.plugins.blog import view_name
    from material.plugins.blog.structure import Archive, Category, Post, Profile, View
    from mkdocs.commands.build import _build_page, _populate_page
except ImportError:  # pragma: no cover - depends on the installed versions
    Post = None

log = get_plugin_logger(__name__)

# Distribution -> the version this hook was tested with (tests/test_internals.py).
TESTED = {"mkdocs-material": "9.8.2", "mkdocs": "1.6.1"}
_NORMALIZE_HOOK = "normalize_articles.py"
_MENUS_HOOK = "blog_menus.py"
# Front-matter fields whose change only affects the article's own page (and
# the listings, search and feeds the follow-up build brings), as long as
# each rubrique and author already has its page. (« brouillon » too
# when drafts are shown, as in `mkdocs serve`.)
QUICK_FIELDS = frozenset({"tags", "categories", "authors", "description", "readtime"})
# Front-matter fields that also move the article ("{date}/{slug}"), the slug
# following the title unless the writer gave one.
ADDRESS_FIELDS = frozenset({"title", "date", "slug"})
# The front-matter fields as the writers' guide names them.
FIELD_NAMES = {"draft": "brouillon", "image": "image", "authors": "auteurs", "categories": "rubriques", "tags": "thèmes"}
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# Front-matter fields that change nothing in the listings but the post's own
# excerpt (its reading time) and the home page's list (its summary): with the
# body, the listing pages that show it and the home page are made again at once.
LISTED_IN_PLACE = frozenset({"readtime", "description"})
# More of them, and they follow with the full build.
MAX_LISTING_PAGES = 20
_LATEST_HOOK = "latest_articles.py"
# More changed articles at once (a checkout) take the full build.
MAX_QUICK_FILES = 10
# Images and attachments are copied, not rendered: a shoot's photos, copied
# in together, are many; more of them take the full build too.
MAX_QUICK_STATIC_FILES = 100

Snapshot = dict[str, tuple[int, int]]  # absolute path -> (mtime_ns, size)


class _Kept:
    """What one full build leaves for re-rendering a page."""

    def __init__(self, snapshot: Snapshot, config: MkDocsConfig) -> None:
        self.snapshot, self.config = snapshot, config
        self.files: Files | None = None
        self.nav: Navigation | None = None
        self.env: Any = None


class _State:
    def __init__(self) -> None:
        self.active = False
        self.pending: _Kept | None = None  # the build under way
        self.kept: _Kept | None = None  # the last successful build
        self.staging: str | None = None  # site_dir of the follow-up full build
        self.paths: list[str] = []


_state = _State()


# Hooks -----------------------------------------------------------------------


def on_startup(*, command: str, dirty: bool) -> None:
    _state.active = False
    if command != "serve":
        return
    installed = {dist: installed_version(dist) for dist in TESTED}
    reason = unsupported_reason(installed)
    if reason:
        log.warning("Fast preview disabled: %s.", reason)
        return
    _state.active = True


@event_priority(100)
def on_config(config: MkDocsConfig) -> None:
    if not _state.active:
        return
    if _state.staging:
        config["site_dir"] = _state.staging
    _state.paths = _source_paths(config)
    _state.pending = _Kept(snapshot=snapshot(_state.paths), config=config)


@event_priority(-100)
def on_files(files: Files, *, config: MkDocsConfig) -> None:
    if _state.pending is not None:
        _state.pending.files = files


@event_priority(-100)
def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> None:
    if _state.pending is not None:
        _state.pending.nav = nav


@event_priority(-100)
def on_env(env: Any, *, config: MkDocsConfig, files: Files) -> None:
    if _state.pending is not None:
        _state.pending.env = env


@event_priority(-100)
def on_post_build(*, config: MkDocsConfig) -> None:
    pending, _state.pending = _state.pending, None
    if pending is not None and pending.files is not None and pending.nav is not None and pending.env is not None:
        _state.kept = pending


def on_build_error(*, error: Exception) -> None:
    _state.pending = _state.kept = None


def on_serve(server: Any, *, config: MkDocsConfig, builder: Callable) -> Any:
    if _state.active and _server_supported(server) and not isinstance(server.builder, _Builder):
        server.builder = _Builder(server, server.builder)
    return server


# Version guard ---------------------------------------------------------------


def unsupported_reason(installed: dict[str, str | None]) -> str | None:
    """Why the fast path must not run with these versions, or None."""
    if Post is None:
        return "the internals of MkDocs and Material it relies on are missing"
    return untested_reason(TESTED, {dist: installed.get(dist) for dist in TESTED})


def _server_supported(server: Any) -> bool:
    names = ("builder", "root", "_want_rebuild", "_rebuild_cond", "_wanted_epoch", "_visible_epoch", "_epoch_cond")
    return all(hasattr(server, name) for name in names)


# Sources ---------------------------------------------------------------------


def _source_paths(config: MkDocsConfig) -> list[str]:
    """What a full build reads: docs/, mkdocs.yml, the overrides, the hooks, the watched paths."""
    paths = [config.docs_dir, config.config_file_path]
    if config.theme.custom_dir:
        paths.append(config.theme.custom_dir)
    paths += [os.path.dirname(os.path.abspath(hook.__file__)) for hook in config.hooks.values()]
    paths += list(config.watch)
    return sorted({os.path.abspath(path) for path in paths if path})


def snapshot(paths: Iterable[str]) -> Snapshot:
    found: Snapshot = {}
    for path in paths:
        if os.path.isfile(path):
            _stat_into(found, path)
            continue
        for folder, dirs, names in os.walk(path):
            dirs.sort()
            for name in names:
                _stat_into(found, os.path.join(folder, name))
    return found


def _stat_into(found: Snapshot, path: str) -> None:
    try:
        stat = os.stat(path)
    except OSError:
        return  # gone meanwhile: it counts as a change
    found[path] = (stat.st_mtime_ns, stat.st_size)


# The builder -----------------------------------------------------------------


class _Fallback(Exception):
    """The fast path does not apply: a full build is needed."""


class _ArticleError(Exception):
    """The changed article cannot be published: a full build would stop on it."""

    def __init__(self, shown: str, message: str) -> None:
        super().__init__(message)
        self.shown = shown


class _Builder:
    """Stands for serve's builder: the fast path when it applies, else the full build."""

    def __init__(self, server: Any, full: Callable[..., None]) -> None:
        self.server, self.full = server, full
        self.follow_up = False  # a full build is owed after a quick update
        self.last_full: float | None = None  # seconds of the last full build, said to the writer

    def __call__(self, config: MkDocsConfig | None = None) -> None:
        if config is not None:
            return self.full(config)
        start, kept = time.perf_counter(), _state.kept
        if kept is not None:
            found = sorted(_changes(kept.snapshot, snapshot(_state.paths)))
            changed = _without_editor_files(found, kept)
            if found and not changed and not self.follow_up:
                log.debug("Fast preview: no build (only an editor's own files changed)")
                return None
            if not changed and self.follow_up:
                log.debug("Fast preview: full build (after a quick update, into a staging folder)")
                del kept  # the last build's pages are freed before the next one's are made
                return self._staged_full_build()
            try:
                self._quick_update(kept, changed, start)
            except _Fallback as reason:
                log.debug("Fast preview: full build (%s)", reason)
                self._tell_full_build(str(reason))
            except _ArticleError as error:
                # The same message as the build's, without rebuilding a site that
                # would stop on it; the file is looked at again at its next save.
                log.debug("Fast preview: no build (an error in %s)", error.shown)
                log.error(f"Aperçu : le site affiché reste le même tant que {error.shown} a cette erreur.\n{error}")
                return None
            except Exception:
                log.debug("Fast preview: full build after an error", exc_info=True)
                self._tell_full_build("l'aperçu rapide n'a pas abouti")
            else:
                self.follow_up = True
                with self.server._rebuild_cond:  # as the server's own file watcher does
                    self.server._want_rebuild = True
                    self.server._rebuild_cond.notify_all()
                return None
        else:
            log.debug("Fast preview: full build (no previous build)")
        self.follow_up = False
        # Kept again only if this build runs this hook (mkdocs.yml may have changed).
        _state.kept = kept = None
        started = time.perf_counter()
        self.full()
        self.last_full = time.perf_counter() - started
        return None

    def _tell_full_build(self, reason: str) -> None:
        wait = f", environ {max(1, round(self.last_full))} s comme la dernière fois" if self.last_full else ""
        log.info(f"Aperçu : tout le site est reconstruit ({reason}){wait}.")

    def _quick_update(self, kept: _Kept, changed: list[str], start: float) -> None:
        config, files = kept.config, kept.files
        normalize = _hook(config, _NORMALIZE_HOOK)
        if not changed or len(changed) > MAX_QUICK_FILES + MAX_QUICK_STATIC_FILES:
            raise _Fallback(f"{len(changed)} fichiers ont changé")
        replaced = {path: file for path in changed if (file := _replaced_static_file(path, config, files)) is not None}
        posts = normalize.posts_dir(config) if normalize is not None else None
        added = {
            path: file for path in changed if path not in replaced and (file := _new_static_file(path, config, files, posts)) is not None
        }
        articles = [path for path in changed if path not in replaced and path not in added]
        if len(articles) > MAX_QUICK_FILES or len(replaced) + len(added) > MAX_QUICK_STATIC_FILES:
            raise _Fallback(f"{len(changed)} fichiers ont changé")
        sources = {path: _article_source(path, config, normalize) for path in articles}  # path -> (shown, src_uri)
        naming: set[str] = set()  # articles not saved, naming a new file: converted again
        if added:
            saved = {src_uri for _shown, src_uri in sources.values()}
            naming = set(_articles_naming(added, files, config, posts, saved)) - set(articles)
            if len(articles) + len(naming) > MAX_QUICK_FILES:
                raise _Fallback(f"{len(naming)} autres articles citent peut-être les nouveaux fichiers")
            sources.update((path, _article_source(path, config, normalize)) for path in naming)
        changed = sorted([*articles, *naming])
        if added:
            for file in added.values():  # before the articles are read: they may show it
                files.append(file)
                normalize.current_context().add_site_file(file.src_uri)
        blog = _blog(config, normalize)
        gone = [path for path in changed if not os.path.lexists(path)]
        present = [path for path in changed if os.path.lexists(path)]
        renamed: dict[str, str] = {}  # a file renamed (one article gone, one new): new path -> old path
        if len(gone) == 1 and len(present) == 1 and files.get_file_from_path(sources[present[0]][1]) is None:
            old = files.get_file_from_path(sources[gone[0]][1])
            if _is_post(getattr(old, "page", None), blog):
                renamed[present[0]] = gone.pop()

        # Every article is read before anything changes: one with an error
        # leaves the served site and the kept build as they were.
        read: dict[str, tuple[Any, os.stat_result]] = {}
        for path in present:
            shown, src_uri = sources[path]
            if out_of(config.docs_dir, path) is not None:  # the full build refuses it, and says why
                raise _Fallback(f"{shown} est un lien hors du dossier docs/")
            seen = os.stat(path)
            article = _normalised(normalize, src_uri, Path(path).read_bytes(), shown)
            if not article.ok:
                _report(normalize, article, config, shown)
            read[path] = (article, seen)

        names = _names_shown(normalize)
        removed: list[tuple[str, File]] = []
        for path in gone:
            shown, src_uri = sources[path]
            file = files.get_file_from_path(src_uri)
            if file is None or not _is_post(file.page, blog):
                raise _Fallback(f"{shown} a été supprimé")
            _take_out(file, blog, kept, normalize)
            removed.append((path, file))
        updated: list[tuple[str, Any, str | None, str | None, str]] = []  # path, page, old dest_uri and url, what was done
        # Whether the listings change only where they show these posts' excerpts (their text, reading time).
        in_place = not gone and not renamed
        # In path order (``changed`` is sorted), as the full build reads them:
        # each article's spelling check sees the new spellings of those before it.
        for path in present:
            article, _seen = read[path]
            shown, src_uri = sources[path]
            file = files.get_file_from_path(src_uri)
            old_path = renamed.get(path)
            old = files.get_file_from_path(sources[old_path][1]) if old_path is not None else None
            moving = old if old is not None else file
            old_uri, old_url = (moving.dest_uri, moving.url) if moving is not None else (None, None)
            if file is None:
                page = _new_post(article, blog, normalize, config, files, shown, leaving=old)
                in_place = False
            else:
                page, fields = _edited_post(article, file, blog, normalize, config, files, shown)
                in_place = in_place and fields <= LISTED_IN_PLACE
            done = "ajouté" if old_uri is None else "mis à jour (il cite un nouveau fichier)" if path in naming else "mis à jour"
            if old is not None and old_path is not None:
                _take_out(old, blog, kept, normalize)
                done = f"mis à la place de {sources[old_path][0]}"
            updated.append((path, page, old_uri, old_url, done))
        names_after = _names_shown(normalize)
        _check_names_shown(names, names_after, _cause(changed, sources, renamed))
        made = _give_views([(page, sources[path][0]) for path, page, *_rest in updated], blog, config, files, normalize, names_after)
        # A new list: what hooks compute once per list of posts (the related
        # articles' index) is computed again, from every post as it is now.
        blog.blog.posts = type(blog.blog.posts)(blog.blog.posts)
        gone_views = _update_views(made, blog, config, files, kept.nav, blog_menus(blog, config))
        if made or gone_views:
            # A new navigation: what is computed once per navigation
            # (hooks/navigation_memo.py) is computed again.
            kept.nav = Navigation(kept.nav.items, kept.nav.pages)

        # Where the served site is (the follow-up build may have swapped folders).
        root = os.path.abspath(self.server.root)
        for path, file in [*replaced.items(), *added.items()]:
            seen = os.stat(path)
            target = os.path.join(root, file.dest_uri)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            # Replaced whole: the server never sends half of it, and a file linked to it is left alone.
            shutil.copyfile(path, target + ".apercu")
            os.replace(target + ".apercu", target)
            kept.snapshot[path] = (seen.st_mtime_ns, seen.st_size)
            done = "remplacé" if path in replaced else "ajouté"
            log.info(f"Aperçu rapide : {_shown(path)} {done} en {_seconds_since(start)} s ; le reste du site suit.")
        doc_files = files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
        posts = [page for _path, page, *_rest in updated]
        listings = _listing_pages(posts, blog, config, files) if in_place and not made and not gone_views else []
        # The posts first: a view lists their excerpts, made as their pages are.
        pages = posts + [page for view in made for page in (view.pages or [view])] + listings
        for page in pages:
            page.file.dest_dir = root
            page.file.abs_dest_path = os.path.normpath(os.path.join(root, page.file.dest_uri))
            _populate_page(page, config, files)
        for page in pages:
            _build_page(page, config, doc_files, kept.nav, kept.env, excluded=page.file.inclusion.is_excluded())
        for path, file in removed:
            Path(root, file.dest_uri).unlink(missing_ok=True)
            kept.snapshot.pop(path, None)
            log.info(f"Aperçu rapide : {sources[path][0]} retiré en {_seconds_since(start)} s ; le reste du site suit.")
        for path, page, old_uri, old_url, done in updated:
            file, where = page.file, ""
            if old_uri is None:
                where = f" (adresse : /{file.url})"
            elif file.dest_uri != old_uri:
                Path(root, old_uri).write_text(moved_page(get_relative_url(file.url, old_url), page.title or ""), encoding="utf-8")
                where = f" (nouvelle adresse : /{file.url})"
            if path in renamed:
                kept.snapshot.pop(renamed[path], None)
            seen = read[path][1]
            kept.snapshot[path] = (seen.st_mtime_ns, seen.st_size)
            lists = ", ses listes aussi" if listings else ""
            log.info(f"Aperçu rapide : {sources[path][0]} {done} en {_seconds_since(start)} s{where}{lists} ; le reste du site suit.")
        for view in made:
            log.info(
                f"Aperçu rapide : {_view_shown(view)} ajoutée (adresse : /{view.file.url}) ; les autres pages la montrent après la reconstruction."
            )
        for view in gone_views:
            for page in view.pages or [view]:
                Path(root, page.file.dest_uri).unlink(missing_ok=True)
            log.info(f"Aperçu rapide : {_view_shown(view)} retirée ; les autres pages la retirent de leurs menus après la reconstruction.")

    def _staged_full_build(self) -> None:
        """The full build after a quick update, into a staging folder: the
        site stays served (with the updated article) until it is ready."""
        server, root = self.server, os.path.abspath(self.server.root)
        self.follow_up = False
        staging = tempfile.mkdtemp(prefix=os.path.basename(root) + "-", dir=os.path.dirname(root))
        with server._epoch_cond:
            epoch = server._wanted_epoch
            server._wanted_epoch = server._visible_epoch  # requests are not held during this build
            server._epoch_cond.notify_all()
        _state.staging, _state.kept = staging, None
        started = time.perf_counter()
        try:
            self.full()
            self.last_full = time.perf_counter() - started
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        finally:
            _state.staging = None
        with server._epoch_cond:
            server._wanted_epoch = epoch  # held again while the folders are swapped
        kept = _state.kept
        if kept is None or kept.config.site_dir != staging:
            shutil.rmtree(staging, ignore_errors=True)  # this hook did not run in that build
            return
        old = staging + "-old"
        os.rename(root, old)
        os.rename(staging, root)
        kept.config["site_dir"] = root
        # Removing thousands of files took seconds the server did not spend
        # on the writer's next save: a thread removes them meanwhile.
        threading.Thread(target=shutil.rmtree, args=(old,), kwargs={"ignore_errors": True}, name="old-site-removal", daemon=True).start()


def _docs_file(path: str, config: MkDocsConfig) -> str | None:
    """PATH as MkDocs names it, if it is a regular file under docs/ (no link)."""
    docs = os.path.abspath(config.docs_dir)
    if not path.startswith(docs + os.sep) or not os.path.isfile(path) or os.path.islink(path):
        return None
    return Path(os.path.relpath(path, docs)).as_posix()


def _replaced_static_file(path: str, config: MkDocsConfig, files: Files) -> File | None:
    """The site's file for PATH, if PATH is a file the site publishes as it
    is (an image, a PDF…), not a page, and is still there: the pages do not
    depend on its content (only on its existence), so copying it is all a
    full build would do with it."""
    src_uri = _docs_file(path, config)
    file = files.get_file_from_path(src_uri) if src_uri is not None else None
    if file is None or file.is_documentation_page() or file.inclusion is not InclusionLevel.INCLUDED:
        return None
    if file.abs_src_path is None or os.path.abspath(file.abs_src_path) != path:
        return None  # made by a plugin or a hook from something else
    return file


def _new_static_file(path: str, config: MkDocsConfig, files: Files, posts: str | None) -> File | None:
    """The site's file for PATH, if PATH is a new file the site will publish
    as it is (an image, a PDF…), not a page. Under the posts' folder (POSTS),
    only the images and attachments an article may show or link to."""
    src_uri = _docs_file(path, config)
    if posts is None or src_uri is None or files.get_file_from_path(src_uri) is not None:
        return None
    if src_uri.startswith(posts) and classify(src_uri) not in (FileKind.IMAGE, FileKind.ATTACHMENT):
        return None  # the full build leaves it out, and says so
    file = File(src_uri, config.docs_dir, config.site_dir, config.use_directory_urls)
    set_exclusions([file], config)  # as MkDocs decides it: exclude_docs, dotfiles, drafts
    if file.is_documentation_page() or file.inclusion is not InclusionLevel.INCLUDED:
        return None
    blog = config.plugins.get("material/blog")
    if blog is not None and blog.config.enabled and file.is_media_file():
        # As the blog plugin's on_files publishes its posts' media: in the blog's folder.
        root = posixpath.normpath(blog.config.blog_dir)
        blog_posts = posixpath.normpath(blog.config.post_dir.format(blog=root))
        if file.src_uri.startswith(blog_posts):
            file.dest_uri = file.dest_uri.replace(blog_posts, root)
            file.abs_dest_path = os.path.join(config.site_dir, file.dest_path)
            file.url = file.url.replace(blog_posts, root)
    return file


def _articles_naming(added: dict[str, File], files: Files, config: MkDocsConfig, posts: str | None, saved: set[str]) -> Iterator[str]:
    """The paths of the articles (under POSTS), besides those SAVED now, that
    may name a new file: they may have shown it as missing, and their pages
    are converted again. Any mention of its name counts (in any case, or as
    a web address writes it)."""
    names = [{name.casefold(), quote(name).casefold()} for file in added.values() for name in [posixpath.basename(file.src_uri)]]
    for file in files:
        if file.src_uri in saved or not file.src_uri.startswith(posts or "") or not file.is_documentation_page():
            continue
        source = os.path.join(os.path.abspath(config.docs_dir), *file.src_uri.split("/"))
        try:
            text = Path(source).read_text(encoding="utf-8", errors="replace").casefold()
        except OSError:
            continue  # gone: the next save says so
        if any(variant in text for variants in names for variant in variants):
            yield source


def _article_source(path: str, config: MkDocsConfig, normalize: Any) -> tuple[str, str]:
    """PATH as the writer sees it, and as MkDocs names it, if it is an article."""
    shown = _shown(path)
    docs = os.path.abspath(config.docs_dir)
    if normalize is None or not path.startswith(docs + os.sep) or not is_article(path):
        raise _Fallback(f"{shown} a changé, ce n'est pas un article")
    src_uri = Path(os.path.relpath(path, docs)).as_posix()
    if not src_uri.startswith(normalize.posts_dir(config)):
        raise _Fallback(f"{shown} a changé, ce n'est pas un article")
    return shown, src_uri


def _blog(config: MkDocsConfig, normalize: Any) -> Any:
    blog = config.plugins.get("material/blog")
    if blog is None or normalize.current_context() is None:
        raise _Fallback("le blog n'est pas configuré")
    return blog


def _is_post(page: Any, blog: Any) -> bool:
    """Whether PAGE is one of the blog's posts in the last build."""
    return isinstance(page, Post) and any(post is page for post in blog.blog.posts)


def _take_out(file: File, blog: Any, kept: _Kept, normalize: Any) -> None:
    """FILE's post out of the blog's posts and of the kept files."""
    # A new list, of the same class: what was computed from the last one
    # (hooks/related_articles.py's index) is computed again.
    posts = blog.blog.posts
    blog.blog.posts = type(posts)(post for post in posts if post is not file.page)
    _link_posts(blog)
    kept.files.remove(file)
    normalize.author_spellings().pop(file.src_uri, None)
    normalize.term_spellings().pop(file.src_uri, None)


def _edited_post(
    article: Any, file: File, blog: Any, normalize: Any, config: MkDocsConfig, files: Files, shown: str
) -> tuple[Any, frozenset[str]]:
    """FILE's post, its copy written again from its edited ARTICLE, if the
    fields that changed are ones the fast path follows; and those fields."""
    page = file.page
    if not _is_post(page, blog):
        raise _Fallback(f"{shown} n'était pas dans l'aperçu")
    copy = Path(file.abs_src_path)
    text = article.to_markdown()
    fields = changed_fields(_front_matter(copy.read_text(encoding="utf-8")), _front_matter(text))
    # In `mkdocs serve`, drafts are shown like the others (the blog plugin's
    # draft_on_serve): their page is the same, only the listings mark them.
    quick = QUICK_FIELDS | ADDRESS_FIELDS | ({"draft"} if blog.config.draft else set())
    if not fields <= quick:
        names = ", ".join(sorted(FIELD_NAMES.get(field, field) for field in fields - quick))
        raise _Fallback(f"l'en-tête de {shown} a changé : {names}")
    _report(normalize, article, config, shown)
    _check_term_spellings(article, normalize, shown)
    normalize.write_if_changed(copy, text)

    # Material reads a post's file in Post's constructor: a fresh one
    # reads the new body, and the values the last render computed
    # (reading time, authors) start again from the file's.
    try:
        fresh = Post(file, config)
    finally:
        file.page = page  # Page's constructor made the fresh one the file's page
    page.markdown = fresh.markdown
    page.meta = fresh.meta  # as the page events of a full build first see it
    for name in ("readtime", "date", "slug", "draft"):
        page.config[name] = fresh.config[name]
    page.config.categories, page.config.authors = fresh.config.categories, fresh.config.authors
    _record_author_names(article, normalize)  # the same ids may be written otherwise
    page.authors = []
    if fields & (ADDRESS_FIELDS | {"categories"}):  # a blog may put rubriques in its addresses
        _move_post(page, blog, config, files, shown)
    if "date" in fields:
        _link_posts(blog)
    return page, frozenset(fields)


def _new_post(article: Any, blog: Any, normalize: Any, config: MkDocsConfig, files: Files, shown: str, leaving: File | None = None) -> Any:
    """The post of a new ARTICLE, added to the blog as the full build adds it
    (LEAVING: the file it replaces, whose address it may take)."""
    original = File(article.path, config.docs_dir, config.site_dir, config.use_directory_urls)
    set_exclusions([original], config)
    if original.inclusion is not InclusionLevel.INCLUDED:  # left out by mkdocs.yml's exclude_docs and the like
        raise _Fallback(f"{shown} est un nouveau fichier que le site ne publie pas tel quel")
    _report(normalize, article, config, shown)
    _check_term_spellings(article, normalize, shown, leaving)
    file = normalize.normalised_file(article, original, config)
    post = Post(file, config)
    if blog._is_excluded(post):
        raise _Fallback(f"{shown} est un nouvel article pas encore publié")
    _record_author_names(article, normalize)
    _move_post(post, blog, config, files, shown, leaving)
    file.inclusion = InclusionLevel.NOT_IN_NAV  # as the blog plugin leaves its posts
    files.append(file)
    blog.blog.posts.append(post)
    _link_posts(blog)
    return post


def _listing_pages(posts: list[Any], blog: Any, config: MkDocsConfig, files: Files) -> list[Any]:
    """The pages that show POSTS' excerpts (their text, their reading time),
    as many as ``MAX_LISTING_PAGES``: the page of each listing (the blog,
    its archive, rubriques and authors) where each post is, and the home
    page when it lists one of the newest posts (hooks/latest_articles.py).
    None if there are more: the follow-up build brings them."""
    pages: list[Any] = []
    for view in blog._resolve_views(blog.blog):
        paginated = blog._config_pagination(view)
        step = blog._config_pagination_per_page(view) if paginated else 0
        for post in posts:
            at = next((number for number, listed in enumerate(view.posts) if listed is post), None)
            if at is None:
                continue
            page = view.pages[at // step] if paginated and view.pages else view
            if not any(page is other for other in pages):
                pages.append(page)
    latest = _hook(config, _LATEST_HOOK)
    if latest is not None and any(listed is post for listed in blog.blog.posts[: latest.COUNT] for post in posts):
        for file in files.documentation_pages():
            # The posts and listings (thousands) never hold the marker: only the site's other pages are read.
            if isinstance(file.page, (Post, View)) or file.page is None or not file.abs_src_path:
                continue
            if not any(file.page is other for other in pages):
                try:
                    source = Path(file.abs_src_path).read_text(encoding="utf-8-sig")
                except OSError:
                    continue
                if latest.MARKER in source:
                    pages.append(file.page)
    return pages if len(pages) <= MAX_LISTING_PAGES else []


def _report(normalize: Any, article: Any, config: MkDocsConfig, shown: str) -> None:
    """The article's warnings, as the full build gives them, or its errors."""
    try:
        normalize.report([article], config)
    except PluginError as error:
        raise _ArticleError(shown, str(error)) from None


def _record_author_names(article: Any, normalize: Any) -> None:
    """An author missing from .authors.yml is shown as the first article naming
    them, in path order, writes it: ARTICLE's spellings count among the
    site's, and ``_check_names_shown`` tells whether a name shown changed (an
    article written otherwise, after the first one, changes nothing)."""
    normalize.author_spellings()[article.path] = article.unknown_authors


def _check_term_spellings(article: Any, normalize: Any, shown: str, leaving: File | None = None) -> None:
    """A topic or rubrique missing from the taxonomy is shown as the first
    article writing it, in path order, has it: ARTICLE, normalised with the
    last build's forms, must show each of its own as a clean build would
    (LEAVING: the file it replaces). Its spellings then count among the site's."""
    spellings = normalize.term_spellings()
    left_out = {article.path, leaving.src_uri if leaving is not None else None}
    for field, word in (("tags", "le thème"), ("categories", "la rubrique")):
        typed = article.term_spellings.get(field) or {}
        if not typed:
            continue
        others = [(path, terms.get(field) or {}) for path, terms in spellings.items() if path not in left_out]
        first = first_spellings(terms for _, terms in sorted([*others, (article.path, typed)], key=lambda item: item[0]))
        displayed = {term_key(term): term for term in article.meta.get(field) or []}
        for key, spelling in typed.items():
            if displayed.get(key) != first[key]:
                raise _Fallback(f"{shown} écrit {word} « {spelling} » autrement que les autres articles")
    spellings[article.path] = article.term_spellings


def blog_menus(blog: Any, config: MkDocsConfig) -> dict[str, list[str]]:
    """The entries of the blog's menus, which every page shows, named by the
    menu's title, as the blog plugin makes them from its posts: the archive's
    years (newest first), the rubriques (by name), the authors (by name with
    hooks/blog_menus.py, else in the order of their newest article)."""
    options, posts = blog.config, blog.blog.posts
    menus: dict[str, list[str]] = {}
    if options.archive:
        menus[options.archive_name] = list(dict.fromkeys(blog._format_path_for_archive(post, config) for post in posts))
    if options.categories:
        menus[options.categories_name] = sorted({name for post in posts for name in post.config.categories})
    if options.authors and options.authors_profiles:
        authors = list(dict.fromkeys(author for post in posts for author in post.config.authors))
        menus[options.authors_profiles_name] = sorted(authors) if _hook(config, _MENUS_HOOK) else authors
    return menus


def _names_shown(normalize: Any) -> dict[str, str]:
    """The names every page shows of the authors missing from .authors.yml."""
    spellings = sorted(normalize.author_spellings().items())  # as the full build reads the articles
    return names_of_unknown_authors(names for _path, names in spellings)


def _check_names_shown(before: dict[str, str], after: dict[str, str], cause: str) -> None:
    """The names of the authors missing from .authors.yml that every page
    shows must be as BEFORE the change, or the full build makes them all
    (CAUSE: what changed it, « … change »). A new author's name is shown on
    the pages saved now, and on the others after the follow-up build, as
    are the menus' entries (``_update_views``)."""
    respelled = sorted(key for key in before.keys() & after.keys() if before[key] != after[key])
    if respelled:
        raise _Fallback(f"{cause} le nom affiché de « {before[respelled[0]]} »")


def _cause(changed: list[str], sources: dict[str, tuple[str, str]], renamed: dict[str, str]) -> str:
    """What changed, as the start of « … change le nom affiché … »."""
    if renamed:
        ((new, old),) = renamed.items()
        return f"le renommage de {sources[old][0]} en {sources[new][0]} change"
    if len(changed) != 1:  # several articles (or only files published as they are: nothing to tell)
        return f"ces {len(changed)} fichiers changent"
    (path,) = changed
    return f"la suppression de {sources[path][0]} change" if not os.path.lexists(path) else f"{sources[path][0]} change"


def _seconds_since(start: float) -> str:
    return f"{time.perf_counter() - start:.1f}".replace(".", ",")


def _link_posts(blog: Any) -> None:
    """Order the blog's posts and link each to the next and previous one as
    the blog plugin does: newest first (pinned ones before), posts of the
    same date in the order MkDocs lists their files."""
    posts = blog.blog.posts
    posts.sort(key=lambda post: file_sort_key(post.file))
    posts.sort(key=lambda post: (post.config.pin, post.config.date.created), reverse=True)
    blog._attach(blog.blog, [None, *reversed(posts), None])


def _give_views(
    posts: list[tuple[Any, str]], blog: Any, config: MkDocsConfig, files: Files, normalize: Any, names: dict[str, str]
) -> list[Any]:
    """Give each of POSTS (saved now, with the file names shown) its views as
    the blog plugin does: its rubriques' pages (``post.categories``), and its
    year's and its authors' for the menus. A view the last build did not have
    is made as the plugin makes it, its page's source in the plugin's
    temporary folder, and returned, listing those of POSTS it lists, in the
    blog's order (a new author missing from .authors.yml first gets the
    generated profile a full build gives them, named as NAMES has it)."""
    normalize.add_unknown_authors(config, names)
    options, made = blog.config, []
    order = {id(post): at for at, post in enumerate(blog.blog.posts)}
    for post, shown in sorted(posts, key=lambda item: order[id(item[0])]):
        post.categories = []
        if options.categories:
            for name in post.config.categories:
                if options.categories_allowed and name not in options.categories_allowed:
                    raise _Fallback(f"{shown} a une rubrique que mkdocs.yml ne permet pas : {name}")
                path = blog._format_path_for_category(name)
                post.categories.append(_view(Category, path, name, post, blog, config, files, made, shown))
        if options.archive:
            date = post.config.date.created
            path = blog._format_path_for_archive(post, config)
            _view(Archive, path, blog._format_date_for_archive(date, config), post, blog, config, files, made, shown)
        if options.authors and options.authors_profiles:
            for author_id in post.config.authors:
                author = blog.authors[author_id]
                path = blog._format_path_for_profile(author_id, author)
                view = _view(Profile, path, author.name, post, blog, config, files, made, shown)
                if not author.url:
                    author.url = view.file.url
    return made


def _view(kind: type, path: str, name: str, post: Any, blog: Any, config: MkDocsConfig, files: Files, made: list[Any], shown: str) -> Any:
    """The blog's view (of KIND) at PATH, made if the last build had none
    (added to MADE), POST listed on it if it is new."""
    file = files.get_file_from_path(path)
    if file is None:
        file = blog._path_to_file(path, config)
        blog._save_to_file(file.abs_src_path, f"# {name}")
        file.inclusion = blog.blog.file.inclusion  # where the plugin's on_nav leaves it
        files.append(file)
        made.append(kind(name, file, config))
    view = file.page
    if not isinstance(view, kind):
        raise _Fallback(f"{shown} demande une page à une adresse déjà prise : /{file.url}")
    if any(view is new for new in made):
        view.posts.append(post)
    return view


def _update_views(
    made: list[Any], blog: Any, config: MkDocsConfig, files: Files, nav: Navigation, menus: dict[str, list[str]]
) -> list[Any]:
    """Attach the views MADE as the blog plugin attaches its own (listed by
    the blog, paginated, each in its menu's section of the navigation, in
    the menu's order, linked to the pages before and after it), and take
    out those no article lists any more (MENUS: ``blog_menus`` after the
    change), which it returns."""
    in_nav = blog.blog.file.inclusion.is_in_nav()
    wanted = _menu_paths(blog, config, menus)
    gone_views: list[Any] = []
    for kind in (Archive, Category, Profile):
        views = blog.blog.views
        new = [view for view in made if type(view) is kind]
        gone = [view for view in views if type(view) is kind and view.file.src_uri not in wanted[kind]]
        if not new and not gone:
            continue
        for view in new:
            if blog._config_pagination(view):
                view.pages.extend(blog._generate_pages(view, config, files))
            for page in view.pages[1:]:
                page.file.inclusion = blog.blog.file.inclusion
        gone_ids = {id(view) for view in gone}
        ordered = _menu_order(kind, [view for view in views if type(view) is kind and id(view) not in gone_ids] + new, blog, config, menus)
        at = next((index for index, view in enumerate(views) if type(view) is kind), len(views))
        views[:] = [*views[:at], *ordered, *(view for view in views[at:] if type(view) is not kind)]
        for view in gone:
            for page in view.pages or [view]:
                files.remove(page.file)
        gone_views += gone
        if not in_nav:
            continue
        sections = [item for item in blog._resolve_siblings(blog.blog, nav) if isinstance(item, Section) and _only(item.children, kind)]
        if len(sections) != 1 or not ordered:
            raise _Fallback(f"le menu « {_menu_name(kind, blog)} » apparaît ou disparaît")
        section = sections[0]
        old = {id(view) for view in section.children}
        tail, head = section.children[0].previous_page, section.children[-1].next_page
        section.children[:] = ordered
        blog._attach(section, [tail, *ordered, head])
        for view in new:
            for page in view.pages[1:]:
                blog._attach_at(section, view, page)
        start = next((at for at, page in enumerate(nav.pages) if id(page) in old), len(nav.pages))
        nav.pages[:] = [*nav.pages[:start], *ordered, *(page for page in nav.pages[start:] if id(page) not in old)]
    return gone_views


def _menu_paths(blog: Any, config: MkDocsConfig, menus: dict[str, list[str]]) -> dict[type, set[str]]:
    """The source paths of the views each menu of MENUS (``blog_menus``) needs."""
    options = blog.config
    return {
        Archive: set(menus.get(options.archive_name, ())),
        Category: {blog._format_path_for_category(name) for name in menus.get(options.categories_name, ())},
        Profile: {blog._format_path_for_profile(author, blog.authors[author]) for author in menus.get(options.authors_profiles_name, ())},
    }


def _view_shown(view: Any) -> str:
    if isinstance(view, Archive):
        return f"la page de l'année {view.name}"
    return f"la page de la rubrique « {view.name} »" if isinstance(view, Category) else f"la page de l'auteur « {view.name} »"


def _only(items: list[Any], kind: type) -> bool:
    return bool(items) and all(type(item) is kind for item in items)


def _menu_name(kind: type, blog: Any) -> str:
    options = blog.config
    return {Archive: options.archive_name, Category: options.categories_name, Profile: options.authors_profiles_name}[kind]


def _menu_order(kind: type, views: list[Any], blog: Any, config: MkDocsConfig, menus: dict[str, list[str]]) -> list[Any]:
    """VIEWS (of KIND) in the order the blog plugin and hooks/blog_menus.py
    give them: the rubriques by ``categories_sort_by`` (their names first),
    the years and the authors in the order of their newest articles (the
    authors by name with hooks/blog_menus.py), as MENUS (``blog_menus``) has them."""
    options = blog.config
    if kind is Category:
        return sorted(sorted(views, key=view_name), key=options.categories_sort_by, reverse=options.categories_sort_reverse)
    if kind is Archive:
        paths = menus[options.archive_name]
    else:
        newest_first = dict.fromkeys(author for post in blog.blog.posts for author in post.config.authors)
        paths = [blog._format_path_for_profile(author, blog.authors[author]) for author in newest_first]
    rank = {path: at for at, path in enumerate(paths)}
    ordered = sorted(views, key=lambda view: rank.get(view.file.src_uri, len(rank)))
    menus_hook = _hook(config, _MENUS_HOOK)
    return menus_hook.authors_by_name(ordered) if kind is Profile and menus_hook is not None else ordered


def _move_post(page: Any, blog: Any, config: MkDocsConfig, files: Files, shown: str, leaving: File | None = None) -> None:
    """Give PAGE the address the blog plugin computes from its title, date or slug."""
    moved = blog._path_to_file(blog._format_path_for_post(page, config), config, temp=False)
    file = page.file
    if any(other is not file and other is not leaving and other.dest_uri == moved.dest_uri for other in files):
        raise _Fallback(f"{shown} prendrait l'adresse d'une autre page : /{moved.url}")
    file.dest_uri, file.url = moved.dest_uri, moved.url
    page._set_canonical_url(config.site_url)


def moved_page(url: str, title: str) -> str:
    """What the old address of a moved article serves until the full build
    is done: the browser, reloading it, goes to URL (relative)."""
    href, text = html.escape(url), html.escape(title)
    return (
        '<!doctype html>\n<html lang="fr">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="refresh" content="0; url={href}">\n<title>{text}</title>\n</head>\n<body>\n'
        f"<p>L'article a changé d'adresse : <a href=\"{href}\">{text}</a>.</p>\n</body>\n</html>\n"
    )


# What editors write next to the file open in them, which the site never
# publishes: Vim's swap files and its write test, Emacs' and gedit's backups
# and autosaves, Office's lock files.
_EDITOR_FILE = re.compile(r"\..*\.sw[a-p]|.*~|#.*#|\.#.*|4913|~\$.*")


def _without_editor_files(changed: list[str], kept: _Kept) -> list[str]:
    """CHANGED without an editor's own files (``_EDITOR_FILE``), whose
    new state the kept snapshot takes: a save in Vim or Emacs needs no more
    than the article's own update."""
    left = []
    for path in changed:
        if not _EDITOR_FILE.fullmatch(os.path.basename(path)):
            left.append(path)
            continue
        try:
            seen = os.stat(path)
        except OSError:
            kept.snapshot.pop(path, None)
        else:
            kept.snapshot[path] = (seen.st_mtime_ns, seen.st_size)
    return left


def _changes(before: Snapshot, after: Snapshot) -> set[str]:
    return {path for path in before.keys() | after.keys() if before.get(path) != after.get(path)}


def _shown(path: str) -> str:
    """PATH as writers see it in the other messages: from the project's folder."""
    try:
        return Path(os.path.relpath(path)).as_posix()
    except ValueError:  # another drive (Windows)
        return Path(path).as_posix()


def _hook(config: MkDocsConfig, file_name: str) -> Any:
    for name, plugin in config.plugins.items():
        if name.endswith(file_name):
            return plugin
    return None


def _normalised(normalize: Any, src_uri: str, raw: bytes, shown: str) -> Any:
    """The article normalised as hooks/normalize_articles.py does, with the last build's context."""
    context = normalize.current_context()
    index = getattr(context, "links", None)
    deferred_before = index is not None and src_uri in index.deferred
    article = normalize_article(src_uri, raw, context)
    if index is not None and not index.urls_known and src_uri in index.deferred and not deferred_before:
        index.deferred.discard(src_uri)
        raise _Fallback(f"{shown} renvoie à un article par son adresse")
    return article


def _front_matter(text: str) -> str:
    head, separator, _ = text.partition("\n---\n")
    return head if separator else text


def changed_fields(before: str, after: str) -> set[str]:
    """The fields whose values differ between two normalised front matters
    (canonical YAML, written by ``Article.to_markdown``)."""
    old, new = (yaml.load(text.removeprefix("---\n"), Loader=_Loader) or {} for text in (before, after))
    return {key for key in old.keys() | new.keys() if old.get(key) != new.get(key)}
