"""cddp:councilmap on the real Pathum Wan workspace of the demo (3,477 road sections, 179 projects in the plan)
with its four khwaeng as zones (subdistricts_180.geojson, codes 1007xx) and residents, complaints and
inspectors carrying marker names: pages = overview pages + one A4 page per zone, fonts embedded and the
bundled ones, no personal value in the PDF or the annex, annex rows = the tables', the budget year on the
title; plus the bundled fonts and the Thai line breaking on their own."""

from __future__ import annotations

import csv
import re
import shutil
import subprocess
import time
import zipfile
from pathlib import Path

import pytest
from qgis.core import QgsLayoutItemLabel, QgsLayoutItemManualTable, QgsProject

from tests.conftest import ROOT, SHARED, run_cddp_process

DEMO = ROOT / "demo-output"
MARKERS = ("ZZRESIDENTMARKER", "ZZCOMPLAINTMARKER", "ZZINSPECTORMARKER", "ZZASSIGNEEMARKER")
A4_PTS = (595, 842)

pytestmark = pytest.mark.skipif(not (DEMO / "pathumwan.gpkg").exists(), reason="needs `make demo` (demo-output/)")


@pytest.fixture(scope="module")
def pw(tmp_path_factory, qgis_app):
    """A copy of the demo's Pathum Wan workspace and project with its khwaeng as zones and marker names."""
    import geopandas as gpd

    from cddp_plugin.core.land import jobs
    from cddp_plugin.core.land import villages as zones
    from cddp_plugin.core.workspace import gpkg

    folder = tmp_path_factory.mktemp("council")
    for name in ("pathumwan.gpkg", "pathumwan.qgz", "pathumwan_plan.gpkg"):
        shutil.copy(DEMO / name, folder / name)
    ws = str(folder / "pathumwan.gpkg")
    khwaeng = gpd.read_file(SHARED / "pathumwan" / "subdistricts_180.geojson")
    khwaeng = khwaeng[khwaeng["Subdist"].astype(str).str.startswith("1007")]
    assert len(khwaeng) == 4
    prepared, report = zones.prepare_villages(
        khwaeng, "EPSG:32647", number_field="TAM_CODE", name_field="TAM_NAMT", tambon_field="Subdist"
    )
    jobs.write_villages(ws, prepared, report, "tester")
    con = gpkg.connect(ws)  # with the GeoPackage functions the R-tree triggers call
    with con:
        household = con.execute("SELECT uuid FROM households LIMIT 1").fetchone()[0]
        con.execute(
            "INSERT INTO residents (household_uuid, full_name, is_elderly, dependency, note) VALUES (?, ?, 1, 'bedridden', ?)",
            (household, f"{MARKERS[0]} สมชาย", f"{MARKERS[0]} โทร 081-234-5678"),
        )
        con.execute("UPDATE complaints SET description = ? WHERE fid = (SELECT min(fid) FROM complaints)",
                    (f"{MARKERS[1]} ไฟดับหน้าบ้าน",))  # fmt: skip
        con.execute("UPDATE road_inspections SET inspector = ?", (MARKERS[2],))
        con.execute("UPDATE work_orders SET assignee = ?", (MARKERS[3],))
    con.close()
    return folder


def pdf_pages(pdf: Path) -> list[tuple[float, float]]:
    out = subprocess.run(["pdfinfo", "-f", "1", "-l", "999", str(pdf)], capture_output=True, text=True, check=True)
    return [tuple(float(x) for x in m.groups()) for m in re.finditer(r"size:\s+([\d.]+) x ([\d.]+) pts", out.stdout)]


def pdf_fonts(pdf: Path) -> list[tuple[str, str]]:
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    return [(line.split()[0], line.split()[-5]) for line in out if line.strip()]


