"""The lesson notebooks: saved the way CI checks them, and printing what PyTorch prints.

nbval re-runs each lesson and compares it with its saved outputs (``python -m pytest lessons/``:
pyproject.toml's addopts turn nbval on with the plugin ``autograd_lab.nbval``); these tests check
the rest of the promise: the notebooks are saved executed and machine-neutral, each
exercise comes with a hidden check, and swapping ``import autograd_lab as torch`` for
``import torch`` leaves every output the same.
"""
import base64
import contextlib
import copy
import io
import re
import sys
import warnings
from pathlib import Path

import nbformat
import pytest

from autograd_lab.nbval import SANITIZE_CONFIG

LESSONS = Path(__file__).resolve().parent.parent / "lessons"
LESSON_PATHS = sorted(LESSONS.glob("[0-9][0-9]_*.ipynb"))
IMPORT_ENGINE = "import autograd_lab as torch"

# Cells whose output on PyTorch differs because of an engine bug, with the bug. When the engine
# is fixed, test_known_differences_are_still_there fails: remove the entry and re-run the lesson
# (python scripts/execute_lessons.py).
KNOWN_DIFFERENCES = {}

# Cells that show autograd_lab's own extras, the %%tracegraph pictures (lessons 1-5 and 7) and the
# widgets (lesson 6). They run on PyTorch too, drawing PyTorch's graph, but their text summary names the
# library it ran on ("<GraphPicture (torch): ...>"): for these cells only, that one word is
# mapped back before comparing (LIBRARY_CAPTION); everything else in them must match.
# test_extras_cells_exist_and_show_the_extras keeps this list honest.
AUTOGRAD_LAB_EXTRAS = {
    "01_tensors_that_remember": {
        "l01-05": "%%tracegraph picture",
        "l01-13": "%%tracegraph --saved picture",
        "l01-25": "%%tracegraph --autograd picture",
        "l01-loop-small": "%tracegraph picture",
        "l01-loop-large": "%tracegraph picture",
    },
    "02_backward_and_the_chain_rule": {
        "l02-stepper": "BackwardStepper widget",
        "l02-product-rule-picture": "%tracegraph picture",
        "l02-15": "%%tracegraph --saved picture with a timeline",
        "l02-25": "%%tracegraph picture",
        "l02-create-graph-picture": "%tracegraph picture",
    },
    "03_accumulation_and_stopping_tracking": {
        "l03-03": "%%tracegraph picture with a timeline",
        "l03-13": "%%tracegraph picture",
        "l03-detached-picture": "%%tracegraph picture",
        "l03-23": "%%tracegraph picture",
        "l03-non-leaf-picture": "%tracegraph picture",
    },
    "04_custom_functions": {
        "l04-custom-picture": "%tracegraph --autograd picture",
    },
    "05_seeing_the_graph": {
        "l05-first-picture": "%%tracegraph picture",
        "l05-saved": "%%tracegraph --saved picture",
        "l05-autograd": "%%tracegraph --autograd picture",
        "l05-no-zero": "%%tracegraph picture with a timeline",
        "l05-with-zero": "%%tracegraph picture with a timeline",
        "l05-line-magic": "%tracegraph picture",
        "l05-line-magic-tb": "%tracegraph picture",
        "l05-output-var": "%%tracegraph picture",
    },
    "07_a_training_loop": {
        "l07-model-picture": "%tracegraph picture",
        "l07-frozen-picture": "%tracegraph picture",
    },
    "06_instruments": {
        "l06-stepper-first": "BackwardStepper widget",
        "l06-stepper-step3": "BackwardStepper widget",
        "l06-accumulation": "GradAccumulation widget",
        "l06-accumulation-linear": "GradAccumulation widget",
        "l06-retain": "RetainGradExplorer widget",
        "l06-stop-tracking": "StopTrackingExplorer widget",
    },
}
LIBRARY_CAPTION = ("(torch)", "(autograd_lab)")


def read(path):
    return nbformat.read(path, as_version=4)


def code_cells(nb):
    return [cell for cell in nb.cells if cell.cell_type == "code"]


