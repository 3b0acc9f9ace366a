"""Matrix products. For C = A @ B the derivatives are dA = dC @ B^T and dB = A^T @ dC;
``matmul`` picks the same kernel PyTorch does for each combination of ranks."""
import numpy as np

from ..autograd.forward_ad import or_zeros, plus
from ..autograd.function import Function, unreported
from ..parity import mkl
from ._support import scalar_type
from ..parity.messages import mm_shape_error
from .pointwise import mul
from .reduction import sum as sum_
from .selection import diagonal
from .shape import (
    SqueezeDims, UnsafeView, View, expand, expanded_shape, movedim, permute, reshape, squeeze, t, transpose, unsqueeze,
    view,
)


def _check_dtypes(a, b, op):
    if a.dtype != b.dtype:
        raise RuntimeError(f"expected m1 and m2 to have the same dtype, but got: {_long(a.dtype)} != {_long(b.dtype)}")


def _long(np_dtype):
    return {"float32": "float", "float64": "double", "int64": "long int", "int32": "int", "int16": "short int",
            "int8": "signed char", "float16": "c10::Half", "bool": "bool", "uint8": "unsigned char"}.get(np_dtype.name, np_dtype.name)


def _no_bool(a, kernel):
    # PyTorch has no bool matrix-product kernels (numpy would compute an or-of-ands).
    if a.dtype.kind == "b":
        raise NotImplementedError(f'"{kernel}" not implemented for \'Bool\'')


class Mm(Function):
    """a @ b for matrices: d/da = grad @ b^T, d/db = a^T @ grad (``backward`` below)."""

    node_name = "MmBackward0"
    raw = True
    saved_names = ("self", "mat2")
    saved_values = ("mat2_sym_sizes", "mat2_sym_strides", "self_sym_sizes", "self_sym_strides")

    @staticmethod
    def forward(a, b):
        if a.shape[1] != b.shape[0]:
            raise mm_shape_error(a, b)
        _check_dtypes(a, b, "mm")
        _no_bool(a, "addmm_impl_cpu_")
        return mkl.matmul(a, b)  # numpy's a @ b, or MKL's where installed (PyTorch's bits)

    @staticmethod
    def backward(ctx, grad):
        a, b = ctx.saved_tensors
        return (grad.mm(b.t()) if b is not None else None), (_mat2_grad(a, grad, ctx) if a is not None else None)

    @staticmethod
    def setup_context(ctx, inputs, output):
        a, b = inputs
        need_a, need_b = ctx.needs_input_grad
        ctx.save_for_backward(a if need_b else None, b if need_a else None)
        ctx.self_sym_sizes, ctx.mat2_sym_sizes = a._data.shape, b._data.shape
        ctx.self_sym_strides, ctx.mat2_sym_strides = a.stride(), b.stride()
        ctx.mat2_transposed = _is_transposed(b._data)

    @staticmethod
    def jvp(ctx, ta, tb):
        a, b = ctx.inputs
        # the product rule, for matrices. (A matrix product has no shortcut for an input without a
        # tangent, so its term is computed on zeros, as in PyTorch: see forward_ad.plus.)
        return Mm.apply(or_zeros(ta, a), b) + Mm.apply(a, or_zeros(tb, b))


def _mat2_grad(a, grad, ctx):
    """a^T @ grad, laid out like mat2 was. For ``x @ w.t()`` (every linear layer) mat2 is a
    transposed view, so computing (grad^T @ a)^T hands the weight a contiguous gradient, as
    PyTorch does, instead of a transposed one that is slow to add into ``.grad``."""
    if ctx.mat2_transposed:
        return grad.t().mm(a).t()
    return a.t().mm(grad)


def _is_transposed(arr):
    """Column-major, as PyTorch tells it from the strides (a single row or column counts too)."""
    return arr.ndim == 2 and arr.strides[0] == arr.itemsize and arr.strides[1] == arr.shape[0] * arr.itemsize


