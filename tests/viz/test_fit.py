"""Pictures fit the notebook's output column and read well (issue 17).

JupyterLab shows a picture as an <img> at its own width and height, so the SVG's ``width`` is
what the learner sees: at default settings every picture of a lesson-sized graph is at most
960 px wide with text of 12 px, a larger graph grows downwards and keeps its text at 11 px or
more, and nothing is shrunk by a viewBox. Also here: the legend lists what the picture uses,
colours keep WCAG's 4.5:1 for text, the picture has its own background, and the bytes of the SVG
and the PNG are the same on every run.
"""
import io
import re
import subprocess
import sys

import pytest
from hypothesis import given, settings as hsettings, strategies as st

import autograd_lab
import autograd_lab.nn  # noqa: F401 - torch.nn in the programs below
from autograd_lab.viz import settings
from autograd_lab.viz.display import GraphPicture, draw
from autograd_lab.viz.fit import fit_layout
from autograd_lab.viz.layout import layered_layout
from autograd_lab.viz.render_svg import BACKGROUND, FREED_TEXT, STYLE, TEXT
from autograd_lab.viz.trace import CellTracer
from autograd_lab.viz.views import DrawGraph, DrawNode

# The graphs lesson 05 draws, cell by cell (lessons/05_seeing_the_graph.ipynb).
CLASSIC = """
x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = x + 2
z = y * y * 3
out = z.mean()
out.backward()
"""
CLASSIC_NO_BACKWARD = CLASSIC.replace("out.backward()\n", "")
ACCUMULATE = """
w = torch.tensor([1.0], requires_grad=True)
for step in range(3):
    loss = (w * 3).sum()
    loss.backward()
"""
ZEROED = """
w = torch.tensor([1.0], requires_grad=True)
for step in range(3):
    if w.grad is not None:
        w.grad.zero_()
    loss = (w * 3).sum()
    loss.backward()
"""
REGRESSION = """
inputs = torch.tensor([[1.0, 2.0], [3.0, -1.0]])
weight = torch.tensor([[0.5], [-0.25]], requires_grad=True)
bias = torch.tensor([0.1], requires_grad=True)
target = torch.tensor([[1.0], [0.0]])
prediction = inputs @ weight + bias
loss = ((prediction - target) ** 2).mean()
"""
# An MLP of two linear layers with its loss, as lesson 07 trains one.
MLP = """
torch.manual_seed(0)
model = torch.nn.Sequential(torch.nn.Linear(4, 8), torch.nn.ReLU(), torch.nn.Linear(8, 1))
x = torch.randn(5, 4)
target = torch.randn(5, 1)
loss = torch.nn.functional.mse_loss(model(x), target)
loss.backward()
"""
# Wide and deep: ten inputs times one weight, stacked, then a chain of ops (36 nodes drawn).
WIDE_AND_DEEP = """
xs = [torch.tensor([float(i)], requires_grad=True) for i in range(N)]
{names}
w = torch.tensor([2.0], requires_grad=True)
h = torch.stack([x * w for x in xs])
for k in range(DEPTH):
    h = (h * 0.5).tanh() if k % 2 else h.sigmoid()
loss = h.sum()
loss.backward()
"""


def wide_and_deep(n, depth):
    names = "\n".join(f"x{i} = xs[{i}]" for i in range(n))
    return WIDE_AND_DEEP.format(names=names).replace("N)", f"{n})").replace("DEPTH", str(depth))


def trace(code):
    ns = {"torch": autograd_lab}
    tracer = CellTracer(ns).start()
    try:
        exec(code, ns)
    finally:
        result = tracer.finish()
    return result.graph


def size(svg):
    """The width and height the SVG says it is."""
    w, h = re.match(r'<svg [^>]*width="([\d.]+)" height="([\d.]+)"', svg).groups()
    return float(w), float(h)


def smallest_text(svg):
    """The smallest font size any text of the SVG has (the root's, or its own)."""
    sizes = [float(re.match(r'<svg [^>]*font-size="([\d.]+)"', svg).group(1))]
    sizes += [float(s) for s in re.findall(r'<text [^>]*font-size="([\d.]+)"', svg)]
    return min(sizes)


