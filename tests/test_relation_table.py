"""Users' relation names (``kg build --relations``): files, errors by line, the graph they give."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph, URIRef
from rdflib.namespace import RDFS

from kg.build import build
from kg.cli import main
from kg.errors import InputError
from kg.model import Document
from kg.namespace import REL, WDT
from kg.relation_table import load_relations, parse_relations, predicate_forms
from kg.store import load

# Invented companies; each sentence is one relation the built-in vocabulary reads its own way.
TEXT = (
    "Quillon Labs teamed up with Brevik Systems in March. "
    "Tessaro Group acquired Nandel Foods last year. "
    "Marrow Bank holds a stake in Ostrand Mining."
)
TABLE = """\
# our words for deals
phrases,relation,property
team up with|partner with,collaborates with,https://vocab.example.org/deals/collaboratesWith
acquire|buy,buys,P1830
hold stake in,-,
"""


@pytest.mark.parametrize(
    ("phrase", "predicate"),
    [
        pytest.param("acquire", "acquires", id="verb"),
        pytest.param("team up with", "teams up", id="symmetric-verb-particle-with"),
        pytest.param("invest in", "invests in", id="verb-preposition"),
        pytest.param("hold stake in", "holds stake in", id="light-verb-noun"),
        pytest.param("collaboration with", "collaborates", id="nominalisation"),
        pytest.param("executive of", "executive of", id="noun-preposition"),
        pytest.param("  Invests   IN ", "invests in", id="predicate-as-written"),
    ],
)
def test_a_phrase_matches_the_predicate_extraction_writes(phrase: str, predicate: str) -> None:
    assert predicate in predicate_forms(phrase)


def test_csv_and_toml_tables_read_the_same() -> None:
    toml = """
[[relation]]
phrases = ["team up with", "partner with"]
relation = "collaborates with"
property = "https://vocab.example.org/deals/collaboratesWith"

[[relation]]
phrases = ["acquire", "buy"]
relation = "buys"
property = "wdt:P1830"

