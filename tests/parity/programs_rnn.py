"""Recurrent layers: nn.RNN (tanh, relu), nn.LSTM, nn.GRU and nn.RNNCell, nn.LSTMCell, nn.GRUCell;
seeded construction (PyTorch's init order), parameter names and shapes, reprs, forward with and
without a state, unbatched and batch-first inputs, grad_fn names (a float32 LSTM layer is one
MkldnnRnnLayerBackward0 node on PyTorch's CPU build), gradients, the errors of wrong sizes and
arguments, nn.utils.rnn.pad_sequence, and small training loops. Values are printed rounded to 3
decimals (``r``): PyTorch's oneDNN and BLAS sum in their own order, so the last float32 digits
differ."""

from textwrap import dedent as _d

# r(t): t rounded to 3 decimals, for printing values whose last float32 digits may differ.
# names(fn): the node names of a graph, depth first, one line each, indented.
_HELPERS = """\
def r(t):
    return (t.detach() * 1000).round() / 1000


def names(fn, depth=0, limit=99):
    if fn is None or depth > limit:
        return
    print("  " * depth + fn.name())
    for nxt, _ in fn.next_functions:
        names(nxt, depth + 1, limit)
"""


def _p(body):
    return _HELPERS + "\n" + _d(body)


PROGRAMS = {}

# ------------------------------------------------------------ construction
PROGRAMS["rnn_seeded_parameters"] = _p("""\
    torch.manual_seed(0)
    for m in (nn.RNN(3, 4), nn.LSTM(2, 3, num_layers=2, bidirectional=True), nn.GRU(2, 3, bias=False),
              nn.RNNCell(2, 3), nn.LSTMCell(2, 2), nn.GRUCell(3, 2, bias=False)):
        print(m)
        for name, p in m.named_parameters():
            print(name, tuple(p.shape), p.requires_grad)
        print(next(m.parameters()).flatten()[:5])
    print(torch.rand(2))
""")

PROGRAMS["rnn_reprs_and_attributes"] = _p("""\
    print(nn.RNN(3, 4, 2, 'relu', False, True, 0.5, True))
    print(nn.RNN(3, 4, nonlinearity='relu'), nn.GRU(3, 4, batch_first=True), nn.LSTM(3, 4, proj_size=2, bias=False))
    print(nn.LSTM(3, 4, num_layers=3, dropout=0.25, bidirectional=True))
    print(nn.RNNCell(3, 4, bias=False, nonlinearity='relu'), nn.LSTMCell(3, 4), nn.GRUCell(3, 4, bias=False))
    m = nn.LSTM(3, 4, num_layers=2, bidirectional=True, proj_size=2)
    print(m.input_size, m.hidden_size, m.num_layers, m.bias, m.batch_first, m.dropout, m.bidirectional, m.proj_size, m.mode)
    print(m._flat_weights_names)
    print([[tuple(w.shape) for w in ws] for ws in m.all_weights])
    print(list(m.state_dict().keys())[:6])
    print(nn.RNN(3, 4).nonlinearity, nn.RNNCell(3, 4).nonlinearity, nn.GRUCell(3, 4).bias)
    print(isinstance(nn.GRU(3, 4), nn.RNN), isinstance(nn.LSTM(3, 4), nn.RNNBase), isinstance(nn.GRUCell(3, 4), nn.RNNCellBase))
    print(nn.Sequential(nn.Embedding(10, 4), nn.LSTM(4, 8, batch_first=True)))
""")

