#!/usr/bin/env python3
"""Regenerates corpus.tsv, the normalize test corpus (see README.md for the sources).

Every expected value comes from outside tdkt: glibc iconv (TCVN5712-1, CP1258, CP1252),
Python's unicodedata (NFD), the VNI-Windows code list and RFC 1456 (VIQR) applied to the
phrases below, which are written in NFC with the classic tone placement. Run from anywhere:
    python3 tests/data/normalize/make_corpus.py
"""
import os
import subprocess
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))

# Names, titles and phrases of award dossiers, NFC, classic tone placement ("hòa", "thủy").
PHRASES = [
    "Nguyễn Văn An", "Trần Thị Bình", "Lê Hoàng Cường", "Phạm Đức Toàn", "Nguyễn Thị Đào",
    "Đặng Thu Thủy", "Vũ Thị Ngọc Ánh", "Ngô Thị Thúy Nga", "Hoàng Minh Đức", "Bùi Quang Huy",
    "Đỗ Thị Kim Oanh", "Lê Thị Hồng Nhung", "Phan Thị Minh Trang", "Nguyễn Đình Khang",
    "Trương Văn Quý", "Huỳnh Thị Tuyết", "Dương Quốc Khánh", "Lý Thị Hòa", "Hồ Sỹ Tiến",
    "Nguyễn Thị Thanh Xuân", "Trường Trung học cơ sở Nguyễn Trãi", "Ủy ban nhân dân phường Cầu Giấy",
    "Sở Y tế Hà Nội", "Giáo viên Tổ Toán", "Điều dưỡng Khoa Cấp cứu", "Hoàn thành xuất sắc nhiệm vụ",
    "Chiến sĩ thi đua cơ sở", "Lao động tiên tiến", "Tập thể lao động xuất sắc",
    "Bằng khen của Chủ tịch Ủy ban nhân dân", "Giấy khen của Giám đốc Sở", "Luật Thủy lợi",
    "Cộng hòa xã hội chủ nghĩa Việt Nam", "Độc lập tự do hạnh phúc", "bảo vệ sức khỏe nhân dân",
    "giữ gìn vệ sinh môi trường", "khuyến khích phong trào thi đua", "tổ dân phố văn hóa",
    "người tốt việc tốt", "đơn vị ươm tơ",
]

# The tone-placement rows: input, expected (classic), expected (new).
TONES = [
    ("hoà", "hòa", "hoà"), ("hòa", "hòa", "hoà"), ("khoẻ", "khỏe", "khoẻ"), ("khỏe", "khỏe", "khoẻ"),
    ("thuỷ", "thủy", "thuỷ"), ("thủy", "thủy", "thuỷ"), ("Uỷ ban", "Ủy ban", "Uỷ ban"),
    ("UỶ BAN", "ỦY BAN", "UỶ BAN"), ("Ủy ban", "Ủy ban", "Uỷ ban"), ("Luật Thuỷ lợi", "Luật Thủy lợi", "Luật Thuỷ lợi"),
    ("hoạ sĩ", "họa sĩ", "hoạ sĩ"), ("xoè", "xòe", "xoè"), ("Thuý", "Thúy", "Thuý"), ("luỹ", "lũy", "luỹ"),
    ("CỘNG HOÀ", "CỘNG HÒA", "CỘNG HOÀ"), ("toà án", "tòa án", "toà án"), ("loè loẹt", "lòe loẹt", "loè loẹt"),
    ("tuỳ", "tùy", "tuỳ"), ("suý", "súy", "suý"), ("hoả", "hỏa", "hoả"), ("thoả", "thỏa", "thoả"),
    # Never moved: "qu" and "gi" are initials, closed syllables, three-vowel clusters, other pairs.
    ("quý", "quý", "quý"), ("quả", "quả", "quả"), ("quỳnh", "quỳnh", "quỳnh"), ("gìn", "gìn", "gìn"),
    ("giữ", "giữ", "giữ"), ("hoàng", "hoàng", "hoàng"), ("toàn", "toàn", "toàn"), ("ngoài", "ngoài", "ngoài"),
    ("khuỷu", "khuỷu", "khuỷu"), ("thuở", "thuở", "thuở"), ("khuya", "khuya", "khuya"), ("uyên", "uyên", "uyên"),
    ("Nguyễn", "Nguyễn", "Nguyễn"), ("Huệ", "Huệ", "Huệ"), ("hoạch", "hoạch", "hoạch"), ("khoán", "khoán", "khoán"),
    ("huỳnh", "huỳnh", "huỳnh"), ("tuyết", "tuyết", "tuyết"), ("khuyên", "khuyên", "khuyên"),
    ("hoa", "hoa", "hoa"), ("thuy", "thuy", "thuy"), ("Hoa Thuy", "Hoa Thuy", "Hoa Thuy"),
]

