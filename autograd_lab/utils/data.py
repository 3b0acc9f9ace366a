"""``torch.utils.data``: datasets, and the DataLoader that cuts one into shuffled mini-batches.

The loader works in the main process (``num_workers`` is accepted and ignored), and draws from
the random generator exactly as PyTorch's does, so after the same ``manual_seed`` the batches
come in the same order.
"""
import collections.abc
import itertools
import math
import warnings

import numpy as np

from .. import creation
from .._dtype import float64, int64
from .._tensor import Tensor


class Dataset:
    """A map-style dataset: ``len(ds)`` items, ``ds[i]`` returns item i. Subclass and write both."""

    def __getitem__(self, index):
        raise NotImplementedError("Subclasses of Dataset should implement __getitem__.")

    def __add__(self, other):
        return ConcatDataset([self, other])


class TensorDataset(Dataset):
    """Item i is ``(t[i] for t in tensors)``: inputs and targets stored as tensors of the same length.

    >>> ds = TensorDataset(torch.tensor([[1., 2.], [3., 4.]]), torch.tensor([0, 1]))
    >>> ds[1]
    (tensor([3., 4.]), tensor(1))
    """

    def __init__(self, *tensors):
        assert all(tensors[0].size(0) == t.size(0) for t in tensors), "Size mismatch between tensors"
        self.tensors = tensors

    def __getitem__(self, index):
        return tuple(t[index] for t in self.tensors)

    def __len__(self):
        return self.tensors[0].size(0)


class Subset(Dataset):
    """The items of ``dataset`` at ``indices``, in that order."""

    def __init__(self, dataset, indices):
        self.dataset = dataset
        self.indices = indices

    def __getitem__(self, idx):
        if isinstance(idx, list):
            return self.dataset[[self.indices[i] for i in idx]]
        return self.dataset[self.indices[idx]]

    def __len__(self):
        return len(self.indices)


class ConcatDataset(Dataset):
    """Several datasets one after the other."""

    def __init__(self, datasets):
        self.datasets = list(datasets)
        if not self.datasets:
            raise AssertionError("datasets should not be an empty iterable")
        self.cumulative_sizes = list(itertools.accumulate(len(d) for d in self.datasets))

    def __len__(self):
        return self.cumulative_sizes[-1]

    def __getitem__(self, idx):
        if idx < 0:
            if -idx > len(self):
                raise ValueError("absolute value of index should not exceed dataset length")
            idx = len(self) + idx
        which = next(i for i, end in enumerate(self.cumulative_sizes) if idx < end)
        start = self.cumulative_sizes[which - 1] if which else 0
        return self.datasets[which][idx - start]


def random_split(dataset, lengths, generator=None):
    """Split ``dataset`` into non-overlapping random Subsets of the given lengths (or fractions).

    >>> train, val = random_split(ds, [0.8, 0.2], generator=torch.Generator().manual_seed(42))
    """
    n = len(dataset)
    if math.isclose(sum(lengths), 1) and sum(lengths) <= 1:
        counts = [int(math.floor(n * frac)) for frac in lengths]
        for i in range(n - sum(counts)):  # the remainder goes round-robin from the first split
            counts[i % len(counts)] += 1
        for i, count in enumerate(counts):
            if count == 0:
                warnings.warn(f"Length of split at index {i} is 0. This might result in an empty dataset.",
                              UserWarning, stacklevel=2)
        lengths = counts
    if sum(lengths) != n:
        raise ValueError("Sum of input lengths does not equal the length of the input dataset!")
    order = creation.randperm(sum(lengths), generator=generator).tolist()
    ends = list(itertools.accumulate(lengths))
    return [Subset(dataset, order[end - length:end]) for end, length in zip(ends, lengths)]


# -- samplers: which indices, in which order ------------------------------------------------------
class Sampler:
    """Yields dataset indices; ``len`` is how many."""


class SequentialSampler(Sampler):
    """0, 1, ..., len(dataset) - 1."""

    def __init__(self, data_source):
        self.data_source = data_source

    def __iter__(self):
        return iter(range(len(self.data_source)))

    def __len__(self):
        return len(self.data_source)


