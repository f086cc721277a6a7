"""`python -m generator check`: what an editor and a pull request see."""

from __future__ import annotations

import re

import yaml

from generator.model import fingerprint
from tests.conftest import run_generator


def break_city(project, old="division: city", new="division: town"):
    path = project.sources / "cities" / "ha-noi.yml"
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def line_of(path, text: str) -> int:
    """The number of the first line of the file that holds ``text`` (the seeds change: no fixed numbers)."""
    return next(number for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1) if text in line)


def test_clean_sources_pass_with_warnings_only(project):
    result = run_generator(project, "check")
    assert result.returncode == 0, result.stdout
    assert ": error:" not in result.stdout
    assert "0 error(s)" in result.stderr
    assert not (project.root / "build").exists() and not (project.root / "site").exists()


def test_errors_exit_1_and_name_file_line_and_fix(project):
    break_city(project)
    article = project.sources / "articles" / "vna-2018-hanoi-smart-city-roadmap.md"
    article.write_text(article.read_text(encoding="utf-8").replace("about: [politburo, ha-noi]",
                                                                   "about: [politburo, hanoi]"), encoding="utf-8")
    result = run_generator(project, "check")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    about, division = line_of(article, "about: [politburo, hanoi]"), line_of(project.sources / "cities" / "ha-noi.yml",
                                                                               "division: town")
    assert (f"sources/articles/vna-2018-hanoi-smart-city-roadmap.md:{about}:1: error: unknown entity id 'hanoi' "
            "in 'about' (hint: did you mean 'ha-noi'?)") in lines
    assert f"sources/cities/ha-noi.yml:{division}:1: error: 'division' is 'town', not one of: city, province" in lines
    assert lines == sorted(lines)
    assert "Traceback" not in result.stderr


def test_github_format_annotates_the_diff(project):
    break_city(project)
    (project.sources / "events" / "unmentioned.yml").write_text(
        "id: unmentioned\nname: {en: An event}\nsummary: {en: An event.}\ntype: meeting\nstart: 2020\n", encoding="utf-8")
    result = run_generator(project, "check", "--format", "github")
    assert result.returncode == 1
    line = line_of(project.sources / "cities" / "ha-noi.yml", "division: town")
    assert (f"::error file=sources/cities/ha-noi.yml,line={line},col=1::'division' is 'town', not one of%3A"
            not in result.stdout)  # only properties escape ':'
    assert (f"::error file=sources/cities/ha-noi.yml,line={line},col=1::'division' is 'town', not one of: city, "
            "province") in result.stdout.splitlines()
    assert "::warning file=sources/events/unmentioned.yml,line=1,col=1::no source mentions 'unmentioned' (hint: add " \
           "a claim about it to an article, or remove the file)" in result.stdout.splitlines()


def test_check_never_prints_a_traceback_on_a_file_that_is_not_yaml(project):
    (project.sources / "cities" / "ha-noi.yml").write_bytes(b"\xff\xfe\x00garbage: [")
    result = run_generator(project, "check")
    assert result.returncode == 1
    assert "sources/cities/ha-noi.yml:1:1: error: the file is UTF-16 text: save it as UTF-8" in result.stdout
    assert "Traceback" not in result.stderr


def test_changing_an_original_makes_its_translations_outdated(project):
    path = project.sources / "cities" / "da-nang.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  en: One of the localities that", "  en: One of the first localities that"),
                    encoding="utf-8")
    result = run_generator(project, "status", "--lang", "vi")
    assert result.returncode == 0
    outdated = [line for line in result.stdout.splitlines() if "outdated:" in line]
    translation = line_of(path, '  vi: {text: "Một trong các địa phương')
    assert outdated == [
        f"  sources/cities/da-nang.yml:{translation}: summary.vi outdated: update the translation from en, then "
        "run: status --record sources/cities/da-nang.yml"]
    assert run_generator(project, "generate").returncode == 0
    page = (project.build / "docs" / "vi" / "cities" / "da-nang.md").read_text(encoding="utf-8")
    assert "(bản dịch đã cũ: văn bản tiếng Anh đã thay đổi sau khi dịch)" in page
    status_page = (project.build / "docs" / "fr" / "translation-status.md").read_text(encoding="utf-8")
    assert re.search(r"^\| Français \| \d+ \| \d+ \| 1 \| \d+ \| ?$", status_page, re.M), status_page


def test_status_counts_every_language(project):
    event = project.sources / "events" / "vietnam-asia-smart-city-summit-2024.yml"
    text = event.read_text(encoding="utf-8")
    event.write_text("\n".join(line for line in text.split("\n") if not line.startswith("  vi: {text: \"Thành phố "
                                                                                       "thông minh - Kinh tế số")),
                     encoding="utf-8")
    result = run_generator(project, "status")
    header, en, vi, fr = result.stdout.splitlines()[:4]
    assert header.split() == ["language", "original", "translated", "outdated", "missing"]
    assert vi.split()[0] == "vi" and fr.split()[0] == "fr"
    assert ("theme.vi missing: translate from en as {text: …, from: en}, then run: status --record "
            "sources/events/vietnam-asia-smart-city-summit-2024.yml") in result.stdout


def test_a_translation_without_fingerprint_is_recorded_by_one_command(project):
    """A translator writes `from: en` and runs `status --record FILE`: no fingerprint is copied by hand."""
    path = project.sources / "cities" / "da-nang.yml"
    text = path.read_text(encoding="utf-8").replace("  en: One of the localities that", "  en: One of the first localities that")
    text = re.sub(r"(  vi: \{text: \"[^\n]*\", from: en) [0-9a-f]{8}\}", r"\1}", text, count=1)
    path.write_text(text, encoding="utf-8")
    line = line_of(path, "  vi: {text:")
    warned = run_generator(project, "check").stdout
    assert (f"sources/cities/da-nang.yml:{line}:1: warning: 'summary.vi' says it is translated from en, with no "
            "fingerprint recorded (hint: `python -m generator status --record sources/cities/da-nang.yml` "
            "records it)") in warned.splitlines()
    recorded = run_generator(project, "status", "--record", str(path))
    assert recorded.returncode == 0, recorded.stderr
    new_original = yaml.safe_load(path.read_text(encoding="utf-8"))["summary"]["en"]
    # The Vietnamese (no fingerprint) and the French (outdated) summaries, the only lines that change.
    assert f"sources/cities/da-nang.yml:{line}: summary.vi from: en {fingerprint(new_original)}" in recorded.stdout
    assert "sources/cities/da-nang.yml: 2 fingerprint(s) recorded" in recorded.stdout
    after = path.read_text(encoding="utf-8")
    changed = [(old, new) for old, new in zip(text.split("\n"), after.split("\n"), strict=True) if old != new]
    assert len(changed) == 2 and all(new.endswith(f"from: en {fingerprint(new_original)}}}") for _old, new in changed)
    assert "fingerprint recorded" not in run_generator(project, "check").stdout
    assert "outdated:" not in run_generator(project, "status").stdout
