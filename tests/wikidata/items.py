"""One source of truth for the Wikidata-shaped fixture: the items (fictional Q-ids from
Q900000001), rendered both as wbgetentities JSON (for the fake API) and as Wikidata-style
N-Triples (for a real SPARQL server), and the entries a reconciler is asked about, with the
answer a careful person would give (None: Wikidata has no item for it).

Hard cases: romanized entries against Hangul labels, remakes with the same title, multi-part films
whose parts carry the whole work's title, namesakes, items without a Korean label, an item that
lacks its country statement (found only by searching), entries Wikidata does not have.
People: names in one romanization against items labelled in another or only in Hangul
("Ma Dong Hui" / 마동희 / "Ma Tong-hŭi"), people only a source names (a scholar), namesakes told
apart by occupation or birth year, and items of the wrong kind (a film labelled with a person's
name, a person found when searching for a film).
"""

from __future__ import annotations

from typing import Any

from dprkfilm_graph.wikidata.entries import Entry, Kind

WD = "http://www.wikidata.org/entity/"
FILM, HUMAN, KOREA, SOUTH_KOREA = "Q11424", "Q5", "Q423", "Q884"
FEATURE, ANIMATED = "Q24869", "Q202866"
DIRECTOR, FOOTBALLER = "Q2526255", "Q937857"
ACTOR, COMPOSER, SINGER = "Q33999", "Q36834", "Q177220"
HISTORIAN, POLITICIAN, ACTIVIST = "Q201788", "Q82955", "Q15253558"
SUBCLASSES = {FEATURE: FILM, ANIMATED: FILM}
STUDIO = "Q4830453"
# Every item's revision is this plus its number (`lastrevid` when wbgetentities asks for info).
REVISION = 2400000000


def _film(qid: int, ko: str | None, en: str | None, year: int | None, **kw: Any) -> dict[str, Any]:
    return {"id": f"Q9000{qid:05d}", "kind": "film", "ko": ko, "en": en, "year": year, **kw}


def _person(
    qid: int, ko: str | None, en: str | None, born: int | None, **kw: Any
) -> dict[str, Any]:
    return {"id": f"Q9000{qid:05d}", "kind": "person", "ko": ko, "en": en, "born": born, **kw}


