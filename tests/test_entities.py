"""Entities: canonical names, kinds from evidence, merging across documents, alias files, the
merge log, and the golden corpus in tests/cases/entities/ (one folder of texts + one .json each)."""

from __future__ import annotations

import itertools
import json
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.aliases import AliasTable, load_aliases, parse_aliases
from kg.entities import EntityResolver, clean_name, decide_kind, find_acronyms
from kg.errors import InputError
from kg.evaluate import normalise_relation
from kg.extract import extract
from kg.extract.evidence import with_evidence
from kg.extract.mentions import find_mentions
from kg.model import Document, Mention
from kg.query import select
from tests.docs import parse

CASES = Path(__file__).parent / "cases" / "entities"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        pytest.param(
            "the Russian President Vladimir Putin's",
            "Vladimir Putin",
            id="determiner-demonym-title-possessive",
        ),
        pytest.param("Russia’s", "Russia", id="curly-possessive"),
        pytest.param(
            "South Korean President Lee Jae-myung", "Lee Jae-myung", id="two-word-demonym"
        ),
        pytest.param("Mr. Young Liu", "Young Liu", id="honorific"),
        pytest.param("The Hague", "The Hague", id="capital-the-is-part-of-the-name"),
        pytest.param("General Motors", "General Motors", id="title-word-starting-a-company-name"),
        pytest.param("Apple Inc.", "Apple", id="legal-form"),
        pytest.param("Siemens AG", "Siemens", id="legal-form-without-dot"),
        pytest.param("“Google of Russia”", "Google of Russia", id="quotes"),
        pytest.param("Maharaja Ranjit Vell", "Ranjit Vell", id="a-rulers-title"),
        pytest.param("Midshipman Ola Berg", "Ola Berg", id="a-rank"),
        pytest.param("their Whims of Orrin", "Whims of Orrin", id="a-possessive"),
    ],
)
def test_clean_name(text: str, name: str) -> None:
    assert clean_name(text) == name


@pytest.mark.parametrize(
    ("text", "found"),
    [
        pytest.param(
            "strengthening its artificial intelligence (AI) collaboration",
            {"AI": "artificial intelligence"},
            id="description-then-acronym",
        ),
        pytest.param(
            "through IoT (Internet of Things) solutions",
            {"IoT": "Internet of Things"},
            id="acronym-then-name",
        ),
        pytest.param(
            "The European Space Agency (ESA) said",
            {"ESA": "European Space Agency"},
            id="name-then-acronym",
        ),
        pytest.param("Shenzhen (China) and Lyon (2024)", {}, id="not-acronyms"),
        pytest.param("the WHO (a UN body) said", {}, id="parenthesis-that-does-not-spell-it"),
    ],
)
def test_find_acronyms(text: str, found: dict[str, str]) -> None:
    assert find_acronyms(text) == found


def test_evidence_outweighs_any_number_of_tagger_votes() -> None:
    assert decide_kind(Counter(organization=1), Counter(place=16)) == ("organization", True)
    assert decide_kind(Counter(), Counter(place=16, organization=3)) == ("place", False)
    assert decide_kind(Counter(), Counter(concept=3)) == ("concept", False)


def _m(text: str, start: int, label: str = "", kind: str = "", evidence: str = "") -> Mention:
    return Mention(text, start, start + len(text), label, kind, evidence)


def test_one_name_is_one_entity_across_documents_whatever_the_tagger_said() -> None:
    docs = [
        ("a.txt", "", [_m("Nvidia", 0, "GPE"), _m("Nvidia", 10, "GPE", "organization", "role-of")]),
        ("b.txt", "", [_m("Nvidia", 0, "GPE"), _m("Nvidia", 10, "PERSON")]),
    ]
    resolver = EntityResolver(docs)
    kinds = {resolver.entity(doc, m) for doc, _, ms in docs for m in ms}
    assert {(e.name, e.kind) for e in kinds if e} == {("Nvidia", "organization")}


def test_one_name_with_evidence_of_two_kinds_is_two_entities() -> None:
    docs = [
        ("person.txt", "", [_m("Washington", 0, "GPE", "person", "apposition")]),
        (
            "place.txt",
            "",
            [_m("Washington", 0, "GPE", "place", "apposition"), _m("Washington", 20, "PERSON")],
        ),
        ("unsure.txt", "", [_m("Washington", 0, "GPE")]),
    ]
    resolver = EntityResolver(docs)
    found = {doc: resolver.entity(doc, ms[0]) for doc, _, ms in docs}
    assert found["person.txt"] is not None and found["person.txt"].kind == "person"
    assert found["place.txt"] is not None and found["place.txt"].kind == "place"
    assert found["unsure.txt"] == found["place.txt"]  # it leans to the place


def test_entities_do_not_depend_on_document_order() -> None:
    docs = [
        (
            "a.txt",
            "",
            [_m("Ericsson", 0, "PERSON"), _m("Ericsson", 30, "GPE", "organization", "sited")],
        ),
        ("b.txt", "", [_m("Ericsson", 0, "PERSON")]),
        (
            "c.txt",
            "",
            [_m("ERICSSON", 0, "ORG"), _m("Borje Ekholm", 20, "PERSON"), _m("Ekholm", 40, "GPE")],
        ),
    ]
    seen = set()
    for order in itertools.permutations(docs):
        resolver = EntityResolver(order)
        seen.add(
            tuple(
                sorted(
                    (doc, m.start, repr(resolver.entity(doc, m))) for doc, _, ms in docs for m in ms
                )
            )
        )
    assert len(seen) == 1


def test_a_short_form_of_two_people_stays_as_written() -> None:
    doc = (
        "a.txt",
        "",
        [_m("Jay Y. Lee", 0, "PERSON"), _m("Lee Jae-myung", 20, "PERSON"), _m("Lee", 40, "PERSON")],
    )
    resolver = EntityResolver([doc])
    assert resolver.entity("a.txt", doc[2][2]).name == "Lee"  # type: ignore[union-attr]


def test_an_alias_table_names_and_types_an_entity() -> None:
    table = parse_aliases("name,type,aliases\nKestrel Aerospace,organization,Kestrel Aero\n", "csv")
    doc = ("a.txt", "", [_m("Kestrel Aero", 0, "PERSON"), _m("Kestrel Aerospace", 20, "GPE")])
    resolver = EntityResolver([doc], table)
    entities = {resolver.entity("a.txt", m) for m in doc[2]}
    assert {(e.name, e.kind) for e in entities if e} == {("Kestrel Aerospace", "organization")}
    assert resolver.explain("a.txt", doc[2][0]) == ("alias:aliases",)


def test_alias_files_in_csv_and_toml(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_text(
        "# mine\nname,type,aliases\nRenault,ORG,Renault Group|Groupe Renault\n"
    )
    (tmp_path / "b.toml").write_text(
        '[[entity]]\nname = "Putin"\ntype = "person"\naliases = ["V. Putin"]\n'
    )
    table = load_aliases([tmp_path / "a.csv", tmp_path / "b.toml"])
    renault, putin = table.lookup("groupe renault"), table.lookup("V Putin")
    assert renault is not None and (renault.name, renault.kind) == ("Renault", "organization")
    assert putin is not None and putin.source.endswith("b.toml")
    assert table.lookup("AI") is not None  # the built-in table comes first


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        pytest.param(
            "bad.csv", "name,type,aliases\nX,planet,\n", "unknown type 'planet'", id="unknown-type"
        ),
        pytest.param(
            "bad.csv",
            "canonical,kind\nX,person\n",
            "the first line must be the header",
            id="no-header",
        ),
        pytest.param("bad.toml", "[[entity]\n", "not valid TOML", id="bad-toml"),
        pytest.param("bad.json", "{}", "must end in .csv or .toml", id="other-extension"),
        pytest.param(
            "bad.toml", '[[entity]]\ntype = "person"\n', "needs a non-empty name", id="no-name"
        ),
    ],
)
def test_a_bad_alias_file_is_an_input_error(
    tmp_path: Path, name: str, text: str, message: str
) -> None:
    (tmp_path / name).write_text(text)
    with pytest.raises(InputError, match=message):
        load_aliases(tmp_path / name)


