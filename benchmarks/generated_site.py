"""A large synthetic copy of the site for build-time scaling: N pages in sections of ~50, real Chinese text.

Pages are made of paragraphs, lists, tables and headings taken from our own docs/*.md (links flattened to
their text, so nothing points outside the generated site), with valid front matter, two or three
penalty-table blocks with varied amounts, and a closing "## 接下来你可以" that links to neighbouring pages.
No text repeats between pages, as on a real site (a cache keyed on text would otherwise make copies free):
every run of Chinese characters in a borrowed block is rewritten, per page, into words of the same
length drawn from our docs' own vocabulary (jieba's words, following the docs' word pairs half of the
time), so the Markdown structure, the numbers and the mix of words stay real. The same seed gives the
same site.

    python benchmarks/generated_site.py /tmp/big 1000     # writes /tmp/big/docs and /tmp/big/mkdocs.yml
"""
from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import shutil
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SECTION_SIZE = 50
LINK_RE = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
FRONT_MATTER_RE = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)
PRODUCTS = ("jd-baitiao", "huabei", "credit-card")
HAN_RUN_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


# Pure helpers -----------------------------------------------------------------------------------

def content_blocks(markdown: str) -> list[str]:
    """Self-contained Markdown blocks of a page: no front matter, fences, admonitions, H1 or link lists.

    Blocks are separated by blank lines; indented continuation blocks (admonition bodies) and anything
    after "## 接下来你可以" are dropped, and links become their text.
    """
    body = FRONT_MATTER_RE.sub("", markdown, count=1)
    body = body.split("## 接下来你可以")[0]
    body = re.sub(r"^(`{3,}|~{3,}).*?^\1[ \t]*$", "", body, flags=re.MULTILINE | re.DOTALL)
    blocks = []
    for block in re.split(r"\n[ \t]*\n", body):
        block = block.strip("\n")
        if not block.strip() or block[0] in " \t" or block.startswith(("# ", "!!!", "???", "*[", "<", "{")):
            continue
        blocks.append(LINK_RE.sub(r"\1", block))
    return blocks


class Vocabulary:
    """Our docs' words and word pairs, to rewrite Chinese text into new text of the same shape."""

    def __init__(self, runs: list[list[str]]):
        self.words = [word for run in runs for word in run]
        self.next: dict[str, list[str]] = {}
        for run in runs:
            for first, second in zip(run, run[1:]):
                self.next.setdefault(first, []).append(second)

    @classmethod
    def from_blocks(cls, blocks: list[str]) -> "Vocabulary":
        import jieba  # Material's search plugin depends on it, so it is installed wherever the site builds

        jieba.setLogLevel(40)
        return cls([jieba.lcut(run) for block in blocks for run in HAN_RUN_RE.findall(block)])

    def run(self, rng: random.Random, length: int) -> str:
        """New Chinese text of exactly `length` characters, word by word."""
        text, word = "", rng.choice(self.words)
        while len(text) < length:
            text += word
            followers = self.next.get(word)
            word = rng.choice(followers) if followers and rng.random() < 0.5 else rng.choice(self.words)
        return text[:length]

    def rewrite(self, rng: random.Random, block: str) -> str:
        """`block` with every run of Chinese characters replaced by new words; Markdown, digits kept."""
        return HAN_RUN_RE.sub(lambda match: self.run(rng, len(match.group(0))), block)


def penalty_block(rng: random.Random) -> str:
    product = rng.choice(PRODUCTS)
    amounts = sorted(rng.sample([500, 1000, 2000, 3000, 5000, 8000, 10000, 20000], 3))
    days = sorted(rng.sample([1, 3, 7, 15, 30, 60, 90, 180], 4))
    return f"```penalty-table\nproduct: {product}\namounts: {amounts}\ndays: {days}\n```"


def page_markdown(rng: random.Random, title: str, blocks: list[str], target_chars: int, sources: list[str],
                  reviewed: dt.date, neighbours: list[tuple[str, str]], vocabulary: Vocabulary | None = None) -> str:
    """One generated page of about `target_chars` characters of body text (prose rewritten if `vocabulary`)."""
    front = yaml.safe_dump({"title": title, "description": f"{title}：用于测量构建时间的生成页面，内容取自本站正文。",
                            "reviewed": reviewed, "sources": sources}, allow_unicode=True, sort_keys=False)
    parts, size = [], 0
    while True:  # stop before the block that would pass the target, so pages average the target
        block = rng.choice(blocks)
        if parts and size + len(block) > target_chars:
            break
        parts.append(vocabulary.rewrite(rng, block) if vocabulary else block)
        size += len(block)
    for _ in range(rng.choice((2, 3))):
        parts.insert(rng.randrange(len(parts) + 1), penalty_block(rng))
    links = "\n".join(f"- [{text}]({href})" for text, href in neighbours)
    return f"---\n{front}---\n\n# {title}\n\n" + "\n\n".join(parts) + f"\n\n## 接下来你可以\n\n{links}\n"


