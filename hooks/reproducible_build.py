"""Two builds of the same commit give byte-identical sites.

Event: ``on_startup`` (before the configuration is read). The build date ends
up in the RSS feeds and in the gzipped sitemap; MkDocs and the RSS plugin take
it from ``SOURCE_DATE_EPOCH`` when it is set. Unless the caller set it, it is
set to the time of the last commit, so the date follows the content, not the
clock. Outside a git checkout nothing is set and the current time is used.
"""

from __future__ import annotations

import os
import subprocess
from typing import Literal

from mkdocs.plugins import get_plugin_logger

log = get_plugin_logger(__name__)


def on_startup(*, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
    if "SOURCE_DATE_EPOCH" in os.environ or command == "serve":
        return
    epoch = last_commit_time()
    if epoch is not None:
        os.environ["SOURCE_DATE_EPOCH"] = epoch
        log.debug("SOURCE_DATE_EPOCH=%s (last commit)", epoch)


def last_commit_time() -> str | None:
    try:
        result = subprocess.run(["git", "log", "-1", "--format=%ct"], capture_output=True, text=True, timeout=10, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    epoch = result.stdout.strip()
    return epoch if result.returncode == 0 and epoch.isdigit() else None
