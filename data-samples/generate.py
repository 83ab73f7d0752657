#!/usr/bin/python3
"""Synthetic scans of Vietnamese award records, with ground truth.

Renders 300-dpi A4 pages of three kinds (golden-book ledger pages, decision annex
lists, single certificates), degrades them (clean / light / heavy), writes them as
PNG, JPEG and TIFF (some multi-page, some 1-bit), and writes:
  truth.jsonl    one line per record printed on a page (record JSON of design.md §3
                 plus truth_key, kind, degradation, font, ...)
  queries.jsonl  search queries with the truth keys they must find
  manifest.json  the files, pages, kinds, levels and the command line

Deterministic: the same arguments give byte-identical output.
Needs only Python 3 and Debian's python3-pil. See data-samples/README.md.
"""
import argparse
import hashlib
import io
import json
import math
import os
import random
import re
import sys
import unicodedata

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

HERE = os.path.dirname(os.path.abspath(__file__))
DPI = 300
A4 = (2480, 3508)  # portrait, pixels at 300 dpi
KINDS = ("ledger", "annex", "certificate")
LEVELS = ("clean", "light", "heavy")


def nfc(s):
    return unicodedata.normalize("NFC", s) if isinstance(s, str) else s


def fold(s):
    """Lowercase, marks removed, đ -> d (the search folding key)."""
    s = s.replace("Đ", "D").replace("đ", "d")
    s = unicodedata.normalize("NFD", s)
    return "".join(c for c in s if unicodedata.category(c) != "Mn").lower()


def norm_decision(s):
    """Decision number key: '-', '/', spaces equal; Đ = D; case-insensitive."""
    return re.sub(r"[\s/\-.]+", "", fold(s))


# --------------------------------------------------------------------------- fonts
FONT_DIRS = ["/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/truetype/liberation2",
             "/usr/share/fonts/truetype/liberation", "/usr/share/fonts/truetype/noto"]
FONT_FILES = {  # family: (regular, bold, italic)
    "DejaVu Serif": ("DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf", "DejaVuSerif-Italic.ttf"),
    "DejaVu Sans": ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf"),
    "Liberation Serif": ("LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf",
                         "LiberationSerif-Italic.ttf"),
    "Liberation Sans": ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf",
                        "LiberationSans-Italic.ttf"),
    "Liberation Mono": ("LiberationMono-Regular.ttf", "LiberationMono-Bold.ttf",
                        "LiberationMono-Italic.ttf"),
    "Noto Serif": ("NotoSerif-Regular.ttf", "NotoSerif-Bold.ttf", "NotoSerif-Italic.ttf"),
    "Noto Sans": ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf", "NotoSans-Italic.ttf"),
}
DEFAULT_FONTS = ["DejaVu Serif", "Liberation Serif", "Noto Serif", "DejaVu Sans",
                 "Liberation Sans", "Noto Sans", "Liberation Mono"]

# Every precomposed Vietnamese letter: a font must draw all of them.
VI_LETTERS = sorted({unicodedata.normalize("NFC", b + m)
                     for b in "aăâeêioôơuưyAĂÂEÊIOÔƠUƯY"
                     for m in ("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323")} | {"đ", "Đ"})


def find_font_file(name):
    for d in FONT_DIRS:
        p = os.path.join(d, name)
        if os.path.exists(p):
            return p
    return None


class Fonts:
    def __init__(self, families):
        self.paths = {}
        for fam in families:
            if fam not in FONT_FILES:
                raise SystemExit(f"unknown font family {fam!r}; known: {', '.join(FONT_FILES)}")
            paths = [find_font_file(f) for f in FONT_FILES[fam]]
            if not paths[0]:
                raise SystemExit(f"font files of {fam!r} not found under {FONT_DIRS}")
            paths = [p or paths[0] for p in paths]
            self._check_coverage(fam, paths[0])
            self.paths[fam] = paths
        self.cache = {}

    @staticmethod
    def _check_coverage(fam, path):
        f = ImageFont.truetype(path, 32, layout_engine=ImageFont.Layout.BASIC)

        def render(c):
            im = Image.new("L", (64, 64), 0)
            ImageDraw.Draw(im).text((8, 8), c, font=f, fill=255)
            return im.tobytes()
        tofu = render("\ue000")
        missing = [c for c in VI_LETTERS if render(c) == tofu]
        if missing:
            raise SystemExit(f"font {fam!r} lacks Vietnamese letters: {''.join(missing)}")

    def get(self, fam, size, style=0):  # style 0 regular, 1 bold, 2 italic
        key = (fam, int(size), style)
        if key not in self.cache:
            self.cache[key] = ImageFont.truetype(self.paths[fam][style], int(size),
                                                 layout_engine=ImageFont.Layout.BASIC)
        return self.cache[key]


# --------------------------------------------------------------------- gazetteer
class Gazetteer:
    def __init__(self, path):
        with open(path, encoding="utf-8") as f:
            self.units = json.load(f)["units"]
        self.by_id = {u["id"]: u for u in self.units}
        for u in self.units:  # make links symmetric, as core/gazetteer.cpp does
            for s in u["successors"]:
                p = self.by_id[s]["predecessors"]
                if u["id"] not in p:
                    p.append(u["id"])
            for s in u["predecessors"]:
                p = self.by_id[s]["successors"]
                if u["id"] not in p:
                    p.append(u["id"])
        self.communes = [u for u in self.units if u["level"] == "commune"]

    @staticmethod
    def valid(u, date):
        return (u["valid_from"] is None or u["valid_from"] <= date) and \
               (u["valid_to"] is None or date <= u["valid_to"])

    def parent_at(self, u, date):
        for h in u.get("parent_history", []):
            if (h["from"] is None or h["from"] <= date) and date <= h["to"]:
                return self.by_id[h["parent"]]
        return self.by_id[u["parent"]] if u["parent"] else None

    def communes_at(self, date):
        return [u for u in self.communes if self.valid(u, date)]

    def linked(self, uid):
        """Every unit reachable through predecessor/successor links (both ways)."""
        seen, todo = {uid}, [uid]
        while todo:
            u = self.by_id[todo.pop()]
            for n in u["predecessors"] + u["successors"]:
                if n not in seen:
                    seen.add(n)
                    todo.append(n)
        seen.discard(uid)
        return seen

    def address(self, u, date):
        """(commune unit, district unit or None, province unit) as named on date."""
        parent = self.parent_at(u, date)
        if parent["level"] == "province":
            return u, None, parent
        return u, parent, self.parent_at(parent, date)


# ------------------------------------------------------------------------ people
KINH_SURNAMES = [("Nguyễn", 38), ("Trần", 11), ("Lê", 9.5), ("Phạm", 7), ("Hoàng", 5),
                 ("Huỳnh", 1), ("Vũ", 3.5), ("Võ", 1.5), ("Phan", 4.5), ("Trương", 2),
                 ("Bùi", 2), ("Đặng", 2), ("Đỗ", 1.4), ("Ngô", 1.3), ("Hồ", 1.3),
                 ("Dương", 1), ("Đinh", 1), ("Đào", 0.8), ("Lý", 0.5), ("Hà", 0.7),
                 ("Mai", 0.5), ("Cao", 0.5), ("Lương", 0.5)]
TAY_NUNG_SURNAMES = [("Hoàng", 18), ("Nông", 15), ("Lương", 9), ("Lộc", 7), ("Bế", 6),
                     ("Vi", 8), ("La", 4), ("Sầm", 2), ("Lăng", 3), ("Hà", 4), ("Chu", 4),
                     ("Triệu", 4), ("Mông", 3), ("Lý", 4), ("Hứa", 3), ("Đàm", 3),
                     ("Vy", 2), ("Dương", 3), ("Ma", 2), ("Lành", 2), ("Tô", 2), ("Linh", 2)]
MALE_MIDDLE = [("Văn", 60), ("Đức", 5), ("Minh", 4), ("Hữu", 4), ("Quang", 3), ("Xuân", 3),
               ("Ngọc", 2), ("Đình", 3), ("Công", 3), ("Thế", 2), ("Bá", 1), ("Trọng", 2),
               ("Như", 1), ("Tiến", 1), ("Khắc", 1)]
