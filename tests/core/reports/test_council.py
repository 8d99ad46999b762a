"""Council map sets' core: Thai budget calendar, tables on the real demo workspaces, PDPA, files."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
import shapely

from cddp_plugin.core.common import thai
from cddp_plugin.core.common.errors import CddpError
from cddp_plugin.core.reports import council
from cddp_plugin.core.workspace import gpkg

ROOT = Path(__file__).resolve().parents[3]
DEMO = ROOT / "demo-output"
SHARED = ROOT.parent / "shared" / "data"
MARKER = "ZZMARKER สมชาย"
needs_demo = pytest.mark.skipif(not (DEMO / ".demo-done").exists(), reason="make demo has not run")


# ---------------------------------------------------------------- Thai calendar


def test_budget_year_edges():
    assert thai.budget_year(dt.date(2026, 9, 30)) == 2569
    assert thai.budget_year(dt.date(2026, 10, 1)) == 2570
    assert thai.budget_year(dt.date(2027, 9, 30)) == 2570
    # 30 Sep 18:00 UTC is 1 Oct 01:00 in Bangkok
    assert thai.budget_year(dt.datetime(2026, 9, 30, 18, 0, tzinfo=dt.UTC)) == 2570
    assert thai.budget_year_bounds(2570) == (dt.date(2026, 10, 1), dt.date(2027, 9, 30))


def test_quarters():
    assert thai.quarter_bounds(2570, 1) == (dt.date(2026, 10, 1), dt.date(2026, 12, 31))
    assert thai.quarter_bounds(2570, 2) == (dt.date(2027, 1, 1), dt.date(2027, 3, 31))
    assert thai.quarter_bounds(2570, 3) == (dt.date(2027, 4, 1), dt.date(2027, 6, 30))
    assert thai.quarter_bounds(2570, 4) == (dt.date(2027, 7, 1), dt.date(2027, 9, 30))
    assert thai.budget_quarter(dt.date(2026, 12, 31)) == (2570, 1)
    assert thai.budget_quarter(dt.date(2027, 1, 1)) == (2570, 2)
    assert thai.budget_quarter(dt.date(2027, 9, 30)) == (2570, 4)
    with pytest.raises(CddpError, match="quarter"):
        thai.quarter_bounds(2570, 5)
    with pytest.raises(CddpError, match="Buddhist-era"):
        thai.budget_year_bounds(2026)


def test_digits_and_thai_date():
    assert thai.digits("ปี 2570 ไตรมาส 1", "thai") == "ปี ๒๕๗๐ ไตรมาส ๑"
    assert thai.digits("๒๕๗๐", "arabic") == "2570"
    with pytest.raises(CddpError, match="thai"):
        thai.digits("1", "roman")
    # the year is computed (CE + 543), not a locale's Western year
    assert thai.format_thai_date(dt.date(2026, 10, 1)) == "1 ตุลาคม 2569"
    assert thai.format_thai_date(dt.datetime(2026, 12, 31, 20, 0, tzinfo=dt.UTC)) == "1 มกราคม 2570"


# ---------------------------------------------------------------- small made-up cases


def test_suppression_total_leaves_suppressed_cells_out():
    cells, total = council.suppress([12, 3, 0, 7, 1])
    assert cells == [12, "<5", 0, 7, "<5"]
    assert total == 19  # 12 + 0 + 7: subtracting the shown cells from it gives 0, not the hidden 3 + 1


def test_per_thousand():
    assert council.per_thousand(3, 1500) == 2.0
    assert council.per_thousand(7, 2000) == 3.5
    assert council.per_thousand(1, 0) is None


def test_assert_no_personal_refuses_personal_columns():
    council.assert_no_personal(pd.DataFrame({"หมู่ที่": [1], "ครัวเรือน": [3]}))
    for column in ("full_name", "ชื่อ-สกุล", "owner_name", "house_no", "description", "Phone"):
        with pytest.raises(CddpError, match="personal"):
            council.assert_no_personal(pd.DataFrame({column: ["x"]}))
    with pytest.raises(CddpError, match="contact"):
        council.assert_no_personal(pd.DataFrame({"x": ["ติดต่อ somchai@example.com"]}))


def test_empty_villages_is_a_clear_error(core_workspace):
    with pytest.raises(CddpError, match="cddp:importvillages"):
        council.zones(core_workspace.path)


# ---------------------------------------------------------------- the real demo workspaces


def _insert_villages(path, rows, crs):
    """The test's own zones, whatever zones the demo gave the workspace (it gives Pathum Wan its khwaeng
    and Prue Yai its tax-map zones since cddp:importvillages)."""
    con = gpkg.connect(path)
    srs = gpkg.srs_id(con, "villages")
    with con:
        con.execute("DELETE FROM villages")
        for number, name, geom in rows:
            geom = gpd.GeoSeries([geom], crs=crs).to_crs(srs and f"EPSG:{srs}").iloc[0]
            if geom.geom_type == "Polygon":
                geom = shapely.MultiPolygon([geom])
            con.execute(
                "INSERT INTO villages (village_no, name_th, geom, updated_by) VALUES (?, ?, ?, ?)",
                (number, name, gpkg.to_blob(geom, srs), "test"),
            )
    con.close()


@pytest.fixture(scope="module")
def pathumwan(tmp_path_factory):
    if not (DEMO / ".demo-done").exists():
        pytest.skip("make demo has not run")
    path = tmp_path_factory.mktemp("pw") / "pathumwan.gpkg"
    shutil.copy(DEMO / "pathumwan.gpkg", path)
    sub = gpd.read_file(SHARED / "pathumwan" / "subdistricts_180.geojson")
    sub = sub[sub["Subdist"].astype(str).str.startswith("1007")].sort_values("Subdist")
    _insert_villages(
        path, [(i, n, g) for i, (n, g) in enumerate(zip(sub.TAM_NAMT, sub.geometry, strict=False), 1)], sub.crs
    )
    return path


@pytest.fixture(scope="module")
def prueyai(tmp_path_factory):
    """Prue Yai with its tax-map zones dissolved from the parcels, and a resident with a marker name."""
    if not (DEMO / ".demo-done").exists():
        pytest.skip("make demo has not run")
    path = tmp_path_factory.mktemp("py") / "prueyai.gpkg"
    shutil.copy(DEMO / "prueyai.gpkg", path)
    parcels = gpd.read_file(path, layer="parcels", columns=["zone"])
    zones = parcels.dissolve("zone").reset_index()
    rows = [(int(z), f"โซน {z}", g) for z, g in zip(zones["zone"], zones.geometry, strict=False) if str(z).isdigit()]
    _insert_villages(path, rows, parcels.crs)
    con = gpkg.connect(path)
    with con:
        hh = con.execute("SELECT uuid FROM households LIMIT 1").fetchone()[0]
        con.execute(
            "INSERT INTO residents (household_uuid, pseudo_id, full_name, dependency, care_colour, note) VALUES (?, ?, ?, ?, ?, ?)",
            (hh, "R-TEST", MARKER, "bedridden", "red", MARKER),
        )
    con.close()
    return path


def test_zones_fingerprint_and_as_of(pathumwan, tmp_path):
    z = council.zones(pathumwan)
    assert list(z["zone_key"]) == ["z01", "z02", "z03", "z04"]
    assert list(z["name_th"]) == ["รองเมือง", "วังใหม่", "ปทุมวัน", "ลุมพินี"]
    fp = council.fingerprint(pathumwan)
    assert len(fp) == 10 and int(fp, 16) >= 0
    assert council.fingerprint(pathumwan) == fp  # read-only and stable
    copy = tmp_path / "copy.gpkg"
    shutil.copy(pathumwan, copy)
    assert council.fingerprint(copy) == fp
    before = council.as_of(copy)
    con = gpkg.connect(copy)
    with con:
        con.execute("UPDATE villages SET name_th = 'ปทุมวัน (แก้)' WHERE village_no = 3")
    con.close()
    assert council.fingerprint(copy) != fp
    assert council.as_of(copy) >= before
    assert council.as_of(pathumwan).tzinfo is not None


def test_road_plan_tables_on_the_demo_plan(pathumwan, tmp_path):
    plan = DEMO / "pathumwan_plan.gpkg"
    tables = council.road_plan_tables(pathumwan, 2570, plan=plan)
    by = {t.key: t for t in tables}
    assert set(by) == {"road_plan_projects", "road_plan_figures", "road_plan_zones", "road_plan_method",
                       "road_plan_sections"}  # fmt: skip
    # the demo plan: 303 chosen sections, 20,000,000 baht (pathumwan_plan.csv)
    sections = by["road_plan_sections"].frame
    assert len(sections) == 303
    assert sections["ค่าซ่อม (บาท)"].sum() == 20_000_000
    projects = by["road_plan_projects"].frame
    assert projects.iloc[-1]["งบประมาณ 2570 (บาท)"] == 20_000_000
    assert projects.iloc[:-1]["งบประมาณ 2570 (บาท)"].sum() == 20_000_000
    assert "ปีงบประมาณ 2570" in by["road_plan_projects"].title_th
    assert projects.iloc[0]["เป้าหมาย (ผลผลิตของโครงการ)"].startswith("ถนนพระรามที่ 4 ขนาดกว้าง")
    zones = by["road_plan_zones"].frame
    assert zones.iloc[-1]["ช่วงที่เลือกซ่อม"] == 303
    assert zones.iloc[:-1]["ช่วงที่เลือกซ่อม"].sum() == 303
    figures = dict(zip(by["road_plan_figures"].frame["รายการ"], by["road_plan_figures"].frame["ค่า"], strict=True))
    assert figures["ความต้องการงบซ่อมทั้งหมด (บาท)"] == 97_027_000  # need_baht of pathumwan_plan.csv
    assert figures["ระยะทางที่ยังไม่ประเมินสภาพ (กม.)"] == pytest.approx(149.51, abs=0.01)
    layer = council.road_plan_layers(pathumwan, 2570, plan=plan)
    assert len(layer) == 303 and layer["project_no"].min() == 1
    assert set(layer["zone_key"]) <= {"z01", "z02", "z03", "z04", "outside"}
    # an atlas page keeps its own zone's rows only
    z3 = by["road_plan_sections"].for_zone("z03")
    assert len(z3.frame) == (layer["zone_key"] == "z03").sum() > 0
    assert by["road_plan_projects"].display("thai").iloc[-1]["งบประมาณ 2570 (บาท)"] == "๒๐,๐๐๐,๐๐๐"


def test_road_plan_needs_a_plan_or_budget(pathumwan):
    with pytest.raises(CddpError, match="budget"):
        council.road_plan_tables(pathumwan, 2570)


def test_complaint_tables_on_the_demo(pathumwan):
    zones_t, cats_t, wo_t = council.complaint_tables(pathumwan, 2566)  # the sample's complaints: May 2023
    zones = zones_t.frame
    assert zones.iloc[-1]["เรื่องที่รับ"] == 22 and zones.iloc[-1]["ครัวเรือน"] == 283
    assert zones.iloc[:-1]["เรื่องที่รับ"].sum() == 22
    assert zones.iloc[-1]["เรื่องต่อ 1,000 ครัวเรือน"] == pytest.approx(77.7)  # 22 × 1000 / 283
    assert cats_t.frame.iloc[-1]["เรื่องที่รับ"] == 22 and cats_t.frame.iloc[-1]["เรื่องที่ปิดแล้ว"] == 2
    assert wo_t.frame.iloc[-1]["รวม"] == 0  # the orders were created in budget year 2570
    assert council.complaint_tables(pathumwan, 2570)[2].frame.iloc[-1]["รวม"] == 130
    assert council.complaint_tables(pathumwan, 2567)[0].frame.iloc[-1]["เรื่องที่รับ"] == 0


def test_streetlight_quarter_counts(pathumwan, tmp_path):
    path = tmp_path / "lights.gpkg"
    shutil.copy(pathumwan, path)
    con = gpkg.connect(path)
    lamps = [r[0] for r in con.execute("SELECT uuid FROM streetlights ORDER BY fid")]
    faults = [  # quarter 1 of 2570: 1 Oct – 31 Dec 2026 (Bangkok)
        (lamps[0], "2026-10-02T01:00:00Z", "2026-10-04T01:00:00Z"),  # repaired in 2 days
        (lamps[0], "2026-11-01T01:00:00Z", "2026-11-05T01:00:00Z"),  # again: a repeat, 4 days
        (lamps[1], "2026-12-30T01:00:00Z", None),  # open at the end
        (lamps[2], "2026-09-30T16:00:00Z", "2026-10-10T16:00:00Z"),  # 30 Sep 23:00 Bangkok: before Q1
    ]
    with con:
        con.executemany(
            "INSERT INTO streetlight_faults (streetlight_uuid, fault, reported_at, resolved_at) VALUES (?, 'out', ?, ?)",
            faults,
        )
    con.close()
    (table,) = council.streetlight_tables(path, 2570, 1)
    total = table.frame.iloc[-1]
    assert total["เสาไฟทั้งหมด"] == 5
    assert total["แจ้งดับในไตรมาส"] == 3
    assert total["ซ่อมเสร็จในไตรมาส"] == 3  # the one reported before the quarter was repaired in it
    assert total["ค้างซ่อม ณ สิ้นไตรมาส"] == 1
    assert total["เวลาซ่อม มัธยฐาน (วัน)"] == 4.0  # median of 2, 4 and 10 days
    assert total["เสาที่ดับซ้ำ (2 ครั้งขึ้นไป)"] == 1
    (q2,) = council.streetlight_tables(path, 2570, 2)
    assert q2.frame.iloc[-1]["ค้างซ่อม ณ สิ้นไตรมาส"] == 1 and q2.frame.iloc[-1]["แจ้งดับในไตรมาส"] == 0


def test_flood_tables_suppress_and_never_show_residents(prueyai, tmp_path):
    hazard = gpd.read_file(DEMO / "prueyai_flood_drill.geojson")
    (table,) = council.flood_tables(prueyai, hazard)
    frame = table.frame
    households = frame["ครัวเรือนที่ได้รับผลกระทบ"].iloc[:-1]
    shown = [v for v in households if v != "<5"]
    assert all(v == 0 or v >= 5 for v in shown)
    assert frame["ครัวเรือนที่ได้รับผลกระทบ"].iloc[-1] == sum(shown)
    # the demo's own flood run (prueyai_flood_villages.csv) counts the same households in all
    demo = pd.read_csv(DEMO / "prueyai_flood_villages.csv")
    hidden = sum(1 for v in households if v == "<5")
    assert sum(shown) <= demo["households"].sum() <= sum(shown) + 4 * hidden
    files = council.write_tables([table], tmp_path, "flood")
    text = "".join(p.read_text(encoding="utf-8-sig") for p in files if p.suffix == ".csv")
    assert "ZZMARKER" not in text and "สมชาย" not in text
    assert b"ZZMARKER" not in (tmp_path / "flood.xlsx").read_bytes()  # zip: the marker would be compressed,
    with pytest.raises(CddpError, match="polygon"):
        council.flood_tables(prueyai, gpd.GeoDataFrame(geometry=[shapely.Point(0, 0)], crs="EPSG:4326"))


def test_no_resident_marker_in_any_table(prueyai, pathumwan, tmp_path):
    hazard = gpd.read_file(DEMO / "prueyai_flood_drill.geojson")
    tables = council.flood_tables(prueyai, hazard) + council.complaint_tables(prueyai, 2570)
    for t in tables:
        for frame in (t.frame, t.english(), t.display("thai")):
            assert not frame.astype(str).apply(lambda c: c.str.contains("ZZMARKER|สมชาย")).any().any()
    council.write_tables(tables, tmp_path / "files", "prueyai")
    from osgeo import gdal

    for p in (tmp_path / "files").iterdir():
        if p.suffix == ".xlsx":
            ds = gdal.OpenEx(str(p), open_options=["HEADERS=FORCE"])
            dump = "".join(
                str(f.GetField(i))
                for k in range(ds.GetLayerCount())
                for f in ds.GetLayer(k)
                for i in range(f.GetFieldCount())
            )
        else:
            dump = p.read_text(encoding="utf-8-sig")
        assert "ZZMARKER" not in dump and "สมชาย" not in dump


def test_files_have_the_tables_row_counts(pathumwan, tmp_path):
    from osgeo import gdal

    tables = council.road_plan_tables(pathumwan, 2570, plan=DEMO / "pathumwan_plan.gpkg")
    tables += council.complaint_tables(pathumwan, 2566)
    for digits in ("arabic", "thai"):
        folder = tmp_path / digits
        files = council.write_tables(tables, folder, "pathumwan_council", digits=digits)
        assert len(files) == len(tables) + 1
        for t in tables:
            csv = folder / f"pathumwan_council_{t.key}.csv"
            assert csv.read_bytes()[:3] == b"\xef\xbb\xbf"  # Excel opens Thai
            back = pd.read_csv(csv, encoding="utf-8-sig")
            assert len(back) == len(t.frame) and list(back.columns) == list(t.frame.columns)
        ds = gdal.OpenEx(str(folder / "pathumwan_council.xlsx"), open_options=["HEADERS=FORCE"])
        assert ds.GetLayerCount() == len(tables)
        counts = []
        for i in range(len(tables)):
            layer = ds.GetLayer(i)
            # GDAL's reader takes an all-text sheet's heading row for data (fields Field1…): not a row of ours
            header_as_row = layer.GetLayerDefn().GetFieldDefn(0).GetName() == "Field1"
            counts.append(layer.GetFeatureCount() - header_as_row)
        assert counts == [len(t.frame) for t in tables]
    thai_csv = (tmp_path / "thai" / "pathumwan_council_road_plan_projects.csv").read_text(encoding="utf-8-sig")
    assert "๒๐,๐๐๐,๐๐๐" in thai_csv and "20,000,000" not in thai_csv
