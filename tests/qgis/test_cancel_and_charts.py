"""#11 item 10: a cancelled run is logged as cancelled (not failed) and leaves the workspace as it was;
chart fonts place Thai marks; the work-order KPI chart and table use one unit. Real data: the demo's
Pathum Wan workspace (demo-output) and Prue Yai's tax-map parcels (../shared/data)."""

from __future__ import annotations

import hashlib
import logging
import shutil
import sqlite3
from pathlib import Path

import pytest
from qgis.core import QgsProcessingFeedback

from tests.conftest import ROOT, SHARED

DEMO = ROOT / "demo-output"


class CancelAfterFirstProgress(QgsProcessingFeedback):
    """What the Cancel button does: the user cancels once the run has reported progress."""

    def __init__(self):
        super().__init__()
        self.progress_values: list[float] = []
        self.warnings: list[str] = []
        self.infos: list[str] = []
        self.progressChanged.connect(self._progress)

    def _progress(self, value):
        self.progress_values.append(value)
        if not self.isCanceled():
            self.cancel()

    def pushWarning(self, text):
        self.warnings.append(text)
        super().pushWarning(text)

    def pushInfo(self, text):
        self.infos.append(text)
        super().pushInfo(text)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _changes(path: Path) -> int:
    with sqlite3.connect(path) as con:
        tables = [
            r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table' AND name LIKE '%change%'")
        ]
        return sum(con.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables)


def _run_records(caplog):
    return [r for r in caplog.records if r.name == "cddp.processing" and r.getMessage().startswith("run ")]


@pytest.mark.skipif(not (DEMO / "pathumwan.gpkg").exists(), reason="make demo first")
def test_cancelled_maintenance_plan_is_cancelled_not_failed(tmp_path, provider, caplog):
    import processing

    ws = tmp_path / "pathumwan.gpkg"
    shutil.copy(DEMO / "pathumwan.gpkg", ws)
    before = _digest(ws)
    feedback = CancelAfterFirstProgress()
    caplog.set_level(logging.INFO, logger="cddp")
    out = processing.run(
        "cddp:maintenanceplan",
        {"WORKSPACE": str(ws), "BUDGET": 20_000_000, "OUTPUT": "TEMPORARY_OUTPUT"},
        feedback=feedback,
    )
    assert feedback.isCanceled() and feedback.progress_values
    assert out == {} or not any(k in out for k in ("SELECTED", "BAHT"))
    assert any("Cancelled by the user" in w for w in feedback.warnings), feedback.warnings
    records = _run_records(caplog)
    assert [r.getMessage().split(" after ")[0] for r in records] == ["run cddp:maintenanceplan: cancelled"]
    assert records[0].levelno == logging.WARNING
    assert not any("failed" in r.getMessage() for r in caplog.records)
    assert _digest(ws) == before


@pytest.mark.skipif(not (DEMO / "prueyai.gpkg").exists(), reason="make demo first")
def test_cancelled_parcel_import_writes_nothing(tmp_path, provider, caplog):
    """Prue Yai's tax map imported again into (a copy of) its workspace, cancelled after reading began."""
    import processing

    ws = tmp_path / "prueyai.gpkg"
    shutil.copy(DEMO / "prueyai.gpkg", ws)
    before, changes = _digest(ws), _changes(ws)
    feedback = CancelAfterFirstProgress()
    caplog.set_level(logging.INFO, logger="cddp")
    out = processing.run(
        "cddp:importparcels",
        {"INPUT": str(SHARED / "prueyai" / "parcel.geojson"), "WORKSPACE": str(ws)},
        feedback=feedback,
    )
    assert out.get("INSERTED") is None and out.get("UPDATED") is None
    assert any("Cancelled by the user" in w for w in feedback.warnings)
    assert [r.getMessage().split(" after ")[0] for r in _run_records(caplog)] == ["run cddp:importparcels: cancelled"]
    assert _changes(ws) == changes
    assert _digest(ws) == before


