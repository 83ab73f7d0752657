#!/usr/bin/python3
"""Builds schemas/gazetteer.json: a dated gazetteer of Lạng Sơn.

Run from anywhere: /usr/bin/python3 data-samples/tools/build_gazetteer.py
Format: core/gazetteer.h. Extra keys the C++ loader ignores:
  "type"            the administrative word printed before the name
                    (tỉnh, khu tự trị, huyện, thị xã, thành phố, xã, phường, thị trấn)
  "parent_history"  earlier parents: [{"parent": id, "from": date|null, "to": date}];
                    "parent" itself is the parent at the end of the unit's life
  "verified"        false when a predecessor/successor link was inferred (from the
                    names or geography) and not checked against the legal text
  "note"            source or caveat
Level "region" is used once, for the Việt Bắc autonomous region (1956–1975),
which stood above provinces.
"""
import json
import os
import unicodedata

units = []
by_id = {}


def slug(name):
    s = unicodedata.normalize("NFD", name.replace("Đ", "D").replace("đ", "d"))
    s = "".join(c for c in s if unicodedata.category(c) != "Mn").lower()
    return "-".join(s.replace("(", " ").replace(")", " ").split())


def unit(uid, name, level, parent, vfrom, vto, typ, preds=(), succs=(), **extra):
    assert uid not in by_id, uid
    u = {"id": uid, "name": unicodedata.normalize("NFC", name), "level": level, "parent": parent,
         "valid_from": vfrom, "valid_to": vto, "predecessors": list(preds),
         "successors": list(succs), "type": typ}
    u.update(extra)
    units.append(u)
    by_id[uid] = u
    return u


def link(old, new, verified=True):
    if new not in by_id[old]["successors"]:
        by_id[old]["successors"].append(new)
    if old not in by_id[new]["predecessors"]:
        by_id[new]["predecessors"].append(old)
    if not verified:
        by_id[old]["verified"] = False
        by_id[new]["verified"] = False


END = "2025-06-30"      # district level abolished: last day
NEW = "2025-07-01"      # NQ 1672/NQ-UBTVQH15 of 2025-06-16
M19_END, M19 = "2019-12-31", "2020-01-01"   # NQ 818/NQ-UBTVQH14 of 2019-11-21
M81_END, M81 = "1981-06-09", "1981-06-10"   # QĐ 246-CP of 1981-06-10

# ---- Provinces and the region -----------------------------------------------
unit("r-viet-bac", "Việt Bắc", "region", None, "1956-08-10", "1975-12-26", "khu tự trị",
     note="Khu tự trị Việt Bắc; dissolved by the National Assembly resolution of 1975-12-27.")
unit("p-lang-son-1831", "Lạng Sơn", "province", None, "1831-01-01", "1975-12-26", "tỉnh",
     parent_history=[{"parent": "r-viet-bac", "from": "1956-08-10", "to": "1975-12-26"}],
     note="Lạng Sơn before the Cao Lạng merger; inside Việt Bắc 1956–1975.")
unit("p-cao-bang-1832", "Cao Bằng", "province", None, "1832-01-01", "1975-12-26", "tỉnh",
     parent_history=[{"parent": "r-viet-bac", "from": "1956-08-10", "to": "1975-12-26"}])
unit("p-cao-lang", "Cao Lạng", "province", None, "1975-12-27", "1978-12-28", "tỉnh",
     preds=["p-lang-son-1831", "p-cao-bang-1832"],
     note="Merger of Lạng Sơn and Cao Bằng; split again on 1978-12-29.")
unit("p-lang-son", "Lạng Sơn", "province", None, "1978-12-29", None, "tỉnh", preds=["p-cao-lang"])
unit("p-cao-bang", "Cao Bằng", "province", None, "1978-12-29", None, "tỉnh", preds=["p-cao-lang"])
unit("p-quang-ninh", "Quảng Ninh", "province", None, "1963-10-30", None, "tỉnh",
     note="Only here as the province Đình Lập belonged to before 1978-12-29.")
for a, b in [("p-lang-son-1831", "p-cao-lang"), ("p-cao-bang-1832", "p-cao-lang"),
             ("p-cao-lang", "p-lang-son"), ("p-cao-lang", "p-cao-bang")]:
    link(a, b)

