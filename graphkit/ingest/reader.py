"""Read article files into :class:`ArticleText`: text plus metadata, or a clear error.

Articles are plain text (UTF-8; a UTF-8 or UTF-16 byte-order mark is honoured)
or HTML pages, whose main text, title, date, author and site trafilatura
extracts (navigation, cookie banners, related links and footers never reach the
extractor; a page that declares another charset is decoded with it). Metadata
comes from a sidecar ``NAME.meta.json`` beside the file (``title``,
``source``, ``published``, ``url``), then from the page; without either the
first line is the title. The Article id is the first 12 hex digits of the
text's SHA-256, so the same text always gets the same id.

A folder scan (:func:`scan_paths`) takes article files only: ``.txt``,
``.html`` and ``.htm``, plus whatever ``--glob`` patterns name; the other
files are reported as skipped, with the reason. A file named explicitly is
always read.
"""

from __future__ import annotations

import codecs
import datetime
import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError

#: File endings a folder scan takes as articles (``--glob`` adds more).
ARTICLE_SUFFIXES = (".txt", ".html", ".htm")
#: Sidecars of articles: read with their article, never articles themselves.
SIDECAR_SUFFIX = ".meta.json"
#: Largest article file read (bytes) and text extracted (characters): a news article is
#: tens of kilobytes; a 50 MB "article" is a mistake (a dump, a binary), refused up front.
MAX_FILE_BYTES = 8 * 1024 * 1024
MAX_TEXT_CHARS = 1_000_000
_STOPWORDS = frozenset({
    "the", "of", "and", "to", "in", "a", "is", "that", "for", "on", "with", "as", "was", "by", "at", "from",
    "said", "it", "be", "has", "are", "have", "an", "were", "his", "which", "its", "not", "but", "this",
    "had", "they", "their",
})
#: Elements that are never the article (by HTML's own meaning), pruned before extraction.
_NOT_ARTICLE = ("//nav", "//footer", "//aside", "//header[not(ancestor::article)]")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)


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
    author: str | None = None


def check_date(value: str, where: str) -> str:
    """``value`` if it is a real calendar date written YYYY-MM-DD, else InputError naming ``where``."""
    try:
        if len(value) == 10:
            datetime.date.fromisoformat(value)
            return value
    except ValueError:
        pass
    raise InputError(f"{where}: published date {value!r} is not a date written YYYY-MM-DD")


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


def decode_html(data: bytes, name: str) -> str:
    """Decode an HTML page: as text is decoded, else with the charset its ``<meta>`` declares."""
    try:
        return decode(data, name)
    except InputError:
        found = _CHARSET.search(data[:4096])
        if found is None:
            raise
        charset = found.group(1).decode("ascii")
        try:
            return data.decode(charset)
        except LookupError as e:
            raise InputError(f"{name}: the page declares an unknown charset {charset!r}") from e
        except UnicodeDecodeError as e:
            raise InputError(f"{name}: not valid {charset} text (invalid byte at offset {e.start})") from e


@dataclass
class Page:
    """What trafilatura finds in an HTML page."""

    text: str
    title: str | None = None
    published: str | None = None
    author: str | None = None
    site: str | None = None
    url: str | None = None


def html_page(html: str, name: str = "<html>") -> Page:
    """The main text and metadata of an HTML page, through trafilatura.

    Precision is favoured over recall: navigation, related links, cookie
    notices and footers must not become "statements" in the graph, so the
    page's own navigation, footer and aside elements are pruned before
    trafilatura looks for the article. A page with no main text is an InputError.
    """
    import trafilatura

    found = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=False,
                                        favor_precision=True, prune_xpath=list(_NOT_ARTICLE))
    if found is None or not (found.text or "").strip():
        raise InputError(f"{name}: no article text found in the HTML page")
    date = found.date if isinstance(found.date, str) and len(found.date) == 10 else None
    return Page(found.text, found.title or None, date, found.author or None, found.sitename or found.hostname or None,
                found.url or None)


def html_to_text(html: str) -> tuple[str, str | None]:
    """Return the main text of an HTML page and its title."""
    page = html_page(html)
    return page.text, page.title


def _looks_like_html(path: Path, text: str) -> bool:
    if path.suffix.lower() in (".html", ".htm"):
        return True
    head = text.lstrip()[:200].lower()
    return head.startswith(("<!doctype html", "<html"))


