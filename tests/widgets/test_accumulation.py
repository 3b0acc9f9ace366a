"""Gradient accumulation across epochs: 3, 6, 9 without a reset, 3, 3, 3 with one."""
import math
import subprocess
import sys

import pytest

import autograd_lab
from autograd_lab.viz.render_svg import STYLE
from autograd_lab.widgets import GradAccumulation
from autograd_lab.widgets.chart import COLORS, LINE_WIDTH, PLOT_H, PLOT_W


@pytest.mark.parametrize("reset", ["optimizer.zero_grad()", "param.grad.zero_()"])
def test_grads_pile_up_without_reset_and_stay_with_it(reset):
    acc = GradAccumulation("times3", epochs=3, reset=reset, lr=0.1)
    assert acc.history[reset]["grad"] == {"w": [3.0, 3.0, 3.0]}
    assert acc.history["never"]["grad"] == {"w": [3.0, 6.0, 9.0]}


def test_values_and_loss_show_what_piling_up_does_to_training():
    acc = GradAccumulation("times3", epochs=3, lr=0.1)
    assert acc.text.splitlines() == [
        "<GradAccumulation times3: SGD(lr=0.1), 3 epochs>",
        "reset with optimizer.zero_grad():",
        "  w.grad per epoch: 3., 3., 3.",
        "  w per epoch: 0.7, 0.4, 0.1",
        "  loss per epoch: 3., 2.1, 1.2",
        "never reset:",
        "  w.grad per epoch: 3., 6., 9.",
        "  w per epoch: 0.7, 0.1, -0.8",
        "  loss per epoch: 3., 2.1, 0.3",
    ]


def test_choosing_never_compares_with_zero_grad():
    acc = GradAccumulation("times3")
    acc.reset = "never"
    assert acc.columns == ["never", "optimizer.zero_grad()"]


def test_changing_epochs_redraws_the_plot():
    acc = GradAccumulation("times3", epochs=3)
    acc.controls["epochs"].value = 4
    assert acc.epochs == 4
    assert acc.history["never"]["grad"]["w"] == [3.0, 6.0, 9.0, 12.0]
    assert acc.svg.startswith('<svg xmlns="http://www.w3.org/2000/svg"')
    assert ">never reset</text>" in acc.svg and ">12</text>" in acc.svg
    assert acc._picture.value == acc.svg


def test_svg_is_the_same_for_the_same_state():
    a, b = GradAccumulation("times3"), GradAccumulation("times3")
    assert a.svg == b.svg
    a.epochs = 5
    a.epochs = 3
    assert a.svg == b.svg


def test_svg_bytes_are_the_same_in_two_processes():
    code = ("import sys\nfrom autograd_lab.widgets import GradAccumulation\n"
            "sys.stdout.write(GradAccumulation('linear', epochs=6, reset='never').svg)")
    run = lambda: subprocess.run([sys.executable, "-c", code], capture_output=True, check=True).stdout  # noqa: E731
    first = run()
    assert first == run() and b"0x" not in first


