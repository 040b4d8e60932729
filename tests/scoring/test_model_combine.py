"""How the claim model combines with the rules (``claims.combine_with_model``) and that the committed model loads
offline and scores a transcript in one predict call."""

from __future__ import annotations

from pathlib import Path

import pytest

from training_app.scoring.claims import Hit, combine_with_model, detect_claims, rule_hits
from training_app.scoring.credentials import Verdict
from training_app.scoring.evaluation import GRID_FLOORS, combine_prepared, prepare_item
from training_app.scoring.model import ClaimModel, Item
from training_app.speech.transcript import Segment, Transcript

REPO = Path(__file__).resolve().parents[2]


class FixedScorer:
    """Returns the same probabilities for every sentence; counts predict calls."""

    def __init__(self, probs: dict[str, float], thresholds: dict[str, float] | None = None) -> None:
        self.probs, self.thresholds, self.calls = probs, thresholds, 0

    def predict(self, texts: list[str], language: str) -> list[dict[str, float]]:
        self.calls += 1
        return [dict(self.probs) for _ in texts]

    def add_thresholds(self, language: str) -> dict[str, float] | None:
        return self.thresholds


def _health_hits(catalog) -> list[Hit]:
    hits = rule_hits("这个蜂蜜能治咳嗽", "zh", None, catalog)
    assert [h.rule.category for h in hits] == ["health_claim"] and hits[0].rule.check == "none"
    return hits


def test_veto_drops_an_unlikely_rule_hit_but_never_a_fact_sheet_check(catalog):
    hits = _health_hits(catalog)
    assert (
        combine_with_model(hits, {"health_claim": 0.01}, "这个蜂蜜能治咳嗽", "zh", catalog, veto_threshold=0.05) == []
    )
    kept = combine_with_model(hits, {"health_claim": 0.01}, "这个蜂蜜能治咳嗽", "zh", catalog, veto_threshold=0.0)
    assert [h.rule.category for h in kept] == ["health_claim"] and kept[0].confidence == 0.01
    sheet = next(r for r in catalog.rules if r.check != "none" and "zh" in r.languages)
    checked = [Hit(sheet, 0, 2, Verdict.FLAG)]
    kept = combine_with_model(checked, {sheet.category: 0.0}, "有机的", "zh", catalog, veto_threshold=0.5)
    assert [(h.rule.id, h.confidence) for h in kept] == [(sheet.id, 0.0)]


def test_add_flags_the_whole_sentence_under_the_category_card(catalog):
    text = "吃了以后孩子记性好多了"
    added = combine_with_model([], {"health_claim": 0.97, "other": 0.2}, text, "zh", catalog, veto_threshold=0.05,
                               add_thresholds={"health_claim": 0.9, "other": 0.9})  # fmt: skip
    assert len(added) == 1
    hit = added[0]
    assert (hit.start, hit.end, hit.confidence) == (0, len(text), 0.97)
    assert hit.rule.category == "health_claim" and hit.rule.id == f"MODEL-{hit.rule.card}"
    assert hit.rule.severity == "major" and hit.rule.legal_basis and hit.rule.check == "none"
    # per-category thresholds: above 1 turns adding off; a category a rule already found is not added twice
    off = {"health_claim": 1.01}
    assert combine_with_model([], {"health_claim": 0.99}, text, "zh", catalog, add_thresholds=off) == []
    hits = _health_hits(catalog)
    both = combine_with_model(hits, {"health_claim": 0.99}, "这个蜂蜜能治咳嗽", "zh", catalog, veto_threshold=0.05)
    assert [h.rule.id for h in both] == [hits[0].rule.id]


def test_a_model_flag_is_timed_over_its_sentence_and_explained(catalog):
    text = "这批苹果今年收成不错。"
    transcript = Transcript("zh", 10.0, (Segment(2.0, 6.0, "家人们好。" + text),), "transcribed", {})
    scorer = FixedScorer({"health_claim": 0.95}, {"health_claim": 0.9})
    flags = detect_claims(transcript, product=None, catalog=catalog, model=scorer)
    assert scorer.calls == 1  # every sentence in one predict call
    model_flags = [f for f in flags if f.rule_id.startswith("MODEL-")]
    assert len(model_flags) == 2  # the fixed scorer says 0.95 for both sentences
    flag = model_flags[1]
    assert flag.text == text and flag.start is not None and flag.end is not None and 2.0 < flag.start < flag.end <= 6.0
    assert flag.explanation and flag.legal_basis and flag.confidence == 0.95
    # the model's own threshold is used, but never below claims.add_threshold (scoring.yaml)
    floor = catalog.scoring.claims.add_threshold
    assert 0.6 < floor <= 0.9
    low = FixedScorer({"health_claim": floor - 0.05}, {"health_claim": 0.5})
    assert not [
        f for f in detect_claims(transcript, product=None, catalog=catalog, model=low) if f.rule_id[:6] == "MODEL-"
    ]
    strict = FixedScorer({"health_claim": 0.95}, {"health_claim": 0.99})
    assert not [
        f for f in detect_claims(transcript, product=None, catalog=catalog, model=strict) if f.rule_id[:6] == "MODEL-"
    ]