PROGRAMS["rnn_constructor_errors"] = _p("""\
    import warnings
    attempt("nonlinearity", lambda: nn.RNN(3, 4, nonlinearity='sigmoid'))
    attempt("positional nonlinearity", lambda: nn.RNN(3, 4, 1, 'gelu'))
    attempt("dropout > 1", lambda: nn.RNN(3, 4, dropout=1.5))
    attempt("dropout str", lambda: nn.RNN(3, 4, dropout='a'))
    attempt("dropout bool", lambda: nn.LSTM(3, 4, dropout=True))
    attempt("hidden 0", lambda: nn.RNN(3, 0))
    attempt("hidden -1", lambda: nn.LSTM(3, -1))
    attempt("hidden float", lambda: nn.LSTM(3, 4.0))
    attempt("input float", lambda: nn.GRU(3., 4))
    attempt("input 0", lambda: nn.LSTM(0, 4))
    attempt("bias int", lambda: nn.LSTM(3, 4, bias=1))
    attempt("batch_first int", lambda: nn.GRU(3, 4, batch_first=1))
    attempt("layers 0", lambda: nn.GRU(3, 4, num_layers=0))
    attempt("proj rnn", lambda: nn.RNN(3, 4, proj_size=2))
    attempt("proj gru", lambda: nn.GRU(3, 4, proj_size=2))
    attempt("proj negative", lambda: nn.LSTM(3, 4, proj_size=-1))
    attempt("proj too big", lambda: nn.LSTM(3, 4, proj_size=4))
    attempt("keyword", lambda: nn.RNN(3, 4, foo=1))
    attempt("missing", lambda: nn.LSTM(3))
    attempt("none", lambda: nn.GRU())
    attempt("cell missing", lambda: nn.LSTMCell(3))
    attempt("cell nonlinearity", lambda: nn.RNNCell(3, 4, nonlinearity='sigmoid'))
    attempt("cell nonlinearity forward", lambda: nn.RNNCell(3, 4, nonlinearity='sigmoid')(torch.ones(2, 3)))
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        nn.GRU(3, 4, dropout=0.5)
        print([str(x.message) for x in w])
""")

# ------------------------------------------------------------ forward, backward
PROGRAMS["rnn_rnn_forward_backward"] = _p("""\
    torch.manual_seed(0)
    rnn = nn.RNN(3, 4, num_layers=2)
    x = torch.randn(5, 2, 3, requires_grad=True)
    out, h_n = rnn(x)
    print(out.shape, h_n.shape, out.grad_fn, h_n.grad_fn)
    print(r(out[-1]), r(h_n))
    print(torch.equal(out[-1], h_n[-1]))
    names(out.grad_fn, limit=6)
    (out.pow(2).sum() + h_n.sum()).backward()
    for name, p in rnn.named_parameters():
        print(name, r(p.grad))
    print(r(x.grad))
""")

PROGRAMS["rnn_relu_with_initial_state"] = _p("""\
    torch.manual_seed(1)
    rnn = nn.RNN(2, 3, nonlinearity='relu', bidirectional=True)
    x = torch.randn(4, 2, 2)
    h0 = torch.randn(2, 2, 3, requires_grad=True)
    out, h_n = rnn(x, h0)
    print(out.shape, h_n.shape, out.grad_fn.name(), r(out))
    print(r(h_n))
    names(h_n.grad_fn, limit=4)
    out.sum().backward()
    print(r(h0.grad), r(rnn.weight_hh_l0_reverse.grad))
""")

PROGRAMS["rnn_lstm_forward_backward"] = _p("""\
    torch.manual_seed(0)
    lstm = nn.LSTM(3, 4)
    x = torch.randn(5, 2, 3, requires_grad=True)
    out, (h_n, c_n) = lstm(x)
    print(out.shape, h_n.shape, c_n.shape)
    print(out.grad_fn, h_n.grad_fn, c_n.grad_fn)
    print(h_n.grad_fn.next_functions, c_n.grad_fn.next_functions[0][1])
    print(r(out[:, 0]), r(h_n), r(c_n))
    names(out.grad_fn)
    node = out.grad_fn
    print(node._saved_mode, node._saved_hidden_size, node._saved_num_layers, node._saved_reverse, node._saved_train,
          node._saved_has_biases, node._saved_batch_first, node._saved_bidirectional, node._saved_batch_sizes)
    print(node._saved_input.shape, node._saved_weight1.shape, node._saved_hx_.shape, node._saved_result0.shape)
    (out.pow(2).sum() + h_n.sum() + 2 * c_n.sum()).backward()
    for name, p in lstm.named_parameters():
        print(name, r(p.grad))
    print(r(x.grad))
""")

