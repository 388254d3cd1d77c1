"""Date expressions → Date values: reads what a phrase says about when; pure string work.

Graph side and stdlib only: it finds no phrases in a parse (``kg.extract.dates`` does) and
writes no RDF. A phrase is read at the precision it gives ("1998" a year, "May 2005" a
month, "13 March 1963" a day). What cannot be pinned without guessing is kept as written: a
numeric date whose day and month could be swapped ("05/06/2007"), or a relative one ("on
Monday", "last week") when no document date is known to count from.

>>> read_date("born 13 March 1963")
Date(year=1963, month=3, day=13)
>>> read_date("05/06/2007")
'05/06/2007'
>>> read_date("yesterday", anchor=Date(2024, 3, 5))
Date(year=2024, month=3, day=4)
>>> read_range("1901–1975")
(Date(year=1901, month=0, day=0), Date(year=1975, month=0, day=0))
"""

from __future__ import annotations

import datetime
import itertools
import re
from dataclasses import dataclass
from typing import Final, TypeAlias

from kg.model import Date

__all__ = [
    "DateMatch",
    "When",
    "document_date",
    "find_dates",
    "find_range",
    "parse_iso",
    "read_date",
    "read_range",
]

# A date read from text: a Date, or the phrase itself where it cannot be pinned.
When: TypeAlias = Date | str

_MONTHS: Final = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_WEEKDAYS: Final = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _month(name: str) -> str:
    return (
        rf"(?P<{name}>January|February|March|April|May|June|July|August|September|October"
        r"|November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?"
        r"|Oct\.?|Nov\.?|Dec\.?)(?![a-z])"
    )


def _day(name: str) -> str:
    return rf"(?P<{name}>[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![0-9])"


def _year(name: str) -> str:
    return rf"(?P<{name}>[12][0-9]{{3}})(?![0-9])"


# The absolute forms, most precise first: the regex alternation tries them in this order.
_FORMS: Final = (
    # 2005-05-13, 2005-05
    r"(?<![0-9])(?P<year0>[12][0-9]{3})-(?P<month0>0[1-9]|1[0-2])"
    r"(?:-(?P<day0>0[1-9]|[12][0-9]|3[01]))?(?![0-9])",
    # 13 March 1963, 13th of March, 1963
    r"(?<![0-9])" + _day("day1") + r"(?:\s+of)?\s+" + _month("month1") + r",?\s+" + _year("year1"),
    # March 13, 1963 / March 13 1963
    _month("month2") + r"\s+" + _day("day2") + r"(?:,\s*|\s+)" + _year("year2"),
    # March 1963 / March, 1963
    _month("month3") + r",?\s+" + _year("year3"),
    # 1963, not 1960s, not 1,963 or 19.63
    r"(?<![0-9.,/])(?P<year4>1[0-9]{3}|20[0-9]{2})(?![0-9]|s\b|'s\b|%)",
)

