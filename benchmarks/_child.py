"""Subprocess entry point: run one benchmark module for one library and print its result as JSON."""
import importlib
import json
import sys

# The runner looks for this prefix, so anything a library prints on stdout cannot be mistaken for it.
RESULT_MARK = "BENCH_RESULT "


def main():
    module_name, lib_name, params = sys.argv[1:4]
    result = importlib.import_module(module_name).measure(lib_name, **json.loads(params))
    print(RESULT_MARK + json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
