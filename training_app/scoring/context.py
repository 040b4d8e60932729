"""Clause-level decisions for a candidate: which clause it sits in, whether it is negated, asked, reported,
or covered by a rule's requirements and exceptions.

A keyword hit is only a candidate (compliance reference §0): the speaker may be denying the claim ("我们不说能治病",
"it doesn't cure anything"), repeating a viewer's question in order to refuse it ("有人问能不能降血糖"), or warning
about other people's claims ("如果有人跟你说能治病，千万别信").
"""

from __future__ import annotations

import re

from training_app.scoring.matching import Candidate
from training_app.scoring.text import CLAUSE_SEP

_NEG_ZH = re.compile(
    r"(不是|不说|不讲|不搞|不做|不玩|从不|从来不|没搞过|没做过|不敢(?!相信|想象)|不敢说|不能说|不会说|不可以说|不吹|不承诺|不保证|不能|不会|没有|没|并不|并非|绝不是|不算|"
    r"谈不上|称不上|算不上|不要说|别说|别把|不要把|不能把|别拿|不要拿|不能拿|别当|不要当|不能当|不属于|不具备|不具有|不代表|不等于|无法|不可能|不宣传|不宣称|不提|不叫|不能叫|不敢叫|"
    r"别信|不要信|不要相信|别指望|不要指望|不能指望|指望不了|别想|禁止|严禁|杜绝|拒绝|不得|不准|不许|不应该?|不可以)"
    r"[^,.!?;]{0,10}$"
)
_NEG_ZH_ADJ = re.compile(r"(?<![要仅但光只少错过同用])不$")
# The claim named and then disowned in the same clause: "第一名我不敢说", "全网最低这话咱不敢讲".
_POSTNEG_ZH = re.compile(
    r"^[^,.!?;]{0,6}?(?:这话|这种话|这个话)?(?:我|咱|俺|我们|咱们|俺们)?(?:可|也|都|是|真)?"
    r"(?:不敢|不会|不能|没法|不好|从来不|从不|绝不)(?:说|讲|保证|打包票|承诺|乱说|瞎说|乱讲|瞎讲)"
)
# Whatever the rule: the term named as a word and refused ("特供这种词我们不用", "零农残这种话我不说"), or the speaker
# saying she does not know whether it holds ("国宴上用什么我不知道").
_TERM_REFUSED_ZH = re.compile(
    r"^[^,.!?;]{0,12}?(?:这种|那种|这个|那个|这些|那些|这类|那类|这样的|那样的|的)(?:话|词|词儿|字|字眼|说法|叫法|名头)"
    r"[^,.!?;]{0,8}?(?:不能|不可以|不准|不许|不让|别|不要|不|从不|绝不|没)(?:敢)?(?:乱|瞎)?"
    r"(?:说|讲|用|提|写|打|叫|引用|碰|沾)"
    r"|^[^,.!?;]{0,6}?(?:什么|啥)[^,.!?;]{0,4}?(?:我|咱|俺|我们|咱们|俺们)?(?:可|也|真|就|是)?"
    r"(?:不知道|不晓得|不清楚|不了解|没见过|说不好|说不准)"
)
# ... or in the next clause: "全网最低价，这个我们不敢说".
_POSTNEG_NEXT_ZH = re.compile(
    r"^\s*(?:这个|这话|这种话|这点|这一点)(?:我|咱|俺|我们|咱们|俺们)?(?:可|也|都|真)?"
    r"(?:不敢|不会|不能|没法)(?:说|讲|保证|打包票|承诺)"
)
_NEG_EN = re.compile(
    r"\b(not|never|no(?!\.1)|nothing|cannot|can'?t|won'?t|don'?t|doesn'?t|didn'?t|isn'?t|aren'?t|wasn'?t|"
    r"shouldn'?t|wouldn'?t|couldn'?t|nor|neither|none)\b(?!\s+only\b)(?:\W+\w+){0,5}\W*$"
)
_QUESTION_ZH = re.compile(r"(能不能|会不会|可不可以|是不是能|有没有(?:用|效|作用)|能否|是否)")
_QUESTION_END_ZH = re.compile(r"(吗|么|呢)\s*[?]?\s*$")
_QUESTION_EN = re.compile(r"^\s*(?:so\s+)?(?:can|does|do|will|is|are|would|could|should)\b[^?]*\?\s*$")
# Rhetorical questions assert ("这品质能差吗？" = it is good; "全网最低价还用我说吗？" = it is the lowest): a question
# with one of these forms is the host's claim, not a question to or from viewers. 难道 counts only with a negated
# copula or comparison ("难道这不是全网最低价吗？" asserts; "难道能治病吗？" and "难道不吃药也能治好吗？" deny).
_RHETORICAL_ZH = re.compile(
    r"能差吗|还用(?:我|我们|咱|咱们)?(?:多)?说(?!明)|哪(?:里|儿)还(?:能|有|找)|上哪(?:儿)?(?:去)?(?:找|买)|谁(?:家)?(?:能|敢)比|"
    r"难道[^,.!?;]{0,6}?(?:不(?:就|也|都)?(?:是|算|比|香|值|好|够)|没有?(?:比|更)|还有比)|"
    r"(?:你|谁|你们)(?:还)?敢(?:给[^,.!?;]{0,4})?(?:吃|买|喝|用)"
)
_RHETORICAL_EN = re.compile(
    r"\b(?:where else|who else|can it get any better|could it get any better|what more could you (?:want|ask for))\b"
)
_SENTENCE_STOP = re.compile(r"[.!?;\n]")
_REPORTED_ZH = re.compile(
    r"(有(?:人|朋友|粉丝|家人|宝宝|观众)[^,.!?]{0,4}(?:问|说)|(?:有的|别的|其他|某些|有些)(?:直播间|卖家|店|网店)[^,.!?]{0,4}说|(?:很多人|好多人|不少人|有人|大家)都?以为|问我|问到|在问|网上(?:说|传)|谣传|传言|听说|号称|所谓的?|"
    r"有的(?:主播|商家|人)[^,.!?]{0,4}说|别人(?:说|吹)|如果有人|要是有人|千万别信|不要相信|别上当|虚假宣传)"
)
# A host answering a viewer's question ("有家人问…，可以，加我微信") speaks in her own voice again after the answer:
# reported speech before the answer does not cover what follows it.
_ANSWER_ZH = re.compile(
    r"(?:我跟你们?说|我告诉你们?|跟大家说一下|我跟大家说|回答一下|说实话|实话告诉你)|"
    r"(?:^|[,:;?])\s*(?:可以的?|能的?|有的|当然(?:可以|能|有)?|没问题|放心|会的|是的|对的?)(?:啊|呀|哈|哦|呢)?\s*(?=[,:;]|$)"
)
_REPORTED_EN = re.compile(
    r"\b(someone asked|somebody asked|asked (?:me )?(?:if|whether)|asking (?:if|whether)|asks? (?:me )?(?:if|whether)|"
    r"(?:some |many |a lot of )?people (?:say|claim|think|believe|assume|mistake)|"
    r"some (?:sellers|hosts|people) (?:say|claim)|if (?:anyone|someone|somebody) (?:tells|says)|"
    r"rumou?rs?|don't believe|do not believe|never believe|claims? that|is (?:a )?myth)\b"
)


