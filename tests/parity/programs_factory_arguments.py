"""Keyword arguments of the tensor factories (torch.tensor, zeros, rand, arange, ...): every one
is type-checked by PyTorch's argument parser before anything is made, so
``torch.ones(2, requires_grad="False")`` is a TypeError, not a tensor that requires grad.

Each ``factory_kwargs_*`` program calls one factory with each of its usual keyword arguments set,
in turn, to values of the wrong type (and to None and a bool), and prints what comes back or the
first line of the error (the first line says which argument and what it got; the list of
overloads that follows is checked in full by the ``factory_kwargs_full_*`` programs)."""

from textwrap import dedent as _d

_LOOP = _d("""\
    KEYWORDS = ("dtype", "device", "requires_grad", "pin_memory", "layout", "generator", "out",
                "memory_format", "names")
    VALUES = ("False", "cpu", 1, True, [1], 1.5, None, torch.float64, torch.ones(1))

    def show(label, make):
        try:
            r = make()
            print(label, "->", tuple(r.shape), r.dtype, r.requires_grad)
        except Exception as e:
            print(label, "->", type(e).__name__ + ":", str(e).split("\\n")[0])

    def loop(name, make):
        for keyword in KEYWORDS:
            for value in VALUES:
                if keyword == "out" and isinstance(value, torch.Tensor):
                    continue  # (a tensor is what out= takes: the result is written into it)
                label = f"{name}({keyword}={value!r})".replace("\\n", " ")
                show(label, lambda: make(**{keyword: value}))
""")

_FACTORIES = {
    "tensor": "torch.tensor([1., 2.], **kw)",
    "as_tensor": "torch.as_tensor([1., 2.], **kw)",
    "zeros": "torch.zeros(2, 3, **kw)",
    "ones": "torch.ones(2, **kw)",
    "empty": "torch.empty((2,), **kw)",
    "full": "torch.full((2,), 1.5, **kw)",
    "zeros_like": "torch.zeros_like(torch.ones(2), **kw)",
    "ones_like": "torch.ones_like(torch.ones(2), **kw)",
    "empty_like": "torch.empty_like(torch.ones(2), **kw)",
    "full_like": "torch.full_like(torch.ones(2), 3., **kw)",
    "rand": "torch.rand(2, **kw)",
    "randn": "torch.randn(2, 3, **kw)",
    "rand_like": "torch.rand_like(torch.ones(2), **kw)",
    "randn_like": "torch.randn_like(torch.ones(2), **kw)",
    "randint_high": "torch.randint(5, (2,), **kw)",
    "randint_low_high": "torch.randint(1, 5, (2,), **kw)",
    "randperm": "torch.randperm(4, **kw)",
    "arange_end": "torch.arange(3, **kw)",
    "arange_start_end": "torch.arange(1, 3, **kw)",
    "arange_step": "torch.arange(0, 3, 0.5, **kw)",
    "linspace": "torch.linspace(0, 1, 3, **kw)",
    "logspace": "torch.logspace(0, 1, 3, **kw)",
    "eye": "torch.eye(2, **kw)",
    "eye_n_m": "torch.eye(2, 3, **kw)",
    "normal_numbers": "torch.normal(0., 1., (2,), **kw)",
    "normal_tensor_mean": "torch.normal(torch.zeros(2), 1., **kw)",
}

PROGRAMS = {
    f"factory_kwargs_{name}": _LOOP + f"loop({name!r}, lambda **kw: {call})\n"
    for name, call in _FACTORIES.items()
}

