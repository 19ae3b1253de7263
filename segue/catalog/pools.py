"""Name pools per locale, drawn from Faker once and shipped as `name_pools.jsonl.gz`.

Why a shipped file instead of calling Faker at generation time:

* speed: one Faker call costs tens of microseconds, a document needs several, and
  the generator must stream a million documents at tens of thousands per second;
* reproducibility: Faker's word lists change between releases, and the demo file
  must be rebuilt byte for byte on any machine (CI installs the newest Faker).

Each person is stored in its native script and in Latin letters, so synthetic
artists in Cyrillic, Greek, Hangul, kanji or hanzi carry a romanized alias the way
real catalogs do (Кино / Kino). Regenerate with ``python -m segue.catalog.pools``.
"""

from __future__ import annotations

import gzip
import json
from functools import lru_cache
from importlib import resources
from pathlib import Path

from unidecode import unidecode

POOL_FILE = "name_pools.jsonl.gz"
PEOPLE_PER_LOCALE = 400

#: Faker locales the pools are drawn from (ar and hi names are handwritten below:
#: Faker has them only in native script and unidecode cannot vowelize them).
FAKER_LOCALES: tuple[str, ...] = (
    "en_US", "en_GB", "es_ES", "es_MX", "pt_BR", "fr_FR", "de_DE", "it_IT", "sv_SE",
    "pl_PL", "tr_TR", "ru_RU", "uk_UA", "el_GR", "ja_JP", "zh_CN", "zh_TW", "ko_KR",
    "nl_NL", "fi_FI", "vi_VN", "id_ID",
)

# Common Korean family names and their usual romanization (unidecode gives "gim").
_KO_FAMILY = {
    "김": "Kim", "이": "Lee", "박": "Park", "최": "Choi", "정": "Jung", "강": "Kang",
    "조": "Cho", "윤": "Yoon", "장": "Jang", "임": "Lim", "한": "Han", "오": "Oh",
    "서": "Seo", "신": "Shin", "권": "Kwon", "황": "Hwang", "안": "Ahn", "송": "Song",
    "류": "Ryu", "전": "Jeon", "홍": "Hong", "고": "Ko", "문": "Moon", "양": "Yang",
    "손": "Son", "배": "Bae", "백": "Baek", "허": "Heo", "유": "Yoo", "남": "Nam",
    "심": "Shim", "노": "Noh", "하": "Ha", "곽": "Kwak", "성": "Sung", "차": "Cha",
    "주": "Joo", "우": "Woo", "구": "Koo", "민": "Min", "진": "Jin", "나": "Na",
}

_AR_FIRST = [
    ("محمد", "Mohamed"), ("أحمد", "Ahmed"), ("عمر", "Omar"), ("ليلى", "Layla"),
    ("نور", "Nour"), ("يوسف", "Youssef"), ("سارة", "Sara"), ("حسن", "Hassan"),
    ("علي", "Ali"), ("كريم", "Karim"), ("فاطمة", "Fatima"), ("مريم", "Mariam"),
    ("خالد", "Khaled"), ("رامي", "Rami"), ("هاني", "Hani"), ("سلمى", "Salma"),
    ("ياسمين", "Yasmine"), ("عمرو", "Amr"), ("منير", "Mounir"), ("نانسي", "Nancy"),
    ("هيفاء", "Haifa"), ("وائل", "Wael"), ("تامر", "Tamer"), ("إليسا", "Elissa"),
    ("راغب", "Ragheb"), ("شيرين", "Sherine"), ("ماجد", "Majid"), ("حسين", "Hussein"),
    ("دينا", "Dina"), ("رنا", "Rana"), ("زياد", "Ziad"), ("سعد", "Saad"),
]
_AR_LAST = [
    ("المصري", "El Masry"), ("حداد", "Haddad"), ("خوري", "Khoury"), ("منصور", "Mansour"),
    ("سعيد", "Said"), ("الشامي", "El Shami"), ("فارس", "Fares"), ("نصر", "Nasr"),
    ("حسني", "Hosny"), ("الأحمد", "Al Ahmad"), ("عادل", "Adel"), ("الرحباني", "Rahbani"),
    ("حلمي", "Helmy"), ("جبران", "Gebran"), ("العلي", "Al Ali"), ("عطية", "Attia"),
    ("شاكر", "Shaker"), ("وهبي", "Wehbe"), ("يونس", "Younes"), ("بدر", "Badr"),
]
_HI_FIRST = [
    ("राहुल", "Rahul"), ("प्रिया", "Priya"), ("अमित", "Amit"), ("नेहा", "Neha"),
    ("अर्जुन", "Arjun"), ("अनन्या", "Ananya"), ("विक्रम", "Vikram"), ("कविता", "Kavita"),
    ("रोहन", "Rohan"), ("सुनीता", "Sunita"), ("आदित्य", "Aditya"), ("पूजा", "Pooja"),
    ("करण", "Karan"), ("दीपिका", "Deepika"), ("सिद्धार्थ", "Siddharth"), ("श्रेया", "Shreya"),
    ("विशाल", "Vishal"), ("अंकित", "Ankit"), ("मोहित", "Mohit"), ("सोनू", "Sonu"),
    ("जुबिन", "Jubin"), ("अरमान", "Armaan"), ("पलक", "Palak"), ("सुनिधि", "Sunidhi"),
    ("नीति", "Neeti"), ("कैलाश", "Kailash"), ("मीका", "Mika"), ("हर्षदीप", "Harshdeep"),
]
_HI_LAST = [
    ("शर्मा", "Sharma"), ("वर्मा", "Verma"), ("सिंह", "Singh"), ("कपूर", "Kapoor"),
    ("गुप्ता", "Gupta"), ("मल्होत्रा", "Malhotra"), ("पटेल", "Patel"), ("खान", "Khan"),
    ("जोशी", "Joshi"), ("मेहता", "Mehta"), ("चौहान", "Chauhan"), ("अय्यर", "Iyer"),
    ("मलिक", "Malik"), ("नौटियाल", "Nautiyal"), ("कक्कड़", "Kakkar"), ("सोनी", "Soni"),
    ("दधलानी", "Dadlani"), ("खेर", "Kher"), ("मिश्रा", "Mishra"), ("रेड्डी", "Reddy"),
]


