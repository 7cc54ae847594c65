"""graphkit's cache of derived data (graphkit/cache.py) and the start-up it shortens.

Real files, real processes: a changed dictionary selects a new entry, a damaged
entry is built again instead of trusted, and processes writing and reading one
entry at once never see half of it.
"""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from graphkit import cache
from graphkit.ingest import geo, roles
from graphkit.ingest.geo import _Index


def _role(name: str) -> str:
    return json.dumps({"label": "Role", "name": name, "title": "President", "rel": "LEADS", "of": "ZZA",
                       "from": "2020-01-01"}) + "\n"


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("GRAPHKIT_CACHE_DIR", str(folder))
    roles.load_roles.cache_clear()
    yield folder
    roles.load_roles.cache_clear()


def _fresh_roles(files: tuple[str, ...]) -> roles.RoleBase:
    """The role base as a new process gets it (the per-process memo cleared)."""
    roles.load_roles.cache_clear()
    return roles.load_roles(files)


def _entries(folder: Path, name: str) -> list[Path]:
    return sorted(folder.glob(f"{name}-*.bin"))


def _summary(base: roles.RoleBase) -> list[tuple[str, list[str], list[str]]]:
    return sorted((p.name, sorted(p.aliases), [f"{t.title}/{t.of}/{t.start}/{t.end}" for t in p.terms])
                  for p in base.people.values())


def test_the_role_base_is_read_back_from_the_cache(cache_dir, tmp_path):
    user = tmp_path / "roles.jsonl"
    user.write_text(_role("Ada Quillfeather"), encoding="utf-8")
    built = _fresh_roles((str(user),))
    [entry] = _entries(cache_dir, "roles")
    payload = cache.read_entry(entry)
    assert payload is not None and isinstance(pickle.loads(payload), roles.RoleBase)

    again = _fresh_roles((str(user),))
    assert again is not built
    assert _summary(again) == _summary(built)
    assert again.person("Ada Quillfeather").terms[0].of == "ZZA"
    assert _entries(cache_dir, "roles") == [entry]


def test_a_changed_dictionary_builds_a_new_entry(cache_dir, tmp_path):
    user = tmp_path / "roles.jsonl"
    user.write_text(_role("Ada Quillfeather"), encoding="utf-8")
    _fresh_roles((str(user),))
    user.write_text(_role("Ben Quillfeather"), encoding="utf-8")
    changed = _fresh_roles((str(user),))
    assert changed.person("Ben Quillfeather") is not None
    assert changed.person("Ada Quillfeather") is None
    assert len(_entries(cache_dir, "roles")) == 2


def test_the_built_in_role_base_from_the_cache_is_the_one_built(cache_dir):
    built = _fresh_roles(())
    assert _entries(cache_dir, "roles")
    cached = _fresh_roles(())
    assert _summary(cached) == _summary(built)
    assert cached.given_names == built.given_names
    assert {k: [p.name for p in v] for k, v in cached._by_token.items()} == \
        {k: [p.name for p in v] for k, v in built._by_token.items()}


@pytest.mark.parametrize("damage", ["truncated", "flipped byte", "empty", "another format", "checks out, no pickle"])
def test_a_damaged_entry_is_built_again(cache_dir, tmp_path, damage):
    user = tmp_path / "roles.jsonl"
    user.write_text(_role("Ada Quillfeather"), encoding="utf-8")
    built = _fresh_roles((str(user),))
    [entry] = _entries(cache_dir, "roles")
    blob = entry.read_bytes()
    if damage == "truncated":
        entry.write_bytes(blob[: len(blob) // 2])
    elif damage == "flipped byte":
        entry.write_bytes(blob[:-100] + bytes([blob[-100] ^ 0xFF]) + blob[-99:])
    elif damage == "empty":
        entry.write_bytes(b"")
    elif damage == "another format":
        entry.write_bytes(pickle.dumps({"not": "a role base"}))
    else:
        assert cache.write_entry(entry, b"these bytes are no pickle")
    assert cache.read_entry(entry) != blob[len(cache.MAGIC) + 32:]

    rebuilt = _fresh_roles((str(user),))
    assert _summary(rebuilt) == _summary(built)
    payload = cache.read_entry(entry)  # written again, whole
    assert payload is not None and _summary(pickle.loads(payload)) == _summary(built)


def test_an_unwritable_cache_folder_costs_a_build_not_a_failure(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("GRAPHKIT_CACHE_DIR", str(blocker / "cache"))
    value = cache.load("thing", cache.digest("inputs"), lambda: b"built", bytes, bytes)
    assert value == b"built"
    assert not (blocker / "cache").exists()


def test_a_town_index_that_is_no_database_is_refused():
    with pytest.raises(ValueError, match="not a town index"):
        _Index(b"SQLite format 3\x00" + b"\x00" * 200)


@pytest.mark.slow
def test_a_damaged_town_index_is_built_again(cache_dir, monkeypatch):
    monkeypatch.setattr(geo, "_INDEX", None)
    assert geo.countries_of("Gori") == ["GEO"]
    [entry] = _entries(cache_dir, "geonames")
    good = cache.read_entry(entry)
    assert cache.write_entry(entry, b"checks out, but is no database")
    monkeypatch.setattr(geo, "_INDEX", None)
    assert geo.countries_of("Melbourne") == ["AUS", "USA"]
    assert cache.read_entry(entry) == good


_WRITER = textwrap.dedent("""
    import sys
    from pathlib import Path
    from graphkit import cache

    path, me = Path(sys.argv[1]), int(sys.argv[2])
    valid = {bytes([n]) * 300_000 for n in range(int(sys.argv[3]))}
    for _ in range(40):
        cache.write_entry(path, bytes([me]) * 300_000)
        got = cache.read_entry(path)
        if got not in valid:
            sys.exit(f"read {'nothing' if got is None else 'a mixed entry'} after a write")
""")


def test_processes_writing_one_entry_at_once_never_leave_half_of_it(tmp_path):
    path = tmp_path / "cache" / "shared-0123.bin"
    count = 4
    procs = [subprocess.Popen([sys.executable, "-c", _WRITER, str(path), str(n), str(count)],
                              stderr=subprocess.PIPE, text=True) for n in range(count)]
    errors = [p.communicate(timeout=120)[1] for p in procs]
    assert [p.returncode for p in procs] == [0] * count, errors
    assert cache.read_entry(path) in {bytes([n]) * 300_000 for n in range(count)}
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temporary files left


@pytest.mark.slow
def test_processes_building_the_role_base_at_once_agree(tmp_path):
    script = ("from graphkit.ingest.roles import load_roles; b = load_roles(); "
              "print(len(b.people), len(b._by_form), len(b._by_token))")
    env = {"GRAPHKIT_CACHE_DIR": str(tmp_path / "cache")}
    procs = [subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True, env={**os.environ, **env}) for _ in range(3)]
    outs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0], [o[1][-300:] for o in outs]
    assert len({o[0] for o in outs}) == 1 and outs[0][0].split()[0] != "0"
    [entry] = _entries(tmp_path / "cache", "roles")
    assert isinstance(pickle.loads(cache.read_entry(entry)), roles.RoleBase)
