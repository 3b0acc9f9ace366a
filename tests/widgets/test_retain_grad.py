"""The retain_grad explorer: which tensors hold a .grad after backward, and PyTorch's warning."""
import pytest

import autograd_lab
from autograd_lab.widgets import RetainGradExplorer

WARNING = ("The .grad attribute of a Tensor that is not a leaf Tensor is being accessed. Its .grad attribute "
           "won't be populated during autograd.backward(). If you indeed want the .grad field to be populated for "
           "a non-leaf Tensor, use .retain_grad() on the non-leaf Tensor. If you access the non-leaf Tensor by "
           "mistake, make sure you access the leaf Tensor instead. See github.com/pytorch/pytorch/pull/30531 for "
           "more information. (Triggered internally at /__w/pytorch/pytorch/build/aten/src/ATen/core/TensorBody.h:493.)")


def make_forward(torch):
    def forward():
        x = torch.tensor([1., 2., 3.], requires_grad=True)
        c = torch.tensor([2., 2., 2.])
        h = x * c
        loss = (h * h).sum()
        return locals()

    return forward


def test_without_retain_grad_only_leaves_hold_a_grad():
    ex = RetainGradExplorer(make_forward(autograd_lab))
    assert ex.intermediates == ["h", "loss"] and ex.output == "loss"
    assert ex.grads["x"].tolist() == [8.0, 16.0, 24.0]
    assert ex.grads["h"] is None and ex.grads["loss"] is None and ex.grads["c"] is None
    assert ex.warnings == {"h": WARNING, "loss": WARNING}


def test_retain_grad_gives_the_intermediate_its_grad():
    ex = RetainGradExplorer(make_forward(autograd_lab))
    ex.retained = ["h"]
    assert ex.grads["h"].tolist() == [4.0, 8.0, 12.0]
    assert sorted(ex.warnings) == ["loss"]
    assert ">grad: [4., 8., 12.]</text>" in ex.svg
    assert "  h     non-leaf, retain_grad()    .grad = [4., 8., 12.]" in ex.text.splitlines()


def test_the_picture_and_text_show_which_reads_warn_with_pytorchs_text():
    ex = RetainGradExplorer(make_forward(autograd_lab))
    lines = ex.text.splitlines()
    assert "  loss  non-leaf                   .grad = None, and reading it warns (UserWarning below)" in lines
    assert "  c     leaf, requires_grad=False  .grad = None (a constant: nothing asks for its gradient)" in lines
    assert "reading h.grad, loss.grad gives None and warns:" in lines
    assert " ".join(line.strip() for line in lines[lines.index("reading h.grad, loss.grad gives None and warns:") + 1:]) \
        == "UserWarning: " + WARNING
    assert ">grad: None ⚠</text>" in ex.svg


def test_a_checkbox_ticks_retain_grad():
    ex = RetainGradExplorer(make_forward(autograd_lab))
    ex.checkboxes["loss"].value = True
    assert ex.retained == ["loss"] and ex.grads["loss"].tolist() == 1.0
    ex.retained = []
    assert ex.checkboxes["loss"].value is False


def test_torch_gives_the_same_grads_and_warning(without_tooltips):
    torch = pytest.importorskip("torch")
    lab, real = RetainGradExplorer(make_forward(autograd_lab)), RetainGradExplorer(make_forward(torch))
    lab.retained = real.retained = ["h"]
    assert real.warnings == lab.warnings == {"loss": WARNING}
    assert real.text.replace("(torch)", "(autograd_lab)") == lab.text
    assert without_tooltips(real.svg) == without_tooltips(lab.svg)


def test_from_code_runs_a_cells_code():
    ex = RetainGradExplorer.from_code("x = torch.tensor(2., requires_grad=True)\ny = x * x\nz = y * 3",
                                      namespace={"torch": autograd_lab}, retained=["y"])
    assert ex.output == "z" and ex.grads["y"].tolist() == 3.0 and ex.grads["x"].tolist() == 12.0


def test_unknown_intermediate_is_refused_with_the_choices():
    ex = RetainGradExplorer(make_forward(autograd_lab))
    with pytest.raises(Exception, match=r"^unknown intermediate tensor 'x': retain_grad\(\) can be ticked for h, loss$"):
        ex.retained = ["x"]


def test_a_function_that_builds_no_graph_is_an_error():
    with pytest.raises(ValueError, match=r"^the computation built no autograd graph: no tensor it returns has a "
                                         r"grad_fn \(create the inputs with requires_grad=True\)$"):
        RetainGradExplorer(lambda: {"a": autograd_lab.ones(2) * 2})


def test_a_function_that_returns_no_names_is_an_error():
    def forward():
        return autograd_lab.ones(2, requires_grad=True) * 2

    with pytest.raises(TypeError, match=r"^forward must return its tensors by name, e.g. `return locals\(\)`; "
                                        r"it returned Tensor$"):
        RetainGradExplorer(forward)
