"""Clause-level decisions for a candidate: which clause it sits in, whether it is negated, asked, reported,
or covered by a rule's requirements and exceptions.

A keyword hit is only a candidate (compliance reference §0): the speaker may be denying the claim ("我们不说能治病",
"it doesn't cure anything"), repeating a viewer's question in order to refuse it ("有人问能不能降血糖"), or warning
about other people's claims ("如果有人跟你说能治病，千万别信").

English (issue #4) bounds the same decisions in words, since speech-recognition English has no punctuation: a negation
within five words, a refusal verb ("never say", "can't claim") within twelve, a viewer's question read aloud up to the
host's answer — each stopped by a contrast or a new subject ("but", "it's", "this is", "yes"); refusals, denials and
condemnation right after the term; and a negated verb inside the matched phrase when its subject is the speaker or a
public body.
"""

from __future__ import annotations

import re

from training_app.scoring.matching import Candidate
from training_app.scoring.text import CLAUSE_SEP

_NEG_ZH = re.compile(
    r"(不是|不说|不讲|不搞|不做|不玩|从不|从来不|没搞过|没做过|不敢(?!相信|想象)|不敢说|不能说|不会说|不可以说|不吹|不承诺|不保证|不能|不会|没有|没|并不|并非|绝不是|不算|"
    r"谈不上|称不上|算不上|不要说|别说|别把|不要把|不能把|不把|没把|不会把|不写|不印|不标|别拿|不要拿|不能拿|别当|不要当|不能当|不属于|不具备|不具有|不代表|不等于|无法|不可能|做不到|达不到|不宣传|不宣称|不提|不叫|不能叫|不敢叫|"
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
    r"^[^,.!?;]{0,12}?(?:这种|那种|这个|那个|这些|那些|这类|那类|这样的|那样的|的|这|那)(?:话|词|词儿|字|字眼|说法|叫法|名头)"
    r"[^,.!?;]{0,8}?(?:不能|不可以|不准|不许|不让|别|不要|不|从不|绝不|没)(?:敢)?(?:乱|瞎|随便|随意|轻易)?"
    r"(?:说|讲|用|提|写|打|叫|引用|碰|沾)"
    r"|^[^,.!?;]{0,6}?(?:什么|啥)[^,.!?;]{0,4}?(?:我|咱|俺|我们|咱们|俺们)?(?:可|也|真|就|是)?"
    r"(?:不知道|不晓得|不清楚|不了解|没见过|说不好|说不准)"
)
# The term said to be absent ("有机的没有", "有机、地标都没有"): the clause ends right after 没有. Only a list of short
# terms ("一点辣椒都没有" says what something lacks); the last term of the list is _POSTNEG_NONE_LAST_ZH.
_POSTNEG_NONE_ZH = re.compile(
    r"^(?:的|[、和跟与及](?![一半任丝])[^,.!?;、]{1,4})(?:我们|咱们|咱|俺们|这边)?(?:都|也|还|可)?(?:没有|没)"
    r"(?:啊|呀|哈|的)?[\s。！？]*$"
)
_POSTNEG_NONE_LAST_ZH = re.compile(r"^(?:都|也)(?:没有|没)(?:啊|呀|哈|的)?[\s。！？]*$")
# ... or we say we have not got it ("有机我们没认证", "有机这个我们没有"), the clause ending there.
_POSTNEG_NOT_OURS_ZH = re.compile(
    r"^(?:这个|这块|这方面|这一块)?(?:我们|咱们|咱|俺们|我们家|咱家)(?:都|也|还|可|是)?(?:没有|没)"
    r"(?:认证|办|做|申请|拿到)?过?(?:啊|呀|哈|的)?[\s。！？]*$"
)
_LIST_SEP_ZH = ("、", "和", "跟", "与", "及")
# The term said to be unrelated ("跟现在的啥特供没关系"): 跟/和/与 before it, 没关系/无关 right after it.
_UNRELATED_BEFORE_ZH = re.compile(r"(?:跟|和|与)[^,.!?;、]{0,8}$")
_UNRELATED_AFTER_ZH = re.compile(r"^[^,.!?;、]{0,2}?(?:没(?:有)?(?:什么|啥|任何)?关系|无关|不沾边|不搭边|不相干)")
# ... or in the next clause: "全网最低价，这个我们不敢说".
_POSTNEG_NEXT_ZH = re.compile(
    r"^\s*(?:这个|这话|这种话|这点|这一点)(?:我|咱|俺|我们|咱们|俺们)?(?:可|也|都|真)?"
    r"(?:不敢|不会|不能|没法)(?:说|讲|保证|打包票|承诺)"
)
_QUESTION_ZH = re.compile(r"(能不能|会不会|可不可以|是不是能|有没有(?:用|效|作用)|能否|是否)")
# a closing quote may follow 吗/么 (a viewer's question read aloud: “…是有机的吗”。); not "…稳了呢。"
_QUESTION_END_ZH = re.compile(r'(吗|么|呢)\s*[?]?\s*$|(吗|么)\s*[?]?\s*[”"’」』]\s*[?。]?\s*$')
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
    r"有的(?:主播|商家|人)[^,.!?]{0,4}说|别人(?:说|吹)|如果有人|要是有人|千万别信|不要相信|别上当|虚假宣传|别听[^,.!?]{0,4}(?:说|讲|吹|传))"
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


