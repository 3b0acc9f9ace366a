"""Capture: the graph model of a cell, the same for autograd_lab and for PyTorch."""
import warnings

import numpy as np
import pytest

import autograd_lab
import autograd_lab.nn
import autograd_lab.optim  # torch.optim in the programs below
from autograd_lab.viz.display import GraphPicture
from autograd_lab.viz.trace import CellTracer

PROGRAM = """
x = torch.tensor([1., 2., 3.], requires_grad=True)
w = torch.tensor([0.5, -1., 2.], requires_grad=True)
h = (x * w).tanh()
h.retain_grad()
loss = (h ** 2).sum() + w.mean()
loss.backward()
"""

# The unnamed tensors between ops (x * w, (h ** 2), its sum, w.mean()) are boxes titled by their
# shape: every arrow runs tensor -> op or op -> tensor.
EXPECTED_NODES = [
    ("f0", "TanhBackward0"), ("f1", "AddBackward0"), ("f2", "MulBackward0"), ("f3", "SumBackward0"),
    ("f4", "MeanBackward0"), ("f7", "PowBackward0"), ("t0", "h"), ("t1", "loss"), ("t2", "x"), ("t3", "w"),
    ("t4", "[3] float32"), ("t5", "[] float32"), ("t6", "[] float32"), ("t7", "[3] float32"),
]
EXPECTED_EDGES = [
    ("f0", "t0"), ("f1", "t1"), ("f2", "t4"), ("f3", "t5"), ("f4", "t6"), ("f7", "t7"), ("t0", "f7"),
    ("t2", "f2"), ("t3", "f2"), ("t3", "f4"), ("t4", "f0"), ("t5", "f1"), ("t6", "f1"), ("t7", "f3"),
]


def run_traced(code, lib, ns=None):
    ns = {"torch": lib} if ns is None else ns
    tracer = CellTracer(ns).start()
    error = None
    try:
        exec(code, ns)
    except Exception as e:  # noqa: BLE001 - the test looks at what was traced up to the error
        error = e
    finally:
        trace = tracer.finish(error)
    return trace, ns


def graph_of(trace, **options):
    return GraphPicture(trace.graph, **options).to_networkx()


def test_lab_graph_has_named_tensors_ops_and_dataflow_edges():
    trace, _ = run_traced(PROGRAM, autograd_lab)
    g = graph_of(trace)
    assert sorted(g.nodes(data="label")) == EXPECTED_NODES
    assert sorted(g.edges()) == EXPECTED_EDGES


def test_lab_graph_shows_grads_of_leaves_and_retained_and_none_for_nonleaf():
    trace, _ = run_traced(PROGRAM, autograd_lab)
    lines = dict(graph_of(trace).nodes(data="lines"))
    assert lines["t2"] == ["x", "[3] float32", "[1., 2., 3.]", "grad: [0.3634, 0.1362, …]"]
    assert lines["t0"][-1] == "grad: [0.9242, -1.928, 2]"
    assert lines["t1"] == ["loss", "[] float32", "2.643", "grad: None"]
    assert lines["t4"] == ["[3] float32", "[0.5, -2., 6.]"]  # x * w: no name, so no .grad line either


def test_torch_gives_the_same_graph_as_lab():
    torch = pytest.importorskip("torch")
    lab, _ = run_traced(PROGRAM, autograd_lab)
    real, _ = run_traced(PROGRAM, torch)
    assert real.graph.library == "torch"
    g_lab, g_torch = graph_of(lab), graph_of(real)
    assert sorted(g_torch.nodes(data="lines")) == sorted(g_lab.nodes(data="lines"))
    assert sorted(g_torch.edges()) == sorted(g_lab.edges())
    auto_lab, auto_torch = graph_of(lab, autograd=True), graph_of(real, autograd=True)
    assert sorted(auto_torch.nodes(data="lines")) == sorted(auto_lab.nodes(data="lines"))
    assert sorted(auto_torch.edges()) == sorted(auto_lab.edges())


