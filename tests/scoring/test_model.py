"""``training-app models train`` is reproducible: same data → same metrics and the same predictions."""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from pathlib import Path

import pytest
import yaml

from training_app.errors import InvalidInput
from training_app.scoring.model import SETTINGS, ClaimModel, data_files, train_and_save

POS = ["这个蜂蜜能治咳嗽", "喝了降血压", "吃了能防癌", "香菇抗肿瘤", "核桃补脑", "小米养胃治胃病"]
NEG = ["苹果很脆很甜", "今天发顺丰", "冷藏保存", "十斤装一箱", "洛川产的红富士", "欢迎新来的朋友", "扣1的家人们"]


def _write_dev(root: Path) -> Path:
    items = [{"id": f"p{i}", "text": t, "product": "none", "categories": ["health_claim"]} for i, t in enumerate(POS)]
    items += [{"id": f"n{i}", "text": t, "product": "none", "categories": []} for i, t in enumerate(NEG)]
    eval_dir = root / "eval"
    eval_dir.mkdir()
    (eval_dir / "zh.dev.yaml").write_text(yaml.safe_dump({"items": items}, allow_unicode=True), encoding="utf-8")
    return eval_dir


def _write(eval_dir: Path, name: str, items: list[dict], split: str = "dev") -> None:
    data = {"version": "t1", "language": name[:2], "split": split, "items": items}
    (eval_dir / name).write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def test_models_train_is_reproducible(tmp_path: Path, catalog):
    eval_dir = _write_dev(tmp_path)
    first = train_and_save(catalog, eval_dir, tmp_path / "a")
    second = train_and_save(catalog, eval_dir, tmp_path / "b")
    assert first["cv_metrics"] == second["cv_metrics"] and first["version"] == second["version"]
    assert first["thresholds"] == second["thresholds"] and first["calibration"] == second["calibration"]
    meta = json.loads((tmp_path / "a" / "metadata.json").read_text(encoding="utf-8"))
    assert {"data_hash", "features", "cv_metrics", "sklearn_version", "random_seed"} <= set(meta)
    assert {"thresholds", "calibration", "settings", "data_file_hashes", "classes", "n_items", "loso"} <= set(meta)
    assert {"decision", "decision_rule", "rule_set_version", "data_files", "training_splits"} <= set(meta)
    a, b = ClaimModel.load(tmp_path / "a"), ClaimModel.load(tmp_path / "b")
    texts = ["蜂蜜治咳嗽", "冷藏保存"]
    assert a and b and a.predict(texts, "zh", catalog) == b.predict(texts, "zh", catalog)
    assert (tmp_path / "a" / "model.joblib").read_bytes() == (tmp_path / "b" / "model.joblib").read_bytes()
    # other settings (features, floor, veto): same data hash, another model version
    other = {lang: replace(s, add_floor=0.99) for lang, s in SETTINGS.items()}
    third = train_and_save(catalog, eval_dir, tmp_path / "c", loso=False, settings=other)
    assert third["data_hash"] == first["data_hash"] and third["version"] != first["version"]
    assert 0.0 <= a.predict(texts, "zh")[0]["health_claim"] <= 1.0
    assert set(a.add_thresholds("zh") or {}) == {"health_claim"} and a.add_thresholds("en") is None


