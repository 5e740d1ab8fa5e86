"""Publication dates (articles/dates.py): the forms French writers use.

Rule: ISO dates and datetimes (with or without time zone, quoted or not),
JJ/MM/AAAA and JJ-MM-AAAA, written French dates (`1er mars 2022`,
`15 janv. 2021`, `mardi 3 mai 2022`), else a `YYYY-MM-DD-` file-name prefix;
an impossible date (2021-02-30) or no date anywhere is an error.
"""

from __future__ import annotations

import datetime as dt

import pytest

from articles import Severity, SiteContext, normalize_article
from articles.dates import DateError, date_from_file_name, parse_date, read_date

D = dt.date
DT = dt.datetime

# Month names and the abbreviations French writers use (with and without the dot).
MONTHS = {
    1: ["janvier", "janv.", "janv", "Janvier"],
    2: ["février", "fevrier", "févr.", "fév.", "FÉVRIER"],
    3: ["mars", "Mars"],
    4: ["avril", "avr.", "Avril"],
    5: ["mai", "Mai"],
    6: ["juin", "Juin"],
    7: ["juillet", "juil.", "Juillet"],
    8: ["août", "aout", "Août"],
    9: ["septembre", "sept.", "Septembre"],
    10: ["octobre", "oct.", "Octobre"],
    11: ["novembre", "nov.", "Novembre"],
    12: ["décembre", "decembre", "déc.", "Décembre"],
}
WEEKDAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]

VALID: list[tuple[object, object]] = [
    # ISO dates, as text (quoted in YAML) or as the objects YAML/TOML give.
    ("2022-03-01", D(2022, 3, 1)),
    ("  2022-03-01 ", D(2022, 3, 1)),
    (D(2022, 3, 1), D(2022, 3, 1)),
    ("2024-02-29", D(2024, 2, 29)),
    # ISO datetimes, with or without time zone: the written wall-clock time is kept.
    ("2022-03-01T10:30:00", DT(2022, 3, 1, 10, 30)),
    ("2022-03-01 10:30", DT(2022, 3, 1, 10, 30)),
    ("2022-03-01T10:30", DT(2022, 3, 1, 10, 30)),
    ("2022-03-01T10:30:00Z", DT(2022, 3, 1, 10, 30)),
    ("2022-03-01T10:30:00+02:00", DT(2022, 3, 1, 10, 30)),
    ("2022-03-01T23:59:59-05:00", DT(2022, 3, 1, 23, 59, 59)),
    ("2022-03-01 08:15:00 +01:00", DT(2022, 3, 1, 8, 15)),
    (DT(2022, 3, 1, 10, 30, tzinfo=dt.timezone(dt.timedelta(hours=1))), DT(2022, 3, 1, 10, 30)),
    (DT(2022, 3, 1, 10, 30), DT(2022, 3, 1, 10, 30)),
    # JJ/MM/AAAA and JJ-MM-AAAA: day first.
    ("01/03/2022", D(2022, 3, 1)),
    ("05/03/2022", D(2022, 3, 5)),
    ("13/12/2021", D(2021, 12, 13)),
    ("1/3/2022", D(2022, 3, 1)),
    ("31/12/1999", D(1999, 12, 31)),
    ("29/02/2024", D(2024, 2, 29)),
    ("05-03-2022", D(2022, 3, 5)),
    ("1-3-2022", D(2022, 3, 1)),
    ("31-01-2023", D(2023, 1, 31)),
    ("15/03/2024T10:30", DT(2024, 3, 15, 10, 30)),  # the dates are matched lower-cased
    # Written French dates.
    ("1er mars 2022", D(2022, 3, 1)),
    ("1ER MARS 2022", D(2022, 3, 1)),
    ("1er  mars   2022", D(2022, 3, 1)),
    ("1\u00a0mars\u00a02022", D(2022, 3, 1)),
    ("15 janv. 2021", D(2021, 1, 15)),
    ("mardi 3 mai 2022", D(2022, 5, 3)),
    ("Mardi 3 Mai 2022", D(2022, 5, 3)),
    ("mardi, 3 mai 2022", D(2022, 5, 3)),
    ("le 3 mai 2022", D(2022, 5, 3)),
    ("samedi 1er octobre 2022", D(2022, 10, 1)),
    ("31 août 2021", D(2021, 8, 31)),
    ("14 juillet 2021", D(2021, 7, 14)),
    ("2 févr. 2023", D(2023, 2, 2)),
    ("25 déc. 2020", D(2020, 12, 25)),
    ("29 février 2024", D(2024, 2, 29)),
    # E-mail headers: Outlook's « Envoyé », Gmail's and RFC 5322's « Date ».
    ("lundi 30 novembre 2026 10:12", DT(2026, 11, 30, 10, 12)),
    ("Monday, November 30, 2026 10:12 AM", DT(2026, 11, 30, 10, 12)),
    ("Mon, 30 Nov 2026 at 10:12", DT(2026, 11, 30, 10, 12)),
    ("Mon, 30 Nov 2026 10:12:33 +0100", DT(2026, 11, 30, 10, 12, 33)),
    ("Thu, 3 Dec 2026 09:05:00 GMT", DT(2026, 12, 3, 9, 5)),
]


