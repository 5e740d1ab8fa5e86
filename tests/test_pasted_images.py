"""Images pasted into an article's text become files of their own (``fix``)."""

from __future__ import annotations

import base64
import struct
import zlib

import pytest

from articles.pasted_images import as_files, decoded, image_type

ARTICLE = "blog/posts/2026-11-26-comite.md"


def _png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(b"IEND", b"")


PNG = _png()
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 20 + b"\xff\xd9"
GIF = b"GIF89a" + b"\x00" * 10 + b";"
WEBP = b"RIFF" + (12).to_bytes(4, "little") + b"WEBPVP8 " + b"\x00" * 4


def address(data: bytes, declared: str = "png") -> str:
    return f"data:image/{declared};base64,{base64.b64encode(data).decode()}"


@pytest.mark.parametrize(("data", "kind"), [(PNG, "png"), (JPEG, "jpg"), (GIF, "gif"), (WEBP, "webp")])
def test_the_type_is_read_from_the_bytes(data: bytes, kind: str) -> None:
    assert image_type(data) == kind
    assert image_type(data[:-1]) is None, "a truncated copy is not an image"


@pytest.mark.parametrize(
    "data", [b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>", b"<html></html>", b"MZ\x90\x00", b""]
)
def test_what_is_not_a_picture_is_never_a_file(data: bytes) -> None:
    body = f"![x]({address(data, 'svg+xml')})\n\n![y]({address(data)})\n"
    assert as_files(body, ARTICLE, lambda path: None) == (body, [])


def test_google_docs_export_images_become_files_beside_the_article() -> None:
    body = (
        "# Comité\n\n![][image1]\n\n![Logo client](<" + address(PNG, "jpeg") + ">)\n\n"
        "`![code](" + address(PNG) + ")`\n\n```\n[image9]: <" + address(PNG) + ">\n```\n\n"
        "[image1]: <" + address(JPEG) + ">\n"
    )
    rewritten, images = as_files(body, ARTICLE, lambda path: None)
    assert [(image.path, image.data, image.name) for image in images] == [
        ("blog/posts/img/2026-11-26-comite-logo-client.png", PNG, "Logo client"),  # the type the bytes have
        ("blog/posts/img/2026-11-26-comite-image1.jpg", JPEG, "image1"),
    ]
    assert "![Logo client](img/2026-11-26-comite-logo-client.png)" in rewritten
    assert "[image1]: img/2026-11-26-comite-image1.jpg\n" in rewritten
    assert rewritten.count("data:image") == 2, "inline code and code blocks are left as written"


def test_a_file_already_there_is_reused_when_the_same_and_never_overwritten() -> None:
    there = {"blog/posts/img/2026-11-26-comite-image1.png": PNG, "blog/posts/img/2026-11-26-comite-image2.png": GIF}
    body = f"[image1]: <{address(PNG)}>\n[image2]: <{address(PNG)}>\n"
    rewritten, images = as_files(body, ARTICLE, there.get)
    assert [image.path for image in images] == ["blog/posts/img/2026-11-26-comite-image2-2.png"]
    assert rewritten == "[image1]: img/2026-11-26-comite-image1.png\n[image2]: img/2026-11-26-comite-image2-2.png\n"


def test_an_address_cut_over_two_lines_is_left_alone() -> None:
    encoded = base64.b64encode(PNG).decode()
    body = f"[image1]: <data:image/png;base64,{encoded[:20]}\n{encoded[20:]}>\n"
    assert as_files(body, ARTICLE, lambda path: None) == (body, [])
    assert decoded(f"<data:image/png;base64,{encoded}") is None
    assert decoded(f"data:image/png;base64,{encoded[:10]} {encoded[10:]}") == PNG
