"""A JupyterLab server of our own for the browser tests: a temporary copy of lessons/, Jupyter's
folders (config, data, runtime, settings, workspaces) and HOME inside a temporary folder, so
neither the repository nor the user's own settings are touched or read."""
import atexit
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LESSONS = ROOT / "lessons"

# Settings we give JupyterLab (everything else is JupyterLab's default, as a learner gets it):
SETTINGS = {
    # Every cell rendered, also those scrolled out of view, so each picture can be measured (the
    # default windowing lays out only what is near the viewport; it changes no width).
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    # No machine here reaches the internet: no news or update check (and no toast asking for them).
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {"fetchNews": "false",
                                                                        "checkForUpdates": False},
}


def _die_with_parent():
    """In the child before exec (Linux): SIGTERM when the process that started it ends, however it
    ends (a test run killed, a benchmark interrupted), so no JupyterLab is left behind."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class JupyterLab:
    """``with JupyterLab() as lab:`` serves a copy of the lessons at ``lab.url(path)``."""

    def __init__(self, lessons=LESSONS, python=sys.executable):
        self.python = python
        self.tmp = Path(tempfile.mkdtemp(prefix="autograd_lab_browser_"))
        self.root = self.tmp / "lessons"
        shutil.copytree(lessons, self.root, ignore=shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints"))
        self.token = secrets.token_hex(24)
        self.port = free_port()
        self.proc = None
        self.log_path = self.tmp / "jupyterlab.log"

    def env(self):
        j = self.tmp / "jupyter"
        env = dict(os.environ,
                   HOME=str(self.tmp / "home"), BROWSER="true",
                   JUPYTER_CONFIG_DIR=str(j / "config"), JUPYTER_DATA_DIR=str(j / "data"),
                   JUPYTER_RUNTIME_DIR=str(j / "runtime"),
                   JUPYTERLAB_SETTINGS_DIR=str(j / "settings"),
                   JUPYTERLAB_WORKSPACES_DIR=str(j / "workspaces"),
                   JUPYTER_PLATFORM_DIRS="1")
        env.pop("JUPYTER_PATH", None)
        env.pop("JUPYTER_CONFIG_PATH", None)
        # The kernel and `jupyter` itself come from the Python running the tests.
        env["PATH"] = str(Path(self.python).parent) + os.pathsep + env.get("PATH", "")
        return env

    def start(self, timeout=120):
        env = self.env()
        for key in ("HOME", "JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR"):
            Path(env[key]).mkdir(parents=True, exist_ok=True)
        for name, values in SETTINGS.items():
            path = Path(env["JUPYTERLAB_SETTINGS_DIR"]) / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(values))
        cmd = [self.python, "-m", "jupyter", "lab", "--allow-root", "--no-browser",
               f"--port={self.port}", "--port-retries=0", "--ip=127.0.0.1",
               f"--ServerApp.token={self.token}", f"--ServerApp.root_dir={self.root}",
               "--LabApp.expose_app_in_browser=True",  # window.jupyterapp: run JupyterLab's commands
               "--LabApp.news_url=", "--LabApp.check_for_updates_class=jupyterlab.handlers.announcements.NeverCheckForUpdate"]
        self.log = open(self.log_path, "w")
        self.proc = subprocess.Popen(cmd, cwd=self.root, env=env, stdout=self.log, stderr=subprocess.STDOUT,
                                     start_new_session=True,
                                     preexec_fn=_die_with_parent if sys.platform.startswith("linux") else None)
        atexit.register(self.stop)
        deadline = time.monotonic() + timeout
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError(f"JupyterLab stopped (exit {self.proc.returncode}):\n{self.log_text()}")
            try:
                with urllib.request.urlopen(f"{self.base}/api/status?token={self.token}", timeout=5) as r:
                    if r.status == 200:
                        return self
            except (urllib.error.URLError, ConnectionError, OSError):
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"JupyterLab did not answer in {timeout} s:\n{self.log_text()}")
            time.sleep(0.3)

    @property
    def base(self):
        return f"http://127.0.0.1:{self.port}"

    def url(self, path=""):
        """JupyterLab's page, opening ``path`` (relative to the lessons' copy) if given."""
        return f"{self.base}/lab{'/tree/' + path if path else ''}?token={self.token}"

    def log_text(self, last=60):
        try:
            return "".join(self.log_path.read_text().splitlines(True)[-last:])
        except OSError:
            return ""

    def stop(self):
        if self.proc is not None and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        if self.proc is not None and not self.log.closed:
            self.log.close()
        shutil.rmtree(self.tmp, ignore_errors=True)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()
