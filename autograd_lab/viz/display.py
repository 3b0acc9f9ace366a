"""The graph object a notebook shows: draws itself (``_repr_mimebundle_``), saves, converts.

``draw(tensor)`` makes one from a live tensor; ``%%tracegraph`` makes one per graph a cell built.
It keeps only the plain ``GraphModel``, so holding it keeps no tensor or graph alive.
"""
import base64
import sys

from . import settings
from .flow import gradient_flow_chart
from .fit import fit_layout
from .module_view import check_depth, default_depth, levels, module_view
from .render_png import render_png
from .render_svg import MARGIN, compose, timeline_table, to_svg
from .trace import trace_tensor
from .views import DEFAULT_MAX_NODES, autograd_view, collapse_chains, dataflow_view
from .words import count

DIRECTIONS = ("LR", "TB")
FORMATS = ("svg", "png")
MIME_TYPES = {"svg": "image/svg+xml", "png": "image/png"}


class GraphPicture:
    """A captured graph and how to draw it.

    >>> g = draw(loss)              # doctest: +SKIP
    >>> g.save("loss.svg"); g.save("loss.png")
    >>> g.to_networkx().number_of_nodes()
    """

    def __init__(self, model, saved=False, autograd=False, values=True, direction=None,
                 max_nodes=DEFAULT_MAX_NODES, format="svg", notes=(), header=None, width=None, depth=None):
        if direction is not None and direction not in DIRECTIONS:
            raise ValueError(f"direction must be one of {DIRECTIONS} or None (chosen to fit), not {direction!r}")
        if format not in FORMATS:
            raise ValueError(f"format must be one of {FORMATS}, not {format!r}")
        if width is not None:
            settings.check_width(width)
        check_depth(depth)
        self.model = model
        self.saved, self.autograd, self.values = saved, autograd, values
        # direction None: left to right if that fits the width, else top to bottom (fit.fit_layout).
        # width None: the course's settings.width, read when the picture is first drawn.
        self.direction, self.max_nodes, self.format = direction, max_nodes, format
        self.width = width
        # Module levels opened (see module_view): None chooses, "all" draws every op.
        self.depth = depth
        self.notes = list(notes)
        self.header = header
        self.saved_to = None  # the file ``save`` last wrote
        self._canvas = None
        self._drawn_direction = None
        self._view = None
        self._rendered = {}

    # -- the picture --------------------------------------------------------------------------
    def view(self):
        """The boxes and arrows to draw (a ``DrawGraph``), collapsed above ``max_nodes``."""
        if self._view is None:
            make = autograd_view if self.autograd else dataflow_view
            view = make(self.model, self.saved, self.values)
            if self.model.modules:
                depth = (levels(self.model) if self.depth == "all" else
                         default_depth(view, self.model) if self.depth is None else self.depth)
                view = module_view(view, self.model, depth)
            # (A graph too large, collapsed, is drawn without the frames of opened modules: its
            # collapsed runs of blocks are no longer the modules' ops.)
            self._view = collapse_chains(view, self.max_nodes)
        return self._view

    def canvas(self):
        if self._canvas is None:
            view = self.view()
            notes = list(self.notes) + list(self.model.notes)
            if any(n.lines[-1].endswith("⚠") for n in view.nodes.values()):
                notes.append("⚠ You read .grad of a non-leaf tensor (the UserWarning above): backward fills .grad "
                             "of leaves only; call .retain_grad() before backward() to keep it.")
            # Many leaves (a model's parameters): the gradient-flow chart; few: the table of .grad previews.
            table = gradient_flow_chart(self.model) or timeline_table(
                self.model.events, n_events=self.model.n_events, full_events=self.model.full_events)
            width = settings.width if self.width is None else self.width
            layout, view = fit_layout(view, width - 2 * MARGIN, self.direction)
            self._canvas = compose(view, layout, notes, table, header=self.header, width=width)
            self._drawn_direction = layout.direction
        return self._canvas

    @property
    def drawn_direction(self):
        """How the picture is laid out: ``direction`` when given, else the one chosen to fit
        ("LR" when the graph fits the width left to right, else "TB")."""
        self.canvas()
        return self._drawn_direction

    def svg(self):
        """The picture as SVG text (the same bytes every time for the same graph)."""
        if "svg" not in self._rendered:
            self._rendered["svg"] = to_svg(self.canvas())
        return self._rendered["svg"]

    def png(self):
        """The picture as PNG bytes (matplotlib, Agg)."""
        if "png" not in self._rendered:
            self._rendered["png"] = render_png(self.canvas())
        return self._rendered["png"]

    def _repr_mimebundle_(self, include=None, exclude=None):
        """SVG, a PNG of the same picture and the text (``picture_bundle``); ``format="png"``:
        the PNG and the text only."""
        if self.format == "png":
            canvas = self.canvas()
            data = {"text/plain": self.text(), "image/png": base64.b64encode(self.png()).decode("ascii")}
            return data, {"image/png": _size(canvas)}
        return picture_bundle(self.text(), self.canvas(), self.svg(), png=self.png())

    def text(self):
        """The text summary (``repr``); where IPython cannot show the picture (a terminal shows
        text only) and it was not saved, a second line says how to see it."""
        shown = _shown_types()
        # The bundle has a PNG whatever the format, so a frontend that shows PNG shows the picture.
        if shown is None or set(MIME_TYPES.values()) & set(shown) or self.saved_to is not None:
            return repr(self)
        return repr(self) + ("\n(this terminal shows no pictures: add --save graph.svg to the %%tracegraph line, "
                             "or call .save('graph.svg'), to write it to a file)")

    def __repr__(self):
        m = self.model
        n_fn = sum(1 for f in m.functions.values() if f.variable is None)
        names = [", ".join(t.names) for t in m.tensors.values() if t.names]
        return (f"<GraphPicture ({m.library}): {count(len(m.tensors), 'tensor')}, {count(n_fn, 'op')}"
                + (f"; named: {', '.join(names)}" if names else "") + ">")

    def save(self, path):
        """Write the picture to ``path``: ``.svg`` or ``.png`` chosen by the extension."""
        self.saved_to = save_picture(path, self.svg, self.png)
        return self.saved_to

    def to_networkx(self):
        """The drawn graph as a ``networkx.DiGraph``: node attributes ``kind``, ``role``,
        ``label`` (first line), ``lines``, ``title``; edge attribute ``count``."""
        import networkx as nx

        view = self.view()
        g = nx.DiGraph()
        for nid, node in view.nodes.items():
            g.add_node(nid, kind=node.kind, role=node.role, label=node.lines[0], lines=list(node.lines),
                       title=node.title)
        for s, d, n in view.edges:
            g.add_edge(s, d, count=n)
        return g


