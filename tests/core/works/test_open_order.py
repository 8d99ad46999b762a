"""One open work order per asset and category (issue #11 item 7): the rule
(workorders.open_orders_by_asset), the workspace lookup the Work orders dock uses
(jobs.open_work_order, read-only) and the generation job, which uses the same rule."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest

from cddp_plugin.core.works import jobs as works_jobs
from cddp_plugin.core.works import workorders

DEMO = Path(__file__).resolve().parents[3] / "demo-output" / "pathumwan.gpkg"


def _order(uuid, status="new", created_at="2026-11-20T03:00:00.000Z", category="road", asset="sec-1"):
    return {"uuid": uuid, "status": status, "created_at": created_at, "category": category,
            "asset_layer": "road_sections", "asset_uuid": asset}  # fmt: skip


def test_the_rule_on_plain_orders():
    orders = [
        _order("closed", status="closed", created_at="2026-01-01T00:00:00.000Z"),
        _order("late", created_at="2026-11-21T00:00:00.000Z"),
        _order("early", status="in_progress", created_at="2026-11-20T00:00:00.000Z"),
        _order("other-cat", category="drainage"),
        _order("no-asset", asset=None),
        _order("done", status="cancelled", asset="sec-2"),
    ]
    found = workorders.open_orders_by_asset(orders)
    assert {k: o["uuid"] for k, o in found.items()} == {
        ("road_sections", "sec-1", "road"): "early",  # the earliest open one; closed ones do not count
        ("road_sections", "sec-1", "drainage"): "other-cat",
    }
    assert workorders.open_order_for(orders, "road_sections", "sec-1", "road")["uuid"] == "early"
    assert workorders.open_order_for(orders, "road_sections", "sec-2", "road") is None  # only a cancelled one
    assert workorders.open_order_for(orders, "streetlights", "sec-1", "road") is None  # another layer
    assert workorders.open_order_for(orders, "road_sections", None, "road") is None
    for status in workorders.TERMINAL:
        assert workorders.open_order_for([_order("x", status=status)], "road_sections", "sec-1", "road") is None


@pytest.fixture
def pathumwan(tmp_path):
    if not DEMO.exists():
        pytest.skip("no demo output (make demo)")
    path = tmp_path / "pathumwan.gpkg"
    shutil.copy(DEMO, path)
    return str(path)


def test_lookup_on_the_real_pathumwan_workspace(pathumwan):
    con = sqlite3.connect(pathumwan)
    rows = con.execute(
        "SELECT uuid, wo_number, asset_layer, asset_uuid, category, status FROM work_orders "
        "WHERE asset_uuid IS NOT NULL ORDER BY created_at, fid"
    ).fetchall()
    total = con.execute("SELECT count(*) FROM work_orders").fetchone()[0]
    con.close()
    assert len(rows) >= 100  # the demo's generated orders on road sections
    digest = hashlib.sha256(Path(pathumwan).read_bytes()).hexdigest()
    first: dict = {}
    for uid, number, layer, asset, category, status in rows:
        if status not in workorders.TERMINAL:
            first.setdefault((layer, asset, category), (uid, number))
    for (layer, asset, category), (uid, number) in first.items():
        found = works_jobs.open_work_order(pathumwan, layer, asset, category)
        assert (found["uuid"], found["wo_number"]) == (uid, number)
    layer, asset, category = next(iter(first))
    assert works_jobs.open_work_order(pathumwan, layer, asset, "drainage") is None
    assert works_jobs.open_work_order(pathumwan, layer, "no-such-asset", category) is None
    assert hashlib.sha256(Path(pathumwan).read_bytes()).hexdigest() == digest  # read-only

    # once the order is cancelled it is no longer the asset's open order
    uid, number = first[(layer, asset, category)]
    works_jobs.change_work_order(pathumwan, number, "cancelled", "tester", note="ทดสอบ")
    assert works_jobs.open_work_order(pathumwan, layer, asset, category) is None

    # the generation follows the same rule: every other asset keeps its one order, this one gets a new one
    report = works_jobs.generate_work_orders(pathumwan, "tester", from_complaints=False, from_lamps=False)
    con = sqlite3.connect(pathumwan)
    assert con.execute("SELECT count(*) FROM work_orders").fetchone()[0] == total + report.created
    dupes = con.execute(
        "SELECT count(*) FROM (SELECT asset_layer, asset_uuid, category FROM work_orders "
        "WHERE asset_uuid IS NOT NULL AND status NOT IN ('closed', 'cancelled', 'duplicate') "
        "GROUP BY 1, 2, 3 HAVING count(*) > 1)"
    ).fetchone()[0]
    con.close()
    assert dupes == 0
    if category == "road":
        assert report.created == 1
        assert works_jobs.open_work_order(pathumwan, layer, asset, category)["wo_number"] == report.orders[0]
