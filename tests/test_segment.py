"""Paragraph and headline splitting, and headline recasing, on plain strings."""

from __future__ import annotations

import pytest

from kg.extract.segment import split_blocks


def test_blank_line_is_a_boundary() -> None:
    text = "Intel grew\nfast.\n\nSamsung  shrank."
    blocks = split_blocks(text)
    assert [text[b.start : b.end] for b in blocks] == ["Intel grew\nfast.", "Samsung  shrank."]


def test_title_line_above_a_paragraph_is_its_own_block() -> None:
    text = "Nvidia Opens New Office\nNvidia opened an office in Taipei."
    blocks = split_blocks(text)
    assert [b.headline for b in blocks] == [True, False]
    assert blocks[1].text == "Nvidia opened an office in Taipei."


def test_headline_recasing_keeps_names_and_offsets() -> None:
    text = "Russia Seeks Deeper Cooperation With China\n\nRussia and China met in Moscow."
    headline = split_blocks(text)[0]
    assert headline.text == "Russia seeks deeper cooperation with China"
    assert len(headline.text) == headline.end - headline.start


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("", id="empty"),
        pytest.param("\n\n\n", id="only-newlines"),
        pytest.param(
            "İstanbul Hosts Summit\n\nLeaders met in İstanbul.", id="length-changing-case"
        ),
    ],
)
def test_offsets_always_index_the_text(text: str) -> None:
    for block in split_blocks(text):
        assert len(block.text) == block.end - block.start
        assert block.text.lower() == text[block.start : block.end].lower()


def test_a_dated_parenthesis_is_parsed_apart_at_its_own_offsets() -> None:
    from kg.extract.segment import split_blocks

    text = "Ada Lind (born 1815 in Leeds) wrote. IBM (International Business Machines) grew."
    blocks = split_blocks(text)
    assert blocks[0].text.startswith("Ada Lind" + " " * 21 + " wrote.")
    assert "(International Business Machines)" in blocks[0].text  # no date: left in place
    aside = blocks[1]
    assert aside.text == "born 1815 in Leeds" == text[aside.start : aside.end]