# ---- English scope (issue #4) ----------------------------------------------------------------------------------------
# Speech-recognition English has no punctuation, so a "clause" can be a whole run-on: negation, refusal and reported
# questions are bounded in words and stop where a new subject or turn begins ("but", "it's", "this is", "yes").
_W_EN = r"[\w'’-]+"
_TURN_EN = re.compile(
    r"\b(?:but|however|though|although|instead|because|except|yes|yeah|yep|of course|sure|absolutely|definitely|"
    r"well|actually|trust me|let me tell you|i(?:'ll| will| can) tell you|i can say|we can say|what i can|"
    r"it'?s|it is|this is|that'?s|that is|these are|those are|they are|they'?re|we are|we'?re|here is|here'?s|"
    r"i(?:'m| am)|you are|you'?re)\b"
)
# Negations that do not deny what follows: urgency ("don't miss the number one rice"), "no doubt", "not just".
_NOT_A_DENIAL_EN = re.compile(
    r"(?:no|not|never|don'?t|dont|do not|nothing)\s+(?:miss|forget|wait|hesitate|worry|be shy|be late|doubt|question|"
    r"kidding|joke|lie|lying|just|only|but|even|ever|wonder|surprise|problem)\b"
)
_NEG_WORD_EN = re.compile(
    r"\b(?:not|never|no(?!\.1)|nothing|cannot|can'?t|cant|won'?t|wont|don'?t|dont|doesn'?t|doesnt|didn'?t|didnt|"
    r"isn'?t|isnt|aren'?t|arent|wasn'?t|wasnt|shouldn'?t|wouldn'?t|couldn'?t|haven'?t|havent|hasn'?t|hasnt|"
    r"nor|neither|none)\b"
)
_NEG_REACH_EN = 5
# A negative subject denies its complement across "here is"/"of it is" ("nothing here is organic certified", "none of
# our honey is organic"); a comparative after it is a claim ("nothing is better", "none is cheaper") and stays.
_NEG_SUBJECT_EN = re.compile(
    r"\b(?:nothing|none)\b(?:\s+" + _W_EN + r"){0,4}?\s+(?:is|are|was|were)\s+(?:(?:certified|labell?ed|called|really|"
    r"actually|officially)\s+)?$"
)
_COMPARATIVE_EN = re.compile(r"(?:\w+er|as|more|like|comparable|better|best)\b")
# A refusal verb governs a longer object ("never say 'the county guarantees it' or 'special supply'", "we would never
# call it organic"); only a contrast ends it ("… but i can say …").
_REFUSAL_EN = re.compile(
    r"\b(?:not|never|cannot|can'?t|cant|won'?t|wont|don'?t|dont|do not|doesn'?t|does not|didn'?t|did not|"
    r"wouldn'?t|would not|shouldn'?t|should not|must not|mustn'?t|may not|haven'?t|havent|hasn'?t|have not|"
    r"has not|refuse to|dare not|avoid|stop|no longer|(?:nobody|no one|no-one|none of us)\s+(?:should|can|may|could|"
    r"would|will|is allowed to|dares? to))\s+(?:(?:honestly|really|ever|even|just|truthfully|legally|personally|"
    r"going to|gonna|about to|able to|allowed to|supposed to|here to|dare to|dare|ever)\s+){0,2}"
    r"(?:say|said|saying|claim|claimed|claiming|call|called|calling|use the (?:word|words|term|terms|phrase)|write|"
    r"wrote|print|printed|promise|promised|guarantee|guaranteed|advertise|advertised|label|labell?ed|mention|state|"
    r"use (?:words|terms|phrases|expressions|claims|slogans) (?:like|such as)|(?:know|say|tell|confirm|sure) "
    r"(?:if|whether))\b"
    r"|\bavoid (?:saying|claiming|calling|writing|words|terms|phrases|expressions|claims|slogans)\b"
    r"|\b(?:fined|punished|penali[sz]ed|banned|reported|sanctioned|suspended) for (?:saying|claiming|calling|writing|"
    r"printing|advertising)\b"
)
_REFUSAL_REACH_EN = 12
_CONTRAST_EN = re.compile(
    r"\b(?:but|however|instead|though|although|i can say|we can say|what i can|what we can|i(?:'ll| will) say|"
    r"i can (?:tell|show|promise)|we can (?:tell|show|promise))\b"
)
# The claim named and then disowned right after it: "number one i can't say", "zero nobody honestly can",
# "organic we never claimed", "wuchang no it's not".
_REFUSED_AFTER_EN = re.compile(
    r"^(?:\W+" + _W_EN + r"){0,4}?\W+"
    r"(?:(?:i|we|you|one|anyone)\s+(?:(?:honestly|really|just|truthfully|simply|ever|even|legally)\s+)?"
    r"(?:can'?t|cant|cannot|can not|won'?t|wont|don'?t|dont|do not|never|would never|wouldn'?t|would not|"
    r"couldn'?t|could not|shouldn'?t|must not|am not allowed to|are not allowed to|aren'?t allowed to|"
    r"'re not allowed to|'m not allowed to|re not allowed to|m not allowed to|refuse to|dare not|don'?t dare)"
    r"\s+(?:honestly\s+|really\s+)?(?:say|said|claim|claimed|call|promise|guarantee|write|print|confirm|prove)"
    r"|(?:nobody|no one|no-one)\s+(?:(?:honestly|really|truthfully)\s+)?(?:can|could)"
    r"(?:\s+(?:honestly\s+)?(?:say|claim|promise|guarantee))?"
    r"|(?:i|we)\s+(?:really\s+|honestly\s+)?(?:don'?t|dont|do not)\s+(?:really\s+)?know(?:\s+(?:about that|for sure))?"
    r"|(?:i'?m|i am|we'?re|we are)\s+not\s+sure)"
    r"(?:\s+(?:that|it|this|so|for sure|either|here|on air|honestly|publicly|about (?:it|that)|anything like that|"
    r"the word|that word|those words))*"
    r"\s*(?=$|[,.;:!?]|\s+(?:but|however|instead|though|what|i can|we can|and|so|because|nobody|no one|only|just)\b)"
)
_DENIED_AFTER_EN = re.compile(
    r"^\W*(?:no|nope)\W+(?:no\W+)?(?:it|its|this|that|they|these|those|we)(?:'s|’s| is| are|'re| do| does| did)?\s+"
    r"not\b"
    r"|^\W*(?:(?:it|its|this|that|they|these|those)(?:'s|’s| is| are|'re)?\s+(?:not|isn'?t|aren'?t)|not (?:yet|really|"
    r"exactly|quite|at all|certified|officially))(?=\W*$|[,.;:!?]|\s+(?:but|just|only|its|it's|it is|we|they|these|"
    r"this|i)\b)"
)
# A negated auxiliary before its subject asks a question that asserts: "isn't it the best", "don't you love it".
_NEG_QUESTION_EN = re.compile(
    r"(?:isn'?t|isnt|aren'?t|arent|wasn'?t|wasnt|doesn'?t|doesnt|don'?t|dont|didn'?t|didnt|wouldn'?t|couldn'?t|"
    r"won'?t|wont|can'?t|cant)\s+(?:it|this|that|they|these|those|you|we|he|she|there)\b"
)
# Reported questions and viewers' comments read aloud: "a viewer asks is this …", "a comment says are they …",
# "someone typed … asking which one".
_ASKS_EN = re.compile(
    r"(?<!will )(?<!'ll )(?<!would )(?<!start )(?<!begin )(?<!going to )"
    r"\b(?:asks?|asked|asking|wants? to know|wanted to know|wonders?|wondering|wondered)\b"
    r"(?:\s+(?:me|us|you|here|again|about|in the (?:chat|comments?))){0,2}\W+"
    r"(?:(?:is|are|was|were|does|do|did|can|could|will|would|should|has|have)\s+\w+|which|how|whether|if)\b"
    r"|\b(?:comment|chat|message|viewer|q)\s*[:\-]\s*(?:is|are|was|were|does|do|did|can|could|will|would|should)\s+"
    r"(?:it|this|that|they|these|those|the|your|you|there|our|its|any|all)\b"
    r"|\b(?:a |one |next |another |the )?question (?:from \w+\W+)?(?:in the (?:chat|comments?)\W+)?"
    r"(?:(?:is|are|was|were|does|do|did|can|could|will|would|should)\s+\w+|whether|if)\b"
    r"|\b(?:says|said|typed|types|wrote|writes|posted|commented|comments)(?:\s+(?:here|in the (?:chat|comments?)))?"
    r"\W+(?:is|are|was|were|does|do|did|can|could|will|would|should)\s+(?:it|this|that|they|these|those|the|your|you|"
    r"there|our|its|any|all)\b"
)
_ANSWERED_EN = re.compile(
    r"\b(?:yes|yeah|yep|no(?!\.1)|nope|of course|sure|absolutely|well|but|however|the answer|my answer|"
    r"i(?:'ll| will| can) tell you|let me tell you|i say)\b"
)
_CHAT_EN = re.compile(
    r"\b(?:someone|somebody|a viewer|viewers|a fan|fans|a comment|the chat|a customer|a friend|a user|a lady|"
    r"an auntie|many of you|some of you|a lot of you|one of you)\b(?:\s+" + _W_EN + r"){0,4}?\s+"
    r"(?:typed|types|typing|wrote|writes|writing|posted|posts|commented|sent|says|said)\b"
)
_ASKING_AFTER_EN = re.compile(r"^(?:\W+" + _W_EN + r"){0,8}?\W+(?:asking|asks|asked|wants? to know)\b")
# Others' mistaken belief: "friends who thought they were california walnuts".
_BELIEF_EN = re.compile(
    r"\b(?:who|you|people|friends|some|many|they|viewers|others|customers|folks)\s+(?:(?:may|might|probably|"
    r"often|all)\s+)?(?:thought|think|assumed|assume|believed|mistook|mistake|confused|confuse|compare|compared|"
    r"liken|likened)\b"
)
_REPORT_REACH_EN = 12
# Other parties' words or orders, told as a case or a warning: "one county told every cadre to …", "if you hear a
# seller say …", "other hosts claim …".
_OTHERS_SAID_EN = re.compile(
    r"\b(?:one|another|other|others|some|a certain|that|those) (?:county|counties|township|townships|village|host|"
    r"hosts|seller|sellers|shop|shops|brand|brands|streamer|streamers|official|officials|company|companies|"
    r"livestream|stream|room|rooms|channel|channels|merchant|merchants)\s+(?:\w+\s+)?(?:told|ordered|forced|said|"
    r"say|says|claimed|claim|claims|wrote|write|advertised|advertise|promised|promise|made)\b"
    r"|\b(?:hear|see|read|catch)\s+(?:anyone|someone|somebody|a host|hosts|a seller|sellers|a shop|shops|an ad|ads|"
    r"people)\s+(?:say|saying|claim|claiming|write|writing|advertis\w+|promis\w+)\b"
)
# A refusal with a wink is no refusal: "'kang ai', i can't say the word here, but you know what i mean".
_WINK_EN = re.compile(
    r"\b(?:you know what i mean|you know what i'?m (?:saying|talking about)|you get (?:it|me|the idea|what i mean)|"
    r"wink|if you know you know|read between the lines|between us|draw your own conclusions?|figure it out|"
    r"(?:can'?t|cant|cannot|not allowed to|won'?t|wont) say (?:it|that|the word|that word|this word)? ?"
    r"(?:here|on air|on (?:the )?(?:stream|platform|camera|live|app)))\b"
)
# An inverted yes/no question left unpunctuated by speech recognition: "… and uh are they organic".
_INVERTED_EN = re.compile(
    r"(?:^\s*|\b(?:and|so|uh|um|now|ok|okay|also|then|or)\s+)(?:is|are|does|do|can|will|was|were|did)\s+"
    r"(?:it|this|that|they|these|those|the \w+|your \w+|our \w+)\b"
)
_YES_EN = re.compile(r"\b(?:yes|yeah|yep|of course|sure|absolutely|definitely|totally|it is|they are|guaranteed)\b")
# A term named in order to condemn or teach: "… X that is forbidden", "X is false advertising".
_CONDEMNED_AFTER_EN = re.compile(
    r"^(?:\W+" + _W_EN + r"){0,8}?\W+(?:(?:is|are|was|were|that'?s|it'?s|would be|counts as)\s+(?:\w+\s+){0,3}?"
    r"(?:illegal|forbidden|not allowed|banned|prohibited|a violation|violations|against the (?:law|rules)|"
    r"false advertising|misleading|a lie|lies|a myth|fake news|not true|untrue|a scam|nonsense|made up|rubbish|"
    r"unlawful|against (?:the )?(?:\w+ )?(?:law|laws|rules|regulations)|an? (?:absolute|extreme|banned|forbidden|"
    r"prohibited|sensitive|illegal) (?:term|word|phrase|claim|expression)s?)\b"
    r"|(?:was|were) (?:a mistake|an error|wrong)\b"
    r"|(?:violates|breaks|breaches|violate|break|breach) (?:the )?(?:\w+ )?(?:law|laws|rules|regulations)\b"
    r"|(?:sorry\W+)?(?:i misspoke|i take (?:that|it) back|let me correct (?:myself|that)|scratch that|strike that|"
    r"i shouldn'?t have said (?:that|it)|i should not have said (?:that|it))\b"
    r"|(?:isn'?t|aren'?t|is not|are not)\s+(?:something|a word|a term|a phrase|a claim|words|terms|claims|what)\s+"
    r"(?:i|we|you|anyone|hosts|sellers)\s+(?:(?:can|could|should|may|are allowed to)\s+)?(?:\w+\s+)?"
    r"(?:say|claim|use|make|promise|print)"
    r"|(?:is|are)\s+(?:something|a word|a term|a phrase|a claim|words|terms|claims|what)\s+"
    r"(?:i|we|you|anyone|hosts|sellers)\s+(?:can'?t|cant|cannot|can not|never|don'?t|dont|must not|aren'?t allowed to|"
    r"are not allowed to)\s+(?:\w+\s+)?(?:say|claim|use|make|promise|print))"
)
# One's own former wording retracted in the same run: "the boxes used to say green food that was a mistake".
_FORMER_BEFORE_EN = re.compile(
    r"\b(?:used to|once|previously|originally|wrongly|mistakenly)\s+(?:\w+\s+)?(?:say|said|call|called|write|wrote|"
    r"print|printed|label|labell?ed|claim|claimed|advertise|advertised)\b(?:\W+" + _W_EN + r"){0,6}\W*$"
)
# Old packaging's wording, told as a thing of the past: "the old boxes used to say green food".
_FORMER_PACKAGING_EN = re.compile(
    r"\b(?:boxes|box|labels?|packaging|packages?|bags?|jars?|bottles?|cartons?|stickers?|posters?|listing|"
    r"website|page|old \w+)\s+(?:\w+\s+)?used to (?:say|read|show|carry|call (?:it|them))\b"
    r"(?:\W+" + _W_EN + r"){0,6}\W*$"
)
_RETRACTED_AFTER_EN = re.compile(
    r"\b(?:a mistake|an error|a misprint|was wrong|were wrong|not true|corrected|removed|took (?:it|that|them) off|"
    r"threw (?:them|those|it)|stopped|no longer|never had|never got|don'?t have|withdrawn|reprinted)\b"
)
# A speaker or a named body saying what it does not do, inside the matched phrase: "as an official i can't use my
# position to guarantee", "the ministry does not recommend". "You can't find better" and "nobody sells cheaper" are
# claims and stay.
_INNER_NEG_EN = re.compile(
    r"\b(?:i|we|he|she|they|ministry|government|county|township|bureau|department|official|officials|leaders?|"
    r"committee|party|state)\s+(?:(?:really|just|will|would|do|does|did|am|is|are|simply|personally)\s+)?"
    r"(?:can'?t|cant|cannot|can not|won'?t|wont|will not|don'?t|dont|do not|doesn'?t|doesnt|does not|didn'?t|"
    r"did not|would not|wouldn'?t|never|not(?!\s+only\b))\b"
)


