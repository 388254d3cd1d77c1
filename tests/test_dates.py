"""Dates: reading date phrases, the date rules on hand-built parses, and date facts end to end."""

from __future__ import annotations

import dataclasses
import re

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD
from spacy.vocab import Vocab

from kg.dates import document_date, find_dates, find_range, read_date, read_range
from kg.extract.dates import merge_dates, read_dates, read_lifespans, with_dated_works
from kg.extract.mentions import find_mentions, mention_index
from kg.extract.rules import Sentence
from kg.graph import date_literal, to_rdf
from kg.link import link_documents
from kg.model import (
    Argument,
    Date,
    DateFact,
    Document,
    Entity,
    Extraction,
    Mention,
    Provenance,
    Span,
)
from kg.namespace import KG, REL, content_hash
from kg.store import Store
from kg.validate import validate
from kg.vocabulary import ontology_turtle, read_relation, vocabulary
from tests.docs import parse

_MONDAY = Date(2024, 3, 4)  # a Monday
_TUESDAY = Date(2024, 3, 5)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("born 13 March 1963", Date(1963, 3, 13), id="day-month-year"),
        pytest.param("on the 5th of May, 2004", Date(2004, 5, 5), id="ordinal-of-month"),
        pytest.param("released on May 5, 2004", Date(2004, 5, 5), id="month-day-comma-year"),
        pytest.param("in Sept. 1999", Date(1999, 9), id="abbreviated-month-year"),
        pytest.param("founded in 1998", Date(1998), id="year"),
        pytest.param("2005-05-13", Date(2005, 5, 13), id="iso-day"),
        pytest.param("2005-05", Date(2005, 5), id="iso-month"),
        pytest.param("13/06/2007", Date(2007, 6, 13), id="numeric-day-first-unambiguous"),
        pytest.param("06/13/2007", Date(2007, 6, 13), id="numeric-month-first-unambiguous"),
        pytest.param("05/06/2007", "05/06/2007", id="numeric-ambiguous-kept-as-text"),
        pytest.param("on Monday", "on Monday", id="relative-without-anchor-kept"),
        pytest.param("31 February 1999", None, id="no-such-day"),
        pytest.param("in the 1980s", "1980s", id="decade-kept-as-text"),
        pytest.param("the mid-1990s", "1990s", id="decade-without-its-part"),
        pytest.param("c. 1200", "c. 1200", id="circa-kept-as-text"),
        pytest.param("circa 1850", "circa 1850", id="circa-word-kept-as-text"),
        pytest.param("c.1680", "c.1680", id="circa-without-a-space"),
        pytest.param("about 1500 soldiers", None, id="about-a-number-left-out"),
        pytest.param("2,000 people", None, id="a-number-is-no-year"),
        pytest.param("may 2005", Date(2005), id="lowercase-may-is-no-month"),
    ],
)
def test_read_date(text: str, expected: Date | str | None) -> None:
    assert read_date(text) == expected


@pytest.mark.parametrize(
    ("text", "anchor", "expected"),
    [
        pytest.param("yesterday", _TUESDAY, Date(2024, 3, 4), id="yesterday"),
        pytest.param("today", _TUESDAY, _TUESDAY, id="today"),
        pytest.param("on Monday", _TUESDAY, _MONDAY, id="weekday-just-past"),
        pytest.param("on Tuesday", _TUESDAY, _TUESDAY, id="weekday-is-today"),
        pytest.param("last Tuesday", _TUESDAY, Date(2024, 2, 27), id="last-weekday-a-week-back"),
        pytest.param("last month", Date(2024, 1, 15), Date(2023, 12), id="last-month-across-year"),
        pytest.param("next year", _TUESDAY, Date(2025), id="next-year"),
        pytest.param("last week", _TUESDAY, "last week", id="week-is-no-calendar-unit"),
    ],
)
def test_relative_dates_count_from_the_anchor(text: str, anchor: Date, expected: object) -> None:
    assert read_date(text, anchor) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("(1901–1975)", (Date(1901), Date(1975)), id="years-en-dash"),
        pytest.param("1751-1834", (Date(1751), Date(1834)), id="years-hyphen"),
        pytest.param("1820–88", (Date(1820), Date(1888)), id="second-year-two-digits"),
        pytest.param("4–5 June 1942", (Date(1942, 6, 4), Date(1942, 6, 5)), id="day-range"),
        pytest.param("from 1992 to 2002", (Date(1992), Date(2002)), id="from-to"),
        pytest.param("between 1937 and 1984", (Date(1937), Date(1984)), id="between-and"),
        pytest.param(
            "August 20, 1920 – January 16, 1992",
            (Date(1920, 8, 20), Date(1992, 1, 16)),
            id="full-dates",
        ),
        pytest.param("in 1998 and in 2004", None, id="two-dates-no-range"),
    ],
)
def test_read_range(text: str, expected: tuple[Date, Date] | None) -> None:
    assert read_range(text) == expected


def test_found_dates_keep_their_offsets() -> None:
    text = "from May 2005 to 05/06/2007"
    assert [text[m.start : m.end] for m in find_dates(text)] == ["May 2005", "05/06/2007"]
    span = find_range("(1820–88)")
    assert span is not None and [(m.start, m.end) for m in span] == [(1, 5), (6, 8)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("---\ntitle: x\ndate: 2024-03-05\n---\nBody.", _TUESDAY, id="front-matter"),
        pytest.param("Date: 5 March 2024\n\nShares fell.", _TUESDAY, id="date-line"),
        pytest.param("Markets\nTuesday, March 5, 2024\n\nShares fell.", _TUESDAY, id="dateline"),
        pytest.param(
            "Shares fell on Monday, 5 March 2024, in Oslo.", None, id="a-sentence-is-no-dateline"
        ),
        pytest.param("---\ntitle: x\n---\nMarch 5, 2024\n", None, id="front-matter-without-date"),
    ],
)
def test_document_date(text: str, expected: Date | None) -> None:
    assert document_date(text) == expected


@pytest.mark.parametrize(
    ("value", "lexical", "datatype"),
    [
        pytest.param(Date(1963, 3, 13), "1963-03-13", XSD.date, id="day"),
        pytest.param(Date(2005, 5), "2005-05", XSD.gYearMonth, id="month"),
        pytest.param(Date(998), "0998", XSD.gYear, id="year-four-digits"),
        pytest.param("05/06/2007", "05/06/2007", None, id="text"),
    ],
)
def test_dates_become_literals_at_their_precision(
    value: Date | str, lexical: str, datatype: URIRef | None
) -> None:
    literal = date_literal(value)
    assert (str(literal), literal.datatype) == (lexical, datatype)
    if datatype is not None:
        assert re.fullmatch(_LEXICAL[datatype], str(literal))


# The lexical spaces of XML Schema 1.1 for the years kg writes (four digits, no time zone).
_LEXICAL = {
    XSD.date: r"[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])",
    XSD.gYearMonth: r"[0-9]{4}-(0[1-9]|1[0-2])",
    XSD.gYear: r"[0-9]{4}",
}


