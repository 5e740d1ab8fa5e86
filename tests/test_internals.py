"""Every internal of Material, MkDocs, Python-Markdown and mkdocs-rss-plugin the project relies on.

An internal is anything a new release may change without notice: a private
name, a function replaced at run time, the source of a method the project
reimplements, a template copied or filtered, a selector or a global of
Material's JavaScript, the priority of a plugin's event that a hook must run
before or after. Documented APIs (events, plugin options used from
mkdocs.yml, template blocks called with super()) are not listed.

After upgrading Material, MkDocs (or ProperDocs) or the RSS plugin, run
`pytest tests/test_internals.py`: each failure names the internal, the file
of the project that relies on it, and what changed. Review that file against
the new release, update the expected value here, then update ``TESTED`` in
hooks/blog_performance.py (the blog patch only runs on the versions there).
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import importlib.util
import inspect
import json
import re
from collections.abc import Callable
from pathlib import Path

import material
import mkdocs.structure.files
import mkdocs.structure.pages
import mkdocs.utils
import pytest
from markdown import Markdown
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.toc import get_toc

ROOT = Path(__file__).resolve().parent.parent
MATERIAL = Path(material.__file__).parent / "templates"

Check = Callable[[], None]
INTERNALS: list[tuple[str, str, Check]] = []


def internal(name: str, used_by: str) -> Callable[[Check], Check]:
    """Register a check: ``name`` is the internal, ``used_by`` the project's files relying on it."""

    def register(check: Check) -> Check:
        INTERNALS.append((name, used_by, check))
        return check

    return register


