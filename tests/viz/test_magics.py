"""The %tracegraph magics through a real IPython shell, and end to end in a kernel (nbclient)."""
import re

import pytest
from IPython.core.error import UsageError
import IPython
from IPython.testing.globalipapp import start_ipython

from autograd_lab import magics
from autograd_lab.magics import TracedCellError, load_ipython_extension, unload_ipython_extension


@pytest.fixture
def ip():
    """The test shell, showing every mime type as a notebook does (``terminal`` below: text only);
    what it displays is kept in ``ip.shown``."""
    shell = start_ipython() or IPython.get_ipython()
    load_ipython_extension(shell)
    shell.user_ns.clear()
    shell.user_ns.update(shell.user_ns_hidden)
    shell.run_cell("import autograd_lab as torch")
    shown = []
    original = shell.display_pub.publish
    shell.display_pub.publish = lambda data, *a, **k: shown.append(data)
    shell.shown = shown
    active = shell.display_formatter.active_types
    shell.display_formatter.active_types = shell.display_formatter.format_types
    yield shell
    shell.display_formatter.active_types = active
    shell.display_pub.publish = original
    unload_ipython_extension(shell)


@pytest.fixture
def terminal(ip):
    """The shell as a terminal IPython sets it up: it shows text/plain only."""
    ip.display_formatter.active_types = ["text/plain"]
    return ip


def run(ip, capsys, cell, store_history=False):
    """Run ``cell``: its result, and what the shell printed on stdout (output, tracebacks, our
    notes) and on stderr (a UsageError)."""
    capsys.readouterr()
    result = ip.run_cell(cell, store_history=store_history)
    out = capsys.readouterr()
    return result, out.out, out.err


def test_cell_runs_with_its_namespace_effects_and_shows_one_graph(ip):
    ip.run_cell("%%tracegraph -o tr\nx = torch.tensor(2., requires_grad=True)\ny = x * x\ny.backward()")
    assert ip.user_ns["x"].grad.item() == 4.0
    assert [sorted(d) for d in ip.shown] == [["image/png", "image/svg+xml", "text/plain"]]
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
    for option in ("--saved", "--autograd", "--no-values", "--direction", "--width", "--max-nodes", "--format",
                   "-o NAME"):
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
        nbformat.v4.new_code_cell("%%tracegraph\nw = x * 2\n1 / 0"),
    ]
    NotebookClient(nb, timeout=120, kernel_name="python3", allow_errors=True).execute()
    outputs = nb.cells[1].outputs
    assert [o["output_type"] for o in outputs] == ["execute_result", "display_data"]
    assert outputs[0]["data"]["text/plain"] == "tensor([2., 4.])"
    assert ">grad: [2., 4.]</text>" in outputs[1]["data"]["image/svg+xml"]
    error, graph, ours = nb.cells[2].outputs
    plain = re.sub(r"\x1b\[[0-9;]*m", "", "\n".join(error["traceback"]))
    assert "Cell In[3], line 2\n      1 w = x * 2\n----> 2 1 / 0\n" in plain  # the cell's own number
    assert graph["output_type"] == "display_data" and "autograd_lab" not in plain
    assert ours["traceback"] == [
        "(%%tracegraph: the cell raised ZeroDivisionError; its traceback and graph are shown above)"]


def test_step_option_shows_a_backward_stepper_after_the_graph(ip):
    ip.run_cell("%%tracegraph --step\nx = torch.ones(2, 2, requires_grad=True)\n"
                "out = (3 * (x + 2) ** 2).mean()\nout.backward()")
    graph, stepper = ip.shown
    assert sorted(graph) == ["image/png", "image/svg+xml", "text/plain"]
    assert "application/vnd.jupyter.widget-view+json" in stepper
    assert stepper["text/plain"].startswith(
        "<BackwardStepper (autograd_lab)>\nstep 1 of 5: MeanBackward0\ngradient arriving: 1.   "
    )
    assert "--step" in ip.find_cell_magic("tracegraph").__doc__


