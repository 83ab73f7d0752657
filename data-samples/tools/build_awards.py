#!/usr/bin/python3
"""Builds schemas/awards.json (the award catalog) from the tables below.

Run from the repository root: /usr/bin/python3 data-samples/tools/build_awards.py
The catalog format is documented in core/award_catalog.h. Extra keys
("era", "kind", "note") are informative; the C++ loader ignores them.
"""
import json
import os
import unicodedata

RANK_WORD = {1: "Nhất", 2: "Nhì", 3: "Ba"}
RANK_ROMAN = {1: "I", 2: "II", 3: "III"}

CTN = "Chủ tịch nước"
TTG = "Thủ tướng Chính phủ"
UBT = "Chủ tịch UBND tỉnh"
MTGP = "Mặt trận Dân tộc Giải phóng miền Nam Việt Nam"

NO_REISSUE_MTGP = ("Khen thưởng của Mặt trận Dân tộc Giải phóng miền Nam Việt Nam chưa được "
                   "Nhà nước xác nhận chuyển đổi: không cấp đổi, cấp lại; chỉ có thể cấp giấy "
                   "chứng nhận đã được khen thưởng.")
NO_REISSUE_BGDVV = ("Bảng gia đình vẻ vang không có thủ tục cấp đổi, cấp lại; chỉ có thể cấp giấy "
                    "chứng nhận đã được khen thưởng.")
NO_REISSUE_DS = ("Danh hiệu Dũng sĩ không có thủ tục cấp đổi, cấp lại; chỉ có thể cấp giấy "
                 "chứng nhận đã được khen thưởng.")

awards = []


def add(code, name, family, *, rank=None, war=None, authority=CTN, reissuable=True,
        reason=None, aliases=(), era="current", kind="huan_chuong", note=None):
    e = {"code": code, "name": name, "family": family, "rank": rank, "war": war,
         "authority": authority, "reissuable": reissuable,
         "no_reissue_reason": reason if not reissuable else None,
         "aliases": list(dict.fromkeys(a for a in aliases if a != name)),
         "era": era, "kind": kind}
    if note:
        e["note"] = note
    awards.append(e)


def ranked(code_base, base, family, ranks=(1, 2, 3), short=None, extra_alias=None, **kw):
    """One entry per rank: "<base> hạng Nhất" ... with the usual variants."""
    for r in ranks:
        name = f"{base} hạng {RANK_WORD[r]}"
        al = [f"{base} hạng {RANK_ROMAN[r]}", f"{base} hạng {r}"]
        for s in (short or []):
            al += [f"{s} hạng {RANK_WORD[r]}", f"{s} hạng {RANK_ROMAN[r]}"]
        if extra_alias:
            al += extra_alias(r)
        add(f"{code_base}-{r}", name, family, rank=r, aliases=al, **kw)


# ---- Resistance era -------------------------------------------------------
ranked("HCKC-CP", "Huân chương Kháng chiến", "huan_chuong_khang_chien", short=["HCKC"],
       extra_alias=lambda r: [f"Huân chương Kháng chiến chống Pháp hạng {RANK_WORD[r]}",
                              f"HCKC chống Pháp hạng {RANK_WORD[r]}",
                              f"Huân chương kháng chiến hạng {RANK_WORD[r]}",
                              f"Huân chương Kháng chiến hạng {RANK_WORD[r].lower()}"],
       war="chong_phap", era="resistance")
ranked("HCKC-CM", "Huân chương Kháng chiến chống Mỹ, cứu nước", "huan_chuong_khang_chien",
       short=["HCKC chống Mỹ", "HCKCCM", "HCKC chống Mỹ, cứu nước"],
       extra_alias=lambda r: [f"Huân chương Kháng chiến chống Mỹ cứu nước hạng {RANK_WORD[r]}",
                              f"Huân chương Kháng chiến chống Mỹ hạng {RANK_WORD[r]}",
                              f"Huân chương kháng chiến chống Mỹ, cứu nước hạng {RANK_WORD[r]}",
                              f"Huân chương Kháng chiến chống Mỹ cứu nước hạng {RANK_ROMAN[r]}"],
       war="chong_my", era="resistance")