def _hook(name: str):
    spec = importlib.util.spec_from_file_location(f"internals_{name}", ROOT / "hooks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _same_source(obj: object, expected: str, review: str) -> None:
    found = _sha256(inspect.getsource(obj))
    assert found == expected, f"its source changed (sha256 {found}, reviewed {expected}): {review}"


def _material_template(path: str) -> str:
    return (MATERIAL / path).read_text(encoding="utf-8")


def _material_script(pattern: str) -> str:
    found = sorted(MATERIAL.glob(pattern))
    assert len(found) == 1, f"{pattern} in Material's templates: {found}"
    return found[0].read_text(encoding="utf-8")


def _priority(method: object) -> int:
    return getattr(method, "mkdocs_priority", 0)


def _option_names(config_class: type) -> set[str]:
    return {name for name, _ in config_class._schema}


# MkDocs ------------------------------------------------------------------------------------------


@internal("mkdocs.utils.get_relative_url, looked up at call time by _RelativePathTreeprocessor", "hooks/blog_performance.py (_convert)")
def _relative_url_lookup() -> None:
    # The hook replaces the module attribute during an excerpt's conversion:
    # only calls that go through the module see the replacement.
    source = inspect.getsource(mkdocs.structure.pages._RelativePathTreeprocessor)
    assert "utils.get_relative_url(" in source, "it no longer calls utils.get_relative_url through the module"
    assert inspect.signature(mkdocs.utils.get_relative_url).parameters.keys() == {"url", "other"}


@internal("Page._title_from_render", "hooks/blog_performance.py (_render)")
def _title_from_render() -> None:
    source = inspect.getsource(mkdocs.structure.pages.Page)
    assert "self._title_from_render" in source, "Page no longer sets _title_from_render"


@internal("Page.__eq__ (same class, title and File object) and File without __eq__", "hooks/blog_performance.py (_IndexedPages)")
def _page_equality() -> None:
    source = inspect.getsource(mkdocs.structure.pages.Page.__eq__)
    assert "self.title == other.title" in source and "self.file == other.file" in source, source
    assert "isinstance(other, self.__class__)" in source, source
    assert mkdocs.structure.files.File.__eq__ is object.__eq__, "File compares by value now: index pages by that value"


@internal("mkdocs.structure.toc.get_toc(toc_tokens)", "hooks/blog_performance.py (_render)")
def _get_toc() -> None:
    assert list(inspect.signature(get_toc).parameters) == ["toc_tokens"]
    md = Markdown(extensions=["toc"])
    md.convert("# Titre\n\n## Partie\n")
    assert [item.title for item in get_toc(md.toc_tokens)] == ["Titre"]


@internal("MkDocsConfig.plugins.plugin_cache", "tests/sitebuild.py (run_build)")
def _plugin_cache() -> None:
    assert isinstance(MkDocsConfig.plugins.plugin_cache, dict)


@internal("mkdocs.utils.get_build_timestamp reads SOURCE_DATE_EPOCH", "hooks/reproducible_build.py, the RSS feeds and the sitemap")
def _build_timestamp() -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", "1000000000")
        assert mkdocs.utils.get_build_timestamp() == 1000000000


@internal("build() adds mkdocs.utils.CountHandler to the 'mkdocs' logger (strict mode's counter)", "hooks/writer_warnings.py")
def _strict_counter() -> None:
    import mkdocs.commands.build

    source = inspect.getsource(mkdocs.commands.build.build)
    assert "warning_counter = utils.CountHandler()" in source, "the strict mode counts warnings differently"
    assert "logging.getLogger('mkdocs').addHandler(warning_counter)" in source, "the counter is on another logger"


@internal("the text of MkDocs' link warnings (\"Doc file '…' contains a link '…'\")", "hooks/writer_warnings.py (_LINK_WARNING)")
def _link_warnings() -> None:
    source = inspect.getsource(mkdocs.structure.pages)
    for text in (
        "f\"Doc file '{self.file.src_uri}' contains a link '{original_link}', but {problem}.{context}\"",
        "f\"Doc file '{self.file.src_uri}' contains an absolute link '{url}', it was left as is.\"",
        "f\"Doc file '{self.file.src_uri}' contains an unrecognized relative link '{url}', \"",
        "f\"Doc file '{self.file.src_uri}' contains a link '{url}', \"",
        "f\"Doc file '{self.file.src_uri}' contains a link to \"",
        "f\"the doc '{to_file.src_uri}' does not contain an anchor '#{anchor}'\"",
        '"there is no such anchor on this page"',
    ):
        assert text in source, f"{text} is gone"


@internal("the theme's Jinja filters script_tag and url", "overrides/main.html")
def _template_filters() -> None:
    from mkdocs.theme import Theme

    filters = Theme(name="material").get_env().filters
    assert "script_tag" in filters and "url" in filters, sorted(filters)


@internal(
    "the build command calls mkdocs.commands.build.build looked up at run time; Page.render sets content, toc,"
    " _title_from_render, present_anchor_ids, links_to_anchors, and looks files up with get_file_from_path only;"
    " get_toc reads level, id, name, children",
    "hooks/build_cache.py",
)
def _build_cache_mkdocs() -> None:
    import mkdocs.__main__ as main

    command = inspect.getsource(main.build_command.callback)
    assert "from mkdocs.commands import build" in command and "build.build(" in command, "the build command no longer calls build.build"
    render = inspect.getsource(mkdocs.structure.pages.Page.render)
    for needed in (
        "self.content = ",
        "self.toc = get_toc(",
        "self._title_from_render = ",
        "self.present_anchor_ids = ",
        "self.links_to_anchors = ",
    ):
        assert needed in render, f"Page.render: {needed!r} is gone"
    # ``files``: in the signature and given to the two processors below, nowhere else.
    assert len(re.findall(r"\bfiles\b", render)) == 3 and render.count("(self.file, files, config)") == 2, (
        "Page.render uses files otherwise"
    )
    processors = inspect.getsource(mkdocs.structure.pages._RelativePathTreeprocessor) + inspect.getsource(
        mkdocs.structure.pages._ExtractAnchorsTreeprocessor
    )
    uses = set(re.findall(r"self\.files\.(\w+)", processors))
    assert uses == {"get_file_from_path"}, f"the link processors use {uses} of Files"
    toc = get_toc([{"level": 2, "id": "a", "name": "A", "children": [{"level": 3, "id": "b", "name": "B", "children": []}]}])
    (item,) = list(toc)
    assert (item.title, item.id, item.level, item.children[0].title) == ("A", "a", 2, "B")


@internal(
    "mkdocs.commands.build._populate_page and _build_page; Page() sets file.page; File.abs_dest_path; LiveReloadServer's builder,"
    " root, _want_rebuild/_rebuild_cond, _wanted_epoch/_visible_epoch/_epoch_cond; serve's builder() loads a new config",
    "hooks/fast_preview.py",
)
def _fast_preview_mkdocs() -> None:
    import mkdocs.commands.build as build
    import mkdocs.commands.serve as serve
    from mkdocs.livereload import LiveReloadServer

    assert list(inspect.signature(build._populate_page).parameters) == ["page", "config", "files", "dirty"]
    assert list(inspect.signature(build._build_page).parameters) == ["page", "config", "doc_files", "nav", "env", "dirty", "excluded"]
    populate, write = inspect.getsource(build._populate_page), inspect.getsource(build._build_page)
    for needed in ("on_pre_page", "page.read_source(config)", "on_page_markdown", "page.render(config, files)", "on_page_content"):
        assert needed in populate, f"_populate_page: {needed!r} is gone"
    for needed in ("get_context(nav, doc_files, config, page)", "on_page_context", "on_post_page", "page.file.abs_dest_path"):
        assert needed in write, f"_build_page: {needed!r} is gone"
    whole = inspect.getsource(build.build)
    assert "doc_files = files.documentation_pages(inclusion=inclusion)" in whole and "InclusionLevel.is_in_serve" in whole
    assert "file.page = self" in inspect.getsource(mkdocs.structure.pages.Page.__init__)
    # A cached_property: the hook sets it on the one file it writes again.
    abs_dest_path = vars(mkdocs.structure.files.File)["abs_dest_path"]
    assert isinstance(abs_dest_path, functools.cached_property), type(abs_dest_path)
    assert "os.path.join(self.dest_dir, self.dest_uri)" in inspect.getsource(abs_dest_path.func)
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=8000, root="/tmp")  # never bound
    for name in ("builder", "root", "_want_rebuild", "_rebuild_cond", "_wanted_epoch", "_visible_epoch", "_epoch_cond"):
        assert hasattr(server, name), f"LiveReloadServer has no {name}"
    server.server_close()
    loop, watch = inspect.getsource(LiveReloadServer._build_loop), inspect.getsource(LiveReloadServer.watch)
    for needed in (
        "self._wanted_epoch = _timestamp()",
        "self._want_rebuild = False",
        "self.builder()",
        "self._visible_epoch = self._wanted_epoch",
    ):
        assert needed in loop, f"the build loop: {needed!r} is gone"
    assert "with self._rebuild_cond:" in watch and "self._want_rebuild = True" in watch, "the watcher asks for a rebuild differently"
    serving = inspect.getsource(LiveReloadServer._serve_request)
    assert "wait_for(lambda: self._visible_epoch == self._wanted_epoch)" in serving, "requests wait for the build differently"
    source = inspect.getsource(serve.serve)
    assert "if config is None:\n            config = get_config()" in source, "serve's builder no longer loads a fresh configuration"
    assert "config.plugins.on_serve(server, config=config, builder=builder)" in source


# Python-Markdown ---------------------------------------------------------------------------------


@internal("markdown.serializers._escape_attrib_html", "hooks/blog_performance.py (_Converted.resolve)")
def _escape_attrib_html() -> None:
    from markdown.serializers import _escape_attrib_html

    assert _escape_attrib_html('a&b<c>"d') == "a&amp;b&lt;c&gt;&quot;d"


