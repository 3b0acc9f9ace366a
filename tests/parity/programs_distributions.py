"""torch.distributions: Normal, Bernoulli, Categorical, Uniform, MultivariateNormal. Seeded draws
(sample and rsample take PyTorch's generator calls), log_prob, entropy, kl_divergence, the
gradients through rsample and log_prob, the printed form and the argument checks."""

from textwrap import dedent as _d

PROGRAMS = {
    # -- Normal ---------------------------------------------------------------------------------
    "dist_normal_repr_and_shapes": _d("""\
        D = torch.distributions
        for d in [D.Normal(0., 1.), D.Normal(torch.tensor(0.5), torch.tensor(2.)),
                  D.Normal(torch.zeros(2, 3), 1.), D.Normal(torch.tensor([0.]), torch.tensor([1.]))]:
            print(d, d.batch_shape, d.event_shape)
        n = D.Normal(torch.tensor([0., 1.]), torch.tensor([1., 2.]))
        print(n.mean, n.stddev, n.variance, n.mode)
        print(n.loc.dtype, D.Normal(0., 1.).loc.dtype, D.Normal(torch.tensor(1., dtype=torch.float64), 2.).scale)
    """),
    "dist_normal_sample_seeded": _d("""\
        D = torch.distributions
        torch.manual_seed(0)
        n = D.Normal(torch.tensor([0., 10.]), torch.tensor([1., 0.1]))
        print(n.sample())
        print(n.sample((3,)))
        print(D.Normal(0., 1.).sample((2, 2)))
        print(D.Normal(2., 3.).sample())
        print(torch.rand(2))
    """),
    "dist_normal_rsample_gradient": _d("""\
        D = torch.distributions
        torch.manual_seed(1)
        loc = torch.tensor([0.5, -1.0], requires_grad=True)
        scale = torch.tensor([1.0, 2.0], requires_grad=True)
        x = D.Normal(loc, scale).rsample((4,))
        print(x)
        loss = (x ** 2).mean()
        loss.backward()
        print(loss, loc.grad, scale.grad)
        s = D.Normal(loc, scale).sample()
        print(s.requires_grad, s.grad_fn)
    """),
    "dist_normal_log_prob_entropy_cdf": _d("""\
        D = torch.distributions
        n = D.Normal(torch.tensor([0., 1., -2.]), torch.tensor([1., 0.5, 3.]))
        print(n.log_prob(torch.tensor([0.3, 1.2, 4.0])))
        print(n.log_prob(torch.tensor([[0.], [1.]])))
        print(n.entropy(), n.cdf(torch.tensor([0., 1., 0.])))
        print(n.perplexity())
        print(D.Normal(0., 1.).log_prob(torch.tensor(0.)), D.Normal(0., 1.).entropy())
    """),
    "dist_normal_log_prob_gradient": _d("""\
        D = torch.distributions
        mu = torch.tensor([0.2, -0.3], requires_grad=True)
        sigma = torch.tensor([0.8, 1.5], requires_grad=True)
        lp = D.Normal(mu, sigma).log_prob(torch.tensor([1.0, 0.5]))
        print(lp, lp.grad_fn.name())
        lp.sum().backward()
        print(mu.grad, sigma.grad)
    """),
    "dist_normal_expand": _d("""\
        D = torch.distributions
        n = D.Normal(torch.tensor(0.), torch.tensor(1.)).expand((2, 3))
        print(n, n.batch_shape, n.log_prob(torch.zeros(2, 3)).shape)
        torch.manual_seed(2)
        print(n.sample())
    """),
    "dist_normal_validation_errors": _d("""\
        D = torch.distributions
        attempt("negative scale", lambda: D.Normal(0., -1.))
        attempt("negative scale vector", lambda: D.Normal(torch.tensor([0., 1.]), torch.tensor([1., -1.])))
        attempt("nan loc", lambda: D.Normal(torch.tensor(float('nan')), 1.))
        attempt("number value", lambda: D.Normal(0., 1.).log_prob(1.))
        attempt("shape", lambda: D.Normal(torch.zeros(3), 1.).log_prob(torch.zeros(2)))
        attempt("string", lambda: D.Normal("a", 1.))
        print(D.Normal(0., -1., validate_args=False))
        print(D.Normal(0., -1., validate_args=False).log_prob(torch.tensor(1.)))
    """),
    # -- Bernoulli ------------------------------------------------------------------------------
    "dist_bernoulli_probs_and_logits": _d("""\
        D = torch.distributions
        b = D.Bernoulli(torch.tensor([0.1, 0.5, 0.9]))
        print(b, b.logits, b.mean, b.variance, b.mode)
        c = D.Bernoulli(logits=torch.tensor([-1., 0., 2.]))
        print(c, c.probs, c.param_shape)
        print(D.Bernoulli(0.3), D.Bernoulli(0.3).batch_shape)
        print(b.log_prob(torch.tensor([1., 0., 1.])), b.entropy())
        print(c.log_prob(torch.tensor([[1.], [0.]])), c.entropy())
        print(b.enumerate_support())
        attempt("both", lambda: D.Bernoulli(0.3, logits=0.1))
        attempt("neither", lambda: D.Bernoulli())
        attempt("probs > 1", lambda: D.Bernoulli(torch.tensor([0.5, 1.5])))
        attempt("value 0.5", lambda: D.Bernoulli(0.3).log_prob(torch.tensor(0.5)))
    """),
    "dist_bernoulli_sample_seeded": _d("""\
        D = torch.distributions
        torch.manual_seed(3)
        b = D.Bernoulli(torch.tensor([0.2, 0.7, 0.5]))
        print(b.sample(), b.sample((4,)))
        print(D.Bernoulli(logits=torch.tensor(0.3)).sample((5,)))
        print(D.Bernoulli(0.5).sample((2, 2)))
    """),
    "dist_bernoulli_reinforce": _d("""\
        D = torch.distributions
        torch.manual_seed(4)
        logits = torch.tensor([0.5, -0.5, 1.0], requires_grad=True)
        policy = D.Bernoulli(logits=logits)
        actions = policy.sample((6,))
        reward = actions.sum(-1) - 1.5
        loss = -(policy.log_prob(actions).sum(-1) * reward).mean()
        loss.backward()
        print(actions, loss, logits.grad)
        p = torch.tensor([0.3, 0.6], requires_grad=True)
        D.Bernoulli(p).entropy().sum().backward()
        print(p.grad)
    """),
    # -- Categorical ----------------------------------------------------------------------------
    "dist_categorical_basics": _d("""\
        D = torch.distributions
        c = D.Categorical(torch.tensor([1., 2., 7.]))
        print(c, c.probs, c.logits, c.batch_shape, c.event_shape)
        print(c.log_prob(torch.tensor(2)), c.log_prob(torch.tensor([0, 1, 2])), c.entropy())
        print(c.mean, c.variance, c.mode, c.support, c.enumerate_support())
        l = D.Categorical(logits=torch.tensor([[0., 1., 2.], [3., 0., -1.]]))
        print(l, l.probs, l.log_prob(torch.tensor([2, 0])), l.entropy())
        print(l.log_prob(torch.tensor([[0], [1], [2]])))
        z = D.Categorical(torch.tensor([0.5, 0.5, 0.]))
        print(z.entropy(), z.log_prob(torch.tensor(2)))
    """),
    "dist_categorical_errors": _d("""\
        D = torch.distributions
        attempt("0-d probs", lambda: D.Categorical(torch.tensor(0.5)))
        attempt("0-d logits", lambda: D.Categorical(logits=torch.tensor(0.5)))
        attempt("negative", lambda: D.Categorical(torch.tensor([0.5, -0.1])))
        attempt("class 3 of 3", lambda: D.Categorical(torch.ones(3)).log_prob(torch.tensor(3)))
        attempt("both", lambda: D.Categorical(torch.ones(2), torch.ones(2)))
    """),
    "dist_categorical_sample_seeded": _d("""\
        D = torch.distributions
        torch.manual_seed(5)
        c = D.Categorical(torch.tensor([0.1, 0.2, 0.3, 0.4]))
        print(c.sample(), c.sample((8,)), c.sample((2, 3)))
        b = D.Categorical(logits=torch.tensor([[0., 0., 5.], [5., 0., 0.]]))
        print(b.sample(), b.sample((4,)))
    """),
    "dist_categorical_policy_gradient": _d("""\
        D = torch.distributions
        torch.manual_seed(6)
        net = nn.Linear(4, 3)
        state = torch.randn(5, 4)
        m = D.Categorical(logits=net(state))
        action = m.sample()
        reward = torch.tensor([1., -1., 0.5, 2., 0.])
        loss = (-m.log_prob(action) * reward).sum() - 0.01 * m.entropy().sum()
        loss.backward()
        print(action, loss)
        print(net.weight.grad, net.bias.grad)
    """),
    # -- Uniform --------------------------------------------------------------------------------
    "dist_uniform_basics": _d("""\
        D = torch.distributions
        u = D.Uniform(torch.tensor([0., -1.]), torch.tensor([2., 3.]))
        print(u, u.mean, u.stddev, u.variance, u.entropy(), u.support)
        print(u.log_prob(torch.tensor([1., 2.5])), u.cdf(torch.tensor([0.5, 5.])), u.icdf(torch.tensor([0.5, 0.25])))
        print(D.Uniform(0., 2.), D.Uniform(0., 2.).entropy())
        print(D.Uniform(0., 1., validate_args=False).log_prob(torch.tensor([0.5, 1.5])))
        attempt("low > high", lambda: D.Uniform(2., 1.))
        attempt("low > high vector", lambda: D.Uniform(torch.tensor([0., 2.]), torch.tensor([1., 1.])))
        attempt("outside", lambda: D.Uniform(0., 1.).log_prob(torch.tensor(2.)))
    """),
    "dist_uniform_rsample_seeded": _d("""\
        D = torch.distributions
        torch.manual_seed(7)
        low = torch.tensor([0., 1.], requires_grad=True)
        high = torch.tensor([1., 4.], requires_grad=True)
        x = D.Uniform(low, high).rsample((3,))
        print(x)
        x.sum().backward()
        print(low.grad, high.grad)
        print(D.Uniform(-1., 1.).sample((4,)))
    """),
    # -- MultivariateNormal ---------------------------------------------------------------------
    "dist_mvn_parameterisations": _d("""\
        D = torch.distributions
        cov = torch.tensor([[2., 0.5], [0.5, 1.]])
        a = D.MultivariateNormal(torch.zeros(2), cov)
        b = D.MultivariateNormal(torch.zeros(2), scale_tril=torch.linalg.cholesky(cov))
        c = D.MultivariateNormal(torch.zeros(2), precision_matrix=torch.linalg.inv(cov))
        for m in (a, b, c):
            print(m, m.batch_shape, m.event_shape)
            print(m.scale_tril, m.covariance_matrix, m.precision_matrix)
            print(m.mean, m.variance, m.entropy())
        print(D.MultivariateNormal(torch.zeros(1), scale_tril=torch.eye(1)))
    """),
    "dist_mvn_log_prob_batched": _d("""\
        D = torch.distributions
        loc = torch.tensor([[0., 1., 2.], [1., 0., -1.]])
        A = torch.tensor([[1., 0.2, 0.], [0.3, 2., 0.1], [0., 0.4, 1.5]])
        m = D.MultivariateNormal(loc, A @ A.T + torch.eye(3))
        x = torch.tensor([[0.5, 0.5, 0.5], [1., 1., 1.], [-1., 0., 2.], [0., 0., 0.]]).view(4, 1, 3)
        print(m.batch_shape, m.log_prob(x))
        print(m.entropy())
        print(D.MultivariateNormal(torch.zeros(3), A @ A.T + torch.eye(3)).log_prob(torch.ones(3)))
    """),
    "dist_mvn_rsample_gradient": _d("""\
        D = torch.distributions
        torch.manual_seed(8)
        loc = torch.tensor([1., -1.], requires_grad=True)
        L = torch.tensor([[1., 0.], [0.5, 2.]], requires_grad=True)
        m = D.MultivariateNormal(loc, scale_tril=L)
        x = m.rsample((3,))
        print(x)
        (x ** 2).sum().backward()
        print(loc.grad, L.grad)
        print(m.sample(), m.sample((2,)))
    """),
    "dist_mvn_log_prob_gradient_through_cholesky": _d("""\
        D = torch.distributions
        A = torch.tensor([[1., 0.3], [0.2, 0.8]], requires_grad=True)
        mu = torch.tensor([0.1, 0.2], requires_grad=True)
        m = D.MultivariateNormal(mu, A @ A.T + 0.5 * torch.eye(2))
        lp = m.log_prob(torch.tensor([[1., 0.], [0.5, -0.5]]))
        print(lp, lp.grad_fn.name())
        lp.sum().backward()
        print(A.grad, mu.grad)
    """),
    "dist_mvn_errors": _d("""\
        D = torch.distributions
        attempt("0-d loc", lambda: D.MultivariateNormal(torch.tensor(0.), torch.eye(1)))
        attempt("none", lambda: D.MultivariateNormal(torch.zeros(2)))
        attempt("two", lambda: D.MultivariateNormal(torch.zeros(2), torch.eye(2), scale_tril=torch.eye(2)))
        attempt("1-d cov", lambda: D.MultivariateNormal(torch.zeros(2), torch.ones(2)))
        attempt("1-d tril", lambda: D.MultivariateNormal(torch.zeros(2), scale_tril=torch.ones(2)))
        attempt("not pd", lambda: D.MultivariateNormal(torch.zeros(2), torch.tensor([[1., 2.], [2., 1.]])))
        attempt("not lower", lambda: D.MultivariateNormal(torch.zeros(2), scale_tril=torch.tensor([[1., 1.], [0., 1.]])))
        attempt("negative diagonal", lambda: D.MultivariateNormal(torch.zeros(2), scale_tril=torch.tensor([[1., 0.], [2., -1.]])))
        attempt("event shape", lambda: D.MultivariateNormal(torch.zeros(2), torch.eye(2)).log_prob(torch.zeros(3)))
    """),
    # -- KL ---------------------------------------------------------------------------------------
    "dist_kl_pairs": _d("""\
        D = torch.distributions
        kl = D.kl_divergence
        print(kl(D.Normal(0., 1.), D.Normal(1., 2.)))
        print(kl(D.Normal(torch.tensor([0., 1.]), torch.tensor([1., 0.5])), D.Normal(0., 1.)))
        print(kl(D.Bernoulli(torch.tensor([0.2, 0.5, 0., 1.])), D.Bernoulli(torch.tensor([0.5, 0.5, 0.3, 0.]))))
        print(kl(D.Categorical(torch.tensor([0.2, 0.3, 0.5])), D.Categorical(logits=torch.tensor([0., 1., 2.]))))
        print(kl(D.Categorical(torch.tensor([0.5, 0.5, 0.])), D.Categorical(torch.tensor([0.5, 0., 0.5]))))
        print(kl(D.Uniform(0., 1.), D.Uniform(-1., 2.)), kl(D.Uniform(0., 1.), D.Uniform(0.5, 2.)))
        print(kl(D.Uniform(0., 1.), D.Normal(0., 1.)), kl(D.Normal(0., 1.), D.Uniform(0., 1.)))
        p = D.MultivariateNormal(torch.zeros(2), torch.tensor([[2., 0.3], [0.3, 1.]]))
        q = D.MultivariateNormal(torch.ones(2), scale_tril=torch.tensor([[1., 0.], [0.5, 1.5]]))
        print(kl(p, q), kl(q, p), kl(p, p).abs() < 1e-6)
        attempt("no formula", lambda: kl(D.Categorical(torch.ones(2)), D.Normal(0., 1.)))
        attempt("two exponential families", lambda: kl(D.Normal(0., 1.), D.Bernoulli(0.5)))
        attempt("mvn sizes", lambda: kl(p, D.MultivariateNormal(torch.zeros(3), torch.eye(3))))
    """),
    "dist_kl_gradient_vae_style": _d("""\
        D = torch.distributions
        mu = torch.tensor([[0.5, -0.2], [1.0, 0.3]], requires_grad=True)
        log_var = torch.tensor([[0.1, -0.4], [0.0, 0.2]], requires_grad=True)
        q = D.Normal(mu, (0.5 * log_var).exp())
        loss = D.kl_divergence(q, D.Normal(0., 1.)).sum()
        loss.backward()
        print(loss, mu.grad, log_var.grad)
        p = torch.tensor([0.2, 0.8], requires_grad=True)
        D.kl_divergence(D.Categorical(p), D.Categorical(torch.tensor([0.5, 0.5]))).backward()
        print(p.grad)
    """),
    "dist_register_kl": _d("""\
        D = torch.distributions
        class MyNormal(D.Normal):
            pass
        print(D.kl_divergence(MyNormal(0., 1.), D.Normal(1., 1.)))
        @D.register_kl(MyNormal, D.Normal)
        def _kl(p, q):
            return torch.tensor(42.)
        print(D.kl_divergence(MyNormal(0., 1.), D.Normal(1., 1.)), D.kl_divergence(D.Normal(0., 1.), D.Normal(1., 1.)))
        attempt("not a class", lambda: D.register_kl(1, D.Normal))
    """),
    "dist_constraints_repr": _d("""\
        C = torch.distributions.constraints
        print(C.real, C.positive, C.unit_interval, C.simplex, C.real_vector, C.positive_definite)
        print(C.lower_cholesky, C.boolean, C.integer_interval(0, 2), C.interval(0., 1.))
        print(C.positive.check(torch.tensor([1., 0., -1.])), C.simplex.check(torch.tensor([[0.5, 0.5], [0.7, 0.7]])))
    """),
    # -- Independent, Exponential, Laplace ------------------------------------------------------
    "dist_independent_diagonal_gaussian": _d("""\
        D = torch.distributions
        torch.manual_seed(9)
        mu = torch.tensor([[0., 1., 2.], [1., 0., -1.]], requires_grad=True)
        base = D.Normal(mu, torch.tensor([1., 0.5, 2.]))
        d = D.Independent(base, 1)
        print(d, d.batch_shape, d.event_shape, d.support, d.has_rsample)
        x = d.rsample()
        lp = d.log_prob(x)
        print(x, lp, d.entropy())
        lp.sum().backward()
        print(mu.grad)
        q = D.Independent(D.Normal(torch.zeros(2, 3), 1.), 1)
        print(D.kl_divergence(d, q), D.Independent(base, 2).event_shape)
        print(d.expand((4, 2)).batch_shape, d.sample((5,)).shape)
        attempt("too many dims", lambda: D.Independent(base, 3))
        attempt("different ndims", lambda: D.kl_divergence(d, D.Independent(D.Normal(torch.zeros(2, 3), 1.), 2)))
    """),
    "dist_exponential": _d("""\
        D = torch.distributions
        torch.manual_seed(10)
        rate = torch.tensor([0.5, 2.], requires_grad=True)
        e = D.Exponential(rate)
        print(e, D.Exponential(2.), e.mean, e.stddev, e.variance, e.mode, e.support)
        x = e.rsample((3,))
        print(x, e.sample())
        x.sum().backward()
        print(rate.grad)
        print(e.log_prob(torch.tensor([1., 0.25])), e.entropy(), e.cdf(torch.tensor([1., 1.])), e.icdf(torch.tensor([0.5, 0.5])))
        print(D.kl_divergence(e, D.Exponential(torch.tensor([1., 1.]))))
        attempt("negative value", lambda: e.log_prob(torch.tensor([-1., 1.])))
        attempt("zero rate", lambda: D.Exponential(0.))
        attempt("cross family", lambda: D.kl_divergence(e, D.Normal(0., 1.)))
    """),
    "dist_laplace": _d("""\
        D = torch.distributions
        torch.manual_seed(11)
        loc = torch.tensor([0., 1.], requires_grad=True)
        scale = torch.tensor([1., 0.5], requires_grad=True)
        l = D.Laplace(loc, scale)
        print(l, D.Laplace(0., 1.), l.mean, l.stddev, l.variance)
        x = l.rsample((3,))
        print(x)
        x.sum().backward()
        print(loc.grad, scale.grad)
        print(l.log_prob(torch.tensor([0.5, 0.])), l.entropy(), l.cdf(torch.tensor([0.5, 0.])), l.icdf(torch.tensor([0.3, 0.9])))
        print(D.kl_divergence(l, D.Laplace(torch.tensor([1., 1.]), torch.tensor([2., 1.]))))
        print(D.Laplace(0., 1.).sample((4,)))
    """),
    "dist_kl_across_families": _d("""\
        D = torch.distributions
        kl = D.kl_divergence
        n, u = D.Normal(torch.tensor([0., 1.]), torch.tensor([1., 2.])), D.Uniform(torch.tensor([0., -1.]), 2.)
        e, l = D.Exponential(torch.tensor([0.5, 2.])), D.Laplace(torch.tensor([0., 1.]), torch.tensor([1., 0.5]))
        for p in (n, u, e, l):
            for q in (n, u, e, l):
                attempt(f"{type(p).__name__} || {type(q).__name__}", lambda: kl(p, q))
    """),
    "dist_normal_icdf_and_erfinv": _d("""\
        D = torch.distributions
        x = torch.tensor([0., 0.5, -1., 1., 1.5, -0.999, 0.9999, 1e-6, -0.3], requires_grad=True)
        y = torch.erfinv(x)
        print(y, y.grad_fn.name())
        y[[0, 1, 5, 7, 8]].sum().backward()
        print(x.grad)
        print(torch.erfinv(torch.tensor([1, 0])), torch.tensor([0.25]).erfinv())
        loc = torch.tensor([0., 1.], requires_grad=True)
        q = D.Normal(loc, torch.tensor([1., 2.])).icdf(torch.tensor([0.975, 0.1]))
        q.sum().backward()
        print(q, loc.grad)
    """),
    "dist_special_gamma_functions": _d("""\
        x = torch.tensor([0.5, 1., 2.5, -0.5, 0., -1., 10., 1e-3, 3.7, -2.3], requires_grad=True)
        for name, f in [("lgamma", torch.lgamma), ("digamma", torch.digamma), ("trigamma", lambda t: torch.polygamma(1, t)),
                        ("polygamma 2", lambda t: torch.polygamma(2, t)), ("polygamma 0", lambda t: torch.polygamma(0, t)),
                        ("gammaln", torch.special.gammaln), ("psi", torch.special.psi), ("method", lambda t: t.polygamma(3))]:
            y = f(x)
            print(name, y, y.grad_fn.name())
        finite = torch.tensor([0, 1, 2, 3, 6, 7, 8, 9])
        for f in (torch.lgamma, torch.digamma, lambda t: torch.polygamma(1, t)):
            x.grad = None
            f(x)[finite].sum().backward()
            print(x.grad)
        print(torch.lgamma(torch.tensor([1, 2])), torch.digamma(torch.tensor([1.], dtype=torch.float64)))
        print(torch.special.erfinv(torch.tensor([0.5])), torch.special.expit(torch.tensor([0.])))
        attempt("negative n", lambda: torch.polygamma(-1, x))
    """),
}