class Mv(Function):
    node_name = "MvBackward0"
    raw = True
    saved_names = ("self", "vec")

    @staticmethod
    def forward(a, v):
        if a.shape[1] != v.shape[0]:
            raise RuntimeError(
                f"size mismatch, got input ({a.shape[0]}), mat ({a.shape[0]}x{a.shape[1]}), vec ({v.shape[0]})"
            )
        if a.dtype != v.dtype:  # PyTorch's mv is addmv into a result made like the vector
            t_mat, t_vec = scalar_type(a.dtype), scalar_type(v.dtype)
            raise RuntimeError(f"addmv input tensors must have the same dtype, but got {t_vec}, {t_mat}, and {t_vec}")
        _no_bool(a, "addmv_impl_cpu")
        return a @ v

    @staticmethod
    def setup_context(ctx, inputs, output):
        a, v = inputs
        ctx.save_for_backward(a if ctx.needs_input_grad[1] else None, v if ctx.needs_input_grad[0] else None)

    @staticmethod
    def backward(ctx, grad):
        a, v = ctx.saved_tensors
        grad_a = grad.unsqueeze(1) * v.unsqueeze(0) if v is not None else None  # outer product
        grad_v = a.t().mv(grad) if a is not None else None
        return grad_a, grad_v

    @staticmethod
    def jvp(ctx, ta, tv):
        a, v = ctx.inputs
        return Mv.apply(or_zeros(ta, a), v) + Mv.apply(a, or_zeros(tv, v))


class Dot(Function):
    node_name = "DotBackward0"
    raw = True
    saved_names = ("self", "tensor")

    @staticmethod
    def forward(a, b):
        if a.ndim != 1 or b.ndim != 1:
            raise RuntimeError(f"1D tensors expected, but got {a.ndim}D and {b.ndim}D tensors")
        if a.shape[0] != b.shape[0]:
            raise RuntimeError(
                f"inconsistent tensor size, expected tensor [{a.shape[0]}] and src [{b.shape[0]}] to have the same number of elements, but got {a.shape[0]} and {b.shape[0]} elements respectively"
            )
        if a.dtype != b.dtype:
            raise RuntimeError(
                f"dot : expected both vectors to have same dtype, but found {scalar_type(a.dtype)} and {scalar_type(b.dtype)}"
            )
        _no_bool(a, "dot")
        return np.dot(a, b)

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.save_for_backward(*inputs)

    @staticmethod
    def backward(ctx, grad):
        a, b = ctx.saved_tensors
        return grad * b, grad * a

    @staticmethod
    def jvp(ctx, ta, tb):
        a, b = ctx.inputs
        return Dot.apply(or_zeros(ta, a), b) + Dot.apply(a, or_zeros(tb, b))


class Bmm(Function):
    node_name = "BmmBackward0"
    raw = True
    saved_names = ("self", "mat2")

    @staticmethod
    def forward(a, b):
        if a.shape[0] != b.shape[0] or a.shape[2] != b.shape[1]:
            raise RuntimeError(
                f"Expected size for first two dimensions of batch2 tensor to be: [{a.shape[0]}, {a.shape[2]}] but got: [{b.shape[0]}, {b.shape[1]}]."
            )
        _no_bool(a, "bmm")  # (PyTorch picks the kernel by the first operand's dtype, then checks the other)
        if a.dtype != b.dtype:
            raise RuntimeError(f"expected scalar type {scalar_type(a.dtype)} but found {scalar_type(b.dtype)}")
        return a @ b

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.save_for_backward(*inputs)

    @staticmethod
    def backward(ctx, grad):
        a, b = ctx.saved_tensors
        return grad.bmm(b.transpose(1, 2)), a.transpose(1, 2).bmm(grad)

    @staticmethod
    def jvp(ctx, ta, tb):
        a, b = ctx.inputs
        return Bmm.apply(or_zeros(ta, a), b) + Bmm.apply(a, or_zeros(tb, b))


