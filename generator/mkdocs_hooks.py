"""MkDocs hooks: during `mkdocs serve`, regenerate the pages before each rebuild,
so that editing a file under sources/, docs/ or the templates shows up in the preview."""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from generator.build import BuildFailed, generate_pages
from generator.problems import SourceErrors
from generator.project import Project

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