ITEMS: list[dict[str, Any]] = [
    _film(
        1, "꽃파는 처녀", "The Flower Girl", 1972, directors=[201, 202], mr="Kkot p'anŭn ch'ŏnyŏ"
    ),
    _film(2, "피바다", "Sea of Blood", 1969, type=FEATURE),
    _film(3, "한 자위단원의 운명", "The Fate of a Self-Defence Corps Man", 1970),
    _film(4, "도라지꽃", "Bellflower", 1987, directors=[203]),
    _film(5, "안중근 이등박문을 쏘다", "An Jung Gun Shoots Ito Hirobumi", 1979),
    _film(6, "불가사리", "Pulgasari", 1985, directors=[204], aliases={"en": ["Bulgasari"]}),
    _film(7, "불가사리", "Bulgasari", 1962, country=[SOUTH_KOREA]),
    _film(8, "홍길동", "Hong Kil Dong", 1986),
    _film(9, "홍길동", "Hong Gil-dong", 1967, country=[SOUTH_KOREA], type=ANIMATED),
    _film(10, "춘향전", "The Tale of Chunhyang", 1980, directors=[205]),
    _film(11, "춘향전", "Chunhyangjeon", 1959),
    _film(12, "이름없는 영웅들", "Unsung Heroes", 1978, parts=20, precision=9),
    _film(13, "이름없는 영웅들", "Unsung Heroes (part 1)", 1978, desc="part 1 of Unsung Heroes"),
    _film(14, None, "Wolmi Island", 1982, mr="Wŏlmido"),
    _film(15, "유격대의 오형제", "The Five Guerrilla Brothers", 1968),
    _film(16, "금희와 은희의 운명", "The Fates of Kumhui and Unhui", 1974),
    _film(17, "소금", "Salt", 1985, directors=[204]),
    _film(18, "소금", "Salt", 2010, country=["Q30"]),
    _film(19, "사랑 사랑 내 사랑", "Love, Love, My Love", 1984, directors=[204]),
    _film(20, "돌아오지 않는 밀사", "Emissary of No Return", 1984, directors=[204]),
    _film(21, "탈출기", "Story of an Escape", 1984),
    _film(22, "심청전", "The Tale of Shim Chong", 1985),
    _film(23, "림꺽정", "Im Kkok Jong", 1987, parts=5),
    _film(24, "림꺽정", "Im Kkok Jong part 1", 1987, desc="part 1"),
    _film(25, "평양날파람", "Pyongyang Nalpharam", 2006),
    _film(26, "한 녀학생의 일기", "The Schoolgirl's Diary", 2006),
    _film(
        27,
        None,
        "Comrade Kim Goes Flying",
        2012,
        country=[],
        aliases={"en": ["Kim Tong-mu nŭn hanŭl ŭl nara"]},
        directors=[209],
    ),
    _film(28, "우리의 향기", "Our Fragrance", 2003),
    _film(29, "태백산에 봄이 온다", "Spring Comes to Mount Thaebaek", None),
    _film(30, "민족과 운명", "Nation and Destiny", 1992, parts=62),
    _film(31, "로동가정", "A Worker's Family", 1971),
    _film(32, "내고향", "My Home Village", 1949),
    _film(33, "안중근", "An Jung Gun", 1972, country=[]),
    # for pull: every statement the model covers, a deprecated year, people and a studio
    _film(
        34,
        "영원한 전사",
        "The Undying Soldier",
        1983,
        deprecated_year=1982,
        directors=[217],
        music=[219],
        cast=[218],
        studio=[301],
        minutes=84,
        aliases={"en": ["Undying Soldier"]},
    ),
    _person(201, "최익규", "Choe Ik-gyu", 1934, occupation=[DIRECTOR]),
    _person(202, "박학", "Pak Hak", 1920, occupation=[DIRECTOR]),
    _person(203, "조경순", "Jo Kyong-sun", 1940, occupation=[DIRECTOR]),
    _person(204, "신상옥", "Shin Sang-ok", 1926, occupation=[DIRECTOR], country=[SOUTH_KOREA]),
    _person(205, "윤룡규", "Yun Ryong-gyu", 1913, occupation=[DIRECTOR]),
    _person(206, "최익규", "Choe Ik-gyu", 1970, occupation=[FOOTBALLER]),
    _person(207, "엄길선", "Om Kil-son", 1941, occupation=[DIRECTOR]),
    _person(208, "박학", "Park Hak", 1988, occupation=[FOOTBALLER], country=[SOUTH_KOREA]),
    _person(209, None, "Anja Daelemans", None, occupation=[DIRECTOR], country=["Q31"]),
    _person(210, "안중근", "An Jung-geun", 1879, occupation=[ACTIVIST],
            aliases={"en": ["An Jung Gun"]}),
    _person(211, "마동희", "Ma Tong-hŭi", 1935, occupation=[COMPOSER]),
    # labelled only in "mul", as Wikidata now keeps names written alike in Latin script
    _person(212, None, None, None, occupation=[HISTORIAN], country=["Q55"], mul="Remco Breuker"),
    _person(213, None, "Kim Chŏng-hwa", 1962, occupation=[ACTOR]),
    _person(214, "김정화", "Kim Jung-hwa", 1983, occupation=[SINGER], country=[SOUTH_KOREA]),
    _person(215, "김길녀", "Kim Kil-nyŏ", 1950, occupation=[SINGER]),
    _person(216, "김길녀", "Kim Gil-nyeo", 1960, occupation=[POLITICIAN], country=[SOUTH_KOREA]),
    _person(217, "리영길", "Ri Yong-gil", 1930, occupation=[DIRECTOR]),
    _person(218, "김일성", "Kim Il Sung", 1912, occupation=[POLITICIAN]),
    _person(219, "김옥성", "Kim Ok-song", 1935, occupation=[COMPOSER]),
    {"id": "Q900000301", "kind": "org", "ko": "조선예술영화촬영소",
     "en": "Korean Feature Film Studio"},
]  # fmt: skip