def test_a_failure_to_draw_is_told_in_one_line_and_the_cell_keeps_its_effects(ip, capsys, monkeypatch):
    """A bug of ours in capture or layout must not turn the learner's working cell into a failed
    one with our traceback: the cell's names and output stay, and one line says what was lost."""
    import autograd_lab.viz.display as display

    def broken(*args, **kwargs):
        raise ValueError("layout bug")

    monkeypatch.setattr(display, "fit_layout", broken)  # the name display calls
    result = ip.run_cell("%%tracegraph\nx = torch.tensor(2., requires_grad=True)\ny = x * x\nprint(y.item())")
    assert result.success
    assert ip.user_ns["y"].item() == 4.0 and ip.shown == []
    assert capsys.readouterr().out == (
        "4.0\n%%tracegraph could not draw this cell's graph (ValueError: layout bug); "
        "the cell itself ran as it does without the magic.\n")
    failing = ip.run_cell("%%tracegraph\nz = torch.tensor(1., requires_grad=True) * 2\n1 / 0")
    assert not failing.success and isinstance(failing.error_in_exec, TracedCellError)
    assert "z" in ip.user_ns
    capsys.readouterr()
    assert ip.run_line_magic("tracegraph", "y") is None
    assert capsys.readouterr().out == "%tracegraph could not draw the graph behind y (ValueError: layout bug).\n"


def test_a_failure_to_start_tracing_is_one_line_and_the_cell_runs_untraced(ip, capsys, monkeypatch):
    from autograd_lab.viz.trace import CellTracer

    def broken(self):
        raise RuntimeError("hook bug")

    monkeypatch.setattr(CellTracer, "start", broken)
    result, out, err = run(ip, capsys, "%%tracegraph\nx = torch.tensor(2., requires_grad=True) * 2\nprint(x.item())")
    assert result.success and ip.shown == []
    assert out == ("%%tracegraph could not follow this cell (RuntimeError: hook bug); "
                   "it runs as it does without the magic.\n4.0\n")
    result, out, _ = run(ip, capsys, "%%tracegraph\n1 / 0")
    assert isinstance(result.error_in_exec, TracedCellError)
    assert out.endswith("ZeroDivisionError: division by zero\n"
                        "(%%tracegraph: the cell raised ZeroDivisionError; its traceback is shown above)\n")


# -- every failure of the magic is one line; the learner's tracebacks stay their own -------------

RAISES = "def f():\n    return 1 / 0"


def stepper_svg_width_and_smallest_font(svg):
    width = float(re.search(r'<svg[^>]* width="([\d.]+)"', svg).group(1))
    base = float(re.search(r'<svg[^>]* font-size="([\d.]+)"', svg).group(1))
    return width, min([base] + [float(v) for v in re.findall(r'<text [^>]*font-size="([\d.]+)"', svg)])


def test_step_stepper_fits_the_column_as_the_lessons_backward_stepper_does(ip, monkeypatch):
    # Without --direction the stepper picks its arrangement to fit the column (graph top to
    # bottom, the panel beside it), like BackwardStepper(out) in lesson 6: not left to right.
    made = []
    cell_stepper = magics._cell_stepper
    monkeypatch.setattr(magics, "_cell_stepper", lambda *a: made.append(cell_stepper(*a)) or made[-1])
    ip.run_cell("%%tracegraph --step\nx = torch.ones(2, 2, requires_grad=True)\n"
                "out = (3 * (x + 2) ** 2).mean()\nout.backward()")
    stepper, = made
    assert stepper.direction is None and stepper.arrangement() == ("TB", True)
    assert stepper_svg_width_and_smallest_font(stepper.svg) == (935.0, 12.0)
    ip.run_cell("out2 = (3 * (x + 2) ** 2).mean()")
    line_stepper = ip.run_line_magic("tracegraph", "--step out2")
    assert line_stepper.arrangement() == ("TB", True)
    assert stepper_svg_width_and_smallest_font(line_stepper.svg) == (935.0, 12.0)

