"""SHACL validation of kg's output: kg/shapes.ttl, run by pySHACL; changes nothing.

Checks the shape of what ``kg build`` writes (every edge has a statement node with evidence,
every piece of evidence names its document, sentence, offsets, rule and confidence, every
entity one label and a known kind), so a hand-edited or foreign graph can be checked too.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

from rdflib import Graph, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from kg.errors import GraphFormatError
from kg.source import Source

__all__ = ["ValidationReport", "Violation", "shapes", "validate"]


@dataclass(frozen=True, slots=True)
class Violation:
    """One SHACL result: the node that fails, the property, the value and why."""

    focus: str
    path: str
    value: str
    message: str
    severity: str

    def __str__(self) -> str:
        where = f" {self.path}" if self.path else ""
        value = f" = {self.value}" if self.value else ""
        return f"{self.severity}: <{self.focus}>{where}{value}: {self.message}"


@dataclass(frozen=True, slots=True)
class ValidationReport:
    """Whether a graph conforms to kg's shapes, and each violation if not."""

    conforms: bool
    violations: tuple[Violation, ...]


@cache
def _shapes_text() -> str:
    return resources.files("kg").joinpath("shapes.ttl").read_text(encoding="utf-8")


def shapes() -> Graph:
    """Return kg's SHACL shapes graph."""
    return Graph().parse(data=_shapes_text(), format="turtle")


def validate(source: Source | Graph) -> ValidationReport:
    """Validate a store or an endpoint (the union of kg's graphs) or an rdflib graph against
    kg's shapes.

    >>> from kg.graph import to_rdf
    >>> validate(to_rdf([])).conforms
    True
    """
    import pyshacl

    data = source if isinstance(source, Graph) else source.to_graph()
    try:
        conforms, results, _ = pyshacl.validate(
            data, shacl_graph=shapes(), inference="none", abort_on_first=False, allow_warnings=True
        )
    except Exception as e:  # pySHACL reports malformed shapes and data with its own types
        raise GraphFormatError(f"Cannot validate the graph: {str(e).splitlines()[0]}") from e
    violations = []
    for result in results.subjects(SH.resultSeverity, None):

        def value(predicate: URIRef, result: Node = result) -> str:
            found = results.value(result, predicate)
            return "" if found is None else str(found)

        severity = value(SH.resultSeverity).rsplit("#", 1)[-1]
        violations.append(
            Violation(
                value(SH.focusNode),
                value(SH.resultPath),
                value(SH.value),
                value(SH.resultMessage),
                severity,
            )
        )
    violations.sort(key=lambda v: (v.focus, v.path, v.message))
    return ValidationReport(bool(conforms), tuple(violations))
