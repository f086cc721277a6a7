"""The folders of a checkout, known to every stage and importing none."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Project:
    """The folders of a checkout; tests point it at a temporary copy."""

    root: Path

    @property
    def sources(self) -> Path:
        return self.root / "sources"

    @property
    def handwritten(self) -> Path:
        """The hand-written pages, docs/<lang>/, placed beside the generated ones."""
        return self.root / "docs"

    @property
    def build(self) -> Path:
        return self.root / "build"

    @property
    def docs(self) -> Path:
        """The docs folders MkDocs reads, one per language: build/docs/<lang>/."""
        return self.build / "docs"

    @property
    def site(self) -> Path:
        return self.root / "site"

    def mkdocs_config(self, lang: str) -> Path:
        return self.build / "mkdocs" / f"{lang}.yml"

    @property
    def site_url(self) -> str:
        """Where the sites are published: `site_url` in the shared mkdocs.yml, or '' if it has none
        (each language then lives at <site_url><lang>/)."""
        config = self.root / "mkdocs.yml"
        text = config.read_text(encoding="utf-8") if config.is_file() else ""
        match = re.search(r"^site_url:[ \t]*[\"']?([^\"'\s#]*)", text, flags=re.MULTILINE)
        return match.group(1) if match else ""
