"""Whatever the input text, every RDF file kg writes parses back (rdflib and pyoxigraph), every
IRI in it is valid RFC 3987 and every label comes back exactly as written."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDFS
from rfc3987_syntax2 import is_valid_syntax_iri

from kg.build import build
from kg.model import Document
from kg.namespace import entity_iri, relation_iri, slug
from kg.store import Store

# Each format kg exports, rdflib's parser for it, and whether it keeps the named graphs.
_FORMATS = [
    ("turtle", "turtle", False),
    ("nt", "nt", False),
    ("trig", "trig", True),
    ("nquads", "nquads", True),
    ("json-ld", "json-ld", True),
]
_OX = {
    "turtle": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "trig": ox.RdfFormat.TRIG,
    "nquads": ox.RdfFormat.N_QUADS,
    "json-ld": ox.RdfFormat.JSON_LD,
}

HOSTILE_TEXTS = {
    "markup": 'Intel <b>partnered</b> with "Samsung" <script>alert(1)</script> ]]> & Nokia.',
    "turtle-syntax": (
        '@prefix x: <http://evil/> . Intel """partnered""" with Samsung\\ {} ; <a> <b> <c> .'
    ),
    "iri-like-names": (
        "<http://evil.example/x> partnered with https://a.example/b?c=d#e and Samsung."
    ),
    "controls": "Intel\x00\x01\x07\x1b[31m partnered\x7f with \x85Samsung\x0b\x0c.",
    "invisible": "In\u200btel partnered with Sam\u200dsung\ufeff and \u202eNokia\u202c.",
    "emoji-combining": "Intel 🤖 partnered with Sa\u0301msung 👨‍👩‍👧 and Z\u0351\u0352a\u0353lgo.",
    "names-with-newlines": "Intel\npartnered with Samsung\r\nElectronics\u2028Korea\u2029 today.",
    "long-name": "Intel partnered with " + "Samsung" * 150 + " Electronics.",
    "rtl": "שלום Intel partnered with شركة Samsung.",
}


def _iris(quads: list[ox.Quad]) -> set[str]:
    found = set()
    for quad in quads:
        for term in (quad.subject, quad.predicate, quad.object, quad.graph_name):
            if isinstance(term, ox.NamedNode):
                found.add(term.value)
    return found


def _check_exports(store: Store) -> None:
    quads = list(store.oxigraph)
    bad = sorted(iri for iri in _iris(quads) if not is_valid_syntax_iri(iri))
    assert bad == [], bad
    triples = len(store.triples())
    for name, rdflib_format, datasets in _FORMATS:
        data = store.export(name)
        parsed = list(ox.parse(data, format=_OX[name]))
        assert len(parsed) == (len(quads) if datasets else triples), name
        graph: Graph = Dataset() if datasets else Graph()
        graph.parse(data=data, format=rdflib_format)
        count = len(list(graph.quads())) if isinstance(graph, Dataset) else len(graph)
        assert count == len(parsed), name
    # Labels come back as written: every rdfs:label of the store is in the Turtle as a literal.
    turtle = Graph().parse(data=store.export("turtle"), format="turtle")
    labels = {
        q.object.value
        for q in store.oxigraph.quads_for_pattern(None, ox.NamedNode(str(RDFS.label)), None)
    }
    assert labels == {str(o) for o in turtle.objects(None, RDFS.label)}


@pytest.mark.parametrize("text", [pytest.param(t, id=k) for k, t in HOSTILE_TEXTS.items()])
def test_hostile_text_builds_and_every_export_parses(text: str) -> None:
    result = build(
        [Document("hostile.txt", text), Document('<evil> "name"\n.txt', text + " Again.")]
    )
    _check_exports(result.sink)  # type: ignore[arg-type]


_NAMES = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=1200)


@settings(max_examples=300, deadline=None)
@given(name=_NAMES, kind=st.sampled_from(["person", "place", "concept"]))
def test_entity_iris_are_valid_rfc3987_and_survive_turtle(name: str, kind: str) -> None:
    iri = entity_iri(name, kind)
    assert is_valid_syntax_iri(str(iri)), iri
    assert len(slug(name)) <= 120
    graph = Graph()
    graph.add((iri, RDFS.label, Literal(name)))
    graph.add((iri, relation_iri(name), iri))
    for fmt in ("turtle", "nt"):
        back = Graph().parse(data=graph.serialize(format=fmt), format=fmt)
        assert set(back) == set(graph), fmt
    assert list(ox.parse(graph.serialize(format="nt"), format=ox.RdfFormat.N_TRIPLES))


@pytest.mark.parametrize(
    "name",
    [
        pytest.param("http://evil.example/a b>c", id="looks-like-an-iri"),
        pytest.param("New\nYork  City", id="newline-and-spaces"),
        pytest.param("x" * 1000, id="1000-characters"),
        pytest.param(".", id="dot"),
        pytest.param("..", id="dot-dot"),
        pytest.param("%41", id="percent"),
        pytest.param("\u202eevil\u202c", id="rtl-override"),
    ],
)
def test_awkward_entity_names(name: str) -> None:
    iri = str(entity_iri(name, "organization"))
    assert is_valid_syntax_iri(iri)
    assert iri.startswith("https://w3id.org/kg-text/entity/organization/")
    assert "/" not in iri.removeprefix("https://w3id.org/kg-text/entity/organization/")
    assert URIRef(iri) == entity_iri(name, "organization")  # stable


_PIECES = st.sampled_from(
    [
        *HOSTILE_TEXTS.values(),
        "Intel partnered with Samsung. ",
        "\n\n",
        "Nokia ",
        "acquired ",
        "Yandex.",
        " ",
        "\n",
    ]
)
_TEXTS = (
    st.lists(
        _PIECES | st.text(st.characters(blacklist_categories=("Cs",)), max_size=40),
        min_size=1,
        max_size=8,
    )
    .map("".join)
    .filter(str.strip)
)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=st.lists(_TEXTS, min_size=1, max_size=3))
def test_any_text_builds_into_exports_that_parse(texts: list[str]) -> None:
    documents = [Document(f"doc{i}\x1b\n<{i}>.txt", text) for i, text in enumerate(texts)]
    result = build(documents)
    _check_exports(result.sink)  # type: ignore[arg-type]
