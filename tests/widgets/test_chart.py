"""Small line charts: round ticks, value ranges, epoch ticks, legends, lines broken at nan."""
import math

import pytest

from autograd_lab.viz.render_svg import Canvas
from autograd_lab.widgets.chart import (COLORS, LEGEND_ROW, PLOT_H, PLOT_W, epoch_ticks, label_box, legend_height,
                                        legend_layout, line_chart, nice_ticks, number_text, value_range)


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
    assert places[:2] == [(0.0, 0), (pytest.approx(20 + 4 * 7.3 + 12), 0)]
    assert [row for _, row in places] == [0] * 5 + [1] * 5  # 61.2 px an entry
    assert all(dx + 20 + 4 * 7.3 <= PLOT_W for dx, _ in places)
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
    assert ticks == ["-1e+308", "0", "1e+308"]


# -- numbers and value labels -------------------------------------------------------------------
def test_ticks_of_whole_numbers_have_no_point():
    canvas = Canvas()
    line_chart(canvas, 100, 50, 3, [("loss", COLORS[0], [21.0, 7.059, 0.0])])
    ticks = [i[3] for i in canvas.items if i[0] == "text" and i[8] == "end"]
    assert ticks == ["0", "10", "20"]
    assert number_text(-17.0) == "-17" and number_text(0.5) == "0.5" and number_text(-0.54843) == "-0.5484"


def value_labels(canvas, x, y):
    """``[(lx, ly, text)]`` of the value labels of the plot at (x, y): centred texts inside its frame."""
    return [(i[1], i[2], i[3]) for i in canvas.items
            if i[0] == "text" and i[8] == "middle" and x <= i[1] <= x + PLOT_W and y <= i[2] <= y + PLOT_H]


def overlapping(boxes):
    return [(a, b) for k, a in enumerate(boxes) for b in boxes[k + 1:]
            if a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]]


LESSON_06_LINEAR = [  # GradAccumulation("linear", epochs=8, reset="param.grad.zero_()", lr=0.05): .grad
    ("w", COLORS[0], [-17.0, -9.85, -5.705, -3.302, -1.909, -1.102, -0.6339, -0.3628]),
    ("b", COLORS[1], [-8.0, -4.65, -2.708, -1.581, -0.9276, -0.5484, -0.3283, -0.2004]),
]


@pytest.mark.parametrize("series", [
    LESSON_06_LINEAR,
    [("loss", COLORS[0], [-0.544, -0.3252, -0.1983, -0.1201, -0.0735, -0.0451, -0.0277, -0.017])],
    [("a", COLORS[0], [1.0001, 1.0002, 1.0003, 1.0004, 1.0005, 1.0006, 1.0007, 1.0008]),
     ("b", COLORS[1], [1.0008, 1.0007, 1.0006, 1.0005, 1.0004, 1.0003, 1.0002, 1.0001]),
     ("c", COLORS[2], [1.0004] * 8)],
])
def test_no_two_value_labels_overlap_and_none_covers_a_point(series):
    canvas = Canvas()
    plot = line_chart(canvas, 100, 50, 8, series, value_labels=True)
    labels = value_labels(canvas, 100, 50)
    assert labels
    boxes = [label_box(lx, ly, text) for lx, ly, text in labels]
    assert overlapping(boxes) == []
    for _, _, values in series:
        for e, v in enumerate(values, 1):
            point = (plot.px(e) - 3, plot.py(v) - 3, plot.px(e) + 3, plot.py(v) + 3)
            assert [b for b in boxes if overlapping([b, point])] == []
    assert all(100 <= b[0] and b[2] <= 100 + PLOT_W and 50 <= b[1] and b[3] <= 50 + PLOT_H for b in boxes)


def test_each_line_keeps_the_labels_of_its_ends():
    canvas = Canvas()
    line_chart(canvas, 100, 50, 8, LESSON_06_LINEAR, value_labels=True)
    shown = [t for _, _, t in value_labels(canvas, 100, 50)]
    assert {"-17", "-0.3628", "-8", "-0.2004"} <= set(shown)
    assert len(shown) < 16  # some middle labels are left out: they would collide


def test_label_box_measures_text_as_the_renderer_does():
    assert label_box(100, 50, "-0.5484") == (100 - 7 * 7.3 / 2 - 1, 50 - 12 + 3, 100 + 7 * 7.3 / 2 + 1, 53)