def _words(text: str) -> int:
    return len(re.findall(_W_EN, text))


def _sentence_start(sentence: str, pos: int) -> int:
    start = 0
    for m in _SENTENCE_STOP.finditer(sentence, 0, pos):
        start = m.end()
    return start


def _negated_en(sentence: str, cand: Candidate) -> bool:
    """A negation within a few words before the candidate in its clause, or a refusal verb further back in its
    sentence, with no new subject or contrast in between; a refusal right after it; or a negated verb inside the
    matched phrase whose subject is the speaker or a public body."""
    if _WINK_EN.search(sentence, cand.end):
        return False
    left, _ = clause_bounds(sentence, cand.start, cand.end)
    before = sentence[left : cand.start]
    for m in _NEG_WORD_EN.finditer(before):
        between = before[m.end() :]
        if _NOT_A_DENIAL_EN.match(before, m.start()) or _NEG_QUESTION_EN.match(before, m.start()):
            continue
        if _words(between) <= _NEG_REACH_EN and not _TURN_EN.search(between):
            return True
    if _NEG_SUBJECT_EN.search(before) and not _COMPARATIVE_EN.match(sentence, cand.start):
        return True
    wide = sentence[_sentence_start(sentence, cand.start) : cand.start]
    for m in _REFUSAL_EN.finditer(wide):
        between = wide[m.end() :]
        if _words(between) > _REFUSAL_REACH_EN or _CONTRAST_EN.search(between):
            continue
        # the refused words may open with a subject ("never say it's the best"); a new subject later, outside
        # quotation marks, is the speaker's own voice again ("nobody can say a bad word about it, it's the best")
        # and outside quotation marks the refusal does not cross a clause break ("i won't say it twice, lowest price")
        quoted = bool(re.search(r"[\"“”‘]|(?:^|\s)'", between))
        if quoted or not (
            CLAUSE_SEP.search(between) or any(_words(between[: t.start()]) >= 3 for t in _TURN_EN.finditer(between))
        ):
            return True
    if _DENIED_AFTER_EN.match(sentence[cand.end :]):
        return True
    inner = sentence[cand.start : cand.end]
    inner_neg = _INNER_NEG_EN.search(inner, 1)
    return bool(inner_neg and _words(inner[inner_neg.end() :]) <= 6)


