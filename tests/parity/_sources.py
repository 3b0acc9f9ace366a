"""Pieces of program source shared by several ``programs_*.py`` files.

Not a program module (its name does not start with ``programs_``): the files import
these to build their programs' sources.  A program's source is what its golden's
``source_sha256`` covers, so changing anything here changes every program built with it.
"""

from textwrap import dedent as _d


def unary(init, expr, backward="y.sum().backward()"):
    """A one-input op: its result, grad_fn, next_functions and the input's gradient."""
    return _d(f"""\
        x = torch.tensor({init}, requires_grad=True)
        y = {expr}
        print(y)
        print(y.grad_fn)
        print(y.grad_fn.next_functions)
        {backward}
        print(x.grad)
    """)


def binary(a, b, expr):
    """A two-input op: its result, grad_fn and both inputs' gradients."""
    return _d(f"""\
        a = torch.tensor({a}, requires_grad=True)
        b = torch.tensor({b}, requires_grad=True)
        y = {expr}
        print(y)
        print(y.grad_fn.name(), y.grad_fn.next_functions)
        y.sum().backward()
        print(a.grad)
        print(b.grad)
    """)


# numpy, and graph(fn): each node's name and plain saved values, then its inputs' nodes.
GRAPH = """\
import numpy as np


def graph(fn, depth=0):
    # Each node's name and its plain saved values, then its inputs' nodes, indented.
    if fn is None:
        print("  " * depth + "None")
        return
    values = {k: getattr(fn, k) for k in dir(fn) if k.startswith("_saved_") and not torch.is_tensor(getattr(fn, k))}
    print("  " * depth + fn.name(), values)
    for nxt, _ in fn.next_functions:
        graph(nxt, depth + 1)
"""


def with_graph(body):
    """``body`` (dedented) after GRAPH."""
    return GRAPH + "\n" + _d(body)


WARNINGS_ALWAYS = """\
import warnings

warnings.simplefilter("always")
"""

WARNINGS_ALWAYS_NUMPY = """\
import warnings
import numpy as np

warnings.simplefilter("always")
"""


# show(f): print what f() gives, or the type and message of its error (no label, unlike attempt).
SHOW = """\
def show(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
"""

# show(f), printing "OK", the result's dtype and the result.
SHOW_DTYPE = """\
def show(f):
    try:
        r = f()
        print("OK", r.dtype, r)
    except Exception as e:
        print(type(e).__name__, e)
"""

# show(f), printing "OK", the result's dtype and shape.
SHOW_DTYPE_SHAPE = """\
def show(f):
    try:
        r = f()
        print("OK", r.dtype, r.shape)
    except Exception as e:
        print(type(e).__name__, e)
"""