# People the domain pool knows: those credited on a North Korean film (directors here).
_FILM_OF_PERSON = {207: 30, 206: 31, 208: 32}


def _q(n: int) -> str:
    return f"Q9000{n:05d}"


E = dict[str, Any]
ENTRIES: list[E] = [
    {
        "kind": "film",
        "titles": [("Kkot p'anŭn ch'ŏnyŏ", "ko-Latn-x-mr")],
        "year": 1972,
        "gold": _q(1),
    },
    {"kind": "film", "titles": [("Pibada", "ko-Latn-t-ko-m0-mcst")], "year": 1969, "gold": _q(2)},
    {"kind": "film", "titles": [("한 자위단원의 운명", "ko")], "gold": _q(3)},
    {
        "kind": "film",
        "titles": [("도라지꽃", "ko"), ("The Bellflower", "en")],
        "people": ["Jo Kyong Sun"],
        "gold": _q(4),
    },
    {
        "kind": "film",
        "titles": [("An Jung Gun Shoots Ito Hirobumi", "en")],
        "year": 1979,
        "gold": _q(5),
    },
    {"kind": "film", "titles": [("불가사리", "ko")], "year": 1985, "gold": _q(6)},
    {
        "kind": "film",
        "titles": [("Pulgasari", "ko-Latn")],
        "people": ["Shin Sang Ok"],
        "gold": _q(6),
    },
    {"kind": "film", "titles": [("홍길동", "ko")], "year": 1986, "gold": _q(8)},
    {"kind": "film", "titles": [("춘향전", "ko")], "year": 1980, "gold": _q(10)},
    {"kind": "film", "titles": [("Ch'unhyang-jŏn", "ko-Latn-x-mr")], "year": 1959, "gold": _q(11)},
    {"kind": "film", "titles": [("이름없는 영웅들", "ko")], "parts": 20, "gold": _q(12)},
    {"kind": "film", "titles": [("월미도", "ko")], "year": 1982, "gold": _q(14)},
    {"kind": "film", "titles": [("Five Guerrilla Brothers", "en")], "year": 1968, "gold": _q(15)},
    {"kind": "film", "titles": [("Kumhui wa Unhui ui Unmyong", "ko-Latn-x-dprk")], "gold": _q(16)},
    {"kind": "film", "titles": [("소금", "ko")], "year": 1985, "gold": _q(17)},
    {"kind": "film", "titles": [("Sarang sarang nae sarang", "ko-Latn-x-mr")], "gold": _q(19)},
    {"kind": "film", "titles": [("An Emissary of No Return", "en")], "gold": _q(20)},
    {"kind": "film", "titles": [("탈출기", "ko")], "year": 1984, "gold": _q(21)},
    {
        "kind": "film",
        "titles": [("Simcheongjeon", "ko-Latn-t-ko-m0-mcst")],
        "year": 1985,
        "gold": _q(22),
    },
    {"kind": "film", "titles": [("림꺽정", "ko")], "parts": 5, "gold": _q(23)},
    {"kind": "film", "titles": [("Phyongyang Nalpharam", "ko-Latn-x-dprk")], "gold": _q(25)},
    {
        "kind": "film",
        "titles": [("A Schoolgirl's Diary", "en"), ("한 녀학생의 일기", "ko")],
        "gold": _q(26),
    },
    {"kind": "film", "titles": [("Comrade Kim Goes Flying", "en")], "year": 2012, "gold": _q(27)},
    {"kind": "film", "titles": [("우리의 향기", "ko")], "gold": _q(28)},
    {
        "kind": "film",
        "titles": [("태백산에 봄이 온다", "ko"), ("Spring Comes to Mount Thaebaek", "en")],
        "gold": _q(29),
    },
    {
        "kind": "film",
        "titles": [("Minjok kwa unmyŏng", "ko-Latn-x-mr")],
        "parts": 62,
        "gold": _q(30),
    },
    {"kind": "film", "titles": [("로동가정", "ko")], "year": 1971, "gold": _q(31)},
    {"kind": "film", "titles": [("Nae kohyang", "ko-Latn-x-mr")], "year": 1949, "gold": _q(32)},
    {"kind": "film", "titles": [("첫걸음", "ko"), ("First Steps", "en")], "gold": None},
    {"kind": "film", "titles": [("봄날의 눈석이", "ko")], "year": 1985, "gold": None},
    {"kind": "film", "titles": [("An Jung Gun", "en")], "year": 1972, "gold": _q(33)},
    {
        "kind": "person",
        "titles": [("Ch'oe Ik-kyu", "ko-Latn-x-mr")],
        "year": 1934,
        "gold": _q(201),
        "roles": ["film"],
    },
    {
        "kind": "person",
        "titles": [("박학", "ko")],
        "year": 1920,
        "gold": _q(202),
        "roles": ["film"],
    },
    {"kind": "person", "titles": [("Jo Kyong Sun", "ko-Latn")], "gold": _q(203), "roles": ["film"]},
    {"kind": "person", "titles": [("신상옥", "ko")], "gold": _q(204), "roles": ["film"]},
    {
        "kind": "person",
        "titles": [("Yun Ryong Gyu", "ko-Latn")],
        "gold": _q(205),
        "roles": ["film"],
    },
    {"kind": "person", "titles": [("엄길선", "ko")], "gold": _q(207), "roles": ["film"]},
    {"kind": "person", "titles": [("리춘구", "ko")], "gold": None},
    # not in the pool: found under a Hangul name derived from the romanized one
    {"kind": "person", "titles": [("Ma Dong Hui", "ko-Latn")], "gold": _q(211), "roles": ["film"]},
    # a scholar a source names: any occupation fits
    {"kind": "person", "titles": [("Remco Breuker", "")], "gold": _q(212)},
    # namesakes: an actor against a singer with the Hangul name, the item labelled only in MR
    {"kind": "person", "titles": [("Kim Jong Hwa", "ko-Latn")], "gold": _q(213), "roles": ["film"]},
    # namesakes: a singer a record credits against a politician with the very spelling
    {
        "kind": "person",
        "titles": [("Kim Gil-nyeo", "ko-Latn")],
        "gold": _q(215),
        "roles": ["music"],
    },
    # a person whose name is a film's title: the film is never a candidate
    {"kind": "person", "titles": [("An Jung Gun", "ko-Latn")], "year": 1879, "gold": _q(210)},
    {"kind": "person", "titles": [("Hong Kil Dong", "ko-Latn")], "gold": None},
    {"kind": "person", "titles": [("Nicholas Bonner", "")], "gold": None, "roles": ["film"]},
]
for _n, _e in enumerate(ENTRIES):
    _e["iri"] = f"https://w3id.org/dprkfilm/{_e['kind']}/fixture-{_n:02d}"


