"""What %%tracegraph keeps of a long cell, and what it leaves out to stay cheap (issue 18): the
timeline's leaves are the cell's own, events are sampled after the first ones, on PyTorch ops
are noted for a budget and the op-following mode is then left mid-cell, backward calls are
heard node by node for the first calls only (or all with --step). All of it deterministic, and
said in the picture."""
import re

import pytest

import autograd_lab
import autograd_lab.nn  # noqa: F401 - torch.nn in the programs below
import autograd_lab.optim  # noqa: F401
from autograd_lab.viz import adapter_torch, trace as trace_module
from autograd_lab.viz.display import GraphPicture
from autograd_lab.viz.trace import CellTracer


def run(code, ns, step=False):
    tracer = CellTracer(ns, step=step).start()
    try:
        exec(code, ns)
    finally:
        trace = tracer.finish()
    return trace


EARLIER_CELL = """
torch.manual_seed(0)
enc = torch.nn.TransformerEncoderLayer(d_model=8, nhead=2, dim_feedforward=16)
enc(torch.randn(3, 2, 8)).sum().backward()
w_old = torch.ones(2, requires_grad=True)
(w_old * 2).sum().backward()
"""
LOOP_CELL = """
X = torch.randn(16, 4)
Y = torch.randn(16, 1)
model = torch.nn.Sequential(torch.nn.Linear(4, 8), torch.nn.Tanh(), torch.nn.Linear(8, 1))
opt = torch.optim.SGD(model.parameters(), lr=0.1)
for step in range(STEPS):
    opt.zero_grad()
    loss = ((model(X) - Y) ** 2).mean()
    loss.backward()
    opt.step()
stack_after_loop = torch._C._len_torch_function_stack() if hasattr(torch, "_C") else 0
"""
PARAMS = ["model.0.weight", "model.0.bias", "model.2.weight", "model.2.bias"]


def loop_trace(steps, step=False):
    torch = pytest.importorskip("torch")
    ns = {"torch": torch}
    exec(EARLIER_CELL, ns)  # an earlier cell: its leaves have a .grad, and stay in the namespace
    return run(LOOP_CELL.replace("STEPS", str(steps)), ns, step), ns


@pytest.mark.parametrize("lib_name", ["autograd_lab", "torch"])
def test_the_timeline_of_a_training_loop_lists_its_own_parameters_only_in_the_models_order(lib_name):
    lib = pytest.importorskip(lib_name)
    ns = {"torch": lib}
    exec("lib_x = torch.tensor([1., 2.], requires_grad=True)\n(lib_x * 3).sum().backward()\n"
         "lonely = [torch.ones(1, requires_grad=True)]", ns)  # an earlier cell's leaves
    trace = run(LOOP_CELL.replace("STEPS", "3").replace("torch._C._len_torch_function_stack()", "0"), ns)
    model = trace.graph
    assert [list(e.grads) for e in model.events] == [PARAMS] * len(model.events)
    assert [(e.kind, e.number) for e in model.events][:4] == [
        ("backward", 1), ("step", 2), ("zero_grad", 3), ("backward", 4)]


def test_a_torch_loop_after_a_transformer_cell_shows_no_row_of_the_earlier_cell():
    trace, _ = loop_trace(3)
    rows = GraphPicture(trace.graph).svg()
    assert "enc." not in rows and "w_old" not in rows and "not shown" not in rows
    assert list(trace.graph.events[0].grads) == PARAMS


def test_a_zero_on_a_leaf_of_an_earlier_cell_is_no_event():
    torch = pytest.importorskip("torch")
    ns = {"torch": torch}
    exec("w = torch.ones(2, requires_grad=True)\n(w * 2).sum().backward()", ns)
    trace = run("w.grad.zero_()\nv = torch.ones(1, requires_grad=True)\n(v * 2).sum().backward()", ns)
    assert [(e.kind, list(e.grads)) for e in trace.graph.events] == [("backward", ["v"])]


