"""Every widget of the lessons shown at full size in the course's column: the SVG at most
``viz.settings.width`` (960 px) wide, no text under 12 px, nothing that lets the browser scale it
down, and the stepper one size at every step."""
import ast
import contextlib
import io
import json
import re
from pathlib import Path

import pytest

import autograd_lab
from autograd_lab.viz import settings
from autograd_lab.widgets import BackwardStepper, RetainGradExplorer, StopTrackingExplorer
from autograd_lab.widgets.picture import PictureWidget, unscaled
from autograd_lab.widgets.stop_tracking import MODES

LESSONS = Path(__file__).resolve().parents[2] / "lessons"


def lesson_widgets(path):
    """``{name: widget}`` of every widget the lesson's code cells leave in its namespace (the cells
    run as the lesson runs them, output hidden)."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    ns = {"__name__": "__main__"}
    shown = {}  # widgets a cell shows as its last expression, without a name: "cell <n>"
    with contextlib.redirect_stdout(io.StringIO()):
        for n, cell in enumerate(nb["cells"]):
            if cell["cell_type"] == "code":
                source = "".join(cell["source"])
                if source.lstrip().startswith(("%", "!")):
                    continue
                tree = ast.parse(source)
                last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
                exec(compile(tree, str(path), "exec"), ns)
                if last is not None:
                    value = eval(compile(ast.Expression(last.value), str(path), "eval"), ns)
                    if isinstance(value, PictureWidget):
                        shown[f"cell {n}"] = value
    return {**{k: v for k, v in ns.items() if isinstance(v, PictureWidget)}, **shown}


def using_widgets():
    return [p for p in sorted(LESSONS.glob("*.ipynb")) if "autograd_lab.widgets" in p.read_text(encoding="utf-8")]


def size(svg):
    head = svg.split(">", 1)[0]
    width, height = (float(re.search(rf' {k}="([\d.]+)"', head).group(1)) for k in ("width", "height"))
    view = [float(v) for v in re.search(r'viewBox="([^"]+)"', head).group(1).split()]
    return width, height, view


def smallest_font(svg):
    base = float(re.search(r'<svg[^>]* font-size="([\d.]+)"', svg).group(1))
    return min([base] + [float(v) for v in re.findall(r'<text [^>]*font-size="([\d.]+)"', svg)])


def states(widget):
    """Every state the lesson's widget can show that changes its picture's size: each step of a
    stepper, each choice of retain_grad(), each column alone and all of them."""
    if isinstance(widget, BackwardStepper):
        for k in range(1, widget.n_steps + 1):
            widget.step = k
            yield f"step {k}", widget.svg
    elif isinstance(widget, RetainGradExplorer):
        for r in [[]] + [[n] for n in widget.intermediates] + [list(widget.intermediates)]:
            widget.retained = r
            yield f"retained {r}", widget.svg
    elif isinstance(widget, StopTrackingExplorer):
        for m in widget.modes:
            widget.modes = [m]
            yield m, widget.svg
        widget.modes = list(MODES)
        yield "all", widget.svg
    else:
        yield "as shown", widget.svg


def test_lesson_06_uses_every_widget():
    found = {type(w).__name__ for p in using_widgets() for w in lesson_widgets(p).values()}
    assert found == {"BackwardStepper", "GradAccumulation", "RetainGradExplorer", "StopTrackingExplorer"}


@pytest.mark.parametrize("lesson", using_widgets(), ids=lambda p: p.stem)
def test_every_widget_of_the_lessons_fits_the_column_at_full_size(lesson):
    assert settings.width == 960
    widgets = lesson_widgets(lesson)
    assert widgets
    for name, widget in widgets.items():
        for state, svg in states(widget):
            width, height, view = size(svg)
            assert width <= 960, (name, state, width)
            assert view == [0, 0, width, height], (name, state)  # no scaling: 1 px of the picture is 1 px
            assert smallest_font(svg) >= 12, (name, state)
            assert "max-width: 100%" not in svg
            assert 'style="max-width: none; height: auto"' in svg.split(">")[0]
            assert width == int(width) and height == int(height)


def test_the_stepper_keeps_one_size_at_every_step():
    stepper = lesson_widgets(LESSONS / "06_instruments.ipynb")["stepper"]
    sizes = {size(svg)[:2] for _, svg in states(stepper)}
    assert sizes == {(935.0, 540.0)}  # graph top to bottom, the step's panel beside it


def test_the_arrangement_follows_the_course_width_read_at_each_draw():
    x = autograd_lab.ones(2, 2, requires_grad=True)
    out = (3 * (x + 2) ** 2).mean()
    stepper = BackwardStepper(out, namespace={"x": x, "out": out})
    assert stepper.arrangement() == ("TB", True)
    old = settings.set_width(1600)
    try:
        stepper.step = 2
        assert stepper.arrangement() == ("LR", False)  # the graph left to right, the panel under it
        assert 960 < size(stepper.svg)[0] <= 1600
        settings.set_width(800)
        stepper.step = 3
        assert stepper.arrangement() == ("TB", False)  # the panel under the graph: 803 px, the narrowest
    finally:
        settings.set_width(old)
    stepper.step = 4
    assert size(stepper.svg)[0] == 935


def test_an_explicit_direction_is_kept():
    x = autograd_lab.ones(2, 2, requires_grad=True)
    out = (3 * (x + 2) ** 2).mean()
    stepper = BackwardStepper(out, namespace={"x": x, "out": out}, direction="LR")
    assert stepper.arrangement() == ("LR", False)  # 1,534 px: wider than the column, scrolls
    assert BackwardStepper(out, namespace={"x": x, "out": out}, direction="TB").arrangement() == ("TB", True)
    with pytest.raises(ValueError, match=r"^direction must be 'LR', 'TB' or None"):
        BackwardStepper(out, namespace={"x": x, "out": out}, direction="RL")


def test_the_picture_scrolls_rather_than_shrinks():
    widget = lesson_widgets(LESSONS / "06_instruments.ipynb")["acc"]
    layout = widget._picture.layout
    assert layout.overflow == "auto" and layout.max_width == "100%"


def test_unscaled_replaces_the_shrinking_style():
    svg = '<svg width="10" height="5" viewBox="0 0 10 5" style="max-width: 100%; height: auto"><text>a</text></svg>'
    style = 'style="max-width: none; height: auto"'
    assert unscaled(svg) == f'<svg width="10" height="5" viewBox="0 0 10 5" {style}><text>a</text></svg>'
    assert unscaled('<svg width="10">x</svg>') == f'<svg width="10" {style}>x</svg>'


def test_a_wide_graph_is_laid_out_top_to_bottom_with_its_wide_layers_split():
    ns = {n: autograd_lab.tensor([1., 2., 3.], requires_grad=True) for n in "abcdefgh"}
    out = (ns["a"] * ns["b"] + ns["c"] * ns["d"] + ns["e"] * ns["f"] + ns["g"] * ns["h"]).sum()
    stepper = BackwardStepper(out, namespace=dict(ns, out=out))
    assert stepper.arrangement() == ("TB", False)
    sizes = {size(svg)[:2] for _, svg in states(stepper)}
    assert len(sizes) == 1 and next(iter(sizes))[0] <= 960  # 1,291 px left to right, 1,164 unsplit


def test_indented_lines_keep_their_spaces_in_a_browser():
    svg = ('<svg width="10"><text x="1" y="2">a b</text><text x="1" y="2" font-weight="bold"> b</text>'
           '<text x="1" y="2">a  b</text></svg>')
    assert unscaled(svg).split(">", 1)[1] == ('<text x="1" y="2">a b</text>'
                                              '<text x="1" y="2" font-weight="bold" xml:space="preserve"> b</text>'
                                              '<text x="1" y="2" xml:space="preserve">a  b</text></svg>')
    stepper = lesson_widgets(LESSONS / "06_instruments.ipynb")["stepper"]
    stepper.step = 4
    assert ('xml:space="preserve">  [[2.25, 2.25], [2.25, 2.25]] from MulBackward0 (step 3), for its input self</text>'
            in stepper.svg)
