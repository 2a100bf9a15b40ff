"""The wheel, installed into a fresh virtualenv outside the checkout: the ``quotes`` console
script, the rule files and migrations shipped inside the package, and ``quote_attribution``
found by a plain spaCy user through spaCy's entry points, giving the API's quotes."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

from service.config import load_settings

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
ARTICLE = ("KARACHI (AP) - \"The port will stay open,\" the harbour master said on Sunday.\n\n"
           "Shipping agents said the delays had cost them millions, according to a trade body.")

SPACY_USER = """
import json, sys, dataclasses
import spacy
nlp = spacy.load(sys.argv[1])
nlp.add_pipe("quote_attribution")
doc = nlp(open(sys.argv[2], encoding="utf-8").read())
import service
print(json.dumps({"package": service.__file__,
                  "quotes": [dataclasses.asdict(q) for q in doc._.quotes],
                  "types": sorted({type(q).__name__ for q in doc._.quotes})}))
"""


def run(args: list, cwd: Path, **env: str) -> str:
    clean = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "QUOTES_RULES_DIR", "DATABASE_URL")}
    done = subprocess.run([str(a) for a in args], cwd=cwd, env={**clean, **env}, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A fresh virtualenv with the wheel; the dependencies come from this venv through a .pth
    file, so no network is needed and pip still checks the wheel's declared requirements."""
    base = tmp_path_factory.mktemp("wheel")
    run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-w", base / "dist", ROOT],
        cwd=base)
    wheel = next((base / "dist").glob("quote_service-*.whl"))
    target = base / "venv"
    venv.create(target, with_pip=True)
    site = Path(sysconfig.get_path("purelib", vars={"base": str(target), "platbase": str(target)}))
    (site / "dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n")
    run([target / "bin" / "python", "-m", "pip", "install", "--no-index", "--quiet", wheel], cwd=base)
    return target


def test_the_wheel_holds_the_rules_and_migrations(tmp_path):
    run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-w", tmp_path, ROOT],
        cwd=tmp_path)
    names = zipfile.ZipFile(next(tmp_path.glob("*.whl"))).namelist()
    for rule_file in (ROOT / "rules").iterdir():
        assert f"service/rules/{rule_file.name}" in names
    assert "service/migrations/env.py" in names
    assert not [n for n in names if n.startswith(("tests/", "rules/")) or "__pycache__" in n]


def test_console_script_extracts_like_the_checkout(installed, tmp_path, extractor):
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    body = json.loads(run([installed / "bin" / "quotes", "extract", article], cwd=tmp_path))
    expected = extractor.extract(ARTICLE).to_dict()
    assert body["quotes"] == expected["quotes"] and len(body["quotes"]) >= 2
    assert body["speakers"] == expected["speakers"]


def test_spacy_user_gets_the_api_quotes_as_objects(installed, tmp_path, extractor):
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    script = tmp_path / "user.py"
    script.write_text(SPACY_USER, encoding="utf-8")
    out = json.loads(run([installed / "bin" / "python", script, load_settings().model, article], cwd=tmp_path))
    assert out["package"].startswith(str(installed)), "the checkout was imported instead of the wheel"
    assert out["types"] == ["Quote"]
    assert out["quotes"] == extractor.extract(ARTICLE).to_dict()["quotes"]


def test_migrations_ship_with_the_package(installed, tmp_path):
    url = f"sqlite:///{tmp_path / 'quotes.db'}"
    out = run([installed / "bin" / "quotes", "db", "upgrade"], cwd=tmp_path, DATABASE_URL=url)
    assert out.startswith("database at ") and "nothing" not in out
