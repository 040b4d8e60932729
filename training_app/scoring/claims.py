"""Prohibited-claim detection: rules (candidates → clause context → fact-sheet checks), optionally re-ranked by
the scikit-learn model, turned into sentence-level :class:`ClaimFlag` objects with spans and timestamps.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Protocol

from training_app.catalog.assessments import AssessmentCatalog, ClaimRule, ProductSheet
from training_app.i18n import t
from training_app.scoring import credentials
from training_app.scoring.compaction import compact
from training_app.scoring.context import (
    SPEAKER_TAG_EN,
    answer_affirms_en,
    answer_affirms_zh,
    answer_denies_en,
    answer_denies_zh,
    corrects_en,
    hits_exception,
    is_negated,
    is_term_refused,
    keep_candidate,
    passes_requirements,
    put_to_host_en,
    put_to_host_zh,
)
from training_app.scoring.credentials import Verdict
from training_app.scoring.matching import Candidate, CompiledRule, compiled_rules, find_candidates
from training_app.scoring.prefilter import joined_grams
from training_app.scoring.report import ClaimFlag
from training_app.scoring.text import SENTENCE_END, Normalized, normalize, split_spans
from training_app.scoring.timing import is_timed, span_time
from training_app.speech.transcript import Transcript

logger = logging.getLogger(__name__)
SEVERITY_RANK = {"critical": 0, "major": 1, "minor": 2}


class CategoryScorer(Protocol):
    def predict(self, texts: list[str], language: str) -> list[dict[str, float]]: ...


@dataclass(frozen=True)
class Hit:
    rule: ClaimRule
    start: int  # offsets in the original sentence
    end: int
    verdict: Verdict
    confidence: float | None = None


@dataclass(frozen=True)
class Sentence:
    segment: int
    start: int  # offsets in the segment text
    end: int
    text: str


def transcript_sentences(transcript: Transcript) -> list[Sentence]:
    out = []
    for i, seg in enumerate(transcript.segments):
        for start, end in split_spans(seg.text):
            out.append(Sentence(i, start, end, seg.text[start:end]))
    return out


def _verdict(
    cand: Candidate, norm: str, product: ProductSheet | None, catalog: AssessmentCatalog, lang: str
) -> Verdict:
    check = cand.rule.rule.check
    if check == "certification":
        return credentials.check_certification(cand, norm, product)
    if check == "gi_origin":
        return credentials.check_gi_origin(cand, norm, product, catalog, lang)
    if check == "region_origin":
        return credentials.check_region_origin(cand, product, catalog)
    if check == "price_cut":
        return credentials.check_price_cut(cand)
    if check == "organic_method":
        return Verdict.DROP if product is not None and product.has("organic") else Verdict.FLAG
    return Verdict.FLAG


def rule_hits(
    text: str,
    lang: str,
    product: ProductSheet | None,
    catalog: AssessmentCatalog,
    norm: Normalized | None = None,
    rules: list[CompiledRule] | None = None,
    grams: frozenset[str] | None = None,
) -> list[Hit]:
    """Rule decisions for one sentence: at most one hit per category (the most severe, then the earliest)."""
    norm = norm if norm is not None else normalize(text)
    best: dict[str, Hit] = {}
    candidates = find_candidates(
        norm.text, rules if rules is not None else compiled_rules(catalog, lang), with_requires=True, grams=grams
    )
    for cand in candidates:
        if not keep_candidate(norm.text, cand, lang):
            continue
        verdict = _verdict(cand, norm.text, product, catalog, lang)
        if verdict is Verdict.DROP:
            continue
        start, end = norm.span(cand.start, cand.end)
        hit = Hit(cand.rule.rule, start, end, verdict)
        current = best.get(hit.rule.category)
        if current is None or _rank(hit) < _rank(current):
            best[hit.rule.category] = hit
    return sorted(best.values(), key=lambda h: h.start)


def window_rules(catalog: AssessmentCatalog, lang: str) -> list[CompiledRule]:
    """Rules that combine two parts — a cue and a required context (``requires``), a reference price and a current
    price (``check: price_cut``), or parts a rule marks ``scope: sentence`` — are the ones whose parts a speaker
    spreads over two sentences; only they are re-run on sentence pairs (the other rules match one phrase, which a
    single sentence already holds). Re-running every rule would double the matching time."""
    key = f"window:{lang}"
    if key not in catalog.cache:
        catalog.cache[key] = [
            r
            for r in compiled_rules(catalog, lang)
            if r.requires or r.rule.scope == "sentence" or r.rule.check == "price_cut"
        ]
    rules: list[CompiledRule] = catalog.cache[key]
    return rules


def _joiner(first: str) -> str:
    """Between two consecutive sentences: a space after a sentence end, else a clause break (an unpunctuated segment
    boundary from speech recognition is a pause, not the end of the thought)."""
    return " " if SENTENCE_END.search(first[-1:]) else ", "


def join_normalized(first: Normalized, second: Normalized, joiner: str) -> Normalized:
    """The normalised text of ``first + joiner + second`` without normalising it again."""
    shift = first.source_len + len(joiner)
    text = first.text + joiner + second.text
    origin = (
        first.origin + tuple(first.source_len + k for k in range(len(joiner))) + tuple(o + shift for o in second.origin)
    )
    return Normalized(text, origin, shift + second.source_len)


def group_hits(
    group: list[Sentence],
    norms: list[Normalized],
    lang: str,
    product: ProductSheet | None,
    catalog: AssessmentCatalog,
) -> list[tuple[int, Hit]]:
    """Claims spread over consecutive sentences (or utterances): the window rules run on the joined sentences, and
    each hit is kept on the sentence where its cue starts (its index in ``group``), clipped to that sentence; a hit
    starting in a joiner is dropped."""
    text, joined = group[0].text, norms[0]
    starts, joiners = [0], []
    for prev, sentence, norm in zip(group, group[1:], norms[1:], strict=False):
        joiner = _joiner(prev.text)
        joiners.append(joiner)
        joined = join_normalized(joined, norm, joiner)
        text += joiner
        starts.append(len(text))
        text += sentence.text
    grams = joined_grams([n.text for n in norms], joiners)
    out = []
    for hit in rule_hits(text, lang, product, catalog, joined, window_rules(catalog, lang), grams):
        for k in range(len(group) - 1, -1, -1):
            if hit.start >= starts[k]:
                if hit.start < starts[k] + len(group[k].text):
                    start, end = hit.start - starts[k], min(hit.end - starts[k], len(group[k].text))
                    out.append((k, Hit(hit.rule, start, end, hit.verdict, hit.confidence)))
                break
    return out


def _rank(hit: Hit) -> tuple[int, int, int]:
    return SEVERITY_RANK[hit.rule.severity], hit.start, hit.start - hit.end


def _model_rule(category: str, lang: str, catalog: AssessmentCatalog) -> ClaimRule | None:
    """The rule a model-only flag is reported under: the category's first plain rule (no fact-sheet check) for the
    language, so its card's explanation, suggestion and legal basis apply; id ``MODEL-<card>``, severity major."""
    key = f"model-rule:{lang}:{category}"
    if key not in catalog.cache:
        rules = [r for r in catalog.rules if r.category == category and lang in r.languages]
        template = next((r for r in rules if r.check == "none"), rules[0] if rules else None)
        catalog.cache[key] = (
            None
            if template is None
            else template.model_copy(update={"id": f"MODEL-{template.card}", "severity": "major"})
        )
    rule: ClaimRule | None = catalog.cache[key]
    return rule