def lesson_params():
    return [pytest.param(path, id=path.stem) for path in LESSON_PATHS]


def test_the_lessons_folder_holds_only_what_a_learner_opens():
    """The notebooks and their README: the tooling lives in scripts/ and tests/, the test
    configuration in pyproject.toml."""
    assert sorted(p.name for p in LESSONS.iterdir() if not p.name.startswith(".")) == sorted(
        [p.name for p in LESSON_PATHS] + ["README.md"]
    )


def test_pytest_runs_the_lessons_with_nbval_and_the_plugin(pytestconfig):
    """`python -m pytest` (the README's second command) checks the lessons: lessons/ among the
    test paths, nbval on, in this Python's kernel, with autograd_lab's nbval plugin (this run's
    configuration, which pyproject.toml's addopts set)."""
    assert "lessons" in pytestconfig.getini("testpaths")
    assert pytestconfig.option.nbval and pytestconfig.option.nbval_current_env
    assert pytestconfig.pluginmanager.has_plugin("autograd_lab.nbval")
    assert pytestconfig.option.nbval_sanitize_with == str(SANITIZE_CONFIG)


def test_the_eight_lessons_are_there():
    assert [path.name for path in LESSON_PATHS][:8] == [
        "01_tensors_that_remember.ipynb",
        "02_backward_and_the_chain_rule.ipynb",
        "03_accumulation_and_stopping_tracking.ipynb",
        "04_custom_functions.ipynb",
        "05_seeing_the_graph.ipynb",
        "06_instruments.ipynb",
        "07_a_training_loop.ipynb",
        "08_forward_and_reverse_mode.ipynb",
    ]


@pytest.mark.parametrize("stem", sorted(AUTOGRAD_LAB_EXTRAS))
def test_extras_cells_exist_and_show_the_extras(stem):
    """Each cell left out of the PyTorch comparison is in its lesson and shows a picture or a
    widget (its saved output has an SVG): the list can hide nothing else."""
    cells = {cell.id: cell for cell in code_cells(read(LESSONS / f"{stem}.ipynb"))}
    for cell_id in AUTOGRAD_LAB_EXTRAS[stem]:
        assert cell_id in cells, f"{cell_id} is not a code cell of {stem}"
        kinds = [key for out in cells[cell_id].outputs for key in out.get("data", {})]
        assert "image/svg+xml" in kinds, f"{cell_id} shows no picture or widget"


@pytest.mark.parametrize("path", lesson_params())
def test_first_code_cell_imports_autograd_lab_as_torch(path):
    assert code_cells(read(path))[0].source == IMPORT_ENGINE


@pytest.mark.parametrize("path", lesson_params())
def test_lesson_is_saved_executed_top_to_bottom_in_one_fresh_kernel(path):
    counts = [cell.execution_count for cell in code_cells(read(path))]
    assert counts == list(range(1, len(counts) + 1))


@pytest.mark.parametrize("path", lesson_params())
def test_lesson_metadata_holds_nothing_machine_specific(path):
    nb = read(path)
    assert nb.metadata == {
        "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
    }
    for cell in nb.cells:
        assert "execution" not in cell.metadata, f"timings saved in cell {cell.id}"


@pytest.mark.parametrize("path", lesson_params())
def test_saved_outputs_have_no_errors_and_no_split_streams(path):
    for cell in code_cells(read(path)):
        kinds = [(out.output_type, out.get("name")) for out in cell.outputs]
        assert ("error", None) not in kinds, f"cell {cell.id} raised"
        # (two pictures in a row, as %%tracegraph --step shows, are two outputs of their own)
        assert all(a != b for a, b in zip(kinds, kinds[1:]) if a[0] == "stream"), f"cell {cell.id} has a stream in pieces"


SOLUTION_CODE = re.compile(r"<details><summary>.*?</summary>\n\n```python\n(.*?)\n```.*</details>", re.S)


def exercises(nb):
    """(exercise, check, solution) cells of each exercise, in order."""
    cells = nb.cells
    return [(cells[i], cells[i + 1], cells[i + 2]) for i, cell in enumerate(cells)
            if "exercise" in cell.metadata.get("tags", [])]


