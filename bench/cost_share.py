"""Where the extractor's time goes: spaCy's components, our components, and assembly.

    python bench/cost_share.py [--texts DIR]

Each stage is timed document by document in one process, so other load on the machine hits
all stages alike; "rules' share" is the time outside the model's own components.
"""
from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from service.extraction import Extractor  # noqa: E402
from service.extraction.textprep import prepare  # noqa: E402

MODEL_COMPONENTS = {"tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner"}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--texts", type=Path, default=ROOT / "bench" / "texts")
    args = parser.parse_args()
    texts = [p.read_text(encoding="utf-8") for p in sorted(args.texts.glob("*.txt"))]
    extractor = Extractor()
    list(extractor.extract_many(texts[:2]))
    spent: Counter[str] = Counter()
    for text in texts:
        started = time.process_time()
        prep = prepare(text, extractor.rules.junk)
        doc = extractor.nlp.make_doc(prep.text)
        spent["prepare + tokenizer"] += time.process_time() - started
        for name, component in extractor.nlp.pipeline:
            started = time.process_time()
            doc = component(doc)
            spent[name] += time.process_time() - started
        started = time.process_time()
        extractor._assemble([("text", prep, doc)], started)
        spent["assemble (coref, speakers)"] += time.process_time() - started
    total = sum(spent.values())
    for name, seconds in spent.most_common():
        print(f"{name:<28} {seconds:8.2f} s {100 * seconds / total:5.1f} %")
    ours = total - sum(spent[n] for n in MODEL_COMPONENTS) - spent["prepare + tokenizer"]
    print(f"{'rules share':<28} {ours:8.2f} s {100 * ours / total:5.1f} %  (single-process ratio ceiling "
          f"{1 - ours / total:.3f}; tokenizer counted as spaCy's)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