def combine_with_model(
    hits: list[Hit],
    probs: dict[str, float],
    text: str,
    lang: str,
    catalog: AssessmentCatalog,
    *,
    veto_threshold: float | None = None,
    add_thresholds: Mapping[str, float] | None = None,
) -> list[Hit]:
    """Veto rule hits the model finds very unlikely (``p < veto_threshold``; fact-sheet checks are never vetoed); add
    a category no rule found when ``p ≥`` its add threshold (the model's own per-category thresholds, chosen on
    out-of-fold predictions, else ``claims.add_threshold``), flagged over the whole sentence. A veto threshold of 0
    turns the veto off; an add threshold above 1 turns adding off for that category."""
    cfg = catalog.scoring.claims
    veto = cfg.veto_threshold if veto_threshold is None else veto_threshold
    kept = [
        Hit(h.rule, h.start, h.end, h.verdict, probs.get(h.rule.category))
        for h in hits
        if h.rule.check != "none" or probs.get(h.rule.category, 1.0) >= veto
    ]
    have = {h.rule.category for h in kept}
    for category, p in probs.items():
        threshold = cfg.add_threshold if add_thresholds is None else add_thresholds.get(category, cfg.add_threshold)
        if category in have or p < threshold:
            continue
        model_rule = _model_rule(category, lang, catalog)
        if model_rule is not None:
            kept.append(Hit(model_rule, 0, len(text), Verdict.FLAG, p))
    return sorted(kept, key=lambda h: h.start)


