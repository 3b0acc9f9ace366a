"""utils.data and the toy datasets: batches, shuffling and random draws as in PyTorch 2.13.

Batch orders and messages were recorded from real PyTorch after the same seeds: a DataLoader
over the same data gives the same batches in the same order, and leaves the global generator
where PyTorch leaves it.
"""
import collections
import types

import numpy as np
import pytest

import autograd_lab as torch
from autograd_lab.utils import datasets
from autograd_lab.utils.data import (
    BatchSampler, DataLoader, RandomSampler, SequentialSampler, Subset, TensorDataset, default_collate,
    random_split,
)


def ten_rows():
    return TensorDataset(torch.arange(20.0).reshape(10, 2), torch.arange(10))


def labels(loader):
    return [yb.tolist() for _, yb in loader]


# ------------------------------------------------------------------ TensorDataset


def test_tensor_dataset_items_are_tuples_of_rows():
    ds = ten_rows()
    assert (len(ds), repr(ds[1])) == (10, "(tensor([2., 3.]), tensor(1))")


def test_tensor_dataset_takes_index_tensors():
    x, y = ten_rows()[torch.tensor([0, 2])]
    assert (x.tolist(), y.tolist()) == ([[0.0, 1.0], [4.0, 5.0]], [0, 2])


def test_tensor_dataset_sizes_must_agree():
    with pytest.raises(AssertionError, match="^Size mismatch between tensors$"):
        TensorDataset(torch.ones(5, 2), torch.ones(4))


def test_subset_and_concatenation():
    ds = ten_rows()
    part = Subset(ds, [7, 3])
    both = part + Subset(ds, [1])
    assert ([int(part[i][1]) for i in range(2)], len(both), int(both[2][1]), int(both[-1][1])) == ([7, 3], 3, 1, 1)


# ------------------------------------------------------------------ DataLoader


def test_batches_in_order_without_shuffle():
    loader = DataLoader(ten_rows(), batch_size=4)
    batches = list(loader)
    assert (len(loader), [type(b).__name__ for b in batches]) == (3, ["list"] * 3)
    assert repr(batches[0]) == "[tensor([[0., 1.],\n        [2., 3.],\n        [4., 5.],\n        [6., 7.]]), tensor([0, 1, 2, 3])]"
    assert labels(batches) == [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]]


def test_drop_last_drops_the_short_batch():
    loader = DataLoader(ten_rows(), batch_size=4, drop_last=True)
    assert (len(loader), labels(loader)) == (2, [[0, 1, 2, 3], [4, 5, 6, 7]])


def test_shuffle_gives_pytorchs_order_after_manual_seed():
    torch.manual_seed(0)
    loader = DataLoader(ten_rows(), batch_size=4, shuffle=True)
    first, second = labels(loader), labels(loader)
    assert first == [[6, 7, 1, 4], [2, 0, 9, 8], [3, 5]]
    assert second == [[2, 4, 7, 0], [8, 9, 5, 3], [6, 1]]  # a new order each epoch
    assert torch.rand(1).item() == 0.455627977848053  # and the generator is where PyTorch leaves it


def test_every_pass_draws_one_seed_even_without_shuffle():
    torch.manual_seed(0)
    list(DataLoader(ten_rows(), batch_size=4))
    assert torch.rand(1).item() == 0.08847743272781372


def test_shuffle_with_its_own_generator():
    g = torch.Generator().manual_seed(1)
    loader = DataLoader(ten_rows(), batch_size=3, shuffle=True, generator=g, drop_last=True)
    assert labels(loader) == [[4, 6, 9], [2, 3, 1], [0, 7, 8]]


def test_shuffled_batches_match_torch():
    real = pytest.importorskip("torch")
    from torch.utils.data import DataLoader as RealLoader, TensorDataset as RealDataset

    def epochs(lib, loader_cls, dataset_cls):
        lib.manual_seed(123)
        data = dataset_cls(lib.randn(103, 3), lib.arange(103))
        loader = loader_cls(data, batch_size=16, shuffle=True)
        out = [[(xb.numpy().copy(), yb.tolist()) for xb, yb in loader] for _ in range(3)]
        return out, lib.rand(2).tolist()

    ours, theirs = epochs(torch, DataLoader, TensorDataset), epochs(real, RealLoader, RealDataset)
    assert ours[1] == theirs[1]
    for our_epoch, their_epoch in zip(ours[0], theirs[0]):
        assert [y for _, y in our_epoch] == [y for _, y in their_epoch]
        assert all(np.array_equal(a, b) for (a, _), (b, _) in zip(our_epoch, their_epoch))


def test_batch_size_none_yields_converted_items():
    items = list(DataLoader(ten_rows(), batch_size=None))
    assert (len(items), repr(items[0])) == (10, "[tensor([0., 1.]), tensor(0)]")