def test_a_redraw_imports_no_matplotlib():
    code = ("import sys\nfrom autograd_lab.widgets import GradAccumulation\n"
            "acc = GradAccumulation('linear')\nacc.epochs = 12\nacc.reset = 'never'\nacc.lr = 0.02\n"
            "print('matplotlib' in sys.modules, acc.svg.count('<polyline'))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split()[0] == "False" and int(out.split()[1]) > 0


# -- the picture: read from the canvas's items ----------------------------------------------------
def plots(canvas):
    """Top-left corners of the six plot areas: rows .grad, value, loss; left column first."""
    return [(i[1], i[2]) for i in canvas.items if i[0] == "rect" and i[5] == STYLE["plot"][0]]


def points(canvas):
    """``{tooltip: (x, y)}`` of every plotted point."""
    return {a[1]: (b[1], b[2]) for a, b in zip(canvas.items, canvas.items[1:]) if a[0] == "group" and b[0] == "circle"}


def texts(canvas):
    """``[(x, y, text, size, anchor, angle)]`` in drawing order."""
    return [(i[1], i[2], i[3], i[7], i[8], i[9]) for i in canvas.items if i[0] == "text"]


def lines(canvas, color):
    return [i[1] for i in canvas.items if i[0] == "polyline" and i[2] == color and i[3] == LINE_WIDTH]


def epoch_labels(canvas, plot):
    """The epoch ticks under ``plot``: ``[(x, label)]``."""
    x, y = plot
    return [(tx, s) for tx, ty, s, *_ in texts(canvas) if ty == y + PLOT_H + 16 and x <= tx <= x + PLOT_W]


def ticks(canvas, plot):
    """The value ticks left of ``plot``: ``[(label, y)]``, bottom to top."""
    x, y = plot
    return [(s, ty - 4) for tx, ty, s, size, anchor, _ in texts(canvas)
            if anchor == "end" and tx == x - 6 and y <= ty - 4 <= y + PLOT_H]


def test_points_map_epochs_left_to_right_and_values_bottom_to_top():
    acc = GradAccumulation("times3", epochs=3)
    c = acc.canvas()
    x, y = plots(c)[1]  # .grad, never reset: 3, 6, 9
    tooltip = "never reset, .grad after backward(): w at epoch {}: {}"
    drawn = [points(c)[tooltip.format(e, v)] for e, v in [(1, "3"), (2, "6"), (3, "9")]]
    # 18 px in from the frame's sides; 9 is 26 px below its top (room for the label), 3 is 10 px above its bottom
    assert drawn == [(x + 18, y + 140), (x + 160, y + 83), (x + 302, y + 26)]
    assert drawn in lines(c, COLORS[0])


def test_value_ticks_are_round_numbers_where_they_belong():
    acc = GradAccumulation("times3", epochs=3)
    c = acc.canvas()
    x, y = plots(c)[1]
    assert [s for s, _ in ticks(c, (x, y))] == ["4", "6", "8", "10"]
    for s, ty in ticks(c, (x, y)):  # 3 at y + 140, 9 at y + 26
        assert ty == pytest.approx(y + 140 - (float(s) - 3) / 6 * 114)


def test_epoch_ticks_sit_under_their_points():
    acc = GradAccumulation("times3", epochs=3)
    c = acc.canvas()
    x, y = plots(c)[4]  # loss, left column
    assert epoch_labels(c, (x, y)) == [(x + 18, "1"), (x + 160, "2"), (x + 302, "3")]


def test_many_epochs_get_about_six_epoch_ticks_and_no_value_labels():
    acc = GradAccumulation("times3", epochs=50)
    c = acc.canvas()
    x, y = plots(c)[1]
    assert [s for _, s in epoch_labels(c, (x, y))] == ["1", "11", "21", "30", "40", "50"]
    assert len(points(c)) == 6 * 50
    assert "147" not in [t[2] for t in texts(c)]  # .grad at epoch 49 without reset, not a tick value


def test_values_are_written_above_their_points_up_to_8_epochs():
    c = GradAccumulation("times3", epochs=8).canvas()
    px, py = points(c)["never reset, .grad after backward(): w at epoch 8: 24"]
    assert (px, py - 7, "24", 12, "middle", 0) in texts(c)
    c = GradAccumulation("times3", epochs=9).canvas()
    assert "27" not in [t[2] for t in texts(c)]
    assert "never reset, .grad after backward(): w at epoch 9: 27" in points(c)


def test_the_lower_of_two_lines_has_its_labels_below():
    c = GradAccumulation("linear", epochs=2, lr=0.05).canvas()
    texts_ = texts(c)
    wx, wy = points(c)["reset: optimizer.zero_grad(), value after step(): w at epoch 1: 0.85"]
    bx, by = points(c)["reset: optimizer.zero_grad(), value after step(): b at epoch 1: 0.4"]
    assert (wx, wy - 7, "0.85", 12, "middle", 0) in texts_
    assert (bx, by + 15, "0.4", 12, "middle", 0) in texts_


def test_titles_row_labels_legends_and_axis_names():
    acc = GradAccumulation("linear", epochs=3, reset="param.grad.zero_()", lr=0.05)
    c = acc.canvas()
    words = [t[2] for t in texts(c)]
    assert words[0] == "linear: SGD(lr=0.05), 3 epochs"
    assert words.count("reset: param.grad.zero_()") == 1 and words.count("never reset") == 1
    upward = [t[2] for t in texts(c) if t[5] == -90]
    assert upward == [".grad after backward()", "value after step()", "loss"]
    assert words.count("w") == 4 and words.count("b") == 4 and words.count("epoch") == 2
    assert words.count("loss") == 3  # the row label and the two loss legends
    assert 'transform="rotate(-90 ' in acc.svg
    assert "font-size=" not in acc.svg.split(">", 1)[1]  # every text at the picture's 12 px


def test_a_constant_series_sits_mid_height_with_ticks_around_it():
    c = GradAccumulation("times3", epochs=3).canvas()
    x, y = plots(c)[0]  # .grad with zero_grad: 3, 3, 3
    pts = [points(c)[f"reset: optimizer.zero_grad(), .grad after backward(): w at epoch {e}: 3"] for e in (1, 2, 3)]
    assert [px for px, _ in pts] == [x + 18, x + 160, x + 302]
    assert [py for _, py in pts] == pytest.approx([y + 83] * 3)  # halfway between y + 26 and y + 140
    assert [s for s, _ in ticks(c, (x, y))] == ["2.8", "3", "3.2", "3.4"]  # 3.4: the room for labels


def test_a_single_epoch_is_drawn_in_the_middle():
    c = GradAccumulation("times3", epochs=1).canvas()
    x, y = plots(c)[1]
    assert points(c)["never reset, .grad after backward(): w at epoch 1: 3"] == (x + 160, pytest.approx(y + 83))
    assert all(len(pts) == 2 for pts in lines(c, COLORS[0]))  # only the legend's samples: one point, no line
    assert epoch_labels(c, (x, y)) == [(x + 160, "1")]


def test_nan_and_inf_are_left_out_and_counted():
    w = autograd_lab.tensor([1.], requires_grad=True)
    acc = GradAccumulation(lambda p: p["w"].sqrt().sum(), params={"w": w}, epochs=5, lr=1.0)
    assert [format(v, ".4g") for v in acc.history["never"]["grad"]["w"]] == ["0.5", "1.207", "nan", "nan", "nan"]
    c = acc.canvas()
    assert sorted(k for k in points(c) if k.startswith("never reset, .grad")) == [
        "never reset, .grad after backward(): w at epoch 1: 0.5",
        "never reset, .grad after backward(): w at epoch 2: 1.207"]
    assert [t[2] for t in texts(c)].count("3 nan/inf not drawn") == 6
    numbers = [v for item in c.items for v in item[1:] if isinstance(v, float)]
    numbers += [v for item in c.items if item[0] == "polyline" for pt in item[1] for v in pt]
    assert all(math.isfinite(v) for v in numbers)


def test_large_values_get_ticks_in_scientific_notation():
    w = autograd_lab.tensor([1.], requires_grad=True)
    acc = GradAccumulation(lambda p: (p["w"] * 1e30).sum(), params={"w": w}, epochs=3, lr=0.0)
    c = acc.canvas()
    x, y = plots(c)[1]
    assert [s for s, _ in ticks(c, (x, y))] == ["1e+30", "2e+30", "3e+30"]
    drawn = [points(c)[f"never reset, .grad after backward(): w at epoch {e}: {v}"]
             for e, v in [(1, "1e+30"), (2, "2e+30"), (3, "3e+30")]]
    assert [px for px, _ in drawn] == [x + 18, x + 160, x + 302]
    assert [py for _, py in drawn] == pytest.approx([y + 140, y + 83, y + 26])


def test_each_element_of_a_parameter_is_a_line_up_to_four():
    w = autograd_lab.tensor([1., 2., 3., 4., 5., 6.], requires_grad=True)
    c = GradAccumulation(lambda p: (p["w"] * 2).sum(), params={"w": w}, epochs=2).canvas()
    legend = [t[2] for t in texts(c) if t[2].startswith("w")]
    assert legend == ["w[0]", "w[1]", "w[2]", "w[3]"] * 4
    assert [len(lines(c, color)) for color in COLORS[:5]] == [4 + 4, 4 + 4, 4 + 4, 4 + 4, 0]  # legend + plot


def test_save_writes_the_svg_and_a_png(tmp_path):
    acc = GradAccumulation("times3")
    acc.save(tmp_path / "a.svg")
    assert (tmp_path / "a.svg").read_text() == acc.svg
    acc.save(tmp_path / "a.png")
    assert (tmp_path / "a.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_user_loss_function_with_its_parameters():
    w = autograd_lab.tensor([2., -1.], requires_grad=True)
    acc = GradAccumulation(lambda p: (p["w"] * p["w"]).sum(), params={"w": w}, epochs=2, lr=0.0)
    assert acc.history["never"]["grad"]["w"] == [[4.0, -2.0], [8.0, -4.0]]
    assert w.grad is None


def test_real_torch_gives_the_same_history():
    torch = pytest.importorskip("torch")
    lab = GradAccumulation("linear", epochs=4, lr=0.05)
    real = GradAccumulation("linear", epochs=4, lr=0.05, library=torch)
    assert real.text == lab.text


def test_unknown_example_is_an_error_listing_the_examples():
    with pytest.raises(ValueError, match=r"^unknown example 'quad': choose one of 'times3', 'linear' or pass a "
                                         r"function loss_fn\(params\) and params=\{name: tensor\}$"):
        GradAccumulation("quad")


def test_unknown_reset_is_refused():
    acc = GradAccumulation("times3")
    with pytest.raises(Exception, match=r"^unknown reset 'zero'"):
        acc.reset = "zero"


def test_a_parameter_that_is_not_a_trainable_leaf_is_an_error():
    x = autograd_lab.tensor([1.], requires_grad=True)
    with pytest.raises(ValueError, match=r"^parameter 'h' must be a leaf tensor with requires_grad=True"):
        GradAccumulation(lambda p: p["h"].sum(), params={"h": x * 2})


def test_a_loss_that_builds_no_graph_is_an_error():
    w = autograd_lab.tensor([1.], requires_grad=True)
    with pytest.raises(ValueError, match=r"^<lambda> returned a Tensor that does not require grad: the loss must be "
                                         r"computed from the parameters \(it built no graph\)$"):
        GradAccumulation(lambda p: autograd_lab.tensor(1.), params={"w": w})