@pytest.mark.skipif(not (REPO / "models" / "claims" / "model.joblib").is_file(), reason="no committed model")
def test_the_committed_model_loads_offline_and_predicts(catalog, monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    model = ClaimModel.load(REPO / "models" / "claims")
    assert model is not None and model.version.startswith("claims-lr-")
    for lang, text in (("zh", "这个蜂蜜能治咳嗽"), ("en", "This honey cures coughs.")):
        probs = model.predict([text, "ok"], lang, catalog)
        assert len(probs) == 2 and all(0.0 <= p <= 1.0 for p in probs[0].values())
        thresholds = model.add_thresholds(lang) or {}
        assert set(thresholds) == set(probs[0]) and min(thresholds.values()) >= min(GRID_FLOORS)
        assert model.veto_threshold(lang) is not None
    # a few MB: 8.4 MB at min_df 2 with the eighth round's data (7.7 MB with the seventh's, 6.5 MB with the sixth's);
    # the guard catches a blow-up (unstacked estimators, min_df 1), not the steady growth with the data
    assert (REPO / "models" / "claims" / "model.joblib").stat().st_size < 10_000_000


class VetoScorer(FixedScorer):
    def veto_threshold(self, language: str) -> float | None:
        return 0.5


def test_the_models_own_veto_applies_when_above_the_configured_one(catalog):
    transcript = Transcript("zh", None, (Segment(0.0, 0.0, "这个蜂蜜能治咳嗽"),), "transcribed", {"timing": "none"})
    assert catalog.scoring.claims.veto_threshold < 0.3
    assert [f.category for f in detect_claims(transcript, product=None, catalog=catalog)] == ["health_claim"]
    mild = FixedScorer({"health_claim": 0.3}, {"health_claim": 1.01})
    flags = detect_claims(transcript, product=None, catalog=catalog, model=mild)
    assert [f.category for f in flags] == ["health_claim"]
    assert detect_claims(transcript, product=None, catalog=catalog, model=VetoScorer({"health_claim": 0.3}, {})) == []


class MarkedScorer:
    """Says ``p`` for one category in sentences containing ``marker``, 0 elsewhere (a model that reads the question)."""

    def __init__(self, marker: str, category: str, p: float = 0.97) -> None:
        self.marker, self.category, self.p = marker, category, p

    def predict(self, texts: list[str], language: str) -> list[dict[str, float]]:
        return [{self.category: self.p if self.marker in t.lower() else 0.0} for t in texts]

    def add_thresholds(self, language: str) -> dict[str, float] | None:
        return {self.category: 0.9}


DIALOGUE_CASES = [
    # (language, question put to the host, answer, marker the model reads, is the answer a denial)
    ("zh", "有观众问，这个蜂蜜能降血糖吗？", "不能，它是普通食品，不能代替药。", "血糖", True),
    ("zh", "有观众问，这个蜂蜜能降血糖吗？", "能啊，我爸吃了一个月血糖就下来了。", "血糖", False),
    ("en", "Someone in the chat asks, will this honey lower my blood sugar?",
     "No, it is ordinary food and it does not replace medicine.", "blood sugar", True),
    ("en", "Someone in the chat asks, will this honey lower my blood sugar?",
     "Yes, my dad ate it for a month and his sugar came right down.", "blood sugar", False),
]  # fmt: skip


@pytest.mark.parametrize(("lang", "question", "answer", "marker", "denied"), DIALOGUE_CASES)
def test_the_dialogue_step_also_removes_what_the_model_adds_to_a_denied_question(
    lang, question, answer, marker, denied, catalog
):
    transcript = Transcript(lang, 8.0, (Segment(0.0, 4.0, question), Segment(4.0, 8.0, answer)), "transcribed", {})
    scorer = MarkedScorer(marker, "health_claim")
    flags = detect_claims(transcript, product=None, catalog=catalog, model=scorer)
    on_question = [f for f in flags if f.category == "health_claim" and f.start is not None and f.start < 4.0]
    # denied: neither a rule nor the model flags the viewer's question; affirmed ("yes, my dad …"): the claim stands
    assert (on_question == []) is denied
    if not denied:
        assert any(f.category == "health_claim" for f in flags)
    # `training-app eval` combines prepared items the same way the app does
    item = Item(id="x", text=f"{question}\n{answer}", product=None, categories=(), hard_negative=False)
    prep = prepare_item(item, lang, catalog)
    probs = scorer.predict(list(prep.sentences), lang)
    cats = combine_prepared(prep, probs, lang, catalog, 0.0, {"health_claim": 0.9})
    assert cats == {f.category for f in flags}