_CLAUSE_END = re.compile(r"[,:;。!?]")


def clause_bounds(sentence: str, start: int, end: int) -> tuple[int, int]:
    """The clause (between commas/colons/dashes) that contains the span; widened if the span crosses one."""
    left = 0
    for m in CLAUSE_SEP.finditer(sentence, 0, start):
        left = m.end()
    right_match = CLAUSE_SEP.search(sentence, end)
    right = right_match.start() if right_match else len(sentence)
    return left, right


def is_rhetorical(sentence: str, cand: Candidate, lang: str) -> bool:
    """The candidate's sentence (up to its question mark) is a rhetorical question — an assertion in question form."""
    left = 0
    for m in _SENTENCE_STOP.finditer(sentence, 0, cand.start):
        left = m.end()
    stop = _SENTENCE_STOP.search(sentence, cand.end)
    right = stop.end() if stop else len(sentence)
    span = sentence[left:right]
    if "?" not in span and not _QUESTION_END_ZH.search(span.rstrip(".!;")):
        return False  # speech recognition often drops the question mark: a final 吗/么/呢 still makes it a question
    return bool((_RHETORICAL_ZH if lang == "zh" else _RHETORICAL_EN).search(span))


def is_negated(sentence: str, cand: Candidate, lang: str) -> bool:
    left, _ = clause_bounds(sentence, cand.start, cand.end)
    before = sentence[left : cand.start]
    if lang == "zh":
        if "难道" in before and is_rhetorical(sentence, cand, lang):
            return False  # 难道这不是…吗 asserts
        # the rest of the clause (a list "x、y我不敢说" disowns both), then the next clause after a comma
        after, *rest = re.split(r"[,.!?;:]", sentence[cand.end :], maxsplit=1)
        next_sep = sentence[cand.end + len(after) : cand.end + len(after) + 1]
        disowned = bool(_POSTNEG_ZH.match(after) or _TERM_REFUSED_ZH.match(after)) or (
            bool(rest) and next_sep in (",", ";", ":") and bool(_POSTNEG_NEXT_ZH.match(rest[0]))
        )
        return bool(_NEG_ZH.search(before) or _NEG_ZH_ADJ.search(before) or disowned)
    return bool(_NEG_EN.search(before))


# An unpunctuated speech-recognition run-on is one long "clause": a question word or a final 吗 far from the candidate
# belongs to another part of it ("都是漂白过的白得吓人你敢吃吗", "有人问能不能…我跟你说…"), so in a clause longer than
# _RUN_ON_CLAUSE characters only a question within _RUN_ON_REACH characters of the candidate counts.
_RUN_ON_CLAUSE = 24
_RUN_ON_REACH = 12


