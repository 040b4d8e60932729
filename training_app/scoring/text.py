"""Text utilities: normalisation for matching (with offsets back to the original), sentence and clause
splitting, language detection, numbers read aloud (for Mandarin pacing) and spoken-unit counting.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from training_app.scoring.prefilter import clear_grams_memo

CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
LATIN_WORD = re.compile(r"[A-Za-z]+(?:['’-][A-Za-z]+)*")
DIGITS = "零一二三四五六七八九"
SENTENCE_END = re.compile(r"[。！？!?；;…\n]+|(?<![0-9A-Za-z][.])(?<=[A-Za-z)\"'”%])\.(?=\s|$)")
CLAUSE_SEP = re.compile(r"[，,、：:（）()—–]|\s-\s|\s{2,}")

# Evasion variants (§6 of the compliance reference): homophones, spelled-out ranks, pinyin. Applied after NFKC and
# lowercasing. Each entry maps a regex to its canonical form; offsets stay traceable to the original text.
_EVASIONS: tuple[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]], ...] = (
    (re.compile(r"[醉蕞](?=[好佳优强低便甜香棒大高])"), "最"),
    (re.compile(r"(?<![a-z])zui\s?(?=hao|jia|di|you|[好佳低便甜香强大高优])"), "最"),
    (re.compile(r"(?<=最)hao(?![a-z])"), "好"),
    (re.compile(r"(?<![a-z])di\s?(?=[1一])"), "第"),
    # Whisper writes ordinals with digits (第2家, 第3名): the rules are written with Chinese numerals
    (re.compile(r"(?<=第)[1-9](?![0-9]|\.[0-9])"), lambda m: DIGITS[int(m.group(0))]),
    (re.compile(r"(?:(?<![a-z])no\s?[.。]?\s?|#\s?|(?<![a-z])top\s?|(?<![a-z])number\s)1(?![0-9.])|\b1st\b"), "no.1"),
    (re.compile(r"\btop[\s-]one\b"), "no.1"),
    (re.compile(r"百分之一百|百分之百|百分百|100\s?%|100\s?percent|(?:one\s)?hundred percent"), "100%"),
    # "十五一斤", "一百二一箱" = a price per unit: the measure's 一 is not part of the number
    (re.compile(r"(?<=[\d零一二三四五六七八九十两百千万块元毛])一(?=[箱斤盒瓶罐袋]|公斤)"), "每"),
    (re.compile(r"(?<=\d)\s?(?:percent|per cent)\b"), "%"),
    # Speech recognition writes English compounds open or hyphenated at random ("pollution free", "non GMO",
    # "well known"); the rules spell them hyphenated. Same length, so offsets stay one-to-one.
    (
        re.compile(
            r"\b(?:non|anti) (?=[a-z])"
            r"|\b(?:pollution|pesticides?|chemicals?|additives?|preservatives?|residues?|toxins?|hormones?|antibiotics?"
            r"|gmo|risk|pain|inspection|drug|sulfur|sulphur) (?=free\b)|\b(?:chemical|pesticide) (?=heavy\b)"
            r"|\bwell (?=known\b)"
        ),
        lambda m: m.group(0)[:-1] + "-",
    ),
    # "county" is rare in Whisper's English, "country" frequent: a county official comes out as "country head"
    (
        re.compile(
            r"\bcountry(?=(?:'s)? (?:head|magistrate|mayor|party secretary|party chief|chief|government|officials?"
            r"|cadres?|commerce bureau|agriculture bureau|bureau)\b)"
        ),
        "county",
    ),
)
# Pinyin, homophone and chat spellings of claim words, only in a Chinese context (one pass; group name = canonical
# form): 降xue压, 抗ai, 减fei, tang尿病, 农yao, you机, 纯天燃, 0农残, v信/+薇, 10w+.
_SPELLINGS = re.compile(
    r"(?P<血>(?<=[降清补活高])xue|(?<![a-z])xue(?=[压糖脂管]))"
    r"|(?P<癌>(?<=[抗防致])ai(?![a-z])|(?<![a-z])ai(?=症|细胞))"
    r"|(?P<肥>(?<=减)fei(?![a-z]))"
    r"|(?P<糖>(?<=[降血])tang(?![a-z])|(?<![a-z])tang(?=尿))"
    r"|(?P<药>(?<=[农打喷])yao(?![a-z]))"
    r"|(?P<有>(?<![a-z])you(?=机))"
    r"|(?P<然>(?<=天)燃)"
    r"|(?P<零>(?<![\d.])0(?=农残|残留|添加|污染|农药|激素|化肥|风险))"
    r"|(?P<加微信>(?:\+|加)\s?(?:v|薇|威|wx)(?![a-z信]))"
    r"|(?P<微信>(?<![a-z])(?:v|薇|威)信)"
    r"|(?P<万>(?<=\d)w\+?(?![a-z]))"
)
_ZW = re.compile(r"[\u200b-\u200f\u2060\ufe0f]")


@dataclass(frozen=True)
class Normalized:
    """Normalised text plus, for each character, the index of the original character it came from."""

    text: str
    origin: tuple[int, ...]
    source_len: int

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the normalised text back to the original."""
        if start >= len(self.origin):
            return self.source_len, self.source_len
        last = self.origin[max(start, end - 1)] + 1 if end > start else self.origin[start]
        return self.origin[start], min(last, self.source_len)