PROGRAMS["rnn_lstm_stacked_bidirectional_state"] = _p("""\
    torch.manual_seed(2)
    lstm = nn.LSTM(2, 3, num_layers=2, bidirectional=True)
    x = torch.randn(4, 2, 2, requires_grad=True)
    h0 = torch.randn(4, 2, 3, requires_grad=True)
    c0 = torch.randn(4, 2, 3, requires_grad=True)
    out, (h_n, c_n) = lstm(x, (h0, c0))
    print(out.shape, h_n.shape, out.grad_fn.name())
    names(out.grad_fn, limit=4)
    print(r(out[0]), r(h_n[1:3]))
    out.sum().backward(retain_graph=True)
    print(r(x.grad), r(h0.grad), r(c0.grad))
    print(r(lstm.weight_ih_l1_reverse.grad))
    h_n.sum().backward()
    print(r(lstm.bias_hh_l0.grad))
    attempt("again", lambda: h_n.sum().backward())
""")

PROGRAMS["rnn_gru_forward_backward"] = _p("""\
    torch.manual_seed(3)
    gru = nn.GRU(3, 4, num_layers=2, bidirectional=True)
    x = torch.randn(3, 2, 3, requires_grad=True)
    h0 = torch.randn(4, 2, 4)
    out, h_n = gru(x, h0)
    print(out.shape, h_n.shape, out.grad_fn, h_n.grad_fn)
    print(r(out[-1]), r(h_n[0]))
    names(out.grad_fn.next_functions[0][0], limit=9)
    (out * torch.arange(8.)).sum().backward()
    for name, p in gru.named_parameters():
        print(name, r(p.grad.sum(0)))
    print(r(x.grad))
""")

PROGRAMS["rnn_batch_first_and_unbatched"] = _p("""\
    torch.manual_seed(4)
    x = torch.randn(2, 5, 3, requires_grad=True)
    for cls in (nn.RNN, nn.GRU, nn.LSTM):
        m = cls(3, 4, batch_first=True)
        out, h = m(x)
        hs = h if isinstance(h, tuple) else (h,)
        print(cls.__name__, out.shape, [t.shape for t in hs], out.grad_fn.name(), out.grad_fn.next_functions[0][0].name())
        print(out._version, out.is_contiguous(), out.stride(), out._base is None)
        print(r(out[:, -1]), r(hs[0]))
        out.sum().backward()
        print(r(x.grad[0]))
        x.grad = None
        out, h = m(x[0])
        hs = h if isinstance(h, tuple) else (h,)
        print(out.shape, [t.shape for t in hs], out.grad_fn.name(), hs[0].grad_fn.name(), r(out[-1]))
        m2 = cls(3, 4)
        state = torch.zeros(1, 4)
        out, h = m2(x[0], (state, state) if cls is nn.LSTM else state)
        hs = h if isinstance(h, tuple) else (h,)
        print(out.shape, [t.shape for t in hs], r(hs[0]))
""")

PROGRAMS["rnn_lstm_projection_and_float64"] = _p("""\
    import warnings
    torch.manual_seed(5)
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        lstm = nn.LSTM(3, 4, proj_size=2, num_layers=2)
        x = torch.randn(3, 2, 3)
        out, (h_n, c_n) = lstm(x)
        print([str(m.message) for m in w])
    print([(n, tuple(p.shape)) for n, p in lstm.named_parameters()])
    print(out.shape, h_n.shape, c_n.shape, out.grad_fn.name())
    names(out.grad_fn.next_functions[0][0], limit=4)
    print(r(out[-1]), r(c_n))
    out.sum().backward()
    print(r(lstm.weight_hr_l0.grad), r(lstm.weight_hr_l1.grad))
    lstm64 = nn.LSTM(3, 2, dtype=torch.float64)
    out, (h_n, c_n) = lstm64(x.double())
    print(out.dtype, out.grad_fn.name())
    names(out.grad_fn.next_functions[0][0], limit=5)
    print(r(out[-1]))
""")