def test_custom_collate_fn_gets_the_list_of_samples():
    batch = next(iter(DataLoader(ten_rows(), batch_size=3, collate_fn=lambda samples: samples)))
    assert repr(batch) == "[(tensor([0., 1.]), tensor(0)), (tensor([2., 3.]), tensor(1)), (tensor([4., 5.]), tensor(2))]"


def test_plain_lists_are_datasets_too():
    assert repr(list(DataLoader([1, 2, 3], batch_size=2))) == "[tensor([1, 2]), tensor([3])]"
    assert repr(list(DataLoader([(1, 2.0), (3, 4.0)], batch_size=2))) == (
        "[[tensor([1, 3]), tensor([2., 4.], dtype=torch.float64)]]")


@pytest.mark.parametrize("make, message", [
    (lambda ds: BatchSampler(range(3), 0, False), "batch_size should be a positive integer value, but got batch_size=0"),
    (lambda ds: BatchSampler(range(3), 2, 1), "drop_last should be a boolean value, but got drop_last=1"),
    (lambda ds: DataLoader(ds, sampler=range(3), shuffle=True), "sampler option is mutually exclusive with shuffle"),
    (lambda ds: DataLoader(ds, batch_sampler=[[0]], batch_size=2),
     "batch_sampler option is mutually exclusive with batch_size, shuffle, sampler, and drop_last"),
    (lambda ds: DataLoader(ds, batch_size=None, drop_last=True),
     "batch_size=None option disables auto-batching and is mutually exclusive with drop_last"),
    (lambda ds: DataLoader(ds, num_workers=-1),
     "num_workers option should be non-negative; use num_workers=0 to disable multiprocessing."),
    (lambda ds: RandomSampler(range(0)), "num_samples should be a positive integer value, but got num_samples=0"),
])
def test_loader_errors_are_pytorchs(make, message):
    with pytest.raises(ValueError) as info:
        make(ten_rows())
    assert str(info.value) == message


def test_num_workers_is_accepted_and_runs_in_process():
    assert labels(DataLoader(ten_rows(), batch_size=5, num_workers=2)) == [[0, 1, 2, 3, 4], [5, 6, 7, 8, 9]]


def test_batch_sampler_option():
    loader = DataLoader(ten_rows(), batch_sampler=[[9, 0], [5]])
    assert (len(loader), labels(loader)) == (2, [[9, 0], [5]])


# ------------------------------------------------------------------ samplers and random_split


def test_samplers():
    torch.manual_seed(3)
    assert list(RandomSampler(range(6))) == [1, 4, 5, 2, 0, 3]
    torch.manual_seed(3)
    assert list(RandomSampler(range(6), replacement=True, num_samples=40)) == [
        1, 0, 3, 5, 2, 2, 4, 0, 1, 3, 4, 0, 0, 3, 3, 2, 4, 5, 2, 4, 3, 4, 5, 3, 5, 3, 1, 4, 4, 5, 1, 5, 1, 3, 3, 0, 1,
        0, 4, 1]
    assert list(BatchSampler(SequentialSampler(range(7)), 3, False)) == [[0, 1, 2], [3, 4, 5], [6]]
    assert list(BatchSampler(range(7), 3, True)) == [[0, 1, 2], [3, 4, 5]]


def test_random_split_by_lengths_and_by_fractions():
    split = random_split(range(10), [3, 7], generator=torch.Generator().manual_seed(42))
    assert [s.indices for s in split] == [[2, 6, 1], [8, 4, 5, 0, 9, 3, 7]]
    split = random_split(range(10), [0.5, 0.3, 0.2], generator=torch.Generator().manual_seed(42))
    assert [s.indices for s in split] == [[2, 6, 1, 8, 4], [5, 0, 9], [3, 7]]
    assert [len(s) for s in random_split(range(7), [0.5, 0.5])] == [4, 3]


def test_random_split_lengths_must_add_up():
    with pytest.raises(ValueError, match="^Sum of input lengths does not equal the length of the input dataset!$"):
        random_split(range(10), [3, 3])


# ------------------------------------------------------------------ default_collate


def test_default_collate_keeps_structure():
    assert repr(default_collate([{"a": 1, "b": torch.tensor([1.0])}, {"a": 2, "b": torch.tensor([2.0])}])) == (
        "{'a': tensor([1, 2]), 'b': tensor([[1.],\n        [2.]])}")
    P = collections.namedtuple("P", "x y")
    assert repr(default_collate([P(1, 2.5), P(3, 4.5)])) == (
        "P(x=tensor([1, 3]), y=tensor([2.5000, 4.5000], dtype=torch.float64))")
    assert repr(default_collate([[1, 2], [3, 4]])) == "[tensor([1, 3]), tensor([2, 4])]"
    assert default_collate(["a", "b"]) == ["a", "b"]
    assert repr(default_collate([np.array([1.0, 2.0]), np.array([3.0, 4.0])])) == (
        "tensor([[1., 2.],\n        [3., 4.]], dtype=torch.float64)")
    assert repr(default_collate([np.float32(1), np.float32(2)])) == "tensor([1., 2.])"


