"""`python -m generator new …`: a new file that passes `check` once its fields are filled in."""

from __future__ import annotations

from tests.conftest import run_generator


def errors_in(project, filename: str) -> list[str]:
    result = run_generator(project, "check")
    return [line for line in result.stdout.splitlines() if filename in line and ": error:" in line]


def test_new_source_then_fill_it_in(project):
    result = run_generator(project, "new", "source", "--lang", "vi", "--url", "https://example.vn/bai-bao",
                           "--date", "2019-05")
    assert result.returncode == 0, result.stderr
    path = project.sources / "articles" / "article-2019-05-vi.md"
    assert str(path.relative_to(project.root)) in result.stdout
    assert len(errors_in(project, path.name)) == 3  # title, publisher, the text itself
    text = path.read_text(encoding="utf-8")
    text = text.replace('title: ""', 'title: "Đà Nẵng xây dựng đô thị thông minh"')
    text = text.replace('publisher: ""', 'publisher: "Báo Đà Nẵng"')
    text = text.replace("claims: []", "claims:\n  - id: plan\n    about: [da-nang]\n"
                                      "    quote: Đà Nẵng phê duyệt đề án\n"
                                      "    text:\n      vi: Đà Nẵng phê duyệt đề án đô thị thông minh.")
    path.write_text(text + "Hôm nay, Đà Nẵng phê duyệt đề án đô thị thông minh.\n", encoding="utf-8")
    assert errors_in(project, path.name) == []
    second = run_generator(project, "new", "source", "--lang", "vi", "--date", "2019-05")
    assert "article-2019-05-vi-2.md" in second.stdout  # a free id, never an existing file


def test_new_entity_then_fill_it_in(project):
    result = run_generator(project, "new", "city", "Hải Phòng", "--lang", "vi")
    assert result.returncode == 0
    path = project.sources / "cities" / "hai-phong.yml"
    assert 'vi: "Hải Phòng"' in path.read_text(encoding="utf-8")
    lines = path.read_text(encoding="utf-8").split("\n")
    summary = 1 + next(number for number, line in enumerate(lines) if line.startswith("summary:")) + 1
    division = 1 + next(number for number, line in enumerate(lines) if line.startswith("division:"))
    assert errors_in(project, path.name) == [
        f"sources/cities/hai-phong.yml:{summary}:1: error: 'summary.vi' must be a non-empty text",
        f"sources/cities/hai-phong.yml:{division}:1: error: 'division' is empty"]
    text = path.read_text(encoding="utf-8").replace('vi: ""', 'vi: "Thành phố cảng."')
    text = text.replace('division: ""', "division: city")
    path.write_text(text, encoding="utf-8")
    assert errors_in(project, path.name) == []


def test_new_entity_refuses_a_taken_id(project):
    result = run_generator(project, "new", "person", "Nguyen Duc Chung Junior", "--id", "nguyen-duc-chung")
    assert result.returncode == 1
    assert "the id 'nguyen-duc-chung' is already sources/people/nguyen-duc-chung.yml" in result.stderr
    assert "Traceback" not in result.stderr


def test_new_source_rejects_an_impossible_date(project):
    result = run_generator(project, "new", "source", "--date", "2019-02-30")
    assert result.returncode == 1
    assert "'2019-02-30' is not a day of the calendar" in result.stderr


def test_new_refuses_what_check_would_refuse_and_writes_nothing(project):
    before = sorted(path.name for path in project.sources.rglob("*"))
    for args, message in [
        (("city", "Ha\x1b]52;c;eA==\x07Noi"), "error: the name holds U+001B control character: delete it"),
        (("city", "con"), "error: 'con' cannot be an id: it is a reserved file name on Windows"),
        (("source", "--title", "T", "--url", "javascript:alert(1)"), "error: the url must start with http://"),
        (("source", "--title", "T", "--date", "2024\x1b[31m"), "error: '2024\\x1b[31m' is not a date"),
    ]:
        result = run_generator(project, "new", *args)
        assert result.returncode == 1 and result.stderr.startswith(message), result.stderr
        assert "\x1b" not in result.stderr
    assert sorted(path.name for path in project.sources.rglob("*")) == before


def test_new_points_to_an_existing_entity_and_makes_short_ids(project):
    existing = run_generator(project, "new", "city", "Đà Nẵng", "--lang", "vi")
    assert existing.returncode == 1
    assert existing.stderr.startswith("error: 'Đà Nẵng' is already sources/cities/da-nang.yml")
    taken = run_generator(project, "new", "city", "Somewhere", "--id", "ha-noi")
    assert taken.stderr.startswith("error: the id 'ha-noi' is already sources/cities/ha-noi.yml")
    council = run_generator(project, "new", "organisation", "Da Nang People's Council")
    assert "sources/organisations/da-nang-peoples-council.yml" in council.stdout  # as the files write "peoples"
    source = run_generator(project, "new", "source", "--publisher", "VNA (Vietnam News Agency)", "--date", "2019-05",
                           "--title", "Da Nang inaugurates its smart city operation centre, the first in the region")
    assert "sources/articles/vna-2019-05-da-nang-inaugurates-its-smart-city.md" in source.stdout
    long = run_generator(project, "new", "city", "Thành phố " + "rất " * 40 + "dài")
    ident = long.stdout.split("sources/cities/")[1].split(".yml")[0]
    assert len(ident) <= 80 and ident.endswith("rat") and "--" not in ident  # cut at a word
    chosen = run_generator(project, "new", "city", "Hải Phòng", "--id", "hai-phong-city")
    assert "sources/cities/hai-phong-city.yml" in chosen.stdout
