"""Quoted F1 as the shared scorer computes it, and again with NYT-style '' counted as quotation marks.

Usage: python scripts/quoted_with_nyt_marks.py GOLD_DIR PREDICTIONS.jsonl [--scorer ../shared/eval]

PREDICTIONS.jsonl is what ../shared/eval/run_corpus.py writes (--out). The gold attributions are
not changed; only which gold contents count as "quoted" (the scorer knows “ ” " only).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("gold_dir")
    ap.add_argument("predictions")
    ap.add_argument("--scorer", default=str(Path(__file__).resolve().parents[1].parent / "shared" / "eval"))
    args = ap.parse_args()
    sys.path.insert(0, args.scorer)
    import score  # the shared scorer, unchanged

    docs, preds = score.load_gold(args.gold_dir), score.load_predictions(args.predictions)
    print("shared scorer      quoted", score.score(docs, preds)["quoted"])
    plain = score.is_quoted
    score.is_quoted = lambda text, g: plain(text, g) or any("''" in text[s:e] for s, e in g["content"])
    print("'' counted as marks quoted", score.score(docs, preds)["quoted"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
