"""Packed sequences (``torch.nn.utils.rnn``): PackedSequence and its repr, pack_padded_sequence
(sorted or not, batch-first), pad_packed_sequence (padding value, total_length), pack_sequence,
unpack_sequence, unpad_sequence, their errors and grad_fn names (PackPaddedSequenceBackward0),
and RNN/LSTM/GRU run on a PackedSequence: the packed output, h_n taken at each sequence's own
last step, the graph PyTorch's CPU build records for it (no MkldnnRnnLayerBackward0), gradients.
Values of the layers are printed rounded (``r``): the last float32 digits depend on the order of
BLAS's sums."""

from textwrap import dedent as _d

# r(t): t rounded to 4 decimals. names(fn): a graph's node names, depth first, to a depth.
_HELPERS = """\
from torch.nn.utils.rnn import (PackedSequence, pack_padded_sequence, pad_packed_sequence, pack_sequence,
                                unpack_sequence, unpad_sequence)


def r(t):
    return (t.detach() * 10000).round() / 10000


def names(fn, depth=0, limit=3):
    if fn is None or depth > limit:
        return
    print("  " * depth + fn.name())
    for nxt, _ in fn.next_functions:
        names(nxt, depth + 1, limit)
"""


def _p(body):
    return _HELPERS + "\n" + _d(body)


PROGRAMS = {}

PROGRAMS["pack_padded_sorted_and_repr"] = _p("""\
    x = torch.arange(12.).view(3, 2, 2).requires_grad_()
    p = pack_padded_sequence(x, [3, 1])
    print(p)
    print(type(p).__name__, isinstance(p, tuple), len(p), p._fields)
    print(p.data.grad_fn.name(), [n.name() for n, _ in p.data.grad_fn.next_functions])
    print(p.batch_sizes.dtype, p.sorted_indices, p.unsorted_indices)
    (p.data * torch.arange(1., 9.).view(4, 2)).sum().backward()
    print(x.grad)
""")

PROGRAMS["pack_padded_unsorted_batch_first"] = _p("""\
    x = torch.arange(24.).view(3, 4, 2).requires_grad_()
    p = pack_padded_sequence(x, torch.tensor([2, 4, 1]), batch_first=True, enforce_sorted=False)
    print(p)
    names(p.data.grad_fn)
    p.data.pow(2).sum().backward()
    print(x.grad)
    p2 = pack_padded_sequence(x.detach(), (1, 2, 3), batch_first=True, enforce_sorted=False)
    print(p2.sorted_indices, p2.unsorted_indices, p2.batch_sizes)
    print(pack_padded_sequence(x.detach(), torch.tensor([3, 2, 2], dtype=torch.int32), batch_first=True))
""")

PROGRAMS["pack_pad_packed_round_trip"] = _p("""\
    x = torch.arange(1., 13.).view(4, 3).requires_grad_()
    p = pack_padded_sequence(x, [4, 2, 1], enforce_sorted=False)
    out, lengths = pad_packed_sequence(p)
    print(out, lengths)
    names(out.grad_fn, limit=6)
    out, lengths = pad_packed_sequence(pack_padded_sequence(x, [1, 4, 2], enforce_sorted=False), batch_first=True,
                                       padding_value=-1.5, total_length=6)
    print(out, lengths)
    names(out.grad_fn, limit=2)
    (out * out).sum().backward()
    print(x.grad)
""")

PROGRAMS["pack_sequence_and_unpack"] = _p("""\
    a = torch.tensor([1., 2., 3.], requires_grad=True)
    b = torch.tensor([4., 5.], requires_grad=True)
    c = torch.tensor([6.], requires_grad=True)
    p = pack_sequence([a, b, c])
    print(p)
    names(p.data.grad_fn, limit=2)
    q = pack_sequence([c, a, b], enforce_sorted=False)
    print(q)
    seqs = unpack_sequence(q)
    print(seqs)
    sum(s.sum() * (i + 1) for i, s in enumerate(seqs)).backward()
    print(a.grad, b.grad, c.grad)
    print(pack_sequence([torch.ones(2, 3), torch.zeros(1, 3)]))
""")

PROGRAMS["pack_unpad_sequence"] = _p("""\
    padded = torch.arange(12.).view(3, 4)
    print(unpad_sequence(padded, torch.tensor([3, 1, 2, 2])))
    print(padded.shape)
    attempt("list lengths", lambda: unpad_sequence(padded, [3, 1, 2]))
    print(padded.shape)
    padded = torch.arange(12.).view(2, 3, 2)
    print(unpad_sequence(padded, torch.tensor([3, 1]), batch_first=True))
""")

PROGRAMS["pack_errors"] = _p("""\
    x = torch.ones(3, 2, 2)
    attempt("unsorted", lambda: pack_padded_sequence(x, [1, 3]))
    attempt("zero length", lambda: pack_padded_sequence(x, [3, 0]))
    attempt("negative length", lambda: pack_padded_sequence(x, [3, -1]))
    attempt("zero length unsorted", lambda: pack_padded_sequence(x, [0, 3], enforce_sorted=False))
    attempt("too few lengths", lambda: pack_padded_sequence(x, [3]))
    attempt("2-D lengths", lambda: pack_padded_sequence(x, torch.tensor([[3, 1]])))
    attempt("empty input", lambda: pack_padded_sequence(torch.ones(0, 2, 2), [3, 1]))
    attempt("batch_first sizes", lambda: pack_padded_sequence(x, [3, 1], batch_first=True))
    attempt("short total_length", lambda: pad_packed_sequence(pack_padded_sequence(x, [3, 1]), total_length=2))
    attempt("empty pack_sequence", lambda: pack_sequence([]))
""")