@lru_cache(maxsize=8192)
def _is_noise(ch: str) -> bool:
    cat = unicodedata.category(ch)
    return cat in ("So", "Sk", "Cf", "Cs", "Co") or bool(_ZW.match(ch))


# Characters NFKC leaves unchanged that are not noise: common CJK ideographs and ASCII except ^ and ` (symbols)
_PLAIN_RUN = re.compile(r"[\u4e00-\u9fff\x00-\x5d\x5f\x61-\x7f]+")
_SPACE_RUN = re.compile(r"\s+")  # \s is str.isspace() for str patterns
_CJK_PAIR = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]{2}")


def _base(text: str) -> tuple[list[str], list[int]]:
    """NFKC per character, lowercase, drop emoji/symbols, drop spaces between CJK characters."""
    chars: list[str] = []
    origin: list[int] = []
    pos = 0
    for m in _PLAIN_RUN.finditer(text):
        for i in range(pos, m.start()):
            ch = text[i]
            if _is_noise(ch):
                continue
            for out in unicodedata.normalize("NFKC", ch).lower():
                chars.append(out)
                origin.append(i)
        chars.extend(m.group().lower())  # one-to-one on ASCII and CJK ideographs
        origin.extend(range(m.start(), m.end()))
        pos = m.end()
    for i in range(pos, len(text)):
        ch = text[i]
        if _is_noise(ch):
            continue
        for out in unicodedata.normalize("NFKC", ch).lower():
            chars.append(out)
            origin.append(i)
    # A run of whitespace becomes one space between two non-CJK characters and disappears otherwise (at either end,
    # or next to a CJK character).
    joined = "".join(chars)
    keep_chars: list[str] = []
    keep_origin: list[int] = []
    pos = 0
    for m in _SPACE_RUN.finditer(joined):
        a, b = m.start(), m.end()
        keep_chars.extend(joined[pos:a])
        keep_origin.extend(origin[pos:a])
        pos = b
        if a > 0 and b < len(joined) and not CJK.match(joined[a - 1]) and not CJK.match(joined[b]):
            keep_chars.append(" ")
            keep_origin.append(origin[a])
        elif a > 1 and b + 1 < len(joined) and _CJK_PAIR.match(joined, a - 2) and _CJK_PAIR.match(joined, b):
            # Speech recognition marks a pause between two Chinese phrases with a space instead of a comma ("我跟你讲
            # 这个蜂蜜"): keep it as a clause break (、), so a negation or question stays in its own clause, while a
            # disowning tail still reaches back ("全国第一 我不敢说" — an unpunctuated pause may be a comma or a
            # sentence end). A single character on either side ("最 好", "全 网 最 低") is a spaced-out word: joined.
            keep_chars.append("、")
            keep_origin.append(origin[a])
    keep_chars.extend(joined[pos:])
    keep_origin.extend(origin[pos:])
    return keep_chars, keep_origin


