"""`suggest`: what an article's text names; `check`'s warning for undeclared captions and markers."""

from __future__ import annotations

from tests.conftest import run_generator

TEXT = """ date 2025-06 Cranes at the port (Photo: VNA)

Hanoi (VNA) - The Zz Fibre Company and the Hanoi People's Committee signed a deal on Monday.

Follow Test News on Google News

Nguyễn Thị Zz said the Ministry of Information and Communications backed it.
Source: VNA
"""


def test_suggest_lists_known_entities_other_names_and_lookalikes(project):
    path = project.root / "collected.txt"
    path.write_text(TEXT, encoding="utf-8")
    result = run_generator(project, "suggest", str(path))
    assert result.returncode == 0, result.stderr
    out = result.stdout
    # The longer name wins: Hanoi inside "Hanoi People's Committee" is the committee, not the city.
    assert "hanoi-peoples-committee" in out and "(line 3)" in out
    assert "ministry-of-information-and-communications" in out and "(line 7)" in out
    assert 'new organisation "Zz Fibre Company"' in out
    assert '"Nguyễn Thị Zz"' in out
    for line, kind in ((1, "collector-marker"), (1, "caption"), (5, "navigation"), (8, "credit")):
        assert f"line {line}: {kind}" in out, (line, kind, out)


def test_check_warns_of_an_undeclared_caption_until_it_is_declared(project):
    path = project.sources / "articles" / "vna-2018-hanoi-smart-city-roadmap.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('  - kind: credit\n    start: "Source: VNA"\n', ""), encoding="utf-8")
    line = text.replace('  - kind: credit\n    start: "Source: VNA"\n', "").split("\n").index("Source: VNA") + 1
    result = run_generator(project, "check")
    assert result.returncode == 0
    assert (f"vna-2018-hanoi-smart-city-roadmap.md:{line}:1: warning: this looks like a credit line, not the "
            'article: "Source: VNA" (hint: if it is not the article, declare it in not_article: '
            '{kind: credit, start: "Source: VNA"})') in result.stdout
    path.write_text(text, encoding="utf-8")
    assert "looks like" not in run_generator(project, "check").stdout
