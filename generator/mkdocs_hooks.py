"""MkDocs hooks: during `mkdocs serve`, regenerate the pages before each rebuild,
so that editing a file under sources/, docs/ or the templates shows up in the preview;
after every build, make the search index find names as readers type them (generator/search.py)."""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from generator.build import BuildFailed, generate_pages
from generator.problems import SourceErrors
from generator.project import Project
from generator.search import find_names_in_search_index

_command = None


def on_startup(command: str, dirty: bool) -> None:
    global _command
    _command = command


def on_pre_build(config) -> None:
    if _command != "serve":
        return  # `make site` generated the pages already
    project = Project(Path(config.config_file_path).resolve().parent.parent.parent)
    try:
        # The PDFs take seconds: the preview keeps the last built ones (make site renews them).
        generate_pages(project, site_url=config.site_url.rsplit("/", 2)[0] + "/" if config.site_url else "")
    except (SourceErrors, BuildFailed) as error:
        raise PluginError(f"the sources have problems:\n{error}") from None


@event_priority(-100)  # after the search plugin has written its index
def on_post_build(config) -> None:
    index = Path(config.site_dir) / "search" / "search_index.json"
    if index.is_file():
        find_names_in_search_index(index)
