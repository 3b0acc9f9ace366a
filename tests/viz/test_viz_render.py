"""Layout and rendering: no overlapping boxes, deterministic SVG, large graphs collapsed."""
import base64
import hashlib
import re
import subprocess
import sys

from hypothesis import given, settings, strategies as st

import autograd_lab as torch
from autograd_lab.viz import draw
from autograd_lab.viz.layout import layered_layout
from autograd_lab.viz.views import DrawGraph, DrawNode


@st.composite
def random_dags(draw_):
    n = draw_(st.integers(1, 30))
    nodes = {}
    for i in range(n):
        lines = draw_(st.lists(st.text("abcxyz[]., 0123", min_size=1, max_size=30), min_size=1, max_size=4))
        nodes[f"n{i}"] = DrawNode(f"n{i}", "tensor", "leaf", lines, "")
    edges = draw_(st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=60))
    g = DrawGraph(nodes=nodes)
    for a, b in edges:
        if a < b:
            g.add_edge(f"n{a}", f"n{b}")
    return g


def _overlap(a, b):
    return a.x < b.x + b.w and b.x < a.x + a.w and a.y < b.y + b.h and b.y < a.y + a.h


@settings(max_examples=150, deadline=None)
@given(random_dags(), st.sampled_from(["LR", "TB"]))
def test_no_two_boxes_overlap_on_random_dags(graph, direction):
    lay = layered_layout(graph, direction)
    boxes = list(lay.boxes.values())
    assert len(boxes) == len(graph.nodes)
    for i, a in enumerate(boxes):
        assert a.x >= 0 and a.y >= 0 and a.x + a.w <= lay.width + 0.2 and a.y + a.h <= lay.height + 0.2
        for b in boxes[i + 1:]:
            assert not _overlap(a, b)


@settings(max_examples=100, deadline=None)
@given(random_dags())
def test_every_edge_goes_forward_through_the_layers(graph):
    lay = layered_layout(graph, "TB")
    for s, d, _, pts in lay.edges:
        assert pts[0][1] == lay.boxes[s].y + lay.boxes[s].h  # leaves the bottom of its source
        assert pts[-1][1] == lay.boxes[d].y  # enters the top of its target
        assert all(p[1] <= q[1] for p, q in zip(pts, pts[1:]))


def test_edges_do_not_cross_boxes_in_a_diamond_with_a_skip():
    # a -> b -> c -> d and a -> d: the long edge must run beside b and c, not through them.
    g = DrawGraph(nodes={k: DrawNode(k, "tensor", "leaf", [k * 8], "") for k in "abcd"})
    for s, d in ["ab", "bc", "cd", "ad"]:
        g.add_edge(s, d)
    lay = layered_layout(g, "TB")
    pts = [e for e in lay.edges if e[0] == "a" and e[1] == "d"][0][3]
    for k in "bc":
        box = lay.boxes[k]
        assert all(not (box.x <= x <= box.x + box.w and box.y <= y <= box.y + box.h) for x, y in pts)


PROGRAM = """
import autograd_lab as torch
from autograd_lab.viz import draw
x = torch.tensor([1., 2., 3.], requires_grad=True)
w = torch.tensor([0.5, -1., 2.], requires_grad=True)
loss = ((x * w).tanh() ** 2).sum()
loss.backward(retain_graph=True)
import sys
sys.stdout.write(draw(loss, saved=True).svg())
"""


def test_svg_bytes_are_the_same_in_two_processes():
    run = lambda: subprocess.run([sys.executable, "-c", PROGRAM], capture_output=True, check=True).stdout  # noqa: E731
    first, second = run(), run()
    assert first == second
    assert hashlib.sha256(first).hexdigest() == hashlib.sha256(second).hexdigest()
    assert b"0x" not in first  # no addresses


def test_svg_has_real_text_and_a_tooltip_per_node():
    x = torch.tensor([1., 2.], requires_grad=True)
    y = (x * 2).sum()
    svg = draw(y, namespace={"x": x, "y": y}).svg()
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg"')
    assert '<text x="' in svg and ">MulBackward0</text>" in svg
    assert svg.count("<title>") == 4  # x, MulBackward0, SumBackward0, y
    assert "<title>name: x\nshape: [2]\ndtype: float32\nvalue: [1., 2.]\nrequires_grad: True\nis_leaf: True\n" in svg


def test_the_svg_has_its_real_size_and_its_own_background():
    """JupyterLab shows an SVG as an <img> at its width and height: they are the picture's real
    size (no CSS shrinking), and a white rectangle under everything keeps it readable on a dark theme."""
    x = torch.tensor([1., 2.], requires_grad=True)
    svg = draw((x * 2).sum(), namespace={"x": x}).svg()
    root, defs, background = svg.splitlines()[:3]
    w, h = re.search(r' width="([\d.]+)" height="([\d.]+)" viewBox="0 0 \1 \2"', root).groups()
    assert "style=" not in root
    assert background == f'<rect width="{w}" height="{h}" fill="#ffffff"/>'


def test_a_3000_node_chain_is_collapsed_with_a_note():
    y = torch.tensor([1.0], requires_grad=True)
    x = y
    for _ in range(3000):
        y = y * 1.001
    pic = draw(y, namespace={"x": x, "y": y})
    g = pic.to_networkx()
    labels = sorted(label for _, label in g.nodes(data="label"))
    assert labels == ["MulBackward0 × 3000", "x", "y"]
    svg = pic.svg()
    assert "3000 nodes in 1 repeated chain are collapsed into one node each (graph larger than --max-nodes 150)." in svg


