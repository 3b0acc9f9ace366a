"""``torch.nn.utils.rnn``: sequences of different lengths made one tensor for a recurrent layer,
padded (``pad_sequence``) or packed (``PackedSequence``: only the real steps, so a layer runs
each sequence to its own end).

>>> pad_sequence([tensor([1., 2., 3.]), tensor([4.])], batch_first=True)
tensor([[1., 2., 3.],
        [4., 0., 0.]])
>>> pack_sequence([tensor([1., 2., 3.]), tensor([4.])])
PackedSequence(data=tensor([1., 4., 2., 3.]), batch_sizes=tensor([2, 1, 1]), sorted_indices=None, unsorted_indices=None)
"""
from collections import namedtuple
from collections.abc import Iterable

import numpy as np

from ... import creation
from ... import _dtype
from ..._dtype import int64
from ..._tensor import Tensor
from ...ops.recurrent import PackPadded
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


# -- packed sequences --------------------------------------------------------------------------------
class PackedSequence(namedtuple("PackedSequence", ["data", "batch_sizes", "sorted_indices", "unsorted_indices"])):
    """A batch of sequences packed step by step: ``data`` holds the first step of every sequence,
    then the second step of those that have one, and so on (sequences sorted longest first);
    ``batch_sizes[t]`` says how many sequences have a step t. ``sorted_indices`` is the order the
    sequences were sorted into (None when they came sorted), ``unsorted_indices`` its inverse.
    Made by ``pack_padded_sequence`` or ``pack_sequence``, not by hand."""

    def __new__(cls, data, batch_sizes=None, sorted_indices=None, unsorted_indices=None):
        if unsorted_indices is None:
            unsorted_indices = invert_permutation(sorted_indices)
        if batch_sizes is None:  # (PyTorch also takes the pair (data, batch_sizes) as data)
            data, batch_sizes = data
        return super().__new__(cls, data, batch_sizes, sorted_indices, unsorted_indices)

    def to(self, *args, **kwargs):
        data = self.data.to(*args, **kwargs)
        if data is self.data:
            return self
        return type(self)(data, self.batch_sizes, self.sorted_indices, self.unsorted_indices)

    def cpu(self):
        return self.to("cpu")

    # The dtype conversions change ``data`` only (batch_sizes and the indices stay int64).
    def double(self):
        return self.to(dtype=_dtype.float64)

    def float(self):
        return self.to(dtype=_dtype.float32)

    def half(self):
        return self.to(dtype=_dtype.float16)

    def long(self):
        return self.to(dtype=int64)

    def int(self):
        return self.to(dtype=_dtype.int32)

    def short(self):
        return self.to(dtype=_dtype.int16)

    def char(self):
        return self.to(dtype=_dtype.int8)

    def byte(self):
        return self.to(dtype=_dtype.uint8)

    @property
    def is_cuda(self):
        return False

    def is_pinned(self):
        return False


def invert_permutation(permutation):
    """The permutation that undoes ``permutation`` (None stays None)."""
    if permutation is None:
        return None
    inverse = np.empty_like(permutation._data)
    inverse[permutation._data] = np.arange(permutation.numel())
    return Tensor._make(inverse)


def _lengths_tensor(lengths):
    if isinstance(lengths, Tensor):
        return lengths.to(int64)
    return creation.as_tensor(lengths, dtype=int64)


