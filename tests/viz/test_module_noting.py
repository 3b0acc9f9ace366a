"""Module calls on PyTorch are noted only in the iterations whose graphs are read (issue 18: the
wrapper of every module call costs 1-2 us, 60 calls an iteration of a 30-layer MLP); the graphs
drawn from the other iterations (a loop's last, a forward run after the loop) take theirs from a
graph read, node for node. The oracle: the same cell traced with every call noted."""
import pytest

from autograd_lab.viz import trace as trace_module
from autograd_lab.viz.display import GraphPicture
import weakref

from autograd_lab.viz.modules import (CarriedArguments, _arguments, carry_calls, carry_calls_by_class, module_calls,
                                      record_module_calls)
from autograd_lab.viz.trace import CellTracer
from module_view_programs import facts

MAX = 2 ** 64 - 1  # a PyTorch AccumulateGrad node's number

LOOP = """
torch.manual_seed(0)
X = torch.randn(32, 8)
Y = torch.randn(32, 8)
deep = nn.Sequential(*[m for _ in range(6) for m in (nn.Linear(8, 8), nn.Tanh())][:-1])
opt = torch.optim.SGD(deep.parameters(), lr=0.1)
wrapped = []
for step in range({steps}):
    wrapped.append(nn.Module._call_impl is not original_call)
    opt.zero_grad()
    loss = ((deep(X) - Y) ** 2).mean()
    loss.backward()
    opt.step()
"""
TRANSFORMER = """
torch.manual_seed(0)
layer = nn.TransformerEncoderLayer(d_model=16, nhead=2, dim_feedforward=32, dropout=0.0)
src = torch.randn(5, 3, 16)
opt = torch.optim.Adam(layer.parameters(), lr=0.01)
for step in range({steps}):
    opt.zero_grad()
    loss = layer(src).pow(2).mean()
    loss.backward()
    opt.step()
"""
AFTER = """
pred = deep(X)
"""
TWO_AFTER = """
pred = deep(X)
pred2 = deep(pred)
"""


def traced(torch, code, note_all=False, monkeypatch=None):
    ns = {"torch": torch, "nn": torch.nn, "original_call": torch.nn.Module._call_impl}
    if note_all:
        monkeypatch.setattr(trace_module.Recorder, "wants_module_calls", lambda self: True)
    tracer = CellTracer(ns).start()
    try:
        exec(code, ns)
    finally:
        result = tracer.finish()
    if note_all:
        monkeypatch.undo()
    return ns, result.graph


@pytest.fixture
def torch():
    return pytest.importorskip("torch", reason="PyTorch is not installed: module calls are noted this way "
                                               "only on PyTorch (autograd_lab notes every call at no cost)")


def test_module_calls_are_noted_in_the_iterations_whose_graphs_are_read(torch):
    ns, _ = traced(torch, LOOP.format(steps=10))
    # Read as they start: calls 1-4 and 8 (``read_call``): their forwards run with the wrapper.
    assert ns["wrapped"] == [True, True, True, True, False, False, False, True, False, False]
    assert torch.nn.Module._call_impl is ns["original_call"]  # (put back after the cell)


@pytest.mark.parametrize("steps", [3, 4, 5, 9, 10, 17])
@pytest.mark.parametrize("after", ["", AFTER, TWO_AFTER])
def test_the_picture_is_the_one_with_every_call_noted(torch, monkeypatch, steps, after):
    code = LOOP.format(steps=steps) + after
    _, noted = traced(torch, code, note_all=True, monkeypatch=monkeypatch)
    _, carried = traced(torch, code)
    assert facts(carried) == facts(noted)
    assert GraphPicture(carried).svg() == GraphPicture(noted).svg()
    assert len(carried.module_of) == len(noted.module_of) > 0
    assert not any("module box" in note for note in carried.notes)


@pytest.mark.parametrize("steps", [6, 9])
def test_a_transformer_loops_last_graph_keeps_its_groups_and_their_inputs(torch, monkeypatch, steps):
    code = TRANSFORMER.format(steps=steps)
    _, noted = traced(torch, code, note_all=True, monkeypatch=monkeypatch)
    _, carried = traced(torch, code)
    assert facts(carried) == facts(noted)
    assert GraphPicture(carried).svg() == GraphPicture(noted).svg()