@internal(
    "Markdown's processor registries, reset(), toc_tokens, the toc marker, the footnotes' PLACE_MARKER", "hooks/blog_performance.py (_head)"
)
def _markdown_registries() -> None:
    md = Markdown(extensions=["toc", "footnotes"])
    for registry in (md.preprocessors, md.parser.blockprocessors, md.inlinePatterns, md.treeprocessors, md.postprocessors):
        assert all(isinstance(type(item).__module__, str) for item in registry)
    assert md.treeprocessors["toc"].marker == "[TOC]"
    assert md.treeprocessors["footnote"].footnotes.getConfig("PLACE_MARKER") == "///Footnotes Go Here///"
    md.convert("# Titre\n")
    assert md.toc_tokens and md.reset() is md


# Material's blog plugin --------------------------------------------------------------------------


@internal("Excerpt.render, reimplemented", "hooks/blog_performance.py (_render)")
def _excerpt_render() -> None:
    from material.plugins.blog.structure import Excerpt

    assert list(inspect.signature(Excerpt.render).parameters) == ["self", "page", "separator"]
    _same_source(
        Excerpt.render,
        "6ee38b3efd751ef5996bf852d21008bf7e504476671a6b1b9d5025110899c27a",
        "carry its change over to _render in hooks/blog_performance.py",
    )


@internal(
    "Excerpt.__init__: md with the 'excerpt' and 'relpath' treeprocessors, file copied from the post",
    "hooks/blog_performance.py (_convert, _ExcerptMarkdown)",
)
def _excerpt_init() -> None:
    import material.plugins.blog.structure as post_structure
    from material.plugins.blog.structure import Excerpt

    # The module's own name for the class, replaced during a build.
    assert post_structure.Markdown is Markdown
    source = inspect.getsource(Excerpt.__init__)
    made = ("self.file = copy(post.file)", "self.post = post", "self.md = Markdown(", "extension_configs =")
    for needed in (*made, "self.md.treeprocessors.register(", '"excerpt"', '"relpath"'):
        assert needed in source, f"{needed!r} is gone"


@internal("ExcerptTreeprocessor.base and the module's get_relative_url", "hooks/blog_performance.py (_convert)")
def _excerpt_treeprocessor() -> None:
    import material.plugins.blog.structure.markdown as excerpt_markdown

    assert excerpt_markdown.get_relative_url is mkdocs.utils.get_relative_url
    source = inspect.getsource(excerpt_markdown.ExcerptTreeprocessor)
    assert "get_relative_url(self.page.url, self.base.url)" in source, "the excerpt's links are computed differently"


@internal(
    "BlogPlugin._resolve_views, blog.posts, blog.pages, view.pages shared with the paginated pages",
    "hooks/blog_performance.py (_index_pages)",
)
def _blog_views() -> None:
    from material.plugins.blog.plugin import BlogPlugin
    from material.plugins.blog.structure import View

    assert inspect.isgeneratorfunction(BlogPlugin._resolve_views)
    assert "for next in self._resolve_views(page)" in inspect.getsource(BlogPlugin._resolve_views)
    plugin = inspect.getsource(BlogPlugin)
    assert "self.blog = self._resolve(files, config)" in plugin and "self.blog.posts = sorted(" in plugin
    assert "file.page.pages = view.pages" in plugin and "file.page.posts = view.posts" in plugin, "paginated pages no longer share lists"
    view = inspect.getsource(View.__init__)
    for attribute in ("self.posts", "self.views", "self.pages", "self.name"):
        assert attribute in view, f"View has no {attribute}"


@internal(
    "the blog plugin's on_files and on_page_markdown run at priority -50",
    "hooks/normalize_articles.py (50), hooks/blog_performance.py (-100), hooks/topics.py (-60)",
)
def _blog_priorities() -> None:
    from material.plugins.blog.plugin import BlogPlugin

    assert _priority(BlogPlugin.on_files) == -50
    assert _priority(BlogPlugin.on_page_markdown) == -50


@internal(
    "BlogPlugin.authors and Author (name, description, avatar, url; load_dict, validate)",
    "hooks/normalize_articles.py (_register_unknown_authors)",
)
def _blog_authors() -> None:
    from material.plugins.blog.author import Author
    from material.plugins.blog.plugin import BlogPlugin

    assert "self.authors = self._resolve_authors(config)" in inspect.getsource(BlogPlugin)
    assert {"name", "description", "avatar", "url"} <= _option_names(Author)
    author = Author()
    author.load_dict({"name": "Nom", "description": "", "avatar": "avatar.svg"})
    assert author.validate() == ([], []) and author.url is None


@internal(
    "Post.__init__ reads the front matter with yaml.load(..., SafeLoader), a global of material.plugins.blog.structure",
    "hooks/blog_performance.py (on_config, _restore_loader)",
)
def _post_loader() -> None:
    import material.plugins.blog.structure as post_structure
    import yaml

    assert post_structure.SafeLoader is yaml.SafeLoader and hasattr(yaml, "CSafeLoader")
    assert "yaml.load(match.group(1), SafeLoader)" in inspect.getsource(post_structure.Post.__init__)


@internal(
    "Post.markdown, Post.excerpt, Post.config.date.created, Post.config.readtime; Post, View, Category classes",
    "hooks/latest_articles.py, related_articles.py, topics.py, search_scope.py",
)
def _blog_structure() -> None:
    from material.plugins.blog.structure import Category, Post, View
    from material.plugins.blog.structure.config import PostConfig

    assert issubclass(Category, View) and issubclass(Post, mkdocs.structure.pages.Page)
    assert {"date", "readtime", "categories", "authors"} <= _option_names(PostConfig)
    assert "self.excerpt" in inspect.getsource(Post.__init__)


@internal("the blog plugin's options read by the hooks", "hooks/normalize_articles.py (_blog_option, posts_dir), articles/")
def _blog_options() -> None:
    from material.plugins.blog.config import BlogConfig

    wanted = {"blog_dir", "post_dir", "post_url_format", "post_date_format", "post_excerpt_separator", "authors", "authors_file"}
    # Read by the core too (articles/blog.py: the post's address).
    wanted |= {"post_url_date_format", "post_url_max_categories", "categories_slugify", "categories_slugify_separator"}
    assert wanted <= _option_names(BlogConfig), wanted - _option_names(BlogConfig)


