"""embedding (a lookup table) with its derivative, and one_hot."""
import numpy as np

from ..autograd.function import Function
from ..autograd.forward_ad import jvp_from_backward
from .._tensor import Tensor


class Embedding(Function):
    """Row ``i`` of ``weight`` for each index ``i``: a lookup table, whose gradient adds each
    output's gradient into the row it came from."""

    node_name = "EmbeddingBackward0"
    raw = True
    saved_names = ("indices",)
    saved_values = ("padding_idx", "scale_grad_by_freq", "sparse", "weight_sym_argsize_0")
    inputs = (0,)

    @staticmethod
    def forward(weight, indices, padding_idx, scale_grad_by_freq, sparse):
        return np.take(weight, indices, axis=0)

    @staticmethod
    def setup_context(ctx, inputs, output):
        weight, indices, padding_idx, scale_grad_by_freq, sparse = inputs
        ctx.save_for_backward(indices)
        ctx.raw_padding_idx = padding_idx
        ctx.padding_idx = padding_idx % 2**64  # PyTorch shows -1 (no padding) as an unsigned 64-bit number
        ctx.scale_grad_by_freq, ctx.sparse = scale_grad_by_freq, sparse
        ctx.weight_sym_argsize_0 = weight._data.shape[0]

    @staticmethod
    def backward(ctx, grad):
        (indices,) = ctx.saved_tensors
        g = EmbeddingDenseBackward.apply(grad, indices, ctx.weight_sym_argsize_0, ctx.raw_padding_idx,
                                         ctx.scale_grad_by_freq)
        return g, None, None, None, None

    jvp = staticmethod(jvp_from_backward)


class EmbeddingDenseBackward(Function):
    """The gradient of a lookup as one op: each row of ``grad`` is added into the weight row it
    was read from (divided by how often that index occurs, with ``scale_grad_by_freq``); the
    ``padding_idx`` row gets nothing. It is linear in ``grad``: its own gradient is a lookup."""

    node_name = "EmbeddingDenseBackwardBackward0"
    raw = True
    saved_names = ("indices",)
    saved_values = ("padding_idx",)
    inputs = (0,)

    @staticmethod
    def forward(grad, indices, num_weights, padding_idx, scale_grad_by_freq):
        flat = indices.reshape(-1)
        rows = grad.reshape(flat.size, -1)
        if scale_grad_by_freq:
            rows = rows / np.bincount(flat, minlength=num_weights)[flat, None].astype(grad.dtype)
        out = np.zeros((num_weights, rows.shape[1]), grad.dtype)
        np.add.at(out, flat, rows)
        if padding_idx >= 0:
            out[padding_idx] = 0
        return out

    @staticmethod
    def setup_context(ctx, inputs, output):
        grad, indices, num_weights, padding_idx, scale_grad_by_freq = inputs
        ctx.save_for_backward(indices)
        ctx.padding_idx = padding_idx
        ctx.scale_grad_by_freq = scale_grad_by_freq

    @staticmethod
    def backward(ctx, gg):
        (indices,) = ctx.saved_tensors
        picked = gg[indices]
        if ctx.padding_idx >= 0:
            picked = picked.masked_fill((indices == ctx.padding_idx).unsqueeze(-1), 0.0)
        if ctx.scale_grad_by_freq:
            flat = indices._data.reshape(-1)
            counts = np.bincount(flat, minlength=gg._data.shape[0])[indices._data].astype(gg._data.dtype)
            picked = picked / Tensor._make(counts[..., None])
        return picked, None, None, None, None

    jvp = staticmethod(jvp_from_backward)


# -- F.embedding, F.one_hot --------------------------------------------------------------------
def embedding(input, weight, padding_idx=None, max_norm=None, norm_type=2.0, scale_grad_by_freq=False, sparse=False):
    """Look up rows of ``weight`` (num_embeddings, embedding_dim) by the integer indices in
    ``input``: the result has shape ``input.shape + (embedding_dim,)``. The ``padding_idx`` row
    gets no gradient; with ``max_norm``, the rows looked up are first scaled down in place to
    that norm if they are longer.

    >>> F.embedding(torch.tensor([1, 1, 0]), torch.tensor([[0., 1.], [2., 3.]]))
    tensor([[2., 3.],
            [2., 3.],
            [0., 1.]])
    """
    num = weight._data.shape[0] if weight._data.ndim else 0
    if padding_idx is not None:
        if padding_idx > 0 and padding_idx >= num:
            raise AssertionError("Padding_idx must be within num_embeddings")
        if padding_idx < 0:
            if padding_idx < -num:
                raise AssertionError("Padding_idx must be within num_embeddings")
            padding_idx = num + padding_idx
    else:
        padding_idx = -1
    idx = input._data
    if max_norm is not None:
        _renorm_rows(weight, idx, max_norm, norm_type)
    if weight._data.ndim != 2:
        raise RuntimeError("'weight' must be 2-D")
    if idx.dtype not in (np.dtype(np.int64), np.dtype(np.int32)):
        raise RuntimeError(
            "Expected tensor for argument #1 'indices' to have one of the following scalar types: Long, Int; "
            f"but got {input.type()} instead (while checking arguments for embedding)"
        )
    if idx.size and (idx.min() < 0 or idx.max() >= num):
        raise IndexError("index out of range in self")
    return Embedding.apply(weight, input, padding_idx, scale_grad_by_freq, sparse)


def _renorm_rows(weight, idx, max_norm, norm_type):
    """Scale each looked-up row whose ``norm_type``-norm exceeds ``max_norm`` down to it, in
    place and outside the graph (what PyTorch's embedding_renorm_ does)."""
    w = weight._data
    rows = np.unique(idx.reshape(-1))
    rows = rows[(rows >= 0) & (rows < w.shape[0])]
    if not rows.size:
        return
    picked = w[rows]
    norms = np.linalg.norm(picked, ord=norm_type, axis=1).astype(w.dtype)  # in the table's precision
    long = norms > max_norm
    if long.any():
        # The scale is worked out in float64 and applied in the table's dtype, as PyTorch does.
        scale = (max_norm / (norms[long].astype(np.float64) + 1e-7)).astype(w.dtype)
        w[rows[long]] = picked[long] * scale[:, None]
        weight._vc[0] += 1


def one_hot(tensor, num_classes=-1):
    """Each class number as a row of zeros with a 1 at that place (int64, outside the graph).

    >>> F.one_hot(torch.tensor([0, 2]), 3)
    tensor([[1, 0, 0],
            [0, 0, 1]])
    """
    labels = tensor._data
    if labels.dtype != np.int64:
        raise RuntimeError("one_hot is only applicable to index tensor of type LongTensor.")
    if num_classes == -1:
        if labels.size == 0:
            raise RuntimeError("Can not infer total number of classes from empty tensor.")
        num_classes = int(labels.max()) + 1
    if labels.size and labels.min() < 0:
        raise RuntimeError("Class values must be non-negative.")
    if labels.size and labels.max() >= num_classes:
        raise RuntimeError("Class values must be smaller than num_classes.")
    return Tensor._make((labels[..., None] == np.arange(num_classes)).astype(np.int64))
