"""Article text as published, made ready for parsing: what is not the story is blanked out.

Published news carries text that is not the article's: credit lines (``Reporting
by ...; Editing by ...``), bylines, photo captions and their credits
(``REUTERS/...``, ``(Image: AP)``), ``Related:`` and ``Read more:`` lines, copyright
and trust-principle boilerplate. Mined as text, they turn reporters into Persons
and captions into facts. (A credit inside a sentence, ``(Image: AP)``, stays:
it names the agency, and nothing is read from it.) Wire copy also arrives hard-wrapped, a line
break every 60-odd characters, which the pipeline would read as sentence breaks.

:func:`prepare` returns a text of exactly the same length as the input, so every
character offset the rules record (evidence, statement spans) still points into
the article as read: noise is overwritten with spaces (its line breaks kept),
a wrapped line break becomes a space, and a wire dateline (``SEOUL, Aug. 22 (Reuters)
—``) keeps its place and its agency, set apart from the lede as a line of its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

#: Whole lines that are not article text. Each pattern is tried against a stripped line.
_NOISE_LINES = [re.compile(p) for p in (
    # credit lines, alone or several joined by semicolons, in parentheses or not
    r"(?i)^\(?\s*(additional |further )?(reporting|writing|editing|edited|compiled|research|graphics|"
    r"translation|translated|produced|fact-checked|reported|photos?|video|text) (by|from)\b",
    r"(?i);\s*(additional reporting|writing|editing|edited) by\b",
    # bylines: "By Jane Doe", "by Jane Doe and John Roe, Reuters", "By DANIEL ORTIZ"
    r"^[Bb][Yy]\s+(?:[A-Z][\w.'\u2019-]*\s*){1,4}(?:(?:,|and|&|with)\s*(?:[A-Z][\w.'\u2019-]*\s*){1,4})*"
    r"(?:\s+in\s+[A-Z][\w .'-]+)?(?:,\s*[\w .]+)?$",
    # the agency of a byline, on a line of its own
    r"^(?:The )?(?:Associated Press|Reuters|AFP|Agence France-Presse|Bloomberg|AP|Xinhua|Kyodo|Yonhap|"
    r"dpa|UPI|Tass|TASS|Anadolu|CNN|BBC News)(?: (?:News|Staff|Writer|Correspondent))?$",
    # "Associated Press writer Jane Doe in Washington contributed to this report."
    r"(?i)\bcontributed (?:to )?(?:this |the )?(?:report|reporting|story|article)\b",
    # photo captions and their credits
    r"^(?:FILE PHOTO|FILE|PHOTO|Photo|Picture|Image|Caption|Pictured|Photograph)\s*[:|\u2014\u2013-]",
    r"\b(?:REUTERS|Reuters|AP Photo|AFP|EPA|Getty Images|Anadolu|Xinhua|Sputnik|Pool|POOL)\s*/\s*[A-Z]",
    r"(?i)\b(?:via Getty Images|Getty Images|Photograph:|Photo credit|Image credit)\b",
    r"(?i)\((?:photo|picture|image)s? by [^)]*\)",
    # pointers to other stories and site furniture
    r"(?i)^(?:related|read more|more|see also|also read|recommended|further reading|related coverage|"
    r"related stories|related articles|watch|listen|explainer|factbox|live updates?)\s*[:|\u2014-]",
    r"^(?:RELATED|READ MORE|ALSO READ|WATCH|LISTEN|SEE ALSO|MORE)\b",
    r"(?i)^(?:sign up|subscribe|follow (?:us|\w+ on)|click here|share this|advertisement|contact us|"
    r"cookie|we use cookies|our standards|all rights reserved)\b",
    r"(?i)the thomson reuters trust principles|all rights reserved|^\u00a9|^copyright\b",
    # datelines of the page itself and corrections notes
    r"(?i)^(?:published|updated|last updated|posted)\b[^.]{0,60}$",
    r"(?i)^\d{1,2}:\d{2}\s*(?:a\.?m\.?|p\.?m\.?)\b.{0,40}$",
    r"(?i)^\((?:corrects|updates|adds|recasts|refiles|repeats)\b",
    r"(?i)^\((?:with|including) (?:agency )?inputs?\b.*\)$",
    r"(?i)^\(with (?:additional )?(?:reporting|inputs?) (?:from|by)\b.*\)$",
)]
#: A wire dateline opening a paragraph: "SEOUL, Aug. 22 (Reuters) -", "KYIV, Ukraine (AP) —",
#: "WASHINGTON, July 12 —", "LONDON/PARIS (Reuters) -", "Beijing, March 3 (Xinhua) --".
_DATELINE = re.compile(
    r"^(?P<place>(?:[A-Z][A-Z'\u2019.-]+(?:[ /][A-Z][A-Z'\u2019.-]+)*)"
    r"|(?:[A-Z][a-z]+(?: [A-Z][a-z]+)*(?=[^\n]{0,30}\([A-Za-z][^)]{0,30}\))))"
    r"(?P<rest>(?:,\s*[A-Z][A-Za-z.]+(?:\s[A-Z][A-Za-z.]+)*)?"
    r"(?:,?\s*(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}(?:,\s*\d{4})?)?"
    r"\s*(?:\([A-Za-z][A-Za-z .&'-]{0,30}\))?\s*)"
    r"(?P<dash>\u2014|\u2013|--|-)\s", re.MULTILINE)
#: Words a sentence does not end on: a line ending with one runs on.
_RUNS_ON = frozenset({"the", "a", "an", "of", "to", "in", "on", "at", "by", "for", "with", "from", "and", "or",
                      "but", "that", "which", "who", "his", "her", "its", "their", "as", "than"})
_TERMINAL = ('.', '?', '!', '"', '\u201d', "'", '\u2019', ':', ')')


@dataclass
class Prepared:
    """The parse-ready text (same length as the article's) and where its datelines name a place."""

    text: str
    #: (start, end) character spans of dateline places ("Seoul" of "SEOUL, Aug. 22 —")
    datelines: list[tuple[int, int]] = field(default_factory=list)
    #: (start, end) spans blanked out as not article text
    removed: list[tuple[int, int]] = field(default_factory=list)


def _blank(chars: list[str], start: int, end: int) -> None:
    for i in range(start, end):
        if chars[i] != "\n":
            chars[i] = " "


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line, end excluding the line break."""
    out = []
    pos = 0
    for line in text.split("\n"):
        out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def is_noise_line(line: str) -> bool:
    """Whether a whole line is a credit, byline, caption, pointer or boilerplate, not article text."""
    s = line.strip()
    if not s:
        return False
    return any(p.search(s) for p in _NOISE_LINES)


def _wrapped(text: str, spans: list[tuple[int, int]]) -> int | None:
    """The wrap width when the text is hard-wrapped (most lines inside paragraphs end near one
    width), else None."""
    inner = [e - s for k, (s, e) in enumerate(spans[:-1])
             if e > s and spans[k + 1][1] > spans[k + 1][0]]
    if len(inner) < 3:
        # a short text: wrapped when every line inside a paragraph is long and runs on
        lines = [text[s:e].rstrip() for k, (s, e) in enumerate(spans[:-1])
                 if e > s and spans[k + 1][1] > spans[k + 1][0]]
        runs_on = lines and all(len(x) >= 40 and not x.endswith(_TERMINAL) for x in lines)
        return max(len(x) for x in lines) + 1 if runs_on else None
    lengths = sorted(e - s for s, e in spans if e > s)
    width = lengths[int(0.9 * (len(lengths) - 1))]
    if width > 110 or width < 30:
        return None
    near = sum(1 for n in inner if width - 25 <= n <= width)
    return width if near >= 0.7 * len(inner) else None


def prepare(text: str) -> Prepared:
    """Blank what is not the article and join hard-wrapped lines, keeping every offset."""
    chars = list(text)
    spans = _lines(text)
    out = Prepared(text)
    noise = [is_noise_line(text[s:e]) for s, e in spans]
    # A credit block wrapped over several lines: "(Reporting by ...; Additional reporting by" goes on
    # until its parenthesis closes or its last "by" gets its name.
    for k in range(len(spans) - 1):
        line = text[spans[k][0]:spans[k][1]].rstrip()
        if noise[k] and not noise[k + 1] and text[spans[k + 1][0]:spans[k + 1][1]].strip() and (
                line.count("(") > line.count(")") or re.search(r"(?i)(\bby|;|,|\band)$", line)):
            noise[k + 1] = True
    for (s, e), bad in zip(spans, noise, strict=True):
        if bad:
            _blank(chars, s, e)
            out.removed.append((s, e))
    width = _wrapped(text, [sp for sp, bad in zip(spans, noise, strict=True) if not bad])
    for k in range(len(spans) - 1):
        (s, e), (s2, e2) = spans[k], spans[k + 1]
        if noise[k] or noise[k + 1] or e == s or e2 == s2:
            continue
        line, nxt = text[s:e].rstrip(), text[s2:e2].lstrip()
        if not line or not nxt:
            continue
        if width is not None:
            # A paragraph ends on a short line that closes a sentence; every other break is a wrap.
            join = not (len(line) < width - 25 and line.endswith(_TERMINAL)) and not _starts_item(nxt)
        else:
            # Unwrapped text: a break in the middle of a sentence ("... who was\nelected ...").
            join = len(line) > 40 and not line.endswith(_TERMINAL) and (
                nxt[:1].islower() or line.rsplit(" ", 1)[-1].lower() in _RUNS_ON)
        if join:
            chars[e] = " "
    _datelines(text, spans, noise, chars, out)
    out.text = "".join(chars)
    return out


def _starts_item(line: str) -> bool:
    return line[:1] in ("-", "*", "\u2022") or bool(re.match(r"\d+[.)] ", line))


def _datelines(text: str, spans: list[tuple[int, int]], noise: list[bool], chars: list[str],
               out: Prepared) -> None:
    """Keep a dateline's place, title-cased, as a line of its own; blank its date and agency."""
    for k, (s, e) in enumerate(spans):
        if noise[k] or (k > 0 and spans[k - 1][1] > spans[k - 1][0] and chars[spans[k - 1][1]] == " "):
            continue  # not the start of a paragraph
        m = _DATELINE.match(text, s, e)
        if m is None or len(text[m.end():e].strip()) < 20:
            continue
        rest = m.group("rest")
        if not (re.search(r"\d|\(", rest) or (m.group("place").isupper() and m.group("dash") != "-")):
            continue  # "NATO - the alliance ...": a dateline has a date, an agency or an em dash
        p0, p1 = m.span("place")
        if not any(w.isalpha() and len(w) > 1 for w in re.split(r"[ /]", text[p0:p1])):
            _blank(chars, p0, m.end())
            out.removed.append((p0, m.end()))
            continue
        # "TRIPOLI/PARIS": each place its own name; "KRANJ, Slovenia": the region stays, it says where.
        pos = p0
        for part in re.split(r"(/)", text[p0:p1]):
            if part == "/":
                chars[pos] = ","
            else:
                words = re.split(r"( )", part)
                chars[pos:pos + len(part)] = list("".join(w[:1] + w[1:].lower() if w.isupper() else w
                                                          for w in words))
                out.datelines.append((pos, pos + len(part)))
            pos += len(part)
        keep = re.match(r",\s*[A-Z][A-Za-z.]+(?:\s[A-Z][A-Za-z.]+)*", text[p1:m.end()])
        region_end = p1 + (keep.end() if keep and not re.match(
            r",?\s*(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d", text[p1:m.end()])
            else 0)
        _blank(chars, region_end, m.end())
        agency = re.search(r"\([A-Za-z][A-Za-z .&'-]{0,30}\)", text[region_end:m.end()])
        if agency is not None:
            # "(Reuters)", "(AP)": the agency that filed it is named, as a caption credit is.
            a0 = region_end + agency.start()
            chars[a0:a0 + len(agency.group(0))] = list(agency.group(0))
        chars[m.start("dash")] = "\n"
        out.removed.append((region_end, m.end()))
