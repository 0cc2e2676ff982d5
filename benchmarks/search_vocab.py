"""List index words that hide a shorter word readers type. Use it to review data/jieba_user_dict.txt.

jieba keeps some compounds whole, for example 人民法院 or 通话录音. Search matches an index word exactly or
by its beginning, so a reader who types 法院 or 录音 misses those spots. This script reads a built
search index and prints every index word of four or more Han characters that contains another index
word. The contained word must not be where the compound starts, because prefix search already finds
that. Review the list by hand. Where a reader would type the inner word, add `COMPOUND 0` to the user
dictionary, and jieba then splits the compound. Leave names (中国人民银行) and law titles alone.

    python benchmarks/search_vocab.py [SITE_DIR]     # default: build the site into a temporary folder
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HAN_WORD = re.compile(r"^[\u4e00-\u9fff]+$")


def index_words(site: Path) -> Counter:
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    separator = re.compile(index["config"]["separator"])
    words = Counter()
    for doc in index["docs"]:
        for field in ("title", "text"):
            for token in separator.split(re.sub(r"<[^>]*>", " ", doc.get(field, ""))):
                if HAN_WORD.match(token):
                    words[token] += 1
    return words


def hiding_compounds(words: Counter) -> list[tuple[str, int, list[str]]]:
    found = []
    for word, count in words.items():
        if len(word) < 4:
            continue
        inner = sorted({word[i:j] for i in range(1, len(word)) for j in range(i + 2, len(word) + 1)
                        if word[i:j] in words and word[i:j] != word})
        if inner:
            found.append((word, count, inner))
    return sorted(found, key=lambda row: -row[1])


def main() -> int:
    if len(sys.argv) > 1:
        site = Path(sys.argv[1])
    else:
        site = Path(tempfile.mkdtemp(prefix="search-vocab-"))
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)], cwd=ROOT, check=True,
                       env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    for word, count, inner in hiding_compounds(index_words(site)):
        print(f"{word}\t{count}\t{' '.join(inner)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
