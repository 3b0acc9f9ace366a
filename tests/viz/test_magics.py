"""The %tracegraph magics through a real IPython shell, and end to end in a kernel (nbclient)."""
import pytest
from IPython.core.error import UsageError
import IPython
from IPython.testing.globalipapp import start_ipython

from autograd_lab.magics import TracedCellError, load_ipython_extension, unload_ipython_extension


@pytest.fixture
def ip():
    shell = start_ipython() or IPython.get_ipython()
    load_ipython_extension(shell)
    shell.user_ns.clear()
    shell.user_ns.update(shell.user_ns_hidden)
    shell.run_cell("import autograd_lab as torch")
    shown = []
    original = shell.display_pub.publish
    shell.display_pub.publish = lambda data, *a, **k: shown.append(data)
    shell.shown = shown
    yield shell
    shell.display_pub.publish = original
    unload_ipython_extension(shell)


def test_cell_runs_with_its_namespace_effects_and_shows_one_graph(ip):
    ip.run_cell("%%tracegraph -o tr\nx = torch.tensor(2., requires_grad=True)\ny = x * x\ny.backward()")
    assert ip.user_ns["x"].grad.item() == 4.0
    assert [sorted(d) for d in ip.shown] == [["image/svg+xml", "text/plain"]]
    assert "<GraphPicture (autograd_lab): 2 tensors, 1 op; named: y, x>" == ip.shown[0]["text/plain"]
    assert sorted(ip.user_ns["tr"].graph.to_networkx().nodes(data="label")) == [
        ("f0", "MulBackward0"), ("t0", "y"), ("t1", "x")]


def test_last_expression_is_displayed_as_in_a_normal_cell(ip):
    result = ip.run_cell("%%tracegraph\nx = torch.tensor(2., requires_grad=True)\nx * 3")
    assert result.success
    assert repr(ip.user_ns["_"]) == "tensor(6., grad_fn=<MulBackward0>)"


def test_bad_option_is_a_usage_error_with_the_usage(ip, capsys):
    with pytest.raises(UsageError) as info:
        ip.run_cell_magic("tracegraph", "--bogus", "x = 1")
    assert str(info.value).startswith("unrecognized arguments: --bogus\nusage: %tracegraph [--saved] [--autograd]")
    with pytest.raises(UsageError) as info:
        ip.run_cell_magic("tracegraph", "--direction XY", "x = 1")
    assert "argument --direction: invalid choice: 'XY' (choose from 'LR', 'TB')" in str(info.value)


def test_help_documents_the_options(ip):
    doc = ip.find_cell_magic("tracegraph").__doc__
    for option in ("--saved", "--autograd", "--no-values", "--direction", "--max-nodes", "--format", "-o NAME"):
        assert option in doc


def test_a_failing_cell_keeps_earlier_names_and_draws_the_graph_with_a_note(ip):
    result = ip.run_cell("%%tracegraph -o tr\nx = torch.tensor(2., requires_grad=True)\ny = x * 3\n1/0\nz = y")
    assert isinstance(result.error_in_exec, TracedCellError)
    assert "y" in ip.user_ns and "z" not in ip.user_ns
    svg = ip.shown[0]["image/svg+xml"]
    assert "The cell raised ZeroDivisionError: the graph is drawn as it was at the error." in svg
    assert ip.user_ns["tr"].trace.error == "ZeroDivisionError: division by zero"


def test_cell_without_graph_prints_one_line(ip, capsys):
    ip.run_cell("%%tracegraph\na = 1 + 1")
    assert capsys.readouterr().out == "This cell built no autograd graph (no tensor that requires grad).\n"
    assert ip.user_ns["a"] == 2


def test_later_cells_run_untraced(ip):
    from autograd_lab.autograd import engine

    ip.run_cell("%%tracegraph\nx = torch.tensor(2., requires_grad=True)\n(x * x).backward()\nraise KeyboardInterrupt")
    assert engine._listeners == []


def test_line_magic_draws_an_existing_tensor(ip):
    ip.run_cell("x = torch.tensor([1., 2.], requires_grad=True)\nloss = (x * x).sum()")
    pic = ip.run_line_magic("tracegraph", "--autograd loss")
    assert sorted(pic.to_networkx().nodes(data="label")) == [
        ("f0", "SumBackward0"), ("f1", "MulBackward0"), ("f2", "AccumulateGrad")]
    with pytest.raises(UsageError, match="%tracegraph: 3 is an int, not a tensor"):
        ip.run_line_magic("tracegraph", "3")


def test_reload_ext_works(ip):
    unload_ipython_extension(ip)
    assert ip.find_cell_magic("tracegraph") is None
    load_ipython_extension(ip)
    assert ip.find_cell_magic("tracegraph") is not None


def test_end_to_end_in_a_real_kernel():
    nbformat = pytest.importorskip("nbformat")
    from nbclient import NotebookClient

    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell("import autograd_lab.magics, autograd_lab as torch\n"
                                  "autograd_lab.magics.load_ipython_extension(get_ipython())"),
        nbformat.v4.new_code_cell("%%tracegraph\nx = torch.tensor([1., 2.], requires_grad=True)\n"
                                  "loss = (x * x).sum()\nloss.backward()\nx.grad"),
    ]
    NotebookClient(nb, timeout=120, kernel_name="python3").execute()
    outputs = nb.cells[1].outputs
    assert [o["output_type"] for o in outputs] == ["execute_result", "display_data"]
    assert outputs[0]["data"]["text/plain"] == "tensor([2., 4.])"
    assert ">grad: [2., 4.]</text>" in outputs[1]["data"]["image/svg+xml"]


def test_step_option_shows_a_backward_stepper_after_the_graph(ip):
    ip.run_cell("%%tracegraph --step\nx = torch.ones(2, 2, requires_grad=True)\n"
                "out = (3 * (x + 2) ** 2).mean()\nout.backward()")
    graph, stepper = ip.shown
    assert sorted(graph) == ["image/svg+xml", "text/plain"]
    assert "application/vnd.jupyter.widget-view+json" in stepper
    assert stepper["text/plain"].startswith(
        "<BackwardStepper (autograd_lab)>\nstep 1 of 5: MeanBackward0\ngradient arriving: 1.   "
    )
    assert "--step" in ip.find_cell_magic("tracegraph").__doc__


def test_a_failure_to_draw_is_told_in_one_line_and_the_cell_keeps_its_effects(ip, capsys, monkeypatch):
    """A bug of ours in capture or layout must not turn the learner's working cell into a failed
    one with our traceback: the cell's names and output stay, and one line says what was lost."""
    import autograd_lab.viz.layout as layout

    def broken(*args, **kwargs):
        raise ValueError("layout bug")

    monkeypatch.setattr(layout, "layered_layout", broken)
    result = ip.run_cell("%%tracegraph\nx = torch.tensor(2., requires_grad=True)\ny = x * x\nprint(y.item())")
    assert result.success
    assert ip.user_ns["y"].item() == 4.0 and ip.shown == []
    assert capsys.readouterr().out == (
        "4.0\n%%tracegraph could not draw this cell's graph (ValueError: layout bug); "
        "the cell itself ran as it does without the magic.\n")
    failing = ip.run_cell("%%tracegraph\nz = torch.tensor(1., requires_grad=True) * 2\n1 / 0")
    assert not failing.success and isinstance(failing.error_in_exec, TracedCellError)
    assert "z" in ip.user_ns
