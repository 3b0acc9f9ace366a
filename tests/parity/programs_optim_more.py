"""The optimizers tutorials still missed: Rprop, ASGD and LBFGS (fixed step and strong-Wolfe line
search). Parameters, losses and state printed at full precision over several steps, in float32
and float64, on the Rosenbrock function, quadratics and a small linear regression; reprs,
state_dict layouts and argument errors.

LBFGS takes dot products of the flattened gradient: its problems here have two parameters, where
any order of the dot product's sum gives the same bits (PyTorch's MKL adds longer vectors in its
own order)."""

from textwrap import dedent as _d

PROGRAMS = {}

_ROSEN = """\
def rosen(xy):
    return (1 - xy[0]) ** 2 + 100 * (xy[1] - xy[0] ** 2) ** 2
"""

# ------------------------------------------------------------ optim.Rprop
PROGRAMS["optim_more_rprop_rosenbrock"] = _ROSEN + _d("""\
    for dtype in (torch.float32, torch.float64):
        for kw in [dict(), dict(lr=0.1, etas=(0.3, 1.5), step_sizes=(1e-3, 0.5)), dict(maximize=True),
                   dict(lr=0.5, step_sizes=(0.01, 0.2))]:
            p = torch.tensor([-1.5, 2.0], dtype=dtype, requires_grad=True)
            opt = torch.optim.Rprop([p], **kw)
            for i in range(15):
                opt.zero_grad()
                loss = rosen(p)
                loss.backward()
                opt.step()
            print(dtype, kw, loss.item(), p.tolist())
            state = opt.state[p]
            print(state["step"], state["prev"].tolist(), state["step_size"].tolist())
""")

PROGRAMS["optim_more_rprop_large_parameter"] = _d("""\
    # every bit of a 4096-element parameter after a few steps with given gradients (signs that
    # agree, flip, are zero or nan)
    import hashlib
    n = 4096
    ramp = torch.arange(n)
    for dtype in (torch.float32, torch.float64):
        for kw in [dict(), dict(lr=0.03, etas=(0.4, 1.7), step_sizes=(1e-4, 0.05)), dict(maximize=True)]:
            w = ((ramp * 37 % 101 - 50) / 7.0).to(dtype).requires_grad_()
            opt = torch.optim.Rprop([w], **kw)
            for step in range(6):
                w.grad = ((ramp * (13 + step) % 89 - 44) / 9.0).to(dtype)
                if step == 2:
                    w.grad[7] = float("nan")  # PyTorch's sign of nan is 0: the weight stays put
                opt.step()
            state = opt.state[w]
            print(w[7].item(), state["step_size"][7].item(), state["prev"][7].item())
            print(dtype, hashlib.sha256(w.detach().numpy().tobytes()).hexdigest()[:16], w[:3].tolist(),
                  hashlib.sha256(state["step_size"].numpy().tobytes()).hexdigest()[:16], state["step_size"][:4].tolist(),
                  w._version, state["step_size"]._version)
""")

PROGRAMS["optim_more_rprop_linear_regression_and_printing"] = _d("""\
    lin = nn.Linear(1, 1)
    with torch.no_grad():
        lin.weight.fill_(0.)
        lin.bias.fill_(0.)
    opt = torch.optim.Rprop(lin.parameters())
    X = torch.tensor([[1.], [2.], [3.], [4.]])
    Y = torch.tensor([[3.], [5.], [7.], [9.]])
    for epoch in range(8):
        opt.zero_grad()
        loss = F.mse_loss(lin(X), Y)
        loss.backward()
        opt.step()
        print(epoch, loss.item(), lin.weight.item(), lin.bias.item())
    print(opt)
    print(opt.state_dict())
    frozen = nn.Parameter(torch.ones(2))
    opt = torch.optim.Rprop([frozen, lin.weight], lr=0.2)
    lin.weight.grad = torch.tensor([[1.]])
    opt.step()
    print(len(opt.state), frozen.tolist(), lin.weight.tolist())
    opt2 = torch.optim.Rprop(lin.parameters())
    opt2.load_state_dict(torch.optim.Rprop(lin.parameters()).state_dict())
    print(opt2.state_dict()["param_groups"])
    for kw in [dict(lr=-1), dict(etas=(1.5, 2.)), dict(etas=(0., 1.2)), dict(etas=(0.5, 1.)), dict(etas=(0.5, 0.9))]:
        attempt(str(kw), lambda: torch.optim.Rprop([nn.Parameter(torch.ones(2))], **kw))
""")