PROGRAMS["rnn_dropout_between_layers_and_eval"] = _p("""\
    torch.manual_seed(6)
    for cls in (nn.RNN, nn.LSTM, nn.GRU):
        m = cls(3, 4, num_layers=3, dropout=0.5)
        x = torch.randn(3, 2, 3)
        out, _ = m(x)
        print(cls.__name__, r(out[-1]))
        m.eval()
        out, _ = m(x)
        print(r(out[-1]), m.training)
        with torch.no_grad():
            out, h = m(x)
        print(out.requires_grad, out.grad_fn)
    print(torch.rand(2))
""")

PROGRAMS["rnn_cells_forward_backward"] = _p("""\
    torch.manual_seed(7)
    x = torch.randn(2, 3, requires_grad=True)
    for m in (nn.RNNCell(3, 4), nn.RNNCell(3, 4, nonlinearity='relu'), nn.RNNCell(3, 4, bias=False), nn.LSTMCell(3, 4),
              nn.LSTMCell(3, 4, bias=False), nn.GRUCell(3, 4), nn.GRUCell(3, 4, bias=False)):
        out = m(x)
        outs = out if isinstance(out, tuple) else (out,)
        print(m, [o.grad_fn.name() for o in outs], [r(o) for o in outs])
        names(outs[0].grad_fn, limit=5)
        sum((i + 1) * o.pow(2).sum() for i, o in enumerate(outs)).backward()
        print([r(p.grad) for p in m.parameters()], r(x.grad))
        x.grad = None
""")

PROGRAMS["rnn_cells_with_state_and_unbatched"] = _p("""\
    torch.manual_seed(8)
    cell, lstm_cell, gru_cell = nn.RNNCell(3, 2), nn.LSTMCell(3, 2), nn.GRUCell(3, 2)
    xs = torch.randn(4, 2, 3)
    h = torch.zeros(2, 2, requires_grad=True)
    hx, cx, hg = h, h * 1, h
    for x in xs:
        h = cell(x, h)
        hx, cx = lstm_cell(x, (hx, cx))
        hg = gru_cell(x, hg)
    print(r(h), r(hx), r(cx), r(hg))
    (h.sum() + hx.sum() + cx.sum() + hg.sum()).backward()
    print(r(cell.weight_hh.grad), r(lstm_cell.bias_ih.grad), r(gru_cell.weight_ih.grad))
    for m in (cell, lstm_cell, gru_cell):
        out = m(xs[0, 0])
        outs = out if isinstance(out, tuple) else (out,)
        print([o.shape for o in outs], outs[0].grad_fn.name(), outs[0].grad_fn.next_functions[0][0].name())
    print(r(gru_cell(xs[0, 0], torch.ones(2))), r(lstm_cell(xs[0, 0], [torch.ones(2), torch.zeros(2)])[1]))
""")

PROGRAMS["rnn_forward_errors"] = _p("""\
    torch.manual_seed(0)
    rnn, lstm, gru = nn.RNN(3, 4), nn.LSTM(3, 4), nn.GRU(3, 4, num_layers=2)
    x = torch.randn(5, 2, 3)
    for name, m in (("rnn", rnn), ("lstm", lstm), ("gru", gru)):
        pair = (lambda h: (h, h)) if name == "lstm" else (lambda h: h)
        attempt(name + " 4d", lambda: m(torch.ones(1, 5, 2, 3)))
        attempt(name + " 1d", lambda: m(torch.ones(3)))
        attempt(name + " features", lambda: m(torch.ones(5, 2, 4)))
        attempt(name + " features 2d", lambda: m(torch.ones(5, 4)))
        attempt(name + " dtype", lambda: m(x.double()))
        attempt(name + " int", lambda: m(torch.ones(5, 2, 3, dtype=torch.int64)))
        attempt(name + " state batch", lambda: m(x, pair(torch.zeros(m.num_layers, 3, 4))))
        attempt(name + " state size", lambda: m(x, pair(torch.zeros(m.num_layers, 2, 5))))
        attempt(name + " state 2d", lambda: m(x, pair(torch.zeros(2, 4))))
        attempt(name + " state 3d unbatched", lambda: m(torch.ones(5, 3), pair(torch.zeros(1, 1, 4))))
        attempt(name + " state dtype", lambda: m(x, pair(torch.zeros(m.num_layers, 2, 4, dtype=torch.float64))))
        attempt(name + " empty sequence", lambda: m(torch.ones(0, 2, 3)))
        attempt(name + " empty batch", lambda: m(torch.ones(5, 0, 3))[0].shape)
    attempt("lstm cell state size", lambda: lstm(x, (torch.zeros(1, 2, 4), torch.zeros(1, 2, 5))))
    attempt("lstm one state", lambda: lstm(x, torch.zeros(1, 2, 4)))
    attempt("lstm cell state 2d", lambda: lstm(x, (torch.zeros(1, 2, 4), torch.zeros(2, 4))))
    attempt("rnn tuple state", lambda: rnn(x, (torch.zeros(1, 2, 4),)))
""")