class RandomSampler(Sampler):
    """A fresh random permutation of the indices each time it is iterated (each epoch).

    Without a ``generator`` it seeds a private one from the global generator, as PyTorch does,
    so ``manual_seed`` fixes the order of every epoch.
    """

    def __init__(self, data_source, replacement=False, num_samples=None, generator=None):
        self.data_source = data_source
        self.replacement = replacement
        self._num_samples = num_samples
        self.generator = generator
        if not isinstance(self.num_samples, int) or self.num_samples <= 0:
            raise ValueError(f"num_samples should be a positive integer value, but got num_samples={self.num_samples}")

    @property
    def num_samples(self):
        return len(self.data_source) if self._num_samples is None else self._num_samples

    def __iter__(self):
        n = len(self.data_source)
        generator = self.generator
        if generator is None:
            from ..parity.random import Generator

            generator = Generator()
            generator.manual_seed(_draw_seed(None))
        if self.replacement:
            for _ in range(self.num_samples // 32):
                yield from creation.randint(0, n, (32,), dtype=int64, generator=generator).tolist()
            yield from creation.randint(0, n, (self.num_samples % 32,), dtype=int64, generator=generator).tolist()
        else:
            for _ in range(self.num_samples // n):
                yield from creation.randperm(n, generator=generator).tolist()
            yield from creation.randperm(n, generator=generator).tolist()[: self.num_samples % n]

    def __len__(self):
        return self.num_samples


class BatchSampler(Sampler):
    """Groups the indices of ``sampler`` into lists of ``batch_size`` (the last one may be short,
    unless ``drop_last``)."""

    def __init__(self, sampler, batch_size, drop_last):
        if not isinstance(batch_size, int) or isinstance(batch_size, bool) or batch_size <= 0:
            raise ValueError(f"batch_size should be a positive integer value, but got batch_size={batch_size}")
        if not isinstance(drop_last, bool):
            raise ValueError(f"drop_last should be a boolean value, but got drop_last={drop_last}")
        self.sampler = sampler
        self.batch_size = batch_size
        self.drop_last = drop_last

    def __iter__(self):
        indices = iter(self.sampler)
        while True:
            batch = list(itertools.islice(indices, self.batch_size))
            if not batch or (self.drop_last and len(batch) < self.batch_size):
                return
            yield batch

    def __len__(self):
        if self.drop_last:
            return len(self.sampler) // self.batch_size
        return (len(self.sampler) + self.batch_size - 1) // self.batch_size


# -- collating: a list of samples becomes one batch ----------------------------------------------
def default_collate(batch):
    """Stack a list of samples into a batch, keeping their structure.

    Tensors are stacked along a new first dimension; numbers become a tensor (float64 for
    Python floats, int64 for ints); tuples and lists are collated position by position (and
    come back as lists), dicts key by key.
    """
    elem = batch[0]
    if isinstance(elem, Tensor):
        from ..ops.join_split import stack

        return stack(batch, 0)
    if isinstance(elem, np.ndarray):
        return default_collate([creation.as_tensor(b) for b in batch])
    if isinstance(elem, np.generic):
        return creation.as_tensor(np.array(batch))
    if isinstance(elem, float):
        return creation.tensor(batch, dtype=float64)
    if isinstance(elem, int):
        return creation.tensor(batch)
    if isinstance(elem, (str, bytes)):
        return batch
    if isinstance(elem, collections.abc.Mapping):
        return {key: default_collate([d[key] for d in batch]) for key in elem}
    if isinstance(elem, tuple) and hasattr(elem, "_fields"):  # a namedtuple keeps its type
        return type(elem)(*(default_collate(list(samples)) for samples in zip(*batch)))
    if isinstance(elem, collections.abc.Sequence):
        if any(len(sample) != len(elem) for sample in batch):
            raise RuntimeError("each element in list of batch should be of equal size")
        return [default_collate(list(samples)) for samples in zip(*batch)]
    raise TypeError(
        "default_collate: batch must contain tensors, numpy arrays, numbers, dicts or lists; "
        f"found {type(elem)}"
    )


def default_convert(data):
    """What the loader does to each item when ``batch_size=None``: numpy arrays become tensors,
    tuples become lists."""
    if isinstance(data, np.ndarray):
        return creation.as_tensor(data)
    if isinstance(data, collections.abc.Mapping):
        return {key: default_convert(value) for key, value in data.items()}
    if isinstance(data, tuple) and not hasattr(data, "_fields"):
        return [default_convert(d) for d in data]
    if isinstance(data, list):
        return [default_convert(d) for d in data]
    return data


# -- the loader ------------------------------------------------------------------------------------
class DataLoader:
    """Iterate over a dataset in mini-batches: ``for x, y in DataLoader(ds, batch_size=32, shuffle=True)``.

    Each pass (epoch) gives ``len(loader)`` batches; with ``shuffle=True`` every pass uses a
    new random order, drawn from ``generator`` or the global generator.
    """

    def __init__(self, dataset, batch_size=1, shuffle=None, sampler=None, batch_sampler=None, num_workers=0,
                 collate_fn=None, pin_memory=False, drop_last=False, timeout=0, worker_init_fn=None,
                 multiprocessing_context=None, generator=None, *, prefetch_factor=None, persistent_workers=False,
                 pin_memory_device="", in_order=True):
        if num_workers < 0:
            raise ValueError("num_workers option should be non-negative; use num_workers=0 to disable multiprocessing.")
        if timeout < 0:
            raise ValueError("timeout option should be non-negative")
        if sampler is not None and shuffle:
            raise ValueError("sampler option is mutually exclusive with shuffle")
        if batch_sampler is not None:
            if batch_size != 1 or shuffle or sampler is not None or drop_last:
                raise ValueError(
                    "batch_sampler option is mutually exclusive with batch_size, shuffle, sampler, and drop_last"
                )
            batch_size, drop_last = None, False
        elif batch_size is None and drop_last:
            raise ValueError(
                "batch_size=None option disables auto-batching and is mutually exclusive with drop_last"
            )
        if sampler is None:
            sampler = RandomSampler(dataset, generator=generator) if shuffle else SequentialSampler(dataset)
        if batch_size is not None and batch_sampler is None:
            batch_sampler = BatchSampler(sampler, batch_size, drop_last)

        self.dataset = dataset
        self.batch_size = batch_size
        self.drop_last = drop_last
        self.sampler = sampler
        self.batch_sampler = batch_sampler
        self.num_workers = num_workers
        self.generator = generator
        self.collate_fn = collate_fn if collate_fn is not None else (
            default_collate if batch_sampler is not None else default_convert)

    def __len__(self):
        return len(self.batch_sampler if self.batch_sampler is not None else self.sampler)

    def __iter__(self):
        # PyTorch draws a base seed for its worker processes at the start of every pass, even
        # with no workers; drawing it too keeps the generator where PyTorch leaves it.
        _draw_seed(self.generator)
        return self._batches()

    def _batches(self):
        if self.batch_sampler is None:
            for index in self.sampler:
                yield self.collate_fn(self.dataset[index])
            return
        tensor_rows = isinstance(self.dataset, TensorDataset) and self.collate_fn is default_collate
        for indices in self.batch_sampler:
            if tensor_rows:
                rows = np.array(indices, dtype=np.int64)
                yield [_gather_rows(t, rows) for t in self.dataset.tensors]
            else:
                yield self.collate_fn([self.dataset[i] for i in indices])


def _gather_rows(t, rows):
    """The batch ``stack([t[i] for i in rows])`` that default_collate would build from a
    TensorDataset, gathered in one step instead of a Python loop over the samples."""
    if not t.requires_grad:
        try:
            return Tensor._make(t._data.take(rows, axis=0))
        except IndexError:
            pass  # indexing the tensor below raises PyTorch's message
    return t[creation.from_numpy(rows)]  # recorded in the graph, as the stack would be


def _draw_seed(generator):
    """One 63-bit seed from ``generator`` (or the global one), drawn as PyTorch draws it with
    ``torch.empty((), dtype=torch.int64).random_()``: a 64-bit word w, kept modulo 2**63.

    ``randint`` over the whole int64 range returns w - 2**63 from the same one word (for every
    w but 2**64 - 1), so w modulo 2**63 is that value modulo 2**63.
    """
    return int(creation.randint(-(2**63), 2**63 - 1, (), generator=generator)) % 2**63