LESSON_PICTURES = {
    "classic": (CLASSIC, {}),
    "classic --saved": (CLASSIC, {"saved": True}),
    "classic --autograd": (CLASSIC_NO_BACKWARD, {"autograd": True}),
    "accumulate": (ACCUMULATE, {}),
    "zeroed": (ZEROED, {}),
    "regression": (REGRESSION, {}),
    "regression --no-values --direction TB": (REGRESSION, {"values": False, "direction": "TB"}),
    "mlp": (MLP, {}),
    "mlp --saved --autograd": (MLP, {"saved": True, "autograd": True}),
}


@pytest.mark.parametrize("name", list(LESSON_PICTURES))
def test_a_lesson_picture_fits_960_px_with_12_px_text(name):
    code, options = LESSON_PICTURES[name]
    svg = GraphPicture(trace(code), **options).svg()
    assert size(svg)[0] <= 960
    assert smallest_text(svg) >= 12


@pytest.mark.parametrize("name", list(LESSON_PICTURES))
def test_a_lesson_picture_fits_a_600_px_column_when_asked(name):
    code, options = LESSON_PICTURES[name]
    svg = GraphPicture(trace(code), width=600, **options).svg()
    assert size(svg)[0] <= 600 and smallest_text(svg) >= 12


def test_the_lesson_05_pictures_that_ran_off_the_column_are_now_drawn_top_to_bottom():
    """Before issue 17 these were 1,512, 1,739 and 1,342 px wide, drawn left to right."""
    for code, options in (LESSON_PICTURES["classic"], LESSON_PICTURES["classic --saved"],
                          LESSON_PICTURES["regression"]):
        pic = GraphPicture(trace(code), **options)
        assert pic.svg() and pic.drawn_direction == "TB"
    small = GraphPicture(trace(CLASSIC_NO_BACKWARD), autograd=True)  # five function nodes: fits as it was
    assert small.svg() and small.drawn_direction == "LR"


def test_the_course_width_is_read_when_the_picture_is_drawn():
    model = trace(MLP)
    old = settings.set_width(600)
    try:
        assert size(GraphPicture(model).svg())[0] <= 600
        assert size(GraphPicture(model, width=960).svg())[0] > 600  # the picture's own width wins
    finally:
        settings.set_width(old)
    assert settings.width == 960


@pytest.mark.parametrize("bad", [319, 0, -5, 600.0, "600", True, None])
def test_a_width_that_is_no_whole_number_of_pixels_from_320_is_refused(bad):
    with pytest.raises(ValueError, match="width must be a whole number of pixels, at least 320"):
        settings.set_width(bad)
    if bad is not None:
        with pytest.raises(ValueError, match="width must be a whole number of pixels, at least 320"):
            GraphPicture(trace(CLASSIC), width=bad)
    assert settings.width == 960


def test_a_40_node_graph_fits_with_12_px_text():
    pic = GraphPicture(trace(wide_and_deep(8, 4)))
    assert 38 <= len(pic.view().nodes) <= 42
    svg = pic.svg()
    assert size(svg)[0] <= 960 and smallest_text(svg) >= 12


@pytest.mark.parametrize("max_nodes", [150, 400])  # collapsed as by default, and all 200 drawn
def test_a_200_node_graph_grows_downwards_and_keeps_its_text(max_nodes):
    model = trace(wide_and_deep(60, 40))
    assert len(model.tensors) + len(model.functions) >= 200
    pic = GraphPicture(model, max_nodes=max_nodes)
    svg = pic.svg()
    w, h = size(svg)
    assert w <= 960 and smallest_text(svg) >= 11
    assert h > 2000  # it grew downwards instead


def test_left_to_right_when_asked_even_if_wider_than_the_column():
    pic = GraphPicture(trace(CLASSIC), direction="LR")
    assert size(pic.svg())[0] > 960 and pic.drawn_direction == "LR"


def test_a_long_note_and_a_long_timeline_wrap_to_the_column():
    code = ("a = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)\nb = torch.tensor([4.0, 5.0, 6.0], requires_grad=True)\n"
            "for i in range(12):\n    loss = (a * b * (i + 1)).sum()\n    loss.backward()\n    if i % 3 == 2:\n"
            "        a.grad.zero_()\n")
    note = "A note longer than the column: " + "every word of it stays readable " * 12
    pic = GraphPicture(trace(code), notes=[note])
    svg = pic.svg()
    assert size(svg)[0] <= 960 and smallest_text(svg) >= 12
    assert "gradient timeline" in svg and svg.count(">leaf .grad after</text>") >= 2  # in two blocks


