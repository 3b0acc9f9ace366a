"""Saved slots a node never filled: PyTorch shows them as None, before and after backward."""

PROGRAMS = {
    "saved_slots_mul_by_number_self": """
x = torch.tensor([1.0, 2.0], requires_grad=True)
yy = x + 2
z = yy * 3
g = z.grad_fn
print(type(g).__name__)
print(g._saved_self)
print(g._saved_other)
z.sum().backward()
print(g._saved_self)
attempt("other after backward", lambda: g._saved_other)
print(x.grad)
""",
    "saved_slots_mul_constant_tensor": """
x = torch.tensor([1.0, 2.0], requires_grad=True)
c = torch.tensor([5.0, 7.0])
z = c * x
g = z.grad_fn
print(g._saved_self)
print(g._saved_other)
z.sum().backward()
attempt("self after backward", lambda: g._saved_self)
print(g._saved_other)
""",
    "saved_slots_retain_graph_keeps_both": """
x = torch.tensor([1.0, 2.0], requires_grad=True)
z = (x + 2) * 3
g = z.grad_fn
z.sum().backward(retain_graph=True)
print(g._saved_self, g._saved_other)
z.sum().backward()
print(g._saved_self)
attempt("other", lambda: g._saved_other)
print(x.grad)
""",
}
