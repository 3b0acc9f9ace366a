"""The one helper for counts and articles in what pictures, widgets and the magic print."""
from autograd_lab.viz.words import count, with_article


def test_count_is_singular_for_one_only():
    assert [count(n, "tensor") for n in (0, 1, 2)] == ["0 tensors", "1 tensor", "2 tensors"]
    assert [count(n, "leaf", "leaves") for n in (1, 3)] == ["1 leaf", "3 leaves"]


def test_article_follows_the_sound_of_the_type_name():
    names = ["int", "float", "ndarray", "uint8", "object", "str", "NoneType", "Tensor", "unknown"]
    assert [with_article(n) for n in names] == [
        "an int", "a float", "an ndarray", "a uint8", "an object", "a str", "a NoneType", "a Tensor", "an unknown"]


def test_picture_and_trace_summaries_count_in_words():
    import autograd_lab as torch
    from autograd_lab.viz import draw
    from autograd_lab.viz.display import CellTraceResult
    from autograd_lab.viz.trace import Trace

    x = torch.tensor(1.0, requires_grad=True)
    assert repr(draw(x, namespace={"x": x})) == "<GraphPicture (autograd_lab): 1 tensor, 0 ops; named: x>"
    y = x * 2
    assert repr(draw(y, namespace={"x": x, "y": y})) == "<GraphPicture (autograd_lab): 2 tensors, 1 op; named: y, x>"
    picture = draw(x)
    assert repr(CellTraceResult(Trace(graphs=[picture.model]), [picture])) == "<CellTraceResult: 1 graph, 0 events>"
