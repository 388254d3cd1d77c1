"""Inferred edges: along located-in chains, from the gazetteer, from the document's one country."""

from __future__ import annotations

from kg.infer import Named, infer
from kg.model import Entity, Provenance, Span, Triple

_TEXT = (
    "Acme opened in Dallas, Texas. Lyon and France and Berlin. United States. Europe. "
    "Kavieng, New Ireland. Norway."
)


def _named(*entities: Entity) -> dict[Entity, Named]:
    out = {}
    for e in entities:
        start = _TEXT.index(e.name)
        span = Span(e.name, start, start + len(e.name))
        out[e] = Named(span, Span(_TEXT, 0, len(_TEXT)))
    return out


def _stated(subject: Entity, predicate: str, obj: Entity, named: dict[Entity, Named]) -> Triple:
    provenance = Provenance(
        "a.txt",
        "h",
        named[subject].sentence,
        named[subject].span,
        named[obj].span,
        "location-chain",
        0.8,
        ",",
    )
    return Triple(subject, predicate, obj, provenance)


def _facts(triples: list[Triple]) -> set[tuple[str, str, str, str]]:
    return {
        (t.subject.name, t.predicate, t.object.name, t.provenance.rule)  # type: ignore[union-attr]
        for t in triples
    }


ACME, DALLAS = Entity("Acme", "organization"), Entity("Dallas", "place")
TEXAS, US = Entity("Texas", "place"), Entity("United States", "place")
LYON, FRANCE, BERLIN = Entity("Lyon", "place"), Entity("France", "place"), Entity("Berlin", "place")


def test_a_chain_gives_further_places_and_the_country() -> None:
    named = _named(ACME, DALLAS, TEXAS, US)
    stated = [
        _stated(ACME, "located in", DALLAS, named),
        _stated(DALLAS, "located in", TEXAS, named),
    ]
    facts = _facts(infer(stated, named, "a.txt", "h"))
    assert ("Acme", "located in", "Texas", "inferred-located-in") in facts
    assert ("Texas", "located in", "United States", "gazetteer") in facts
    assert ("Acme", "country", "United States", "inferred-country") in facts


def test_an_inferred_edge_cites_its_premises_and_the_gazetteer() -> None:
    named = _named(ACME, DALLAS, TEXAS, US)
    stated = [
        _stated(ACME, "located in", DALLAS, named),
        _stated(DALLAS, "located in", TEXAS, named),
    ]
    found = {
        (t.subject.name, t.predicate, t.object.name): t for t in infer(stated, named, "a.txt", "h")
    }
    via = found[("Acme", "country", "United States")].provenance
    assert via is not None and via.citation.startswith("pycountry:US")
    assert [(p.subject.name, p.object.name) for p in via.premises] == [
        ("Acme", "Dallas"),
        ("Dallas", "Texas"),
        ("Texas", "United States"),
    ]


def test_gazetteer_places_lie_only_in_countries_the_document_names() -> None:
    facts = _facts(infer([], _named(LYON, FRANCE, BERLIN), "a.txt", "h"))
    assert ("Lyon", "located in", "France", "gazetteer") in facts
    assert not any(f[0] == "Berlin" for f in facts)  # in Germany, which the text never names


def test_the_one_country_a_document_names_holds_its_institutions_only() -> None:
    school, brand = Entity("Texas State University", "organization"), Entity("Acme", "organization")
    europe = Entity("Europe", "place")
    named = _named(US, brand, europe)
    named[school] = named[brand]
    facts = _facts(infer([], named, "a.txt", "h"))
    assert ("Texas State University", "country", "United States", "document-country") in facts
    assert not any(f[0] in {"Acme", "Europe"} for f in facts)


def test_a_place_the_text_puts_in_another_country_stays_out_of_the_one_named() -> None:
    # "Born in Kavieng, New Ireland, he moved to Norway": New Ireland is not in Norway.
    town, province, norway = (
        Entity("Kavieng", "place"),
        Entity("New Ireland", "place"),
        Entity("Norway", "place"),
    )
    named = _named(town, province, norway)
    facts = _facts(infer([_stated(town, "located in", province, named)], named, "a.txt", "h"))
    assert not any(f[0] == "Kavieng" and f[2] == "Norway" for f in facts)


def test_two_countries_named_leave_unplaced_things_alone() -> None:
    school = Entity("Lyon Business School", "organization")
    named = _named(FRANCE, US, LYON)
    named[school] = named[LYON]
    assert not any(t.subject == school for t in infer([], named, "a.txt", "h"))


def test_a_country_is_on_the_continent_the_document_names() -> None:
    europe = Entity("Europe", "place")
    facts = _facts(infer([], _named(FRANCE, europe, US), "a.txt", "h"))
    assert ("France", "continent", "Europe", "gazetteer") in facts
    assert not any(f[0] == "United States" and f[1] == "continent" for f in facts)