def entries(kind: Kind) -> list[tuple[Entry, str | None]]:
    """The fixture entries of one kind as the reconciler takes them, with their right answer."""
    return [
        (
            Entry(
                e["iri"],
                kind,
                tuple(e["titles"]),
                e.get("year"),
                tuple(e.get("people", [])),
                e.get("parts"),
                roles=tuple(e.get("roles", ())),
            ),
            e["gold"],
        )
        for e in ENTRIES
        if e["kind"] == kind
    ]


def _claim(prop: str, datatype: str, value: dict[str, Any]) -> dict[str, Any]:
    types = {"wikibase-item": "wikibase-entityid", "time": "time", "quantity": "quantity"}
    dv_type = types.get(datatype, datatype)
    return {
        "mainsnak": {
            "snaktype": "value",
            "property": prop,
            "datatype": datatype,
            "datavalue": {"type": dv_type, "value": value},
        },
        "type": "statement",
        "rank": "normal",
    }


def _item_claim(prop: str, qid: str) -> dict[str, Any]:
    value = {"entity-type": "item", "numeric-id": int(qid[1:]), "id": qid}
    return _claim(prop, "wikibase-item", value)


def _ids(values: list[Any]) -> list[str]:
    return [_q(v) if isinstance(v, int) else v for v in values]


