"""The build cache under ``.cache/build/``: what a build made, kept for the next one.

Two kinds of entries, each found by a hash of everything it was made from:

- whole built sites (``sites/<key>/manifest.json``, their files stored once
  in ``sites/objects/``), with the warnings their build logged: a build
  whose inputs all hash the same is copied back instead of run;
- the HTML of pages (``pages/<key>.json``): a page whose Markdown, rendering
  settings and resolved links are unchanged is not converted again.

Nothing is trusted without a check. A kept site is copied back (hard links
where possible) only if each of its files still has the hash written in its
manifest when it was kept (a file found changed is removed); an entry
that cannot be read, or was written by another format, counts as absent; the
build then runs as if there were no cache. Plain Python, no MkDocs import: the
hook (``hooks/build_cache.py``) says which inputs count.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import json
import os
import platform
import queue
import re
import shutil
import threading
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

# Bumped whenever what an entry holds, or how a key is made, changes.
FORMAT = "2"
MANIFEST = "manifest.json"
OBJECTS = "objects"  # a kept site's files, each named by its hash
# Kept sites: the published form and the downloadable preview of the same sources.
KEPT_SITES = 2
_CHUNK = 1 << 20
_HASH = re.compile(r"[0-9a-f]{64}")
_QUEUED_WRITES = 64


def folder_digest(folder: Path, *, skip: Iterable[str] = ()) -> str:
    """A hash of every file under ``folder``: names relative to it and contents.

    ``skip``: names of folders (at any depth) left out, such as ``__pycache__``.
    """
    skipped = set(skip)
    digest = hashlib.sha256()
    if folder.is_file():
        _add_file(digest, folder.name, folder)
        return digest.hexdigest()
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d not in skipped)
        for name in sorted(names):
            path = Path(root) / name
            _add_file(digest, path.relative_to(folder).as_posix(), path)
    return digest.hexdigest()


def _add_file(digest: Any, name: str, path: Path) -> None:
    digest.update(name.encode("utf-8", "surrogateescape") + b"\0")
    with path.open("rb") as stream:
        while chunk := stream.read(_CHUNK):
            digest.update(chunk)
    digest.update(b"\0")


@functools.cache
def installed_versions() -> str:
    """Python's version and every installed distribution's, one per line (read once per process)."""
    names = sorted(
        f"{dist.metadata['Name']}=={dist.version}".casefold() for dist in importlib.metadata.distributions() if dist.metadata["Name"]
    )
    return "\n".join([f"python=={platform.python_version()}", *names])


def make_key(values: Mapping[str, object]) -> str:
    """The key of an entry: a hash of named values (strings, numbers, lists, mappings)."""
    text = json.dumps({"format": FORMAT, **values}, sort_keys=True, ensure_ascii=False, default=repr)
    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()


def _write_atomically(path: Path, data: bytes) -> None:
    # Named after the process: unique among those running (a build and its
    # forked copy write at once), cheaper than a random name.
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        try:
            temporary.write_bytes(data)
        except FileNotFoundError:  # the folder's first file (a mkdir for each would cost more)
            path.parent.mkdir(parents=True, exist_ok=True)
            temporary.write_bytes(data)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _write_quietly(path: Path, data: bytes) -> None:
    try:
        _write_atomically(path, data)
    except OSError:
        pass  # a cache that cannot be written only makes the next build slower


class KeptSites:
    """Whole built sites: for each, a manifest (every file's hash, the build's
    warnings); the files themselves are stored once, named by their hash
    (``objects/``), and shared by the kept sites that have them."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.objects = folder / OBJECTS

    def restore(self, key: str, site_dir: Path) -> list[dict[str, Any]] | None:
        """Copy the site kept under ``key`` to ``site_dir``; its warnings, or
        None (nothing kept, or a file missing or changed: ``site_dir`` is then
        left empty for a full build)."""
        kept = self.folder / key
        try:
            manifest = json.loads((kept / MANIFEST).read_text(encoding="utf-8"))
            if manifest.get("format") != FORMAT or manifest.get("key") != key:
                return None
            files: dict[str, str] = manifest["files"]
            records: list[dict[str, Any]] = manifest["records"]
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None
        _empty(site_dir)
        made: set[Path] = set()
        try:
            for name, expected in files.items():
                target = site_dir / name
                if not _is_inside(target, site_dir) or not _HASH.fullmatch(expected):
                    raise ValueError(name)
                source = self.objects / expected
                data = source.read_bytes()
                if hashlib.sha256(data).hexdigest() != expected:
                    source.unlink()  # changed since it was kept: the next keep stores it again
                    raise ValueError(name)
                if target.parent not in made:
                    target.parent.mkdir(parents=True, exist_ok=True)
                    made.add(target.parent)
                _link_or_copy(source, target, data)
        except (OSError, ValueError):
            _empty(site_dir)
            return None
        os.utime(kept / MANIFEST)  # recently used: kept longest
        return records

    def keep(self, key: str, site_dir: Path, records: list[dict[str, Any]]) -> None:
        """Keep the built ``site_dir`` under ``key``, with its warnings."""
        # Files go into one folder, without making one folder per page: on a
        # file system busy writing the site, each mkdir waits (bench/README.md).
        self.objects.mkdir(parents=True, exist_ok=True)
        files: dict[str, str] = {}
        for root, _dirs, names in os.walk(site_dir):
            for name in names:
                source = Path(root, name)
                data = source.read_bytes()
                digest = hashlib.sha256(data).hexdigest()
                files[source.relative_to(site_dir).as_posix()] = digest
                target = self.objects / digest
                if not target.exists():
                    _link_or_copy(source, target, data)
        manifest = {"format": FORMAT, "key": key, "files": files, "records": records}
        # Written last: a site is kept only once every file it names is stored.
        _write_atomically(self.folder / key / MANIFEST, json.dumps(manifest, ensure_ascii=False).encode("utf-8", "surrogateescape"))
        self._prune(keep=KEPT_SITES)

    def _prune(self, keep: int) -> None:
        """The ``keep`` sites used last stay, and the files they name."""
        kept = [path for path in self.folder.iterdir() if (path / MANIFEST).is_file()]
        kept.sort(key=lambda path: (path / MANIFEST).stat().st_mtime, reverse=True)
        for old in kept[keep:]:
            shutil.rmtree(old, ignore_errors=True)
        used: set[str] = set()
        for path in kept[:keep]:
            try:
                used.update(json.loads((path / MANIFEST).read_text(encoding="utf-8"))["files"].values())
            except (OSError, ValueError, KeyError, TypeError, AttributeError):
                shutil.rmtree(path, ignore_errors=True)  # unreadable: it could never be restored
        for stored in self.objects.iterdir():
            if stored.name not in used:
                stored.unlink(missing_ok=True)


