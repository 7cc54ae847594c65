"""Parsing long texts in parts, so that memory stays flat however long an article is.

spaCy's memory grows with the length of the text it parses at once: a 1 MB
article in one piece needs about 3 GB. Here a long text is cut into parts of at
most :data:`PART_CHARS` characters, at a paragraph break where there is one
(else at a sentence end, else at a space), the parts are parsed one after the
other, and ``Doc.from_docs`` joins them into one Doc whose text and character
offsets are those of the whole article, so the rules (which look across
sentences, for "he said" and coreference) see one article as before.
A part boundary is also a sentence boundary: paragraphs start sentences anyway.

:func:`reporting_parts` lets a caller (the CLI's progress display) hear of each
part parsed, without threading a callback through the extractor.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator
from contextvars import ContextVar
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

#: Longest text parsed in one piece: a long news article, a few tens of MB of parser memory.
PART_CHARS = 20_000

_SENTENCE_ENDS = (". ", "? ", "! ", ".\u201d ", '." ')
#: Called with (parts parsed, parts in all) while a text of several parts is parsed.
_on_part: ContextVar[Callable[[int, int], None] | None] = ContextVar("graphkit_on_part", default=None)


@contextlib.contextmanager
def reporting_parts(callback: Callable[[int, int], None]) -> Iterator[None]:
    """Within the block, ``callback(done, total)`` is called after each part of a long text is parsed."""
    token = _on_part.set(callback)
    try:
        yield
    finally:
        _on_part.reset(token)


def split_text(text: str, size: int | None = None) -> list[str]:
    """Cut ``text`` into parts of at most ``size`` (:data:`PART_CHARS`) characters whose concatenation is ``text``.

    Each cut falls after a paragraph break in the second half of the window,
    else after a sentence end (``. `` and the like), else after a space, and
    only where none of those is found, at ``size`` characters exactly.
    """
    size = size or PART_CHARS
    parts: list[str] = []
    start = 0
    while len(text) - start > size:
        end = start + size
        low = start + size // 2
        cut = text.rfind("\n", low, end) + 1
        if not cut:
            ends = [text.rfind(mark, low, end) for mark in _SENTENCE_ENDS]
            cut = max((at + len(mark) for at, mark in zip(ends, _SENTENCE_ENDS, strict=True) if at >= 0), default=0)
        if not cut:
            cut = text.rfind(" ", low, end) + 1 or end
        parts.append(text[start:cut])
        start = cut
    parts.append(text[start:])
    return parts


def parse(nlp: Language, text: str) -> Doc:
    """``nlp(text)``, in parts when the text is long (see the module docstring)."""
    return next(pipe(nlp, [text]))


def pipe(nlp: Language, texts: Iterable[str], batch_size: int = 16) -> Iterator[Doc]:
    """``nlp.pipe(texts)``, one Doc per text, long texts parsed in parts and joined."""
    from spacy.tokens import Doc

    short: list[str] = []
    for text in texts:
        if len(text) <= PART_CHARS:
            short.append(text)
            continue
        yield from _flush(nlp, short, batch_size)
        short = []
        parts = split_text(text)
        report = _on_part.get()
        docs = []
        for i, doc in enumerate(nlp.pipe(parts, batch_size=1), start=1):
            docs.append(doc)
            if report is not None:
                report(i, len(parts))
        yield Doc.from_docs(docs, ensure_whitespace=False)
    yield from _flush(nlp, short, batch_size)


def _flush(nlp: Language, texts: list[str], batch_size: int) -> Iterator[Doc]:
    if texts:
        yield from nlp.pipe(texts, batch_size=batch_size)
