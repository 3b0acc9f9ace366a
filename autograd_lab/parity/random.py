"""PyTorch's CPU random number generator, reproduced bit for bit on numpy.

After ``manual_seed(s)`` the same sequence of calls gives exactly the values
that PyTorch 2.13 gives on an x86-64 CPU with AVX2 (any machine from the last
decade; PyTorch runs its AVX2 kernels on AVX-512 machines too), so a lesson
written for PyTorch shows the same numbers.  Everything here works on numpy
arrays; the tensor layer wraps them.

How PyTorch draws numbers (found by experiment against torch, and checked by
the tests in ``tests/test_random.py``)
------------------------------------------------------------------------

* The engine is the 32-bit Mersenne Twister (MT19937), seeded with the low 32
  bits of the seed by the reference ``init_genrand`` recurrence.  The full
  64-bit seed is kept for ``initial_seed()``.  PyTorch's default seed is
  67280421310721.  ``random()`` is one 32-bit output; ``random64()`` is two,
  the first one giving the high half.  numpy's ``MT19937`` bit generator is
  the same engine, so it produces the raw words here, at C speed.
* uniform in [0, 1): float32 keeps the low 24 bits of one 32-bit word and
  scales by 2**-24; float64 keeps the low 53 bits of a 64-bit draw and scales
  by 2**-53.  ``uniform_(a, b)`` then computes ``x * (b - a) + a`` in the
  dtype's precision *with a fused multiply-add* (one rounding), and a value
  that rounds up to ``b`` is replaced by ``a``.
* normal, fewer than 16 elements (or a non-contiguous output): Box-Muller in
  float64 from two 53-bit uniforms u1, u2: r = sqrt(-2 log1p(-u2)),
  theta = 2 pi u1; it returns r cos(theta) and keeps r sin(theta) in the
  generator for the next such element (this cache survives between calls and
  is cleared by ``manual_seed``).  The result is ``fma(z, std, mean)`` in
  float64, then cast to the dtype.
* normal, 16 or more elements into a contiguous output: first one uniform per
  element (in the dtype), then Box-Muller on each block of 16: u1 = 1 - d[j],
  u2 = d[j + 8] for j < 8 gives d[j] = r cos, d[j + 8] = r sin.  If the size
  is not a multiple of 16, 16 *more* uniforms are drawn and the last 16
  elements are recomputed from them.  float64 uses the C library's log, cos,
  sin; float32 uses 8-wide AVX approximations of log and sincos (the cephes
  polynomials of the public "avx_mathfun" code), whose exact rounding
  behaviour, including which multiply-adds the compiler fused, is reproduced
  below.  The cache above is neither used nor changed by this path.
* randint(low, high): range = high - low; a range of 2**28 or more uses a
  64-bit draw, a smaller one a 32-bit draw; value = draw % range + low.  For
  floating dtypes low and high are first nudged inwards to values the dtype
  can hold (as PyTorch does).
* randperm(n): for n < (2**32 - 1) // 20 a forward Fisher-Yates shuffle:
  for i in 0..n-2 swap positions i and i + random() % (n - i).  For larger n
  an "inside-out" shuffle with 64-bit draws: z = random64() % (i + 1),
  a[i] = a[z], a[z] = i.
* bernoulli_(p) with a scalar p: one 53-bit float64 uniform per element,
  value = (u < p).  With an array p: float64 p uses that rule, float32 p uses
  a 24-bit float32 uniform.  ``torch.nn.functional.dropout`` (and
  ``nn.Dropout``, ``dropout2d``...) on the CPU draws its mask exactly like
  this: ``mask = bernoulli_(empty_like(x), 1 - p)`` (for dropout2d the mask
  has shape (N, C, 1, 1)), then returns ``x * (mask * (float32(1) /
  float32(1 - p)))`` computed in the input's dtype.  With p == 0 (or an
  empty input, or eval mode) it returns x and draws nothing; with p == 1 it
  returns zeros and draws nothing.
* exponential_(lambd): (-1 / lambd) * log1p(-u) in float64 from a 53-bit
  uniform.  multinomial with one sample, or without replacement: the
  "exponential trick", argmax (or top k) of probs / exponential_(1) drawn
  for every entry; with replacement and several samples: one 53-bit uniform
  per sample, binary-searched in the row's normalised running sums.
* Elements of a non-contiguous output are drawn in memory order (the order
  PyTorch's TensorIterator walks them), not in index order.

Verified against torch: everything above for float32, float64 (and
float16), all sizes, by the live tests; the float32 normal kernel also
exhaustively, for every one of the 2**24 possible u1 and u2 values.

Not reproduced: other machines' code paths (without AVX2 PyTorch uses the C
library's logf/cosf/sinf for float32 ``randn`` and no fused multiply-adds;
float64 normals use the platform's C library, here glibc, which is the one
Python's ``math`` module calls), CUDA's generator, and the order of equal
keys in ``multinomial`` without replacement when more samples are asked for
than there are non-zero weights.

Speed (2-core VM): randn(60000, 784) float32 takes about 2 s of CPU
(PyTorch: 0.3-0.6 s), rand of that size 0.5 s; float64 normals call the C
library's log once per pair of elements through ``math`` (randn(1000, 1000)
float64 0.15 s, (60000, 784) about 6 s).  randperm is a Python loop
(0.5 s per million); above n = 214748364 it takes minutes.
"""