def test_torch_replay_steps_match_lab_per_node():
    torch = pytest.importorskip("torch")
    lab, _ = run_traced(PROGRAM, autograd_lab)
    real, _ = run_traced(PROGRAM, torch)
    steps_lab = {s.node: s for s in lab.graph.backward_calls[0].steps}
    steps_torch = {s.node: s for s in real.graph.backward_calls[0].steps}
    assert sorted(steps_lab) == sorted(steps_torch)
    for node, s in steps_lab.items():
        t = steps_torch[node]
        assert s.name == t.name
        for a, b in zip(s.grads_in + s.grads_out, t.grads_in + t.grads_out):
            assert (a is None) == (b is None)
            if a is not None:
                np.testing.assert_allclose(a, b, rtol=1e-5)


def test_replay_records_the_engine_order_with_gradients():
    trace, _ = run_traced("x = torch.tensor([1., 2.], requires_grad=True)\ny = (x * 3).sum()\ny.backward()",
                          autograd_lab)
    steps = trace.graph.backward_calls[0].steps
    assert [s.name for s in steps] == ["SumBackward0", "MulBackward0", "AccumulateGrad"]
    assert steps[0].grads_in[0].tolist() == 1.0
    assert steps[0].grads_out[0].tolist() == [1.0, 1.0]
    assert steps[1].grads_out[0].tolist() == [3.0, 3.0] and steps[1].grads_out[1] is None
    assert steps[2].grads_in[0].tolist() == [3.0, 3.0]


LOOP = """
w = torch.tensor([1.], requires_grad=True)
opt = torch.optim.SGD([w], lr=0.0)
for epoch in range(3):
    loss = (w * 3).sum()
    loss.backward()
opt.zero_grad()
for epoch in range(2):
    opt.zero_grad()
    loss = (w * 3).sum()
    loss.backward()
    opt.step()
"""


@pytest.mark.parametrize("lib_name", ["autograd_lab", "torch"])
def test_timeline_shows_accumulation_and_the_zero_grad_fix(lib_name):
    lib = pytest.importorskip(lib_name)
    trace, _ = run_traced(LOOP, lib)
    events = [(e.kind, e.grads["w"].tolist() if e.grads["w"] is not None else None) for e in trace.graph.events]
    assert events == [
        ("backward", [3.0]), ("backward", [6.0]), ("backward", [9.0]), ("zero_grad", None),
        ("zero_grad", None), ("backward", [3.0]), ("step", [3.0]),
        ("zero_grad", None), ("backward", [3.0]), ("step", [3.0]),
    ]


@pytest.mark.parametrize("lib_name", ["autograd_lab", "torch"])
def test_a_graph_rebuilt_in_a_loop_is_drawn_once_with_its_count(lib_name):
    lib = pytest.importorskip(lib_name)
    trace, _ = run_traced(LOOP, lib)
    g = graph_of(trace)
    assert [label for _, label in g.nodes(data="label")].count("MulBackward0") == 1
    assert trace.graph.repeats == {"f0": 5}
    assert "built and backpropagated ×5" in dict(g.nodes(data="lines"))["f0"]


def test_zero_on_a_grad_is_an_event_named_after_its_leaf():
    trace, _ = run_traced("w = torch.tensor([1.], requires_grad=True)\n(w * 2).sum().backward()\n"
                          "(w * 2).sum().backward()\nw.grad.zero_()", autograd_lab)
    assert [(e.kind, e.label) for e in trace.graph.events][-1] == ("zero_", "w.grad.zero_()")


def test_hooks_are_removed_even_when_the_code_raises():
    from autograd_lab.autograd import engine

    from autograd_lab.autograd import function

    before = (tuple(engine._listeners), tuple(function._op_listeners), autograd_lab.Tensor.zero_, autograd_lab.optim.Optimizer.zero_grad,
              autograd_lab.optim.SGD.step, autograd_lab.nn.Module.zero_grad)
    trace, _ = run_traced("x = torch.tensor(1., requires_grad=True)\ny = x * 2\nraise KeyError('k')", autograd_lab)
    after = (tuple(engine._listeners), tuple(function._op_listeners), autograd_lab.Tensor.zero_, autograd_lab.optim.Optimizer.zero_grad,
             autograd_lab.optim.SGD.step, autograd_lab.nn.Module.zero_grad)
    assert after == before
    assert "SGD" not in autograd_lab.optim.Optimizer.__dict__ and "step" in autograd_lab.optim.SGD.__dict__
    assert trace.error == "KeyError: 'k'"
    assert sorted(graph_of(trace).nodes(data="label")) == [("f0", "MulBackward0"), ("t0", "y"), ("t1", "x")]
    assert function._op_listeners == []