class Addmm(Function):
    """``bias + mat1 @ mat2``, what ``nn.functional.linear`` records for a batch of inputs."""

    node_name = "AddmmBackward0"
    raw = True
    saved_names = ("mat1", "mat2")
    saved_values = ("alpha", "beta", "mat1_sym_sizes", "mat1_sym_strides", "mat2_sym_sizes", "mat2_sym_strides")

    @staticmethod
    def forward(bias, a, b):
        # PyTorch checks the dtypes before the shapes here (unlike mm), the bias ("self") first.
        if bias.dtype != b.dtype or a.dtype != b.dtype:
            first, name = (bias, "self") if bias.dtype != b.dtype else (a, "mat1")
            raise RuntimeError(
                f"{name} and mat2 must have the same dtype, but got {scalar_type(first.dtype)} and {scalar_type(b.dtype)}"
            )
        if a.ndim != 2 or b.ndim != 2:
            name, bad = ("mat1", a) if a.ndim != 2 else ("mat2", b)
            raise RuntimeError(f"{name} must be a matrix, got {bad.ndim}-D tensor")
        _no_bool(a, "addmm_impl_cpu_")
        if a.shape[1] != b.shape[0]:
            raise mm_shape_error(a, b)
        out_shape = (a.shape[0], b.shape[1])
        if np.shape(bias) != out_shape:
            expanded_shape(np.shape(bias), out_shape, bias.dtype)  # (raises PyTorch's error if it does not expand)
        return mkl.matmul(a, b, bias)  # a @ b + bias (MKL's, where installed: PyTorch's bits)

    @staticmethod
    def setup_context(ctx, inputs, output):
        _, a, b = inputs
        ctx.save_for_backward(a if ctx.needs_input_grad[2] else None, b if ctx.needs_input_grad[1] else None)
        ctx.alpha = ctx.beta = 1
        ctx.mat1_sym_sizes, ctx.mat2_sym_sizes = a._data.shape, b._data.shape
        ctx.mat1_sym_strides, ctx.mat2_sym_strides = a.stride(), b.stride()
        ctx.mat2_transposed = _is_transposed(b._data)

    @staticmethod
    def backward(ctx, grad):
        a, b = ctx.saved_tensors
        return grad, (grad.mm(b.t()) if b is not None else None), (_mat2_grad(a, grad, ctx) if a is not None else None)

    @staticmethod
    def jvp(ctx, tbias, ta, tb):
        _, a, b = ctx.inputs
        return plus(tbias, Mm.apply(or_zeros(ta, a), b)) + Mm.apply(a, or_zeros(tb, b))


# -- the functional API -------------------------------------------------------------------------
def mm(input, mat2):
    if input._data.ndim != 2:
        raise RuntimeError(f"self must be a matrix")
    if mat2._data.ndim != 2:
        raise RuntimeError(f"mat2 must be a matrix")
    return Mm.apply(input, mat2)


def mv(input, vec):
    return Mv.apply(input, vec)


def dot(input, other):
    return Dot.apply(input, other)


def bmm(input, mat2):
    return Bmm.apply(input, mat2)


def addmm(input, mat1, mat2):
    return Addmm.apply(input, mat1, mat2)


