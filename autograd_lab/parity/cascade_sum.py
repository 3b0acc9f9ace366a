"""The order in which PyTorch's CPU nll_loss (and so cross_entropy) adds up its rows.

Rows are added one by one into a first partial sum; after row b, for each level j, while the
j-th group of ``p`` bits of b is all zero, partial sum j is moved into partial sum j + 1 (a
cascade: level 0 holds at most 2**p rows, level 1 at most 2**p level-0 sums, ...), with
p = max(4, ceil(log2(rows)) // 8) and 8 levels. A skipped row (ignore_index) moves nothing.
At the end the 8 partial sums are added from level 0 up, starting from 0. numpy's pairwise sum
rounds differently in the last bit; the same loop gives the total weight of weighted rows.
"""
import numpy as np

_LEVELS = 8


def cascade_sum(values, kept=None):
    """Sum of the 1-D float array ``values`` (the entries where ``kept`` is True), in PyTorch's
    order, in the array's dtype."""
    if kept is None or kept.all():
        return _cascade_sum_all(values)
    n = values.shape[0]
    power = max(4, int(n - 1).bit_length() // _LEVELS) if n > 1 else 4
    mask = (1 << power) - 1
    zero = values.dtype.type(0)
    partial = [zero] * _LEVELS
    rows = range(n) if kept is None else np.flatnonzero(kept).tolist()
    items = values.tolist()
    dt = values.dtype.type
    for b in rows:
        partial[0] = dt(partial[0] + dt(items[b]))
        for j in range(_LEVELS - 1):
            if b & (mask << (j * power)):
                break
            partial[j + 1] = dt(partial[j + 1] + partial[j])
            partial[j] = zero
    total = zero
    for p in partial:
        total = dt(total + p)
    return total


def _power(n):
    return max(4, int(n - 1).bit_length() // _LEVELS) if n > 1 else 4


def _cascade_sum_all(values):
    """``cascade_sum`` with every row kept, level by level: row 0 goes straight up to the top
    level; each level adds its inputs one by one and hands each full group of 2**p on as one
    input of the next level, keeping the rest; the top level keeps everything."""
    dt = values.dtype.type
    n = values.shape[0]
    if n == 0:
        return dt(0)
    group = 1 << _power(n)
    partial = []
    items = values[1:]
    for _ in range(_LEVELS - 1):
        if not items.size:  # (levels that got nothing hold 0)
            break
        full = items.shape[0] // group
        partial.append(_left_to_right(items[full * group:].reshape(1, -1))[0])
        items = _left_to_right(items[: full * group].reshape(full, group))
    partial.append(_left_to_right(np.concatenate([values[:1], items]).reshape(1, -1))[0])
    total = dt(0)
    for p in partial:
        total = dt(total + p)
    return total


def _left_to_right(rows):
    """Each row of a 2-D array added up from 0, left to right (a running sum is one addition
    after another; the final ``+ 0`` is the start's: it turns a sum of -0.0s into 0.0)."""
    if rows.shape[1] == 0:
        return np.zeros(rows.shape[0], rows.dtype)
    return np.add.accumulate(rows, axis=1)[:, -1] + rows.dtype.type(0)