PROGRAMS["pack_packed_sequence_class"] = _p("""\
    p = PackedSequence(torch.tensor([1., 2., 3.]), torch.tensor([2, 1]), torch.tensor([1, 0]))
    print(p)
    print(PackedSequence(torch.zeros(3), torch.tensor([2, 1])))
    print(p.to(torch.float64).data.dtype, p.double().data.dtype, p.cpu() is p, p.is_cuda, p.to(torch.float32) is p)
    print(p.half().data.dtype, p.int().data, p.long().data.dtype, p.short().data.dtype, p.char().data.dtype,
          p.byte().data.dtype, p.int().float().data.dtype, p.int().batch_sizes.dtype)
    data, batch_sizes, sorted_indices, unsorted_indices = p
    print(data, batch_sizes, sorted_indices, unsorted_indices)
""")

PROGRAMS["pack_lstm_packed_input"] = _p("""\
    torch.manual_seed(0)
    lstm = nn.LSTM(2, 3)
    x = (torch.arange(24.).view(4, 3, 2) / 10 - 1).requires_grad_()
    p = pack_padded_sequence(x, torch.tensor([2, 4, 1]), enforce_sorted=False)
    out, (h, c) = lstm(p)
    print(type(out).__name__, out.batch_sizes, out.sorted_indices, out.unsorted_indices)
    print(r(out.data))
    print(r(h), r(c))
    names(out.data.grad_fn, limit=4)
    print("h:")
    names(h.grad_fn, limit=3)
    padded, lengths = pad_packed_sequence(out)
    print(r(padded), lengths)
    print(torch.equal(padded[torch.tensor([1, 3, 0]), torch.arange(3)], h[0]))
    (padded.sum() + c.sum()).backward()
    print(r(x.grad))
    for name, q in lstm.named_parameters():
        print(name, r(q.grad))
""")

PROGRAMS["pack_lstm_layers_bidirectional_state"] = _p("""\
    torch.manual_seed(1)
    lstm = nn.LSTM(2, 3, num_layers=2, bidirectional=True, batch_first=True)
    x = (torch.arange(24.).view(3, 4, 2) / 12 - 1).requires_grad_()
    h0 = (torch.arange(36.).view(4, 3, 3) / 36).requires_grad_()
    c0 = torch.full((4, 3, 3), 0.5)
    p = pack_padded_sequence(x, [3, 4, 2], batch_first=True, enforce_sorted=False)
    out, (h, c) = lstm(p, (h0, c0))
    print(r(out.data), out.batch_sizes)
    print(r(h), r(c))
    print(h.grad_fn.name(), out.data.grad_fn.name())
    padded, lengths = pad_packed_sequence(out, batch_first=True)
    print(padded.shape, lengths)
    (padded.tanh().sum() + h.sum()).backward()
    print(r(x.grad), r(h0.grad))
    print(r(lstm.weight_hh_l1_reverse.grad))
""")

PROGRAMS["pack_gru_and_rnn_packed_input"] = _p("""\
    torch.manual_seed(2)
    x = (torch.arange(30.).view(5, 3, 2) / 15 - 1).requires_grad_()
    p = pack_padded_sequence(x, [5, 3, 2])
    for m in (nn.GRU(2, 3, bidirectional=True), nn.RNN(2, 3, num_layers=2, nonlinearity='relu'), nn.RNN(2, 2)):
        out, h = m(p)
        print(m, r(out.data), r(h))
        names(h.grad_fn, limit=3)
        (out.data.sum() + h.pow(2).sum()).backward(retain_graph=True)
        print(r(x.grad), r(m.weight_ih_l0.grad))
        x.grad = None
    out, h = nn.GRU(2, 3)(p, torch.ones(1, 3, 3))
    print(r(h))
""")

PROGRAMS["pack_layer_errors"] = _p("""\
    torch.manual_seed(3)
    p = pack_padded_sequence(torch.ones(3, 2, 2), [3, 1])
    attempt("gru hidden batch", lambda: nn.GRU(2, 3)(p, torch.zeros(1, 3, 3)))
    attempt("rnn input size", lambda: nn.RNN(3, 3)(p))
    attempt("lstm dtype", lambda: nn.LSTM(2, 3)(p.double()))
    attempt("lstm hidden batch", lambda: nn.LSTM(2, 3)(p, (torch.zeros(1, 3, 3), torch.zeros(1, 3, 3))))
    attempt("gru dtype", lambda: nn.GRU(2, 3)(p.double()))
    attempt("1-D data", lambda: nn.RNN(2, 3)(PackedSequence(torch.ones(4), torch.tensor([2, 1, 1]))))
    attempt("2-D hidden", lambda: nn.GRU(2, 3)(p, torch.zeros(2, 3)))
    attempt("gru hidden layers", lambda: nn.GRU(2, 3, num_layers=2)(p, torch.zeros(1, 2, 3)))
""")

PROGRAMS["pack_lstm_proj_size_and_dropout"] = _p("""\
    torch.manual_seed(4)
    x = torch.arange(12.).view(3, 2, 2) / 10
    p = pack_padded_sequence(x, [3, 1])
    out, (h, c) = nn.LSTM(2, 3, proj_size=2)(p)
    print(r(out.data), r(h), r(c))
    names(out.data.grad_fn, limit=2)
    m = nn.GRU(2, 3, num_layers=2, dropout=0.5)
    out, h = m(p)
    names(out.data.grad_fn, limit=2)
    m.eval()
    out, h = m(p)
    print(r(out.data), r(h))
""")