LS_HISTORY = [{"parent": "p-lang-son-1831", "from": None, "to": "1975-12-26"},
              {"parent": "p-cao-lang", "from": "1975-12-27", "to": "1978-12-28"}]

# ---- Districts ----------------------------------------------------------------
DISTRICTS = [  # id suffix, name, type, valid_from
    ("tx-lang-son", "Lạng Sơn", "thị xã", None),
    ("tp-lang-son", "Lạng Sơn", "thành phố", "2002-10-17"),
    ("cao-loc", "Cao Lộc", "huyện", None),
    ("loc-binh", "Lộc Bình", "huyện", None),
    ("dinh-lap", "Đình Lập", "huyện", "1978-12-29"),
    ("chi-lang", "Chi Lăng", "huyện", None),
    ("huu-lung", "Hữu Lũng", "huyện", None),
    ("bac-son", "Bắc Sơn", "huyện", None),
    ("binh-gia", "Bình Gia", "huyện", None),
    ("van-quan", "Văn Quan", "huyện", None),
    ("van-lang", "Văn Lãng", "huyện", None),
    ("trang-dinh", "Tràng Định", "huyện", None),
]
for sid, name, typ, vfrom in DISTRICTS:
    vto = "2002-10-16" if sid == "tx-lang-son" else END
    hist = [] if sid == "dinh-lap" else [dict(h) for h in LS_HISTORY]
    unit("d-" + sid, name, "district", "p-lang-son", vfrom, vto, typ, parent_history=hist)
link("d-tx-lang-son", "d-tp-lang-son")
by_id["d-tp-lang-son"]["note"] = "Thị xã Lạng Sơn became a city by Nghị định 82/2002/NĐ-CP."
unit("d-dinh-lap-qn", "Đình Lập", "district", "p-quang-ninh", None, "1978-12-28", "huyện",
     note="Part of Hải Ninh, then Quảng Ninh (1963); moved to Lạng Sơn on 1978-12-29.")
link("d-dinh-lap-qn", "d-dinh-lap")

