"""IPython magics: ``%%tracegraph`` draws the graphs a cell builds, ``%tracegraph EXPR`` one tensor's.

Load with ``%load_ext autograd_lab``. The magic is thin: it runs the cell through the shell's own
``run_cell`` (so output, display, warnings and tracebacks are exactly those of a normal cell),
with a ``viz.trace.CellTracer`` started before and finished after, whatever happens, then shows
one ``viz.display.GraphPicture`` per graph found.

What goes wrong is told in one line, never with a traceback of ours: a mistake in the magic's
line is a ``UsageError``; a failure of ours after the code ran (drawing, saving, the stepper) is a
printed note and the cell keeps its effects; an exception of the learner's code shows the
traceback it has without the magic, then one line saying the magic's part.
"""
import os
from contextlib import contextmanager

from IPython.core.error import UsageError
from IPython.core.magic import Magics, line_cell_magic, magics_class
from IPython.core.magic_arguments import argument, kwds, magic_arguments, parse_argstring

try:
    from IPython.core.magic import output_can_be_silenced
except ImportError:  # an older IPython: there a trailing ";" does not hide line mode's Out[]
    def output_can_be_silenced(magic):
        return magic

EXAMPLES = """
examples:
  %%tracegraph                    draw what the cell builds, gradients after its backward()
  %%tracegraph --step             ... and step through its last backward() node by node
  %%tracegraph --autograd --saved PyTorch's own view: function nodes and their saved values
  %%tracegraph --depth 1          open one level of modules (--depth all: every op)
  %%tracegraph --save graph.svg   also write the picture to graph.svg (a terminal shows none)
  %%tracegraph -o tr              keep the trace in tr (tr.graph, tr.events, tr.trace)
  %tracegraph loss                the graph behind loss
  %tracegraph --step loss         step through the backward loss.backward() would run now
                                  (run aside with autograd.grad: no .grad changes)"""


class TracedCellError(Exception):
    """Raised last when the traced code (the cell, or line mode's expression) raised, so the cell
    counts as failed as it would without the magic. The code's own traceback is already shown
    above, so this shows only its message: one line."""

    def _render_traceback_(self):
        return [self.args[0]]