def _refuse_data_files(text: str, name: str) -> None:
    """Refuse JSON and GraphML given to ``load``: a graph (point to ``graphkit import``), a sidecar
    or other JSON data would otherwise be extracted as news text, making nodes of its fragments."""
    head = text.lstrip()[:300]
    if head.startswith(("{", "[")):
        try:
            data = json.loads(text)
        except ValueError:
            return
        if isinstance(data, dict) and "nodes" in data and "relationships" in data:
            raise InputError(f"{name}: is a graph file (Graph JSON), not an article; "
                             f"load it with `graphkit import {name}`")
        what = "an article's sidecar (its metadata)" if name.endswith(SIDECAR_SUFFIX) else "JSON data"
        raise InputError(f"{name}: is {what}, not an article text")
    if head.startswith(("<?xml", "<graphml")) and "<graphml" in text[:2000]:
        raise InputError(f"{name}: is a graph file (GraphML), not an article; load it with `graphkit import {name}`")


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
                      url: str | None = None, author: str | None = None) -> ArticleText:
    """Build an :class:`ArticleText` from text already in memory (used by the API and tests)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(f"{path}: empty article (no text to read)")
    if len(text) > MAX_TEXT_CHARS:
        raise InputError(f"{path}: too long for one article ({len(text):,} characters; the limit is "
                         f"{MAX_TEXT_CHARS:,}); split it into articles")
    if published is not None:
        check_date(str(published), path)
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    if not title:
        title = next(line.strip() for line in text.splitlines() if line.strip())[:200]
    return ArticleText(id=sha[:12], text=text, path=path, sha256=sha, title=title,
                       source=source, published=published, url=url, author=author)


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
    meta = read_meta(p)
    if published is not None:
        check_date(published, str(p))
    elif meta.get("published"):
        check_date(str(meta["published"]), str(p.with_name(p.stem + SIDECAR_SUFFIX)))
    if _looks_like_html(p, data[:300].decode("utf-8", "replace")):
        page = html_page(decode_html(data, str(p)), str(p))
        return article_from_text(
            page.text, str(p),
            title=meta.get("title") or page.title,
            source=meta.get("source") or page.site,
            published=published or meta.get("published") or page.published,
            url=meta.get("url") or page.url,
            author=meta.get("author") or page.author,
        )
    text = decode(data, str(p))
    _refuse_data_files(text, str(p))
    return article_from_text(
        text, str(p),
        title=meta.get("title"),
        source=meta.get("source"),
        published=published or meta.get("published"),
        url=meta.get("url"),
        author=meta.get("author"),
    )


@dataclass
class Scan:
    """The article files a scan found, and the files it passed over with the reason."""

    files: list[Path] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)


def is_article_file(path: Path, globs: Iterable[str] = ()) -> bool:
    """Whether a folder scan takes ``path``: an article ending or a ``--glob`` pattern it matches."""
    return path.suffix.lower() in ARTICLE_SUFFIXES or any(path.match(g) for g in globs)


def scan_paths(paths: Iterable[str | Path], globs: Iterable[str] = ()) -> Scan:
    """Expand files and folders into article files, folders walked in sorted order.

    A folder gives its article files (see :func:`is_article_file`); hidden
    files and folders and the sidecars of its articles are passed over
    silently, every other file is reported in ``skipped`` with the reason. A
    path that does not exist raises :class:`InputError` at once, before any
    work is done, so a typo never half-loads a corpus.
    """
    globs = list(globs)
    scan = Scan()
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            for child in sorted(p.rglob("*")):
                if not child.is_file() or any(part.startswith(".") for part in child.relative_to(p).parts):
                    continue
                if is_article_file(child, globs):
                    scan.files.append(child)
                elif child.name.endswith(SIDECAR_SUFFIX):
                    if not any(child.with_name(child.name[:-len(SIDECAR_SUFFIX)] + s).exists()
                               for s in (*ARTICLE_SUFFIXES, "")):
                        scan.skipped.append((str(child), "a sidecar without its article"))
                else:
                    how = f"name it or add --glob '*{child.suffix}'" if child.suffix else "name it"
                    kind = f"a {child.suffix} file" if child.suffix else "a file without an extension"
                    scan.skipped.append((str(child), f"{kind}, not an article (.txt, .html, .htm); {how} to load it"))
        elif p.exists():
            scan.files.append(p)
        else:
            raise InputError(f"{p}: no such file or folder")
    return scan


def iter_article_paths(paths: list[str | Path], globs: Iterable[str] = ()) -> Iterator[Path]:
    """The article files of :func:`scan_paths` (what ``load`` and ``extract`` read)."""
    yield from scan_paths(paths, globs).files


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
