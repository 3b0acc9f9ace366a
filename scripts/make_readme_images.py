"""Draw the pictures the README shows (docs/images/tracegraph_*.svg/png) from a traced cell.

Run it after a change to the drawing: python scripts/make_readme_images.py
"""
import pathlib

from autograd_lab.viz.display import GraphPicture
from autograd_lab.viz.trace import CellTracer

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


if __name__ == "__main__":
    main()