# Text that must come back unchanged (issue #3: plain Vietnamese that fits in Latin-1, foreign text).
UNCHANGED = [
    "Tô Hoài", "Hoàng Hà", "Lê Tâm", "Café", "Müller", "naïve", "São Paulo", "Mr. O'Neil",
    "nguyen.van.an@hanoi.gov.vn", "https://thiduakhenthuong.hanoi.gov.vn/tin-tuc?id=12",
    "ISO 9001:2015", "5 µg/ml", "Diện tích 25 m², ½ suất", "“Sao Đỏ” ‘x’", "Nguyen Van An",
    "15/TTr-THCSNT", "Ai?", "Meeting at 10 a.m.", "Hello. World", "Gómez José", "Straße", "Noël",
    "Zoë", "Señor", "Ærø", "Œuvre", "µm", "Hà Nội", "Thủ tướng", "ngày 05/6/2026",
]


# Encoded forms that are no strong evidence, so normalize() must keep them as typed: the VNI
# "Thò" (Thị) is itself a valid Vietnamese word in Unicode, and a lone "Thi." reads as an
# abbreviation, not as VIQR.
KEPT = {
    ("VNI-Windows code list", "Phan Thị Minh Trang"),
    ("RFC 1456 VIQR", "Phan Thị Minh Trang"),
}


def iconv(data, src, dst):
    return subprocess.run(["iconv", "-f", src, "-t", dst], input=data, check=True,
                          capture_output=True).stdout


def nfc(s):
    return unicodedata.normalize("NFC", s)


def marks(ch):
    """(base, quality mark, tone mark) of an NFC Vietnamese letter, from unicodedata."""
    d = unicodedata.normalize("NFD", ch)
    base, quality, tone = d[0], "", ""
    for m in d[1:]:
        if m in "\u0302\u0306\u031b":
            quality = m
        else:
            tone = m
    return base, quality, tone


# VNI-Windows: base vowel + a byte for the tone / circumflex / breve (lower case shown; the upper
# case byte is 0x20 lower). Per the VNI code list (xvnkb's vni.h, Unikey's VNI charset).
VNI_TONE = {"\u0301": "ù", "\u0300": "ø", "\u0309": "û", "\u0303": "õ", "\u0323": "ï"}
VNI_CIRC = {"": "â", "\u0301": "á", "\u0300": "à", "\u0309": "å", "\u0303": "ã", "\u0323": "ä"}
VNI_BREVE = {"": "ê", "\u0301": "é", "\u0300": "è", "\u0309": "ú", "\u0303": "ü", "\u0323": "ë"}
VNI_LETTER = {"ơ": "ô", "ư": "ö", "đ": "ñ", "í": "í", "ì": "ì", "ỉ": "æ", "ĩ": "ó", "ị": "ò", "ỵ": "î"}


def vni(text):
    out = []
    for ch in text:
        lower = ch.lower()
        upper = ch != lower
        def case(s):
            return s.upper() if upper else s
        if ch.isascii():
            out.append(ch)
            continue
        if lower in VNI_LETTER:
            out.append(case(VNI_LETTER[lower]))
            continue
        base, quality, tone = marks(lower)
        if base in "ou" and quality == "\u031b":  # ơ, ư + tone
            out.append(case(VNI_LETTER[nfc(base + quality)]) + case(VNI_TONE[tone]) if tone else "")
            continue
        if base == "i" and tone:
            out.append(case(VNI_LETTER[lower]))
            continue
        if base == "y" and tone == "\u0323":
            out.append(case("î"))
            continue
        seq = base
        if quality == "\u0302":
            seq += VNI_CIRC[tone]
        elif quality == "\u0306":
            seq += VNI_BREVE[tone]
        elif tone:
            seq += VNI_TONE[tone]
        out.append(case(seq))
    return "".join(out)