@pytest.mark.skipif(not (DEMO / "khonkaen.gpkg").exists(), reason="make demo first")
def test_cancel_before_the_write_leaves_the_streetlights_as_they_were(tmp_path, provider, caplog):
    """Khon Kaen's poles imported again, the run cancelled before its write (the import reads a file
    without progress reports, so the cancel is pressed at once): nothing written, logged as cancelled."""
    import processing

    ws = tmp_path / "khonkaen.gpkg"
    shutil.copy(DEMO / "khonkaen.gpkg", ws)
    before, changes = _digest(ws), _changes(ws)
    feedback = CancelAfterFirstProgress()
    feedback.cancel()
    caplog.set_level(logging.INFO, logger="cddp")
    out = processing.run(
        "cddp:importstreetlights",
        {"INPUT": str(SHARED / "khonkaen" / "lightpole.geojson"), "WORKSPACE": str(ws)},
        feedback=feedback,
    )
    assert "INSERTED" not in out
    assert any("Cancelled by the user" in w for w in feedback.warnings)
    assert [r.getMessage().split(" after ")[0] for r in _run_records(caplog)] == [
        "run cddp:importstreetlights: cancelled"
    ]
    assert (_changes(ws), _digest(ws)) == (changes, before)


def test_completed_run_is_logged_completed_and_progress_is_percent(tmp_path, provider, caplog):
    """Uncancelled: logged as completed; progress goes 0–100 and never back."""
    import processing

    ws = tmp_path / "pathumwan.gpkg"
    if not (DEMO / "pathumwan.gpkg").exists():
        pytest.skip("make demo first")
    shutil.copy(DEMO / "pathumwan.gpkg", ws)

    class Recorder(QgsProcessingFeedback):
        def __init__(self):
            super().__init__()
            self.values, self.infos = [], []
            self.progressChanged.connect(self.values.append)

        def pushInfo(self, text):
            self.infos.append(text)
            super().pushInfo(text)

    feedback = Recorder()
    caplog.set_level(logging.INFO, logger="cddp")
    out = processing.run(
        "cddp:maintenanceplan",
        {"WORKSPACE": str(ws), "BUDGET": 20_000_000, "OUTPUT": "TEMPORARY_OUTPUT"},
        feedback=feedback,
    )
    assert out["SELECTED"] > 0
    assert [r.getMessage().split(" after ")[0] for r in _run_records(caplog)] == ["run cddp:maintenanceplan: completed"]
    assert feedback.values and all(0 <= v <= 100 for v in feedback.values)
    assert feedback.values == sorted(feedback.values) and feedback.values[-1] == 100
    text = "\n".join(feedback.infos)
    assert "20,000,000 THB" in text, text  # money with separators and a unit, never 20000000.000000
    assert ".000000" not in text


# --- chart fonts: Thai marks placed, one font for Thai and Latin -------------------------------------


def test_chart_font_has_thai_and_positioned_marks():
    from matplotlib import font_manager

    from cddp_plugin.core.reports import charts

    family, positioned = charts.chart_font()
    assert family in charts.THAI_FONTS
    try:  # scripts/setup-system.sh installs fonts-thai-tlwg (Loma, Garuda); Windows has Tahoma
        font_manager.findfont(font_manager.FontProperties(family="Loma"), fallback_to_default=False)
    except ValueError:
        pytest.skip("no fonts-thai-tlwg here")
    assert (family, positioned) == ("Loma", True)
    assert charts.chart_rc()["font.sans-serif"][0] == "Loma"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ที่", "ที่"),  # a tone above a vowel above: unchanged (high)
        ("ผู้", "ผู\uf70b"),  # no vowel above: the tone sits low
        ("ใหญ่", "ใหญ\uf70a"),
        ("ป้า", "ป\uf706า"),  # a tall letter: low and left
        ("ปั้น", "ป\uf710\uf713น"),  # vowel and tone left of the ascender
        ("น้ำ", "น้ำ"),  # sara am carries a mark above: the tone stays high
        ("ญุ", "\uf70fุ"),  # ญ without its tail above a vowel below
        ("ฎุ", "ฎ\uf718"),  # a vowel below ฎ moves down
        ("KPI 12,345 m", "KPI 12,345 m"),
    ],
)
def test_thai_marks(text, expected):
    from cddp_plugin.core.reports.charts import thai_marks

    assert thai_marks(text) == expected


