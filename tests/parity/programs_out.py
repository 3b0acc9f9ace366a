"""``out=`` on the torch functions: the dtype rule each function applies to ``out`` (cast,
same dtype, computed in ``out``'s dtype), its words when ``out`` does not fit, the refusal while
an argument requires grad, the resize warning, and writing into a view or into an input."""

from textwrap import dedent as _d

_SETUP = """\
a = torch.tensor([[0.5, -2.0, 0.25], [0.75, 3.0, 0.5]])
b = torch.tensor([[2.0, 1.0, -1.0], [0.5, 0.5, 4.0]])
p = torch.tensor([[0.5, 0.25, 0.125], [0.75, 0.375, 0.5]])
i = torch.tensor([[1, 2, 3], [4, 5, 6]])
j = torch.tensor([[1, 4, 3], [2, 5, 1]])
m = torch.tensor([[1.0, 2.0], [0.5, -1.0], [3.0, 0.25]])
sq = torch.tensor([[2.0, 1.0], [1.0, 3.0]])
DTYPES = (torch.float32, torch.float64, torch.int64, torch.int32, torch.bool)

def each_out(label, call):
    for dt in DTYPES:
        out = torch.empty(0, dtype=dt)
        def run():
            r = call(out)
            return (r is out, r.dtype, r.shape)
        attempt(f"{label} {dt}", run)
"""


def _program(calls):
    lines = "".join(f"each_out({label!r}, lambda o: {call})\n" for label, call in calls)
    return _SETUP + lines


_UNARY_CAST = "acos asin atan cos cosh erf exp exp2 expm1 log log10 log1p log2 logit reciprocal rsqrt sigmoid sin sinh sqrt tan tanh digamma lgamma erfinv".split()
_UNARY_SAME = "abs absolute ceil floor frac neg negative round sgn sign trunc".split()
_BINARY = "add sub subtract mul multiply div divide true_divide atan2 copysign fmax fmin fmod hypot maximum minimum pow remainder floor_divide".split()
_COMPARE = "eq ne lt le gt ge".split()