def test_a_long_loop_keeps_the_first_12_events_then_2_to_the_k_and_the_last():
    assert trace_module.MAX_FULL_EVENTS == 12
    trace, _ = loop_trace(100)
    model = trace.graph
    # (the loop's first zero_grad() came before backward found any leaf: no event of the timeline)
    assert model.n_events == 299 and model.n_backward_calls == 100
    assert [e.number for e in model.events] == list(range(1, 13)) + [16, 32, 64, 128, 256, 299]
    last = model.events[-1]
    assert (last.kind, last.label) == ("step", "SGD.step()")
    svg = GraphPicture(model).svg()
    assert "#299 SGD.step()" in svg and "#256 backward #86" in svg
    texts = " ".join(re.findall(r"<text[^>]*>([^<]*)</text>", svg))  # (the title wraps to the column)
    assert ("288 events not shown: the .grad was copied after the first 12 events, then after events 16, 32, 64, …, "
            "and at the end after the last") in texts


def test_a_long_torch_loop_notes_the_ops_it_followed_and_leaves_the_mode_in_the_cell():
    torch = pytest.importorskip("torch")
    trace, ns = loop_trace(100)
    assert ns["stack_after_loop"] == 0  # the op-following mode was left during the loop
    assert torch.overrides._get_current_function_mode_stack() == []
    notes = trace.graph.notes
    assert notes == [f"Tensors between ops are drawn for the ops this cell ran up to its backward call "
                     f"#{adapter_torch.MAX_FOLLOWED_BACKWARD + 1} only; %%tracegraph then let it run at full speed, "
                     "so later ops are drawn joined directly, with the constants the same ops took in the first "
                     "graph of their shape.",
                     "Graphs read: 9 of the cell's 100 backward calls (calls 1-4, then 8, 16, 32, …, and the last); "
                     "the other 91 were counted, not read: a graph of another shape among them is not drawn."]
    svg = GraphPicture(trace.graph).svg()
    assert "Tensors between ops are drawn for the ops this cell ran up to its backward call" in svg
    # The last graph: ops joined directly, the named tensors drawn; X and Y as inputs (Y, which sub
    # saves nowhere, as the same op took it in the first graph of this shape).
    g = GraphPicture(trace.graph).to_networkx()
    labels = sorted(label for _, label in g.nodes(data="label"))
    assert labels == ["AddmmBackward0", "AddmmBackward0", "MeanBackward0", "PowBackward0", "SubBackward0",
                      "TBackward0", "TBackward0", "TanhBackward0", "X", "Y", "loss", *sorted(PARAMS)]
    y = next(n for n, label in g.nodes(data="label") if label == "Y")
    assert [g.nodes[d]["label"] for _, d in g.out_edges(y)] == ["SubBackward0"]


SHORT_LOOP = """
w = torch.tensor([[0.5], [-1.]], requires_grad=True)
b = torch.zeros(1, requires_grad=True)
X = torch.tensor([[1., 2.], [3., 4.]])
Y = torch.tensor([[1.], [0.]])
opt = torch.optim.SGD([w, b], lr=0.1)
for step in range(adapter_torch.MAX_FOLLOWED_BACKWARD + 1):
    opt.zero_grad()
    loss = ((X @ w + b - Y) ** 2).mean()
    loss.backward()
    opt.step()
"""


def test_a_short_torch_loop_is_followed_whole_and_drawn_as_autograd_lab_draws_it():
    torch = pytest.importorskip("torch")
    pictures, timelines = [], []
    for lib in (autograd_lab, torch):
        trace = run(SHORT_LOOP, {"torch": lib, "adapter_torch": adapter_torch})
        assert trace.graph.notes == []
        g = GraphPicture(trace.graph).to_networkx()
        pictures.append((sorted(g.nodes(data="lines")), sorted(g.edges())))
        timelines.append([(e.kind, e.number, list(e.grads)) for e in trace.graph.events])
    assert pictures[0] == pictures[1]
    assert timelines[0] == timelines[1]
    assert len(timelines[1]) == 3 * adapter_torch.MAX_FOLLOWED_BACKWARD + 2
    assert timelines[1][0] == ("backward", 1, ["w", "b"])


def test_a_long_torch_loop_draws_the_same_bytes_every_run():
    first, _ = loop_trace(100)
    second, _ = loop_trace(100)
    assert GraphPicture(first.graph).svg() == GraphPicture(second.graph).svg()