def test_step_without_backward_draws_the_graph_and_says_so_in_one_line(ip, capsys):
    result, out, err = run(ip, capsys, "%%tracegraph --step\nx = torch.tensor(2., requires_grad=True)\ny = x * 3")
    assert result.success
    assert out == "%%tracegraph --step: the cell ran no backward(), so there is nothing to step through.\n"
    assert err == ""
    assert [sorted(d) for d in ip.shown] == [["image/png", "image/svg+xml", "text/plain"]]


def test_step_after_a_backward_of_a_cell_that_raised_later_steps_through_it(ip, capsys):
    result, out, _ = run(ip, capsys, "%%tracegraph --step\nx = torch.tensor(2., requires_grad=True)\n"
                                     "y = x * 3\ny.backward()\n1 / 0")
    assert not result.success
    assert ip.shown[1]["text/plain"].startswith("<BackwardStepper (autograd_lab)>\nstep 1 of 2: MulBackward0\n")
    assert out.endswith("ZeroDivisionError: division by zero\n"
                        "(%%tracegraph: the cell raised ZeroDivisionError; its traceback and graph are shown above)\n")


@pytest.mark.parametrize("expr, error", [
    ("outt", "NameError: name 'outt' is not defined"),
    ("x +", "SyntaxError: invalid syntax"),
    ("x.gard", "AttributeError: 'Tensor' object has no attribute 'gard'"),
    ("[x][3]", "IndexError: list index out of range"),
])
def test_a_mistake_in_the_expression_is_one_usage_line(ip, capsys, expr, error):
    ip.run_cell("x = torch.tensor(2., requires_grad=True)")
    result, out, err = run(ip, capsys, f"%tracegraph {expr}")
    assert isinstance(result.error_in_exec, UsageError)
    assert (out, err) == ("", f"UsageError: %tracegraph: could not evaluate {expr!r}: {error}\n")


def test_an_error_inside_code_the_expression_calls_shows_the_traceback_it_has_without_the_magic(ip, capsys):
    ip.run_cell(RAISES, store_history=True)
    plain, plain_out, _ = run(ip, capsys, "f()", store_history=True)
    traced, traced_out, _ = run(ip, capsys, "%tracegraph f()", store_history=True)
    without_magic = plain_out.replace(f"Cell In[{plain.execution_count}]", f"Cell In[{traced.execution_count}]")
    assert traced_out == without_magic + (
        "(%tracegraph: evaluating 'f()' raised ZeroDivisionError; its traceback is shown above)\n")
    assert f"Cell In[{traced.execution_count}], line 1\n----> 1 f()\n" in traced_out
    assert "autograd_lab" not in traced_out and isinstance(traced.error_in_exec, TracedCellError)


def test_a_cell_error_keeps_its_traceback_and_the_cell_number_it_has_without_the_magic(ip, capsys):
    ip.run_cell(RAISES, store_history=True)
    plain, plain_out, _ = run(ip, capsys, "x = 1\nf()", store_history=True)
    traced, traced_out, _ = run(ip, capsys, "%%tracegraph\nx = 1\nf()", store_history=True)
    assert traced.execution_count == plain.execution_count + 1
    without_magic = plain_out.replace(f"Cell In[{plain.execution_count}]", f"Cell In[{traced.execution_count}]")
    assert traced_out == without_magic + (
        "This cell built no autograd graph (no tensor that requires grad).\n"
        "(%%tracegraph: the cell raised ZeroDivisionError; its traceback is shown above)\n")
    assert f"Cell In[{traced.execution_count}], line 2\n      1 x = 1\n----> 2 f()\n" in traced_out
    assert "autograd_lab" not in traced_out