def test_torch_hooks_are_removed():
    torch = pytest.importorskip("torch")
    before = (torch.autograd._engine_run_backward, "zero_" in torch.Tensor.__dict__,
              torch.optim.Optimizer.zero_grad, torch.nn.Module.zero_grad)
    run_traced(LOOP, torch)
    after = (torch.autograd._engine_run_backward, "zero_" in torch.Tensor.__dict__,
             torch.optim.Optimizer.zero_grad, torch.nn.Module.zero_grad)
    assert after == before
    assert torch.overrides._get_current_function_mode_stack() == []  # the op-following mode was left


@pytest.mark.parametrize("lib_name", ["autograd_lab", "torch"])
def test_tracing_changes_nothing_about_the_users_tensors(lib_name):
    lib = pytest.importorskip(lib_name)
    code = "x = torch.tensor([1., 2.], requires_grad=True)\ny = x * 2\nz = y.sum()\nz.backward(retain_graph=True)"
    _, ns = run_traced(code, lib)
    plain = {"torch": lib}
    exec(code, plain)
    for name in ("x", "y", "z"):
        assert ns[name].retains_grad is False
        assert ns[name]._version == plain[name]._version
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert ns["y"].grad is None
    ns["z"].backward()  # the graph was kept only because the code asked for it
    assert ns["x"].grad.tolist() == [4.0, 4.0]


def test_a_cell_without_graph_gets_a_note():
    trace, _ = run_traced("a = 1 + 1", autograd_lab)
    assert trace.graphs == []
    assert trace.notes == ["This cell built no autograd graph (no tensor that requires grad)."]


def test_saved_values_and_freed_after_backward():
    trace, _ = run_traced("x = torch.tensor([1., 2.], requires_grad=True)\ny = (x * x).sum()", autograd_lab)
    mul = [f for f in trace.graph.functions.values() if f.name == "MulBackward0"][0]
    assert [(s.name, s.preview, s.freed) for s in mul.saved] == [
        ("_saved_other", "[2] [1., 2.]", False), ("_saved_self", "[2] [1., 2.]", False)]
    trace, _ = run_traced("x = torch.tensor([1., 2.], requires_grad=True)\ny = (x * x).sum()\ny.backward()",
                          autograd_lab)
    lines = dict(graph_of(trace, saved=True).nodes(data="lines"))
    mul = [k for k, v in lines.items() if v[0] == "MulBackward0"][0]
    assert lines[mul] == ["MulBackward0", "_saved_other: freed", "_saved_self: freed"]


@pytest.mark.parametrize("lib_name", ["autograd_lab", "torch"])
def test_a_slot_never_saved_stays_none_after_backward_not_freed(lib_name):
    # yy * 3: MulBackward0 keeps the number as _saved_other; _saved_self was never saved
    # (the number needs no grad), and PyTorch shows it as None before and after backward.
    lib = pytest.importorskip(lib_name)
    trace, _ = run_traced("x = torch.tensor([1., 2.], requires_grad=True)\nyy = x + 2\nz = yy * 3\n"
                          "z.sum().backward()", lib)
    lines = dict(graph_of(trace, saved=True).nodes(data="lines"))
    mul = [k for k, v in lines.items() if v[0] == "MulBackward0"][0]
    assert lines[mul] == ["MulBackward0", "_saved_other: freed", "_saved_self: None"]

