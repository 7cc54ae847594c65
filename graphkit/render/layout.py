"""Node positions computed in Python, so a big map opens already laid out.

vis-network's in-browser physics is fine for a few hundred nodes and hopeless
for ten thousand, and networkx's ``spring_layout`` needs SciPy above 500 nodes
and is O(n²) per iteration there anyway. This is a ForceAtlas2-style layout in
NumPy. Repulsion is exact for small graphs and, for big ones,
approximated by a grid: each node is pushed away from the centre of mass of
every occupied grid cell, which costs O(n·cells) instead of O(n²) and is
enough for a readable overview. Attraction along edges is exact. A fixed seed
makes the same graph give the same positions (and the same HTML bytes).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

#: Up to this many nodes, repulsion is computed between every pair.
EXACT_REPULSION_MAX = 400
#: Ratio of the drawing's radius to the force scale; larger means edges pull harder (tighter clusters).
BALANCE = 4.0
#: Nodes per chunk when computing grid repulsion, to keep memory at a few tens of MB.
_CHUNK = 2048


def force_layout(n: int, edges: Sequence[tuple[int, int]], *, iterations: int | None = None,
                 seed: int = 7, weights: Sequence[float] | None = None) -> np.ndarray:
    """Positions for nodes ``0..n-1`` joined by ``edges`` (index pairs), as an ``(n, 2)`` array.

    Forces follow ForceAtlas2 (Jacomy et al. 2014), the layout Gephi uses for
    big graphs: attraction grows linearly with edge length, repulsion between
    two nodes is proportional to the product of their degrees + 1 over their
    distance, and gravity has constant strength. Degree-weighted repulsion keeps
    hubs (Articles, capitals) from swallowing their neighbours, and constant
    gravity brings unconnected nodes to the rim of the drawing instead of a far
    ring. Each node moves by its force divided by its mass (degree + 1), capped
    by a cooling temperature. ``weights`` (one per edge) multiply the edges'
    pull: two nodes joined by many facts end up closer than two joined by one.
    The result is centred on 0 with a radius of about ``2 * sqrt(n)``; callers
    scale it to pixels.
    """
    if n == 0:
        return np.zeros((0, 2))
    if n == 1:
        return np.zeros((1, 2))
    if iterations is None:
        iterations = 150 if n <= EXACT_REPULSION_MAX else 60
    rng = np.random.default_rng(seed)
    radius = 2.0 * math.sqrt(n)
    pos = rng.uniform(-radius, radius, size=(n, 2))
    keep = [i for i, (a, b) in enumerate(edges) if a != b]
    pairs = np.asarray([edges[i] for i in keep], dtype=np.int64).reshape(-1, 2)
    pull = np.ones(len(pairs)) if weights is None else np.asarray([weights[i] for i in keep], dtype=float)
    src, dst = pairs[:, 0], pairs[:, 1]
    mass = 1.0 + np.bincount(src, minlength=n) + np.bincount(dst, minlength=n)
    # Scale: a node at the rim feels repulsion of about repel * total_mass / radius from the rest; making
    # that radius / BALANCE, like the pull of an edge a fraction of the drawing long, lets edges shape
    # the drawing (clusters form) instead of repulsion spreading nodes like a gas. Gravity of the same
    # strength holds the rim at ``radius``.
    repel = radius * radius / (BALANCE * float(mass.sum()))
    gravity = radius / BALANCE

    start_temp = radius / 5
    for step in range(iterations):
        force = (_repulsion(pos, mass) if n <= EXACT_REPULSION_MAX
                 else _grid_repulsion(pos, mass, rng.uniform(0, 1, size=2)))
        force *= (repel * mass)[:, None]
        if len(pairs):
            delta = (pos[dst] - pos[src]) * pull[:, None]
            for axis in (0, 1):
                force[:, axis] += np.bincount(src, weights=delta[:, axis], minlength=n)
                force[:, axis] -= np.bincount(dst, weights=delta[:, axis], minlength=n)
        dist = np.sqrt((pos ** 2).sum(axis=1))
        force -= pos / np.maximum(dist, 1e-9)[:, None] * (gravity * mass)[:, None]
        disp = force / mass[:, None]
        length = np.sqrt((disp ** 2).sum(axis=1))
        temp = start_temp * (1 - step / iterations) ** 1.5 + 0.02
        scale = np.minimum(length, temp) / np.maximum(length, 1e-9)
        pos += disp * scale[:, None]
    pos = _destack(pos, mass, spacing=radius * math.sqrt(math.pi / n))
    return pos - pos.mean(axis=0)


def _destack(pos: np.ndarray, mass: np.ndarray, spacing: float) -> np.ndarray:
    """Spread nodes that ended up on the same spot into a small sunflower around it.

    The grid treats nodes in one cell as a single mass, so nothing pushes a hub's
    leaves off the hub: they converge onto it and would hide under it. Nodes
    that fall into the same ``spacing / 3`` square are laid out on a golden-angle
    spiral, the best-connected one in the middle.
    """
    step = spacing / 3
    keys = np.floor(pos / step).astype(np.int64)
    _, group, counts = np.unique(keys, axis=0, return_inverse=True, return_counts=True)
    group = group.reshape(-1)
    if counts.max() < 2:
        return pos
    out = pos.copy()
    golden = math.pi * (3 - math.sqrt(5))
    for g in np.flatnonzero(counts > 1):
        members = np.flatnonzero(group == g)
        members = members[np.argsort(-mass[members], kind="stable")]
        centre = pos[members].mean(axis=0)
        rank = np.arange(len(members))
        radius = step * 0.9 * np.sqrt(rank)
        out[members, 0] = centre[0] + radius * np.cos(rank * golden)
        out[members, 1] = centre[1] + radius * np.sin(rank * golden)
    return out


def _repulsion(pos: np.ndarray, mass: np.ndarray) -> np.ndarray:
    """Exact repulsion per unit of a node's own mass: the sum of ``mass_j / d`` away from every node j."""
    dx = pos[:, 0:1] - pos[None, :, 0]
    dy = pos[:, 1:2] - pos[None, :, 1]
    weight = mass[None, :] / (dx * dx + dy * dy + 1e-2)
    return np.stack([(dx * weight).sum(axis=1), (dy * weight).sum(axis=1)], axis=1)