PROGRAMS = {
    "out_unary_cast": _program(
        [(n, f"torch.{n}(p, out=o)") for n in _UNARY_CAST] + [(n + " int", f"torch.{n}(i, out=o)") for n in ("exp", "sqrt", "sin")]
        + [("square", "torch.square(a, out=o)"), ("square int", "torch.square(i, out=o)"),
           ("polygamma", "torch.polygamma(1, p, out=o)")]),
    "out_unary_same_dtype": _program(
        [(n, f"torch.{n}(a, out=o)") for n in _UNARY_SAME] + [(n + " int", f"torch.{n}(i, out=o)") for n in ("abs", "neg", "sign", "floor")]
        + [("frac int", "torch.frac(i, out=o)"), ("bitwise_not", "torch.bitwise_not(i, out=o)"),
           ("clamp", "torch.clamp(a, 0, 1, out=o)"), ("clip", "torch.clip(a, 0, 1, out=o)"),
           ("clamp_min", "torch.clamp_min(a, 0, out=o)"), ("clamp_max", "torch.clamp_max(a, 0, out=o)"),
           ("clamp int", "torch.clamp(i, 2, 4, out=o)")]),
    "out_binary": _program(
        [(n, f"torch.{n}(a, b, out=o)") for n in _BINARY]
        + [(n + " int", f"torch.{n}(i, j, out=o)") for n in ("add", "mul", "maximum", "pow", "div", "remainder", "bitwise_and", "bitwise_or", "bitwise_xor")]
        + [(n, f"torch.{n}(a, b, out=o)") for n in _COMPARE] + [(n + " int", f"torch.{n}(i, j, out=o)") for n in _COMPARE]
        + [("addcmul", "torch.addcmul(a, a, b, out=o)"), ("addcdiv", "torch.addcdiv(a, a, b, out=o)"),
           ("lerp", "torch.lerp(a, b, 0.5, out=o)"), ("where", "torch.where(a > 0, a, b, out=o)"),
           ("heaviside", "torch.heaviside(a, b, out=o)"), ("float_power", "torch.float_power(a, 2, out=o)")]),
    "out_reductions": _program(
        [(n, f"torch.{n}(a, 1, out=o)") for n in "sum prod mean nansum nanmean amax amin argmax argmin logsumexp cumsum cumprod std var all any".split()]
        + [(n + " int", f"torch.{n}(i, 1, out=o)") for n in "sum prod mean nansum nanmean amax argmax logsumexp cumsum std".split()]
        + [("sum all dims", "torch.sum(a, (0, 1), out=o)"), ("softmax", "torch.softmax(a, 1, out=o)"),
           ("log_softmax", "torch.log_softmax(a, 1, out=o)")]),
    "out_joining_and_products": _program(
        [(n, f"torch.{n}([a, b], out=o)") for n in "cat concat concatenate stack hstack vstack dstack column_stack row_stack".split()]
        + [(n + " mixed", f"torch.{n}([a, i], out=o)") for n in ("cat", "stack")]
        + [("mm", "torch.mm(a, m, out=o)"), ("matmul", "torch.matmul(a, m, out=o)"),
           ("bmm", "torch.bmm(a[None], m[None], out=o)"), ("mv", "torch.mv(a, m[:, 0], out=o)"),
           ("addmm", "torch.addmm(sq, a, m, out=o)"), ("dot", "torch.dot(a[0], b[0], out=o)"),
           ("outer", "torch.outer(a[0], b[0], out=o)")]),
    "out_indexing_and_matrices": _program(
        [("gather", "torch.gather(a, 1, torch.tensor([[0, 1], [2, 0]]), out=o)"),
         ("index_select", "torch.index_select(a, 0, torch.tensor([1, 0]), out=o)"),
         ("take", "torch.take(a, torch.tensor([0, 5]), out=o)"),
         ("masked_select", "torch.masked_select(a, a > 0, out=o)"),
         ("nonzero", "torch.nonzero(a, out=o)"),
         ("tril", "torch.tril(a, out=o)"), ("triu", "torch.triu(a, out=o)"), ("diag", "torch.diag(a, out=o)"),
         ("cross", "torch.cross(a, b, dim=1, out=o)"), ("inverse", "torch.inverse(sq, out=o)"),
         ("scatter", "torch.scatter(a, 1, torch.tensor([[0, 1], [2, 0]]), b, out=o)"),
         ("scatter_add", "torch.scatter_add(a, 1, torch.tensor([[0, 1], [2, 0]]), b, out=o)"),
         ("index_add", "torch.index_add(a, 0, torch.tensor([1, 0]), b, out=o)"),
         ("index_copy", "torch.index_copy(a, 0, torch.tensor([1, 0]), b, out=o)"),
         ("scatter_reduce", "torch.scatter_reduce(a, 1, torch.tensor([[0, 1], [2, 0]]), b, 'amax', out=o)"),
         ("cholesky_inverse", "torch.cholesky_inverse(sq, out=o)")]),
    "out_values_computed_in_out_dtype": _d("""\
        x = torch.tensor([0.5, 0.5, 1.5])
        for dt in (torch.int64, torch.float64, torch.bool):
            print(dt, torch.sum(x, 0, out=torch.empty(0, dtype=dt)), torch.prod(x, 0, out=torch.empty(0, dtype=dt)))
            attempt(f"cumsum {dt}", lambda: torch.cumsum(x, 0, out=torch.empty(0, dtype=dt)))
            attempt(f"cumprod {dt}", lambda: torch.cumprod(x, 0, out=torch.empty(0, dtype=dt)))
        t = torch.tensor([1.0, 2.0, 4.0]) / 3
        print(torch.mean(t, 0, out=torch.empty(0, dtype=torch.float64)).item())
        e = torch.tensor([[0.5, -2.0, 0.25], [0.75, 3.0, 0.5]])
        print(torch.std(e, 1, out=torch.empty(0, dtype=torch.float64)).tolist(), torch.std(e, 1).tolist())
        print(torch.mean(torch.tensor([1.0, 2.0, 4.0], dtype=torch.float64) / 3, 0, out=torch.empty(0)).item())
        print(torch.add(t, t, out=torch.empty(0, dtype=torch.float64)).tolist())
        print(torch.add(torch.tensor([1, 2]), torch.tensor([3, 4]), out=torch.empty(0)))
        print(torch.eq(torch.tensor([1, 2]), torch.tensor([1, 3]), out=torch.empty(0)))
        print(torch.prod(x, 0, dtype=torch.int64), torch.prod(x, dtype=torch.int64), torch.prod(x, dtype=torch.float64))
    """),
    "out_refused_while_grad_is_recorded": _d("""\
        w = torch.tensor([[0.5, 1.0, 0.25], [1.0, 2.0, 3.0]], requires_grad=True)
        c = torch.tensor([[0.5, 1.0, 0.25], [1.0, 2.0, 3.0]])
        calls = {
            "exp": lambda o: torch.exp(w, out=o), "negative": lambda o: torch.negative(w, out=o),
            "clip": lambda o: torch.clip(w, 0, 1, out=o), "subtract": lambda o: torch.subtract(c, w, out=o),
            "square": lambda o: torch.square(w, out=o), "sum": lambda o: torch.sum(w, 0, out=o),
            "hstack": lambda o: torch.hstack([c, w], out=o), "stack": lambda o: torch.stack([c, w], out=o),
            "matmul": lambda o: torch.matmul(w, c.t(), out=o), "where": lambda o: torch.where(c > 0, w, c, out=o),
            "argmax": lambda o: torch.argmax(w, 0, out=o), "eq": lambda o: torch.eq(w, c, out=o),
            "amax": lambda o: torch.amax(w, 0, out=o), "cumsum": lambda o: torch.cumsum(w, 0, out=o),
            "std": lambda o: torch.std(w, 0, out=o), "gather": lambda o: torch.gather(w, 0, torch.tensor([[0, 1, 0]]), out=o),
            "nonzero": lambda o: torch.nonzero(w, out=o), "all": lambda o: torch.all(w, 0, out=o),
            "float_power": lambda o: torch.float_power(w, 2, out=o),
            "softmax int out": lambda o: torch.softmax(w, 0, out=torch.empty(0, dtype=torch.int64)),
        }
        for label, call in calls.items():
            for dt in (torch.float32, torch.int64, torch.float64):
                attempt(f"{label} {dt}", lambda: call(torch.empty(0, dtype=dt)).dtype)
        with torch.no_grad():
            print(torch.exp(w, out=torch.empty(0)))
        print(torch.exp(c, out=torch.empty(0, requires_grad=False)))
        attempt("out requires grad", lambda: torch.exp(c, out=torch.zeros(2, 3, requires_grad=True)))
    """),
    "out_resize_view_alias_version": _d("""\
        a = torch.tensor([[0.5, -2.0], [0.25, 3.0]])
        o = torch.zeros(5)
        r = torch.exp2(a, out=o)
        print(r is o, o.shape, o)
        o = torch.zeros(2, 2)
        v0 = o._version
        torch.maximum(a, a.t(), out=o)
        print(o, o._version > v0)
        big = torch.zeros(2, 4)
        view = big[:, ::2]
        torch.mul(a, 2, out=view)
        print(big)
        torch.add(a, a, out=a)
        print(a)
        torch.sum(a, 0, out=torch.zeros(3))
        s = torch.zeros(0)
        torch.cat([a, a], 1, out=s)
        print(s)
        print(torch.mean(a, out=torch.empty(0)))
    """),
    "out_values_and_indices_pairs": _d("""\
        a = torch.tensor([[0.5, -2.0, 0.25], [0.75, 3.0, 0.5]])
        b = torch.tensor([[2.0, 1.0, -1.0], [0.5, 0.5, 4.0]])
        calls = {
            "max": lambda o: torch.max(a, 1, out=o), "min": lambda o: torch.min(a, 1, keepdim=True, out=o),
            "sort": lambda o: torch.sort(a, 1, out=o), "topk": lambda o: torch.topk(a, 2, out=o),
            "kthvalue": lambda o: torch.kthvalue(a, 2, 1, out=o), "median": lambda o: torch.median(a, 1, out=o),
            "nanmedian": lambda o: torch.nanmedian(a, 1, out=o), "mode": lambda o: torch.mode(a, 1, out=o),
            "cummax": lambda o: torch.cummax(a, 1, out=o), "cummin": lambda o: torch.cummin(a, 1, out=o),
        }
        for label, call in calls.items():
            for vd, idt in ((torch.float32, torch.int64), (torch.float64, torch.int64), (torch.float32, torch.int32)):
                o = (torch.empty(0, dtype=vd), torch.empty(0, dtype=idt))
                attempt(f"{label} {vd} {idt}", lambda: call(o))
            o = [torch.zeros(1), torch.zeros(1, dtype=torch.int64)]
            r = call(o)
            print(type(r).__name__, r.values is o[0], r.indices is o[1], r)
            attempt(f"{label} one tensor", lambda: call((torch.empty(0),)))
        w = a.clone().requires_grad_()
        attempt("max grad", lambda: torch.max(w, 1, out=(torch.empty(0), torch.empty(0, dtype=torch.int64))))
        attempt("sort grad", lambda: torch.sort(w, 1, out=(torch.empty(0), torch.empty(0, dtype=torch.int64))))
        for f in (torch.max, torch.min):
            for dt in (torch.float32, torch.float64, torch.int64):
                attempt(f"{f.__name__} two {dt}", lambda: f(a, b, out=torch.empty(0, dtype=dt)))
                attempt(f"{f.__name__} all {dt}", lambda: f(a, out=torch.empty(0, dtype=dt)))
                attempt(f"{f.__name__} all int {dt}", lambda: f(torch.tensor([1, 5]), out=torch.empty(0, dtype=dt)))
        attempt("max two grad", lambda: torch.max(w, b, out=torch.empty(0)))
        attempt("max dim with one out", lambda: torch.max(a, 1, out=torch.empty(0)))
    """),
    "out_linalg_and_special": _program(
        [("linalg." + n, f"torch.linalg.{n}({args}, out=o)") for n, args in (
            ("cholesky", "sq"), ("cross", "a, b"), ("det", "sq"), ("eigvalsh", "sq"), ("inv", "sq"),
            ("matmul", "sq, sq"), ("matrix_norm", "sq"), ("norm", "a"), ("vector_norm", "a"), ("solve", "sq, sq"),
            ("solve_triangular", "sq.triu(), sq, upper=True"), ("svdvals", "sq"))]
        + [("special." + n, f"torch.special.{n}({args}, out=o)") for n, args in (
            ("digamma", "p"), ("psi", "p"), ("erf", "p"), ("erfinv", "p / 2"), ("expit", "p"), ("expm1", "p"),
            ("gammaln", "p"), ("log1p", "p"), ("polygamma", "1, p"), ("xlogy", "p, p"))]) + _d("""\
        for name, n in (("eigh", 2), ("qr", 2), ("slogdet", 2), ("svd", 3)):
            f = getattr(torch.linalg, name)
            o = tuple(torch.empty(0) for _ in range(n))
            r = f(sq, out=o)
            print(type(r).__name__, [x is y for x, y in zip(r, o)], r)
            attempt(f"{name} too few", lambda: f(sq, out=o[:-1]))
            attempt(f"{name} double", lambda: f(sq, out=(torch.empty(0),) + tuple(torch.empty(0, dtype=torch.float64) for _ in range(n - 1))))
            attempt(f"{name} grad", lambda: f(sq.clone().requires_grad_(), out=tuple(torch.empty(0) for _ in range(n))))
        w = sq.clone().requires_grad_()
        for name in ("inv", "det", "vector_norm", "svdvals", "cross"):
            args = (w, w) if name == "cross" else (w,)
            attempt(f"{name} grad", lambda: getattr(torch.linalg, name)(*args, out=torch.empty(0)))
        for name in ("norm", "matrix_norm"):
            o = torch.zeros(3)
            r = getattr(torch.linalg, name)(w, out=o)
            print(r is o, r, r.grad_fn.name(), r.requires_grad)
            r.backward()
            print(w.grad)
            w.grad = None
            attempt(f"{name} double", lambda: getattr(torch.linalg, name)(sq, out=torch.empty(0, dtype=torch.float64)))
            print(getattr(torch.linalg, name)(sq, dtype=torch.float64, out=torch.empty(0, dtype=torch.float64)))
        attempt("special grad", lambda: torch.special.expit(w, out=torch.empty(0)))
        attempt("special psi grad", lambda: torch.special.psi(w, out=torch.empty(0)))
    """),
}

