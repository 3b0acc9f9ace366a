"""PyTorch computes inf and nan silently; numpy warns. Ops compute with numpy's warnings switched off.

``1/0``, ``log(0)``, ``inf - inf``, ``0 * inf`` or a float32 overflow give inf or nan in both
libraries, but numpy also prints a RuntimeWarning ("overflow encountered in multiply") that PyTorch
never gives. A warnings filter cannot hide them reliably (a user's ``simplefilter("always")`` or
``-W error`` wins over it), so numpy is asked not to raise them while an op computes.

``np.errstate`` does that, at about 1.5 us a use: too slow for every op of a training loop. numpy 2
keeps its error state in a context variable, and setting that variable directly costs a fifth of
it; ``quiet_set()`` / ``quiet_reset(token)`` do that, and fall back to ``np.errstate`` elsewhere.
Only the op's own computation is silenced: numpy code of the user's keeps numpy's behaviour.
"""
import numpy as np


def quiet():
    """A context manager in which numpy's floating-point errors are ignored."""
    return np.errstate(all="ignore")


def _errstate_set():
    state = np.errstate(all="ignore")
    state.__enter__()
    return state


def _errstate_reset(state):
    state.__exit__(None, None, None)


try:  # numpy >= 2: the error state is a context variable
    from numpy._core._ufunc_config import _extobj_contextvar, _make_extobj

    _IGNORE_ALL = _make_extobj(all="ignore")

    def quiet_set():
        return _extobj_contextvar.set(_IGNORE_ALL)

    quiet_reset = _extobj_contextvar.reset
except ImportError:  # numpy 1.x: the public context manager, slower
    quiet_set, quiet_reset = _errstate_set, _errstate_reset
