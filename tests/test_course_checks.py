"""A course checks its own %%tracegraph notebooks with the README's one-line nbval command.

The notebook below is saved the way a course author saves one from Jupyter (outputs as they came,
memory addresses and the kernel's temporary file names included); then the README's command runs on
it in a separate pytest, exactly as written there but for the interpreter's path.
"""
import re
import shlex
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from jupyter_client import KernelManager
from nbclient import NotebookClient
from nbval.kernel import CURRENT_ENV_KERNEL_NAME, NbvalKernelspecManager

README = Path(__file__).resolve().parent.parent / "README.md"

CELLS = [
    "import autograd_lab as torch\n%load_ext autograd_lab",
    "%%tracegraph\nx = torch.ones(2, requires_grad=True)\ny = (x * 3).sum()\ny.backward()\nprint(x.grad)",
    "print(y.grad_fn)  # <SumBackward0 object at 0x...>: a new address on every run",
    "y.grad  # PyTorch's warning names the kernel's temporary file for this cell",
]


def readme_recipe():
    blocks = re.findall(r"```bash\n(.*?)\n```", README.read_text(), flags=re.S)
    recipes = [b.strip() for b in blocks if "-p autograd_lab.nbval" in b]
    assert len(recipes) == 1, "the README shows the course command once"
    return recipes[0]


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """A course folder with one notebook saved with its outputs."""
    root = tmp_path_factory.mktemp("course")
    (root / "notebooks").mkdir()
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(source) for source in CELLS]
    km = KernelManager(kernel_name=CURRENT_ENV_KERNEL_NAME, kernel_spec_manager=NbvalKernelspecManager())
    NotebookClient(nb, km=km, timeout=120, resources={"metadata": {"path": str(root)}}).execute()
    path = root / "notebooks" / "graphs.ipynb"
    nbformat.write(nb, path)
    return root, path


def run(args, cwd):
    """The command with ``python`` as this interpreter; its output and exit code."""
    args = [sys.executable if a == "python" else a for a in args]
    done = subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=600)
    return done.returncode, done.stdout + done.stderr


def test_the_saved_notebook_has_what_needs_sanitizing(course):
    _, path = course
    saved = path.read_text()
    assert re.search(r"object at 0x[0-9a-f]{6,}", saved)
    assert re.search(r"ipykernel_\d+", saved)
    assert "image/svg+xml" in saved


def test_the_readme_command_passes_on_a_course_folder(course):
    root, _ = course
    args = shlex.split(readme_recipe())
    assert args[:2] == ["python", "-m"] and args[-1] == "notebooks/"
    code, out = run(args + ["-p", "no:cacheprovider"], root)
    assert code == 0, out
    assert re.search(rf"\b{len(CELLS)} passed\b", out), out


def test_without_the_plugin_the_same_notebook_fails(course):
    """The plugin is what makes it pass: nbval alone sees the new address and file name."""
    root, _ = course
    args = [a for a in shlex.split(readme_recipe()) if a not in ("-p", "autograd_lab.nbval")]
    code, out = run(args + ["-p", "no:cacheprovider"], root)
    assert code == 1, out
    assert re.search(r"\b2 failed, 2 passed\b", out), out


def test_a_changed_output_still_fails_with_the_plugin(course, tmp_path):
    """The rules rewrite what changes by itself, nothing else: a wrong saved value is caught."""
    root, path = course
    nb = nbformat.read(path, as_version=4)
    stream = nb.cells[1].outputs[0]
    assert stream.text == "tensor([3., 3.])\n"
    stream.text = "tensor([2., 3.])\n"
    (tmp_path / "notebooks").mkdir()
    nbformat.write(nb, tmp_path / "notebooks" / "graphs.ipynb")
    code, out = run(shlex.split(readme_recipe()) + ["-p", "no:cacheprovider"], tmp_path)
    assert code == 1, out
    assert re.search(r"\b1 failed, 3 passed\b", out), out


def test_a_sanitize_file_of_the_course_is_applied_too(course, tmp_path):
    root, path = course
    nb = nbformat.read(path, as_version=4)
    nb.cells[1].outputs[0].text = "tensor([3., 3.])  # run on machine A\n"
    (tmp_path / "notebooks").mkdir()
    nbformat.write(nb, tmp_path / "notebooks" / "graphs.ipynb")
    (tmp_path / "course.cfg").write_text("[machine]\nregex:   # run on machine \\w\nreplace: \n")
    code, out = run(shlex.split(readme_recipe()) + ["--nbval-sanitize-with", "course.cfg", "-p", "no:cacheprovider"],
                    tmp_path)
    assert code == 0, out