def matmul(input, other):
    """``a @ b`` for every rank combination, recorded with PyTorch's kernels.

    Two matrices are ``Mm`` (at the top of this file): d/da = grad @ b^T, d/db = a^T @ grad, in
    ``Mm.backward``. The other ranks are folded into ``Mm``, ``Mv``, ``Dot`` or ``Bmm``.
    """
    da, db = input._data.ndim, other._data.ndim
    if da == 0 or db == 0:
        raise RuntimeError(
            f"both arguments to matmul need to be at least 1D, but they are {da}D and {db}D"
        )
    if da == 1 and db == 1:
        return dot(input, other)
    if da == 2 and db == 1:
        return mv(input, other)
    if da == 1 and db == 2:
        return SqueezeDims_apply(mm(unsqueeze(input, 0), other), 0)
    if da == 2 and db == 2:
        return mm(input, other)
    same_dtype = input._data.dtype == other._data.dtype
    if da == 2 and db >= 3 and same_dtype:
        # PyTorch turns it around: (b^T @ a^T)^T, so the batch is folded into rows.
        return transpose(matmul(transpose(other, -1, -2), t(input)), -1, -2)
    if da == 1 and db >= 3 and same_dtype:
        # v @ B: fold B^T's batch into rows, one mv, unfold.
        folded = reshape(transpose(other, -1, -2), -1, other._data.shape[-2])
        return UnsafeView.apply(mv(folded, input), other._data.shape[:-2] + (other._data.shape[-1],))
    if da >= 3 and db <= 2:
        # Fold the batch dims of the left operand into rows, use one mm/mv, unfold the result.
        batch = input._data.shape[:-1]
        folded = View.apply(input, (-1, input._data.shape[-1])) if input._data.flags.c_contiguous else reshape(input, -1, input._data.shape[-1])
        if folded._data.shape[0] != int(np.prod(batch)):
            folded = reshape(input, -1, input._data.shape[-1])
        prod = mv(folded, other) if db == 1 else mm(folded, other)
        out_shape = batch if db == 1 else batch + (other._data.shape[-1],)
        return UnsafeView.apply(prod, out_shape)
    # General batched case: broadcast the batch dims, then one bmm (whose dtype error PyTorch
    # gives for every batched product with a 3-D right operand, so mixed dtypes come here too).
    a = unsqueeze(input, 0) if da == 1 else input
    b = unsqueeze(other, -1) if db == 1 else other
    batch = np.broadcast_shapes(a._data.shape[:-2], b._data.shape[:-2])
    n, k = a._data.shape[-2:]
    k2, m = b._data.shape[-2:]
    if k != k2:
        raise RuntimeError(
            f"Expected size for first two dimensions of batch2 tensor to be: [{int(np.prod(batch))}, {k}] but got: [{int(np.prod(batch))}, {k2}]."
        )
    a3 = reshape(expand(a, *(batch + (n, k))), -1, n, k)
    b3 = reshape(expand(b, *(batch + (k, m))), -1, k, m)
    out = UnsafeView.apply(bmm(a3, b3), batch + (n, m))
    if da == 1:
        out = squeeze(out, -2)
    if db == 1:
        out = squeeze(out, -1)
    return out


def SqueezeDims_apply(t, dim):
    return SqueezeDims.apply(t, (dim,))


def outer(input, vec2):
    return input.unsqueeze(1) * vec2.unsqueeze(0)


# -- einsum ---------------------------------------------------------------------------------------------
def _label_index(ch):
    """Labels in PyTorch's order: A-Z, then a-z (contracted labels and implicit outputs follow it)."""
    return ord(ch) - ord("A") if ch.isupper() else 26 + ord(ch) - ord("a")


def _parse_einsum(equation, operands):
    """The labels of each operand ("..." as None) and of the output, checked against the operands."""
    lhs, arrow, rhs = equation.replace(" ", "").partition("->")
    terms = lhs.split(",")
    if len(terms) > len(operands):
        raise RuntimeError("einsum(): fewer operands were provided than specified in the equation")
    if len(terms) < len(operands):
        raise RuntimeError("einsum(): more operands were provided than specified in the equation")
    op_labels = []
    for i, (term, op) in enumerate(zip(terms, operands)):
        labels = _labels(term, equation)
        ndim = op._data.ndim
        if None in labels:
            if len(labels) - 1 > ndim:
                raise RuntimeError(
                    f"einsum(): the number of subscripts in the equation ({len(labels) - 1}) is more than the number "
                    f"of dimensions ({ndim}) for operand {i}"
                )
        elif len(labels) != ndim:
            raise RuntimeError(
                f"einsum(): the number of subscripts in the equation ({len(labels)}) does not match the number of "
                f"dimensions ({ndim}) for operand {i} and no ellipsis was given"
            )
        op_labels.append(labels)
    return op_labels, (_labels(rhs, equation) if arrow else None)