def _asked_or_reported_en(sentence: str, cand: Candidate) -> bool:
    """A viewer's question or comment read aloud (up to the host's answer), others' mistaken belief, or an
    unpunctuated yes/no question that runs from the candidate to the end of its sentence."""
    start = _sentence_start(sentence, cand.start)
    before = sentence[start : cand.start]
    # reported speech covers the candidate unless the host has answered in between ("… asks if it … yes it …")
    reported = _REPORTED_EN.finditer(sentence, 0, cand.start)
    if any(not _ANSWERED_EN.search(sentence, m.end(), cand.start) for m in reported):
        return True
    for m in _ASKS_EN.finditer(before):
        between = before[m.end() :]
        if _words(between) <= _REPORT_REACH_EN and not (
            _ANSWERED_EN.search(between) or any(_words(between[: t.start()]) >= 3 for t in _TURN_EN.finditer(between))
        ):
            return True
    for m in _OTHERS_SAID_EN.finditer(before):
        between = before[m.end() :]
        if _words(between) <= _REPORT_REACH_EN and not _ANSWERED_EN.search(between):
            return True
    for m in _BELIEF_EN.finditer(before):
        between = before[m.end() :]
        if _words(between) <= 6 and not _ANSWERED_EN.search(between):
            return True
    chats = list(_CHAT_EN.finditer(before))
    if chats and _words(before[chats[-1].end() :]) <= 6 and _ASKING_AFTER_EN.match(sentence[cand.end :]):
        return True
    stop = _SENTENCE_STOP.search(sentence, cand.end)
    end = stop.start() if stop else len(sentence)
    rest = sentence[cand.end : end]
    inverted = list(_INVERTED_EN.finditer(before))
    return bool(
        inverted
        and "?" not in sentence[start : end + 1]
        and _words(before[inverted[-1].end() :]) <= 6
        and not _TURN_EN.search(before[inverted[-1].end() :])
        and _words(rest) <= 4
        and not _YES_EN.search(rest)
    )


# A term answered "no" on its own: "free-range, yes. organic, no." (a tag "…, no?" asks for agreement and stays).
_ANSWERED_NO_EN = re.compile(r"^\W{0,3}(?:no|nope|not really|not yet|not at all)\s*[.!]?\s*$")
# "number one" counting points, not ranking: "number one: we ship from …", "number one … number two …".
_ENUMERATION_EN = re.compile(r"\b(?:no\.2|number two|secondly|second point|point two)\b")


def _term_refused_en(sentence: str, cand: Candidate) -> bool:
    """The term named and condemned right after it ("X is false advertising", "X that was a mistake"), answered "no",
    counted as a point, asked by a viewer, or one's own former wording retracted later in the same run."""
    after = sentence[cand.end :]
    if _WINK_EN.search(after):
        return False
    if _ANSWERED_NO_EN.match(after):
        return True
    if re.fullmatch(r"(?:number one|no\.1)", sentence[cand.start : cand.end]) and (
        re.match(r"\s*:", after) or _ENUMERATION_EN.search(after)
    ):
        return True
    before_in_sentence = sentence[_sentence_start(sentence, cand.start) : cand.start]
    for m in _ASKS_EN.finditer(before_in_sentence):
        between = before_in_sentence[m.end() :]
        if _words(between) <= _REPORT_REACH_EN and not _ANSWERED_EN.search(between):
            return True
    if _CONDEMNED_AFTER_EN.match(after) or _REFUSED_AFTER_EN.match(after):
        return True
    before = sentence[max(0, cand.start - 80) : cand.start]
    if _FORMER_PACKAGING_EN.search(before):
        return True
    return bool(_FORMER_BEFORE_EN.search(before) and _RETRACTED_AFTER_EN.search(after[:160]))


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
        disowned = (
            disowned
            or bool(_POSTNEG_NONE_ZH.match(after) or _POSTNEG_NOT_OURS_ZH.match(after))
            or bool(
                cand.end - cand.start <= 4
                and sentence[: cand.start].endswith(_LIST_SEP_ZH)
                and _POSTNEG_NONE_LAST_ZH.match(after)
            )
            or bool(_UNRELATED_BEFORE_ZH.search(before) and _UNRELATED_AFTER_ZH.match(after))
        )
        return bool(_NEG_ZH.search(before) or _NEG_ZH_ADJ.search(before) or disowned)
    return _negated_en(sentence, cand)


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
        asked = asked or _quoted_question_zh(sentence, cand) or _question_then_pause_zh(sentence, cand, clause, right)
        answers = [m.end() for m in _ANSWER_ZH.finditer(sentence, 0, cand.start)]
        return asked or bool(_REPORTED_ZH.search(sentence, answers[-1] if answers else 0, cand.start))
    if (
        _QUESTION_EN.search(sentence)
        and not re.search(r"\b(did you know|you know what)\b", sentence)
        and not is_rhetorical(sentence, cand, lang)
    ):
        return True
    return _asked_or_reported_en(sentence, cand)


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
# One's own words called a slip right after them ("刚才说卖了一千单是我口误", "说三万单说错了").
_RETRACTED_ZH = re.compile(
    r"^[^,.!?;]{0,3}?(?:是|算)?(?:我|咱|主播)?(?:的)?(?:口误|说错了|说错|说岔了|嘴瓢|说秃噜了?|说多了|多说了)"
)
_ACT_UNLAWFUL_ZH = re.compile(r"^[^,.!?;]{0,2}(?:是|属于|都是)?(?:违法|违规|犯法|不对|不允许|不合法)的?")


