"""Speech-style copies for the claim model: ``asr_style`` (deterministic), training copies (``Settings.asr_copies``)
and the leave-one-source-out table scored on the left-out file as a speech recogniser might write it."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import yaml

from training_app.scoring.model import SETTINGS, Item, LangModel, asr_items, asr_style, train_and_save

EN = "This is the BEST honey in the world! Don't miss it.\nOnly 29.9 yuan, 3 boxes for 80. We sold 10,000 boxes."
ZH = "家人们，这是县长推荐的！检测报告显示100%无农药残留。\n今天只要39.9元，已经卖了10000单了！"


def test_asr_style_is_deterministic_and_drops_punctuation_case_and_apostrophes():
    out = asr_style(EN, "en", "en-1")
    assert out == asr_style(EN, "en", "en-1")
    assert out == out.lower() and not any(ch in out.replace("10,000", "").replace(".9", "") for ch in ".,!?'")
    assert "dont miss it" in out.replace("\n", " ") and "10,000" in out  # thousands separators stay
    assert "29.9" in out or "twenty nine point nine" in out
    # other keys break the segments elsewhere, but the words stay the same (digits aside)
    outs = {asr_style(EN, "en", f"en-{k}") for k in range(20)}
    assert len(outs) > 1 and {" ".join(o.split()).count("honey") for o in outs} == {1}


def test_asr_style_mandarin_has_no_punctuation_and_keeps_the_words():
    outs = [asr_style(ZH, "zh", f"zh-{k}") for k in range(20)]
    for out in outs:
        assert not any(ch in out for ch in "，。！") and "县长推荐" in out and "农药残留" in "".join(out.split())
    # numbers come out as digits, full-width digits or Chinese numerals
    joined = "".join(outs)
    assert "39.9" in joined and ("三十九点九" in joined or "３９.９" in joined)
    assert "百分之一百" in joined or "１００%" in joined


def test_asr_copies_keep_labels_and_enter_the_training_vocabulary():
    items = [Item("p1", "Don't miss it, it cures colds!", None, ("health_claim",), False)]
    items += [Item(f"p{i}", t, None, ("health_claim",), False) for i, t in enumerate(["Cures colds.", "Heals it."] * 3)]
    items += [Item(f"n{i}", t, None, (), True) for i, t in enumerate(["Fresh apples.", "Ships today."] * 4)]
    copies = asr_items(items, "en", 1)
    assert [c.categories for c in copies] == [it.categories for it in items]
    assert copies[0].id == "p1~asr0" and "dont" in copies[0].text
    plain = LangModel("en", replace(SETTINGS["en"], asr_copies=0), None).fit(items, None)
    spoken = LangModel("en", replace(SETTINGS["en"], asr_copies=1, min_df=1), None).fit(items, None)
    words = next(v for v in spoken.featurizer.vectorizers if v.analyzer == "word").vocabulary_
    assert "dont" in words and plain.classes == spoken.classes == ["health_claim"]


def test_loso_asr_check_scores_each_left_out_file_as_transcribed(tmp_path: Path, catalog):
    eval_dir = tmp_path / "eval"
    eval_dir.mkdir()
    pos = ["这个蜂蜜能治咳嗽", "喝了降血压", "吃了能防癌", "香菇抗肿瘤", "核桃补脑", "小米养胃治胃病"]
    neg = ["苹果很脆很甜", "今天发顺丰", "冷藏保存", "十斤装一箱", "洛川产的红富士", "欢迎新来的朋友"]
    for name, suffix in (("dev", "。"), ("dev2", "！"), ("dev7", "，家人们。")):
        rows = [{"id": f"{name}-p{i}", "text": t + suffix, "categories": ["health_claim"]} for i, t in enumerate(pos)]
        rows += [{"id": f"{name}-n{i}", "text": t + suffix, "categories": [], "hard_negative": True}
                 for i, t in enumerate(neg)]  # fmt: skip
        data = {"version": "t1", "language": "zh", "split": "dev", "items": rows}
        (eval_dir / f"zh.{name}.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    meta = train_and_save(catalog, eval_dir, tmp_path / "out", fresh_only=True, asr_check=True)
    loso = meta["loso"]["zh"]
    assert set(loso["folds"]) == {"dev7"} and loso["fresh-asr"]["sources"] == ["dev7"]
    assert {"rules", "deployed"} <= set(loso["folds"]["dev7"]["asr"]["modes"])
    assert loso["fresh-asr"]["modes"]["rules"]["n_pos"] == len(pos)