_DATE_RELATIONS = {
    "date of birth": "P569",
    "date of death": "P570",
    "inception": "P571",
    "dissolved": "P576",
    "publication date": "P577",
    "point in time": "P585",
    "start time": "P580",
    "end time": "P582",
}


@pytest.mark.parametrize(("relation", "wikidata"), _DATE_RELATIONS.items())
def test_date_relations_map_to_wikidata_and_are_datatype_properties(
    relation: str, wikidata: str
) -> None:
    assert vocabulary().wikidata(relation) == wikidata
    assert vocabulary().relations[relation].dated
    turtle = ontology_turtle()
    line = next(x for x in turtle.split(" .\n") if f'rdfs:label "{relation}"' in x)
    assert "owl:DatatypeProperty, kg:DateRelation" in line and f"wdt:{wikidata}" in line


@pytest.mark.parametrize(
    ("predicate", "kind", "relation"),
    [
        pytest.param("born", "person", "date of birth", id="born"),
        pytest.param("founded", "organization", "inception", id="founded"),
        pytest.param("dissolved", "organization", "dissolved", id="dissolved"),
        pytest.param("released", "work", "publication date", id="released"),
        pytest.param("held", "event", "point in time", id="held"),
        pytest.param("span-start", "event", "start time", id="span-start"),
        pytest.param("appeared", "work", "publication date", id="appeared-in-a-work"),
        pytest.param("run-start", "work", "publication date", id="a-run-starts-with-a-release"),
        pytest.param("run-start", "person", "run-start", id="a-term-is-no-release"),
        pytest.param("began", "work", "publication date", id="a-work-begins-when-it-is-out"),
        pytest.param("run-began", "work", "start time", id="a-work-runs-since"),
        pytest.param("enacted", "law", "publication date", id="a-law-is-enacted"),
        pytest.param("enacted", "person", "enacted", id="a-person-passing-is-no-law"),
        pytest.param("dated", "law", "publication date", id="a-law-of-a-year"),
        pytest.param("run-ended", "work", "end time", id="a-work-runs-until"),
        pytest.param("appeared", "place", "appeared", id="appeared-in-a-place-dates-nothing"),
        pytest.param("lifespan-start", "place", "lifespan-start", id="a-place-has-no-lifespan"),
    ],
)
def test_date_readings(predicate: str, kind: str, relation: str) -> None:
    assert read_relation(predicate, kind, "date") == relation


def _dates(vocab, spec, ents):  # type: ignore[no-untyped-def]
    doc = parse(vocab, spec, ents)
    sentence = Sentence(doc[:], "t.txt", doc.text, 0, mention_index(doc, find_mentions(doc)))
    return {(e.subject.text, e.predicate, e.object.text, e.rule) for e in read_dates(sentence)}