def entity_json(item: dict[str, Any]) -> dict[str, Any]:
    """The item as wbgetentities returns it."""
    labels = {
        lang: {"language": lang, "value": item[lang]}
        for lang in ("ko", "en", "mul")
        if item.get(lang)
    }
    aliases = {
        lang: [{"language": lang, "value": v} for v in values]
        for lang, values in item.get("aliases", {}).items()
    }
    claims: dict[str, list[dict[str, Any]]] = {}
    if item["kind"] == "film":
        claims["P31"] = [_item_claim("P31", item.get("type", FILM))]
        claims["P495"] = [_item_claim("P495", c) for c in item.get("country", [KOREA])]
        claims["P57"] = [_item_claim("P57", d) for d in _ids(item.get("directors", []))]
        if item.get("year"):
            time = {
                "time": f"+{item['year']:04d}-00-00T00:00:00Z",
                "timezone": 0,
                "before": 0,
                "after": 0,
                "precision": item.get("precision", 9),
                "calendarmodel": "http://www.wikidata.org/entity/Q1985727",
            }
            claims["P577"] = [_claim("P577", "time", time)]
            if item.get("deprecated_year"):  # a value Wikidata keeps but marks as wrong
                old = {**time, "time": f"+{item['deprecated_year']:04d}-00-00T00:00:00Z"}
                claims["P577"].append({**_claim("P577", "time", old), "rank": "deprecated"})
        for prop, key in (
            ("P58", "writers"),
            ("P86", "music"),
            ("P161", "cast"),
            ("P272", "studio"),
        ):
            claims[prop] = [_item_claim(prop, q) for q in _ids(item.get(key, []))]
        if item.get("minutes"):
            minute = "http://www.wikidata.org/entity/Q7727"
            claims["P2047"] = [
                _claim("P2047", "quantity", {"amount": f"+{item['minutes']}", "unit": minute})
            ]
        if item.get("parts"):
            claims["P2635"] = [
                _claim("P2635", "quantity", {"amount": f"+{item['parts']}", "unit": "1"})
            ]
        if item.get("ko"):
            claims["P1476"] = [
                _claim("P1476", "monolingualtext", {"text": item["ko"], "language": "ko"})
            ]
        if item.get("mr"):
            claims["P1942"] = [_claim("P1942", "string", item["mr"])]
    elif item["kind"] == "org":
        claims["P31"] = [_item_claim("P31", STUDIO)]
    else:
        claims["P31"] = [_item_claim("P31", HUMAN)]
        claims["P27"] = [_item_claim("P27", c) for c in item.get("country", [KOREA])]
        claims["P106"] = [_item_claim("P106", o) for o in item.get("occupation", [])]
        if item.get("born"):
            time = {"time": f"+{item['born']:04d}-00-00T00:00:00Z", "precision": 9}
            claims["P569"] = [_claim("P569", "time", time)]
    claims = {k: v for k, v in claims.items() if v}
    descriptions = {}
    if item.get("desc"):
        descriptions["en"] = {"language": "en", "value": item["desc"]}
    return {
        "pageid": int(item["id"][1:]) % 100000,
        "ns": 0,
        "title": item["id"],
        "lastrevid": REVISION + int(item["id"][1:]) % 100000,
        "modified": "2026-01-15T08:30:00Z",
        "type": "item",
        "id": item["id"],
        "labels": labels,
        "aliases": aliases,
        "descriptions": descriptions,
        "claims": claims,
    }


