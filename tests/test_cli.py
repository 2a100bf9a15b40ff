"""The command line prints what the API answers."""
from __future__ import annotations

import json
import subprocess
import sys

from service.cli import main

ARTICLE = '"We will not back down," the governor said.\n'


def test_extract_file_prints_api_json(tmp_path, capsys, extractor):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    assert main(["extract", str(path)]) == 0
    body = json.loads(capsys.readouterr().out)
    assert body["quotes"][0]["text"] == "We will not back down"


def test_text_view_is_one_line_per_quote(tmp_path, capsys, extractor):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    main(["extract", "--format", "text", str(path)])
    line = capsys.readouterr().out.strip()
    assert line.endswith("governor | direct | We will not back down")


def test_stdin_and_pretty(tmp_path):
    out = subprocess.run([sys.executable, "-m", "service", "extract", "--pretty", "-"], input=ARTICLE,
                         capture_output=True, text=True, check=True).stdout
    assert out.startswith("{\n") and json.loads(out)["quotes"]