_EN_UNITS = {w: i for i, w in enumerate("zero one two three four five six seven eight nine".split())}
_EN_TEENS = {
    w: 10 + i
    for i, w in enumerate("ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split())
}
_EN_TENS = {w: 20 + 10 * i for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split())}
_U = "(?:" + "|".join(_EN_UNITS) + ")"
_TEEN = "(?:" + "|".join(_EN_TEENS) + ")"
_TENS = "(?:" + "|".join(_EN_TENS) + ")"
_BELOW_100 = rf"(?:{_TENS}(?:[-\s]{_U})?|{_TEEN}|{_U})"
_BELOW_1000 = rf"(?:(?:{_U}|a)\s+hundred(?:\s+(?:and\s+)?{_BELOW_100}(?![-\w]))?|{_BELOW_100})"
# English numbers read aloud, rewritten as digits so that the price and data rules read "one sixty-eight", "a hundred
# and ninety-nine", "twelve thousand orders" and "ten K" like 168, 199, 12000 and 10000 (the English counterpart of
# the Mandarin digit-by-digit price 一九九 in parse_zh_number). Alternatives, tried in this order at each position:
# - a price read in two parts, one digit then a two-digit number: "one sixty-eight" = 168, "two ninety-nine" = 299
#   (not "one" as a pronoun: "this one ninety-nine" stays as it is);
# - thousands: "twelve thousand", "one hundred and twenty thousand", "ten k", "12 thousand", "10k", "2.5k", with an
#   optional rest ("one thousand two hundred" = 1200);
# - a cardinal below 1000 with at least a teen, a tens word or "hundred" ("ninety-nine", "a hundred", "five hundred");
#   single digit words (one … nine) stay words: rules use them ("buy one get one", "two boxes").
_EN_NUMBER = re.compile(
    r"(?P<price>(?<!\bat )(?<!\bby )(?<!\buntil )(?<!\btill )(?<!\baround )"
    rf"(?<!\bthis )(?<!\bthat )(?<!\bthe )(?<!\beach )(?<!\bevery )(?<!\bwhich )(?<!\bany )(?<!\bno )"
    rf"\b{_U}\s+{_TENS}(?:-{_U}|\s+{_U}(?!\s+(?:hundred|thousand)))?\b(?![-\s]+(?:hundred|thousand|k)\b))"
    rf"|(?P<thousand>\b(?:{_BELOW_1000}|\d{{1,3}}(?:\.\d+)?)\s*(?:thousand|k)\b(?!-)"
    rf"(?:\s+(?:and\s+)?(?P<rest>(?:{_U}|a)\s+hundred(?:\s+(?:and\s+)?{_BELOW_100})?|(?<=\sand\s){_BELOW_100}|{_TENS}(?:[-\s]{_U})?|{_TEEN})\b(?!-|\s+(?:thousand|k|million)\b))?)"
    rf"|(?P<plain>\b(?:(?:{_U}|a)\s+hundred(?:\s+(?:and\s+)?{_BELOW_100}\b(?!-))?|{_TENS}(?:[-\s]{_U})?|{_TEEN})\b(?!-))"
)


# decimals read aloud: "twenty-nine point nine" = 29.9, "two point five million" = 2.5 million (after the pass above)
_EN_DECIMAL = re.compile(
    rf"(?<!\bat )(?<!\bthe )(?<!\bone )\b(?P<whole>\d+|{_U})\s+point\s+(?P<frac>\d+\b|{_U}(?:\s+{_U})*\b)"
)


