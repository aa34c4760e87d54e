"""The rules of Chinese text, in one place: every module that prints, reads or checks
Chinese text (numbering, import, check, the line composer, the titles) takes them here.

- What counts as Chinese text (Han characters, their punctuation, the full-width forms).
- Chinese numerals both ways (一 … 十一 … 一百零一 …; 二〇一六 for a year).
- The number forms of the heading levels, as printed and as documents write them.
- The 发文字号 (GB/T 9704 §7.2.4).
- Half-width punctuation in Chinese text → full-width (GB/T 15834), and 避头尾.

Parsing numerals uses cn2an (a maintained library; imported only when a numeral is
read, as import does), printing them this module's own few lines, which a test checks
against cn2an.
"""

from __future__ import annotations

import re
from functools import cache

# Han characters (CJK unified ideographs and extension A).
HAN = "\u3400-\u4dbf\u4e00-\u9fff"
# Chinese text: Han, CJK symbols and punctuation (、。〔〕《》), the full-width forms
# (，：；（）), and the marks Chinese shares with Latin text (“”‘’—…·).
CHINESE = HAN + "\u3000-\u303f\uff01-\uff60\u00b7\u2014\u2018\u2019\u201c\u201d\u2026"


# Compiled at first use: re compiles a class of Han ranges code point by code point
# (4 ms each), and a process may never match one (the PDF server's never does).
@cache
def cjk_pattern() -> re.Pattern[str]:
    """One character of Chinese text (CHINESE)."""
    return re.compile(f"[{CHINESE}]")


@cache
def _ideograph() -> re.Pattern[str]:
    return re.compile(f"[{HAN}]")


@cache
def _cjk_space() -> re.Pattern[str]:
    """Spaces with Chinese on both sides: official text has none."""
    return re.compile(f"(?<=[{CHINESE}])[ \t\u00a0\u3000]+(?=[{CHINESE}])")


# A half-width mark's one full-width form in Chinese text (GB/T 15834).
FULL_WIDTH = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
# 避头尾 (GB/T 15834): may not begin a line, may not end one.
NO_LINE_START = set("。，、；：？！）》」』】〕〉”’…—%‰·,.;:?!)]}+＋")
NO_LINE_END = set("（《「『【〔〈“‘([{")

# 发文字号 (GB/T 9704 §7.2.4): 机关代字, the year in 六角括号 〔〕, the number without 第 or
# a leading zero, then 号: 教技厅〔2016〕1号.
DOC_NUMBER = re.compile(r"[^\s〔〕\[\]()（）第]+〔\d{4}〕[1-9]\d*号")
DOC_NUMBER_FORM = "机关代字〔年份〕序号号, e.g. 教技厅〔2016〕1号: 六角括号, no 第, no leading 0"

# 发文字号 as they were written before GB/T 9704-2012, and as web copies give them:
# the year in [ ] or （ ） (皖政[2001]85号), 號 for 号, the whole in brackets under the
# title ((国发[2001]5号)).
_YEAR_IN_BRACKETS = re.compile(r"[\[［【（(〔]\s*((?:19|20)[0-9]{2})\s*[\]］】）)〕]")


def read_doc_number(text: str) -> str | None:
    """A 发文字号 as a document writes it → as GB/T 9704 §7.2.4 does (皖政[2001]85號 →
    皖政〔2001〕85号; the rest of the text kept), or None if it is none."""
    text = text.strip()
    if len(text) > 2 and text[0] in "（(" and text[-1] in "）)":
        text = text[1:-1].strip()
    text = _YEAR_IN_BRACKETS.sub(r"〔\1〕", text.replace("號", "号"), count=1)
    return text if DOC_NUMBER.fullmatch(text) else None


# A line whose last field, after a tab or two spaces, is a 发文字号: a 信函's first line
# (份号 flush left, 发文字号 flush right).
_LAST_FIELD = re.compile(r"^(.*\S)(?:\t|\s{2,})(\S+)$")


def ends_with_doc_number(text: str) -> tuple[str, str] | None:
    """(what stands before the 发文字号, the 发文字号 as written), or None."""
    found = _LAST_FIELD.match(text.strip())
    return (found[1], found[2]) if found and read_doc_number(found[2]) else None


# 版记 (§7.4) as it prints: 抄送：A，B。 and 印发机关 … 2018年12月7日印发.
RECORD_CC = re.compile(r"^抄\s*送\s*[:：]\s*(\S.*?)\s*[。.]?$")
RECORD_PRINTED = re.compile(
    r"^(\S.*?)?\s*((?:19|20)[0-9]{2})\s*年\s*([0-9]{1,2})\s*月\s*([0-9]{1,2})\s*日\s*印\s*发$"
)


