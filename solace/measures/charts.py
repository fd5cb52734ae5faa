"""Trajectory charts as server-side SVG geometry: no JavaScript, no chart library, nothing from another server.

`trajectory_chart` turns a series of scores into coordinates; `measures/partials/_chart.html` draws them with a
<title>, a <desc> and a data table, so the chart reads the same without sight.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from solace.domain.instruments import Comparison, Instrument, Number, SeverityBand

WIDTH, HEIGHT = 560, 260
LEFT, RIGHT, TOP, BOTTOM = 44, 130, 14, 40
PLOT_WIDTH, PLOT_HEIGHT = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
TONES = 5
SYMBOLS = {Comparison.AT_OR_ABOVE: "\u2265", Comparison.ABOVE: ">", Comparison.AT_OR_BELOW: "\u2264",
           Comparison.BELOW: "<"}
"""A cut-off line is labelled with its comparison and threshold ("\u2265 10"): words in any language."""


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    value: Number
    value_label: str
    when: datetime
    when_label: str
    band_label: str


@dataclass(frozen=True)
class BandArea:
    y: float
    height: float
    label: str
    label_y: float
    tone: int
    """1 (best) to 5 (worst), whichever direction the instrument scores in."""


@dataclass(frozen=True)
class Line:
    y: float
    label: str

    @property
    def label_y(self) -> float:
        return round(self.y - 4, 1)


@dataclass(frozen=True)
class Tick:
    position: float
    label: str
    anchor: str = "middle"


@dataclass(frozen=True)
class Chart:
    key: str
    title: str
    description: str
    points: tuple[Point, ...]
    bands: tuple[BandArea, ...]
    cut_offs: tuple[Line, ...]
    y_ticks: tuple[Tick, ...]
    x_ticks: tuple[Tick, ...]
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    top: int = TOP
    plot_width: int = PLOT_WIDTH
    plot_height: int = PLOT_HEIGHT

    @property
    def polyline(self) -> str:
        return " ".join(f"{point.x:.1f},{point.y:.1f}" for point in self.points)

    @property
    def plot_right(self) -> int:
        return self.left + self.plot_width

    @property
    def plot_bottom(self) -> int:
        return self.top + self.plot_height

    @property
    def label_x(self) -> int:
        return self.plot_right + 6


def _shown(value: Number) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".") if isinstance(value, float) else str(value)


class _Scale:
    def __init__(self, low: Number, high: Number, moments: Sequence[datetime]) -> None:
        self.low, self.high = low, high
        self.first: datetime | None = min(moments) if moments else None
        self.last: datetime | None = max(moments) if moments else None

    def y(self, value: Number) -> float:
        span = (self.high - self.low) or 1
        return round(TOP + (self.high - value) / span * PLOT_HEIGHT, 1)

    def x(self, moment: datetime) -> float:
        if self.first is None or self.last is None or self.first == self.last:
            return LEFT + PLOT_WIDTH / 2
        return round(LEFT + (moment - self.first) / (self.last - self.first) * PLOT_WIDTH, 1)


def _tone(index: int, count: int, higher_is_better: bool | None) -> int:
    rank = index if not higher_is_better else count - 1 - index
    return 1 + round(rank * (TONES - 1) / (count - 1)) if count > 1 else 1


def _bands(instrument: Instrument, scale: _Scale) -> tuple[BandArea, ...]:
    bands = instrument.severity_bands
    areas = []
    for index, band in enumerate(bands):
        upper = bands[index + 1].lower if index + 1 < len(bands) else scale.high
        lower = band.lower if index else scale.low
        top, bottom = scale.y(upper), scale.y(lower)
        areas.append(BandArea(y=top, height=round(bottom - top, 1), label=band.label,
                              label_y=round((top + bottom) / 2 + 4, 1),
                              tone=_tone(index, len(bands), instrument.higher_is_better)))
    return tuple(areas)


def trajectory_chart(
    *,
    key: str,
    instrument: Instrument,
    title: str,
    value_range: tuple[Number, Number],
    series: Sequence[tuple[datetime, Number]],
    label_for: Callable[[datetime], str],
    describe: Callable[[Sequence[Point]], str],
    with_bands: bool = True,
    band_name: Callable[[SeverityBand], str] = lambda band: band.label,
) -> Chart:
    """Coordinates for one series of scores over time. Severity bands and cut-offs of the total are drawn only
    for the total (`with_bands`); subscales have none published."""
    low, high = value_range
    scale = _Scale(low, high, [moment for moment, _value in series])
    points = tuple(
        Point(x=scale.x(moment), y=scale.y(value), value=value, value_label=_shown(value), when=moment,
              when_label=label_for(moment),
              band_label=(band_name(band) if with_bands and (band := instrument.band_for(value)) else ""))
        for moment, value in series
    )
    cut_offs = tuple(
        Line(y=scale.y(cut_off.threshold), label=f"{SYMBOLS[cut_off.comparison]} {_shown(cut_off.threshold)}")
        for cut_off in instrument.cut_offs if low <= cut_off.threshold <= high
    ) if with_bands else ()
    y_ticks = tuple(Tick(position=scale.y(value), label=_shown(value)) for value in _tick_values(low, high))
    x_ticks = _x_ticks(points)
    return Chart(key=key, title=title, description=describe(points), points=points,
                 bands=_bands(instrument, scale) if with_bands else (), cut_offs=cut_offs,
                 y_ticks=y_ticks, x_ticks=x_ticks)


def _x_ticks(points: Sequence[Point]) -> tuple[Tick, ...]:
    """The first and last dates under the axis (one, centred, when there is a single result)."""
    if not points:
        return ()
    if len(points) == 1 or points[0].when == points[-1].when:
        return (Tick(points[0].x, points[0].when_label),)
    return (Tick(points[0].x, points[0].when_label, "start"), Tick(points[-1].x, points[-1].when_label, "end"))


TICK_STEPS = (0.25, 0.5, 1, 2, 5, 10, 20, 25, 50, 100)
MAX_TICKS = 7


def _tick_values(low: Number, high: Number) -> list[Number]:
    """Round values for the y axis: the smallest step from TICK_STEPS that gives at most MAX_TICKS ticks."""
    span = high - low
    step: Number = next((s for s in TICK_STEPS if span / s < MAX_TICKS), span or 1)
    first = math.ceil(low / step) * step
    count = int((high - first) // step) + 1
    return [_whole(first + index * step) for index in range(count)]


def _whole(value: float) -> Number:
    return int(value) if float(value).is_integer() else round(value, 2)