def is_question_or_reported(sentence: str, cand: Candidate, lang: str) -> bool:
    left, right = clause_bounds(sentence, cand.start, cand.end)
    clause = sentence[left:right]
    if lang == "zh":
        tail = sentence[right:].lstrip(",:")
        near = clause
        if right - left > _RUN_ON_CLAUSE:
            near = sentence[max(left, cand.start - _RUN_ON_REACH) : min(right, cand.end + _RUN_ON_REACH)]
        asked = (
            bool(_QUESTION_ZH.search(near))
            or bool(
                _QUESTION_END_ZH.search(clause)
                and (tail.startswith("?") or not tail.strip())
                and (right - left <= _RUN_ON_CLAUSE or right - cand.end <= _RUN_ON_REACH)
            )
        ) and not is_rhetorical(sentence, cand, lang)
        answers = [m.end() for m in _ANSWER_ZH.finditer(sentence, 0, cand.start)]
        return asked or bool(_REPORTED_ZH.search(sentence, answers[-1] if answers else 0, cand.start))
    if (
        _QUESTION_EN.search(sentence)
        and not re.search(r"\b(did you know|you know what)\b", sentence)
        and not is_rhetorical(sentence, cand, lang)
    ):
        return True
    return bool(_REPORTED_EN.search(sentence[: cand.start]))


def passes_requirements(sentence: str, cand: Candidate) -> bool:
    """``requires``: at least one must match in the clause (or in the sentence when ``scope: sentence``)."""
    rule = cand.rule
    if not rule.requires:
        return True
    if rule.rule.scope == "sentence":
        return any(p.search(sentence) for p in rule.requires)
    left, right = clause_bounds(sentence, cand.start, cand.end)
    clause = sentence[left:right]
    return any(p.search(clause) for p in rule.requires)


def hits_exception(sentence: str, cand: Candidate) -> bool:
    """``exceptions`` match in the clause around the candidate; ``sentence_exceptions`` anywhere in the sentence."""
    rule = cand.rule
    left, right = clause_bounds(sentence, cand.start, cand.end)
    clause = sentence[left:right]
    if any(p.search(clause) for p in rule.exceptions):
        return True
    return any(p.search(sentence) for p in rule.sentence_exceptions)


def is_asked(sentence: str, cand: Candidate) -> bool:
    """The candidate's clause is asked, not asserted: it ends in a question mark (``我们不加防腐剂吗？``)."""
    end = _CLAUSE_END.search(sentence, cand.end)
    return bool(end and end.group(0) == "?")


# A claim quoted in order to condemn it: someone else's or one's own former wording, then called unlawful or retracted
# ("别的主播说零农残，那是违规的", "以前我也说过纯天然，后来才知道不能这么说", "什么特供专供的，都是骗人的"), or the
# act itself called unlawful ("刷单是违法的").
_CONDEMNED_AFTER_ZH = re.compile(
    r"(?:是|属于|都是|纯属)?(?:违规|违法|犯法|虚假宣传|骗人|忽悠人)的?|不能这么(?:说|写|讲|叫)|不(?:这么|那么)(?:说|写|讲|叫)|"
    r"不会这么(?:说|写|讲)|(?:现在)?改成了?|别信|不要信|别上当|不可信"
)
_OTHER_OR_FORMER_ZH = re.compile(
    r"(?:以前|原来|之前|过去|有的|别的|别人|别家|其他|有些|某些|什么|说过|写的|写过|讲过)[^,.!?;]{0,8}$"
)
_ACT_UNLAWFUL_ZH = re.compile(r"^[^,.!?;]{0,2}(?:是|属于|都是)?(?:违法|违规|犯法|不对|不允许|不合法)的?")


def is_term_refused(sentence: str, cand: Candidate, lang: str) -> bool:
    """The matched term is named as a word and refused, or its truth disclaimed, right after it; or quoted from
    someone else (or one's former self) and condemned later in the sentence; or the act itself called unlawful."""
    if lang != "zh":
        return False
    after = sentence[cand.end :]
    if _TERM_REFUSED_ZH.match(after) or _ACT_UNLAWFUL_ZH.match(after):
        return True
    before = sentence[max(0, cand.start - 12) : cand.start]
    return bool(_OTHER_OR_FORMER_ZH.search(before) and _CONDEMNED_AFTER_ZH.search(after[:40]))


def keep_candidate(sentence: str, cand: Candidate, lang: str) -> bool:
    if not passes_requirements(sentence, cand) or hits_exception(sentence, cand):
        return False
    if is_term_refused(sentence, cand, lang):
        return False
    if cand.rule.rule.negatable:
        return not (is_negated(sentence, cand, lang) or is_question_or_reported(sentence, cand, lang))
    return not is_asked(sentence, cand) or is_rhetorical(sentence, cand, lang)