@pytest.mark.parametrize("path", lesson_params())
def test_every_exercise_is_followed_by_a_hidden_check_and_a_folded_solution(path):
    """The check is code with its source hidden; the solution is text (a folded <details> block
    holding the code), so Run All never runs it and never overwrites the learner's variables."""
    found = exercises(read(path))
    assert len(found) >= 2
    for exercise, check, solution in found:
        assert exercise.cell_type == "code"
        assert check.cell_type == "code" and "check" in check.metadata.get("tags", [])
        assert check.metadata["jupyter"]["source_hidden"] is True
        assert solution.cell_type == "markdown" and "solution" in solution.metadata.get("tags", [])
        assert SOLUTION_CODE.fullmatch(solution.source), f"solution {solution.id} is not a folded code block"


@pytest.mark.parametrize("path", lesson_params())
def test_run_all_shows_no_answer(path):
    """Saved as Run All leaves it: every check says the exercise is not done yet (or how it is
    wrong), none says "Right"; no code cell holds a solution's code."""
    nb = read(path)
    codes = [cell.source for cell in code_cells(nb)]
    for exercise, check, solution in exercises(nb):
        said = output_text(check.outputs, [])
        assert "Right" not in said and "Fixed" not in said, f"{check.id} shows an answer: {said}"
        assert said.startswith("[stdout]") and said.strip(), f"{check.id} gives no hint: {said}"
        answer = SOLUTION_CODE.fullmatch(solution.source).group(1)
        assert answer not in codes


def with_solutions(nb):
    """A copy of ``nb`` in which each solution's code runs after its check, followed by the
    check's last line (the call that checks)."""
    nb = copy.deepcopy(nb)
    for exercise, check, solution in reversed(exercises(nb)):
        answer = SOLUTION_CODE.fullmatch(solution.source).group(1)
        call = check.source.rstrip().splitlines()[-1]
        cell = nbformat.v4.new_code_cell(f"{answer}\n{call}")
        cell.id = f"{solution.id}-run"
        at = nb.cells.index(solution) + 1
        nb.cells.insert(at, cell)
    return nb


def execute(nb, engine_import=IMPORT_ENGINE):
    """Execute a copy of ``nb`` in a fresh kernel of this Python, its engine import replaced by
    ``engine_import``; errors are kept as outputs."""
    from jupyter_client import KernelManager
    from nbclient import NotebookClient
    from nbval.kernel import CURRENT_ENV_KERNEL_NAME, NbvalKernelspecManager

    run = copy.deepcopy(nb)
    for cell in code_cells(run):
        cell.source = cell.source.replace(IMPORT_ENGINE, engine_import)
    km = KernelManager(kernel_name=CURRENT_ENV_KERNEL_NAME, kernel_spec_manager=NbvalKernelspecManager())
    NotebookClient(
        run, km=km, timeout=600, allow_errors=True, resources={"metadata": {"path": str(LESSONS)}},
    ).execute()
    return run


