#!/usr/bin/env python3
"""Time a blog build with and without ``hooks/blog_performance.py``.

Generates N posts in a temporary directory, writes two configurations that
differ only by that hook, and builds each a few times in subprocesses,
alternating the order. Prints the best wall and CPU times and their ratio,
then compares the two outputs byte for byte (the only difference the hook
makes on purpose, footnote reference ids in excerpts, is reported apart).

Two kinds of site:

- ``project`` (default when ``bench/generate_articles.py`` exists): a copy of
  this repository's site (mkdocs.yml, docs/, overrides/, hooks/) with N messy
  articles from that generator, normalised by our hooks as in production;
- ``clean``: a minimal Material blog with N clean posts (see ``clean_site``),
  which the tests also build.

Command line::

    python bench/blog_performance.py --posts 1000 --repeat 2
    python bench/blog_performance.py --site clean --posts 3000

CPU time (user + system of the build process) is the steadier figure on a
shared machine; wall time is shown too.
"""

from __future__ import annotations

import argparse
import datetime as dt
import filecmp
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOOK = ROOT / "hooks" / "blog_performance.py"

# Outputs that differ between any two builds (the RSS plugin stamps the time).
VOLATILE = ("feed_rss_created.xml", "feed_rss_updated.xml", "feed_json_created.json", "feed_json_updated.json")

# ---------------------------------------------------------------------------
# Clean site: every post is valid for Material as is, and the set covers what
# the excerpt patch must keep identical (see EDGE_CASES).
# ---------------------------------------------------------------------------

CATEGORIES = ["Méthodes", "Outils", "Retours d'expérience", "Actualités", "Guides", "Études"]
AUTHORS = {
    "amelie": "Amélie Martin",
    "jerome": "Jérôme Lefèvre",
    "celine": "Céline Moreau",
    "thomas": "Thomas Bernard",
}
SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><rect width="4" height="4"/></svg>\n'

LEAD = (
    "Aligner le **marketing** et les *ventes* demande des objectifs communs, "
    "un vocabulaire partagé et des rituels réguliers entre les deux équipes."
)
PROSE = (
    "Les équipes qualifient les leads ensemble, mesurent le cycle de vente et "
    "partagent leurs retours chaque semaine. Le tableau de bord commun évite "
    "les malentendus et le CRM reste la référence pour tous."
)

# Posts whose excerpt exercises one rule of the patch; post i gets
# EDGE_CASES[i % len(EDGE_CASES)], so each appears on several listing pages.
EDGE_CASES = [
    "plain",
    "footnote",  # reference before the separator, definition after
    "reference_link",  # [text][ref] before, [ref]: url after
    "abbreviation",  # *[CRM]: ... after the separator
    "fence_with_separator",  # first separator inside a code fence
    "html_block_across",  # <div> opened before the separator, closed after
    "separator_in_paragraph",  # text right after the separator line
    "no_separator",
    "toc_marker",  # [TOC] before the separator, an H1 after it
    "id_after",  # {#id} after the separator, same slug as a heading before
    "title_from_heading",  # no title in front matter: the first H1 is the title
    "footnote_in_head",  # footnote referenced and defined before the separator
    "raw_html_head",  # closed raw HTML block and a comment before the separator
    "figure",  # md_in_html figure before the separator
    "admonition",  # separator inside an admonition
    "separator_at_end",
    "links",  # links to posts, pages, images, anchors, external, raw HTML
]


