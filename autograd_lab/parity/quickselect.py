"""Which of several equal entries ``kthvalue`` names: PyTorch's CPU kernel finds the k-th smallest
with a quickselect (median-of-three pivot, the partition of Numerical Recipes' ``select``), moving
values and their indices together, and reports the index that ends at place k. Among equal values
that is not the first in order, so the same walk is done here (nan counts as the largest)."""


def kth_index(row, k):
    """The index PyTorch's kthvalue reports for the k-th smallest (k from 0) of ``row`` (a list)."""
    values, where = list(row), list(range(len(row)))

    def greater(x, y):  # x > y, a nan above everything but a nan
        return (x != x and y == y) or x > y

    def swap(i, j):
        values[i], values[j] = values[j], values[i]
        where[i], where[j] = where[j], where[i]

    lo, hi = 0, len(values) - 1
    while hi > lo:
        if hi == lo + 1:
            if greater(values[lo], values[hi]):
                swap(lo, hi)
            break
        swap(lo + (hi - lo) // 2, lo + 1)  # the median of three becomes the pivot, at lo
        if greater(values[lo + 1], values[hi]):
            swap(lo + 1, hi)
        if greater(values[lo], values[hi]):
            swap(lo, hi)
        if greater(values[lo + 1], values[lo]):
            swap(lo + 1, lo)
        i, j, pivot = lo + 1, hi, values[lo]
        while True:
            i += 1
            while greater(pivot, values[i]):
                i += 1
            j -= 1
            while greater(values[j], pivot):
                j -= 1
            if j < i:
                break
            swap(i, j)
        swap(lo, j)
        if j <= k:
            lo = i
        if j >= k:
            hi = j - 1
    return where[k]
