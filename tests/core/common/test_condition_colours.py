"""The condition colours read on white paper, on a basemap and for colour-blind readers.

WCAG 2 relative-luminance contrast; colour-vision deficiencies simulated with the Machado, Oliveira &
Fernandes (2009) matrices at full severity on linear sRGB; distances in CIELAB (D65, ΔE*76)."""

import itertools
import math

import pytest

from cddp_plugin.core.common import palette
from cddp_plugin.core.workspace import schema

WHITE, MID_GREY = "#ffffff", "#808080"
BANDS = [str(c) for c in schema.DOMAINS["condition_band"].codes()]  # good → failed
RAMP = [palette.COLOURS["condition_band"][b] for b in BANDS]

MACHADO = {  # severity 1.0, applied to linear RGB
    "protanopia": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216), (-0.003882, -0.048116, 1.051998)),
    "deuteranopia": ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413), (-0.011820, 0.042940, 0.968881)),
    "tritanopia": ((1.255528, -0.076749, -0.178779), (-0.078411, 0.930809, 0.147602), (0.004733, 0.691367, 0.303900)),
}
VISIONS = (None, "protanopia", "deuteranopia", "tritanopia")
MIN_CONTRAST_ON_WHITE = 3.0  # WCAG 2.1 non-text contrast (1.4.11)
MIN_ADJACENT_DE = 12.0  # neighbouring bands, for every vision (ΔE*76 ≈ 2.3 is a just-noticeable difference)
MIN_ANY_DE = 12.0  # any two bands, for normal vision, protanopia and deuteranopia
MIN_DE_FROM_GREY = 30.0  # a band is never mistaken for a grey basemap


def linear(hex_colour: str) -> list[float]:
    out = []
    for i in (1, 3, 5):
        c = int(hex_colour[i : i + 2], 16) / 255
        out.append(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4)
    return out


def luminance(hex_colour: str) -> float:
    r, g, b = linear(hex_colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def lab(hex_colour: str, vision: str | None = None) -> tuple[float, float, float]:
    rgb = linear(hex_colour)
    if vision:
        m = MACHADO[vision]
        rgb = [min(1.0, max(0.0, sum(m[i][j] * rgb[j] for j in range(3)))) for i in range(3)]
    r, g, b = rgb
    x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047
    y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b
    z = (0.0193339 * r + 0.1191920 * g + 0.9503041 * b) / 1.08883

    def f(t):
        return t ** (1 / 3) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def delta_e(a: str, b: str, vision: str | None = None) -> float:
    return math.dist(lab(a, vision), lab(b, vision))


def test_the_helpers_measure_what_they_say():
    assert contrast("#000000", WHITE) == pytest.approx(21.0)
    assert contrast(WHITE, WHITE) == pytest.approx(1.0)
    assert lab(WHITE)[0] == pytest.approx(100.0, abs=0.01)
    # red and green, far apart for normal vision, nearly meet for a deuteranope
    assert delta_e("#d62728", "#2ca02c") > 80
    assert delta_e("#cc3311", "#669900", "deuteranopia") < delta_e("#cc3311", "#669900") / 3


def test_the_old_ramp_would_fail():
    """ColorBrewer RdBu, used before: fair and poor were near-white on a white page."""
    old = {"fair": "#d1e5f0", "poor": "#fddbc7"}
    assert all(contrast(c, WHITE) < 1.5 for c in old.values())


@pytest.mark.parametrize("band", BANDS)
def test_every_band_reads_on_white(band):
    c = palette.COLOURS["condition_band"][band]
    assert contrast(c, WHITE) >= MIN_CONTRAST_ON_WHITE, (band, c, round(contrast(c, WHITE), 2))


@pytest.mark.parametrize("band", BANDS)
def test_every_band_reads_on_a_mid_grey_basemap(band):
    """The casing carries the edge (≥ 3:1 on the grey); the band's colour stays clearly not grey."""
    c = palette.COLOURS["condition_band"][band]
    assert contrast(palette.CONDITION_CASING, MID_GREY) >= 3.0
    assert delta_e(c, MID_GREY) >= MIN_DE_FROM_GREY, (band, c)


@pytest.mark.parametrize("vision", VISIONS)
def test_neighbouring_bands_differ_for_every_vision(vision):
    for (a, ca), (b, cb) in itertools.pairwise(zip(BANDS, RAMP, strict=True)):
        d = delta_e(ca, cb, vision)
        assert d >= MIN_ADJACENT_DE, (vision or "normal", a, b, round(d, 1))


@pytest.mark.parametrize("vision", (None, "protanopia", "deuteranopia"))
def test_no_two_bands_look_alike(vision):
    for (a, ca), (b, cb) in itertools.combinations(zip(BANDS, RAMP, strict=True), 2):
        assert delta_e(ca, cb, vision) >= MIN_ANY_DE, (vision or "normal", a, b)


def test_bands_stay_ordered_from_fair_to_failed_in_lightness():
    """Past 'fair' each worse band is darker, so the order holds in greyscale print and for every vision."""
    tail = RAMP[BANDS.index("fair") :]
    for vision in VISIONS:
        lightness = [lab(c, vision)[0] for c in tail]
        assert lightness == sorted(lightness, reverse=True), vision or "normal"
    assert lab(RAMP[0])[0] < lab(RAMP[1])[0] < lab(RAMP[2])[0]  # dark blue → lighter blue → ochre


def test_plan_colours_read_on_white_and_differ():
    assert contrast(palette.PLAN_CHOSEN, WHITE) >= 4.5
    assert delta_e(palette.PLAN_CHOSEN, palette.PLAN_NOT_CHOSEN, "deuteranopia") >= 20
    for c in RAMP:  # the plan's colour is not one of the condition colours
        assert delta_e(palette.PLAN_CHOSEN, c) >= 15
