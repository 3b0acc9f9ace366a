"""Draw the pictures the README shows: docs/images/tracegraph_*.svg/png from a traced cell, and
docs/images/widget_*.png from the widgets as lesson 06 makes them. (The screenshots of JupyterLab,
docs/images/jupyterlab_*.png, come from the browser suite: see tests/browser/README.md.)

Run it after a change to the drawing: python scripts/make_readme_images.py
"""
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))  # this checkout's autograd_lab

from autograd_lab.viz.display import GraphPicture, save_picture  # noqa: E402
from autograd_lab.viz.flow import chart_canvas  # noqa: E402
from autograd_lab.viz.render_png import render_png  # noqa: E402
from autograd_lab.viz.render_svg import to_svg  # noqa: E402
from autograd_lab.viz.trace import CellTracer  # noqa: E402

IMAGES = pathlib.Path(__file__).resolve().parent.parent / "docs" / "images"

# The cell a learner would put %%tracegraph on: three epochs that forget to zero the gradient.
CELL = """\
import autograd_lab as torch
w = torch.tensor([0.5, -1.0, 2.0], requires_grad=True)
x = torch.tensor([1.0, 2.0, 3.0])
for epoch in range(3):
    h = torch.tanh(w * x)
    loss = (h ** 2).sum() + w.mean()
    loss.backward()
"""

# The module view: a real PyTorch layer, drawn by module at the default depth.
MODULE_CELL = """\
import torch
from torch import nn
torch.manual_seed(0)
layer = nn.TransformerEncoderLayer(d_model=32, nhead=4)
src = torch.randn(5, 2, 32)
out = layer(src)
out.sum().backward()
"""


# A 30-layer tanh MLP (the one tests/golden/gradient_flow.json records from PyTorch) trained a
# little longer: the gradient-flow chart shows its first layers' gradients vanishing.
DEEP_CELL = """\
import autograd_lab as torch
import autograd_lab.nn as nn
torch.manual_seed(0)
layers = []
for i in range(30):
    layers += [nn.Linear(8, 8), nn.Tanh()]
model = nn.Sequential(*layers[:-1])
X = torch.randn(32, 8)
Y = torch.randn(32, 8)
opt = torch.optim.SGD(model.parameters(), lr=0.1)
for step in range(40):
    opt.zero_grad()
    loss = ((model(X) - Y) ** 2).mean()
    loss.backward()
    opt.step()
"""


def trace_cell(source):
    namespace = {}
    tracer = CellTracer(namespace)
    tracer.start()
    try:
        exec(compile(source, "<cell>", "exec"), namespace)
    finally:
        tracer.stop()
    return tracer.finish()


def main():
    IMAGES.mkdir(parents=True, exist_ok=True)
    trace = trace_cell(CELL)
    for name, options in [("tracegraph_loop", {}), ("tracegraph_saved", {"saved": True, "direction": "TB"}),
                          ("tracegraph_autograd", {"autograd": True})]:
        picture = GraphPicture(trace.graph, **options)
        picture.save(IMAGES / f"{name}.svg")
        picture.save(IMAGES / f"{name}.png")
        print("wrote", IMAGES / f"{name}.svg", "and .png")
    module_view()
    flow = chart_canvas(trace_cell(DEEP_CELL).graph)  # the chart alone (the graph above it is left out)
    save_picture(IMAGES / "gradient_flow.svg", lambda: to_svg(flow), lambda: render_png(flow))
    save_picture(IMAGES / "gradient_flow.png", lambda: to_svg(flow), lambda: render_png(flow))
    print("wrote", IMAGES / "gradient_flow.svg", "and .png")
    for name, widget in widgets():
        widget.save(IMAGES / f"{name}.png")
        print("wrote", IMAGES / f"{name}.png")


def module_view():
    """docs/images/tracegraph_modules.svg/png: MODULE_CELL's picture (needs PyTorch)."""
    try:
        import torch
    except ImportError:
        print("PyTorch is not installed: docs/images/tracegraph_modules.* not redrawn")
        return
    torch.set_num_threads(1)
    picture = GraphPicture(trace_cell(MODULE_CELL).graph)
    for suffix in ("svg", "png"):
        picture.save(IMAGES / f"tracegraph_modules.{suffix}")
    print("wrote", IMAGES / "tracegraph_modules.svg", "and .png")


def widgets():
    """The widgets of lesson 06, in the state the lesson first shows them."""
    import autograd_lab as torch
    from autograd_lab.widgets import BackwardStepper, GradAccumulation, RetainGradExplorer, StopTrackingExplorer

    x = torch.tensor([[1.0, 1.0], [1.0, 1.0]], requires_grad=True)
    out = ((x + 2) * (x + 2) * 3).mean()
    stepper = BackwardStepper(out)
    stepper.step = 3

    def forward():
        w = torch.tensor([1.0, -2.0], requires_grad=True)
        h = w * 3
        a = h.relu()
        loss = a.sum()
        return locals()

    def two_layers(cut):
        x = torch.tensor([[1.0, 2.0]])
        w1 = cut.requires_grad_(torch.tensor([[0.5, -1.0], [1.0, 0.5]], requires_grad=True))
        with cut.no_grad():
            h = (x @ w1).tanh()
        h = cut.detach(h)
        w2 = torch.tensor([[1.0], [-2.0]], requires_grad=True)
        loss = (h @ w2).sum()
        return locals()

    return [("widget_stepper", stepper),
            ("widget_accumulation", GradAccumulation("linear", epochs=8, reset="param.grad.zero_()", lr=0.05,
                                                     library=torch)),
            ("widget_retain_grad", RetainGradExplorer(forward, retained=["h"])),
            ("widget_stop_tracking", StopTrackingExplorer(two_layers, output="loss"))]


if __name__ == "__main__":
    main()
