"""This site's search worker (docs/assets/javascripts/search-worker.js),
run in Node on an index built by the core (articles/search_index.py), as
Material's search box talks to it: set up, then queries, answers.

What a reader types: words without accents, with an elision, a typo, a
synonym of a topic, +mot and -mot, a word found far down a section; and
what a writer's text may hold, shown escaped. The browser tests
(tests/browser/test_search.py) check the same through Material's interface.

Reproduce: .venv/bin/python -m pytest tests/test_search_worker.py -p no:cacheprovider -n0
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from mkdocs.config import load_config

from articles.search_index import build_search_index, read_stop_words

ROOT = Path(__file__).resolve().parent.parent
WORKER = ROOT / "docs/assets/javascripts/search-worker.js"
HARNESS = ROOT / "tests/js/search_worker_harness.js"
SEARCH_CONFIG = load_config(str(ROOT / "mkdocs.yml")).plugins["material/search"].config
STOP_WORDS = read_stop_words((ROOT / "overrides/assets/javascripts/lunr/min/lunr.fr.min.js").read_text(encoding="utf-8"))
LONG = " ".join(["Les équipes commerciales qualifient les leads entrants avec le marketing."] * 5)


def article(url: str, title: str, sections: dict[str, str], tags: list[str] | None = None) -> list[dict[str, Any]]:
    """Material's entries for a post: the page, then each section."""
    entries: list[dict[str, Any]] = [{"location": url, "title": title, "text": "", **({"tags": tags} if tags else {})}]
    for number, (heading, text) in enumerate(sections.items()):
        entries.append({"location": f"{url}#s{number}", "title": heading, "text": text})
    return entries


ENTRIES = [
    *article(
        "blog/strategie/",
        "Stratégie de prospection",
        {
            "Stratégie de prospection": "<p>La stratégie commence par l’IA et les fichiers.</p>",
            "Méthode": f"<p>{LONG} Plus loin, le parrainage des clients fidèles complète la méthode. {LONG}</p>",
        },
        tags=["Prospection", "Article"],
    ),
    *article(
        "blog/smarketing/",
        "Le smarketing expliqué",
        {"Le smarketing expliqué": "<p>Le smarketing aligne les ventes et le marketing.</p>"},
        tags=["Marketing"],
    ),
    *article(
        "blog/demarchage/",
        "Le démarchage au téléphone",
        {"Le démarchage au téléphone": "<p>Le démarchage demande une liste propre.</p>"},
        tags=["Vente"],
    ),
    *article(
        "blog/securite/",
        "Sécurité &lt;script&gt;alert(1)&lt;/script&gt;",
        {"Texte": "<p>Le texte &lt;img src=x onerror=alert(1)&gt; reste du texte : onerror.</p>"},
        tags=["Vente"],
    ),
    *article("blog/devis/", "Négocier un devis", {"Négocier un devis": "<p>Le devis et la remise.</p>"}, tags=["Vente"]),
]
SYNONYMS = {"Prospection": ("démarchage", "cold calling")}


