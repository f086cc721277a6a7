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


CASES = [
    # --- YAML and files ---------------------------------------------------------------------------
    Case("yaml-syntax-error", {CITY_PATH: CITY.replace("division: city", "division: [city")}, "error",
         "sources/cities/ha-noi.yml:6:8: error: YAML syntax error: did not find expected ',' or ']'"),
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
         "sources/cities/ha-noi.yml:1:1: error: 'ha\\x00noi' is not an id: use lower-case ASCII letters, digits "
         "and hyphens (ha-noi)"),
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
         "sources/cities/ha-noi.yml:3:1: error: 'name.en' holds an invisible character (U+200B ZERO WIDTH SPACE): "
         "delete it"),
    Case("bidi-override-in-summary", {CITY_PATH: summary("The \u202ecapital.")}, "error",
         "sources/cities/ha-noi.yml:7:1: error: 'summary.en' holds an invisible character (U+202E RIGHT-TO-LEFT "
         "OVERRIDE): delete it"),
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
         "\"a caption about Hanoi streets\" (hint: the closest passage of the article is \"urbanisation "
         "rate was 42.7% last\")"),
]
