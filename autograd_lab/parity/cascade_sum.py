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