@pytest.fixture(scope="module")
def node() -> str:
    found = shutil.which("node")
    if not found:
        message = "Node.js is missing: install it (`apt-get install nodejs`; .ci/run does)."
        if os.environ.get("CI"):
            pytest.fail(f"CI is set and {message}", pytrace=False)
        pytest.skip(message)
    return found


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The search files of a site holding ENTRIES, as hooks/search_scope.py writes them."""
    site = tmp_path_factory.mktemp("search-site")
    built = build_search_index(ENTRIES, SEARCH_CONFIG.separator, STOP_WORDS, hidden={"Article"}, synonyms=SYNONYMS)
    config = {"lang": ["fr"], "separator": SEARCH_CONFIG.separator, "engine": {**built.engine, "passages": built.passages_folder()}}
    search = site / "search"
    (search / built.passages_folder()).mkdir(parents=True)
    (search / "search_index.json").write_text(json.dumps({"config": config, "docs": built.docs}), encoding="utf-8")
    for number, sections in enumerate(built.passages):
        (search / built.passages_folder() / f"{number}.json").write_text(json.dumps(sections), encoding="utf-8")
    return site


def run_worker(
    node: str, site: Path, queries: list[str], burst: list[str] | None = None, messages: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    request = {"worker": str(WORKER), "site": str(site), "queries": queries, "burst": burst or [], "messages": messages or []}
    command = [node, str(HARNESS)]
    result = subprocess.run(command, input=json.dumps(request), capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, f"echo '{json.dumps(request)}' | {' '.join(command)}\n{result.stderr}"
    return json.loads(result.stdout)


def answers(node: str, site: Path, *queries: str) -> list[dict[str, Any]]:
    """The final answer to each query: one whose passages' files were not
    at hand comes first as a partial answer (the sections' openings), then
    whole."""
    posted = run_worker(node, site, list(queries))["posted"]
    assert posted[0] == {"type": 1}, posted[0]
    assert all(message["type"] == 3 for message in posted[1:]), posted
    final = [message["data"] for message in posted[1:] if not message["data"].get("partial")]
    assert len(final) == len(queries), posted
    for data in final:
        data.pop("partial", None)
        # The answer's number, by which search.js asks for more passages.
        assert isinstance(data.pop("number", None), int) or not data["items"], data
    return final


def pages(answer: dict[str, Any]) -> list[str]:
    return [group[0]["location"] for group in answer["items"]]


def test_words_typed_without_accents_or_with_an_elision(node: str, site: Path) -> None:
    strategie, ia, telephone = answers(node, site, "strategie", "l'ia", "TELEPH")
    assert pages(strategie) == ["blog/strategie/"], strategie
    main = strategie["items"][0][0]
    # Material marks the words in results, and links with them as written
    # in the page (?h=): its highlighting there then finds « stratégie ».
    assert main["terms"] == {"stratégie": True}, main
    assert "<mark>Stratégie</mark> de prospection" == main["title"], main
    assert pages(ia) == ["blog/strategie/"], ia
    assert pages(telephone) == ["blog/demarchage/"], telephone
    assert not any(answer.get("approximate") for answer in (strategie, ia, telephone))


def test_a_query_that_finds_nothing_is_asked_again_with_typos_allowed(node: str, site: Path) -> None:
    smarketing, demarchage, devis, short, syntax = answers(node, site, "smarkting", "demarhcage", "devsi", "devs", "smarkting*")
    assert smarketing["approximate"] is True and pages(smarketing)[0] == "blog/smarketing/", smarketing
    # The words found, not the one typed, are marked and highlighted.
    assert "smarketing" in smarketing["items"][0][0]["terms"], smarketing["items"][0][0]
    assert demarchage["approximate"] is True and pages(demarchage)[0] == "blog/demarchage/", demarchage
    assert devis["approximate"] is True and pages(devis) == ["blog/devis/"], devis
    # Below 5 letters no letter may be wrong; query syntax is taken as typed.
    assert short == {"items": [], "suggest": []}, short
    assert syntax["items"] == [] and "approximate" not in syntax, syntax


def test_a_synonym_finds_the_topic_s_articles_after_those_that_hold_the_word(node: str, site: Path) -> None:
    (demarchage,) = answers(node, site, "démarchage")
    assert pages(demarchage) == ["blog/demarchage/", "blog/strategie/"], demarchage
    assert demarchage["items"][0][0]["score"] > 100 * demarchage["items"][1][0]["score"], demarchage
    (cold,) = answers(node, site, "cold calling")
    assert pages(cold) == ["blog/strategie/"], cold


def test_hidden_topics_find_without_showing(node: str, site: Path) -> None:
    (found,) = answers(node, site, "article")
    assert pages(found) == ["blog/strategie/"], found
    assert found["items"][0][0]["tags"] == ["Prospection"], found


def test_the_result_shows_the_passage_that_holds_the_words(node: str, site: Path) -> None:
    (parrainage,) = answers(node, site, "parrainage fideles")
    group = parrainage["items"][0]
    assert [entry["location"] for entry in group] == ["blog/strategie/", "blog/strategie/#s1"], group
    for entry in group:
        text = re.sub(r"</?mark>", "", entry["text"])
        assert "Plus loin, le parrainage des clients fidèles complète la méthode." in text, entry["text"]
        assert "<mark>parrainage</mark>" in entry["text"] and "<mark>fidèles</mark>" in entry["text"], entry["text"]
        assert len(text) < 260, text
    assert group[0]["terms"] == {"parrainage": True, "fidèles": True}, group[0]
    # Sections come under their page, scored below it.
    assert group[1]["score"] < group[0]["score"]


def test_passages_follow_in_a_second_answer_when_their_files_are_not_at_hand(node: str, site: Path) -> None:
    posted = run_worker(node, site, ["parrainage", "parrainage"])["posted"]
    first, second, again = (message["data"] for message in posted[1:])
    assert first["partial"] is True and "<mark>parrainage</mark>" not in first["items"][0][0]["text"], first
    assert second["partial"] is False and "<mark>parrainage</mark>" in second["items"][0][0]["text"], second
    # The file read, the next query is answered once, passages included.
    assert (again.pop("number"), second.pop("number")) == (2, 1)
    assert again == second, (again, second)


def test_passages_are_fetched_for_the_results_shown_only(node: str, site: Path) -> None:
    result = run_worker(node, site, ["vente", "devis"])
    fetched = result["fetched"]
    assert all(re.fullmatch(r"/search/passages/[0-9a-f]{12}/\d+\.json", path) for path in fetched), fetched
    # Each page's file once, however many queries.
    assert len(fetched) == len(set(fetched)) <= 5, fetched


def test_required_and_excluded_words(node: str, site: Path) -> None:
    either, required, excluded = answers(node, site, "devis smarketing", "+devis smarketing", "vente -devis")
    assert set(pages(either)) == {"blog/devis/", "blog/smarketing/"}, either
    assert pages(required) == ["blog/devis/"], required
    assert "blog/devis/" not in pages(excluded) and pages(excluded), excluded
    (missing,) = answers(node, site, "devis zzzzz")
    assert missing["items"][0][0]["terms"] == {"devis": True, "zzzzz": False}, missing


def test_what_a_writer_wrote_stays_text(node: str, site: Path) -> None:
    onerror, script = answers(node, site, "onerror", "securite")
    for entry in onerror["items"][0] + script["items"][0]:
        for field in ("title", "text"):
            without_marks = re.sub(r"</?mark>", "", entry[field])
            assert not re.search(r"<(?!/?(?:p|code|ul|ol|li|pre|sub|sup)>)", without_marks), entry[field]
    assert "&lt;img src=x onerror=alert(1)&gt;" in re.sub(r"</?mark>", "", onerror["items"][0][0]["text"]), onerror


def test_the_last_word_typed_is_completed_from_titles(node: str, site: Path) -> None:
    (answer,) = answers(node, site, "smark")
    assert answer["suggest"] == ["smarketing"], answer


def test_only_the_latest_of_queries_typed_in_a_burst_is_answered(node: str, site: Path) -> None:
    posted = run_worker(node, site, [], burst=["d", "de", "dev", "devis"])["posted"]
    assert posted[-1] == {"burstAnswers": 1}, posted
    assert pages(posted[-2]["data"]) == ["blog/devis/"], posted[-2]


def test_an_index_of_another_version_answers_nothing_without_breaking(node: str, site: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    shutil.copytree(site, other)
    path = other / "search/search_index.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["config"]["engine"]["version"] = 999
    path.write_text(json.dumps(data), encoding="utf-8")
    posted = run_worker(node, other, ["devis"])["posted"]
    assert posted == [{"type": 1}, {"type": 3, "data": {"items": [], "partial": False}}], posted


def test_a_pasted_page_of_text_is_answered_without_trouble(node: str, site: Path) -> None:
    (answer,) = answers(node, site, " ".join(["devis", "stratégie", "&amp;", "<b>", "l'", "-", "+", "~", "title:"] * 200))
    assert pages(answer)[0] in {"blog/devis/", "blog/strategie/"}, pages(answer)


def _index_site(folder: Path, entries: list[dict[str, Any]]) -> Path:
    """FOLDER with the search index of ENTRIES, without passages' files."""
    built = build_search_index(entries, SEARCH_CONFIG.separator, STOP_WORDS)
    search = folder / "search"
    search.mkdir()
    config = {"lang": ["fr"], "separator": SEARCH_CONFIG.separator, "engine": {**built.engine, "passages": "passages/none"}}
    (search / "search_index.json").write_text(json.dumps({"config": config, "docs": built.docs}), encoding="utf-8")
    return folder


def test_words_are_marked_in_the_results_a_reader_scrolls_through(node: str, tmp_path: Path) -> None:
    """On thousands of results, the first hundred are marked; the others
    are listed as they are, found words still in their links."""
    many = [
        entry for number in range(130) for entry in article(f"blog/{number}/", f"Devis {number}", {f"Devis {number}": "<p>Un devis.</p>"})
    ]
    (answer,) = answers(node, _index_site(tmp_path, many), "devis")
    assert len(answer["items"]) == 130
    marked = ["<mark>" in group[0]["title"] for group in answer["items"]]
    assert marked == [True] * 100 + [False] * 30, marked
    assert all(group[0]["terms"] == {"devis": True} for group in answer["items"])


def test_passages_of_results_further_down_are_given_when_asked(node: str, site: Path) -> None:
    """search.js asks for the passages of the results Material adds on
    scroll: {type: 100, data: {number, groups}} -> {type: 101, data: {number, passages}}."""
    groups = [["blog/strategie/", "blog/strategie/#s1"], ["blog/inconnu/"]]
    posted = run_worker(
        node,
        site,
        ["parrainage"],
        messages=[{"type": 100, "data": {"number": "last", "groups": groups}}, {"type": 100, "data": {"number": 99, "groups": groups}}],
    )["posted"]
    found, stale = posted[-2:]
    assert found["type"] == 101 and found["data"]["number"] == posted[1]["data"]["number"], found
    passages = found["data"]["passages"]
    assert set(passages) == {"blog/strategie/", "blog/strategie/#s1"}, passages
    assert all("<mark>parrainage</mark>" in html and html.startswith("<p>") for html in passages.values()), passages
    # Asked for an answer that is no longer the one shown: nothing.
    assert stale == {"unanswered": 100}, stale


COMPOUNDS = [
    *article("blog/afterwork/", "L'afterwork des commerciaux", {"Programme": "<p>Un afterwork jeudi soir.</p>"}),
    *article("blog/big-data/", "Big Data et ventes", {"Données": "<p>Le Big Data aide la prospection.</p>"}),
    *article("blog/travail/", "Le travail en équipe", {"Équipe": "<p>Travailler après le salon, work in progress.</p>"}),
    *article("blog/emailing/", "Réussir un e-mailing", {"Envoi": "<p>Un e-mailing bien ciblé.</p>"}),
]


def test_words_typed_joined_or_apart_as_the_pages_write_them_otherwise(node: str, tmp_path: Path) -> None:
    """On a phone a salesperson types « after-work » or « after work » for a
    page's « afterwork », « bigdata » for « Big Data »."""
    site = _index_site(tmp_path, COMPOUNDS)
    hyphen, apart, joined, typing, mailing, plain = answers(
        node, site, "after-work", "after work", "bigdata", "bigdat", "emailing", "salon"
    )
    assert pages(hyphen)[0] == "blog/afterwork/", hyphen
    # Both words count as found there: the page holds « everything » typed.
    assert hyphen["items"][0][0]["terms"] == {"afterwork": True}, hyphen["items"][0][0]
    assert "<mark>afterwork</mark>" in hyphen["items"][0][0]["title"], hyphen["items"][0][0]
    assert pages(apart)[0] == "blog/afterwork/", apart
    assert pages(joined) == ["blog/big-data/"] and not joined.get("approximate"), joined
    assert joined["items"][0][0]["terms"] == {"big": True, "data": True}, joined["items"][0][0]
    assert "<mark>Big</mark> <mark>Data</mark>" in joined["items"][0][0]["title"], joined["items"][0][0]
    # The last word, being typed, may be the start of one.
    assert pages(typing) == ["blog/big-data/"], typing
    # The page's hyphenated word is found joined (the index holds both).
    assert pages(mailing) == ["blog/emailing/"], mailing
    assert pages(plain) == ["blog/travail/"], plain


def test_a_word_the_index_knows_or_a_typo_is_not_cut_in_two(node: str, tmp_path: Path) -> None:
    site = _index_site(tmp_path, [*COMPOUNDS, *article("blog/bigdatas/", "Bigdatas", {"Bigdatas": "<p>Un mot.</p>"})])
    known, typo = answers(node, site, "bigdata", "afterwrok")
    # « bigdata » starts a word of the index: it is looked up as typed.
    assert pages(known) == ["blog/bigdatas/"], known
    assert typo["approximate"] is True and pages(typo)[0] == "blog/afterwork/", typo
