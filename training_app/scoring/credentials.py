"""Checks that need facts outside the sentence: certifications and origin against the product fact sheet and
the gazetteer, and the size of a price cut.

Each check returns a :class:`Verdict`: drop the candidate, flag it (the sheet contradicts the claim), or flag it as
unverifiable (no sheet: the explanation asks for the certificate / authorisation).
"""

from __future__ import annotations

import re
from enum import Enum

from training_app.catalog.assessments import AssessmentCatalog, GazetteerEntry, ProductSheet
from training_app.scoring.context import clause_bounds
from training_app.scoring.matching import Candidate, gazetteer_hits
from training_app.scoring.text import parse_zh_number

# A cut to half the stated reference price or less is the mark of a fictitious "original price" (PRC-01 examples:
# 199→39, 128→59, 88→"骨折价"); smaller cuts against a recent real price are ordinary promotions.
PRICE_CUT_RATIO = 0.5

_EVIDENCE = re.compile(
    r"(证书编号|证书号|编号是|编号为|有机码|追溯码|可以扫码|扫码(?:就能|可以)?查|可查|可以查|官网(?:上)?(?:能|可以)?查|"
    r"查询|报告编号|certificate (?:number|no)|cert(?:ificate)? #|look (?:it )?up|can (?:check|verify)|"
    r"verify it|code on the (?:box|pack|label))",
    re.IGNORECASE,
)
_NOT_A_CLAIM_ZH = re.compile(
    r"(不是|不算|不属于|没有|还没|比|不如|跟[^,]{0,8}(?:一样|比)|像|和[^,]{0,8}一样|冒充|假冒|山寨|区别|不同)"
)
_OTHER_PRODUCT_AFTER = re.compile(
    r"^[^,.;!?]{0,8}?(也|都|同样|一样)(很|挺|比较|非常)?(有名|出名|不错|好吃|知名|好)|^[^,.;!?]{0,4}?(大家|谁|人人)都(知道|听说过)|^[^.;!?]{0,30}各有各|"
    r"^[^,.;!?]{0,30}\b(are|is) (famous|well known|good|great|popular) too\b|^[^.;!?]{0,60}each has its",
    re.IGNORECASE,
)
_NOT_A_CLAIM_EN = re.compile(r"\b(not|isn't|aren't|no|like|than|compared|versus|vs|fake|knock-?off|unlike)\b")


class Verdict(Enum):
    DROP = "drop"
    FLAG = "flag"
    UNVERIFIED = "unverified"


def has_evidence(sentence: str) -> bool:
    return bool(_EVIDENCE.search(sentence))


def check_certification(cand: Candidate, sentence: str, product: ProductSheet | None) -> Verdict:
    certification = cand.rule.rule.certification
    if certification is None:
        return Verdict.FLAG
    if product is not None:
        return Verdict.DROP if product.has(certification) else Verdict.FLAG
    return Verdict.DROP if has_evidence(sentence) else Verdict.UNVERIFIED


def _entry_at(cand: Candidate, sentence: str, catalog: AssessmentCatalog, lang: str) -> GazetteerEntry | None:
    for entry, start, end in gazetteer_hits(sentence, catalog.gazetteer, lang):
        if start < cand.end and cand.start < end:
            return entry
    return None


def check_gi_origin(
    cand: Candidate, sentence: str, product: ProductSheet | None, catalog: AssessmentCatalog, lang: str
) -> Verdict:
    entry = _entry_at(cand, sentence, catalog, lang)
    if entry is None:
        return Verdict.DROP
    left, right = clause_bounds(sentence, cand.start, cand.end)
    clause = sentence[left : cand.start] + "x" + sentence[cand.end : right]
    negator = _NOT_A_CLAIM_ZH if lang == "zh" else _NOT_A_CLAIM_EN
    if negator.search(clause) or _OTHER_PRODUCT_AFTER.search(sentence[cand.end :]):
        return Verdict.DROP
    if product is not None:
        return Verdict.DROP if product.id in entry.products else Verdict.FLAG
    return Verdict.DROP if has_evidence(sentence) else Verdict.UNVERIFIED


def check_region_origin(cand: Candidate, product: ProductSheet | None, catalog: AssessmentCatalog) -> Verdict:
    """A stated province/region must be part of the sheet's origin; without a sheet a plain origin is not judged."""
    if product is None:
        return Verdict.DROP
    said = cand.match.group(0).lower()
    origin = f"{product.origin.zh} {product.origin.en}".lower()
    for region in catalog.gazetteer.regions:
        names = [n.lower() for n in region.zh + region.en]
        if any(n in said for n in names):
            return Verdict.DROP if any(n in origin for n in names) else Verdict.FLAG
    return Verdict.DROP


def check_price_cut(cand: Candidate) -> Verdict:
    groups = cand.match.groupdict()
    ref = parse_zh_number(groups.get("ref") or "")
    now = parse_zh_number(groups.get("now") or "")
    if ref is None or now is None or ref <= 0:
        return Verdict.DROP
    return Verdict.FLAG if now / ref <= PRICE_CUT_RATIO else Verdict.DROP