@magics_class
class TraceGraphMagics(Magics):
    """The ``tracegraph`` magic (see its docstring, or ``%%tracegraph?``)."""

    @output_can_be_silenced
    @magic_arguments()
    @kwds(epilog=EXAMPLES)
    @argument("--saved", action="store_true", help="show each node's saved values, and which backward freed")
    @argument("--autograd", action="store_true",
              help="draw the graph as PyTorch keeps it: function nodes, AccumulateGrad, next_functions")
    @argument("--no-values", dest="values", action="store_false", help="do not preview tensor values")
    @argument("--direction", default=None, choices=["LR", "TB"],
              help="LR (left to right) or TB (top to bottom); by default LR when the picture fits "
                   "the width, else TB")
    @argument("--width", metavar="PX", default=None,
              help="lay the picture out for an output column PX pixels wide (at least 320; "
                   "default: autograd_lab.viz.settings.width, 960 unless the course set it); text "
                   "keeps its size, a large graph grows downwards")
    @argument("--depth", metavar="N", default=None,
              help="ops made by nn.Module calls are grouped by module: N levels of modules opened, "
                   "the rest drawn as one box each (0: each top-level module one box), an opened module a "
                   "frame around what it holds; 'all' draws every op; by default the deepest level whose "
                   "picture has at most 20 boxes")
    @argument("--max-nodes", type=int, default=150,
              help="above this many nodes, collapse repeated chains (default 150)")
    @argument("--format", default="svg", choices=["svg", "png"], help="svg (default) or png")
    @argument("--save", metavar="PATH", default=None,
              help="also write the picture to PATH, svg or png by its suffix (several graphs: "
                   "PATH numbered, graph-1.svg, graph-2.svg); the way to see it from a terminal")
    @argument("--step", action="store_true",
              help="then step through backward node by node (a widget): the cell's last backward(), "
                   "or in line mode the backward EXPR.backward() would run (on PyTorch a cell then records "
                   "every backward call node by node, not only its first 3)")
    @argument("-o", dest="output", default=None, metavar="NAME",
              help="keep the result in variable NAME: the cell's trace and pictures (a CellTraceResult), "
                   "or in line mode the picture")
    @argument("expr", nargs="*", metavar="EXPR", help="line mode: an expression giving the tensor to draw")
    @line_cell_magic
    def tracegraph(self, line, cell=None):
        """Draw the autograd graph a cell builds (cell magic) or behind a tensor (line magic).

          %%tracegraph [options]       first line of a cell: run the cell, then draw its graphs
          %tracegraph [options] EXPR   draw the graph behind the tensor EXPR (nothing is run)

        ``%%tracegraph`` runs the cell as usual, then draws the graphs it built, for
        autograd_lab or real PyTorch: named tensors, ops, gradients after backward, the
        gradient timeline when backward ran more than once. Pictures show in Jupyter; a
        terminal shows a one-line summary of each, and ``--save`` writes the picture to a file.
        """
        try:
            args = parse_argstring(self.tracegraph, line)
        except UsageError as e:
            usage = " ".join(self.tracegraph.parser.format_usage().replace("::", "").split())
            raise UsageError(f"{e}\nusage: {usage}") from None
        if args.max_nodes < 2:
            raise UsageError("--max-nodes must be at least 2")
        if args.width is not None:
            args.width = _check_width(args.width)
        if args.depth is not None:
            args.depth = _check_depth(args.depth)
        if args.save is not None:
            _check_save_path(args.save)
        options = dict(saved=args.saved, autograd=args.autograd, values=args.values,
                       direction=args.direction, max_nodes=args.max_nodes, format=args.format, width=args.width,
                       depth=args.depth)
        if cell is None:
            return self._line(args, options)
        if args.expr:
            raise UsageError(f"%%tracegraph takes no expression in cell mode, got: {' '.join(args.expr)}")
        return self._cell(cell, args, options)

    # -- line mode: %tracegraph EXPR ---------------------------------------------------------------
    def _line(self, args, options):
        from IPython.display import display

        from .viz.display import GraphPicture
        from .viz.trace import adapter_for, trace_tensor
        from .viz.words import with_article

        if not args.expr:
            raise UsageError("%tracegraph needs an expression, e.g. %tracegraph loss (or use %%tracegraph on a cell)")
        expr = " ".join(args.expr).rstrip(";")  # a trailing ";" only hides the Out[] line, as in a cell
        value = self._evaluate(expr)
        adapter = adapter_for(value)
        if adapter is None:
            raise UsageError(f"%tracegraph: {expr} is {with_article(type(value).__name__)}, not a tensor")
        try:
            picture = GraphPicture(trace_tensor(value, self.shell.user_ns), **options)
            _render(picture)  # now, so that a failure of ours is told here in one line
        except Exception as e:  # noqa: BLE001 - a bug of ours: one line, not our traceback
            print(f"%tracegraph could not draw the graph behind {expr} ({type(e).__name__}: {e}).")
            return None
        if args.step:
            _check_steppable(adapter, value, expr, picture.model)
        if args.output:
            self.shell.user_ns[args.output] = picture
        if args.save is not None:
            _save([picture], args.save, "%tracegraph")
        if not args.step:
            return picture
        display(picture)
        try:
            from .widgets import BackwardStepper

            return BackwardStepper(value, namespace=self.shell.user_ns, direction=args.direction)
        except Exception as e:  # noqa: BLE001
            print(f"%tracegraph --step could not step through the backward of {expr} ({type(e).__name__}: {e}).")
            return None

    def _evaluate(self, expr):
        """``expr``'s value in the user's namespace. A mistake in the expression itself (it does
        not parse, or raises in its own line: a typo'd name) is a UsageError; an exception inside
        code it called shows the traceback that code has when the expression is a cell of its
        own (the learner's frames, none of ours), then one line."""
        shell = self.shell
        filename = shell.compile.cache(expr, _running_cell_number(shell))  # its source, for tracebacks
        try:
            code = compile(expr, filename, "eval")
        except SyntaxError as e:
            raise UsageError(f"%tracegraph: could not evaluate {expr!r}: SyntaxError: {e.msg}") from None
        try:
            with shell.builtin_trap:
                return eval(code, shell.user_global_ns, shell.user_ns)
        except Exception as e:  # noqa: BLE001 - told below, in the learner's terms
            tb = e.__traceback__.tb_next  # from the expression's own frame on
            if _files(tb) == {filename}:  # raised by the expression itself, not by code it called
                raise UsageError(f"%tracegraph: could not evaluate {expr!r}: {type(e).__name__}: {e}") from None
            shell.showtraceback((type(e), e, tb), tb_offset=0)  # from the first frame on, on IPython 8 too
            raise TracedCellError(f"(%tracegraph: evaluating {expr!r} raised {type(e).__name__}; "
                                  "its traceback is shown above)") from None

    # -- cell mode: %%tracegraph -------------------------------------------------------------------
    def _cell(self, cell, args, options):
        from IPython.display import display

        from .viz.display import CellTraceResult, GraphPicture
        from .viz.trace import CellTracer

        tracer = CellTracer(self.shell.user_ns, step=args.step)
        try:
            tracer.start()
        except Exception as e:  # noqa: BLE001 - a bug of ours: the cell runs untraced
            print(f"%%tracegraph could not follow this cell ({type(e).__name__}: {e}); "
                  "it runs as it does without the magic.")
            tracer = None
        try:
            with _numbered_as_running_cell(self.shell):
                result = self.shell.run_cell(cell, store_history=False)
        finally:
            if tracer is not None:
                tracer.stop()  # hooks out first, whatever happened (KeyboardInterrupt included)
        error = result.error_in_exec or result.error_before_exec
        if tracer is None:
            _raise_for(error, drawn=False)
            return
        notes = []
        if error is not None:
            notes.append(f"The cell raised {type(error).__name__}: the graph is drawn as it was at the error.")
        try:
            trace = tracer.finish(error=error)  # --max-nodes collapses the view: the graph is read whole
            pictures = [GraphPicture(m, notes=notes, **options) for m in trace.graphs]
            for p in pictures:
                _render(p)  # now, so that a failure of ours is told here, not as the cell's
        except Exception as e:  # noqa: BLE001 - the learner's cell ran; only the picture is lost
            print(f"%%tracegraph could not draw this cell's graph ({type(e).__name__}: {e}); "
                  "the cell itself ran as it does without the magic.")
            _raise_for(error, drawn=False)
            return
        out = CellTraceResult(trace, pictures)
        if args.output:
            self.shell.user_ns[args.output] = out
        if not pictures:
            print(trace.notes[0])
            _raise_for(error, drawn=False)
            return
        if args.save is not None:
            _save(pictures, args.save, "%%tracegraph")
        for p in pictures:
            display(p)
        if args.step:
            stepper = _cell_stepper(trace, args.direction)
            if stepper is not None:
                display(stepper)
        _raise_for(error, drawn=True)