PROGRAMS["out_not_implemented_gradient"] = """\
# softmax, log_softmax and heaviside write out= while an input requires grad; backward refuses
torch.manual_seed(0)
x = torch.tensor([0.5, -1.0, 2.0], requires_grad=True); v = torch.tensor([0.5], requires_grad=True)
for make in [lambda o: torch.softmax(x, 0, out=o), lambda o: torch.log_softmax(x, 0, out=o),
             lambda o: torch.heaviside(x, v, out=o), lambda o: torch.heaviside(x.detach(), v, out=o)]:
    o = torch.empty(3)
    r = make(o)
    print(r is o, o, o.grad_fn.name(), len(o.grad_fn.next_functions), o.is_leaf, o._version, o.requires_grad)
    try:
        (o * 2).sum().backward()
    except RuntimeError as e:
        print(e)
o4 = torch.empty(3, requires_grad=True)
for f in [lambda: torch.softmax(x, 0, out=o4), lambda: torch.heaviside(x, v, out=o4)]:
    try:
        f()
    except RuntimeError as e:
        print(e)
with torch.no_grad():
    torch.softmax(x, 0, out=o4)
print(o4.grad_fn, o4)
o5 = torch.empty(3)
print(torch.softmax(x.detach(), 0, out=o5).grad_fn)
try:
    torch.softmax(x, 0, out=torch.empty(3, dtype=torch.float64))
except RuntimeError as e:
    print(e)
"""