def run_side_by_side(function, notebooks):
    """``function`` on each notebook, in threads: each run mostly waits for its kernel."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=len(notebooks)) as pool:
        return dict(zip(notebooks, pool.map(function, notebooks.values())))


@pytest.fixture(scope="module")
def solution_runs():
    return run_side_by_side(lambda nb: execute(with_solutions(nb)), {path: read(path) for path in LESSON_PATHS})


@pytest.mark.parametrize("path", lesson_params())
def test_each_solution_passes_its_check(path, solution_runs):
    ran = {cell.id: cell for cell in code_cells(solution_runs[path])}
    said = {cell_id: output_text(cell.outputs, []) for cell_id, cell in ran.items() if cell_id.endswith("-run")}
    assert len(said) == len(exercises(read(path)))
    for cell_id, text in said.items():
        assert re.search(r"^(\[stdout\])?(Right|Fixed)\b", text, re.M), f"{cell_id}: {text}"
        assert "[error]" not in text, f"{cell_id}: {text}"


@pytest.mark.parametrize("path", lesson_params())
def test_lesson_ends_with_whats_next(path):
    last = read(path).cells[-1]
    assert last.cell_type == "markdown" and last.source.startswith("## What's next")


COVERAGE = "## What the sources teach, and where"
WHERE = re.compile(r"\[(\d\d) (?:§(\d+)|Try it (\d+))\]\((\d\d_\w+\.ipynb)\)")


def test_coverage_table_has_34_source_items_each_pointing_to_a_lesson_section_that_exists():
    readme = (LESSONS / "README.md").read_text()
    table = readme[readme.index(COVERAGE):].split("\n## ")[0]
    rows = [line for line in table.splitlines() if re.match(r"\| \d+ \|", line)]
    assert [int(row.split("|")[1]) for row in rows] == list(range(1, 35))
    for row in rows:
        where = WHERE.findall(row.split("|")[4])
        assert where, f"row without a place: {row}"
        for number, section, exercise, name in where:
            assert name.startswith(number) and (LESSONS / name).exists(), row
            text = "\n".join(cell.source for cell in read(LESSONS / name).cells if cell.cell_type == "markdown")
            mark = f"## {section}. " if section else f"**Try it {exercise}.**"
            assert mark in text, f"{name} has no {mark!r} ({row})"


def test_both_readmes_carry_the_binder_badge_that_opens_lesson_01_in_jupyterlab():
    """Written from pyproject.toml's Repository by scripts/binder_badge.py: the same in both."""
    sys.path.insert(0, str(LESSONS.parent / "scripts"))
    import binder_badge

    url = binder_badge.binder_url()
    assert url.startswith("https://mybinder.org/v2/gh/") and url.endswith(
        "/HEAD?urlpath=lab/tree/lessons/01_tensors_that_remember.ipynb")
    assert (LESSONS.parent / binder_badge.FIRST_LESSON) == LESSON_PATHS[0]
    for readme in binder_badge.READMES:
        assert f"{binder_badge.MARKER}\n{binder_badge.badge()}\n" in readme.read_text(), readme


def test_binder_post_build_trusts_every_lesson(tmp_path):
    """binder/postBuild signs the lessons for the image's user, so JupyterLab shows their saved
    SVG pictures as soon as a lesson opens (an untrusted notebook shows the PNG or the text)."""
    import os
    import subprocess

    from nbformat.sign import NotebookNotary

    post_build = LESSONS.parent / "binder" / "postBuild"
    assert os.access(post_build, os.X_OK)
    env = dict(os.environ, JUPYTER_DATA_DIR=str(tmp_path),
               PATH=os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]))
    notary = NotebookNotary(data_dir=str(tmp_path))
    assert not any(notary.check_signature(read(path)) for path in LESSON_PATHS)
    subprocess.run([str(post_build)], cwd=LESSONS.parent, env=env, check=True, capture_output=True, timeout=120)
    notary = NotebookNotary(data_dir=str(tmp_path))
    assert all(notary.check_signature(read(path)) for path in LESSON_PATHS)


def test_readme_links_every_lesson():
    readme = (LESSONS / "README.md").read_text()
    for path in LESSON_PATHS:
        assert f"]({path.name})" in readme, f"{path.name} missing from lessons/README.md"


# -- the same lesson on real PyTorch ------------------------------------------------------------
def sanitize_patterns():
    from nbval.plugin import get_sanitize_patterns

    return get_sanitize_patterns(SANITIZE_CONFIG.read_text())


def output_text(outputs, patterns):
    """A cell's outputs as one string, as nbval compares them: streams joined, then sanitized."""
    from nbval.plugin import coalesce_streams

    def sanitize(text):
        for regex, replace in patterns:
            text = re.sub(regex, replace, text)
        return text

    parts = []
    for out in coalesce_streams(copy.deepcopy(outputs)):
        if out.output_type == "stream":
            parts.append(f"[{out.name}]{sanitize(out.text)}")
        elif out.output_type == "error":
            parts.append(f"[error]{out.ename}: {sanitize(out.evalue)}")
        else:
            parts.append(f"[{out.output_type}]{sanitize(out.data.get('text/plain', ''))}")
    return "".join(parts)


