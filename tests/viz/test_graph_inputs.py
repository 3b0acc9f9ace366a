"""What the picture shows of a graph's inputs that need no grad (issue 18): constants drawn with
their names (also after PyTorch's op noting stopped), buffers by their module path; and that the
tracer leaves the code's own torch function mode alone, and reads as many nodes as it is told."""
import pytest

import autograd_lab
import autograd_lab.nn  # noqa: F401 - torch.nn in the programs below
import autograd_lab.optim  # noqa: F401
from autograd_lab.viz.display import GraphPicture
from autograd_lab.viz.trace import CellTracer

NO_TORCH = "PyTorch is not installed: the torch half of this test needs it (the autograd_lab half runs)"
LIBS = ["autograd_lab", "torch"]


def library(name):
    return pytest.importorskip(name, reason=NO_TORCH) if name == "torch" else autograd_lab


def run(code, lib, ns=None, **finish):
    ns = {"torch": lib, "nn": lib.nn} if ns is None else ns
    tracer = CellTracer(ns).start()
    try:
        exec(code, ns)
    finally:
        trace = tracer.finish(**finish)
    return trace, ns


def inputs_of(trace):
    """``{label of a drawn tensor: sorted labels of the ops it goes into}``."""
    g = GraphPicture(trace.graph, depth="all").to_networkx()  # every op, not grouped by module
    return {g.nodes[s]["label"]: sorted(g.nodes[d]["label"] for _, d in g.out_edges(s))
            for s, kind in g.nodes(data="kind") if kind == "tensor" and g.out_degree(s)}


LOOP = """
torch.manual_seed(0)
X = torch.randn(16, 4)
Y = torch.randn(16, 1)
model = nn.Sequential(nn.Linear(4, 8), nn.Tanh(), nn.Linear(8, 1))
opt = torch.optim.SGD(model.parameters(), lr=0.1)
for step in range(20):
    opt.zero_grad()
    loss = ((model(X) - Y) ** 2).mean()
    loss.backward()
    opt.step()
"""


@pytest.mark.parametrize("lib_name", LIBS)
def test_the_constants_of_a_training_loop_are_drawn_with_their_names(lib_name):
    # On torch the loop outlasts the op noting (20 backward calls): Y, which SubBackward0 saves
    # nowhere, is still drawn, as the same op took it in the first graph of this shape.
    trace, _ = run(LOOP, library(lib_name))
    inputs = inputs_of(trace)
    assert inputs["X"] == ["AddmmBackward0"]
    assert inputs["Y"] == ["SubBackward0"]


@pytest.mark.parametrize("lib_name", LIBS)
def test_a_constant_made_anew_each_step_is_drawn_by_its_shape_once_noting_stopped(lib_name):
    lib = library(lib_name)
    code = LOOP.replace("    opt.zero_grad()\n", "    opt.zero_grad()\n    target = torch.zeros(16, 1)\n") \
        .replace("- Y)", "- target)")
    trace, _ = run(code, lib)
    inputs = inputs_of(trace)
    if lib_name == "torch":  # the constant of the first graph is gone: its shape, no value (this one's may differ)
        assert trace.graph.notes[0].startswith("Tensors between ops are drawn for the ops this cell ran up to")
        assert inputs["[16, 1] float32"] == ["SubBackward0"]
        assert "target" not in inputs
    else:  # autograd_lab notes every op: the last step's own target, by its name
        assert inputs["target"] == ["SubBackward0"]


def test_an_lstms_input_sequence_is_drawn_as_a_named_constant():
    torch = library("torch")
    trace, _ = run("torch.manual_seed(0)\nlstm = nn.LSTM(3, 4, num_layers=2)\nseq = torch.randn(5, 1, 3)\n"
                   "out, (h, c) = lstm(seq)\nout.sum().backward()\n", torch)
    g = GraphPicture(trace.graph, depth="all").to_networkx()  # every op, not grouped by module
    seq = next(n for n, label in g.nodes(data="label") if label == "seq")
    assert g.nodes[seq]["role"] == "const"
    assert [g.nodes[d]["label"] for _, d in g.out_edges(seq)] == ["MkldnnRnnLayerBackward0"]