_COUNT_NOUNS = (
    r"days?|weeks?|months?|years?|times|hours?|minutes?|seconds?|boxes|bags|jars|pieces|people|orders|kilos?|jin|kg"
    r"|trees|eggs|cases|percent|%"
)
# A price read digit by digit, as Mandarin hosts read 一九九: "one nine nine" = 199, "only three nine" = 39. Three or
# four digit words always; two only after a price word or before a currency or the end of the clause ("two three days"
# is a range). Counting and countdowns ("one two three", "three two one") are not prices.
_EN_DIGITS = re.compile(
    rf"(?P<long>\b{_U}(?:\s+{_U}){{2,3}}\b)(?!\s+(?:{_COUNT_NOUNS})\b)"
    r"|(?P<cue>\b(?:price|prices|only|just|now|pay|cost|costs|is|it's|at|for|to|tonight|today) )"
    rf"(?P<short>{_U}\s+{_U})\b"
    rf"(?!\s+(?:{_COUNT_NOUNS}|{_U})\b)"
    rf"|(?P<tail>\b{_U}\s+{_U})\b"
    r"(?=\s*(?:yuan|kuai|rmb|bucks|dollars|a jin|per jin|a box|each|delivered)\b|\s*[,.!?;]|\s*$)"
)
# A price read as whole and cents: "nineteen ninety" = 19.90, "twenty-nine ninety" = 29.90, "forty-nine nine" = 49.9
# (after the passes above turned the words into "19 90", "29 90", "49 nine"); not a year ("in nineteen ninety") and
# not a range before a count ("twenty thirty boxes").
_EN_CENTS = re.compile(
    rf"(?<![\d.,])(?<!\bin )(?<!\bsince )(?<!\bfrom )(?<!\bof )(?<!\buntil )(?<!\btill )(?<!\bby )(?<!\byear )"
    rf"\b(?P<whole>[1-9]\d)\s+(?P<cents>[1-9]0|{_U})\b(?![\d.%]|\s+(?:{_COUNT_NOUNS}|thousand|hundred|million|k)\b)"
)


def _en_digits_value(m: re.Match[str]) -> str:
    words = (m.group("long") or m.group("short") or m.group("tail")).split()
    digits = [_EN_UNITS[w] for w in words]
    steps = {b - a for a, b in zip(digits, digits[1:], strict=False)}
    if len(digits) > 2 and steps in ({1}, {-1}):
        return m.group(0)  # counting or a countdown
    if len(digits) == 4 and digits[:2] == digits[2:]:
        return f"{digits[0]}{digits[1]} {digits[2]}{digits[3]}"  # said twice: "three nine three nine" = 39 39
    return (m.group("cue") or "") + "".join(str(d) for d in digits)


def _en_cents_value(m: re.Match[str]) -> str:
    cents = m.group("cents")
    return f"{m.group('whole')}.{cents if cents.isdigit() else _EN_UNITS[cents]}"


def _en_decimal_value(m: re.Match[str]) -> str:
    whole = m.group("whole")
    frac = "".join(d if d.isdigit() else str(_EN_UNITS[d]) for d in m.group("frac").split())
    return f"{whole if whole.isdigit() else _EN_UNITS[whole]}.{frac}"


def _words_value(words: str) -> int:
    """Value of a cardinal below 1000 in words ("a hundred and ninety-nine" = 199)."""
    total = 0
    for w in re.split(r"[-\s]+", words.strip()):
        if w in _EN_UNITS:
            total += _EN_UNITS[w]
        elif w in _EN_TEENS or w in _EN_TENS:
            total += _EN_TEENS.get(w, 0) + _EN_TENS.get(w, 0)
        elif w == "a":
            total += 1
        elif w == "hundred":
            total = (total or 1) * 100
    return total


def _en_number_value(m: re.Match[str]) -> str:
    if m.group("price"):
        first, rest = m.group("price").split(None, 1)
        return str(_EN_UNITS[first] * 100 + _words_value(rest))
    if m.group("thousand"):
        head = re.sub(r"\s*(?:thousand|k)\b.*$", "", m.group("thousand"), flags=re.S).strip()
        value = float(head) if re.fullmatch(r"[\d.]+", head) else float(_words_value(head))
        total = value * 1000 + (_words_value(m.group("rest")) if m.group("rest") else 0)
        return str(int(total)) if total == int(total) else str(total)
    return str(_words_value(m.group("plain")))