def is_record_line(text: str) -> bool:
    """A line of a 版记: its 抄送 or its 印发机关 and 印发日期."""
    text = text.strip()
    return bool(RECORD_CC.match(text) or RECORD_PRINTED.match(text))


# The traditional forms of the characters of the 文种 and of a title's joints (關於…的
# 報告, 批覆, 答復): read as their simplified forms to know a title's kind; the title
# itself is kept as written.
_SIMPLIFIED = str.maketrans(
    "見決報請覆復議紀辦規總結點況劃計進關於", "见决报请复复议纪办规总结点况划计进关于"
)


def simplified(text: str) -> str:
    """The text with the traditional forms of the 文种's characters simplified (for
    reading a title's kind, not for printing)."""
    return text.translate(_SIMPLIFIED)


# Chinese numerals as headings and points write them.
NUMERAL = "[一二三四五六七八九十百千零〇两]+"
_DIGITS = "零一二三四五六七八九"
_UNITS = ((1000, "千"), (100, "百"), (10, "十"))

# The number forms of heading levels: (form as docgen prints it, its rank, and how
# documents write it: half-width brackets, 1、 or 1．, with or without a space). The rank
# of GB/T 9704's four forms is their level (1 to 4); the chapters, sections and articles
# of a 规定, 办法 or 规划 (第一章 第一节 第一条) rank above them (-3 to -1). "1." must not
# take the 2.1 of "2.1亿", but does take "3.2017年…".
_OPEN, _CLOSE = "[（(]", "[）)]"
_ARABIC = r"[0-9０-９]{1,3}"
CHAPTER, SECTION, ARTICLE = -3, -2, -1
LEVEL_FORMS: tuple[tuple[str, int, re.Pattern[str]], ...] = (
    ("第一章", CHAPTER, re.compile(rf"^第\s*({NUMERAL})\s*章(?!节)\s*")),
    ("第一节", SECTION, re.compile(rf"^第\s*({NUMERAL})\s*节\s*")),
    ("第一条", ARTICLE, re.compile(rf"^第\s*({NUMERAL})\s*条\s*")),
    ("一、", 1, re.compile(rf"^({NUMERAL})\s*[、.．]\s*")),
    ("（一）", 2, re.compile(rf"^{_OPEN}\s*({NUMERAL})\s*{_CLOSE}\s*")),
    ("1、", 3, re.compile(rf"^({_ARABIC})\s*、\s*")),
    ("1.", 3, re.compile(rf"^({_ARABIC})\s*(?:．|\.(?![0-9])|\.(?=(?:19|20)[0-9]{{2}}年))\s*")),
    ("（1）", 4, re.compile(rf"^{_OPEN}\s*({_ARABIC})\s*{_CLOSE}\s*")),
)
POINT = re.compile(rf"^({NUMERAL})是")


def is_cjk(char: str) -> bool:
    """Whether a character is of Chinese text ('' is not)."""
    return bool(char) and cjk_pattern().match(char) is not None


def is_han(char: str) -> bool:
    return bool(char) and _ideograph().match(char) is not None


def chinese_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 11 → 十一, 20 → 二十, 101 → 一百零一, 110 → 一百一十; from 10000 on,
    cn2an's (一万 …)."""
    if n < 1:
        raise ValueError(f"cannot number {n}: numbers start at 1")
    if n >= 10000:
        import cn2an

        return cn2an.an2cn(n)
    out: list[str] = []
    rest = n
    zero = False
    for value, unit in _UNITS:
        digit, rest = divmod(rest, value)
        if digit:
            if zero:
                out.append("零")
            out.append(_DIGITS[digit] + unit)
            zero = False
        elif out:
            zero = True
    if rest:
        if zero:
            out.append("零")
        out.append(_DIGITS[rest])
    text = "".join(out)
    # 十一 not 一十一, but only when 十 leads (一百一十 keeps its 一).
    return text[1:] if text.startswith("一十") else text


def chinese_date(year: int, month: int, day: int) -> str:
    """二〇〇四年八月十二日: a date as documents before GB/T 9704-2012 printed it."""
    digits = "".join("〇一二三四五六七八九"[int(d)] for d in str(year))
    return f"{digits}年{chinese_numeral(month)}月{chinese_numeral(day)}日"


_DIGIT_BY_DIGIT = str.maketrans("〇○零一二三四五六七八九", "000123456789")


@cache
def parse_numeral(text: str) -> int | None:
    """一百零一 → 101, 十一 → 11, 二〇一六 → 2016 (digit by digit); None if not a numeral."""
    if re.fullmatch("[〇○零一二三四五六七八九]{2,}", text):
        return int(text.translate(_DIGIT_BY_DIGIT))
    import cn2an

    try:
        return int(cn2an.cn2an(text, "strict"))
    except (ValueError, KeyError, TypeError):
        return None