@pytest.mark.parametrize("lib_name", ["autograd_lab", "torch"])
def test_names_inside_modules_and_lists_label_tensors(lib_name):
    lib = pytest.importorskip(lib_name)
    ns = {"torch": lib, "nn": lib.nn}
    lib.manual_seed(0)
    exec("model = nn.Linear(2, 1)", ns)
    trace, _ = run_traced("xs = [torch.ones(1, 2)]\nout = model(xs[0]).sum()", lib, ns)
    g = graph_of(trace)
    labels = sorted(label for _, label in g.nodes(data="label"))
    # (the unnamed tensor is the addmm result, titled by its shape; model.weight.t() is inside
    # PyTorch's one linear call: drawn as TBackward0 joined to addmm, no tensor between)
    assert labels == ["AddmmBackward0", "SumBackward0", "TBackward0", "[1, 1] float32",
                      "model.bias", "model.weight", "out", "xs[0]"]
    edges = sorted((g.nodes[s]["label"], g.nodes[d]["label"]) for s, d in g.edges)
    assert ("TBackward0", "AddmmBackward0") in edges


def test_nonleaf_grad_warning_the_learner_saw_is_marked():
    ns = {"torch": autograd_lab}
    with pytest.warns(UserWarning, match="is not a leaf Tensor is being accessed"):
        trace, _ = run_traced("x = torch.tensor(2., requires_grad=True)\ny = x * x\ny.backward()\ny.grad", autograd_lab, ns)
    assert trace.graph.read_nonleaf_grad is True
    lines = dict(graph_of(trace).nodes(data="lines"))
    assert lines["t0"] == ["y", "[] float32", "4.", "grad: None ⚠"]


@pytest.mark.parametrize("lib_name", ["autograd_lab", "torch"])
def test_a_warning_inside_a_traced_cell_points_at_the_learners_line(lib_name):
    lib = pytest.importorskip(lib_name)
    ns = {"torch": lib}
    code = compile("x = torch.tensor(2., requires_grad=True)\ny = x * x\ny.backward()\ny.grad\n", "<cell>", "exec")
    tracer = CellTracer(ns).start()
    try:
        with warnings.catch_warnings(record=True) as seen:
            warnings.simplefilter("always")
            exec(code, ns)
    finally:
        tracer.finish()
    assert [(w.filename, w.lineno, w.category) for w in seen] == [("<cell>", 4, UserWarning)]
    assert str(seen[0].message).startswith("The .grad attribute of a Tensor that is not a leaf Tensor is being accessed.")

SCALED_ADD = """
class ScaledAdd(torch.autograd.Function):
    @staticmethod
    def forward(ctx, a, b, scale):
        ctx.scale = scale
        return a + scale * b

    @staticmethod
    def backward(ctx, grad_output):
        return grad_output, None, None

a = torch.tensor([1.0, 2.0], requires_grad=True)
b = torch.tensor([10.0, 20.0])
out = ScaledAdd.apply(a, b, 0.5)
out.sum().backward()
"""


@pytest.mark.parametrize("lib_name", ["autograd_lab", "torch"])
def test_a_constant_input_of_a_custom_function_is_drawn_as_its_input(lib_name):
    # Lesson 4's ScaledAdd: b needs no grad and is not saved; it still flows into ScaledAddBackward.
    lib = pytest.importorskip(lib_name)
    trace, _ = run_traced(SCALED_ADD, lib)
    g = graph_of(trace)
    assert sorted(g.nodes(data="label")) == [
        ("f0", "ScaledAddBackward"), ("f1", "SumBackward0"), ("t0", "out"), ("t1", "a"), ("t2", "b"),
        ("t3", "[] float32")]
    assert g.nodes["t2"]["role"] == "const" and ("t2", "f0") in g.edges

CONSTANT_LOOP = """
w = torch.tensor([0.5, -1.0, 2.0], requires_grad=True)
x = torch.tensor([1.0, 2.0, 3.0])
for epoch in range(2):  # (torch: the ops of a loop's first 2 iterations are noted, see adapter_torch)
    h = torch.tanh(w * x)
    loss = (h ** 2).sum() + w.mean()
    loss.backward()
"""


