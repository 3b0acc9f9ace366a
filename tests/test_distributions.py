"""torch.distributions and the linear algebra under it. The numbers are PyTorch 2.13's (recorded from
it), the gradients of the matrix functions are checked against finite differences (gradcheck)."""
import math

import numpy as np
import pytest

import autograd_lab as torch
from autograd_lab.autograd import gradcheck, gradgradcheck

D = torch.distributions


def f64(values, grad=True):
    return torch.tensor(values, dtype=torch.float64, requires_grad=grad)


# -- seeded draws: the numbers PyTorch draws ------------------------------------------------------
def test_normal_sample_draws_pytorchs_numbers():
    torch.manual_seed(0)
    x = D.Normal(torch.tensor([0., 10.]), torch.tensor([1., 0.1])).sample((2,))
    assert x.tolist() == [[1.5409960746765137, 9.970657348632812], [-2.1787893772125244, 10.056842803955078]]


def test_normal_rsample_draws_the_same_numbers_as_sample():
    torch.manual_seed(0)
    x = D.Normal(torch.tensor([0., 10.]), torch.tensor([1., 0.1])).rsample((2,))
    assert x.tolist() == [[1.5409960746765137, 9.970657348632812], [-2.1787893772125244, 10.056842803955078]]


def test_categorical_sample_draws_pytorchs_classes():
    torch.manual_seed(0)
    assert D.Categorical(torch.tensor([0.1, 0.2, 0.3, 0.4])).sample((6,)).tolist() == [3, 3, 2, 3, 3, 3]


def test_bernoulli_sample_draws_pytorchs_numbers():
    torch.manual_seed(0)
    assert D.Bernoulli(torch.tensor([0.2, 0.7, 0.5])).sample((2,)).tolist() == [[0.0, 0.0, 1.0], [1.0, 1.0, 0.0]]


def test_uniform_sample_draws_pytorchs_numbers():
    torch.manual_seed(0)
    x = D.Uniform(torch.tensor([0., 1.]), torch.tensor([1., 4.])).sample((2,))
    assert x.tolist() == [[0.49625658988952637, 3.3046653270721436], [0.08847743272781372, 1.3960914611816406]]


def test_multivariate_normal_sample_is_loc_plus_scale_tril_times_noise():
    torch.manual_seed(0)
    m = D.MultivariateNormal(torch.tensor([1., -1.]), scale_tril=torch.tensor([[1., 0.], [0.5, 2.]]))
    assert m.sample((2,)).tolist() == [[2.5409960746765137, -0.8163597583770752],
                                       [-1.1787893772125244, -0.952532172203064]]


# -- reparameterised draws carry gradients ---------------------------------------------------------
def test_normal_rsample_gradient_is_one_for_loc_and_the_noise_for_scale():
    loc, scale = f64([0.5, -1.0]), f64([1.0, 2.0])
    torch.manual_seed(3)
    x = D.Normal(loc, scale).rsample()
    x.sum().backward()
    torch.manual_seed(3)
    eps = torch.randn(2, dtype=torch.float64)
    assert loc.grad.tolist() == [1.0, 1.0]
    assert scale.grad.tolist() == eps.tolist()


def test_sample_has_no_gradient():
    s = D.Normal(f64([0.]), f64([1.])).sample()
    assert not s.requires_grad and s.grad_fn is None


def test_uniform_rsample_gradient_is_one_minus_u_and_u():
    low, high = f64([0.]), f64([2.])
    torch.manual_seed(1)
    D.Uniform(low, high).rsample().sum().backward()
    torch.manual_seed(1)
    u = torch.rand(1, dtype=torch.float64).item()
    assert low.grad.item() == pytest.approx(1 - u) and high.grad.item() == pytest.approx(u)


# -- densities, entropies, KL ---------------------------------------------------------------------
def test_normal_log_prob_and_entropy_of_the_standard_normal():
    n = D.Normal(0., 1.)
    assert n.log_prob(torch.tensor(0.)).item() == -0.9189385175704956
    assert n.entropy().item() == 1.4189385175704956


def test_normal_log_prob_gradient_is_the_score():
    mu, sigma = f64([0.2]), f64([0.8])
    D.Normal(mu, sigma).log_prob(torch.tensor([1.0], dtype=torch.float64)).sum().backward()
    z = (1.0 - 0.2) / 0.8
    assert mu.grad.item() == pytest.approx(z / 0.8)
    assert sigma.grad.item() == pytest.approx((z * z - 1) / 0.8)


