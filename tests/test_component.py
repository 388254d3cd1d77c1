"""The ``kg_extractor`` spaCy component, its entry point, and ``kg.build`` over parsed Docs."""

from __future__ import annotations

import importlib.metadata
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import spacy
from click.testing import CliRunner
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

import kg
from kg.cli import main
from kg.errors import PipelineError
from kg.extract import DEFAULT_PIPELINE
from kg.extract.component import EXTRACTOR_COMPONENT, TITLES_COMPONENT, document_of
from kg.model import Document
from kg.namespace import content_hash

# Invented names; one paragraph, so that kg extract parses it as one Doc too.
TEXT = (
    "Quillon Labs partnered with Brevik Systems to build a research centre in Oslo. "
    "Tessaro Group, based in Lisbon, acquired Nandel Foods last year, and Marrow Bank "
    'invested in "Ostrand Deep Mining Works" after its chief executive, Ilse Varga, visited.'
)


@pytest.fixture(scope="module")
def nlp() -> Any:
    # Its own copy: kg's cached pipeline must not grow a component other tests do not expect.
    pipeline = spacy.load(DEFAULT_PIPELINE)
    pipeline.add_pipe(TITLES_COMPONENT, first=True)
    pipeline.add_pipe(EXTRACTOR_COMPONENT)
    return pipeline


def _named(nlp: Any, name: str, text: str = TEXT) -> Any:
    doc = nlp.make_doc(text)
    doc._.kg_name = name
    return nlp(doc)


def test_the_component_gives_what_kg_extract_prints(nlp: Any, tmp_path: Path) -> None:
    path = tmp_path / "deals.txt"
    path.write_text(TEXT, encoding="utf-8")
    printed = CliRunner().invoke(main, ["extract", str(path)])
    assert printed.exit_code == 0, printed.output
    expected = [json.loads(line) for line in printed.stdout.splitlines()]
    doc = _named(nlp, str(path))
    assert [e.to_record() for e in doc._.kg_extractions] == expected
    assert len(expected) >= 3
    assert {m.text for m in doc._.kg_mentions} >= {"Quillon Labs", "Brevik Systems", "Oslo"}


def test_a_doc_is_named_by_its_content_hash_unless_named(nlp: Any) -> None:
    doc = nlp(TEXT)
    name = f"spacy:{content_hash(TEXT)[:12]}"
    assert document_of(doc) == Document(name, TEXT)
    assert {e.doc for e in doc._.kg_extractions} == {name}


def _isomorphic(got: Any, expected: Any) -> None:
    if not isomorphic(got, expected):
        _, only_got, only_expected = graph_diff(to_isomorphic(got), to_isomorphic(expected))
        pytest.fail(
            "graphs differ\nonly built from Docs:\n"
            + "\n".join(sorted(map(str, only_got)))[:3000]
            + "\nonly built from text:\n"
            + "\n".join(sorted(map(str, only_expected)))[:3000]
        )


def test_build_takes_docs_without_parsing_them_again(
    nlp: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = kg.build([Document("deals.txt", TEXT)]).graph
    plain = spacy.load(DEFAULT_PIPELINE)  # no kg component: kg reads the Doc's own parse
    plain.add_pipe(TITLES_COMPONENT, first=True)
    docs = [_named(nlp, "deals.txt"), _named(plain, "deals.txt")]

    def no_parsing(*_: Any, **__: Any) -> Iterator[Any]:
        raise AssertionError("kg.build parsed a Doc again")

    monkeypatch.setattr(sys.modules["kg.build"], "extract_parallel", no_parsing)
    for doc in docs:
        result = kg.build([doc])
        assert (result.documents, result.added) == (1, 1)
        _isomorphic(result.graph, expected)


def test_build_renames_the_extractions_of_a_doc_named_later(nlp: Any) -> None:
    doc = nlp(TEXT)
    doc._.kg_name = "later.txt"
    rows = kg.select(kg.build([doc]).graph, "SELECT DISTINCT ?s WHERE { ?d kg:source ?s }")
    assert [str(row["s"]) for row in rows] == ["later.txt"]


def test_a_doc_without_a_parse_is_a_pipeline_error() -> None:
    blank = spacy.blank("en")
    blank.add_pipe(EXTRACTOR_COMPONENT)
    with pytest.raises(PipelineError, match="has no dependency parse or named entities"):
        blank(TEXT)
    with pytest.raises(PipelineError, match="has no dependency parse"):
        kg.build([spacy.blank("en")(TEXT)])


def test_build_takes_documents_or_docs_not_both(nlp: Any) -> None:
    with pytest.raises(TypeError, match="Documents or spaCy Docs, not both"):
        kg.build([nlp("Brevik Systems hired Ilse Varga."), Document("a.txt", TEXT)])


def test_installing_kg_registers_the_component_through_an_entry_point() -> None:
    found = importlib.metadata.entry_points(group="spacy_factories", name=EXTRACTOR_COMPONENT)
    assert [e.value for e in found] == ["kg.extract.component:make_extractor"]
    # A fresh interpreter that never imports kg: spaCy finds the factory by the entry point.
    code = (
        "import sys, spacy\n"
        "assert 'kg' not in sys.modules\n"
        f"nlp = spacy.load({DEFAULT_PIPELINE!r})\n"
        f"nlp.add_pipe({EXTRACTOR_COMPONENT!r})\n"
        "doc = nlp('Quillon Labs partnered with Brevik Systems.')\n"
        "print([(e.subject.text, e.predicate, e.object.text) for e in doc._.kg_extractions])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[('Quillon Labs', 'partners', 'Brevik Systems')]"


def test_readme_spacy_example_runs(capsys: pytest.CaptureFixture[str]) -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Inside a spaCy pipeline", 1)[1].split("\nA Doc is named", 1)[0]
    code = "\n".join(line[4:] for line in section.splitlines() if line.startswith("    "))
    assert code.startswith("import spacy\nimport kg\n")
    exec(compile(code, "README.md", "exec"), {})
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "Quillon Labs partners Brevik Systems"
    assert out[-1].startswith("2 documents, 2 sentences")