PROGRAMS.update({
    # -------------------------------------------------- the example of the report, in full
    "factory_kwargs_requires_grad_string": _d("""\
        for make in (lambda: torch.ones(2, requires_grad="False"), lambda: torch.zeros(2, requires_grad=1),
                     lambda: torch.tensor([1.], requires_grad=[1]), lambda: torch.randn(2, requires_grad="no"),
                     lambda: torch.rand(2, requires_grad=0), lambda: torch.arange(3., requires_grad="yes"),
                     lambda: torch.empty(2, requires_grad=1.0)):
            try:
                print(make().requires_grad)
            except TypeError as e:
                print("TypeError:", e)
        print(torch.ones(2, requires_grad=None).requires_grad, torch.rand(2, requires_grad=None).requires_grad)
        torch.ones(2, requires_grad="False")
    """),
    # ------------------------------------ the whole message of the overloaded factories
    "factory_kwargs_full_rand_dtype": _d("""\
        torch.rand(2, dtype="float32")
    """),
    "factory_kwargs_full_randn_requires_grad": _d("""\
        torch.randn(2, 3, requires_grad="True")
    """),
    "factory_kwargs_full_randint_generator": _d("""\
        torch.randint(5, (2,), generator=1)
    """),
    "factory_kwargs_full_randperm_layout": _d("""\
        torch.randperm(3, layout="strided")
    """),
    "factory_kwargs_full_arange_pin_memory": _d("""\
        torch.arange(0, 3, pin_memory=1)
    """),
    "factory_kwargs_full_linspace_out": _d("""\
        torch.linspace(0, 1, 3, out=1.5)
    """),
    "factory_kwargs_full_eye_memory_format": _d("""\
        torch.eye(2, 3, memory_format=None)
    """),
    "factory_kwargs_full_normal_device": _d("""\
        torch.normal(torch.zeros(2), 1., device="cpu")
    """),
    "factory_kwargs_full_rand_like_out": _d("""\
        torch.rand_like(torch.ones(2), out=None)
    """),
    "factory_kwargs_full_tensor_positional_dtype": _d("""\
        torch.tensor([1., 2.], torch.float64)
    """),
    "factory_kwargs_full_as_tensor_positional_dtype": _d("""\
        torch.as_tensor([1., 2.], torch.float64)
    """),
    # -------------- pin_memory=True: no pinned memory on a CPU-only build, and when it is said
    "factory_kwargs_pin_memory_order": _d("""\
        for make in (lambda: torch.zeros(-1, pin_memory=True), lambda: torch.tensor("a", pin_memory=True),
                     lambda: torch.tensor([[1], [1, 2]], pin_memory=True),
                     lambda: torch.tensor([1], requires_grad=True, pin_memory=True),
                     lambda: torch.zeros(2, device="cuda", pin_memory=True),
                     lambda: torch.arange(0, 1, 0, pin_memory=True), lambda: torch.eye(-1, pin_memory=True),
                     lambda: torch.randint(3, 1, (2,), pin_memory=True), lambda: torch.linspace(0, 1, -1, pin_memory=True),
                     lambda: torch.logspace(0, 1, -1, pin_memory=True),
                     lambda: torch.zeros(2, pin_memory=True, requires_grad=True, dtype=torch.int64)):
            try:
                print(make())
            except Exception as e:
                print(type(e).__name__, e)
    """),
    # ---------------------------------------------------- what is taken, and what it makes
    "factory_kwargs_accepted": _d("""\
        g = torch.Generator()
        for make in (lambda: torch.tensor(data=[1, 2], dtype=float, device="cpu", pin_memory=False),
                     lambda: torch.as_tensor(data=[1, 2], dtype=torch.float64, device=torch.device("cpu")),
                     lambda: torch.zeros(size=(2, 1), dtype=int, layout=None, device=None, pin_memory=None),
                     lambda: torch.ones((2,), out=None, requires_grad=True),
                     lambda: torch.empty(2, memory_format=None, requires_grad=False),
                     lambda: torch.rand(2, generator=g, requires_grad=True),
                     lambda: torch.randn(size=(1, 2), generator=None, pin_memory=None),
                     lambda: torch.randint(3, (2,), generator=g, dtype=torch.int32, layout=None),
                     lambda: torch.randperm(3, generator=g, out=None, pin_memory=False),
                     lambda: torch.rand_like(torch.ones(2), generator=g, memory_format=None, pin_memory=False),
                     lambda: torch.zeros_like(torch.ones(2), pin_memory=False, requires_grad=None),
                     lambda: torch.full_like(torch.ones(2), 2, pin_memory=None, dtype=torch.float64),
                     lambda: torch.arange(start=0, end=3, step=1, requires_grad=None),
                     lambda: torch.linspace(0, 1, steps=2, device="cpu", requires_grad=True),
                     lambda: torch.eye(2, m=1, device=torch.device("cpu"), layout=None),
                     lambda: torch.normal(0., 1., size=(2,), generator=g, dtype=torch.float64)):
            r = make()
            print(tuple(r.shape), r.dtype, r.requires_grad)
    """),
    # -------------------------------------------------- out=: the factory writes into a given tensor
    "factory_out_zeros_ones_full_empty": _d("""\
        z = torch.empty(2, 3)
        r = torch.zeros(2, 3, out=z)
        print(r, r is z, z._version)
        print(torch.ones(2, 3, out=z), z._version)
        print(torch.full((2, 3), 2.5, out=z))
        print(torch.empty(2, 3, out=z).shape)
        small = torch.empty(4)
        print(torch.zeros(2, 3, out=small).shape, small.shape)  # resized, without a warning
        i = torch.empty(2, dtype=torch.int64)
        print(torch.ones(2, out=i), torch.full((3,), 7, out=i))
        attempt("dtype", lambda: torch.ones(2, out=i, dtype=torch.float32))
        attempt("requires grad", lambda: torch.zeros(2, out=torch.empty(2, requires_grad=True)))
        attempt("full requires grad", lambda: torch.full((2,), 1., out=torch.empty(2, requires_grad=True)))
        attempt("empty requires grad resize", lambda: torch.empty(3, out=torch.empty(2, requires_grad=True)))
        o = torch.empty(2)
        r = torch.ones(2, out=o, requires_grad=True)
        print(r, r is o, o.requires_grad, o.is_leaf)
        with torch.no_grad():
            print(torch.zeros(2, out=torch.ones(2, requires_grad=True)))
    """),
    "factory_out_rand_randn": _d("""\
        torch.manual_seed(0)
        a = torch.rand(2, 3)
        b = torch.randn(4)
        torch.manual_seed(0)
        z, w = torch.empty(2, 3), torch.empty(0)
        print(torch.rand(2, 3, out=z), torch.randn(4, out=w))
        print(torch.equal(z, a), torch.equal(w, b), w.shape)
        d = torch.empty(3, dtype=torch.float64)
        torch.manual_seed(1)
        print(torch.rand(3, out=d), torch.randn(3, out=d))
        attempt("rand long", lambda: torch.rand(2, out=torch.empty(2, dtype=torch.int64)))
        attempt("randn long", lambda: torch.randn(2, out=torch.empty(2, dtype=torch.int64)))
        attempt("rand dtype", lambda: torch.rand(2, out=d, dtype=torch.float32))
        attempt("rand requires grad", lambda: torch.rand(2, out=torch.empty(2, requires_grad=True)))
        attempt("randn requires grad resize", lambda: torch.randn(3, out=torch.empty(2, requires_grad=True)))
    """),
})