def _grid_repulsion(pos: np.ndarray, mass: np.ndarray, shift: np.ndarray) -> np.ndarray:
    """:func:`_repulsion` with every other node replaced by the centre of mass of its grid cell.

    ``shift`` (fractions of a cell) moves the grid each iteration so its cell
    borders do not print as lines into the drawing.
    """
    n = len(pos)
    cells_per_side = max(8, min(24, int(math.sqrt(n) / 3)))
    span = np.maximum(pos.max(axis=0) - pos.min(axis=0), 1e-9) * (1 + 1 / cells_per_side)
    low = pos.min(axis=0) - shift * span / cells_per_side
    cell = np.minimum((pos - low) / span * cells_per_side, cells_per_side - 1).astype(np.int64)
    cell_id = cell[:, 0] * cells_per_side + cell[:, 1]
    count = cells_per_side * cells_per_side
    cell_mass = np.bincount(cell_id, weights=mass, minlength=count)
    used = cell_mass > 0
    centre = np.stack([np.bincount(cell_id, weights=pos[:, axis] * mass, minlength=count)[used]
                       for axis in (0, 1)], axis=1) / cell_mass[used][:, None]
    cell_mass = cell_mass[used]
    soften = (float(span.max()) / cells_per_side * 0.25) ** 2
    out = np.empty_like(pos)
    centre32 = centre.astype(np.float32)
    mass32 = cell_mass.astype(np.float32)
    for lo in range(0, n, _CHUNK):
        chunk = pos[lo:lo + _CHUNK].astype(np.float32)
        dx = chunk[:, 0:1] - centre32[None, :, 0]
        dy = chunk[:, 1:2] - centre32[None, :, 1]
        weight = mass32 / (dx * dx + dy * dy + soften)
        out[lo:lo + _CHUNK, 0] = (dx * weight).sum(axis=1)
        out[lo:lo + _CHUNK, 1] = (dy * weight).sum(axis=1)
    return out


