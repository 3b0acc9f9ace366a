"""Which of several equal entries ``mode`` names: PyTorch's CPU kernel sorts (value, index) pairs
of a row with C++'s ``std::sort`` comparing values only, then reports the index of the last pair of
the longest run. ``std::sort`` (libstdc++'s introsort) is not stable above 16 elements, so the
order of equal values is the one its steps leave; those steps are followed here. (Its heap-sort
fallback, for rows that defeat the median-of-three pivot, is not: the order there may differ.)"""
import math


def stl_sort_order(values):
    """The indices of ``values`` in the order libstdc++'s std::sort with ``a < b`` leaves them."""
    v = list(values)
    idx = list(range(len(v)))

    def less(i, j):  # compare the pairs at places i and j by value (nan: never less, never more)
        return v[i] < v[j]

    def swap(i, j):
        v[i], v[j] = v[j], v[i]
        idx[i], idx[j] = idx[j], idx[i]

    def median_to_first(result, a, b, c):
        if less(a, b):
            if less(b, c):
                swap(result, b)
            elif less(a, c):
                swap(result, c)
            else:
                swap(result, a)
        elif less(a, c):
            swap(result, a)
        elif less(b, c):
            swap(result, c)
        else:
            swap(result, b)

    def partition(first, last, pivot):
        while True:
            while less(first, pivot):
                first += 1
            last -= 1
            while less(pivot, last):
                last -= 1
            if not first < last:
                return first
            swap(first, last)
            first += 1

    def introsort(first, last, depth):
        while last - first > 16:
            depth -= 1
            mid = first + (last - first) // 2
            median_to_first(first, first + 1, mid, last - 1)
            cut = partition(first + 1, last, first)
            introsort(cut, last, depth)
            last = cut

    def linear_insert(i, guarded_from=None):
        value, where = v[i], idx[i]
        j = i - 1
        while (guarded_from is None or j >= guarded_from) and value < v[j]:
            v[j + 1], idx[j + 1] = v[j], idx[j]
            j -= 1
        v[j + 1], idx[j + 1] = value, where

    def insertion_sort(first, last):
        for i in range(first + 1, last):
            if v[i] < v[first]:  # to the front at once
                value, where = v[i], idx[i]
                v[first + 1:i + 1], idx[first + 1:i + 1] = v[first:i], idx[first:i]
                v[first], idx[first] = value, where
            else:
                linear_insert(i)

    n = len(v)
    if n:
        introsort(0, n, 2 * int(math.log2(n)))
        if n > 16:
            insertion_sort(0, 16)
            for i in range(16, n):
                linear_insert(i)
        else:
            insertion_sort(0, n)
    return idx, v


def mode_of_row(row):
    """(value, index) that PyTorch's mode reports for one row (a list)."""
    order, values = stl_sort_order(row)
    best_value, best_index, best, run = 0, 0, 0, 0
    for i, value in enumerate(values):
        run += 1
        if i == len(values) - 1 or value != values[i + 1]:  # (nan != nan: each nan is a run of its own)
            if run > best:
                best_value, best_index, best = value, order[i], run
            run = 0
    return best_value, best_index
