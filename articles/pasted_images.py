"""Images pasted into an article's text, as files of their own (for ``fix``).

Google Docs' Markdown export, and some e-mail clients, write an image into
the text itself: ``![][image1]`` then ``[image1]: <data:image/png;base64,…>``.
The site never shows such an image (``image_embedded``). The writers' ``fix``
saves each one as a file beside the article, in ``img/``, and points the
text at it. Only bytes that are a PNG, JPEG, GIF or WebP image become a file
(the type is read from the bytes, never from what the address says).
"""

from __future__ import annotations

import base64
import binascii
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass

from articles import markdown
from articles.slugs import slugify

# The address: its media type, then base64 (line breaks and spaces allowed).
_DATA_ADDRESS = re.compile(r"^<?\s*data:image/[\w.+-]+;base64,(?P<data>[A-Za-z0-9+/=\s]+?)\s*>?$", re.I)
# The file types the site publishes, told by their first bytes.
_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpg"),
    (b"GIF87a", "gif"),
    (b"GIF89a", "gif"),
)


@dataclass(frozen=True)
class PastedImage:
    """An image to save: its docs-relative path, and its bytes."""

    path: str
    data: bytes
    name: str  # as the text named it (its label, or its description)


def image_type(data: bytes) -> str | None:
    """The file extension of ``data`` when it is a whole PNG, JPEG, GIF or
    WebP image (its first and last bytes as the format has them: a
    truncated copy is not one)."""
    for signature, extension in _SIGNATURES:
        if data.startswith(signature):
            return extension if data.endswith(_ENDINGS[extension]) else None
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP" and int.from_bytes(data[4:8], "little") == len(data) - 8:
        return "webp"
    return None


_ENDINGS = {"png": b"IEND\xaeB`\x82", "jpg": b"\xff\xd9", "gif": b";"}


def decoded(address: str) -> bytes | None:
    """The bytes of a ``data:image/…;base64,…`` address, if it is one."""
    address = address.strip()
    found = _DATA_ADDRESS.match(address)
    if found is None or address.startswith("<") != address.endswith(">"):
        return None
    try:
        return base64.b64decode("".join(found.group("data").split()), validate=True)
    except (binascii.Error, ValueError):
        return None


def as_files(body: str, article_path: str, exists: Callable[[str], bytes | None]) -> tuple[str, list[PastedImage]]:
    """``body`` with each pasted image pointing at a file of its own in the
    article's ``img/`` folder, and the files to write. ``exists(path)`` gives
    the bytes of a docs-relative file already there (None when there is
    none): a file with the same bytes is reused, any other is never
    overwritten (the new one gets another name)."""
    folder = posixpath.dirname(article_path)
    stem = slugify(posixpath.splitext(posixpath.basename(article_path))[0]) or "article"
    images: list[PastedImage] = []
    taken: dict[str, bytes] = {}

    def saved(address: str, name: str) -> str | None:
        data = decoded(address)
        extension = image_type(data) if data else None
        if data is None or extension is None:
            return None
        base = f"{stem}-{slugify(name) or 'image'}"
        for number in range(1, 1000):
            file_name = f"{base}.{extension}" if number == 1 else f"{base}-{number}.{extension}"
            relative = posixpath.join("img", file_name)
            path = posixpath.join(folder, relative)
            there = taken[path] if path in taken else exists(path)
            if there is None or there == data:
                if there is None:
                    images.append(PastedImage(path, data, name))
                taken[path] = data
                return relative
        return None

    def inline(found: markdown.Match, text: str, line: int) -> str:
        relative = saved(found.group("src"), found.group("alt").strip())
        if relative is None:
            return found.group(0)
        whole, offset = found.group(0), found.start()
        return whole[: found.start("src") - offset] + relative + whole[found.end("src") - offset :]

    def definition(found: markdown.Match, text: str, line: int) -> str:
        relative = saved(found.group("src"), found.group("label"))
        if relative is None:
            return found.group(0)
        return found.group(0)[: found.start("src") - found.start()] + relative

    def step(text: str, line: int) -> str:
        if "data:" not in text.lower():
            return text
        current = text
        text = markdown._substitute(markdown._IMAGE, text, lambda found: inline(found, current, line))
        current = text
        return markdown._substitute(markdown._DEFINITION, text, lambda found: definition(found, current, line))

    (rewritten,) = markdown._map_prose(body, [step])
    return rewritten, images