def _written_forms() -> list[tuple[str, dt.date]]:
    forms = []
    for month, names in MONTHS.items():
        for name in names:
            day = D(2023, month, 1)
            forms.append((f"1er {name} 2023", day))
            forms.append((f"{WEEKDAYS[day.weekday()]} 1er {name} 2023", day))
            last = D(2023, month, 28)
            forms.append((f"28 {name} 2023", last))
            forms.append((f"{WEEKDAYS[last.weekday()].capitalize()} 28 {name} 2023", last))
    return forms


@pytest.mark.parametrize(("written", "expected"), VALID, ids=[repr(v) for v, _ in VALID])
def test_parse_date(written: object, expected: object) -> None:
    parsed = parse_date(written)
    assert parsed == expected and type(parsed) is type(expected)


@pytest.mark.parametrize(("written", "expected"), _written_forms(), ids=[w for w, _ in _written_forms()])
def test_every_month_and_weekday_name(written: str, expected: dt.date) -> None:
    assert parse_date(written) == expected


IMPOSSIBLE = [
    "2021-02-30",
    "2021-02-29",
    "2022-04-31",
    "2022-13-01",
    "2022-00-10",
    "2021-02-30T10:00:00",
    "2021-02-30 10:00",
    "30/02/2021",
    "29/02/2023",
    "31/04/2022",
    "00/01/2022",
    "32/01/2022",
    "15/13/2022",
    "30-02-2021",
    "31 avril 2021",
    "30 février 2021",
    "29 févr. 2023",
    "mardi 31 juin 2022",
]


@pytest.mark.parametrize("written", IMPOSSIBLE)
def test_impossible_dates_are_errors(written: str) -> None:
    with pytest.raises(DateError) as caught:
        parse_date(written)
    assert caught.value.code == "date_impossible"


@pytest.mark.parametrize("written", ["bientôt", "mars", "le mois prochain", "2022", "32 mars", "demain", "2022-13", "13/2022", "mois 2022"])
def test_unreadable_dates_are_errors(written: str) -> None:
    with pytest.raises(DateError):
        parse_date(written)


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("hier", D(2026, 11, 30)),
        ("Aujourd’hui", D(2026, 12, 1)),
        ("demain.", D(2026, 12, 2)),
        ("avant-hier", D(2026, 11, 29)),
        ("lundi dernier", D(2026, 11, 30)),  # 2026-12-01 is a Tuesday
        ("mardi dernier", D(2026, 11, 24)),
        ("Vendredi prochain", D(2026, 12, 4)),
        ("mardi prochain", D(2026, 12, 8)),
        ("last friday", D(2026, 11, 27)),
        ("next monday", D(2026, 12, 7)),
    ],
)
def test_a_day_said_from_today_is_an_error_that_gives_the_day(written: str, meant: dt.date) -> None:
    with pytest.raises(DateError) as caught:
        parse_date(written)
    assert caught.value.code == "date_relative"
    article = normalize_article("blog/posts/a.md", f"---\ntitre: T\ndate: {written}\n---\nTexte\n", SiteContext(today=D(2026, 12, 1)))
    (problem,) = [p for p in article.problems if p.code == "date_relative"]
    assert problem.severity is Severity.ERROR and problem.line == 3
    assert f"« date : {meant:%d/%m/%Y} »" in problem.hint and "changerait de sens chaque jour" in problem.message


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("2021-03-04-titre.md", D(2021, 3, 4)),
        ("2020-12-01-aligner-marketing-et-ventes.md", D(2020, 12, 1)),
        ("2022-01-31_mon_article.md", D(2022, 1, 31)),
        ("titre.md", None),
        ("titre-2021.md", None),
        ("2021-13-04-titre.md", None),
        # French order, no separators, underscores, the date alone, a month.
        ("04-03-2021-titre.md", D(2021, 3, 4)),
        ("20210304-titre.md", D(2021, 3, 4)),
        ("2021_03_04_titre.md", D(2021, 3, 4)),
        ("2021-03-04.md", D(2021, 3, 4)),
        ("2019-02-titre.md", D(2019, 2, 1)),
        ("2017-12-06- 00:00:01-titre.md", D(2017, 12, 6)),
    ],
)
def test_date_from_file_name(name: str, expected: dt.date | None) -> None:
    assert date_from_file_name(name) == expected


# Through normalize_article: the date key, the file name, and the errors. --------