def test_a_line_too_long_for_any_box_is_cut_and_kept_whole_in_the_tooltip():
    g = DrawGraph()
    g.nodes["a"] = DrawNode("a", "tensor", "leaf", ["x" * 300], "the whole name")
    g.nodes["b"] = DrawNode("b", "function", "function", ["MulBackward0"], "op")
    g.add_edge("a", "b")
    lay, drawn = fit_layout(g, 600)
    assert all(box.w <= 600 for box in lay.boxes.values())
    assert drawn.nodes["a"].lines[0].endswith("…") and g.nodes["a"].lines[0] == "x" * 300


def _random_dag(draw_):
    n = draw_(st.integers(2, 40))
    g = DrawGraph()
    for i in range(n):
        lines = [f"n{i}" + "w" * draw_(st.integers(0, 30))] * draw_(st.integers(1, 3))
        g.nodes[f"n{i}"] = DrawNode(f"n{i}", "tensor", "leaf", lines, "")
    for _ in range(draw_(st.integers(1, 3 * n))):
        a, b = sorted(draw_(st.lists(st.integers(0, n - 1), min_size=2, max_size=2, unique=True)))
        g.add_edge(f"n{a}", f"n{b}")
    return g


@hsettings(max_examples=60, deadline=None)
@given(st.data(), st.sampled_from([320, 600, 960]))
def test_top_to_bottom_within_a_width_no_two_boxes_overlap(data, width):
    g = _random_dag(data.draw)
    lay = layered_layout(g, "TB", max_width=width)
    boxes = list(lay.boxes.values())
    for i, a in enumerate(boxes):
        assert a.x >= 0 and a.y >= 0 and a.x + a.w <= lay.width + 0.2 and a.y + a.h <= lay.height + 0.2
        for b in boxes[i + 1:]:
            assert a.x + a.w <= b.x or b.x + b.w <= a.x or a.y + a.h <= b.y or b.y + b.h <= a.y
    for s, d, _, pts in lay.edges:  # every arrow points down, from its source to its target
        assert pts[0][1] < pts[-1][1]


# -- reading well ------------------------------------------------------------------------------------

def legend(svg):
    """The legend's entries: the picture's last texts (a node's first line may read the same)."""
    labels = {STYLE[r][2] for r in STYLE if STYLE[r][2]}
    texts = re.findall(r">([^<]*)</text>", svg)
    while texts and texts[-1] in labels:
        texts.pop()
    return re.findall(r">([^<]*)</text>", svg)[len(texts):]


def test_the_legend_lists_only_what_the_picture_uses():
    assert legend(GraphPicture(trace(CLASSIC_NO_BACKWARD), autograd=True).svg()) == [
        "function (grad_fn)", "AccumulateGrad", "used n×: an input the op takes n times"]
    assert legend(GraphPicture(trace(ACCUMULATE)).svg()) == ["leaf (requires grad)", "non-leaf", "function (grad_fn)"]
    assert legend(GraphPicture(trace(CLASSIC), saved=True).svg()) == [
        "leaf (requires grad)", "non-leaf", "function (grad_fn)", "freed by backward",
        "used n×: an input the op takes n times"]
    assert legend(GraphPicture(trace(REGRESSION)).svg()) == [
        "leaf (requires grad)", "constant", "non-leaf", "function (grad_fn)"]


def test_an_input_taken_twice_reads_used_2x_not_times_2():
    svg = GraphPicture(trace(CLASSIC)).svg()
    assert ">used 2×</text>" in svg and ">×2</text>" not in svg
    fill, stroke, _ = STYLE["uses"]
    assert fill == "#ffffff" and fill != STYLE["const"][0] and fill != STYLE["note"][0]


