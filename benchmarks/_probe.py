"""Reports which BLAS and thread settings numpy and torch use inside a benchmark subprocess."""
import ctypes
import os

_BLAS_ENV = ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS",
             "MKL_NUM_THREADS")


def measure(lib_name):
    """Same entry point as a benchmark, so the runner can call it the same way."""
    info = {"numpy": _numpy_info, "torch": _torch_info}[lib_name]()
    info["env"] = {k: os.environ[k] for k in _BLAS_ENV if k in os.environ}
    return info


def _numpy_info():
    import numpy

    info = {"version": numpy.__version__}
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        info["source"] = "numpy.show_config + OpenBLAS query"
        info["blas"] = [_show_config_blas(numpy) | _openblas_runtime()]
    else:
        info["source"] = "threadpoolctl"
        info["blas"] = [
            {"name": p.get("internal_api"), "version": p.get("version"),
             "kernel": p.get("architecture"), "threads": p.get("num_threads"),
             "library": os.path.basename(p.get("filepath", ""))}
            for p in threadpool_info() if p.get("user_api") == "blas"
        ]
    return info


def _show_config_blas(numpy):
    try:
        blas = numpy.show_config(mode="dicts")["Build Dependencies"]["blas"]
    except Exception:  # numpy < 2 has no mode="dicts": the build summary is optional here
        return {"name": "unknown"}
    return {"name": blas.get("name"), "version": blas.get("version")}


def _openblas_runtime():
    """Ask the loaded OpenBLAS itself: the kernel it picked at run time is what OPENBLAS_CORETYPE changes."""
    path = _loaded_library("openblas")
    if path is None:
        return {}
    lib = ctypes.CDLL(path)
    # numpy's wheels carry OpenBLAS with prefixed names; a system OpenBLAS has the plain ones.
    for prefix, suffix in (("scipy_openblas", "64_"), ("scipy_openblas", ""), ("openblas", "")):
        corename = getattr(lib, f"{prefix}_get_corename{suffix}", None)
        threads = getattr(lib, f"{prefix}_get_num_threads{suffix}", None)
        if corename is not None and threads is not None:
            corename.restype = ctypes.c_char_p
            threads.restype = ctypes.c_int
            return {"kernel": corename().decode(), "threads": threads(),
                    "library": os.path.basename(path)}
    return {"library": os.path.basename(path)}


def _loaded_library(fragment):
    try:
        with open("/proc/self/maps") as f:
            paths = {line.split()[-1] for line in f if fragment in line.lower() and ".so" in line}
    except OSError:  # not Linux: no kernel name to report
        return None
    return min(paths) if paths else None


def _torch_info():
    from _measure import load_library

    torch = load_library("torch")
    config = torch.__config__.show()
    blas = next((part.split("=", 1)[1] for part in config.replace(",", " ").split()
                 if part.startswith("BLAS_INFO=")), "unknown")
    return {"version": torch.__version__, "blas": blas, "threads": torch.get_num_threads(),
            "cpu_capability": torch.backends.cpu.get_cpu_capability()}