def test_the_closing_line_says_the_graph_is_shown_only_when_it_is(ip, capsys, monkeypatch):
    _, out, _ = run(ip, capsys, "%%tracegraph\nx = torch.tensor(2., requires_grad=True) * 3\n1 / 0")
    assert out.endswith("(%%tracegraph: the cell raised ZeroDivisionError; its traceback and graph are shown above)\n")
    import autograd_lab.viz.display as display

    monkeypatch.setattr(display, "fit_layout", lambda *a, **k: 1 / 0)
    _, out, _ = run(ip, capsys, "%%tracegraph\nx = torch.tensor(2., requires_grad=True) * 3\n1 / 0")
    assert out.endswith("%%tracegraph could not draw this cell's graph (ZeroDivisionError: division by zero); "
                        "the cell itself ran as it does without the magic.\n"
                        "(%%tracegraph: the cell raised ZeroDivisionError; its traceback is shown above)\n")


# -- line mode --step ------------------------------------------------------------------------------

def test_line_mode_step_steps_through_the_backward_the_tensor_would_run_without_changing_grad(ip, capsys):
    ip.run_cell("x = torch.ones(2, 2, requires_grad=True)\nout = (3 * (x + 2) ** 2).mean()")
    stepper = ip.run_line_magic("tracegraph", "--step out")
    assert [sorted(d) for d in ip.shown] == [["image/png", "image/svg+xml", "text/plain"]]  # the graph, then the stepper
    assert [s.name for s in stepper.replay.steps] == [
        "MeanBackward0", "MulBackward0", "PowBackward0", "AddBackward0", "AccumulateGrad"]
    assert stepper.summary().startswith("<BackwardStepper (autograd_lab)>\nstep 1 of 5: MeanBackward0\n")
    assert ip.user_ns["x"].grad is None


@pytest.mark.parametrize("setup, expr, message", [
    ("v = torch.ones(2, requires_grad=True) * 2", "v",
     "v has shape [2]; backward() starts from a single number: step through v.sum() or pick one element"),
    ("c = torch.ones(2).sum()", "c",
     "c does not require grad, so backward() from it runs nothing (compute it from a tensor with requires_grad=True)"),
    ("w = torch.ones(2, requires_grad=True)\nl = (w * w).sum()\nl.backward()", "l",
     "backward() already ran through the graph behind l and freed what it saved; "
     "put %%tracegraph --step on the cell that calls backward()"),
])
def test_line_mode_step_that_cannot_run_is_one_usage_line(ip, capsys, setup, expr, message):
    ip.run_cell(setup)
    result, out, err = run(ip, capsys, f"%tracegraph --step {expr}")
    assert (out, err) == ("", f"UsageError: %tracegraph --step: {message}\n")
    assert ip.shown == []


# -- no option is ignored, in either mode -----------------------------------------------------------

GRAPH = "x = torch.tensor([1., 2.], requires_grad=True)\ny = (x * x).sum()\n"


@pytest.mark.parametrize("option, differs", [
    ("--saved", lambda p: p.saved), ("--autograd", lambda p: p.autograd), ("--no-values", lambda p: not p.values),
    ("--direction TB", lambda p: p.direction == "TB"), ("--max-nodes 2", lambda p: p.max_nodes == 2),
    ("--format png", lambda p: p.format == "png"), ("--width 400", lambda p: p.width == 400),
])
@pytest.mark.parametrize("mode", ["cell", "line"])
def test_every_drawing_option_changes_the_picture_in_both_modes(ip, capsys, mode, option, differs):
    def picture(opts):
        ip.shown.clear()
        if mode == "cell":
            ip.run_cell(f"%%tracegraph -o kept {opts}\n{GRAPH}")
            return ip.user_ns["kept"].graph, ip.shown[0]
        ip.run_cell(GRAPH)
        pic = ip.run_line_magic("tracegraph", f"{opts} y")
        return pic, pic._repr_mimebundle_()

    plain, plain_bundle = picture("")
    changed, changed_bundle = picture(option)
    assert differs(changed) and not differs(plain)
    assert changed_bundle != plain_bundle