ranked("HUYCKC-CP", "Huy chương Kháng chiến", "huy_chuong_khang_chien", ranks=(1, 2),
       short=["Huy chương KC"],
       extra_alias=lambda r: [f"Huy chương Kháng chiến chống Pháp hạng {RANK_WORD[r]}",
                              f"Huy chương kháng chiến hạng {RANK_WORD[r]}"],
       war="chong_phap", era="resistance", kind="huy_chuong")
ranked("HUYCKC-CM", "Huy chương Kháng chiến chống Mỹ, cứu nước", "huy_chuong_khang_chien", ranks=(1, 2),
       short=["Huy chương KC chống Mỹ", "Huy chương KCCM"],
       extra_alias=lambda r: [f"Huy chương Kháng chiến chống Mỹ cứu nước hạng {RANK_WORD[r]}",
                              f"Huy chương Kháng chiến chống Mỹ hạng {RANK_WORD[r]}",
                              f"Huy chương kháng chiến chống Mỹ, cứu nước hạng {RANK_WORD[r]}"],
       war="chong_my", era="resistance", kind="huy_chuong")
ranked("HCCT", "Huân chương Chiến thắng", "huan_chuong_chien_thang", short=["HCCT"],
       war="chong_phap", era="resistance")
ranked("HUYCCT", "Huy chương Chiến thắng", "huy_chuong_chien_thang", ranks=(1, 2),
       short=["Huy chương CT"], war="chong_phap", era="resistance", kind="huy_chuong")
add("HCKC-GD", "Huân chương Kháng chiến cho gia đình", "huan_chuong_khang_chien_gia_dinh",
    aliases=["Huân chương Kháng chiến (tặng gia đình)", "HCKC cho gia đình",
             "Huân chương Kháng chiến tặng gia đình"],
    era="resistance",
    note="Awarded to households; the rank, when printed, is part of the decision text.")
add("BVDD", "Bảng vàng danh dự", "bang_vang_danh_du", authority=TTG,
    aliases=["Bảng vàng Danh dự", "Bảng Vàng danh dự"], war="chong_phap", era="resistance",
    kind="bang", note="Authority not confirmed by an official source.")
add("BGDVV", "Bảng gia đình vẻ vang", "bang_gia_dinh_ve_vang", authority=UBT,
    reissuable=False, reason=NO_REISSUE_BGDVV,
    aliases=["Bảng Gia đình vẻ vang", "Bảng gia đình Vẻ vang"], war="chong_my", era="resistance",
    kind="bang", note="Authority not confirmed by an official source.")
add("BK-TTG-KC", "Bằng khen của Thủ tướng Chính phủ về thành tích kháng chiến", "bang_khen_ttg_khang_chien",
    authority=TTG,
    aliases=["Bằng khen của Thủ tướng về thành tích kháng chiến",
             "Bằng khen Thủ tướng Chính phủ (kháng chiến)",
             "Bằng khen TTg về thành tích kháng chiến",
             "Bằng khen của Thủ tướng Chính phủ về thành tích trong kháng chiến"],
    era="resistance", kind="bang_khen")
add("BCCVN", "Bằng \"Có công với nước\"", "bang_co_cong_voi_nuoc", authority=TTG,
    aliases=["Bằng “Có công với nước”", "Bằng Có công với nước", "Bằng có công với nước"],
    era="resistance", kind="bang")
ranked("HCCSVV", "Huân chương Chiến sĩ vẻ vang", "huan_chuong_chien_si_ve_vang", short=["HCCSVV"],
       era="resistance")
ranked("HCQT", "Huân chương Quyết thắng", "huan_chuong_quyet_thang", short=["HCQT"],
       era="resistance")