@pytest.mark.parametrize(
    ("spec", "ents", "expected"),
    [
        pytest.param(
            "Jensen/NNP/compound/1 Huang/NNP/nsubj/8 ,/,/punct/1 "
            "the/DT/det/5 chief/JJ/amod/5 executive/NN/appos/1 "
            "of/IN/prep/5 Nvidia/NNP/pobj/6 spoke/VBD/ROOT/8/speak ./././8",
            [(0, 2, "PERSON"), (7, 8, "GPE")],
            {"Jensen Huang": ("person", "apposition"), "Nvidia": ("organization", "role-of")},
            id="chief-executive-of",
        ),
        pytest.param(
            "Yandex/NNP/nsubj/1 partnered/VBD/ROOT/1/partner "
            "with/IN/prep/1 Chinese/JJ/amod/6 tech/NN/compound/5 "
            "firm/NN/compound/6 Baidu/NNP/pobj/2 ./././1",
            [(3, 4, "NORP"), (6, 7, "ORG")],
            {"Baidu": ("organization", "designation")},
            id="class-noun-before-the-name",
        ),
        pytest.param(
            "Foxconn/NNP/nsubjpass/2 is/VBZ:AUX/auxpass/2/be "
            "headquartered/VBN/ROOT/2/headquarter in/IN/prep/2 "
            "Taipei/NNP/pobj/3 ./././2",
            [(0, 1, "GPE"), (4, 5, "GPE")],
            {"Foxconn": ("organization", "sited"), "Taipei": ("place", "sited")},
            id="headquartered-in",
        ),
        pytest.param(
            "IBM/NNP/compound/1 CEO/NNP/compound/3 Arvind/NNP/compound/3 "
            "Krishna/NNP/nsubj/4 spoke/VBD/ROOT/4/speak ./././4",
            [(0, 1, "ORG"), (2, 4, "PERSON")],
            {"IBM": ("organization", "role-after"), "Arvind Krishna": ("person", "designation")},
            id="company-ceo-name",
        ),
        pytest.param(
            "SK/NNP/compound/1 Hynix/NNP/nsubj/2 "
            "is/VBZ:AUX/ROOT/2/be the/DT/det/5 largest/JJS/amod/5 "
            "supplier/NN/attr/2 ./././2",
            [(1, 2, "PERSON")],
            {"SK Hynix": ("organization", "copula")},
            id="split-name-joined-and-copula",
        ),
        pytest.param(
            "Eutelsat/NNP/nsubj/1 acquired/VBD/ROOT/1/acquire OneWeb/NNP/dobj/1 ./././1",
            [(0, 1, "NORP")],
            {
                "Eutelsat": ("organization", "commerce-verb"),
                "OneWeb": ("organization", "commerce-verb"),
            },
            id="verb-of-commerce",
        ),
        pytest.param(
            "Bosch/NNP/nsubj/3 and/CC/cc/0 Siemens/NNP/conj/0 "
            "signed/VBD/ROOT/3/sign deals/NNS/dobj/3/deal ./././3",
            [(0, 1, "PERSON"), (2, 3, "ORG")],
            {"Bosch": ("organization", "coordinated")},
            id="listed-with-a-company",
        ),
        pytest.param(
            "Bosch/NNP/nsubj/3 and/CC/cc/0 Ada/NNP/compound/3 "
            "Lind/NNP/conj/0 signed/VBD/ROOT/4/sign "
            "deals/NNS/dobj/4/deal ./././4",
            [(0, 1, "ORG"), (2, 4, "PERSON")],
            {},
            id="a-person-listed-with-a-company-stays-a-person",
        ),
        pytest.param(
            "In/IN/prep/4 1894/CD/pobj/0 ,/,/punct/4 he/PRP/nsubj/4 "
            "married/VBD/ROOT/4/marry Ella/NNP/compound/7 "
            "Morris/NNP/compound/7 Quist/NNP/dobj/4 ./././4",
            [(5, 8, "ORG")],
            {"Ella Morris Quist": ("person", "personal")},
            id="married",
        ),
        pytest.param(
            "Vell/NNP/nsubj/1 is/VBZ:AUX/ROOT/1/be "
            "married/JJ/acomp/1 to/IN/prep/2 Ada/NNP/compound/5 "
            "Colen/NNP/pobj/3 ./././1",
            [(0, 1, "GPE"), (4, 6, "ORG")],
            {"Ada Colen": ("person", "personal")},
            id="married-to",
        ),
        pytest.param(
            "Louie/NNP/nsubjpass/2 was/VBD:AUX/auxpass/2/be voiced/VBN/ROOT/2/voice by/IN/agent/2 "
            "Lou/NNP/compound/5 Prima/NNP/pobj/3 ./././2",
            [(4, 6, "ORG")],
            {"Louie": ("person", "life-of"), "Lou Prima": ("person", "personal")},
            id="voiced-by",
        ),
        pytest.param(
            "Stark/NNP/poss/2 's/POS/case/0 widow/NN/nsubj/3 "
            "sold/VBD/ROOT/3/sell it/PRP/dobj/3 ./././3",
            [(0, 1, "ORG")],
            {"Stark": ("person", "personal")},
            id="kin-of-a-name",
        ),
        pytest.param(
            "producer/NN/compound/2 Ada/NNP/compound/2 "
            "Lind/NNP/nsubj/3 left/VBD/ROOT/3/leave ./././3",
            [(1, 3, "PERSON")],
            {},
            id="a-noun-for-firms-and-people-before-a-persons-name",
        ),
        pytest.param(
            "Zinga/NNP/nsubjpass/2 was/VBD:AUX/auxpass/2/be "
            "born/VBN/ROOT/2/bear in/IN/prep/2 1902/CD/pobj/3 ./././2",
            [(0, 1, "GPE")],
            {"Zinga": ("person", "personal")},
            id="was-born",
        ),
        pytest.param(
            "Vantor/NNP/nsubj/1 retired/VBD/ROOT/1/retire "
            "its/PRP$/poss/3 jets/NNS/dobj/1/jet ./././1",
            [(0, 1, "ORG")],
            {},
            id="retired-something-is-no-person",
        ),
        pytest.param(
            "Tom/NNP/nsubjpass/2 was/VBD:AUX/auxpass/2/be "
            "born/VBN/ROOT/2/bear in/IN/prep/2 Kavieng/NNP/pobj/3 "
            "./././2",
            [(0, 1, "PERSON"), (4, 5, "PERSON")],
            {"Tom": ("person", "personal"), "Kavieng": ("place", "lived-in")},
            id="born-in",
        ),
        pytest.param(
            "Rabaul/NNP/nsubj/5 ,/,/punct/0 New/NNP/compound/3 Ireland/NNP/appos/0 ,/,/punct/0 "
            "grew/VBD/ROOT/5/grow ./././5",
            [(0, 1, "PERSON"), (2, 4, "GPE")],
            {"Rabaul": ("place", "chained")},
            id="a-name-then-its-state",
        ),
        pytest.param(
            "Troops/NNS/nsubjpass/2/troop were/VBD:AUX/auxpass/2/be deployed/VBN/ROOT/2/deploy "
            "to/IN/prep/2 Tavira/NNP/pobj/3 ./././2",
            [(4, 5, "PERSON")],
            {"Tavira": ("place", "went-to")},
            id="deployed-to",
        ),
        pytest.param(
            "Lind/NNP/nsubj/1 moved/VBD/ROOT/1/move to/IN/prep/1 Harbour/NNP/compound/4 "
            "Records/NNPS/pobj/2 ./././1",
            [(0, 1, "PERSON"), (3, 5, "ORG")],
            {},
            id="a-career-move-to-a-firm",
        ),
        pytest.param(
            "Ostvik/NNP/nsubjpass/2 is/VBZ:AUX/auxpass/2/be "
            "bordered/VBN/ROOT/2/border by/IN/agent/2 "
            "Malund/NNP/pobj/3 ./././2",
            [(0, 1, "GPE"), (4, 5, "ORG")],
            {"Ostvik": ("place", "went-to"), "Malund": ("place", "went-to")},
            id="bordered-by",
        ),
        pytest.param(
            "the/DT/det/1 invasion/NN/nsubj/4/invasion of/IN/prep/1 Arvenia/NNP/pobj/2 "
            "failed/VBD/ROOT/4/fail ./././4",
            [(3, 4, "PERSON")],
            {"Arvenia": ("place", "went-to")},
            id="invasion-of",
        ),
        pytest.param(
            "It/PRP/nsubj/1 lies/VBZ/ROOT/1/lie in/IN/prep/1 the/DT/det/5 Tarsi/NNP/compound/5 "
            "district/NN/pobj/2/district ./././1",
            [(4, 5, "PERSON")],
            {"Tarsi": ("place", "area-named")},
            id="the-x-district",
        ),
        pytest.param(
            "the/DT/det/2 Lutheran/NNP/compound/2 "
            "community/NN/nsubj/3/community grew/VBD/ROOT/3/grow "
            "./././3",
            [(1, 2, "NORP")],
            {},
            id="a-people-before-community-is-no-place",
        ),
        pytest.param(
            "a/DT/det/1 film/NN/ROOT/1/film directed/VBN/acl/1/direct by/IN/agent/2 "
            "Tomas/NNP/compound/5 Velin/NNP/pobj/3 ./././1",
            [(4, 6, "ORG")],
            {"Tomas Velin": ("person", "made-by")},
            id="directed-by",
        ),
        pytest.param(
            "a/DT/det/1 game/NN/ROOT/1/game published/VBN/acl/1/publish by/IN/agent/2 "
            "Korvi/NNP/pobj/3 ./././1",
            [(4, 5, "PERSON")],
            {"Korvi": ("organization", "made-by")},
            id="published-by",
        ),
        pytest.param(
            "the/DT/det/1 arrest/NN/nsubj/4/arrest of/IN/prep/1 Calder/NNP/pobj/2 "
            "followed/VBD/ROOT/4/follow ./././4",
            [(3, 4, "ORG")],
            {"Calder": ("person", "life-of")},
            id="the-arrest-of",
        ),
        pytest.param(
            "She/PRP/nsubj/1 is/VBZ/ROOT/1/be a/DT/det/3 member/NN/attr/1/member of/IN/prep/3 "
            "Rising/NNP/compound/6 Tide/NNP/pobj/4 ./././1",
            [(5, 7, "PERSON")],
            {"Rising Tide": ("organization", "member-of")},
            id="a-member-of",
        ),
        pytest.param(
            "He/PRP/nsubj/1 taught/VBD/ROOT/1/teach at/IN/prep/1 Orrin/NNP/pobj/2 ./././1",
            [(3, 4, "PERSON")],
            {"Orrin": ("organization", "member-of")},
            id="taught-at",
        ),
        pytest.param(
            "He/PRP/nsubj/1 played/VBD/ROOT/1/play for/IN/prep/1 Tarvik/NNP/pobj/2 ./././1",
            [(3, 4, "GPE")],
            {"Tarvik": ("organization", "signed")},
            id="played-for",
        ),
        pytest.param(
            "He/PRP/nsubjpass/2 was/VBD:AUX/auxpass/2/be signed/VBN/ROOT/2/sign by/IN/agent/2 "
            "Tarvik/NNP/pobj/3 ./././2",
            [(4, 5, "GPE")],
            {"Tarvik": ("organization", "signed")},
            id="signed-by",
        ),
        pytest.param(
            "Vell/NNP/nsubj/3 ,/,/punct/0 a/DT/det/3 dockworker/NN/appos/0/dockworker "
            ",/,/punct/0 sang/VBD/ROOT/5/sing ./././5",
            [(0, 1, "GPE")],
            {"Vell": ("person", "apposition")},
            id="an-occupation-the-hand-made-lists-lack",
        ),
        pytest.param(
            "The/DT/det/2 Orrin/NNP/compound/2 Line/NNP/nsubj/3 is/VBZ:AUX/ROOT/3/be "
            "the/DT/det/5 successor/NN/attr/3/successor to/IN/prep/5 it/PRP/pobj/6 ./././3",
            [(1, 3, "ORG")],
            {},
            id="a-successor-is-not-always-a-person",
        ),
        pytest.param(
            "He/PRP/nsubjpass/2 was/VBD:AUX/auxpass/2/be born/VBN/ROOT/2/bear in/IN/prep/2 "
            "Tarsi/NNP/pobj/3 ,/,/punct/4 Ostreby/NNP/conj/4 ,/,/punct/6 the/DT/det/9 "
            "son/NN/appos/6/son of/IN/prep/9 Ada/NNP/pobj/10 ./././2",
            [(4, 5, "GPE"), (6, 7, "PERSON")],
            {
                "Tarsi": ("place", "lived-in"),
                "Ostreby": ("place", "lived-in"),
                "Ada": ("person", "personal"),
            },
            id="the-son-the-parser-hangs-on-a-birthplace",
        ),
        pytest.param(
            "He/PRP/nsubjpass/2 was/VBD:AUX/auxpass/2/be made/VBN/ROOT/2/make "
            "Marquis/NNP/oprd/2 of/IN/prep/3 Pozo/NNP/compound/6 Vell/NNP/pobj/4 ./././2",
            [(5, 7, "PERSON")],
            {"Pozo Vell": ("place", "role-of")},
            id="a-title-held-of-a-territory",
        ),
        pytest.param(
            "Orrin/NNP/compound/1 Flak/NNP/nsubj/2 is/VBZ:AUX/ROOT/2/be a/DT/det/4 "
            "reef/NN/attr/2/reef ./././2",
            [(0, 2, "PERSON")],
            {"Orrin Flak": ("place", "copula")},
            id="a-reef",
        ),
        pytest.param(
            "The/DT/det/2 Orrin/NNP/compound/2 Avela/NNP/nsubj/3 is/VBZ:AUX/ROOT/3/be "
            "a/DT/det/5 car/NN/attr/3/car ./././3",
            [(1, 3, "ORG")],
            {"Orrin Avela": ("product", "copula")},
            id="a-car",
        ),
        pytest.param(
            "Vellosia/NNP/nsubj/1 is/VBZ:AUX/ROOT/1/be a/DT/det/3 genus/NN/attr/1/genus "
            "of/IN/prep/3 grasses/NNS/pobj/4/grass ./././1",
            [(0, 1, "GPE")],
            {"Vellosia": ("concept", "copula")},
            id="a-genus",
        ),
        pytest.param(
            "Tarsk/NNP/nsubj/1 is/VBZ:AUX/ROOT/1/be a/DT/det/4 seaside/NN/compound/4 "
            "resort/NN/attr/1/resort ./././1",
            [(0, 1, "ORG")],
            {"Tarsk": ("place", "copula")},
            id="a-resort",
        ),
        pytest.param(
            "Tampere/NNP/nsubjpass/2 was/VBD:AUX/auxpass/2/be founded/VBN/ROOT/2/found "
            "by/IN/agent/2 Ada/NNP/pobj/3 ./././2",
            [(0, 1, "ORG"), (4, 5, "PERSON")],
            {},
            id="a-town-is-founded-too",
        ),
        pytest.param(
            "He/PRP/nsubjpass/2 was/VBD:AUX/auxpass/2/be born/VBN/ROOT/2/bear in/IN/prep/2 "
            "Tarsk/NNP/pobj/3 and/CC/cc/4 Ada/NNP/compound/7 Lind/NNP/conj/4 ./././2",
            [(4, 5, "GPE"), (6, 8, "PERSON")],
            {"Tarsk": ("place", "lived-in")},
            id="a-person-the-parser-joins-to-a-birthplace",
        ),
        pytest.param(
            "Orrin/NNP/compound/1 Q/NNP/nsubj/2 is/VBZ:AUX/ROOT/2/be a/DT/det/6 "
            "digital/JJ/amod/6 media/NN/compound/6 player/NN/attr/2/player ./././2",
            [(0, 2, "ORG")],
            {"Orrin Q": ("product", "copula")},
            id="a-media-player-is-a-device",
        ),
        pytest.param(
            "Tarvik/NNP/nsubj/1 crossed/VBD/ROOT/1/cross the/DT/det/3 river/NN/dobj/1/river "
            "./././1 He/PRP/nsubj/6 won/VBD/ROOT/6/win ./././6",
            [(0, 1, "ORG")],
            {"Tarvik": ("person", "he-or-she")},
            id="he-goes-on-from-the-subject",
        ),
        pytest.param(
            "Tarvik/NNP/nsubj/1 met/VBD/ROOT/1/meet Ada/NNP/compound/3 Lind/NNP/dobj/1 "
            "./././1 She/PRP/nsubj/6 won/VBD/ROOT/6/win ./././6",
            [(0, 1, "ORG"), (2, 4, "PERSON")],
            {},
            id="she-may-be-someone-else",
        ),
        pytest.param(
            "He/PRP/nsubj/1 wrote/VBD/ROOT/1/write on/IN/prep/1 the/DT/det/4 state/NN/pobj/2 "
            "of/IN/prep/4 Vellism/NNP/pobj/5 ./././1",
            [(6, 7, "ORG")],
            {},
            id="the-state-of-a-faith-is-no-place",
        ),
        pytest.param(
            "She/PRP/nsubj/1 played/VBD/ROOT/1/play a/DT/det/3 role/NN/dobj/1/role "
            "in/IN/prep/3 Orrinoaks/NNP/pobj/4 ./././1",
            [(5, 6, "GPE")],
            {"Orrinoaks": ("work", "cast-in")},
            id="a-role-in-a-work",
        ),
        pytest.param(
            "She/PRP/nsubj/1 had/VBD/ROOT/1/have a/DT/det/3 role/NN/dobj/1/role "
            "in/IN/prep/3 Paris/NNP/pobj/4 ./././1",
            [(5, 6, "GPE")],
            {},
            id="a-role-in-a-known-place",
        ),
        pytest.param(
            "She/PRP/nsubjpass/2 was/VBD:AUX/auxpass/2/be elected/VBN/ROOT/2/elect "
            "to/IN/prep/2 the/DT/det/5 Vellting/NNP/pobj/3 ./././2",
            [(5, 6, "")],
            {"Vellting": ("organization", "member-of")},
            id="elected-to-a-body",
        ),
        pytest.param(
            "He/PRP/nsubj/1 worked/VBD/ROOT/1/work for/IN/prep/1 Orrix/NNP/pobj/2 ./././1",
            [(3, 4, "")],
            {"Orrix": ("organization", "member-of")},
            id="worked-for-an-employer",
        ),
        pytest.param(
            "Joining/VBG/advcl/5/join Orrix/NNP/dobj/0 in/IN/prep/0 2016/CD/pobj/2 ,/,/punct/5 "
            "he/PRP/nsubj/5 scored/VBD/ROOT/5/score ./././5",
            [(1, 2, "")],
            {"Orrix": ("organization", "signed")},
            id="joining-a-club",
        ),
        pytest.param(
            "It/PRP/nsubj/1 is/VBZ:AUX/ROOT/1/be in/IN/prep/1 the/DT/det/5 Orrinian/JJ/amod/5 "
            "province/NN/pobj/2/province ./././1",
            [(4, 5, "NORP")],
            {"Orrinian": ("place", "area-named")},
            id="a-regions-adjective-before-a-place-noun",
        ),
        pytest.param(
            "They/PRP/nsubj/1 ruled/VBD/ROOT/1/rule the/DT/det/4 Christian/JJ/amod/4 "
            "kingdoms/NNS/dobj/1/kingdom ./././1",
            [(3, 4, "NORP")],
            {},
            id="a-faiths-realms-are-no-place-it-names",
        ),
        pytest.param(
            "The/DT/det/1 road/NN/nsubj/2/road runs/VBZ/ROOT/2/run through/IN/prep/2 "
            "Stavik/NNP/pobj/3 ./././2",
            [(4, 5, "PERSON")],
            {"Stavik": ("place", "went-to")},
            id="what-a-road-runs-through",
        ),
        pytest.param(
            "the/DT/det/2 reef/NN/compound/2/reef Orrin/NNP/nsubj/7 ,/,/punct/2 "
            "Vell/NNP/conj/2 and/CC/cc/4 Tarsk/NNP/conj/4 lie/VBP/ROOT/7/lie "
            "north/RB/advmod/7 ./././7",
            [(2, 3, "ORG"), (4, 5, "PERSON"), (6, 7, "")],
            {
                "Orrin": ("place", "designation"),
                "Vell": ("place", "coordinated"),
                "Tarsk": ("place", "coordinated"),
            },
            id="a-list-leans-the-way-the-parse-argued-for-one",
        ),
        pytest.param(
            "She/PRP/nsubj/1 has/VBZ/ROOT/1/have a/DT/det/3 degree/NN/dobj/1/degree "
            "in/IN/prep/3 Vellics/NNP/pobj/4 ./././1",
            [(5, 6, "GPE")],
            {"Vellics": ("concept", "degree")},
            id="a-field-of-study",
        ),
        pytest.param(
            "He/PRP/nsubj/1 earned/VBD/ROOT/1/earn a/DT/det/3 Master/NNP/dobj/1 of/IN/prep/3 "
            "Orrin/NNP/compound/6 Studies/NNP/pobj/4 ./././1",
            [(3, 7, "ORG")],
            {"Master of Orrin Studies": ("concept", "degree")},
            id="a-degree",
        ),
        pytest.param(
            "Vellaceae/NNP/nsubj/1 are/VBP:AUX/ROOT/1/be a/DT/det/3 family/NN/attr/1/family "
            "of/IN/prep/3 plants/NNS/pobj/4/plant ./././1",
            [(0, 1, "PERSON")],
            {"Vellaceae": ("concept", "copula")},
            id="a-family-of-plants",
        ),
        pytest.param(
            "Lindqvists/NNPS/nsubj/1 are/VBP:AUX/ROOT/1/be a/DT/det/3 family/NN/attr/1/family "
            "of/IN/prep/3 musicians/NNS/pobj/4/musician ./././1",
            [(0, 1, "ORG")],
            {},
            id="a-family-of-people",
        ),
        pytest.param(
            "the/DT/det/1 stream/NN/nsubj/2/stream joins/VBZ/ROOT/2/join the/DT/det/5 "
            "Orrin/NNP/compound/5 Glacier/NNP/dobj/2 ./././2",
            [(4, 6, "ORG")],
            {},
            id="a-stream-joins-no-club",
        ),
    ],
)
def test_kind_evidence_from_the_parse(vocab, spec, ents, expected) -> None:  # type: ignore[no-untyped-def]
    doc = parse(vocab, spec, ents)
    found = {
        doc[m.start : m.end].text: (m.kind, m.evidence)
        for m in with_evidence(doc, find_mentions(doc))
        if m.kind
    }
    assert found == expected