[[relation]]
phrases = ["hold stake in"]
relation = "-"
"""
    from_csv, from_toml = parse_relations(TABLE, "csv"), parse_relations(toml, "toml")
    for table in (from_csv, from_toml):
        assert table.read("teams up", "organization", "organization") == "collaborates with"
        assert table.read("acquires", "organization", "organization") == "buys"
        assert table.read("holds stake in", "organization", "organization") is None
        # A predicate the table does not name keeps kg's own reading.
        assert table.read("bears in", "person", "place") == "born in"
        assert table.has_reading("buys") and not table.has_reading("whistles at")
        assert table.properties() == {
            "collaborates with": "https://vocab.example.org/deals/collaboratesWith",
            "buys": str(WDT.P1830),
        }


def test_a_later_file_wins_a_phrase(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_text("phrases,relation\nacquire,buys\n")
    (tmp_path / "b.toml").write_text('[[relation]]\nphrases = ["acquire"]\nrelation = "takes"\n')
    table = load_relations([tmp_path / "a.csv", tmp_path / "b.toml"])
    assert table.read("acquires", "organization", "organization") == "takes"


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        pytest.param(
            "r.csv",
            "# ours\nphrases,relation,property\nacquire,buys,\n\nbuy,,\n",
            r"r\.csv line 5: every row needs a relation name",
            id="no-relation-after-comment-and-blank",
        ),
        pytest.param(
            "r.csv",
            "phrases,relation,property\nacquire,buys,owned by\n",
            r"r\.csv line 2: property 'owned by' is neither a Wikidata property",
            id="bad-property",
        ),
        pytest.param(
            "r.csv",
            "phrases,relation,property\nacquire,buys,P127\nbuy,buys,P1830\n",
            r"r\.csv line 3: relation 'buys' is given property .*P1830 here but .*P127 at "
            r".*r\.csv line 2",
            id="two-properties",
        ),
        pytest.param(
            "r.csv",
            "phrases,relation,property\n,buys,\n",
            r"r\.csv line 2: every relation needs at least one phrase",
            id="no-phrase",
        ),
        pytest.param(
            "r.csv",
            "phrases,relation,property\nacquire,buys,P127,extra\n",
            r"r\.csv line 2: more fields than the header's 3",
            id="extra-field",
        ),
        pytest.param(
            "r.csv",
            "phrase,name\nacquire,buys\n",
            r"the first line must be the header phrases,relation,property",
            id="no-header",
        ),
        pytest.param(
            "r.csv",
            "phrases,relation,property\nacquire,-,P127\n",
            r"line 2: relation - states no edge, so it cannot have a property",
            id="no-edge-with-property",
        ),
        pytest.param(
            "r.toml",
            '# ours\n\n[[relation]]\nphrases = ["acquire"]\nrelation = "buys"\n\n'
            '[[relation]]\nphrase = ["buy"]\nrelation = "buys"\n',
            r"r\.toml line 7: unknown key 'phrase'\. Available: phrases, relation, property",
            id="toml-unknown-key",
        ),
        pytest.param(
            "r.toml",
            '[[relation]]\nphrases = "acquire"\nrelation = 3\n',
            r"r\.toml line 1: every row needs a relation name",
            id="toml-relation-not-text",
        ),
        pytest.param(
            "r.toml", "[[relation]\n", r"r\.toml: not valid TOML \(.*line 1", id="toml-syntax"
        ),
        pytest.param("r.json", "{}", r"must end in \.csv or \.toml", id="other-extension"),
    ],
)
def test_a_bad_relation_file_names_the_line(
    tmp_path: Path, name: str, text: str, message: str
) -> None:
    (tmp_path / name).write_text(text)
    with pytest.raises(InputError, match=message):
        load_relations(tmp_path / name)


def _edges(graph: Graph) -> set[tuple[str, str, str]]:
    rows = graph.query(
        "SELECT ?a ?p ?b WHERE { ?s a kg:Assertion ; rdf:subject ?x ; rdf:predicate ?p ; "
        "rdf:object ?y . ?x rdfs:label ?a . ?y rdfs:label ?b }"
    )
    return {(str(r[0]), str(r[1]).rsplit("/", 1)[-1], str(r[2])) for r in rows}  # type: ignore[index]


def test_the_users_relations_win_over_kgs_own() -> None:
    documents = [Document("deals.txt", TEXT)]
    # Every reading, so that the comparison does not hang on calibrated confidences.
    own = _edges(build(documents, min_confidence=0).graph)
    assert ("Tessaro Group", "acquires", "Nandel Foods") in own
    assert ("Marrow Bank", "holdsStakeIn", "Ostrand Mining") in own

    result = build(documents, min_confidence=0, relations=parse_relations(TABLE, "csv"))
    graph = result.graph
    edges = _edges(graph)
    assert ("Tessaro Group", "buys", "Nandel Foods") in edges
    assert {
        ("Quillon Labs", "collaboratesWith", "Brevik Systems"),
        ("Brevik Systems", "collaboratesWith", "Quillon Labs"),
    } & edges
    assert not {p for _, p, _ in edges} & {"acquires", "teamsUp", "holdsStakeIn"}
    assert (REL.buys, RDFS.subPropertyOf, WDT.P1830) in graph
    collaborates = URIRef("https://vocab.example.org/deals/collaboratesWith")
    assert (REL.collaboratesWith, RDFS.subPropertyOf, collaborates) in graph


def test_removing_the_last_document_takes_the_users_property_too() -> None:
    result = build(
        [Document("deals.txt", TEXT)], min_confidence=0, relations=parse_relations(TABLE, "csv")
    )
    store = result.sink
    store.remove_document(store.documents()[0].iri)  # type: ignore[attr-defined]
    assert (REL.buys, RDFS.subPropertyOf, WDT.P1830) not in store.to_graph()  # type: ignore[attr-defined]


def test_cli_build_reads_relation_files(tmp_path: Path) -> None:
    (tmp_path / "news.txt").write_text(TEXT)
    (tmp_path / "ours.csv").write_text(TABLE)
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main,
        [
            "build",
            str(tmp_path / "news.txt"),
            "--out",
            str(out),
            "--no-html",
            "-q",
            "-j",
            "1",
            "--relations",
            str(tmp_path / "ours.csv"),
            "--min-confidence",
            "0",
        ],
    )
    assert result.exit_code == 0, result.output
    assert ("Tessaro Group", "buys", "Nandel Foods") in _edges(load(out / "graph.ttl"))


def test_cli_build_reports_a_bad_relation_file_in_one_line(tmp_path: Path) -> None:
    (tmp_path / "news.txt").write_text(TEXT)
    (tmp_path / "ours.csv").write_text("phrases,relation,property\nacquire,buys,\nbuy,,\n")
    result = CliRunner().invoke(
        main,
        [
            "build",
            str(tmp_path / "news.txt"),
            "--out",
            str(tmp_path / "out"),
            "--relations",
            str(tmp_path / "ours.csv"),
        ],
    )
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {tmp_path / 'ours.csv'} line 3: every row needs a relation name "
        "(e.g. owns stake in), or - for no edge\n"
    )
