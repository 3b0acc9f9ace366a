"""Tensor reprs that match PyTorch 2.13's output character for character."""

import numpy as np

# Each profile fixes these four options; sci_mode is handled separately.
_PROFILES = {
    "default": {"precision": 4, "threshold": 1000, "edgeitems": 3, "linewidth": 80},
    "short": {"precision": 2, "threshold": 1000, "edgeitems": 2, "linewidth": 80},
    "full": {"precision": 4, "threshold": float("inf"), "edgeitems": 3, "linewidth": 80},
}

# The live options, in the same key order as PyTorch's PRINT_OPTS.
_OPTS = {**_PROFILES["default"], "sci_mode": None}

_NUMPY_DTYPES = {
    "float64": np.float64,
    "float32": np.float32,
    "float16": np.float16,
    "bfloat16": np.float32,  # (bfloat16 values are kept as float32: parity/bfloat16.py)
    "int64": np.int64,
    "int32": np.int32,
    "int16": np.int16,
    "int8": np.int8,
    "uint8": np.uint8,
    "bool": np.bool_,
}
_FLOAT_DTYPES = ("float64", "float32", "float16", "bfloat16")


# ---------------------------------------------------------------- options


def set_printoptions(
    precision=None,
    threshold=None,
    edgeitems=None,
    linewidth=None,
    profile=None,
    sci_mode=None,
):
    """Change how tensors print; same semantics as ``torch.set_printoptions``."""
    if profile in _PROFILES:
        _OPTS.update(_PROFILES[profile])
    for key, value in (
        ("precision", precision),
        ("threshold", threshold),
        ("edgeitems", edgeitems),
        ("linewidth", linewidth),
    ):
        if value is not None:
            _OPTS[key] = value
    # Like PyTorch, every call resets sci_mode, even when it is not passed.
    _OPTS["sci_mode"] = sci_mode


def get_printoptions():
    """The current options, as keyword arguments for ``set_printoptions``."""
    return dict(_OPTS)


class _PrintOptionsScope:
    """Applies options on entry and puts the previous ones back on exit."""

    def __init__(self, kwargs):
        self._kwargs = kwargs
        self._saved = None

    def __enter__(self):
        self._saved = get_printoptions()
        set_printoptions(**self._kwargs)
        return None

    def __exit__(self, *exc_info):
        set_printoptions(**self._saved)
        return False


def printoptions(**kwargs):
    """Context manager that temporarily changes the print options."""
    return _PrintOptionsScope(kwargs)


# ------------------------------------------------------------- formatting


class _Formatter:
    """Chooses one layout (width, fixed/scientific, integer look) for all elements."""

    def __init__(self, sample, is_float):
        self.is_float = is_float
        self.int_mode = True
        self.sci_mode = False
        self.width = 1
        if is_float:
            self._fit_floats(sample)
        else:
            for value in sample.ravel().tolist():
                self.width = max(self.width, len(str(value)))

    def _fit_floats(self, sample):
        # Everything is decided in double precision on the exact stored values,
        # looking only at the finite non-zero ones (zeros, nan and inf never
        # influence the layout).
        flat = sample.ravel().astype(np.float64)
        values = flat[np.isfinite(flat) & (flat != 0)]
        if values.size == 0:
            return
        smallest = float(np.abs(values).min())
        largest = float(np.abs(values).max())
        self.int_mode = bool(np.all(values == np.ceil(values)))
        forced = _OPTS["sci_mode"]
        if forced is None:
            self.sci_mode = largest / smallest > 1000.0 or largest > 1.0e8 or smallest < 1.0e-4
        else:
            self.sci_mode = forced
        precision = _OPTS["precision"]
        for value in values.tolist():
            if self.sci_mode:
                text = f"{value:.{precision}e}"
            elif self.int_mode:
                text = f"{value:.0f}."
            else:
                text = f"{value:.{precision}f}"
            self.width = max(self.width, len(text))

    def format(self, value):
        if not self.is_float:
            text = str(value)
        elif self.sci_mode:
            text = f"{value:{self.width}.{_OPTS['precision']}e}"
        elif self.int_mode:
            text = f"{value:.0f}"
            # The trailing dot marks a float tensor; nan and inf need no marker.
            if value == value and abs(value) != float("inf"):
                text += "."
        else:
            text = f"{value:.{_OPTS['precision']}f}"
        # Zeros and nan/inf were not measured, so they may exceed the width.
        return text.rjust(self.width)


def _summary_sample(values, edgeitems):
    """The elements that stay visible after summarisation (they set the layout)."""
    if not edgeitems:
        # Nothing is shown then, but PyTorch still measures a 1-D row in full.
        return values if values.ndim <= 1 else values[:0]
    for axis, size in enumerate(values.shape):
        if size > 2 * edgeitems:
            keep = [*range(edgeitems), *range(size - edgeitems, size)]
            values = np.take(values, keep, axis=axis)
    return values