def _labels(term, equation):
    out, i = [], 0
    while i < len(term):
        if term.startswith("...", i):
            out.append(None)
            i += 3
            continue
        ch = term[i]
        if not ch.isascii() or not ch.isalpha():
            raise RuntimeError(
                f"einsum(): invalid subscript given at index {equation.index(ch)} in the equation string, "
                "subscripts must be in [a-zA-Z]"
            )
        out.append(ch)
        i += 1
    return out


def einsum(equation, *operands):
    """Sums of products named by index letters: ``einsum('ij,jk->ik', a, b)`` is ``a @ b``.

    Built the way PyTorch builds it, from differentiable ops (so the graph has the same nodes):
    every operand is lined up on all the labels (output labels first, then the summed ones, a
    repeated label taken as a diagonal, a missing one as a new dim of size 1); then the operands
    are multiplied together pairwise with bmm, summing each label once no operand left needs it.

    >>> torch.einsum('i,i->', torch.tensor([1., 2.]), torch.tensor([3., 4.]))
    tensor(11.)
    """
    if len(operands) == 1 and isinstance(operands[0], (list, tuple)):
        operands = tuple(operands[0])
    if not operands:
        raise RuntimeError("einsum(): must provide at least one operand")
    op_labels, out_labels = _parse_einsum(equation, operands)

    # How many dims "..." stands for: the most any operand gives it.
    ell_ndim = 0
    for labels, op in zip(op_labels, operands):
        if None in labels:
            ell_ndim = max(ell_ndim, op._data.ndim - (len(labels) - 1))
    counts = {}
    for labels in op_labels:
        for ch in labels:
            if ch is not None:
                counts[ch] = counts.get(ch, 0) + 1

    # Where each label goes: the output's dims first, then the labels summed away.
    position, ell_at = {}, 0
    if out_labels is None:  # implicit output: "..." then the labels seen once, in order
        nxt = ell_ndim
        for ch in sorted((c for c in counts if counts[c] == 1), key=_label_index):
            position[ch] = nxt
            nxt += 1
        has_ell = True
    else:
        nxt, has_ell = 0, False
        for ch in out_labels:
            if ch is None:
                ell_at, nxt, has_ell = nxt, nxt + ell_ndim, True
                continue
            if ch in position:
                raise RuntimeError(f"einsum(): output subscript {ch} appears more than once in the output")
            if ch not in counts:
                raise RuntimeError(f"einsum(): output subscript {ch} does not appear in the equation for any input operand")
            position[ch] = nxt
            nxt += 1
    out_ndim = nxt
    if not has_ell:  # "..." not in the output: its dims are summed
        ell_at, nxt = nxt, nxt + ell_ndim
    for ch in sorted(counts, key=_label_index):
        if ch not in position:
            position[ch] = nxt
            nxt += 1
    total = nxt

    # Line every operand up on all `total` dims; count the operands where each dim is not 1.
    sizes, nontrivial, aligned = {}, [0] * total, []
    for i, (labels, op) in enumerate(zip(op_labels, operands)):
        order = [-1] * total  # for each target dim, the operand dim that goes there
        dim = 0
        for ch in labels:
            if ch is None:
                covered = op._data.ndim - (len(labels) - 1)
                for j in range(ell_ndim - covered, ell_ndim):
                    if op._data.shape[dim] != 1:
                        nontrivial[ell_at + j] += 1
                    order[ell_at + j] = dim
                    dim += 1
            elif order[position[ch]] == -1:
                size = op._data.shape[dim]
                if size != 1:
                    seen = sizes.get(ch, 1)
                    if seen != 1 and seen != size:
                        raise RuntimeError(
                            f"einsum(): subscript {ch} has size {size} for operand {i} which does not broadcast "
                            f"with previously seen size {seen}"
                        )
                    sizes[ch] = size
                    nontrivial[position[ch]] += 1
                order[position[ch]] = dim
                dim += 1
            else:  # a repeated label: keep only the diagonal
                first = order[position[ch]]
                if op._data.shape[dim] != op._data.shape[first]:
                    raise RuntimeError(
                        f"einsum(): subscript {ch} is repeated for operand {i} but the sizes don't match, "
                        f"{op._data.shape[dim]} != {op._data.shape[first]}"
                    )
                op = movedim(diagonal(op, 0, first, dim), -1, first)
        for k in range(total):
            if order[k] == -1:
                op = unsqueeze(op, dim)
                order[k] = dim
                dim += 1
        aligned.append(permute(op, *order))

    # Multiply pairwise, left to right, summing a dim as soon as no other operand has it.
    while len(aligned) > 1:
        a, b = aligned.pop(0), aligned.pop(0)
        summed, only_a, only_b = [], [], []
        for d in range(out_ndim, total):
            in_a, in_b = a._data.shape[d] != 1, b._data.shape[d] != 1
            if in_a and in_b:
                nontrivial[d] -= 1
                if nontrivial[d] == 1:
                    summed.append(d)
                    nontrivial[d] = 0
            elif nontrivial[d] == 1:
                if in_a:
                    only_a.append(d)
                    nontrivial[d] = 0
                elif in_b:
                    only_b.append(d)
                    nontrivial[d] = 0
        if only_a:
            a = sum_(a, only_a, True)
        if only_b:
            b = sum_(b, only_b, True)
        aligned.insert(0, _product_summed(a, b, summed))

    result = aligned[0]
    if total > out_ndim:
        if len(operands) > 1:  # the summed dims are all of size 1 by now
            return view(result, *result._data.shape[:out_ndim])
        return sum_(result, list(range(out_ndim, total)))
    return result


