"""Chart pictures for reports and print layouts (matplotlib's Agg renderer: no GUI, no Qt)."""

from __future__ import annotations

from pathlib import Path

from ..common import palette

# The layer styles' colours (one copy, in core.common.palette), so a chart matches the map.
BAND_COLOURS = {**palette.colours("condition_band"), "unrated": palette.UNRATED}
STATUS_COLOURS = palette.colours("lamp_status")
THAI_FONTS = [
    "Loma",
    "Garuda",
    "Tahoma",
    "Leelawadee UI",
    "Noto Sans Thai",
    "DejaVu Sans",
]  # Thai and Latin in one font first


def condition_chart(table, path: str | Path, title: str = "") -> Path:
    """Two bar charts side by side: km of road per condition band, lamps per status (Thai labels)."""
    from matplotlib import rcParams
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    rcParams["font.family"] = "sans-serif"
    rcParams["font.sans-serif"] = THAI_FONTS
    fig = Figure(figsize=(10, 4), dpi=150)
    FigureCanvasAgg(fig)
    for k, (kind, unit, colours, heading) in enumerate((
        ("road_km", "กม.", BAND_COLOURS, "ถนนตามระดับสภาพ (กม.)"),
        ("lamps", "ต้น", STATUS_COLOURS, "ไฟฟ้าสาธารณะตามสถานะ (ต้น)"),
    )):  # fmt: skip
        ax = fig.add_subplot(1, 2, k + 1)
        part = table[table["kind"] == kind]
        if len(part) == 0:
            ax.text(0.5, 0.5, "ไม่มีข้อมูล", ha="center", va="center", transform=ax.transAxes)
            ax.set_axis_off()
        else:
            bars = ax.barh(
                part["label_th"],
                part["value"],
                color=[colours.get(c, palette.OTHER) for c in part["code"]],
                edgecolor=palette.EDGE,
            )
            ax.invert_yaxis()
            ax.bar_label(
                bars, labels=[f"{v:,.2f}" if kind == "road_km" else f"{v:,.0f}" for v in part["value"]], padding=3
            )
            ax.set_xlabel(unit)
            ax.margins(x=0.2)
        ax.set_title(heading)
    if title:
        fig.suptitle(title)
    fig.tight_layout()
    out = Path(path)
    fig.savefig(out)
    return out
