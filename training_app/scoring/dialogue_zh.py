"""Mandarin dialogue across sentences: a line the host puts up only to answer it, then answers with a denial or a
correction.

Rules work per sentence, so a viewer's question read aloud ("评论问：是不是有机的？") or a slip the host takes back
in the next breath ("我们这个米是有机……" / "不对不对，我们没有有机证") is flagged on its own. Here the sentence after it
decides:

- a line *put to the host*: a viewer's question or comment read aloud (有人问 / 评论说 / 弹幕里 …), any question
  that is not rhetorical ("这品质能差吗？" asserts, so it is not put to anyone), or a line cut off mid-claim ("……");
- followed by a *denial or correction* that opens the next sentence: 不是 / 不对 / 说错了 / 口误 / 不能这么说 /
  说不了 / 没有这个说法 / 没有(这个)作用 … — but not a bare 没有 or 不会, which answer "有没有农残？" or "会不会坏？"
  with a claim of their own ("没有，零农残"), and not a boast dressed as a denial ("不是我吹", "不是我说").

Then that line's rule hits are dropped; the answer keeps its own hits, so "有人问能降血压吗？不是我吹，我爸吃了血压就
下来了" is still flagged on its second sentence, and a correction to a bigger claim ("不对，应该说全国第一") is flagged
where it is said. The English counterpart lives in :mod:`training_app.scoring.context` (``put_to_host_en``).
"""

from __future__ import annotations

import re

from training_app.scoring.context import _RHETORICAL_ZH

_FILLER_ZH = r"(?:嗯|啊|哎|唉|呃|哦|噢|哈|诶|欸|那个|就是|家人们|朋友们|宝宝们|姐妹们|兄弟们|老铁们|亲|各位)"
_PUT_REPORTED_ZH = re.compile(
    r"(?:有(?:个|位)?(?:人|朋友|粉丝|家人|宝宝|观众|姐妹|兄弟|老铁|网友|顾客|买家|大哥|大姐|阿姨|叔叔)[^,.!?;。]{0,6}?"
    r"(?:问|说|留言|打字|发弹幕|评论|刷)|"
    r"(?:评论|弹幕|留言|公屏|评论区|直播间里?)[^,.!?;。]{0,6}?(?:问|说|有人|里|上|写)|"
    r"(?:观众|网友|粉丝|家人|朋友|宝宝|顾客)(?:们)?[^,.!?;。]{0,3}?(?:问|说|留言)|问我|你们问|在问)"
)
_PUT_QUESTION_ZH = re.compile(r"(?:\?|吗|么|嘛|呢)[\"'”’」)\s]*[。.]?\s*$")
_PUT_CUT_OFF_ZH = re.compile(r"(?:\.{2,}|…|—|–|-)\s*$")
_PREFACE_ZH = r"^[\s,.!。]*(?:" + _FILLER_ZH + r"[\s,.!。]*){0,3}"
# Opening denials and corrections. Bare 没有/不会/没 are left out on purpose (they can carry a claim of their own).
_ANSWER_DENIES_ZH = re.compile(
    _PREFACE_ZH + r"(?:"
    r"不是(?!我吹|我说|吹|我夸|我自夸|我跟你吹)|不对|不不|说错了|说错|口误|说顺嘴了?|嘴瓢|更正|纠正一下|哪有|哪能|"
    r"不能|不行|不可以|治不了|不敢说|不敢讲|不敢保证|不能保证|"
    r"(?:(?:我们|咱们|我|咱|俺|咱家|我们家|这个)(?:这|也|可|都|就)?)?没有?(?:这个|这种|那个|那种)?"
    r"(?:说法|作用|功效|疗效|效果|证|认证|证书|划线价|原价|排名|讲究)|"
    r"(?:这个|这话)?(?:我们|咱们|我|咱|俺)?(?:可|也|真|就|都)?(?:说不了|说不好|没法说|不好说|保证不了|讲不了)|"
    r"(?:这个|这话|这种话|这点)?(?:我们|咱们|我|咱|俺)(?:可|也|真|就|都|从来)?(?:不|没|没法|不敢|不能|从不|绝不)"
    r"(?:说|讲|这么说|这么讲|敢说|承诺|保证|打包票|乱说|瞎说|吹)|"
    r"(?:这个|这话|这种话)(?:可|真)?(?:不能|不敢|没法|不好)(?:说|讲|保证)|"
    r"别信|不要信|千万别信|没那回事|没这回事|没这么回事)"
)
_ANSWER_YES_ZH = re.compile(
    _PREFACE_ZH + r"(?:是的|是啊|是呀|对的?|当然|肯定|必须|没错|那必须|可以的?|能的?|有的|绝对|保证|放心)"
)
_WINK_ZH = re.compile(r"你懂的|懂的都懂|心里有数|自己体会|不方便说|不让说|不能明说|私信|私聊|懂我意思")


def put_to_host_zh(sentence: str) -> bool:
    """A sentence the host answers rather than asserts: a viewer's words read aloud, a (non-rhetorical) question, or a
    line cut off mid-claim."""
    text = sentence.strip()
    if _PUT_CUT_OFF_ZH.search(text) or _PUT_REPORTED_ZH.search(text):
        return True
    return bool(_PUT_QUESTION_ZH.search(text)) and not _RHETORICAL_ZH.search(text)


def answer_denies_zh(sentence: str) -> bool:
    """The next sentence opens with a denial or a correction, without a yes or a wink."""
    text = sentence.strip()
    if _WINK_ZH.search(text) or _ANSWER_YES_ZH.match(text):
        return False
    return bool(_ANSWER_DENIES_ZH.match(text))


def answer_affirms_zh(sentence: str) -> bool:
    """The answer opens with a yes, or winks."""
    text = sentence.strip()
    return bool(_ANSWER_YES_ZH.match(text) or _WINK_ZH.search(text))
