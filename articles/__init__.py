"""Normalisation core for the articles writers send.

Plain Python with no MkDocs import: the MkDocs hooks (``hooks/``) and the
writers' command-line tool (``python -m articles``) are thin adapters over it,
so the same rules keep working if the site moves to another generator.
"""

from articles.normalize import Article, SiteContext, normalize_article, normalize_collection
from articles.problems import Problem, Severity

__all__ = [
    "Article",
    "Problem",
    "Severity",
    "SiteContext",
    "normalize_article",
    "normalize_collection",
]
