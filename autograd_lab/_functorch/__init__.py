"""``torch._functorch``: what the ``functorch`` package (installed with PyTorch, ``import functorch``)
imports from torch. functorch's names are the old spellings of ``torch.func``'s (deprecated.py)
plus ``make_functional`` (make_functional.py); ``make_fx`` needs torch.fx, which this engine does
not have (python_key.py says so when called)."""