def pdf_text(pdf: Path, first: int = 1, last: int = 999) -> str:
    return subprocess.run(["pdftotext", "-f", str(first), "-l", str(last), "-layout", str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout  # fmt: skip


def annex_text(paths: list[str]) -> str:
    text = []
    for p in paths:
        if p.endswith(".csv"):
            text.append(Path(p).read_text(encoding="utf-8-sig"))
        else:
            with zipfile.ZipFile(p) as z:
                text += [z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml")]
    return "\n".join(text)


def saved_layout(folder: Path, year_text: str):
    project = QgsProject()
    assert project.read(str(folder / "pathumwan.qgz"))
    layouts = [lay for lay in project.layoutManager().printLayouts() if lay.name().startswith("สภา")]
    return project, [lay for lay in layouts if year_text in lay.name()]


# --- the road plan set, headless through qgis_process -------------------------------------------------


@pytest.fixture(scope="module")
def road_plan(pw, tmp_path_factory):
    out = pw / "council_road_plan.pdf"
    started = time.monotonic()
    res = run_cddp_process(["run", "cddp:councilmap", "--", f"WORKSPACE={pw / 'pathumwan.gpkg'}", "MAP_SET=road_plan",
                            "YEAR=2570", f"PLAN={pw / 'pathumwan_plan.gpkg'}", "DIGITS=arabic",
                            "PREPARED_BY=กองช่าง", f"OUTPUT={out}"], profile=tmp_path_factory.mktemp("profile"))  # fmt: skip
    seconds = time.monotonic() - started
    assert res.returncode == 0, res.stdout[-2000:] + res.stderr[-2000:]
    pages = int(re.search(r"PAGES:\s+(\d+)", res.stdout).group(1))
    tables = re.search(r"TABLES:\s+(.+)", res.stdout).group(1).split(", ")
    return out, pages, tables, seconds


def test_road_plan_pages_are_the_overview_and_one_a4_page_per_zone(road_plan, pw):
    pdf, pages, _tables, seconds = road_plan
    sizes = pdf_pages(pdf)
    assert len(sizes) == pages
    a4 = [s for s in sizes if (round(s[0]), round(s[1])) == A4_PTS]
    a3 = [s for s in sizes if (round(s[0]), round(s[1])) == (1191, 842)]
    assert len(a4) == 4  # the four khwaeng
    assert len(a3) == pages - 4 and sizes[0] == a3[0]  # the A3 overview first, then its tables
    assert sizes[-4:] == a4  # the zone pages last
    print(f"road plan set: {pages} pages in {seconds:.1f} s end to end (qgis_process)")
    assert seconds < 30  # < 10 s on an idle machine (bench/councilmap.py); generous for a busy CI


def test_road_plan_fonts_are_embedded_and_bundled_and_no_author_or_geopdf(road_plan):
    info = subprocess.run(["pdfinfo", str(road_plan[0])], capture_output=True, text=True, check=True).stdout
    assert "Author:" not in info  # QGIS writes the OS user as author when metadata is exported
    assert b"/LGIDict" not in road_plan[0].read_bytes() and b"/Measure" not in road_plan[0].read_bytes()  # no GeoPDF
    fonts = pdf_fonts(road_plan[0])
    assert fonts
    for name, embedded in fonts:
        assert embedded == "yes", name
        assert re.match(r"^([A-Z]{6}\+)?(Sarabun|NotoSansThai)-", name), name


def test_road_plan_title_has_the_budget_year_and_every_page_its_furniture(road_plan, pw):
    pdf, pages, _, _ = road_plan
    from cddp_plugin.core.reports import council

    first = pdf_text(pdf, 1, 1)
    assert "2570" in first and "EPSG:32647" in first and "UTM" in first
    assert council.fingerprint(str(pw / "pathumwan.gpkg")) in first
    assert f"1 / {pages}" in first
    assert "OpenStreetMap" in first
    last = pdf_text(pdf, pages, pages)
    assert f"{pages} / {pages}" in last and "2570" in last
    _project, layouts = saved_layout(pw, "2570")
    assert len(layouts) == 1  # saved in the workspace's project, replaced (not duplicated) by a new run
    layout = layouts[0]
    texts = {item.id(): item.text() for item in layout.items() if isinstance(item, QgsLayoutItemLabel)}
    for page in range(1, pages + 1):
        assert "พ.ศ. 2570" in texts[f"title_{page}"].replace("\n", "")
        assert "จัดทำโดย กองช่าง" in texts[f"asof_{page}"]
        assert "ระเบียบวาระที่" in texts[f"agenda_{page}"]
        assert "หน้า" in texts[f"page_{page}"] and "@layout_numpages" in texts[f"page_{page}"]
        assert "พ.ร.บ. คุ้มครองข้อมูลส่วนบุคคล" in texts[f"footer_{page}"].replace("\n", "")
    assert "ลุมพินี" in texts[f"title_{pages}"]


def test_no_personal_value_in_the_pdf_or_the_annex(road_plan):
    pdf, _, tables, _ = road_plan
    text = pdf_text(pdf) + annex_text(tables)
    for marker in MARKERS:
        assert marker not in text
    assert "081-234-5678" not in text


def test_annex_rows_equal_the_tables_and_the_printed_tables(road_plan, pw):
    from cddp_plugin.core.reports import council

    _, _, files, _ = road_plan
    tables = council.road_plan_tables(str(pw / "pathumwan.gpkg"), 2570, plan=str(pw / "pathumwan_plan.gpkg"))
    assert len(files) == len(tables) + 1 and any(f.endswith(".xlsx") for f in files)
    _project, layouts = saved_layout(pw, "2570")
    printed = [len(t.tableContents()) for t in layouts[0].multiFrames() if isinstance(t, QgsLayoutItemManualTable)]
    for table in tables:
        path = next(f for f in files if f.endswith(f"_{table.key}.csv"))
        with open(path, encoding="utf-8-sig", newline="") as f:
            rows = list(csv.reader(f))
        assert len(rows) - 1 == len(table.frame), table.key
        assert len(table.frame) in printed, table.key  # the whole table is in the PDF, in frames over pages
    assert 179 in printed and 303 in printed  # the ผ.02 list (179 projects) and the 303 sections, over A3 pages


# --- in process: Thai digits, the other sets, refusals ---------------------------------------------


def test_thai_digits_streetlights_set(pw, qgis_app):
    from cddp_plugin.toolbelt import council_sets

    result = council_sets.make_council_map(str(pw / "pathumwan.gpkg"), "streetlights", 2570,
                                           str(pw / "lights.pdf"), quarter=1, digits="thai")  # fmt: skip
    sizes = pdf_pages(pw / "lights.pdf")
    assert len(sizes) == result.pages and sum((round(a), round(b)) == A4_PTS for a, b in sizes) == 4
    _project, layouts = saved_layout(pw, "ไตรมาสที่ 1")
    assert len(layouts) == 1
    texts = [i.text() for i in layouts[0].items() if isinstance(i, QgsLayoutItemLabel)]
    title = next(t for t in texts if "ไตรมาสที่" in t).replace("\n", "")
    assert "พ.ศ. ๒๕๗๐" in title and "2570" not in title
    tables = [t for t in layouts[0].multiFrames() if isinstance(t, QgsLayoutItemManualTable)]
    cells = [str(c.content()) for t in tables for r in t.tableContents() for c in r]
    assert cells and not any(re.search(r"[0-9]", c) for c in cells)  # one switch: every digit Thai
    assert any(re.search(r"[๐-๙]", c) for c in cells)
    for name, _ in pdf_fonts(pw / "lights.pdf"):
        assert re.match(r"^([A-Z]{6}\+)?(Sarabun|NotoSansThai)-", name), name


def test_complaints_set_never_prints_a_complaint_description(pw, qgis_app):
    from cddp_plugin.toolbelt import council_sets

    result = council_sets.make_council_map(str(pw / "pathumwan.gpkg"), "complaints", 2570,
                                           str(pw / "complaints.pdf"), digits="arabic")  # fmt: skip
    assert result.pages == len(pdf_pages(pw / "complaints.pdf")) >= 5
    text = pdf_text(pw / "complaints.pdf") + annex_text(result.tables)
    assert "Traffy" in text
    for marker in MARKERS:
        assert marker not in text


def test_refusals_are_clear(pw, tmp_path, qgis_app, area):
    from cddp_plugin.core.common.errors import CddpError
    from cddp_plugin.core.workspace import create
    from cddp_plugin.toolbelt import council_sets

    with pytest.raises(CddpError, match="villages"):
        empty = create.create_workspace(tmp_path / "empty.gpkg", area, "ปรือใหญ่", "EPSG:32648", user="tester")
        council_sets.make_council_map(str(empty.path), "streetlights", 2570, str(tmp_path / "x.pdf"), quarter=1)
    with pytest.raises(CddpError, match="map set"):
        council_sets.make_council_map(str(pw / "pathumwan.gpkg"), "budget", 2570, str(tmp_path / "x.pdf"))


def test_flood_without_a_hazard_is_refused_by_the_algorithm(pw, tmp_path):
    res = run_cddp_process(["run", "cddp:councilmap", "--", f"WORKSPACE={pw / 'pathumwan.gpkg'}", "MAP_SET=flood",
                            f"OUTPUT={tmp_path / 'f.pdf'}"], profile=tmp_path / "profile")  # fmt: skip
    assert res.returncode != 0
    assert "HAZARD" in res.stdout + res.stderr and "Traceback" not in res.stdout + res.stderr
    assert not (tmp_path / "f.pdf").exists()


# --- fonts and Thai line breaking -----------------------------------------------------------------


def test_bundled_fonts_resolve_and_the_official_names_map_to_sarabun(qgis_app):
    from cddp_plugin.toolbelt import fonts

    assert fonts.require_font("Sarabun") == "Sarabun"
    assert fonts.require_font("Noto Sans Thai") == "Noto Sans Thai"
    for official in fonts.OFFICIAL:
        assert fonts.require_font(official) == "Sarabun"


def test_an_unknown_font_is_refused_with_what_was_found(qgis_app):
    from cddp_plugin.core.common.errors import CddpError
    from cddp_plugin.toolbelt import fonts

    with pytest.raises(CddpError, match="'TH Niramit AS' is not installed") as exc:
        fonts.require_font("TH Niramit AS")
    assert "Sarabun" in str(exc.value)


def test_thai_breaks_at_word_boundaries_and_fits_the_width(qgis_app):
    from qgis.PyQt.QtGui import QFont

    from cddp_plugin.toolbelt import fonts, thai_text

    fonts.register()
    assert thai_text.words("ถนนในหมู่บ้านชำรุด") == ["ถนน", "ใน", "หมู่บ้าน", "ชำรุด"]
    font = QFont("Sarabun")
    font.setPointSizeF(11)
    fmt = thai_text.text_format(font)
    text = "เพื่อซ่อมแซมผิวจราจรที่อยู่ในสภาพปานกลางให้ประชาชนสัญจรได้สะดวกและปลอดภัย"
    assert thai_text.width_mm(text, fmt) > 60
    wrapped = thai_text.wrap(text, fmt, 30.0)
    lines = wrapped.split("\n")
    assert len(lines) >= 3 and "".join(lines) == text
    assert all(thai_text.width_mm(line, fmt) <= 30.0 for line in lines)
    assert all(line[0] not in "ัิีึืุู่้๊๋็์ะาำ" for line in lines)  # never a vowel or tone mark cut off its consonant
    assert thai_text.wrap("ถนน", fmt, 30.0) == "ถนน"


def test_a_layout_font_that_does_not_resolve_stops_the_export(qgis_app):
    from qgis.core import QgsPrintLayout

    from cddp_plugin.core.common.errors import CddpError
    from cddp_plugin.toolbelt import council_layout as cl

    project = QgsProject()
    layout = QgsPrintLayout(project)
    layout.initializeDefaults()
    cl.label(layout, 0, 10, 10, 100, 10, "ถนนในหมู่บ้านชำรุด", cl.text_format(12))
    assert cl.check_fonts(layout) == ["Sarabun"]
    cl.label(layout, 0, 10, 30, 100, 10, "ถนน", cl.text_format(12, family="TH SarabunIT๙"))
    assert cl.check_fonts(layout) == ["Sarabun", "Sarabun"]  # the official name is mapped to the bundled font
    cl.label(layout, 0, 10, 50, 100, 10, "ถนน", cl.text_format(12, family="Angsana New"))
    with pytest.raises(CddpError, match="Angsana New"):
        cl.check_fonts(layout)