DATE_CASES = [
    pytest.param(
        "Ostrava/NNP/compound/1 Steel/NNP/nsubjpass/3 was/VBD:AUX/auxpass/3/be"
        " founded/VBN/ROOT/3/found in/IN/prep/3 1998/CD/pobj/4 ./././3",
        [(0, 2, "ORG"), (5, 6, "DATE")],
        ("Ostrava Steel", "founded", "1998", "date-clause"),
        id="passive-founded-in",
    ),
    pytest.param(
        "Lena/NNP/compound/1 Varga/NNP/nsubjpass/3 was/VBD:AUX/auxpass/3/be born/VBN/ROOT/3/bear"
        " on/IN/prep/3 2/CD/nummod/6 May/NNP/pobj/4 1950/CD/nummod/6 ./././3",
        [(0, 2, "PERSON"), (5, 8, "DATE")],
        ("Lena Varga", "born", "2 May 1950", "date-clause"),
        id="born-on-day",
    ),
    pytest.param(
        "Blue/NNP/compound/1 Orchard/NNP/nsubj/2 is/VBZ:AUX/ROOT/2/be a/DT/det/5 1936/CD/nummod/5"
        " film/NN/attr/2 ./././2",
        [(0, 2, "WORK_OF_ART"), (4, 5, "DATE")],
        ("Blue Orchard", "dated", "1936", "date-modifier"),
        id="copula-year-film",
    ),
    pytest.param(
        "The/DT/det/1 band/NN/nsubj/2 released/VBD/ROOT/2/release its/PRP$/poss/5"
        " debut/NN/compound/5 album/NN/dobj/2 ,/,/punct/5 Salt/NNP/compound/8"
        " Roads/NNP/appos/5 ,/,/punct/5 in/IN/prep/2 1979/CD/pobj/10 ./././2",
        [(7, 9, "WORK_OF_ART"), (11, 12, "DATE")],
        ("Salt Roads", "released", "1979", "date-clause"),
        id="released-object-is-dated",
    ),
    pytest.param(
        "Kestrel/NNP/compound/1 Works/NNP/nsubj/2 existed/VBD/ROOT/2/exist from/IN/prep/2"
        " 1708/CD/pobj/3 until/IN/prep/2 1782/CD/pobj/5 ./././2",
        [(0, 2, "ORG"), (4, 5, "DATE"), (6, 7, "DATE")],
        {
            ("Kestrel Works", "began", "1708", "date-clause"),
            ("Kestrel Works", "ended", "1782", "date-clause"),
        },
        id="existed-from-until",
    ),
    pytest.param(
        "They/PRP/nsubj/1 lost/VBD/ROOT/1/lose the/DT/det/4 Battle/NNP/dobj/1 of/IN/prep/3"
        " Dunmere/NNP/pobj/4 in/IN/prep/1 April/NNP/pobj/6 1834/CD/nummod/7 ./././1",
        [(2, 6, "EVENT"), (7, 9, "DATE")],
        ("the Battle of Dunmere", "held", "April 1834", "date-event"),
        id="event-in-month",
    ),
    pytest.param(
        "Her/PRP$/poss/4 1928/CD/nummod/2 novel/NN/nmod/4 Blanche/NNP/compound/4 Rue/NNP/nsubj/5"
        " sold/VBD/ROOT/5/sell well/RB/advmod/5 ./././5",
        [(1, 2, "DATE"), (3, 5, "ORG")],
        ("Her 1928 novel Blanche Rue", "dated", "1928", "date-modifier"),
        id="year-class-noun-modifying-the-name",
    ),
    pytest.param(
        "Corvo/NNP/poss/3 's/POS/case/0 1986/CD/nummod/3 Lights/NNP/nsubj/4 sold/VBD/ROOT/4/sell"
        " well/RB/advmod/4 ./././4",
        [(0, 1, "ORG"), (2, 3, "DATE"), (3, 4, "WORK_OF_ART")],
        ("Corvo 's 1986 Lights", "dated", "1986", "date-modifier"),
        id="owner-year-work",
    ),
    pytest.param(
        "Their/PRP$/poss/2 next/JJ/amod/2 album/NN/nsubj/7 ,/,/punct/2 1987/CD/appos/2"
        " 's/POS/case/4 Salt/NNP/compound/7 Roads/NNP/nsubj/8 sold/VBD/ROOT/8/sell ./././8",
        [(4, 5, "DATE"), (6, 8, "ORG")],
        ("Salt Roads", "dated", "1987", "date-modifier"),
        id="possessive-year-before-a-name",
    ),
    pytest.param(
        "They/PRP/nsubj/1 won/VBD/ROOT/1/win the/DT/det/4 1992/CD/nummod/4 Harbour/NNP/compound/5"
        " Games/NNPS/dobj/1 ./././1",
        [(3, 4, "DATE"), (4, 6, "EVENT")],
        set(),
        id="a-year-before-an-event-name-is-no-work-date",
    ),
    pytest.param(
        "In/IN/prep/3 2007/CD/pobj/0 she/PRP/nsubj/3 starred/VBD/ROOT/3/star in/IN/prep/3"
        " the/DT/det/6 film/NN/pobj/4 Cold/NNP/compound/8 Lantern/NNP/appos/6 ./././3",
        [(1, 2, "DATE"), (7, 9, "WORK_OF_ART")],
        ("Cold Lantern", "appeared", "2007", "date-clause"),
        id="starred-in-a-work",
    ),
    pytest.param(
        "It/PRP/nsubjpass/2 was/VBD:AUX/auxpass/2/be featured/VBN/ROOT/2/feature in/IN/prep/2"
        " the/DT/det/5 film/NN/pobj/3 Cold/NNP/compound/7 Lantern/NNP/appos/5 in/IN/prep/2"
        " 1948/CD/pobj/8 ./././2",
        [(6, 8, "WORK_OF_ART"), (9, 10, "DATE")],
        {("Cold Lantern", "appeared", "1948", "date-clause")},
        id="featured-in-a-work",
    ),
    pytest.param(
        "Salt/NNP/compound/1 Roads/NNP/nsubj/2 is/VBZ:AUX/ROOT/2/be an/DT/det/4 album/NN/attr/2"
        " by/IN/prep/4 the/DT/det/7 band/NN/pobj/5 Ostra/NNP/appos/7 ,/,/punct/8"
        " released/VBN/acl/8/release in/IN/prep/10 1986/CD/pobj/11 ./././2",
        [(0, 2, "WORK_OF_ART"), (8, 9, "ORG"), (12, 13, "DATE")],
        ("Salt Roads", "released", "1986", "date-clause"),
        id="a-participle-after-a-phrase-dates-its-work",
    ),
    pytest.param(
        "They/PRP/nsubj/1 fought/VBD/ROOT/1/fight in/IN/prep/1 the/DT/det/5 Harbour/NNP/compound/5"
        " War/NNP/pobj/2 of/IN/prep/5 1832/CD/pobj/6 ./././1",
        [(4, 6, "EVENT"), (7, 8, "DATE")],
        ("the Harbour War of 1832", "began", "1832", "date-event"),
        id="one-date-of-a-war-is-when-it-began",
    ),
    pytest.param(
        "By/IN/prep/4 2003/CD/pobj/0 ,/,/punct/4 Lind/NNP/nsubj/4 had/VBD:AUX/aux/4/have"
        " signed/VBN/ROOT/4/sign ,/,/punct/4 releasing/VBG/advcl/4/release Salt/NNP/compound/9"
        " Roads/NNP/dobj/7 that/DT/det/11 year/NN/npadvmod/7 ./././4",
        [(1, 2, "DATE"), (3, 4, "PERSON"), (8, 10, "WORK_OF_ART"), (10, 12, "DATE")],
        ("Salt Roads", "released", "2003", "date-clause"),
        id="that-year-is-the-year-written-before",
    ),
    pytest.param(
        "Ostrava/NNP/compound/1 Bank/NNP/nsubj/2 merged/VBD/ROOT/2/merge with/IN/prep/2"
        " Kestrel/NNP/pobj/3 in/IN/prep/2 2005/CD/pobj/5 ./././2",
        [(0, 2, "ORG"), (4, 5, "ORG"), (6, 7, "DATE")],
        ("Ostrava Bank", "dissolved", "2005", "date-clause"),
        id="merged-in",
    ),
    pytest.param(
        "The/DT/det/1 chapel/NN/nsubjpass/3 was/VBD:AUX/auxpass/3/be erected/VBN/ROOT/3/erect"
        " in/IN/prep/3 1766/CD/pobj/4 ./././3",
        [(5, 6, "DATE")],
        ("The chapel", "founded", "1766", "date-clause"),
        id="erected-in",
    ),
    pytest.param(
        "Ostrava/NNP/poss/2 's/POS/case/0 inception/NN/nsubj/5 in/IN/prep/2 1985/CD/pobj/3"
        " came/VBD/ROOT/5/come late/RB/advmod/5 ./././5",
        [(0, 1, "ORG"), (4, 5, "DATE")],
        ("Ostrava", "founded", "1985", "date-clause"),
        id="inception-in",
    ),
    pytest.param(
        "Tyo/NNP/nsubj/1 is/VBZ:AUX/ROOT/1/be the/DT/det/3 name/NN/attr/1 used/VBN/acl/3/use"
        " for/IN/prep/4 a/DT/det/7 chip/NN/pobj/5 that/WDT/nsubjpass/10 was/VBD:AUX/auxpass/10/be"
        " launched/VBN/relcl/7/launch in/IN/prep/10 2015/CD/pobj/11 ./././1",
        [(0, 1, "ORG"), (12, 13, "DATE")],
        ("Tyo", "launched", "2015", "date-clause"),
        id="the-first-sentence-dates-its-topic",
    ),
    pytest.param(
        "Across/IN/prep/4 the/DT/det/3 Dark/NNP/compound/3 Waters/NNPS/pobj/0 is/VBZ:AUX/ROOT/4/be"
        " a/DT/det/6 novel/NN/attr/4 first/RB/advmod/8 published/VBN/acl/6/publish in/IN/prep/8"
        " 1939/CD/pobj/9 ./././4",
        [(0, 4, "WORK_OF_ART"), (10, 11, "DATE")],
        {("the Dark Waters", "released", "1939", "date-clause")},
        id="the-first-sentence-dates-the-name-it-opens-with-however-parsed",
    ),
    pytest.param(
        "Nightline/NNP/nsubjpass/3 has/VBZ:AUX/aux/3/have been/VBN:AUX/auxpass/3/be"
        " broadcast/VBN/ROOT/3/broadcast since/IN/prep/3 1980/CD/pobj/4 ./././3",
        [(0, 1, "WORK_OF_ART"), (5, 6, "DATE")],
        ("Nightline", "run-began", "1980", "date-clause"),
        id="broadcast-since",
    ),
    pytest.param(
        "The/DT/det/1 show/NN/nsubj/2 ran/VBD/ROOT/2/run from/IN/prep/2 1973/CD/pobj/3"
        " to/IN/prep/2 1975/CD/pobj/5 ./././2",
        [(4, 5, "DATE"), (6, 7, "DATE")],
        {
            ("The show", "began", "1973", "date-clause"),
            ("The show", "ended", "1975", "date-clause"),
        },
        id="ran-from-to",
    ),
    pytest.param(
        "Salt/NNP/compound/1 Roads/NNP/nsubjpass/6 and/CC/cc/1 Iron/NNP/compound/4"
        " Fields/NNP/conj/1 were/VBD:AUX/auxpass/6/be released/VBN/ROOT/6/release in/IN/prep/6"
        " 1996/CD/pobj/7 ./././6",
        [(0, 2, "WORK_OF_ART"), (3, 5, "WORK_OF_ART"), (8, 9, "DATE")],
        {
            ("Salt Roads", "released", "1996", "date-clause"),
            ("Iron Fields", "released", "1996", "date-clause"),
        },
        id="coordinated-subjects-share-the-date",
    ),
    pytest.param(
        "He/PRP/nsubjpass/2 was/VBD:AUX/auxpass/2/be wounded/VBN/ROOT/2/wound at/IN/prep/2"
        " the/DT/det/5 Battle/NNP/pobj/3 of/IN/prep/5 Dunmere/NNP/pobj/6 in/IN/prep/2"
        " 1917/CD/pobj/8 ./././2",
        [(5, 8, "EVENT"), (9, 10, "DATE")],
        ("the Battle of Dunmere", "held", "1917", "date-event"),
        id="an-event-where-something-happened",
    ),
    pytest.param(
        "The/DT/det/2 Harbour/NNP/compound/2 Act/NNP/nsubj/5 of/IN/prep/2 1916/CD/pobj/3"
        " ended/VBD/ROOT/5/end the/DT/det/7 board/NN/dobj/5 ./././5",
        [(1, 3, "LAW"), (4, 5, "DATE")],
        ("The Harbour Act of 1916", "dated", "1916", "date-modifier"),
        id="a-law-of-a-year",
    ),
    pytest.param(
        "The/DT/det/1 act/NN/nsubjpass/3 was/VBD:AUX/auxpass/3/be passed/VBN/ROOT/3/pass"
        " in/IN/prep/3 1902/CD/pobj/4 ./././3",
        [(5, 6, "DATE")],
        ("The act", "enacted", "1902", "date-clause"),
        id="passed-in",
    ),
    pytest.param(
        "The/DT/det/1 creation/NN/ROOT/1 of/IN/prep/1 the/DT/det/5 Harbour/NNP/compound/5"
        " League/NNP/pobj/2 in/IN/prep/1 1963/CD/pobj/6",
        [(4, 6, "ORG"), (7, 8, "DATE")],
        ("the Harbour League", "founded", "1963", "date-clause"),
        id="the-creation-of-x-in",
    ),
    pytest.param(
        "Ostrava/NNP/compound/1 Steel/NNP/nsubj/2 grew/VBD/ROOT/2/grow in/IN/prep/2 1998/CD/pobj/3"
        " ./././2",
        [(0, 2, "ORG"), (4, 5, "DATE")],
        set(),
        id="a-verb-that-dates-nothing",
    ),
    pytest.param(
        "It/PRP/nsubj/1 came/VBD/ROOT/1/come from/IN/prep/1 her/PRP$/poss/6 2004/CD/nummod/6"
        " debut/NN/compound/6 album/NN/pobj/2 Where/WRB:SCONJ/advmod/9/where I/PRP/nsubj/9"
        " Stand/VBP/relcl/6/stand ./././1",
        [(4, 5, "DATE")],
        {("Where I Stand", "dated", "2004", "date-modifier")},
        id="an-untagged-title-after-a-year-and-a-class-noun",
    ),
    pytest.param(
        "It/PRP/nsubjpass/2 was/VBD:AUX/auxpass/2/be inspired/VBN/ROOT/2/inspire by/IN/agent/2"
        " Lind/NNP/poss/9 's/POS/case/4 1963/CD/nummod/7 children/NNS/poss/9/child 's/POS/case/7"
        " book/NN/pobj/3 Where/WRB:SCONJ/advmod/13/where the/DT/det/13 Owls/NNP/compound/13"
        " Are/NNP/advcl/2 ./././2",
        [(4, 5, "ORG"), (6, 7, "DATE"), (10, 14, "WORK_OF_ART")],
        {("Where the Owls Are", "dated", "1963", "date-modifier")},
        id="a-year-before-a-class-noun-whatever-it-modifies",
    ),
    pytest.param(
        "Her/PRP$/poss/1 venture/NN/nsubj/2 was/VBD:AUX/ROOT/2/be the/DT/det/6 1988/CD/nummod/6"
        " feature/NN/compound/6 film/NN/attr/2 A/DT/det/8 Cry/NN/appos/6 in/IN/prep/8"
        " the/DT/det/11 Night/NNP/pobj/9 by/IN/prep/6 Lind/NNP/pobj/12 ./././2",
        [(4, 5, "DATE"), (13, 14, "PERSON")],
        {("A Cry in the Night", "dated", "1988", "date-modifier")},
        id="a-title-after-a-class-noun-ends-before-by",
    ),
    pytest.param(
        "Her/PRP$/poss/2 1998/CD/nummod/2 singles/NNS/nsubj/6/single Copper/NN/appos/2"
        " and/CC/cc/3 Tin/NN/conj/3 sold/VBD/ROOT/6/sell well/RB/advmod/6 ./././6",
        [(1, 2, "DATE")],
        set(),
        id="one-year-before-a-plural-class-noun-dates-no-one-title",
    ),
    pytest.param(
        "Lind/NNP/nsubj/2 had/VBD:AUX/aux/2/have worked/VBN/ROOT/2/work on/IN/prep/2"
        " Salt/NNP/compound/5 Roads/NNP/pobj/3 and/CC/cc/5 Iron/NNP/compound/8 Fields/NNP/conj/5"
        " ,/,/punct/11 both/DT:PRON/nsubj/11 released/VBN/advcl/2/release in/IN/prep/11"
        " 2010/CD/pobj/12 ./././2",
        [(0, 1, "PERSON"), (4, 6, "WORK_OF_ART"), (7, 9, "WORK_OF_ART"), (13, 14, "DATE")],
        {
            ("Salt Roads", "released", "2010", "date-clause"),
            ("Iron Fields", "released", "2010", "date-clause"),
        },
        id="both-stands-for-the-names-before-it",
    ),
    pytest.param(
        "It/PRP/nsubj/1 covers/VBZ/ROOT/1/cover their/PRP$/poss/3 recording/NN/dobj/1"
        " of/IN/prep/3 Cold/NNP/compound/6 Harbour/NNP/pobj/4 ,/,/punct/3"
        " which/WDT/nsubjpass/10 was/VBD:AUX/auxpass/10/be released/VBN/relcl/3/release"
        " in/IN/prep/10 1966/CD/pobj/11 ./././1",
        [(5, 7, "WORK_OF_ART"), (12, 13, "DATE")],
        {("Cold Harbour", "released", "1966", "date-clause")},
        id="which-was-released-after-a-name",
    ),
    pytest.param(
        "Lind/NNP/nsubj/1 joined/VBD/ROOT/1/join its/PRP$/poss/3 team/NN/dobj/1 of/IN/prep/3"
        " Ostra/NNP/compound/6 Rovers/NNP/pobj/4 ,/,/punct/3 which/WDT/nsubjpass/10"
        " was/VBD:AUX/auxpass/10/be founded/VBN/relcl/3/found in/IN/prep/10 1920/CD/pobj/11"
        " ./././1",
        [(0, 1, "PERSON"), (5, 7, "ORG"), (12, 13, "DATE")],
        {("Ostra Rovers", "founded", "1920", "date-clause")},
        id="which-was-founded-after-a-name",
    ),
    pytest.param(
        "The/DT/det/1 label/NN/nsubj/2 signed/VBD/ROOT/2/sign Lind/NNP/dobj/2 ,/,/punct/3"
        " who/WP/nsubj/6 released/VBD/relcl/3/release an/DT/det/8 album/NN/dobj/6 in/IN/prep/6"
        " 1990/CD/pobj/9 ./././2",
        [(3, 4, "PERSON"), (10, 11, "DATE")],
        set(),
        id="who-released-something-is-not-what-was-released",
    ),
    pytest.param(
        "In/IN/prep/4 2012/CD/pobj/0 ,/,/punct/4 he/PRP/nsubj/4 published/VBD/ROOT/4/publish"
        ' his/PRP$/poss/7 first/JJ/amod/7 book/NN/dobj/4 ,/,/punct/7 "/``:PUNCT/punct/4'
        " Salt/NNP/compound/11 Roads/NNP/intj/4 \"/'':PUNCT/punct/4 ./././4",
        [(1, 2, "DATE"), (10, 12, "WORK_OF_ART")],
        {('" Salt Roads "', "released", "2012", "date-clause")},  # a quoted name's span
        id="the-name-right-after-a-class-noun-however-it-hangs",
    ),
    pytest.param(
        "It/PRP/nsubj/1 became/VBD/ROOT/1/become WSSB/NNP/attr/1 in/IN/prep/1 1989/CD/pobj/3"
        " ./././1",
        [(2, 3, "ORG"), (4, 5, "DATE")],
        {("WSSB", "founded", "1989", "date-clause")},
        id="became-a-new-name",
    ),
    pytest.param(
        "It/PRP/nsubjpass/2 was/VBD:AUX/auxpass/2/be renamed/VBN/ROOT/2/rename as/IN/prep/2"
        " the/DT/det/6 Harbour/NNP/compound/6 League/NNP/pobj/3 in/IN/prep/2 1935/CD/pobj/7"
        " ./././2",
        [(5, 7, "ORG"), (8, 9, "DATE")],
        {("the Harbour League", "founded", "1935", "date-clause")},
        id="renamed-as-a-new-name",
    ),
    pytest.param(
        "She/PRP/nsubj/1 became/VBD/ROOT/1/become Lady/NNP/compound/4 Ada/NNP/compound/4"
        " Lind/NNP/attr/1 in/IN/prep/1 1950/CD/pobj/5 ./././1",
        [(3, 5, "PERSON"), (6, 7, "DATE")],
        set(),
        id="becoming-a-person-is-no-founding",
    ),
    pytest.param(
        "Lind/NNP/nsubj/1 designated/VBD/ROOT/1/designate Kestrel/NNP/compound/4"
        " Hill/NNP/compound/4 Monument/NNP/dobj/1 in/IN/prep/1 1909/CD/pobj/5 ./././1",
        [(0, 1, "PERSON"), (2, 5, "ORG"), (6, 7, "DATE")],
        {("Kestrel Hill Monument", "founded", "1909", "date-clause")},
        id="designated-names-into-being",
    ),
    pytest.param(
        "Ostra/NNP/compound/1 Park/NNP/nsubjpass/3 was/VBD:AUX/auxpass/3/be"
        " designated/VBN/ROOT/3/designate a/DT/det/6 heritage/NN/compound/6 site/NN/oprd/3"
        " in/IN/prep/3 1999/CD/pobj/7 ./././3",
        [(0, 2, "ORG"), (8, 9, "DATE")],
        set(),
        id="designated-what-it-became-is-no-founding",
    ),
    pytest.param(
        "In/IN/prep/4 1859/CD/pobj/0 ,/,/punct/4 Varga/NNP/nsubj/4 declared/VBD/ROOT/4/declare"
        " he/PRP/nsubj/7 was/VBD:AUX/aux/7/be retiring/VBG/ccomp/4/retire ./././4",
        [(1, 2, "DATE"), (3, 4, "PERSON")],
        set(),
        id="declaring-that-founds-nothing",
    ),
    pytest.param(
        "Varga/NNP/nsubj/1 committed/VBD/ROOT/1/commit suicide/NN/dobj/1 in/IN/prep/1"
        " 1975/CD/pobj/3 ./././1",
        [(0, 1, "PERSON"), (4, 5, "DATE")],
        {("Varga", "died", "1975", "date-clause")},
        id="a-complement-that-dates-the-subject",
    ),
    pytest.param(
        "Ostravia/NNP/nsubj/1 gained/VBD/ROOT/1/gain independence/NN/dobj/1 in/IN/prep/1"
        " 1960/CD/pobj/3 ./././1",
        [(0, 1, "GPE"), (4, 5, "DATE")],
        {("Ostravia", "founded", "1960", "date-clause")},
        id="independence-dates-the-subject-not-the-object",
    ),
    pytest.param(
        "On/IN/prep/13 18/CD/nummod/2 May/NNP/pobj/0 1980/CD/nummod/2 ,/,/punct/13 the/DT/det/6"
        " eve/NN/nsubjpass/13 of/IN/prep/6 the/DT/det/9 tour/NN/pobj/7 ,/,/punct/13"
        " Lind/NNP/nsubjpass/13 was/VBD:AUX/auxpass/13/be found/VBN/ROOT/13/found dead/JJ/oprd/13"
        " ./././13",
        [(1, 4, "DATE"), (11, 12, "PERSON")],
        {("Lind", "died", "18 May 1980", "date-clause")},
        id="found-dead-is-no-founding-and-the-nearer-subject-is-the-one",
    ),
    pytest.param(
        "Ostrava/NNP/compound/1 Forces/NNP/nsubj/2 was/VBD:AUX/ROOT/2/be a/DT/det/4"
        " command/NN/attr/2 of/IN/prep/4 the/DT/det/8 Kestrel/NNP/compound/8 Navy/NNP/pobj/5"
        " ,/,/punct/8 active/JJ/amod/8 from/IN/prep/10 1944/CD/pobj/11 to/IN/prep/11"
        " 1958/CD/pobj/13 ./././2",
        [(0, 2, "ORG"), (7, 9, "ORG"), (12, 15, "DATE")],
        {
            ("Ostrava Forces", "began", "1944", "date-clause"),
            ("Ostrava Forces", "ended", "1958", "date-clause"),
        },
        id="active-after-a-comma-describes-the-copula-subject",
    ),
    pytest.param(
        "Salt/NNP/compound/1 Roads/NNP/nsubj/2 is/VBZ:AUX/ROOT/2/be a/DT/det/4 novel/NN/attr/2"
        " by/IN/prep/4 the/DT/det/7 writer/NN/pobj/5 Lena/NNP/compound/9 Varga/NNP/appos/7"
        " first/RB/advmod/11 published/VBN/acl/9/publish in/IN/prep/11 1939/CD/pobj/12 ./././2",
        [(0, 2, "WORK_OF_ART"), (8, 10, "PERSON"), (13, 14, "DATE")],
        {("Salt Roads", "released", "1939", "date-clause")},
        id="published-after-its-maker-dates-the-work",
    ),
    pytest.param(
        "The/DT/det/1 town/NN/nsubjpass/3 was/VBD:AUX/auxpass/3/be destroyed/VBN/ROOT/3/destroy"
        " by/IN/agent/3 Hurricane/NNP/compound/6 Lotta/NNP/pobj/4 in/IN/prep/3 1961/CD/pobj/7"
        " ./././3",
        [(5, 7, "EVENT"), (8, 9, "DATE")],
        {("Hurricane Lotta", "held", "1961", "date-event")},
        id="an-event-by-which-something-happened",
    ),
]