def test_backward_steps_are_kept_for_the_first_calls_unless_step_is_asked():
    pytest.importorskip("torch")
    from autograd_lab.widgets.replay import replay_trace

    trace, _ = loop_trace(10)
    calls = trace.graph.backward_calls
    assert [c.steps is not None for c in calls] == [True] * adapter_torch.MAX_STEPPED_CALLS + [False] * 7
    assert calls[0].grads_before == {name: None for name in PARAMS}
    with pytest.raises(ValueError, match="backward #10 was not recorded node by node.*add --step"):
        replay_trace(trace)
    assert [s.name for s in calls[0].steps][:2] == ["MeanBackward0", "PowBackward0"]
    stepped, _ = loop_trace(10, step=True)
    assert all(c.steps for c in stepped.graph.backward_calls)
    replay = replay_trace(stepped)
    assert replay.steps[-1].leaf in PARAMS
    # zero_grad() set the .grad to None before the last backward: each step starts from None
    assert all(s.grad_before is None for s in replay.steps if s.leaf is not None)


def test_a_long_chain_is_read_up_to_the_cap_and_says_so_and_the_mode_is_left_in_the_loop():
    torch = pytest.importorskip("torch")
    ns = {"torch": torch}
    trace = run("h = torch.ones(4, requires_grad=True)\ny = h\nfor i in range(3000):\n    y = (y * 1.0001).tanh()\n"
                "depth = torch._C._len_torch_function_stack()\ny.sum().backward()", ns)
    assert ns["depth"] == 0
    cap = adapter_torch.MAX_CAPTURED_FUNCTIONS
    assert sum(1 for f in trace.graph.functions.values()) == cap
    assert trace.graph.notes[0] == (f"The graph has more than {cap:,} nodes: the {cap:,} nearest its outputs are "
                                    f"captured and drawn, the rest is left out (torch graphs are read up to {cap:,} nodes).")
    assert trace.graph.notes[1].startswith("Tensors between ops are drawn for the ops this cell ran in its first ")


def test_a_mode_the_learner_pushed_above_ours_is_left_alone_and_everything_is_restored():
    torch = pytest.importorskip("torch")
    from torch.overrides import TorchFunctionMode

    class Counting(TorchFunctionMode):
        calls = 0

        def __torch_function__(self, func, types, args=(), kwargs=None):
            Counting.calls += 1
            return func(*args, **(kwargs or {}))

    ns = {"torch": torch, "Counting": Counting}
    before = (torch.autograd._engine_run_backward, torch.optim.Optimizer.zero_grad, torch.nn.Module.zero_grad)
    code = ("mine = Counting()\nmine.__enter__()\nh = torch.ones(4, requires_grad=True)\ny = h\n"
            "for i in range(3000):\n    y = (y * 1.0001).tanh()\ny.sum().backward()\nmine.__exit__(None, None, None)\n"
            "depth = torch._C._len_torch_function_stack()")
    trace = run(code, ns)
    assert Counting.calls >= 6000 and ns["h"].grad is not None
    assert ns["depth"] == 1  # ours stayed under the learner's mode until the end of the cell
    assert torch.overrides._get_current_function_mode_stack() == []
    assert (torch.autograd._engine_run_backward, torch.optim.Optimizer.zero_grad, torch.nn.Module.zero_grad) == before
    assert trace.graph.notes[-1].startswith("Tensors between ops are drawn for the ops this cell ran in its first ")


def test_stepping_through_a_torch_graph_larger_than_what_is_read_says_so():
    torch = pytest.importorskip("torch")
    from autograd_lab.widgets.replay import replay_output

    y = torch.ones(2, requires_grad=True)
    for _ in range(adapter_torch.MAX_CAPTURED_FUNCTIONS):
        y = y * 1.0001
    # 600 MulBackward0, SumBackward0 and the AccumulateGrad of y
    with pytest.raises(ValueError, match=r"has 602 nodes, more than the 600 a torch graph is read up to"):
        replay_output(y.sum())


def test_a_learners_mode_sees_the_same_torch_calls_traced_as_untraced():
    # What the tracer reads on torch's events (.grad snapshots, the graph as backward starts, the
    # stepped calls' gradients) goes past every torch function mode: a mode of the learner's sees
    # only the cell's own calls, and ours does not count the tracer's reads in its budget.
    torch = pytest.importorskip("torch")
    from torch.overrides import TorchFunctionMode

    class Counting(TorchFunctionMode):
        def __torch_function__(self, func, types, args=(), kwargs=None):
            self.calls.append(getattr(func, "__name__", str(func)))
            return func(*args, **(kwargs or {}))

    code = LOOP_CELL.replace("STEPS", "3").replace("for step", "seen = Counting()\nseen.calls = []\nwith seen:\n  for step")
    code = code.replace("\n    ", "\n      ")
    untraced = {"torch": torch, "Counting": Counting}
    torch.manual_seed(0)
    exec(code, untraced)
    traced = {"torch": torch, "Counting": Counting}
    torch.manual_seed(0)
    trace = run(code, traced)
    assert len(trace.graph.events) == 8 and trace.graph.backward_calls[0].steps  # (none before backward #1)
    assert traced["seen"].calls == untraced["seen"].calls
    assert len(untraced["seen"].calls) > 30