def legal_basis_text(rule: ClaimRule, catalog: AssessmentCatalog, lang: str) -> str:
    if lang == "zh":
        return "；".join(catalog.bases[k].zh for k in rule.legal_basis)
    text = "; ".join(catalog.bases[k].en for k in rule.legal_basis)
    if rule.us_basis:
        us = "; ".join(catalog.bases[k].en for k in rule.us_basis)
        text += f" | {t('scoring.us_counterpart', 'en')} {us}"
    return text


def explanation_text(hit: Hit, lang: str, product: ProductSheet | None) -> str:
    rule = hit.rule
    if hit.verdict is Verdict.UNVERIFIED and rule.explanation_unverified is not None:
        return rule.explanation_unverified.get(lang)
    text = rule.explanation.get(lang)
    if product is not None and rule.check in ("certification", "gi_origin", "region_origin"):
        prefix = t("scoring.sheet_mismatch", lang, product=product.name.get(lang), origin=product.origin.get(lang))
        text = f"{prefix} {text}"
    return text


def to_flag(
    hit: Hit,
    sentence: Sentence,
    transcript: Transcript,
    lang: str,
    product: ProductSheet | None,
    catalog: AssessmentCatalog,
) -> ClaimFlag:
    seg = transcript.segments[sentence.segment]
    c0, c1 = sentence.start + hit.start, sentence.start + hit.end
    start, end = span_time(seg, c0, c1) if is_timed(transcript) else (None, None)
    return ClaimFlag(
        category=hit.rule.category,
        rule_id=hit.rule.id,
        severity=hit.rule.severity,
        text=seg.text[c0:c1],
        start=start,
        end=end,
        legal_basis=legal_basis_text(hit.rule, catalog, lang),
        explanation=explanation_text(hit, lang, product),
        suggestion=hit.rule.suggestion.get(lang),
        char_start=c0,
        char_end=c1,
        segment=sentence.segment,
        confidence=hit.confidence,
    )


def sentence_rule_hits(
    sentences: list[Sentence],
    norms: list[Normalized],
    lang: str,
    product: ProductSheet | None,
    catalog: AssessmentCatalog,
    cuts: list[AnswerCut] | None = None,
) -> list[list[Hit]]:
    """Rule hits per sentence (also on its compacted form), before the model and the two-sentence windows; the
    dialogue step (``cuts``, computed here when not given) already applied."""
    per_sentence: list[list[Hit]] = []
    for sentence, norm in zip(sentences, norms, strict=True):
        hits = rule_hits(sentence.text, lang, product, catalog, norm)
        compacted = compact(norm, lang)
        if compacted is not norm:
            have = {h.rule.category for h in hits}
            extra = rule_hits(sentence.text, lang, product, catalog, compacted)
            hits += [h for h in extra if h.rule.category not in have]
        per_sentence.append(hits)
    apply_cuts(per_sentence, answer_cuts(norms, lang) if cuts is None else cuts, catalog)
    return per_sentence


ANSWER_REACH = 2  # sentences after a question in which the host may refuse its term
# Per language: is a sentence put to the host (a question, a viewer's words, a line cut off), does the next sentence
# deny or correct it, does it affirm it.
DIALOGUE: dict[str, tuple[Callable[[str], bool], Callable[[str], bool], Callable[[str], bool]]] = {
    "en": (put_to_host_en, answer_denies_en, answer_affirms_en),
    "zh": (put_to_host_zh, answer_denies_zh, answer_affirms_zh),
}
# Per language: does a sentence take back the host's own statement before it (see ``context.corrects_en``); and the
# speaker labels a typed transcript may carry ("co-host: …"), read past by the dialogue step.
CORRECTIONS: dict[str, Callable[[str], bool]] = {"en": corrects_en}
SPEAKER_TAGS: dict[str, re.Pattern[str]] = {"en": SPEAKER_TAG_EN}