def _raise_for(error, drawn):
    """After the picture, fail the cell as it failed without the magic (its traceback is shown)."""
    if error is not None:
        shown = "its traceback and graph are shown above" if drawn else "its traceback is shown above"
        raise TracedCellError(f"(%%tracegraph: the cell raised {type(error).__name__}; {shown})")


def _render(picture):
    """Draw the picture now (what its bundle holds: the PNG, and the SVG unless --format png)."""
    if picture.format == "svg":
        picture.svg()
    return picture.png()


def _files(tb):
    """The files of the frames in traceback ``tb``."""
    files = set()
    while tb is not None:
        files.add(tb.tb_frame.f_code.co_filename)
        tb = tb.tb_next
    return files


def _cell_stepper(trace, direction):
    """A ``BackwardStepper`` over the cell's last complete backward() call, or None with one line
    saying why there is none."""
    calls = [i for i, m in enumerate(trace.graphs) if m.backward_calls]
    if not calls:
        print("%%tracegraph --step: the cell ran no backward(), so there is nothing to step through.")
        return None
    try:
        from .widgets import BackwardStepper

        return BackwardStepper.from_trace(trace, call_index=-1, graph_index=calls[0], direction=direction)
    except Exception as e:  # noqa: BLE001 - the graph is drawn; only the stepper is lost
        print(f"%%tracegraph --step could not step through the cell's backward ({type(e).__name__}: {e}).")
        return None