# ---- Mandarin lawful-use families (issue #4, r8) ---------------------------------------------------------------
# Written per "Do NOT flag" family of the compliance reference rather than per sentence.
#
# Quoted words: a viewer's question read aloud in quotes ("“橙子是有机的吗”，不是…"), or someone's draft wording quoted
# and then corrected or condemned ("学员原稿写“有机香菇”，我改成…", "有人让我们写「特供」，这个词不能用").
_OPEN_QUOTES = '“「『‘"'
_CLOSE_QUOTES = {"“": "”", "「": "」", "『": "』", "‘": "’", '"': '"'}
_QUOTED_QUESTION_ZH = re.compile(r"(?:吗|么|呢|嘛|\?)\s*$")
_CORRECTED_AFTER_ZH = re.compile(
    r"(?:改成|改为|换成|改一下|改了|这么改|纠正|更正|去掉|删掉|拿掉|不能(?:这么|这样|乱)?(?:说|写|用|讲|叫)|不会用|不用这|"
    r"别(?:这么|这样)?(?:说|写|用)|违规|违法|被[^,.!?;]{0,6}(?:查|罚|处罚)|不对|没有这回事|没这回事|别当真|不是一回事)"
)
# ... and without quotes (speech recognition): the draft named as such before the candidate.
_DRAFT_BEFORE_ZH = re.compile(
    r"(?:原稿|原话|原来(?:说|写)|原先(?:说|写)|练习(?:的时候)?说|说了(?:一)?句|写的是|学员(?:说|写))[^,.!?;]{0,12}$"
)


def _quoted(sentence: str, cand: Candidate) -> str | None:
    """The quoted span around the candidate (without its quote marks), if the candidate lies inside quotes."""
    opened: tuple[int, str] | None = None
    for i, ch in enumerate(sentence):
        if opened is None:
            if ch in _OPEN_QUOTES:
                opened = (i, ch)
        elif ch == _CLOSE_QUOTES[opened[1]] or (opened[1] == '"' and ch == "”"):
            if opened[0] < cand.end <= i:  # the candidate ends inside the quote
                return sentence[opened[0] + 1 : i]
            opened = None
        if i >= cand.end and opened is None:
            break
    if opened is not None and opened[0] < cand.end:
        return sentence[opened[0] + 1 :]  # the quote runs to the end of the sentence
    return None


def _question_then_pause_zh(sentence: str, cand: Candidate, clause: str, right: int) -> bool:
    """A 吗-question clause followed by a pause and no yes ("能治病吗，不能…"; speech recognition "…吗、不这么说")."""
    if right >= len(sentence) or sentence[right] not in ",、" or right - cand.end > _RUN_ON_REACH:
        return False
    if not re.search(r"吗\s*$", clause) or is_rhetorical(sentence, cand, "zh"):
        return False
    if re.search(r"(?:不|没|还|难道|哪)[^,、]{0,6}吗\s*$", clause):
        return False  # "你们还不信吗", "这不香吗" assert
    return not _ANSWER_YES_ZH.match(sentence[right + 1 :])


def _quoted_question_zh(sentence: str, cand: Candidate) -> bool:
    quoted = _quoted(sentence, cand)
    return quoted is not None and bool(_QUOTED_QUESTION_ZH.search(quoted.rstrip("。.")))


def _draft_corrected_zh(sentence: str, cand: Candidate) -> bool:
    """Someone's wording quoted (or named as a draft) and corrected or condemned later in the sentence."""
    quoted = _quoted(sentence, cand) is not None
    if not quoted and not _DRAFT_BEFORE_ZH.search(sentence[max(0, cand.start - 24) : cand.start]):
        return False
    return bool(_CORRECTED_AFTER_ZH.search(sentence, cand.end))


# Certifications named in order to say we do not have them, to refuse the word, or to explain what the certification
# takes: "有机证我们没办，不能乱说", "有机我们不敢乱叫", "地标我不乱说", "有机要另外认证", "有机的那是另外的认证".
_CERT_NOT_OURS_ZH = re.compile(
    r"^(?:证|认证|证书|标|标志|的证|这个|这块|这方面)?[,、]?(?:我们|咱们|咱|我|俺|俺们|这款|这批|这个)(?:也|都|可|是|就|还|真)?"
    r"(?:没有?|没办|没做|没申请|不敢|不能|不会|不|从不|绝不)(?:乱|瞎|随便|轻易)?"
    r"(?:办|做|申请|拿到|认证|说|讲|叫|写|用|提|标)?过?(?:啊|呀|哈|的|了)?\s*(?=[,.!?;、。]|$)"
)
_CERT_EXPLAINED_ZH = re.compile(
    r"^(?:的)?(?:那|这)?(?:是|要|需要|得|必须|还得)(?:另外|单独|专门|另一种|另一个|不同|经过|通过|拿到|有)?的?(?:去)?"
    r"(?:认证|申请|办证|证书|审核)"
)
_CERT_CARDS = ("CERT-01", "CERT-02", "CERT-03")
# NAT-01: one post-harvest treatment said to be absent and explained by what the buyer sees or must do (a verifiable
# process fact: "没有打蜡，所以表皮不那么亮"), as opposed to a stack of absences or "纯天然/零/任何" framing.
_PROCESS_TERM_ZH = re.compile(r"打蜡|蜡|保鲜剂|硫磺|熏|药水|漂白|洗白")
_PROCESS_EXPLAINED_ZH = re.compile(
    r"所以|因此|是正常的|正常的|本来的颜色|原来的颜色|本身的|洗一下|擦一下|不太好看|不那么|没那么|发暗|不亮|"
    r"深浅不一|有深有浅|果粉|油胞|尽快吃|放两周|放冰箱|详情页"
)
_ABSOLUTE_FRAME_ZH = re.compile(
    r"纯天然|原生态|天然的|零|任何|什么都|啥都|一概|绝对|百分|100%|放心|一滴|一点(?:儿)?[^,.!?;、]{0,4}?(?:都|也)(?:没|不)|"
    r"干干净净|不含|化学|统统|全都|都不(?:打|用|加|泡|熏)"
)
_ABSENCE_ZH = re.compile(r"(?:没|不|无|零)(?:有)?(?:用|打|加|熏|泡|漂|洗)?(?:蜡|保鲜剂|硫磺|药水|漂白|防腐|色素|药)")


