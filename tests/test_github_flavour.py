"""What GitHub's preview shows, the site shows (articles/github_flavour.py):
alerts and Obsidian's callouts as notes, emoji short names as emoji,
``~texte~`` struck through, a backslash ending a line as a line break; never
in code, never a line added, never in what ``fix`` writes back.

Reproduce: .venv/bin/python -m pytest tests/test_github_flavour.py -p no:cacheprovider -n0
"""

from __future__ import annotations

from pathlib import Path

import pytest
from markdown import Markdown
from mkdocs.config import load_config

from articles import SiteContext, normalize_article
from articles.github_flavour import (
    alerts_as_notes,
    backslash_line_breaks,
    containers_as_notes,
    emoji_from_short_names,
    github_flavoured,
    single_tildes_struck,
)

ROOT = Path(__file__).resolve().parent.parent


def site_html(markdown: str) -> str:
    """MARKDOWN converted with the site's extensions and their settings (mkdocs.yml)."""
    config = load_config(str(ROOT / "mkdocs.yml"))
    return Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs).convert(markdown)


@pytest.mark.parametrize(
    ("written", "note"),
    [
        ("> [!NOTE]\n> Le salon ouvre à 9 h.", '!!! note "Remarque"\n    Le salon ouvre à 9 h.'),
        ("> [!IMPORTANT]\n> Un point.", '!!! info "Important"\n    Un point.'),
        ("> [!WARNING]\n> Un point.", '!!! warning "Attention"\n    Un point.'),
        ("> [!CAUTION]\n> Un point.", '!!! danger "Prudence"\n    Un point.'),
        ("> [!tip] Mon titre\n> Un point.", '!!! tip "Mon titre"\n    Un point.'),
        ("> [!faq]- Pliée\n> Réponse.", '??? question "Pliée"\n    Réponse.'),
        ("> [!example]+\n> Ouverte.", '???+ example "Exemple"\n    Ouverte.'),
        ("> [!NOTE]\n> Une ligne\nsa suite.", '!!! note "Remarque"\n    Une ligne\n    sa suite.'),
        ("> [!NOTE]\n>\n> - un\n> - deux\n\nAprès.", '!!! note "Remarque"\n\n    - un\n    - deux\n\nAprès.'),
        ("> [!NOTE]\n> > Citée.", '!!! note "Remarque"\n    > Citée.'),
    ],
)
def test_alerts_and_callouts_are_notes(written: str, note: str) -> None:
    assert alerts_as_notes(written) == note
    assert written.count("\n") == note.count("\n")


@pytest.mark.parametrize(
    "written",
    [
        "> [!INCONNU]\n> Une citation.",  # not a kind GitHub or Obsidian knows: GitHub shows it as typed
        "> Une citation\n> [!NOTE] au milieu",  # not the quote's first line
        "```\n> [!NOTE]\n> code\n```",
        "    > [!NOTE]\n    > code indenté",
        "Texte [!NOTE] dans une phrase.",
    ],
)
def test_what_is_not_an_alert_stays_as_written(written: str) -> None:
    assert alerts_as_notes(written) == written


def test_a_note_s_title_and_text_stay_text_on_the_page() -> None:
    html = site_html(alerts_as_notes('> [!tip] Le "meilleur" <b>outil</b>\n> **Gras** et `code`.\n\nAprès.\n'))
    assert '<div class="admonition tip">' in html and "<strong>Gras</strong> et <code>code</code>" in html
    assert '<p class="admonition-title">Le "meilleur" <b>outil</b></p>' in html, "the sanitiser then sees the tag as anywhere else"
    assert "<p>Après.</p>" in html


def test_short_names_are_emoji_outside_code() -> None:
    written = "Validé :white_check_mark: :+1: :heart: :octocat: :inconnu: à 10:30:00 `:rocket:` a:rocket:b\n```\n:rocket:\n```"
    assert emoji_from_short_names(written) == "Validé ✅ 👍 ❤️ :octocat: :inconnu: à 10:30:00 `:rocket:` a:rocket:b\n```\n:rocket:\n```"


@pytest.mark.parametrize(
    ("written", "struck"),
    [
        ("Concurrent : ~Salesforce~ HubSpot", "Concurrent : ~~Salesforce~~ HubSpot"),
        ("~Prix public 99 €~ 79 €", "~~Prix public 99 €~~ 79 €"),
        ("environ ~10 € et ~20 €", "environ ~10 € et ~20 €"),
        ("~~déjà barré~~ et ~ seul", "~~déjà barré~~ et ~ seul"),
        ("`~code~` et \\~échappé~", "`~code~` et \\~échappé~"),
        ("chemin~fichier~bis", "chemin~fichier~bis"),
    ],
)
def test_single_tildes_strike_through_as_on_github(written: str, struck: str) -> None:
    assert single_tildes_struck(written) == struck