PROGRAMS["rnn_cell_errors"] = _p("""\
    for name, m in (("rnncell", nn.RNNCell(3, 4)), ("lstmcell", nn.LSTMCell(3, 4)), ("grucell", nn.GRUCell(3, 4))):
        x = torch.ones(2, 3)
        st = (lambda h: (h, h)) if name == "lstmcell" else (lambda h: h)
        attempt(name + " 3d", lambda: m(torch.ones(1, 2, 3)))
        attempt(name + " features", lambda: m(torch.ones(2, 5)))
        attempt(name + " features 1d", lambda: m(torch.ones(5)))
        attempt(name + " state batch", lambda: m(x, st(torch.zeros(3, 4))))
        attempt(name + " state size", lambda: m(x, st(torch.zeros(2, 5))))
        attempt(name + " state 3d", lambda: m(x, st(torch.zeros(1, 2, 4))))
        attempt(name + " state 1d batched", lambda: m(x, st(torch.zeros(4))))
        attempt(name + " state 2d unbatched", lambda: m(torch.ones(3), st(torch.zeros(1, 4))))
        attempt(name + " dtype", lambda: m(torch.ones(2, 3, dtype=torch.float64)))
        attempt(name + " state dtype", lambda: m(x, st(torch.zeros(2, 4, dtype=torch.float64))))
        attempt(name + " int", lambda: m(torch.ones(2, 3, dtype=torch.int64)))
        attempt(name + " empty", lambda: m(torch.ones(0, 3)))
    attempt("lstmcell c size", lambda: nn.LSTMCell(3, 4)(torch.ones(2, 3), (torch.zeros(2, 4), torch.zeros(2, 5))))
    attempt("lstmcell three states", lambda: nn.LSTMCell(3, 4)(torch.ones(2, 3), (torch.zeros(2, 4),) * 3))
""")

PROGRAMS["rnn_lstm_in_place_and_double_backward"] = _p("""\
    torch.manual_seed(9)
    lstm = nn.LSTM(2, 3)
    x = torch.randn(3, 1, 2, requires_grad=True)
    out, _ = lstm(x)
    out.mul_(2)
    attempt("modified output", lambda: out.sum().backward())
    out, (h, c) = lstm(x)
    gx, = torch.autograd.grad(out.pow(2).sum() + h.sum(), x, create_graph=True)
    print(r(gx), gx.requires_grad)
    gx.pow(2).sum().backward()
    print(r(x.grad), r(lstm.weight_hh_l0.grad.sum()))
""")