FEMALE_MIDDLE = [("Thị", 85), ("Ngọc", 3), ("Thu", 3), ("Kim", 2), ("Thanh", 3), ("Bích", 1)]
NUNG_GENERATION = ["Slương", "Sỉư", "Slằn", "Pác", "Slinh", "Sì"]
MALE_GIVEN = ["Thạch", "Hùng", "Dũng", "Cường", "Thắng", "Lợi", "Bình", "Hải", "Sơn", "Tùng",
              "Tuấn", "Phúc", "Lộc", "Thọ", "Khang", "Minh", "Nam", "Long", "Quang", "Hòa",
              "Thành", "Chiến", "Đức", "Quý", "Tiến", "Vinh", "Hiển", "Tâm", "Toàn", "Nghĩa",
              "Khải", "Trung", "Kiên", "Luân", "Phong", "Đạt", "Khiêm", "Mạnh", "Hưng",
              "Ninh", "Thịnh", "Tân", "Lâm", "Cần", "Mão", "Sửu", "Dần", "Tý", "Ngọ", "Thìn",
              "Thủy", "Quyết", "Thuận", "Bảo", "Huy", "Lực", "Hợp", "Khoa", "Đoàn", "Tài"]
FEMALE_GIVEN = ["Lan", "Hoa", "Mai", "Hương", "Nga", "Hằng", "Thủy", "Liên", "Hồng", "Cúc",
                "Đào", "Huệ", "Nhung", "Tuyết", "Xuân", "Thu", "Yến", "Phượng", "Oanh", "Vân",
                "Dung", "Hạnh", "Loan", "Thoa", "Nhàn", "Tươi", "Mận", "Nguyệt", "Ngần", "Hòa"]
TAY_GIVEN = ["Pả", "Mìu", "Nọi", "Sính", "Lềnh", "Tấu", "Sỉu", "Slẩy", "Phủ", "Nhì", "Sằn",
             "Quyền", "Tống", "Khe", "Lìn", "Pằn", "Thìn", "Slao", "Nàng", "Mằn"]
OLD_STYLE = {"Hòa": "Hoà", "Thủy": "Thuỷ", "Khoa": "Khoa", "Quý": "Quí"}

POSITIONS = ["Xã đội trưởng", "Dân quân xã", "Du kích xã", "Chiến sĩ bộ đội địa phương",
             "Cán bộ Huyện ủy", "Giao liên", "Thanh niên xung phong", "Chủ tịch UBHC xã",
             "Y tá", "Giáo viên", "Nông dân", "Chiến sĩ Trung đoàn 28", "Bí thư Chi bộ",
             "Cán bộ Ty Công an", "Hội trưởng Hội Phụ nữ xã", "Công nhân lâm trường",
             "Chiến sĩ Tiểu đoàn 45", "Cán bộ thuế vụ", "Trưởng thôn", "Phó Chủ tịch UBND xã"]


def weighted(rng, pairs):
    total = sum(w for _, w in pairs)
    x = rng.random() * total
    for v, w in pairs:
        x -= w
        if x <= 0:
            return v
    return pairs[-1][0]


def make_person(rng, birth_lo, birth_hi):
    tay = rng.random() < 0.45
    gender = "nữ" if rng.random() < 0.22 else "nam"
    surname = weighted(rng, TAY_NUNG_SURNAMES if tay else KINH_SURNAMES)
    if gender == "nam":
        middle = weighted(rng, MALE_MIDDLE)
        given = rng.choice(TAY_GIVEN if tay and rng.random() < 0.5 else MALE_GIVEN)
    else:
        middle = weighted(rng, FEMALE_MIDDLE)
        given = rng.choice(TAY_GIVEN if tay and rng.random() < 0.4 else FEMALE_GIVEN)
    if tay and rng.random() < 0.15:
        middle = rng.choice(NUNG_GENERATION)  # Nùng generation names
    parts = [surname, middle, given]
    if rng.random() < 0.04:
        parts = [surname, given]  # no middle name
    if rng.random() < 0.3:
        parts = [OLD_STYLE.get(p, p) for p in parts]  # old-style tone placement
    return {"full_name": nfc(" ".join(parts)), "surname": surname, "given": parts[-1],
            "gender": gender, "birth_year": rng.randint(birth_lo, birth_hi)}


# ---------------------------------------------------------------------- decisions
def vn_date(rng, lo, hi):
    """A random ISO date between two ISO dates (inclusive)."""
    import datetime
    a = datetime.date.fromisoformat(lo)
    b = datetime.date.fromisoformat(hi)
    return (a + datetime.timedelta(days=rng.randint(0, (b - a).days))).isoformat()


# award code prefix -> (date range, birth range, issuer kinds)
ERA = [
    (("HCKC-CP", "HUYCKC-CP"), ("1958-01-01", "1999-12-31"), (1895, 1935), "state"),
    (("HCKC-CM", "HUYCKC-CM"), ("1976-01-01", "2012-12-31"), (1905, 1960), "state"),
    (("HCCT", "HUYCCT"), ("1950-01-01", "1962-12-31"), (1895, 1932), "state"),
    (("HCKC-GD",), ("1958-01-01", "1990-12-31"), (1890, 1930), "state"),
    (("BVDD",), ("1950-01-01", "1975-12-31"), (1890, 1930), "ttg_old"),
    (("BGDVV",), ("1966-01-01", "1985-12-31"), (1890, 1940), "ubnd"),
    (("BK-TTG-KC",), ("1976-01-01", "2005-12-31"), (1900, 1960), "ttg"),
    (("BCCVN",), ("1976-01-01", "2000-12-31"), (1890, 1950), "ttg"),
    (("HCCSVV", "HCQT"), ("1961-01-01", "1992-12-31"), (1920, 1960), "state"),
    (("HCGP", "HUYCGP", "HCCSGP", "DS-"), ("1963-01-01", "1975-12-31"), (1920, 1957), "front"),
    (("HC", "HUYC"), ("1993-01-01", "2025-09-30"), (1930, 1985), "state"),
    (("BK-TTG", "CTD-CP", "CSTD-TQ"), ("1993-01-01", "2025-09-30"), (1940, 1990), "ttg"),
    (("BK-UBND", "CSTD-T", "TTLDXS", "CTD-UBND", "GK"), ("2004-01-01", "2025-09-30"), (1940, 1995), "ubnd"),
]


def era_of(code):
    for prefixes, dates, births, issuer in ERA:
        if any(code.startswith(p) for p in prefixes):
            return dates, births, issuer
    raise KeyError(code)


def make_decision(rng, code, date_range=None):
    dates, _, issuer = era_of(code)
    date = vn_date(rng, *(date_range or dates))
    year = int(date[:4])
    if issuer == "front":
        num = f"{rng.randint(1, 150)}{rng.choice(['', '', 'A', 'B'])}-VP/MT"
        return {"number": num, "date": date, "authority": "Mặt trận Dân tộc Giải phóng miền Nam Việt Nam",
                "issuer": "MT"}
    if issuer == "ubnd":
        n = rng.randint(12, 2800)
        num = f"{n}/QĐ-UBND" if year >= 2004 else f"{n}/QĐ-UB"
        return {"number": num, "date": date, "authority": "Chủ tịch UBND tỉnh", "issuer": "UBND"}
    if issuer in ("ttg", "ttg_old"):
        n = rng.randint(5, 1900)
        num = f"{n}-TTg" if year < 1990 else f"{n}/QĐ-TTg"
        return {"number": num, "date": date, "authority": "Thủ tướng Chính phủ", "issuer": "TTg"}
    # state orders and medals: Council of State 1981-07 .. 1992-09, else the President
    if "1981-07-04" <= date <= "1987-06-30":
        n = rng.randint(1, 600)
        num = f"{n}-NQ/HĐNN7" if rng.random() < 0.7 else f"{n}NQ/HĐNN7"
        return {"number": num, "date": date, "authority": "Hội đồng Nhà nước", "issuer": "HĐNN"}
    if "1987-07-01" <= date <= "1992-09-30":
        n = rng.randint(1, 600)
        num = f"{n}NQ/HĐNN8" if rng.random() < 0.6 else f"{n}-NQ/HĐNN8"
        return {"number": num, "date": date, "authority": "Hội đồng Nhà nước", "issuer": "HĐNN"}
    n = rng.randint(10, 1999)
    if 2000 <= year <= 2012 and rng.random() < 0.6:
        num = f"{n}/{year}/QĐ-CTN" if rng.random() < 0.7 else f"{n}/{year}/QĐ/CTN"
    else:
        num = f"{n}/QĐ-CTN"
    return {"number": num, "date": date, "authority": "Chủ tịch nước", "issuer": "CTN"}