@pytest.mark.parametrize(("spec", "ents", "expected"), DATE_CASES)
def test_date_rules(vocab, spec: str, ents: list[tuple[int, int, str]], expected: object) -> None:  # type: ignore[no-untyped-def]
    found = _dates(vocab, spec, ents)
    if isinstance(expected, set):
        assert found == expected
    else:
        assert expected in found


@pytest.mark.parametrize(
    ("spec", "ents"),
    [
        pytest.param(
            "Salt/NNP/compound/1 Roads/NNP/nsubjpass/3 was/VBD:AUX/auxpass/3/be"
            " released/VBN/ROOT/3/release in/IN/prep/3 1999/CD/pobj/4 ./././3",
            [(0, 2, "ORG"), (5, 6, "DATE")],
            id="released",
        ),
        pytest.param(
            "The/DT/det/1 tour/NN/nsubj/2 ran/VBD/ROOT/2/run until/IN/prep/2 1988/CD/poss/6"
            " 's/POS/case/4 Salt/NNP/pobj/3 ./././2",
            [(4, 5, "DATE"), (6, 7, "PERSON")],
            id="a-year-in-the-possessive",
        ),
        pytest.param(
            "It/PRP/nsubjpass/2 was/VBD:AUX/auxpass/2/be collected/VBN/ROOT/2/collect in/IN/prep/2"
            " his/PRP$/poss/6 1973/CD/nummod/6 collection/NN/pobj/3 Salt/NNP/compound/8"
            " Roads/NNP/appos/6 ./././2",
            [(5, 6, "DATE"), (7, 9, "GPE")],
            id="a-year-and-a-class-noun",
        ),
    ],
)
def test_a_date_argues_the_kind_of_what_it_dates(
    vocab: Vocab, spec: str, ents: list[tuple[int, int, str]]
) -> None:
    doc = parse(vocab, spec, ents)
    sentence = Sentence(doc[:], "t.txt", doc.text, 0, mention_index(doc, find_mentions(doc)))
    (found,) = read_dates(sentence)
    assert found.subject_mention is not None
    assert (found.subject_mention.kind, found.subject_mention.evidence) == ("work", "date")