def _latin(text: str) -> str:
    return " ".join(unidecode(text).replace("'", "").split())


def _ko_given(given: str) -> str:
    parts = [unidecode(ch).strip() for ch in given]
    return "-".join(p for p in parts if p).capitalize()


def _people(locale: str, n: int) -> list[list[str]]:
    """[first, last, first_latin, last_latin] for n people of one locale."""
    from faker import Faker  # only needed when rebuilding the pool file

    fk = Faker(locale)
    fk.seed_instance(20240601)
    out: list[list[str]] = []
    seen: set[tuple[str, str]] = set()
    attempts = 0
    while len(out) < n and attempts < n * 20:
        attempts += 1
        male = attempts % 2 == 0
        if locale == "ja_JP":
            first = fk.first_name_male_pair() if male else fk.first_name_female_pair()
            last = fk.last_name_pair()
            row = [first[0], last[0], first[2], last[2]]
        else:
            first = fk.first_name_male() if male else fk.first_name_female()
            last = fk.last_name_male() if male else fk.last_name_female()
            if locale == "ko_KR":
                row = [first, last, _ko_given(first), _KO_FAMILY.get(last, _latin(last).title())]
            elif locale.startswith("zh"):
                row = [first, last, _latin(first).replace(" ", "").capitalize(),
                       _latin(last).title()]
            else:
                row = [first, last, _latin(first), _latin(last)]
        if (row[0], row[1]) in seen or not all(row):
            continue
        seen.add((row[0], row[1]))
        out.append(row)
    return out


def _handwritten(first: list[tuple[str, str]], last: list[tuple[str, str]]) -> list[list[str]]:
    return [[f[0], la[0], f[1], la[1]] for f in first for la in last]


def build_pools() -> dict[str, list[list[str]]]:
    """People per locale, freshly drawn from Faker (slow; run when rebuilding)."""
    pools = {loc: _people(loc, PEOPLE_PER_LOCALE) for loc in FAKER_LOCALES}
    pools["ar_AA"] = _handwritten(_AR_FIRST, _AR_LAST)
    pools["hi_IN"] = _handwritten(_HI_FIRST, _HI_LAST)
    return pools


def write_pools(path: Path) -> None:
    """Write the pool file deterministically (sorted locales, gzip without timestamp)."""
    pools = build_pools()
    lines = [
        json.dumps({"locale": k, "people": pools[k]}, ensure_ascii=False) for k in sorted(pools)
    ]
    data = ("\n".join(lines) + "\n").encode("utf-8")
    with path.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as gz:
        gz.write(data)


@lru_cache(maxsize=1)
def load_pools() -> dict[str, tuple[tuple[str, str, str, str], ...]]:
    """People per locale from the shipped file (read once per process)."""
    raw = resources.files("segue.catalog").joinpath(POOL_FILE).read_bytes()
    out: dict[str, tuple[tuple[str, str, str, str], ...]] = {}
    for line in gzip.decompress(raw).decode("utf-8").splitlines():
        if line:
            rec = json.loads(line)
            out[rec["locale"]] = tuple(tuple(p) for p in rec["people"])
    return out


if __name__ == "__main__":
    target = Path(__file__).with_name(POOL_FILE)
    write_pools(target)
    print(f"wrote {target} ({target.stat().st_size} bytes)")