def _product_summed(left, right, summed):
    """``(left * right)`` summed over the dims ``summed`` (kept, as size 1), as one bmm: the dims
    both have become the batch, the dims of one side the rows or columns, the summed ones the
    inner dimension."""
    if not summed:
        return mul(left, right)
    ndim = left._data.ndim
    both, only_left, only_right = [], [], []
    size_both = size_left = size_right = size_summed = 1
    for d in range(ndim):
        nl, nr = left._data.shape[d] != 1, right._data.shape[d] != 1
        if d in summed:
            if nl and nr:
                size_summed *= left._data.shape[d]
            elif nl:
                left = sum_(left, d, True)
            elif nr:
                right = sum_(right, d, True)
        elif nl and nr:
            both.append(d)
            size_both *= left._data.shape[d]
        elif nl:
            only_left.append(d)
            size_left *= left._data.shape[d]
        else:
            only_right.append(d)
            size_right *= right._data.shape[d]
    out_shape = ([left._data.shape[d] for d in both] + [left._data.shape[d] for d in only_left]
                 + [1] * len(summed) + [right._data.shape[d] for d in only_right])
    left_order = both + only_left + summed + only_right
    right_order = both + summed + only_right + only_left
    back = [0] * ndim
    for i, d in enumerate(both + only_left + summed + only_right):
        back[d] = i
    lhs = reshape(permute(left, *left_order), size_both, size_left, size_summed)
    rhs = reshape(permute(right, *right_order), size_both, size_summed, size_right)
    return permute(view(bmm(lhs, rhs), *out_shape), *back)


def linear(input, weight, bias=None):
    """y = x W^T + b, recorded as PyTorch does: Addmm for a batch of rows, views around it otherwise."""
    if input._data.ndim == 0 or weight._data.ndim == 0:
        raise RuntimeError(
            f"both arguments to linear need to be at least 1D, but they are {input._data.ndim}D and {weight._data.ndim}D"
        )
    weight_t = unreported(weight.t)  # inside PyTorch's one linear call: not drawn as a tensor
    if bias is None:
        return matmul(input, weight_t)
    if input._data.ndim == 2:
        return Addmm.apply(bias, input, weight_t)
    if not input._data.flags.c_contiguous:  # (no view of it as rows: PyTorch multiplies, then adds)
        return matmul(input, weight_t) + bias
    rows = View.apply(input, (-1, input._data.shape[-1]))
    out = Addmm.apply(bias, rows, weight_t)
    return View.apply(out, input._data.shape[:-1] + (weight._data.shape[0],))