def _date_of(front: str, path: str = "blog/posts/article.md"):
    return normalize_article(path, f"---\ntitle: Titre\n{front}---\nTexte.\n")


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("date: 2022-03-01\n", "2022-03-01"),
        ("date: '2022-03-01'\n", "2022-03-01"),
        ('date: "2022-03-01T10:30:00+02:00"\n', "2022-03-01T10:30:00"),
        ("date: 2022-03-01T10:30:00+02:00\n", "2022-03-01T10:30:00"),
        ("date: 2022-03-01 10:30:00\n", "2022-03-01T10:30:00"),
        ("date: 01/03/2022\n", "2022-03-01"),
        ("date: 01-03-2022\n", "2022-03-01"),
        ("date: 1er mars 2022\n", "2022-03-01"),
        ("Publié le: 15 janv. 2021\n", "2021-01-15"),
        ("published: mardi 3 mai 2022\n", "2022-05-03"),
        ("Publication: 3 mai 2022\n", "2022-05-03"),
        ("date de publication: 03/05/2022\n", "2022-05-03"),
    ],
)
def test_date_in_front_matter(line: str, expected: str) -> None:
    article = _date_of(line)
    assert article.meta["date"].isoformat() == expected
    assert article.ok


def test_front_matter_date_wins_over_file_name() -> None:
    article = _date_of("date: 2022-03-01\n", "blog/posts/2021-01-01-titre.md")
    assert article.meta["date"] == D(2022, 3, 1)


def test_file_name_prefix_when_no_date() -> None:
    article = _date_of("", "blog/posts/2021-03-04-titre.md")
    assert article.meta["date"] == D(2021, 3, 4)
    assert article.ok


@pytest.mark.parametrize("line", ["date: 2021-02-30\n", "date: 30/02/2021\n", "date: 31 avril 2021\n", "date: '2021-02-30'\n"])
def test_impossible_date_is_an_error_on_its_line(line: str) -> None:
    article = _date_of(line)
    errors = [p for p in article.problems if p.severity is Severity.ERROR]
    assert [(p.code, p.line) for p in errors] == [("date_impossible", 3)]


@pytest.mark.parametrize("path", ["blog/posts/article.md", "blog/posts/2021-02-30-article.md"])
def test_no_date_anywhere_is_an_error_with_a_line(path: str) -> None:
    article = _date_of("", path)
    errors = [p for p in article.problems if p.severity is Severity.ERROR]
    assert len(errors) == 1 and errors[0].code in {"date_missing", "date_impossible"}
    assert isinstance(errors[0].line, int) and errors[0].line >= 1, "an error must give a line"


# Dates as real articles carry them (exports, hurried typing), read as their
# writer meant them, with an info saying how. -------------------------------------

MESSY = [
    ("2017-12-06- 00:00:01", DT(2017, 12, 6, 0, 0, 1), "date_read"),
    ("2019-02", D(2019, 2, 1), "date_month_only"),
    ("02/2019", D(2019, 2, 1), "date_month_only"),
    ("février 2019", D(2019, 2, 1), "date_month_only"),
    ("06/12/2017 à 10h30", DT(2017, 12, 6, 10, 30), "date_read"),
    ("le 3 mars 2021", D(2021, 3, 3), "date_read"),
    ("Le 3 Mars 2021 à 9h", DT(2021, 3, 3, 9, 0), "date_read"),
    ("March 3rd, 2021", D(2021, 3, 3), "date_read"),
    ("Wednesday, March 3, 2021", D(2021, 3, 3), "date_read"),
    ("1st March 2021", D(2021, 3, 1), "date_read"),
    ("Sept 3, 2021 10:30 pm", DT(2021, 9, 3, 22, 30), "date_read"),
    ("2017-12-06T00:00:01+01:00", DT(2017, 12, 6, 0, 0, 1), None),
    ("2021/03/04 10:30", DT(2021, 3, 4, 10, 30), "date_read"),
    ("04.03.2021", D(2021, 3, 4), "date_read"),
    ("12/31/2021", D(2021, 12, 31), "date_us_order"),
    ("3 fevirer 2021", D(2021, 2, 3), "date_read"),
    ("15 mars 2024 à 10h30 (heure de Paris)", DT(2024, 3, 15, 10, 30), "date_read"),
]


@pytest.mark.parametrize(("written", "expected", "how"), MESSY)
def test_messy_dates_read_as_meant(written: str, expected: object, how: str | None) -> None:
    assert read_date(written) == (expected, how)
    article = normalize_article("blog/posts/a.md", f"---\ntitre: T\ndate: {written}\n---\nTexte.\n")
    assert article.meta["date"] == expected
    infos = [p for p in article.problems if p.code == how]
    assert (len(infos) == 1 and infos[0].line == 3 and infos[0].severity is Severity.INFO) if how else not infos


def test_month_in_file_name_says_first_of_month() -> None:
    article = normalize_article("blog/posts/2019-02-bilan.md", "---\ntitre: Bilan\n---\nTexte.\n")
    assert article.meta["date"] == D(2019, 2, 1)
    assert any(p.code == "date_month_only" and "1er février 2019" in p.message for p in article.problems)
    assert article.ok
