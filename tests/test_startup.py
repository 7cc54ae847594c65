"""Loading the spaCy pipeline the short way gives the pipeline the long way gives.

graphkit reads the model's saved tokenizer into an empty one, with its extra infix
already in the patterns, instead of letting spaCy build the default tokenizer, load
the model's over it and then rebuilding it for the infix (graphkit/ingest/nlp.py).
"""

from __future__ import annotations

import re

import spacy
from spacy.util import compile_infix_regex

from graphkit.ingest.nlp import _ABBREVIATION_HYPHEN, DEFAULT_MODELS, load_model


def _installed() -> str:
    return next(name for name in DEFAULT_MODELS if spacy.util.is_package(name))


def test_the_tokenizer_is_the_one_spacy_loads_with_the_infix_set_after():
    name = _installed()
    fast = load_model(name, infixes=(_ABBREVIATION_HYPHEN,))
    slow = spacy.load(name, exclude=["senter"])
    slow.tokenizer.infix_finditer = re.compile(
        compile_infix_regex([*slow.Defaults.infixes, _ABBREVIATION_HYPHEN]).pattern).finditer
    assert fast.pipe_names == slow.pipe_names
    assert fast.tokenizer.to_bytes(exclude=["vocab"]) == slow.tokenizer.to_bytes(exclude=["vocab"])
    text = "The U.S.-backed plan, which U.N.-brokered talks can't save, isn't Turkey-backed."
    assert [t.text for t in fast.make_doc(text)] == [t.text for t in slow.make_doc(text)]
    assert "backed" in [t.text for t in fast.make_doc(text)][:5]


def test_without_infixes_the_tokenizer_is_the_models_own():
    name = _installed()
    assert load_model(name).tokenizer.to_bytes(exclude=["vocab"]) == \
        spacy.load(name, exclude=["senter"]).tokenizer.to_bytes(exclude=["vocab"])
