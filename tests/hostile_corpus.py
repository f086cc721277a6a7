"""Bad and hostile inputs, each with the exact outcome expected.

Every case is a set of files laid over a small valid corpus (an article and a city).
Its outcome is either a problem (``error``/``warning``, exactly as `check` prints
it), or ``page``: the build accepts the input and the page shows it as literal text.
"""

from __future__ import annotations

from dataclasses import dataclass

ARTICLE = """\
---
id: test-article
title: A test article
language: en
publisher: Test Agency
published: 2023-11
not_article:
  - kind: caption
    start: "Photo: a caption"
claims:
  - id: urban-rate
    about: [ha-noi]
    quote: the urbanisation rate was 42.7%
    text:
      en: The urbanisation rate was 42.7%.
---
Photo: a caption about Hanoi streets
In Hanoi, the urbanisation rate was 42.7% last year.
"""

CITY = """\
id: ha-noi
name:
  en: Hanoi
  vi: Hà Nội
division: city
summary:
  en: The capital.
"""

ORGANISATION = """\
id: {id}
name: {{en: {name}}}
type: department
parent: {parent}
summary: {{en: A department.}}
"""

ARTICLE_PATH, CITY_PATH = "sources/articles/test-article.md", "sources/cities/ha-noi.yml"


@dataclass(frozen=True)
class Link:
    """A symbolic link to ``target`` ("{root}" is the corpus's folder), in place of a file."""

    target: str


FOLDER = "<a folder>"  # a folder in place of a file


@dataclass(frozen=True)
class Case:
    name: str
    files: dict  # {path: text or bytes}
    outcome: str  # "error", "warning" or "page"
    expected: str  # the problem as printed, or the literal text the page shows
    page: str = ""  # for "page": the page (Markdown path) that shows it
    lang: str = "en"  # for "page": in which language


def city(**changes) -> str:
    text = CITY
    for old, new in changes.items():
        text = text.replace(old.replace("_", " "), new)
    return text


def article(old: str, new: str) -> str:
    assert old in ARTICLE, old
    return ARTICLE.replace(old, new)


def claim_text(text: str) -> str:
    return article("      en: The urbanisation rate was 42.7%.", f"      en: {text}")


def summary(text: str) -> str:
    return CITY.replace("  en: The capital.", f"  en: {text}")


def figure(value: str) -> str:
    return article("      en: The urbanisation rate was 42.7%.", "      en: The urbanisation rate was 42.7%.\n"
                   f"    figure:\n      label: {{en: Urbanisation rate}}\n      value: {value}\n      unit: percent\n"
                   "      as_of: 2023\n      status: actual")


PERSON_PATH = "sources/people/someone.yml"
PERSON = """\
id: someone
name: {en: Someone}
summary: {en: Someone.}
roles:
  - title: {en: Director}
    organisation: null
    as_of: 2023
    source: test-article
    quote: urbanisation rate
"""
GLOSSARY_PATH = "sources/glossary.yml"
GLOSSARY = """\
terms:
  - id: rate
    term: {en: rate, vi: tỷ lệ}
    explanation: {en: A ratio.}
    attested:
      - source: test-article
        quote: the urbanisation rate
"""