def refused_categories(norm: Normalized, lang: str, catalog: AssessmentCatalog) -> set[str]:
    """Categories whose cue the sentence names only to deny or refuse it ("i won't call the eggs organic")."""
    return {
        cand.rule.rule.category
        for cand in find_candidates(norm.text, compiled_rules(catalog, lang), with_requires=True)
        if passes_requirements(norm.text, cand)
        and not hits_exception(norm.text, cand)
        and (is_negated(norm.text, cand, lang) or is_term_refused(norm.text, cand, lang))
    }


@dataclass(eq=False)
class AnswerCut:
    """What the dialogue step removes from one sentence put to the host: every hit (``everything``: the next sentence
    denies, refuses or corrects it), or the hits of the categories whose cue one of the ``following`` sentences names
    only to refuse it, unless one of them asserts the category. Those refused categories are looked up only when the
    sentence has a hit to remove (most questions have none), then kept."""

    index: int
    everything: bool
    following: tuple[int, ...] = ()
    answers: tuple[Normalized, ...] = ()
    lang: str = ""
    _refused: frozenset[str] | None = None

    def refused(self, catalog: AssessmentCatalog) -> frozenset[str]:
        if self._refused is None:
            self._refused = frozenset(c for norm in self.answers for c in refused_categories(norm, self.lang, catalog))
        return self._refused


def answer_cuts(norms: list[Normalized], lang: str) -> list[AnswerCut]:
    """Dialogue (both languages; the cues are in :mod:`training_app.scoring.context`): the sentences put to the host
    (a question, a viewer's words read aloud, a line cut off mid-claim) that the next sentence answers with a denial,
    refusal or correction, or in which one of the next ``ANSWER_REACH`` sentences may refuse the cue. A yes or a wink
    in the answer keeps them. Depends on the text only, so the same cuts apply to the rule hits and again to the hits
    after the model (which may add a category to a question the host then denies)."""
    if lang not in DIALOGUE:
        return []
    put_to_host, denies, affirms = DIALOGUE[lang]
    corrects, tag = CORRECTIONS.get(lang), SPEAKER_TAGS.get(lang)
    texts = [tag.sub("", n.text) if tag else n.text for n in norms]
    cuts: list[AnswerCut] = []
    for i in range(len(norms) - 1):
        if not put_to_host(texts[i]):
            if corrects is not None and corrects(texts[i + 1]):
                cuts.append(AnswerCut(i, True))  # a statement taken back at once
            continue
        answer = texts[i + 1]
        if affirms(answer):
            continue
        if denies(answer):
            cuts.append(AnswerCut(i, True))
            continue
        following = tuple(range(i + 1, min(len(norms), i + 1 + ANSWER_REACH)))
        cuts.append(AnswerCut(i, False, following, tuple(norms[k] for k in following), lang))
    return cuts


def withdrawn(cuts: list[AnswerCut] | tuple[AnswerCut, ...]) -> set[int]:
    """The sentences a cut removes as a whole (denied, corrected or taken back): window hits may not return to them."""
    return {cut.index for cut in cuts if cut.everything}


def apply_cuts(per_sentence: list[list[Hit]], cuts: list[AnswerCut], catalog: AssessmentCatalog) -> None:
    """Remove what each cut removes, in sentence order (a cut's ``following`` sentences are read before their own
    cuts apply)."""
    for cut in cuts:
        if cut.everything:
            per_sentence[cut.index] = []
            continue
        if not per_sentence[cut.index]:
            continue
        refused = cut.refused(catalog)
        asserted = {h.rule.category for k in cut.following for h in per_sentence[k]}
        per_sentence[cut.index] = [
            h for h in per_sentence[cut.index] if h.rule.category in asserted or h.rule.category not in refused
        ]


TRIPLE_MIDDLE_MAX = {"zh": 12, "en": 40}  # the longest middle sentence of a three-sentence window, in characters


def windows(sentences: list[Sentence], lang: str) -> list[tuple[int, int]]:
    """The (first sentence index, width) of every window the spread-claim rules run on: every two consecutive
    sentences, then every three whose middle sentence is a short aside ("平时店里卖一百九十九 / 今天福利大 / 直播间只要
    五十九", at most ``TRIPLE_MIDDLE_MAX`` characters) — a longer middle sentence is a new thought rather than an
    aside, and skipping those keeps both false alarms and the cost down."""
    limit = TRIPLE_MIDDLE_MAX.get(lang, 0)
    pairs = [(i, 2) for i in range(len(sentences) - 1)]
    return pairs + [(i, 3) for i in range(len(sentences) - 2) if len(sentences[i + 1].text) <= limit]