def test_o_keeps_the_trace_in_cell_mode_and_the_picture_in_line_mode(ip):
    ip.run_cell(f"%%tracegraph -o tr\n{GRAPH}")
    assert repr(ip.user_ns["tr"]) == "<CellTraceResult: 1 graph, 0 events>"
    ip.run_line_magic("tracegraph", "-o pic y")
    assert repr(ip.user_ns["pic"]) == "<GraphPicture (autograd_lab): 2 tensors, 2 ops; named: y, x>"


def test_save_writes_the_picture_in_both_modes(ip, capsys, tmp_path):
    svg, png = tmp_path / "cell.svg", tmp_path / "line.png"
    _, out, _ = run(ip, capsys, f"%%tracegraph --save {svg}\n{GRAPH}")
    assert out == f"%%tracegraph: saved the picture to {svg}\n"
    assert svg.read_text() == ip.shown[0]["image/svg+xml"]
    _, out, _ = run(ip, capsys, f"%tracegraph --save {png} y;")  # ; : no Out[] line
    assert out == f"%tracegraph: saved the picture to {png}\n" and png.read_bytes()[:4] == b"\x89PNG"


def test_save_numbers_the_files_of_several_graphs(ip, capsys, tmp_path):
    pytest.importorskip("torch")
    two = tmp_path / "two.svg"
    _, out, _ = run(ip, capsys, f"%%tracegraph --save {two}\nimport torch as real\n{GRAPH}"
                                "r = real.ones(1, requires_grad=True) * 2")
    assert out == f"%%tracegraph: saved the picture to {tmp_path / 'two-1.svg'}\n" \
                  f"%%tracegraph: saved the picture to {tmp_path / 'two-2.svg'}\n"
    assert "real" not in (tmp_path / "two-1.svg").read_text() and (tmp_path / "two-2.svg").exists()


@pytest.mark.parametrize("line, message", [
    ("--save graph.jpg", "--save graph.jpg: the file name must end in .svg or .png"),
    ("--save no/such/folder/g.svg", "--save no/such/folder/g.svg: there is no folder no/such/folder"),
])
def test_a_save_path_that_cannot_work_is_a_usage_error_before_the_cell_runs(ip, capsys, line, message):
    result, out, err = run(ip, capsys, f"%%tracegraph {line}\nran = True")
    assert (out, err) == ("", f"UsageError: {message}\n") and "ran" not in ip.user_ns


def test_a_failed_save_is_one_line_and_the_cell_keeps_its_effects(ip, capsys, tmp_path, monkeypatch):
    from autograd_lab.viz.display import GraphPicture

    def refuse(self, path):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(GraphPicture, "save", refuse)
    result, out, _ = run(ip, capsys, f"%%tracegraph --save {tmp_path / 'g.svg'}\n{GRAPH}")
    assert result.success and "y" in ip.user_ns and len(ip.shown) == 1
    assert out == (f"%%tracegraph could not save the picture to {tmp_path / 'g.svg'} "
                   "(PermissionError: Permission denied).\n")


# -- a terminal, and help ---------------------------------------------------------------------------

def test_a_terminal_shows_the_summary_and_how_to_get_the_picture(terminal, capsys, tmp_path):
    terminal.run_cell(f"%%tracegraph\n{GRAPH}")
    assert terminal.shown[0]["text/plain"] == (
        "<GraphPicture (autograd_lab): 3 tensors, 2 ops; named: y, x>\n"
        "(this terminal shows no pictures: add --save graph.svg to the %%tracegraph line, or call .save('graph.svg'), "
        "to write it to a file)")
    terminal.run_cell(f"%%tracegraph --save {tmp_path / 'g.svg'}\n{GRAPH}")
    assert terminal.shown[1]["text/plain"] == "<GraphPicture (autograd_lab): 3 tensors, 2 ops; named: y, x>"


