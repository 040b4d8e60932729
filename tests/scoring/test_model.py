"""``training-app models train`` is reproducible: same data → same metrics and the same predictions."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from training_app.scoring.model import ClaimModel, train_and_save

POS = ["这个蜂蜜能治咳嗽", "喝了降血压", "吃了能防癌", "香菇抗肿瘤", "核桃补脑", "小米养胃治胃病"]
NEG = ["苹果很脆很甜", "今天发顺丰", "冷藏保存", "十斤装一箱", "洛川产的红富士", "欢迎新来的朋友", "扣1的家人们"]


def _write_dev(root: Path) -> Path:
    items = [{"id": f"p{i}", "text": t, "product": "none", "categories": ["health_claim"]} for i, t in enumerate(POS)]
    items += [{"id": f"n{i}", "text": t, "product": "none", "categories": []} for i, t in enumerate(NEG)]
    eval_dir = root / "eval"
    eval_dir.mkdir()
    (eval_dir / "zh.dev.yaml").write_text(yaml.safe_dump({"items": items}, allow_unicode=True), encoding="utf-8")
    return eval_dir


def test_models_train_is_reproducible(tmp_path: Path, catalog):
    eval_dir = _write_dev(tmp_path)
    first = train_and_save(catalog, eval_dir, tmp_path / "a")
    second = train_and_save(catalog, eval_dir, tmp_path / "b")
    assert first["cv_metrics"] == second["cv_metrics"] and first["version"] == second["version"]
    meta = json.loads((tmp_path / "a" / "metadata.json").read_text(encoding="utf-8"))
    assert {"data_hash", "features", "cv_metrics", "sklearn_version", "random_seed"} <= set(meta)
    a, b = ClaimModel.load(tmp_path / "a"), ClaimModel.load(tmp_path / "b")
    assert a and b and a.predict(["蜂蜜治咳嗽"], "zh") == b.predict(["蜂蜜治咳嗽"], "zh")
