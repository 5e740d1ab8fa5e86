"""Publication dates written the ways French writers write them."""

from __future__ import annotations

import datetime as dt
import re

from articles.text import edit_distance, strip_accents

EARLIEST_YEAR = 1990
LATEST_YEAR = 2100

MONTHS = {
    "janvier": 1,
    "janv": 1,
    "jan": 1,
    "january": 1,
    "fevrier": 2,
    "fevr": 2,
    "fev": 2,
    "feb": 2,
    "february": 2,
    "mars": 3,
    "mar": 3,
    "march": 3,
    "avril": 4,
    "avr": 4,
    "apr": 4,
    "april": 4,
    "mai": 5,
    "may": 5,
    "juin": 6,
    "jun": 6,
    "june": 6,
    "juillet": 7,
    "juil": 7,
    "jul": 7,
    "july": 7,
    "aout": 8,
    "aou": 8,
    "aug": 8,
    "august": 8,
    "septembre": 9,
    "sept": 9,
    "sep": 9,
    "september": 9,
    "octobre": 10,
    "oct": 10,
    "october": 10,
    "novembre": 11,
    "nov": 11,
    "november": 11,
    "decembre": 12,
    "dec": 12,
    "december": 12,
}
_WEEKDAYS = r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|lun|mar|mer|jeu|ven|sam|dim|monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues|tue|wed|thurs|thu|fri|sat|sun)\.?,?"
# A time after the date ("à 10h30", ", 10:30:00", "T10:30+01:00"); the zone
# is dropped (see _naive).
_TIME = (
    r"(?:\s*(?:,|-|a|at|t|vers)?\s*(?P<hour>\d{1,2})\s*(?:h|:)\s*(?P<minute>\d{2})?(?:\s*:\s*(?P<second>\d{2})(?:\.\d+)?)?"
    r"(?:\s*(?P<ampm>am|pm))?(?:\s*(?:z|utc|gmt|cet|cest|[+-]\d{2}:?\d{2}))?)?"
)
_WRITTEN = re.compile(
    rf"^(?:{_WEEKDAYS}\s*)?(?:le\s+)?(?P<day>\d{{1,2}})\s*(?:er|e|eme|st|nd|rd|th)?\s+(?:de\s+)?(?P<month>[a-z]+)\.?,?\s+(?P<year>\d{{4}}),?{_TIME}$"
)
# English order: "March 3rd, 2021".
_WRITTEN_MONTH_FIRST = re.compile(
    rf"^(?:{_WEEKDAYS}\s+)?(?P<month>[a-z]+)\.?\s+(?P<day>\d{{1,2}})\s*(?:st|nd|rd|th|er)?,?\s+(?P<year>\d{{4}}),?{_TIME}$"
)
_NUMERIC = re.compile(
    rf"^(?:{_WEEKDAYS}\s*)?(?:le\s+)?(?P<day>\d{{1,2}})\s*[/.-]\s*(?P<month>\d{{1,2}})\s*[/.-]\s*(?P<year>\d{{4}}|\d{{2}}),?{_TIME}$"
)
# Year first, with any separator and a time written any way: "2017/12/06",
# "2017-12-06- 00:00:01" (an export), "2017.12.06 10h30".
_YEAR_FIRST = re.compile(rf"^(?P<year>\d{{4}})\s*[/.-]\s*(?P<month>\d{{1,2}})\s*[/.-]\s*(?P<day>\d{{1,2}}),?{_TIME}$")
# A month without its day: the first of the month.
_MONTH_ONLY = (
    re.compile(r"^(?P<year>\d{4})\s*[/.-]\s*(?P<month>\d{1,2})$"),
    re.compile(r"^(?P<month>\d{1,2})\s*[/.-]\s*(?P<year>\d{4})$"),
    re.compile(r"^(?:en\s+)?(?P<month>[a-z]+)\.?,?\s+(?P<year>\d{4})$"),
)
# File names: 2021-03-04-titre.md, 2021_03_04_titre.md, 20210304-titre.md,
# 04-03-2021-titre.md; 2019-02-titre.md is a month.
_FILE_NAME_DATES = (
    re.compile(r"^(?P<year>\d{4})[-_.](?P<month>\d{1,2})[-_.](?P<day>\d{1,2})(?=[-_. ]|$)"),
    re.compile(r"^(?P<year>\d{4})(?P<month>\d{2})(?P<day>\d{2})(?=[-_. ]|$)"),
    re.compile(r"^(?P<day>\d{1,2})[-_.](?P<month>\d{1,2})[-_.](?P<year>\d{4})(?=[-_. ]|$)"),
    re.compile(r"^(?P<year>\d{4})[-_.](?P<month>\d{1,2})(?=[-_. ]|$)"),
)
# Elsewhere in the name: mon-article-2021-05-05.md.
_FILE_NAME_DATE_INSIDE = re.compile(r"(?<![0-9])(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})(?![0-9])")
# What a file name's date prefix looks like, to take it off a title.
FILE_NAME_PREFIX = re.compile(r"^(?:\d{4}[-_.]\d{1,2}(?:[-_.]\d{1,2})?|\d{8}|\d{1,2}[-_.]\d{1,2}[-_.]\d{4})[-_. ]+")

