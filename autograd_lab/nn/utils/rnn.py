"""``torch.nn.utils.rnn``: sequences of different lengths made one padded tensor for a recurrent layer.

>>> pad_sequence([tensor([1., 2., 3.]), tensor([4.])], batch_first=True)
tensor([[1., 2., 3.],
        [4., 0., 0.]])
"""
from collections.abc import Iterable

from ... import creation
from ..._tensor import Tensor
from ...ops._support import broadcast_error
from ...parity.arg_errors import type_name


def pad_sequence(sequences, batch_first=False, padding_value=0.0, padding_side="right"):
    """Stack sequences of shape (L_i, *) into one tensor (T, B, *), or (B, T, *) when
    ``batch_first``, T the longest L_i; the rest is ``padding_value`` (after each sequence, or
    before it with ``padding_side='left'``). Each sequence is copied into its slice, so the
    gradient flows back to it (CopySlices)."""
    if not isinstance(sequences, Iterable):
        raise RuntimeError(
            f"pad_sequence: Expected iterable for input sequences, but got arg of type: {type(sequences)}"
        )
    sequences = tuple(sequences)
    for i, s in enumerate(sequences):
        if not isinstance(s, Tensor):
            raise TypeError(f"expected Tensor as element {i} in argument 0, but got {type_name(s)}")
    if not sequences:
        raise RuntimeError("received an empty list of sequences")
    if padding_side not in ("left", "right"):
        raise RuntimeError(f"Expected padding_side to be one of left or right, but got {padding_side}.")
    if sequences[0].dim() == 0:
        raise RuntimeError("ArrayRef: invalid slice, N = 1; size = 0")
    longest = max(s.size(0) for s in sequences)
    trailing = tuple(sequences[0].shape[1:])
    shape = (len(sequences), longest) + trailing if batch_first else (longest, len(sequences)) + trailing
    out = creation.full(shape, padding_value, dtype=sequences[0].dtype)
    for i, s in enumerate(sequences):
        n = s.size(0)
        clash = broadcast_error((n,) + trailing, tuple(s.shape))  # (the copy broadcasts, as PyTorch's)
        if clash is not None:
            raise clash
        rows = slice(longest - n, longest) if padding_side == "left" else slice(0, n)
        if batch_first:
            out[i, rows] = s
        else:
            out[rows, i] = s
    return out
