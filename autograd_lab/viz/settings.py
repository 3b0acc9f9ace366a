"""Defaults a course sets once, in a first cell, for every picture after it.

>>> import autograd_lab.viz.settings as pictures   # doctest: +SKIP
>>> pictures.set_width(800)                         # a narrower output column
"""

DEFAULT_WIDTH = 960  # px: a JupyterLab output column beside an open file browser, at 1440 px wide

width = DEFAULT_WIDTH


def set_width(px):
    """Lay pictures out to fit an output column ``px`` pixels wide (``%%tracegraph --width``
    overrides it for one cell). Returns the width it replaced."""
    global width
    old, width = width, check_width(px)
    return old


MIN_WIDTH = 320


def check_width(px):
    """``px`` if it is a width pictures can be laid out to, else a ValueError saying why."""
    if isinstance(px, bool) or not isinstance(px, int) or px < MIN_WIDTH:
        raise ValueError(f"width must be a whole number of pixels, at least {MIN_WIDTH}, not {px!r}")
    return px
