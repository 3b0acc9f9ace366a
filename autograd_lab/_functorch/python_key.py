"""``make_fx``: traces a function into an FX graph by intercepting every op it dispatches
(``__torch_dispatch__``). autograd_lab has no FX graphs, so calling it says so."""


def make_fx(f, decomposition_table=None, tracing_mode="real", _allow_non_fake_inputs=False, **kwargs):
    raise NotImplementedError("make_fx traces through __torch_dispatch__ into a torch.fx graph; "
                              "autograd_lab has no torch.fx")
