"""The backward stepper: one node per step, the chain rule's numbers, PyTorch's per-node gradients."""
import numpy as np
import pytest

import autograd_lab
from autograd_lab.viz.trace import CellTracer
from autograd_lab.widgets import BackwardStepper

CLASSIC = """
x = torch.ones(2, 2, requires_grad=True)
y = x + 2
z = y * y * 3
out = z.mean()
"""


def classic(lib):
    ns = {"torch": lib}
    exec(CLASSIC, ns)
    return ns


def test_classic_example_steps_through_five_nodes_in_engine_order():
    ns = classic(autograd_lab)
    stepper = BackwardStepper(ns["out"], namespace=ns)
    assert [s.name for s in stepper.replay.steps] == [
        "MeanBackward0", "MulBackward0", "MulBackward0", "AddBackward0", "AccumulateGrad"]


def test_arriving_gradient_at_each_step_of_the_classic_example():
    ns = classic(autograd_lab)
    stepper = BackwardStepper(ns["out"], namespace=ns)
    arriving = []
    for k in range(1, stepper.n_steps + 1):
        stepper.step = k
        arriving.append(stepper.current.grads_in[0].tolist())
    assert arriving == [1.0, [[0.25] * 2] * 2, [[0.75] * 2] * 2, [[4.5] * 2] * 2, [[4.5] * 2] * 2]


def test_last_step_shows_x_grad_4_5():
    ns = classic(autograd_lab)
    stepper = BackwardStepper(ns["out"], namespace=ns)
    stepper.step = 5
    assert stepper.leaf_grads["x"].tolist() == [[4.5, 4.5], [4.5, 4.5]]
    assert "x.grad was None, so it becomes grad: x.grad = [[4.5, 4.5], [4.5, 4.5]]" in stepper.text
    assert ">x.grad: [[4.5, 4.5], [4.5, 4.5]]</text>" in stepper.svg


def test_before_its_step_the_leaf_grad_is_still_none():
    ns = classic(autograd_lab)
    stepper = BackwardStepper(ns["out"], namespace=ns)
    stepper.step = 4
    assert stepper.leaf_grads == {"x": None}
    assert ">x.grad: None" in stepper.svg


def test_the_sum_at_add_shows_how_4_5_arises():
    ns = classic(autograd_lab)
    stepper = BackwardStepper(ns["out"], namespace=ns)
    stepper.step = 4
    assert stepper.describe()[1:4] == [
        "gradient arriving: [[4.5, 4.5], [4.5, 4.5]], the sum of 2 gradients:",
        "  [[2.25, 2.25], [2.25, 2.25]] from MulBackward0 (step 3), for its input self",
        "  [[2.25, 2.25], [2.25, 2.25]] from MulBackward0 (step 3), for its input other",
    ]


def test_mul_step_states_its_local_rule_and_what_it_sends():
    ns = classic(autograd_lab)
    stepper = BackwardStepper(ns["out"], namespace=ns)
    stepper.step = 3
    assert stepper.describe()[3:6] == [
        "local rule, and the gradient it sends along each edge:",
        "  self: grad * other = [[2.25, 2.25], [2.25, 2.25]]  -> AddBackward0",
        "  other: grad * self = [[2.25, 2.25], [2.25, 2.25]]  -> AddBackward0",
    ]


def test_the_current_node_is_highlighted_and_later_ones_wait():
    ns = classic(autograd_lab)
    stepper = BackwardStepper(ns["out"], namespace=ns)
    stepper.step = 2
    roles = [n.role for n in stepper._view.nodes.values()]
    assert sorted(roles) == ["current", "function", "pending", "pending", "pending"]
    assert 'fill="#f29a76"' in stepper.svg  # the "running now" colour


def test_stepping_does_not_change_the_learners_grads():
    ns = classic(autograd_lab)
    stepper = BackwardStepper(ns["out"], namespace=ns)
    stepper.step = 5
    assert ns["x"].grad is None


def test_leaf_grad_accumulates_onto_an_earlier_grad():
    ns = classic(autograd_lab)
    ns["out"].backward(retain_graph=True)
    stepper = BackwardStepper(ns["out"], namespace=ns)
    stepper.step = 5
    assert stepper.leaf_grads["x"].tolist() == [[9.0, 9.0], [9.0, 9.0]]
    assert stepper.describe()[-1] == "x.grad: [[4.5, 4.5], [4.5, 4.5]] + grad = [[9., 9.], [9., 9.]]"


