"""The stop-tracking explorer: requires_grad_(False), detach() and no_grad() side by side."""
import pytest

import autograd_lab
from autograd_lab.widgets import Cut, StopTrackingExplorer


def test_freezing_the_first_layer_three_ways_leaves_only_the_head_trained():
    ex = StopTrackingExplorer()
    runs = {m: ex.column(m) for m in ex.modes}
    assert runs["as written"]["reached"] == ["w1", "w2"]
    for mode in ("requires_grad_(False)", "detach()", "no_grad()"):
        assert runs[mode]["reached"] == ["w2"], mode
        assert runs[mode]["requires_grad"]["h"] is False
    assert runs["requires_grad_(False)"]["requires_grad"]["w1"] is False
    assert runs["detach()"]["requires_grad"]["w1"] is True
    assert runs["detach()"]["grads"]["w2"].tolist() == runs["as written"]["grads"]["w2"].tolist()


def test_text_says_where_each_way_cuts():
    ex = StopTrackingExplorer()
    text = ex.text
    assert "[requires_grad_(False)]\n" in text and "  cut: w1, h (no longer require grad)\n" in text
    assert "[with no_grad():]\n" in text and "  cut: h (no longer require grad)\n" in text
    assert text.count("  no .grad any more: w1") == 3


def test_backward_from_an_output_that_requires_no_grad_shows_pytorchs_error():
    def all_frozen(cut):
        w = cut.requires_grad_(autograd_lab.tensor([1., 2.], requires_grad=True))
        loss = (w * 2).sum()
        return locals()

    ex = StopTrackingExplorer(all_frozen, output="loss")
    run = ex.column("requires_grad_(False)")
    assert run["error"] == "RuntimeError: element 0 of tensors does not require grad and does not have a grad_fn"
    assert "loss.backward() raises:" in ex.text


def test_columns_follow_the_modes_traitlet_and_checkboxes():
    ex = StopTrackingExplorer()
    ex.modes = ["detach()"]
    assert ex.text.splitlines()[1] == "[detach()]"
    assert ex.checkboxes["no_grad()"].value is False
    ex.checkboxes["no_grad()"].value = True
    assert ex.modes == ["detach()", "no_grad()"]


def test_torch_cuts_the_same_way(without_tooltips):
    torch = pytest.importorskip("torch")
    lab, real = StopTrackingExplorer(), StopTrackingExplorer(library=torch)
    assert real.text.replace("(torch)", "(autograd_lab)") == lab.text
    assert without_tooltips(real.svg) == without_tooltips(lab.svg)


def test_unknown_mode_is_an_error():
    with pytest.raises(ValueError, match=r"^unknown way to stop tracking 'freeze'"):
        Cut("freeze")
    ex = StopTrackingExplorer()
    with pytest.raises(Exception, match=r"^unknown way to stop tracking 'freeze': choose among"):
        ex.modes = ["freeze"]


def test_unknown_output_is_an_error():
    with pytest.raises(ValueError, match=r"^unknown tensor 'out': the computation's tensors are x, w1, h, w2, loss$"):
        StopTrackingExplorer(output="out")