def entities() -> dict[str, dict[str, Any]]:
    return {item["id"]: entity_json(item) for item in ITEMS}


def _lit(text: str, lang: str | None = None) -> str:
    body = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{body}"@{lang}' if lang else f'"{body}"'


def ntriples() -> str:
    """Wikidata's RDF shape for the items: truthy wdt:, p:/psv: time nodes, labels, aliases."""
    wdt = "<http://www.wikidata.org/prop/direct/{}>"
    rdfs_label = "<http://www.w3.org/2000/01/rdf-schema#label>"
    alt = "<http://www.w3.org/2004/02/skos/core#altLabel>"
    xsd = "http://www.w3.org/2001/XMLSchema#"
    lines: list[str] = []
    for sub, sup in SUBCLASSES.items():
        lines.append(f"<{WD}{sub}> {wdt.format('P279')} <{WD}{sup}> .")
    for item in ITEMS:
        s = f"<{WD}{item['id']}>"
        for lang in ("ko", "en", "mul"):
            if item.get(lang):
                lines.append(f"{s} {rdfs_label} {_lit(item[lang], lang)} .")
        for lang, values in item.get("aliases", {}).items():
            lines.extend(f"{s} {alt} {_lit(v, lang)} ." for v in values)
        claims = entity_json(item)["claims"]
        for prop, statements in claims.items():
            for n, st in enumerate(statements):
                if st["rank"] == "deprecated":  # the query service's truthy triples skip it
                    continue
                value = st["mainsnak"]["datavalue"]["value"]
                dtype = st["mainsnak"]["datatype"]
                if dtype == "wikibase-item":
                    lines.append(f"{s} {wdt.format(prop)} <{WD}{value['id']}> .")
                elif dtype == "monolingualtext":
                    lines.append(
                        f"{s} {wdt.format(prop)} {_lit(value['text'], value['language'])} ."
                    )
                elif dtype == "string":
                    lines.append(f"{s} {wdt.format(prop)} {_lit(value)} .")
                elif dtype == "quantity":
                    amount = value["amount"].lstrip("+")
                    lines.append(f'{s} {wdt.format(prop)} "{amount}"^^<{xsd}decimal> .')
                elif dtype == "time":
                    stmt = f"<{WD}statement/{item['id']}-{prop}-{n}>"
                    tv = f"<http://www.wikidata.org/value/{item['id']}-{prop}-{n}>"
                    iso = value["time"].lstrip("+").replace("-00-00", "-01-01")
                    lit = f'"{iso}"^^<{xsd}dateTime>'
                    lines.append(f"{s} {wdt.format(prop)} {lit} .")
                    lines.append(f"{s} <http://www.wikidata.org/prop/{prop}> {stmt} .")
                    lines.append(
                        f"{stmt} <http://www.wikidata.org/prop/statement/value/{prop}> {tv} ."
                    )
                    lines.append(f"{tv} <http://wikiba.se/ontology#timeValue> {lit} .")
                    lines.append(
                        f"{tv} <http://wikiba.se/ontology#timePrecision>"
                        f' "{value["precision"]}"^^<{xsd}integer> .'
                    )
        if item["kind"] == "person" and int(item["id"][5:]) in _FILM_OF_PERSON:
            film = _q(_FILM_OF_PERSON[int(item["id"][5:])])
            lines.append(f"<{WD}{film}> {wdt.format('P161')} {s} .")
    return "\n".join(lines) + "\n"