def place_around(n: int, shown: Sequence[int], core: np.ndarray, edges: Sequence[tuple[int, int]], *,
                 ring: Sequence[int] = ()) -> np.ndarray:
    """Positions for nodes ``0..n-1`` when only ``shown`` were laid out (``core`` holds their positions).

    Every other node goes to the centre of the shown nodes it is joined to by
    ``edges`` (a statement by its speaker and what it is about, an event by its
    participants); nodes in ``ring`` (articles, joined to everything they
    mention) go to a ring just outside the drawing, at the angle of that centre.
    Nodes that would share a spot are spread by :func:`_destack`, so none hides
    under another. A node joined to no shown node goes to the ring as well.
    """
    pos = np.zeros((n, 2))
    if n == 0:
        return pos
    is_shown = np.zeros(n, dtype=bool)
    is_shown[list(shown)] = True
    pos[list(shown)] = core
    sums = np.zeros((n, 2))
    counts = np.zeros(n)
    for a, b in edges:
        if is_shown[a] and not is_shown[b]:
            sums[b] += pos[a]
            counts[b] += 1
        elif is_shown[b] and not is_shown[a]:
            sums[a] += pos[b]
            counts[a] += 1
    placed = ~is_shown & (counts > 0)
    pos[placed] = sums[placed] / counts[placed][:, None]
    radius = float(np.sqrt((core ** 2).sum(axis=1)).max()) if len(core) else 1.0
    outer = np.zeros(n, dtype=bool)
    outer[list(ring)] = True
    outer |= ~is_shown & (counts == 0)
    outer &= ~is_shown
    angle = np.arctan2(pos[:, 1], pos[:, 0])
    unplaced = outer & (counts == 0)
    angle[unplaced] = np.linspace(0, 2 * math.pi, int(unplaced.sum()), endpoint=False)
    pos[outer, 0] = np.cos(angle[outer]) * radius * 1.12
    pos[outer, 1] = np.sin(angle[outer]) * radius * 1.12
    mass = 1.0 + counts + is_shown * 1000.0  # a shown node keeps its spot; the others spread around it
    spacing = max(radius, 1.0) * math.sqrt(math.pi / max(len(shown), 1))
    return _destack(pos, mass, spacing=spacing)


def separate_labels(pos: np.ndarray, widths: Sequence[float], heights: Sequence[float], *,
                    rounds: int = 60) -> np.ndarray:
    """Move nodes apart until the boxes of their labels (centred on the node, ``widths`` by ``heights``,
    in the units of ``pos``) no longer overlap, or ``rounds`` are done.

    Each round pushes every overlapping pair apart along the axis where they
    overlap least, each by half, which is the smallest move that clears them;
    a map of a few dozen labelled nodes clears in a few rounds. Pairwise, so
    meant for maps whose labels are all drawn (up to a few hundred nodes).
    """
    n = len(pos)
    if n < 2 or n > 600:
        return pos
    out = pos.astype(float).copy()
    half_w = np.asarray(widths, dtype=float) / 2
    half_h = np.asarray(heights, dtype=float) / 2
    need_x = half_w[:, None] + half_w[None, :]
    need_y = half_h[:, None] + half_h[None, :]
    upper = np.triu(np.ones((n, n), dtype=bool), 1)
    rng = np.random.default_rng(3)
    for _ in range(rounds):
        dx = out[None, :, 0] - out[:, None, 0]
        dy = out[None, :, 1] - out[:, None, 1]
        over_x = need_x - np.abs(dx)
        over_y = need_y - np.abs(dy)
        clash = (over_x > 0) & (over_y > 0) & upper
        if not clash.any():
            break
        a, b = np.nonzero(clash)
        along_x = over_x[a, b] < over_y[a, b]
        move = np.zeros((len(a), 2))
        sign_x = np.where(dx[a, b] == 0, rng.choice([-1.0, 1.0], len(a)), np.sign(dx[a, b]))
        sign_y = np.where(dy[a, b] == 0, rng.choice([-1.0, 1.0], len(a)), np.sign(dy[a, b]))
        move[along_x, 0] = sign_x[along_x] * (over_x[a, b][along_x] / 2 + 1)
        move[~along_x, 1] = sign_y[~along_x] * (over_y[a, b][~along_x] / 2 + 1)
        shift = np.zeros_like(out)
        np.add.at(shift, b, move * 0.5)
        np.add.at(shift, a, -move * 0.5)
        out += shift
    return out


def separate_groups(pos: np.ndarray, heads: Sequence[int], widths: Sequence[float], heights: Sequence[float],
                    follows: Sequence[int]) -> np.ndarray:
    """:func:`separate_labels` for the nodes ``heads`` alone (their boxes ``widths`` by ``heights``), each
    other node moved along with the head it follows (``follows[i]``: an index into ``heads``, or -1).

    On a big map only the best-connected nodes are labelled at overview; pushing just them apart would
    tear them from the nodes around them, so those move with them.
    """
    if len(heads) < 2:
        return pos
    heads = list(heads)
    moved = separate_labels(pos[heads], widths, heights)
    shift = moved - pos[heads]
    follow = np.asarray(follows, dtype=np.int64)
    out = pos.copy()
    tied = follow >= 0
    out[tied] += shift[follow[tied]]
    out[heads] = moved
    return out