def _process_fact_zh(sentence: str, cand: Candidate) -> bool:
    if cand.rule.rule.card != "NAT-01" or not _PROCESS_TERM_ZH.search(sentence, cand.start, cand.end):
        return False
    if _ABSOLUTE_FRAME_ZH.search(sentence) or len(_ABSENCE_ZH.findall(sentence)) > 1:
        return False
    return bool(_PROCESS_EXPLAINED_ZH.search(sentence))


# MED-02 "停药" said of livestock, bees or crops (a withdrawal period before harvest is good practice, not a drug
# claim), or in advice to keep taking one's medicine ("别听谁说能停药", "我都劝你别停").
_WITHDRAWAL_ZH = re.compile(
    r"停药期|休药期|间隔期|兽医|取蜜|蜂螨|采前|采收前|采摘前|收割前|摘果前|下树前|出栏前|上市前|产蛋|下蛋|农药|打药|喷药|"
    r"(?:鸡|鸭|鹅|猪|牛|羊|鱼|蜂|蜜蜂|果树|稻子|庄稼)(?:群)?(?:生病|病了|得病|有病)"
)
_KEEP_MEDICINE_ZH = re.compile(
    r"别停|不要停|不能停|不可以停|千万别停|按时吃药|按时服药|遵医嘱|听医生的|规律服药|别听[^,.!?;]{0,6}说"
)
# A consumption tip, not a product boast: "开封后一个月内喝完口感最好", "冰镇一下最好吃" (SAMR guide: best-before and
# storage advice are excluded).
_TIP_BEFORE_ZH = re.compile(
    r"(?:之内|以内|内|之前|以前|之后|以后|后|的时候|时候|冰镇|冷藏|冻|泡|煮|蒸|熬|放|醒|焖|喝完|吃完|用完|开封|开袋|开罐)"
    r"[^,.!?;]{0,6}$"
)
_TIP_END_ZH = re.compile(r"(?:吃|喝|用|闻)?(?:了|啊|呀|哈|呢)?\s*(?=[,.!?;。、]|$)")
# A-not-A said of the claim itself ("养胃不养胃我不知道", "什么补脑不补脑的"): the host leaves it open.
_DEFLECT_AFTER_ZH = re.compile(
    r"^[^,.!?;]{0,3}?(?:是|归|得|要|请|就|还是)?(?:去|找|问|看|靠|听)?(?:医院|医生|大夫|皮肤科|门诊|药)(?:的事|的功劳|管的|来管)"
    r"|^[^,.!?;]{0,2}?(?:不行|不管用|做不到|办不到|不可能|没那回事|没这回事)(?:啊|呀|哈|的)?\s*(?=[,.!?;。]|$)"
)


# The health term describes the audience, not the product's effect: "控糖的朋友吃多少请问医生", "减肥的人".
_AUDIENCE_AFTER_ZH = re.compile(r"^(?:的)(?:朋友|人|家人|老人|姐妹|兄弟|顾客|人群|群体|宝宝)")
_EFFECT_ZH = re.compile(r"瘦|掉|斤|效果|管用|见效|降下来|降了|稳住|稳了|好了|治好|有用")


def _medicine_kept_zh(sentence: str, cand: Candidate) -> bool:
    if "停药" not in sentence[cand.start : cand.end]:
        return False
    return bool(_WITHDRAWAL_ZH.search(sentence) or _KEEP_MEDICINE_ZH.search(sentence))


def _consumption_tip_zh(sentence: str, cand: Candidate) -> bool:
    if cand.rule.rule.card != "ABS-01":
        return False
    m = re.search(r"最好|最佳", sentence[cand.start : cand.end])
    if m is None:
        return False
    left, _ = clause_bounds(sentence, cand.start, cand.end)
    if not _TIP_END_ZH.match(sentence, cand.start + m.end()):
        return False  # "泡出来口感最好的就是我们家的" names the best one
    return bool(_TIP_BEFORE_ZH.search(sentence[left : cand.start + m.start()]))


def _left_open_zh(sentence: str, cand: Candidate) -> bool:
    """The claim asked as A-not-A right after itself, or sent to the doctor / called impossible right after it."""
    term = sentence[cand.start : cand.end]
    after = sentence[cand.end :]
    if len(term) <= 4 and after.startswith("不" + term[-2:]):
        return True
    if (
        cand.rule.rule.category == "health_claim"
        and _AUDIENCE_AFTER_ZH.match(after)
        and not re.search(r"(?:想|要|需要)$", sentence[: cand.start])
        and not _EFFECT_ZH.search(sentence)
    ):
        return True  # not "想减肥的朋友喝这个，一周瘦五斤"
    return bool(cand.rule.rule.category == "health_claim" and _DEFLECT_AFTER_ZH.match(after))


# A refusal verb right before the term, also for rules that are not negatable ("但我们不说零化肥"); not "不说假话".
_REFUSAL_BEFORE_ZH = re.compile(
    r"(?:不|没|从不|从来不|不敢|不能|不会|不可以|不要|别|绝不)(?:跟[^,.!?;]{0,4})?"
    r"(?:说|讲|宣传|宣称|承诺|写|叫|提|吹|打包票)(?:什么|啥|过)?(?!假话|大话|虚的|别的|废话|瞎话|谎)[^,.!?;]{0,4}$"
)
_REFUSAL_INSIDE_ZH = re.compile(r"(?:从来|从|绝)?(?:不|没)(?:敢|能|会)?(?:说|讲|宣传|宣称|承诺|写|提|吹)(?!假|大话|谎)")
# ABS-01: a comparison within our own range ("这几个品种里纽荷尔是最甜的", "最受欢迎的是三斤装"),
# with no outside scope (全网, 全国, 别家 …).
_OWN_RANGE_ZH = re.compile(
    r"(?:这|那)?(?:几|两|三|四|所有)(?:个|款|种|样)?(?:品种|规格|口味|产品|款式|款)?(?:里|中|当中|里面|之中)"
    r"|最[^,.!?;]{1,5}的(?:是|就是|还是|要数|当属)[^,.!?;]{0,6}?(?:款|斤装|盒装|箱装|装|规格|口味|品种)"
)
_OUTSIDE_SCOPE_ZH = re.compile(
    r"全网|全国|全世界|世界|全球|国内|行业|业内|同行|别家|别人家|外面|市面|市场上|第一|之王|没有之一"
)


def _own_range_zh(sentence: str, cand: Candidate) -> bool:
    if cand.rule.rule.card != "ABS-01" or "最" not in sentence[cand.start : cand.end]:
        return False
    return bool(_OWN_RANGE_ZH.search(sentence)) and not _OUTSIDE_SCOPE_ZH.search(sentence)


