"""The gradient-flow chart (viz/flow.py): with many leaves, the timeline is the norm of each
parameter's .grad after each backward call, on a log scale, per module when there are many.
The numbers are PyTorch's, recorded by scripts/record_gradient_flow.py (so the autograd_lab half
means something without torch)."""
import json
import math
import re
from pathlib import Path

import pytest

import autograd_lab
import autograd_lab.nn  # noqa: F401 - torch.nn in the programs below
import autograd_lab.optim  # noqa: F401
from autograd_lab.viz import flow, trace as trace_module
from autograd_lab.viz.display import GraphPicture
from autograd_lab.viz.layout import text_width
from autograd_lab.viz.model import GradientNorms
from autograd_lab.viz.render_svg import STYLE
from autograd_lab.viz.trace import CellTracer

GOLDEN = json.loads((Path(__file__).parents[1] / "golden" / "gradient_flow.json").read_text())
NO_TORCH = "PyTorch is not installed: the torch half of this test needs it (the autograd_lab half runs)"


def library(name):
    return pytest.importorskip(name, reason=NO_TORCH) if name == "torch" else autograd_lab


def run(code, lib, ns=None):
    ns = {"torch": lib, "nn": lib.nn} if ns is None else ns
    tracer = CellTracer(ns).start()
    try:
        exec(code, ns)
    finally:
        trace = tracer.finish()
    return trace, ns


_traced = {}


def traced_mlp(lib_name):
    """The golden's 30-layer MLP training loop, traced (once per library)."""
    if lib_name not in _traced:
        _traced[lib_name] = run(GOLDEN["program"], library(lib_name))
    return _traced[lib_name]


@pytest.mark.parametrize("lib_name", ["autograd_lab", "torch"])
def test_a_30_layer_mlp_loop_keeps_each_parameters_grad_norm_after_each_backward_in_named_parameters_order(lib_name):
    trace, _ = traced_mlp(lib_name)
    norms = trace.graph.grad_norms
    assert norms.names == GOLDEN["names"]  # model.0.weight, model.0.bias, model.2.weight, ... model.58.bias
    assert norms.calls == list(range(1, 13)) and norms.every == 1 and norms.n_calls == 12
    # PyTorch's p.grad.norm(): the same float32 on torch, within float32 rounding on autograd_lab
    rel = 1e-6 if lib_name == "torch" else 2e-5
    for got, want in zip(norms.norms, GOLDEN["norms"]):
        assert got == pytest.approx(want, rel=rel)


@pytest.mark.parametrize("lib_name", ["autograd_lab", "torch"])
def test_thirty_layers_are_drawn_as_twelve_evenly_spaced_modules_with_their_combined_norm(lib_name):
    trace, _ = traced_mlp(lib_name)
    chart = flow.gradient_flow_chart(trace.graph)
    assert chart.what == "module" and chart.left_out == 18
    names = [name for name, _ in chart.lines]
    assert names == ["model.0", "model.6", "model.10", "model.16", "model.22", "model.26", "model.32", "model.36",
                     "model.42", "model.48", "model.52", "model.58"]
    weight, bias = GOLDEN["names"].index("model.6.weight"), GOLDEN["names"].index("model.6.bias")
    want = [math.hypot(row[weight], row[bias]) for row in GOLDEN["norms"]]
    assert [v for _, v in chart.lines[1][1]] == pytest.approx(want, rel=2e-5)
    svg = GraphPicture(trace.graph).svg()
    assert ("gradient flow: the norm of each module's .grad (its parameters' norms combined) after each backward "
            "call, on a log scale; 12 of 30 modules drawn, evenly spaced from model.0 to model.58") in _texts(svg)
    # a tooltip on each point: its module, call and norm
    first = GOLDEN["norms"][0]
    assert f"<title>model.6 after backward #1: {math.hypot(first[weight], first[bias]):.4g}</title>" in svg


def _texts(svg):
    return " ".join(re.findall(r"<text[^>]*>([^<]*)</text>", svg))


@pytest.mark.parametrize("lib_name", ["autograd_lab", "torch"])
def test_the_chart_fits_the_column_and_its_text_is_12_px_at_least(lib_name):
    trace, _ = traced_mlp(lib_name)
    svg = GraphPicture(trace.graph).svg()
    width = float(re.search(r'<svg [^>]*width="([\d.]+)"', svg).group(1))
    assert width <= 960
    sizes = [float(s) for s in re.findall(r'font-size="([\d.]+)"', svg)]
    assert sizes and min(sizes) >= 12
    # every text of the chart ends inside the picture
    chart = svg[svg.index("gradient flow:"):]
    for x, anchor, text in re.findall(r'<text x="([\d.]+)"[^>]*?(?:text-anchor="(\w+)")?[^>]*>([^<]*)</text>', chart):
        left = float(x) - {"": 0, "middle": 0.5, "end": 1}[anchor] * text_width(text)
        assert 0 <= left and left + text_width(text) <= width, text