# RFC 1456 (VIQR): ( breve, ^ circumflex, + horn; ' acute, ` grave, ? hook, ~ tilde, . dot below;
# DD/dd for Đ/đ.
VIQR = {"\u0306": "(", "\u0302": "^", "\u031b": "+", "\u0301": "'", "\u0300": "`", "\u0309": "?",
        "\u0303": "~", "\u0323": "."}


def viqr(text):
    out = []
    for ch in text:
        if ch in "đĐ":
            out.append("dd" if ch == "đ" else "DD")
            continue
        d = unicodedata.normalize("NFD", ch)
        out.append(d[0] + "".join(VIQR[m] for m in d[1:]))
    return "".join(out)


def escape(s):
    """Non-printing, invisible and non-ASCII-space characters as \\uXXXX; tabs would break the TSV."""
    out = []
    for ch in s:
        cat = unicodedata.category(ch)
        if ch == "\\":
            out.append("\\\\")
        elif cat in ("Cc", "Cf", "Zs", "Mn") and ch != " " or ch == "\t":
            out.append("\\u%04X" % ord(ch))
        else:
            out.append(ch)
    return "".join(out)


def main():
    rows = []

    def add(source, style, given, expected):
        if (source, expected) in KEPT:
            source, expected = source + " (no evidence: kept)", given
        rows.append((source, style, escape(given), escape(expected)))

    for p in PHRASES:
        # TCVN3 (ABC): VN1 bytes from glibc; the C0 capitals (Ú Ụ Ừ ... Ỵ at 0x01-0x17) are VN1
        # only, not TCVN3, so phrases needing them are left out of this group.
        raw = iconv(p.encode(), "UTF-8", "TCVN5712-1")
        if not any(b < 0x20 for b in raw) and raw != p.encode("latin-1", "ignore"):
            add("iconv TCVN5712-1 → Latin-1", "classic", raw.decode("latin-1"), p)
        # Windows-1258 written by iconv (base letters + combining tones), read back as cp1252
        # by glibc's CP1252 (bytes cp1252 leaves undefined keep their Latin-1 reading).
        raw = iconv(p.encode(), "UTF-8", "CP1258")
        misread = "".join(iconv(bytes([b]), "CP1252", "UTF-8").decode() if b < 0x80 or b not in
                          (0x81, 0x8D, 0x8F, 0x90, 0x9D) else chr(b) for b in raw)
        if misread != p:
            add("iconv CP1258 → CP1252", "classic", misread, p)
        # The same bytes read correctly as Windows-1258 by iconv: combining tones, NFC expected.
        add("iconv CP1258 → UTF-8", "classic", iconv(raw, "CP1258", "UTF-8").decode(), p)
        add("VNI-Windows code list", "classic", vni(p), p)
        add("RFC 1456 VIQR", "classic", viqr(p), p)
        add("Python unicodedata NFD", "classic", unicodedata.normalize("NFD", p), p)
    add("duydev/vietnamese-conversion README (VNI)", "classic", "Xin chaøo caùc baïn",
        "Xin chào các bạn")
    for given, classic, new in TONES:
        add("issue #3 tone rules", "classic", given, classic)
        add("issue #3 tone rules", "new", given, new)
    for s in UNCHANGED:
        add("issue #3 unchanged", "classic", s, s)
    with open(os.path.join(HERE, "corpus.tsv"), "w", encoding="utf-8") as f:
        f.write("# source\tstyle\tinput\texpected — generated by make_corpus.py; see README.md\n")
        for row in rows:
            f.write("\t".join(row) + "\n")
    print(len(rows), "cases")


if __name__ == "__main__":
    main()