def test_a_terminal_that_draws_png_shows_the_picture_with_no_hint(terminal):
    """Every picture's bundle has a PNG (--format png: only a PNG), so nothing is left to tell."""
    terminal.display_formatter.active_types = ["text/plain", "image/png"]
    terminal.run_cell(f"%%tracegraph\n{GRAPH}")
    terminal.run_cell(f"%%tracegraph --format png\n{GRAPH}")
    assert [d["text/plain"] for d in terminal.shown] == ["<GraphPicture (autograd_lab): 3 tensors, 2 ops; named: y, x>"] * 2
    assert ["image/png" in d for d in terminal.shown] == [True, True]


def test_question_mark_shows_usage_options_and_examples(ip, capsys):
    _, out, _ = run(ip, capsys, "%%tracegraph?")
    assert "  %%tracegraph [options]       first line of a cell: run the cell, then draw its graphs\n" \
           "  %tracegraph [options] EXPR   draw the graph behind the tensor EXPR (nothing is run)\n" in out
    for option in ("--saved", "--autograd", "--no-values", "--direction", "--width PX", "--max-nodes", "--format",
                   "--save PATH", "--step", "-o NAME"):
        assert f"\n  {option}" in out
    assert "\nexamples:\n  %%tracegraph                    draw what the cell builds" in out
    assert "\n  %tracegraph --step loss         step through the backward loss.backward() would run now\n" in out


def test_a_stepper_that_fails_is_one_line_after_the_graph_in_both_modes(ip, capsys, monkeypatch):
    import autograd_lab.widgets.stepper as stepper

    def broken(*args, **kwargs):
        raise ValueError("replay bug")

    monkeypatch.setattr(stepper, "replay_trace", broken)
    monkeypatch.setattr(stepper, "replay_output", broken)
    result, out, _ = run(ip, capsys, f"%%tracegraph --step\n{GRAPH}y.backward()")
    assert result.success and len(ip.shown) == 1
    assert out == "%%tracegraph --step could not step through the cell's backward (ValueError: replay bug).\n"
    ip.run_cell(GRAPH)
    ip.shown.clear()
    assert ip.run_line_magic("tracegraph", "--step y") is None and len(ip.shown) == 1
    assert capsys.readouterr().out == (
        "%tracegraph --step could not step through the backward of y (ValueError: replay bug).\n")


# -- --width ------------------------------------------------------------------------------------------

def test_width_lays_the_picture_out_for_that_column(ip):
    cell = ("x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)\ny = x + 2\nz = y * y * 3\nout = z.mean()\n"
            "out.backward()")
    for line, most in (("", 960), ("--width 600", 600), ("--width 600 --saved", 600)):
        ip.shown.clear()
        ip.run_cell(f"%%tracegraph {line}\n{cell}")
        width = float(re.search(r'<svg [^>]*width="([\d.]+)"', ip.shown[0]["image/svg+xml"]).group(1))
        assert width <= most
    ip.run_cell(cell)
    pic = ip.run_line_magic("tracegraph", "--width 400 out")
    assert pic.width == 400 and pic.canvas().width <= 400


def test_the_course_width_applies_to_the_next_cells(ip):
    import autograd_lab.viz.settings as pictures

    ip.run_cell("import autograd_lab.viz.settings as pictures\npictures.set_width(500)")
    try:
        ip.run_cell("%%tracegraph -o tr\nx = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)\n"
                    "out = ((x + 2) * (x + 2) * 3).mean()\nout.backward()")
        assert ip.user_ns["tr"].graph.canvas().width <= 500
    finally:
        pictures.set_width(960)


@pytest.mark.parametrize("value", ["abc", "100", "600.5", "-960", "0"])
def test_a_bad_width_is_a_one_line_usage_error(ip, value):
    with pytest.raises(UsageError) as info:
        ip.run_cell_magic("tracegraph", f"--width {value}", "x = 1")
    assert str(info.value) == (f"--width {value}: give the output column's width as a whole number of pixels, "
                               "at least 320 (e.g. --width 800)")
    with pytest.raises(UsageError):
        ip.run_line_magic("tracegraph", f"--width {value} x")
