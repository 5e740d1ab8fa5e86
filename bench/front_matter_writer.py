#!/usr/bin/env python3
"""What a hand-written front matter writer would save over PyYAML's C dumper.

    python bench/front_matter_writer.py [--count 1000] [--rounds 7]

Measured in one run, on the same generated articles (seed 0), normalised once:
- ``Article.to_markdown()`` of every article: the whole front matter written
  by one ``yaml.dump(..., Dumper=CSafeDumper)`` (``articles/normalize.py``);
- the same cache copies with the hand-written writer the project had before
  (issue 15, point 2; kept below only to be measured): the canonical keys
  with simple values written as JSON strings, the rest with the C dumper.
Rounds alternate (hand-written, dumper, hand-written, ...) and the best CPU
time of each is kept, so that load from other processes weighs on both alike.
The difference is set against the normalisation of the same articles (timed
here) and against a 1,000-article build (``bench/README.md``, Scale: 34.6 s
wall, the smallest figure there, so the largest share). Both ways of writing
are checked to read back to the same meta.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import time
from pathlib import Path
from typing import Any

import yaml

from articles import normalize
from articles.normalize import normalize_collection
from articles.site import load_site
from sites import generate

# Wall time of a build with the hooks at 1,000 articles (bench/README.md, Scale).
BUILD_SECONDS_AT_1000 = 34.6
_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


_WRITTEN_DIRECTLY = frozenset(normalize.CANONICAL_ORDER)
_YAML_UNPRINTABLE = re.compile("[\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def _double_quoted(text: str) -> str:
    quoted = json.dumps(normalize._writable(text), ensure_ascii=False)
    return _YAML_UNPRINTABLE.sub(lambda found: f"\\u{ord(found.group()):04x}", quoted)


def _simple_item(key: str, value: Any) -> str | None:
    if isinstance(value, bool):
        return f"{key}: {'true' if value else 'false'}\n"
    if type(value) is int:
        return f"{key}: {value}\n"
    if type(value) is dt.date:
        return f"{key}: {value.isoformat()}\n"
    if isinstance(value, str):
        return f"{key}: {_double_quoted(value)}\n"
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        if not value:
            return f"{key}: []\n"
        return f"{key}:\n" + "".join(f"- {_double_quoted(item)}\n" for item in value)
    return None


def hand_written_front_matter(meta: dict[str, Any]) -> str:
    lines: list[str] = []
    rest: dict[str, Any] = {}
    for key, value in meta.items():
        line = None if rest or key not in _WRITTEN_DIRECTLY else _simple_item(key, value)
        if line is None:
            rest[key] = value
        else:
            lines.append(line)
    if rest:
        lines.append(yaml.dump(normalize._plain(rest), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000))
    return "".join(lines)


def hand_written_markdown(article: normalize.Article) -> str:
    return f"---\n{hand_written_front_matter(article.meta)}---\n{article.build_body}"


def timed(write: Any, articles: list[normalize.Article]) -> float:
    start = time.process_time()
    for article in articles:
        write(article)
    return time.process_time() - start


def read_back(text: str) -> Any:
    return yaml.load(text.split("---\n", 2)[1], Loader=_Loader)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()

    sources = [(f"blog/posts/{name}", content) for name, content in generate(args.count)]
    context = load_site(Path(__file__).resolve().parent.parent).context()
    context.asset_exists = frozenset().__contains__
    start = time.process_time()
    articles = normalize_collection(sources, context)
    normalising = time.process_time() - start

    differing = 0
    for article in articles:
        if read_back(hand_written_markdown(article)) != read_back(article.to_markdown()):
            differing += 1

    variants = {"hand-written": hand_written_markdown, "C dumper": normalize.Article.to_markdown}
    times: dict[str, list[float]] = {name: [] for name in variants}
    for _ in range(args.rounds):
        for name, write in variants.items():
            times[name].append(timed(write, articles))
    best = {name: min(values) for name, values in times.items()}
    current, dumper = best["hand-written"], best["C dumper"]
    difference = dumper - current

    print(f"{args.count} articles, to_markdown() of each, best of {args.rounds} alternated rounds (CPU time):")
    for name, values in times.items():
        print(f"  {name + ':':16} {1000 * best[name]:7.1f} ms  (rounds: {', '.join(f'{1000 * t:.1f}' for t in values)})")
    print(f"  ratio C dumper / hand-written: {dumper / current:.2f}; difference {1000 * difference:+.1f} ms")
    print(f"  normalising the same articles (normalize_collection, once): {1000 * normalising:.0f} ms")
    print(f"  difference / normalisation: {100 * difference / normalising:+.2f}%")
    scaled = difference * 1000 / args.count
    print(f"  difference at 1,000 articles / build at 1,000 ({BUILD_SECONDS_AT_1000} s): {100 * scaled / BUILD_SECONDS_AT_1000:+.2f}%")
    print(f"  copies whose front matter reads back differently between the two writers: {differing}")


if __name__ == "__main__":
    main()
