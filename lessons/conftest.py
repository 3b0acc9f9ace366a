"""Every lesson notebook is a test: nbval runs it in a fresh kernel and compares each cell's
output with the output saved in the notebook, strictly (every cell, not only marked ones).

`python -m pytest` at the repository root collects this folder (``testpaths`` in
pyproject.toml) and needs no --nbval flag: this file collects the notebooks itself. The kernel
runs in the Python that runs pytest, and both outputs pass through the sanitize rules that ship
with the package (autograd_lab/nbval_sanitize.cfg: memory addresses, temporary file names) before
they are compared; a course checks its own notebooks with the same rules through the plugin
``autograd_lab.nbval``. To update the saved outputs after
changing a lesson or the engine, run ``python lessons/execute_lessons.py``.
"""
from nbval.kernel import CURRENT_ENV_KERNEL_NAME, RunningKernel
from nbval.plugin import IPyNbFile

from autograd_lab.nbval import SANITIZE_CONFIG


class LessonNotebook(IPyNbFile):
    """A notebook checked by nbval with the package's sanitize rules and this Python's kernel."""

    def setup(self):
        # Not the notebook's "python3" kernelspec: on a machine with several Pythons that name
        # may start one without autograd_lab.
        self.kernel = RunningKernel(
            CURRENT_ENV_KERNEL_NAME,
            cwd=str(self.path.parent),
            startup_timeout=self.config.option.nbval_kernel_startup_timeout,
        )
        self.setup_sanitize_files()

    def get_sanitize_files(self):
        return [str(SANITIZE_CONFIG)]


def pytest_collect_file(file_path, parent):
    option = parent.config.option
    # With an explicit --nbval or --nbval-lax, nbval's own collector takes the notebooks.
    if file_path.suffix == ".ipynb" and not (option.nbval or option.nbval_lax):
        return LessonNotebook.from_parent(parent, path=file_path)
