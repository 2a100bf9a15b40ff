"""Headlines and other title-case lines: there a capitalised word is no sign of a name."""
from __future__ import annotations

import re

# function words title case may leave in lower case
TITLE_CASE_LOWER = {"with", "from", "into", "over", "than", "that", "this", "about", "after", "before", "onto",
                    "upon", "amid", "near", "under", "while", "when", "what", "your", "their"}


def headline_lines(text: str) -> list[tuple[int, int]]:
    """Character ranges of lines set in title case: headlines, section heads, link texts.

    In title case every word but the short function words is capitalised (``Obama Says Museum
    Tells an American Story``); a sentence full of names still has lowercase verbs and nouns
    (``Russian President Vladimir Putin visited Pyongyang``)."""
    ranges = []
    pos = 0
    for line in text.split("\n"):
        words = re.findall(r"[^\W\d_][\w'\u2019-]*", line)
        lowercase = [w for w in words if not w[0].isupper() and len(w) > 3 and w.lower() not in TITLE_CASE_LOWER]
        # "And from Chairwoman Jessica Rosen:" introduces what follows; it is no headline
        if len(words) >= 4 and not lowercase and not line.rstrip().endswith(("\u201d", '"', ":")):
            ranges.append((pos, pos + len(line)))
        pos += len(line) + 1
    return ranges
