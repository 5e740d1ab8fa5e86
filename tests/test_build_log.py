"""The build's log carries writer text: GitHub's runner must read none of it as a workflow command.

The runner runs a line starting with ``::`` (after spaces) and a line holding
``##[`` anywhere; MkDocs prints messages as they are, one record possibly over
several lines.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from sitebuild import copy_site, run_build

PAYLOADS = ("\n::stop-commands::jeton", "\r::error file=x::faux", "##[error]faux", "\u2028::warning ::faux")


def _commands(message: str) -> list[str]:
    lines = message.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\x85", "\n").split("\n")
    return [line for line in lines if line.lstrip().startswith("::") or "##[" in line]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_no_log_line_of_a_build_can_start_a_workflow_command(tmp_path: Path, payload: str) -> None:
    project = copy_site(tmp_path / "site")
    escaped = payload.replace("\n", "\\n").replace("\r", "\\r").replace("\u2028", "\\u2028")
    (project / "docs/blog/posts/piege.md").write_text(
        "---\n"
        f'title: "Piège{escaped}"\n'
        "date: 2024-01-01\n"
        f'auteur: "Inconnu{escaped}"\n'
        f'tags: ["Thème{escaped}"]\n'
        f'"champ{escaped}": 1\n'
        f'"champ{escaped}": 2\n'
        "---\n\n"
        f'Texte [lien](introuvable{escaped.strip()}.md) et <b onclick="x()">gras</b>.\n',
        encoding="utf-8",
    )
    result = run_build(project)
    assert not result.aborted, result.reproduce()
    messages = [record.getMessage() for record in result.records if record.levelno >= logging.INFO]
    assert any("Inconnu" in message for message in messages), messages
    offending = [line for message in messages for line in _commands(message)]
    assert not offending, f"{offending}\n{result.reproduce()}"