def pack_padded_sequence(input, lengths, batch_first=False, enforce_sorted=True):
    """Pack a padded batch (T, B, *) (or (B, T, *) when ``batch_first``) whose sequence b has
    ``lengths[b]`` real steps. With ``enforce_sorted`` the lengths must be decreasing; otherwise
    the sequences are sorted here (``index_select``) and the order kept in the result.

    >>> pack_padded_sequence(tensor([[1., 2.], [3., 0.]]), [2, 1])
    PackedSequence(data=tensor([1., 2., 3.]), batch_sizes=tensor([2, 1]), sorted_indices=None, unsorted_indices=None)
    """
    lengths = _lengths_tensor(lengths)
    sorted_indices = None
    if not enforce_sorted:
        lengths, sorted_indices = lengths.sort(descending=True)
        input = input.index_select(0 if batch_first else 1, sorted_indices)
    if lengths.dim() != 1:
        raise RuntimeError(f"'lengths' argument should be a 1D CPU int64 tensor, but got {lengths.dim()}D cpu Long tensor")
    steps = lengths._data.tolist()
    if input.numel() == 0:
        raise RuntimeError("Cannot pack empty tensors.")
    batch = input.size(0 if batch_first else 1)
    if len(steps) != batch:
        raise RuntimeError(f"Expected `len(lengths)` to be equal to batch_size, but got {len(steps)} (batch_size={batch})")
    if steps[-1] <= 0:
        raise RuntimeError("Length of all samples has to be greater than 0, but found an element in 'lengths' that is <= 0")
    if any(a < b for a, b in zip(steps, steps[1:])):
        raise RuntimeError(
            "`lengths` array must be sorted in decreasing order when `enforce_sorted` is True. You can pass "
            "`enforce_sorted=False` to pack_padded_sequence and/or pack_sequence to sidestep this requirement if "
            "you do not need ONNX exportability."
        )
    batch_sizes = [sum(1 for n in steps if n > t) for t in range(steps[0])]
    times = np.array([t for t, size in enumerate(batch_sizes) for _ in range(size)], dtype=np.int64)
    rows = np.array([b for size in batch_sizes for b in range(size)], dtype=np.int64)
    data = PackPadded.apply(input, (times, rows), batch_first)
    return PackedSequence(data, creation.tensor(batch_sizes, dtype=int64), sorted_indices, None)


def pad_packed_sequence(sequence, batch_first=False, padding_value=0.0, total_length=None):
    """The padded batch of a ``PackedSequence`` and each sequence's length: the inverse of
    ``pack_padded_sequence`` (sequences back in their original order), padded with
    ``padding_value`` to the longest length, or to ``total_length``.

    >>> pad_packed_sequence(pack_sequence([tensor([1., 2.]), tensor([3.])]))
    (tensor([[1., 3.],
            [2., 0.]]), tensor([2, 1]))
    """
    sizes = sequence.batch_sizes._data.tolist()
    longest = len(sizes)
    if total_length is not None:
        if total_length < longest:
            raise ValueError(
                "Expected total_length to be at least the length of the longest sequence in input, but got "
                f"total_length={total_length} and max sequence length being {longest}"
            )
        longest = total_length
    data = sequence.data
    out = creation.full((longest, sizes[0]) + tuple(data.shape[1:]), padding_value, dtype=data.dtype)
    # Steps with the same batch size are copied in one block, as PyTorch copies them.
    offset, start = 0, 0
    for t in range(1, len(sizes) + 1):
        if t == len(sizes) or sizes[t] != sizes[start]:
            n, size = t - start, sizes[start]
            block = data[offset:offset + n * size].view((n, size) + tuple(data.shape[1:]))
            out[start:t, :size] = block
            offset, start = offset + n * size, t
    lengths = creation.tensor([sum(1 for s in sizes if s > b) for b in range(sizes[0])], dtype=int64)
    if batch_first:
        out = out.transpose(0, 1)
    if sequence.unsorted_indices is not None:
        out = out.index_select(0 if batch_first else 1, sequence.unsorted_indices)
        lengths = lengths[sequence.unsorted_indices]
    return out, lengths


def pack_sequence(sequences, enforce_sorted=True):
    """Pack a list of sequences of shape (L_i, *): ``pad_sequence`` then ``pack_padded_sequence``.

    >>> pack_sequence([tensor([1., 2.]), tensor([3.])]).batch_sizes
    tensor([2, 1])
    """
    lengths = creation.tensor([s.size(0) for s in sequences], dtype=int64)
    return pack_padded_sequence(pad_sequence(sequences), lengths, enforce_sorted=enforce_sorted)


def unpad_sequence(padded_sequences, lengths, batch_first=False):
    """The list of sequences of a padded batch, each cut to its length (the inverse of
    ``pad_sequence``). Without ``batch_first`` the batch is transposed in place, as PyTorch does."""
    if not batch_first:
        padded_sequences.transpose_(0, 1)
    steps = creation.arange(padded_sequences.shape[1], device=lengths.device)  # (lengths must be a tensor)
    return [seq[steps < length] for seq, length in zip(padded_sequences, lengths)]


def unpack_sequence(packed_sequences):
    """The list of sequences a ``PackedSequence`` holds, in their original order."""
    padded, lengths = pad_packed_sequence(packed_sequences, batch_first=True)
    return unpad_sequence(padded, lengths, batch_first=True)