def test_too_many_distinct_nodes_keep_those_nearest_the_output():
    # The ops follow the Thue-Morse sequence, in which no block of ops repeats three times running,
    # so nothing collapses.
    xs = [torch.tensor(float(i), requires_grad=True) for i in range(40)]
    total = xs[0]
    for i, x in enumerate(xs[1:]):
        total = total + x if bin(i).count("1") % 2 else total * x
    pic = draw(total, max_nodes=20, namespace={})
    g = pic.to_networkx()
    assert g.number_of_nodes() == 20
    assert "more" in g.nodes


def test_save_svg_and_png(tmp_path):
    x = torch.tensor([1., 2.], requires_grad=True)
    pic = draw((x * x).sum(), namespace={"x": x})
    pic.save(tmp_path / "g.svg")
    pic.save(tmp_path / "g.png")
    assert (tmp_path / "g.svg").read_text().startswith("<svg")
    assert (tmp_path / "g.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_mimebundle_has_svg_and_text_or_png():
    x = torch.tensor([1., 2.], requires_grad=True)
    pic = draw(x * 2, namespace={"x": x})
    data, metadata = pic._repr_mimebundle_()
    assert sorted(data) == ["image/png", "image/svg+xml", "text/plain"]
    assert data["image/svg+xml"] == pic.svg() and base64.b64decode(data["image/png"]) == pic.png()
    size = {"width": round(pic.canvas().width), "height": round(pic.canvas().height)}
    assert metadata == {"image/png": size}  # the PNG has 1.5 pixels a pixel: shown at the SVG's size
    data, metadata = draw(x * 2, format="png", namespace={"x": x})._repr_mimebundle_()
    assert sorted(data) == ["image/png", "text/plain"] and metadata == {"image/png": size}


def test_import_autograd_lab_imports_no_heavy_module():
    code = ("import sys, autograd_lab, autograd_lab.viz, autograd_lab.magics\n"
            "print(sorted(m for m in ('networkx', 'matplotlib', 'torch', 'ipywidgets') if m in sys.modules))")
    # magics needs IPython itself (it is the extension), nothing else
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_text_keeps_its_attributes_and_adds_size_anchor_and_angle_only_when_asked():
    from autograd_lab.viz.render_svg import Canvas, to_svg

    c = Canvas()
    c.text(10, 20, "a<b", bold=True)
    c.text(10, 40, "-2.5", size=10, anchor="end")
    c.text(15.04, 60, "loss", anchor="middle", angle=-90)
    lines = to_svg(c).splitlines()[3:6]
    assert lines == [
        '<text x="10" y="20" fill="#111111" font-weight="bold">a&lt;b</text>',
        '<text x="10" y="40" fill="#111111" font-size="10" text-anchor="end">-2.5</text>',
        '<text x="15" y="60" fill="#111111" text-anchor="middle" transform="rotate(-90 15 60)">loss</text>',
    ]


def test_polyline_and_circle_in_svg():
    from autograd_lab.viz.render_svg import Canvas, to_svg

    c = Canvas()
    c.polyline([(1, 2.25), (30.04, 4)], "#2f6fa8", 1.6)
    c.circle(30.04, 4, 3, "#2f6fa8", "#111111")
    assert to_svg(c).splitlines()[3:5] == [
        '<polyline points="1,2.2 30,4" fill="none" stroke="#2f6fa8" stroke-width="1.6" stroke-linejoin="round"/>',
        '<circle cx="30" cy="4" r="3" fill="#2f6fa8" stroke="#111111"/>',
    ]


def test_png_draws_polylines_circles_and_turned_text():
    import io

    from PIL import Image

    from autograd_lab.viz.render_png import render_png
    from autograd_lab.viz.render_svg import Canvas

    c = Canvas()
    c.width, c.height = 60, 60
    c.polyline([(5, 10), (55, 10)], "#ff0000", 2)
    c.circle(30, 40, 5, "#0000ff", "#0000ff")
    c.text(50, 55, "up", size=10, angle=-90)  # reads upwards from (50, 55), left of x = 50
    img = Image.open(io.BytesIO(render_png(c))).convert("RGBA")  # 1.5 px a canvas pixel
    assert img.size == (90, 90)
    assert img.getpixel((45, 15))[:3] == (255, 0, 0)
    assert img.getpixel((45, 60))[:3] == (0, 0, 255)
    assert img.getpixel((45, 30)) == (255, 255, 255, 255)  # the white background between them
    # The text's ink: dark grey pixels (anti-aliased edges differ between matplotlib and FreeType
    # versions, so "dark" rather than exactly #111111), all left of x = 50 and above y = 55.
    inked = [(x, y) for x in range(90) for y in range(90) if max(img.getpixel((x, y))[:3]) < 100]
    assert len(inked) >= 10 and all(60 <= x <= 75 and 60 <= y <= 83 for x, y in inked)


def test_side_by_side_moves_every_kind_of_item():
    from autograd_lab.viz.render_svg import Canvas
    from autograd_lab.widgets.picture import side_by_side

    a, b = Canvas(), Canvas()
    a.width = 100
    b.rect(0, 0, 5, 5, "plot", rx=0)
    b.text(1, 2, "t", size=10)
    b.polyline([(0, 1), (2, 3)], "#111111")
    b.circle(4, 5, 1, "#111111", "#111111")
    moved = side_by_side([a, b], gap=10).items
    assert [i[:3] if i[0] != "polyline" else i[:2] for i in moved] == [
        ("rect", 110, 0), ("text", 111, 2), ("polyline", [(110, 1), (112, 3)]), ("circle", 114, 5)]
