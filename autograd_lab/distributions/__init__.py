"""``torch.distributions``: probability distributions to sample from (``sample``, or
``rsample`` for a draw gradients flow through), score (``log_prob``) and compare
(``entropy``, ``kl_divergence``). One file per family; seeded draws are PyTorch's numbers.

>>> from autograd_lab.distributions import Normal
>>> Normal(torch.tensor(0.), torch.tensor(1.)).log_prob(torch.tensor(0.))
tensor(-0.9189)
"""
from . import constraints  # noqa: F401
from .bernoulli import Bernoulli  # noqa: F401
from .categorical import Categorical  # noqa: F401
from .distribution import Distribution  # noqa: F401
from .exp_family import ExponentialFamily  # noqa: F401
from .exponential import Exponential  # noqa: F401
from .independent import Independent  # noqa: F401
from .kl import kl_divergence, register_kl  # noqa: F401
from .laplace import Laplace  # noqa: F401
from .multivariate_normal import MultivariateNormal  # noqa: F401
from .normal import Normal  # noqa: F401
from .uniform import Uniform  # noqa: F401

__all__ = [
    "Bernoulli", "Categorical", "Distribution", "Exponential", "ExponentialFamily", "Independent", "Laplace",
    "MultivariateNormal", "Normal", "Uniform", "constraints", "kl_divergence", "register_kl",
]