def fmt_date(rng, iso, style=None):
    y, m, d = int(iso[:4]), int(iso[5:7]), int(iso[8:10])
    style = style if style is not None else rng.randrange(5)
    if style == 0:
        return f"{d}/{m}/{y}"
    if style == 1:
        return f"{d:02d}/{m:02d}/{y}"
    if style == 2:
        return f"{d}-{m}-{y}"
    if style == 3:
        return f"ngày {d} tháng {m} năm {y}"
    return f"{d:02d}-{m:02d}-{y}"


def long_date(iso):
    y, m, d = int(iso[:4]), int(iso[5:7]), int(iso[8:10])
    return f"ngày {d} tháng {m} năm {y}"


# --------------------------------------------------------------------- the world
class World:
    """Awards, places and people; makes records (one person + one award)."""

    def __init__(self, rng, schemas):
        with open(os.path.join(schemas, "awards.json"), encoding="utf-8") as f:
            self.awards = {a["code"]: a for a in json.load(f)["awards"]}
        self.gaz = Gazetteer(os.path.join(schemas, "gazetteer.json"))
        self.rng = rng
        self.resistance = [c for c, a in self.awards.items() if a["era"] == "resistance"]
        self.current = [c for c, a in self.awards.items() if a["era"] == "current"
                        and a["kind"] in ("huan_chuong", "huy_chuong", "bang_khen", "danh_hieu")
                        and c not in ("CSTD-TQ", "HCSV", "HCHCM", "HCHN", "HUYCHN")]
        # Often-printed resistance awards weigh more.
        self.resistance_w = [(c, 6 if c.startswith(("HCKC", "HUYCKC")) else 1) for c in self.resistance]

    def pick_award(self, resistance=True):
        if resistance or self.rng.random() < 0.8:
            return weighted(self.rng, self.resistance_w)
        return self.rng.choice(self.current)

    def pick_commune(self, date):
        cs = self.gaz.communes_at(date)
        # Units with a history before 2025 are picked more often.
        hist = [u for u in cs if any(not s.startswith("c25-") for s in u["successors"]) or u["predecessors"]]
        if hist and self.rng.random() < 0.35:
            return self.rng.choice(hist)
        return self.rng.choice(cs)

    def record(self, code, decision, person=None):
        _, births, _ = era_of(code)
        p = person or make_person(self.rng, *births)
        unit = self.pick_commune(decision["date"])
        c, d, pr = self.gaz.address(unit, decision["date"])
        return {"person": p, "code": code, "award": self.awards[code], "decision": decision,
                "unit": c, "district_unit": d, "province_unit": pr}


def place_text(rec, style):
    """How the hometown is printed and which parts are printed.
    style: full | bare | short | twolevel"""
    c, d, p = rec["unit"], rec["district_unit"], rec["province_unit"]
    parts = []
    printed = {"commune": c["name"], "district": d["name"] if d else None, "province": p["name"]}
    if style == "full":
        parts = [f"{c['type']} {c['name']}"] + ([f"{d['type']} {d['name']}"] if d else []) + \
                [f"{p['type']} {p['name']}"]
        return ", ".join(parts), printed
    if style == "twolevel" and d:
        printed["province"] = None
        return f"{c['type']} {c['name']}, {d['type']} {d['name']}", printed
    if style == "short" and d:
        printed["province"] = None
        return f"{c['name']} - {d['name']}", printed
    return ", ".join([c["name"]] + ([d["name"]] if d else []) + [p["name"]]), printed


def award_text(rng, award, alias_p):
    if award["aliases"] and rng.random() < alias_p:
        short = [a for a in award["aliases"] if len(a) < len(award["name"])]
        if short:
            return rng.choice(short)
    return award["name"]


# --------------------------------------------------------------------- drawing
class Page:
    """One page being drawn: an 'L' image, white, plus helpers that track boxes."""

    def __init__(self, size, fonts, family, ink):
        self.im = Image.new("L", size, 255)
        self.dr = ImageDraw.Draw(self.im)
        self.W, self.H = size
        self.fonts, self.fam, self.ink = fonts, family, ink

    def font(self, size, style=0):
        return self.fonts.get(self.fam, size, style)

    def text(self, xy, s, size, style=0, anchor="la"):
        f = self.font(size, style)
        self.dr.text(xy, s, font=f, fill=self.ink, anchor=anchor)
        return self.dr.textbbox(xy, s, font=f, anchor=anchor)

    def width(self, s, size, style=0):
        return self.font(size, style).getlength(s)

    @staticmethod
    def break_word(f, w, width):
        """A word wider than the line, broken after a '/' or '-' as a clerk
        would ("659/2006/" over "QĐ-CTN") instead of running into the next
        column; kept whole when it has no such break."""
        pieces = []
        while f.getlength(w) > width:
            cuts = [i + 1 for i, c in enumerate(w[:-1]) if c in "/-" and f.getlength(w[:i + 1]) <= width]
            if not cuts:
                break
            pieces.append(w[:cuts[-1]])
            w = w[cuts[-1]:]
        pieces.append(w)
        return pieces

    def wrap(self, s, size, width, style=0):
        f = self.font(size, style)
        lines = []
        for para in s.split("\n"):
            cur = ""
            for w in para.split(" "):
                pieces = self.break_word(f, w, width) if f.getlength(w) > width else [w]
                for k, piece in enumerate(pieces):
                    if k > 0:  # the rest of a broken word starts a line
                        lines.append(cur)
                        cur = piece
                        continue
                    t = (cur + " " + piece) if cur else piece
                    if f.getlength(t) <= width or not cur:
                        cur = t
                    else:
                        lines.append(cur)
                        cur = piece
            lines.append(cur)
        return lines

    def centered(self, y, s, size, style=0, cx=None):
        cx = self.W / 2 if cx is None else cx
        return self.text((cx, y), s, size, style, anchor="ma")


def union(boxes):
    boxes = [b for b in boxes if b]
    return (min(b[0] for b in boxes), min(b[1] for b in boxes),
            max(b[2] for b in boxes), max(b[3] for b in boxes))


# Ledger columns: key, header, weight, align
COLUMNS = {
    "stt": ("STT", 0.55, "c"),
    "name": ("Họ và tên", 2.3, "l"),
    "year": ("Năm sinh", 0.85, "c"),
    "home": ("Quê quán", 2.7, "l"),
    "position": ("Chức vụ, đơn vị", 2.2, "l"),
    "award": ("Hình thức khen thưởng", 2.5, "l"),
    "decision": ("Số và ngày quyết định", 2.1, "l"),
    "book": ("Số sổ vàng", 1.05, "c"),
    "note": ("Ghi chú", 1.2, "l"),
}


def decision_fits(award_code, decision, decision_code):
    """Whether a decision made for `decision_code` can give `award_code`:
    the same kind of issuer and a date in the award's era."""
    try:
        (lo, hi), _, issuer = era_of(award_code)
    except KeyError:
        return False
    return issuer == era_of(decision_code)[2] and lo <= decision["date"] <= hi