@pytest.mark.parametrize("lib_name", ["autograd_lab", "torch"])
def test_a_named_constant_stays_an_input_of_its_op_after_backward_freed_it(lib_name):
    lib = pytest.importorskip(lib_name)
    trace, _ = run_traced(CONSTANT_LOOP, lib)
    g = graph_of(trace)
    assert sorted(g.nodes(data="label")) == [
        ("f0", "TanhBackward0"), ("f1", "AddBackward0"), ("f2", "MulBackward0"), ("f3", "SumBackward0"),
        ("f4", "MeanBackward0"), ("f6", "PowBackward0"), ("t0", "h"), ("t1", "loss"), ("t2", "x"), ("t3", "w"),
        ("t4", "[3] float32"), ("t5", "[] float32"), ("t6", "[] float32"), ("t7", "[3] float32")]
    assert sorted(g.edges()) == [
        ("f0", "t0"), ("f1", "t1"), ("f2", "t4"), ("f3", "t5"), ("f4", "t6"), ("f6", "t7"), ("t0", "f6"),
        ("t2", "f2"), ("t3", "f2"), ("t3", "f4"), ("t4", "f0"), ("t5", "f1"), ("t6", "f1"), ("t7", "f3")]
    assert g.nodes["t2"]["role"] == "const"
    assert g.nodes["t2"]["lines"] == ["x", "[3] float32", "[1., 2., 3.]"]
    other = [s for s in trace.graph.functions["f2"].saved if s.name == "_saved_other"]
    assert [(s.preview, s.freed, s.tensor) for s in other] == [("freed", True, "t2")]


@pytest.mark.parametrize("lib_name", ["autograd_lab", "torch"])
def test_a_named_constant_no_op_saved_is_drawn_as_an_input(lib_name):
    lib = pytest.importorskip(lib_name)
    # AddBackward0 saves nothing: x is known from the op itself.
    trace, _ = run_traced("w = torch.tensor([1., 2.], requires_grad=True)\nx = torch.tensor([3., 4.])\ny = w + x",
                          lib)
    g = graph_of(trace)
    assert sorted(g.nodes(data="lines")) == [
        ("f0", ["AddBackward0"]), ("t0", ["y", "[2] float32", "[4., 6.]"]),
        ("t1", ["w", "[2] float32", "[1., 2.]", "grad: None"]), ("t2", ["x", "[2] float32", "[3., 4.]"])]
    assert sorted(g.edges()) == [("f0", "t0"), ("t1", "f0"), ("t2", "f0")]
    assert g.nodes["t2"]["role"] == "const"


@pytest.mark.parametrize("lib_name", ["autograd_lab", "torch"])
def test_an_unnamed_intermediate_is_drawn_between_its_ops_with_its_value(lib_name):
    lib = pytest.importorskip(lib_name)
    trace, _ = run_traced("y = torch.tensor([1., 2.], requires_grad=True)\nz = y * y * 3", lib)
    g = graph_of(trace)
    assert sorted(g.nodes(data="lines")) == [
        ("f0", ["MulBackward0"]), ("f1", ["MulBackward0"]), ("t0", ["z", "[2] float32", "[3., 12.]"]),
        ("t1", ["y", "[2] float32", "[1., 2.]", "grad: None"]), ("t2", ["[2] float32", "[1., 4.]"])]
    # y -> (y * y) -> t2 -> (* 3) -> z; y enters the first Mul twice.
    assert sorted(g.edges(data="count")) == [("f0", "t0", 1), ("f1", "t2", 1), ("t1", "f1", 2), ("t2", "f0", 1)]
    assert g.nodes["t2"]["role"] == "nonleaf"


@pytest.mark.parametrize("lib_name", ["autograd_lab", "torch"])
def test_an_unnamed_constant_made_and_dropped_in_the_cell_is_still_drawn(lib_name):
    lib = pytest.importorskip(lib_name)
    trace, _ = run_traced("w = torch.tensor([1., 2.], requires_grad=True)\ny = w * torch.tensor([2., 5.])", lib)
    g = graph_of(trace)
    assert sorted(g.nodes(data="lines")) == [
        ("f0", ["MulBackward0"]), ("t0", ["y", "[2] float32", "[2., 10.]"]),
        ("t1", ["w", "[2] float32", "[1., 2.]", "grad: None"]), ("t2", ["[2] float32", "[2., 5.]"])]
    assert g.nodes["t2"]["role"] == "const"
    assert sorted(g.edges()) == [("f0", "t0"), ("t1", "f0"), ("t2", "f0")]


