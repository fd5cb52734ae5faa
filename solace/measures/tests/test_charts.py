"""Chart geometry: bands in the instrument's direction, points inside the plot, round axis values."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from solace.domain.instruments import get_instrument
from solace.measures.charts import LEFT, PLOT_HEIGHT, PLOT_WIDTH, TOP, trajectory_chart

START = datetime(2026, 1, 5, 9, tzinfo=UTC)


def _chart(code, values, **kwargs):
    instrument = get_instrument(code)
    series = [(START + timedelta(weeks=n), value) for n, value in enumerate(values)]
    assert instrument.total_range is not None
    return trajectory_chart(key="total", instrument=instrument, title="t", value_range=instrument.total_range,
                            series=series, label_for=lambda moment: moment.strftime("%d %b"),
                            describe=lambda points: f"{len(points)} points", **kwargs)


def test_phq9_bands_run_from_best_to_worst():
    chart = _chart("phq9", [18, 12, 9])
    assert [(band.label, band.tone) for band in chart.bands] == [
        ("Minimal", 1), ("Mild", 2), ("Moderate", 3), ("Moderately severe", 4), ("Severe", 5)]
    assert chart.bands[0].y + chart.bands[0].height == TOP + PLOT_HEIGHT  # minimal sits on the axis
    assert chart.bands[-1].y == TOP  # severe reaches the top
    assert [tick.label for tick in chart.y_ticks] == ["0", "5", "10", "15", "20", "25"]
    assert [line.label for line in chart.cut_offs] == ["\u2265 10"]
    assert chart.description == "3 points"


def test_points_span_the_plot_in_time_order():
    chart = _chart("phq9", [27, 0, 13])
    xs = [point.x for point in chart.points]
    assert xs[0] == LEFT and xs[-1] == LEFT + PLOT_WIDTH and xs == sorted(xs)
    assert chart.points[0].y == TOP and chart.points[1].y == TOP + PLOT_HEIGHT
    assert [point.band_label for point in chart.points] == ["Severe", "Minimal", "Moderate"]
    assert chart.polyline.count(",") == 3
    assert [(tick.label, tick.anchor) for tick in chart.x_ticks] == [("05 Jan", "start"), ("19 Jan", "end")]


def test_a_single_point_is_centred():
    chart = _chart("gad7", [7])
    assert chart.points[0].x == LEFT + PLOT_WIDTH / 2
    assert [(tick.label, tick.anchor) for tick in chart.x_ticks] == [("05 Jan", "middle")]


def test_higher_is_better_flips_the_tones():
    chart = _chart("scs_sf", [2.25, 3.5833333])
    assert [(band.label, band.tone) for band in chart.bands] == [("Low", 5), ("Moderate", 3), ("High", 1)]
    assert chart.points[1].value_label == "3.58"
    assert [tick.label for tick in chart.y_ticks] == ["1", "2", "3", "4", "5"]


def test_subscale_charts_have_no_bands():
    chart = _chart("phq9", [3], with_bands=False)
    assert chart.bands == () and chart.cut_offs == () and chart.points[0].band_label == ""
