"""Write a synthetic corpus of N annotated articles in the project's real format.

    python benchmarks/corpus.py --articles 1000 --seed 1 OUT/

OUT/ becomes a project: sources/ (articles in three languages, entities of every
kind, claims whose quotes are really in their articles, figures, roles, some
translations missing) plus the hand-written docs/ and mkdocs.yml of
this checkout. The same seed gives the same files. The field names come from the
declarations the reader validates with (generator/schema.py), and the corpus is
read back with the project's own reader before it is handed over: a format change
that leaves this script behind fails here, loudly.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from generator import kinds, model, schema  # noqa: E402
from generator.build import check_sources  # noqa: E402
from generator.project import Project  # noqa: E402

LANGS = model.LANGUAGES
SENTENCES = {
    "en": ["{person}, {role} of {org}, said {programme} would cover {value} {unit} by {year}.",
           "{city} hosted {event}, where {count} experts discussed smart transport and data.",
           "The budget of {programme} in {city} reached VND {value} billion in {year}.",
           "{org} and {org2} signed an agreement on digital services for {city}."],
    "vi": ["Ông {person}, {role} {org}, cho biết {programme} sẽ bao phủ {value} {unit} vào năm {year}.",
           "{city} đã tổ chức {event}, nơi {count} chuyên gia thảo luận về giao thông thông minh và dữ liệu.",
           "Kinh phí của {programme} tại {city} đạt {value} tỷ đồng vào năm {year}.",
           "{org} và {org2} đã ký thỏa thuận về dịch vụ số cho {city}."],
    "fr": ["{person}, {role} de {org}, a déclaré que {programme} couvrirait {value} {unit} d'ici {year}.",
           "{city} a accueilli {event}, où {count} experts ont débattu des transports intelligents et des données.",
           "Le budget de {programme} à {city} a atteint {value} milliards de dongs en {year}.",
           "{org} et {org2} ont signé un accord sur les services numériques pour {city}."],
}
FILLER = {
    "en": "Officials also reviewed progress on e-government, open data and urban planning.",
    "vi": "Các đại biểu cũng đánh giá tiến độ xây dựng chính quyền điện tử, dữ liệu mở và quy hoạch đô thị.",
    "fr": "Les responsables ont aussi fait le point sur l'e-gouvernement, les données ouvertes et l'urbanisme.",
}
KIND_NAMES = {
    "city": ("Sample City {n}", "Thành phố Mẫu {n}", "Ville témoin {n}"),
    "programme": ("Smart City Programme {n}", "Chương trình Đô thị thông minh {n}", "Programme ville intelligente {n}"),
    "event": ("Smart City Forum {n}", "Diễn đàn Đô thị thông minh {n}", "Forum ville intelligente {n}"),
    "organisation": ("Department of Digital Affairs {n}", "Sở Chuyển đổi số {n}", "Service du numérique {n}"),
    "person": ("Nguyen Van Mau {n}", "Nguyễn Văn Mẫu {n}", "Nguyen Van Mau {n}"),
}


def text(values: dict[str, str], rng: random.Random, translated: bool = True) -> dict:
    """A text in the three languages: English written, the others translated from it (some missing)."""
    out = {"en": values["en"]}
    for lang in ("vi", "fr"):
        if not translated or rng.random() < 0.9:
            out[lang] = {"text": values[lang], "from": f"en {model.fingerprint(values['en'])}"} if translated \
                else values[lang]
    return out


def write_yaml(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in data.items()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def make_entities(articles: int, rng: random.Random) -> dict[str, list[dict]]:
    counts = {"city": max(5, articles // 20), "programme": max(3, articles // 10), "event": max(3, articles // 5),
              "organisation": max(5, articles // 8), "person": max(5, articles // 4)}
    entities = {}
    for kind, count in counts.items():
        entities[kind] = []
        for n in range(1, count + 1):
            names = dict(zip(LANGS, (pattern.format(n=n) for pattern in KIND_NAMES[kind]), strict=True))
            summary = {lang: f"{names[lang]}: " + FILLER[lang] for lang in LANGS}
            entity = {"id": f"{kind}-{n}", "name": names, "summary": text(summary, rng)}
            entity.update({
                "city": {"division": rng.choice(("city", "province"))},
                "programme": {"type": rng.choice(("plan", "project", "programme")), "start": str(2015 + n % 8),
                              "end": str(2025 + n % 6)},
                "event": {"type": rng.choice(("workshop", "summit", "conference")),
                          "start": f"{2016 + n % 9}-{1 + n % 12:02d}-{1 + n % 28:02d}", "city": f"city-{1 + n % 5}"},
                "organisation": {"type": rng.choice(("department", "ministry", "association"))},
                "person": {"roles": []},
            }[kind])
            entities[kind].append(entity)
    return entities


def make_article(number: int, entities: dict, rng: random.Random) -> tuple[dict, str, list[tuple[str, str, dict]]]:
    lang = rng.choice(LANGS)
    year = 2016 + number % 9
    date = f"{year}-{1 + number % 12:02d}" + (f"-{1 + number % 28:02d}" if number % 3 else "")
    picks = {kind: rng.choice(entities[kind]) for kind in entities}
    org2 = rng.choice(entities["organisation"])
    role = {"en": "director", "vi": "Giám đốc", "fr": "directeur"}
    names = {kind: item["name"][lang] for kind, item in picks.items()}
    sentences, claims, roles = [], [], []
    for index, pattern in enumerate(SENTENCES[lang]):
        value, count = rng.randint(10, 900), rng.randint(20, 300)
        sentence = pattern.format(person=names["person"], role=role[lang], org=names["organisation"],
                                  org2=org2["name"][lang], programme=names["programme"], city=names["city"],
                                  event=names["event"], value=value, count=count, unit="%", year=year)
        sentences.append(sentence)
        about = [picks["city"]["id"], picks[("programme", "event", "programme", "organisation")[index]]["id"]]
        claim = {"id": f"claim-{index + 1}", "about": about, "quote": sentence,
                 "text": text({code: f"[{code}] {sentence}" for code in LANGS}, rng)}
        if index in (0, 2):
            claim["figure"] = {"label": {"en": f"Indicator {index} of {names['programme']}"}, "value": value,
                               "unit": "percent" if index == 0 else "count", "as_of": str(year),
                               "status": rng.choice(("actual", "forecast", "target")),
                               "indicator": f"{'share' if index == 0 else 'count'}-{number % INDICATORS}"}
            claim["key"] = number % 50 == 0
        claims.append(claim)
    roles.append((picks["person"]["id"], sentences[0].split(",")[0],
                  {"title": {"en": "Director", "vi": "Giám đốc", "fr": "Directeur"},
                   "organisation": picks["organisation"]["id"], "as_of": date}))
    body = "\n\n".join(sentences + [FILLER[lang]] * rng.randint(2, 6))
    front = {"id": f"article-{number}", "title": f"{names['city']} — {names['programme']}", "language": lang,
             "publisher": rng.choice(("VNA", "Vietnam News", "Báo Mẫu")), "published": date,
             "url": f"https://news.example.org/{number}", "claims": claims}
    return front, body, roles


INDICATORS = 10  # of each unit: the figures of many articles measure one indicator


def write_narrative(sources: Path, claim_texts: dict[str, dict[str, str]], rng: random.Random) -> None:
    """sources/briefing.yml and sources/indicators.yml, of the shape the seeds' have: a bottom line of
    five judgements and six sections of four sentences, each sentence citing two claims and restating them
    (``claim_texts``: {"<article>#<claim>": its text in each language})."""
    refs_known = sorted(claim_texts)

    def sentence() -> dict:
        refs = list(dict.fromkeys(rng.choice(refs_known) for _ in range(2)))
        restated = {code: " ".join(claim_texts[ref][code] for ref in refs) for code in LANGS}
        return {"text": text(restated, rng), "cites": refs}

    narrative = {"bottom_line": [sentence() for _ in range(5)],
                 "sections": [{"id": f"section-{n}", "title": text({code: f"Section {n}" for code in LANGS}, rng),
                               "sentences": [sentence() for _ in range(4)]} for n in range(1, 7)]}
    write_yaml(sources / schema.NARRATIVE, narrative)
    indicators = [{"id": f"{unit}-{n}", "name": text({code: f"{unit.capitalize()} indicator {n}" for code in LANGS},
                                                      rng)}
                  for unit in ("share", "count") for n in range(INDICATORS)]
    write_yaml(sources / schema.INDICATORS, {"indicators": indicators})


def write_corpus(out: Path, articles: int, seed: int) -> Path:
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    for part in ("docs", "mkdocs.yml"):
        target = out / part
        if not target.exists():
            (shutil.copytree if (REPO / part).is_dir() else shutil.copy2)(REPO / part, target)
    sources = out / "sources"
    shutil.rmtree(sources, ignore_errors=True)
    entities = make_entities(articles, rng)
    people = {person["id"]: person for person in entities["person"]}
    claim_texts = {}
    for number in range(1, articles + 1):
        front, body, roles = make_article(number, entities, rng)
        claim_texts.update({f"{front['id']}#{claim['id']}": {code: f"[{code}] {claim['quote']}" for code in LANGS}
                            for claim in front["claims"]})
        for person_id, quote, role in roles:
            if len(people[person_id]["roles"]) < 3:
                people[person_id]["roles"].append({**role, "source": front["id"], "quote": quote})
        path = sources / "articles" / f"{front['id']}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        meta = "\n".join(f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in front.items())
        path.write_text(f"---\n{meta}\n---\n{body}\n", encoding="utf-8")
    for kind, items in entities.items():
        for entity in items:
            if kind == "person" and not entity["roles"]:
                continue  # nobody mentions this person: leave them out, as an editor would
            unknown = set(entity) - {field.name for field in schema.fields_of(kinds.BY_NAME[kind].model)}
            assert not unknown, f"corpus.py writes fields the format does not know: {unknown}"
            write_yaml(sources / kinds.BY_NAME[kind].folder / f"{entity['id']}.yml", entity)
    write_narrative(sources, claim_texts, rng)
    _corpus, problems = check_sources(Project(out))
    errors = [str(p) for p in problems if p.is_error]
    if errors:
        raise SystemExit("the synthetic corpus does not pass check (has the format changed?):\n"
                         + "\n".join(errors[:20]))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("out", type=Path)
    args = parser.parse_args()
    write_corpus(args.out, args.articles, args.seed)
    print(f"{args.out}: {args.articles} articles (seed {args.seed})")


if __name__ == "__main__":
    main()
