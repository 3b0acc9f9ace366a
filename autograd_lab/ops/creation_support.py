"""Gradients of multi-output views (unbind, split): stitch the per-piece gradients back together,
with zeros where a piece got none."""
import numpy as np
from .._tensor import Tensor


def _filled(grads, ctx):
    out = []
    for g, meta in zip(grads, ctx._out_meta):
        out.append(g if g is not None else Tensor._make(np.zeros(meta[0], meta[1])))
    return out


def stack_grads(grads, ctx):
    from .join_split import stack

    return stack(_filled(grads, ctx), ctx.dim)


def cat_grads(grads, ctx):
    from .join_split import cat

    return cat(_filled(grads, ctx), ctx.dim)