def render_ledger(rng, world, fonts, fam, page_no_in_book, force_landscape=None):
    cols = ["stt", "name"]
    for k, p in [("year", 0.85), ("home", 0.85), ("position", 0.5), ("award", 0.8),
                 ("decision", 0.75), ("book", 0.75), ("note", 0.45)]:
        if rng.random() < p:
            cols.append(k)
    if rng.random() < 0.15:
        cols.remove("stt")
    if rng.random() < 0.25 and "book" in cols:  # book number first
        cols.remove("book")
        cols.insert(1 if "stt" in cols else 0, "book")
    if rng.random() < 0.25 and "year" in cols and "home" in cols:
        i, j = cols.index("year"), cols.index("home")
        cols[i], cols[j] = cols[j], cols[i]
    landscape = len(cols) >= 7 and rng.random() < 0.6
    if force_landscape is not None:  # pages of one file share the orientation
        landscape = force_landscape
    size = (A4[1], A4[0]) if landscape else A4
    ink = rng.randint(5, 45)
    pg = Page(size, fonts, fam, ink)
    fs = rng.randint(40, 46)   # ~10-11 pt
    lh = int(fs * 1.32)
    mx, my = rng.randint(150, 220), rng.randint(170, 230)

    # Page-level award and decision (a book section is often one decision).
    code = world.pick_award(resistance=rng.random() < 0.85)
    shared_decision = make_decision(rng, code) if rng.random() < 0.7 else None
    same_award = rng.random() < 0.6
    caption = []
    if "award" not in cols:
        same_award = True
    if "decision" not in cols and shared_decision is None:
        shared_decision = make_decision(rng, code)
    place_style = rng.choice(["full", "bare", "short", "twolevel"])
    alias_p = rng.choice([0.0, 0.3, 0.7])

    y = my
    head_fs = fs + rng.randint(4, 10)
    heads = []
    if rng.random() < 0.7:
        heads.append(pg.text((mx, y), "UBND TỈNH LẠNG SƠN", fs - 2, 1))
        y += lh
        heads.append(pg.text((mx, y), "BAN THI ĐUA - KHEN THƯỞNG", fs - 2, 1))
        y += int(lh * 1.5)
    heads.append(pg.centered(y, "SỔ VÀNG KHEN THƯỞNG", head_fs, 1))
    y += int(head_fs * 1.5)
    book_vol = rng.randint(1, 12)
    sub = f"Quyển số {book_vol}"
    if same_award:
        sub += f" — {world.awards[code]['name']}"
    pg.centered(y, sub, fs, 2)
    y += int(lh * 1.4)
    if shared_decision and "decision" not in cols:
        dtext = (f"Theo Quyết định số {shared_decision['number']} "
                 f"{long_date(shared_decision['date'])} của {shared_decision['authority']}")
        for ln in pg.wrap(dtext, fs, pg.W - 2 * mx, 2):
            pg.centered(y, ln, fs, 2)
            y += lh
        caption.append("decision")
        y += lh // 2
    if "award" not in cols:
        caption.append("award")

    # Column geometry
    tw = pg.W - 2 * mx
    wsum = sum(COLUMNS[c][1] for c in cols)
    widths = [int(tw * COLUMNS[c][1] / wsum) for c in cols]
    xs = [mx]
    for w in widths:
        xs.append(xs[-1] + w)
    pad = int(fs * 0.35)
    vertical = rng.random() < 0.7

    # Header row
    hdr_lines = [pg.wrap(COLUMNS[c][0], fs - 2, w - 2 * pad, 1) for c, w in zip(cols, widths)]
    hdr_h = max(len(x) for x in hdr_lines) * lh + 2 * pad
    top = y
    for (c, w, x0, lines) in zip(cols, widths, xs, hdr_lines):
        yy = top + pad + (hdr_h - 2 * pad - len(lines) * lh) // 2
        for ln in lines:
            pg.text((x0 + w / 2, yy), ln, fs - 2, 1, anchor="ma")
            yy += lh
    y = top + hdr_h
    row_lines_y = [top, y]

    stt = rng.randint(1, 400)
    book = rng.randint(10000, 98000)
    n_target = rng.randint(8, 15)
    bottom = pg.H - my - 2 * lh
    records = []
    for i in range(n_target + 6):
        rc = code if same_award else world.pick_award(resistance=rng.random() < 0.85)
        if "decision" not in cols:
            # The caption's decision is the only one the page prints: every row
            # has it, with an award that decision can give.
            dec = shared_decision
            if not decision_fits(rc, dec, code):
                rc = rng.choice([c for c in world.resistance + world.current if decision_fits(c, dec, code)])
        else:
            dec = shared_decision if shared_decision and (same_award or rng.random() < 0.5) \
                else make_decision(rng, rc)
            if dec is shared_decision and not same_award and not decision_fits(rc, dec, code):
                dec = make_decision(rng, rc)
        rec = world.record(rc, dec)
        p = rec["person"]
        cells = {}
        cells["stt"] = str(stt)
        cells["name"] = p["full_name"]
        cells["year"] = str(p["birth_year"])
        home, printed = place_text(rec, place_style)
        cells["home"] = home
        cells["position"] = rng.choice(POSITIONS)
        atext = award_text(rng, rec["award"], alias_p)
        cells["award"] = atext
        cells["decision"] = f"{dec['number']}\n{fmt_date(rng, dec['date'], rng.choice([0, 1, 2]))}" \
            if rng.random() < 0.6 else f"{dec['number']} ngày {fmt_date(rng, dec['date'], 0)}"
        cells["book"] = str(book)
        cells["note"] = rng.choice(["", "", "", "Truy tặng", "Đã cấp đổi", "Liệt sĩ", "Đã nhận"])
        wrapped = [pg.wrap(cells[c], fs, w - 2 * pad) for c, w in zip(cols, widths)]
        rh = max(len(x) for x in wrapped) * lh + 2 * pad
        if y + rh > bottom or len(records) >= n_target:
            break
        for (c, w, x0, lines) in zip(cols, widths, xs, wrapped):
            yy = y + pad
            for ln in lines:
                if COLUMNS[c][2] == "c":
                    pg.text((x0 + w / 2, yy), ln, fs, 0, anchor="ma")
                else:
                    pg.text((x0 + pad, yy), ln, fs, 0)
                yy += lh
        bbox = (xs[0], y, xs[-1], y + rh)
        y += rh
        row_lines_y.append(y)
        truth = {
            "full_name": p["full_name"], "gender": None,
            "birth_year": p["birth_year"] if "year" in cols else None,
            "commune": printed["commune"] if "home" in cols else None,
            "district": printed["district"] if "home" in cols else None,
            "province": printed["province"] if "home" in cols else None,
            "award": atext if "award" in cols else world.awards[code]["name"],
            "award_code": rc,
            "decision_number": dec["number"], "decision_date": dec["date"],
            "authority": dec["authority"],
            "book_number": str(book) if "book" in cols else None,
        }
        records.append({"truth": truth, "bbox": bbox, "rec": rec,
                        "page_fields": list(caption)})
        stt += 1
        book += rng.choice([1, 1, 1, 2, 7])

    # Rules
    lw = rng.choice([2, 3, 3, 4])
    for yy in row_lines_y:
        pg.dr.line([(xs[0], yy), (xs[-1], yy)], fill=ink, width=lw)
    if vertical:
        for x in xs:
            pg.dr.line([(x, row_lines_y[0]), (x, row_lines_y[-1])], fill=ink, width=lw)
    else:  # only the outer frame sometimes
        if rng.random() < 0.5:
            for x in (xs[0], xs[-1]):
                pg.dr.line([(x, row_lines_y[0]), (x, row_lines_y[-1])], fill=ink, width=lw)
    pg.centered(pg.H - my, f"Trang {page_no_in_book}", fs - 4, 2)
    return pg, records