def clean_post(i: int, count: int) -> tuple[str, str]:
    """File name and content of clean post ``i`` (deterministic)."""
    case = EDGE_CASES[i % len(EDGE_CASES)]
    date = dt.date(2025, 12, 1) - dt.timedelta(days=9 * i)  # several years: archive pages
    categories = [CATEGORIES[i % len(CATEGORIES)]] + ([CATEGORIES[(i * 7 + 3) % len(CATEGORIES)]] if i % 3 == 0 else [])
    authors = list(AUTHORS)[i % len(AUTHORS)], list(AUTHORS)[(i + 1) % len(AUTHORS)]
    title = f"Article {i:04d} : aligner ventes et marketing ({case})"
    other = f"post-{(i + 1) % count:04d}.md"

    front = ["---"]
    if case != "title_from_heading":
        front.append(f'title: "{title}"')
    front += [f"date: {date.isoformat()}", "authors:", *[f"  - {a}" for a in dict.fromkeys(authors[: 1 + i % 2])]]
    front += ["categories:", *[f'  - "{c}"' for c in dict.fromkeys(categories)]]
    if i % 29 == 5:
        front.append("pin: true")
    if i % 41 == 7:
        front.append("draft: true")
    front.append("---")

    more = "<!-- more -->"
    rest = f"## Mise en œuvre\n\n{PROSE}\n\n### Détails\n\n{PROSE} Voir [l'article suivant]({other}).\n"
    lead = LEAD
    if case == "footnote":
        lead += " Selon une étude[^1], peu d'entreprises y parviennent."
        rest += "\n[^1]: Étude Companeo, 2019.\n"
    elif case == "reference_link":
        lead += " Voir le [guide du CRM][crm] et [l'article voisin][voisin]."
        rest += f'\n[crm]: https://example.com/crm "Guide"\n[voisin]: {other}#mise-en-uvre\n'
    elif case == "abbreviation":
        lead += " Le CRM et le SLA sont au cœur du dispositif."
        rest += "\n*[CRM]: Customer Relationship Management\n*[SLA]: Service Level Agreement\n"
    elif case == "fence_with_separator":
        lead += f"\n\n```html\n{more}\n<p>exemple</p>\n```"
    elif case == "html_block_across":
        lead = f'<div class="encadre" markdown>\n\n{lead}\n\n{more}\n\nSuite de l\'encadré.\n\n</div>'
        more = ""
    elif case == "separator_in_paragraph":
        more += "\nSuite immédiate du paragraphe."
    elif case == "toc_marker":
        lead = f"[TOC]\n\n{lead}"
        rest = f"# Annexe\n\n{rest}"
    elif case == "id_after":
        lead = f"## Mise en place\n\n{lead}"
        rest = f"## Autre titre {{#mise-en-place}}\n\n{rest}"
    elif case == "title_from_heading":
        lead = f"# {title}\n\n{lead}"
        rest = f"# Deuxième partie\n\n{rest}"
    elif case == "footnote_in_head":
        lead += " Selon une étude[^etude], le taux reste faible.\n\n[^etude]: Étude interne, 2024."
    elif case == "raw_html_head":
        lead = f'<div class="encadre">\n<p>Bloc <em>brut</em></p>\n</div>\n\n<!-- commentaire -->\n\n{lead}'
    elif case == "figure":
        lead = f'<figure class="illustration" markdown="span">\n  ![schéma](img/schema.svg)\n  <figcaption>Schéma</figcaption>\n</figure>\n\n{lead}'
    elif case == "admonition":
        lead += f'\n\n!!! note "À retenir"\n\n    Un point important.\n\n    {more}\n\n    La suite de la note.'
        more = ""
    elif case == "separator_at_end":
        rest = ""
    elif case == "links":
        lead += (
            f" Lire [l'article suivant]({other}), [sa mise en œuvre]({other}#mise-en-uvre),"
            " [l'accueil](../../index.md), [le blog](../index.md), [une section](#mise-en-uvre),"
            " [un site](https://example.com/?a=1&b=2), [absolu](/absolu/), [absent](absent.md)"
            ' et <a href="brut.html">un lien brut</a>.\n\n![schéma](img/schema.svg "Schéma")'
        )

    if case == "no_separator":
        body = f"{lead}\n\n{rest}"
    elif case == "separator_at_end":
        body = f"{lead}\n\n{more}\n"
    elif more == "":
        body = f"{lead}\n\n{rest}"
    else:
        body = f"{lead}\n\n{more}\n\n{rest}"
    return f"post-{i:04d}.md", "\n".join(front) + "\n\n" + body