def test_training_data_is_every_development_file_but_never_held_out(tmp_path: Path, catalog):
    eval_dir = _write_dev(tmp_path)
    pos = [
        {"id": f"d2-{i}", "text": t + "哦", "product": "none", "categories": ["health_claim"]}
        for i, t in enumerate(POS)
    ]
    neg = [{"id": f"d3-{i}", "text": t + "呢", "product": "none", "categories": [], "hard_negative": True}
           for i, t in enumerate(NEG)]  # fmt: skip
    _write(eval_dir, "zh.dev2.yaml", pos)
    _write(eval_dir, "zh.dev4.yaml", neg)
    _write(eval_dir, "zh.dev7.yaml", [{**row, "id": f"d7-{i}"} for i, row in enumerate(pos[:3] + neg[:3])])
    aug = [{**row, "id": f"a-{i}", "split": "augment-check" if i % 2 else "augment"} for i, row in enumerate(pos)]
    _write(eval_dir, "zh.augment.yaml", aug, split="augment")
    _write(eval_dir, "zh.heldout.yaml", pos + neg, split="heldout")
    _write(eval_dir, "zh.sealed.yaml", pos + neg, split="sealed")
    assert [p.name for p in data_files(eval_dir)["zh"]] == ["zh.dev.yaml", "zh.augment.yaml", "zh.dev2.yaml",
                                                           "zh.dev4.yaml", "zh.dev7.yaml"]  # fmt: skip
    meta = train_and_save(catalog, eval_dir, tmp_path / "out", baseline=catalog, baseline_label="git abc1234")
    for name in ("zh.heldout.yaml", "zh.sealed.yaml"):
        assert name not in meta["data_file_hashes"] and name not in meta["data_files"]
    files = meta["data_file_hashes"]
    assert files["zh.augment.yaml"]["items_trained"] == 3 and files["zh.augment.yaml"]["held_back"] == 3
    assert files["zh.dev4.yaml"]["hard_negatives"] == len(NEG) and files["zh.dev2.yaml"]["positives"] == len(POS)
    assert files["zh.dev.yaml"]["sha256"] == hashlib.sha256((eval_dir / "zh.dev.yaml").read_bytes()).hexdigest()
    assert meta["n_items"]["zh"] == len(POS) + len(NEG) + len(POS) + len(NEG) + 3 + 6
    # five sources: out-of-fold by source, and the leave-one-source-out table per left-out file
    assert set(meta["loso"]["zh"]["folds"]) == {"dev", "augment", "dev2", "dev4", "dev7"}
    # the current rules were tuned on zh dev … dev6 and the retired files: only newer files are pooled and decide
    assert meta["loso"]["zh"]["fresh"]["sources"] == ["dev7"]
    assert {"rules", "deployed"} <= set(meta["loso"]["zh"]["folds"]["dev"]["modes"])
    # a baseline rule set's table is recorded beside the current rules' (for it dev4 is fresh too)
    assert meta["loso_baseline"]["rule_set_version"] == catalog.rule_set_version
    assert meta["loso_baseline"]["label"] == "git abc1234"
    assert meta["loso_baseline"]["zh"]["fresh"]["sources"] == ["dev4", "dev7"]
    decision = meta["decision"]["zh"]
    assert decision["fresh_sources"] == ["dev7"] and isinstance(decision["use_model"], bool)
    assert set(decision["per_fold [rules, model]"]["dev7"]) == {"recall", "fa_hard"}


def test_an_old_model_file_is_ignored(tmp_path: Path):
    import joblib

    out = tmp_path / "old"
    out.mkdir()
    joblib.dump({"zh": {"pipeline": None, "classes": []}}, out / "model.joblib")
    (out / "metadata.json").write_text('{"version": "claims-lr-old"}', encoding="utf-8")
    assert ClaimModel.load(out) is None


def _write_labels(path: Path, rows: list[tuple[str, str, str]]) -> Path:
    """JSON lines as ``training-app review export-labels`` writes them: (text, category, label)."""
    lines = [
        json.dumps({"text": text, "category": cat, "rule_id": "MED-01a", "label": label, "language": "zh",
                    "product_id": None, "span": text}, ensure_ascii=False)
        for text, cat, label in rows
    ]  # fmt: skip
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_models_train_learns_review_labels_and_records_their_hash(tmp_path: Path, catalog):
    eval_dir = _write_dev(tmp_path)
    labels = _write_labels(
        tmp_path / "labels.jsonl",
        [("红枣治贫血", "health_claim", "confirmed"), ("红枣治贫血", "absolute_claim", "dismissed"),
         ("这批黄龙病的果子我们不卖", "health_claim", "dismissed")],
    )  # fmt: skip
    plain = train_and_save(catalog, eval_dir, tmp_path / "plain")
    meta = train_and_save(catalog, eval_dir, tmp_path / "reviewed", review_labels=labels)
    assert "review_labels" not in plain
    assert meta["review_labels"]["sha256"] == hashlib.sha256(labels.read_bytes()).hexdigest()
    assert meta["review_labels"]["sentences"] == {"zh": 2} and meta["review_labels"]["positives"] == {"zh": 1}
    assert meta["n_items"]["zh"] == plain["n_items"]["zh"] + 2
    assert meta["data_hash"] != plain["data_hash"] and meta["version"] != plain["version"]
    saved = json.loads((tmp_path / "reviewed" / "metadata.json").read_text(encoding="utf-8"))
    assert saved["review_labels"] == meta["review_labels"]


