"""No network from the build: nothing a writer types makes a plugin reach
another host while the site is built.

The build runs in a process of its own (``no_network_build.py``, written into
the project) where every outbound connection and every name lookup for a host
other than the machine itself is recorded, then refused. The site is the real
one plus articles with remote images in front matter (``image:``,
``illustration:``) and in their text: the build must succeed, attempt no
connection, drop the remote covers with a French warning naming the file and
the line, and keep the text's images for readers' browsers to load.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from sitebuild import copy_site

DRIVER = r'''
"""Builds the site with every outbound connection refused and recorded.

Usage: python no_network_build.py ATTEMPTS_JSON [mkdocs build arguments...]
"""
import atexit
import ipaddress
import json
import socket
import sys

attempts = []
report, build_arguments = sys.argv[1], sys.argv[2:]


def _is_local(host):
    if host is None or host in ("localhost", ""):
        return True
    try:
        return ipaddress.ip_address(str(host).split("%")[0]).is_loopback
    except ValueError:
        return False


def _refuse(what, target):
    attempts.append(f"{what} {target!r}")
    raise ConnectionRefusedError(f"network refused during the build: {what} {target!r}")


_connect, _connect_ex = socket.socket.connect, socket.socket.connect_ex
_getaddrinfo, _create_connection = socket.getaddrinfo, socket.create_connection


def connect(self, address):
    if self.family in (socket.AF_INET, socket.AF_INET6) and not _is_local(address[0]):
        _refuse("connect", address)
    return _connect(self, address)


def connect_ex(self, address):
    if self.family in (socket.AF_INET, socket.AF_INET6) and not _is_local(address[0]):
        _refuse("connect_ex", address)
    return _connect_ex(self, address)


def getaddrinfo(host, *args, **kwargs):
    if not _is_local(host.decode() if isinstance(host, bytes) else host):
        attempts.append(f"getaddrinfo {host!r}")
        raise socket.gaierror(socket.EAI_NONAME, f"name lookup refused during the build: {host!r}")
    return _getaddrinfo(host, *args, **kwargs)


def create_connection(address, *args, **kwargs):
    if not _is_local(address[0]):
        _refuse("create_connection", address)
    return _create_connection(address, *args, **kwargs)


socket.socket.connect, socket.socket.connect_ex = connect, connect_ex
socket.getaddrinfo, socket.create_connection = getaddrinfo, create_connection


@atexit.register
def _write_report():
    with open(report, "w", encoding="utf-8") as stream:
        json.dump(attempts, stream)


if build_arguments == ["--self-test"]:
    # The guard itself: a connection to a documentation address (TEST-NET-1).
    import urllib.request
    try:
        urllib.request.urlopen("http://192.0.2.1/", timeout=5)
    except OSError:
        pass
    try:
        socket.create_connection(("example.org", 443), timeout=5)
    except OSError:
        pass
    sys.exit(0)

from mkdocs.__main__ import cli

cli.main(args=["build", *build_arguments], prog_name="mkdocs")
'''

REMOTE_COVER = "https://images.example.com/couverture.jpg"
REMOTE_ILLUSTRATION = "http://cdn.example.net/visuel.png"
BODY_IMAGE = "https://static.example.org/schema.png"

ARTICLES = {
    "docs/blog/posts/2024-03-04-couverture-distante.md": f"""---
title: Une couverture prise sur un autre site
date: 2024-03-04
authors: [amelie]
tags: [marketing]
image: {REMOTE_COVER}
---

Le schéma ci-dessous vient d'un autre site.

![Schéma du parcours client]({BODY_IMAGE})

<img src="http://static.example.org/photo.jpg" alt="Photo">

Voir aussi [la source](https://www.example.com/article).
""",
    "docs/blog/posts/2024-03-05-illustration-distante.md": f"""---
titre: Une illustration distante
date: 05/03/2024
auteur: amelie
illustration: "{REMOTE_ILLUSTRATION}"
---

Texte de l'article.
""",
}


def _write_project(tmp_path: Path) -> Path:
    project = copy_site(tmp_path / "project")
    for relative, text in ARTICLES.items():
        (project / relative).write_text(text, encoding="utf-8")
    (project / "no_network_build.py").write_text(DRIVER, encoding="utf-8")
    return project


def _run(project: Path, *arguments: str) -> tuple[subprocess.CompletedProcess, list[str], str]:
    report = project / "network-attempts.json"
    command = [sys.executable, "no_network_build.py", str(report), *arguments]
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    # Proxies would turn a refused connection into a lookup of the proxy.
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        environment.pop(name, None)
    result = subprocess.run(command, cwd=project, env=environment, capture_output=True, text=True, timeout=300, check=False)
    attempts = json.loads(report.read_text(encoding="utf-8")) if report.is_file() else ["(no report written)"]
    reproduce = f"to reproduce: cd {project} && {' '.join(command)}"
    return result, attempts, reproduce


@pytest.fixture(scope="module")
def offline_build(tmp_path_factory: pytest.TempPathFactory):
    project = _write_project(tmp_path_factory.mktemp("no-network"))
    result, attempts, reproduce = _run(project, "--site-dir", "site")
    return project, result, attempts, reproduce


def test_the_guard_refuses_and_records_connections(tmp_path: Path) -> None:
    project = tmp_path / "guard"
    project.mkdir()
    (project / "no_network_build.py").write_text(DRIVER, encoding="utf-8")
    result, attempts, reproduce = _run(project, "--self-test")
    assert result.returncode == 0, f"{result.stdout}{result.stderr}\n{reproduce}"
    assert any("192.0.2.1" in attempt for attempt in attempts), f"{attempts}\n{reproduce}"
    assert any("example.org" in attempt for attempt in attempts), f"{attempts}\n{reproduce}"


def test_build_succeeds_without_network_and_attempts_no_connection(offline_build) -> None:
    project, result, attempts, reproduce = offline_build
    assert result.returncode == 0, f"build failed (exit {result.returncode}):\n{result.stderr[-4000:]}\n{reproduce}"
    assert attempts == [], f"the build tried to reach the network: {attempts}\n{reproduce}"
    assert (project / "site" / "index.html").is_file(), reproduce


def test_remote_covers_are_dropped_with_a_french_warning(offline_build) -> None:
    project, result, _, reproduce = offline_build
    log = result.stderr
    for file, line, src in (
        ("2024-03-04-couverture-distante.md", 6, REMOTE_COVER),
        ("2024-03-05-illustration-distante.md", 5, REMOTE_ILLUSTRATION),
    ):
        warnings = [text for text in log.splitlines() if file in text and "doit être un fichier du site" in text]
        assert warnings, f"no warning about the remote cover of {file}:\n{log[-4000:]}\n{reproduce}"
        assert f"{file}:{line}" in warnings[0] and src in warnings[0], f"{warnings[0]}\n{reproduce}"

    site = project / "site"
    published = "\n".join(path.read_text(encoding="utf-8") for pattern in ("feed_*.xml", "feed_*.json") for path in site.glob(pattern))
    assert "Une couverture prise sur un autre site" in published, reproduce
    for src in (REMOTE_COVER, REMOTE_ILLUSTRATION):
        assert src not in published, f"{src} is still in the feeds\n{reproduce}"


def test_images_in_the_text_stay_for_readers(offline_build) -> None:
    project, _, _, reproduce = offline_build
    page = project / "site" / "blog" / "2024" / "03" / "04" / "une-couverture-prise-sur-un-autre-site" / "index.html"
    html = page.read_text(encoding="utf-8")
    assert f'src="{BODY_IMAGE}"' in html, reproduce
