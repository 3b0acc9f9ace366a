"""``optim.LBFGS``: a quasi-Newton method. It remembers the last few steps and how the gradient
changed along them, which sketches the curvature of the loss, and bends the gradient by it.

Unlike the other optimizers, one ``step(closure)`` runs up to ``max_iter`` iterations and calls
the closure (which recomputes the loss and its gradient) as often as it needs.
"""
import numpy as np

from .._tensor import Tensor
from ..autograd.grad_mode import enable_grad
from .optimizer import Optimizer, check_hyperparameters, _no_grad_step


class LBFGS(Optimizer):
    """Limited-memory BFGS (Liu & Nocedal), with PyTorch's defaults and order of arithmetic.

    All parameters are seen as one flat vector x with gradient g. Each iteration:

    1. direction. The first: d = -g. Later, with y = g - g_prev and s = the last step, the pair
       (s, y) is remembered (the oldest dropped beyond ``history_size``) when y.s > 1e-10, and
       d = -H g by the two-loop recursion, H the inverse-Hessian estimate the pairs define::

           q = -g
           for the pairs, newest first:   a_i = rho_i * s_i.q;   q = q - a_i * y_i
           r = q * y.s / y.y              (the newest pair's scale for the starting H)
           for the pairs, oldest first:   b_i = rho_i * y_i.r;   r = r + (a_i - b_i) * s_i
           d = r                          (rho_i = 1 / y_i.s_i)

    2. step length t: ``lr`` (the very first time, min(1, 1 / sum|g|) * lr). With
       ``line_search_fn="strong_wolfe"`` t is searched for along d until the loss has dropped
       enough and the slope has flattened enough (the strong Wolfe conditions, see
       ``_strong_wolfe``). Then x = x + t * d.

    It stops after ``max_iter`` iterations or ``max_eval`` closure calls, or when the largest
    gradient element is at most ``tolerance_grad``, or when the step, the slope along d or the
    change in the loss falls under ``tolerance_change``. The state (the pairs, d, t, ...) is kept
    on the first parameter, and the next ``step`` carries on from it.
    """

    def __init__(self, params, lr=1, max_iter=20, max_eval=None, tolerance_grad=1e-7, tolerance_change=1e-9,
                 history_size=100, line_search_fn=None):
        check_hyperparameters(lr=lr)
        if max_eval is None:
            max_eval = max_iter * 5 // 4
        defaults = dict(lr=lr, max_iter=max_iter, max_eval=max_eval, tolerance_grad=tolerance_grad,
                        tolerance_change=tolerance_change, history_size=history_size, line_search_fn=line_search_fn)
        super().__init__(params, defaults)
        if len(self.param_groups) != 1:
            raise ValueError("LBFGS doesn't support per-parameter options (parameter groups)")
        self._params = self.param_groups[0]["params"]

    # -- the parameters as one flat vector --------------------------------------------------
    def _flat_grad(self):
        parts = [np.zeros(p._data.size, p._data.dtype) if p.grad is None else p.grad._data.reshape(-1)
                 for p in self._params]
        return Tensor._make(np.concatenate(parts))

    def _move(self, t, d):
        """x = x + t * d, each parameter in place (one multiply-add per element)."""
        offset = 0
        for p in self._params:
            n = p.numel()
            p.add_(d[offset:offset + n].view_as(p), alpha=t)
            offset += n

    def _evaluate_at(self, closure, x, t, d):
        """Loss and gradient at x + t * d; the parameters are put back to x afterwards."""
        self._move(t, d)
        loss = float(closure())
        g = self._flat_grad()
        for p, saved in zip(self._params, x):
            p.copy_(saved)
        return loss, g

    @_no_grad_step
    def step(self, closure):
        """Run up to ``max_iter`` iterations; return the loss the closure gave at the start."""
        group = self.param_groups[0]
        lr, max_iter, max_eval = group["lr"], group["max_iter"], group["max_eval"]
        tolerance_grad, tolerance_change = group["tolerance_grad"], group["tolerance_change"]
        history_size, line_search_fn = group["history_size"], group["line_search_fn"]

        def loss_and_grad():
            with enable_grad():
                return closure()

        state = self.state[self._params[0]]  # (L-BFGS has one state, kept on the first parameter)
        state.setdefault("func_evals", 0)
        state.setdefault("n_iter", 0)

        first_loss = loss_and_grad()
        loss = float(first_loss)
        evals = 1
        state["func_evals"] += 1
        g = self._flat_grad()
        if g.abs().max() <= tolerance_grad:  # already at a minimum
            return first_loss

        d, t = state.get("d"), state.get("t")
        ys, ss, rho = state.get("old_dirs"), state.get("old_stps"), state.get("ro")
        h_diag, g_prev, loss_prev = state.get("H_diag"), state.get("prev_flat_grad"), state.get("prev_loss")

        n_iter = 0
        while n_iter < max_iter:
            n_iter += 1
            state["n_iter"] += 1

            # 1. the direction d
            if state["n_iter"] == 1:
                d = g.neg()
                ys, ss, rho = [], [], []
                h_diag = 1
            else:
                y = g.sub(g_prev)
                s = d.mul(t)
                y_s = y.dot(s)
                if y_s > 1e-10:  # only pairs along which the loss curves upwards
                    if len(ys) == history_size:
                        ys.pop(0)
                        ss.pop(0)
                        rho.pop(0)
                    ys.append(y)
                    ss.append(s)
                    rho.append(1.0 / y_s)
                    h_diag = y_s / y.dot(y)
                if "al" not in state:
                    state["al"] = [None] * history_size
                a = state["al"]
                q = g.neg()
                for i in reversed(range(len(ys))):
                    a[i] = ss[i].dot(q) * rho[i]
                    q.add_(ys[i], alpha=-a[i])
                d = r = q.mul(h_diag)
                for i in range(len(ys)):
                    b = ys[i].dot(r) * rho[i]
                    r.add_(ss[i], alpha=a[i] - b)

            if g_prev is None:
                g_prev = g.clone()
            else:
                g_prev.copy_(g)
            loss_prev = loss

            # 2. the step length t, and the step
            t = min(1.0, 1.0 / g.abs().sum()) * lr if state["n_iter"] == 1 else lr
            slope = g.dot(d)  # the loss's derivative along d: negative for a descent direction
            if slope > -tolerance_change:
                break
            calls = 0
            if line_search_fn is not None:
                if line_search_fn != "strong_wolfe":
                    raise RuntimeError("only 'strong_wolfe' is supported")
                x = [p.clone() for p in self._params]
                loss, g, t, calls = _strong_wolfe(lambda x, t, d: self._evaluate_at(loss_and_grad, x, t, d),
                                                  x, t, d, loss, g, slope, max_ls=max_eval - evals)
                self._move(t, d)
                at_minimum = g.abs().max() <= tolerance_grad
            else:
                self._move(t, d)
                if n_iter != max_iter:  # (the last iteration's loss is left for the next step)
                    loss = float(loss_and_grad())
                    g = self._flat_grad()
                    at_minimum = g.abs().max() <= tolerance_grad
                    calls = 1
            evals += calls
            state["func_evals"] += calls

            # 3. stop?
            if n_iter == max_iter or evals >= max_eval or at_minimum:
                break
            if d.mul(t).abs().max() <= tolerance_change:  # the step has become tiny
                break
            if abs(loss - loss_prev) < tolerance_change:  # the loss no longer changes
                break

        state["d"], state["t"] = d, t
        state["old_dirs"], state["old_stps"], state["ro"] = ys, ss, rho
        state["H_diag"], state["prev_flat_grad"], state["prev_loss"] = h_diag, g_prev, loss_prev
        return first_loss


