#!/usr/bin/env python
"""Audit the pinned dependencies with pip-audit; fail on any known vulnerability.

pip-audit reports a dependency it could not look up as skipped, and then says "No known
vulnerabilities found". This wrapper says plainly when nothing (or not everything) was checked:
with ``--strict`` (or QUOTES_AUDIT_STRICT=1) that is a failure too; without it, a warning, so a
machine whose package index has no vulnerability data does not block CI.

    python scripts/audit.py [--strict]
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    strict = "--strict" in sys.argv[1:] or os.environ.get("QUOTES_AUDIT_STRICT") == "1"
    command = [sys.executable, "-m", "pip_audit", "--format", "json", "--no-deps", "--disable-pip",
               "-r", "requirements.txt", "-r", "requirements-dev.txt", "-r", "requirements-spark.txt"]
    run = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    try:
        report = json.loads(run.stdout)
    except json.JSONDecodeError:
        sys.stderr.write(run.stderr)
        print("audit: pip-audit gave no report (is the vulnerability service reachable?)")
        return 1 if strict else 0
    vulnerable = [d for d in report["dependencies"] if d.get("vulns")]
    skipped = [d for d in report["dependencies"] if d.get("skip_reason")]
    for dep in vulnerable:
        for v in dep["vulns"]:
            fixed = ", ".join(v["fix_versions"]) or "-"
            print(f"VULNERABLE {dep['name']} {dep['version']}: {v['id']} fixed in {fixed}")
    audited = len(report["dependencies"]) - len(skipped)
    print(f"audit: {audited} dependencies checked, {len(vulnerable)} vulnerable, {len(skipped)} not checked")
    if skipped:
        print("audit: WARNING not checked: " + ", ".join(d["name"] for d in skipped))
    if vulnerable:
        return 1
    return 1 if strict and skipped else 0


if __name__ == "__main__":
    sys.exit(main())