# DATA-01 / DATA-03: a figure given with where to check it ("编号在置顶", "账本都在，欢迎来查").
_SOURCE_GIVEN_ZH = re.compile(
    r"编号|账本|账上有|台账|欢迎(?:来|大家)?(?:查|核实|监督)|可以(?:去)?查|能查到|公示|官网|统计局|公布的"
)


def lawful_use_zh(sentence: str, cand: Candidate) -> bool:
    """A Mandarin candidate in one of the lawful-use families above (r8)."""
    if _draft_corrected_zh(sentence, cand) or _process_fact_zh(sentence, cand):
        return True
    if cand.rule.rule.card in ("DATA-01", "DATA-03") and _SOURCE_GIVEN_ZH.search(sentence):
        return True
    if _medicine_kept_zh(sentence, cand) or _consumption_tip_zh(sentence, cand):
        return True
    if cand.rule.rule.negatable and _left_open_zh(sentence, cand):
        return True
    left, _ = clause_bounds(sentence, cand.start, cand.end)
    if _REFUSAL_BEFORE_ZH.search(sentence[left : cand.start]) or _own_range_zh(sentence, cand):
        return True
    if _REFUSAL_INSIDE_ZH.match(sentence, cand.start, cand.end):  # "从来不宣传零农残" matched as one phrase
        return True
    if cand.rule.rule.card in _CERT_CARDS:
        after = sentence[cand.end :]
        return bool(_CERT_NOT_OURS_ZH.match(after) or _CERT_EXPLAINED_ZH.match(after))
    return False


def is_term_refused(sentence: str, cand: Candidate, lang: str) -> bool:
    """The matched term is named as a word and refused, or its truth disclaimed, right after it; or quoted from
    someone else (or one's former self) and condemned later in the sentence; or the act itself called unlawful."""
    if lang != "zh":
        return _term_refused_en(sentence, cand)
    after = sentence[cand.end :]
    if _TERM_REFUSED_ZH.match(after) or _ACT_UNLAWFUL_ZH.match(after) or _RETRACTED_ZH.match(after):
        return True
    before = sentence[max(0, cand.start - 12) : cand.start]
    return bool(_OTHER_OR_FORMER_ZH.search(before) and _CONDEMNED_AFTER_ZH.search(after[:40]))


def keep_candidate(sentence: str, cand: Candidate, lang: str) -> bool:
    if not passes_requirements(sentence, cand) or hits_exception(sentence, cand):
        return False
    if is_term_refused(sentence, cand, lang):
        return False
    if lang == "zh" and lawful_use_zh(sentence, cand):
        return False
    if cand.rule.rule.negatable:
        return not (is_negated(sentence, cand, lang) or is_question_or_reported(sentence, cand, lang))
    return not is_asked(sentence, cand) or is_rhetorical(sentence, cand, lang)


# ---- English dialogue (issue #4) -------------------------------------------------------------------------------------
# Rules read one sentence at a time, so a viewer's question or comment read aloud ("someone asks if it's organic"), a
# bare question ("organic?") or a line cut off mid-claim ("it's organic honey—") is judged without the host's answer in
# the NEXT sentence. When that answer opens with a denial or a refusal ("no, it isn't", "not totally", "i won't say
# that"), or repeats the term only to refuse it ("… so i won't call the eggs organic"), the first sentence was put to
# the host and answered, not asserted. A "yes" or a wink keeps it a claim.
_PUT_CUT_OFF_EN = re.compile(r"(?:—|–|--|-|\.\.\.|…)\W*$")
_PUT_QUESTION_EN = re.compile(r"\?[\"'”’)\s]*$")
_PUT_REPORTED_EN = re.compile(
    r"\b(?:someone|somebody|some ?one|a viewer|viewers?|a fan|fans|a comment|comments|the chat|a customer|a user|"
    r"a lady|a man|an auntie|one of you|many of you|some of you|a lot of you|\w+ in the (?:chat|comments?))\b"
    r"[^.!?]{0,30}?\b(?:asks?|asked|asking|says|said|writes|wrote|writing|typed|types|typing|comments?|commented|"
    r"posted|posts|wants? to know|wondering|wonders)\b"
    r"|^\W*(?:viewer|comment|chat|question|message|q)\s*:"
)
_PREFACE_EN = (
    r"^\W*(?:(?:oh|ah|um|uh|well|okay|ok|sorry|thank you|thanks|friend|friends|dear|haha|ha|hmm|honestly|look|"
    r"listen|right|so|please)\W+){0,3}(?:but\s+)?"
)
_SELF_REFUSAL_EN = (
    r"(?:i|we)\s*(?:'m|'re| am| are)?\s*(?:(?:really|honestly|just|simply)\s+)?"
    r"(?:can'?t|cant|cannot|can not|won'?t|wont|will not|not going to|don'?t|dont|do not|never|wouldn'?t|would not|"
    r"shouldn'?t|should not|not allowed to|not able to)\s+(?:(?:really|honestly|ever|just|even)\s+)?"
    r"(?:say|said|claim|call|repeat|pass (?:that|it|this) on|promise|guarantee|make|confirm|agree|sell (?:them|it) as|"
    r"put it that way|go that far|tell you (?:that|it|so)|tell you it)\b"
)
# A denial that takes a statement back whatever came before: "no, …", "don't say …", a refusal.
_TAKES_BACK_EN = (
    r"(?:no|nope|nah)(?:\W*$|\W*[,.!;:—–-]|\s+(?:no|not|it|its|it's|that|that's|they|they're|these|those|we|i|"
    r"sorry)\b)"
    r"|(?:so\s+)?(?:don'?t|do not|never)\s+(?:say|call|sell|claim|write|put|repeat|use|believe|trust)\b"
    r"|" + _SELF_REFUSAL_EN
)
_ANSWER_DENIES_EN = re.compile(
    _PREFACE_EN + r"(?:" + _TAKES_BACK_EN + r"|not\b(?!\s+(?:only|just|bad|to mention|even)\b)"
    r"|nothing(?:'s|’s| is)\b|none\b"
    r"|(?:it|its|this|that|they|these|those|he|she)\s*(?:'s|’s|'re| is| are| does| do| did| was| were)?\s*"
    r"(?:not|isn'?t|aren'?t|doesn'?t|don'?t|didn'?t|wasn'?t|weren'?t)\b"
    r")"
    r"|^[^.!?]{0,40}?\bbut\s+" + _SELF_REFUSAL_EN
)
_ANSWER_YES_EN = re.compile(_PREFACE_EN + r"(?:yes|yeah|yep|yup|of course|sure|absolutely|definitely|totally|right)\b")


def put_to_host_en(sentence: str) -> bool:
    """A sentence the host answers rather than asserts: a question, a line cut off mid-claim, or a viewer's question
    or comment read aloud."""
    text = sentence.strip()
    if _PUT_QUESTION_EN.search(text) or _PUT_CUT_OFF_EN.search(text):
        return True
    return bool(_PUT_REPORTED_EN.search(text) or _ASKS_EN.search(text) or _CHAT_EN.search(text))


def answer_denies_en(sentence: str) -> bool:
    """The next sentence opens with a denial or a refusal, without a yes or a wink."""
    if _WINK_EN.search(sentence) or _ANSWER_YES_EN.match(sentence):
        return False
    return bool(_ANSWER_DENIES_EN.match(sentence.strip()))