# Material's tags and search plugins -------------------------------------------------------------


@internal("the tags plugin's options set at run time (sort keys, shadow_tags, slugify)", "hooks/topics.py (on_config, _render_overview)")
def _tags_options() -> None:
    from material.plugins.tags.config import TagsConfig

    wanted = {
        "tags_sort_by",
        "listings_tags_sort_by",
        "listings_sort_by",
        "listings_sort_reverse",
        "shadow_tags",
        "tags_slugify",
        "tags_slugify_separator",
    }
    assert wanted <= _option_names(TagsConfig), wanted - _option_names(TagsConfig)


@internal("Tag(name).name and .hidden; Mapping.item", "hooks/topics.py (french_tag_order, newest_first, on_page_context)")
def _tags_structure() -> None:
    from material.plugins.tags.structure.mapping import Mapping
    from material.plugins.tags.structure.tag import Tag

    tag = Tag("Export")
    assert tag.name == "Export" and tag.hidden is False
    assert "self.item = item" in inspect.getsource(Mapping.__init__)


@internal("the tags plugin's on_env at 100 and on_page_context at 0", "hooks/topics.py (on_env at 110, on_page_context at -10)")
def _tags_priorities() -> None:
    from material.plugins.tags.plugin import TagsPlugin

    assert _priority(TagsPlugin.on_env) == 100
    assert _priority(TagsPlugin.on_page_context) == 0


@internal(
    "SearchPlugin: a new SearchIndex per build (on_config), its entries, and on_post_build at 0 writing"
    " search/search_index.json from search_index.generate_search_index(prev): JSON {config: lang, separator, pipeline,"
    " fields; docs}; the offline plugin inlines that file at -100",
    "hooks/search_scope.py (on_post_build at 10: the entries before the plugin writes them),"
    " hooks/search_engine.py (on_post_build at -10: the engine into the written file, as it starts)",
)
def _search_index() -> None:
    from material.plugins.search.plugin import SearchIndex, SearchPlugin

    assert "self.search_index = SearchIndex(" in inspect.getsource(SearchPlugin.on_config)
    assert "self.entries = []" in inspect.getsource(SearchIndex.__init__)
    writing = inspect.getsource(SearchPlugin.on_post_build)
    assert "search_index.json" in writing and "self.search_index.generate_search_index(" in writing
    assert _priority(SearchPlugin.on_post_build) == 0
    index = SearchIndex(lang=["fr"], separator="[\\s]+", pipeline=[], fields={})
    written = index.generate_search_index(None)
    data = json.loads(written)
    assert set(data) == {"config", "docs"} and isinstance(data["config"], dict), data
    assert written.startswith('{"config":{"'), "the index no longer starts with its config: joined by reading it whole"
    from material.plugins.offline.plugin import OfflinePlugin

    assert _priority(OfflinePlugin.on_post_build) == -100
    assert "search_index.json" in inspect.getsource(OfflinePlugin.on_post_build)
    assert {"separator", "lang"} <= _option_names(SearchPlugin.config_class)


# Material's templates ----------------------------------------------------------------------------


@internal("base.html's scripts block: '<script src=' tags, the bundle first", "overrides/main.html (block scripts)")
def _scripts_block() -> None:
    base = _material_template("base.html")
    block = re.search(r"{% block scripts %}(.*?){% endblock %}", base, re.S)
    assert block, "no scripts block"
    assert re.match(r"\s*<script src=\"{{ 'assets/javascripts/bundle\.[0-9a-f]+\.min\.js' \| url }}\"></script>", block[1]), block[1]
    assert "script_tag" in block[1], "extra_javascript is no longer rendered with script_tag"
    for name in ("libs", "extrahead", "scripts", "content"):
        assert f"{{% block {name} %}}" in base, f"no {name} block"


@internal(
    "the offline plugin's iframe-worker in config.extra.polyfills",
    "overrides/main.html (block libs), overrides/partials/javascripts/file-worker.html",
)
def _offline_polyfills() -> None:
    from material.plugins.offline.plugin import OfflinePlugin

    source = inspect.getsource(OfflinePlugin)
    assert 'config.extra["polyfills"]' in source and "iframe-worker" in source
    assert "config.extra.polyfills" in _material_template("base.html")


# Files of overrides/ that take the place of Material's file of the same path
# (templates copied and changed, or written anew, and the French search
# language file), with the sha256 of Material's file they were reviewed
# against: a change in it must be carried over (or found irrelevant).
REPLACED = {
    "404.html": "80c93494b5432b1bcdf292caeb67a0653c45b37372f49e08ad4a70ca695a7495",
    "assets/javascripts/lunr/min/lunr.fr.min.js": "4dd56aa2551e770ad26ef4b85092cd31447671e0e84b39514278547f54177377",
    "blog-post.html": "d1a725d4b5fe7c7596ebed76ed29e3c198390575baefe9f019715ea25761916a",
    "fragments/tags/default/listing.html": "93d20bc3c64a84de35203564a2e4e98c85679917e2bdd04dbff14655fde053d4",
    "fragments/tags/default/tag.html": "1883eaa46e05be69fc9022ba16422ebb1ec9db89d7d40e29087686941c54a53e",
    "main.html": "9948b55a7bc979c35825df99baba9e6971fca4eb298dea3cdde61e990a2de5e0",
    "partials/content.html": "ce33929c85af129f6e2f3b0aed47159e9c4a519482d1938bae15f5ff4a3cfae5",
    "partials/footer.html": "50c2a75f013b7b03fb97f381860c77df8fd5d13d68f90d3281754b68f69ec894",
    "partials/language.html": "3a44516f305006ac794f51a45ad7b532cf270916d8e92e8c42784e58b2eff0a3",
    "partials/header.html": "8cf3fb15bcf969ff596649616fd99366b3c31c08d57a86d05308efc16d8fa75f",
    "partials/nav-item.html": "89895208f22d68ce405a4bcb6649b9150eba5bbb04663a6cb3f93f02daf1d2f7",
    "partials/palette.html": "fb935107ae7d3d7475965019eec36c1ad72bf1d154254dab2474921fcd2710e3",
    "partials/path-item.html": "3252b317fa46c4e207e139dc8864c679a049aef2b7cfa65b23f4360c6b6f817e",
    "partials/post.html": "756bb999794dc09dcee2e993a3fb30bf1c22334627ce39d82e82c3464eb35dc7",
    "partials/source-file.html": "ce5277decac9a8cf3cd44eaa490f010ae985d81ebf68b84239c02da6946718d0",
    "partials/source.html": "6847616d67be4920d39c278c2799bf20222bbc02ee2a8393aca85e3eaa518752",
    "partials/tabs-item.html": "52fe1f551aa2dbfc9e15a19718a4cadd1f1e728d567ca21fea493ebfccaf3fe2",
    "partials/tags.html": "166225609857c8536fc2cd3da99ba1b7513df8b57d6613a0303bba44a11b9fba",
    "redirect.html": "3910b9e1f5e9b21dc9fa9c57cf9d067e6cd3db06b6e2c4c8bb7ed681d8f5ec12",
}

