"""Small line charts: round ticks, value ranges, epoch ticks, legends, lines broken at nan."""
import math

import pytest

from autograd_lab.viz.render_svg import Canvas
from autograd_lab.widgets.chart import (COLORS, LEGEND_ROW, PLOT_W, epoch_ticks, legend_height, legend_layout,
                                        line_chart, nice_ticks, value_range)


@pytest.mark.parametrize("lo, hi, ticks", [
    (-0.8, 0.75, [-0.5, 0.0, 0.5]),
    (2.48, 10.24, [4.0, 6.0, 8.0, 10.0]),
    (0.1, 0.75, [0.2, 0.4, 0.6]),  # 0.6, not 0.6000000000000001
    (0.0, 1.0, [0.0, 0.25, 0.5, 0.75, 1.0]),
    (2.7e8, 3.3e8, [2.8e8, 3.0e8, 3.2e8]),
    (-1.7e308, 1.7e308, [-1e308, 0.0, 1e308]),  # no overflow at the float limit
])
def test_nice_ticks_are_multiples_of_1_2_2_5_or_5(lo, hi, ticks):
    assert nice_ticks(lo, hi) == ticks


def test_value_range_of_a_series():
    assert value_range([0.7, -0.8, 0.1]) == (-0.8, 0.7)
    assert value_range([3.0, 3.0, 3.0]) == (2.7, 3.3)
    assert value_range([0.0, 0.0]) == (-1.0, 1.0)
    assert value_range([float("nan"), float("inf"), 2.0, -float("inf")]) == (1.8, 2.2)
    assert value_range([float("nan")]) == (-1.0, 1.0)


def test_epoch_ticks_all_up_to_12_then_six():
    assert epoch_ticks(1) == [1]
    assert epoch_ticks(12) == list(range(1, 13))
    assert epoch_ticks(13) == [1, 3, 6, 8, 11, 13]
    assert epoch_ticks(50) == [1, 11, 21, 30, 40, 50]


def test_legend_wraps_to_the_plot_width():
    names = [f"w[{i}]" for i in range(10)]
    places = legend_layout(names)
    assert places[:2] == [(0.0, 0), (pytest.approx(20 + 4 * 6.1 + 12), 0)]
    assert [row for _, row in places] == [0] * 5 + [1] * 5  # 56.4 px an entry
    assert all(dx + 20 + 4 * 6.1 <= PLOT_W for dx, _ in places)
    assert legend_height(names) == 2 * LEGEND_ROW and legend_height(["w"]) == LEGEND_ROW


def test_a_line_breaks_where_a_value_is_not_finite():
    canvas = Canvas()
    line_chart(canvas, 100, 50, 5, [("w", COLORS[0], [1.0, 2.0, float("nan"), 4.0, 5.0])])
    runs = [i[1] for i in canvas.items if i[0] == "polyline" and i[2] == COLORS[0]]
    assert [len(r) for r in runs] == [2, 2]
    assert sum(1 for i in canvas.items if i[0] == "circle") == 4
    assert "1 nan/inf not drawn" in [i[3] for i in canvas.items if i[0] == "text"]


def test_values_at_the_float_limit_stay_on_the_canvas():
    canvas = Canvas()
    plot = line_chart(canvas, 100, 50, 3, [("w", COLORS[0], [-1.7e308, 0.0, 1.7e308])])
    assert [plot.py(v) for v in (-1.7e308, 0.0, 1.7e308)] == [50 + 140, 50 + 75, 50 + 10]
    coords = [v for i in canvas.items if i[0] in ("rect", "text", "circle") for v in i[1:3]]
    assert all(math.isfinite(v) for v in coords)
    ticks = [i[3] for i in canvas.items if i[0] == "text" and i[8] == "end"]
    assert ticks == ["-1e+308", "0.", "1e+308"]
