"""Small toy datasets made in code, so lessons need no downloads: two moons, blobs, a noisy line.

Each function returns ``(X, y)`` tensors and draws its noise from the seeded generator. They use
nothing but PyTorch's API, so the same function body run with PyTorch gives the same data (to
float rounding): a lesson can be moved to PyTorch with its data.

>>> X, y = make_moons(200, noise=0.1)
>>> X.shape, y.shape
(torch.Size([200, 2]), torch.Size([200]))
"""
import math

import autograd_lab as torch


def make_moons(n_samples=200, noise=0.1, generator=None):
    """Two interleaving half circles, a classic problem a linear model cannot separate.

    Returns ``X`` (float32, shape (n_samples, 2)) and ``y`` (int64 labels 0 and 1, the first
    half-circle getting ``n_samples // 2`` points), shuffled together.
    """
    n_outer = n_samples // 2
    n_inner = n_samples - n_outer
    t_outer = torch.linspace(0, math.pi, n_outer)
    t_inner = torch.linspace(0, math.pi, n_inner)
    outer = torch.stack([torch.cos(t_outer), torch.sin(t_outer)], dim=1)
    inner = torch.stack([1 - torch.cos(t_inner), 0.5 - torch.sin(t_inner)], dim=1)
    X = torch.cat([outer, inner])
    y = torch.cat([torch.zeros(n_outer, dtype=torch.int64), torch.ones(n_inner, dtype=torch.int64)])
    if noise:
        X = X + noise * torch.randn(n_samples, 2, generator=generator)
    order = torch.randperm(n_samples, generator=generator)
    return X[order], y[order]


def make_blobs(n_samples=200, centers=3, cluster_std=1.0, n_features=2, center_box=(-10.0, 10.0), generator=None):
    """Gaussian clusters around ``centers`` (a count, placed uniformly in ``center_box``, or a
    list of points). Returns ``X`` (float32) and ``y`` (int64 cluster index), shuffled."""
    if isinstance(centers, int):
        low, high = center_box
        centers = torch.empty(centers, n_features).uniform_(low, high, generator=generator)
    else:
        centers = torch.tensor(centers, dtype=torch.float32)
    k = centers.shape[0]
    counts = [n_samples // k + (1 if i < n_samples % k else 0) for i in range(k)]
    X = torch.cat([centers[i] + cluster_std * torch.randn(counts[i], centers.shape[1], generator=generator)
                   for i in range(k)])
    y = torch.cat([torch.full((counts[i],), i, dtype=torch.int64) for i in range(k)])
    order = torch.randperm(n_samples, generator=generator)
    return X[order], y[order]


def make_line(n_samples=100, slope=2.0, intercept=1.0, noise=0.1, x_range=(-1.0, 1.0), generator=None):
    """Points scattered about the line y = slope * x + intercept, for a first regression.

    Returns ``X`` and ``y``, both float32 of shape (n_samples, 1): what ``nn.Linear(1, 1)`` and
    ``nn.MSELoss`` expect.
    """
    low, high = x_range
    X = torch.empty(n_samples, 1).uniform_(low, high, generator=generator)
    y = slope * X + intercept
    if noise:
        y = y + noise * torch.randn(n_samples, 1, generator=generator)
    return X, y
