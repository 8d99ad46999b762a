"""Real Prue Yai parcels (shared/data) as pushed changes: geometry reprojected to the municipality's
EPSG:32648 and sent as WKB, the way the sync client will send them."""

from __future__ import annotations

import base64
import json
import uuid
from functools import lru_cache
from pathlib import Path

import shapely
from pyproj import Transformer
from shapely.geometry import shape

SHARED = Path(__file__).resolve().parents[3] / "shared" / "data"


@lru_cache(maxsize=1)
def prueyai_parcels(n: int = 60) -> list[dict]:
    """The first ``n`` real parcels as (values, geom) for an insert; synthetic squares without shared/."""
    path = SHARED / "prueyai" / "parcel.geojson"
    to_utm = Transformer.from_crs(4326, 32648, always_xy=True)
    out = []
    if path.exists():
        feats = json.loads(path.read_text(encoding="utf-8"))["features"][:n]
        for f in feats:
            g = shapely.transform(shape(f["geometry"]), lambda xy: list(zip(*to_utm.transform(*xy.T), strict=True)))
            p = f["properties"]
            values = {"parcel_code": p.get("parcel_code"), "zone": p.get("zone"), "block": p.get("block"),
                      "lot": str(p.get("lot")) if p.get("lot") is not None else None, "area_sqm": round(g.area, 2),
                      "source": "prueyai tax map"}  # fmt: skip
            out.append((values, g))
    else:  # pragma: no cover - shared/ is there in CI
        for i in range(n):
            g = shapely.MultiPolygon([shapely.box(500000 + i * 50, 1600000, 500040 + i * 50, 1600040)])
            out.append(({"parcel_code": f"01A{i:03d}", "area_sqm": 1600.0}, g))
    return out


def wkb(g, srid: int = 32648) -> dict:
    return {"wkb": base64.b64encode(shapely.to_wkb(g)).decode(), "srid": srid}


def insert(layer: str, values: dict, geom=None, fid: str | None = None) -> dict:
    c = {"change_id": uuid.uuid4().hex, "layer": layer, "uuid": fid or str(uuid.uuid4()), "op": "insert",
         "base_version": 0, "values": values}  # fmt: skip
    if geom is not None:
        c["geom"] = wkb(geom)
    return c


def update(layer: str, fid: str, base: int, values: dict, geom=None) -> dict:
    c = {"change_id": uuid.uuid4().hex, "layer": layer, "uuid": fid, "op": "update", "base_version": base,
         "values": values}  # fmt: skip
    if geom is not None:
        c["geom"] = wkb(geom)
    return c


def delete(layer: str, fid: str, base: int) -> dict:
    return {"change_id": uuid.uuid4().hex, "layer": layer, "uuid": fid, "op": "delete", "base_version": base}


def push(client, changes: list[dict], key: str | None = None):
    headers = {"Idempotency-Key": key} if key else {}
    return client.post("push", json={"changes": changes}, headers=headers)


def pull_all(client, since: int = 0, limit: int = 500) -> tuple[list[dict], int, int]:
    """Every change after ``since`` page by page: (changes, final cursor, pages)."""
    got, pages = [], 0
    while True:
        r = client.get("changes", params={"since": since, "limit": limit})
        assert r.status_code == 200, r.text
        page = r.json()
        got += page["changes"]
        pages += 1
        since = page["next_cursor"]
        if not page["has_more"]:
            return got, since, pages