for _path, _digest in REPLACED.items():

    def _replaced(path: str = _path, digest: str = _digest) -> None:
        assert (ROOT / "overrides" / path).is_file(), f"overrides/{path} is gone: remove it from REPLACED"
        found = _sha256(_material_template(path))
        assert found == digest, (
            f"Material's {path} changed (sha256 {found}): carry the change over to overrides/{path}, then update REPLACED"
        )

    internal(f"Material's {_path}, replaced", f"overrides/{_path}")(_replaced)


@internal("every file of overrides/ that replaces one of Material's is listed in REPLACED", "overrides/")
def _replacements_listed() -> None:
    overrides = ROOT / "overrides"
    mirrored = sorted(
        path.relative_to(overrides).as_posix()
        for path in overrides.rglob("*")
        if path.is_file() and (MATERIAL / path.relative_to(overrides)).is_file()
    )
    unlisted = [path for path in mirrored if path not in REPLACED]
    assert not unlisted, f"add to REPLACED, with the sha256 of Material's file: {unlisted}"


@internal(
    "__md_get/__md_set and the palette stored under '__palette' ({index, color})", "overrides/partials/javascripts/palette-switch.html"
)
def _palette_storage() -> None:
    base = _material_template("partials/javascripts/base.html")
    assert "__md_get=" in base and "__md_set=" in base
    palette = _material_template("partials/javascripts/palette.html")
    assert '__md_get("__palette")' in palette and "palette.color" in palette


@internal(
    "the search dialog: .md-search[role=dialog], .md-search__input, label[for=__search]",
    "docs/assets/javascripts/search-dialog-name.js, search-on-demand.js",
)
def _search_markup() -> None:
    search = _material_template("partials/search.html")
    assert '<div class="md-search" data-md-component="search" role="dialog">' in search
    assert 'class="md-search__input"' in search and "aria-label=" in search
    assert 'for="__search"' in _material_template("partials/header.html")


# Material's JavaScript ---------------------------------------------------------------------------


@internal("the bundle's global document$", "overrides/partials/javascripts/after-first-paint.html")
def _document_subject() -> None:
    assert "window.document$=" in _material_script("assets/javascripts/bundle.*.min.js")


@internal("the bundle fetches search/search_index.json with XMLHttpRequest (open, send)", "docs/assets/javascripts/search-on-demand.js")
def _index_request() -> None:
    bundle = _material_script("assets/javascripts/bundle.*.min.js")
    assert '"search/search_index.json"' in bundle
    assert re.search(r"new XMLHttpRequest;return \w+\.open\(\"GET\"", bundle), "the bundle no longer requests with XMLHttpRequest"


@internal(
    "the search worker is created with `new Worker(url)`, url from base.html's config: assets/javascripts/workers/search.<hash>.min.js",
    "docs/assets/javascripts/search.js (MATERIAL_WORKER)",
)
def _search_worker() -> None:
    bundle = _material_script("assets/javascripts/bundle.*.min.js")
    assert "new Worker(" in bundle, "the bundle no longer creates its search worker with new Worker(url)"
    assert re.search(r'"search": "assets/javascripts/workers/search\.[0-9a-f]+\.min\.js" \| url', _material_template("base.html"))
    script = (ROOT / "docs/assets/javascripts/search.js").read_text(encoding="utf-8")
    pattern = re.search(r"var MATERIAL_WORKER = /(.*)/;", script)
    assert pattern, "search.js no longer names Material's worker"
    worker = next((MATERIAL / "assets/javascripts/workers").glob("search.*.min.js"))
    assert re.search(pattern.group(1).replace("\\/", "/"), "assets/javascripts/workers/" + worker.name), worker.name