@pytest.mark.parametrize(
    ("spec", "ents", "expected"),
    [
        pytest.param(
            "Ada/NNP/compound/1 Lind/NNP/nsubj/7 ,/,/punct/1 "
            "the/DT/det/6 band/NN/poss/6 's/POS/case/4 "
            "drummer/NN/appos/1 left/VBD/ROOT/7/leave ./././7",
            [(0, 2, "PERSON")],
            {"Ada Lind": "drummer"},
            id="apposition",
        ),
        pytest.param(
            "the/DT/det/3 bass/NN/compound/2 player/NN/compound/4 "
            "Sam/NNP/compound/4 Reyes/NNP/nsubj/5 "
            "left/VBD/ROOT/5/leave ./././5",
            [(3, 5, "PERSON")],
            {"Sam Reyes": "bass player"},
            id="compound-role-before-the-name",
        ),
        pytest.param(
            "Jensen/NNP/compound/1 Huang/NNP/nsubj/8 ,/,/punct/1 the/DT/det/5 chief/JJ/amod/5 "
            "executive/NN/appos/1 of/IN/prep/5 Nvidia/NNP/pobj/6 spoke/VBD/ROOT/8/speak ./././8",
            [(0, 2, "PERSON"), (7, 8, "ORG")],
            {"Jensen Huang": "chief executive", "Nvidia": ""},
            id="modified-role",
        ),
    ],
)
def test_the_role_a_sentence_gives_a_person(vocab, spec, ents, expected) -> None:  # type: ignore[no-untyped-def]
    doc = parse(vocab, spec, ents)
    assert {
        doc[m.start : m.end].text: m.role for m in with_evidence(doc, find_mentions(doc))
    } == expected