from __future__ import annotations

import math
import operator
import os
import struct

import numpy as np

from .box_muller import _ONE, _box_muller16_f32, _box_muller16_f64, _cos_sin64, _libm
from .fma import _fma32, _fma64
from .._dtype import scalar_type_name

__all__ = [
    "Generator",
    "default_generator",
    "manual_seed",
    "initial_seed",
    "seed",
    "get_rng_state",
    "set_rng_state",
    "rand",
    "randn",
    "randint",
    "randperm",
    "uniform_",
    "normal_",
    "normal",
    "bernoulli_",
    "bernoulli",
    "exponential_",
    "multinomial",
]

DEFAULT_SEED = 67280421310721
_N = 624  # words of Mersenne Twister state
_U64_MASK = (1 << 64) - 1
_STATE_BYTES = 5056  # size of PyTorch's CPU generator state (CPUGeneratorImplState)
_LEGACY_STATE_BYTES = 5048  # PyTorch also accepts the older layout without the float cache
_RANDPERM_SMALL_LIMIT = 0xFFFFFFFF // 20  # below this n, randperm uses 32-bit draws
_CHUNK = 1 << 20  # elements per step when filling big arrays (keeps temporaries small)

_SUPPORTED_FLOATS = (np.dtype(np.float16), np.dtype(np.float32), np.dtype(np.float64))


# --------------------------------------------------------------------------- seeding


def _mt_key(seed32: int) -> np.ndarray:
    """The 624-word MT19937 state that ``init_genrand(seed32)`` produces."""
    key = [0] * _N
    x = seed32 & 0xFFFFFFFF
    key[0] = x
    for j in range(1, _N):
        x = (1812433253 * (x ^ (x >> 30)) + j) & 0xFFFFFFFF
        key[j] = x
    return np.array(key, dtype=np.uint32)


def _check_seed(seed) -> int:
    """Turn a seed into the unsigned 64-bit number PyTorch stores (negatives wrap)."""
    if isinstance(seed, (bool, np.bool_)) or isinstance(seed, (float, np.floating)):
        raise RuntimeError(f"manual_seed expected a long, but got {type(seed).__name__}")
    try:
        seed = operator.index(seed)
    except TypeError:
        raise RuntimeError(f"manual_seed expected a long, but got {type(seed).__name__}") from None
    if not -(1 << 63) <= seed <= _U64_MASK:
        raise ValueError("Overflow when unpacking long long")
    return seed & _U64_MASK


