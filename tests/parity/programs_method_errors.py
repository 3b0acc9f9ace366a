"""Argument errors of the Tensor methods: PyTorch's argument parser checks ``t.name(...)`` as it
checks ``torch.name(t, ...)``, without the ``input`` argument (the tensor is the method's own),
so positions count from the first argument after the tensor."""

from textwrap import dedent as _d

# Each line calls one method and prints what it returns (its type) or raises (the whole message).
_EACH = _d("""\
    def show(label, call):
        try:
            r = call()
            print(label, "->", type(r).__name__, getattr(r, "shape", ""))
        except Exception as e:
            print(label, "->", type(e).__name__, e)
    t = torch.tensor([[1., 5., 3.], [4., 2., 6.]])
""")

PROGRAMS = {
    "argerr_method_wrong_types": _EACH + _d("""\
        show("roll float shift", lambda: t.roll([1.0]))
        show("softmax float dim", lambda: t.softmax(1.5))
        show("flatten float start", lambda: t.flatten(0.0))
        show("topk float k", lambda: t.topk(2.0))
        show("matmul int", lambda: t.matmul(3))
        show("mm list", lambda: t.mm([[1.], [2.], [3.]]))
        show("index_select list", lambda: t.index_select(0, [1]))
        show("sum keepdim int", lambda: t.sum(1, 1))
        show("sum dtype int", lambda: t.sum(1, keepdim=True, dtype=3))
        show("transpose float", lambda: t.transpose(0, 1.0))
        show("unsqueeze str", lambda: t.unsqueeze("0"))
        show("gather list index", lambda: t.gather(1, [[0], [1]]))
        show("requires_grad_ int", lambda: t.requires_grad_(1))
        show("size float", lambda: t.size(1.0))
    """),
    "argerr_method_counts_and_keywords": _EACH + _d("""\
        show("transpose one", lambda: t.transpose(0))
        show("unsqueeze none", lambda: t.unsqueeze())
        show("softmax none", lambda: t.softmax())
        show("transpose three", lambda: t.transpose(0, 1, 2))
        show("mm keyword", lambda: t.mm(other=t.T))
        show("matmul unknown", lambda: t.matmul(t.T, out=None))
        show("transpose dim1 only", lambda: t.transpose(dim1=0))
        show("cumsum twice", lambda: t.cumsum(1, dim=1))
        show("chunk float", lambda: t.chunk(2.0))
        show("unbind float", lambda: t.unbind(1.0))
    """),
    "argerr_method_overloads": _EACH + _d("""\
        show("sum float dim kw", lambda: t.sum(dim=1.0))
        show("sum float dim", lambda: t.sum(1.0))
        show("sum keepdim alone", lambda: t.sum(keepdim=True))
        show("mean keepdim alone", lambda: t.mean(keepdim=True))
        show("max keepdim alone", lambda: t.max(keepdim=True))
        show("max str", lambda: t.max("a"))
        show("pow none", lambda: t.pow())
        show("clamp str min", lambda: t.clamp(min="a"))
        show("clamp int and str", lambda: t.clamp(1, max="a"))
        show("sort descending int", lambda: t.sort(descending=1))
        show("view str", lambda: t.view("a"))
        show("squeeze float", lambda: t.squeeze(1.0))
        show("eq str", lambda: t.eq("a"))
    """),
    "argerr_method_sizes": _EACH + _d("""\
        show("reshape float first", lambda: t.reshape(2.0, 3))
        show("reshape float second", lambda: t.reshape(2, 3.0))
        show("reshape one float", lambda: t.reshape(2.0))
        show("view float first", lambda: t.view(2.0, 3))
        show("view float second", lambda: t.view(2, 3.0))
        show("expand float first", lambda: t.expand(2.0, 3))
        show("permute float first", lambda: t.permute(1.0, 0))
        show("repeat float", lambda: t.repeat(2, 1.5))
        show("new_zeros float", lambda: t.new_zeros(2, 3.0))
        show("reshape ok", lambda: t.reshape(3, 2))
        show("reshape list", lambda: t.reshape([3, 2]))
        show("view ok", lambda: t.view(-1))
        show("expand ok", lambda: t[:1].expand(4, 3))
        show("expand implicit", lambda: t.expand(2, 3, implicit=False))
        show("permute ok", lambda: t.permute(1, 0))
        show("flip one int", lambda: t.flip(0))
        show("repeat ok", lambda: t.repeat(2, 1))
    """),
    "argerr_method_accepted": _EACH + _d("""\
        print(t.sum(axis=0))
        print(t.sum(0, keepdims=True))
        print(t.mean(axis=1))
        print(t.max(axis=1).values)
        print(t.softmax(1, torch.float64))
        print(t.cumsum(dim=1, dtype=torch.float64))
        print(t.var(0, correction=0), t.std(0, True, True))
        print(t.round(decimals=1).dtype, t.div(2, rounding_mode="floor"))
        print(t.numpy(force=True).dtype)
        show("to int", lambda: t.to(2))
        show("to dtype copy", lambda: t.to(torch.float64, copy=True))
    """),
    "argerr_method_tensor_for_number": _EACH + _d("""\
        show("full_like 1-d", lambda: torch.full_like(t, torch.tensor([2.])))
        show("full_like needs grad", lambda: torch.full_like(t, torch.tensor(2., requires_grad=True)))
        show("new_full 1-d", lambda: t.new_full((2,), torch.tensor([2.])))
        show("masked_fill 1-d", lambda: t.masked_fill(t > 2, torch.tensor([2.])))
        show("clamp 1-d max", lambda: t.clamp(0, max=torch.tensor([1., 2., 3.])))
        show("add alpha 1-d", lambda: t.add(t, alpha=torch.tensor([2.])))
        show("add_ alpha bool", lambda: t.clone().add_(t, alpha=True))
        show("sub_ alpha bool", lambda: t.clone().sub_(1, alpha=False))
        show("sub alpha bool", lambda: t.sub(1, alpha=True))
        show("rsub alpha bool", lambda: torch.rsub(t, 1, alpha=True))
        show("bool add alpha bool", lambda: torch.tensor([True, False]).add(torch.tensor([True, True]), alpha=True))
        print(torch.full_like(t, torch.tensor(2.)), t.clamp(torch.tensor(2.), 4))
        print(t.masked_fill(t > 2, torch.tensor(0.)), t.sum(dim=torch.tensor(1)))
    """),
    "argerr_method_other_not_tensor": _EACH + _d("""\
        for name in ["equal", "isclose", "logical_and", "type_as", "view_as", "reshape_as", "expand_as",
                     "maximum", "minimum", "atan2", "mm", "dot"]:
            show(name, lambda: getattr(t, name)([1., 2.]))
        for name in ["add", "sub", "mul", "div", "true_divide", "pow", "fmod", "eq", "fill_", "copy_", "add_"]:
            show(name, lambda: getattr(t.clone(), name)("a"))
        show("allclose number", lambda: t.allclose(1.0))
        show("maximum number", lambda: t.maximum(1))
    """),
    "argerr_method_norm_order": _EACH + _d("""\
        show("matrix order", lambda: t.norm("x"))
        show("vector order", lambda: t[0].norm("max"))
        print(t.norm("fro"), t.norm(p="fro", dim=1))
    """),
}
