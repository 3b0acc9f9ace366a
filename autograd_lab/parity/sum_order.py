"""The order in which PyTorch's CPU kernel adds up a whole contiguous float tensor, emulated in numpy.

Float addition is not associative, so ``loss.item()`` prints PyTorch's digits only if the values
are added in PyTorch's order. numpy adds pairwise; PyTorch (2.13, one thread, 256-bit AVX2
vectors) adds like this:

1. The values are read as vectors of 8 float32 (4 float64) lanes; the lanes are added
   independently until the very end. The vectors are read in rows of 4 (four running sums,
   each taking every 4th vector), so a row is 32 float32 values, summed column by column.
2. The rows are added in a cascade of 4 levels, to keep each sum short. With ``n`` rows, a block
   is ``step = 2 ** max(4, ceil(log2 n) // 4)`` rows. Each whole block is added row by row
   (level 0), and its total is added to level 1. After every ``step`` blocks, level 1 is handed
   up to level 2 and restarts from 0; after every ``step`` of those, level 2 is handed to level 3,
   which keeps adding to the end. Rows after the last whole block are added one by one into a
   fresh level 0, then levels 1, 2 and 3 are added to it, in that order.
3. That leaves 4 vector sums: the 0-3 vectors that did not fill a row are added to the first,
   then the second, third and fourth are added to it.
4. Finally, starting from 0, the values that did not fill a vector are added one by one, then
   the 8 (or 4) lanes of that vector one by one.

Fewer values than a vector take the same steps one value at a time (a row is 4 values).
With more than one thread PyTorch splits tensors of 32,768 values or more between the threads,
which changes the order again; autograd_lab works on one thread, and so does this emulation.
"""
import numpy as np

LANES = {np.dtype(np.float32): 8, np.dtype(np.float64): 4}  # values in one 256-bit vector
_ROW = 4  # vectors (or, for short tensors, values) per row of the cascade
_LEVELS = 4


def _block_totals(blocks):
    """Each block's rows added one after the other: ``blocks`` (n, step, width) -> (n, width)."""
    if blocks.shape[0] < 64:  # few blocks: one call
        return np.add.reduce(blocks, axis=1)
    # Many blocks: add the j-th rows of all blocks at once, for j in order. numpy's reduce would
    # make a call of its inner loop per block and row, each only ``width`` values long.
    total = blocks[:, 0] + blocks[:, 1]
    for j in range(2, blocks.shape[1]):
        np.add(total, blocks[:, j], out=total)
    return total


def _cascade(rows):
    """Column sums of ``rows`` (n, width) in the 4-level cascade (step 2 of the module docstring).

    ``np.add.reduce`` over an axis that is not the innermost one in memory adds the slices one
    after the other, in order: that is the row-by-row sum each level needs (numpy's pairwise
    summation is only used along the innermost axis)."""
    n, width = rows.shape
    step = 1 << max(4, (max(n, 1) - 1).bit_length() // _LEVELS)  # ceil(log2 n) // 4, at least 4
    whole = n // step * step
    total = np.add.reduce(rows[whole:], axis=0)  # the rows after the last whole block (level 0)
    if not whole:
        return total
    level = _block_totals(rows[:whole].reshape(-1, step, width))
    for _ in range(_LEVELS - 2):  # levels 1 and 2: hand totals up in groups of step
        full = len(level) // step * step
        total = total + np.add.reduce(level[full:], axis=0)  # what stayed at this level
        if not full:
            return total
        level = np.add.reduce(level[:full].reshape(-1, step, width), axis=1)
    return total + np.add.reduce(level, axis=0)  # level 3: everything handed up to it


def in_memory_order(a):
    """``a``'s values as a flat array in the order they lie in memory, as PyTorch's kernel reads a
    whole tensor, when ``a`` is a contiguous array or a permutation of one (``x.t()``,
    ``x.permute(...)``); None otherwise (gaps, overlaps or reversed strides)."""
    if a.flags.c_contiguous:
        return a.reshape(-1)
    by_stride = a.transpose(sorted(range(a.ndim), key=lambda d: -a.strides[d]))
    return by_stride.reshape(-1) if by_stride.flags.c_contiguous else None


def pytorch_order_sum(a):
    """Sum of a contiguous float32/float64 array added in PyTorch's CPU order (see module doc).

    >>> pytorch_order_sum(np.linspace(-1, 1, 2000, dtype=np.float32) ** 2)  # doctest: +SKIP
    """
    x = a.reshape(-1)
    lanes = LANES[x.dtype]
    width = lanes if x.size >= lanes else 1  # short tensors: one value where a vector would be
    nv = x.size // width
    vectors = x[: nv * width].reshape(nv, width)
    nrows = nv // _ROW
    partial = _cascade(vectors[: nrows * _ROW].reshape(nrows, _ROW * width)).reshape(_ROW, width)
    first = partial[0]
    for v in vectors[nrows * _ROW:]:
        first = first + v
    for k in range(1, _ROW):
        first = first + partial[k]
    if width == 1:
        return first[0] + 0
    # The values after the last vector, then the lanes, one at a time (+ 0: the kernel starts
    # from +0.0, so a sum of -0.0 values is +0.0).
    return np.add.accumulate(np.concatenate([x[nv * width:], first]))[-1] + 0


def leading_dims_sum(a, k):
    """The sum over the first ``k`` dims of a C-contiguous float32 array, in PyTorch's order for
    such an "outer" reduction (one thread, AVX2), e.g. the bias gradient of ``nn.Linear``.

    Seen as ``(n, w)`` (n values to add for each of w columns): the columns in whole groups of
    4 vectors (32 float32, 16 float64; 4 columns when there are fewer than a vector's worth) are
    each added over the n rows in the cascade of ``_cascade``; every other column as a
    whole tensor's row is (steps 1-3 of the module docstring, one lane wide): rows ``i % 4 ==
    j`` in stream ``j``, each stream a cascade, the rows after the last whole 4 added to stream
    0, then streams 1, 2 and 3."""
    n = int(np.prod(a.shape[:k]))
    rows = a.reshape(n, -1)  # (a view when a's rows are dense)
    w = rows.shape[1]
    out = np.empty(w, a.dtype)
    lanes = LANES[a.dtype]
    group = _ROW * lanes if w >= lanes else _ROW  # fewer columns than a vector: scalar groups of 4
    full = w // group * group
    if full:
        out[:full] = _cascade(rows[:, :full])
    if full < w:
        rest = rows[:, full:]
        m = n // _ROW
        streams = _cascade(rest[: m * _ROW].reshape(m, _ROW * (w - full))).reshape(_ROW, w - full)
        total = streams[0]
        for r in rest[m * _ROW:]:
            total = total + r
        for j in range(1, _ROW):
            total = total + streams[j]
        out[full:] = total
    return (out + 0).reshape(a.shape[k:])