def picture_bundle(text, canvas, svg, png=None):
    """What a notebook stores for a picture, as ``(data, metadata)`` for ``_repr_mimebundle_``:
    the SVG (sharp; JupyterLab shows it where the notebook is trusted), a PNG of the same
    ``canvas`` (shown where SVG is not: a notebook just opened, hence untrusted, in JupyterLab or
    Notebook 7, GitHub's notebook view, VS Code), and the text summary. The PNG is drawn at 1.5x
    and its metadata asks for the canvas size, so both show at the same size. ``png``: its bytes
    when already rendered.

    nbval compares the SVG (the same bytes on every run and machine) and the text, not the PNG,
    whose pixels depend on the matplotlib and FreeType versions (see ``autograd_lab/nbval.py``)."""
    png = render_png(canvas) if png is None else png
    data = {"text/plain": text, "image/svg+xml": svg, "image/png": base64.b64encode(png).decode("ascii")}
    return data, {"image/png": _size(canvas)}


def _size(canvas):
    """The size a picture shows at (its PNG has 1.5 pixels per pixel of it)."""
    return {"width": int(round(canvas.width)), "height": int(round(canvas.height))}


def save_picture(path, svg, png):
    """Write a picture to ``path``, ``.svg`` or ``.png`` chosen by the extension: ``svg()`` gives
    its SVG text, ``png()`` its PNG bytes (only the one asked for is made). Returns ``str(path)``."""
    path = str(path)
    if path.lower().endswith(".svg"):
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write(svg())
    elif path.lower().endswith(".png"):
        with open(path, "wb") as f:
            f.write(png())
    else:
        raise ValueError(f"cannot tell the format of {path!r}: use a .svg or .png file name")
    return path


def _shown_types():
    """The mime types the running IPython shows (a kernel: all; a terminal: text/plain, or also
    image/png where it can draw one), or None outside IPython."""
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None else None
    return None if shell is None else shell.display_formatter.active_types


class CellTraceResult:
    """What ``%%tracegraph`` shows and ``-o NAME`` keeps: the trace (models, events, replay
    steps) and one ``GraphPicture`` per library used."""

    def __init__(self, trace, pictures):
        self.trace = trace
        self.pictures = pictures

    @property
    def graph(self):
        """The first picture (usually the only one)."""
        return self.pictures[0] if self.pictures else None

    @property
    def models(self):
        return self.trace.graphs

    @property
    def events(self):
        return [e for m in self.trace.graphs for e in m.events]

    def __repr__(self):
        return f"<CellTraceResult: {count(len(self.pictures), 'graph')}, {count(len(self.events), 'event')}>"

    def _repr_mimebundle_(self, include=None, exclude=None):
        if self.pictures:
            return self.pictures[0]._repr_mimebundle_(include, exclude)
        return {"text/plain": "\n".join(self.trace.notes)}


def draw(tensor, saved=False, autograd=False, values=True, direction=None, max_nodes=DEFAULT_MAX_NODES,
         format="svg", namespace=None, width=None):
    """The graph behind ``tensor`` (autograd_lab or PyTorch), as a picture that displays itself.

    Tensors are labelled with their names in ``namespace`` (by default the caller's globals).
    The picture fits an output column ``width`` px wide (None: ``settings.width``, 960 unless the
    course set it): left to right when that fits, else top to bottom (``direction`` None), or as
    ``direction`` ("LR", "TB") says.

    >>> x = torch.tensor([1., 2.], requires_grad=True)
    >>> g = draw((x * x).sum())
    >>> sorted(g.to_networkx().nodes(data="label"))[0]
    """
    if namespace is None:
        namespace = sys._getframe(1).f_globals
    model = trace_tensor(tensor, namespace)
    return GraphPicture(model, saved, autograd, values, direction, max_nodes, format, width=width)
