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


# -- the picture: the cut drawn in each column ----------------------------------------------------
def columns(ex):
    """Per column (in order): its dashed boxes' first lines, its cut marks and its dashed arrow pieces."""
    from autograd_lab.widgets.stop_tracking import CUT_COLOR
    from autograd_lab.viz.render_svg import EDGE

    canvas = ex._canvas
    items = canvas.items
    heads = [i for i, it in enumerate(items) if it[0] == "text" and it[3] in
             ("as written (nothing cut)", "requires_grad_(False)", "detach()", "with no_grad():")]
    out = []
    for k, start in enumerate(heads):
        part = items[start:heads[k + 1] if k + 1 < len(heads) else len(items)]
        dashed, marks, dashes = [], 0, 0
        for j, it in enumerate(part):
            if it[0] == "rect" and it[8]:
                dashed.append(part[j + 1][3])
            if it[0] == "polyline" and it[2] == CUT_COLOR:
                marks += 1
            if it[0] == "polyline" and it[2] == EDGE:
                dashes += 1
        out.append((sorted(dashed), marks // 2, dashes > 0))
    return out


def test_each_column_draws_the_graph_as_written_with_its_cut():
    ex = StopTrackingExplorer()
    got = columns(ex)
    assert got[0] == ([], 0, False)  # as written: nothing dashed, nothing cut
    for mode_column in got[1:]:  # h enters loss's graph as a constant; w1, mm and tanh are outside it
        assert mode_column == (["MmBackward0", "TanhBackward0", "h", "w1"], 1, True)


def test_a_frozen_leaf_is_grey_and_a_tracked_one_keeps_its_colour():
    from autograd_lab.viz.render_svg import STYLE

    ex = StopTrackingExplorer()
    items = ex._canvas.items
    fills = {items[j + 1][3]: it[5] for j, it in enumerate(items[:-1])
             if it[0] == "rect" and items[j + 1][0] == "text" and it[8]}
    assert fills["w1"] == STYLE["leaf"][0]  # no_grad(), the last column: w1 still requires grad
    ex.modes = ["requires_grad_(False)"]
    items = ex._canvas.items
    fills = {items[j + 1][3]: it[5] for j, it in enumerate(items[:-1]) if it[0] == "rect" and items[j + 1][0] == "text"}
    assert fills["w1"] == STYLE["const"][0] and fills["MmBackward0"] == STYLE["pending"][0]


def test_the_tensors_show_their_grad_in_that_column():
    ex = StopTrackingExplorer()
    ex.modes = ["detach()"]
    assert ">grad: None</text>" in ex.svg and ">grad: [[0.9866], [0.]]</text>" in ex.svg
    assert ">grad: [[0.02659, -2.], …]</text>" not in ex.svg  # w1's .grad as written is not this column's


def test_four_columns_wrap_into_two_rows_of_the_column_width():
    ex = StopTrackingExplorer()
    assert ex._canvas.width <= 960
    tops = sorted({it[2] for it in ex._canvas.items if it[0] == "text" and it[3] in
                   ("as written (nothing cut)", "requires_grad_(False)", "detach()", "with no_grad():")})
    assert len(tops) == 2
    assert "a red cross: the arrow where that graph ends." in ex.svg


def test_each_checkbox_carries_its_own_label_with_room_before_the_next():
    ex = StopTrackingExplorer()
    for mode, box in ex.checkboxes.items():
        assert box.description == mode and box.indent is False
        assert box.style.description_width == "initial"
        assert box.layout.margin == "2px 28px 2px 2px"