def test_bernoulli_logits_and_probs_describe_the_same_distribution():
    a = D.Bernoulli(torch.tensor([0.25]))
    b = D.Bernoulli(logits=torch.tensor([math.log(1 / 3)]))
    assert a.logits.item() == pytest.approx(math.log(1 / 3), rel=1e-6)
    assert b.probs.item() == pytest.approx(0.25, rel=1e-6)
    assert a.log_prob(torch.tensor([1.])).item() == pytest.approx(math.log(0.25), rel=1e-6)


def test_categorical_normalises_probs_and_log_prob_picks_the_class():
    c = D.Categorical(torch.tensor([1., 2., 7.]))
    assert c.probs.tolist() == pytest.approx([0.1, 0.2, 0.7])
    assert c.log_prob(torch.tensor([2, 0])).tolist() == pytest.approx([math.log(0.7), math.log(0.1)])
    assert c.entropy().item() == pytest.approx(-(0.1 * math.log(0.1) + 0.2 * math.log(0.2) + 0.7 * math.log(0.7)))


def test_categorical_with_a_zero_probability_has_finite_entropy_and_log_prob():
    c = D.Categorical(torch.tensor([0.5, 0.5, 0.]))
    assert c.entropy().item() == pytest.approx(math.log(2))
    # the logits are log of probabilities kept one float32 eps away from 0, as in PyTorch
    assert c.log_prob(torch.tensor(2)).item() == -15.942384719848633


def test_mvn_with_diagonal_covariance_is_a_product_of_normals():
    m = D.MultivariateNormal(torch.tensor([0., 1.]), torch.diag(torch.tensor([4., 0.25])))
    n = D.Normal(torch.tensor([0., 1.]), torch.tensor([2., 0.5]))
    x = torch.tensor([1.5, 0.2])
    assert m.log_prob(x).item() == pytest.approx(n.log_prob(x).sum().item(), rel=1e-6)
    assert m.entropy().item() == pytest.approx(n.entropy().sum().item(), rel=1e-6)


def test_mvn_precision_and_covariance_give_the_same_factor():
    cov = torch.tensor([[2., 0.5], [0.5, 1.]], dtype=torch.float64)
    a = D.MultivariateNormal(torch.zeros(2, dtype=torch.float64), cov)
    b = D.MultivariateNormal(torch.zeros(2, dtype=torch.float64), precision_matrix=torch.linalg.inv(cov))
    assert np.allclose(a.scale_tril.numpy(), b.scale_tril.numpy())
    assert np.allclose(b.covariance_matrix.numpy(), cov.numpy())


def test_kl_normal_normal_closed_form():
    kl = D.kl_divergence(D.Normal(0., 1.), D.Normal(1., 2.)).item()
    assert kl == pytest.approx(math.log(2) + (1 + 1) / 8 - 0.5)


def test_kl_mvn_matches_kl_of_independent_normals():
    p = D.MultivariateNormal(torch.tensor([0., 1.]), torch.diag(torch.tensor([1., 4.])))
    q = D.MultivariateNormal(torch.tensor([1., 0.]), torch.diag(torch.tensor([2., 1.])))
    expected = D.kl_divergence(D.Normal(torch.tensor([0., 1.]), torch.tensor([1., 2.])),
                               D.Normal(torch.tensor([1., 0.]), torch.tensor([2 ** 0.5, 1.]))).sum()
    assert D.kl_divergence(p, q).item() == pytest.approx(expected.item(), rel=1e-6)


def test_kl_uniform_outside_support_is_inf():
    assert D.kl_divergence(D.Uniform(0., 1.), D.Uniform(0.5, 2.)).item() == math.inf


def test_register_kl_takes_the_most_specific_pair():
    class MyNormal(D.Normal):
        pass

    D.register_kl(MyNormal, D.Normal)(lambda p, q: torch.tensor(42.))
    assert D.kl_divergence(MyNormal(0., 1.), D.Normal(0., 1.)).item() == 42.0
    assert D.kl_divergence(D.Normal(0., 1.), D.Normal(0., 1.)).item() == 0.0


def test_kl_without_formula_says_which_types():
    with pytest.raises(NotImplementedError, match="No KL\\(p \\|\\| q\\) is implemented for p type Categorical and q type Normal"):
        D.kl_divergence(D.Categorical(torch.ones(2)), D.Normal(0., 1.))


# -- printing and argument checks --------------------------------------------------------------------
def test_repr_shows_one_value_or_the_size():
    assert repr(D.Normal(0., 1.)) == "Normal(loc: 0.0, scale: 1.0)"
    assert repr(D.Bernoulli(0.3)) == "Bernoulli(probs: 0.30000001192092896)"
    assert repr(D.Categorical(torch.ones(2))) == "Categorical(probs: torch.Size([2]))"
    assert repr(D.MultivariateNormal(torch.zeros(2), torch.eye(2))) == (
        "MultivariateNormal(loc: torch.Size([2]), covariance_matrix: torch.Size([2, 2]))"
    )


