"""Thai text pre-wrapped for QGIS: QGIS breaks lines only at ASCII spaces, so long Thai runs off labels and
is cut in table cells. :func:`wrap` breaks at Thai word boundaries (Qt's line breaker uses libthai's
dictionary: ถนน|ใน|หมู่บ้าน|ชำรุด) and measures each line with QGIS's own text renderer."""

from __future__ import annotations

from qgis.core import QgsRenderContext, QgsTextFormat, QgsTextRenderer, QgsUnitTypes
from qgis.PyQt.QtCore import QTextBoundaryFinder
from qgis.PyQt.QtGui import QFont

MEASURE_DPI = 300.0


def measuring_context() -> QgsRenderContext:
    """A render context in which 1 mm is MEASURE_DPI / 25.4 painter units (what a layout renders at)."""
    context = QgsRenderContext()
    context.setScaleFactor(MEASURE_DPI / 25.4)
    return context


def text_format(font: QFont | QgsTextFormat, size_pt: float | None = None) -> QgsTextFormat:
    if isinstance(font, QgsTextFormat):
        return font
    fmt = QgsTextFormat.fromQFont(font)
    fmt.setSizeUnit(QgsUnitTypes.RenderUnit.RenderPoints)
    fmt.setSize(size_pt or (font.pointSizeF() if font.pointSizeF() > 0 else 10.0))
    return fmt


def width_mm(text: str, fmt: QgsTextFormat, context: QgsRenderContext | None = None) -> float:
    """The width of one line of ``text`` in millimetres, as QGIS renders it."""
    context = context or measuring_context()
    return QgsTextRenderer.textWidth(context, fmt, [text]) / context.scaleFactor()


def break_points(text: str) -> list[int]:
    """Positions where a line may break (Unicode line breaking with Thai word boundaries)."""
    finder = QTextBoundaryFinder(QTextBoundaryFinder.BoundaryType.Line, text)
    points = []
    pos = finder.toNextBoundary()
    while 0 < pos <= len(text):
        points.append(pos)
        pos = finder.toNextBoundary()
    return points


def words(text: str) -> list[str]:
    """``"ถนนในหมู่บ้านชำรุด"`` → ``["ถนน", "ใน", "หมู่บ้าน", "ชำรุด"]`` (the pieces between break points;
    a trailing space stays with its word)."""
    out, start = [], 0
    for pos in break_points(text):
        out.append(text[start:pos])
        start = pos
    if start < len(text):
        out.append(text[start:])
    return out


class _Widths:
    """Widths of text in one format, measured once each (a table repeats the same words many times)."""

    def __init__(self, fmt: QgsTextFormat, context: QgsRenderContext):
        self.fmt, self.context, self.cache = fmt, context, {}

    def __call__(self, text: str) -> float:
        w = self.cache.get(text)
        if w is None:
            w = self.cache[text] = width_mm(text, self.fmt, self.context)
        return w


_measures: dict[tuple, _Widths] = {}


def _measure(fmt: QgsTextFormat, context: QgsRenderContext | None) -> _Widths:
    """A cached measurer for ``fmt`` (per font, size and unit) in the default context, else a fresh one."""
    font = fmt.font()
    key = (font.family(), font.bold(), font.italic(), round(fmt.size(), 3), int(fmt.sizeUnit()))
    if context is not None:
        return _Widths(fmt, context)
    m = _measures.get(key)
    if m is None:
        if len(_measures) > 64:
            _measures.clear()
        m = _measures[key] = _Widths(fmt, measuring_context())
    return m


def wrap(text: str, font: QFont | QgsTextFormat, width: float, context: QgsRenderContext | None = None) -> str:
    """``text`` with ``"\\n"`` inserted so that no line is wider than ``width`` mm in ``font`` (a QFont with its
    point size, or a QgsTextFormat). Existing line breaks are kept; a single word wider than ``width`` is
    cut between characters (grapheme clusters, so a tone mark stays on its consonant)."""
    fmt = text_format(font)
    measure = _measure(fmt, context)
    text = str(text)
    if "\n" not in text and measure(text) <= width:  # most cells fit as they are
        return text
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in words(paragraph):
            candidate = line + word
            if not line or measure(candidate.rstrip()) <= width:
                line = candidate
                if measure(line.rstrip()) > width:  # one word alone is too wide
                    pieces = _cut(line, fmt, width, measure.context)
                    lines.extend(pieces[:-1])
                    line = pieces[-1]
                continue
            lines.append(line.rstrip())
            line = word
            if measure(line.rstrip()) > width:
                pieces = _cut(line, fmt, width, measure.context)
                lines.extend(pieces[:-1])
                line = pieces[-1]
        lines.append(line.rstrip())
    return "\n".join(lines)


def _cut(word: str, fmt: QgsTextFormat, width: float, context: QgsRenderContext) -> list[str]:
    finder = QTextBoundaryFinder(QTextBoundaryFinder.BoundaryType.Grapheme, word)
    pieces, start, last = [], 0, 0
    pos = finder.toNextBoundary()
    while 0 < pos <= len(word):
        if width_mm(word[start:pos], fmt, context) > width and last > start:
            pieces.append(word[start:last])
            start = last
        last = pos
        pos = finder.toNextBoundary()
    pieces.append(word[start:])
    return pieces