def spread_hits(
    sentences: list[Sentence],
    norms: list[Normalized],
    lang: str,
    product: ProductSheet | None,
    catalog: AssessmentCatalog,
    cuts: list[AnswerCut] | tuple[AnswerCut, ...] = (),
) -> list[tuple[int, int, int, Hit]]:
    """Window hits as (first sentence index, width, which sentence of the window, hit), pairs first; never on a
    sentence the dialogue step (``cuts``) withdrew as a whole."""
    gone = withdrawn(cuts)
    return [
        (i, width, target, hit)
        for i, width in windows(sentences, lang)
        for target, hit in group_hits(sentences[i : i + width], norms[i : i + width], lang, product, catalog)
        if i + target not in gone
    ]


def pair_hits(
    sentences: list[Sentence],
    norms: list[Normalized],
    lang: str,
    product: ProductSheet | None,
    catalog: AssessmentCatalog,
    cuts: list[AnswerCut] | tuple[AnswerCut, ...] = (),
) -> list[tuple[int, int, Hit]]:
    """Window hits as (first sentence index, which sentence of the window, hit) — the window categories
    ``detect_claims`` can add."""
    return [(i, target, hit) for i, _width, target, hit in spread_hits(sentences, norms, lang, product, catalog, cuts)]


def model_probabilities(
    model: CategoryScorer, sentences: list[Sentence], lang: str, catalog: AssessmentCatalog
) -> list[dict[str, float]]:
    """All sentences in one predict call; a model that reads rule cues gets the catalog."""
    texts = [s.text for s in sentences]
    if getattr(model, "uses_catalog", False):
        return model.predict(texts, lang, catalog=catalog)  # type: ignore[call-arg]
    return model.predict(texts, lang)


def model_add_thresholds(model: CategoryScorer, lang: str, catalog: AssessmentCatalog) -> dict[str, float] | None:
    """The model's own per-category add thresholds (chosen out of fold, floored per language), never below
    ``claims.add_threshold``. The veto threshold is likewise the larger of the model's and ``claims.veto_threshold``."""
    own = getattr(model, "add_thresholds", lambda _lang: None)(lang)
    if own is None:
        return None
    floor = catalog.scoring.claims.add_threshold
    return {c: max(t, floor) for c, t in own.items()}


def detect_claims(
    transcript: Transcript,
    *,
    product: ProductSheet | None,
    catalog: AssessmentCatalog,
    model: CategoryScorer | None = None,
) -> list[ClaimFlag]:
    lang = transcript.language
    sentences = transcript_sentences(transcript)
    probs = model_probabilities(model, sentences, lang, catalog) if model is not None and sentences else []
    norms = [normalize(s.text) for s in sentences]
    cuts = answer_cuts(norms, lang)
    per_sentence = sentence_rule_hits(sentences, norms, lang, product, catalog, cuts)
    if probs and model is not None:
        add_thresholds = model_add_thresholds(model, lang, catalog)
        own_veto = getattr(model, "veto_threshold", lambda _lang: None)(lang)
        veto = max(catalog.scoring.claims.veto_threshold, own_veto or 0.0)
        per_sentence = [
            combine_with_model(hits, p, s.text, lang, catalog, veto_threshold=veto, add_thresholds=add_thresholds)
            for hits, p, s in zip(per_sentence, probs, sentences, strict=True)
        ]
        apply_cuts(per_sentence, cuts, catalog)  # the model may add a category to a question the host goes on to deny
    # pairs first, then threes; a window hit is added only when no sentence of its window has the category yet
    for i, width, target, hit in spread_hits(sentences, norms, lang, product, catalog, cuts):
        if all(h.rule.category != hit.rule.category for k in range(i, i + width) for h in per_sentence[k]):
            per_sentence[i + target].append(hit)
    flags: list[ClaimFlag] = []
    for sentence, hits in zip(sentences, per_sentence, strict=True):
        flags.extend(
            to_flag(h, sentence, transcript, lang, product, catalog) for h in sorted(hits, key=lambda h: h.start)
        )
    logger.debug("%d claim flags in %d sentences", len(flags), len(sentences))
    return flags
