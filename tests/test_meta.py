"""The meta device (parity/meta.py): shapes and dtypes without values, and without memory.

A meta tensor of 2**44 float32 elements would need 64 TiB; every test below fails with numpy's
MemoryError if the op computed (or allocated) its values instead of the shape."""
import numpy as np
import pytest

import autograd_lab as torch
from autograd_lab import nn
from autograd_lab.parity.meta import MetaArray, meta_array

HUGE = (2**12, 2**16, 2**16)


def _memory(a):
    """Bytes of the array that owns ``a``'s memory."""
    while a.base is not None:
        a = a.base
    return a.nbytes


def test_a_huge_meta_tensor_holds_one_element_of_memory():
    x = torch.rand(*HUGE, device="meta")
    assert type(x._data) is MetaArray and _memory(x._data) == 4
    assert x.numel() == 2**44 and x.stride() == (2**32, 2**16, 1)


def test_element_wise_ops_and_reductions_on_huge_meta_tensors_give_shapes_only():
    x = torch.rand(*HUGE, device="meta", requires_grad=True)
    y = (x * 2 + 1).exp()
    assert y.shape == HUGE and y.is_meta and type(y.grad_fn).__name__ == "ExpBackward0"
    assert x.sum(1).shape == (2**12, 2**16) and (x > 0).any().dtype == torch.bool
    assert x.mean().shape == () and x.to(torch.float64).dtype == torch.float64
    loss = y.sum()
    loss.backward()
    assert x.grad.shape == HUGE and x.grad.is_meta


def test_convolution_and_pooling_of_a_huge_input_by_shape_rule():
    conv = nn.Conv2d(3, 5, 2, stride=2, padding=1, device="meta")
    out = conv(torch.rand(2**10, 3, 2**16, 2**16, device="meta"))
    assert out.shape == (2**10, 5, 2**15 + 1, 2**15 + 1)
    pooled, where = torch.nn.functional.max_pool2d(out, 2, return_indices=True)
    assert pooled.shape == where.shape == (2**10, 5, 2**14, 2**14) and where.dtype == torch.int64


def test_writes_into_a_meta_array_write_nothing():
    a = meta_array((3, 4), np.float32)
    a[1] = 5.0
    np.add(a, 1, out=a)
    np.copyto(a, np.ones((3, 4), np.float32))
    assert _memory(a) == 4 and not any(a.strides) and float(a[0, 0]) == 0.0


def test_with_device_sets_the_default_device_and_restores_it_after_an_error():
    with pytest.raises(ValueError):
        with torch.device("meta"):
            assert torch.zeros(2).is_meta and torch.get_default_device() == torch.device("meta")
            raise ValueError
    assert not torch.zeros(2).is_meta and torch.get_default_device() == torch.device("cpu")


def test_swapped_parameters_get_fresh_gradient_accumulators():
    a, b = nn.Parameter(torch.ones(2)), nn.Parameter(torch.zeros(2))
    (a * 3).sum().backward()  # a's accumulator exists now
    torch.utils.swap_tensors(a, b)
    (a * 2).sum().backward()
    assert a.grad.tolist() == [2.0, 2.0] and b.grad.tolist() == [3.0, 3.0]
