"""IPython magics: ``%%tracegraph`` draws the graphs a cell builds, ``%tracegraph EXPR`` one tensor's.

Load with ``%load_ext autograd_lab``. The magic is thin: it runs the cell through the shell's own
``run_cell`` (so output, display, warnings and tracebacks are exactly those of a normal cell),
with a ``viz.trace.CellTracer`` started before and finished after, whatever happens, then shows
one ``viz.display.GraphPicture`` per graph found.
"""
from IPython.core.error import UsageError
from IPython.core.magic import Magics, line_cell_magic, magics_class
from IPython.core.magic_arguments import argument, magic_arguments, parse_argstring


class TracedCellError(Exception):
    """Raised after the picture when the traced cell raised, so the cell counts as failed (as a
    normal cell would); its traceback was already shown, so it shows only one line."""

    def _render_traceback_(self):
        return [f"(%%tracegraph: the cell raised {self.args[0]}; its traceback and graph are shown above)"]


@magics_class
class TraceGraphMagics(Magics):
    """The ``tracegraph`` magic (see its docstring, or ``%%tracegraph?``)."""

    @magic_arguments()
    @argument("--saved", action="store_true", help="show each node's saved values, and which backward freed")
    @argument("--autograd", action="store_true",
              help="draw the graph as PyTorch keeps it: function nodes, AccumulateGrad, next_functions")
    @argument("--no-values", dest="values", action="store_false", help="do not preview tensor values")
    @argument("--direction", default="LR", choices=["LR", "TB"], help="LR (left to right, default) or TB")
    @argument("--max-nodes", type=int, default=150,
              help="above this many nodes, collapse repeated chains (default 150)")
    @argument("--format", default="svg", choices=["svg", "png"], help="svg (default) or png")
    @argument("--step", action="store_true",
              help="after the cell, step through its last backward() node by node (a widget)")
    @argument("-o", dest="output", default=None, metavar="NAME",
              help="keep the captured trace (graphs, events, values) in variable NAME")
    @argument("expr", nargs="*", help="line mode: an expression giving the tensor to draw")
    @line_cell_magic
    def tracegraph(self, line, cell=None):
        """Draw the autograd graph a cell builds (cell magic) or behind a tensor (line magic).

        ``%%tracegraph`` on top of a cell runs it as usual, then draws the graphs it built, for
        autograd_lab or real PyTorch: named tensors, ops, gradients after backward, the
        gradient timeline when backward ran more than once. ``%tracegraph loss`` draws the graph
        behind ``loss`` without running anything.
        """
        try:
            args = parse_argstring(self.tracegraph, line)
        except UsageError as e:
            usage = " ".join(self.tracegraph.parser.format_usage().replace("::", "").split())
            raise UsageError(f"{e}\nusage: {usage}") from None
        if args.max_nodes < 2:
            raise UsageError("--max-nodes must be at least 2")
        options = dict(saved=args.saved, autograd=args.autograd, values=args.values,
                       direction=args.direction, max_nodes=args.max_nodes, format=args.format)
        if cell is None:
            return self._line(args, options)
        if args.expr:
            raise UsageError(f"%%tracegraph takes no expression in cell mode, got: {' '.join(args.expr)}")
        return self._cell(cell, args, options)

    def _line(self, args, options):
        from .viz.display import GraphPicture
        from .viz.trace import adapter_for, trace_tensor
        from .viz.words import with_article

        if not args.expr:
            raise UsageError("%tracegraph needs an expression, e.g. %tracegraph loss (or use %%tracegraph on a cell)")
        expr = " ".join(args.expr)
        value = self.shell.ev(expr)
        if adapter_for(value) is None:
            raise UsageError(f"%tracegraph: {expr} is {with_article(type(value).__name__)}, not a tensor")
        picture = GraphPicture(trace_tensor(value, self.shell.user_ns), **options)
        if args.output:
            self.shell.user_ns[args.output] = picture
        return picture

    def _cell(self, cell, args, options):
        from IPython.display import display

        from .viz.display import CellTraceResult, GraphPicture
        from .viz.trace import CellTracer

        tracer = CellTracer(self.shell.user_ns)
        tracer.start()
        try:
            result = self.shell.run_cell(cell, store_history=False)
        finally:
            tracer.stop()  # hooks out first, whatever happened (KeyboardInterrupt included)
        error = result.error_in_exec or result.error_before_exec
        notes = []
        if error is not None:
            notes.append(f"The cell raised {type(error).__name__}: the graph is drawn as it was at the error.")
        try:
            trace = tracer.finish(error=error, max_functions=args.max_nodes)
            pictures = [GraphPicture(m, notes=notes, **options) for m in trace.graphs]
            for p in pictures:
                p.canvas()  # laid out now, so that a failure of ours is told here, not as the cell's
        except Exception as e:  # noqa: BLE001 - the learner's cell ran; only the picture is lost
            print(f"%%tracegraph could not draw this cell's graph ({type(e).__name__}: {e}); "
                  "the cell itself ran as it does without the magic.")
            if error is not None:
                raise TracedCellError(type(error).__name__) from None
            return
        out = CellTraceResult(trace, pictures)
        if args.output:
            self.shell.user_ns[args.output] = out
        if pictures:
            for p in pictures:
                display(p)
            if args.step and error is None:
                from .widgets import BackwardStepper

                display(BackwardStepper.from_trace(trace, call_index=-1, direction=args.direction))
        else:
            print(trace.notes[0])
        if error is not None:
            raise TracedCellError(type(error).__name__)


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