class Generator:
    """A CPU random number generator that behaves like ``torch.Generator()``.

    It holds the Mersenne Twister state, the seed it was last seeded with, and
    the spare Box-Muller sample that small ``normal_`` calls keep for later.
    """

    device = "cpu"

    def __init__(self, seed: int = DEFAULT_SEED):
        self._bitgen = np.random.MT19937()
        self._words = np.random.Generator(self._bitgen)
        self.manual_seed(seed)

    # -- seeding and state ---------------------------------------------------------

    def manual_seed(self, seed: int) -> "Generator":
        """Seed the generator (like ``torch.Generator.manual_seed``); returns ``self``."""
        seed = _check_seed(seed)
        self._initial_seed = seed
        self._set_words(_mt_key(seed), _N)
        self._fresh = True  # PyTorch reports next=0 until the first draw
        self._next_double_normal = None
        self._next_float_normal = None
        return self

    def initial_seed(self) -> int:
        """The seed this generator was last seeded with."""
        return self._initial_seed

    def seed(self) -> int:
        """Reseed from the operating system's entropy; return the new seed."""
        new_seed = int.from_bytes(os.urandom(8), "little")
        self.manual_seed(new_seed)
        return new_seed

    def get_state(self) -> np.ndarray:
        """The full state as 5056 bytes, in the same layout as ``torch.Generator.get_state()``."""
        st = self._bitgen.state["state"]
        pos = int(st["pos"])
        nxt = 0 if self._fresh else pos
        left = _N + 1 - pos
        words = np.asarray(st["key"], dtype=np.uint32).astype("<u8")
        has_double = self._next_double_normal is not None
        has_float = self._next_float_normal is not None
        head = struct.pack("<QiiQ", self._initial_seed, left, 1, nxt)
        tail = struct.pack(
            "<dddi4xf?3x",
            0.0,
            float(self._next_double_normal) if has_double else 0.0,
            0.0,
            int(has_double),
            float(self._next_float_normal) if has_float else 0.0,
            has_float,
        )
        raw = head + words.tobytes() + tail
        assert len(raw) == _STATE_BYTES
        return np.frombuffer(raw, dtype=np.uint8).copy()

    def set_state(self, state) -> None:
        """Restore a state from ``get_state()`` (also accepts ``torch.Generator.get_state()`` bytes)."""
        if isinstance(state, (bytes, bytearray, memoryview)):
            raw = bytes(state)
        else:
            raw = np.asarray(state).astype(np.uint8, copy=False).tobytes()
        if len(raw) not in (_STATE_BYTES, _LEGACY_STATE_BYTES):
            raise RuntimeError(
                "Expected either a THGeneratorState of size 5048 or a CPUGeneratorImplState "
                f"of size 5056 but found the input RNG state size to be {len(raw)}"
            )
        seed, left, seeded, nxt = struct.unpack_from("<QiiQ", raw, 0)
        words = np.frombuffer(raw, dtype="<u8", count=_N, offset=24)
        _x, normal_y, _rho, normal_valid = struct.unpack_from("<dddi", raw, 24 + 8 * _N)
        if not (seeded and 0 < left <= _N and nxt <= _N):
            raise RuntimeError("The given RNG state is corrupted")
        float_valid = False
        next_float = 0.0
        if len(raw) == _STATE_BYTES:
            next_float, float_valid = struct.unpack_from("<f?", raw, _LEGACY_STATE_BYTES)
        self._initial_seed = seed
        self._set_words((words & 0xFFFFFFFF).astype(np.uint32), nxt if nxt > 0 else _N)
        self._fresh = nxt == 0
        self._next_double_normal = float(normal_y) if normal_valid else None
        self._next_float_normal = float(next_float) if float_valid else None

    def __repr__(self) -> str:
        return f"<autograd_lab Generator (cpu) initial_seed={self._initial_seed}>"

    # -- raw words -------------------------------------------------------------

    def _set_words(self, key: np.ndarray, pos: int) -> None:
        self._bitgen.state = {"bit_generator": "MT19937", "state": {"key": key, "pos": int(pos)}}

    def _random32(self, n: int) -> np.ndarray:
        """n consecutive 32-bit outputs (PyTorch's ``random()``), as uint32."""
        if n <= 0:
            return np.empty(0, dtype=np.uint32)
        self._fresh = False
        # Over the full range numpy takes exactly one word per value (and this spelling is fastest).
        return self._words.integers(0, 0xFFFFFFFF, size=n, dtype=np.uint32, endpoint=True)

    def _random64(self, n: int) -> np.ndarray:
        """n consecutive 64-bit draws (PyTorch's ``random64()``): the first word is the high half."""
        if n <= 0:
            return np.empty(0, dtype=np.uint64)
        self._fresh = False
        # numpy's MT19937 builds a 64-bit value from two words in the same order as PyTorch.
        return self._words.integers(0, 0xFFFFFFFFFFFFFFFF, size=n, dtype=np.uint64, endpoint=True)

    def _uniform01_f32(self, n: int) -> np.ndarray:
        """PyTorch's float uniform in [0, 1): low 24 bits of a word, times 2**-24."""
        out = np.empty(n, dtype=np.float32)
        for start in range(0, n, _CHUNK):
            words = self._random32(min(_CHUNK, n - start))
            words &= np.uint32(0xFFFFFF)
            part = out[start:start + words.size]
            part[...] = words
            part *= np.float32(2.0**-24)
        return out

    def _uniform01_f64(self, n: int) -> np.ndarray:
        """PyTorch's double uniform in [0, 1): low 53 bits of a 64-bit draw, times 2**-53."""
        out = np.empty(n, dtype=np.float64)
        for start in range(0, n, _CHUNK):
            bits = self._random64(min(_CHUNK, n - start))
            bits &= np.uint64((1 << 53) - 1)
            part = out[start:start + bits.size]
            part[...] = bits
            part *= 2.0**-53
        return out


default_generator = Generator()


def manual_seed(seed) -> Generator:
    """Seed the default generator, like ``torch.manual_seed``; returns it."""
    return default_generator.manual_seed(int(seed))


