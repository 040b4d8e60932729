"""Claim model modes: the previous-sentence context and the logistic + modified-Huber average."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np

from training_app.scoring.model import SETTINGS, Item, LangModel

POS = ["这个蜂蜜能治咳嗽", "喝了降血压", "吃了能防癌", "香菇抗肿瘤", "核桃补脑", "小米养胃治胃病", "喝三天\n胃病就好了"]
NEG = ["苹果很脆很甜", "今天发顺丰", "冷藏保存", "十斤装一箱", "洛川产的红富士", "欢迎新来的朋友", "扣1的家人们"]


def _items() -> list[Item]:
    pos = [Item(f"p{i}", t, None, ("health_claim",), False) for i, t in enumerate(POS)]
    return pos + [Item(f"n{i}", t, None, (), True) for i, t in enumerate(NEG)]


def test_context_scores_a_sentence_with_the_previous_one_but_never_across_documents():
    plain = LangModel("zh", replace(SETTINGS["zh"], context=False), None).fit(_items(), None)
    context = LangModel("zh", replace(SETTINGS["zh"], context=True), None).fit(_items(), None)
    texts = ["喝三天", "胃病就好了", "冷藏保存"]
    own = plain.scores(texts, None)
    pair = plain.scores(["喝三天\n胃病就好了", "胃病就好了\n冷藏保存"], None)
    got = context.context_scores(texts, None)
    # "喝三天" alone is unlikely to be a claim, so the joined pair counts for "胃病就好了"; "胃病就好了" alone is
    # already likely, so its claim is not copied onto "冷藏保存"
    assert context.proba(own[:2])[0, 0] < 0.5 <= context.proba(own[:2])[1, 0]
    assert np.allclose(got[0], own[0]) and np.allclose(got[1], np.maximum(own[1], pair[0]))
    assert np.allclose(got[2], own[2])
    # the third sentence begins another document: its own score only
    alone = context.context_scores(texts, None, starts={0, 2})
    assert np.allclose(alone[2], own[2]) and np.allclose(alone[1], got[1])
    assert len(context.predict(texts, None, {0, 2})) == 3


def test_lr_plus_modified_huber_is_one_linear_model_and_deterministic():
    a = LangModel("zh", replace(SETTINGS["zh"], estimator="lr+mh"), None).fit(_items(), None)
    b = LangModel("zh", replace(SETTINGS["zh"], estimator="lr+mh"), None).fit(_items(), None)
    lr = LangModel("zh", replace(SETTINGS["zh"], estimator="lr"), None).fit(_items(), None)
    assert a.weights.shape == lr.weights.shape and np.array_equal(a.weights, b.weights)
    scores = a.scores(["这个蜂蜜能治咳嗽", "冷藏保存"], None)
    assert scores[0, 0] > scores[1, 0]


def test_languages_trained_in_parallel_give_the_same_model(tmp_path, catalog):
    import yaml

    from training_app.scoring.model import train_and_save

    eval_dir = tmp_path / "eval"
    eval_dir.mkdir()
    en_pos = ["this honey cures coughs", "it lowers blood pressure", "it prevents cancer", "walnuts fix your brain"]
    en_neg = ["the apples are crisp", "we ship today", "keep it in the fridge", "ten pounds a box", "welcome all"]
    for lang, pos, neg in (("zh", POS, NEG), ("en", en_pos, en_neg)):
        items = [{"id": f"{lang}p{i}", "text": t, "categories": ["health_claim"]} for i, t in enumerate(pos)]
        items += [{"id": f"{lang}n{i}", "text": t, "categories": [], "hard_negative": True} for i, t in enumerate(neg)]
        text = yaml.safe_dump({"items": items}, allow_unicode=True)
        (eval_dir / f"{lang}.dev.yaml").write_text(text, encoding="utf-8")
    one = train_and_save(catalog, eval_dir, tmp_path / "one", loso=False)
    two = train_and_save(catalog, eval_dir, tmp_path / "two", loso=False, jobs=2)
    assert set(one["thresholds"]) == {"zh", "en"}
    assert {k: one[k] for k in ("thresholds", "calibration", "version", "cv_metrics")} == {
        k: two[k] for k in ("thresholds", "calibration", "version", "cv_metrics")
    }
    from training_app.scoring.model import ClaimModel

    a, b = ClaimModel.load(tmp_path / "one"), ClaimModel.load(tmp_path / "two")
    assert a is not None and b is not None  # the pickles differ only in object sharing: compare what they hold
    for lang in ("zh", "en"):
        assert np.array_equal(a.models[lang].weights, b.models[lang].weights)
        texts = [POS[0], NEG[0]] if lang == "zh" else [en_pos[0], en_neg[0]]
        assert a.predict(texts, lang) == b.predict(texts, lang)


def test_a_claim_said_in_full_is_not_copied_onto_the_next_sentence(catalog):
    """The committed model, as deployed: "Order now." after a superlative is not a second absolute claim."""
    from training_app.scoring.claims import detect_claims
    from training_app.scoring.model import ClaimModel
    from training_app.speech.transcript import Segment, Transcript

    model = ClaimModel.load(Path(__file__).resolve().parents[2] / "models" / "claims")
    assert model is not None
    lines = [
        "Hello everyone, welcome to my live stream.",
        "This is the best honey in the world, from the Qinling mountains.",
        "Order now.",
    ]
    transcript = Transcript("en", None, tuple(Segment(0.0, 0.0, t) for t in lines), "transcribed", {})
    flags = detect_claims(transcript, product=catalog.products["qinling-honey"], catalog=catalog, model=model)
    assert [(f.category, f.text) for f in flags] == [("absolute_claim", "the best honey")]