_ABSOLUTE: Final = re.compile("|".join(f"(?P<f{i}>{form})" for i, form in enumerate(_FORMS)))
# 05/06/2007, 5.6.2007: day and month may be swapped.
_NUMERIC: Final = re.compile(
    r"(?<![0-9])(?P<a>[0-9]{1,2})[/.](?P<b>[0-9]{1,2})[/.](?P<y>[12][0-9]{3})(?![0-9])"
)
# "about 1850", "around 1850": an approximate number may be no year at all ("about 1500
# soldiers"), so it is left out; "c. 1200" and "circa 1200" are dates, kept as written.
_APPROXIMATE: Final = re.compile(
    r"\b(?:c\.|ca\.|circa|about|around|approximately)\s*$", re.IGNORECASE
)
_CIRCA: Final = re.compile(
    r"(?<![\w.])(?:c\.|ca\.|circa)\s*(?:1[0-9]{3}|20[0-9]{2})(?![0-9]|s\b)", re.IGNORECASE
)
# "the 1980s", "the mid-1990s": a decade has no calendar datatype, so it is kept as written
# (the decade alone: "early" or "late" is no part of the date's span).
_DECADE: Final = re.compile(r"(?<![0-9'\u2019])(?:1[0-9]{2}|20[0-9])0s\b")
_RELATIVE: Final = re.compile(
    r"\b(?P<word>yesterday|today|tomorrow)\b"
    r"|\b(?:on\s+|last\s+|this\s+|next\s+)?(?P<weekday>monday|tuesday|wednesday|thursday|friday"
    r"|saturday|sunday)\b"
    r"|\b(?P<which>last|this|next)\s+(?P<unit>week|month|year)\b",
    re.IGNORECASE,
)
# Between two dates: an en or em dash, a hyphen, "to", "until", "and" ("between X and Y").
_RANGE_JOIN: Final = re.compile(r"^\s*(?:[–—-]|to|until|till|through|and)\s*$", re.IGNORECASE)
# "1820–88", "1998–2006": a second year written with two digits, or a day range "4–5 June 1942".
_SHORT_RANGE: Final = re.compile(
    r"(?<![0-9])(?P<y1>[12][0-9]{3})\s*[–—-]\s*(?P<y2>[0-9]{2})(?![0-9])"
)
_DAY_RANGE: Final = re.compile(
    r"(?<![0-9])(?P<d1>[12][0-9]|3[01]|0?[1-9])\s*[–—-]\s*"
    + _day("d2")
    + r"\s+"
    + _month("m")
    + r",?\s+"
    + _year("y"),
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class DateMatch:
    """A date expression found in a text: where it is and what it says."""

    start: int
    end: int
    value: When


def _valid(year: int, month: int, day: int) -> Date | None:
    if month and day:
        try:
            datetime.date(year, month, day)
        except ValueError:
            return None
    return Date(year, month, day)


def _from_match(match: re.Match[str]) -> Date | None:
    for i in range(len(_FORMS)):
        if match.group(f"f{i}") is None:
            continue
        parts = match.groupdict()
        year = int(parts[f"year{i}"])
        month_text = parts.get(f"month{i}")
        if month_text is None:
            month = 0
        elif month_text.isdigit():
            month = int(month_text)
        else:
            month = _MONTHS[month_text.lower().rstrip(".")]
        day_text = parts.get(f"day{i}")
        day = int(re.sub(r"\D", "", day_text)) if day_text else 0
        return _valid(year, month, day)
    return None


def _resolve(match: re.Match[str], anchor: Date) -> Date | None:
    if anchor.day == 0:
        return None
    today = datetime.date(anchor.year, anchor.month, anchor.day)
    word, weekday = match.group("word"), match.group("weekday")
    if word:
        shift = {"yesterday": -1, "today": 0, "tomorrow": 1}[word.lower()]
        day = today + datetime.timedelta(days=shift)
        return Date(day.year, day.month, day.day)
    if weekday:
        # News tells of the days just past: "on Monday" is the last Monday up to the date.
        back = (today.weekday() - _WEEKDAYS.index(weekday.lower())) % 7
        if match.group(0).lower().startswith("last") and back == 0:
            back = 7
        day = today - datetime.timedelta(days=back)
        return Date(day.year, day.month, day.day)
    step = {"last": -1, "this": 0, "next": 1}[match.group("which").lower()]
    unit = match.group("unit").lower()
    if unit == "year":
        return Date(anchor.year + step)
    if unit == "month":
        months = anchor.year * 12 + anchor.month - 1 + step
        return Date(months // 12, months % 12 + 1)
    return None  # a week is no calendar unit of xsd: "last week" stays as written


def find_dates(text: str, anchor: Date | None = None) -> list[DateMatch]:
    """Return the date expressions of ``text`` in order, each read as far as it can be.

    Absolute dates become Date values; an ambiguous numeric date, a relative one with no
    ``anchor`` (the document's date) to count from, a decade ("1980s") and a year marked as
    approximate ("c. 1200", "circa 1200") are kept as the text they are written as. A year
    "about" or "around" which is left out: it may be a count ("about 1500 soldiers").

    >>> [(m.start, m.end, m.value) for m in find_dates("from May 2005 to 05/06/2007")]
    [(5, 13, Date(year=2005, month=5, day=0)), (17, 27, '05/06/2007')]
    """
    found: list[DateMatch] = []
    taken = [False] * len(text)

    def add(start: int, end: int, value: When | None) -> None:
        if value is None or any(taken[start:end]):
            return
        for k in range(start, end):
            taken[k] = True
        found.append(DateMatch(start, end, value))

    for match in _NUMERIC.finditer(text):
        a, b, year = int(match["a"]), int(match["b"]), int(match["y"])
        if a > 12 >= b:
            add(match.start(), match.end(), _valid(year, b, a))
        elif b > 12 >= a or a == b:  # only one reading, or both readings agree
            add(match.start(), match.end(), _valid(year, a, b))
        else:
            add(match.start(), match.end(), match.group(0))
    for match in _CIRCA.finditer(text):
        add(match.start(), match.end(), match.group(0))
    for match in _ABSOLUTE.finditer(text):
        if not _APPROXIMATE.search(text, 0, match.start()):
            add(match.start(), match.end(), _from_match(match))
    for match in _DECADE.finditer(text):
        add(match.start(), match.end(), match.group(0))
    for match in _RELATIVE.finditer(text):
        value = _resolve(match, anchor) if anchor is not None else None
        add(match.start(), match.end(), value if value is not None else match.group(0))
    return sorted(found, key=lambda m: m.start)


def read_date(text: str, anchor: Date | None = None) -> When | None:
    """Return the first date ``text`` states, or None where it states none.

    >>> read_date("in the 1980s"), read_date("c. 1200")
    ('1980s', 'c. 1200')
    >>> read_date("about 1500 soldiers") is None
    True
    """
    found = find_dates(text, anchor)
    return found[0].value if found else None


def find_range(text: str, anchor: Date | None = None) -> tuple[DateMatch, DateMatch] | None:
    """Return the start and end of the first span of time ``text`` writes as one
    ("1901–1975", "from 1992 to 2002", "4–5 June 1942", "1820–88"), or None if it writes none.

    >>> [(m.start, m.end) for m in find_range("(1820–88)")]
    [(1, 5), (6, 8)]
    """
    days = _DAY_RANGE.search(text)
    if days:
        year, month = int(days["y"]), _MONTHS[days["m"].lower().rstrip(".")]
        first = _valid(year, month, int(days["d1"]))
        last = _valid(year, month, int(re.sub(r"\D", "", days["d2"])))
        if first is not None and last is not None:
            return (
                DateMatch(days.start(), days.end("d1"), first),
                DateMatch(days.start("d2"), days.end(), last),
            )
    short = _SHORT_RANGE.search(text)
    if short:
        first_year = int(short["y1"])
        last_year = first_year // 100 * 100 + int(short["y2"])
        if last_year > first_year:
            return (
                DateMatch(short.start("y1"), short.end("y1"), Date(first_year)),
                DateMatch(short.start("y2"), short.end("y2"), Date(last_year)),
            )
    found = find_dates(text, anchor)
    for one, two in itertools.pairwise(found):
        if _RANGE_JOIN.match(text[one.end : two.start]):
            return one, two
    return None


def read_range(text: str, anchor: Date | None = None) -> tuple[When, When] | None:
    """Return the start and end of the first span of time ``text`` writes as one.

    >>> read_range("4–5 June 1942")
    (Date(year=1942, month=6, day=4), Date(year=1942, month=6, day=5))
    >>> read_range("1820–88")
    (Date(year=1820, month=0, day=0), Date(year=1888, month=0, day=0))
    """
    found = find_range(text, anchor)
    return None if found is None else (found[0].value, found[1].value)


_FRONT_MATTER: Final = re.compile(r"\A---\s*\n(?P<body>.*?)\n---\s*(?:\n|\Z)", re.DOTALL)
_DATE_LINE: Final = re.compile(
    r"^\s*(?:date|published|posted|updated)\s*:\s*(?P<value>.+?)\s*$", re.IGNORECASE | re.MULTILINE
)
_HEAD_LINES: Final = 5
# A dateline is a date and a word or two: a longer line is prose, and reading all the dates of
# a document written on one line, each searched back to its start, took minutes.
_DATELINE_CHARS: Final = 200


def parse_iso(value: str) -> Date | None:
    """Return the calendar day of an ISO date ``YYYY-MM-DD`` (a time after it is ignored).

    >>> parse_iso("2024-03-05T10:00:00Z")
    Date(year=2024, month=3, day=5)
    >>> parse_iso("05/03/2024") is None
    True
    """
    match = re.match(r"\s*([12][0-9]{3})-([01][0-9])-([0-3][0-9])(?![0-9])", value)
    if not match:
        return None
    return _valid(int(match[1]), int(match[2]), int(match[3]))


def document_date(text: str) -> Date | None:
    """Return the date a document says it was written on: a ``date:`` field of its front
    matter, or a line of its head reading ``Date: …`` or holding a full date alone.

    >>> document_date("---\\ntitle: x\\ndate: 2024-03-05\\n---\\nBody.")
    Date(year=2024, month=3, day=5)
    >>> document_date("Markets\\nMarch 5, 2024\\n\\nShares fell on Monday.")
    Date(year=2024, month=3, day=5)
    >>> document_date("Shares fell on Monday, 5 March 2024.") is None
    True
    """
    front = _FRONT_MATTER.match(text)
    head = front["body"] if front else "\n".join(text.splitlines()[:_HEAD_LINES])
    for field in _DATE_LINE.finditer(head):
        value = parse_iso(field["value"]) or read_date(field["value"])
        if isinstance(value, Date) and value.day:
            return value
    if front:
        return None
    for line in head.splitlines():
        if len(line) > _DATELINE_CHARS:
            continue
        found = [m for m in find_dates(line) if isinstance(m.value, Date)]
        # A dateline: the date is the line, give or take a weekday or a place before it.
        if len(found) == 1 and isinstance(found[0].value, Date) and found[0].value.day:
            rest = (line[: found[0].start] + line[found[0].end :]).strip(" ,.-–—")
            if len(rest.split()) <= 2 and not rest.endswith((".", "!", "?")):
                return found[0].value
    return None