@pytest.mark.parametrize(
    ("after", "expected"),
    [
        pytest.param(
            "(1901–1975)", [("lifespan-start", "1901"), ("lifespan-end", "1975")], id="years"
        ),
        pytest.param("(born 13 March 1963 in Kosice)", [("born", "13 March 1963")], id="born"),
        pytest.param(
            ", (1820 in Arlon – 5 May 1890 in Ghent)",
            [("lifespan-start", "1820"), ("lifespan-end", "5 May 1890")],
            id="places-and-a-comma",
        ),
        pytest.param("(Greek: Lena; died 1443)", [("died", "1443")], id="died-after-a-gloss"),
        pytest.param(
            "(5 April 1815 in Arlon-21 March 1851, Ghent)",
            [("lifespan-start", "5 April 1815"), ("lifespan-end", "21 March 1851")],
            id="a-hyphen-between-a-place-and-a-date",
        ),
        pytest.param(
            "(Arlon, 2 June 1663 – Ghent, May 1719)",
            [("lifespan-start", "2 June 1663"), ("lifespan-end", "May 1719")],
            id="places-before-the-dates",
        ),
        pytest.param(
            "(1991–1995)",
            [("span-start", "1991"), ("run-start", "1991"), ("span-end", "1995")],
            id="four-years-is-a-term-not-a-life",
        ),
        pytest.param(
            "(San Remo, Liguria, 2 June 1663 – Arlon, Lorraine, May 1719)",
            [("lifespan-start", "2 June 1663"), ("lifespan-end", "May 1719")],
            id="places-with-commas-before-the-dates",
        ),
        pytest.param(
            "(, 16 October 1891 – 13 June 1948)",
            [("lifespan-start", "16 October 1891"), ("lifespan-end", "13 June 1948")],
            id="a-comma-before-the-dates",
        ),
        pytest.param("(2000)", [("dated", "2000")], id="a-year-alone"),
        pytest.param('" (2000)', [("dated", "2000")], id="after-a-closing-quote"),
        pytest.param(
            "(c. 1200 – 1260)",
            [("lifespan-start", "c. 1200"), ("lifespan-end", "1260")],
            id="approximate-start-as-written",
        ),
        pytest.param("(born 1950s)", [("born", "1950s")], id="born-in-a-decade"),
        pytest.param("(then a village)", [], id="no-date"),
    ],
)
def test_parenthesis_after_a_name(vocab, after: str, expected: list[tuple[str, str]]) -> None:  # type: ignore[no-untyped-def]
    doc = parse(vocab, "Lena/NNP/compound/1 Varga/NNP/ROOT/1", [(0, 2, "PERSON")])
    text = doc.text + after + " was a painter."
    found = read_lifespans(doc, find_mentions(doc), text, 0, "t.txt")
    assert [(e.predicate, e.object.text) for e in found] == expected
    assert all(text[e.object.start : e.object.end] == e.object.text for e in found)


