"""Chart pictures for reports and print layouts (matplotlib's Agg renderer: no GUI, no Qt)."""

from __future__ import annotations

import functools
from pathlib import Path

from ..common import palette
from ..common.numbers import format_number

# The layer styles' colours (one copy, in core.common.palette), so a chart matches the map.
BAND_COLOURS = {**palette.colours("condition_band"), "unrated": palette.UNRATED}
STATUS_COLOURS = palette.colours("lamp_status")
# Families tried in order; the first with Thai letters *and* the positioned-mark glyphs (U+F700–F71A, in
# Loma/Garuda of fonts-thai-tlwg and in Windows' Tahoma) wins. matplotlib's Agg renderer does no Thai
# shaping (no OpenType mark positioning), so in a font without those glyphs (Noto Sans Thai) a tone mark
# lands on the vowel above the letter (ที่ reads ทีี); :func:`thai_marks` picks the positioned glyphs.
THAI_FONTS = [
    "Loma",
    "Garuda",
    "Tahoma",
    "Leelawadee UI",
    "Noto Sans Thai",
    "Sawasdee",
    "DejaVu Sans",
]  # Thai and Latin in one font first

_TALL = frozenset("ปฝฟฬ")  # letters with an ascender: marks above them move left
_DESCENDING = frozenset("ฎฏ")  # letters with a descender: vowels below them move down
_UPPER_LEFT = dict(zip("ัิีึื็ํ", "\uf710\uf701\uf702\uf703\uf704\uf711\uf717", strict=True))
_TONE_LOW = dict(zip("่้๊๋์", "\uf70a\uf70b\uf70c\uf70d\uf70e", strict=True))
_TONE_LOW_LEFT = dict(zip("่้๊๋์", "\uf705\uf706\uf707\uf708\uf709", strict=True))
_TONE_LEFT = dict(zip("่้๊๋์", "\uf712\uf713\uf714\uf715\uf716", strict=True))
_LOWER_DOWN = dict(zip("ฺุู", "\uf718\uf719\uf71a", strict=True))
_NO_TAIL = {"ญ": "\uf70f", "ฐ": "\uf700"}  # ญ ฐ without their lower part, above a vowel below
_PROBE = (0x0E01, 0xF701, 0xF705, 0xF70A, 0xF712)


def thai_marks(text: str) -> str:
    """Thai text with its marks as the positioned glyphs of the font's private-use area: a tone mark
    low when no vowel is above the letter (ผู้, ใหญ่), left of a tall letter (ป้า, ฟ้า), a vowel below
    ฎ ฏ moved down. Other text is unchanged."""
    out: list[str] = []
    base, base_at, upper = "", -1, False
    for i, ch in enumerate(text):
        if ch in _UPPER_LEFT:
            out.append(_UPPER_LEFT[ch] if base in _TALL else ch)
            upper = True
        elif ch in _TONE_LOW:
            high = upper or text[i + 1 : i + 2] == "ำ"
            if high:
                out.append(_TONE_LEFT[ch] if base in _TALL else ch)
            else:
                out.append(_TONE_LOW_LEFT[ch] if base in _TALL else _TONE_LOW[ch])
        elif ch in _LOWER_DOWN:
            if base in _DESCENDING:
                out.append(_LOWER_DOWN[ch])
            else:
                if base in _NO_TAIL and base_at >= 0:
                    out[base_at] = _NO_TAIL[base]
                out.append(ch)
        else:
            base, base_at, upper = ch, len(out), False
            out.append(ch)
    return "".join(out)


@functools.lru_cache(maxsize=1)
def chart_font() -> tuple[str, bool]:
    """(family, positioned marks): the first of :data:`THAI_FONTS` installed with Thai letters and the
    positioned-mark glyphs; else the first with Thai letters (marks as the font draws them)."""
    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font

    thai_only = None
    for family in THAI_FONTS:
        try:
            path = font_manager.findfont(font_manager.FontProperties(family=family), fallback_to_default=False)
        except ValueError:
            continue
        try:
            charmap = FT2Font(path).get_charmap()
        except (OSError, RuntimeError):
            continue
        if _PROBE[0] not in charmap:
            continue
        if all(code in charmap for code in _PROBE):
            return family, True
        thai_only = thai_only or family
    return (thai_only or "DejaVu Sans"), False


def chart_text(text: object) -> str:
    """A label for a chart in :func:`chart_font`: Thai marks positioned when the font can."""
    text = "" if text is None else str(text)
    return thai_marks(text) if chart_font()[1] else text


def chart_rc() -> dict:
    """The matplotlib settings of our charts (for ``matplotlib.rc_context``): the chosen Thai font first."""
    family = chart_font()[0]
    return {"font.family": "sans-serif", "font.sans-serif": [family, *[f for f in THAI_FONTS if f != family]]}


def condition_chart(table, path: str | Path, title: str = "") -> Path:
    """Two bar charts side by side: km of road per condition band, lamps per status (Thai labels)."""
    from matplotlib import rc_context

    with rc_context(chart_rc()):
        return _condition_chart(table, path, title)


def _condition_chart(table, path: str | Path, title: str) -> Path:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter

    fig = Figure(figsize=(10, 4), dpi=150)
    FigureCanvasAgg(fig)
    for k, (kind, unit, colours, heading) in enumerate((
        ("road_km", "กม.", BAND_COLOURS, "ถนนตามระดับสภาพ (กม.)"),
        ("lamps", "ต้น", STATUS_COLOURS, "ไฟฟ้าสาธารณะตามสถานะ (ต้น)"),
    )):  # fmt: skip
        ax = fig.add_subplot(1, 2, k + 1)
        part = table[table["kind"] == kind]
        if len(part) == 0:
            ax.text(0.5, 0.5, chart_text("ไม่มีข้อมูล"), ha="center", va="center", transform=ax.transAxes)
            ax.set_axis_off()
        else:
            bars = ax.barh(
                [chart_text(label) for label in part["label_th"]],
                part["value"],
                color=[colours.get(c, palette.OTHER) for c in part["code"]],
                edgecolor=palette.EDGE,
            )
            ax.invert_yaxis()
            decimals = 2 if kind == "road_km" else 0
            ax.bar_label(bars, labels=[format_number(v, decimals) for v in part["value"]], padding=3)
            ax.set_xlabel(chart_text(unit))
            ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: format_number(v, 0 if v == int(v) else 1)))
            ax.margins(x=0.2)
        ax.set_title(chart_text(heading))
    if title:
        fig.suptitle(chart_text(title))
    fig.tight_layout()
    out = Path(path)
    fig.savefig(out)
    return out