def test_struck_text_is_struck_on_the_page_and_subscript_is_gone() -> None:
    assert site_html(github_flavoured("Concurrent : ~Salesforce~ HubSpot")) == "<p>Concurrent : <del>Salesforce</del> HubSpot</p>"
    assert "<sub>" not in site_html("H~2~O")


def test_a_backslash_ending_a_line_breaks_it() -> None:
    written = "Une ligne\\\nla suite.\nUn chemin C:\\\\\nfin.\nDernière\\\n\nAutre.\n```\ncode\\\nsuite\n```"
    changed = backslash_line_breaks(written)
    assert changed == "Une ligne  \nla suite.\nUn chemin C:\\\\\nfin.\nDernière\\\n\nAutre.\n```\ncode\\\nsuite\n```"
    assert "Une ligne<br />\nla suite." in site_html(changed)


def test_only_the_site_sees_it_and_the_writer_s_lines_keep_their_numbers() -> None:
    text = "---\ntitre: T\ndate: 2026-12-01\n---\n> [!NOTE]\n> Voir :rocket: ~ancien~\\\n> ![photo](absente.png)\n"
    article = normalize_article("blog/posts/a.md", text, SiteContext(asset_exists=lambda path: False))
    assert article.body.startswith("> [!NOTE]\n> Voir :rocket: ~ancien~\\\n"), "fix writes back what GitHub shows"
    assert '!!! note "Remarque"\n    Voir 🚀 ~~ancien~~  \n' in article.build_body
    (missing,) = [p for p in article.problems if p.code == "image_missing"]
    assert missing.line == 7


@pytest.mark.parametrize(
    "written",
    [
        "Voir https://exemple.fr/~jean/~offre~ ici",
        "Voir www.exemple.fr/~a~b~",
        "[Le lien](https://exemple.fr/?q=:rocket:)",
        "[La section](autre-article.md#:rocket:)",
    ],
)
def test_an_address_keeps_its_characters(written: str) -> None:
    assert github_flavoured(written) == written


@pytest.mark.parametrize(
    ("written", "note"),
    [
        (":::tip Mon titre\nContenu.\n\n- a\n:::\nAprès.", '!!! tip "Mon titre"\n    Contenu.\n\n    - a\n\nAprès.'),
        (":::info\nMis à jour.\n:::", '!!! info "Information"\n    Mis à jour.\n'),
        (":::warning[Attention !]\nX\n:::", '!!! warning "Attention !"\n    X\n'),
        ("::: details Cliquez\nCaché.\n:::", '??? note "Cliquez"\n    Caché.\n'),
        ("::::danger\n:::note\nDedans.\n:::\n::::", '!!! danger "Danger"\n    :::note\n    Dedans.\n    :::\n'),
    ],
)
def test_docusaurus_and_vitepress_notes_are_the_site_s(written: str, note: str) -> None:
    changed, found = containers_as_notes(written)
    assert changed == note and written.count("\n") == note.count("\n")
    assert [line for line, _markup, _note in found] == [1]


@pytest.mark.parametrize("written", [":::tip jamais fermé\nX\n", "```\n:::tip\nX\n:::\n```", ":::inconnu\nX\n:::", "Texte ::: tip\nX\n:::"])
def test_what_is_not_a_closed_note_stays_as_written(written: str) -> None:
    assert containers_as_notes(written) == (written, [])


def test_a_docusaurus_note_is_told_and_written_the_site_s_way_by_fix() -> None:
    text = "---\ntitre: T\ndate: 2026-12-01\n---\nAvant.\n\n:::tip[Le conseil]\nRelancer le mardi.\n:::\n"
    article = normalize_article("blog/posts/a.md", text)
    (told,) = [p for p in article.problems if p.code == "note_container"]
    assert told.line == 7 and "« :::tip[Le conseil] »" in told.message and '« !!! tip "Le conseil" »' in told.message
    assert article.body.endswith('!!! tip "Le conseil"\n    Relancer le mardi.\n\n'), "fix writes what the site shows"
    assert '!!! tip "Le conseil"\n    Relancer le mardi.' in article.build_body
