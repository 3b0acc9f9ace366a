"""Deep but regular graphs (a 100-layer MLP, a residual stack, an unrolled RNN, a long affine
loop): repeated blocks collapse into one node with the count, and the main chain stays straight."""
import pytest

import autograd_lab
import autograd_lab.nn  # noqa: F401 - torch.nn in the programs below
from autograd_lab.viz.display import GraphPicture, draw
from autograd_lab.viz.layout import layered_layout
from autograd_lab.viz.trace import CellTracer
from autograd_lab.viz.views import dataflow_view, main_chain

DEEP_MLP = """
torch.manual_seed(0)
model = torch.nn.Sequential(*[m for _ in range(100) for m in (torch.nn.Linear(16, 16), torch.nn.ReLU())])
x = torch.randn(4, 16)
model(x).sum().backward()
"""
RESIDUAL = """
torch.manual_seed(0)
blocks = [torch.nn.Linear(16, 16) for _ in range(50)]
h = torch.randn(4, 16)
for b in blocks:
    h = h + torch.relu(b(h))
h.sum().backward()
"""
RNN = """
torch.manual_seed(0)
W = torch.randn(8, 8, requires_grad=True)
U = torch.randn(8, 8, requires_grad=True)
xs = torch.randn(200, 8)
h = torch.zeros(8)
for t in range(200):
    h = torch.tanh(W @ h + U @ xs[t])
h.sum().backward()
"""
AFFINE = """
w = torch.tensor([0.9], requires_grad=True)
b = torch.tensor([0.1], requires_grad=True)
y = torch.tensor([1.0])
for i in range(1000):
    y = y * w + b
y.sum().backward()
"""


def picture(code, lib):
    ns = {"torch": lib}
    tracer = CellTracer(ns).start()
    try:
        exec(code, ns)
    finally:
        trace = tracer.finish()
    return GraphPicture(trace.graph, depth="all")  # every op: the collapse of deep graphs themselves


def collapsed(pic):
    return [n.lines for n in pic.view().nodes.values() if n.kind in ("collapsed", "more")]


@pytest.mark.parametrize("lib", ["autograd_lab", "torch"])
def test_a_100_layer_mlp_draws_its_first_and_last_layer_and_one_node_for_the_96_between(lib):
    lib = autograd_lab if lib == "autograd_lab" else pytest.importorskip("torch")
    pic = picture(DEEP_MLP, lib)
    # (the same on both libraries: no weight.T tensor, it is inside PyTorch's one linear call)
    assert collapsed(pic) == [["AddmmBackward0 → ReluBackward0 × 96", "(288 ops and 384 tensors collapsed)"]]
    assert len(pic.view().nodes) <= 40
    labels = [n.lines[0] for n in pic.view().nodes.values()]
    assert {"model.0.weight", "model.0.bias", "model.198.weight", "model.198.bias"} <= set(labels)
    canvas = pic.canvas()
    # Was 22,124 x 1,734 before collapsing, then 5,500 x 500 left to right: now top to bottom,
    # in a 960 px column, text at its full size.
    assert canvas.width <= 960 and canvas.height < 2700
    assert pic.svg() == picture(DEEP_MLP, lib).svg()


def test_no_node_is_dropped_from_the_deep_mlp_every_one_is_drawn_or_counted_in_the_collapsed_node():
    pic = picture(DEEP_MLP, autograd_lab)
    note = [n for n in pic.view().notes if "repeated blocks" in n]
    assert note == ["672 nodes in 1 run of repeated blocks are collapsed into one node each, with 1 block "
                    "before and after it drawn in full (graph larger than --max-nodes 150)."]
    drawn = len(pic.view().nodes) - 1
    assert drawn + 672 == len(dataflow_view(pic.model).nodes)


@pytest.mark.parametrize("code, box", [
    (RESIDUAL, ["AddmmBackward0 → ReluBackward0 → AddBackward0 × 46", "(184 ops and 230 tensors collapsed)"]),
    (RNN, ["MvBackward0 → AddBackward0 → TanhBackward0 × 198", "(792 ops and 990 tensors collapsed)"]),
    (AFFINE, ["MulBackward0 → AddBackward0 × 998", "(1996 ops and 1996 tensors collapsed)"]),
])
def test_deep_loops_collapse_into_one_node_with_the_count(code, box):
    pic = picture(code, autograd_lab)
    assert collapsed(pic) == [box]
    assert len(pic.view().nodes) <= 50
    assert pic.canvas().width <= 960 and pic.canvas().height < 3000


def test_a_weight_used_by_every_step_stays_drawn_with_one_arrow_and_its_count_into_the_collapsed_node():
    g = picture(AFFINE, autograd_lab).to_networkx()
    names = {g.nodes[k]["label"]: k for k in g.nodes}
    box = names["MulBackward0 → AddBackward0 × 998"]
    assert g.edges[names["w"], box]["count"] == 998 and g.edges[names["b"], box]["count"] == 998


@pytest.mark.parametrize("code", [DEEP_MLP, RESIDUAL, RNN, AFFINE])
def test_the_main_chain_of_a_deep_graph_is_drawn_on_one_row(code):
    view = picture(code, autograd_lab).view()
    lay = layered_layout(view, "LR")
    chain = main_chain(list(view.nodes), [(s, d) for s, d, _ in view.edges])[0]
    assert len(chain) >= 12
    assert len({lay.boxes[k].cy for k in chain[1:]}) == 1


def test_a_small_graph_is_laid_out_as_before_its_ops_between_their_inputs():
    x = autograd_lab.tensor([1., 2.], requires_grad=True)
    w = autograd_lab.tensor([3., 4.], requires_grad=True)
    view = draw(x * w, namespace={"x": x, "w": w}).view()
    lay = layered_layout(view, "LR")
    op = next(k for k, n in view.nodes.items() if n.lines[0] == "MulBackward0")
    ins = [lay.boxes[s].cy for s, d, _ in view.edges if d == op]
    assert lay.boxes[op].cy == sum(ins) / 2