@pytest.mark.parametrize(
    ("spec", "ents", "expected"),
    [
        pytest.param(
            "Sir/NNP/compound/2 Ada/NNP/compound/2 Lind/NNP/ROOT/2 ,/,/punct/2 2nd/JJ/amod/5"
            " Baronet/NNP/appos/2",
            [(1, 3, "PERSON"), (4, 6, "ORG")],
            "Ada Lind",
            id="a-title-after-the-name",
        ),
        pytest.param(
            "Ada/NNP/compound/1 Lind/NNP/ROOT/1 ,/,/punct/1 Marquis/NNP/appos/1 of/IN/prep/3"
            " Alder/NNP/pobj/4",
            [(0, 2, "PERSON"), (5, 6, "GPE")],
            "Ada Lind",
            id="a-title-of-a-place",
        ),
        pytest.param(
            "Ada/NNP/compound/1 Lind/NNP/nsubj/1 and/CC/cc/1 Eve/NNP/compound/4 Lind/NNP/conj/1",
            [(0, 2, "PERSON"), (3, 5, "PERSON")],
            "Eve Lind",
            id="two-people-keep-their-own",
        ),
    ],
)
def test_a_lifespan_is_the_life_of_the_name_it_describes(
    vocab: Vocab, spec: str, ents: list[tuple[int, int, str]], expected: str
) -> None:
    doc = parse(vocab, spec, ents)
    text = doc.text + " (19 May 1767 – 5 January 1816) was a soldier."
    found = read_lifespans(doc, find_mentions(doc), text, 0, "t.txt")
    assert [(e.subject.text, e.predicate) for e in found] == [
        (expected, "lifespan-start"),
        (expected, "lifespan-end"),
    ]
    # A lifespan argues that its subject is a person.
    assert {
        (e.subject_mention.kind, e.subject_mention.evidence) for e in found if e.subject_mention
    } == {("person", "lifespan")}


