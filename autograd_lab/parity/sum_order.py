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


def _in_order(items):
    """items[0] + items[1] + ... added one at a time from 0 (items stacked along axis 0)."""
    return np.add.accumulate(items, axis=0)[-1] + 0 if len(items) else np.zeros(items.shape[1:], items.dtype)


def _cascade(rows):
    """Column sums of ``rows`` (n, width) in the 4-level cascade of step 2."""
    n = rows.shape[0]
    power = max(4, (max(n, 1) - 1).bit_length() // _LEVELS)  # ceil(log2 n) // 4, at least 4
    step = 1 << power
    # Level 0: each whole block added row by row (a loop over the step, across all blocks).
    whole = n // step * step
    blocks = rows[:whole].reshape(-1, step, rows.shape[1])
    level = blocks[:, 0] + 0
    for j in range(1, step):
        level = level + blocks[:, j]
    # Levels 1 and 2: totals handed up in groups of step; what is left over stays at that level.
    rests = []
    for _ in range(_LEVELS - 2):
        full = len(level) // step * step
        rests.append(_in_order(level[full:]))
        groups = level[:full].reshape(-1, step, rows.shape[1])
        level = _in_order(groups.swapaxes(0, 1)) if full else level[:0]
    total = _in_order(rows[whole:])  # the rows after the last whole block, into level 0
    for rest in rests:
        total = total + rest
    return total + _in_order(level)  # level 3: everything handed up to it


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
    # From 0: the values after the last vector, then the lanes, one at a time.
    return np.add.accumulate(np.concatenate([np.zeros(1, x.dtype), x[nv * width:], first]))[-1]
