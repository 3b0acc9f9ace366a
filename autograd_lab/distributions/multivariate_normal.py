"""The multivariate normal distribution N(loc, Sigma), held by the Cholesky factor L of Sigma."""
import math

from .._tensor import Size
from ..creation import eye
from ..ops.decompositions import cholesky, cholesky_inverse
from ..ops.linalg import matmul
from ..ops.shape import broadcast_shapes
from ..ops.solves import solve_triangular
from . import constraints
from .distribution import Distribution
from .utils import lazy_property, standard_normal


class MultivariateNormal(Distribution):
    """``MultivariateNormal(loc, covariance_matrix=Sigma)``, or given ``scale_tril=L`` (Sigma = L L^T)
    or ``precision_matrix=Sigma^-1``. Whatever is given, the distribution keeps L:
    a draw is loc + L eps, and log det Sigma is 2 sum log diag(L).

    >>> MultivariateNormal(torch.zeros(2), torch.eye(2))
    MultivariateNormal(loc: torch.Size([2]), covariance_matrix: torch.Size([2, 2]))
    """

    arg_constraints = {
        "loc": constraints.real_vector,
        "covariance_matrix": constraints.positive_definite,
        "precision_matrix": constraints.positive_definite,
        "scale_tril": constraints.lower_cholesky,
    }
    support = constraints.real_vector
    has_rsample = True

    def __init__(self, loc, covariance_matrix=None, precision_matrix=None, scale_tril=None, validate_args=None):
        if loc.dim() < 1:
            raise ValueError("loc must be at least one-dimensional.")
        given = [(name, m) for name, m in (("scale_tril", scale_tril), ("covariance_matrix", covariance_matrix),
                                           ("precision_matrix", precision_matrix)) if m is not None]
        if len(given) != 1:
            raise ValueError("Exactly one of covariance_matrix or precision_matrix or scale_tril may be specified.")
        name, matrix = given[0]
        if matrix.dim() < 2:
            what = "scale_tril matrix" if name == "scale_tril" else name
            raise ValueError(f"{what} must be at least two-dimensional, with optional leading batch dimensions")
        batch_shape = broadcast_shapes(matrix.shape[:-2], loc.shape[:-1])
        setattr(self, name, matrix.expand(batch_shape + (-1, -1)))
        self.loc = loc.expand(batch_shape + (-1,))
        super().__init__(batch_shape, self.loc.shape[-1:], validate_args=validate_args)
        if name == "scale_tril":
            self._unbroadcasted_scale_tril = matrix
        elif name == "covariance_matrix":
            self._unbroadcasted_scale_tril = cholesky(matrix)
        else:
            self._unbroadcasted_scale_tril = _precision_to_scale_tril(matrix)

    def expand(self, batch_shape, _instance=None):
        batch_shape = Size(batch_shape)
        matrices = batch_shape + self._event_shape + self._event_shape
        params = {n: self.__dict__[n].expand(matrices)
                  for n in ("covariance_matrix", "scale_tril", "precision_matrix") if n in self.__dict__}
        return self._expanded_copy(batch_shape, loc=self.loc.expand(batch_shape + self._event_shape),
                                   _unbroadcasted_scale_tril=self._unbroadcasted_scale_tril, **params)

    @lazy_property
    def scale_tril(self):
        return self._unbroadcasted_scale_tril.expand(self._batch_shape + self._event_shape + self._event_shape)

    @lazy_property
    def covariance_matrix(self):
        L = self._unbroadcasted_scale_tril
        return matmul(L, L.mT).expand(self._batch_shape + self._event_shape + self._event_shape)

    @lazy_property
    def precision_matrix(self):
        return cholesky_inverse(self._unbroadcasted_scale_tril).expand(
            self._batch_shape + self._event_shape + self._event_shape
        )

    @property
    def mean(self):
        return self.loc

    @property
    def mode(self):
        return self.loc

    @property
    def variance(self):
        """The diagonal of Sigma = L L^T: the squares of each row of L, summed."""
        return self._unbroadcasted_scale_tril.pow(2).sum(-1).expand(self._batch_shape + self._event_shape)

    def rsample(self, sample_shape=Size()):
        """loc + L eps, eps ~ N(0, I): differentiable in loc and in L."""
        eps = standard_normal(self._extended_shape(sample_shape), self.loc.dtype)
        return self.loc + matmul(self._unbroadcasted_scale_tril, eps.unsqueeze(-1)).squeeze(-1)

    def _half_log_det(self):
        """log det Sigma / 2 = sum log diag(L)."""
        return self._unbroadcasted_scale_tril.diagonal(dim1=-2, dim2=-1).log().sum(-1)

    def log_prob(self, value):
        """-(n log(2 pi) + |L^-1 (x - loc)|^2) / 2 - log det Sigma / 2."""
        if self._validate_args:
            self._validate_sample(value)
        m = mahalanobis(self._unbroadcasted_scale_tril, value - self.loc)
        return -0.5 * (self._event_shape[0] * math.log(2 * math.pi) + m) - self._half_log_det()

    def entropy(self):
        """n (1 + log(2 pi)) / 2 + log det Sigma / 2."""
        h = 0.5 * self._event_shape[0] * (1.0 + math.log(2 * math.pi)) + self._half_log_det()
        return h if len(self._batch_shape) == 0 else h.expand(self._batch_shape)


def mahalanobis(L, x):
    """|L^-1 x|^2 for each vector x (last dim) and its factor L, broadcast over batch dims."""
    z = solve_triangular(L, x.unsqueeze(-1), upper=False)
    return z.pow(2).sum(-2).squeeze(-1)


def _precision_to_scale_tril(P):
    """L with L L^T = P^-1, from the Cholesky factor of P with rows and columns reversed."""
    Lf = cholesky(P.flip((-2, -1)))
    L_inv = Lf.flip((-2, -1)).transpose(-2, -1)
    return solve_triangular(L_inv, eye(P.shape[-1], dtype=P.dtype), upper=False)