def _link_or_copy(source: Path, target: Path, data: bytes) -> None:
    """A hard link where the file system allows it, else a copy of ``data``.

    A file changed in place through the other name (a build with ``--dirty``)
    changes the kept one too: its hash no longer matches and it is not used.
    """
    try:
        os.link(source, target)
    except OSError:
        target.write_bytes(data)


def _empty(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for child in folder.iterdir():
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child)
        else:
            child.unlink()


def _is_inside(path: Path, folder: Path) -> bool:
    return os.path.normpath(path).startswith(os.path.normpath(folder) + os.sep)


class PageCache:
    """The rendered HTML of pages, one JSON file per entry.

    Entries used or written by a build are touched; beyond ``limit`` entries,
    those unused the longest are removed (``prune``).
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        # Bounded: if the disk falls behind, the build waits rather than holding every page twice.
        self._writes: queue.Queue[tuple[Path, bytes] | None] = queue.Queue(maxsize=_QUEUED_WRITES)
        self._writer: threading.Thread | None = None
        self._writer_pid = 0

    def _path(self, key: str) -> Path:
        return self.folder / f"{key}.json"

    def write_in_background(self) -> None:
        """Until ``finish_writing``, entries are written by a thread of this
        process: creating a file waits on the file system, and the build's
        work goes on meanwhile. (A forked copy of the process writes its own.)"""
        if self._writer is None:
            self._writer_pid = os.getpid()
            self._writer = threading.Thread(target=self._write_queued, name="page-cache-writer", daemon=True)
            self._writer.start()

    def finish_writing(self) -> None:
        """Wait until every entry handed to the thread is written; the thread ends."""
        writer, self._writer = self._writer, None
        if writer is not None and self._writer_pid == os.getpid():
            self._writes.put(None)
            writer.join()

    def _write_queued(self) -> None:
        while (item := self._writes.get()) is not None:
            try:
                _write_quietly(*item)
            except Exception:  # noqa: BLE001 - the thread must go on taking entries, or the build would wait forever
                pass

    def get(self, key: str) -> dict[str, Any] | None:
        path = self._path(key)
        try:
            entry = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(entry, dict) or entry.get("format") != FORMAT or entry.get("key") != key:
            return None
        try:
            os.utime(path)
        except OSError:
            pass
        return entry

    def put(self, key: str, entry: Mapping[str, Any]) -> None:
        data = json.dumps({**entry, "format": FORMAT, "key": key}, ensure_ascii=False).encode("utf-8", "surrogateescape")
        if self._writer is not None and self._writer_pid == os.getpid():
            self._writes.put((self._path(key), data))
        else:
            _write_quietly(self._path(key), data)

    def prune(self, limit: int) -> int:
        """Remove the entries unused the longest beyond ``limit``; how many."""
        try:
            entries = [(path.stat().st_mtime, path) for path in self.folder.glob("*.json")]
        except OSError:
            return 0
        entries.sort(reverse=True)
        for _mtime, path in entries[limit:]:
            path.unlink(missing_ok=True)
        return max(0, len(entries) - limit)