@pytest.mark.parametrize("lib_name", ["autograd_lab", "torch"])
def test_an_unnamed_output_is_drawn_only_where_data_flows_or_the_graph_ends(lib_name):
    lib = pytest.importorskip(lib_name)
    trace, _ = run_traced("x = torch.tensor([1., 2.], requires_grad=True)\n(x * x).sum().backward()\n"
                          "w = torch.tensor([[1.], [2.], [3.]], requires_grad=True)\na, b = torch.unbind(w, 0)[:2]", lib)
    g = graph_of(trace)
    # The dropped sum is drawn (the end of its graph); unbind's unused third output is not.
    assert sorted(g.nodes(data="label")) == [
        ("f0", "UnbindBackward0"), ("f1", "SumBackward0"), ("f3", "MulBackward0"), ("t0", "a"), ("t1", "b"),
        ("t2", "w"), ("t3", "x"), ("t4", "[] float32"), ("t5", "[2] float32")]
    assert g.nodes["t4"]["lines"] == ["[] float32", "5."]
    assert sorted(g.edges()) == [("f0", "t0"), ("f0", "t1"), ("f1", "t4"), ("f3", "t5"), ("t2", "f0"), ("t3", "f3"),
                                 ("t5", "f1")]


def test_the_autograd_view_keeps_only_function_nodes():
    trace, _ = run_traced("y = torch.tensor([1., 2.], requires_grad=True)\nz = y * y * 3", autograd_lab)
    g = graph_of(trace, autograd=True)
    assert sorted(g.nodes(data="label")) == [("f0", "MulBackward0"), ("f1", "MulBackward0"), ("f2", "AccumulateGrad")]
    assert sorted(g.edges()) == [("f0", "f1"), ("f1", "f2")]


def test_an_error_while_following_ops_stops_it_with_a_warning_and_the_cell_runs_on(monkeypatch):
    from autograd_lab.viz import adapter_lab

    def broken(array):
        raise ValueError("no preview")

    monkeypatch.setattr(adapter_lab, "preview", broken)  # fails on the constant's value
    with pytest.warns(RuntimeWarning, match="stopped following ops"):
        trace, ns = run_traced("y = torch.tensor([1., 2.], requires_grad=True)\nz = y * torch.ones(2) * 3",
                               autograd_lab)
    assert trace.error is None and ns["z"].tolist() == [3.0, 6.0]
    # Drawn as without op records: named tensors only, op -> op arrows.
    assert sorted(graph_of(trace).edges()) == [("f0", "t0"), ("f1", "f0"), ("t1", "f1")]


def test_a_long_chain_collapses_with_the_unnamed_tensors_between_its_ops():
    trace, _ = run_traced("x = torch.tensor([1.], requires_grad=True)\ny = x\nfor _ in range(3000):\n    y = y * 1.001\n",
                          autograd_lab)
    pic = GraphPicture(trace.graph)
    g = pic.to_networkx()
    # 2999 (op, tensor) pairs become one node; the last op feeds y itself.
    assert sorted(g.nodes(data="lines")) == [
        ("c0", ["MulBackward0 × 2999", "(2999 ops and 2999 tensors collapsed)"]), ("f0", ["MulBackward0"]),
        ("t0", ["y", "[1] float32", "[20.06]"]), ("t1", ["x", "[1] float32", "[1.]", "grad: None"])]
    assert sorted(g.edges()) == [("c0", "f0"), ("f0", "t0"), ("t1", "c0")]
    assert "5998 nodes in 1 repeated chain are collapsed into one node each" in pic.svg()