# ------------------------------------------------------------ nn.utils.rnn.pad_sequence
PROGRAMS["rnn_pad_sequence"] = _p("""\
    from torch.nn.utils.rnn import pad_sequence
    a, b, c = torch.tensor([1., 2., 3.]), torch.tensor([4., 5.]), torch.tensor([6.])
    print(pad_sequence([a, b, c]))
    print(pad_sequence([a, b, c], batch_first=True, padding_value=-1.))
    print(pad_sequence([a, b, c], batch_first=True, padding_side='left'))
    print(torch.nn.utils.rnn.pad_sequence([torch.ones(2, 3), torch.zeros(1, 3)]).shape)
    w = torch.tensor([1., 2.], requires_grad=True)
    y = pad_sequence([w * 2, w[:1]], batch_first=True)
    print(y, y.grad_fn)
    (y * torch.tensor([[1., 10.], [100., 1000.]])).sum().backward()
    print(w.grad)
    print(pad_sequence([torch.tensor([1, 2]), torch.tensor([3])]).dtype)
    attempt("sizes", lambda: pad_sequence([torch.ones(2, 3), torch.ones(2, 4)]))
    attempt("empty", lambda: pad_sequence([]))
    attempt("side", lambda: pad_sequence([a, b], padding_side='middle'))
""")

# ------------------------------------------------------------ training loops
PROGRAMS["rnn_train_lstm_sequence_model"] = _p("""\
    torch.manual_seed(10)

    class Model(nn.Module):
        def __init__(self):
            super().__init__()
            self.lstm = nn.LSTM(1, 8, batch_first=True)
            self.head = nn.Linear(8, 1)

        def forward(self, x):
            out, _ = self.lstm(x)
            return self.head(out[:, -1])

    t = torch.linspace(0, 6.28, 40)
    series = torch.sin(t)
    xs = torch.stack([series[i:i + 6] for i in range(30)]).unsqueeze(-1)
    ys = torch.stack([series[i + 6] for i in range(30)]).unsqueeze(-1)
    model = Model()
    print(model)
    opt = torch.optim.Adam(model.parameters(), lr=0.02)
    for step in range(30):
        opt.zero_grad()
        loss = F.mse_loss(model(xs), ys)
        loss.backward()
        opt.step()
        if step % 5 == 0:
            print(step, round(loss.item(), 3))
    print(round(loss.item(), 3))
""")

PROGRAMS["rnn_train_gru_and_rnn_sgd"] = _p("""\
    torch.manual_seed(11)
    for cls in (nn.GRU, nn.RNN):
        rnn = cls(2, 6, num_layers=2)
        head = nn.Linear(6, 2)
        opt = torch.optim.SGD(list(rnn.parameters()) + list(head.parameters()), lr=0.1, momentum=0.9)
        x = torch.randn(7, 4, 2)
        target = torch.tensor([0, 1, 1, 0])
        for step in range(20):
            opt.zero_grad()
            out, h = rnn(x)
            loss = F.cross_entropy(head(h[-1]), target)
            loss.backward()
            opt.step()
            if step % 4 == 0:
                print(cls.__name__, step, round(loss.item(), 3))
""")

PROGRAMS["rnn_train_embedding_lstm_classifier"] = _p("""\
    torch.manual_seed(12)
    from torch.nn.utils.rnn import pad_sequence
    sentences = [torch.tensor([1, 4, 2]), torch.tensor([3, 3]), torch.tensor([5, 1, 1, 2]), torch.tensor([6])]
    labels = torch.tensor([1, 0, 1, 0])
    batch = pad_sequence(sentences, batch_first=True)
    emb, lstm, out = nn.Embedding(7, 4, padding_idx=0), nn.LSTM(4, 5, batch_first=True, bidirectional=True), nn.Linear(10, 2)
    params = list(emb.parameters()) + list(lstm.parameters()) + list(out.parameters())
    opt = torch.optim.Adam(params, lr=0.05)
    for step in range(15):
        opt.zero_grad()
        seq, (h_n, c_n) = lstm(emb(batch))
        logits = out(torch.cat([h_n[0], h_n[1]], dim=1))
        loss = F.cross_entropy(logits, labels)
        loss.backward()
        opt.step()
        if step % 3 == 0:
            print(step, round(loss.item(), 3))
    print(seq.grad_fn.name(), seq.grad_fn.next_functions[0][0].name())
    print(logits.argmax(1))
""")
