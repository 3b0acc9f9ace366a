"""Print one of the two commands the README opens with: `lessons` (first) or `test` (second)."""
import pathlib
import re
import sys

README = pathlib.Path(__file__).resolve().parent.parent / "README.md"


def commands():
    blocks = re.findall(r"```bash\n(.*?)\n```", README.read_text(), flags=re.S)
    if len(blocks) < 2:
        raise SystemExit("README.md must open with two ```bash blocks: open the lessons, run the tests")
    return {"lessons": blocks[0].strip(), "test": blocks[1].strip()}


if __name__ == "__main__":
    print(commands()[sys.argv[1] if len(sys.argv) > 1 else "test"])