SHAPES_LOOP = """
w = torch.tensor([0.5, -1.0], requires_grad=True)
x = torch.tensor([1.0, 2.0])
for i in range(10):
    if i == 5:  # backward call #6, whose graph is not read
        loss = (w * x).exp().sum()
    elif i == 9:  # the last call: read at the end of the cell
        loss = (w * x).tanh().sum()
    else:
        loss = (w * x).sum()
    loss.backward()
"""


def test_a_torch_loop_reads_the_graphs_of_some_calls_and_the_picture_says_which_it_read():
    torch = pytest.importorskip("torch")
    assert [n for n in range(1, 11) if trace_module.read_call(n)] == [1, 2, 3, 4, 8]
    model = run(SHAPES_LOOP, {"torch": torch}).graph
    assert (model.n_backward_calls, model.n_read_calls) == (10, 6)
    assert model.notes[-1] == (
        "Graphs read: 6 of the cell's 10 backward calls (calls 1-4, then 8, 16, 32, …, and the last); "
        "the other 4 were counted, not read: a graph of another shape among them is not drawn.")
    names = {f.id: f.name for f in model.functions.values()}
    # The shape of call #6 (exp) was never read: it is not drawn; the last call's (tanh) is, once.
    assert sorted(names.values()) == ["AccumulateGrad", "MulBackward0", "MulBackward0", "SumBackward0", "SumBackward0",
                                      "TanhBackward0"]
    assert sorted((names[fid], n) for fid, n in model.repeats.items()) == [("SumBackward0", 1), ("SumBackward0", 5)]
    g = GraphPicture(model).to_networkx()
    lines = sorted(" / ".join(ls[1:]) for _, ls in g.nodes(data="lines") if ls[0] == "SumBackward0")
    assert lines == ["10 backward calls: / 6 read, 1 of this shape", "10 backward calls: / 6 read, 5 of this shape"]


def test_with_step_or_on_autograd_lab_every_calls_graph_is_read():
    torch = pytest.importorskip("torch")
    for lib, step in ((torch, True), (autograd_lab, False)):
        model = run(SHAPES_LOOP, {"torch": lib}, step=step).graph
        assert (model.n_backward_calls, model.n_read_calls) == (10, 10)
        assert not any(n.startswith("Graphs read") for n in model.notes)
        names = {f.id: f.name for f in model.functions.values()}
        assert sorted((names[fid], n) for fid, n in model.repeats.items()) == [("SumBackward0", 8)]


def _saved_records(model):
    return sorted((f.name, [(s.name, s.preview, s.freed) for s in f.saved]) for f in model.functions.values())


def _drawn_and_asked(torch, code, monkeypatch):
    """The saved slots drawn after tracing ``code``, and drawn when every slot is asked."""
    held_used = []
    original = adapter_torch.TorchAdapter.saved

    def counting(self, node, freed=False, held=None):
        held_used.append(freed and held is not None)
        return original(self, node, freed, held)

    monkeypatch.setattr(adapter_torch.TorchAdapter, "saved", counting)
    drawn = _saved_records(run(code, {"torch": torch}).graph)
    monkeypatch.setattr(adapter_torch.TorchAdapter, "saved", lambda self, node, freed=False, held=None:
                        original(self, node, freed))  # every slot asked
    asked = _saved_records(run(code, {"torch": torch}).graph)
    return drawn, asked, any(held_used)