def initial_seed() -> int:
    """The seed the default generator was last seeded with (``torch.initial_seed``)."""
    return default_generator.initial_seed()


def seed() -> int:
    """Reseed the default generator non-deterministically (``torch.seed``); return the seed."""
    return default_generator.seed()


def get_rng_state() -> np.ndarray:
    """The default generator's state as uint8 bytes (``torch.get_rng_state``)."""
    return default_generator.get_state()


def set_rng_state(state) -> None:
    """Restore the default generator's state (``torch.set_rng_state``)."""
    default_generator.set_state(state)


def _gen(generator) -> Generator:
    if generator is None:
        return default_generator
    if not isinstance(generator, Generator):
        raise TypeError(f"expected an autograd_lab Generator, got {type(generator).__name__}")
    return generator


# ------------------------------------------------------------------------- helpers


def _float_dtype(dtype, what: str) -> np.dtype:
    dt = np.dtype(dtype)
    if dt not in _SUPPORTED_FLOATS:
        raise TypeError(f"{what}: unsupported dtype {dt} (float16, float32 and float64 are supported)")
    return dt


def _shape(shape) -> tuple:
    if isinstance(shape, (int, np.integer)):
        shape = (int(shape),)
    shape = tuple(operator.index(s) for s in shape)
    if any(s < 0 for s in shape):
        raise RuntimeError(f"Trying to create tensor with negative dimension: {shape}")
    return shape


def _memory_axes(out: np.ndarray) -> list:
    """Axes of ``out`` from outermost to innermost in memory (PyTorch's fill order)."""
    if out.flags.c_contiguous or out.ndim <= 1:
        return list(range(out.ndim))
    return sorted(range(out.ndim), key=lambda ax: -abs(out.strides[ax]))


def _memory_order_view(out: np.ndarray) -> np.ndarray:
    """A view of ``out`` whose C order is the order PyTorch fills it in (memory order)."""
    return out.transpose(_memory_axes(out))


def _fill(out: np.ndarray, values: np.ndarray) -> np.ndarray:
    view = _memory_order_view(out)
    view[...] = values.reshape(view.shape)
    return out


def _check_out(out) -> np.ndarray:
    if not isinstance(out, np.ndarray):
        raise TypeError(f"expected a numpy array to fill, got {type(out).__name__}")
    if not out.flags.writeable:
        raise ValueError("the array to fill is read-only")
    return out


# -------------------------------------------------------------------------- uniform


def _uniform_values(g: Generator, n: int, dt: np.dtype, a: float, b: float) -> np.ndarray:
    a, b = float(a), float(b)
    _check_uniform_bounds(a, b, dt)
    if dt == np.float64:
        lo, width = a, b - a
        draw, scale = g._uniform01_f64, _scale64
    else:  # float32, and float16 which computes in float32
        lo = np.float32(a)
        width = np.float32(np.float32(b) - lo)
        draw, scale = g._uniform01_f32, _scale32
    top, bottom = dt.type(b), dt.type(a)
    out = np.empty(n, dtype=dt)
    for start in range(0, n, _CHUNK):
        part = out[start:start + _CHUNK]
        part[...] = scale(draw(part.size), width, lo)
        part[part == top] = bottom  # a value rounded up onto the upper bound goes to the lower one
    return out


def _scale32(x: np.ndarray, width: np.float32, lo: np.float32) -> np.ndarray:
    """fma(x, width, lo) in float32 for x >= 0, skipping the emulation when it is exact anyway."""
    if width == _ONE:
        return x + lo
    if lo == 0:
        return x * width
    return _fma32(x, width, lo)


def _scale64(x: np.ndarray, width: float, lo: float) -> np.ndarray:
    if width == 1.0:
        return x + lo
    if lo == 0.0:
        return x * width
    return _fma64(x, width, lo)


def _check_uniform_bounds(a: float, b: float, dt: np.dtype) -> None:
    """PyTorch's checks, done in float64 before anything is drawn."""
    limit = float(np.finfo(dt).max)
    for name, v in (("from", a), ("to", b)):
        if not -limit <= v <= limit:
            raise RuntimeError(f"{name} is out of bounds for {dt}")
    if not a <= b:
        raise RuntimeError(f"uniform_ expects to return a [from, to) range, but found from={a} > to={b}")
    if not b - a <= limit:
        raise RuntimeError(
            f"uniform_ expects to-from <= std::numeric_limits<{dt}>::max(), but found to={b} and "
            f"from={a} which result in to-from to exceed the limit"
        )


