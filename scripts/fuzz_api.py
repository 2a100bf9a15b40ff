#!/usr/bin/env python
"""The schemathesis run of the test suite, with many more examples: no 5xx, every answer as documented.

    /work/venv/bin/python scripts/fuzz_api.py --examples 500
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--examples", type=int, default=500, help="examples per operation")
    args = parser.parse_args()
    started = time.monotonic()
    code = subprocess.call([sys.executable, "-m", "pytest", "-q", "tests/api/test_schema_fuzz.py",
                            "--hypothesis-show-statistics"],
                           cwd=ROOT, env={**os.environ, "QUOTES_FUZZ_EXAMPLES": str(args.examples)})
    print(f"schemathesis: {args.examples} examples per operation, {time.monotonic() - started:.0f} s, "
          f"{'PASS' if code == 0 else 'FAIL'}")
    return code


if __name__ == "__main__":
    sys.exit(main())