def _rewrite(
    current: str, origin: list[int], pattern: re.Pattern[str], repl: Any, source_len: int
) -> tuple[str, list[int]]:
    if not pattern.search(current):
        return current, origin
    out_chars: list[str] = []
    out_origin: list[int] = []
    pos = 0
    for m in pattern.finditer(current):
        out_chars.extend(current[pos : m.start()])
        out_origin.extend(origin[pos : m.start()])
        anchor = origin[m.start()] if m.start() < len(origin) else source_len
        span_origin = origin[m.start() : m.end()] or [anchor]
        text = repl(m) if callable(repl) else repl
        for k, ch in enumerate(text):
            out_chars.append(ch)
            # the last character of a shorter replacement ("one sixty-eight" → "168") maps to the end of the original
            last = k == len(text) - 1
            out_origin.append(span_origin[-1] if last else span_origin[min(k, len(span_origin) - 1)])
        pos = m.end()
    out_chars.extend(current[pos:])
    out_origin.extend(origin[pos:])
    return "".join(out_chars), out_origin


# Sentences up to this length are memoised (``normalize``): the claim, engagement and knowledge passes normalise the
# same sentences of a transcript. Longer texts (a whole transcript) are not kept, so the memo stays small (≤ 2,048
# short entries, a few MB) in a long-running worker.
MEMO_MAX_CHARS = 400


def normalize(text: str) -> Normalized:
    """Folded text for matching (see ``_base``, English spoken numbers, evasive spellings) with its character map.
    ``Normalized`` is immutable, so a short text's result is memoised (``clear_normalize_memo`` empties the memo)."""
    return _normalize_memo(text) if len(text) <= MEMO_MAX_CHARS else _normalize(text)


def clear_normalize_memo() -> None:
    """Forget memoised sentences and their prefilter grams (``bench/scoring.py`` does this before each run, so it
    times a new transcript)."""
    _normalize_memo.cache_clear()
    clear_grams_memo()


def _normalize(text: str) -> Normalized:
    chars, origin = _base(text)
    current = "".join(chars)
    current, origin = _rewrite(current, origin, _EN_NUMBER, _en_number_value, len(text))
    current, origin = _rewrite(current, origin, _EN_DECIMAL, _en_decimal_value, len(text))
    current, origin = _rewrite(current, origin, _EN_DIGITS, _en_digits_value, len(text))
    current, origin = _rewrite(current, origin, _EN_CENTS, _en_cents_value, len(text))
    for pattern, repl in _EVASIONS:
        current, origin = _rewrite(current, origin, pattern, repl, len(text))
    if CJK.search(current):
        current, origin = _rewrite(current, origin, _SPELLINGS, lambda m: m.lastgroup or m.group(0), len(text))
    return Normalized(current, tuple(origin), len(text))


_normalize_memo = lru_cache(maxsize=2048)(_normalize)