Date = dt.date | dt.datetime
# No date is written in more characters than this: longer text is not read.
_MAX_LENGTH = 100


class DateError(ValueError):
    """``code`` names the message in messages.py."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def parse_date(value: object) -> Date:
    """Parse a front matter date; raise DateError with a message code."""
    return read_date(value)[0]


def read_date(value: object) -> tuple[Date, str | None]:
    """(date, how): ``how`` is None for a date in ISO form, else the code of
    the message that says how it was read (``date_read``, ``date_month_only``,
    ``date_us_order``). Raise DateError with a message code."""
    if isinstance(value, dt.datetime):
        return _check_range(_naive(value)), None
    if isinstance(value, dt.date):
        return _check_range(value), None
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise DateError("date_unreadable")
    text = str(value).strip()
    if not text:
        raise DateError("date_missing")
    if len(text) > _MAX_LENGTH:
        raise DateError("date_unreadable")
    try:
        return _check_range(_naive(_parse_iso(text))), None
    except DateError:
        raise
    except ValueError:
        pass
    folded = strip_accents(text).casefold().strip()
    # "(heure de Paris)", "[modifié]": a remark after the date.
    folded = re.sub(r"\s+", " ", re.sub(r"\s*[(\[].*[)\]]$", "", folded)).strip()
    for pattern in (_WRITTEN, _NUMERIC, _YEAR_FIRST, _WRITTEN_MONTH_FIRST):
        found = pattern.match(folded)
        if found:
            date, how = _build(found)
            return _check_range(date), how
    for pattern in _MONTH_ONLY:
        found = pattern.match(folded)
        if found and _month(found.group("month")) is not None:
            return _check_range(_make_date(int(found.group("year")), _month(found.group("month")) or 0, 1)), "date_month_only"
    if _from_today(folded) is not None:
        raise DateError("date_relative")  # it would mean another day at each build
    raise DateError("date_unreadable")


# Days said from today: « hier », « demain », « lundi dernier », « next friday ».
_DAYS_FROM_TODAY = {
    "aujourd'hui": 0, "aujourdhui": 0, "aujourd’hui": 0, "ce jour": 0, "today": 0,
    "hier": -1, "yesterday": -1, "avant-hier": -2, "avant hier": -2,
    "demain": 1, "tomorrow": 1, "apres-demain": 2, "apres demain": 2,
}  # fmt: skip
_WEEKDAY_NUMBERS = {
    name: number
    for number, names in enumerate(
        (("lundi", "monday"), ("mardi", "tuesday"), ("mercredi", "wednesday"), ("jeudi", "thursday"),
         ("vendredi", "friday"), ("samedi", "saturday"), ("dimanche", "sunday"))
    )
    for name in names
}  # fmt: skip
_WEEKDAY_FROM_TODAY = re.compile(
    r"^(?:(?P<last>last|next) (?P<day1>\w+)|(?P<day2>\w+) (?P<when>dernier|derniere|prochain|prochaine|passe))$"
)


def relative_day(text: str, today: Date) -> Date | None:
    """The day TEXT means when it says a day from ``today`` (« hier »,
    « lundi dernier », « next friday »), else None."""
    said = _from_today(strip_accents(text).casefold())
    if said is None:
        return None
    days, weekday = said
    if weekday is None:
        return today + dt.timedelta(days=days)
    if days > 0:
        return today + dt.timedelta(days=(weekday - today.weekday() - 1) % 7 + 1)
    return today - dt.timedelta(days=(today.weekday() - weekday - 1) % 7 + 1)


def _from_today(folded: str) -> tuple[int, int | None] | None:
    """How FOLDED (no accents, lower case) says a day from today: (days, None)
    for « hier » (-1, None); (1 or -1, weekday) for the next or the last such
    weekday; None when it does not."""
    folded = re.sub(r"\s+", " ", folded.strip().rstrip("."))
    if folded in _DAYS_FROM_TODAY:
        return _DAYS_FROM_TODAY[folded], None
    found = _WEEKDAY_FROM_TODAY.match(folded)
    weekday = _WEEKDAY_NUMBERS.get(found.group("day1") or found.group("day2") or "") if found else None
    if found is None or weekday is None:
        return None
    return (1 if found.group("last") == "next" or found.group("when") in {"prochain", "prochaine"} else -1), weekday


def date_from_file_name(name: str) -> Date | None:
    """The date a file name starts with (``2021-03-04-titre.md``...), or None."""
    found = read_file_name_date(name)
    return found[0] if found else None


def read_file_name_date(name: str) -> tuple[Date, str | None] | None:
    """(date, how) from a file name's prefix, or None; ``how`` as in read_date."""
    for pattern in _FILE_NAME_DATES:
        found = pattern.match(name)
        if not found:
            continue
        parts = found.groupdict()
        try:
            if "day" not in parts:
                return _check_range(_make_date(int(parts["year"]), int(parts["month"]), 1)), "date_month_only"
            return _check_range(_make_date(int(parts["year"]), int(parts["month"]), int(parts["day"]))), None
        except DateError:
            return None
    found = _FILE_NAME_DATE_INSIDE.search(name)
    if found:
        try:
            return _check_range(_make_date(int(found["year"]), int(found["month"]), int(found["day"]))), None
        except DateError:
            return None
    return None


