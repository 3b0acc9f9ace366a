"""Pictures of autograd graphs: capture (graph model) -> views -> layout -> SVG/PNG -> display.

``draw(tensor)`` returns a picture of the graph behind a tensor (autograd_lab or PyTorch);
``%%tracegraph`` (see ``autograd_lab.magics``) draws the graphs a notebook cell built.
Nothing heavy is imported until a picture is made.
"""


def draw(tensor, **options):
    """The graph behind ``tensor`` as a picture; see ``display.draw`` for the options."""
    import sys

    from .display import draw as _draw

    options.setdefault("namespace", sys._getframe(1).f_globals)
    return _draw(tensor, **options)


def __getattr__(name):
    if name in ("GraphPicture", "CellTraceResult"):
        from . import display

        return getattr(display, name)
    if name in ("GraphModel", "TensorRecord", "FunctionRecord", "Event", "BackwardCall", "Step"):
        from . import model

        return getattr(model, name)
    if name in ("CellTracer", "Trace"):
        from . import trace

        return getattr(trace, name)
    raise AttributeError(f"module 'autograd_lab.viz' has no attribute '{name}'")