def test_the_chart_is_the_same_bytes_on_every_run_in_svg_and_png():
    first = GraphPicture(run(seven_leaves(7, 3), autograd_lab, {"torch": autograd_lab})[0].graph)
    again = GraphPicture(run(seven_leaves(7, 3), autograd_lab, {"torch": autograd_lab})[0].graph)
    assert "gradient flow:" in first.svg()
    assert first.svg() == again.svg()
    assert first.png() == again.png()
    data, metadata = first._repr_mimebundle_()  # the PNG shows at the SVG's size
    assert data["image/svg+xml"] == first.svg()
    assert f'width="{metadata["image/png"]["width"]}"' in first.svg()


def test_every_line_colour_reads_on_the_plot_area():
    def luminance(colour):
        channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        r, g, b = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    plot = luminance(STYLE["plot"][0])
    assert len(set(flow.COLORS)) == flow.MAX_LINES
    for colour in flow.COLORS:  # WCAG's 3:1 for graphics
        assert (plot + 0.05) / (luminance(colour) + 0.05) >= 3, colour


SEVEN_LEAVES = """
ws = [torch.full((2,), float(k + 1), requires_grad=True) for k in range(LEAVES)]
for step in range(STEPS):
    sum((w * w).sum() for w in ws).backward()
"""


def seven_leaves(leaves, steps):
    return SEVEN_LEAVES.replace("LEAVES", str(leaves)).replace("STEPS", str(steps))


@pytest.mark.parametrize("lib_name", ["autograd_lab", "torch"])
def test_few_leaves_keep_the_table_and_seven_get_one_line_each(lib_name):
    lib = library(lib_name)
    trace, _ = run(seven_leaves(6, 3), lib, {"torch": lib})
    assert trace.graph.grad_norms is None and flow.gradient_flow_chart(trace.graph) is None
    assert "gradient timeline: each leaf's .grad after each event" in _texts(GraphPicture(trace.graph).svg())
    trace, _ = run(seven_leaves(7, 3), lib, {"torch": lib})
    chart = flow.gradient_flow_chart(trace.graph)
    assert chart.what == "parameter"
    # w = k + 1 everywhere, .grad accumulates 2w per call: norm after call c is c * 2 (k + 1) * sqrt(2)
    assert [name for name, _ in chart.lines] == [f"ws[{k}]" for k in range(7)]
    for k, (_, points) in enumerate(chart.lines):
        assert points == [(c, pytest.approx(c * 2 * (k + 1) * math.sqrt(2), rel=1e-6)) for c in (1, 2, 3)]
    svg = GraphPicture(trace.graph).svg()
    assert "gradient flow: the norm of each parameter's .grad after each backward call, on a log scale" in _texts(svg)
    assert "gradient timeline" not in svg


@pytest.mark.parametrize("lib_name", ["autograd_lab", "torch"])
def test_after_12_calls_a_model_of_60_parameters_has_its_norms_taken_every_4th_call(lib_name):
    # (at most 16 norms a call on average: 60 / 16 rounded up)
    trace, _ = run(GOLDEN["program"].replace("range(12)", "range(30)"), library(lib_name))
    norms = trace.graph.grad_norms
    assert norms.every == 4 and norms.calls == list(range(1, 13)) + [13, 17, 21, 25, 29, 30] and norms.n_calls == 30
    for got, want in zip(norms.norms, GOLDEN["norms"]):  # the same loop's first 12 calls
        assert got == pytest.approx(want, rel=1e-6 if lib_name == "torch" else 2e-5)
    assert "after calls 1 to 12, then every 4th call (13, 17, …) and the last of the 30" in _texts(GraphPicture(trace.graph).svg())


@pytest.mark.parametrize("lib_name", ["autograd_lab", "torch"])
def test_the_last_backward_call_is_always_a_point_of_the_chart(lib_name):
    trace, ns = run(GOLDEN["program"].replace("range(12)", "range(30)"), library(lib_name))
    norms = trace.graph.grad_norms
    assert norms.n_calls == 30 and norms.calls[-1] == 30
    last = [math.sqrt(float((p.grad ** 2).sum())) for p in ns["model"].parameters()]  # (step leaves .grad as it is)
    assert norms.norms[-1] == pytest.approx(last, rel=1e-5)