def test_invalid_scale_raises_pytorchs_message():
    with pytest.raises(ValueError) as e:
        D.Normal(0., -1.)
    assert str(e.value) == (
        "Expected parameter scale (Tensor of shape ()) of distribution Normal(loc: 0.0, scale: -1.0) to satisfy "
        "the constraint GreaterThan(lower_bound=0.0), but found invalid values:\n-1.0"
    )


def test_value_outside_support_raises_pytorchs_message():
    with pytest.raises(ValueError) as e:
        D.Bernoulli(0.5).log_prob(torch.tensor(0.5))
    assert str(e.value) == (
        "Expected value argument (Tensor of shape ()) to be within the support (Boolean()) of the distribution "
        "Bernoulli(probs: 0.5), but found invalid values:\n0.5"
    )


def test_validate_args_false_skips_the_checks():
    assert D.Normal(0., -1., validate_args=False).scale.item() == -1.0


def test_expand_gives_a_bigger_batch_of_the_same_distribution():
    n = D.Normal(torch.tensor(0.), torch.tensor(1.)).expand((2, 3))
    assert n.batch_shape == torch.Size([2, 3]) and n.sample().shape == torch.Size([2, 3])


# -- the linear algebra, against finite differences -------------------------------------------------
def spd(n=3):
    a = np.arange(1.0, n * n + 1).reshape(n, n) / 7 + np.eye(n)
    return a @ a.T + np.eye(n)


def test_cholesky_gradient_and_second_derivative():
    A = f64(spd().tolist())
    sym = lambda a: torch.linalg.cholesky((a + a.mT) / 2)  # noqa: E731
    assert gradcheck(sym, (A,))
    assert gradgradcheck(sym, (A,))


def test_cholesky_reconstructs_its_input():
    A = torch.tensor(spd(), dtype=torch.float64)
    L = torch.linalg.cholesky(A)
    assert np.allclose((L @ L.mT).numpy(), spd()) and np.allclose(np.triu(L.numpy(), 1), 0)


@pytest.mark.parametrize("upper,left,unit", [(False, True, False), (True, True, False), (False, False, False),
                                              (True, False, True)])
def test_solve_triangular_gradient(upper, left, unit):
    T = np.tril(spd()) if not upper else np.triu(spd())
    A, B = f64(T.tolist()), f64([[1., 2.], [0., 1.], [3., -1.]] if left else [[1., 2., 0.], [1., 3., -1.]])
    assert gradcheck(lambda a, b: torch.linalg.solve_triangular(a, b, upper=upper, left=left, unitriangular=unit), (A, B))


def test_solve_inv_det_slogdet_gradients():
    A, b = f64(spd().tolist()), f64([1., 2., 3.])
    assert gradcheck(lambda a, b: torch.linalg.solve(a, b), (A, b))
    assert gradcheck(torch.linalg.inv, (A,))
    assert gradcheck(torch.linalg.det, (A,))
    assert gradcheck(lambda a: torch.linalg.slogdet(a).logabsdet, (A,))


def test_det_of_a_singular_matrix_is_minus_zero_after_a_row_swap():
    d = torch.linalg.det(torch.tensor([[1., 2.], [2., 4.]])).item()
    assert d == 0.0 and math.copysign(1, d) == -1


@pytest.mark.parametrize("shape", [(4, 3), (3, 4), (3, 3)])
def test_svd_gradient_of_values_and_sign_free_products(shape):
    A = f64((np.arange(np.prod(shape)).reshape(shape) ** 1.5 % 5 + np.eye(*shape)).tolist())

    def f(a):
        U, S, Vh = torch.linalg.svd(a, full_matrices=False)
        return S, U * U, Vh * Vh  # (a sign flip of a singular pair leaves these unchanged)

    assert gradcheck(f, (A,))


def test_svd_of_a_tall_matrix_has_pytorchs_signs():
    r = torch.linalg.svd(torch.tensor([[1., 2., 0.], [0., 1., 3.], [2., 0., 1.], [1., 1., 1.]]), full_matrices=False)
    assert np.sign(r.U.numpy()[0]).tolist() == [-1.0, -1.0, 1.0]  # PyTorch 2.13: U[0] = [-0.3530, -0.6549, 0.5764]