def arabic(text: str) -> int:
    """A number written in Arabic digits, full-width ones too."""
    return int(text.translate(str.maketrans("０１２３４５６７８９", "0123456789")))


def level_number(text: str) -> tuple[str, int, int, str] | None:
    """(form, rank, number, the text after it) of a heading's number at the start of a
    text, as documents write it; None if it starts with none."""
    for form, level, pattern in LEVEL_FORMS:
        found = pattern.match(text)
        if found:
            token = found.group(1)
            number = parse_numeral(token) if level <= 2 else arabic(token)
            if number:
                return form, level, number, text[found.end() :]
    return None


def full_width(text: str) -> str:
    """The paragraph with its punctuation in the forms official Chinese text uses."""
    chars = list(text)
    _brackets(chars)
    for i, c in enumerate(chars):
        before = chars[i - 1] if i else ""
        after = chars[i + 1] if i + 1 < len(chars) else ""
        if c in ",;:?!()" and (is_cjk(before) or is_cjk(after)):
            chars[i] = FULL_WIDTH[c]
        elif c == "." and _ideograph().match(before or " ") and (not after or is_cjk(after)):
            chars[i] = "。"  # a sentence's end, not a decimal point or 1. marker
    text = "".join(chars)
    text = _quotes(text)
    return _cjk_space().sub("", text)


def _brackets(chars: list[str]) -> None:
    """A half-width pair ( ) becomes （ ） when it encloses or adjoins Chinese text."""
    opened: list[int] = []
    for i, c in enumerate(chars):
        if c == "(":
            opened.append(i)
        elif c == ")" and opened:
            start = opened.pop()
            inner = chars[start + 1 : i]
            before = chars[start - 1] if start else ""
            after = chars[i + 1] if i + 1 < len(chars) else ""
            if any(is_cjk(x) for x in inner) or is_cjk(before) or is_cjk(after):
                chars[start], chars[i] = "（", "）"


def _quotes(text: str) -> str:
    """Straight double quotes around Chinese text → “ ”, when they pair up."""
    if '"' not in text or text.count('"') % 2 or not cjk_pattern().search(text):
        return text
    parts = text.split('"')
    out = [parts[0]]
    for k, part in enumerate(parts[1:]):
        out.append("“" if k % 2 == 0 else "”")
        out.append(part)
    return "".join(out)


def inner_brackets(text: str) -> str:
    """A text that goes inside brackets: GB/T 15834 sets brackets within brackets square,
    （…［…］…）."""
    return text.translate(str.maketrans("（）", "［］"))


# Chinese words and how common each is, from jieba's dictionary (MIT licence; words of
# one to five Han characters seen at least twice, docgen/data/README.md): ln(count) × 4.
_WORDS = "data/words.txt.gz"
_TOTAL = 17.9  # ln of the dictionary's total count
_MAX_WORD = 5


@cache
def _dictionary() -> dict[str, str]:
    """Each word's ln(count) × 4, as text: loaded once, and only when a title needs a
    place to break that its joints do not give."""
    import gzip
    from importlib import resources

    items = gzip.decompress(resources.files("docgen").joinpath(_WORDS).read_bytes()).decode()
    words = items.split()
    return dict(zip(words[::2], words[1::2], strict=True))


def _weight(count: str | None) -> float:
    """ln(p) of a word by its stored count; an unknown character as rare as can be."""
    return int(count) / 4 - _TOTAL if count else -_TOTAL


def words(text: str) -> list[str]:
    """A text cut into its most likely words (jieba's method: the path through every
    dictionary word of the text with the highest product of frequencies)."""
    known = _dictionary()
    n = len(text)
    best: list[tuple[float, int]] = [(0.0, n)] * (n + 1)
    for i in range(n - 1, -1, -1):
        options = [
            (_weight(known[text[i:j]]) + best[j][0], j)
            for j in range(i + 2, min(i + _MAX_WORD, n) + 1)
            if text[i:j] in known
        ]
        best[i] = max([(_weight(known.get(text[i])) + best[i + 1][0], i + 1), *options])
    out, i = [], 0
    while i < n:
        out.append(text[i : best[i][1]])
        i = best[i][1]
    return out


# A place's last character, which the dictionary leaves a word of its own (长乐 区,
# 福州 市): it belongs to the name before it.
_PLACE_SUFFIX = "省市县区镇乡村州旗盟"


def inside_words(text: str) -> set[int]:
    """Positions (between text[i-1] and text[i]) inside a word of the text, a place's
    name with its 区 or 县 one word."""
    inside, at, before = set(), 0, ""
    for word in words(text):
        inside.update(range(at + 1, at + len(word)))
        if word in _PLACE_SUFFIX and len(before) > 1:
            inside.add(at)
        at, before = at + len(word), word
    return inside