CASES = [
    # --- YAML and files ---------------------------------------------------------------------------
    Case("yaml-syntax-error", {CITY_PATH: CITY.replace("division: city", "division: [city")}, "error",
         "sources/cities/ha-noi.yml:6:8: error: YAML syntax error: did not find expected ',' or ']' (a '[' not closed, "
         "or a ', ' or ': ' inside a list item: quote the item)"),
    Case("tab-indentation", {CITY_PATH: CITY.replace("  en: Hanoi", "\ten: Hanoi")}, "error",
         "sources/cities/ha-noi.yml:3:1: error: YAML syntax error: found character that cannot start any token "
         "(indent with spaces, not tabs)"),
    Case("duplicate-key", {CITY_PATH: CITY + "division: province\n"}, "error",
         "sources/cities/ha-noi.yml:8:1: error: duplicate key 'division'"),
    Case("wrong-type", {CITY_PATH: CITY.replace("division: city", "division: [city, province]")}, "error",
         "sources/cities/ha-noi.yml:5:1: error: 'division' must be a text"),
    Case("front-matter-not-a-mapping", {ARTICLE_PATH: "---\n- a list\n- not fields\n---\nText.\n"}, "error",
         "sources/articles/test-article.md:1:1: error: the file must hold a mapping of fields"),
    Case("no-front-matter", {ARTICLE_PATH: "Just the text of an article.\n"}, "error",
         "sources/articles/test-article.md:1:1: error: no front matter: the file must start with a '---' line"),
    Case("empty-entity-file", {CITY_PATH: ""}, "error",
         "sources/cities/ha-noi.yml:1:1: error: the file must hold a mapping of fields"),
    Case("article-without-text", {ARTICLE_PATH: ARTICLE.split("---\n", 2)[0] + "---\n" + ARTICLE.split("---\n")[1]
                                  + "---\n"}, "error",
         "sources/articles/test-article.md:17:1: error: the article has no text: paste it, as collected, "
         "below the closing '---'"),
    Case("byte-order-mark", {ARTICLE_PATH: "\ufeff" + ARTICLE}, "page", "A test article",
         page="sources/test-article.md"),
    Case("crlf-line-ends", {ARTICLE_PATH: ARTICLE.replace("\n", "\r\n")}, "page",
         "In Hanoi, the urbanisation rate was 42.7% last year.", page="sources/test-article.md"),
    Case("windows-1258", {CITY_PATH: CITY.encode("cp1258", errors="replace")}, "error",
         "sources/cities/ha-noi.yml:4:1: error: not UTF-8 text (a legacy encoding such as Windows-1258 or TCVN3?): "
         "save the file as UTF-8"),
    Case("utf-16", {CITY_PATH: CITY.encode("utf-16")}, "error",
         "sources/cities/ha-noi.yml:1:1: error: the file is UTF-16 text: save it as UTF-8"),
    Case("billion-laughs", {CITY_PATH: CITY + "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\n"
                            "c: &c [*b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"}, "error",
         "sources/cities/ha-noi.yml:9:8: error: YAML aliases (*name) are not allowed in annotation files: "
         "write the value out"),
    Case("file-too-large", {ARTICLE_PATH: ARTICLE + "x" * 1_000_001}, "error",
         "sources/articles/test-article.md:1:1: error: the file is 1,000,397 bytes, above the limit of 1,000,000: "
         "is it really one article or one entity?"),
    Case("deep-block-nesting", {CITY_PATH: CITY + "deep:\n" + "".join("  " * level + "- a:\n" for level in range(1, 8))
                                  + "  " * 8 + "- end\n"}, "error",
         "sources/cities/ha-noi.yml:14:15: error: nested more than 12 levels deep"),
    Case("deep-nesting", {CITY_PATH: CITY + "deep: " + "[" * 5000 + "]" * 5000 + "\n"}, "error",
         "sources/cities/ha-noi.yml:8:18: error: nested more than 12 levels deep"),
    Case("custom-yaml-tag", {CITY_PATH: CITY.replace("division: city", "division: !!python/object/apply:os.system [id]")},
         "error", "sources/cities/ha-noi.yml:5:11: error: YAML tag not allowed ('tag:yaml.org,2002:python/object/apply"
                  ":os.system'): annotation files hold plain texts, numbers, lists and mappings"),
    Case("complex-key", {CITY_PATH: CITY + "? [a, b]\n: c\n"}, "error",
         "sources/cities/ha-noi.yml:8:3: error: a key must be a plain word, not a list or a mapping"),
    Case("map-tag-on-text", {CITY_PATH: CITY.replace("division: city", "division: !!map city")}, "error",
         "sources/cities/ha-noi.yml:5:11: error: a !!map tag on a value that is not a mapping: remove the tag"),
    Case("nul-byte-in-file", {CITY_PATH: CITY.replace("The capital.", "The\x00capital.")}, "error",
         "sources/cities/ha-noi.yml:7:1: error: the file holds a NUL character: it is not a text file"),
    Case("unknown-field", {CITY_PATH: CITY + "populaton: 8000000\n"}, "error",
         "sources/cities/ha-noi.yml:8:1: error: unknown field 'populaton'"),
    # --- references -------------------------------------------------------------------------------
    Case("unknown-id", {ARTICLE_PATH: article("about: [ha-noi]", "about: [hanoi]")}, "error",
         "sources/articles/test-article.md:12:1: error: unknown entity id 'hanoi' in 'about' "
         "(hint: did you mean 'ha-noi'?)"),
    Case("duplicate-id-across-kinds", {"sources/people/ha-noi.yml": "id: ha-noi\nname: {en: Someone}\n"
                                       "summary: {en: Someone.}\nroles: []\n"}, "error",
         "sources/people/ha-noi.yml:1:1: error: duplicate id 'ha-noi', already used by sources/cities/ha-noi.yml:1"),
    Case("duplicate-id-case-variant", {"sources/cities/Ha-Noi.yml": CITY}, "error",
         "sources/cities/Ha-Noi.yml:1:1: error: id 'ha-noi' differs from the file name 'Ha-Noi.yml' "
         "(hint: rename the file to 'ha-noi.yml')"),
    Case("own-parent", {"sources/organisations/dept.yml": ORGANISATION.format(id="dept", name="Dept", parent="dept")},
         "error", "sources/organisations/dept.yml:4:1: error: 'dept' is its own parent (dept → dept)"),
    Case("parent-cycle", {"sources/organisations/dept-a.yml": ORGANISATION.format(id="dept-a", name="A", parent="dept-b"),
                          "sources/organisations/dept-b.yml": ORGANISATION.format(id="dept-b", name="B", parent="dept-a")},
         "error", "sources/organisations/dept-a.yml:4:1: error: 'dept-a' is its own parent (dept-a → dept-b → dept-a)"),
    Case("role-without-source", {"sources/people/someone.yml": "id: someone\nname: {en: Someone}\nsummary: {en: S.}\n"
                                 "roles:\n  - title: {en: Director}\n    as_of: 2023\n    quote: urbanisation rate\n"},
         "error", "sources/people/someone.yml:5:1: error: missing field 'source' (a text)"),
    Case("reference-of-the-wrong-kind", {"sources/organisations/dept.yml": ORGANISATION.format(
        id="dept", name="Dept", parent="ha-noi")}, "error",
         "sources/organisations/dept.yml:4:1: error: unknown organisation id 'ha-noi' in 'parent'"),
    # --- ids --------------------------------------------------------------------------------------
    Case("path-traversal-id", {CITY_PATH: city(**{"id: ha-noi": "id: ../../etc/passwd"})}, "error",
         "sources/cities/ha-noi.yml:1:1: error: '../../etc/passwd' is not an id: use lower-case ASCII letters, "
         "digits and hyphens (ha-noi)"),
    Case("absolute-path-id", {ARTICLE_PATH: article("about: [ha-noi]", "about: [/etc/passwd]")}, "error",
         "sources/articles/test-article.md:12:1: error: in 'about': '/etc/passwd' is not an id: use lower-case ASCII "
         "letters, digits and hyphens (ha-noi)"),
    Case("nul-in-id", {CITY_PATH: city(**{"id: ha-noi": 'id: "ha\\0noi"'})}, "error",
         "sources/cities/ha-noi.yml:1:5: error: the value holds U+0000 control character, an invisible or control "
         "character: delete it"),
    Case("reserved-name-id", {"sources/cities/con.yml": city(**{"id: ha-noi": "id: con"})}, "error",
         "sources/cities/con.yml:1:1: error: 'con' cannot be an id: it is a reserved file name on Windows"),
    Case("index-page-id", {"sources/cities/index.yml": city(**{"id: ha-noi": "id: index"})}, "error",
         "sources/cities/index.yml:1:1: error: 'index' cannot be an id: it is the name of each kind's index page "
         "(index.md); choose another"),
    Case("index-folder-id", {"sources/cities/by-year.yml": city(**{"id: ha-noi": "id: by-year"})}, "error",
         "sources/cities/by-year.yml:1:1: error: 'by-year' cannot be an id: it names the folder of a long index's "
         "pages; choose another"),
    Case("dotted-id", {CITY_PATH: city(**{"id: ha-noi": "id: ha.noi"})}, "error",
         "sources/cities/ha-noi.yml:1:1: error: 'ha.noi' is not an id: use lower-case ASCII letters, digits and "
         "hyphens (ha-noi)"),
    Case("very-long-id", {CITY_PATH: city(**{"id: ha-noi": "id: " + "ha-noi-" * 15 + "x"})}, "error",
         "sources/cities/ha-noi.yml:1:1: error: the id is 106 characters long: keep it to 80"),
    Case("non-ascii-id", {CITY_PATH: city(**{"id: ha-noi": "id: hà-nội"})}, "error",
         "sources/cities/ha-noi.yml:1:1: error: 'hà-nội' is not an id: use lower-case ASCII letters, digits and "
         "hyphens (ha-noi)"),
    # --- the narrative -----------------------------------------------------------------------------
    Case("markup-in-the-narrative", {"sources/briefing.yml": "bottom_line:\n  - text: {en: \"<script>alert('x')</script> "
                                     "[x](javascript:alert('x')) rate 42.7%\"}\n    cites: [test-article#urban-rate]\n"
                                     "sections: []\n"}, "page",
         "<script>alert('x')</script> [x](javascript:alert('x')) rate 42.7%", page="index.md"),
    Case("narrative-number-not-in-its-claims", {"sources/briefing.yml": "bottom_line:\n  - text: {en: \"It was 99%.\"}"
                                                "\n    cites: [test-article#urban-rate]\nsections: []\n"}, "error",
         "sources/briefing.yml:2:1: error: 99 in this sentence (en) is in none of the claims it cites (hint: cite the "
         "claim that gives it, or write the number as that claim does)"),
    Case("narrative-cites-no-claim", {"sources/briefing.yml": "bottom_line:\n  - text: {en: Nothing.}\n    cites: []\n"
                                      "sections: []\n"}, "error",
         "sources/briefing.yml:3:1: error: 'cites' is empty: cite the claims the sentence rests on"),
    # --- dates ------------------------------------------------------------------------------------
    Case("impossible-date", {ARTICLE_PATH: article("published: 2023-11", "published: 2023-02-30")}, "error",
         "sources/articles/test-article.md:6:1: error: '2023-02-30' is not a day of the calendar"),
    Case("day-zero", {ARTICLE_PATH: article("published: 2023-11", "published: 2023-11-00")}, "error",
         "sources/articles/test-article.md:6:1: error: '2023-11-00' is not a day of the calendar"),
    Case("month-thirteen", {ARTICLE_PATH: article("published: 2023-11", "published: 2023-13")}, "error",
         "sources/articles/test-article.md:6:1: error: '2023-13' has no month 13: months run from 01 to 12"),
    Case("period-ends-before-it-starts", {"sources/programmes/plan.yml": "id: plan\nname: {en: Plan}\n"
                                          "summary: {en: A plan.}\ntype: plan\nstart: 2020\nend: 2016\n"}, "error",
         "sources/programmes/plan.yml:6:1: error: ends (2016) before it starts (2020)"),
    Case("year-far-in-the-future", {ARTICLE_PATH: article("published: 2023-11", "published: 3023-11")}, "warning",
         "sources/articles/test-article.md:6:1: warning: the year 3023 looks like a typo"),
    Case("year-far-in-the-past", {ARTICLE_PATH: article("published: 2023-11", "published: 1023-11")}, "warning",
         "sources/articles/test-article.md:6:1: warning: the year 1023 looks like a typo"),
    # --- Unicode ----------------------------------------------------------------------------------
    Case("nfd-name-is-normalised", {CITY_PATH: city(**{"vi: Hà Nội": "vi: Ha\u0300 Nô\u0323i"})}, "page", "Hà Nội",
         page="cities/ha-noi.md", lang="vi"),
    Case("zero-width-space-in-name", {CITY_PATH: city(**{"en: Hanoi": "en: Ha\u200bnoi"})}, "error",
         "sources/cities/ha-noi.yml:3:9: error: the file holds U+200B ZERO WIDTH SPACE, an invisible or control "
         "character: delete it"),
    Case("bidi-override-in-summary", {CITY_PATH: summary("The \u202ecapital.")}, "error",
         "sources/cities/ha-noi.yml:7:11: error: the file holds U+202E RIGHT-TO-LEFT OVERRIDE, an invisible or "
         "control character: delete it"),
    # --- injection: accepted as text, never live --------------------------------------------------
    Case("script-tag", {ARTICLE_PATH: claim_text("'<script>alert(1)</script> rate'")}, "page",
         "<script>alert(1)</script> rate", page="sources/test-article.md"),
    Case("img-onerror", {CITY_PATH: summary("'<img src=x onerror=\"alert(1)\">'")}, "page",
         '<img src=x onerror="alert(1)">', page="cities/ha-noi.md"),
    Case("javascript-url-field", {ARTICLE_PATH: article("publisher: Test Agency", "publisher: Test Agency\n"
                                                        "url: javascript:alert(1)")}, "error",
         "sources/articles/test-article.md:6:1: error: the url must start with http:// or https://"),
    Case("data-url-field", {ARTICLE_PATH: article("publisher: Test Agency", "publisher: Test Agency\n"
                                                  "url: 'data:text/html,<script>alert(1)</script>'")}, "error",
         "sources/articles/test-article.md:6:1: error: the url must start with http:// or https://"),
    Case("markdown-javascript-link", {CITY_PATH: summary("'[click me](javascript:alert(1))'")}, "page",
         "[click me](javascript:alert(1))", page="cities/ha-noi.md"),
    Case("markdown-data-link", {CITY_PATH: summary("'![x](data:image/svg+xml,<svg onload=alert(1)>)'")}, "page",
         "![x](data:image/svg+xml,<svg onload=alert(1)>)", page="cities/ha-noi.md"),
    Case("iframe", {CITY_PATH: summary("'<iframe src=\"https://example.org\"></iframe>'")}, "page",
         '<iframe src="https://example.org"></iframe>', page="cities/ha-noi.md"),
    Case("raw-html-block", {CITY_PATH: summary("'<div onclick=\"alert(1)\"><object data=x></object></div>'")}, "page",
         '<div onclick="alert(1)"><object data=x></object></div>', page="cities/ha-noi.md"),
    Case("markdown-breakout", {CITY_PATH: summary("'--- # Heading ]]> </div> * item'")}, "page",
         "--- # Heading ]]> </div> * item", page="cities/ha-noi.md"),
    Case("jinja-expression", {CITY_PATH: summary("'{{ 7 * 7 }} and {% raw %}'")}, "page",
         "{{ 7 * 7 }} and {% raw %}", page="cities/ha-noi.md"),
    Case("title-breakout", {CITY_PATH: city(**{"en: Hanoi": "en: '</title><script>alert(1)</script>'"})}, "page",
         "</title><script>alert(1)</script>", page="cities/ha-noi.md"),
    Case("quotes-in-a-name", {CITY_PATH: city(**{"en: Hanoi": "en: 'Ha\"noi'' onmouseover=alert(1) x=\"'"})}, "page",
         "Ha\"noi' onmouseover=alert(1) x=\"", page="cities/ha-noi.md"),
    Case("quote-from-a-caption", {ARTICLE_PATH: article("quote: the urbanisation rate was 42.7%",
                                                        "quote: a caption about Hanoi streets")}, "error",
         "sources/articles/test-article.md:13:1: error: quote not found in the article text of 'test-article': "
         "\"a caption about Hanoi streets\" (hint: it is in the collected text, but crosses the caption marked on "
         "line 8: quote only the article's words)"),
    # --- files: only regular files inside sources/, each read or reported ----------------------------
    Case("symlink-outside-the-repository", {"sources/cities/x.yml": Link("/etc/passwd")}, "error",
         "sources/cities/x.yml:1:1: error: the file is a symbolic link, which is not followed (hint: put the file "
         "itself here: only regular files inside sources/ are read)"),
    Case("symlink-to-dev-zero", {"sources/cities/x.yml": Link("/dev/zero")}, "error",
         "sources/cities/x.yml:1:1: error: the file is a symbolic link, which is not followed (hint: put the file "
         "itself here: only regular files inside sources/ are read)"),
    Case("symlink-inside-sources", {"sources/cities/x.yml": Link("{root}/sources/cities/ha-noi.yml")}, "error",
         "sources/cities/x.yml:1:1: error: the file is a symbolic link, which is not followed (hint: put the file "
         "itself here: only regular files inside sources/ are read)"),
    Case("symlinked-folder", {"sources/people": Link("/etc")}, "error",
         "sources/people:1:1: error: the folder is a symbolic link, which is not followed (hint: put the file "
         "itself here: only regular files inside sources/ are read)"),
    Case("folder-named-like-a-file", {"sources/cities/x.yml": FOLDER}, "error",
         "sources/cities/x.yml:1:1: error: not a regular file: it is not read (hint: remove it)"),
    Case("yaml-suffix", {"sources/cities/hai-phong.yaml": CITY}, "error",
         "sources/cities/hai-phong.yaml:1:1: error: not read: the files of sources/cities/ end in .yml "
         "(hint: rename it to 'hai-phong.yml')"),
    Case("upper-case-suffix", {"sources/cities/hai-phong.YML": CITY}, "error",
         "sources/cities/hai-phong.YML:1:1: error: not read: the files of sources/cities/ end in .yml "
         "(hint: rename it to 'hai-phong.yml')"),
    Case("markdown-suffix", {"sources/articles/x.markdown": ARTICLE}, "error",
         "sources/articles/x.markdown:1:1: error: not read: the files of sources/articles/ end in .md "
         "(hint: rename it to 'x.md')"),
    Case("sub-folder", {"sources/cities/north/x.yml": CITY}, "error",
         "sources/cities/north:1:1: error: a folder inside a folder of annotation files: its files are not read "
         "(hint: move them into sources/cities/)"),
    Case("unknown-folder", {"sources/city/x.yml": CITY}, "error",
         "sources/city:1:1: error: not read: sources/ holds only the folders articles, cities, programmes, events, "
         "organisations, people and the files glossary.yml, briefing.yml and indicators.yml (hint: did you mean the name 'cities'?)"),
    Case("glossary-yaml-suffix", {"sources/glossary.yaml": GLOSSARY}, "error",
         "sources/glossary.yaml:1:1: error: not read: the file is sources/glossary.yml "
         "(hint: rename it to 'glossary.yml')"),
    Case("stray-file", {"sources/cities/notes.txt": "to do"}, "error",
         "sources/cities/notes.txt:1:1: error: not an annotation file: sources/cities/ holds .yml files only "
         "(hint: remove it, or move it out of sources/)"),
    Case("hidden-file", {"sources/cities/.x.yml": CITY}, "warning",
         "sources/cities/.x.yml:1:1: warning: a hidden file or folder, not read (hint: remove it if it holds "
         "no annotation)"),
    Case("binary-file", {CITY_PATH: b"\x00\x01\x00\x00\x00\x12\x01\x00\x00\x04" * 40}, "error",
         "sources/cities/ha-noi.yml:1:1: error: the file is not text (a binary file, such as a font or an image, "
         "or UTF-16 without a byte-order mark): save the annotation as UTF-8"),
    Case("front-matter-not-closed", {ARTICLE_PATH: ARTICLE.replace("\n---\nPhoto", "\nPhoto")}, "error",
         "sources/articles/test-article.md:1:1: error: the front matter is not closed: end it with a '---' line, "
         "above the article's text"),
    # --- numbers and flags: decimal digits, YAML 1.2's words ---------------------------------------
    Case("infinite-number", {ARTICLE_PATH: figure(".inf")}, "error",
         "sources/articles/test-article.md:18:1: error: 'value' is '.inf', not a number in decimal digits: write it "
         "as 42.7 or 3000000000000 (no leading zero, separator, hexadecimal or time)"),
    Case("not-a-number", {ARTICLE_PATH: figure(".nan")}, "error",
         "sources/articles/test-article.md:18:1: error: 'value' is '.nan', not a number in decimal digits: write it "
         "as 42.7 or 3000000000000 (no leading zero, separator, hexadecimal or time)"),
    Case("octal-looking-number", {ARTICLE_PATH: figure("010")}, "error",
         "sources/articles/test-article.md:18:1: error: 'value' is '010', not a number in decimal digits: write it "
         "as 42.7 or 3000000000000 (no leading zero, separator, hexadecimal or time)"),
    Case("sexagesimal-number", {ARTICLE_PATH: figure("12:30")}, "error",
         "sources/articles/test-article.md:18:1: error: 'value' is '12:30', not a number in decimal digits: write it "
         "as 42.7 or 3000000000000 (no leading zero, separator, hexadecimal or time)"),
    Case("hexadecimal-number", {ARTICLE_PATH: figure("0x2A")}, "error",
         "sources/articles/test-article.md:18:1: error: 'value' is '0x2A', not a number in decimal digits: write it "
         "as 42.7 or 3000000000000 (no leading zero, separator, hexadecimal or time)"),
    Case("huge-number", {ARTICLE_PATH: figure("1" + "0" * 28)}, "error",
         "sources/articles/test-article.md:18:1: error: 'value' is beyond 10^18: is the unit right?"),
    Case("number-out-of-float-range", {ARTICLE_PATH: figure("1e999")}, "error",
         "sources/articles/test-article.md:18:1: error: 'value' is beyond 10^18: is the unit right?"),
    Case("quoted-number", {ARTICLE_PATH: figure('"42.7"')}, "error",
         "sources/articles/test-article.md:18:1: error: 'value' must be a number, without quotes"),
    Case("exponent-number", {ARTICLE_PATH: figure("3e12").replace("unit: percent", "unit: VND")}, "page",
         "VND 3 trillion", page="figures.md"),
    Case("no-is-a-word", {CITY_PATH: city(**{"en: Hanoi": "en: No"})}, "page", "No", page="cities/ha-noi.md"),
    Case("no-as-a-key", {CITY_PATH: city(**{"en: Hanoi": "no: Hanoi"})}, "error",
         "sources/cities/ha-noi.yml:3:1: error: 'no' in 'name' is not a language: use en, vi or fr"),
    Case("number-and-true-keys", {CITY_PATH: CITY + "1: one\ntrue: two\n"}, "error",
         "sources/cities/ha-noi.yml:9:1: error: unknown field 'true'"),
    Case("number-as-id", {"sources/cities/404.yml": city(**{"id: ha-noi": "id: 404"})}, "warning",
         "sources/cities/404.yml:1:1: warning: no source mentions '404' (hint: add a claim about it to an article, "
         "or remove the file)"),
    Case("yes-is-not-a-flag", {ARTICLE_PATH: article("published: 2023-11", "published: 2023-11\nedito"
                                                     "rial_title: maybe")}, "error",
         "sources/articles/test-article.md:7:1: error: 'editorial_title' must be true or false, not 'maybe'"),
    Case("null-value-of-a-required-field", {ARTICLE_PATH: article("publisher: Test Agency", "publisher: ~")}, "error",
         "sources/articles/test-article.md:5:1: error: 'publisher' has no value (a text)"),
    Case("empty-value-of-a-required-field", {PERSON_PATH: PERSON.split("roles:")[0] + "roles:\n"}, "error",
         "sources/people/someone.yml:4:1: error: 'roles' has no value (a list)"),
    Case("null-key", {CITY_PATH: CITY + "~: x\n"}, "error", "sources/cities/ha-noi.yml:8:1: error: unknown field '~'"),
    Case("year-zero", {ARTICLE_PATH: article("published: 2023-11", "published: 0000")}, "error",
         "sources/articles/test-article.md:6:1: error: '0000' has no year: the calendar has no year 0"),
    Case("year-zero-in-a-figure", {ARTICLE_PATH: figure("42.7").replace("as_of: 2023", "as_of: 0000-01")}, "error",
         "sources/articles/test-article.md:20:1: error: '0000-01' has no year: the calendar has no year 0"),
    # --- URLs: validated, then placed as they are ---------------------------------------------------
    Case("url-with-a-space", {ARTICLE_PATH: article("publisher: Test Agency", "publisher: Test Agency\n"
                                                    "url: https://example.org/a b")}, "error",
         "sources/articles/test-article.md:6:1: error: the url holds a space: write it as the browser shows it "
         "(%20 for a space)"),
    Case("url-without-a-host", {ARTICLE_PATH: article("publisher: Test Agency", "publisher: Test Agency\n"
                                                      "url: https:///etc/passwd")}, "error",
         "sources/articles/test-article.md:6:1: error: the url names no host: write it whole, as "
         "https://example.org/page"),
    Case("url-with-a-line-break", {ARTICLE_PATH: article("publisher: Test Agency", "publisher: Test Agency\n"
                                                         'url: "https://example.org/\\n# Heading"')}, "error",
         "sources/articles/test-article.md:6:1: error: 'url' holds a line break: write it on one line"),
    # --- line breaks: one-line fields refuse them, a quote is one line ------------------------------
    Case("line-break-in-an-alias", {CITY_PATH: CITY + 'aliases: ["Ha Noi\\n# Heading"]\n'}, "error",
         "sources/cities/ha-noi.yml:8:1: error: 'aliases' holds a line break: write it on one line"),
    Case("line-break-in-a-title", {ARTICLE_PATH: article("title: A test article", 'title: "A test\\n    article"')},
         "error", "sources/articles/test-article.md:3:1: error: 'title' holds a line break: write it on one line"),
    Case("literal-block-publisher", {ARTICLE_PATH: article("publisher: Test Agency", "publisher: |\n  Test\n"
                                                           "  | Agency |")}, "error",
         "sources/articles/test-article.md:5:1: error: 'publisher' holds a line break: write it on one line"),
    Case("quote-on-two-lines", {ARTICLE_PATH: article("quote: the urbanisation rate was 42.7%",
                                                      "quote: |\n      the urbanisation\n      rate was 42.7%")},
         "page", "The urbanisation rate was 42.7%. the urbanisation rate was 42.7% — Hanoi", page="sources/test-article.md"),
    # --- invisible and control characters: refused by category, wherever they are --------------------
    Case("bidi-override-in-the-article-text", {ARTICLE_PATH: ARTICLE.replace("In Hanoi", "In \u202eHanoi")}, "error",
         "sources/articles/test-article.md:18:4: error: the file holds U+202E RIGHT-TO-LEFT OVERRIDE, an invisible "
         "or control character: delete it"),
    Case("tag-character-in-the-article-text", {ARTICLE_PATH: ARTICLE.replace("last year", "last\U000e0041 year")},
         "error", "sources/articles/test-article.md:18:47: error: the file holds U+E0041 TAG LATIN CAPITAL LETTER A, "
                  "an invisible or control character: delete it"),
    Case("arabic-letter-mark", {CITY_PATH: city(**{"en: Hanoi": "en: Ha\u061cnoi"})}, "error",
         "sources/cities/ha-noi.yml:3:9: error: the file holds U+061C ARABIC LETTER MARK, an invisible or control "
         "character: delete it"),
    Case("soft-hyphen", {CITY_PATH: city(**{"en: Hanoi": "en: Ha\u00adnoi"})}, "error",
         "sources/cities/ha-noi.yml:3:9: error: the file holds U+00AD SOFT HYPHEN, an invisible or control "
         "character: delete it"),
    Case("combining-grapheme-joiner", {CITY_PATH: city(**{"en: Hanoi": "en: Ha\u034fnoi"})}, "error",
         "sources/cities/ha-noi.yml:3:9: error: the file holds U+034F COMBINING GRAPHEME JOINER, an invisible or "
         "control character: delete it"),
    Case("mongolian-vowel-separator", {CITY_PATH: city(**{"en: Hanoi": "en: Ha\u180enoi"})}, "error",
         "sources/cities/ha-noi.yml:3:9: error: the file holds U+180E MONGOLIAN VOWEL SEPARATOR, an invisible or "
         "control character: delete it"),
    Case("hangul-filler", {CITY_PATH: city(**{"en: Hanoi": "en: Ha\u3164noi"})}, "error",
         "sources/cities/ha-noi.yml:3:9: error: the file holds U+3164 HANGUL FILLER, an invisible or control "
         "character: delete it"),
    Case("escape-character-in-a-file", {CITY_PATH: CITY + "\x1b]52;c;bWFsaWNl\x07: x\n"}, "error",
         "sources/cities/ha-noi.yml:8:1: error: the file holds U+001B control character, an invisible or control "
         "character: delete it"),
    Case("control-character-by-yaml-escape", {CITY_PATH: city(**{"en: Hanoi": 'en: "Ha\\x01noi"'})}, "error",
         "sources/cities/ha-noi.yml:3:7: error: the value holds U+0001 control character, an invisible or control "
         "character: delete it"),
    Case("terminal-escape-by-yaml-escape", {CITY_PATH: CITY + '"\\e[2K\\r0 error(s)": x\n'}, "error",
         "sources/cities/ha-noi.yml:8:1: error: the value holds U+001B control character, an invisible or control "
         "character: delete it"),
    Case("line-separator-by-yaml-escape", {CITY_PATH: summary('"The\\Lcapital."')}, "error",
         "sources/cities/ha-noi.yml:7:7: error: the value holds U+2028 LINE SEPARATOR, an invisible or control "
         "character: delete it"),
    Case("control-character-in-a-file-name", {"sources/cities/x\x1b[2K.yml": CITY}, "error",
         "sources/cities/x\\x1b[2K.yml:1:1: error: id 'ha-noi' differs from the file name 'x\\x1b[2K.yml' "
         "(hint: rename the file to 'ha-noi.yml')"),
    Case("chu-nom-and-emoji-in-a-name", {CITY_PATH: city(**{"vi: Hà Nội": "vi: Hà Nội 𡨸喃 🏙"})}, "page",
         "Hà Nội 𡨸喃 🏙", page="cities/ha-noi.md", lang="vi"),
    # --- accepted by check, so built ---------------------------------------------------------------
    Case("person-without-roles", {PERSON_PATH: PERSON.split("roles:")[0] + "roles: []\n",
                                  ARTICLE_PATH: article("about: [ha-noi]", "about: [ha-noi, someone]")}, "page",
         "Someone", page="people/index.md"),
    Case("translation-of-a-missing-original", {CITY_PATH: summary("x").replace(
        "  en: x", '  vi: {text: "Thủ đô.", from: en 1a2b3c4d}')}, "error",
         "sources/cities/ha-noi.yml:7:1: error: 'summary.vi' is translated from en, but 'summary' has no en text"),
    # --- limits: what one file can put on a page ---------------------------------------------------
    Case("very-long-name", {CITY_PATH: city(**{"en: Hanoi": "en: " + "Hanoi " * 60_000})}, "error",
         "sources/cities/ha-noi.yml:3:1: error: 'name.en' is 359,999 characters long: keep it to 200"),
    Case("claim-about-too-many-entities", {ARTICLE_PATH: article("about: [ha-noi]", "about: ["
                                                                 + ", ".join(f"e{n}" for n in range(3000)) + "]")},
         "error", "sources/articles/test-article.md:12:1: error: 'about' lists 3,000 items: keep it to 20"),
    Case("too-many-claims", {ARTICLE_PATH: article("claims:\n", "claims:\n" + "".join(
        f"  - {{id: c{n}, quote: urbanisation rate, text: {{en: Rate.}}}}\n" for n in range(501)))}, "error",
         "sources/articles/test-article.md:11:1: error: 'claims' lists 502 items: keep it to 500"),
    # --- duplicates --------------------------------------------------------------------------------
    Case("entity-listed-twice", {ARTICLE_PATH: article("about: [ha-noi]", "about: [ha-noi, ha-noi]")}, "error",
         "sources/articles/test-article.md:12:1: error: in 'about': 'ha-noi' is listed twice"),
    Case("glossary-term-twice", {GLOSSARY_PATH: GLOSSARY + GLOSSARY.split("\n", 1)[1]}, "error",
         "sources/glossary.yml:8:1: error: duplicate term id 'rate', already used at line 2"),
    # --- found by an attack on this round's fixes ---------------------------------------------------
    Case("markdown-link-in-a-url", {ARTICLE_PATH: article("publisher: Test Agency", "publisher: Test Agency\n"
                                                          "url: https://a.org/[x](javascript:alert(1))")}, "page",
         "https://a.org/[x](javascript:alert(1))", page="sources/test-article.md"),
    Case("backtick-in-a-url", {ARTICLE_PATH: article("publisher: Test Agency", "publisher: Test Agency\n"
                                                     "url: https://a.org/x`y")}, "error",
         "sources/articles/test-article.md:6:1: error: the url holds `, which a URL cannot: write it as the "
         "browser's address bar shows it, percent-encoded"),
    Case("every-language-a-translation", {CITY_PATH: summary("x").replace(
        "  en: x", "  en: {text: The capital., from: vi 9d9f977a}\n  vi: {text: Thủ đô., from: en 9d9f977a}")},
         "error", "sources/cities/ha-noi.yml:6:1: error: every language of 'summary' is a translation: write the "
                  "original as a plain text (hint: a translation's `from` names the language it was made from, "
                  "which is written plainly)"),
    Case("five-thousand-digits", {ARTICLE_PATH: figure("1" + "0" * 5000)}, "error",
         "sources/articles/test-article.md:18:1: error: 'value' is beyond 10^18: is the unit right?"),
    Case("front-matter-opening-line-with-more", {ARTICLE_PATH: "---junk\nsecret: never read\n" + ARTICLE}, "error",
         "sources/articles/test-article.md:1:1: error: no front matter: the file must start with a '---' line"),
    Case("full-width-digits-in-a-date", {ARTICLE_PATH: article("published: 2023-11", "published: ２０２３-１１")},
         "error", "sources/articles/test-article.md:6:1: error: '２０２３-１１' is not a date: write YYYY, YYYY-MM or "
                  "YYYY-MM-DD"),
    Case("many-quotes-not-found", {ARTICLE_PATH: article("claims:\n", "claims:\n" + "".join(
        f"  - {{id: q{n}, quote: zzz{n} qqq, text: {{en: A claim.}}}}\n" for n in range(499)))
        + "In Hanoi the rate rose again.\n" * 10_000}, "error",
         "sources/articles/test-article.md:16:1: error: quote not found in the article text of 'test-article': "
         "\"zzz5 qqq\""),
    Case("blank-alias", {CITY_PATH: CITY + 'aliases: ["\u3000"]\n'}, "error",
         "sources/cities/ha-noi.yml:8:1: error: an item of 'aliases' is blank: remove it"),
    Case("period-ending-in-the-year-it-starts", {"sources/programmes/plan.yml": "id: plan\nname: {en: Plan}\n"
                                                 "summary: {en: A plan.}\ntype: plan\nstart: 2024-06-15\nend: 2024\n"},
         "warning", "sources/programmes/plan.yml:1:1: warning: no source mentions 'plan' (hint: add a claim about it "
                    "to an article, or remove the file)"),
    # --- near-duplicates: two files for one thing ------------------------------------------------
    Case("one-event-in-two-files", {f"sources/events/{ident}.yml": f"id: {ident}\nname: {{en: {name}}}\n"
                                    "summary: {en: A summit.}\ntype: summit\nstart: 2024-12-02\ncity: ha-noi\n"
                                    for ident, name in (("summit-a", "Summit A"), ("summit-b", "Summit B"))},
         "warning", "sources/events/summit-b.yml:1:1: warning: 'summit-b' has the type, date and city of 'summit-a' "
                    "(sources/events/summit-a.yml) (hint: if they are one event, keep one file and give it both "
                    "articles' claims)"),
    Case("a-name-that-is-another-entitys-alias", {CITY_PATH: CITY + "aliases: [Thủ đô]\n",
                                                  "sources/cities/thu-do.yml": city(**{"id: ha-noi": "id: thu-do",
                                                                                       "en: Hanoi": "en: Thủ đô",
                                                                                       "vi: Hà Nội": "vi: Thủ đô"})},
         "warning", "sources/cities/thu-do.yml:1:1: warning: 'thu-do' and 'ha-noi' (sources/cities/ha-noi.yml) share "
                    "the name or alias 'thủ đô' (hint: if they are one entity, keep one file; if not, make the names "
                    "tell them apart)"),
    Case("straight-apostrophe-for-a-curly-one", {ARTICLE_PATH: article("quote: the urbanisation rate was 42.7%",
                                                                        "quote: Hanoi's urbanisation rate").replace(
        "In Hanoi, the urbanisation rate", "Hanoi\u2019s urbanisation rate")}, "error",
         "sources/articles/test-article.md:13:1: error: quote not found in the article text of 'test-article': "
         "\"Hanoi's urbanisation rate\" (hint: the closest passage of the article is \"Hanoi\u2019s urbanisation "
         "rate\"; they first differ at character 6: \u201c'\u201d (U+0027 APOSTROPHE) in the quote, \u201c\u2019\u201d (U+2019 RIGHT "
         "SINGLE QUOTATION MARK) in the article)"),
    Case("colon-in-an-unquoted-value", {CITY_PATH: summary("The capital: seat of the government.")}, "error",
         "sources/cities/ha-noi.yml:7:18: error: YAML syntax error: mapping values are not allowed in this context (a ': ' inside "
         "a value: put the value in double quotes)"),
]
