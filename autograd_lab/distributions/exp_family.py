"""Exponential families (densities exp(<theta, T(x)> - A(theta)) h(x)): here only as the common base
that kl_divergence knows about."""
from .distribution import Distribution


class ExponentialFamily(Distribution):
    """Base of Normal and Bernoulli. PyTorch computes KL between two members of one family from
    their natural parameters (a Bregman divergence); every family here has its own KL formula,
    so only the refusal for two different families is kept (``kl.py``)."""
