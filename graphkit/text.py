"""Text normalisation, written once: the comparison key of names and the slug of ids.

:func:`fold` is how graphkit compares names, everywhere: the name resolver
(``graphkit neighbors Lavrov``, ``--focus``, library query parameters),
the evaluation's matching of entities and key phrases, and the extractor's
matching of surnames. :func:`slugify` makes the ids of named nodes; it is
kept apart because ids are a stored contract: changing it would give the same
person two ids across loads.
"""

from __future__ import annotations

import re
import unicodedata

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'"})
_POSSESSIVE = re.compile(r"'s\b")
_SEPARATORS = re.compile(r"[-\u2010-\u2015_/]")
_PUNCTUATION = re.compile(r"[^\w\s]")
_SPACES = re.compile(r"\s+")


def strip_accents(text: str) -> str:
    """``Élysée`` -> ``Elysee``: decompose and drop the combining marks."""
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c))


def fold(text: str) -> str:
    """The key two spellings of one name share: case, accents, possessives, hyphens,
    punctuation, spacing and a leading ``the`` folded away.

    ``fold("The Kremlin's") == fold("kremlin") == "kremlin"`` and
    ``fold("Kim Jong-Un") == fold("kim jong un")``. It is the shared scorer's
    normalisation, so ``graphkit eval`` gives the scorer's numbers.
    """
    text = strip_accents(str(text)).lower().translate(_APOSTROPHES)
    text = _POSSESSIVE.sub("", text)
    text = _SEPARATORS.sub(" ", text)
    text = _PUNCTUATION.sub("", text)
    text = _SPACES.sub(" ", text).strip()
    return text[4:] if text.startswith("the ") else text


def slugify(text: str) -> str:
    """The id slug of a canonical name: ``Kim Jong Un`` -> ``kim-jong-un``.

    Accents are folded and punctuation dropped so spelling variants that differ
    only in those ways get the same id in every article and every run.
    """
    text = strip_accents(text).lower().replace("'", "").replace("\u2019", "")
    text = re.sub(r"[^a-z0-9]+", "-", text)
    return text.strip("-") or "x"