# ---- Communes in force until 2025-06-30 (type: names) --------------------------
# "T:" thị trấn, "P:" phường, default xã.
COMMUNES = {
    "tp-lang-son": "P:Hoàng Văn Thụ, P:Tam Thanh, P:Vĩnh Trại, P:Đông Kinh, P:Chi Lăng, "
                   "Hoàng Đồng, Quảng Lạc, Mai Pha",
    "cao-loc": "T:Cao Lộc, Thạch Đạn, Xuất Lễ, Cao Lâu, Hải Yến, Hòa Cư, Hợp Thành, "
               "Công Sơn, Gia Cát, Mẫu Sơn, Xuân Long, Tân Liên, Yên Trạch, Tân Thành, "
               "Phú Xá, Bình Trung, Thụy Hùng, Bảo Lâm, Hồng Phong",
    "loc-binh": "T:Lộc Bình, T:Na Dương, Mẫu Sơn, Yên Khoái, Tú Mịch, Hữu Khánh, Đồng Bục, "
                "Tam Gia, Tú Đoạn, Khuất Xá, Tĩnh Bắc, Thống Nhất, Sàn Viên, Đông Quan, "
                "Hữu Lân, Lợi Bác, Nam Quan, Xuân Dương, Ái Quốc",
    "dinh-lap": "T:Đình Lập, T:Nông trường Thái Bình, Bắc Xa, Bính Xá, Kiên Mộc, Đình Lập, "
                "Thái Bình, Cường Lợi, Châu Sơn, Lâm Ca, Đồng Thắng, Bắc Lãng",
    "chi-lang": "T:Đồng Mỏ, Vân An, Vân Thủy, Gia Lộc, Bắc Thủy, Chiến Thắng, Mai Sao, "
                "Bằng Hữu, Thượng Cường, Bằng Mạc, Nhân Lý, Lâm Sơn, Liên Sơn, Vạn Linh, "
                "Hòa Bình, Hữu Kiên, Quan Sơn, Y Tịch, Chi Lăng",
    "huu-lung": "T:Hữu Lũng, Hữu Liên, Yên Bình, Quyết Thắng, Hòa Bình, Yên Thịnh, Yên Sơn, "
                "Yên Vượng, Minh Tiến, Nhật Tiến, Thanh Sơn, Đồng Tân, Cai Kinh, Hòa Lạc, "
                "Vân Nham, Đồng Tiến, Tân Thành, Hòa Sơn, Minh Sơn, Hồ Sơn, Sơn Hà, "
                "Minh Hòa, Hòa Thắng",
    "bac-son": "T:Bắc Sơn, Long Đống, Vạn Thủy, Đồng Ý, Tân Tri, Hưng Vũ, Tân Lập, Vũ Sơn, "
               "Chiêu Vũ, Tân Hương, Chiến Thắng, Vũ Lăng, Trấn Yên, Vũ Lễ, Nhất Hòa, "
               "Tân Thành, Nhất Tiến",
    "binh-gia": "T:Bình Gia, Hưng Đạo, Vĩnh Yên, Hoa Thám, Quý Hòa, Hồng Phong, Yên Lỗ, "
                "Thiện Hòa, Quang Trung, Thiện Thuật, Minh Khai, Thiện Long, Hoàng Văn Thụ, "
                "Hòa Bình, Mông Ân, Tân Hòa, Hồng Thái, Bình La, Tân Văn",
    "van-quan": "T:Văn Quan, Trấn Ninh, Hòa Bình, Tú Xuyên, Khánh Khê, Lương Năng, Đồng Giáp, "
                "Bình Phúc, Tràng Các, Tân Đoàn, Tri Lễ, Tràng Phái, Yên Phúc, Hữu Lễ",
    "van-lang": "T:Na Sầm, Trùng Khánh, Bắc La, Thụy Hùng, Tân Tác, Hội Hoan, Hoàng Việt, "
                "Gia Miễn, Thành Hòa, Tân Thanh, Hồng Thái, Hoàng Văn Thụ, Nhạc Kỳ",
    "trang-dinh": "T:Thất Khê, Khánh Long, Đoàn Kết, Quốc Khánh, Vĩnh Tiến, Cao Minh, Chí Minh, "
                  "Tri Phương, Tân Tiến, Tân Yên, Đội Cấn, Tân Minh, Kim Đồng, Chi Lăng, "
                  "Trung Thành, Đại Đồng, Đào Viên, Đề Thám, Kháng Chiến, Hùng Sơn, "
                  "Quốc Việt, Hùng Việt",
}
DSHORT = {"tp-lang-son": "lsn", "cao-loc": "cl", "loc-binh": "lb", "dinh-lap": "dl",
          "chi-lang": "cli", "huu-lung": "hl", "bac-son": "bs", "binh-gia": "bg",
          "van-quan": "vq", "van-lang": "vl", "trang-dinh": "td"}
TYPES = {"T": "thị trấn", "P": "phường"}

all_names = {}
for d, lst in COMMUNES.items():
    for item in lst.split(","):
        item = item.strip()
        all_names.setdefault(item.split(":")[-1], []).append(d)


def cid(d, name):
    base = "c-" + slug(name)
    return base if len(all_names.get(name, [])) == 1 else base + "-" + DSHORT[d]


old_ids = {}   # (district, name) -> id
for d, lst in COMMUNES.items():
    for item in lst.split(","):
        item = item.strip()
        typ, name = (TYPES[item[0]], item[2:]) if item[1:2] == ":" else ("xã", item)
        uid = cid(d, name)
        if uid in by_id:
            uid += "-tt" if typ == "thị trấn" else "-xa"
        extra = {}
        if d == "tp-lang-son":
            extra["parent_history"] = [{"parent": "d-tx-lang-son", "from": None, "to": "2002-10-16"}]
        if d == "dinh-lap":
            extra["parent_history"] = [{"parent": "d-dinh-lap-qn", "from": None, "to": "1978-12-28"}]
        unit(uid, name, "commune", "d-" + d, None, END, typ, **extra)
        if typ == "thị trấn":
            old_ids[(d, name + " (thị trấn)")] = uid
        if (d, name) not in old_ids or typ != "thị trấn":
            old_ids[(d, name)] = uid