def answer_affirms_en(sentence: str) -> bool:
    """The answer opens with a yes, or winks."""
    return bool(_ANSWER_YES_EN.match(sentence.strip()) or _WINK_EN.search(sentence))


# A host's own statement taken back in the next sentence, by the host or a co-host: "best walnuts in china— / actually
# scratch that, i can't back that up", "gi and green food, both. / sorry, correction, only the gi", "we sold ten
# thousand boxes! / no, it's about 1,200, the packing list is there". The statement was withdrawn before anyone could
# rely on it: a correction, not a claim. Narrower than an answer's denial: "not …", "nothing …", "it's not …" open
# assertions as often as corrections ("not one complaint in ten years"), so only "no, …", a refusal or an explicit
# correction counts.
_CORRECTION_EN = re.compile(
    _PREFACE_EN
    + r"(?:"
    + _TAKES_BACK_EN
    + r"|correction\b|(?:actually\W+)?(?:scratch|strike) that\b|i take (?:that|it) back\b"
    r"|let me (?:rephrase|correct|take (?:that|it) back|put (?:that|it) (?:properly|another way|differently|right))\b"
    r"|i (?:mis)?spoke\b|my (?:mistake|bad)\b|i was wrong\b|"
    r"that'?s (?:wrong|not (?:true|right|correct|accurate|allowed))\b)"
)
_BUT_REFUSES_EN = re.compile(r"^[^.!?]{0,40}?\bbut\s+" + _SELF_REFUSAL_EN)
SPEAKER_TAG_EN = re.compile(r"^\W*(?:co-?host|host|presenter|assistant|anchor|guest)\s*\d?\s*:\s*")


def corrects_en(sentence: str) -> bool:
    """The sentence opens by taking the previous one back (a correction, denial or refusal), without a yes or a wink."""
    text = sentence.strip()
    if _WINK_EN.search(text) or _ANSWER_YES_EN.match(text):
        return False
    return bool(_CORRECTION_EN.match(text) or _BUT_REFUSES_EN.match(text))


# ---- Mandarin dialogue (issue #4) ------------------------------------------------------------------------------------
# Across sentences: a line the host puts up only to answer it, then answers with a denial or a
# correction.
#
# Rules work per sentence, so a viewer's question read aloud ("评论问：是不是有机的？") or a slip the host takes back
# in the next breath ("我们这个米是有机……" / "不对不对，我们没有有机证") is flagged on its own. Here the sentence
# after it decides:
#
# - a line *put to the host*: a viewer's question or comment read aloud (有人问 / 评论说 / 弹幕里 …), any question
#   that is not rhetorical ("这品质能差吗？" asserts, so it is not put to anyone), or a line cut off mid-claim ("……");
# - followed by a *denial or correction* that opens the next sentence: 不是 / 不对 / 说错了 / 口误 / 不能这么说 /
#   说不了 / 没有这个说法 / 没有(这个)作用 … — but not a bare 没有 or 不会, which answer "有没有农残？" or "会不会坏？"
#   with a claim of their own ("没有，零农残"), and not a boast dressed as a denial ("不是我吹", "不是我说").
#
# Then that line's rule hits are dropped; the answer keeps its own hits, so "有人问能降血压吗？不是我吹，我爸吃了血压就
# 下来了" is still flagged on its second sentence, and a correction to a bigger claim ("不对，应该说全国第一") is
# flagged where it is said. The English counterpart is above (``put_to_host_en``).
_FILLER_ZH = r"(?:嗯|啊|哎|唉|呃|哦|噢|哈|诶|欸|那个|就是|家人们|朋友们|宝宝们|姐妹们|兄弟们|老铁们|亲|各位)"
_PUT_REPORTED_ZH = re.compile(
    r"(?:有(?:个|位)?(?:人|朋友|粉丝|家人|宝宝|观众|姐妹|兄弟|老铁|网友|顾客|买家|大哥|大姐|阿姨|叔叔)[^,.!?;。]{0,6}?"
    r"(?:问|说|留言|打字|发弹幕|评论|刷)|"
    r"(?:评论|弹幕|留言|公屏|评论区|直播间里?)[^,.!?;。]{0,6}?(?:问|说|有人|里|上|写)|"
    r"(?:观众|网友|粉丝|家人|朋友|宝宝|顾客)(?:们)?[^,.!?;。]{0,3}?(?:问|说|留言)|问我|你们问|在问|"
    r"原稿|原话|(?:学员|新手|同学)(?:原来|之前|刚才)?(?:说|写)|练习(?:的时候)?说)"
)
_PUT_QUESTION_ZH = re.compile(r"(?:\?|吗|么|嘛|呢)[\"'”’」)\s]*[。.]?\s*$")
_PUT_CUT_OFF_ZH = re.compile(r"(?:\.{2,}|…|—|–|-)\s*$")
_PREFACE_ZH = r"^[\s,.!。]*(?:" + _FILLER_ZH + r"[\s,.!。]*){0,3}"
# Opening denials and corrections. Bare 没有/不会/没 are left out on purpose (they can carry a claim of their own).
_ANSWER_DENIES_ZH = re.compile(
    _PREFACE_ZH + r"(?:"
    r"不是(?!我吹|我说|吹|我夸|我自夸|我跟你吹)|不对|不不|说错了|说错|口误|说顺嘴了?|嘴瓢|更正|纠正一下|哪有|哪能|"
    r"不能|不行|不可以|治不了|不敢说|不敢讲|不敢保证|不能保证|(?:这个|这)(?:可|真|肯定)?(?:不行|治不了)|"
    r"(?:我|老师)?(?:给|帮)?(?:你们|大家|他|她|学员)?(?:改成|改为|改一下|换成|这么改)|"
    r"(?:(?:我们|咱们|我|咱|俺|咱家|我们家|这个)(?:这|也|可|都|就)?)?没有?(?:这个|这种|那个|那种)?"
    r"(?:说法|作用|功效|疗效|效果|证|认证|证书|划线价|原价|排名|讲究)|"
    r"(?:这个|这话)?(?:我们|咱们|我|咱|俺)?(?:可|也|真|就|都)?(?:说不了|说不好|没法说|不好说|保证不了|讲不了)|"
    r"(?:这个|这话|这种话|这点)?(?:我们|咱们|我|咱|俺)(?:可|也|真|就|都|从来)?(?:不|没|没法|不敢|不能|从不|绝不)"
    r"(?:说|讲|这么说|这么讲|敢说|承诺|保证|打包票|乱说|瞎说|吹)|"
    r"(?:这个|这话|这种话)(?:可|真)?(?:不能|不敢|没法|不好)(?:说|讲|保证)|"
    r"别信|不要信|千万别信|没那回事|没这回事|没这么回事|"
    r"没有?(?:啊|呀|哈)?[\s,.!。、]*没有?(?:啊|呀|哈)?[\s,.!。、]*$|没有(?:啊|呀|哈)?[\s,.!。、]*$)"
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