def test_torch_per_node_gradients_from_hooks_equal_the_stepper_at_each_step():
    torch = pytest.importorskip("torch")
    ns = classic(torch)
    hooked = []
    node = ns["out"].grad_fn
    nodes = [node, node.next_functions[0][0], node.next_functions[0][0].next_functions[0][0], ns["y"].grad_fn]
    handles = [n.register_hook(lambda gi, go: hooked.append([g.tolist() for g in go])) for n in nodes]
    ns["out"].backward(retain_graph=True)
    for h in handles:
        h.remove()
    ns["x"].grad = None
    for lib_ns in (ns, classic(autograd_lab)):
        stepper = BackwardStepper(lib_ns["out"], namespace=lib_ns)
        got = []
        for k in range(1, 5):
            stepper.step = k
            got.append([g.tolist() for g in stepper.current.grads_in])
        assert got == hooked


def test_torch_and_lab_steppers_say_the_same():
    torch = pytest.importorskip("torch")
    lab, real = classic(autograd_lab), classic(torch)
    a, b = BackwardStepper(lab["out"], namespace=lab), BackwardStepper(real["out"], namespace=real)
    for k in range(1, 6):
        a.step = b.step = k
        assert a.describe() == b.describe()
    assert a.svg == b.svg


def test_from_trace_replays_the_recorded_backward_with_the_same_steps():
    ns = {"torch": autograd_lab}
    tracer = CellTracer(ns).start()
    try:
        exec(CLASSIC + "out.backward()\n", ns)
    finally:
        trace = tracer.finish()
    traced = BackwardStepper.from_trace(trace)
    live = BackwardStepper(classic(autograd_lab)["out"], namespace=classic(autograd_lab))
    assert [s.name for s in traced.replay.steps] == [s.name for s in live.replay.steps]
    for a, b in zip(traced.replay.steps, live.replay.steps):
        for g, h in zip(a.grads_in + a.grads_out, b.grads_in + b.grads_out):
            assert (g is None) == (h is None) and (g is None or np.array_equal(g, h))
    traced.step = 5
    assert traced.leaf_grads["x"].tolist() == [[4.5, 4.5], [4.5, 4.5]]


def test_from_trace_without_backward_says_so():
    ns = {"torch": autograd_lab}
    tracer = CellTracer(ns).start()
    exec(CLASSIC, ns)
    trace = tracer.finish()
    with pytest.raises(ValueError, match=r"^the traced cell called no backward\(\): nothing to step through "
                                         r"\(call loss.backward\(\) in the cell\)$"):
        BackwardStepper.from_trace(trace)


def test_non_scalar_output_without_gradient_is_pytorchs_error():
    x = autograd_lab.ones(2, 2, requires_grad=True)
    with pytest.raises(RuntimeError) as e:
        BackwardStepper(x * 2, namespace={})
    assert str(e.value) == ("grad can be implicitly created only for scalar outputs (the output has shape [2, 2]: "
                            "pass gradient=, a tensor of that shape, or reduce it first, e.g. out.sum())")


def test_non_scalar_output_with_a_gradient_steps():
    x = autograd_lab.ones(2, requires_grad=True)
    stepper = BackwardStepper(x * 3, gradient=autograd_lab.tensor([1., 2.]), namespace={"x": x})
    stepper.step = stepper.n_steps
    assert stepper.leaf_grads["x"].tolist() == [3.0, 6.0]


def test_output_that_requires_no_grad_is_pytorchs_error():
    with pytest.raises(RuntimeError, match=r"^element 0 of tensors does not require grad and does not have a "
                                           r"grad_fn \(nothing to step through"):
        BackwardStepper(autograd_lab.ones(()) * 2, namespace={})


def test_step_out_of_range_is_refused():
    ns = classic(autograd_lab)
    stepper = BackwardStepper(ns["out"], namespace=ns)
    with pytest.raises(Exception, match=r"^step must be between 1 and 5, got 6$"):
        stepper.step = 6
    assert stepper.step == 1


def test_buttons_and_slider_move_the_step():
    ns = classic(autograd_lab)
    stepper = BackwardStepper(ns["out"], namespace=ns)
    stepper.controls["next"].click()
    stepper.controls["next"].click()
    assert stepper.step == 3 and stepper.controls["slider"].value == 3
    stepper.controls["prev"].click()
    assert stepper.step == 2
    stepper.controls["slider"].value = 5
    assert stepper.step == 5 and stepper.controls["slider"].value == 5
    stepper.controls["next"].click()
    assert stepper.step == 5


def test_boxes_keep_their_place_from_step_to_step():
    ns = classic(autograd_lab)
    stepper = BackwardStepper(ns["out"], namespace=ns)
    import re

    def rects(svg):
        return re.findall(r'<rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)"', svg)

    first = stepper.svg
    stepper.step = 5
    graph = lambda svg: rects(svg)[1:6]  # noqa: E731 - after the header, the five node boxes
    assert graph(first) == graph(stepper.svg)
