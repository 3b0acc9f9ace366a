"""Containers of modules: Sequential (a pipeline) and ModuleList (a list whose members are registered)."""
import operator
from collections import OrderedDict

from .module import Module, _indent, _tree_repr


class _ModuleSequence(Module):
    """What Sequential and ModuleList share: length, iteration, append and extend."""

    def __len__(self):
        return len(self._modules)

    def __iter__(self):
        return iter(self._modules.values())

    def append(self, module):
        """Add ``module`` at the end; returns the container."""
        self.add_module(str(len(self)), module)
        return self

    def extend(self, modules):
        for module in modules:
            self.append(module)
        return self


class Sequential(_ModuleSequence):
    """Runs its modules one after the other, each on the previous one's output.

    >>> model = Sequential(Linear(2, 4), ReLU(), Linear(4, 1))
    >>> model[0]
    Linear(in_features=2, out_features=4, bias=True)

    The children are named '0', '1', ... or by the keys of an OrderedDict given instead.
    """

    def __init__(self, *args):
        super().__init__()
        if len(args) == 1 and isinstance(args[0], OrderedDict):
            for name, module in args[0].items():
                self.add_module(name, module)
        else:
            for index, module in enumerate(args):
                self.add_module(str(index), module)

    def forward(self, input):
        for module in self._modules.values():
            input = module(input)
        return input

    def _key(self, idx):
        idx = operator.index(idx)
        size = len(self._modules)
        if not -size <= idx < size:
            raise IndexError(f"index {idx} is out of range")
        return list(self._modules)[idx % size]

    def __getitem__(self, idx):
        if isinstance(idx, slice):
            return type(self)(OrderedDict(list(self._modules.items())[idx]))
        return self._modules[self._key(idx)]

    def __setitem__(self, idx, module):
        self.add_module(self._key(idx), module)

    def __delitem__(self, idx):
        if isinstance(idx, slice):
            for key in list(self._modules)[idx]:
                del self._modules[key]
        else:
            del self._modules[self._key(idx)]
        # PyTorch renumbers what is left so the names stay 0, 1, 2, ...
        kept = list(self._modules.values())
        self._modules.clear()
        for index, module in enumerate(kept):
            self._modules[str(index)] = module

class ModuleList(_ModuleSequence):
    """A list of modules whose parameters the owning module sees (a plain list would hide them).

    It has no ``forward``: the owner decides how its members are called.
    """

    def __init__(self, modules=None):
        super().__init__()
        if modules is not None:
            self.extend(modules)

    def _key(self, idx):
        idx = operator.index(idx)
        size = len(self._modules)
        if not -size <= idx < size:
            raise IndexError(f"index {idx} is out of range")
        return str(idx % size)

    def __getitem__(self, idx):
        if isinstance(idx, slice):
            return type(self)(list(self._modules.values())[idx])
        return self._modules[self._key(idx)]

    def __setitem__(self, idx, module):
        self.add_module(self._key(idx), module)

    def __repr__(self):
        # Runs of identical-looking members print once: "(0-2): 3 x Linear(...)".
        runs = []
        for name, module in self._modules.items():
            text = repr(module)
            if runs and runs[-1][2] == text:
                runs[-1][1] = name
                runs[-1][3] += 1
            else:
                runs.append([name, name, text, 1])
        lines = []
        for first, last, text, count in runs:
            label = first if count == 1 else f"{first}-{last}"
            prefix = "" if count == 1 else f"{count} x "
            lines.append(f"({label}): {prefix}{_indent(text, 2)}")
        return _tree_repr(self._get_name(), [], lines)
