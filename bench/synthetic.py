"""Synthetic municipal data for benchmarks: a jittered grid of parcels in blocks separated by roads,
and households (2 per parcel by default) placed inside their parcel or on the road in front of it,
with their true parcel recorded so that link accuracy and confidence calibration can be measured."""

from __future__ import annotations

import numpy as np

PARCEL = 20.0  # m, nominal parcel side
ROAD = 8.0  # m, road between blocks
BLOCK = 5  # parcels per block side
ORIGIN = (420000.0, 1610000.0)  # UTM 48N, near Prue Yai


def make_parcels(n_parcels: int, seed: int = 1):
    """Polygons (shapely array), ids, codes; about n_parcels parcels."""
    import shapely

    rng = np.random.default_rng(seed)
    side = int(np.ceil(np.sqrt(n_parcels)))
    i, j = np.divmod(np.arange(side * side), side)
    i, j = i[:n_parcels], j[:n_parcels]
    x0 = ORIGIN[0] + j * PARCEL + (j // BLOCK) * ROAD
    y0 = ORIGIN[1] + i * PARCEL + (i // BLOCK) * ROAD
    jit = rng.uniform(-1.5, 1.5, size=(n_parcels, 4, 2))
    # shared corners would need a mesh; jitter each parcel inward only so neighbours never overlap
    jit = np.abs(jit) * np.array([[1, 1], [-1, 1], [-1, -1], [1, -1]])
    corners = np.stack([
        np.stack([x0, y0], -1), np.stack([x0 + PARCEL, y0], -1),
        np.stack([x0 + PARCEL, y0 + PARCEL], -1), np.stack([x0, y0 + PARCEL], -1),
    ], axis=1) + jit  # fmt: skip
    rings = np.concatenate([corners, corners[:, :1]], axis=1)
    polys = shapely.polygons(rings)
    ids = np.array([f"p{k:07d}" for k in range(n_parcels)], dtype=object)
    codes = np.array(
        [f"{(k // 10000) % 100:02d}{chr(65 + (k // 1000) % 26)}{k % 1000:03d}" for k in range(n_parcels)], dtype=object
    )
    return polys, ids, codes, (x0, y0)


def make_households(
    polys, origins, per_parcel: int = 2, gate_share: float = 0.3, gps_sigma: float = 2.0, seed: int = 2
):
    """Points and the index of their true parcel.

    Each household's house stands somewhere inside its parcel and is surveyed with handheld-GPS error
    (Gaussian, ``gps_sigma`` metres). Parcels on the lower edge of a block face a road; there a share
    of the points was taken at the gate, on the road 0.5–4 m in front of the parcel.
    """
    import shapely

    rng = np.random.default_rng(seed)
    n = len(polys) * per_parcel
    truth = np.repeat(np.arange(len(polys)), per_parcel)
    x0, y0 = origins
    x = x0[truth] + rng.uniform(2, PARCEL - 2, n) + rng.normal(0, gps_sigma, n)
    y = y0[truth] + rng.uniform(2, PARCEL - 2, n) + rng.normal(0, gps_sigma, n)
    row = np.round((y0[truth] - ORIGIN[1]) / PARCEL).astype(int)  # approximate row (road gaps are small)
    faces_road = ((y0[truth] - ORIGIN[1] - (row // BLOCK) * ROAD) / PARCEL).round().astype(int) % BLOCK == 0
    gate = faces_road & (rng.random(n) < gate_share)
    y = np.where(gate, y0[truth] - rng.uniform(0.5, 4.0, n), y)
    pts = shapely.points(x, y)
    return pts, truth