def uniform_(out: np.ndarray, a: float = 0.0, b: float = 1.0, generator=None) -> np.ndarray:
    """Fill ``out`` in place from U[a, b), like ``Tensor.uniform_``; returns ``out``."""
    out = _check_out(out)
    dt = _float_dtype(out.dtype, "uniform_")
    g = _gen(generator)
    return _fill(out, _uniform_values(g, out.size, dt, a, b))


def rand(shape, dtype=np.float32, generator=None) -> np.ndarray:
    """A new array of U[0, 1) samples, like ``torch.rand``."""
    shape = _shape(shape)
    dt = _float_dtype(dtype, "rand")
    g = _gen(generator)
    n = math.prod(shape)
    return _uniform_values(g, n, dt, 0.0, 1.0).reshape(shape)


# --------------------------------------------------------------------------- normal


def _normal_serial(g: Generator, n: int, mean: float, std: float) -> np.ndarray:
    """PyTorch's element-by-element normal: float64 Box-Muller with the spare value cached."""
    out = np.empty(n, dtype=np.float64)
    if n == 0:
        return out
    i = 0
    if g._next_double_normal is not None:
        out[0] = g._next_double_normal
        g._next_double_normal = None
        i = 1
    m = n - i
    if m:
        pairs = (m + 1) // 2
        u = g._uniform01_f64(2 * pairs).reshape(pairs, 2)
        r = np.sqrt(-2.0 * _libm(math.log1p, -u[:, 1]))
        cos, sin = _cos_sin64((2.0 * math.pi) * u[:, 0])
        both = np.empty((pairs, 2))
        both[:, 0] = r * cos
        both[:, 1] = r * sin
        both = both.reshape(-1)
        out[i:] = both[:m]
        if m % 2:
            g._next_double_normal = float(both[-1])
    if std == 1.0:
        return out + mean
    return _fma64(out, float(std), float(mean))


def _normal_fill(g: Generator, n: int, dt: np.dtype, mean: float, std: float) -> np.ndarray:
    """PyTorch's path for 16 or more contiguous elements."""
    head = n // 16 * 16
    step = 16 * 2048  # elements per step: small enough to stay in cache
    if dt == np.float64:
        out = np.empty(n, dtype=np.float64)
        for start in range(0, head, step):
            stop = min(start + step, head)
            out[start:stop] = _box_muller16_f64(g._uniform01_f64(stop - start), mean, std)
        if n % 16:
            g._uniform01_f64(n - head)  # a uniform is drawn for every element first
            out[n - 16:] = _box_muller16_f64(g._uniform01_f64(16), mean, std)
        return out
    m32, s32 = np.float32(mean), np.float32(std)
    out = np.empty(n, dtype=np.float32)
    for start in range(0, head, step):
        stop = min(start + step, head)
        _box_muller16_f32(g._uniform01_f32(stop - start), m32, s32, out[start:stop])
    if n % 16:
        if dt == np.float32 and dt.metadata is None:
            g._uniform01_f32(n - head)  # float32 draws a uniform for every element first
        tail = np.empty(16, dtype=np.float32)
        _box_muller16_f32(g._uniform01_f32(16), m32, s32, tail)
        out[n - 16:] = tail
    # float16 and bfloat16 compute in float32 block by block and skip the partial block's uniforms
    # (bfloat16 is rounded from these float32 values by the caller: parity/bfloat16.py)
    return out.astype(dt, copy=False)


def _normal_values(g: Generator, n: int, dt: np.dtype, mean: float, std: float, contiguous: bool):
    if not std >= 0.0:
        raise RuntimeError(f"normal expects std >= 0.0, but found std {std}")
    if n >= 16 and contiguous:
        values = _normal_fill(g, n, dt, float(mean), float(std))
        return values.view(dt) if dt.metadata is not None else values.astype(dt, copy=False)  # (bfloat16: marked)
    values = _normal_serial(g, n, mean, std)
    if dt == np.float16 or dt.metadata is not None:  # PyTorch goes double -> float -> half (or bfloat16)
        values = values.astype(np.float32)
    return values.astype(dt)


def normal_(out: np.ndarray, mean: float = 0.0, std: float = 1.0, generator=None) -> np.ndarray:
    """Fill ``out`` in place with N(mean, std**2) samples, like ``Tensor.normal_``; returns ``out``."""
    out = _check_out(out)
    dt = _float_dtype(out.dtype, "normal_")
    g = _gen(generator)
    values = _normal_values(g, out.size, dt, float(mean), float(std), out.flags.c_contiguous)
    return _fill(out, values)


def randn(shape, dtype=np.float32, generator=None) -> np.ndarray:
    """A new array of standard normal samples, like ``torch.randn``."""
    shape = _shape(shape)
    dt = _float_dtype(dtype, "randn")
    g = _gen(generator)
    return _normal_values(g, math.prod(shape), dt, 0.0, 1.0, True).reshape(shape)


