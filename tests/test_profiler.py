"""The profiler prints PyTorch's table layout; it times ops only while it runs.

The tables in tests/golden/profiler_tables.json were printed by PyTorch's own profiler classes
from made-up timings (scripts/record_profiler_tables.py); the same events must print the same
text here. No test reads a real timing.
"""
import json
import os

import pytest

import autograd_lab as torch
import autograd_lab._tensor_methods as tensor_methods
from autograd_lab.autograd import function
from autograd_lab.autograd.profiler import EventList, FunctionEvent, aten_name
from autograd_lab.profiler import ProfilerActivity, ProfilerAction, profile, record_function, schedule

GOLDEN = json.load(open(os.path.join(os.path.dirname(__file__), "golden", "profiler_tables.json")))


def golden_events():
    events = []
    for i, (name, start, end, shapes, parent) in enumerate(GOLDEN["events"]):
        e = FunctionEvent(i, name, start, end, shapes)
        if parent is not None:
            events[parent].append_cpu_child(e)
        events.append(e)
    return EventList(events)


@pytest.mark.parametrize("case", GOLDEN["tables"], ids=[t["what"] for t in GOLDEN["tables"]])
def test_table_is_pytorchs_for_the_same_events(case):
    events = golden_events()
    if case["key_averages"] is not None:
        events = events.key_averages(case["key_averages"].get("group_by_input_shape", False))
    assert events.table(**case["table"]) == case["text"]


def profiled_run():
    x = torch.randn(32, 64, requires_grad=True)
    w = torch.randn(64, 10, requires_grad=True)
    with profile(activities=[ProfilerActivity.CPU], record_shapes=True) as prof:
        with record_function("model_inference"):
            (x @ w).relu().sum()
    return prof


def test_a_real_run_prints_pytorchs_header_and_separators():
    real = GOLDEN["real_run"]
    # (in the order the ops ran: an order by time would depend on the timings)
    lines = profiled_run().key_averages().table(row_limit=5).splitlines()
    # The name column is as wide as the longest name + 4 (PyTorch lists ops we do not have, so
    # only that width may differ); every other column, the gaps and the totals line are PyTorch's.
    ours = len("model_inference") + 4
    theirs = real["separator"].index(" ")
    assert lines[0] == "-" * ours + real["separator"][theirs:]
    assert lines[1] == "Name".rjust(ours) + real["header"][theirs:]
    assert lines[2] == lines[0] and lines[-2] == lines[0]
    assert lines[-1].startswith(real["totals_prefix"] + " ")
    assert [ln.split()[0] for ln in lines[3:-2]] == ["model_inference", "aten::mm", "aten::relu", "aten::sum"]


def test_record_function_encloses_the_ops_run_inside_it():
    prof = profiled_run()
    block = prof.function_events[0]
    assert block.name == "model_inference"
    assert [c.name for c in block.cpu_children] == ["aten::mm", "aten::relu", "aten::sum"]
    assert [e.input_shapes for e in block.cpu_children] == [[[32, 64], [64, 10]], [[32, 10]], [[32, 10], [], [], []]]
    assert block.self_cpu_time_total == block.cpu_time_total - sum(c.cpu_time_total for c in block.cpu_children)


def test_backward_shows_each_node_inside_evaluate_function_as_pytorch_does():
    x = torch.ones(3, requires_grad=True)
    with torch.autograd.profiler.profile() as prof:
        (x * 2).sum().backward()
    names = [e.name for e in prof.function_events]
    assert names == [
        "aten::mul", "aten::sum",
        "autograd::engine::evaluate_function: SumBackward0", "SumBackward0", "aten::expand",
        "autograd::engine::evaluate_function: MulBackward0", "MulBackward0", "aten::mul",
        "autograd::engine::evaluate_function: torch::autograd::AccumulateGrad",
        "torch::autograd::AccumulateGrad",
    ]
    outer = prof.function_events[5]
    assert [c.name for c in outer.cpu_children] == ["MulBackward0"]
    assert prof.function_events[4].input_shapes == []  # record_shapes was not asked for
    assert "Input Shapes" not in str(prof)