ranked("HCGP", "Huân chương Giải phóng", "huan_chuong_giai_phong", short=["HCGP"],
       authority=MTGP, reissuable=False, reason=NO_REISSUE_MTGP, war="chong_my", era="resistance")
ranked("HUYCGP", "Huy chương Giải phóng", "huy_chuong_giai_phong", ranks=(1, 2),
       authority=MTGP, reissuable=False, reason=NO_REISSUE_MTGP, war="chong_my", era="resistance",
       kind="huy_chuong")
ranked("HCCSGP", "Huân chương Chiến sĩ Giải phóng", "huan_chuong_chien_si_giai_phong",
       short=["HCCSGP"], extra_alias=lambda r: [f"Huân chương Chiến sĩ giải phóng hạng {RANK_WORD[r]}"],
       authority=MTGP, reissuable=False, reason=NO_REISSUE_MTGP, war="chong_my", era="resistance")
for code, name, al in [
        ("DS-DM", "Dũng sĩ diệt Mỹ", ["Dũng sỹ diệt Mỹ", "Danh hiệu Dũng sĩ diệt Mỹ"]),
        ("DS-DXT", "Dũng sĩ diệt xe tăng", ["Dũng sỹ diệt xe tăng"]),
        ("DS-DMB", "Dũng sĩ diệt máy bay", ["Dũng sỹ diệt máy bay"]),
        ("DS-DT", "Dũng sĩ diệt tàu chiến", ["Dũng sỹ diệt tàu chiến"])]:
    add(code, name, "dung_si", authority="Quân Giải phóng miền Nam Việt Nam", reissuable=False,
        reason=NO_REISSUE_DS, aliases=al, war="chong_my", era="resistance", kind="danh_hieu")

# ---- Current forms (Law on Emulation and Commendation 2022) ---------------
add("HCSV", "Huân chương Sao vàng", "huan_chuong_sao_vang", aliases=["HC Sao vàng"])
add("HCHCM", "Huân chương Hồ Chí Minh", "huan_chuong_ho_chi_minh", aliases=["HC Hồ Chí Minh"])
ranked("HCDL", "Huân chương Độc lập", "huan_chuong_doc_lap", short=["HCĐL", "HC Độc lập"])
ranked("HCQC", "Huân chương Quân công", "huan_chuong_quan_cong", short=["HCQC", "HC Quân công"])
ranked("HCLD", "Huân chương Lao động", "huan_chuong_lao_dong", short=["HCLĐ", "HC Lao động"])
ranked("HCBVTQ", "Huân chương Bảo vệ Tổ quốc", "huan_chuong_bao_ve_to_quoc",
       short=["HCBVTQ", "HC Bảo vệ Tổ quốc"])
ranked("HCCC", "Huân chương Chiến công", "huan_chuong_chien_cong", short=["HCCC", "HC Chiến công"])
add("HCDDKDT", "Huân chương Đại đoàn kết dân tộc", "huan_chuong_dai_doan_ket_dan_toc",
    aliases=["HC Đại đoàn kết dân tộc", "Huân chương Đại Đoàn kết dân tộc"])
add("HCDC", "Huân chương Dũng cảm", "huan_chuong_dung_cam", aliases=["HC Dũng cảm"])
add("HCHN", "Huân chương Hữu nghị", "huan_chuong_huu_nghi", aliases=["HC Hữu nghị"])
add("HUYCQKQT", "Huy chương Quân kỳ quyết thắng", "huy_chuong_quan_ky_quyet_thang",
    aliases=["Huy chương Quân kỳ Quyết thắng"], kind="huy_chuong")
add("HUYCVANTQ", "Huy chương Vì an ninh Tổ quốc", "huy_chuong_vi_an_ninh_to_quoc",
    aliases=["Huy chương Vì An ninh Tổ quốc"], kind="huy_chuong")
ranked("HUYCCSVV", "Huy chương Chiến sĩ vẻ vang", "huy_chuong_chien_si_ve_vang",
       short=["Huy chương CSVV"], kind="huy_chuong")