def test_the_title_names_the_calls_taken_and_the_last_one():
    # every 5th: the recorder takes calls 16, 21, ... (1 + a multiple of 5), not 13, 18
    norms = [[0.5] * 7 for _ in range(16)]
    chart = flow.GradientFlowChart(GradientNorms(
        [f"w{k}" for k in range(7)], list(range(1, 13)) + [16, 21, 26, 30], norms, every=5, n_calls=30))
    assert chart.title().endswith("; after calls 1 to 12, then every 5th call (16, 21, …) and the last of the 30")
    chart = flow.GradientFlowChart(GradientNorms(
        [f"w{k}" for k in range(7)], [1, 5, 9, 13, 17, 20], norms[:6], every=4, n_calls=20))
    assert chart.title().endswith("; after every 4th of the 20 calls (1, 5, 9, …) and the last")
    chart = flow.GradientFlowChart(GradientNorms(
        [f"w{k}" for k in range(7)], [1, 5, 9, 13, 17], norms[:5], every=4, n_calls=17))
    assert chart.title().endswith("; after every 4th of the 17 calls (1, 5, 9, …)")

def test_a_long_loop_keeps_the_norms_of_every_2_to_the_kth_call(monkeypatch):
    monkeypatch.setattr(trace_module, "MAX_NORM_CALLS", 8)
    trace, _ = run(seven_leaves(7, 20), autograd_lab, {"torch": autograd_lab})
    norms = trace.graph.grad_norms
    assert norms.every == 4 and norms.calls == [1, 5, 9, 13, 17, 20] and norms.n_calls == 20
    assert norms.norms[2][0] == pytest.approx(9 * 2 * math.sqrt(2))
    text = _texts(GraphPicture(trace.graph).svg())
    assert "after every 4th of the 20 calls (1, 5, 9, …) and the last" in text


@pytest.mark.parametrize("lib_name", ["autograd_lab", "torch"])
def test_a_zero_or_infinite_norm_is_left_out_of_the_log_scale_and_said(lib_name):
    lib = library(lib_name)
    code = (seven_leaves(7, 3) + "ws[0].grad.zero_()\n(ws[0] * 0).sum().backward()\n"
            "(ws[1] * torch.tensor(float('inf'))).sum().backward()\n")
    trace, _ = run(code, lib, {"torch": lib})
    chart = flow.gradient_flow_chart(trace.graph)
    assert chart.lines[0][1][-2:] == [(4, 0.0), (5, 0.0)]
    assert chart.lines[1][1][-1] == (5, math.inf)
    assert "3 norms not drawn (0, inf or nan, or no .grad)" in _texts(GraphPicture(trace.graph).svg())


def test_many_leaves_of_no_module_are_drawn_as_twelve_evenly_spaced_parameters():
    trace, _ = run(seven_leaves(20, 2), autograd_lab, {"torch": autograd_lab})
    chart = flow.gradient_flow_chart(trace.graph)
    assert chart.what == "parameter" and chart.left_out == 8
    assert [name for name, _ in chart.lines] == [f"ws[{k}]" for k in (0, 2, 3, 5, 7, 9, 10, 12, 14, 16, 17, 19)]
    assert "12 of 20 parameters drawn, evenly spaced from ws[0] to ws[19]" in _texts(GraphPicture(trace.graph).svg())


def test_tick_labels_and_call_ticks():
    assert [flow.decade_text(k) for k in (-9, -4, -3, -1, 0, 2, 3, 4)] == [
        "1e-09", "1e-04", "0.001", "0.1", "1", "100", "1000", "1e+04"]
    assert [flow.ordinal(n) for n in (2, 4, 32, 512, 1024, 111)] == ["2nd", "4th", "32nd", "512th", "1,024th", "111th"]
    assert flow.call_ticks(1, 12) == list(range(1, 13))
    assert flow.call_ticks(1, 100) == [1, 20, 40, 60, 80, 100]
    assert flow.call_ticks(1, 1204) == [1, 200, 400, 600, 800, 1000, 1204]


def test_torch_norms_taken_stacked_are_each_gradients_own_norm_to_the_last_bit():
    # Gradients of one shape are stacked and normed row by row (one call for a deep MLP's 30
    # weights): each number must be the one p.grad.norm() gives for that gradient alone.
    torch = library("torch")
    from autograd_lab.viz.adapter_torch import TorchAdapter

    g = torch.Generator().manual_seed(0)
    leaves = []
    for shape in [(8, 8)] * 30 + [(8,)] * 29 + [(64, 20), (1,), (200, 200), (3, 4)] * 3:
        t = torch.zeros(shape, requires_grad=True)
        t.grad = torch.randn(shape, generator=g) * 10.0 ** torch.randint(-8, 8, (1,), generator=g).item()
        leaves.append(t)
    no_grad = torch.zeros(3, requires_grad=True)
    wide = torch.zeros(4, 4, dtype=torch.float64, requires_grad=True)
    wide.grad = torch.randn(4, 4, dtype=torch.float64, generator=g)
    turned = torch.zeros(5, 6, requires_grad=True)
    turned.grad = torch.randn(6, 5, generator=g).t()  # not contiguous
    leaves += [no_grad, wide, turned]
    want = [None if t.grad is None else t.grad.norm().item() for t in leaves]
    assert TorchAdapter().grad_norms(leaves) == want