# ---- Documented earlier changes ------------------------------------------------
# QĐ 246-CP (1981-06-10): Đồng Đăng, Hồng Phong, Phú Xá, Bình Trung, Bảo Lâm, Thụy Hùng
# moved from Văn Lãng to Cao Lộc; Thanh Hòa + Lộc Yên -> Lộc Thanh; Hành Thanh +
# Phượng Long -> Thanh Long; Tân Yên + Mỹ Cao -> Tân Mỹ.
# NĐ 40/2000/NĐ-CP (2000-08-29): Lộc Thanh split into Thanh Lòa and Lộc Yên.
unit("c-dong-dang-vl", "Đồng Đăng", "commune", "d-van-lang", None, M81_END, "thị trấn",
     note="Moved to Cao Lộc by QĐ 246-CP of 1981-06-10.")
unit("c-dong-dang", "Đồng Đăng", "commune", "d-cao-loc", M81, END, "thị trấn")
link("c-dong-dang-vl", "c-dong-dang")
for nm in ["Hồng Phong", "Phú Xá"]:
    old = unit(cid("cao-loc", nm) + "-vl81", nm, "commune", "d-van-lang", None, M81_END, "xã",
               note="Moved to Cao Lộc by QĐ 246-CP of 1981-06-10.")
    new = old_ids[("cao-loc", nm)]
    by_id[new]["valid_from"] = M81
    link(old["id"], new)
unit("c-loc-yen-1981", "Lộc Yên", "commune", "d-cao-loc", None, M81_END, "xã")
unit("c-thanh-hoa-cl", "Thanh Hòa", "commune", "d-cao-loc", None, M81_END, "xã")
unit("c-loc-thanh", "Lộc Thanh", "commune", "d-cao-loc", M81, "2000-08-28", "xã",
     note="QĐ 246-CP (1981); split by NĐ 40/2000/NĐ-CP into Thanh Lòa and Lộc Yên.")
unit("c-loc-yen", "Lộc Yên", "commune", "d-cao-loc", "2000-08-29", END, "xã")
unit("c-thanh-loa", "Thanh Lòa", "commune", "d-cao-loc", "2000-08-29", END, "xã")
link("c-loc-yen-1981", "c-loc-thanh"); link("c-thanh-hoa-cl", "c-loc-thanh")
link("c-loc-thanh", "c-loc-yen"); link("c-loc-thanh", "c-thanh-loa")
old_ids[("cao-loc", "Lộc Yên")] = "c-loc-yen"; old_ids[("cao-loc", "Thanh Lòa")] = "c-thanh-loa"
old_ids[("cao-loc", "Đồng Đăng")] = "c-dong-dang"
unit("c-hanh-thanh", "Hành Thanh", "commune", "d-van-lang", None, M81_END, "xã")
unit("c-phuong-long", "Phượng Long", "commune", "d-van-lang", None, M81_END, "xã")
unit("c-thanh-long", "Thanh Long", "commune", "d-van-lang", M81, END, "xã")
unit("c-tan-yen-vl", "Tân Yên", "commune", "d-van-lang", None, M81_END, "xã")
unit("c-my-cao", "Mỹ Cao", "commune", "d-van-lang", None, M81_END, "xã")
unit("c-tan-my", "Tân Mỹ", "commune", "d-van-lang", M81, END, "xã")
for a, b in [("c-hanh-thanh", "c-thanh-long"), ("c-phuong-long", "c-thanh-long"),
             ("c-tan-yen-vl", "c-tan-my"), ("c-my-cao", "c-tan-my")]:
    link(a, b)
old_ids[("van-lang", "Thanh Long")] = "c-thanh-long"; old_ids[("van-lang", "Tân Mỹ")] = "c-tan-my"
# QĐ 145-HĐBT (1986-11-22): Hợp Thành moved from thị xã Lạng Sơn to Cao Lộc.
unit("c-hop-thanh-tx", "Hợp Thành", "commune", "d-tx-lang-son", None, "1986-11-21", "xã",
     note="Moved to Cao Lộc by QĐ 145-HĐBT of 1986-11-22.")
by_id["c-hop-thanh"]["valid_from"] = "1986-11-22"
link("c-hop-thanh-tx", "c-hop-thanh")
# QĐ 24-HĐBT (1983-03-28): thị trấn Chi Lăng from parts of xã Chi Lăng and Hòa Lạc (Hữu Lũng).
unit("c-chi-lang-tt", "Chi Lăng", "commune", "d-chi-lang", "1983-03-28", END, "thị trấn",
     note="QĐ 24-HĐBT of 1983-03-28, from parts of xã Chi Lăng and xã Hòa Lạc (Hữu Lũng).")