def _ink_top(text: str, family: str) -> int:
    """The first pixel row with ink when ``text`` is drawn alone at 60 pt."""
    import numpy as np
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(2, 1.5), dpi=100)
    canvas = FigureCanvasAgg(fig)
    fig.text(0.1, 0.2, text, family=family, fontsize=60)
    canvas.draw()
    ink = np.asarray(canvas.buffer_rgba())[:, :, 0] < 128
    return int(np.argmax(ink.any(axis=1)))


def test_tone_mark_drawn_low_without_a_vowel_above():
    """Drawn, ผู้'s tone mark sits lower than the font's default (high) mark — where Thai readers expect it
    — and ที่'s stays above its vowel instead of on it."""
    from cddp_plugin.core.reports import charts

    family, positioned = charts.chart_font()
    if not positioned:
        pytest.skip("no font with positioned marks here")
    assert _ink_top(charts.chart_text("ผู้"), family) > _ink_top("ผู้", family) + 5
    assert _ink_top(charts.chart_text("ที่"), family) < _ink_top("ที", family) - 5


def test_kpi_chart_draws_thai_without_missing_glyphs(tmp_path):
    import warnings

    from cddp_plugin.core.works import kpis as kpi

    rows = [("ผู้ใหญ่บ้าน", 60.0), ("ถนนชำรุด", 720.0), ("ไฟฟ้าดับ", 6.0)]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        out = kpi.ttr_chart_png(rows, tmp_path / "ttr.png", title="ผู้ใหญ่บ้าน ถนนชำรุด ไฟฟ้าดับ", unit="วัน")
    assert out.stat().st_size > 2000
    assert not [w for w in caught if "missing from" in str(w.message)], [str(w.message) for w in caught]
    assert kpi.chart_bar_labels(rows) == ["2.5", "30.0", "0.3"]


class _Recorder(QgsProcessingFeedback):
    def __init__(self):
        super().__init__()
        self.values: list[float] = []
        self.infos: list[str] = []
        self.progressChanged.connect(self.values.append)

    def pushInfo(self, text):
        self.infos.append(text)
        super().pushInfo(text)


def test_progress_span_never_sends_the_bar_back():
    from cddp_plugin.processing.base import ProgressSpan

    feedback = _Recorder()
    feedback.setProgress(20)
    span = ProgressSpan(feedback, 20, 28)
    for value in (0, 50, 100, 250, -5):
        span.setProgress(value)
    assert feedback.values == [20, 24, 28]  # QGIS reports changes only; 250 % is 100 %, and -5 % no step back
    assert span.isCanceled() is False  # everything else is the run's feedback


@pytest.mark.skipif(not (DEMO / "pathumwan.gpkg").exists(), reason="make demo first")
def test_complaint_import_progress_is_percent_and_counts_are_grouped(tmp_path, provider):
    """The 1,000 real Traffy Fondue complaints with Bangkok's 180 subdistricts as AREA: the AREA layer's
    reading is one step of the bar (20–28 %), so the bar only goes forward, 0–100; counts read 1,000."""
    import processing

    ws = tmp_path / "pathumwan.gpkg"
    shutil.copy(DEMO / "pathumwan.gpkg", ws)
    feedback = _Recorder()
    out = processing.run(
        "cddp:importcomplaints",
        {
            "INPUT": str(SHARED / "pathumwan" / "teamchadchart.csv"),
            "AREA": str(SHARED / "pathumwan" / "subdistricts_180.geojson"),
            "WORKSPACE": str(ws),
        },
        feedback=feedback,
    )
    assert out["ROWS"] == 1000
    assert feedback.values and all(0 <= v <= 100 for v in feedback.values)
    assert feedback.values == sorted(feedback.values) and feedback.values[-1] == 100
    assert any(": 1,000 rows," in line for line in feedback.infos), feedback.infos
