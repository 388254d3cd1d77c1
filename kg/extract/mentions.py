"""Entity mentions in a parsed sentence: spaCy's NER plus the proper-noun chunks it misses.

Works on spaCy ``Doc``/``Span`` objects and returns token-index ranges; turning them into
model values with document offsets is the caller's job.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from spacy.tokens import Doc, Token

__all__ = ["DEMONYMS", "TITLES", "TokenMention", "demonym_country", "find_mentions", "mention_index"]

# Entity types that are quantities or times, not things a graph should have a node for.
_NUMERIC: Final = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"})
_LEADING_DROP: Final = frozenset({"the", "a", "an", "this", "that", "these", "those"})

# Demonyms used as modifiers ("Chinese tech firm Baidu") and the country they name.
DEMONYMS: Final[dict[str, str]] = {
    "american": "United States", "argentine": "Argentina", "australian": "Australia",
    "austrian": "Austria", "belgian": "Belgium", "brazilian": "Brazil", "british": "United Kingdom",
    "canadian": "Canada", "chilean": "Chile", "chinese": "China", "czech": "Czech Republic",
    "danish": "Denmark", "dutch": "Netherlands", "egyptian": "Egypt", "emirati": "United Arab Emirates",
    "estonian": "Estonia", "finnish": "Finland", "french": "France", "german": "Germany",
    "greek": "Greece", "hungarian": "Hungary", "indian": "India", "indonesian": "Indonesia",
    "iranian": "Iran", "iraqi": "Iraq", "irish": "Ireland", "israeli": "Israel", "italian": "Italy",
    "japanese": "Japan", "kenyan": "Kenya", "korean": "Korea", "malaysian": "Malaysia",
    "mexican": "Mexico", "nigerian": "Nigeria", "norwegian": "Norway", "pakistani": "Pakistan",
    "polish": "Poland", "portuguese": "Portugal", "qatari": "Qatar", "romanian": "Romania",
    "russian": "Russia", "saudi": "Saudi Arabia", "singaporean": "Singapore",
    "south african": "South Africa", "south korean": "South Korea", "north korean": "North Korea",
    "spanish": "Spain", "swedish": "Sweden", "swiss": "Switzerland", "taiwanese": "Taiwan",
    "thai": "Thailand", "turkish": "Turkey", "ukrainian": "Ukraine", "vietnamese": "Vietnam",
}

# Titles and roles that precede or describe a person's name ("President", "CEO").
TITLES: Final = frozenset(
    {"president", "vice-president", "minister", "premier", "chancellor", "king", "queen",
     "prince", "ceo", "cto", "cfo", "coo", "chairman", "chairwoman", "chair", "founder",
     "co-founder", "director", "governor", "mayor", "leader", "secretary", "ambassador",
     "spokesman", "spokeswoman", "spokesperson", "chief", "head", "executive", "emperor",
     "general", "senator", "commissioner", "envoy", "boss", "owner"}
)


@dataclass(frozen=True, slots=True)
class TokenMention:
    """A mention as a token range ``[start, end)`` of its Doc, with its NER label ("" if none)."""

    start: int
    end: int
    label: str


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    while start < end and (
        doc[start].lower_ in _LEADING_DROP or doc[start].is_punct or doc[start].is_space
    ):
        start += 1
    while end > start and (
        doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct or doc[end - 1].is_space
    ):
        end -= 1
    return start, end


def _name_token(token: Token, taken: list[bool]) -> bool:
    # Titles ("President") and demonyms ("Russian") modify names; they are not names.
    return (
        token.pos_ == "PROPN"
        and not taken[token.i]
        and token.lower_ not in TITLES
        and token.lower_ not in DEMONYMS
    )


def _propn_chunks(doc: Doc, taken: list[bool]) -> list[TokenMention]:
    """Runs of proper nouns not covered by NER: names the small model does not know."""
    found = []
    i = 0
    while i < len(doc):
        if _name_token(doc[i], taken):
            j = i + 1
            while j < len(doc) and _name_token(doc[j], taken):
                j += 1
            start, end = _trim(doc, i, j)
            if start < end and any(t.is_alpha or t.like_num for t in doc[start:end]):
                found.append(TokenMention(start, end, ""))
            i = j
        else:
            i += 1
    return found


def find_mentions(doc: Doc) -> list[TokenMention]:
    """Return the entity mentions of ``doc`` in text order, without overlaps.

    Quantities and dates are left out; leading determiners and a trailing possessive are
    trimmed ("the South China Sea's" → "South China Sea").
    """
    mentions = []
    taken = [False] * len(doc)
    for ent in doc.ents:
        if ent.label_ in _NUMERIC:
            continue
        start, end = _trim(doc, ent.start, ent.end)
        if start >= end:
            continue
        mentions.append(TokenMention(start, end, ent.label_))
        for k in range(start, end):
            taken[k] = True
    mentions.extend(_propn_chunks(doc, taken))
    mentions.sort(key=lambda m: m.start)
    return mentions


def mention_index(doc: Doc, mentions: list[TokenMention]) -> list[TokenMention | None]:
    """Return, for each token of ``doc``, the mention covering it (or None)."""
    index: list[TokenMention | None] = [None] * len(doc)
    for mention in mentions:
        for k in range(mention.start, mention.end):
            index[k] = mention
    return index


def demonym_country(token: Token) -> str | None:
    """Return the country a demonym token names ("Chinese" → "China"), or None."""
    return DEMONYMS.get(token.lower_)