def test_a_title_the_tagger_cut_short_is_dated_whole(vocab: Vocab) -> None:
    spec = (
        "They/PRP/nsubj/1 directed/VBD/ROOT/1/direct Taste/NNP/dobj/1 of/IN/prep/2"
        " Salt/NNP/pobj/3 (/-LRB-:PUNCT/punct/2+ 1997/CD/appos/2+ )/-RRB-:PUNCT/punct/2"
        " and/CC/cc/2 Close-Down/NNP/conj/2 (/-LRB-:PUNCT/punct/9+ 1990/CD/appos/9+"
        " )/-RRB-:PUNCT/punct/9+ ./././1"
    )
    doc = parse(vocab, spec, [(4, 5, "ORG"), (9, 10, "WORK_OF_ART")])
    found = read_lifespans(doc, find_mentions(doc), doc.text, 0, "t.txt")
    assert sorted((e.subject.text, e.predicate, e.object.text) for e in found) == [
        ("Close-Down", "dated", "1990"),
        ("Taste of Salt", "dated", "1997"),
    ]


@pytest.mark.parametrize(
    ("spec", "ents", "kind"),
    [
        pytest.param(
            "They/PRP/nsubj/1 filmed/VBD/ROOT/1/film Dunmere/NNP/dobj/1",
            [(2, 3, "ORG")],
            "work",
            id="a-name-before-a-year-is-a-work",
        ),
        pytest.param(
            "They/PRP/nsubj/1 fought/VBD/ROOT/1/fight at/IN/prep/1 the/DT/det/4 Battle/NNP/pobj/2"
            " of/IN/prep/4 Dunmere/NNP/pobj/5",
            [(4, 7, "ORG")],
            "",
            id="an-event-before-a-year-is-no-work",
        ),
    ],
)
def test_a_year_after_a_name_argues_a_work_unless_an_event(
    vocab: Vocab, spec: str, ents: list[tuple[int, int, str]], kind: str
) -> None:
    doc = parse(vocab, spec, ents)
    found = with_dated_works(find_mentions(doc), doc, doc.text + " (1808).", 0)
    assert [m.kind for m in found if m.label] == [kind]


def _reading(rule: str, confidence: float, args: tuple[Argument, ...] = ()) -> Extraction:
    text = "Salt was released on 5 May 2004 in Leeds"
    return Extraction(
        doc="t.txt",
        sentence=Span(text, 0, len(text)),
        subject=Span("Salt", 0, 4),
        relation="released on",
        object=Span("5 May", 21, 26),
        predicate="released",
        rule=rule,
        confidence=confidence,
        args=args,
        subject_mention=Mention("Salt", 0, 4, "WORK_OF_ART"),
    )


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        pytest.param((), ("date-clause", 0.8), id="the-date-rule-states-the-date"),
        pytest.param(
            (Argument(Span("in Leeds", 32, 40), "in", "released in"),),
            ("participle", 0.43),
            id="a-clause-with-arguments-keeps-its-rule",
        ),
    ],
)
def test_a_date_reading_merged_into_a_weaker_clause_reading(
    args: tuple[Argument, ...], expected: tuple[str, float]
) -> None:
    clause = _reading("participle", 0.43, args)
    date = dataclasses.replace(
        _reading("date-clause", 0.8),
        object=Span("5 May 2004", 21, 31),
        object_mention=Mention("5 May 2004", 21, 31, "DATE"),
    )
    (merged,) = merge_dates([clause], [date])
    assert (merged.object.text, merged.args) == ("5 May 2004", args)
    assert (merged.rule, merged.confidence) == expected


def test_the_run_of_a_title_the_tagger_missed_is_read_but_not_a_life(vocab: Vocab) -> None:
    spec = (
        "They/PRP/nsubj/1 made/VBD/ROOT/1/make Cold/JJ/amod/3 Comfort/NN/dobj/1"
        " (/-LRB-:PUNCT/punct/3+ 1992–94/CD/appos/3+ )/-RRB-:PUNCT/punct/3 and/CC/cc/1"
        " met/VBD/conj/1/meet Tin/JJ/amod/10 Varga/NN/dobj/8 (/-LRB-:PUNCT/punct/10+"
        " 1901–1975/CD/appos/10+ )/-RRB-:PUNCT/punct/10+ ./././1"
    )
    doc = parse(vocab, spec)
    found = read_lifespans(doc, find_mentions(doc), doc.text, 0, "t.txt")
    assert sorted((e.subject.text, e.predicate, e.object.text) for e in found) == [
        ("Cold Comfort", "run-start", "1992"),
        ("Cold Comfort", "span-end", "94"),
        ("Cold Comfort", "span-start", "1992"),
    ]
    assert {e.subject_mention.kind for e in found if e.subject_mention} == {"work"}


def test_a_term_after_a_tagged_name_is_no_run_of_a_longer_title(vocab: Vocab) -> None:
    spec = (
        "It/PRP/nsubj/1 was/VBD:AUX/ROOT/1/be Admiral/NN/compound/4 Ada/NNP/compound/4"
        " Lind/NNP/attr/1 (/-LRB-:PUNCT/punct/4+ 1944–45/CD/appos/4+ )/-RRB-:PUNCT/punct/4+"
        " ./././1"
    )
    doc = parse(vocab, spec, [(3, 5, "PERSON")])
    found = read_lifespans(doc, find_mentions(doc), doc.text, 0, "t.txt")
    assert {(e.subject.text, e.rule) for e in found} == {("Ada Lind", "lifespan")}


def test_date_facts_end_to_end(nlp) -> None:  # type: ignore[no-untyped-def]
    from kg.extract import extract

    text = (
        "Orla Brennan (4 June 1901 – 1975) was an Irish painter. Corvane Systems was founded "
        "in May 1998 in Cork. In 2019, Corvane Systems partnered with Veltrix. Teller Roads "
        "worked with Veltrix from 1992 to 2002."
    )
    results = list(extract([Document("a.txt", text)]))
    linked = link_documents(
        [(r.document.name, r.document.text, r.mentions, r.extractions) for r in results]
    )
    facts = {(f.subject.name, f.predicate, f.value) for f in linked.dates}
    assert ("Orla Brennan", "date of birth", Date(1901, 6, 4)) in facts
    assert ("Orla Brennan", "date of death", Date(1975)) in facts
    assert ("Corvane Systems", "inception", Date(1998, 5)) in facts
    for fact in linked.dates:
        prov = fact.provenance
        assert prov is not None and text[prov.object.start : prov.object.end] == prov.object.text
    timed = {
        (t.subject.name, t.object.name, p.time, p.start, p.end)
        for t in linked.triples
        if (p := t.provenance) is not None
    }
    assert ("Corvane Systems", "Veltrix", Date(2019), None, None) in timed
    assert ("Teller Roads", "Veltrix", None, Date(1992), Date(2002)) in timed
    graph = _with_ontology(
        to_rdf(linked.triples, [r.document for r in results], dates=linked.dates)
    )
    born = REL["dateOfBirth"]
    assert Literal("1901-06-04", datatype=XSD.date) in set(graph.objects(None, born))
    assert not any(isinstance(o, URIRef) for o in graph.objects(None, born))  # never a node
    assert set(graph.subjects(RDF.type, KG.DateStatement))
    assert Literal("2019", datatype=XSD.gYear) in set(graph.objects(None, KG.pointInTime))
    assert validate(graph).conforms