def test_a_forward_after_the_loop_gets_its_groups_without_their_arguments(torch, monkeypatch):
    # Known difference: a call carried by class (not by the graph's shape) does not know what it was
    # given, so the self-attention box does not draw src going in; its groups are the same.
    code = TRANSFORMER.format(steps=6) + "out = layer(src)\n"
    _, noted = traced(torch, code, note_all=True, monkeypatch=monkeypatch)
    _, carried = traced(torch, code)
    assert facts(carried) == facts(noted)

    def groups(model):
        return [(g.label, g.parent, g.params, g.inputs) for g in model.modules.values()]

    src = [t for t, rec in noted.tensors.items() if rec.names == ["src"]]
    carried_groups, noted_groups = groups(carried), groups(noted)
    loop_groups = len(noted_groups) // 2  # (the loop's last graph's, then out's)
    assert carried_groups[:loop_groups] == noted_groups[:loop_groups]
    assert [g[:3] for g in carried_groups] == [g[:3] for g in noted_groups]
    assert [g[3] for g in noted_groups[loop_groups:] if g[3]] == [src, src * 3]  # (layer; layer.self_attn(x, x, x))
    assert all(not g[3] for g in carried_groups[loop_groups:])


# -- the carrying itself, on made-up numbers ----------------------------------------------------

class A:  # node classes
    pass


class B:
    pass


class Arg:  # an argument a call was given
    pass


def test_carry_calls_moves_the_templates_calls_by_the_offset():
    x, y, gone = Arg(), Arg(), Arg()
    calls = [("inner", 11, 13, (weakref.ref(x), weakref.ref(gone))), ("outer", 10, 14, weakref.ref(y)),
             ("other", 20, 21, None)]  # (as noted: by end)
    del gone
    assert carry_calls(calls, [13, 12, 11, 10, MAX], [33, 32, 31, 30, MAX])
    assert calls[3:] == [("inner", 31, 33, CarriedArguments((x,))), ("outer", 30, 34, CarriedArguments((y,)))]


@pytest.mark.parametrize("keys", [[33, 32, 31, 29, MAX], [33, 32, 31], [13, 12, 11, 10, MAX]])
def test_carry_calls_refuses_graphs_made_in_another_order(keys):
    calls = [("outer", 10, 14, None)]
    assert not carry_calls(calls, [13, 12, 11, 10, MAX], keys)
    assert calls == [("outer", 10, 14, None)]  # (nothing added)


def test_carry_calls_by_class_takes_runs_of_the_same_classes():
    x = Arg()
    calls = [("m", 10, 12, weakref.ref(x)), ("loss", 12, 13, None)]
    template = [(12, A), (11, B), (10, A)]
    # 40-41: the module's two ops again; 50: an A, which is either the module's first op or the
    # loss's (given none); 60: a class the template does not have
    unmatched = carry_calls_by_class(calls, [template], [(40, A), (41, B), (50, A), (60, int)])
    assert calls[2:] == [("m", 40, 42, CarriedArguments())]  # (the template's arguments are not this run's)
    assert unmatched == 2


def test_a_call_keeps_its_arguments_weakly_and_an_argument_that_died_is_no_input(torch):
    # (an id kept instead would match whatever tensor later took the dead one's memory: the
    # picture would then change from run to run)
    class Pair(torch.nn.Module):
        def forward(self, a, b, n):
            return a

    x = torch.randn(4, 2, requires_grad=True)
    tmp, kept = x * 2, torch.ones(3)
    original = torch.nn.Module.__dict__["_call_impl"]
    calls = module_calls()
    wrapped = record_module_calls(torch.nn.Module, torch._C._autograd._get_sequence_nr, calls, "_call_impl")
    try:
        out = torch.nn.Tanh()(tmp)
        Pair()(kept, tmp, n=3)
    finally:
        wrapped()
    assert torch.nn.Module.__dict__["_call_impl"] is original
    del tmp
    (_, start, end, one), (_, _, _, two) = calls
    assert (start, end) == (out.grad_fn._sequence_nr(), out.grad_fn._sequence_nr() + 1)
    assert _arguments(one) == []  # (tmp died)
    assert len(_arguments(two)) == 1 and _arguments(two)[0] is kept  # (tmp died; 3 takes no reference)


def test_pausing_leaves_a_method_the_code_set_meanwhile():
    class M:
        def call(self):
            return "original"

    original = M.__dict__["call"]
    wrapped = record_module_calls(M, lambda: 0, module_calls(), "call")
    assert M.__dict__["call"] is not original and M().call() == "original"
    wrapped.pause()
    assert M.__dict__["call"] is original
    wrapped.resume()

    def theirs(self):
        return "theirs"

    M.call = theirs  # (the code patches the method while the cell runs)
    wrapped.pause()
    wrapped.resume()
    assert M.__dict__["call"] is theirs
    wrapped()  # the end of the cell puts the original back, as it always did
    assert M.__dict__["call"] is original
