"""Problem lists for people: repeated problems grouped, locations listed."""

from __future__ import annotations

from articles.problems import make_problem
from articles.report import group_repeated, locations


def test_the_same_problem_in_several_articles_is_one_group_in_first_seen_order() -> None:
    problems = [
        make_problem("tag_unknown", "blog/posts/a.md", 4, term="Salons"),
        make_problem("author_unknown", "blog/posts/a.md", 5, name="Jean"),
        make_problem("tag_unknown", "blog/posts/b.md", 6, term="Salons"),
        make_problem("tag_unknown", "blog/posts/b.md", 6, term="Webinaires"),
    ]
    groups = group_repeated(problems)
    assert [(first.code, [member.path for member in members]) for first, members in groups] == [
        ("tag_unknown", ["blog/posts/a.md", "blog/posts/b.md"]),
        ("author_unknown", ["blog/posts/a.md"]),
        ("tag_unknown", ["blog/posts/b.md"]),
    ]


def test_locations_name_a_few_articles_and_count_the_others() -> None:
    problems = [make_problem("tag_unknown", f"blog/posts/{name}.md", 3, term="x") for name in "abcde"]
    assert locations(problems[:1], "docs") == "docs/blog/posts/a.md:3"
    assert locations(problems[:3]) == "blog/posts/a.md:3, blog/posts/b.md:3, blog/posts/c.md:3"
    assert locations(problems[:4]) == "blog/posts/a.md:3, blog/posts/b.md:3, blog/posts/c.md:3 et 1 autre article"
    assert locations(problems) == "blog/posts/a.md:3, blog/posts/b.md:3, blog/posts/c.md:3 et 2 autres articles"