@internal(
    "the search worker's messages: the bundle sends {type: 0, data: {config, docs, options: {suggest}}} with the index's"
    " config as it is, {type: 2, data: query}; takes {type: 1} as ready and {type: 3, data: {items, suggest}} as an answer;"
    " items are groups (the page's own entry: the one whose location has no #), each entry's location, title and text"
    " shown as HTML, tags, score, and terms (false: « Non trouvé », true: ?h=); the meta line written on each answer",
    "docs/assets/javascripts/search-worker.js, docs/assets/javascripts/search.js",
)
def _search_messages() -> None:
    bundle = _material_script("assets/javascripts/bundle.*.min.js")
    assert re.search(r"\(\{config:(\w+),docs:(\w+)\}\)=>\w+\.next\(\{type:0,data:\{config:\1,docs:\2,options:\{suggest:", bundle), (
        "the setup message is sent differently"
    )
    assert "next({type:2,data:" in bundle, "queries are sent differently"
    assert re.search(r"function \w+\(e\)\{return e\.type===1\}function \w+\(e\)\{return e\.type===3\}", bundle), "ready and answers differ"
    assert 'includes("#")' in bundle, "a group's page entry is found differently"
    for used in (
        "e.score.toFixed(2)",
        "Object.keys(e.terms).filter(",
        'searchParams.set("h",Object.entries(e.terms)',
        "e.text.length>0&&e.text",
    ):
        assert used in bundle, f"results are shown differently: {used}"
    assert re.search(r"\w+\.textContent=\w+\(\"search\.result\.other\",", bundle), "the result count is written differently"
    assert "search.result.term.missing" in bundle
    assert 'class="md-search-result__meta"' in _material_template("partials/search.html")
    suggest = re.search(r"let l=a\[a\.length-1\];l\.startsWith\(p\[p\.length-1\]\)", bundle)
    assert suggest, "suggestions complete the last word differently"
    # search.js puts passages in place of the openings Material showed: an
    # article holding the title (h1, h2), the text, the topics, the words not found.
    for used in (
        'x("a",{href:`${s}`,class:"md-search-result__link"',
        'x("article",{class:"md-search-result__article md-typeset"',
        'r>0&&x("h1",null,e.title),r<=0&&x("h2",null,e.title),o>0&&e.text.length>0&&e.text,e.tags&&x("nav",{class:"md-tags"}',
        'x("p",{class:"md-search-result__terms"}',
    ):
        assert used in bundle, f"results are drawn differently: {used}"
    assert 'id="__config"' in _material_template("base.html") and '"base": base_url' in _material_template("base.html")
    assert '<ol class="md-search-result__list"' in _material_template("partials/search.html")


def _flat_source(function: object) -> str:
    """A function's source on one line, its spaces collapsed: what it does, whatever its layout."""
    return re.sub(r"\s+", " ", inspect.getsource(function))  # type: ignore[arg-type]


def _assert_in_source(function: object, otherwise: str, *needed: str) -> None:
    source = _flat_source(function)
    for text in needed:
        assert text in source, f"{otherwise} {text!r}"


@internal(
    "Post reads its file (front matter and body) in its constructor; read_source does nothing; config.readtime, date, slug;"
    " a post's address: _format_path_for_post, _path_to_file(temp=False), then dest_uri, url and the canonical URL;"
    " post.categories, the Category views (View.name) of config.categories; page.authors from config.authors,"
    " an author's url from their profile page, made for authors of posts;"
    " the media files under the posts' folder published in the blog's folder (on_files)",
    "hooks/fast_preview.py (_quick_update, _move_post, _relate_post, _new_static_file)",
)
def _fast_preview_post() -> None:
    from material.plugins.blog.structure import Post

    assert list(inspect.signature(Post.__init__).parameters) == ["self", "file", "config"]
    source = inspect.getsource(Post.__init__)
    for needed in ("open(file.abs_src_path", "self.markdown = self.markdown[match.end():]", "PostConfig(file.abs_src_path)"):
        assert needed in source, f"{needed!r} is gone"
    assert inspect.getsource(Post.read_source).rstrip().endswith("pass"), "Post reads its source in read_source now"
    plugin = inspect.getsource(__import__("material.plugins.blog.plugin", fromlist=["BlogPlugin"]).BlogPlugin)
    # The values a render leaves on a post, which the hook starts again.
    assert "page.authors.append(self.authors[id])" in plugin and "page.config.readtime = readtime(" in plugin
    from material.plugins.blog.plugin import BlogPlugin

    _assert_in_source(
        BlogPlugin._resolve_post,
        "the blog plugin no longer gives a post its address with",
        "path = self._format_path_for_post(post, config)",
        "temp = self._path_to_file(path, config, temp = False)",
        "file.dest_uri = temp.dest_uri",
        "file.url = temp.url",
        "post._set_canonical_url(config.site_url)",
    )
    assert "self.config.post_url_format.format(" in inspect.getsource(BlogPlugin._format_path_for_post)
    assert "post.categories.append(file.page)" in plugin and "for name in post.config.categories:" in plugin
    assert "for id in page.config.authors:" in plugin and "for id in post.config.authors:" in plugin
    assert "author.url = file.url" in plugin
    _assert_in_source(
        BlogPlugin.on_files,
        "the blog plugin publishes its posts' media files otherwise, without",
        "root = posixpath.normpath(self.config.blog_dir)",
        "path = self.config.post_dir.format(blog = root)",
        "for file in files.media_files(): if not file.src_uri.startswith(path): continue",
        "file.dest_uri = file.dest_uri.replace(path, root)",
        "file.url = file.url.replace(path, root)",
    )
    from material.plugins.blog.structure import View

    assert "self.name = name" in inspect.getsource(View.__init__)
    assert {"date", "slug", "readtime"} <= _option_names(
        __import__("material.plugins.blog.structure.config", fromlist=["PostConfig"]).PostConfig
    )


@internal(
    "the blog's posts sorted by (pin, date.created), newest first, ties in the files' order, then linked with"
    " _attach(blog, [None, *reversed(posts), None]); _is_excluded(post); the menus (archive, rubriques, authors)"
    " made from the posts: _format_path_for_archive(post, config), categories sorted by categories_sort_by,"
    " Profile views in blog.views in the order of the posts, attached to the navigation in that order",
    "hooks/fast_preview.py (_new_post, _link_posts, blog_menus), hooks/blog_menus.py",
)
def _blog_order_and_menus() -> None:
    from material.plugins.blog.plugin import BlogPlugin
    from material.plugins.blog.structure import Profile, View

    files = _flat_source(BlogPlugin.on_files)
    assert "key = lambda post: ( post.config.pin, post.config.date.created ), reverse = True" in files, "posts are ordered otherwise"
    assert "self._resolve_posts(files, config)" in files and "for file in files.documentation_pages():" in inspect.getsource(
        BlogPlugin._resolve_posts
    ), "posts are no longer taken in the files' order"
    assert "key = self.config.categories_sort_by" in files and "self.blog.views.extend(views)" in files
    navigation = inspect.getsource(BlogPlugin.on_nav)
    assert "self._attach(self.blog, [None, *reversed(self.blog.posts), None])" in navigation
    assert "views = [_ for _ in self.blog.views if isinstance(_, Profile)]" in navigation
    assert list(inspect.signature(BlogPlugin._attach).parameters) == ["self", "parent", "pages"]
    assert list(inspect.signature(BlogPlugin._is_excluded).parameters) == ["self", "post"]
    assert list(inspect.signature(BlogPlugin._format_path_for_archive).parameters) == ["self", "post", "config"]
    assert "for id in post.config.authors:" in inspect.getsource(BlogPlugin._generate_profiles)
    assert issubclass(Profile, View)
    assert mkdocs.structure.files.file_sort_key and mkdocs.structure.files.set_exclusions