def test_models_train_refuses_a_file_that_is_not_review_labels(tmp_path: Path, catalog):
    eval_dir = _write_dev(tmp_path)
    bad = tmp_path / "labels.jsonl"
    bad.write_text('{"text": "x"}\n', encoding="utf-8")
    with pytest.raises(InvalidInput) as caught:
        train_and_save(catalog, eval_dir, tmp_path / "out", review_labels=bad)
    assert caught.value.message_key == "review.bad_labels_file"


def test_decide_needs_more_recall_at_no_more_than_the_margin_of_false_alarms():
    from training_app.scoring.evaluation import decide

    def result(model_recall: float, model_fa: float) -> dict:
        modes = {"rules": {"recall": 0.8, "fa_hard": 0.03}, "deployed": {"recall": model_recall, "fa_hard": model_fa}}
        return {"folds": {"dev4": {"modes": modes}}, "fresh": {"sources": ["dev4"], "modes": modes}}

    assert decide(result(0.85, 0.034))["use_model"] is True
    assert decide(result(0.85, 0.036))["use_model"] is False  # FA more than 0.005 above the rules'
    assert decide(result(0.80, 0.02))["use_model"] is False  # no recall gain
    assert decide({"folds": {}})["use_model"] is False  # no fresh fold: no evidence


def test_combination_modes_include_rules_and_the_deployed_settings():
    from training_app.scoring.evaluation import GRID_FLOORS, OFF, combination_modes
    from training_app.scoring.model import SETTINGS

    modes = combination_modes({"health_claim": 0.7, "absolute_claim": 0.99}, SETTINGS["en"])
    assert modes["rules"] == (0.0, {"health_claim": OFF, "absolute_claim": OFF})
    veto, add = modes["deployed"]
    assert veto == SETTINGS["en"].veto and add == {"health_claim": SETTINGS["en"].add_floor, "absolute_claim": 0.99}
    assert min(s.add_floor for s in SETTINGS.values()) >= min(GRID_FLOORS)


def test_fresh_only_leaves_out_just_the_files_the_rules_never_saw(tmp_path: Path, catalog):
    eval_dir = _write_dev(tmp_path)
    health = ["health_claim"]
    rows = [{"id": f"x{i}", "text": t + "啊", "product": "none", "categories": health} for i, t in enumerate(POS)]
    _write(eval_dir, "zh.dev2.yaml", rows)
    _write(eval_dir, "zh.dev6.yaml", [{**r, "id": f"z{i}"} for i, r in enumerate(rows)])  # read by rule authors
    _write(eval_dir, "zh.dev7.yaml", [{**r, "id": f"y{i}"} for i, r in enumerate(rows)])
    meta = train_and_save(catalog, eval_dir, tmp_path / "out", fresh_only=True)
    assert set(meta["loso"]["zh"]["folds"]) == {"dev7"} and meta["decision"]["zh"]["fresh_sources"] == ["dev7"]


def test_apply_choice_saves_the_grid_choice_as_the_model_settings(tmp_path: Path, catalog):
    eval_dir = _write_dev(tmp_path)
    rows = [{"id": f"x{i}", "text": t + "啊", "product": "none", "categories": ["health_claim"]}
            for i, t in enumerate(POS)]  # fmt: skip
    rows += [{"id": f"m{i}", "text": t + "啊", "product": "none", "categories": []} for i, t in enumerate(NEG)]
    _write(eval_dir, "zh.dev2.yaml", rows)
    _write(eval_dir, "zh.dev7.yaml", [{**r, "id": f"y{i}"} for i, r in enumerate(rows)])
    _write(eval_dir, "zh.dev8.yaml", [{**r, "id": f"w{i}", "text": str(r["text"]) + "呢"} for i, r in enumerate(rows)])
    meta = train_and_save(catalog, eval_dir, tmp_path / "out", fresh_only=True, grid=True, apply_choice=True)
    choice = meta["loso"]["zh"]["fresh"]["choice"]
    model = ClaimModel.load(tmp_path / "out")
    assert model is not None
    if choice is None:  # nothing beat the rules on this tiny data: the settings stay
        assert meta["applied_choice"] == {} and model.veto_threshold("zh") == SETTINGS["zh"].veto
        return
    applied = meta["applied_choice"]["zh"]["applied"]
    assert choice["setting"] == f"add{applied['add_floor']:g}+veto{applied['veto']:g}"
    assert model.veto_threshold("zh") == applied["veto"] == meta["settings"]["zh"]["veto"]
    pooled = meta["loso"]["zh"]["fresh"]["modes"]
    assert pooled["deployed"] == pooled["grid:" + choice["setting"]]