def _format_row(row, indent, summarize, formatter):
    """One innermost dimension, wrapped to the line width."""
    edgeitems = _OPTS["edgeitems"]
    cell_width = formatter.width + 2  # the cell plus ", "
    per_line = max(1, int((_OPTS["linewidth"] - indent) // cell_width))
    if summarize and not edgeitems:
        cells = ["..."]
    elif summarize and len(row) > 2 * edgeitems:
        head = [formatter.format(v) for v in row[:edgeitems].tolist()]
        tail = [formatter.format(v) for v in row[-edgeitems:].tolist()]
        # The ellipsis is padded and counts as a cell when wrapping.
        cells = head + [" ..."] + tail
    else:
        cells = [formatter.format(v) for v in row.tolist()]
    lines = [", ".join(cells[i : i + per_line]) for i in range(0, len(cells), per_line)]
    return "[" + (",\n" + " " * (indent + 1)).join(lines) + "]"


def _format_block(block, indent, summarize, formatter):
    """Any number of dimensions, each nesting level indented one more column."""
    if block.ndim == 0:
        return formatter.format(block.item())
    if block.ndim == 1:
        return _format_row(block, indent, summarize, formatter)
    edgeitems = _OPTS["edgeitems"]
    size = block.shape[0]
    if summarize and size > 2 * edgeitems:
        shown = [*range(edgeitems), None, *range(size - edgeitems, size)]
    else:
        shown = range(size)
    parts = [
        "..." if i is None else _format_block(block[i], indent + 1, summarize, formatter)
        for i in shown
    ]
    # Slices of a 3-D+ tensor are separated by ndim-2 blank lines.
    separator = "," + "\n" * (block.ndim - 1) + " " * (indent + 1)
    return "[" + separator.join(parts) + "]"


def _format_body(values, is_float, indent):
    """The bracketed contents, without prefix or suffixes."""
    if values.size == 0:
        return "[]"
    summarize = values.size > _OPTS["threshold"]
    sample = _summary_sample(values, _OPTS["edgeitems"]) if summarize else values
    return _format_block(values, indent, summarize, _Formatter(sample, is_float))


def _builtin_suffixes(values, dtype_name, default_float):
    """The size=/dtype= notes PyTorch adds itself, in its order."""
    suffixes = []
    dtype_note = f"dtype=torch.{dtype_name}"
    if values.size == 0:
        # A 1-D empty tensor is the only shape that `[]` describes on its own,
        # and with no elements even int64/bool must be named.
        if values.ndim != 1:
            suffixes.append(f"size={tuple(values.shape)}")
        if dtype_name != default_float:
            suffixes.append(dtype_note)
        return suffixes
    if not _OPTS["edgeitems"]:
        suffixes.append(f"size={tuple(values.shape)}")
    if dtype_name not in (default_float, "int64", "bool"):
        suffixes.append(dtype_note)
    return suffixes


def _append_suffixes(text, suffixes, indent):
    """Add ', suffix' after the text, moving a suffix to its own line when it would overflow."""
    # PyTorch's own line-length estimate, kept verbatim (it counts 2 extra
    # characters when the text is a single line).
    line_length = len(text) - text.rfind("\n") + 1
    pieces = [text]
    for suffix in suffixes:
        if line_length + len(suffix) + 2 > _OPTS["linewidth"]:
            pieces.append(",\n" + " " * indent + suffix)
            line_length = indent + len(suffix)
        else:
            pieces.append(", " + suffix)
            line_length += len(suffix) + 2
    pieces.append(")")
    return "".join(pieces)


def format_tensor(values, dtype_name, suffixes=(), *, default_float="float32", prefix="tensor("):
    """Return the repr of a tensor holding `values` whose dtype is `dtype_name`.

    `values` is a numpy array of any shape (0-d and empty included); it is
    converted to `dtype_name` first, so float32 tensors print the float32
    values. `suffixes` (e.g. 'requires_grad=True', 'grad_fn=<MulBackward0>')
    follow PyTorch's own size=/dtype= notes. `default_float` is the current
    default dtype, whose name PyTorch never prints. The caller adds any
    'Parameter containing:' header itself.
    """
    if dtype_name not in _NUMPY_DTYPES:
        raise ValueError(f"unsupported dtype for printing: {dtype_name!r}")
    values = np.asarray(values).astype(_NUMPY_DTYPES[dtype_name], copy=False)
    indent = len(prefix)
    body = _format_body(values, dtype_name in _FLOAT_DTYPES, indent)
    notes = _builtin_suffixes(values, dtype_name, default_float) + list(suffixes)
    return _append_suffixes(prefix + body, notes, indent)


def format_meta(values, dtype_name, suffixes=(), *, default_float="float32"):
    """A meta tensor's repr: no values, its device and size, then PyTorch's usual notes."""
    notes = ["device='meta'", f"size={tuple(values.shape)}"]
    if dtype_name != default_float:
        notes.append(f"dtype=torch.{dtype_name}")
    return _append_suffixes("tensor(...", notes + list(suffixes), len("tensor("))