@pytest.mark.parametrize(
    ("spec", "ents", "expected"),
    [
        pytest.param(
            "Queen/NNP/compound/2 Mary/NNP/compound/2 "
            "Hospital/NNP/nsubj/3 closed/VBD/ROOT/3/close ./././3",
            [(1, 3, "PERSON")],
            [("Queen Mary Hospital", "")],
            id="a-title-at-the-front-of-a-things-name",
        ),
        pytest.param(
            "the/DT/det/2 Premier/NNP/compound/2 League/NNP/nsubj/3 ended/VBD/ROOT/3/end ./././3",
            [],
            [("Premier League", "")],
            id="a-title-word-in-a-name-the-tagger-missed",
        ),
        pytest.param(
            "at/IN/ROOT/0 the/DT/det/4 2006/CD/nummod/4 "
            "Winter/NNP/compound/4 Olympics/NNPS/pobj/0 ./././0",
            [(2, 3, "DATE"), (3, 5, "EVENT")],
            [("2006 Winter Olympics", "EVENT")],
            id="the-year-of-an-edition",
        ),
        pytest.param(
            "in/IN/ROOT/0 2006/CD/pobj/0 Ada/NNP/compound/3 Lind/NNP/nsubj/0 ./././0",
            [(1, 2, "DATE"), (2, 4, "PERSON")],
            [("Ada Lind", "PERSON")],
            id="a-year-before-a-person-stays-out",
        ),
        pytest.param(
            "Queen/NNP/compound/2 Ada/NNP/compound/2 "
            "Hill/NNP/nsubj/3 spoke/VBD/ROOT/3/speak ./././3",
            [(1, 3, "PERSON")],
            [("Ada Hill", "PERSON")],
            id="a-title-before-a-persons-name-stays-out",
        ),
        pytest.param(
            "the/DT/det/2 French/JJ/amod/2 Revolution/NNP/nsubj/3 ended/VBD/ROOT/3/end ./././3",
            [(0, 3, "EVENT")],
            [("French Revolution", "EVENT")],
            id="a-demonym-and-a-class-word-named",
        ),
        pytest.param(
            "the/DT/det/3 Danish/JJ/amod/3 Airplay/NNP/compound/3 Charts/NNPS/nsubj/4 "
            "grew/VBD/ROOT/4/grow ./././4",
            [(1, 2, "NORP")],
            [("Danish Airplay Charts", "")],
            id="a-demonym-beginning-a-name",
        ),
        pytest.param(
            "Faure/NNP/compound/2+ -/HYPH/punct/2+ Favier/NNP/nsubj/3 flew/VBD/ROOT/3/fly ./././3",
            [(2, 3, "PERSON")],
            [("Faure-Favier", "PERSON")],
            id="a-hyphenated-name-read-in-part",
        ),
        pytest.param(
            "the/DT/det/1 War/NNP/nsubj/2 ended/VBD/ROOT/2/end ./././2",
            [(1, 2, "EVENT")],
            [],
            id="a-class-word-alone-is-no-name",
        ),
        pytest.param(
            "by/IN/ROOT/0 the/DT/det/3 Harbour/NNP/compound/3 Ordinance/NNP/pobj/0 of/IN/prep/3"
            " 1784/CD/pobj/4 ./././0",
            [(1, 5, "LAW"), (5, 6, "DATE")],
            [("Harbour Ordinance", "LAW")],
            id="a-name-run-on-into-a-small-word",
        ),
    ],
)
def test_names_keep_their_whole_extent(vocab, spec, ents, expected) -> None:  # type: ignore[no-untyped-def]
    doc = parse(vocab, spec, ents)
    assert [(doc[m.start : m.end].text, m.label) for m in find_mentions(doc)] == expected