def normal(mean=0.0, std=1.0, size=None, generator=None, dtype=None) -> np.ndarray:
    """Like ``torch.normal``.

    With float ``mean`` and ``std`` it needs ``size`` and returns a new array
    (float32 unless ``dtype`` says otherwise).  With arrays it follows PyTorch:
    mean array, float std: draw N(0, std) then add mean; otherwise draw N(0, 1),
    multiply by std, then add mean (separately rounded steps).
    """
    g = _gen(generator)
    mean_is_array = isinstance(mean, np.ndarray)
    std_is_array = isinstance(std, np.ndarray)
    if not mean_is_array and not std_is_array:
        if size is None:
            raise TypeError("normal() with float mean and std needs a size")
        shape = _shape(size)
        dt = _float_dtype(np.float32 if dtype is None else dtype, "normal")
        return _normal_values(g, math.prod(shape), dt, float(mean), float(std), True).reshape(shape)
    if std_is_array and std.size and not (std >= 0).all():
        raise RuntimeError("normal expects all elements of std >= 0.0")
    arrays = [x for x in (mean, std) if isinstance(x, np.ndarray)]
    dt = _float_dtype(np.result_type(*arrays) if dtype is None else dtype, "normal")
    shape = np.broadcast_shapes(*(x.shape for x in arrays))
    n = math.prod(shape)
    if mean_is_array and not std_is_array:
        out = _normal_values(g, n, dt, 0.0, float(std), True).reshape(shape)
        return (out + mean.astype(dt, copy=False)).astype(dt, copy=False)
    out = _normal_values(g, n, dt, 0.0, 1.0, True).reshape(shape)
    out = (out * std.astype(dt, copy=False)).astype(dt, copy=False)
    m = mean.astype(dt, copy=False) if mean_is_array else dt.type(mean)
    return (out + m).astype(dt, copy=False)


# ------------------------------------------------------------------------- integers

_INT_DTYPES = {np.dtype(t) for t in (np.int8, np.int16, np.int32, np.int64, np.uint8, np.uint16, np.uint32, np.uint64)}


def _nudge_float_bounds(low: int, high: int, dt: np.dtype):
    """Move [low, high) inwards until the float dtype cannot round a draw out of it (as PyTorch does)."""
    digits = np.finfo(dt).nmant + 1
    low_plus_1 = int(dt.type(low + 1))
    if low_plus_1 < low:
        n = (abs(low + 1)).bit_length() - 1
        low = low_plus_1 + (1 << (n - digits + 1))
    high_minus_1 = int(dt.type(high - 1))
    if high_minus_1 >= high:
        n = (abs(high - 1)).bit_length() - 1
        high = high_minus_1 - (1 << (n - digits + 1))
    if not low < high:
        raise RuntimeError(
            "random_ expects 'from' casted to dtype to be less than 'to' casted to dtype, "
            f"but got from={low} >= to={high}"
        )
    return low, high


# The C++ type names PyTorch's messages use.
_C_NAMES = {"float16": "c10::Half", "float32": "float", "float64": "double", "bool": "bool", "int8": "signed char",
            "uint8": "unsigned char", "int16": "short int", "int32": "int", "int64": "long int"}


def _check_bounds(low, high, smallest, largest, dt):
    name = _C_NAMES.get(dt.name, dt.name)
    if not smallest <= low <= largest:
        raise RuntimeError(f"from is out of bounds for {name}")
    if not smallest <= high - 1 <= largest:
        raise RuntimeError(f"to - 1 is out of bounds for {name}")


def random_(out: np.ndarray, low=None, high=None, generator=None) -> np.ndarray:
    """Fill ``out`` in place like ``Tensor.random_``: ``random_(to)`` and ``random_(from, to)``
    draw as ``randint``; ``random_()`` covers the dtype: [0, 2**digits] for a float dtype (every
    integer there is exact), [0, max] for an integer one. Returns ``out``."""
    out = _check_out(out)
    dt = out.dtype
    if low is None and high is None:
        if dt in _SUPPORTED_FLOATS:
            values = randint(0, (1 << (np.finfo(dt).nmant + 1)) + 1, out.shape, dt, generator)
        elif dt == np.bool_:
            values = randint(0, 2, out.shape, dt, generator)
        elif dt == np.int64:  # 64-bit draws, modulo 2**63
            values = (_gen(generator)._random64(out.size) % np.uint64(1 << 63)).astype(np.int64)
        elif dt in _INT_DTYPES:  # 32-bit draws, modulo max + 1
            values = (_gen(generator)._random32(out.size) % np.uint64(int(np.iinfo(dt).max) + 1)).astype(dt)
        else:
            raise TypeError(f"random_: unsupported dtype {dt}")
    else:
        if high is None:
            low, high = 0, low
        values = randint(low, high, out.shape, dt, generator)
    return _fill(out, values)


