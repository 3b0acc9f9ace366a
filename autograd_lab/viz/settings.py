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
    if isinstance(px, bool) or not isinstance(px, int) or px < 320:
        raise ValueError(f"width must be a whole number of pixels, at least 320, not {px!r}")
    old, width = width, px
    return old