def render_annex_pages(rng, world, fonts, fam, max_pages):
    """A decision's annex list, possibly over several pages. Returns [(Page, records)]."""
    code = world.pick_award(resistance=rng.random() < 0.9)
    dec = make_decision(rng, code)
    fam_awards = [c for c, a in world.awards.items()
                  if a["family"] == world.awards[code]["family"] and a["war"] == world.awards[code]["war"]]
    grouped = len(fam_awards) > 1 and rng.random() < 0.6
    groups = sorted(fam_awards, key=lambda c: world.awards[c]["rank"] or 0) if grouped else [code]
    fs = rng.randint(44, 50)
    lh = int(fs * 1.4)
    ink = rng.randint(5, 40)
    mx, my = rng.randint(190, 260), rng.randint(190, 260)
    style = rng.choice(["semi", "comma", "dash"])
    pages = []
    num = 1
    gi = 0
    n_pages = rng.randint(1, max_pages) if max_pages < 2 else max_pages
    per_group = [rng.randint(3, 9) if n_pages == 1 else rng.randint(6, 8 * n_pages) for _ in groups]
    if n_pages > 1:
        per_group[-1] = 100  # the list runs to the end of the last page
    group_started = False
    for pno in range(n_pages):
        pg = Page(A4, fonts, fam, ink)
        y = my
        page_fields = []
        if pno == 0:
            if rng.random() < 0.6:
                auth = {"CTN": "CHỦ TỊCH NƯỚC", "HĐNN": "HỘI ĐỒNG NHÀ NƯỚC", "TTg": "THỦ TƯỚNG CHÍNH PHỦ",
                        "UBND": "UBND TỈNH LẠNG SƠN", "MT": "MẶT TRẬN DTGP MIỀN NAM VIỆT NAM"}[dec["issuer"]]
                pg.text((mx, y), auth, fs - 4, 1)
                y += int(lh * 1.6)
            pg.centered(y, "DANH SÁCH", fs + 8, 1)
            y += int((fs + 8) * 1.45)
            if grouped:
                t = "Cá nhân được khen thưởng thành tích kháng chiến" if world.awards[code]["era"] == "resistance" \
                    else "Cá nhân được khen thưởng"
            else:
                t = f"Cá nhân được tặng thưởng {world.awards[code]['name']}"
            for ln in pg.wrap(t, fs + 2, pg.W - 2 * mx, 1):
                pg.centered(y, ln, fs + 2, 1)
                y += int(lh * 1.05)
            ktext = (f"(Kèm theo Quyết định số {dec['number']} {long_date(dec['date'])} "
                     f"của {dec['authority']})")
            for ln in pg.wrap(ktext, fs, pg.W - 2 * mx, 2):
                pg.centered(y, ln, fs, 2)
                y += lh
            pg.dr.line([(pg.W / 2 - 250, y + lh // 3), (pg.W / 2 + 250, y + lh // 3)], fill=ink, width=3)
            y += int(lh * 1.3)
        else:
            page_fields.append("decision")
            if not grouped:
                page_fields.append("award")
            pg.centered(my - lh, f"- {pno + 1} -", fs - 4, 0)
        records = []
        heads_here = set()
        bottom = pg.H - my - lh
        while gi < len(groups):
            g = groups[gi]
            if not group_started:
                if y + 3 * lh > bottom:
                    break
                if grouped:
                    roman = ["I", "II", "III", "IV"][gi]
                    head = f"{roman}. {world.awards[g]['name']}:" if rng.random() < 0.5 \
                        else f"{world.awards[g]['name']}:"
                    pg.text((mx, y), head, fs, 1)
                    heads_here.add(g)
                    y += int(lh * 1.2)
                group_started = True
            rec = world.record(g, dec)
            p = rec["person"]
            title = "Ông" if p["gender"] == "nam" else "Bà"
            home, printed = place_text(rec, "full")
            if style == "semi":
                body = f"{num}. {title} {p['full_name']}, sinh năm {p['birth_year']}; quê quán: {home};"
            elif style == "comma":
                body = f"{num}. {title} {p['full_name']}, sinh năm {p['birth_year']}, quê quán: {home},"
            else:
                body = f"{num}. {title} {p['full_name']} - Sinh năm: {p['birth_year']} - Quê quán: {home}"
            if rng.random() < 0.3:
                body += f" {rng.choice(POSITIONS).lower()};" if style == "semi" else ""
            lines = pg.wrap(body, fs, pg.W - 2 * mx - 60)
            if y + len(lines) * lh > bottom:
                break
            boxes = []
            for k, ln in enumerate(lines):
                boxes.append(pg.text((mx + (0 if k == 0 else 60), y), ln, fs))
                y += lh
            y += int(lh * 0.25)
            bb = union(boxes)
            truth = {
                "full_name": p["full_name"], "gender": p["gender"], "birth_year": p["birth_year"],
                "commune": printed["commune"], "district": printed["district"],
                "province": printed["province"], "award": world.awards[g]["name"], "award_code": g,
                "decision_number": dec["number"], "decision_date": dec["date"],
                "authority": dec["authority"], "book_number": None,
            }
            pf = list(page_fields)
            if grouped and g not in heads_here:
                pf.append("award")  # the group heading is on an earlier page
            records.append({"truth": truth, "bbox": bb, "rec": rec, "page_fields": pf})
            num += 1
            per_group[gi] -= 1
            if per_group[gi] <= 0:
                gi += 1
                group_started = False
                y += lh // 2
        last = gi >= len(groups) or pno == n_pages - 1
        if last and y + 2 * lh < bottom:
            pg.text((mx, y + lh // 2), f"(Danh sách này có {num - 1} cá nhân)", fs, 2)
        pages.append((pg, records))
        if last:
            break
    return pages


SIGNER_TITLES = {
    "CTN": ("CHỦ TỊCH NƯỚC", "CHỦ TỊCH NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Hà Nội"),
    "HĐNN": ("CHỦ TỊCH HỘI ĐỒNG NHÀ NƯỚC", "HỘI ĐỒNG NHÀ NƯỚC\nNƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Hà Nội"),
    "TTg": ("THỦ TƯỚNG CHÍNH PHỦ", "THỦ TƯỚNG CHÍNH PHỦ\nNƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Hà Nội"),
    "UBND": ("CHỦ TỊCH", "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN", "Lạng Sơn"),
    "MT": ("CHỦ TỊCH", "ỦY BAN TRUNG ƯƠNG\nMẶT TRẬN DÂN TỘC GIẢI PHÓNG MIỀN NAM VIỆT NAM", "Miền Nam"),
}


def achievement(award):
    if award["war"] == "chong_my":
        return "Đã có thành tích trong cuộc kháng chiến chống Mỹ, cứu nước"
    if award["war"] == "chong_phap":
        return "Đã có thành tích trong cuộc kháng chiến chống thực dân Pháp"
    if award["era"] == "resistance":
        return "Đã có công lao trong sự nghiệp bảo vệ Tổ quốc"
    return "Đã có thành tích xuất sắc trong công tác, góp phần vào sự nghiệp xây dựng và bảo vệ Tổ quốc"


def render_certificate(rng, world, fonts, fam):
    code = world.pick_award(resistance=rng.random() < 0.75)
    dec = make_decision(rng, code)
    rec = world.record(code, dec)
    p, award = rec["person"], rec["award"]
    landscape = rng.random() < 0.4
    size = (A4[1], A4[0]) if landscape else A4
    ink = rng.randint(5, 35)
    pg = Page(size, fonts, fam, ink)
    fs = rng.randint(50, 56)   # ~12-13.5 pt
    lh = int(fs * (1.45 if landscape else 1.75))
    # decorative frame
    m = rng.randint(90, 140)
    pg.dr.rectangle([m, m, pg.W - m, pg.H - m], outline=ink, width=10)
    pg.dr.rectangle([m + 28, m + 28, pg.W - m - 28, pg.H - m - 28], outline=ink, width=3)
    for cx, cy in [(m + 28, m + 28), (pg.W - m - 28, m + 28), (m + 28, pg.H - m - 28),
                   (pg.W - m - 28, pg.H - m - 28)]:
        pg.dr.ellipse([cx - 26, cy - 26, cx + 26, cy + 26], outline=ink, width=4)
    y = m + (120 if landscape else 260)
    old_state = dec["date"] < "1976-07-02"
    if dec["issuer"] != "MT":
        t1 = "VIỆT NAM DÂN CHỦ CỘNG HÒA" if old_state else "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
        pg.centered(y, t1, fs + 2, 1)
        y += int(lh * 1.05)
        bb = pg.centered(y, "Độc lập - Tự do - Hạnh phúc", fs + 2, 1)
        pg.dr.line([(bb[0], bb[3] + 8), (bb[2], bb[3] + 8)], fill=ink, width=3)
        y += int(lh * 1.8)
    signer_title, auth_line, city = SIGNER_TITLES[dec["issuer"]]
    if old_state and dec["issuer"] == "CTN":
        auth_line = "CHỦ TỊCH NƯỚC VIỆT NAM DÂN CHỦ CỘNG HÒA"
    body_boxes = []
    for ln in auth_line.split("\n"):
        for l2 in pg.wrap(ln, fs + 4, pg.W - 2 * m - 200, 1):
            pg.centered(y, l2, fs + 4, 1)
            y += int(lh * 1.1)
    y += int(lh * 0.6)
    body_boxes.append(pg.centered(y, "TẶNG", fs + 30, 1))
    y += int((fs + 30) * 1.6)
    atext = award["name"]
    for ln in pg.wrap(atext, fs + 22, pg.W - 2 * m - 200, 1):
        body_boxes.append(pg.centered(y, ln, fs + 22, 1))
        y += int((fs + 22) * 1.4)
    y += int(lh * 0.4)
    title = "Ông" if p["gender"] == "nam" else "Bà"
    if award["code"] in ("HCKC-GD", "BVDD", "BGDVV"):
        title = "Gia đình " + title.lower()
    body_boxes.append(pg.centered(y, f"{title} {p['full_name']}", fs + 10, 1))
    y += int((fs + 10) * 1.5)
    body_boxes.append(pg.centered(y, f"Sinh năm: {p['birth_year']}", fs))
    y += lh
    home, printed = place_text(rec, "full")
    for ln in pg.wrap(f"Quê quán: {home}", fs, pg.W - 2 * m - 300):
        body_boxes.append(pg.centered(y, ln, fs))
        y += lh
    for ln in pg.wrap(achievement(award), fs, pg.W - 2 * m - 300, 2):
        body_boxes.append(pg.centered(y, ln, fs, 2))
        y += lh
    # bottom blocks
    by = pg.H - m - (560 if landscape else 700)
    lx = m + 140
    book = str(rng.randint(10000, 99999))
    dstyle = rng.choice([0, 1, 2])
    body_boxes.append(pg.text((lx, by + 2 * lh), f"Số quyết định: {dec['number']}", fs - 4))
    body_boxes.append(pg.text((lx, by + 3 * lh), f"ngày {fmt_date(rng, dec['date'], dstyle)}", fs - 4))
    body_boxes.append(pg.text((lx, by + 4 * lh), f"Số sổ vàng: {book}", fs - 4))
    rx = pg.W - m - (650 if landscape else 560)
    body_boxes.append(pg.centered(by, f"{city}, {long_date(dec['date'])}", fs - 4, 2, cx=rx))
    body_boxes.append(pg.centered(by + lh, signer_title, fs - 2, 1, cx=rx))
    # stamp ring and a signature scrawl
    sx, sy = rx - 120, by + int(2.6 * lh)
    stamp = rng.randint(120, 160)
    pg.dr.ellipse([sx - stamp, sy - stamp, sx + stamp, sy + stamp], outline=min(255, ink + 110), width=9)
    pg.dr.ellipse([sx - stamp + 30, sy - stamp + 30, sx + stamp - 30, sy + stamp - 30],
                  outline=min(255, ink + 110), width=4)
    pts = [(rx - 150 + k * 25, sy + int(40 * math.sin(k * 1.3 + rng.random()))) for k in range(13)]
    pg.dr.line(pts, fill=ink, width=5)
    signer = make_person(rng, 1920, 1960)["full_name"]
    body_boxes.append(pg.centered(by + int(4.6 * lh), signer, fs, 1, cx=rx))
    truth = {
        "full_name": p["full_name"], "gender": p["gender"], "birth_year": p["birth_year"],
        "commune": printed["commune"], "district": printed["district"], "province": printed["province"],
        "award": atext, "award_code": code, "decision_number": dec["number"],
        "decision_date": dec["date"], "authority": dec["authority"], "book_number": book,
    }
    return pg, [{"truth": truth, "bbox": union(body_boxes), "rec": rec, "page_fields": []}]


# --------------------------------------------------------------------- degrade
def rotate_quad(box, angle_deg, size):
    """The four corners (tl, tr, br, bl) of `box` after the page rotation."""
    W, H = size
    cx, cy = W / 2, H / 2
    a = math.radians(angle_deg)
    ca, sa = math.cos(a), math.sin(a)
    out = []
    for x, y in [(box[0], box[1]), (box[2], box[1]), (box[2], box[3]), (box[0], box[3])]:
        dx, dy = x - cx, y - cy
        out.append([int(round(cx + dx * ca + dy * sa)), int(round(cy - dx * sa + dy * ca))])
    return out


def rotate_box(box, angle_deg, size):
    """Axis-aligned box of `box` after PIL's rotate(angle, expand=False) about the centre."""
    W, H = size
    cx, cy = W / 2, H / 2
    a = math.radians(angle_deg)
    ca, sa = math.cos(a), math.sin(a)
    pts = []
    for x, y in [(box[0], box[1]), (box[2], box[1]), (box[0], box[3]), (box[2], box[3])]:
        dx, dy = x - cx, y - cy
        # PIL rotates counter-clockwise for positive angles (y axis pointing down)
        pts.append((cx + dx * ca + dy * sa, cy - dx * sa + dy * ca))
    x0 = max(0, min(p[0] for p in pts))
    y0 = max(0, min(p[1] for p in pts))
    x1 = min(W, max(p[0] for p in pts))
    y1 = min(H, max(p[1] for p in pts))
    return [int(round(x0)), int(round(y0)), int(round(x1 - x0)), int(round(y1 - y0))]


def noise_field(rng, size, sigma, scale):
    """Smooth random field (mean 128) made from small Gaussian noise upscaled."""
    w, h = max(2, size[0] // scale), max(2, size[1] // scale)
    seed_im = Image.effect_noise((w, h), sigma)
    # effect_noise uses its own RNG: shift it deterministically with ours
    seed_im = seed_im.transpose(rng.choice([Image.FLIP_LEFT_RIGHT, Image.FLIP_TOP_BOTTOM,
                                            Image.ROTATE_180, Image.TRANSPOSE]))
    return seed_im.resize(size, Image.BILINEAR)


def det_noise(rng, size, amp):
    """Deterministic per-pixel noise (mean 128, +-amp) built from random bytes."""
    w, h = size
    tile_w, tile_h = 512, 512
    tile = Image.frombytes("L", (tile_w, tile_h), rng.randbytes(tile_w * tile_h))
    tile = tile.point(lambda v: int(128 + (v - 128) * amp / 128))
    out = Image.new("L", size)
    for ty in range(0, h, tile_h):
        for tx in range(0, w, tile_w):
            t = tile.transpose(rng.choice([Image.FLIP_LEFT_RIGHT, Image.FLIP_TOP_BOTTOM,
                                           Image.ROTATE_180, Image.TRANSPOSE]))
            out.paste(t, (tx, ty))
    return out


def smooth_field(rng, size, cells, amp):
    """Low-frequency field (mean 128) from a few random values, bilinear-upscaled."""
    w, h = cells
    im = Image.frombytes("L", (w, h), bytes(int(128 + rng.uniform(-amp, amp)) for _ in range(w * h)))
    return im.resize(size, Image.BICUBIC)


def degrade(rng, img, level):
    """Returns (image, angle, params). img is 'L' with white paper and dark ink."""
    size = img.size
    p = {"level": level}
    if level == "clean":
        angle = 0.0
        out = img
        p["paper"] = 255
        return out, angle, p
    if level == "light":
        angle = rng.uniform(-0.5, 0.5)
        blur = rng.uniform(0.5, 0.8)
        noise_amp = rng.randint(4, 8)
        paper = rng.randint(236, 248)
        jpeg_q = rng.randint(70, 88)
        shade_amp = 8
        stains = 0
        ink_fade = rng.randint(0, 25)
    else:
        angle = rng.choice([-1, 1]) * rng.uniform(2.0, 3.0)
        blur = rng.uniform(0.9, 1.4)
        noise_amp = rng.randint(10, 16)
        paper = rng.randint(215, 232)
        jpeg_q = rng.randint(35, 55)
        shade_amp = 22
        stains = rng.randint(1, 3)
        ink_fade = rng.randint(20, 60)
    p.update(angle=round(angle, 3), blur=round(blur, 2), noise=noise_amp, paper=paper, jpeg_q=jpeg_q)
    # ink: faded (lighter), paper: off-white
    lut = [int(ink_fade + (paper - ink_fade) * v / 255) for v in range(256)]
    out = img.point(lut)
    out = out.rotate(angle, resample=Image.BILINEAR, expand=False, fillcolor=paper)
    out = out.filter(ImageFilter.GaussianBlur(blur))
    # uneven paper + shadow gradient (darker towards one edge, like a book gutter)
    field = smooth_field(rng, size, (6, 8), shade_amp)
    grad = Image.linear_gradient("L").resize((size[0], size[1]))
    if rng.random() < 0.5:
        grad = grad.transpose(Image.ROTATE_90).resize(size)
    grad = grad.point(lambda v: 255 - int(shade_amp * 2.5 * max(0, v - 150) / 105))
    out = ImageChops.multiply(out, grad)
    out = ImageChops.add(out, field, scale=1.0, offset=-128)
    if stains:
        st = Image.new("L", size, 255)
        d = ImageDraw.Draw(st)
        for _ in range(stains):
            cx, cy = rng.randint(0, size[0]), rng.randint(0, size[1])
            r = rng.randint(120, 380)
            d.ellipse([cx - r, cy - r * rng.uniform(0.6, 1.0), cx + r, cy + r], fill=rng.randint(170, 215))
            d.ellipse([cx - r + 25, cy - r + 25, cx + r - 25, cy + r - 25], fill=rng.randint(205, 240))
        st = st.filter(ImageFilter.GaussianBlur(18))
        out = ImageChops.multiply(out, st)
    out = ImageChops.add(out, det_noise(rng, size, noise_amp), scale=1.0, offset=-128)
    # JPEG artefacts
    buf = io.BytesIO()
    out.save(buf, "JPEG", quality=jpeg_q)
    out = Image.open(io.BytesIO(buf.getvalue()))
    out.load()
    return out, angle, p


def yellow(img, strength):
    """Turn a grey page into yellowed colour paper (RGB)."""
    r = img.point(lambda v: v)
    g = img.point(lambda v: int(v * (1 - 0.04 * strength)))
    b = img.point(lambda v: int(v * (1 - 0.16 * strength)))
    return Image.merge("RGB", (r, g, b))


# ------------------------------------------------------------------------ main
def plan_files(n_pages, rng, kinds=KINDS, levels=LEVELS):
    """A schedule of files: (kind, level, fmt, max pages in the file). Covers every kind x
    level first, then picks at random. Multi-page TIFFs come from annex lists and ledger
    runs. The caller stops when it has made n_pages pages."""
    combos = [(k, l) for l in levels for k in kinds]
    used = 0
    made_multi = False
    fmts = {"clean": ["png", "tif1", "tif8", "png"], "light": ["jpg", "tif1", "jpg", "jpg"],
            "heavy": ["jpg", "tif1", "jpgc", "jpg"]}
    i = 0
    while True:
        if i < len(combos):
            k, l = combos[i]
        else:
            k = weighted(rng, [(x, {"ledger": 35, "annex": 20, "certificate": 45}[x]) for x in kinds])
            l = rng.choice(levels)
        fmt = fmts[l][(i // len(combos) + kinds.index(k)) % 4]
        multi = 1
        if k in ("annex", "ledger") and fmt.startswith("tif") and n_pages - used >= 2:
            multi = 2
        multi = max(1, min(multi, n_pages - used))
        if k == "annex" and n_pages - used >= 3 and not made_multi:
            fmt, multi = "tif1", 3  # always at least one multi-page TIFF
        made_multi = made_multi or multi > 1
        got = yield (k, l, fmt, multi)
        used += got or multi
        i += 1


TIFF_TYPE_SIZE = {1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8}


def zero_tiff_padding(path):
    """PIL's multi-page TIFF writer leaves alignment padding bytes uninitialised; zero
    every byte no IFD, tag value or strip covers so the file is reproducible."""
    import struct
    with open(path, "rb") as f:
        data = bytearray(f.read())
    if data[:2] != b"II":
        return
    covered = [(0, 8)]
    off = struct.unpack_from("<I", data, 4)[0]
    while off and off < len(data):
        n = struct.unpack_from("<H", data, off)[0]
        covered.append((off, off + 2 + 12 * n + 4))
        strips = {}
        for i in range(n):
            tag, typ, cnt, val = struct.unpack_from("<HHII", data, off + 2 + 12 * i)
            size = TIFF_TYPE_SIZE.get(typ, 1) * cnt
            if size > 4:
                covered.append((val, val + size))
            if tag in (273, 279):  # StripOffsets, StripByteCounts
                fmtc = "H" if typ == 3 else "I"
                vals = struct.unpack_from(f"<{cnt}{fmtc}", data, val) if size > 4 else \
                    struct.unpack_from(f"<{cnt}{fmtc}", data, off + 2 + 12 * i + 8)
                strips[tag] = vals
        for o, c in zip(strips.get(273, ()), strips.get(279, ())):
            covered.append((o, o + c))
        off = struct.unpack_from("<I", data, off + 2 + 12 * n)[0]
    covered.sort()
    pos = 0
    for a, b in covered:
        for k in range(pos, min(a, len(data))):
            data[k] = 0
        pos = max(pos, b)
    for k in range(pos, len(data)):
        data[k] = 0
    with open(path, "wb") as f:
        f.write(data)


def save_file(path, images, fmt, jpeg_q=75):
    if fmt == "png":
        images[0].save(path, "PNG", optimize=False, compress_level=6, dpi=(DPI, DPI))
    elif fmt in ("jpg", "jpgc"):
        images[0].save(path, "JPEG", quality=jpeg_q, dpi=(DPI, DPI))
    elif fmt == "tif1":
        bw = [im.convert("L").point(lambda v: 255 if v > 150 else 0).convert("1", dither=Image.NONE)
              for im in images]
        bw[0].save(path, "TIFF", compression="group4", dpi=(DPI, DPI), save_all=True,
                   append_images=bw[1:])
    elif fmt == "tif8":
        g = [im.convert("L") for im in images]
        g[0].save(path, "TIFF", compression="tiff_deflate", dpi=(DPI, DPI), save_all=True,
                  append_images=g[1:])
    else:
        raise ValueError(fmt)
    if fmt.startswith("tif"):
        zero_tiff_padding(path)


EXT = {"png": "png", "jpg": "jpg", "jpgc": "jpg", "tif1": "tif", "tif8": "tif"}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seed", type=int, default=20250701, help="random seed (default 20250701)")
    ap.add_argument("--out", required=True, help="output directory (created)")
    ap.add_argument("--pages", type=int, default=18, help="number of pages (default 18)")
    ap.add_argument("--fonts", default=",".join(DEFAULT_FONTS),
                    help="comma-separated font families (default: all seven)")
    ap.add_argument("--kinds", default=",".join(KINDS), help="subset of ledger,annex,certificate")
    ap.add_argument("--levels", default=",".join(LEVELS), help="subset of clean,light,heavy")
    ap.add_argument("--schemas", default=os.path.join(HERE, "..", "schemas"),
                    help="folder with awards.json and gazetteer.json")
    ap.add_argument("--pdf", metavar="FILE", help="also write every page into one PDF (for benchmarks)")
    ap.add_argument("--queries", type=int, default=60, help="how many queries (default 60)")
    args = ap.parse_args(argv)

    rng = random.Random(args.seed)
    fonts = Fonts([f.strip() for f in args.fonts.split(",") if f.strip()])
    families = list(fonts.paths)
    kinds = [k for k in args.kinds.split(",") if k]
    levels = [l for l in args.levels.split(",") if l]
    world = World(rng, args.schemas)
    os.makedirs(args.out, exist_ok=True)

    truth_lines, manifest, pdf_pages = [], [], []
    page_counter = 1
    book_page = rng.randint(10, 200)
    plan = plan_files(args.pages, rng, kinds, levels)
    step = next(plan)
    fi = -1
    while page_counter <= args.pages:
        fi += 1
        kind, level, fmt, multi = step
        fam = families[fi % len(families)]
        if kind == "annex":
            rendered = render_annex_pages(rng, world, fonts, fam, multi)
        elif kind == "ledger":
            rendered = []
            for _ in range(multi):
                orient = rendered[0][0].W > rendered[0][0].H if rendered else None
                rendered.append(render_ledger(rng, world, fonts, fam, book_page, orient))
                book_page += 1
        else:
            rendered = [render_certificate(rng, world, fonts, fam)]
        name = f"p{page_counter:03d}_{kind}_{level}.{EXT[fmt]}"
        images, recs_per_page = [], []
        for pg, recs in rendered:
            img, angle, params = degrade(rng, pg.im, level)
            if fmt == "jpgc" or (level == "heavy" and fmt == "jpg" and rng.random() < 0.5):
                img = yellow(img, 1.0 if level == "heavy" else 0.5)
            images.append(img)
            recs_per_page.append((recs, angle, params, pg.im.size))
        path = os.path.join(args.out, name)
        save_file(path, images, fmt, jpeg_q={"heavy": 55, "light": 72}.get(level, 85))
        with open(path, "rb") as f:
            sha = hashlib.sha256(f.read()).hexdigest()
        for page_i, (recs, angle, params, size) in enumerate(recs_per_page, start=1):
            for n, r in enumerate(recs, start=1):
                t = dict(r["truth"])
                line = {"truth_key": f"{name}#{page_i}#{n}", "id": f"t{args.seed}-{page_counter:03d}-{page_i}-{n}"}
                line.update({k: nfc(v) for k, v in t.items()})
                line["source"] = {"file": name, "sha256": sha, "page": page_i,
                                  "bbox": rotate_box(r["bbox"], angle, size)}
                line["quad"] = rotate_quad(r["bbox"], angle, size)
                line["skew_deg"] = round(angle, 3)
                line.update({"confidence": 1.0, "review": "reviewed", "kind": kind,
                             "degradation": level, "font": fam, "format": fmt,
                             "place_unit": r["rec"]["unit"]["id"],
                             "inherited_fields": r["page_fields"]})
                truth_lines.append(line)
        manifest.append({"file": name, "kind": kind, "degradation": level, "format": fmt,
                         "pages": len(images), "font": fam, "sha256": sha,
                         "records": sum(len(x[0]) for x in recs_per_page),
                         "degrade": [x[2] for x in recs_per_page]})
        if args.pdf:
            pdf_pages.extend(im.convert("RGB") if im.mode not in ("L", "RGB") else im for im in images)
        page_counter += len(images)
        if page_counter <= args.pages:
            step = plan.send(len(images))

    with open(os.path.join(args.out, "truth.jsonl"), "w", encoding="utf-8") as f:
        for line in truth_lines:
            f.write(json.dumps(line, ensure_ascii=False) + "\n")
    queries = make_queries(random.Random(args.seed + 1), world, truth_lines, args.queries)
    with open(os.path.join(args.out, "queries.jsonl"), "w", encoding="utf-8") as f:
        for q in queries:
            f.write(json.dumps(q, ensure_ascii=False) + "\n")
    with open(os.path.join(args.out, "manifest.json"), "w", encoding="utf-8") as f:
        json.dump({"generator": "data-samples/generate.py", "seed": args.seed, "pages": args.pages,
                   "fonts": families, "files": manifest}, f, ensure_ascii=False, indent=1)
        f.write("\n")
    if args.pdf:
        pdf_pages[0].save(args.pdf, "PDF", resolution=DPI, save_all=True, append_images=pdf_pages[1:])
    print(f"{len(manifest)} files, {page_counter - 1} pages, {len(truth_lines)} records, "
          f"{len(queries)} queries -> {args.out}", file=sys.stderr)


# --------------------------------------------------------------------- queries
def one_edit(rng, token):
    letters = "abcdeghiklmnopqrstuvxy"
    i = rng.randrange(len(token))
    op = rng.choice(["sub", "del", "ins", "swap"]) if len(token) > 3 else "sub"
    if op == "sub":
        c = rng.choice([x for x in letters if x != token[i].lower()])
        return token[:i] + c + token[i + 1:]
    if op == "del":
        return token[:i] + token[i + 1:]
    if op == "ins":
        return token[:i] + rng.choice(letters) + token[i:]
    if i == len(token) - 1:
        i -= 1
    if token[i] == token[i + 1]:
        return token[:i] + rng.choice(letters) + token[i + 1:]
    return token[:i] + token[i + 1] + token[i] + token[i + 2:]


def lineage(gaz, uid):
    """The units a place was or became: its predecessors, theirs and so on, and
    its successors, theirs and so on (not a sibling merged into the same new
    unit: that place was never this one)."""
    out = set()
    for key in ("predecessors", "successors"):
        seen, todo = set(), [uid]
        while todo:
            for n in gaz.by_id[todo.pop()][key]:
                if n not in seen:
                    seen.add(n)
                    todo.append(n)
        out |= seen
    out.discard(uid)
    return out


def make_queries(rng, world, truth, n):
    gaz = world.gaz
    if not truth:
        return []
    keys = lambda pred: sorted(t["truth_key"] for t in truth if pred(t))
    kinds = ["exact_name", "folded_name", "name_year", "name_commune", "decision_number",
             "typo", "old_place"]
    out = []
    sample = list(truth)
    rng.shuffle(sample)
    i = 0
    attempts = 0
    seen = set()
    while len(out) < n and attempts < n * 20:
        attempts += 1
        t = sample[i % len(sample)]
        i += 1
        kind = kinds[len(out) % len(kinds)]
        name = t["full_name"]
        toks = name.split()
        fname = fold(name)
        q = None
        if kind == "exact_name":
            q, exp = name, keys(lambda x: x["full_name"] == name)
        elif kind == "folded_name":
            q, exp = fname, keys(lambda x: fold(x["full_name"]) == fname)
        elif kind == "name_year":
            if t["birth_year"] is None:
                continue
            q = f"{fname} {t['birth_year']}" if rng.random() < 0.6 else f"{name} {t['birth_year']}"
            exp = keys(lambda x: fold(x["full_name"]) == fname and x["birth_year"] == t["birth_year"])
        elif kind == "name_commune":
            if not t["commune"]:
                continue
            q = f"{toks[0]} {toks[-1]} {t['commune']}"
            exp = keys(lambda x: x["full_name"].split()[0] == toks[0] and
                       x["full_name"].split()[-1] == toks[-1] and x["commune"] == t["commune"])
        elif kind == "decision_number":
            dn = t["decision_number"]
            q = re.sub(r"[/\-]+", " ", dn)
            if rng.random() < 0.5:
                q = fold(q).upper()
            exp = keys(lambda x: x["decision_number"] and norm_decision(x["decision_number"]) == norm_decision(dn))
        elif kind == "typo":
            idx = [k for k, tok in enumerate(toks) if len(fold(tok)) >= 3]
            if not idx:
                continue
            k = rng.choice(idx)
            use_fold = rng.random() < 0.6
            base = [fold(x) for x in toks] if use_fold else list(toks)
            if use_fold:
                base[k] = one_edit(rng, base[k])
            else:  # edit an unmarked letter so the marks stay as typed
                tok = base[k]
                plain = [j for j, ch in enumerate(tok) if ch.isascii() and ch.isalpha() and j > 0]
                if not plain:
                    continue
                j = rng.choice(plain)
                c = rng.choice([x for x in "abcdeghiklmnopqrstuvxy" if x != tok[j]])
                base[k] = tok[:j] + c + tok[j + 1:]
            q = " ".join(base)
            if fold(q) in {fold(x["full_name"]) for x in truth}:
                continue  # the typo made another real name
            exp = keys(lambda x: fold(x["full_name"]) == fname)
        elif kind == "old_place":
            uid = t.get("place_unit")
            if not uid or not t["commune"]:
                continue  # no commune printed: nothing links the record to a place
            u = gaz.by_id[uid]
            linked = [gaz.by_id[x] for x in lineage(gaz, uid) if gaz.by_id[x]["level"] == "commune"]
            cands = [x for x in linked if x["name"] != u["name"] and x["name"] != t["district"]
                     and x["name"] != t["province"]]
            if not cands:
                continue
            other = rng.choice(sorted(cands, key=lambda x: x["id"]))
            q = f"{name} {other['name']}"
            group = {other["id"]} | lineage(gaz, other["id"])
            exp = keys(lambda x: x["full_name"] == name and x["commune"] and x.get("place_unit") in group)
        if q is None:
            continue
        q = nfc(q)
        if t["truth_key"] not in exp or (kind, q) in seen:
            continue
        seen.add((kind, q))
        out.append({"kind": kind, "query": q, "expected": exp, "about": t["truth_key"]})
    return out


if __name__ == "__main__":
    main()
