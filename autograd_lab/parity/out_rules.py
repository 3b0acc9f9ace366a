"""Which dtype check each torch function makes of the tensor given as ``out=``, and its words.

PyTorch's functions do not agree on it: most elementwise functions cast their result into
``out`` when the cast loses no kind (float -> int and number -> bool are refused), functions that
keep their input's dtype (``abs``, ``neg``, ``clamp``, ``floor``) want exactly that dtype, the
matrix products and most indexing functions want it too but say so in other words, and ``sum``,
``prod``, ``cumsum``, ``cumprod`` and ``nansum`` compute in ``out``'s dtype. Each rule's text
below is what PyTorch 2.13 prints (checked by tests/parity/programs_out.py); ``{R}`` is the
dtype the function computes, ``{O}`` the dtype of ``out``, as PyTorch's ScalarType names
("Float", "Long"), ``{r}``/``{o}`` as C++ type names ("float", "long int").

RULES: torch name -> (rule, name in the autograd error). Rules:

* ``cast``: cast the result into ``out`` when allowed, else "result type {R} can't be cast ...".
* ``same`` / ``same_expected`` / ``same_where`` / ``same_amax`` / ``same_dot`` / ``same_self`` /
  ``same_take`` / ``long``: ``out`` must have the result's dtype, each with its own message.
* ``in_out_dtype``: the input is cast to ``out``'s dtype first, then reduced.
* ``reduce_cast``: ``mean``, ``std``, ... cast as ``cast`` does, but a float ``out`` of another
  dtype has the reduction computed in that dtype.
* ``cat``: a TypeError when the inputs cannot be cast into ``out`` (float into int, ...).
* ``bool_only``: ``all``/``any`` want a bool ``out``; ``floating``: ``logsumexp`` a float one
  (and computes in it, as ``reduce_cast``); ``double``: ``float_power`` a float64 one.
"""

MESSAGES = {
    "cast": "result type {R} can't be cast to the desired output type {O}",
    "reduce_cast": "result type {R} can't be cast to the desired output type {O}",
    "same": "Found dtype {O} but expected {R}",
    "same_expected": "Expected out tensor to have dtype {r}, but got {o} instead",
    "same_where": "Expected out type to be {R} but got {O}",
    "same_amax": "Expected the dtype for input and out to match, but got {R} for input's dtype and {O} for out's dtype.",
    "same_dot": "result dtype {O} does not match input dtype {R}",
    "same_self": "{name}(): self and result must have the same scalar type",
    "same_take": "take(): self and out expected to have the same dtype, but got self.dtype = {R} and out.dtype = {O}",
    "long": "nonzero: Expected out tensor to have scalar type Long but got scalar type{O}",
    "cat": "torch.cat(): input types can't be cast to the desired output type {O}",
    "bool_only": "{name} only supports bool tensor for result, got: {O}",
    "floating": "logsumexp(): Expected floating point type for result tensor, but got: {O}",
    "double": "the output given to float_power has dtype {O} but the operation's result requires dtype Double",
    "castable": "{name}: Expected result to be safely castable from {R} dtype, but got result with dtype {O}",
    "same_heaviside": "heaviside is not yet implemented for tensors with different dtypes.",
}

# functions with no kernel for some dtypes of ``out`` (NotImplementedError): name -> (words, those
# dtypes, only when the input is a float tensor)
_INTS = ("Bool", "Long", "Int", "Short", "Char", "Byte")
NO_KERNEL = {
    "cumsum": ("\"cumsum_out_cpu\" not implemented for '{O}'", ("Bool",), False),
    "cumprod": ("\"cumprod_out_cpu\" not implemented for '{O}'", ("Bool",), False),
    "nansum": ("\"nansum_cpu\" not implemented for '{O}'", _INTS, True),
    "nanmean": ("\"nansum_cpu\" not implemented for '{O}'", _INTS, True),
}
# nanmean of an integer tensor says it in other words when given ``out``
NANMEAN_INTEGRAL = "nanmean(): integral types and 'Bool' are not supported for nanmean, even for empty tensors."

_CAST = (
    "acos asin atan cos cosh digamma erf erfinv exp exp2 expm1 lgamma log log10 log1p log2 logit "
    "reciprocal rsqrt sigmoid sin sinh sqrt tan tanh polygamma "
    "add atan2 copysign div eq fmax fmin fmod ge gt hypot le lt maximum minimum mul ne pow "
    "remainder sub floor_divide bitwise_and bitwise_or bitwise_xor addcdiv addcmul outer lerp "
).split()
_REDUCE_CAST = "mean std var nanmean".split()
_SAME = "abs ceil floor frac neg round sgn sign trunc bitwise_not clamp clamp_min clamp_max".split()
_SAME_EXPECTED = (
    "addmm mm matmul bmm mv softmax log_softmax gather tril triu diag cross inverse scatter scatter_add "
    "index_add index_copy argmax argmin"
).split()