def _kind_label(graph, iri_rows=None):  # type: ignore[no-untyped-def]
    rows = select(
        graph, "SELECT ?e ?label ?kind WHERE { ?e a kg:Entity ; rdfs:label ?label ; kg:kind ?kind }"
    )
    return {f"{r['kind']}/{r['label']}" for r in rows}


def _edges(graph) -> set[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    rows = select(
        graph,
        """
        SELECT ?a ?ka ?label ?b ?kb WHERE {
          ?s ?p ?o . ?p a kg:Relation ; rdfs:label ?label .
          ?s rdfs:label ?a ; kg:kind ?ka . ?o rdfs:label ?b ; kg:kind ?kb }""",
    )
    return {
        (f"{r['ka']}/{r['a']}", normalise_relation(str(r["label"])), f"{r['kb']}/{r['b']}")
        for r in rows
    }


def _holds(edge: list[str], edges: set[tuple[str, str, str]]) -> bool:
    subject, relation, obj = edge

    def same(node: str, want: str) -> bool:
        return node == want or ("/" not in want and node.split("/", 1)[1] == want)

    return any(
        same(s, subject) and r == normalise_relation(relation) and same(o, obj) for s, r, o in edges
    )


def _build(folder: Path, aliases: AliasTable | None = None):  # type: ignore[no-untyped-def]
    from kg.build import build
    from kg.inputs import iter_documents

    return build(iter_documents([str(p) for p in sorted(folder.glob("*.txt"))]), aliases=aliases)


@pytest.mark.parametrize("case", [pytest.param(p, id=p.stem) for p in sorted(CASES.glob("*.json"))])
def test_golden_case(case: Path) -> None:
    expected = json.loads(case.read_text(encoding="utf-8"))
    folder = case.with_suffix("")
    aliases = load_aliases(folder / expected["aliases"]) if "aliases" in expected else None
    graph = _build(folder, aliases).graph
    nodes, edges = _kind_label(graph), _edges(graph)
    assert set(expected["nodes"]) <= nodes, sorted(nodes)
    assert not {n for n in nodes if n.split("/", 1)[1] in expected.get("absent", [])}
    missing = [e for e in expected["edges"] if not _holds(e, edges)]
    assert not missing, (missing, sorted(edges))
    assert not [e for e in edges if e[0] in expected.get("no_edges_from", [])]
    for node, titles in expected.get("job_titles", {}).items():
        kind, label = node.split("/", 1)
        rows = select(
            graph,
            f'SELECT ?t WHERE {{ ?e rdfs:label "{label}" ; kg:kind "{kind}" ; '
            "schema:jobTitle ?t }",
        )
        assert set(titles) == {str(r["t"]) for r in rows}
    for node, alts in expected.get("alt_labels", {}).items():
        kind, label = node.split("/", 1)
        rows = select(
            graph,
            f'SELECT ?alt WHERE {{ ?e rdfs:label "{label}" ; kg:kind "{kind}" ; '
            "skos:altLabel ?alt }",
        )
        assert set(alts) <= {str(r["alt"]) for r in rows}


_SEED_NODES = ["Russia", "China", "Yandex", "Baidu", "Vladimir Putin", "Xi Jinping", "Shenzhen"]


def test_seed_article_has_one_node_per_entity(seed_graph) -> None:  # type: ignore[no-untyped-def]
    labels = Counter(n.split("/", 1)[1] for n in _kind_label(seed_graph))
    assert all(labels[name] == 1 for name in _SEED_NODES), labels
    bad = [
        n
        for n in labels
        if n.lower().startswith(("the ", "a ", "its ", "their "))
        or n.endswith(("'s", "’s"))
        or n.lower() in {"it", "they", "he", "she", "the nation", "nation"}
    ]
    assert not bad
    assert "place/AI" not in _kind_label(seed_graph)


def test_seed_gold_triples_on_these_entities_hold(seed_graph, seed_dir) -> None:  # type: ignore[no-untyped-def]
    from kg.evaluate import evaluate, read_gold

    gold = read_gold(
        (seed_dir / "russia_china_ai.gold.jsonl").read_text(encoding="utf-8").splitlines()
    )
    wanted = [
        g
        for g in gold
        if g.level in {"required", "expected"} and {g.subject, g.object} & set(_SEED_NODES)
    ]
    report = evaluate(wanted, seed_graph)
    assert not report.missed, report.missed


def test_the_same_input_gives_byte_identical_turtle_in_any_order() -> None:
    from kg.build import build
    from kg.inputs import iter_documents

    paths = sorted(str(p) for p in (CASES / "same-entity").glob("*.txt")) + sorted(
        str(p) for p in (CASES / "one-name-two-things").glob("*.txt")
    )
    turtles = {
        build(iter_documents(order)).sink.export("turtle") for order in (paths, paths[::-1], paths)
    }
    assert len(turtles) == 1


def test_build_writes_the_merge_log_and_reads_an_alias_file(tmp_path: Path) -> None:
    from kg.cli import main

    folder = CASES / "alias-file"
    result = CliRunner().invoke(
        main,
        [
            "build",
            str(folder / "a.txt"),
            "--out",
            str(tmp_path),
            "--no-html",
            "-q",
            "--explain",
            "--aliases",
            str(folder / "aliases.csv"),
        ],
    )
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in (tmp_path / "merges.jsonl").read_text().splitlines()]
    kestrel = next(r for r in records if r["label"] == "Kestrel Aerospace")
    assert kestrel["kind"] == "organization" and kestrel["alt_labels"] == ["Kestrel Aero"]
    assert {tuple(m["rules"]) for m in kestrel["mentions"]} >= {
        (f"alias:{folder / 'aliases.csv'}",)
    }
    assert [r["entity"] for r in records] == sorted(r["entity"] for r in records)