old_ids[("chi-lang", "Chi Lăng (thị trấn)")] = "c-chi-lang-tt"

# NQ 818/NQ-UBTVQH14 (2019-11-21, in force 2020-01-01).
def merge19(d, olds, new_name, new_typ="xã", verified=True, note=None, existing=False):
    """olds: names of communes that end 2019-12-31 (created here unless already listed)."""
    if existing:
        nid = old_ids[(d, new_name)]
    else:
        nid = cid(d, new_name)
        if nid in by_id:
            nid += "-2020"
        unit(nid, new_name, "commune", "d-" + d, M19, END, new_typ, **({"note": note} if note else {}))
        old_ids[(d, new_name)] = nid
    for o in olds:
        oid = "c-" + slug(o) + "-" + DSHORT[d] + "-2019"
        if oid not in by_id:
            unit(oid, o, "commune", "d-" + d, None, M19_END, "xã")
        link(oid, nid, verified)
    return nid


merge19("van-lang", ["An Hùng", "Tân Lang", "Trùng Quán", "Tân Việt"], "Bắc Hùng",
        note="NQ 818/NQ-UBTVQH14: all of An Hùng and parts of Tân Lang, Trùng Quán, Tân Việt.")
merge19("van-lang", ["Tân Việt", "Trùng Quán"], "Bắc Việt", verified=False,
        note="NQ 818/NQ-UBTVQH14; the exact parts absorbed were not checked.")
merge19("trang-dinh", ["Bắc Ái"], "Hùng Việt", existing=True, verified=False)
merge19("loc-binh", ["Bằng Khánh", "Xuân Lễ"], "Khánh Xuân", verified=False,
        note="Created by NQ 818/NQ-UBTVQH14; predecessors inferred from the name.")
merge19("loc-binh", ["Minh Phát", "Hiệp Hạ"], "Minh Hiệp", verified=False,
        note="Created by NQ 818/NQ-UBTVQH14; predecessors inferred from the name.")
merge19("huu-lung", ["Thiện Kỵ", "Tân Lập"], "Thiện Tân", verified=False,
        note="Created by NQ 818/NQ-UBTVQH14; predecessors inferred from the name.")
merge19("bac-son", ["Quỳnh Sơn", "Bắc Sơn"], "Bắc Quỳnh", verified=False,
        note="Created by NQ 818/NQ-UBTVQH14; predecessors inferred from the name.")
merge19("van-quan", ["Điềm He", "Xuân Mai", "Văn An"], "Điềm He", verified=False,
        note="Created by NQ 818/NQ-UBTVQH14 (which dissolved Xuân Mai); predecessors partly inferred.")
merge19("chi-lang", ["Quang Lang"], "Đồng Mỏ", existing=True, verified=False)
merge19("binh-gia", ["Tô Hiệu"], "Bình Gia", existing=True, verified=False)

