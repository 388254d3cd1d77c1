"""Hand-built spaCy parses for rule tests, so they never change when the model does.

A parse is written one token per item as ``word/TAG/dep/head`` (head is a token index;
``/lemma`` may follow; a trailing ``+`` means no space after the token), e.g.
``"Intel/NNP/nsubj/1 partnered/VBD/ROOT/1 with/IN/prep/1 Samsung/NNP/pobj/2"``. The coarse POS
comes from the tag; ``TAG:POS`` overrides it.
"""

from __future__ import annotations

from spacy.tokens import Doc
from spacy.vocab import Vocab

_POS = {
    "NNP": "PROPN",
    "NNPS": "PROPN",
    "NN": "NOUN",
    "NNS": "NOUN",
    "VB": "VERB",
    "VBD": "VERB",
    "VBZ": "VERB",
    "VBP": "VERB",
    "VBN": "VERB",
    "VBG": "VERB",
    "MD": "AUX",
    "IN": "ADP",
    "DT": "DET",
    "PRP": "PRON",
    "PRP$": "PRON",
    "JJ": "ADJ",
    "RB": "ADV",
    "CC": "CCONJ",
    "TO": "PART",
    "POS": "PART",
    "WDT": "PRON",
    "WP": "PRON",
    "CD": "NUM",
    ".": "PUNCT",
    ",": "PUNCT",
    "RP": "ADP",
    "HYPH": "PUNCT",
}


def parse(vocab: Vocab, spec: str, ents: list[tuple[int, int, str]] = ()) -> Doc:  # type: ignore[assignment]
    """Return a Doc with the tags, dependencies and entities written in ``spec``."""
    words, tags, pos, deps, heads, lemmas, spaces = [], [], [], [], [], [], []
    for item in spec.split():
        # A token written with a trailing "+" has no space after it ("Faure+ -+ Favier").
        spaces.append(not item.endswith("+"))
        parts = item.removesuffix("+").split("/")
        word, tag, dep, head = parts[:4]
        default_lemma = word if tag in {"NNP", "NNPS"} else word.lower()
        lemma = parts[4] if len(parts) > 4 else default_lemma
        tag, _, coarse = tag.partition(":")
        words.append(word)
        tags.append(tag)
        pos.append(coarse or _POS.get(tag, "X"))
        deps.append(dep)
        heads.append(int(head))
        lemmas.append(lemma)
    doc = Doc(
        vocab,
        words=words,
        spaces=spaces,
        tags=tags,
        pos=pos,
        deps=deps,
        heads=heads,
        lemmas=lemmas,
        ents=None,
    )
    doc.ents = [
        doc.char_span(doc[s].idx, doc[e - 1].idx + len(doc[e - 1]), label=label)
        for s, e, label in ents
    ]
    return doc