def randint(low: int, high: int, shape, dtype=np.int64, generator=None) -> np.ndarray:
    """Integers uniform in [low, high), like ``torch.randint(low, high, shape)``."""
    shape = _shape(shape)
    dt = np.dtype(dtype)
    low, high = operator.index(low), operator.index(high)
    if not (-(1 << 63) <= low < 1 << 63 and -(1 << 63) <= high < 1 << 63):
        raise ValueError("Overflow when unpacking long long")
    if not low < high:
        raise RuntimeError(f"random_ expects 'from' to be less than 'to', but got from={low} >= to={high}")
    if dt in _SUPPORTED_FLOATS:
        low, high = _nudge_float_bounds(low, high, dt)
        lim = float(np.finfo(dt).max)
        _check_bounds(low, high, -lim, lim, dt)
    elif dt == np.bool_:
        _check_bounds(low, high, 0, 1, dt)
    elif dt in _INT_DTYPES:
        info = np.iinfo(dt)
        _check_bounds(low, high, info.min, min(info.max, (1 << 63) - 1), dt)
    else:
        raise TypeError(f"randint: unsupported dtype {dt}")
    g = _gen(generator)
    n = math.prod(shape)
    span = (high - low) & _U64_MASK
    out = np.empty(n, dtype=dt)
    for start in range(0, n, _CHUNK):
        count = min(_CHUNK, n - start)
        if span >= 1 << 28:
            draws = g._random64(count)
        else:
            draws = g._random32(count).astype(np.uint64)
        draws %= np.uint64(span)
        draws += np.uint64(low & _U64_MASK)  # wraps like C unsigned arithmetic
        v = draws.view(np.int64)
        if dt == np.bool_:
            v = v != 0
        elif dt == np.float16:  # PyTorch goes int64 -> float -> half
            v = v.astype(np.float32)
        out[start:start + count] = v
    return out.reshape(shape)


def randperm(n: int, generator=None, dtype=np.int64) -> np.ndarray:
    """A random permutation of 0..n-1, like ``torch.randperm``.

    The shuffle is a Python loop over precomputed draws, about 0.5-1 s per
    million elements.  n >= 214748364 switches to PyTorch's 64-bit
    inside-out shuffle (checked against torch at n = 214748364): correct, but
    that takes minutes.
    """
    n = operator.index(n)
    if n < 0:
        raise RuntimeError(f"n must be non-negative, got {n}")
    g = _gen(generator)
    if n < _RANDPERM_SMALL_LIMIT:
        result = np.arange(n, dtype=np.int64)
        cells = memoryview(result)  # much faster than numpy scalar indexing in a Python loop
        for start in range(0, n - 1, _CHUNK):
            draws = g._random32(min(_CHUNK, n - 1 - start)).tolist()
            for i, w in enumerate(draws, start):
                j = i + w % (n - i)
                cells[i], cells[j] = cells[j], cells[i]
    else:
        result = np.empty(n, dtype=np.int64)
        cells = memoryview(result)
        for start in range(0, n, _CHUNK):
            draws = g._random64(min(_CHUNK, n - start)).tolist()
            for i, w in enumerate(draws, start):
                z = w % (i + 1)
                cells[i] = cells[z]
                cells[z] = i
    return result.astype(dtype, copy=False)


# ------------------------------------------------------------------------ bernoulli


def bernoulli_(out: np.ndarray, p, generator=None) -> np.ndarray:
    """Fill ``out`` in place with 0/1 draws that are 1 with probability p (``Tensor.bernoulli_``).

    ``p`` is a number (PyTorch compares a 53-bit float64 uniform with it) or an
    array broadcastable to ``out`` (float64 p: as for a number; float32 p: a
    24-bit float32 uniform compared in float32).
    """
    out = _check_out(out)
    g = _gen(generator)
    view = _memory_order_view(out)
    if isinstance(p, np.ndarray):
        pv = np.broadcast_to(p, out.shape).transpose(_memory_axes(out)).ravel()
        if pv.dtype == np.float64:
            if pv.size and not ((pv >= 0) & (pv <= 1)).all():
                raise RuntimeError("bernoulli_ expects all elements of p to be in [0, 1]")
            hits = g._uniform01_f64(out.size) < pv
        else:
            pv = pv.astype(np.float32)
            if pv.size and not ((pv >= 0) & (pv <= 1)).all():
                raise RuntimeError("bernoulli_ expects all elements of p to be in [0, 1]")
            hits = g._uniform01_f32(out.size) < pv
    else:
        p = float(p)
        if not 0.0 <= p <= 1.0:
            raise RuntimeError(f"bernoulli_ expects p to be in [0, 1], but got p={p}")
        hits = g._uniform01_f64(out.size) < p
    view[...] = hits.reshape(view.shape).astype(out.dtype)
    return out