RULES = {name: ("cast", name) for name in _CAST}
RULES.update({name: ("reduce_cast", name) for name in _REDUCE_CAST})
RULES.update({name: ("same", name) for name in _SAME})
RULES.update({name: ("same_expected", name) for name in _SAME_EXPECTED})
RULES.update({
    # other names PyTorch gives the same function: the autograd error says the first one
    "absolute": ("same", "abs"), "negative": ("same", "neg"), "clip": ("same", "clamp"),
    "subtract": ("cast", "sub"), "multiply": ("cast", "mul"), "divide": ("cast", "div"),
    "true_divide": ("cast", "div"), "square": ("cast", "pow"),
    "where": ("same_where", "where"),
    "amax": ("same_amax", "amax"), "amin": ("same_amax", "amin"),
    "dot": ("same_dot", "dot"),
    "index_select": ("same_self", "index_select"), "masked_select": ("same_self", "masked_select"),
    "take": ("same_take", "take"),
    "nonzero": ("long", "nonzero"),
    "sum": ("in_out_dtype", "sum"), "prod": ("in_out_dtype", "prod"), "nansum": ("in_out_dtype", "nansum"),
    "cumsum": ("in_out_dtype", "cumsum"), "cumprod": ("in_out_dtype", "cumprod"),
    "cat": ("cat", "cat"), "concat": ("cat", "cat"), "concatenate": ("cat", "cat"), "stack": ("cat", "stack"),
    "hstack": ("cat", "cat"), "vstack": ("cat", "cat"), "dstack": ("cat", "cat"),
    "column_stack": ("cat", "cat"), "row_stack": ("cat", "cat"),
    "all": ("bool_only", "all"), "any": ("bool_only", "any"),
    "float_power": ("double", "pow"),
    "logsumexp": ("floating", "logsumexp"),
    "cholesky": ("castable", "cholesky"), "cholesky_inverse": ("castable", "cholesky_inverse"),
    "scatter_reduce": ("same_expected", "scatter_reduce"),
    "heaviside": ("same_heaviside", "heaviside"),
})

# Functions giving a (values, indices) pair take ``out=(values, indices)``: values of the input's
# dtype, indices int64, each checked in these words ({R}/{r}: the input's dtype; {O}/{o}: the
# given tensor's; {RT}/{OT}: as torch.FloatTensor).
_PAIR_EXPECTED = ("Expected out tensor to have dtype {r}, but got {o} instead",
                  "Expected out tensor to have dtype long int, but got {o} instead")
_PAIR_MEDIAN = ("Expected tensor for 'values' to have the same type as tensor for argument #2 'self'; but type "
                "{OT} does not equal {RT} (while checking arguments for median)",
                "Expected tensor for argument #1 'indices' to have scalar type Long; but got {OT} instead (while "
                "checking arguments for median)")
PAIR_RULES = {
    "max": _PAIR_EXPECTED, "min": _PAIR_EXPECTED, "sort": _PAIR_EXPECTED, "topk": _PAIR_EXPECTED,
    "kthvalue": ("output values must be of same type as input", "output indices must be of scalar type Long"),
    "median": _PAIR_MEDIAN, "nanmedian": _PAIR_MEDIAN,
    "mode": ("expected scalar type '{R}' but got '{O}' for values output",
             "expected scalar type 'Long' but got '{O}' for indices output"),
    "cummax": ("expected scalar_type {R} but found {O}", "expected scalar_type Long but found {O}"),
    "cummin": ("expected scalar_type {R} but found {O}", "expected scalar_type Long but found {O}"),
}
# torch.max(t, out=o) / torch.min(t, out=o): the whole tensor's maximum, cast into ``out`` if it can be
MAX_ALL_CAST = ("Expected canCast( typeMetaToScalarType(self.dtype()), typeMetaToScalarType(out.dtype())) to be "
                "true, but got false.  (Could this error message be improved?  If so, please report an enhancement "
                "request to PyTorch.)")

# torch.linalg and torch.special, by their full names
MESSAGES["norm_copy"] = "linalg.{name} expected out tensor dtype {R} but got: {O}"
MESSAGES["same_found"] = "expected scalar type {R} but found {O}"
RULES.update({f"linalg.{name}": ("same_expected", aten) for name, aten in (
    ("cholesky", "linalg_cholesky_ex"), ("cross", "linalg_cross"), ("det", "_linalg_det"),
    ("eigvalsh", "_linalg_eigh"), ("inv", "linalg_inv_ex"), ("matmul", "matmul"),
    ("vector_norm", "linalg_vector_norm"), ("solve", "_linalg_solve_ex"), ("svdvals", "_linalg_svd"))})
RULES["linalg.solve_triangular"] = ("same_found", "linalg_solve_triangular")
# linalg.norm and linalg.matrix_norm record the copy into ``out`` (a CopyBackwards node) rather
# than refuse gradients
RULES["linalg.norm"] = ("norm_copy", "norm")
RULES["linalg.matrix_norm"] = ("norm_copy", "matrix_norm")
RULES.update({f"special.{name}": ("cast", aten) for name, aten in (
    ("digamma", "digamma"), ("psi", "digamma"), ("erf", "erf"), ("erfinv", "erfinv"), ("expit", "sigmoid"),
    ("expm1", "expm1"), ("gammaln", "lgamma"), ("log1p", "log1p"), ("polygamma", "polygamma"), ("xlogy", "xlogy"))})
# torch.linalg functions giving several tensors: out=(...) of that many tensors, each of the
# input's dtype ("same_expected"); name -> (how many, name in the autograd error)
LINALG_TUPLES = {"linalg.eigh": (2, "_linalg_eigh"), "linalg.qr": (2, "linalg_qr"),
                 "linalg.slogdet": (2, "_linalg_slogdet"), "linalg.svd": (3, "_linalg_svd")}