def _cubic_minimum(x1, f1, g1, x2, f2, g2, bounds=None):
    """Where the cubic through (x1, f1) and (x2, f2) with slopes g1, g2 has its minimum, kept
    within ``bounds`` (by default [x1, x2]); their middle when the cubic has no minimum."""
    if bounds is not None:
        low, high = bounds
    else:
        low, high = (x1, x2) if x1 <= x2 else (x2, x1)
    d1 = g1 + g2 - 3 * (f1 - f2) / (x1 - x2)
    d2_square = d1**2 - g1 * g2
    if d2_square >= 0:
        d2 = d2_square.sqrt()
        if x1 <= x2:
            x = x2 - (x2 - x1) * ((g2 + d2 - d1) / (g2 - g1 + 2 * d2))
        else:
            x = x1 - (x1 - x2) * ((g1 + d2 - d1) / (g1 - g2 + 2 * d2))
        return min(max(x, low), high)
    return (low + high) / 2.0


def _strong_wolfe(evaluate, x, t, d, f, g, slope, c1=1e-4, c2=0.9, tolerance_change=1e-9, max_ls=25):
    """A step length along d satisfying the strong Wolfe conditions (Nocedal & Wright, 3.5-3.6)::

        f(t) <= f(0) + c1 * t * f'(0)      sufficient decrease
        |f'(t)| <= c2 * |f'(0)|            the slope has flattened

    First the interval is bracketed: t grows (to a cubic's minimum between 1.01 and 10 times the
    last growth) until f rises or the slope turns positive. Then the bracket is zoomed into,
    each trial point the cubic's minimum over it (moved a tenth of the bracket in from an end
    it lands too close to, twice running). At most ``max_ls`` evaluations.
    Returns (f, g, t, evaluations) at the lowest point found.
    """
    d_size = d.abs().max()
    g = g.clone()
    f_new, g_new = evaluate(x, t, d)
    calls = 1
    slope_new = g_new.dot(d)

    # bracketing: [t_prev, t] holds a good step once f went up or the slope turned
    t_prev, f_prev, g_prev, slope_prev = 0, f, g, slope
    done = False
    ls_iter = 0
    while ls_iter < max_ls:
        if f_new > (f + c1 * t * slope) or (ls_iter > 1 and f_new >= f_prev):
            bracket, bracket_f = [t_prev, t], [f_prev, f_new]
            bracket_g, bracket_slope = [g_prev, g_new.clone()], [slope_prev, slope_new]
            break
        if abs(slope_new) <= -c2 * slope:  # t itself satisfies both conditions
            bracket, bracket_f, bracket_g = [t], [f_new], [g_new]
            done = True
            break
        if slope_new >= 0:
            bracket, bracket_f = [t_prev, t], [f_prev, f_new]
            bracket_g, bracket_slope = [g_prev, g_new.clone()], [slope_prev, slope_new]
            break
        shortest, longest = t + 0.01 * (t - t_prev), t * 10
        t_prev, t = t, _cubic_minimum(t_prev, f_prev, slope_prev, t, f_new, slope_new, bounds=(shortest, longest))
        f_prev, g_prev, slope_prev = f_new, g_new.clone(), slope_new
        f_new, g_new = evaluate(x, t, d)
        calls += 1
        slope_new = g_new.dot(d)
        ls_iter += 1
    if ls_iter == max_ls:  # out of evaluations: the bracket is [0, t]
        bracket, bracket_f, bracket_g = [0, t], [f, f_new], [g, g_new]

    # zoom: shrink the bracket, keeping its low end (the lower f) the best point so far
    stalled = False
    low, high = (0, 1) if bracket_f[0] <= bracket_f[-1] else (1, 0)
    while not done and ls_iter < max_ls:
        if abs(bracket[1] - bracket[0]) * d_size < tolerance_change:
            break
        t = _cubic_minimum(bracket[0], bracket_f[0], bracket_slope[0], bracket[1], bracket_f[1], bracket_slope[1])
        margin = 0.1 * (max(bracket) - min(bracket))
        if min(max(bracket) - t, t - min(bracket)) < margin:  # too near an end
            if stalled or t >= max(bracket) or t <= min(bracket):
                if abs(t - max(bracket)) < abs(t - min(bracket)):
                    t = max(bracket) - margin
                else:
                    t = min(bracket) + margin
                stalled = False
            else:
                stalled = True
        else:
            stalled = False

        f_new, g_new = evaluate(x, t, d)
        calls += 1
        slope_new = g_new.dot(d)
        ls_iter += 1

        if f_new > (f + c1 * t * slope) or f_new >= bracket_f[low]:
            # not low enough: t becomes the high end
            bracket[high], bracket_f[high] = t, f_new
            bracket_g[high], bracket_slope[high] = g_new.clone(), slope_new
            low, high = (0, 1) if bracket_f[0] <= bracket_f[1] else (1, 0)
        else:
            if abs(slope_new) <= -c2 * slope:
                done = True
            elif slope_new * (bracket[high] - bracket[low]) >= 0:
                # the minimum lies on the other side of t: the old low end becomes the high one
                bracket[high], bracket_f[high] = bracket[low], bracket_f[low]
                bracket_g[high], bracket_slope[high] = bracket_g[low], bracket_slope[low]
            bracket[low], bracket_f[low] = t, f_new
            bracket_g[low], bracket_slope[low] = g_new.clone(), slope_new

    return bracket_f[low], bracket_g[low], bracket[low], calls
