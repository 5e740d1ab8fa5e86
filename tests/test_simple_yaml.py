"""The fast front matter reader gives PyYAML's result, or gives up."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles import frontmatter, simple_yaml
from articles.keys import ALIASES


def with_pyyaml(front: str) -> tuple[object, dict[str, int], list[tuple[str, int]]]:
    loader = frontmatter._KeyRecordingLoader(front)
    try:
        data = loader.get_single_data()
    finally:
        loader.dispose()
    return data, loader.key_lines, loader.duplicate_keys


def fast(front: str):  # type: ignore[no-untyped-def]
    return simple_yaml.parse(front, frontmatter._timestamp)


@pytest.mark.parametrize(
    "front",
    [
        'title : "comment aligner le marketing et les ventes ?"\ndate : 2020-12-01\nauthor : "Amelie"\n\n'
        'categories : ["Articles"]\ntags : ["Article", "marketing", "actualité"]\n\ndurée de lecture : "1 min"\n',
        "titre: Réussir un salon\ndate: 15/03/2024\ntags:\n  - IA\n  - vente\n- hors liste\n",
        "draft: yes\nbrouillon: non\nreadtime: 3\nratio: 1.5\nvide:\nnul: ~\nn: null\n",
        "date: 2021-02-30\nheure: 2021-03-04 10:00:00+02:00\ncreated: 2021-03-04T10:00:00Z\n",
        "tags: [a, 'b', \"c\", d e, ]\nkeywords: []\n",
        "title: l'été # un commentaire\ntitle: doublon\n",
        "titre: 'l''équipe'\n",
        "tags:\n- a\n-\n- 'b'\n",
        "hex: 0x1F\noct: 0o17\nsep: 1_000\nexp: 1e3\nfloat: 1.0e+3\ninf: .inf\n",
        "on: vrai\n",
        "title: =\n",  # found by hypothesis: a tag SafeLoader has no constructor for
    ],
)
def test_examples(front: str) -> None:
    result = fast(front)
    if result is not None:
        assert result == with_pyyaml(front)


def test_gives_up_outside_the_subset() -> None:
    for front in [
        "a: b: c\n",  # PyYAML error
        "a:\n  b: c\n",  # nested mapping
        "a: |\n  texte\n    plus loin\n",  # more indented line in a block scalar
        "a: >\n  texte\n\n  suite\n",  # blank line inside a block scalar
        "a: >+\n  texte\n",  # keep chomping
        "a: >\n Amelie\n\n   \n",  # spaces after a blank line: content for YAML (found by hypothesis)
        "a: &x 1\nb: *x\n",  # anchors
        'a: "\\u00e9"\n',  # escapes
        "a: [b, [c]]\n",  # nested flow
        "a: texte\n  suite\n",  # multi-line plain scalar
        "a: !!python/object:os.system x\n",
        "[a, b]: x\n",
        "1: x\n",
    ]:
        assert fast(front) is None, front


_KEYS = [alias for aliases in ALIASES.values() for alias in aliases] + ["campagne", "mis à jour", "Title", "x"]
_PLAIN = st.sampled_from(
    [
        "Amelie",
        "Amélie et Paul",
        "1 min",
        "3",
        "-3",
        "3.5",
        "yes",
        "No",
        "on",
        "OFF",
        "true",
        "null",
        "~",
        "",
        "2020-12-01",
        "2021-02-30",
        "2021-03-04 10:00:00",
        "2021-03-04T10:00:00+02:00",
        "15/03/2024",
        "1er mars 2022",
        "0x1F",
        "1_000",
        "1e3",
        ".inf",
        "a#b",
        "a # commentaire",
        "l'été",
        "http://exemple.fr/a?b=c",
        "50%",
        "€",
        "é:è",
        "IA; intelligence artificielle",
        "img/photo.jpg",
    ]
)
_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=12)


@st.composite
def values(draw: st.DrawFn) -> str:
    kind = draw(st.sampled_from(["plain", "double", "single", "flow", "block", "text", "scalar"]))
    if kind == "plain":
        return " " + draw(_PLAIN)
    if kind == "double":
        return ' "' + draw(_TEXT) + '"'
    if kind == "single":
        return " '" + draw(_TEXT).replace("'", "''") + "'"
    if kind == "flow":
        items = draw(st.lists(st.one_of(_PLAIN, _TEXT.map(lambda t: '"' + t.replace('"', "") + '"')), max_size=4))
        return " [" + ", ".join(items) + "]"
    if kind == "block":
        items = draw(st.lists(_PLAIN, min_size=1, max_size=3))
        indent = draw(st.sampled_from(["", "  ", "    "]))
        return "\n" + "".join(f"{indent}- {item}\n" for item in items).rstrip("\n")
    if kind == "scalar":  # block scalar: > or |, lines below
        header = draw(st.sampled_from([">", "|", ">-", "|-", ">+", "> # note"]))
        indents = draw(st.lists(st.sampled_from([" ", "  ", "    "]), max_size=4))
        rows = [indent + draw(st.one_of(_PLAIN, _TEXT.filter(lambda t: "\n" not in t and "\r" not in t))) for indent in indents]
        if rows and draw(st.booleans()):
            rows.insert(draw(st.integers(0, len(rows))), draw(st.sampled_from(["", "  "])))
        return f" {header}\n" + "\n".join(rows)
    return " " + draw(_TEXT)


@st.composite
def fronts(draw: st.DrawFn) -> str:
    lines = []
    for _ in range(draw(st.integers(0, 8))):
        key = draw(st.sampled_from(_KEYS))
        space = draw(st.sampled_from(["", " "]))
        lines.append(f"{key}{space}:{draw(values())}")
        if draw(st.booleans()):
            lines.append(draw(st.sampled_from(["", "# note", "   "])))
    return "\n".join(lines) + "\n"


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(fronts())
def test_same_result_as_pyyaml(front: str) -> None:
    result = fast(front)
    if result is None:
        return
    try:
        expected = with_pyyaml(front)
    except yaml.YAMLError:
        pytest.fail(f"the fast reader accepted what PyYAML rejects: {front!r}")
    assert result == expected, front
    # Same types too: 1 and True, "1" and 1 compare equal or differ alike.
    if result[0]:
        assert [type(value) for value in result[0].values()] == [type(value) for value in expected[0].values()], front


def test_reads_the_seed_article_itself() -> None:
    path = Path(__file__).resolve().parent.parent / "docs/blog/posts/2020-12-01-aligner-marketing-et-ventes.md"
    seed = frontmatter.normalise_newlines(path.read_text(encoding="utf-8"))
    _, front, _, _, _ = frontmatter.split(seed)
    assert fast(front) is not None
    assert fast(front) == with_pyyaml(front)


def test_value_tag_is_a_problem_not_an_exception() -> None:
    from articles import Severity, normalize_article

    article = normalize_article("blog/posts/egal.md", "---\ntitle: =\ndate: 2022-01-01\n---\nTexte\n")
    assert [problem.severity for problem in article.problems if problem.code == "yaml_invalid"] == [Severity.ERROR]
