"""Benchmark: kg's default store (Oxigraph) against rdflib's in-memory graph on kg-shaped data.

Generates N statements shaped like kg's output (entities with type/label/kind, edges, one
statement node per edge with evidence nodes in per-document named graphs), then times, on
each engine: loading them, a 1-hop neighbour query, a GROUP BY over predicates and a 2-hop
join. Prints one table with the ratio rdflib / Oxigraph. Queries run on the union of the
named graphs on both (Oxigraph's ``use_default_graph_as_union``, rdflib's ``default_union``);
Oxigraph's time is the best of three, rdflib's one run, stopped after 300 s.

    .venv/bin/python benchmarks/store.py            # 100k and 1M statements
    .venv/bin/python benchmarks/store.py 20000      # any sizes
"""

from __future__ import annotations

import os
import random
import select
import signal
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pyoxigraph as ox
from rdflib import Dataset

from kg.namespace import PREFIXES

T = TypeVar("T")

_BASE = "https://w3id.org/kg-text/"
_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_XSD = "http://www.w3.org/2001/XMLSchema#"
_PREDICATES = [
    "partners",
    "investsIn",
    "basedIn",
    "ceoOf",
    "acquires",
    "competesWith",
    "suppliesTo",
    "signsAgreementWith",
    "collaborates",
    "headquartersIn",
]
_PREFIX = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
QUERIES = {
    "1-hop neighbours": _PREFIX
    + """SELECT ?n ?label WHERE {
        { <%(hub)s> ?p ?n } UNION { ?n ?p <%(hub)s> } ?p a kg:Relation . ?n rdfs:label ?label }""",
    "GROUP BY predicate": _PREFIX
    + """SELECT ?p (COUNT(*) AS ?n) WHERE {
        ?a a kg:Assertion ; rdf:predicate ?p ; kg:evidence ?e } GROUP BY ?p ORDER BY DESC(?n)""",
    "2-hop join": _PREFIX
    + """SELECT (COUNT(*) AS ?n) WHERE {
        <%(hub)s> ?p ?x . ?x ?q ?y . ?p a kg:Relation . ?q a kg:Relation . ?y rdfs:label ?l }""",
}


def generate(statements: int, seed: int = 0) -> tuple[bytes, str]:
    """Return about ``statements`` kg-shaped quads as N-Quads, and the IRI of the busiest entity."""
    rng = random.Random(seed)
    entities = max(50, statements // 40)
    kinds = ["organization", "person", "place", "product"]
    lines: list[str] = []
    ent = [f"<{_BASE}entity/{kinds[i % 4]}/E{i}>" for i in range(entities)]
    facts = f"<{_BASE}graph/facts>"
    for i, iri in enumerate(ent):
        kind = kinds[i % 4]
        lines += [
            f"{iri} <{_RDF}type> <{_BASE}ontology#Entity> {facts} .",
            f'{iri} <http://www.w3.org/2000/01/rdf-schema#label> "Entity {i}" {facts} .',
            f'{iri} <{_BASE}ontology#kind> "{kind}" {facts} .',
        ]
    for p in _PREDICATES:
        lines.append(f"<{_BASE}relation/{p}> <{_RDF}type> <{_BASE}ontology#Relation> {facts} .")
    n = 0
    while len(lines) < statements:
        # Zipf-like: a few entities take part in many edges, as in news.
        s = ent[min(int(rng.paretovariate(1.2)) - 1, entities - 1)]
        o = ent[rng.randrange(entities)]
        p = f"<{_BASE}relation/{rng.choice(_PREDICATES)}>"
        a = f"<{_BASE}assertion/{n}>"
        doc = f"<{_BASE}document/d{n % 1000}>"
        lines += [
            f"{s} {p} {o} {facts} .",
            f"{a} <{_RDF}type> <{_BASE}ontology#Assertion> {facts} .",
            f"{a} <{_RDF}subject> {s} {facts} .",
            f"{a} <{_RDF}predicate> {p} {facts} .",
            f"{a} <{_RDF}object> {o} {facts} .",
        ]
        for k in range(rng.choice((1, 1, 2, 3))):
            e = f"<{_BASE}evidence/{n}-{k}>"
            lines += [
                f"{a} <{_BASE}ontology#evidence> {e} {doc} .",
                f"{e} <http://www.w3.org/ns/prov#wasDerivedFrom> {doc} {doc} .",
                f'{e} <{_BASE}ontology#sentence> "Sentence {n} number {k} says so." {doc} .',
                f'{e} <{_BASE}ontology#rule> "svo" {doc} .',
                f'{e} <{_BASE}ontology#confidence> "0.8"^^<{_XSD}decimal> {doc} .',
            ]
        n += 1
    return ("\n".join(lines) + "\n").encode(), ent[0][1:-1]


def _time(run: Callable[[], T], repeat: int = 3) -> tuple[float, T]:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        result = run()
        best = min(best, time.perf_counter() - started)
    return best, result


def _time_limited(run: Callable[[], int], limit: float) -> tuple[float, int | None]:
    """Time ``run`` in a forked child (it shares the loaded graph); give up after ``limit`` s."""
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # child
        started = time.perf_counter()
        count = run()
        os.write(writer, f"{time.perf_counter() - started} {count}".encode())
        os._exit(0)
    os.close(writer)
    ready, _, _ = select.select([reader], [], [], limit)
    if not ready:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(reader)
        return limit, None
    seconds, count = os.read(reader, 100).decode().split()
    os.close(reader)
    os.waitpid(pid, 0)
    return float(seconds), int(count)


def bench(statements: int, limit: float) -> list[tuple[str, float, float, str]]:
    data, hub = generate(statements)
    rows: list[tuple[str, float, float, str]] = []
    with tempfile.TemporaryDirectory() as folder:
        store = ox.Store(str(Path(folder) / "store"))
        started = time.perf_counter()
        store.bulk_load(data, format=ox.RdfFormat.N_QUADS)
        ox_load = time.perf_counter() - started
        dataset = Dataset(default_union=True)
        started = time.perf_counter()
        dataset.parse(data=data, format="nquads")
        rdf_load = time.perf_counter() - started
        rows.append(("load (N-Quads)", ox_load, rdf_load, f"{len(store):,} quads"))
        for name, template in QUERIES.items():
            text = template % {"hub": hub}
            # The store is bound as a default, like the query, not looked up when the lambda
            # runs: the name is deleted below to close the store before its folder goes.
            ox_s, ox_rows = _time(
                lambda t=text, s=store: list(s.query(t, use_default_graph_as_union=True))
            )
            rdf_s, rdf_count = _time_limited(lambda t=text: len(list(dataset.query(t))), limit)
            assert rdf_count in (None, len(ox_rows)), (name, len(ox_rows), rdf_count)
            note = f"{len(ox_rows):,} rows" + (
                "" if rdf_count is not None else f"; rdflib stopped at {limit:g} s"
            )
            rows.append((name, ox_s, rdf_s, note))
        del store
    return rows


def main(sizes: list[int], limit: float = 300.0) -> None:
    print(
        f"{'statements':>10}  {'operation':<20} {'Oxigraph s':>11} {'rdflib s':>10} "
        f"{'rdflib/Oxigraph':>16}  result"
    )
    for size in sizes:
        for name, ox_s, rdf_s, note in bench(size, limit):
            more = ">" if "stopped" in note else ""
            print(
                f"{size:>10,}  {name:<20} {ox_s:>11.3f} {more + f'{rdf_s:.3f}':>10} "
                f"{more + f'{rdf_s / ox_s:.0f}x':>16}  {note}",
                flush=True,
            )


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [100_000, 1_000_000])