def test_a_title_the_tagger_misses_is_dated_by_later_sentences(nlp) -> None:  # type: ignore[no-untyped-def]
    from kg.extract import extract

    text = (
        "Between Nine and Noon is, as its name says, the third album by Ada Lind. "
        "It was released in August 1996."
    )
    results = list(extract([Document("a.txt", text)]))
    linked = link_documents(
        [(r.document.name, r.document.text, r.mentions, r.extractions) for r in results]
    )
    facts = {(f.subject.name, f.value) for f in linked.dates}
    assert ("Between Nine and Noon", Date(1996, 8)) in facts


def test_relative_dates_resolve_against_the_document_date(nlp) -> None:  # type: ignore[no-untyped-def]
    from kg.extract import extract
    from kg.link import Linker, resolve_entities

    text = "Corvane Systems was dissolved on Monday. Teller Roads partnered with Veltrix yesterday."
    reads = [
        (r.document.name, r.document.text, r.mentions, r.extractions)
        for r in extract([Document("a.txt", text)])
    ]
    for anchor, closed in ((_TUESDAY, _MONDAY), (None, "Monday")):
        linked = Linker(resolve_entities(reads), date=anchor).link_document(reads[0])
        assert [f.value for f in linked.dates] == [closed]  # a relative date: its phrase
        assert linked.date == anchor
    dated = "---\ndate: 2024-03-12\n---\n" + text
    reads = [
        (r.document.name, r.document.text, r.mentions, r.extractions)
        for r in extract([Document("b.md", dated)])
    ]
    linked = Linker(resolve_entities(reads), date=_TUESDAY).link_document(reads[0])
    assert [f.value for f in linked.dates] == [Date(2024, 3, 11)]  # its own date wins


_DOCUMENT = Document("a.txt", "Corvane Systems closed in 1998.")


def _fact(value: Date | str) -> DateFact:
    text = _DOCUMENT.text
    where = Provenance(
        "a.txt",
        content_hash(text),
        Span(text, 0, len(text)),
        Span("Corvane Systems", 0, 15),
        Span("1998", 26, 30),
        "date-clause",
        0.8,
        "closed in",
    )
    return DateFact(Entity("Corvane Systems", "organization"), "dissolved", value, where)


def _with_ontology(graph: Graph) -> Graph:
    store = Store.memory()
    store.install_ontology()
    return store.to_graph() + graph


def test_an_ambiguous_date_stays_text_and_validates() -> None:
    graph = _with_ontology(to_rdf([], [_DOCUMENT], dates=[_fact("05/06/2007")]))
    assert Literal("05/06/2007") in set(graph.objects(None, REL["dissolved"]))
    assert validate(graph).conforms


def test_an_ill_typed_date_fails_the_shapes() -> None:
    graph = _with_ontology(to_rdf([], [_DOCUMENT], dates=[_fact(Date(1998))]))
    assert validate(graph).conforms
    node = next(graph.subjects(RDF.type, KG.DateStatement))
    subject = next(graph.objects(node, RDF.subject))
    bad = Literal("1998-13", datatype=XSD.gYearMonth)
    graph.remove((node, RDF.object, None))
    graph.add((node, RDF.object, bad))
    graph.add((subject, REL["dissolved"], bad))
    report = validate(graph)
    assert not report.conforms
    assert {v.message for v in report.violations} == {
        "A date is a valid xsd:date, xsd:gYearMonth or xsd:gYear literal, or the phrase as "
        "written (xsd:string), never a node"
    }


def _readme_query(heading: str) -> str:
    from pathlib import Path

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    block = readme.split(heading, 1)[1].split("\n\n", 2)[1]
    return "\n".join(line[4:] for line in block.splitlines())


def test_readme_date_queries_answer(nlp) -> None:  # type: ignore[no-untyped-def]
    from kg.build import build
    from kg.query import select

    text = (
        "Corvane Systems was founded in 1998. Veltrix Corporation was founded in 2004. "
        "In 2020, Corvane Systems partnered with Veltrix Corporation."
    )
    graph = build([Document("a.txt", text)]).graph
    founded = select(graph, _readme_query("Who was founded before 2000:"))
    assert [(str(r["name"]), str(r["founded"])) for r in founded] == [("Corvane Systems", "1998")]
    dated = select(graph, _readme_query("Edges of 2020 between two companies"))
    assert {(str(r["a"]), str(r["b"]), str(r["when"])) for r in dated} == {
        ("Corvane Systems", "Veltrix Corporation", "2020")
    }


def test_cli_build_date_and_stats_date_span(tmp_path, nlp) -> None:  # type: ignore[no-untyped-def]
    from click.testing import CliRunner

    from kg.cli import main

    (tmp_path / "a.txt").write_text(
        "Corvane Systems was founded in 1998. Corvane Systems was dissolved on Monday.",
        encoding="utf-8",
    )
    runner = CliRunner()
    out = tmp_path / "out"
    bad = runner.invoke(main, ["build", str(tmp_path / "a.txt"), "--date", "2024-13-01"])
    assert bad.exit_code == 1
    assert bad.output.strip().splitlines()[-1] == (
        "Error: --date '2024-13-01' is not a calendar day: give it as YYYY-MM-DD, "
        "e.g. --date 2024-03-05"
    )
    done = runner.invoke(
        main,
        [
            "build",
            str(tmp_path / "a.txt"),
            "--out",
            str(out),
            "-q",
            "--no-html",
            "--date",
            "2024-03-05",
        ],
    )
    assert done.exit_code == 0, done.output
    stats = runner.invoke(main, ["stats", str(out / "graph.ttl")])
    assert "dates       2 date facts, 0 dated edges, from 1998 to 2024-03-04" in stats.output


def test_who_announces_something_on_a_date_is_no_work_released_then(vocab: Vocab) -> None:
    doc = parse(
        vocab,
        "On/IN/prep/7 May/NNP/pobj/0 15/CD/nummod/1 ,/,/punct/1 2011/CD/nummod/1 ,/,/punct/7 "
        "Orrix/NNP/nsubj/7 announced/VBD/ROOT/7/announce that/IN/mark/11 "
        "the/DT/det/10 show/NN/nsubj/11/show ended/VBD/ccomp/7/end ./././7",
        [(1, 5, "DATE"), (6, 7, "ORG")],
    )
    sentence = Sentence(doc[:], "t.txt", doc.text, 0, mention_index(doc, find_mentions(doc)))
    assert not [d for d in read_dates(sentence) if d.predicate == "released"]