# ---- 2025-07-01: communes directly under the province (NQ 1672/NQ-UBTVQH15) -----
# new name -> (type, [(district, old name)...], verified)
N = NEW2025 = {
    "Lộc Bình": ("xã", [("loc-binh", n) for n in ["Lộc Bình", "Khánh Xuân", "Đồng Bục", "Hữu Khánh"]], True),
    "Mẫu Sơn": ("xã", [("loc-binh", n) for n in ["Mẫu Sơn", "Yên Khoái", "Tú Mịch"]], True),
}
GUESS = {  # inferred from geography; "verified": false
    "Tam Thanh": ("phường", [("tp-lang-son", "Tam Thanh"), ("tp-lang-son", "Mai Pha"), ("tp-lang-son", "Quảng Lạc")]),
    "Lương Văn Tri": ("phường", [("tp-lang-son", "Chi Lăng"), ("tp-lang-son", "Vĩnh Trại")]),
    "Đông Kinh": ("phường", [("tp-lang-son", "Đông Kinh"), ("tp-lang-son", "Hoàng Đồng")]),
    "Kỳ Lừa": ("phường", [("tp-lang-son", "Hoàng Văn Thụ"), ("cao-loc", "Hợp Thành"), ("cao-loc", "Tân Liên"), ("cao-loc", "Gia Cát"), ("cao-loc", "Yên Trạch"), ("cao-loc", "Tân Thành"), ("cao-loc", "Xuân Long")]),
    "Cao Lộc": ("xã", [("cao-loc", "Cao Lộc"), ("cao-loc", "Lộc Yên"), ("cao-loc", "Thanh Lòa"), ("cao-loc", "Thạch Đạn")]),
    "Đồng Đăng": ("xã", [("cao-loc", "Đồng Đăng"), ("cao-loc", "Phú Xá"), ("cao-loc", "Hồng Phong"), ("cao-loc", "Bảo Lâm"), ("cao-loc", "Thụy Hùng"), ("cao-loc", "Bình Trung")]),
    "Ba Sơn": ("xã", [("cao-loc", "Cao Lâu"), ("cao-loc", "Xuất Lễ"), ("cao-loc", "Mẫu Sơn")]),
    "Công Sơn": ("xã", [("cao-loc", "Công Sơn"), ("cao-loc", "Hòa Cư"), ("cao-loc", "Hải Yến")]),
    "Na Dương": ("xã", [("loc-binh", "Na Dương"), ("loc-binh", "Đông Quan"), ("loc-binh", "Tú Đoạn")]),
    "Lợi Bác": ("xã", [("loc-binh", "Lợi Bác"), ("loc-binh", "Nam Quan"), ("loc-binh", "Sàn Viên")]),
    "Thống Nhất": ("xã", [("loc-binh", "Thống Nhất"), ("loc-binh", "Minh Hiệp"), ("loc-binh", "Hữu Lân")]),
    "Xuân Dương": ("xã", [("loc-binh", "Xuân Dương"), ("loc-binh", "Ái Quốc")]),
    "Khuất Xá": ("xã", [("loc-binh", "Khuất Xá"), ("loc-binh", "Tĩnh Bắc"), ("loc-binh", "Tam Gia")]),
    "Đình Lập": ("xã", [("dinh-lap", "Đình Lập (thị trấn)"), ("dinh-lap", "Đình Lập"), ("dinh-lap", "Bính Xá"), ("dinh-lap", "Bắc Xa")]),
    "Thái Bình": ("xã", [("dinh-lap", "Nông trường Thái Bình"), ("dinh-lap", "Thái Bình"), ("dinh-lap", "Lâm Ca")]),
    "Châu Sơn": ("xã", [("dinh-lap", "Châu Sơn"), ("dinh-lap", "Bắc Lãng"), ("dinh-lap", "Đồng Thắng")]),
    "Kiên Mộc": ("xã", [("dinh-lap", "Kiên Mộc"), ("dinh-lap", "Cường Lợi")]),
    "Chi Lăng": ("xã", [("chi-lang", "Chi Lăng (thị trấn)"), ("chi-lang", "Chi Lăng"), ("chi-lang", "Y Tịch"), ("chi-lang", "Mai Sao")]),
    "Đồng Mỏ": None,
    "Quan Sơn": ("xã", [("chi-lang", "Quan Sơn"), ("chi-lang", "Hữu Kiên")]),
    "Chiến Thắng": ("xã", [("chi-lang", "Chiến Thắng"), ("chi-lang", "Bắc Thủy"), ("chi-lang", "Vân Thủy"), ("chi-lang", "Vân An")]),
    "Nhân Lý": ("xã", [("chi-lang", "Nhân Lý"), ("chi-lang", "Đồng Mỏ"), ("chi-lang", "Bằng Hữu"), ("chi-lang", "Thượng Cường"), ("chi-lang", "Gia Lộc")]),
    "Bằng Mạc": ("xã", [("chi-lang", "Bằng Mạc"), ("chi-lang", "Lâm Sơn"), ("chi-lang", "Liên Sơn")]),
    "Vạn Linh": ("xã", [("chi-lang", "Vạn Linh"), ("chi-lang", "Hòa Bình")]),
    "Hữu Lũng": ("xã", [("huu-lung", "Hữu Lũng"), ("huu-lung", "Đồng Tân"), ("huu-lung", "Sơn Hà"), ("huu-lung", "Hồ Sơn")]),
    "Tuấn Sơn": ("xã", [("huu-lung", "Minh Sơn"), ("huu-lung", "Minh Hòa"), ("huu-lung", "Hòa Thắng")]),
    "Tân Thành": ("xã", [("huu-lung", "Tân Thành"), ("huu-lung", "Hòa Sơn"), ("huu-lung", "Đồng Tiến")]),
    "Vân Nham": ("xã", [("huu-lung", "Vân Nham"), ("huu-lung", "Thanh Sơn"), ("huu-lung", "Nhật Tiến")]),
    "Thiện Tân": ("xã", [("huu-lung", "Thiện Tân"), ("huu-lung", "Yên Vượng"), ("huu-lung", "Yên Sơn")]),
    "Yên Bình": ("xã", [("huu-lung", "Yên Bình"), ("huu-lung", "Quyết Thắng"), ("huu-lung", "Hòa Bình")]),
    "Hữu Liên": ("xã", [("huu-lung", "Hữu Liên"), ("huu-lung", "Yên Thịnh")]),
    "Cai Kinh": ("xã", [("huu-lung", "Cai Kinh"), ("huu-lung", "Hòa Lạc"), ("huu-lung", "Minh Tiến")]),
    "Bắc Sơn": ("xã", [("bac-son", "Bắc Sơn"), ("bac-son", "Bắc Quỳnh"), ("bac-son", "Long Đống"), ("bac-son", "Đồng Ý")]),
    "Hưng Vũ": ("xã", [("bac-son", "Hưng Vũ"), ("bac-son", "Vũ Sơn"), ("bac-son", "Chiêu Vũ")]),
    "Vũ Lăng": ("xã", [("bac-son", "Vũ Lăng"), ("bac-son", "Tân Hương"), ("bac-son", "Chiến Thắng")]),
    "Nhất Hòa": ("xã", [("bac-son", "Nhất Hòa"), ("bac-son", "Nhất Tiến"), ("bac-son", "Tân Thành")]),
    "Vũ Lễ": ("xã", [("bac-son", "Vũ Lễ"), ("bac-son", "Tân Lập"), ("bac-son", "Trấn Yên")]),
    "Tân Tri": ("xã", [("bac-son", "Tân Tri"), ("bac-son", "Vạn Thủy")]),
    "Bình Gia": ("xã", [("binh-gia", "Bình Gia"), ("binh-gia", "Hồng Thái"), ("binh-gia", "Bình La")]),
    "Tân Văn": ("xã", [("binh-gia", "Tân Văn"), ("binh-gia", "Minh Khai"), ("binh-gia", "Hoàng Văn Thụ")]),
    "Hồng Phong": ("xã", [("binh-gia", "Hồng Phong"), ("binh-gia", "Mông Ân"), ("binh-gia", "Hòa Bình")]),
    "Hoa Thám": ("xã", [("binh-gia", "Hoa Thám"), ("binh-gia", "Quang Trung")]),
    "Quý Hòa": ("xã", [("binh-gia", "Quý Hòa"), ("binh-gia", "Vĩnh Yên")]),
    "Thiện Hòa": ("xã", [("binh-gia", "Thiện Hòa"), ("binh-gia", "Yên Lỗ")]),
    "Thiện Thuật": ("xã", [("binh-gia", "Thiện Thuật"), ("binh-gia", "Tân Hòa")]),
    "Thiện Long": ("xã", [("binh-gia", "Thiện Long"), ("binh-gia", "Hưng Đạo")]),
    "Văn Quan": ("xã", [("van-quan", "Văn Quan"), ("van-quan", "Trấn Ninh"), ("van-quan", "Tú Xuyên")]),
    "Điềm He": ("xã", [("van-quan", "Điềm He"), ("van-quan", "Hòa Bình"), ("van-quan", "Lương Năng")]),
    "Yên Phúc": ("xã", [("van-quan", "Yên Phúc"), ("van-quan", "Bình Phúc"), ("van-quan", "Đồng Giáp")]),
    "Tri Lễ": ("xã", [("van-quan", "Tri Lễ"), ("van-quan", "Hữu Lễ")]),
    "Tân Đoàn": ("xã", [("van-quan", "Tân Đoàn"), ("van-quan", "Tràng Các"), ("van-quan", "Tràng Phái")]),
    "Khánh Khê": ("xã", [("van-quan", "Khánh Khê")]),
    "Na Sầm": ("xã", [("van-lang", "Na Sầm"), ("van-lang", "Bắc Việt"), ("van-lang", "Hoàng Việt")]),
    "Hoàng Văn Thụ": ("xã", [("van-lang", "Hoàng Văn Thụ"), ("van-lang", "Nhạc Kỳ"), ("van-lang", "Hồng Thái")]),
    "Thụy Hùng": ("xã", [("van-lang", "Thụy Hùng"), ("van-lang", "Trùng Khánh"), ("van-lang", "Bắc La")]),
    "Văn Lãng": ("xã", [("van-lang", "Tân Mỹ"), ("van-lang", "Tân Thanh"), ("van-lang", "Thành Hòa")]),
    "Hội Hoan": ("xã", [("van-lang", "Hội Hoan"), ("van-lang", "Gia Miễn"), ("van-lang", "Bắc Hùng"), ("van-lang", "Thanh Long"), ("van-lang", "Tân Tác")]),
    "Thất Khê": ("xã", [("trang-dinh", "Thất Khê"), ("trang-dinh", "Chi Lăng"), ("trang-dinh", "Đề Thám")]),
    "Đoàn Kết": ("xã", [("trang-dinh", "Đoàn Kết"), ("trang-dinh", "Khánh Long"), ("trang-dinh", "Cao Minh")]),
    "Tân Tiến": ("xã", [("trang-dinh", "Tân Tiến"), ("trang-dinh", "Tân Yên"), ("trang-dinh", "Đội Cấn")]),
    "Tràng Định": ("xã", [("trang-dinh", "Đại Đồng"), ("trang-dinh", "Kim Đồng"), ("trang-dinh", "Chí Minh")]),
    "Quốc Khánh": ("xã", [("trang-dinh", "Quốc Khánh"), ("trang-dinh", "Tri Phương"), ("trang-dinh", "Vĩnh Tiến")]),
    "Kháng Chiến": ("xã", [("trang-dinh", "Kháng Chiến"), ("trang-dinh", "Trung Thành"), ("trang-dinh", "Tân Minh")]),
    "Quốc Việt": ("xã", [("trang-dinh", "Quốc Việt"), ("trang-dinh", "Hùng Sơn"), ("trang-dinh", "Hùng Việt"), ("trang-dinh", "Đào Viên")]),
}