def test_call_after_import_calls_back_once_the_module_ran_and_leaves_no_trace(tmp_path, monkeypatch):
    import importlib.machinery
    import sys

    from autograd_lab.viz.patching import call_after_import

    (tmp_path / "watched_module.py").write_text("value = 42\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    meta_path = list(sys.meta_path)
    seen = []
    remove = call_after_import("watched_module", lambda m: seen.append((m.__name__, m.value)))
    try:
        import watched_module
    finally:
        remove()
        sys.modules.pop("watched_module", None)
    assert seen == [("watched_module", 42)]
    assert sys.meta_path == meta_path
    assert type(watched_module.__loader__) is importlib.machinery.SourceFileLoader
    assert watched_module.__spec__.loader is watched_module.__loader__


IMPORTS_TORCH_ITSELF = '''
import json, sys
from autograd_lab.viz.trace import CellTracer
assert "torch" not in sys.modules
meta_path = list(sys.meta_path)
ns = {}
tracer = CellTracer(ns).start()
try:
    exec(compile("import torch\\n" + sys.argv[1], "<cell>", "exec"), ns)
finally:
    trace = tracer.finish()
import torch
print(json.dumps({
    "library": trace.graph.library,
    "events": [[e.kind, e.grads["w"].tolist() if e.grads["w"] is not None else None] for e in trace.graph.events],
    "restored": sys.meta_path == meta_path and "zero_" not in torch.Tensor.__dict__
                and torch.autograd._engine_run_backward.__module__ == "torch.autograd.graph",
}))
'''


def test_a_cell_that_imports_torch_itself_gets_its_timeline():
    pytest.importorskip("torch")
    import json
    import subprocess
    import sys

    # A fresh interpreter: torch is imported in the cell, not before (it cannot be unimported here).
    out = subprocess.run([sys.executable, "-c", IMPORTS_TORCH_ITSELF, LOOP], capture_output=True, text=True,
                         check=True).stdout
    assert json.loads(out) == {
        "library": "torch",
        "events": [["backward", [3.0]], ["backward", [6.0]], ["backward", [9.0]], ["zero_grad", None],
                   ["zero_grad", None], ["backward", [3.0]], ["step", [3.0]],
                   ["zero_grad", None], ["backward", [3.0]], ["step", [3.0]]],
        "restored": True,
    }


LAZY_OPTIM = '''
import json, sys
import autograd_lab
from autograd_lab.viz.trace import CellTracer
assert "autograd_lab.optim" not in sys.modules and "autograd_lab.nn" not in sys.modules
meta_path = list(sys.meta_path)
ns = {"torch": autograd_lab}
tracer = CellTracer(ns).start()
exec(compile(sys.argv[1], "<cell>", "exec"), ns)
trace = tracer.finish()
print(json.dumps({
    "events": [[e.kind, e.label] for e in trace.graph.events],
    "restored": sys.meta_path == meta_path and [autograd_lab.optim.SGD.step.__qualname__,
                autograd_lab.optim.Optimizer.zero_grad.__qualname__, autograd_lab.nn.Module.zero_grad.__qualname__]
                == ["SGD.step", "Optimizer.zero_grad", "Module.zero_grad"],
}))
'''


def test_optim_and_nn_first_used_in_the_traced_code_are_still_heard():
    import json
    import subprocess
    import sys

    # A fresh interpreter: autograd_lab.optim and .nn load on first use, here inside the code.
    code = ("w = torch.tensor([1.], requires_grad=True)\nopt = torch.optim.SGD([w], lr=0.0)\n"
            "(w * 3).sum().backward()\nopt.step()\nopt.zero_grad()\ntorch.nn.Linear(1, 1).zero_grad()")
    out = subprocess.run([sys.executable, "-c", LAZY_OPTIM, code], capture_output=True, text=True,
                         check=True).stdout
    assert json.loads(out) == {
        "events": [["backward", "backward #1"], ["step", "SGD.step()"], ["zero_grad", "SGD.zero_grad()"],
                   ["zero_grad", "Linear.zero_grad()"]],
        "restored": True,
    }


def _frames(code, ns, traced):
    """Where ``code`` raised: the (file name, function) of each frame of its traceback."""
    import traceback

    tracer = CellTracer(ns).start() if traced else None
    try:
        exec(code, ns)
    except Exception as e:  # noqa: BLE001 - the test looks at its traceback
        error = e
    finally:
        if tracer is not None:
            tracer.finish()
    return [(f.filename.replace("\\", "/").split("/")[-1], f.name) for f in traceback.extract_tb(error.__traceback__)]


@pytest.mark.parametrize("code", [
    "h = x @ w",  # raised inside the op (through the torch function mode)
    "w.zero_()",  # raised inside a method the tracer wraps
    "torch.nn.Linear(3, 2)(x)",  # raised in torch's Python code, under the op
])
def test_an_error_in_traced_torch_code_has_the_traceback_it_has_untraced(code):
    torch = pytest.importorskip("torch")
    setup = "w = torch.ones(3, 4, requires_grad=True)\nx = torch.ones(2, 4)\n"
    untraced = _frames(setup + code, {"torch": torch}, traced=False)
    assert _frames(setup + code, {"torch": torch}, traced=True) == untraced


def test_backward_a_second_time_shows_no_frame_of_the_tracer():
    torch = pytest.importorskip("torch")
    frames = _frames("x = torch.ones(2, requires_grad=True)\ny = (x * x).sum()\ny.backward()\ny.backward()",
                     {"torch": torch}, traced=True)
    assert [f for f in frames if f[0] in ("adapter_torch.py", "patching.py")] == []
    assert frames[-1] == ("graph.py", "_engine_run_backward")


def test_complex_tensors_are_traced_and_previewed_as_pytorch_prints_them():
    torch = pytest.importorskip("torch")
    code = ("a = torch.tensor([1+2j, 3-1j], requires_grad=True)\n"
            "y = (a * a.conj()).real.sum()\ny.backward()")  # conj() is a view with the conjugate bit
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        trace, ns = run_traced(code, torch)
    assert trace.error is None and ns["a"].grad.tolist() == [2 + 4j, 6 - 2j]
    lines = GraphPicture(trace.graph).view().nodes
    assert [n.lines for n in lines.values() if n.lines[0] in ("a", "[2] complex64")] == [
        ["a", "[2] complex64", "[1.+2.j, 3.-1.j]", "grad: [2.+4.j, 6.-2.j]"],
        ["[2] complex64", "[5.+0.j, 10.+0.j]"], ["[2] complex64", "[1.-2.j, 3.+1.j]"]]


def test_meta_tensors_are_drawn_without_values_and_their_backward_runs():
    torch = pytest.importorskip("torch")
    code = ("m = torch.nn.Linear(2, 2, device='meta')\nx = torch.ones(3, 2, device='meta', requires_grad=True)\n"
            "loss = m(x).sum()\nloss.backward()")
    trace, ns = run_traced(code, torch)
    assert trace.error is None and ns["x"].grad.device.type == "meta"
    lines = {n.lines[0]: n.lines for n in GraphPicture(trace.graph).view().nodes.values()}
    assert lines["m.bias"] == ["m.bias", "[2] float32", "grad: [nan, nan]"]
    assert lines["[3, 2] float32"] == ["[3, 2] float32"]


def test_a_failure_while_following_backward_warns_once_and_the_backward_runs_on(monkeypatch):
    torch = pytest.importorskip("torch")
    from autograd_lab.viz.adapter_torch import TorchAdapter

    def broken(self, grads):
        raise ValueError("no copy")

    monkeypatch.setattr(TorchAdapter, "_grads_to_numpy", broken)
    with pytest.warns(RuntimeWarning, match=r"stopped following backward \(ValueError: no copy\)") as seen:
        trace, ns = run_traced("x = torch.tensor([1., 2.], requires_grad=True)\n"
                               "for _ in range(2):\n    (x * x).sum().backward()", torch)
    assert len([w for w in seen if "stopped following" in str(w.message)]) == 1
    assert trace.error is None and ns["x"].grad.tolist() == [4.0, 8.0]