def _luminance(colour):
    def channel(c):
        c = int(c, 16) / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(colour[i:i + 2]) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b):
    hi, lo = sorted([_luminance(a), _luminance(b)], reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.mark.parametrize("role", list(STYLE))
def test_text_on_every_fill_has_wcag_contrast(role):
    assert contrast(TEXT, STYLE[role][0]) >= 4.5


def test_a_freed_value_is_dark_red_on_a_light_band_struck_through():
    assert contrast(FREED_TEXT, STYLE["freed"][0]) >= 4.5
    assert contrast(TEXT, BACKGROUND) >= 4.5
    svg = GraphPicture(trace(CLASSIC), saved=True).svg()
    freed = re.findall(r'<text [^>]*fill="([^"]+)" text-decoration="line-through">(_saved_\w+: freed)</text>', svg)
    # (the number 3 of ``* 3`` needs no grad, so that Mul never saved self: None, not freed, as in PyTorch)
    assert freed == [(FREED_TEXT, "_saved_other: freed"), (FREED_TEXT, "_saved_other: freed"),
                     (FREED_TEXT, "_saved_self: freed")]
    assert "_saved_self: None</text>" in svg
    band = STYLE["freed"][0]
    assert svg.count(f'fill="{band}" stroke="{band}"') == 3  # one band behind each freed line


def test_the_picture_has_its_own_white_background_in_svg_and_png():
    from PIL import Image

    pic = GraphPicture(trace(CLASSIC))
    w, h = size(pic.svg())
    assert pic.svg().splitlines()[2] == f'<rect width="{w:g}" height="{h:g}" fill="#ffffff"/>'
    img = Image.open(io.BytesIO(pic.png())).convert("RGBA")
    assert abs(img.size[0] - w * 1.5) < 1 and abs(img.size[1] - h * 1.5) < 1
    corners = [(0, 0), (img.size[0] - 1, 0), (0, img.size[1] - 1), (img.size[0] - 1, img.size[1] - 1)]
    assert {img.getpixel(c) for c in corners} == {(255, 255, 255, 255)}


# -- the same bytes on every run ---------------------------------------------------------------------

@pytest.mark.parametrize("name", ["classic --saved", "mlp"])
def test_two_renders_give_the_same_svg_and_png_bytes(name):
    code, options = LESSON_PICTURES[name]
    first, second = GraphPicture(trace(code), **options), GraphPicture(trace(code), **options)
    assert first.svg() == second.svg()
    assert first.png() == second.png()
    assert b"Software" not in first.png() and b"matplotlib" not in first.png().lower()


PROGRAM = """
import hashlib, sys
import autograd_lab as torch
from autograd_lab.viz.display import GraphPicture
from autograd_lab.viz.trace import CellTracer
ns = {"torch": torch}
tracer = CellTracer(ns).start()
exec(sys.argv[1], ns)
pic = GraphPicture(tracer.finish().graph)
print(hashlib.sha256(pic.svg().encode()).hexdigest(), hashlib.sha256(pic.png()).hexdigest())
"""


def test_svg_and_png_bytes_are_the_same_in_two_processes_with_different_hash_seeds():
    def run(seed):
        env = {"PYTHONHASHSEED": seed, "PATH": ""}
        return subprocess.run([sys.executable, "-c", PROGRAM, wide_and_deep(8, 4)], capture_output=True,
                              text=True, check=True, env=env).stdout

    assert run("1") == run("2")


def png_chunks(png):
    """The chunk types of a PNG file, in order."""
    import struct

    chunks, at = [], 8
    while at < len(png):
        length, kind = struct.unpack(">I4s", png[at:at + 8])
        chunks.append(kind.decode("ascii"))
        at += 12 + length
    return chunks


def test_the_png_holds_only_pixels_in_a_palette_of_the_pictures_own_colours():
    from PIL import Image

    png = GraphPicture(trace(CLASSIC), saved=True).png()
    assert set(png_chunks(png)) == {"IHDR", "PLTE", "IDAT", "IEND"}  # no date, no version, no text
    img = Image.open(io.BytesIO(png))
    assert img.mode == "P"
    colours = {c for _, c in img.convert("RGB").getcolors()}
    fills = {tuple(int(STYLE[r][0][i:i + 2], 16) for i in (1, 3, 5)) for r in ("leaf", "nonleaf", "function", "freed")}
    assert fills | {(255, 255, 255), (17, 17, 17)} <= colours  # exactly the SVG's colours