CLEAN_CONFIG = """\
site_name: Banc d'essai du blog
site_url: https://example.com/banc/
theme:
  name: material
  language: fr
  font: false
{hooks}
plugins:
  - blog:
      blog_toc: true
      post_date_format: long
      post_url_format: "{{date}}/{{slug}}"
      post_readtime: true
      post_excerpt: optional
      archive_date_format: yyyy
      authors_profiles: true
      pagination_per_page: 10
markdown_extensions:
  - abbr
  - admonition
  - attr_list
  - def_list
  - footnotes
  - md_in_html
  - tables
  - toc:
      permalink: true
  - pymdownx.details
  - pymdownx.superfences
  - pymdownx.tilde
  - pymdownx.mark
nav:
  - Accueil: index.md
  - Blog:
      - blog/index.md
"""


def clean_site(root: Path, posts: int) -> tuple[Path, Path]:
    """Write a clean site to ``root``; return its configs without and with the hook."""
    docs = root / "docs"
    (docs / "blog" / "posts" / "img").mkdir(parents=True, exist_ok=True)
    (docs / "index.md").write_text("# Accueil\n\nBienvenue. Voir [le blog](blog/index.md).\n", encoding="utf-8")
    (docs / "blog" / "index.md").write_text("# Blog\n", encoding="utf-8")
    (docs / "blog" / "posts" / "img" / "schema.svg").write_text(SVG, encoding="utf-8")
    authors = ["authors:"]
    for key, name in AUTHORS.items():
        authors += [f"  {key}:", f'    name: "{name}"', "    description: Équipe", "    avatar: https://example.com/a.png"]
    (docs / "blog" / ".authors.yml").write_text("\n".join(authors) + "\n", encoding="utf-8")
    for i in range(posts):
        name, text = clean_post(i, posts)
        (docs / "blog" / "posts" / name).write_text(text, encoding="utf-8")
    (root / "hooks").mkdir(exist_ok=True)
    shutil.copy2(HOOK, root / "hooks" / HOOK.name)
    base, fast = root / "mkdocs.yml", root / "mkdocs-fast.yml"
    base.write_text(CLEAN_CONFIG.format(hooks=""), encoding="utf-8")
    fast.write_text(CLEAN_CONFIG.format(hooks=f"hooks:\n  - hooks/{HOOK.name}"), encoding="utf-8")
    return base, fast