def _check_steppable(adapter, value, expr, model):
    """Line mode ``--step``: whether backward can run from ``value`` now, else a UsageError."""
    from .parity.messages import shape_str

    if not adapter.requires_grad(value):
        raise UsageError(f"%tracegraph --step: {expr} does not require grad, so backward() from it "
                         "runs nothing (compute it from a tensor with requires_grad=True)")
    shape = tuple(adapter.to_numpy(value).shape)
    if any(n != 1 for n in shape):
        raise UsageError(f"%tracegraph --step: {expr} has shape {shape_str(shape)}; backward() starts from "
                         f"a single number: step through {expr}.sum() or pick one element")
    if any(s.freed for f in model.functions.values() for s in f.saved):
        raise UsageError(f"%tracegraph --step: backward() already ran through the graph behind {expr} and "
                         "freed what it saved; put %%tracegraph --step on the cell that calls backward()")


def _check_width(text):
    """``--width PX``'s value as a number of pixels, else a UsageError."""
    from .viz.settings import MIN_WIDTH

    try:
        px = int(text)
    except ValueError:
        px = None
    if px is None or px < MIN_WIDTH:
        raise UsageError(f"--width {text}: give the output column's width as a whole number of pixels, "
                         f"at least {MIN_WIDTH} (e.g. --width 800)")
    return px


def _check_depth(text):
    """``--depth``'s value: a whole number of module levels from 0, or "all"; else a UsageError."""
    if text == "all":
        return text
    if text.isdigit():
        return int(text)
    raise UsageError(f"--depth {text}: give how many levels of modules to open, a whole number from 0 "
                     "(e.g. --depth 1), or --depth all to draw every op")


def _check_save_path(path):
    if os.path.splitext(path)[1].lower() not in (".svg", ".png"):
        raise UsageError(f"--save {path}: the file name must end in .svg or .png")
    folder = os.path.dirname(path)
    if folder and not os.path.isdir(folder):
        raise UsageError(f"--save {path}: there is no folder {folder}")


def _save(pictures, path, magic):
    """Write each picture (``graph.svg``; several: ``graph-1.svg``, ``graph-2.svg``, ...), one line each."""
    stem, suffix = os.path.splitext(path)
    for i, p in enumerate(pictures, 1):
        target = path if len(pictures) == 1 else f"{stem}-{i}{suffix}"
        try:
            p.save(target)
        except OSError as e:
            print(f"{magic} could not save the picture to {target} ({type(e).__name__}: {e.strerror}).")
        else:
            print(f"{magic}: saved the picture to {target}")


def _running_cell_number(shell):
    """The number of the cell running now (``In [3]``). IPython 9 counts a cell up before running
    it, IPython 8 after: the running cell's result knows which."""
    running = shell.displayhook.exec_result
    number = getattr(running, "execution_count", None)
    return shell.execution_count if number is None else number


@contextmanager
def _numbered_as_running_cell(shell):
    """Let a cell run from inside the running one carry its number in tracebacks (``Cell In[3]``),
    as it does without the magic; on IPython 9 it would take the next one (``Cell In[4]``)."""
    number = _running_cell_number(shell)
    compiler = shell.compile
    if number == shell.execution_count:
        yield
        return
    cache = compiler.cache
    compiler.cache = lambda code, _number=0, raw_code=None: cache(code, number, raw_code)
    try:
        yield
    finally:
        del compiler.cache  # the class's method again


def load_ipython_extension(ipython):
    """``%load_ext autograd_lab``: register ``%tracegraph`` / ``%%tracegraph``."""
    ipython.register_magics(TraceGraphMagics)


def unload_ipython_extension(ipython):
    """``%unload_ext autograd_lab``: remove the magics again (so ``%reload_ext`` works)."""
    magics = ipython.magics_manager.magics
    for kind in ("line", "cell"):
        if magics[kind].get("tracegraph") is not None and getattr(
                magics[kind]["tracegraph"], "__self__", None).__class__.__name__ == "TraceGraphMagics":
            del magics[kind]["tracegraph"]
    ipython.magics_manager.registry.pop("TraceGraphMagics", None)