def test_nothing_is_timed_once_the_profiler_stopped():
    plain = function.Function.__dict__["apply"]
    with pytest.raises(ValueError):
        with torch.autograd.profiler.profile():
            raise ValueError("the block failed")
    assert function.Function.__dict__["apply"] is plain
    assert tensor_methods._apply is function._apply
    assert function.BackwardFunction._backward is function.BackwardFunction.__dict__["_backward"]
    with torch.autograd.profiler.profile() as prof:
        pass
    torch.ones(2) * 3  # after the block: not recorded
    assert list(prof.function_events) == []


def test_ops_are_named_as_pytorchs_aten_ops():
    from autograd_lab.ops import linalg, pointwise, pooling

    assert aten_name(pointwise.Mul) == "aten::mul"
    assert aten_name(linalg.Mm) == "aten::mm"
    assert aten_name(pointwise.ToCopy) == "aten::_to_copy"
    names = {aten_name(c) for c in vars(pooling).values() if isinstance(c, type) and issubclass(c, function.Function)}
    assert "aten::max_pool2d_with_indices" in names
    assert aten_name(pointwise.TanhBackward) == "aten::tanh_backward"

    class MyReLU(torch.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            return x.clamp(min=0)

        @staticmethod
        def backward(ctx, g):
            return g

    with torch.autograd.profiler.profile() as prof:
        MyReLU.apply(torch.tensor([-1.0, 2.0], requires_grad=True))
    assert [e.name for e in prof.function_events] == ["MyReLU", "aten::clamp"]
    assert [c.name for c in prof.function_events[0].cpu_children] == ["aten::clamp"]


def test_schedule_steps_are_pytorchs():
    s = schedule(wait=1, warmup=1, active=2, repeat=2, skip_first=1)
    assert [s(i).name for i in range(12)] == [
        "NONE", "NONE", "WARMUP", "RECORD", "RECORD_AND_SAVE", "NONE", "WARMUP", "RECORD",
        "RECORD_AND_SAVE", "NONE", "NONE", "NONE"]
    s = schedule(wait=2, warmup=1, active=1, skip_first_wait=1)
    assert [s(i) for i in range(6)] == [ProfilerAction.WARMUP, ProfilerAction.RECORD_AND_SAVE] + [
        ProfilerAction.NONE] * 2 + [ProfilerAction.WARMUP, ProfilerAction.RECORD_AND_SAVE]


def test_each_active_cycle_is_handed_to_on_trace_ready(monkeypatch):
    import autograd_lab.profiler as tp

    monkeypatch.setattr(tp, "_warned", set())
    seen = []

    def ready(p):
        seen.append((p.step_num, {e.key: e.count for e in p.key_averages()}.get("aten::mul")))

    x = torch.ones(3)
    with pytest.warns(UserWarning, match="Profiler clears events"):  # (the next test checks it)
        with profile(schedule=schedule(wait=1, warmup=1, active=2, repeat=2), on_trace_ready=ready) as p:
            for i in range(10):
                x * i
                p.step()
    assert seen == [(4, 2), (8, 2)]  # as PyTorch 2.13: steps 2-3 and 6-7
    seen.clear()
    with profile(schedule=schedule(wait=1, warmup=1, active=3), on_trace_ready=ready) as p:
        for i in range(4):
            x * i
            p.step()
    assert seen == [(4, 2)]  # stopped inside a cycle: what it recorded


def test_profiler_is_reachable_as_in_pytorch():
    assert torch.profiler.profile is profile
    assert torch.autograd.profiler.record_function is record_function
    assert repr(ProfilerActivity.CPU) == "<ProfilerActivity.CPU: 0>"


def test_a_second_cycle_warns_once_that_events_are_cleared_unless_acc_events(monkeypatch):
    import warnings

    import autograd_lab.profiler as tp

    monkeypatch.setattr(tp, "_warned", set())
    x = torch.ones(3)

    def run(acc):
        seen = []
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            with profile(schedule=schedule(wait=1, warmup=1, active=2, repeat=2), acc_events=acc,
                         on_trace_ready=lambda p: seen.append(p.key_averages()[0].count)) as p:
                for i in range(10):
                    x * i
                    p.step()
        return seen, [str(w.message) for w in caught]

    assert run(False) == ([2, 2], [
        "Warning: Profiler clears events at the end of each cycle. Only events from the current cycle "
        "will be reported. To keep events across cycles, set acc_events=True."])
    assert run(True) == ([2, 4], [])  # as PyTorch 2.13: the second cycle's trace holds both
    assert run(False) == ([2, 2], [])  # once per process