# ------------------------------------------------------------ optim.ASGD
PROGRAMS["optim_more_asgd_rosenbrock"] = _ROSEN + _d("""\
    for dtype in (torch.float32, torch.float64):
        for kw in [dict(lr=1e-4), dict(lr=2e-4, lambd=0.1, alpha=0.5, t0=2, weight_decay=0.1),
                   dict(lr=1e-4, maximize=True, t0=0), dict(lr=3e-4, t0=5, lambd=1e-3)]:
            p = torch.tensor([-1.5, 2.0], dtype=dtype, requires_grad=True)
            opt = torch.optim.ASGD([p], **kw)
            for i in range(12):
                opt.zero_grad()
                loss = rosen(p)
                loss.backward()
                opt.step()
            state = opt.state[p]
            print(dtype, kw, loss.item(), p.tolist(), state["ax"].tolist())
            print(state["step"], state["eta"].item(), state["mu"].item(), state["eta"].dtype)
""")

PROGRAMS["optim_more_asgd_large_parameter"] = _d("""\
    import hashlib
    n = 4096
    ramp = torch.arange(n)
    for dtype in (torch.float32, torch.float64):
        for kw in [dict(lr=0.01), dict(lr=0.05, lambd=0.01, alpha=0.6, t0=2, weight_decay=0.1), dict(lr=0.02, maximize=True, t0=0)]:
            w = ((ramp * 37 % 101 - 50) / 7.0).to(dtype).requires_grad_()
            opt = torch.optim.ASGD([w], **kw)
            for step in range(6):
                w.grad = ((ramp * (13 + step) % 89 - 44) / 9.0).to(dtype)
                opt.step()
            ax = opt.state[w]["ax"]
            print(dtype, hashlib.sha256(w.detach().numpy().tobytes()).hexdigest()[:16], w[:3].tolist(),
                  hashlib.sha256(ax.numpy().tobytes()).hexdigest()[:16], ax[:3].tolist(), w._version)
""")

PROGRAMS["optim_more_asgd_linear_regression_and_printing"] = _d("""\
    lin = nn.Linear(1, 1)
    with torch.no_grad():
        lin.weight.fill_(0.)
        lin.bias.fill_(0.)
    opt = torch.optim.ASGD(lin.parameters(), lr=0.02, t0=3)
    X = torch.tensor([[1.], [2.], [3.], [4.]])
    Y = torch.tensor([[3.], [5.], [7.], [9.]])
    for epoch in range(8):
        opt.zero_grad()
        loss = F.mse_loss(lin(X), Y)
        loss.backward()
        opt.step()
        print(epoch, loss.item(), lin.weight.item(), lin.bias.item())
    print(opt)
    print(opt.state_dict())
    for kw in [dict(lr=-1), dict(weight_decay=-1), dict(lambd=-1, alpha=-2, t0=-3)]:
        attempt(str(kw), lambda: torch.optim.ASGD([nn.Parameter(torch.ones(2))], **kw))
""")

# ------------------------------------------------------------ optim.LBFGS
PROGRAMS["optim_more_lbfgs_rosenbrock"] = _ROSEN + _d("""\
    # (float32 runs of the line search whose cubic steps take a square root that PyTorch's MKL
    # rounds the other way are left out: that one is float64 here)
    for dtype, kw in [(dtype, kw) for dtype in (torch.float32, torch.float64)
                      for kw in [dict(), dict(lr=0.01, max_iter=5), dict(history_size=3, max_iter=7, line_search_fn="strong_wolfe")]] + [
                      (torch.float64, dict(max_iter=12, max_eval=25, line_search_fn="strong_wolfe"))]:
            p = torch.tensor([-1.5, 2.0], dtype=dtype, requires_grad=True)
            opt = torch.optim.LBFGS([p], **kw)
            def closure():
                opt.zero_grad()
                loss = rosen(p)
                loss.backward()
                return loss
            for i in range(4):
                loss = opt.step(closure)
                state = opt.state[p]
                print(dtype, kw, loss.item(), p.tolist(), state["func_evals"], state["n_iter"])
            print(state["t"], state["H_diag"], [r.item() for r in state["ro"][-3:]], state["prev_loss"])
            print(state["d"].tolist(), state["prev_flat_grad"].tolist(), len(state["old_dirs"]), state["al"][:2])
""")

