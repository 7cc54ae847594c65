"""Writing a file so that readers see the old bytes or the new, never half of either.

The one way graphkit writes a file a user or another process reads (the
embedded store, maps, exports, extractions): the bytes go to a temporary file
in the same folder, are flushed to disk, and the file is renamed over the
target; then the folder is synced so the rename itself survives a crash. A
failure leaves the old file as it was and removes the temporary one.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import OutputError


def atomic_write(path: str | Path, data: str | bytes, *, mode: int = 0o644) -> Path:
    """Replace ``path`` with ``data`` (text is written as UTF-8) atomically; return the path.

    ``mode`` is the new file's permission bits (``mkstemp`` would make it owner-only,
    and stores, maps and exports are meant to be shared). Raises
    :class:`~graphkit.errors.OutputError` naming the path when it cannot be written.
    """
    path = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    tmp: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as f:
            os.fchmod(f.fileno(), mode)
            f.write(payload)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
        tmp = None
        _sync_folder(path.parent)
    except OSError as e:
        raise OutputError(f"cannot write {path}: {e.strerror or e}") from e
    finally:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
    return path


def _sync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (a no-op where folders cannot be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