@pytest.fixture(scope="module")
def pytorch_runs():
    pytest.importorskip("torch")
    saved = {path: read(path) for path in LESSON_PATHS}
    runs = run_side_by_side(lambda nb: execute(nb, "import torch"), saved)
    return {path: (saved[path], runs[path]) for path in saved}


@pytest.mark.parametrize("path", lesson_params())
def test_lesson_prints_on_pytorch_what_it_prints_on_autograd_lab(path, pytorch_runs):
    saved, on_pytorch = pytorch_runs[path]
    patterns = sanitize_patterns()
    extras = AUTOGRAD_LAB_EXTRAS.get(path.stem, {})

    def on_pytorch_text(cell):
        text = output_text(cell.outputs, patterns)
        return text.replace(*LIBRARY_CAPTION) if cell.id in extras else text

    differing = [
        mine.id
        for mine, theirs in zip(code_cells(saved), code_cells(on_pytorch))
        if mine.id not in KNOWN_DIFFERENCES
        and output_text(mine.outputs, patterns) != on_pytorch_text(theirs)
    ]
    assert differing == []


def test_known_differences_are_still_there(pytorch_runs):
    patterns = sanitize_patterns()
    still_differing = set()
    for saved, on_pytorch in pytorch_runs.values():
        for mine, theirs in zip(code_cells(saved), code_cells(on_pytorch)):
            if output_text(mine.outputs, patterns) != output_text(theirs.outputs, patterns):
                still_differing.add(mine.id)
    assert sorted(KNOWN_DIFFERENCES) == sorted(still_differing & set(KNOWN_DIFFERENCES))


# -- the lessons' matplotlib plots -------------------------------------------------------------
# A plot is saved as a PNG only (matplotlib's SVG differs between its versions, so nbval could not
# compare it on every CI row), so the browser suite cannot read its text: its sizes are measured
# here, on the figure itself, and tied to the saved PNG by the width.

def lesson_figures(path):
    """``[(cell index, figure)]`` of every figure a lesson's cells show with ``plt.show()``, the
    cells run in order in this process (a ``%%`` cell's body runs, line magics are left out), with
    matplotlib's defaults, as the kernel's inline backend draws them."""
    import matplotlib
    import matplotlib.pyplot as plt

    matplotlib.use("agg")
    shown = []
    ns = {"__name__": "__main__"}
    show = plt.show
    with matplotlib.rc_context(matplotlib.rcParamsDefault):
        try:
            for index, cell in enumerate(read(path).cells):
                if cell.cell_type != "code":
                    continue
                lines = [ln for ln in cell.source.splitlines() if not ln.lstrip().startswith(("%", "!"))]
                plt.show = lambda *a, **k: shown.append((index, plt.gcf())) or plt.figure()
                with contextlib.redirect_stdout(io.StringIO()), warnings.catch_warnings():
                    warnings.simplefilter("ignore")  # (what the lesson shows on purpose)
                    exec(compile("\n".join(lines), str(path), "exec"), ns)
        finally:
            plt.show = show
    return shown


def saved_png_width(path, index):
    from PIL import Image

    for output in read(path).cells[index].get("outputs", []):
        png = output.get("data", {}).get("image/png")
        if png:
            return Image.open(io.BytesIO(base64.b64decode(png))).size[0]
    return None


@pytest.mark.parametrize("path", [p for p in sorted(LESSONS.glob("*.ipynb")) if "plt.show()" in p.read_text()],
                         ids=lambda p: p.stem)
def test_the_lessons_plots_fit_the_column_with_text_of_12px_or_more(path):
    from matplotlib.text import Text

    figures = lesson_figures(path)
    assert figures
    for index, fig in figures:
        renderer = fig.canvas.get_renderer()
        width = (fig.get_tightbbox(renderer).width + 2 * 0.1) * fig.dpi  # savefig's tight box and its 0.1 in pad
        assert abs(width - saved_png_width(path, index)) <= 2, (index, width)  # the picture the lesson shows
        assert width <= 960, (index, width)
        sizes = [(t.get_fontsize() * fig.dpi / 72, t.get_text()) for t in fig.findobj(Text)
                 if t.get_visible() and t.get_text().strip()]
        assert sizes and min(sizes)[0] >= 12, (index, min(sizes))