PROGRAMS["optim_more_lbfgs_strong_wolfe_float64"] = _ROSEN + _d("""\
    # the whole run to the minimum, and the closure's calls one by one
    p = torch.tensor([-1.5, 2.0], dtype=torch.float64, requires_grad=True)
    opt = torch.optim.LBFGS([p], line_search_fn="strong_wolfe")
    calls = []
    def closure():
        opt.zero_grad()
        loss = rosen(p)
        loss.backward()
        calls.append(loss.item())
        return loss
    for i in range(4):
        loss = opt.step(closure)
        print(loss.item(), p.tolist(), opt.state[p]["func_evals"], opt.state[p]["n_iter"], len(calls))
    print(calls[:30])
    print(opt.state[p]["t"], opt.state[p]["H_diag"])
""")

PROGRAMS["optim_more_lbfgs_linear_regression"] = _d("""\
    # (in float32 the weight's gradient is a matrix product, which PyTorch's MKL adds up in its own
    # order: its last bit differs now and then, and sixty fixed steps of lr=0.1 run into one)
    for dtype, kw in [(dtype, kw) for dtype in (torch.float32, torch.float64)
                      for kw in [dict(line_search_fn="strong_wolfe"), dict(lr=0.5, history_size=2, max_iter=4)]] + [
                      (torch.float64, dict(lr=0.1))]:
            lin = nn.Linear(1, 1).to(dtype)
            with torch.no_grad():
                lin.weight.fill_(0.)
                lin.bias.fill_(0.)
            X = torch.tensor([[1.], [2.], [3.], [4.]], dtype=dtype)
            Y = torch.tensor([[3.], [5.], [7.], [9.]], dtype=dtype)
            opt = torch.optim.LBFGS(lin.parameters(), **kw)
            def closure():
                opt.zero_grad()
                loss = F.mse_loss(lin(X), Y)
                loss.backward()
                return loss
            for i in range(3):
                loss = opt.step(closure)
                print(dtype, kw, loss.item(), lin.weight.item(), lin.bias.item(), opt.state[lin.weight]["func_evals"])
            print(lin.weight._version, lin.bias._version)
""")

PROGRAMS["optim_more_lbfgs_quadratic_stops"] = _d("""\
    # a quadratic bowl: strong_wolfe finds the minimum and stops (gradient under tolerance_grad,
    # then no change); a step at the minimum returns at once
    for dtype in (torch.float32, torch.float64):
        for kw in [dict(line_search_fn="strong_wolfe"), dict(), dict(tolerance_grad=1e-3, tolerance_change=1e-4),
                   dict(max_iter=3, max_eval=4, line_search_fn="strong_wolfe")]:
            w = torch.tensor([1.0, -2.0], dtype=dtype, requires_grad=True)
            scale = torch.tensor([1.0, 3.0], dtype=dtype)
            opt = torch.optim.LBFGS([w], **kw)
            def closure():
                opt.zero_grad()
                loss = (scale * (w - 0.5) ** 2).sum()
                loss.backward()
                return loss
            for i in range(3):
                loss = opt.step(closure)
                print(dtype, kw, loss.item(), w.tolist(), opt.state[w]["func_evals"], opt.state[w]["n_iter"])
            print(sorted(opt.state[w]))
""")

PROGRAMS["optim_more_lbfgs_state_dict_and_errors"] = _ROSEN + _d("""\
    p = torch.tensor([-1.5, 2.0], requires_grad=True)
    opt = torch.optim.LBFGS([p], max_iter=3, history_size=2)
    def closure():
        opt.zero_grad()
        loss = rosen(p)
        loss.backward()
        return loss
    print(opt)
    print(opt.step(closure))
    sd = opt.state_dict()
    print(list(sd["state"][0]))
    print(sd["state"][0]["func_evals"], sd["state"][0]["n_iter"], sd["state"][0]["t"], sd["state"][0]["al"])
    print(sd["param_groups"])
    opt.step(closure)
    print(opt.state_dict()["state"][0]["ro"])
    q = nn.Parameter(torch.ones(2))
    attempt("no closure", lambda: torch.optim.LBFGS([q]).step())
    attempt("lr", lambda: torch.optim.LBFGS([q], lr=-1))
    attempt("groups", lambda: torch.optim.LBFGS([{"params": [q]}, {"params": [nn.Parameter(torch.ones(1))]}]))
    bad = torch.optim.LBFGS([q], line_search_fn="armijo")
    def closure2():
        bad.zero_grad()
        loss = (q ** 2).sum()
        loss.backward()
        return loss
    attempt("line search", lambda: bad.step(closure2))
    print(torch.optim.LBFGS([q], max_iter=7).defaults)
    print(torch.optim.LBFGS([q], line_search_fn="strong_wolfe"))
""")