def test_build_rejects_a_bad_alias_file(tmp_path: Path) -> None:
    from kg.cli import main

    bad = tmp_path / "names.csv"
    bad.write_text("name,type\nX,planet\n")
    result = CliRunner().invoke(
        main,
        [
            "build",
            str(CASES / "alias-file" / "a.txt"),
            "--out",
            str(tmp_path),
            "--aliases",
            str(bad),
        ],
    )
    assert result.exit_code == 1
    assert "unknown type 'planet'" in result.output


def test_a_later_build_keeps_the_kind_the_store_holds(tmp_path: Path) -> None:
    from kg.build import build
    from kg.model import Document
    from kg.store.embedded import Store

    first = Document("a.txt", "Nvidia, the chipmaker, partnered with Foxconn.")
    later = Document("b.txt", "Nvidia signed an agreement with Japan.")
    with Store.open(tmp_path / "store") as store:
        build([first], sink=store, jobs=1)
        kinds = store.entity_kinds()
        build([later], sink=store, jobs=1)
        nvidia = [
            k for k in ("organization", "place") if f"{k}/Nvidia" in store.export("nt").decode()
        ]
    assert kinds.get("Nvidia") == "organization"
    assert nvidia == ["organization"]


def test_stored_kind_gives_way_to_evidence() -> None:
    from kg.entities import EntityResolver
    from kg.model import Mention

    text = "Paris is a city in France."
    docs = [("c.txt", text, [Mention("Paris", 0, 5, "GPE", kind="place", evidence="copula")])]
    resolver = EntityResolver(docs, known={"Paris": "person"})
    assert (
        resolver.entity(
            "c.txt", Mention("Paris", 0, 5, "GPE", kind="place", evidence="copula")
        ).kind
        == "place"
    )
    untagged = EntityResolver(
        [("d.txt", "Paris spoke.", [Mention("Paris", 0, 5, "GPE")])], known={"Paris": "person"}
    )
    assert untagged.entity("d.txt", Mention("Paris", 0, 5, "GPE")).kind == "person"