def section_layout(count: int, section_size: int = SECTION_SIZE) -> list[list[str]]:
    """Page paths grouped by section: [['s01/index.md', 's01/p001.md', …], …], `count` pages in all."""
    sections, made = [], 0
    number = 0
    while made < count:
        number += 1
        size = min(section_size, count - made)
        pages = [f"s{number:02d}/index.md"] + [f"s{number:02d}/p{i:03d}.md" for i in range(1, size)]
        sections.append(pages)
        made += size
    return sections


# Writing ----------------------------------------------------------------------------------------

def write_site(target: Path, count: int, seed: int = 20261130, with_hooks: bool = True) -> Path:
    """Write target/docs (count pages) and target/mkdocs.yml; return the config path."""
    rng = random.Random(seed)
    docs = ROOT / "docs"
    blocks = [b for page in sorted(docs.rglob("*.md")) for b in content_blocks(page.read_text(encoding="utf-8"))]
    lengths = sorted(len(FRONT_MATTER_RE.sub("", p.read_text(encoding="utf-8"))) for p in docs.rglob("*.md"))
    vocabulary = Vocabulary.from_blocks(blocks)
    sources = list(yaml.safe_load((ROOT / "data" / "sources.yml").read_text(encoding="utf-8")))
    reviewed = dt.date.today()

    out = target / "docs"
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(docs / "stylesheets", out / "stylesheets")
    for extra in ("javascripts", "assets"):
        if (docs / extra).is_dir():
            shutil.copytree(docs / extra, out / extra)
    sections = section_layout(count - 1)
    nav: list = [{"首页": "index.md"}]
    (out / "index.md").write_text(page_markdown(rng, "生成的首页", blocks, lengths[len(lengths) // 2], sources[:2],
                                                reviewed, [("第一部分", "s01/index.md")], vocabulary), encoding="utf-8")
    for number, pages in enumerate(sections, start=1):
        entries: list = []
        for index, path in enumerate(pages):
            title = f"第 {number} 部分" if index == 0 else f"第 {number} 部分第 {index} 篇"
            siblings = [p for p in pages if p != path][:3]
            neighbours = [(f"相邻页面 {i + 1}", Path(p).name) for i, p in enumerate(siblings)]
            text = page_markdown(rng, title, blocks, rng.choice(lengths), rng.sample(sources, 3), reviewed, neighbours,
                                 vocabulary)
            (out / path).parent.mkdir(parents=True, exist_ok=True)
            (out / path).write_text(text, encoding="utf-8")
            entries.append(path if index == 0 else {title: path})
        nav.append({f"第 {number} 部分": entries})
    return derived_config(target / "mkdocs.yml", docs_dir=out, nav=nav,
                          hooks=None if with_hooks else [])


def derived_config(path: Path, *, docs_dir: Path | None = None, nav: list | None = None,
                   hooks: list[str] | None = None, **overrides) -> Path:
    """A config that INHERITs mkdocs.yml, with paths made absolute so it can live outside the repository.

    hooks=None keeps ours; hooks=[] removes them (directive blocks then stay code blocks).
    Build it with the repository as the current directory (the search dictionary and snippets
    resolve against it).
    """
    base = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_LenientLoader)
    override = {
        "INHERIT": str(ROOT / "mkdocs.yml"),
        "docs_dir": str(docs_dir or ROOT / "docs"),
        "theme": {"custom_dir": str(ROOT / base["theme"]["custom_dir"])},
        "watch": [str(ROOT / w) for w in base.get("watch", [])],
        "hooks": [str(ROOT / h) for h in base.get("hooks", [])] if hooks is None else hooks,
    }
    if nav is not None:
        override["nav"] = nav
    override.update(overrides)  # e.g. plugins=[] for a site without search
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(override, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


class _LenientLoader(yaml.SafeLoader):
    """Reads mkdocs.yml for its plain keys; MkDocs' own tags (!ENV, !!python/…) load as None."""


_LenientLoader.add_multi_constructor("", lambda loader, suffix, node: None)
_LenientLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("target", type=Path)
    parser.add_argument("pages", type=int)
    parser.add_argument("--no-hooks", action="store_true")
    args = parser.parse_args()
    print(write_site(args.target, args.pages, with_hooks=not args.no_hooks))


if __name__ == "__main__":
    main()
