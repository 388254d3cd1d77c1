"""The nouns for people kg reads out of WordNet, and the table it ships."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import KGError
from kg.wordnet import main, person_nouns, read_person_nouns

# A WordNet in miniature, in the database's own format and with its offset for person.n.01:
# a licence line, then one synset per line (offset, lexicographer file, part of speech, word
# count in hex, words, pointers).
_DATA = """\
  1 This software and database is being provided to you, the LICENSEE
00000001 03 n 01 entity 0 000 | that which is perceived
00007846 03 n 01 person 0 001 @ 00000001 n 0000 | a human being
00000003 18 n 02 cellist 0 violoncellist 0 001 @ 00007846 n 0000 | a musician
00000004 15 n 01 Paris 0 002 @i 00000005 n 0000 @ 00000001 n 0000 | a capital
00000005 15 n 01 city 0 001 @ 00000001 n 0000 | a large town
00000006 18 n 01 Sherpa 0 001 @ 00007846 n 0000 | a people of the Himalayas
00000007 06 n 01 bass 0 001 @ 00000001 n 0000 | a low voice
00000008 18 n 01 bass 0 001 @ 00007846 n 0000 | a singer
"""
_INDEX = """\
  1 This software and database is being provided to you, the LICENSEE
bass n 2 1 @ 2 0 00000007 00000008
cellist n 1 1 @ 1 0 00000003
city n 1 1 @ 1 0 00000005
paris n 1 2 @ @i 1 0 00000004
person n 1 1 @ 1 0 00007846
sherpa n 1 1 @ 1 0 00000006
violoncellist n 1 1 @ 1 0 00000003
"""


@pytest.fixture
def wordnet(tmp_path: Path) -> Path:
    (tmp_path / "data.noun").write_text(_DATA, encoding="latin-1")
    (tmp_path / "index.noun").write_text(_INDEX, encoding="latin-1")
    return tmp_path


def test_a_noun_counts_when_its_first_sense_is_a_kind_of_person(wordnet: Path) -> None:
    # "bass" is a voice first and a singer second; "Paris" is an instance; "Sherpa" is
    # written capitalised: none is a class noun for people.
    assert read_person_nouns(wordnet) == ["cellist", "person", "violoncellist"]


def test_the_table_is_written_with_its_notice(
    wordnet: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([str(wordnet)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[-3:] == ["cellist", "person", "violoncellist"]
    assert any("Princeton University" in line for line in out if line.startswith("#"))


def test_a_directory_without_wordnet_is_one_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(KGError, match="not a readable WordNet"):
        read_person_nouns(tmp_path)
    assert main([str(tmp_path)]) == 1
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith("Error: ")


def test_the_shipped_table_holds_occupations_and_no_proper_names() -> None:
    nouns = person_nouns()
    assert {"dockworker", "cellist", "chaplain"} <= nouns
    assert not {"paris", "einstein", "river"} & nouns
