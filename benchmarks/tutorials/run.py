"""Run public PyTorch tutorial programs unchanged on PyTorch and on autograd_lab; compare stdout.

    python benchmarks/tutorials/run.py                      # all programs, writes RESULTS.md
    python benchmarks/tutorials/run.py -k polynomial -v     # some, showing the differences
    python benchmarks/tutorials/run.py --sources DIR        # where the git copies are

Each program (``programs.py``: repository, commit, path) is read with ``git show COMMIT:PATH``
from a git directory under ``--sources`` (default ``/work/.mirror``, or ``$TUTORIAL_SOURCES``)
that holds the commit: a clone of the repository or of a fork, bare or not. It runs as a script
(a notebook: its code cells joined, ``%``/``!`` lines left out) in a fresh process, in an
empty temporary directory, on one thread, once on PyTorch and once with ``torch`` answered by
autograd_lab (``_child.py``: no text edited). Only object addresses and timings are normalised
before comparing (with them, the padding of a timed column and the order of a profiler table's
rows, which PyTorch sorts by a time column: see ``normalise``). A program PyTorch itself cannot run here is listed apart, not counted.
"""
import argparse
import datetime
import json
import os
import re
import subprocess
import sys
import tempfile

import numpy

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
from programs import EXCLUDED, PROGRAMS  # noqa: E402

PYTHON = sys.executable


# ---- sources -------------------------------------------------------------------------------

def _git_dirs(root):
    for name in sorted(os.listdir(root)) if os.path.isdir(root) else ():
        for sub in ("repo", ".git", ""):
            d = os.path.join(root, name, sub)
            if os.path.isdir(d) and os.path.exists(os.path.join(d, "HEAD")):
                yield d
                break


def find_source(program, roots):
    """The program's text at its commit, from the first git directory that holds the commit."""
    for root in roots:
        for d in _git_dirs(root):
            r = subprocess.run(["git", "--git-dir", d, "show", f"{program.commit}:{program.path}"],
                               capture_output=True)
            if r.returncode == 0:
                return r.stdout.decode()
    return None


def as_script(path, text):
    """A notebook's code cells joined (IPython magics and shell lines left out); a .py as it is."""
    if not path.endswith(".ipynb"):
        return text
    cells = json.loads(text)["cells"]
    lines = []
    for cell in cells:
        if cell["cell_type"] == "code":
            source = "".join(cell["source"])
            lines += [ln for ln in source.splitlines() if not ln.lstrip().startswith(("%", "!"))]
    return "\n".join(lines) + "\n"


# ---- running -------------------------------------------------------------------------------

