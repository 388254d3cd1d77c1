"""Text → blocks to parse: paragraphs and headlines, each a sentence boundary; pure string work.

A blank line always ends a sentence, and so does a title line (a short line with no final
punctuation). Headlines written in Title Case are recased before parsing — words the body
never writes with a capital are lowercased — because the small English model tags every
capitalised word as a proper noun. Recasing keeps every character offset.

A block longer than ``MAX_BLOCK`` characters (a whole file with no blank line, say) is cut
into pieces — at a sentence end where there is one, else at whitespace, else anywhere — so
that no text handed to spaCy nears ``nlp.max_length`` (which it refuses) or costs the parser
memory in proportion to the file. Cutting keeps every character offset too.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Final

__all__ = ["MAX_BLOCK", "Block", "split_blocks"]

# Far below spaCy's nlp.max_length (1,000,000): the parser's memory grows with the text.
MAX_BLOCK: Final = 20_000

_BLANK: Final = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_WORD: Final = re.compile(r"[^\W\d_][\w'’-]*")
_END_PUNCT: Final = tuple(".!?:;…\"'”’)")
_TITLE_MAX_WORDS: Final = 25
_SENTENCE_END: Final = re.compile(r"[.!?…][\"'”’)\]]*\s+")
_SPACE: Final = re.compile(r"\s+")
# A parenthesis after a word, without nested ones; biographical when it holds a digit or opens
# with born, died, née.
_ASIDE: Final = re.compile(r"(?<=\w) ?\(([^()\n]{1,300})\)")
_BIOGRAPHICAL: Final = re.compile(r"\s*(born|died|née|nee|b\.|d\.)\s", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Block:
    """A stretch of the document to parse on its own: ``text[start:end]``, maybe recased."""

    start: int
    end: int
    text: str
    headline: bool = False


def _is_title_line(line: str) -> bool:
    stripped = line.strip()
    if not stripped or stripped.endswith(_END_PUNCT):
        return False
    words = _WORD.findall(stripped)
    return 0 < len(words) <= _TITLE_MAX_WORDS


def _is_title_case(line: str) -> bool:
    words = [w for w in _WORD.findall(line) if len(w) > 3]
    return len(words) >= 2 and sum(w[0].isupper() for w in words) >= 0.7 * len(words)


def _body_capitals(text: str) -> set[str]:
    """Words written with a capital inside sentences of running text (likely names)."""
    names = set()
    for match in re.finditer(r"(?<=[^\s.!?\"“])\s+([A-Z][\w'’-]*)", text):
        names.add(match.group(1))
    return names


def _recase(line: str, names: set[str]) -> str:
    def lower(match: re.Match[str]) -> str:
        word = match.group(0)
        if match.start() == 0 or word in names or word.isupper() or not word[0].isupper():
            return word
        lowered = word.lower()
        # Some characters change length when lowercased; keep offsets exact by leaving those.
        return lowered if len(lowered) == len(word) else word

    return _WORD.sub(lower, line)


def split_blocks(text: str) -> list[Block]:
    """Return the paragraphs and title lines of ``text`` with their offsets.

    >>> text = "Big Deal Signed Today\\n\\nA bought B. C sold D."
    >>> [(b.text, b.headline) for b in split_blocks(text)]
    [('Big deal signed today', True), ('A bought B. C sold D.', False)]
    """
    spans = []
    pos = 0
    for match in _BLANK.finditer(text):
        spans.append((pos, match.start()))
        pos = match.end()
    spans.append((pos, len(text)))
    blocks: list[Block] = []
    names: set[str] | None = None
    for start, end in spans:
        chunk = text[start:end]
        line_start = start
        lines = chunk.split("\n")
        # A title line on its own, or a Title Case line heading a paragraph, is its own block;
        # a hard-wrapped line ("Intel grew\nfast.") is not a title.
        while len(lines) > 1 and _is_title_line(lines[0]) and _is_title_case(lines[0]):
            blocks.append(_make_block(text, line_start, line_start + len(lines[0]), True))
            line_start += len(lines[0]) + 1
            lines = lines[1:]
        rest_end = end
        is_title = len(lines) == 1 and _is_title_line(lines[0]) and len(spans) > 1
        blocks.append(_make_block(text, line_start, rest_end, is_title))
    blocks = [b for b in blocks if b.text.strip()]
    if any(b.headline for b in blocks):
        names = _body_capitals(" ".join(b.text for b in blocks if not b.headline))
        blocks = [
            Block(b.start, b.end, _recase(b.text, names), True)
            if b.headline and _is_title_case(b.text)
            else b
            for b in blocks
        ]
    return [part for b in blocks for piece in _cut(b) for part in _set_aside(piece)]


def _set_aside(block: Block) -> list[Block]:
    """Parse a dated parenthesis apart from its sentence: "X (1911 – 1971) was an American
    songwriter" reads as "X was an American songwriter", and "(born 1938 in Bata)" is read
    on its own, each at its own offsets."""
    if block.headline or "(" not in block.text:
        return [block]
    text = block.text
    inner = []
    for match in _ASIDE.finditer(text):
        content = match.group(1)
        if not (any(c.isdigit() for c in content) or _BIOGRAPHICAL.match(content)):
            continue
        text = text[: match.start()] + " " * len(match.group(0)) + text[match.end() :]
        piece = _make_block(block.text, match.start(1), match.end(1), False)
        if piece.text.strip():
            inner.append(Block(block.start + piece.start, block.start + piece.end, piece.text))
    if not inner:
        return [block]
    return [Block(block.start, block.end, text, block.headline), *inner]


def _cut(block: Block) -> list[Block]:
    """Cut a block longer than MAX_BLOCK into pieces of at most MAX_BLOCK characters."""
    text = block.text
    if len(text) <= MAX_BLOCK:
        return [block]
    pieces = []
    begin = 0
    while len(text) - begin > MAX_BLOCK:
        low, high = begin + MAX_BLOCK // 2, begin + MAX_BLOCK
        end = None
        for pattern in (_SENTENCE_END, _SPACE):
            last = None
            for last in pattern.finditer(text, low, high):  # noqa: B007 (runs to the last match)
                pass
            if last is not None:
                end = last.end() if pattern is _SENTENCE_END else last.start()
                break
        if end is None:
            end = high
            # Do not separate a letter from the accents that follow it.
            while end > low and unicodedata.combining(text[end]):
                end -= 1
        pieces.append((begin, end))
        begin = end
    pieces.append((begin, len(text)))
    blocks = []
    for start, end in pieces:
        piece = _make_block(text, start, end, block.headline)
        if piece.text:
            blocks.append(
                Block(
                    block.start + piece.start, block.start + piece.end, piece.text, block.headline
                )
            )
    return blocks


def _make_block(text: str, start: int, end: int, headline: bool) -> Block:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Block(start, end, text[start:end], headline)