def bernoulli(p: np.ndarray, generator=None) -> np.ndarray:
    """Like ``torch.bernoulli(p)``: a new array shaped like p, each 1 with probability p."""
    p = np.asarray(p)
    dt = p.dtype if p.dtype in _SUPPORTED_FLOATS else np.dtype(np.float32)
    out = np.empty(p.shape, dtype=dt)
    return bernoulli_(out, p, generator)


# ------------------------------------------------------------- exponential, multinomial


def exponential_(out: np.ndarray, lambd: float = 1.0, generator=None) -> np.ndarray:
    """Fill ``out`` in place with Exp(lambd) samples, like ``Tensor.exponential_``; returns ``out``.

    PyTorch computes ``(-1 / lambd) * log1p(-u)`` in float64 from a 53-bit uniform u.
    """
    out = _check_out(out)
    if out.dtype.kind != "f":
        raise RuntimeError("Exponential distribution is a continuous probability distribution. dtype must be a "
                           f"floating point but you specified {scalar_type_name(out.dtype)}")
    dt = _float_dtype(out.dtype, "exponential_")
    lambd = float(lambd)
    if not lambd > 0.0:
        raise RuntimeError(f"exponential_ expects lambda > 0.0, but found lambda={lambd:g}")
    g = _gen(generator)
    u = g._uniform01_f64(out.size)
    values = (-1.0 / lambd) * _libm(math.log1p, -u)
    if dt == np.float16:
        values = values.astype(np.float32)
    return _fill(out, values.astype(dt))


def multinomial(probs: np.ndarray, num_samples: int, replacement: bool = False, generator=None) -> np.ndarray:
    """Indices drawn from the rows of ``probs`` (weights, need not sum to 1), like ``torch.multinomial``.

    One sample, or sampling without replacement, is PyTorch's "exponential
    trick": q = exponential_(empty_like(probs)), then the argmax (or the top
    ``num_samples``) of probs / q.  Several samples with replacement: one 53-bit
    uniform per sample, looked up by binary search in the row's normalised
    cumulative sums (computed in the dtype of ``probs``).
    """
    probs = np.asarray(probs)
    if probs.ndim not in (1, 2):
        raise RuntimeError("prob_dist must be 1 or 2 dim")
    if probs.dtype not in _SUPPORTED_FLOATS:
        raise RuntimeError(f"multinomial only supports floating-point dtypes for input, got: {probs.dtype}")
    num_samples = operator.index(num_samples)
    if num_samples <= 0:
        raise RuntimeError("cannot sample n_sample <= 0 samples")
    rows = probs.reshape(-1, probs.shape[-1])
    n_categories = rows.shape[1]
    if not replacement and num_samples > n_categories:
        raise RuntimeError("cannot sample n_sample > prob_dist.size(-1) samples without replacement")
    if rows.size and not (np.isfinite(rows).all() and (rows >= 0).all()):
        raise RuntimeError("probability tensor contains either `inf`, `nan` or element < 0")
    if rows.size and not (rows.sum(axis=1, dtype=np.float64) > 0).all():
        raise RuntimeError("invalid multinomial distribution (sum of probabilities <= 0)")
    g = _gen(generator)
    if not replacement or num_samples == 1:
        q = exponential_(np.empty(rows.shape, dtype=probs.dtype), 1.0, g)
        with np.errstate(divide="ignore", invalid="ignore"):
            ratio = rows / q
        if num_samples == 1:
            result = np.argmax(ratio, axis=1)[:, None]
        else:
            result = np.argsort(-ratio, axis=1, kind="stable")[:, :num_samples]
    else:
        result = np.empty((rows.shape[0], num_samples), dtype=np.int64)
        for i, row in enumerate(rows):
            cum = np.cumsum(row, dtype=row.dtype)  # a running sum in the row's dtype, as PyTorch
            cum = cum / cum[-1]
            cum[-1] = 1
            u = g._uniform01_f64(num_samples)
            # first slot whose cumulative probability is not below the uniform draw
            result[i] = np.searchsorted(cum.astype(np.float64), u, side="left")
    result = result.astype(np.int64)
    return result.reshape(num_samples) if probs.ndim == 1 else result
