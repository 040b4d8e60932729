"""``training-app models train`` is reproducible: same data → same metrics and the same predictions."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
import yaml

from training_app.errors import InvalidInput
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