@internal(
    "the blog's views (Archive, Category, Profile) made in on_files: a file by _path_to_file(path, config) in the"
    " plugin's temporary folder, its source written by _save_to_file, View(name, file, config), view.posts; the paths"
    " _format_path_for_category(name), _format_path_for_archive(post, config), _format_path_for_profile(id, author);"
    " the archive's name _format_date_for_archive; categories_allowed; author.url from the profile; pagination by"
    " _config_pagination and _generate_pages; in on_nav each menu a Section among _resolve_siblings(blog, nav), its"
    " views added to nav.pages and linked by _attach(section, [tail, *views, head]), pagination pages by _attach_at;"
    " a view rendered only if among _resolve_views(blog); view_name",
    "hooks/fast_preview.py (_give_views, _view, _update_views, _menu_order, _menu_paths)",
)
def _fast_preview_views() -> None:
    from material.plugins.blog import view_name
    from material.plugins.blog.plugin import BlogPlugin
    from material.plugins.blog.structure import Archive, Category, Profile, View

    assert all(issubclass(kind, View) for kind in (Archive, Category, Profile)) and callable(view_name)
    assert list(inspect.signature(View.__init__).parameters) == ["self", "name", "file", "config"]
    for generate, needed in (
        (
            BlogPlugin._generate_archive,
            ["path = self._format_path_for_archive(post, config)", "name = self._format_date_for_archive(date, config)"],
        ),
        (
            BlogPlugin._generate_categories,
            ["path = self._format_path_for_category(name)", "categories = self.config.categories_allowed or [name]"],
        ),
        (BlogPlugin._generate_profiles, ["path = self._format_path_for_profile(id, author)", "author.url = file.url"]),
    ):
        _assert_in_source(
            generate,
            f"{generate.__name__} makes its views otherwise, without",
            *needed,
            "file = files.get_file_from_path(path)",
            "file = self._path_to_file(path, config) files.append(file)",
            'self._save_to_file(file.abs_src_path, f"# {',
            ".posts.append(post)",
        )
    _assert_in_source(
        BlogPlugin.on_files,
        "the blog plugin paginates its views otherwise, without",
        "for view in self._resolve_views(self.blog): if self._config_pagination(view): for page in self._generate_pages(view, config, files): view.pages.append(page)",
    )
    _assert_in_source(
        BlogPlugin.on_nav,
        "the blog plugin attaches its views otherwise, without",
        "view.file.inclusion = self.blog.file.inclusion",
        "self._attach_to(self.blog, Section(title, views), nav)",
        "self._attach_at(view.parent, view, view.pages[at])",
    )
    _assert_in_source(
        BlogPlugin._attach_to,
        "the blog plugin attaches a menu otherwise, without",
        "items = self._resolve_siblings(view, nav) items.append(section)",
        "nav.pages.extend(section.children) self._attach(section, [tail, *section.children, head])",
    )
    _assert_in_source(
        BlogPlugin.on_page_context, "the blog plugin renders its views otherwise, without", "if view not in self._resolve_views(self.blog):"
    )
    assert list(inspect.signature(BlogPlugin._path_to_file).parameters) == ["self", "path", "config", "temp"]
    assert list(inspect.signature(BlogPlugin._format_path_for_profile).parameters) == ["self", "id", "author"]
    assert list(inspect.signature(BlogPlugin._attach_at).parameters) == ["self", "parent", "host", "page"]


@internal(
    "a view's page number at lists view.posts[at * step : at * step + step], step being _config_pagination_per_page(view),"
    " each post's excerpt rendered from post.excerpt; the views are those of _resolve_views(blog)",
    "hooks/fast_preview.py (_listing_pages)",
)
def _fast_preview_listings() -> None:
    from material.plugins.blog.plugin import BlogPlugin

    _assert_in_source(
        BlogPlugin._render,
        "the blog plugin paginates its listings otherwise, without",
        "if self._config_pagination(view): at = view.pages.index(view)",
        "step = self._config_pagination_per_page(view) p, q = at * step, at * step + step",
        "posts = view.posts[p:q]",
        "self._render_post(post.excerpt, view) for post in posts if post.excerpt",
    )


@internal(
    "{% include %} runs Template.root_render_func; the navigation reads the page only as compared with its items",
    "hooks/navigation_memo.py",
)
def _navigation_memo() -> None:
    import jinja2.compiler

    assert "root_render_func(" in inspect.getsource(jinja2.compiler.CodeGenerator.visit_Include)
    assert '{% include "partials/nav.html" %}' in _material_template("base.html")
    item = (ROOT / "overrides/partials/nav-item.html").read_text(encoding="utf-8")
    uses = sorted(re.findall(r"[\w.]* ?(?:==|in) page\b|\bpage (?:in|==) [\w.]+|\bpage\.\w+", item))
    # The memo's key: whether the page is one of the items (or a listing's
    # pages, "page in nav_item.pages"), then the items' active flags.
    assert uses == ["index == page", "nav_item == page", "page in nav_item.pages", "page.toc"], uses
    for name in ("partials/nav.html", "partials/logo.html", "partials/source.html"):
        assert not re.search(r"\bpage\b", _material_template(name)), f"{name} reads the page"