PROGRAMS["optim_more_loss_read_under_no_grad_does_not_warn"] = _d("""\
    # LBFGS reads the closure's loss with float() inside no_grad: PyTorch warns about converting a
    # tensor that requires grad only while grad mode is on (and once per process)
    x = torch.tensor(2., requires_grad=True)
    y = x * 3
    with torch.no_grad():
        print(float(y))
    opt = torch.optim.LBFGS([x], max_iter=2)
    def closure():
        opt.zero_grad()
        loss = (x - 1) ** 2
        loss.backward()
        return loss
    print(opt.step(closure), x)
    print(float(y))
    print(float(y))
""")

PROGRAMS["optim_more_load_state_dict"] = _ROSEN + _d("""\
    # LBFGS's history lists are copied on loading (their tensors cast to the parameter's dtype);
    # the optimizer that loaded them carries on from the same point
    p = torch.tensor([-1.5, 2.0], dtype=torch.float64, requires_grad=True)
    o = torch.optim.LBFGS([p], max_iter=4, history_size=3, line_search_fn="strong_wolfe")
    def closure():
        o.zero_grad()
        loss = rosen(p)
        loss.backward()
        return loss
    o.step(closure)
    sd = o.state_dict()
    o2 = torch.optim.LBFGS([p], max_iter=4, history_size=3, line_search_fn="strong_wolfe")
    o2.load_state_dict(sd)
    print(o2.state[p]["ro"] is sd["state"][0]["ro"], o2.state[p]["d"] is sd["state"][0]["d"], o2.state[p]["al"])
    start = p.detach().clone()
    o.step(closure)
    print(len(o2.state[p]["ro"]), p.tolist())
    with torch.no_grad():
        p.copy_(start)
    def closure2():
        o2.zero_grad()
        loss = rosen(p)
        loss.backward()
        return loss
    o2.step(closure2)
    print(p.tolist(), o2.state[p]["func_evals"], o2.state[p]["n_iter"])
    p32 = torch.tensor([-1.5, 2.0], requires_grad=True)
    o3 = torch.optim.LBFGS([p32])
    o3.load_state_dict(sd)
    print(o3.state[p32]["ro"], o3.state[p32]["d"].dtype, o3.state[p32]["t"], o3.state[p32]["prev_loss"])
    a = torch.optim.ASGD([p32])
    p32.grad = torch.ones(2)
    a.step()
    b = torch.optim.ASGD([p])
    b.load_state_dict(a.state_dict())
    print(b.state[p])
    r = torch.optim.Rprop([p32])
    r.step()
    r2 = torch.optim.Rprop([p])
    r2.load_state_dict(r.state_dict())
    print(r2.state[p])
""")

PROGRAMS["optim_more_hyperparameter_checks"] = _d("""\
    # each optimizer reports the first bad argument, in its own order of checks
    p = [torch.zeros(2, requires_grad=True)]
    O = torch.optim
    nan = float("nan")
    for cls, kw in [(O.Adam, dict(lr=-1)), (O.Adam, dict(betas=(0.9, 1.0))), (O.Adam, dict(betas=(-0.1, 2))),
                    (O.Adam, dict(eps=-1, weight_decay=-1)), (O.AdamW, dict(weight_decay=-1, betas=(1, 1))),
                    (O.Adadelta, dict(rho=1.5)), (O.Adadelta, dict(rho=nan)), (O.Adadelta, dict(eps=-1, rho=-1)),
                    (O.Adagrad, dict(initial_accumulator_value=-1, eps=-1)), (O.Adagrad, dict(lr_decay=-2, weight_decay=-1)),
                    (O.RMSprop, dict(alpha=-1)), (O.RMSprop, dict(momentum=-1, alpha=-1)), (O.NAdam, dict(momentum_decay=-1)),
                    (O.NAdam, dict(lr=nan)), (O.RAdam, dict(betas=(0.5, 1.5))), (O.Adamax, dict(weight_decay=-3)),
                    (O.ASGD, dict(weight_decay=-1)), (O.Rprop, dict(lr=-1)), (O.LBFGS, dict(lr=-2)),
                    (O.Adam, dict(lr=torch.tensor(-1.0))), (O.SGD, dict(lr=nan)), (O.SGD, dict(momentum=-1))]:
        try:
            cls(p, **kw)
            print(cls.__name__, kw, "accepted")
        except ValueError as e:
            print(cls.__name__, kw, e)
""")