def test_default_collate_errors():
    with pytest.raises(RuntimeError, match="^each element in list of batch should be of equal size$"):
        default_collate([[1, 2], [3]])
    with pytest.raises(TypeError, match="^default_collate: batch must contain tensors, numpy arrays, numbers, "
                                        "dicts or lists; found <class 'object'>$"):
        default_collate([object()])


# ------------------------------------------------------------------ toy datasets


@pytest.mark.parametrize("make, x_shape, y_shape, y_dtype", [
    (lambda: datasets.make_moons(200), (200, 2), (200,), torch.int64),
    (lambda: datasets.make_moons(101, noise=0.0), (101, 2), (101,), torch.int64),
    (lambda: datasets.make_blobs(150, centers=3), (150, 2), (150,), torch.int64),
    (lambda: datasets.make_blobs(10, centers=[[0.0, 0.0, 0.0], [5.0, 5.0, 5.0]]), (10, 3), (10,), torch.int64),
    (lambda: datasets.make_line(50), (50, 1), (50, 1), torch.float32),
])
def test_toy_dataset_shapes_and_dtypes(make, x_shape, y_shape, y_dtype):
    X, y = make()
    assert (tuple(X.shape), X.dtype, tuple(y.shape), y.dtype) == (x_shape, torch.float32, y_shape, y_dtype)


def test_moons_without_noise_lie_on_two_half_circles():
    X, y = datasets.make_moons(101, noise=0.0)
    upper, lower = X[y == 0], X[y == 1]
    assert (len(upper), len(lower)) == (50, 51)
    assert np.allclose((upper**2).sum(1).numpy(), 1.0, atol=1e-6)
    assert np.allclose(((lower - torch.tensor([1.0, 0.5])) ** 2).sum(1).numpy(), 1.0, atol=1e-6)
    assert (upper[:, 1] >= -1e-6).all() and (lower[:, 1] <= 0.5 + 1e-6).all()


def test_blobs_are_balanced_and_near_their_centers():
    X, y = datasets.make_blobs(300, centers=[[-5.0, 0.0], [5.0, 0.0], [0.0, 8.0]], cluster_std=0.5)
    assert [(y == k).sum().item() for k in range(3)] == [100, 100, 100]
    means = [X[y == k].mean(0).tolist() for k in range(3)]
    assert np.allclose(means, [[-5.0, 0.0], [5.0, 0.0], [0.0, 8.0]], atol=0.15)


def test_line_follows_its_slope_and_intercept():
    X, y = datasets.make_line(500, slope=-3.0, intercept=2.0, noise=0.0, x_range=(0.0, 2.0))
    assert np.allclose(y.numpy(), -3.0 * X.numpy() + 2.0, atol=1e-6)
    assert 0.0 <= X.min().item() and X.max().item() < 2.0


def test_toy_datasets_are_deterministic_under_manual_seed():
    torch.manual_seed(7)
    a = datasets.make_moons(64)
    torch.manual_seed(7)
    b = datasets.make_moons(64)
    assert a[0].tolist() == b[0].tolist() and a[1].tolist() == b[1].tolist()


def test_toy_datasets_give_the_same_data_under_torch():
    """The functions use only PyTorch's API: run with PyTorch as ``torch`` they make the same data."""
    real = pytest.importorskip("torch")
    for make in (datasets.make_moons, datasets.make_blobs, datasets.make_line):
        with_real_torch = types.FunctionType(make.__code__, {**make.__globals__, "torch": real}, make.__name__,
                                             make.__defaults__)
        torch.manual_seed(0)
        ours = make()
        real.manual_seed(0)
        theirs = with_real_torch()
        for a, b in zip(ours, theirs):
            assert a.dtype.name == str(b.dtype).replace("torch.", "")
            np.testing.assert_allclose(a.numpy(), b.numpy(), rtol=0, atol=5e-7)


def test_batches_of_a_dataset_that_requires_grad_stay_in_the_graph():
    x = torch.arange(6.0).reshape(3, 2).requires_grad_()
    xb, yb = next(iter(DataLoader(TensorDataset(x, torch.arange(3)), batch_size=2)))
    assert (xb.requires_grad, yb.requires_grad) == (True, False)
    xb.sum().backward()
    assert x.grad.tolist() == [[1.0, 1.0], [1.0, 1.0], [0.0, 0.0]]


def test_batches_are_new_tensors_not_views_of_the_dataset():
    x = torch.zeros(4, 2)
    xb, = next(iter(DataLoader(TensorDataset(x), batch_size=2)))
    xb.add_(1)
    assert x.sum().item() == 0.0


def test_a_batch_sampler_index_out_of_range_is_pytorchs_error():
    with pytest.raises(IndexError, match="^index 10 is out of bounds for dimension 0 with size 10$"):
        list(DataLoader(ten_rows(), batch_sampler=[[0, 10]]))
