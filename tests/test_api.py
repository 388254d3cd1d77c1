"""The public surface: what ``import kg`` costs and exposes."""

from __future__ import annotations

import subprocess
import sys

import kg


def test_import_kg_loads_neither_spacy_nor_pyvis() -> None:
    code = "import sys, kg; print('spacy' in sys.modules, 'pyvis' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def test_all_is_sorted_and_complete() -> None:
    assert kg.__all__ == sorted(kg.__all__)
    for name in kg.__all__:
        assert getattr(kg, name) is not None


def test_unknown_attribute_is_an_attribute_error() -> None:
    try:
        kg.nope  # noqa: B018
    except AttributeError as e:
        assert "nope" in str(e)
    else:
        raise AssertionError("kg.nope should not exist")


def test_every_error_is_a_kg_error() -> None:
    for error in (
        kg.InputError,
        kg.PipelineError,
        kg.GraphFormatError,
        kg.QueryError,
        kg.StoreError,
    ):
        assert issubclass(error, kg.KGError)