def split_spans(text: str, pattern: re.Pattern[str] = SENTENCE_END) -> list[tuple[int, int]]:
    """Non-empty (start, end) spans of ``text`` between separators, with surrounding whitespace trimmed."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in pattern.finditer(text):
        spans.append((pos, m.end()))
        pos = m.end()
    spans.append((pos, len(text)))
    out = []
    for start, end in spans:
        chunk = text[start:end]
        stripped = chunk.strip()
        if not stripped or not (CJK.search(stripped) or LATIN_WORD.search(stripped) or stripped[0].isdigit()):
            continue
        lead = len(chunk) - len(chunk.lstrip())
        out.append((start + lead, start + lead + len(stripped)))
    return out


def cjk_ratio(text: str) -> float:
    cjk = len(CJK.findall(text))
    latin = sum(len(w) for w in LATIN_WORD.findall(text))
    total = cjk + latin / 4  # an English word (~4-5 letters) weighs about one Chinese character
    return cjk / total if total else 0.0


def detect_language(text: str) -> str:
    return "zh" if cjk_ratio(text) >= 0.3 else "en"


def int_to_zh(n: int) -> str:
    """Cardinal number as read aloud in Mandarin: 199 → 一百九十九, 10 → 十, 20300 → 两万零三百."""
    if n == 0:
        return "零"
    if n < 0:
        return "负" + int_to_zh(-n)
    parts: list[str] = []
    for unit_value, unit in ((10**8, "亿"), (10**4, "万")):
        if n >= unit_value:
            parts.append(int_to_zh(n // unit_value) + unit)
            n %= unit_value
            if 0 < n < unit_value // 10:
                parts.append("零")
    if n:
        parts.append(_below_10000(n, leading=not parts))
    return "".join(parts)


def _below_10000(n: int, *, leading: bool) -> str:
    out = ""
    zero = False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = n // value % 10
        if digit == 0:
            zero = bool(out)
            continue
        if zero:
            out += "零"
            zero = False
        if value == 10 and digit == 1 and not out and leading:
            out += "十"
        else:
            out += DIGITS[digit] + unit
    return out


_NUMBER = re.compile(r"(\d+)(?:\.(\d+))?(%?)(年?)")


def _number_to_zh(m: re.Match[str]) -> str:
    whole, frac, pct, year = m.group(1), m.group(2), m.group(3), m.group(4)
    if year and not frac and len(whole) == 4:
        return "".join(DIGITS[int(d)] for d in whole) + "年"
    spoken = int_to_zh(int(whole)) if len(whole) <= 12 else "".join(DIGITS[int(d)] for d in whole)
    if frac:
        spoken += "点" + "".join(DIGITS[int(d)] for d in frac)
    if pct:
        spoken = "百分之" + spoken
    return spoken + year


def numbers_to_spoken_zh(text: str) -> str:
    """Replace Arabic numerals by their Mandarin reading (years digit by digit, percentages, decimals)."""
    return _NUMBER.sub(_number_to_zh, unicodedata.normalize("NFKC", text))


_EN_SMALL = 20


def english_number_words(n: int) -> int:
    """How many words an English speaker says for ``n`` (199 → one hundred ninety-nine → 4)."""
    if n < _EN_SMALL:
        return 1
    if n < 100:
        return 1 if n % 10 == 0 else 2
    if n < 1000:
        return 2 + (english_number_words(n % 100) if n % 100 else 0)
    for value in (10**9, 10**6, 1000):
        if n >= value:
            rest = n % value
            return english_number_words(n // value) + 1 + (english_number_words(rest) if rest else 0)
    return 1


@lru_cache(maxsize=4096)
def count_units(text: str, language: str) -> int:
    """Spoken units: Mandarin characters (numbers read aloud, each Latin word one unit) or English words."""
    if language == "zh":
        spoken = numbers_to_spoken_zh(text)
        return len(CJK.findall(spoken)) + len(LATIN_WORD.findall(spoken))
    words = len(LATIN_WORD.findall(text))
    for m in re.finditer(r"\d+(?:[.,]\d+)?", text):
        digits = m.group(0).replace(",", "")
        whole, _, frac = digits.partition(".")
        words += english_number_words(int(whole)) + (1 + len(frac) if frac else 0)
    return words


_ZH_NUM = {c: i for i, c in enumerate(DIGITS)} | {"两": 2, "〇": 0}
_ZH_UNIT = {"十": 10, "百": 100, "千": 1000, "万": 10_000, "亿": 100_000_000}


def parse_zh_number(token: str) -> float | None:
    """Value of a price/quantity token: "199", "9.9", "一百九十九", "九块九", "三十一"; None if not a number."""
    token = token.strip()
    if not token:
        return None
    if re.fullmatch(r"\d+(?:\.\d+)?", token):
        return float(token)
    m = re.fullmatch(r"(.+?)[块元](.)?", token)
    if m and m.group(2) and m.group(2) in _ZH_NUM:
        whole = parse_zh_number(m.group(1))
        return None if whole is None else whole + _ZH_NUM[m.group(2)] / 10
    if m:
        token = m.group(1)
    if len(token) >= 2 and all(ch in _ZH_NUM for ch in token):  # read digit by digit: 一九九 = 199
        return float("".join(str(_ZH_NUM[ch]) for ch in token))
    total, section, digit = 0, 0, 0
    if len(token) >= 3 and token[-1] in _ZH_NUM and token[-2] in "百千万":
        token += {"百": "十", "千": "百", "万": "千"}[token[-2]]  # 一百二 = 120, 三千五 = 3500
    for ch in token:
        if ch in _ZH_NUM:
            digit = _ZH_NUM[ch]
        elif ch in ("万", "亿"):
            total += (section + digit) * _ZH_UNIT[ch]
            section, digit = 0, 0
        elif ch in _ZH_UNIT:
            section += (digit or 1) * _ZH_UNIT[ch]
            digit = 0
        else:
            return None
    return float(total + section + digit)
