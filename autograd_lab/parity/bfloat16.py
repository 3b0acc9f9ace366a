"""bfloat16 on numpy, which has no such type: float32 arrays whose values are rounded to
bfloat16 (the top 16 bits of a float32, rounded to nearest even) after every op that makes one.

A bfloat16 array is a float32 array whose dtype carries ``metadata={"torch": "bfloat16"}``
(``_dtype.bfloat16.numpy``). numpy computes on it as float32 and keeps or drops the mark as it
pleases, so ``Function.apply`` calls ``finish`` on every op's float32 result once a bfloat16
tensor exists: the result is bfloat16 (rounded and marked) when PyTorch's promotion of the
inputs says so, or when the op was asked for bfloat16 (``x.to(torch.bfloat16)``), else plain
float32. Views and copies keep the mark and need no rounding.
"""
import numpy as np

from .. import _dtype

USED = _dtype.BFLOAT16_USED  # set once bfloat16 is asked for: until then ops skip ``finish``
BF16 = _dtype.bfloat16.numpy


def is_bf16(arr):
    return isinstance(arr, np.ndarray) and arr.dtype.metadata is not None


def round_bf16(values):
    """float32 ``values`` rounded to bfloat16 and marked as such: round to nearest, ties to
    even, on the top 16 bits (a carry into the exponent makes the largest values inf);
    NaN becomes PyTorch's bfloat16 NaN, 0x7FC0."""
    a = np.array(values, np.float32)  # (a contiguous copy, 0-d kept)
    bits = a.view(np.uint32)
    rounded = (bits + (np.uint32(0x7FFF) + ((bits >> 16) & 1))) & np.uint32(0xFFFF0000)
    rounded = np.where(np.isnan(a), np.uint32(0x7FC00000), rounded)
    return rounded.view(np.float32).astype(BF16)


def finish(inputs, kwargs, out):
    """An op's numpy result (an array or a tuple), each float32 array made bfloat16 or plain
    float32 as PyTorch's result would be (see the module's docstring)."""
    if type(out) is tuple:
        return tuple(finish(inputs, kwargs, o) for o in out)
    if not isinstance(out, (np.ndarray, np.float32)) or out.dtype != np.float32:
        return out
    if _wants_bf16(inputs, kwargs):
        return round_bf16(out)
    return out.view(np.float32) if out.dtype.metadata is not None else out  # (numpy kept the mark)


def involved(inputs, kwargs):
    """Whether an op's arguments hold a bfloat16 array or ask for bfloat16."""
    return any(is_bf16(a) or (isinstance(a, np.dtype) and a.metadata is not None) for a in inputs) or any(
        isinstance(v, np.dtype) and v.metadata is not None for v in kwargs.values())


def _wants_bf16(inputs, kwargs):
    asked = [a for a in list(inputs) + list(kwargs.values()) if isinstance(a, np.dtype)]
    if asked:  # a cast, or a dtype= argument: the dtype it names
        return asked[-1].metadata is not None
    promoted = _dtype.result_type([a for a in inputs if isinstance(a, np.ndarray)])
    return promoted is _dtype.bfloat16


def to_bits(arr):
    """A bfloat16 array's 2-byte values (uint16), as PyTorch stores them: ``t.view(torch.int16)``.
    A copy: the float32 array here does not hold those bytes."""
    return (np.ascontiguousarray(arr).view(np.uint32) >> 16).astype(np.uint16)


def from_bits(bits):
    """bfloat16 values from their 2-byte patterns (``t.view(torch.bfloat16)``)."""
    return (np.asarray(bits).view(np.uint16).astype(np.uint32) << 16).view(np.float32).astype(BF16)