add("HUYCHN", "Huy chương Hữu nghị", "huy_chuong_huu_nghi", kind="huy_chuong")
add("HUYCTNXP", "Huy chương Thanh niên xung phong vẻ vang", "huy_chuong_thanh_nien_xung_phong_ve_vang",
    aliases=["Huy chương TNXP vẻ vang", "Huy chương Thanh niên Xung phong vẻ vang"], kind="huy_chuong")
add("BK-TTG", "Bằng khen của Thủ tướng Chính phủ", "bang_khen_thu_tuong", authority=TTG,
    aliases=["Bằng khen Thủ tướng Chính phủ", "Bằng khen của Thủ tướng", "Bằng khen TTg",
             "Bằng khen TTCP"], kind="bang_khen")
add("BK-UBND", "Bằng khen của Chủ tịch UBND tỉnh", "bang_khen_chu_tich_ubnd_tinh", authority=UBT,
    aliases=["Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", "Bằng khen của Chủ tịch Uỷ ban nhân dân tỉnh",
             "Bằng khen của UBND tỉnh", "Bằng khen UBND tỉnh", "Bằng khen của Ủy ban nhân dân tỉnh"],
    kind="bang_khen")
add("CSTD-TQ", "Chiến sĩ thi đua toàn quốc", "chien_si_thi_dua", authority=TTG,
    aliases=["Danh hiệu Chiến sĩ thi đua toàn quốc", "CSTĐ toàn quốc"], kind="danh_hieu")
add("CSTD-T", "Chiến sĩ thi đua cấp tỉnh", "chien_si_thi_dua", authority=UBT,
    aliases=["Danh hiệu Chiến sĩ thi đua cấp tỉnh", "CSTĐ cấp tỉnh", "Chiến sĩ thi đua tỉnh"],
    kind="danh_hieu")
add("TTLDXS", "Tập thể lao động xuất sắc", "tap_the_lao_dong_xuat_sac", authority=UBT,
    aliases=["Danh hiệu Tập thể lao động xuất sắc", "TTLĐXS", "Tập thể Lao động xuất sắc"],
    kind="danh_hieu", note="Also conferred by ministers; the decision says which.")
add("CTD-CP", "Cờ thi đua của Chính phủ", "co_thi_dua", authority=TTG,
    aliases=["Cờ thi đua Chính phủ", "Cờ Thi đua của Chính phủ"], kind="co")
add("CTD-UBND", "Cờ thi đua của UBND tỉnh", "co_thi_dua", authority=UBT,
    aliases=["Cờ thi đua của Ủy ban nhân dân tỉnh", "Cờ thi đua của Uỷ ban nhân dân tỉnh",
             "Cờ thi đua UBND tỉnh"], kind="co")
add("GK", "Giấy khen", "giay_khen", authority="Thủ trưởng cơ quan, đơn vị", kind="giay_khen",
    note="Conferred by heads of agencies, district and commune chairmen; the decision says which.")


def nfc_all(x):
    if isinstance(x, str):
        return unicodedata.normalize("NFC", x)
    if isinstance(x, list):
        return [nfc_all(v) for v in x]
    if isinstance(x, dict):
        return {k: nfc_all(v) for k, v in x.items()}
    return x


def main():
    out = nfc_all({"version": 1, "awards": awards})
    codes = [a["code"] for a in out["awards"]]
    assert len(codes) == len(set(codes)), "duplicate code"
    seen = {}
    for a in out["awards"]:
        for n in [a["name"]] + a["aliases"]:
            assert n not in seen, f"name/alias {n!r} used by {seen[n]} and {a['code']}"
            seen[n] = a["code"]
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
    path = os.path.join(root, "schemas", "awards.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(out, f, ensure_ascii=False, indent=1)
        f.write("\n")
    print(f"wrote {path}: {len(codes)} awards")


if __name__ == "__main__":
    main()
