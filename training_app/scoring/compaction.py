"""Spoken-clause compaction: hosts break one claim into short bursts ("这个礼盒，在商场里面，你去看看，都要卖到三百八，
咱们直播间，今天，九十九" / "we sold, believe it or not, over eight million orders"). The rules match phrases within a
clause, so a second pass runs them on a compacted sentence: filler particles and discourse markers between commas are
dropped, and a comma next to a very short fragment (≤ 4 characters / ≤ 2 words) is removed, joining the fragment to
its neighbour. Offsets stay traceable to the original sentence (see :class:`~training_app.scoring.text.Normalized`).
"""

from __future__ import annotations

import re

from training_app.scoring.text import CJK, Normalized

_SEP = ",、"
# Fillers and discourse markers that carry no claim content when they stand between clause breaks.
_FILLER_ZH = re.compile(
    r"[啊呢嘛哈呀吧哦噢诶呃嗯啦](?=[,、])"
    r"|(?<=[,、])(?:你(?:们)?(?:去)?(?:看看|想想|听好了|知道吗|猜怎么着)|说实话|其实(?:呢)?|我跟你(?:们)?说|跟你们说|"
    r"家人们|朋友们|宝宝们|老铁们|姐妹们|兄弟们|各位|注意(?:啊)?|听好了|真的|对吧|是吧|没错)(?=[,、])"
)
_FILLER_EN = re.compile(
    r",\s*(?:honestly|believe it or not|listen|folks|guys|everyone|friends|right\??|you know|i mean|go check|"
    r"seriously|in total|let me tell you|okay|ok|look|trust me on this|no joke|for real)\s*(?=,)"
)
_SHORT_ZH = 4
_SHORT_EN = 2
# Only bursty sentences (four clauses or more) are compacted: a second pass on every sentence would double the time.
_MIN_SEPARATORS = 3


def _drop(norm: Normalized, keep: list[bool]) -> Normalized:
    text = "".join(ch for ch, k in zip(norm.text, keep, strict=True) if k)
    origin = tuple(o for o, k in zip(norm.origin, keep, strict=True) if k)
    return Normalized(text, origin, norm.source_len)


def _without(norm: Normalized, pattern: re.Pattern[str]) -> Normalized:
    keep = [True] * len(norm.text)
    for m in pattern.finditer(norm.text):
        for i in range(m.start(), m.end()):
            keep[i] = False
    return _drop(norm, keep) if not all(keep) else norm


def _fragment_size(fragment: str, lang: str) -> int:
    if lang == "zh":
        return len(CJK.findall(fragment)) + len(re.findall(r"[a-z0-9]+", fragment))
    return len(fragment.split())


def _join_short(norm: Normalized, lang: str) -> Normalized:
    text = norm.text
    seps = [i for i, ch in enumerate(text) if ch in _SEP]
    if not seps:
        return norm
    bounds = [-1, *seps, len(text)]
    sizes = [_fragment_size(text[a + 1 : b], lang) for a, b in zip(bounds, bounds[1:], strict=False)]
    limit = _SHORT_ZH if lang == "zh" else _SHORT_EN
    keep = [True] * len(text)
    for k, pos in enumerate(seps):
        if sizes[k] <= limit or sizes[k + 1] <= limit:
            keep[pos] = False  # an English comma is followed by a space, so words stay apart
    return _drop(norm, keep)


def _drop_repeats(norm: Normalized) -> Normalized:
    """A clause said twice for emphasis ("原价一百九九，一百九九，现在三十九": the whole clause or its end again) kept
    once, so the parts around it meet."""
    text = norm.text
    keep = [True] * len(text)
    start, previous = 0, None
    for i in range(len(text) + 1):
        if i < len(text) and text[i] not in _SEP:
            continue
        fragment = text[start:i].strip()
        if fragment and previous and (fragment == previous or (len(fragment) >= 2 and previous.endswith(fragment))):
            for k in range(start - 1, i):  # the separator before the repeat and the repeat itself
                keep[k] = False
        previous, start = fragment, i + 1
    return _drop(norm, keep) if not all(keep) else norm


def compact(norm: Normalized, lang: str) -> Normalized:
    """The compacted form of a normalised sentence; ``norm`` itself when there is nothing to compact."""
    separators = sum(ch in _SEP for ch in norm.text)
    if not separators:
        return norm
    out = _drop_repeats(norm)
    if separators < _MIN_SEPARATORS:
        return out
    out = _without(out, _FILLER_ZH if lang == "zh" else _FILLER_EN)
    return _join_short(out, lang)