def _parse_iso(text: str) -> dt.date | dt.datetime:
    if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", text):
        year, month, day = (int(part) for part in text.split("-"))
        return _make_date(year, month, day)
    if not re.match(r"^\d{4}-\d{2}-\d{2}[T ]\d", text):
        raise ValueError(text)
    candidate = re.sub(r"\s*(Z|z)$", "+00:00", text)
    candidate = re.sub(r"\s+([+-]\d{2}:?\d{2})$", r"\1", candidate)
    try:
        return dt.datetime.fromisoformat(candidate)
    except ValueError:
        # A well-formed date with an impossible day (2021-02-30 10:00).
        year, month, day = (int(part) for part in text[:10].split("-"))
        _make_date(year, month, day)
        raise


def _month(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    text = text.rstrip(".")
    if text in MONTHS:
        return MONTHS[text]
    # A slip on a long month name: "fevirer", "septmbre".
    close = {number for name, number in MONTHS.items() if len(name) >= 5 and len(text) >= 5 and edit_distance(text, name, 1) <= 1}
    return close.pop() if len(close) == 1 else None


def _build(found: re.Match[str]) -> tuple[Date, str]:
    groups = found.groupdict()
    month = _month(groups["month"])
    if month is None:
        raise DateError("date_unreadable")
    year = int(groups["year"])
    if year < 100:
        year += 2000
    day = int(groups["day"])
    how = "date_read"
    if groups["month"].isdigit() and found.re is _NUMERIC and month > 12 >= day >= 1:
        # 12/31/2021 has no 31st month: an American date.
        month, day, how = day, month, "date_us_order"
    date = _make_date(year, month, day)
    if groups.get("hour") is None:
        return date, how
    hour, minute, second = int(groups["hour"]), int(groups["minute"] or 0), int(groups["second"] or 0)
    if groups.get("ampm") == "pm" and hour < 12:
        hour += 12
    elif groups.get("ampm") == "am" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59 or second > 59:
        # The day exists; the time cannot be understood.
        raise DateError("date_unreadable")
    return dt.datetime(date.year, date.month, date.day, hour, minute, second), how


def _make_date(year: int, month: int, day: int) -> dt.date:
    if not EARLIEST_YEAR <= year <= LATEST_YEAR:
        raise DateError("date_out_of_range")
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise DateError("date_impossible") from None


def _naive(value: Date) -> Date:
    # Material sorts posts by date: aware and naive datetimes cannot be
    # compared, so every time is kept as the wall-clock time the writer wrote.
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        return value.replace(tzinfo=None)
    return value


def _check_range(value: Date) -> Date:
    if not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        raise DateError("date_out_of_range")
    return value