def test_cross_gradient_and_value():
    a, b = f64([[1., 2., 3.]]), f64([[0., 1., 0.]])
    assert torch.linalg.cross(a, b).tolist() == [[-3.0, 0.0, 1.0]]
    assert gradcheck(torch.linalg.cross, (a, b))


def test_cholesky_of_a_matrix_that_is_not_positive_definite():
    with pytest.raises(torch.linalg.LinAlgError, match="the leading minor of order 2 is not positive-definite"):
        torch.linalg.cholesky(torch.tensor([[1., 2.], [2., 1.]]))


# -- Independent, Exponential, Laplace --------------------------------------------------------------
def test_independent_sums_log_prob_over_the_reinterpreted_dims():
    base = D.Normal(torch.tensor([[0., 1.], [2., 3.]]), 1.)
    d = D.Independent(base, 1)
    x = torch.tensor([[0.5, 0.5], [1., 1.]])
    assert d.batch_shape == torch.Size([2]) and d.event_shape == torch.Size([2])
    assert d.log_prob(x).tolist() == base.log_prob(x).sum(-1).tolist()
    assert repr(d) == "Independent(Normal(loc: torch.Size([2, 2]), scale: torch.Size([2, 2])), 1)"


def test_exponential_rsample_is_a_unit_exponential_over_the_rate():
    rate = f64([2.])
    torch.manual_seed(4)
    x = D.Exponential(rate).rsample()
    torch.manual_seed(4)
    e = torch.empty(1, dtype=torch.float64).exponential_().item()
    assert x.item() == pytest.approx(e / 2)
    x.backward()
    assert rate.grad.item() == pytest.approx(-e / 4)


def test_laplace_log_prob_and_kl_to_itself():
    l = D.Laplace(torch.tensor(1.), torch.tensor(0.5))
    assert l.log_prob(torch.tensor(2.)).item() == pytest.approx(-math.log(1.0) - 2.0)
    assert D.kl_divergence(l, l).item() == 0.0


def test_kl_between_two_exponential_families_without_a_formula_is_refused():
    with pytest.raises(NotImplementedError, match="cross KL-divergence between different exponential families"):
        D.kl_divergence(D.Normal(0., 1.), D.Bernoulli(0.5))


def test_normal_icdf_inverts_cdf():
    n = D.Normal(f64([1.]), f64([2.]))
    p = torch.tensor([0.3], dtype=torch.float64)
    assert n.cdf(n.icdf(p)).item() == pytest.approx(0.3, rel=1e-12)
    assert gradcheck(torch.erfinv, (f64([-0.9, 0.2, 0.7]),))


@pytest.mark.parametrize("shape", [(4, 3), (3, 3), (3, 5)])
def test_qr_gradient(shape):
    A = f64((np.arange(np.prod(shape)).reshape(shape) ** 1.3 % 4 + np.eye(*shape)).tolist())
    assert gradcheck(lambda a: tuple(torch.linalg.qr(a)), (A,))


def test_qr_complete_of_a_tall_matrix_has_no_gradient():
    A = f64([[1., 2.], [3., 4.], [5., 7.]])
    with pytest.raises(RuntimeError, match="not differentiable when mode='complete' and nrows > ncols"):
        torch.linalg.qr(A, mode="complete").Q.sum().backward()


def test_eigh_gradient_of_values_and_sign_free_products():
    A = f64([[4., 1., 0.5], [1., 3., -1.], [0.5, -1., 2.]])

    def f(a):
        w, v = torch.linalg.eigh((a + a.mT) / 2)
        return w, v * v

    assert gradcheck(f, (A,))


# -- special functions --------------------------------------------------------------------------------
def test_lgamma_digamma_polygamma_values():
    x = torch.tensor([1., 5., 0.5], dtype=torch.float64)
    assert torch.lgamma(x).tolist() == pytest.approx([0.0, math.log(24), math.log(math.pi) / 2], rel=1e-14)
    # PyTorch 2.13's own digits (its trigamma is pi^2/6 to 8e-10 at 1, and so is this one)
    assert torch.digamma(x).tolist() == [-0.5772156649015328, 1.5061176684318003, -1.9635100260214229]
    assert torch.polygamma(1, x).tolist() == [1.6449340676383375, 0.22132295575099345, 4.934802202073678]
    assert torch.polygamma(2, x)[0].item() == pytest.approx(-2 * 1.2020569031595942, rel=1e-13)


def test_lgamma_digamma_polygamma_gradients():
    x = f64([0.7, 2.5, 11.0, -0.4])
    assert gradcheck(torch.lgamma, (x,))
    assert gradcheck(torch.digamma, (x,))
    assert gradgradcheck(lambda t: torch.polygamma(2, t), (x,))
