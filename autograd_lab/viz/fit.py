"""Fitting a graph's picture to the output column: left to right when it fits, else top to
bottom, long lines cut short; the module view's frames laid out by ``frame_layout``, the rest by
``layout``."""
from . import frame_layout
from .layout import layered_layout, narrowed


def fit_layout(graph, max_width, direction=None):
    """The layout of ``graph`` for a column leaving ``max_width`` px to the graph itself, and the
    graph as drawn (its lines cut short where a box would be wider than the column).

    ``direction`` None chooses: left to right (``"LR"``) when that fits ``max_width``, else top
    to bottom (``"TB"``) with any layer too wide for the column split into several. ``"TB"``
    given splits wide layers the same way; ``"LR"`` given is left to right however wide.
    """
    graph = narrowed(graph, max_width)
    # opened modules (the module view): each drawn as a frame around its ops
    lay_out = _framed_or_plain if graph.frames else layered_layout
    if direction is None:
        lay = lay_out(graph, "LR")
        if lay.width <= max_width:
            return lay, graph
        direction = "TB"
    if direction == "TB":
        return lay_out(graph, "TB", max_width=max_width), graph
    return lay_out(graph, direction), graph


def _framed_or_plain(graph, direction, max_width=None):
    """``frame_layout.framed_layout``; should it fail, ``layered_layout`` without the frames and
    a note saying so (never lose the picture for its frames)."""
    try:
        return frame_layout.framed_layout(graph, direction, max_width)
    except Exception as e:  # noqa: BLE001
        graph.frames = {}
        graph.notes.append(f"The modules' frames could not be drawn ({type(e).__name__}: {e}).")
        return layered_layout(graph, direction, max_width=max_width)