# mkdocs-rss-plugin --------------------------------------------------------------------------------


@internal("the RSS plugin dates its feeds with mkdocs.utils.get_build_timestamp", "hooks/reproducible_build.py")
def _rss_build_date() -> None:
    import mkdocs_rss_plugin.plugin

    assert mkdocs_rss_plugin.plugin.get_build_timestamp is mkdocs.utils.get_build_timestamp
    assert "get_build_timestamp()" in inspect.getsource(mkdocs_rss_plugin.plugin)


@internal("the RSS plugin gathers a build's articles in pages_to_filter, emptied only on startup", "hooks/feed_rebuilds.py")
def _rss_pages_to_filter() -> None:
    from mkdocs_rss_plugin.plugin import GitRssPlugin

    assert "self.pages_to_filter" in inspect.getsource(GitRssPlugin.on_startup)
    assert "self.pages_to_filter.append(" in inspect.getsource(GitRssPlugin.on_page_content)
    assert "self.pages_to_filter" not in inspect.getsource(GitRssPlugin.on_config)


@internal("the RSS plugin's options set in mkdocs.yml", "mkdocs.yml (plugins: rss)")
def _rss_options() -> None:
    from mkdocs_rss_plugin.config import RssPluginConfig, _DateFromMeta

    assert {"match_path", "use_git", "date_from_meta", "categories", "feed_title"} <= _option_names(RssPluginConfig)
    assert {"as_creation", "default_timezone"} <= _option_names(_DateFromMeta)


@internal(
    "MkDocs' build loop looks _build_page up for each page, with (file.page, config, doc_files, nav, env, dirty, excluded);"
    " the on_page_context of Material's search, tags and blog plugins (reviewed: only the page's context, its search"
    " entries appended to search_index.entries, and the blog's listings); the blog plugin's blog.posts",
    "hooks/page_worker.py",
)
def _page_worker_internals() -> None:
    import mkdocs.commands.build as build
    from material.plugins.blog.plugin import BlogPlugin
    from material.plugins.search.plugin import SearchIndex, SearchPlugin
    from material.plugins.tags.plugin import TagsPlugin

    whole = inspect.getsource(build.build)
    assert re.search(
        r"for file in doc_files:\s+assert file.page is not None\s+_build_page\(\s*file.page, config, doc_files, nav, env, dirty, excluded=",
        whole,
    ), "the build loop no longer calls _build_page for each page as the hook expects"
    assert list(inspect.signature(build._build_page).parameters) == ["page", "config", "doc_files", "nav", "env", "dirty", "excluded"]
    index = inspect.getsource(SearchIndex)
    assert "self.entries = []" in index and "self.entries.append(" in index, "the search index keeps its entries otherwise"
    review = "review what it changes outside the page being written (hooks/page_worker.py, KNOWN_PAGE_EVENTS)"
    _same_source(SearchPlugin.on_page_context, "33eb62fd1688be4d99a4e7bf8fc51c1be3d37602b63ad5327c9be3abf5dc8d50", review)
    _same_source(TagsPlugin.on_page_context, "c0a11a61e4dea89159889b49ab78086232a658057d14fb273ac8ef172e95581d", review)
    _same_source(BlogPlugin.on_page_context, "67d8bff0b0c8b97af3b25f48ab1826381297847328d9b6745e5f776294580f77", review)
    assert "self.blog.posts" in inspect.getsource(BlogPlugin), "the blog plugin no longer lists its posts in blog.posts"


# The test ----------------------------------------------------------------------------------------


def test_internals_are_as_the_project_expects() -> None:
    failures = []
    for name, used_by, check in INTERNALS:
        try:
            check()
        except Exception as error:  # every failure is reported, not only the first
            failures.append(f"- {name}\n  used by {used_by}\n  {type(error).__name__}: {error}")
    versions = ", ".join(
        f"{dist} {importlib.metadata.version(dist)}" for dist in ("mkdocs-material", "mkdocs", "markdown", "mkdocs-rss-plugin")
    )
    assert not failures, f"{len(failures)} of {len(INTERNALS)} internals changed ({versions}):\n" + "\n".join(failures)


def test_the_blog_patch_runs_on_the_pinned_versions() -> None:
    """The versions requirements.txt pins are the ones hooks/blog_performance.py was tested with."""
    pins = dict(re.findall(r"^([A-Za-z0-9_.-]+)==(\S+)", (ROOT / "requirements.txt").read_text(encoding="utf-8"), re.M))
    tested = _hook("blog_performance").TESTED
    for dist in ("mkdocs-material", "mkdocs"):
        assert tested[dist] == pins[dist], (
            f"requirements.txt pins {dist} {pins[dist]}, hooks/blog_performance.py was tested with {tested[dist]}:"
            " run tests/test_internals.py, review, then update TESTED"
        )
        assert importlib.metadata.version(dist) == pins[dist], f"{dist} {importlib.metadata.version(dist)} installed: run make"


@pytest.mark.parametrize("hook", ["fast_preview", "build_cache", "navigation_memo", "feed_rebuilds", "page_worker"])
def test_the_hooks_using_mkdocs_internals_run_on_the_pinned_versions(hook: str) -> None:
    """The versions requirements.txt (or its lock, for Jinja) pins are the ones the hook was tested with."""
    pins = dict(re.findall(r"^([A-Za-z0-9_.-]+)==(\S+)", (ROOT / "requirements.lock").read_text(encoding="utf-8"), re.M))
    pins |= dict(re.findall(r"^([A-Za-z0-9_.-]+)==(\S+)", (ROOT / "requirements.txt").read_text(encoding="utf-8"), re.M))
    tested = _hook(hook).TESTED
    for dist, version in tested.items():
        assert version == pins[dist], f"requirements.txt pins {dist} {pins[dist]}, hooks/{hook}.py was tested with {version}"