def test_a_name_with_a_lifespan_is_a_person(vocab) -> None:  # type: ignore[no-untyped-def]
    from kg.extract.evidence import with_lifespans

    # The parse never sees the dated parenthesis; the document's text has it after the name.
    text = "Ada Lind (1815–1852) wrote."
    doc = parse(
        vocab, "Ada/NNP/compound/1 Lind/NNP/nsubj/2 wrote/VBD/ROOT/2/write ./././2", [(0, 2, "ORG")]
    )
    found = with_lifespans(find_mentions(doc), doc, text, 0)
    assert [(m.kind, m.evidence) for m in found] == [("person", "lifespan")]


def test_years_after_a_place_of_work_are_no_lifespan(vocab) -> None:  # type: ignore[no-untyped-def]
    from kg.extract.evidence import with_lifespans

    text = "She taught at Halden (2009–2014)."
    doc = parse(
        vocab,
        "She/PRP/nsubj/1 taught/VBD/ROOT/1/teach at/IN/prep/1 Halden/NNP/pobj/2 ./././1",
        [(3, 4, "ORG")],
    )
    found = with_lifespans(find_mentions(doc), doc, text, 0)
    assert [(m.kind, m.evidence) for m in found] == [("", "")]


def test_years_after_each_place_of_a_list_are_no_lifespan() -> None:
    # The real pipeline: the dated parentheses are blanked out of the parse, which then
    # hangs the later names of the list anywhere but on "at".
    text = (
        "She has been a visiting professor at Halden (2005–2007), Orrin (2009–2014), "
        "Vell (2015–2016) and Tarsk (2017–2019)."
    )
    (result,) = extract([Document("a.txt", text)])
    found = {m.text: m.evidence for m in result.mentions}
    assert {"Orrin", "Vell", "Tarsk"} <= set(found)
    assert "lifespan" not in found.values()


def test_years_after_an_event_are_no_lifespan(vocab) -> None:  # type: ignore[no-untyped-def]
    from kg.extract.evidence import with_lifespans

    text = "The Salt War (1718–1720) ended."
    doc = parse(
        vocab,
        "The/DT/det/2 Salt/NNP/compound/2 War/NNP/nsubj/3 ended/VBD/ROOT/3/end ./././3",
        [(1, 3, "EVENT")],
    )
    found = with_lifespans(find_mentions(doc), doc, text, 0)
    assert [m.evidence for m in found] == [""]


@pytest.mark.parametrize(
    ("text", "country"),
    [
        pytest.param("Canadians", "Canada", id="demonym-plural"),
        pytest.param("the Irishmen", "Ireland", id="demonym-men"),
        pytest.param("Swedes", "Sweden", id="a-people-noun"),
        pytest.param("Canadian", "", id="the-demonym-itself-is-an-adjective"),
        pytest.param("Lutherans", "", id="no-nationality"),
    ],
)
def test_a_nationality_is_its_country(text: str, country: str) -> None:
    from kg.entities import nationals_country

    assert nationals_country(text) == country
    resolver = EntityResolver([("a.txt", text, [Mention(text, 0, len(text), "NORP")])])
    entity = resolver.entity("a.txt", Mention(text, 0, len(text), "NORP"))
    if country:
        assert entity is not None and (entity.name, entity.kind) == (country, "place")


@pytest.mark.parametrize(
    ("name", "label", "kind"),
    [
        pytest.param("University of Halden", "PERSON", "organization", id="university"),
        pytest.param("Battle of Ostrava", "GPE", "event", id="battle"),
        pytest.param("Lake Vanern", "PERSON", "place", id="lake"),
        pytest.param("Tallinn", "ORG", "place", id="gazetteer-city-over-one-tagger-vote"),
        pytest.param("Ella Maud Fischer", "ORG", "person", id="given-and-family-name"),
        pytest.param("Jacques-Henri Zwyrtek", "GPE", "person", id="given-name-and-an-unknown-word"),
        pytest.param("Carolina Tigers", "ORG", "organization", id="a-plural-is-no-family-name"),
        pytest.param("Ada Media", "ORG", "organization", id="a-common-word-is-no-family-name"),
        pytest.param("Emma Lind Act", "LAW", "law", id="a-law-keeps-its-label"),
        pytest.param("Jordan Lake", "PERSON", "place", id="a-name-word-outweighs-the-shape"),
        pytest.param("Sam Hill", "PERSON", "person", id="a-family-name-that-is-a-place-word"),
        pytest.param("Vanern Prize", "ORG", "award", id="an-award"),
        pytest.param("Vanern Film Awards", "ORG", "event", id="an-awards-ceremony"),
        pytest.param("Operation Larch", "ORG", "event", id="a-kind-word-english-writes-first"),
        pytest.param("Vanern Shipping", "PERSON", "organization", id="a-company-word"),
        pytest.param("Glen Hills", "GPE", "place", id="a-place-word-read-as-a-place"),
        pytest.param("State Highway 12", "ORG", "place", id="a-number-after-the-head-word"),
        pytest.param("Orrin Wilderness Area", "ORG", "place", id="an-area"),
        pytest.param("Anne-Laure", "ORG", "person", id="two-given-names-joined"),
        pytest.param("Fort Tarvik", "PERSON", "place", id="a-fort"),
        pytest.param("Old Tallinn", "PERSON", "place", id="old-and-a-known-place"),
        pytest.param("Vellsburg", "ORG", "place", id="a-towns-ending"),
        pytest.param("Fort Vell Pistons", "ORG", "organization", id="a-team-named-for-a-fort"),
        pytest.param("Whigs", "NORP", "organization", id="a-partys-members-name-it"),
        pytest.param("Jesuits", "NORP", "organization", id="an-orders-members-name-it"),
        pytest.param("Republican Vell", "GPE", "place", id="a-members-word-only-as-the-last"),
    ],
)
def test_words_inside_a_name_and_the_gazetteer_are_kind_evidence(
    name: str, label: str, kind: str
) -> None:
    resolver = EntityResolver([("a.txt", name, [Mention(name, 0, len(name), label)])])
    entity = resolver.entity("a.txt", Mention(name, 0, len(name), label))
    assert entity is not None and entity.kind == kind


@pytest.mark.parametrize(
    ("name", "votes", "kind"),
    [
        pytest.param("Ella Morris", ["ORG", "ORG"], "person", id="known-names-outweigh-two-votes"),
        pytest.param("Ella Zwyrtek", ["ORG", "ORG"], "organization", id="one-known-name-does-not"),
        pytest.param("Aichi", ["PERSON", "PERSON"], "place", id="a-province-outweighs-two-votes"),
        pytest.param("Tallinn", ["PERSON", "PERSON"], "person", id="a-city-does-not"),
        pytest.param("Mauritius", ["PERSON"] * 5, "place", id="a-country-outweighs-any-number"),
    ],
)
def test_evidence_from_the_name_is_counted_once_per_document(
    name: str, votes: list[str], kind: str
) -> None:
    mentions = [Mention(name, 20 * k, 20 * k + len(name), label) for k, label in enumerate(votes)]
    entity = EntityResolver([("a.txt", name, mentions)]).entity("a.txt", mentions[0])
    assert entity is not None and entity.kind == kind


def test_a_place_name_stays_a_place_where_only_another_document_says_person() -> None:
    # "Tallinn (1901–1975) wrote …" in one document, the city in another.
    person = Mention("Tallinn", 0, 7, "PERSON", kind="person", evidence="lifespan")
    city = Mention("Tallinn", 0, 7, "GPE")
    other, again = Mention("Tallinn", 0, 7, "PERSON"), Mention("Tallinn", 20, 27, "PERSON")
    resolver = EntityResolver(
        [
            ("a.txt", "Tallinn", [person]),
            ("b.txt", "Tallinn", [city]),
            ("c.txt", "Tallinn", [other, again]),
        ]
    )
    kinds = [
        resolver.entity(doc, m) for doc, m in (("a.txt", person), ("b.txt", city), ("c.txt", other))
    ]
    assert [e.kind for e in kinds if e is not None] == ["person", "place", "person"]