def run_one(lib, script_path, workdir, timeout, extra_env=None):
    env = dict(os.environ, OMP_NUM_THREADS="1", MKL_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1",
               MPLBACKEND="Agg", PYTHONPATH=ROOT, PYTHONHASHSEED="0", **(extra_env or {}))
    try:
        r = subprocess.run([PYTHON, os.path.join(HERE, "_child.py"), lib, script_path], cwd=workdir,
                           env=env, capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired as e:
        return (e.stdout or b"").decode(errors="replace"), f"timed out after {timeout} s", None
    return r.stdout.decode(errors="replace"), r.stderr.decode(errors="replace"), r.returncode


def error_line(stderr):
    """The exception line of a traceback (its last line that starts a message)."""
    lines = [ln for ln in stderr.strip().splitlines() if ln.strip()]
    for ln in reversed(lines):
        if re.match(r"^[A-Za-z_][\w.]*(Error|Exception|Interrupt|Exit)\b|^\w+Error:", ln):
            return ln.strip()
    return lines[-1].strip() if lines else "(no message)"


# ---- comparing -----------------------------------------------------------------------------

_ADDRESS = re.compile(r"0x[0-9a-fA-F]{6,}")
_TIME = re.compile(r"(?<![\w.])\d+(?:\.\d+)?(?:e[-+]?\d+)?\s?(?:ns|us|µs|ms|s|sec|secs|seconds|msec|usec)\b")
_PERCENT = re.compile(r"(?<![\w.])\d+(?:\.\d+)?%")
_PADDED = re.compile(r" +(<time>|<percent>)")
_RULE = re.compile(r"^-+(?:  +-+)+ *$")
_NUMBER = re.compile(r"[-+]?\d+(?:\.\d*)?(?:[eE][-+]?\d+)?")


def _clear(work, script):
    """Remove what a run wrote (checkpoints) beside the script, so the next run starts as it did."""
    for leftover in os.listdir(work):
        if os.path.join(work, leftover) != script:
            subprocess.run(["rm", "-rf", os.path.join(work, leftover)])


def _whole_values(lines, numbers):
    """The given line numbers, widened to every line of the printed values they are part of (a
    tensor printed over several lines: its rows are inside the brackets opened on its first line),
    so a row that happens to print alike on two runs goes with the rest of its tensor."""
    block, depth, blocks = [], 0, []
    for i, line in enumerate(lines):
        if depth <= 0 and block:
            blocks.append(block)
            block = []
        block.append(i)
        depth += line.count("[") + line.count("(") - line.count("]") - line.count(")")
    blocks.append(block)
    return {i for b in blocks if numbers.intersection(b) for i in b}


def _without_lines(text, numbers):
    """The output with the given lines (numbered after ``normalise``) replaced by one marker."""
    return "\n".join("<differs between two PyTorch runs>" if i in numbers else line
                     for i, line in enumerate(normalise(text)))


def normalise(text):
    """Object addresses and timings (and, on lines with a timing, percentages) made constant.

    On a timed line the spaces before a timing go too: a table right-aligns its columns, so
    ``4.705ms`` and ``11.027ms`` pad differently. The rows of a profiler table (between its dashed
    rules, every row timed) are put in text order: PyTorch sorts them by a time column, so rows
    of nearly equal times (``aten::mul`` and ``aten::div`` at 50% each) swap between two runs of
    PyTorch itself."""
    out = []
    for line in text.splitlines():
        line = _ADDRESS.sub("0x<address>", line)
        timed = _TIME.sub("<time>", line)
        if timed != line:
            timed = _PADDED.sub(r" \1", _PERCENT.sub("<percent>", timed))
        out.append(timed)
    return _timed_rows_sorted(out)


def _timed_rows_sorted(lines):
    """Each run of lines between two table rules (``----  ----``) that are all timed, sorted."""
    rules = [i for i, line in enumerate(lines) if _RULE.match(line)]
    for start, end in zip(rules, rules[1:]):
        rows = lines[start + 1:end]
        if rows and all("<time>" in row for row in rows):
            lines[start + 1:end] = sorted(rows)
    return lines


def _ulps32(a, b):
    """How many float32 steps apart two printed numbers are (None if not both numbers)."""
    try:
        x, y = float(a), float(b)
    except ValueError:
        return None
    step = float(numpy.spacing(numpy.float32(max(abs(x), abs(y)))))
    return abs(x - y) / step if step else None


def _last_digit_apart(a, b):
    """Two printed numbers one apart in their last printed digit (``1.2346`` / ``1.2345``), or,
    printed in full (``loss.item()``), at most 2 float32 steps apart."""
    ma, mb = re.split("[eE]", a), re.split("[eE]", b)
    if len(a) == len(b) and ma[1:] == mb[1:]:
        decimals = len(ma[0].split(".")[1]) if "." in ma[0] else 0
        if abs(float(ma[0]) - float(mb[0])) <= 1.0001 * 10.0 ** -decimals:
            return True
    ulps = _ulps32(a, b)
    return ulps is not None and ulps <= 2


def _relative(p, q):
    try:
        x, y = float(p), float(q)
    except ValueError:
        return float("inf")
    return abs(x - y) / max(abs(x), abs(y)) if x != y else 0.0


def compare(torch_out, lab_out):
    """'same', 'last-digit' or 'differs'; the first differing line pair; and, when only numbers
    differ, the largest relative difference between them (else None)."""
    t, a = normalise(torch_out), normalise(lab_out)
    if t == a:
        return "same", None, None
    first = next(((x, y) for x, y in zip(t, a) if x != y), None) or (
        (t[len(a)] if len(t) > len(a) else "(no line)", a[len(t)] if len(a) > len(t) else "(no line)"))
    if len(t) != len(a):
        return "differs", first, None
    last_digit, largest = True, 0.0
    for x, y in zip(t, a):
        if x == y:
            continue
        nx, ny = _NUMBER.findall(x), _NUMBER.findall(y)
        if _NUMBER.sub("#", x) != _NUMBER.sub("#", y) or len(nx) != len(ny):
            return "differs", first, None
        for p, q in zip(nx, ny):
            if p != q:
                largest = max(largest, _relative(p, q))
                last_digit = last_digit and _last_digit_apart(p, q)
    return ("last-digit" if last_digit else "differs"), first, largest


# ---- the table -----------------------------------------------------------------------------

def _short(s, n=150):
    s = s.replace("|", "\\|").replace("`", "'")
    return s if len(s) <= n else s[: n - 1] + "…"


def _name(p):
    return f"{p.repo} `{p.path}`"


def write_table(results, path, argv):
    counted = [r for r in results if r["result"] != "torch-error"]
    n = {k: sum(r["result"] == k for r in counted) for k in ("same", "last-digit", "differs", "error", "timeout")}
    commit = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    import torch
    lines = [
        "# Public tutorials, run unchanged on PyTorch and on autograd_lab",
        "",
        f"{n['same']} of {len(counted)} programs print the same; {n['last-digit']} more differ only in a last "
        f"float32 digit, {n['differs']} print something else, {n['error'] + n['timeout']} stop with an error"
        + (f" ({n['timeout']} time out)" if n["timeout"] else "") + ".",
        "",
        f"Run on {datetime.date.today().isoformat()}: autograd_lab at {commit}, PyTorch {torch.__version__}, "
        f"Python {sys.version.split()[0]}, 1 thread. Each program runs unchanged, once on PyTorch and once "
        "with `torch` answered by autograd_lab, both starting from one seed (PyTorch 2.13 seeds itself from "
        "the OS); only object addresses and timings are normalised (with a timing's column padding, and the "
        "order of a profiler table's rows, which PyTorch sorts by time), and lines PyTorch prints differently on a "
        "second run of its own are left out (counted in the table). 'last-digit': every number that differs "
        "is one apart in its last printed digit or at most 2 float32 steps apart. Rerun (needs git copies "
        "of the repositories, see `run.py`; CI cannot fetch them, so this table is committed):",
        "",
        "```bash",
        "python " + " ".join(["benchmarks/tutorials/run.py"] + argv),
        "```",
        "",
        "Sources (read with `git show COMMIT:PATH`, not copied into the project):",
        "",
    ]
    for repo in dict.fromkeys(p["program"].repo for p in results):
        c = next(p["program"].commit for p in results if p["program"].repo == repo)
        lines.append(f"- {repo} at {c}")
    lines += ["", "| # | program | result | first error line, or first line that differs (PyTorch / autograd_lab) |",
              "|---|---|---|---|"]
    for i, r in enumerate(results, 1):
        detail = ""
        if r["result"] in ("error", "timeout", "torch-error"):
            detail = _short(r["error"])
        elif r["first"]:
            detail = _short(r["first"][0], 70) + " / " + _short(r["first"][1], 70)
            if r["result"] == "differs" and r["relative"] is not None:
                detail = f"only numbers differ, by at most {r['relative']:.1e} relative; first: " + detail
        if r.get("varying"):
            detail = (f"{r['varying']} lines left out: PyTorch prints them differently on each run (uninitialised "
                      "memory of torch.empty)" + ("; " + detail if detail else ""))
        lines.append(f"| {i} | {_name(r['program'])} | {r['result']} | {detail} |")
    lines += ["", "Not run (a download, CUDA, or a library that is not PyTorch):", ""]
    for e in EXCLUDED:
        lines.append(f"- {e.repo} `{e.path}` at {e.commit[:12]}: {e.reason}")
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sources", action="append",
                    help="a directory holding git copies (repeatable); default $TUTORIAL_SOURCES or /work/.mirror")
    ap.add_argument("-k", help="only programs whose path contains this")
    ap.add_argument("--timeout", type=float, default=180)
    ap.add_argument("--out", default=os.path.join(HERE, "RESULTS.md"), help="the table (not written with -k)")
    ap.add_argument("-v", "--verbose", action="store_true", help="print a diff of each program that differs")
    args = ap.parse_args(argv)
    roots = args.sources or os.environ.get("TUTORIAL_SOURCES", "/work/.mirror").split(os.pathsep)
    chosen = [p for p in PROGRAMS if not args.k or args.k in p.path]
    results = []
    for p in chosen:
        text = find_source(p, roots)
        if text is None:
            print(f"{p.repo} {p.path}: no git copy holding {p.commit[:12]} under {roots}", file=sys.stderr)
            continue
        with tempfile.TemporaryDirectory() as work:
            script = os.path.join(work, os.path.basename(p.path).replace(".ipynb", ".py"))
            with open(script, "w") as f:
                f.write(as_script(p.path, text))
            t_out, t_err, t_rc = run_one("torch", script, work, args.timeout)
            _clear(work, script)
            a_out, a_err, a_rc = run_one("lab", script, work, args.timeout)
            varying = set()
            if t_rc == 0 and a_rc == 0 and compare(t_out, a_out)[0] != "same":
                # Lines PyTorch itself prints differently on a second run (torch.empty's
                # uninitialised memory) are left out of the comparison, and counted. glibc fills
                # fresh heap blocks with a byte pattern on that run (MALLOC_PERTURB_), so memory
                # PyTorch never wrote differs from the first run's even where the heap happened
                # to hand back the same bytes.
                _clear(work, script)
                again, _, again_rc = run_one("torch", script, work, args.timeout, {"MALLOC_PERTURB_": "165"})
                first_run, second_run = normalise(t_out), normalise(again)
                if again_rc == 0 and len(first_run) == len(second_run):
                    varying = _whole_values(first_run, {i for i, (x, y) in enumerate(zip(first_run, second_run))
                                                        if x != y})
        r = {"program": p, "first": None, "error": "", "relative": None, "varying": len(varying)}
        if varying and len(normalise(t_out)) == len(normalise(a_out)):
            t_out, a_out = _without_lines(t_out, varying), _without_lines(a_out, varying)
        if t_rc != 0:
            r["result"], r["error"] = "torch-error", "PyTorch: " + error_line(t_err)
        elif a_rc is None:
            r["result"], r["error"] = "timeout", a_err
        elif a_rc != 0:
            r["result"], r["error"] = "error", error_line(a_err)
        else:
            r["result"], r["first"], r["relative"] = compare(t_out, a_out)
        results.append(r)
        print(f"{r['result']:11} {p.repo} {p.path}  {r['error']}", flush=True)
        if args.verbose and r["result"] in ("differs", "last-digit"):
            import difflib
            sys.stdout.writelines(difflib.unified_diff(
                [ln + "\n" for ln in normalise(t_out)], [ln + "\n" for ln in normalise(a_out)],
                "pytorch", "autograd_lab", n=1))
    counted = [r for r in results if r["result"] != "torch-error"]
    print(f"{sum(r['result'] == 'same' for r in counted)} of {len(counted)} programs print the same")
    if not args.k:
        write_table(results, args.out, argv)


if __name__ == "__main__":
    main()
