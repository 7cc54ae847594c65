"""Read article files into :class:`ArticleText`: text plus metadata, or a clear error.

Articles are plain text (UTF-8; a UTF-8 or UTF-16 byte-order mark is honoured)
or HTML pages, whose markup is stripped. Metadata comes from a sidecar
``NAME.meta.json`` beside the file (``title``, ``source``, ``published``,
``url``); without one the first line is the title. The Article id is the first
12 hex digits of the text's SHA-256, so the same text always gets the same id.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from ..errors import InputError

#: File endings a folder load picks up.
ARTICLE_SUFFIXES = (".txt", ".text", ".md", ".html", ".htm")
#: Largest article file read (bytes) and text extracted (characters): a news article is
#: tens of kilobytes; a 50 MB "article" is a mistake (a dump, a binary), refused up front.
MAX_FILE_BYTES = 8 * 1024 * 1024
MAX_TEXT_CHARS = 1_000_000
_STOPWORDS = frozenset({
    "the", "of", "and", "to", "in", "a", "is", "that", "for", "on", "with", "as", "was", "by", "at", "from",
    "said", "it", "be", "has", "are", "have", "an", "were", "his", "which", "its", "not", "but", "this",
    "had", "they", "their",
})
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class ArticleText:
    """One article's text and what is known about it."""

    id: str
    text: str
    path: str
    sha256: str
    title: str
    source: str | None = None
    published: str | None = None
    url: str | None = None


def decode(data: bytes, name: str) -> str:
    """Decode article bytes: BOM-marked UTF-16/UTF-8, else strict UTF-8."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as e:
            raise InputError(f"{name}: not valid UTF-16 text ({e.reason} at byte {e.start})") from e
    if b"\x00" in data[:4096]:
        raise InputError(f"{name}: looks like a binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise InputError(f"{name}: not UTF-8 text (invalid byte at offset {e.start}); "
                         "convert it with iconv -t UTF-8") from e


class _TextOnly(HTMLParser):
    """Collect the visible text of an HTML page, one block per line."""

    _SKIP = frozenset({"script", "style", "noscript", "template", "svg", "head"})
    _BLOCK = frozenset({"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr",
                        "section", "article", "header", "footer", "blockquote", "title"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title: str | None = None
        self._skip = 0
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._in_title = True
        elif tag in self._SKIP:
            self._skip += 1
        if tag in self._BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        elif tag in self._SKIP and self._skip:
            self._skip -= 1
        if tag in self._BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title = (self.title or "") + data
        elif not self._skip:
            self.parts.append(data)


def html_to_text(html: str) -> tuple[str, str | None]:
    """Return the visible text of an HTML page and its ``<title>``."""
    parser = _TextOnly()
    parser.feed(html)
    parser.close()
    lines = [re.sub(r"[ \t\r\f\v]+", " ", line).strip() for line in "".join(parser.parts).split("\n")]
    text = "\n".join(line for line in lines if line)
    return text, (parser.title.strip() if parser.title else None)


def _looks_like_html(path: Path, text: str) -> bool:
    if path.suffix.lower() in (".html", ".htm"):
        return True
    head = text.lstrip()[:200].lower()
    return head.startswith(("<!doctype html", "<html"))


def read_meta(path: Path) -> dict[str, str | None]:
    """Read the sidecar ``NAME.meta.json`` of an article, or return ``{}``."""
    meta_path = path.with_name(path.stem + ".meta.json")
    if not meta_path.exists():
        return {}
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise InputError(f"{meta_path}: sidecar is not valid JSON ({e})") from e
    if not isinstance(meta, dict):
        raise InputError(f"{meta_path}: sidecar must be a JSON object")
    return meta


def article_from_text(text: str, path: str = "<text>", *, title: str | None = None,
                      source: str | None = None, published: str | None = None,
                      url: str | None = None) -> ArticleText:
    """Build an :class:`ArticleText` from text already in memory (used by the API and tests)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(f"{path}: empty article (no text to read)")
    if len(text) > MAX_TEXT_CHARS:
        raise InputError(f"{path}: too long for one article ({len(text):,} characters; the limit is "
                         f"{MAX_TEXT_CHARS:,}); split it into articles")
    if published is not None and not _DATE.match(str(published)):
        raise InputError(f"{path}: published date {published!r} is not YYYY-MM-DD")
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    if not title:
        title = next(line.strip() for line in text.splitlines() if line.strip())[:200]
    return ArticleText(id=sha[:12], text=text, path=path, sha256=sha, title=title,
                       source=source, published=published, url=url)


def read_article(path: str | Path, *, published: str | None = None) -> ArticleText:
    """Read one article file; ``published`` (YYYY-MM-DD) overrides the sidecar's date."""
    p = Path(path)
    try:
        size = p.stat().st_size
        if p.is_file() and size > MAX_FILE_BYTES:
            raise InputError(f"{p}: too large for one article ({size / 1e6:.1f} MB; the limit is "
                             f"{MAX_FILE_BYTES / 1e6:.0f} MB)")
        data = p.read_bytes()
    except FileNotFoundError as e:
        raise InputError(f"{p}: no such file") from e
    except IsADirectoryError as e:
        raise InputError(f"{p}: is a folder, not a file") from e
    except PermissionError as e:
        raise InputError(f"{p}: permission denied") from e
    except OSError as e:
        raise InputError(f"{p}: cannot read ({e.strerror})") from e
    text = decode(data, str(p))
    meta = read_meta(p)
    html_title = None
    if _looks_like_html(p, text):
        text, html_title = html_to_text(text)
    return article_from_text(
        text, str(p),
        title=meta.get("title") or html_title,
        source=meta.get("source"),
        published=published or meta.get("published"),
        url=meta.get("url"),
    )


def iter_article_paths(paths: list[str | Path]) -> Iterator[Path]:
    """Expand files and folders into article files, folders walked in sorted order.

    A path that does not exist raises :class:`InputError` at once, before any
    work is done, so a typo never half-loads a corpus.
    """
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            for child in sorted(p.rglob("*")):
                if child.is_file() and child.suffix.lower() in ARTICLE_SUFFIXES \
                        and not child.name.startswith("."):
                    yield child
        elif p.exists():
            yield p
        else:
            raise InputError(f"{p}: no such file or folder")


def looks_english(text: str) -> bool:
    """Whether a text reads as English: enough of its words are common English function words.

    The pipeline and dictionaries are English; other languages give a near-empty
    graph, which deserves a warning rather than silence.
    """
    words = re.findall(r"[A-Za-z]+", text[:20000].lower())
    letters = sum(c.isalpha() for c in text[:20000])
    if letters and len("".join(words)) / letters < 0.5:
        return False
    if len(words) < 20:
        return True
    return sum(w in _STOPWORDS for w in words) / len(words) > 0.08