def old_id(d, name):
    if name.endswith(" (thị trấn)"):
        nm = name[:-len(" (thị trấn)")]
        if (d, name) in old_ids:
            return old_ids[(d, name)]
        for (dd, n), uid in old_ids.items():
            if dd == d and n == nm and by_id[uid]["type"] == "thị trấn":
                return uid
    uid = old_ids.get((d, name))
    cands = [u for (dd, n), u in old_ids.items() if dd == d and n == name]
    # Prefer the unit still in force on 2025-06-30; prefer the town when names repeat.
    live = [u for u in cands if by_id[u]["valid_to"] == END]
    if len(live) > 1:
        live.sort(key=lambda u: by_id[u]["type"] != "thị trấn")
    assert live, (d, name)
    return live[0] if uid is None or by_id[uid]["valid_to"] != END else uid


plan = dict(NEW2025)
for k, v in GUESS.items():
    if v is not None:
        plan[k] = (v[0], v[1], False)
for name, (typ, olds, verified) in plan.items():
    nid = "c25-" + slug(name)
    unit(nid, name, "commune", "p-lang-son", NEW, None, typ,
         note="NQ 1672/NQ-UBTVQH15 (2025-06-16), in force 2025-07-01." +
              ("" if verified else " Predecessor list inferred, not checked against the resolution."))
    for d, o in olds:
        link(old_id(d, o), nid, verified)

# Every commune alive on 2025-06-30 must have a 2025 successor.
for u in units:
    if u["level"] == "commune" and u["valid_to"] == END and not u["successors"]:
        raise SystemExit(f"no 2025 successor for {u['id']} {u['name']}")
assert sum(1 for u in units if u["id"].startswith("c25-")) == 65, "65 units expected"


def main():
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
    path = os.path.normpath(os.path.join(root, "schemas", "gazetteer.json"))
    with open(path, "w", encoding="utf-8") as f:
        json.dump({"version": 1, "units": units}, f, ensure_ascii=False, indent=1)
        f.write("\n")
    print(f"wrote {path}: {len(units)} units")


if __name__ == "__main__":
    main()
