"""Claim model modes: the previous-sentence context and the logistic + modified-Huber average."""

from __future__ import annotations

from dataclasses import replace

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
    assert np.allclose(got[0], own[0]) and np.allclose(got[1:], np.maximum(own[1:], pair))
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
