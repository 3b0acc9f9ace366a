"""Broadcasting: result shapes and the gradients summed back to each input's shape."""

from textwrap import dedent as _d

PROGRAMS = {}


# ---------------------------------------------------------------- broadcasting grads
PROGRAMS["bcast_row_vector_grad"] = _d("""\
    a = torch.tensor([[1., 2., 3.], [4., 5., 6.]], requires_grad=True)
    b = torch.tensor([10., 20., 30.], requires_grad=True)
    y = a + b
    print(y)
    y.sum().backward()
    print(a.grad)
    print(b.grad)
""")

PROGRAMS["bcast_column_times_row"] = _d("""\
    a = torch.tensor([[1.], [2.]], requires_grad=True)
    b = torch.tensor([[1., 10., 100.]], requires_grad=True)
    y = a * b
    print(y)
    y.sum().backward()
    print(a.grad)
    print(b.grad)
""")

PROGRAMS["bcast_zero_dim_tensor"] = _d("""\
    s = torch.tensor(2., requires_grad=True)
    v = torch.tensor([1., 2., 3.], requires_grad=True)
    y = s * v
    print(y)
    y.sum().backward()
    print(s.grad, s.grad.shape)
    print(v.grad)
""")

PROGRAMS["bcast_keepdim_mean"] = _d("""\
    x = torch.tensor([[1., 2.], [3., 6.]], requires_grad=True)
    y = x - x.mean(dim=1, keepdim=True)
    print(y)
    (y ** 2).sum().backward()
    print(x.grad)
""")

PROGRAMS["bcast_3d_shapes"] = _d("""\
    a = torch.ones(2, 1, 3, requires_grad=True)
    b = torch.ones(4, 1, requires_grad=True)
    y = a * b
    print(y.shape)
    y.sum().backward()
    print(a.grad)
    print(b.grad)
""")

PROGRAMS["bcast_divide_by_row"] = _d("""\
    x = torch.tensor([[2., 4.], [6., 8.]], requires_grad=True)
    d = torch.tensor([2., 4.], requires_grad=True)
    y = x / d
    print(y)
    y.sum().backward()
    print(x.grad)
    print(d.grad)
""")

PROGRAMS["bcast_plain_shapes"] = _d("""\
    print((torch.ones(3, 1) + torch.ones(1, 4)).shape)
    print((torch.ones(5, 1, 2) * torch.ones(3, 1)).shape)
    print(torch.broadcast_shapes((2, 1), (1, 3)))
""")