def test_the_text_outweighs_the_gazetteer() -> None:
    # "Washington said": a name the gazetteer holds, read by the parse as a person.
    mentions = [Mention("Washington", 0, 10, "GPE", kind="person", evidence="copula")]
    entity = EntityResolver([("a.txt", "Washington", mentions)]).entity("a.txt", mentions[0])
    assert entity is not None and entity.kind == "person"


@pytest.mark.parametrize(
    ("spec", "ents"),
    [
        pytest.param(
            "Coach/NNP/nsubj/1 left/VBD/ROOT/1/leave ./././1", [(0, 1, "PERSON")], id="a-role"
        ),
        pytest.param(
            "the/DT/det/1 Government/NNP/nsubj/2 fell/VBD/ROOT/2/fall ./././2",
            [(1, 2, "ORG")],
            id="the-government",
        ),
        pytest.param(
            "U.S./NNP/compound/1 Representative/NNP/nsubj/2 spoke/VBD/ROOT/2/speak ./././2",
            [(0, 2, "GPE")],
            id="a-country-and-an-office",
        ),
        pytest.param(
            "a/DT/det/2 Gold/NNP/compound/2 album/NN/nsubj/3 sold/VBD/ROOT/3/sell ./././3",
            [(1, 2, "ORG")],
            id="a-certification",
        ),
    ],
)
def test_a_title_or_class_noun_is_not_a_name(vocab, spec, ents) -> None:  # type: ignore[no-untyped-def]
    assert find_mentions(parse(vocab, spec, ents)) == []


def test_a_name_with_a_title_word_in_it_stays_a_name(vocab) -> None:  # type: ignore[no-untyped-def]
    doc = parse(
        vocab,
        "Queen/NNP/compound/2 Mary/NNP/compound/2 "
        "Hospital/NNP/nsubj/3 grew/VBD/ROOT/3/grow ./././3",
        [(0, 3, "ORG")],
    )
    assert [doc[m.start : m.end].text for m in find_mentions(doc)] == ["Queen Mary Hospital"]


def test_another_name_the_text_gives_is_a_label_not_a_second_node() -> None:
    text = "Ada Lind (also known as Red Quill) wrote. Red Quill died."
    mentions = [
        Mention("Ada Lind", 0, 8, "PERSON"),
        Mention("Red Quill", 24, 33, "PERSON"),
        Mention("Red Quill", 42, 51, "PERSON"),
    ]
    resolver = EntityResolver([("a.txt", text, mentions)])
    entities = {resolver.entity("a.txt", m) for m in mentions}
    assert {(e.name, e.kind) for e in entities if e} == {("Ada Lind", "person")}
    (entity,) = entities
    assert entity is not None and resolver.labels(entity, "a.txt") == {"Ada Lind", "Red Quill"}
    assert "also-known-as" in resolver.explain("a.txt", mentions[2])


def test_a_name_with_an_initial_is_the_name_written_in_full() -> None:
    mentions = [
        _m("Ada Karin Lind", 0, "PERSON"),
        _m("Ada K. Lind", 30, "PERSON"),
        _m("Lind", 60, ""),
        _m("Ada B. Lind", 90, "PERSON"),
    ]
    resolver = EntityResolver([("a.txt", "", mentions)])
    names = [e.name if (e := resolver.entity("a.txt", m)) else None for m in mentions]
    # "Ada B. Lind" fits no fuller name: another person, and "Lind" stays ambiguous.
    assert names == ["Ada Karin Lind", "Ada Karin Lind", "Lind", "Ada B. Lind"]
    two = EntityResolver([("b.txt", "", mentions[:3])])
    found = (two.entity("b.txt", m) for m in mentions[:3])
    assert {e.name for e in found if e} == {"Ada Karin Lind"}


@pytest.mark.parametrize(
    ("text", "language"),
    [
        pytest.param("Vellos (Greek: βελλος) is a dish of the coast.", "Greek", id="a-gloss"),
        pytest.param("Die Stille (German for the silence) were a band.", "German", id="x-for-y"),
        pytest.param("The song was performed in German by Ada Lind.", "German", id="performed-in"),
        pytest.param("The tower got its French nickname early.", "French", id="a-name-noun"),
        pytest.param("Orrin (simplified Chinese: 奥林) plays in Vell.", "Chinese", id="simplified"),
    ],
)
def test_a_language_is_named_as_a_language_not_as_its_country(text: str, language: str) -> None:
    from kg.link import resolve_entities

    (result,) = extract([Document("a.txt", text)])
    (mention,) = [m for m in result.mentions if m.text == language]
    resolver = resolve_entities([(result.document.name, text, result.mentions, ())])
    entity = resolver.entity("a.txt", mention)
    assert mention.label == "LANGUAGE"
    assert entity is not None and (entity.name, entity.kind) == (language, "language")
    kinds = {str(r["l"]) for r in select(_build_text(text), _LABELS)}
    assert not {"Greece", "Germany", "France", "China"} & kinds


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Chinese firm Vellow bought Orrin.", id="a-firms-country"),
        pytest.param("The German army crossed the river.", id="an-adjective"),
    ],
)
def test_a_peoples_adjective_elsewhere_is_no_language(text: str) -> None:
    (result,) = extract([Document("a.txt", text)])
    assert "LANGUAGE" not in {m.label for m in result.mentions}


_LABELS = "SELECT ?l WHERE { ?e rdfs:label ?l }"


def _build_text(text: str):  # type: ignore[no-untyped-def]
    from kg.build import build

    return build([Document("a.txt", text)]).graph


@pytest.mark.parametrize(
    ("text", "title"),
    [
        pytest.param(
            "She is known for her portrait, A Couple in Orrin, which shows two friends.",
            "A Couple in Orrin",
            id="a-place-inside-a-title",
        ),
        pytest.param("Her novel Murder in Vell in 1998 sold well.", "Murder in Vell", id="a-novel"),
        pytest.param("He starred in the film Gandhi in India.", "", id="a-name-then-where"),
        pytest.param("The series Vell Street on ABC ended.", "", id="the-network-after-a-title"),
    ],
)
def test_a_title_after_a_work_noun_is_one_work(text: str, title: str) -> None:
    (result,) = extract([Document("a.txt", text)])
    works = [m.text for m in result.mentions if m.label == "WORK_OF_ART" and " " in m.text]
    assert works == ([title] if title else [])


def test_a_family_name_two_people_share_is_a_person_though_neither() -> None:
    text = "Ada Lind met Ola Lind. Lind left."
    mentions = [
        Mention("Ada Lind", 0, 8, "PERSON"),
        Mention("Ola Lind", 13, 21, "PERSON"),
        Mention("Lind", 23, 27, "ORG"),
    ]
    resolver = EntityResolver([("a.txt", text, mentions)])
    entity = resolver.entity("a.txt", mentions[2])
    assert entity is not None and (entity.name, entity.kind) == ("Lind", "person")


def test_an_institution_and_its_campus_are_one_name() -> None:
    (result,) = extract([Document("a.txt", "She studied at the University of Halden – Tarsk.")])
    assert "University of Halden – Tarsk" in {m.text for m in result.mentions}