CONV_NET = """
torch.manual_seed(0)
net = nn.Sequential(nn.Conv2d(1, 2, 3), nn.BatchNorm2d(2), nn.ReLU(), nn.Flatten(), nn.Linear(8, 1))
img = torch.randn(2, 1, 4, 4)
net(img).sum().backward()
"""


@pytest.mark.parametrize("lib_name", LIBS)
def test_buffers_are_named_by_their_module_path(lib_name):
    trace, _ = run(CONV_NET, library(lib_name))
    inputs = inputs_of(trace)
    assert inputs["net.1.running_mean"] == ["NativeBatchNormBackward0"]
    assert inputs["net.1.running_var"] == ["NativeBatchNormBackward0"]
    assert inputs["img"] == ["ConvolutionBackward0"]
    roles = {t.names[0]: t.role for t in trace.graph.tensors.values() if t.names}
    assert roles["net.1.running_mean"] == "const" and roles["net.1.weight"] == "leaf"


@pytest.mark.parametrize("lib_name", LIBS)
def test_linear_draws_the_same_graph_on_both_libraries_with_no_tensor_for_weight_t(lib_name):
    trace, _ = run("torch.manual_seed(0)\nlayer = nn.Linear(3, 2)\nx = torch.randn(4, 3)\n"
                   "out = layer(x).sum()\nout.backward()\n", library(lib_name))
    g = GraphPicture(trace.graph, depth="all").to_networkx()  # every op, not grouped by module
    edges = sorted((g.nodes[s]["label"], g.nodes[d]["label"]) for s, d in g.edges)
    assert edges == [("AddmmBackward0", "[4, 2] float32"), ("SumBackward0", "out"), ("TBackward0", "AddmmBackward0"),
                     ("[4, 2] float32", "SumBackward0"), ("layer.bias", "AddmmBackward0"),
                     ("layer.weight", "TBackward0"), ("x", "AddmmBackward0")]


USERS_MODE = """
from torch.overrides import TorchFunctionMode

class Counting(TorchFunctionMode):
    calls = 0
    def __torch_function__(self, func, types, args=(), kwargs=None):
        Counting.calls += 1
        return func(*args, **(kwargs or {}))

w = torch.ones(2, requires_grad=True)
(w * 2).sum().backward()
mode = Counting()
mode.__enter__()  # left open at the end of the cell
(w * 3).sum().backward()
"""


def test_the_codes_own_torch_function_mode_left_open_stays_on_the_stack():
    torch = library("torch")
    before = torch._C._len_torch_function_stack()
    trace, ns = run(USERS_MODE, torch)
    try:
        stack = torch.overrides._get_current_function_mode_stack()
        assert stack == [ns["mode"]]  # the code's mode, not ours
        calls = ns["Counting"].calls
        torch.ones(1) + 1  # noqa: B018 - still counting, as the code left it
        assert ns["Counting"].calls == calls + 2
    finally:
        ns["mode"].__exit__(None, None, None)
    assert torch._C._len_torch_function_stack() == before == 0
    assert trace.graph.n_backward_calls == 2


def test_a_mode_the_code_entered_and_left_leaves_nothing_behind():
    torch = library("torch")
    code = USERS_MODE.split("mode = Counting()")[0] + "with Counting():\n    (w * 3).sum().backward()\n"
    trace, ns = run(code, torch)
    assert torch._C._len_torch_function_stack() == 0
    assert ns["Counting"].calls > 0 and trace.graph.n_backward_calls == 2


@pytest.mark.parametrize("lib_name", LIBS)
def test_finish_reads_at_most_max_functions_nodes_and_says_so(lib_name):
    code = "h = torch.ones(2, requires_grad=True)\ny = h\nfor i in range(20):\n    y = y * 2\nout = y.sum()\n"
    trace, _ = run(code, library(lib_name), max_functions=5)
    assert len(trace.graph.functions) == 5
    library_name = "torch" if lib_name == "torch" else "autograd_lab"
    assert trace.graph.notes == [f"The graph has more than 5 nodes: the 5 nearest its outputs are captured and drawn, "
                                 f"the rest is left out ({library_name} graphs are read up to 5 nodes)."]
    trace, _ = run(code, library(lib_name))
    assert len(trace.graph.functions) == 22 and trace.graph.notes == []
