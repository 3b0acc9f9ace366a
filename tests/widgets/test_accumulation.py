"""Gradient accumulation across epochs: 3, 6, 9 without a reset, 3, 3, 3 with one."""
import pytest

import autograd_lab
from autograd_lab.widgets import GradAccumulation


@pytest.mark.parametrize("reset", ["optimizer.zero_grad()", "param.grad.zero_()"])
def test_grads_pile_up_without_reset_and_stay_with_it(reset):
    acc = GradAccumulation("times3", epochs=3, reset=reset, lr=0.1)
    assert acc.history[reset]["grad"] == {"w": [3.0, 3.0, 3.0]}
    assert acc.history["never"]["grad"] == {"w": [3.0, 6.0, 9.0]}


def test_values_and_loss_show_what_piling_up_does_to_training():
    acc = GradAccumulation("times3", epochs=3, lr=0.1)
    assert acc.text.splitlines() == [
        "<GradAccumulation times3: SGD(lr=0.1), 3 epochs>",
        "reset with optimizer.zero_grad():",
        "  w.grad per epoch: 3., 3., 3.",
        "  w per epoch: 0.7, 0.4, 0.1",
        "  loss per epoch: 3., 2.1, 1.2",
        "never reset:",
        "  w.grad per epoch: 3., 6., 9.",
        "  w per epoch: 0.7, 0.1, -0.8",
        "  loss per epoch: 3., 2.1, 0.3",
    ]


def test_choosing_never_compares_with_zero_grad():
    acc = GradAccumulation("times3")
    acc.reset = "never"
    assert acc.columns == ["never", "optimizer.zero_grad()"]


def test_changing_epochs_redraws_the_plot():
    acc = GradAccumulation("times3", epochs=3)
    acc.controls["epochs"].value = 4
    assert acc.epochs == 4
    assert acc.history["never"]["grad"]["w"] == [3.0, 6.0, 9.0, 12.0]
    assert acc.svg.startswith("<?xml") and "never reset" in acc.svg and "12." in acc.svg


def test_svg_is_the_same_for_the_same_state():
    a, b = GradAccumulation("times3"), GradAccumulation("times3")
    assert a.svg == b.svg


def test_user_loss_function_with_its_parameters():
    w = autograd_lab.tensor([2., -1.], requires_grad=True)
    acc = GradAccumulation(lambda p: (p["w"] * p["w"]).sum(), params={"w": w}, epochs=2, lr=0.0)
    assert acc.history["never"]["grad"]["w"] == [[4.0, -2.0], [8.0, -4.0]]
    assert w.grad is None


def test_real_torch_gives_the_same_history():
    torch = pytest.importorskip("torch")
    lab = GradAccumulation("linear", epochs=4, lr=0.05)
    real = GradAccumulation("linear", epochs=4, lr=0.05, library=torch)
    assert real.text == lab.text


def test_unknown_example_is_an_error_listing_the_examples():
    with pytest.raises(ValueError, match=r"^unknown example 'quad': choose one of 'times3', 'linear' or pass a "
                                         r"function loss_fn\(params\) and params=\{name: tensor\}$"):
        GradAccumulation("quad")


def test_unknown_reset_is_refused():
    acc = GradAccumulation("times3")
    with pytest.raises(Exception, match=r"^unknown reset 'zero'"):
        acc.reset = "zero"


def test_a_parameter_that_is_not_a_trainable_leaf_is_an_error():
    x = autograd_lab.tensor([1.], requires_grad=True)
    with pytest.raises(ValueError, match=r"^parameter 'h' must be a leaf tensor with requires_grad=True"):
        GradAccumulation(lambda p: p["h"].sum(), params={"h": x * 2})


def test_a_loss_that_builds_no_graph_is_an_error():
    w = autograd_lab.tensor([1.], requires_grad=True)
    with pytest.raises(ValueError, match=r"^<lambda> returned Tensor that does not require grad: the loss must be "
                                         r"computed from the parameters \(it built no graph\)$"):
        GradAccumulation(lambda p: autograd_lab.tensor(1.), params={"w": w})
