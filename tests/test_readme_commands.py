"""The README's commands, run as written.

The second command (install everything, run every test) is what .ci/run runs. The first one
(install, open the lessons in JupyterLab) runs here in a copy of this working tree, as whoever runs
the tests (root in CI): it must create its virtual environment, install, and leave JupyterLab
serving the lessons with a Python kernel that imports autograd_lab. Only the environment around
the command is ours: Jupyter's folders inside the test's temporary folder, and ``BROWSER=true`` so
that no browser window opens on a developer's desktop.
"""
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from jupyter_client import BlockingKernelClient

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from readme_commands import commands  # noqa: E402

README = (ROOT / "README.md").read_text()


def working_tree_copy(dest):
    """The files git would commit from this working tree (tracked or new, not ignored)."""
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout: the README's commands are run from a clone")
    listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT,
                            capture_output=True, check=True).stdout.decode().split("\0")
    for name in filter(None, listed):
        src = ROOT / name
        if src.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / name)
    return dest


def get(url):
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.status, response.read()


def post(url, body):
    request = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST",
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status, json.loads(response.read())


def test_the_two_commands_open_the_readme():
    first, second = re.findall(r"```bash\n(.*?)\n```", README, flags=re.S)[:2]
    assert first == commands()["lessons"] and "jupyter lab --allow-root lessons/" in first
    assert second == commands()["test"] and second.endswith("python -m pytest")
    assert README.index(first) < README.index("---\n")


def test_the_readme_counts_the_parity_programs():
    sys.path.insert(0, str(ROOT / "tests"))
    from parity import load_programs

    n = len(load_programs())
    assert f"{n:,} small programs" in README, (
        f"README.md's Tests section should say there are {n:,} parity programs")


def as_user(request, tmp_path):
    """Where the command runs and the prefix that runs it as the test's user (``[]``) or, when the
    tests run as root, also as the unprivileged user ``nobody`` (with a home of its own)."""
    if request.param == "user":
        return tmp_path, []
    if os.geteuid() != 0:
        pytest.skip("the tests run as an unprivileged user already: the other case is root")
    if shutil.which("setpriv") is None:
        pytest.skip("setpriv (util-linux) is needed to run the command as another user")
    folder = Path(tempfile.mkdtemp(prefix="readme_nobody_"))
    request.addfinalizer(lambda: shutil.rmtree(folder, ignore_errors=True))
    nobody = 65534
    os.chmod(folder, 0o755)
    return folder, ["setpriv", f"--reuid={nobody}", f"--regid={nobody}", "--clear-groups", "--"]


@pytest.fixture(params=["user", "nobody"], ids=["as-the-tests-user", "as-nobody-when-root"])
def place(request, tmp_path):
    return as_user(request, tmp_path)


@pytest.mark.readme_install
def test_the_lessons_command_serves_the_lessons_as_written(place):
    where, prefix = place
    repo = working_tree_copy(where / "autograd_lab")
    jupyter = where / "jupyter"
    jupyter.mkdir()
    env = dict(os.environ, BROWSER="true", JUPYTER_CONFIG_DIR=str(jupyter / "config"),
               JUPYTER_DATA_DIR=str(jupyter / "data"), JUPYTER_RUNTIME_DIR=str(jupyter / "runtime"),
               JUPYTERLAB_SETTINGS_DIR=str(jupyter / "settings"),
               JUPYTERLAB_WORKSPACES_DIR=str(jupyter / "workspaces"))
    for key in ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME"):  # the command makes its own environment
        env.pop(key, None)
    if prefix:  # everything the command writes belongs to that user, its home included
        subprocess.run(["chown", "-R", "65534:65534", str(where)], check=True)
        env["HOME"] = str(where)
    proc = subprocess.Popen([*prefix, "bash", "-c", commands()["lessons"]], cwd=repo, env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    log, found = [], threading.Event()

    def read():
        for line in proc.stdout:
            log.append(line)
            if re.search(r"http://(localhost|127\.0\.0\.1):\d+/lab\?token=\w+", line):
                found.set()

    threading.Thread(target=read, daemon=True).start()
    try:
        deadline = time.monotonic() + 900  # a fresh venv and JupyterLab's install
        while not found.wait(1):
            assert proc.poll() is None, "the command stopped:\n" + "".join(log[-40:])
            assert time.monotonic() < deadline, "JupyterLab did not start:\n" + "".join(log[-40:])
        port, token = re.search(r"http://(?:localhost|127\.0\.0\.1):(\d+)/lab\?token=(\w+)", "".join(log)).groups()
        base = f"http://127.0.0.1:{port}"

        # `jupyter lab lessons/` serves the lessons folder as its root.
        for _ in range(60):  # (the address is printed just before the port is open)
            try:
                status, body = get(f"{base}/api/contents?token={token}")
                break
            except urllib.error.URLError as e:
                if not isinstance(e.reason, ConnectionRefusedError):
                    raise
                time.sleep(0.5)
        names = {item["name"] for item in json.loads(body)["content"]}
        assert status == 200 and "01_tensors_that_remember.ipynb" in names
        status, page = get(f"{base}/lab/tree/01_tensors_that_remember.ipynb?token={token}")
        assert status == 200 and b"JupyterLab" in page

        # The lessons' kernel: started through JupyterLab, it runs the venv's Python and imports autograd_lab.
        specs = json.loads(get(f"{base}/api/kernelspecs?token={token}")[1])
        status, kernel = post(f"{base}/api/kernels?token={token}", {"name": specs["default"]})
        assert status == 201
        client = BlockingKernelClient(connection_file=str(jupyter / "runtime" / f"kernel-{kernel['id']}.json"))
        client.load_connection_file()
        client.start_channels()
        printed = []
        try:
            client.wait_for_ready(timeout=120)
            reply = client.execute_interactive(
                "import sys, autograd_lab as torch; print(sys.prefix, torch.ones(2).sum())",
                timeout=120, output_hook=lambda msg: printed.append(msg["content"].get("text", "")))
        finally:
            client.stop_channels()
        assert reply["content"]["status"] == "ok"
        assert "".join(printed) == f"{repo / '.venv'} tensor(2.)\n"
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
