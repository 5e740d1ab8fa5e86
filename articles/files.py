"""What a file under the posts folder is: an article, an image, an attachment, or nothing to publish.

One rule for the writers' check and for the build: the build publishes an
article exactly when ``check`` reads it as one, and leaves out (with a
warning from both) whatever is neither an article nor a file an article may
show or link to.
"""

from __future__ import annotations

import enum
import os
import posixpath
from pathlib import Path

# The suffixes MkDocs reads as Markdown pages (``mkdocs.utils.markdown_extensions``).
ARTICLE_SUFFIXES = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")
# Pictures a browser shows without running anything. SVG is left out: it can
# hold scripts, and served from the site's own origin it would run them.
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif")
# Documents readers download from an article.
ATTACHMENT_SUFFIXES = (".pdf", ".docx", ".xlsx", ".pptx", ".odt", ".ods", ".odp", ".csv", ".txt", ".zip")


class FileKind(str, enum.Enum):
    ARTICLE = "article"
    IMAGE = "image"
    ATTACHMENT = "attachment"
    REFUSED = "refused"  # not published, reported


def classify(path: str) -> FileKind:
    """The kind of a file under the posts folder, from its name (docs-relative or not).

    A name with two suffixes where the last one hides an article
    (``mon-article.md.txt``) is refused rather than published as a download:
    its writer meant an article.
    """
    name = posixpath.basename(path.replace("\\", "/")).casefold()
    stem, suffix = posixpath.splitext(name)
    if name.startswith(".") or not suffix:
        return FileKind.REFUSED
    if suffix in ARTICLE_SUFFIXES:
        return FileKind.ARTICLE
    if posixpath.splitext(stem)[1] in ARTICLE_SUFFIXES:
        return FileKind.REFUSED
    if suffix in IMAGE_SUFFIXES:
        return FileKind.IMAGE
    if suffix in ATTACHMENT_SUFFIXES:
        return FileKind.ATTACHMENT
    return FileKind.REFUSED


def is_article(path: str) -> bool:
    return classify(path) is FileKind.ARTICLE


def walk(folder: Path) -> list[Path]:
    """Every file under ``folder``, sorted, as MkDocs sees them: names starting
    with a dot are left out (MkDocs never publishes them), links to folders
    are not followed (a link loop would never end), and a folder that cannot
    be read is skipped."""
    found: list[Path] = []
    for current, folders, names in os.walk(folder, followlinks=False):
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        found.extend(Path(current) / name for name in names if not name.startswith("."))
    return sorted(found)


# What the build and the writers' check say of a file a symbolic link takes out of docs/.
LINK_OUT_OF_DOCS = "ce fichier mène, par un lien, à {target}, hors du dossier docs/"
LINK_OUT_OF_DOCS_HINT = "remplacez le lien par le fichier lui-même, placé dans docs/"


def linked_folders(folder: Path) -> list[Path]:
    """The links to folders under ``folder``, which MkDocs follows (``walk``
    does not); names starting with a dot are left out, as in ``walk``."""
    found: list[Path] = []
    for current, folders, _names in os.walk(folder, followlinks=False):
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        found.extend(Path(current) / name for name in folders if os.path.islink(os.path.join(current, name)))
    return found


def out_of(root: Path | str, path: Path | str) -> str | None:
    """Where ``path`` really is, when a symbolic link (its own, or a folder's
    on its way) leads out of ``root``; None when it stays inside."""
    real_root, target = os.path.realpath(root), os.path.realpath(path)
    try:
        inside = os.path.commonpath([real_root, target]) == real_root
    except ValueError:  # another drive (Windows)
        inside = False
    return None if inside else target