def test_a_freed_torch_nodes_saved_slots_are_drawn_as_asking_each_would_draw_them(monkeypatch):
    # What a node's saved attributes held as backward started (read then) stands for asking each
    # one once backward freed it (asking a freed one raises: 25 us): the same records either way.
    torch = pytest.importorskip("torch")
    code = ("a = torch.ones(3, requires_grad=True)\nb = torch.full((3,), 2.)\n"
            "y = (a * b).tanh() * 3 + (a * a).exp()\nyy = torch.addmm(torch.zeros(2, 2), a[:2].reshape(2, 1) * "
            "b[:2].reshape(2, 1), torch.ones(1, 2))\n(y.sum() + yy.sum()).backward()")
    drawn, asked, held_used = _drawn_and_asked(torch, code, monkeypatch)
    assert held_used
    assert drawn == asked
    assert ("TanhBackward0", [("_saved_result", "freed", True)]) in drawn
    assert any(name == "MulBackward0" and ("_saved_self", "None", False) in slots for name, slots in drawn)
    assert any(name == "AddmmBackward0" and ("_saved_mat1", "None", False) in slots for name, slots in drawn)


def test_a_torch_backward_that_raised_midway_draws_the_nodes_it_did_not_reach_with_their_values(monkeypatch):
    torch = pytest.importorskip("torch")
    code = ("a = torch.ones(3, requires_grad=True)\ny = (a * 2).tanh()\nz = y.exp()\n"
            "y.register_hook(lambda g: 1 / 0)\ntry:\n    z.sum().backward()\nexcept ZeroDivisionError:\n    pass")
    drawn, asked, _ = _drawn_and_asked(torch, code, monkeypatch)
    assert drawn == asked
    assert ("ExpBackward0", [("_saved_result", "freed", True)]) in drawn  # run before the hook raised
    tanh = [slots for name, slots in drawn if name == "TanhBackward0"]
    assert tanh == [[("_saved_result", "[3] [0.964, 0.964, 0.964]", False)]]


def test_a_loops_last_graph_read_after_its_call_is_drawn_as_asking_each_slot_would_draw_it(monkeypatch):
    # Call #6 is not read as it starts (``read_call``): read at the end, its freed nodes are drawn
    # from what the graph of its shape read as call #4 started held, node for node.
    torch = pytest.importorskip("torch")
    code = ("a = torch.ones(3, requires_grad=True)\nb = torch.full((3,), 2.)\nfor i in range(6):\n"
            "    y = (a * b).tanh() * 3 + (a * a).exp()\n    yy = torch.addmm(torch.zeros(2, 2), a[:2].reshape(2, 1) * "
            "b[:2].reshape(2, 1), torch.ones(1, 2))\n    (y.sum() + yy.sum()).backward()")
    drawn, asked, held_used = _drawn_and_asked(torch, code, monkeypatch)
    assert held_used
    assert drawn == asked
    assert ("TanhBackward0", [("_saved_result", "freed", True)]) in drawn
    assert any(name == "MulBackward0" and ("_saved_self", "None", False) in slots for name, slots in drawn)


def test_a_loops_last_call_that_raised_midway_is_read_at_the_end_asking_each_slot(monkeypatch):
    torch = pytest.importorskip("torch")
    code = ("a = torch.ones(3, requires_grad=True)\nfor i in range(6):\n    y = (a * 2).tanh()\n    z = y.exp()\n"
            "    if i == 5:\n        y.register_hook(lambda g: 1 / 0)\n    try:\n        z.sum().backward()\n"
            "    except ZeroDivisionError:\n        pass")
    drawn, asked, _ = _drawn_and_asked(torch, code, monkeypatch)
    assert drawn == asked
    assert ("ExpBackward0", [("_saved_result", "freed", True)]) in drawn
    assert [slots for name, slots in drawn if name == "TanhBackward0"] == [[("_saved_result", "[3] [0.964, 0.964, 0.964]", False)]]


def test_the_op_mode_steps_aside_while_an_optimizer_runs_and_comes_back_after():
    # zero_grad() and step() make no node: their torch calls go past the mode, uncounted.
    torch = pytest.importorskip("torch")

    class Looking(torch.optim.SGD):
        depths = []

        def step(self, closure=None):
            Looking.depths.append(torch._C._len_torch_function_stack())
            return super().step(closure)

    ns = {"torch": torch, "Looking": Looking}
    code = ("w = torch.ones(2, requires_grad=True)\nopt = Looking([w], lr=0.1)\ndepths = []\nfor i in range(2):\n"
            "    opt.zero_grad()\n    (w * 2).sum().backward()\n    opt.step()\n"
            "    depths.append(torch._C._len_torch_function_stack())")
    trace = run(code, ns)
    assert Looking.depths == [0, 0]
    assert ns["depths"] == [1, 1]  # back on the stack, noting the next iteration's ops
    assert trace.graph.notes == []
    assert torch.overrides._get_current_function_mode_stack() == []
