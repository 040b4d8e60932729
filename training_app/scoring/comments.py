"""Viewer comments in the simulated live room: was each one answered, how fast, and was the answer compliant.

Pure: a transcript and the clip's comment timeline in, a :class:`CommentReport` out. A timeline entry is the
snapshot the live room stored for one shown comment (``services.live_room``)::

    {"seq": 0, "shown_at_s": 8.2, "user": "…", "text": {"zh": "…", "en": "…"}, "kind": "bait_health",
     "expects": [{"id", "label", "zh": [...], "en": [...]}], "answers": [cues of its kind],
     "forbidden": ["health_claim"]}

A sentence *addresses* a comment when it starts after the comment appeared and hits one of the comment's cue words
(its ``expects`` or its kind's ``answers``), or says it is answering ("有朋友问…", "someone asked…", "about the
price…") and repeats a key word of the comment. The first such sentence within ``window_s`` is an answer, a later
one an answer given late. A prohibited claim of a ``forbidden`` category (the claim detector's flags) said while
answering makes the answer non-compliant: a critical finding, and no credit.

Credit per comment: 1 answered in time, 0.5 late, 0 missed or non-compliant; times (½ + ½ · share of the expected
points covered). The score is the mean credit × 100.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from training_app.catalog.assessments import AssessmentCatalog, ProductSheet
from training_app.scoring.claims import detect_claims, transcript_sentences
from training_app.scoring.report import ClaimFlag, EngagementResult
from training_app.scoring.text import normalize
from training_app.scoring.timing import is_timed, span_time
from training_app.speech.transcript import Transcript

WINDOW_S = 45.0  # an answer later than this after the comment appeared is "late"
FOLLOW_S = 15.0  # how long after the start of an answer we still count it as the same answer
TOLERANCE_S = 0.5  # a sentence starting just before the comment (rounding of timestamps) may still answer it
_ACK_ZH = (
    r"有(?:朋友|人|家人|宝宝|粉丝|观众|网友)[^,.!?。，！？]{0,6}(?:问|说)"
    r"|(?:刚才|这位)[^,.!?。，！？]{0,6}(?:问|说)|关于|回答"
)
_ACK_EN = r"\b(?:someone|somebody|you|a viewer|\w+ is) (?:asked|asks|asking|says|said)\b|\babout the\b|\bto answer\b"
_ACK = {"zh": re.compile(_ACK_ZH), "en": re.compile(_ACK_EN)}
_STOP_EN = frozenset(
    "a an the is are was it this that these those do does can will i you my your me our we to of in on and or for "
    "with how what why when where which right just so be any all really very".split()
)
_STOP_ZH = frozenset(["这个", "那个", "你们", "我们", "是不", "不是", "多少", "怎么", "什么", "可以", "一个", "能不"])


@dataclass(frozen=True)
class CommentResult:
    seq: int
    shown_at_s: float
    user: str
    text: dict[str, str]
    kind: str
    status: str  # answered | late | missed
    delay_s: float | None
    answer_text: str
    answer_start_s: float | None
    covered: list[str]
    missing: list[str]
    compliant: bool
    missing_labels: list[dict[str, str]] = field(default_factory=list)  # {"zh", "en"} of each missing point
    flags: list[dict[str, Any]] = field(default_factory=list)
    credit: float = 0.0


@dataclass(frozen=True)
class CommentReport:
    total: int
    answered: int  # in time or late
    answered_late: int
    missed: int
    non_compliant: int
    median_delay_s: float | None
    score: float
    window_s: float
    items: list[CommentResult]

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["items"] = [asdict(i) for i in self.items]
        return data


@dataclass(frozen=True)
class _Sentence:
    text: str
    norm: str
    start: float | None  # None for an untimed transcript


def _sentences(transcript: Transcript) -> list[_Sentence]:
    timed = is_timed(transcript)
    out = []
    for s in transcript_sentences(transcript):
        seg = transcript.segments[s.segment]
        start = span_time(seg, s.start, s.end)[0] if timed else None
        out.append(_Sentence(s.text, normalize(s.text).text, start))
    return out


def _hits(norm: str, words: list[str], lang: str) -> bool:
    for word in words:
        needle = normalize(word).text
        if not needle:
            continue
        if lang == "en" and re.search(rf"(?<![a-z]){re.escape(needle)}", norm):
            return True
        if lang != "en" and needle in norm:
            return True
    return False


def _cue_words(cue: dict[str, Any], lang: str) -> list[str]:
    return [str(w) for w in cue.get("en" if lang == "en" else "zh", [])]


def key_terms(text: str, lang: str) -> list[str]:
    """Content words of a comment: English words of 4+ letters that are not stop words, Chinese character pairs."""
    norm = normalize(text).text
    if lang == "en":
        return sorted({w for w in re.findall(r"[a-z]+", norm) if len(w) >= 4 and w not in _STOP_EN})
    pairs: set[str] = set()
    for run in re.findall(r"[\u4e00-\u9fff]+", norm):
        pairs.update(run[i : i + 2] for i in range(len(run) - 1))
    return sorted(pairs - _STOP_ZH)


def addresses(sentence: _Sentence, comment: dict[str, Any], lang: str) -> bool:
    cues = [*comment.get("expects", []), *comment.get("answers", [])]
    if any(_hits(sentence.norm, _cue_words(c, lang), lang) for c in cues):
        return True
    if not _ACK[lang].search(sentence.norm):
        return False
    text = comment.get("text", {})
    return _hits(sentence.norm, key_terms(str(text.get(lang) or text.get("zh", "")), lang), lang)


def _after(sentence: _Sentence, t: float) -> bool:
    return sentence.start is None or sentence.start >= t - TOLERANCE_S


def _flag_dict(flag: ClaimFlag) -> dict[str, Any]:
    keys = ("category", "rule_id", "severity", "text", "start", "legal_basis", "explanation", "suggestion")
    return {k: getattr(flag, k) for k in keys}


def _forbidden_flags(claims: list[ClaimFlag], forbidden: list[str], t0: float, t1: float) -> list[ClaimFlag]:
    return [c for c in claims if c.category in forbidden and c.start is not None and t0 - TOLERANCE_S <= c.start <= t1]


def align_one(
    comment: dict[str, Any], sentences: list[_Sentence], claims: list[ClaimFlag], *, lang: str, window_s: float
) -> CommentResult:
    t = float(comment.get("shown_at_s", 0.0))
    later = [s for s in sentences if _after(s, t)]
    first = next((s for s in later if addresses(s, comment, lang)), None)
    start = first.start if first is not None else None
    region_end = (start if start is not None else t) + FOLLOW_S if first is not None else t + window_s
    flags = _forbidden_flags(claims, list(comment.get("forbidden", [])), t, region_end)
    if first is None and flags:  # answered with the prohibited claim itself
        first = next((s for s in later if s.start is not None and s.start >= (flags[0].start or t) - 1), None)
        start = flags[0].start
    region = [s for s in later if first is not None and _within(s, first, start)]
    expects = list(comment.get("expects", []))
    covered = [c["id"] for c in expects if any(_hits(s.norm, _cue_words(c, lang), lang) for s in region)]
    delay = None if start is None else max(0.0, start - t)
    status = "missed" if first is None else ("late" if delay is not None and delay > window_s else "answered")
    return _result(comment, status, delay, first, start, covered, expects, flags)


def _within(s: _Sentence, first: _Sentence, start: float | None) -> bool:
    if s.start is None or start is None:
        return s is first
    return start <= s.start <= start + FOLLOW_S


def _result(
    comment: dict[str, Any],
    status: str,
    delay: float | None,
    first: _Sentence | None,
    start: float | None,
    covered: list[str],
    expects: list[dict[str, Any]],
    flags: list[ClaimFlag],
) -> CommentResult:
    compliant = not flags
    base = {"answered": 1.0, "late": 0.5, "missed": 0.0}[status]
    share = len(covered) / len(expects) if expects else 1.0
    credit = base * (0.5 + 0.5 * share) if compliant else 0.0
    return CommentResult(
        seq=int(comment.get("seq", 0)),
        shown_at_s=float(comment.get("shown_at_s", 0.0)),
        user=str(comment.get("user", "")),
        text={k: str(v) for k, v in dict(comment.get("text", {})).items()},
        kind=str(comment.get("kind", "")),
        status=status,
        delay_s=delay,
        answer_text=first.text if first is not None else "",
        answer_start_s=start,
        covered=covered,
        missing=[c["id"] for c in expects if c["id"] not in covered],
        compliant=compliant,
        missing_labels=[dict(c.get("label") or {}) for c in expects if c["id"] not in covered],
        flags=[_flag_dict(f) for f in flags],
        credit=credit,
    )


def align_comments(
    transcript: Transcript,
    timeline: list[dict[str, Any]],
    *,
    language: str,
    catalog: AssessmentCatalog,
    product: ProductSheet | None = None,
    claims: list[ClaimFlag] | None = None,
    window_s: float = WINDOW_S,
) -> CommentReport:
    """Align the transcript with the comments shown; ``claims`` are the clip's claim flags (detected if None)."""
    lang = "en" if language == "en" else "zh"
    if claims is None:
        claims = detect_claims(transcript, product=product, catalog=catalog)
    sentences = _sentences(transcript)
    ordered = sorted(timeline, key=lambda c: (float(c.get("shown_at_s", 0.0)), int(c.get("seq", 0))))
    items = [align_one(c, sentences, claims, lang=lang, window_s=window_s) for c in ordered]
    delays = [i.delay_s for i in items if i.status != "missed" and i.delay_s is not None]
    return CommentReport(
        total=len(items),
        answered=sum(i.status != "missed" for i in items),
        answered_late=sum(i.status == "late" for i in items),
        missed=sum(i.status == "missed" for i in items),
        non_compliant=sum(not i.compliant for i in items),
        median_delay_s=statistics.median(delays) if delays else None,
        score=100.0 * sum(i.credit for i in items) / len(items) if items else 0.0,
        window_s=window_s,
        items=items,
    )


COMMENT_WEIGHT = 0.5  # share of the engagement score that comes from answering the live room's comments


def with_comments(engagement: EngagementResult, report: CommentReport) -> EngagementResult:
    """Engagement of a live-room clip: the comment numbers added and the score blended with the comment score."""
    if not report.total:
        return engagement
    score = (1 - COMMENT_WEIGHT) * engagement.score + COMMENT_WEIGHT * report.score
    return replace(
        engagement, score=score, comments_answered=report.answered, median_response_delay_s=report.median_delay_s
    )