def project_site(root: Path, posts: int, seed: int = 0) -> tuple[Path, Path]:
    """Copy this repository's site to ``root`` with ``posts`` generated articles."""
    sys.path.insert(0, str(ROOT / "bench"))
    from generate_articles import generate

    for name in ("docs", "overrides", "hooks"):
        shutil.copytree(ROOT / name, root / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(HOOK, root / "hooks" / HOOK.name)
    out = root / "docs" / "blog" / "posts"
    for name, content in generate(posts, seed=seed):
        (out / name).write_bytes(content)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    if "\nhooks:\n" not in config:
        raise SystemExit("mkdocs.yml has no 'hooks:' list to add the hook to")
    base, fast = root / "mkdocs.yml", root / "mkdocs-fast.yml"
    base.write_text(config, encoding="utf-8")
    fast.write_text(config.replace("\nhooks:\n", f"\nhooks:\n  - hooks/{HOOK.name}\n", 1), encoding="utf-8")
    return base, fast


# ---------------------------------------------------------------------------
# Building and comparing
# ---------------------------------------------------------------------------


def build_command(config: Path, site_dir: Path) -> list[str]:
    return [sys.executable, "-m", "mkdocs", "build", "--quiet", "--clean", "-f", str(config), "-d", str(site_dir)]


def build(config: Path, site_dir: Path) -> tuple[float, float]:
    """Build in a subprocess; return (wall, cpu) seconds."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(build_command(config, site_dir), cwd=config.parent, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode:
        raise SystemExit(f"build failed: {' '.join(build_command(config, site_dir))}\n{done.stderr[-3000:]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


# The hook's deliberate difference: Material names a footnote reference in an
# excerpt after how many times that excerpt was rendered before (fnref:1,
# fnref2:1, ...); with the hook it is always fnref:1.
_FOOTNOTE_REF = re.compile(rb'"fnref\d*:')


def without_footnote_ref_numbers(content: bytes) -> bytes:
    return _FOOTNOTE_REF.sub(b'"fnref:', content)


def differences(left: Path, right: Path, normalise: Callable[[bytes], bytes] | None = None) -> list[str]:
    """Relative paths of files missing on one side or different (after ``normalise``)."""
    names = {p.relative_to(left).as_posix() for p in left.rglob("*") if p.is_file()}
    names |= {p.relative_to(right).as_posix() for p in right.rglob("*") if p.is_file()}
    found = []
    for name in sorted(names):
        if Path(name).name in VOLATILE:
            continue
        a, b = left / name, right / name
        if not (a.is_file() and b.is_file()):
            found.append(name)
        elif not filecmp.cmp(a, b, shallow=False):
            if normalise is None or normalise(a.read_bytes()) != normalise(b.read_bytes()):
                found.append(name)
    return found


def main(argv: list[str] | None = None) -> int:
    default_site = "project" if (ROOT / "bench" / "generate_articles.py").exists() else "clean"
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=1000, help="number of posts (default 1000)")
    parser.add_argument("--repeat", type=int, default=2, help="builds of each variant (default 2)")
    parser.add_argument("--site", choices=["project", "clean"], default=default_site)
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = parser.parse_args(argv)

    root = Path(tempfile.mkdtemp(prefix="blog-performance-"))
    try:
        base, fast = (project_site if args.site == "project" else clean_site)(root, args.posts)
        variants = {"without hook": (base, root / "site-without"), "with hook": (fast, root / "site-with")}
        times: dict[str, list[tuple[float, float]]] = {name: [] for name in variants}
        print(f"{args.posts} posts, {args.site} site, {args.repeat} builds each, in {root}", flush=True)
        for run in range(args.repeat):
            order = list(variants) if run % 2 == 0 else list(reversed(variants))
            for name in order:
                wall, cpu = build(*variants[name])
                times[name].append((wall, cpu))
                print(f"  run {run + 1}, {name:<12}  wall {wall:7.2f} s  cpu {cpu:7.2f} s", flush=True)

        best = {name: (min(t[0] for t in runs), min(t[1] for t in runs)) for name, runs in times.items()}
        (w0, c0), (w1, c1) = best["without hook"], best["with hook"]
        print()
        print(f"{'best of ' + str(args.repeat):<14}{'wall (s)':>10}{'cpu (s)':>10}")
        print(f"{'without hook':<14}{w0:>10.2f}{c0:>10.2f}")
        print(f"{'with hook':<14}{w1:>10.2f}{c1:>10.2f}")
        print(f"{'ratio':<14}{w0 / w1:>9.2f}x{c0 / c1:>9.2f}x")

        left, right = variants["without hook"][1], variants["with hook"][1]
        compared = sum(1 for p in right.rglob("*") if p.is_file())
        strict, unexpected = differences(left, right), differences(left, right, without_footnote_ref_numbers)
        print(f"\n{compared} output files compared (ignoring {', '.join(VOLATILE)}): {compared - len(strict)} byte-identical", end="")
        if strict and not unexpected:
            print(f", {len(strict)} differ only by footnote reference ids (deliberate)")
        elif unexpected:
            print(f", {len(unexpected)} differ otherwise, e.g. {', '.join(unexpected[:5])}")
            return 1
        print()
        return 0
    finally:
        if args.keep:
            print(f"kept {root}")
        else:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
