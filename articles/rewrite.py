"""The canonical version of an article's file, for the writers' ``fix``.

The front matter is round-tripped with ruamel.yaml: key order, comments and
unknown keys stay as the writer left them; field names become the ones the
guide uses (``keys.WRITTEN_NAMES``) and values are put in canonical form (ISO
date, lists of topics, author ids, whole minutes, a frozen slug). What the
writer typed as text (title, summary) is kept character for character; a
line the core could not use (an image not uploaded yet) is kept; the fields
that decide publication are never touched. The body keeps its bytes apart
from the repairs.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError

from articles import frontmatter, pasted_images
from articles.keys import WRITTEN_NAMES, canonical_key, is_mail_subject
from articles.normalize import CANONICAL_ORDER, Article
from articles.pasted_images import PastedImage
from articles.publication import Verdict, read_flag


class RewriteError(Exception):
    """The file cannot be rewritten safely; the message is for the writer."""


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = True
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def canonical_text(
    article: Article,
    original: str,
    *,
    pasted: list[PastedImage] | None = None,
    existing: Callable[[str], bytes | None] = lambda path: None,
) -> str:
    """The file ``original`` rewritten in canonical form (``article`` is its
    normalisation). With ``pasted``, the images pasted into the text point at
    files of their own, listed there to be written (``existing`` gives the
    bytes of a docs-relative file already there: ``pasted_images.as_files``)."""
    if not article.ok:
        raise RewriteError("l'article contient des erreurs : corrigez-les d'abord (voir « check »)")
    newline = "\r\n" if "\r\n" in original else "\n"
    text = frontmatter.normalise_newlines(original)
    (fmt, front_text, first_line, _, _), guessed = frontmatter.split_recovering(text)
    wanted = _wanted_meta(article)

    if fmt == "yaml":
        # Read as the core reads it: tabs, "#1" and "[Nouveau] ..." as text.
        front_text, _ = frontmatter.prepare_yaml(front_text)
        try:
            data = _yaml().load(front_text) if front_text.strip() else CommentedMap()
        except (YAMLError, ValueError, TypeError, AttributeError, RecursionError):
            raise RewriteError("l'en-tête ne peut pas être remis au propre automatiquement ; corrigez-le à la main") from None
        if data is None:
            data = CommentedMap()
        if not isinstance(data, CommentedMap):
            raise RewriteError("l'en-tête de l'article n'est pas une liste de champs")
        if guessed is not None and guessed[0] == "front_matter_confluence_byline":
            data.fa.set_block_style()  # read from Confluence's line, written as any header
        comments = ""
    else:
        # TOML (or no front matter) becomes YAML; full-line TOML comments are kept.
        data = CommentedMap()
        comments = "".join(f"{line.strip()}\n" for line in front_text.split("\n") if line.strip().startswith("#"))
        if fmt == "toml":
            data.update({key: value for key, value in frontmatter.parse(text).data.items()})

    _apply(data, wanted)
    stream = io.StringIO()
    try:
        _yaml().dump(data, stream)
    except (YAMLError, ValueError, TypeError, AttributeError, RecursionError):
        raise RewriteError("l'en-tête ne peut pas être remis au propre automatiquement ; corrigez-le à la main") from None
    front = comments + stream.getvalue()
    # Without a front matter the body is the whole file: keep a blank line
    # between the new front matter and the text.
    separator = "\n" if fmt is None else ""
    body = article.body
    if guessed is not None and guessed[0] in ("front_matter_below_title_guessed", "front_matter_confluence_byline"):
        body = _without_header_gap(body, first_line)
    if pasted is not None:
        body, images = pasted_images.as_files(body, article.path, existing)
        pasted.extend(images)
    return f"---\n{front}---\n{separator}{body}".replace("\n", newline)


def _without_header_gap(body: str, header_line: int) -> str:
    """The body of an article whose header was under its title (Notion),
    without the blank lines left where the header was: one blank line
    between the title and the text."""
    lines = body.split("\n")
    start = end = header_line - 1
    while start > 0 and not lines[start - 1].strip():
        start -= 1
    while end < len(lines) and not lines[end].strip():
        end += 1
    return "\n".join([*lines[:start], "", *lines[end:]])


def _wanted_meta(article: Article) -> dict[str, Any]:
    wanted = dict(article.meta)
    # Unknown authors keep the name the writer wrote: an id would mean nothing
    # until they are added to .authors.yml.
    if article.unknown_authors and "authors" in wanted:
        wanted["authors"] = [article.unknown_authors.get(author_id, author_id) for author_id in wanted["authors"]]
    return wanted


# Fields whose value decides whether the article is published: never touched.
_PUBLICATION = frozenset({"draft", "status", "confidential"})
# Text the writer typed: kept as typed when it is text.
_TEXT = frozenset({"title", "description"})


def _apply(data: CommentedMap, wanted: dict[str, Any]) -> None:
    renamed: set[str] = set()
    for key in list(data.keys()):
        canonical, _ = canonical_key(str(key))
        if canonical is None or canonical in _PUBLICATION:
            continue
        if canonical == "published":
            # `published: <date>` is the date; yes/no decides publication.
            if (
                "date" not in wanted
                or not isinstance(data[key], (dt.date, str))
                or _is_flag(data[key])
                or any(canonical_key(str(other))[0] == "date" for other in data)
            ):
                continue
            canonical = "date"
        if canonical in renamed:
            # A second spelling of a list key was merged into the first one.
            if canonical in ("authors", "categories", "tags") and canonical in wanted:
                _remove(data, key)
            continue
        renamed.add(canonical)
        if canonical not in wanted:
            continue  # not understood (an image not uploaded yet...): the line stays
        name = _rename(data, key, _written_name(canonical, wanted[canonical]))
        # An e-mail's subject loses its « RE: » as the title: written as shown.
        if canonical in _TEXT and isinstance(data[name], str) and not is_mail_subject(str(key)):
            continue
        if not _same(data[name], wanted[canonical]):
            _replace_value(data, name, _node(wanted[canonical]))
    position = 0
    for canonical in CANONICAL_ORDER:
        name = _written_name(canonical, wanted.get(canonical))
        at = [index for index, key in enumerate(data.keys()) if canonical_key(str(key))[0] == canonical]
        if at:
            position = at[0] + 1
        elif canonical in wanted and canonical != "draft" and name not in data:
            data.insert(position, name, _node(wanted[canonical]))
            position += 1


def _written_name(canonical: str, value: Any) -> str:
    # "auteurs" and "rubriques" when there are several.
    name = WRITTEN_NAMES[canonical]
    if canonical in ("authors", "categories") and isinstance(value, list) and len(value) > 1:
        return name + "s"
    return name


def _is_flag(value: Any) -> bool:
    return read_flag("published", value) is not Verdict.UNCLEAR


def _rename(data: CommentedMap, old: str, new: str) -> str:
    """Rename ``old`` to ``new`` in place; return the name the field now has."""
    if old == new or new in data:
        return old  # another field already has this name: the writer's name stays
    position = list(data.keys()).index(old)
    comment = data.ca.items.pop(old, None)
    value = data.pop(old)
    data.insert(position, new, value)
    if comment is not None:
        data.ca.items[new] = comment
    return new


def _replace_value(data: CommentedMap, key: str, value: Any) -> None:
    # The comment (and blank lines) after a value hangs on the key for a
    # scalar and on the last item for a list: move it when the shape changes.
    old = data[key]
    token = None
    if isinstance(old, CommentedSeq) and old and len(old) - 1 in old.ca.items:
        token = old.ca.items.pop(len(old) - 1)[0]
    elif key in data.ca.items and not isinstance(old, list):
        token = data.ca.items[key][2]
    data[key] = value
    if token is None:
        return
    if isinstance(value, CommentedSeq) and value:
        data.ca.items.pop(key, None)
        value.ca.items[len(value) - 1] = [token, None, None, None]
    elif not isinstance(value, list):
        data.ca.items.setdefault(key, [None, None, None, None])[2] = token


def _remove(data: CommentedMap, key: str) -> None:
    data.ca.items.pop(key, None)
    del data[key]


def _same(current: Any, wanted: Any) -> bool:
    if isinstance(wanted, list):
        return isinstance(current, list) and [str(item) for item in current] == [str(item) for item in wanted]
    if isinstance(wanted, dt.datetime) or isinstance(wanted, dt.date):
        return type(current) is type(wanted) and current == wanted
    return type(current) is type(wanted) and current == wanted


def _node(value: Any) -> Any:
    if isinstance(value, list):
        sequence = CommentedSeq(value)
        return sequence
    return value
