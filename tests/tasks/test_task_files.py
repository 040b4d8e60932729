"""The shipped task files validate; a broken copy fails with file:line problems."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from training_app.catalog.task_schemas import TRACKS
from training_app.catalog.tasks import TaskCatalog, check_tasks
from training_app.config import REPO_ROOT
from training_app.services.scoring import load_assessment_catalog

TASKS = REPO_ROOT / "assessments" / "tasks"


def _products() -> dict:
    return load_assessment_catalog(REPO_ROOT / "assessments").products


def test_shipped_tasks_validate_with_enough_tasks_in_every_track(task_catalog: TaskCatalog) -> None:
    assert len(task_catalog.tasks) >= 12
    tracks = {t.spec.track for t in task_catalog.tasks.values()}
    assert tracks == set(TRACKS)
    course_tracks = {yaml.safe_load(p.read_text())["id"] for p in (REPO_ROOT / "courses").glob("*/track.yaml")}
    assert tracks <= course_tracks
    assert sum(t.spec.language == "en" for t in task_catalog.tasks.values()) >= 3


def test_shipped_tasks_are_bilingual_with_known_products(task_catalog: TaskCatalog) -> None:
    products = _products()
    for task in task_catalog.tasks.values():
        spec = task.spec
        assert spec.title.zh and spec.title.en and spec.goal.zh and spec.goal.en
        assert spec.product in products
        assert task.script is not None and task.script.comments, spec.id
        for comment in task.script.comments:
            assert comment.text.zh and comment.text.en
            for cue in comment.expects:
                assert task_catalog.resolve_cue(cue, spec, task.script) is not None


def test_every_bait_comment_forbids_a_claim(task_catalog: TaskCatalog) -> None:
    baits = [c for t in task_catalog.tasks.values() for c in (t.script.comments if t.script else [])]
    assert any(c.kind == "bait_health" for c in baits)
    assert all(c.forbidden for c in baits if c.kind.startswith("bait_"))


def _broken_copy(tmp_path: Path) -> Path:
    root = tmp_path / "tasks"
    shutil.copytree(TASKS, root)
    return root


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        ("tech-apple-opening.yaml", "product: luochuan-apple", "product: no-such-fruit", "unknown product"),
        ("tech-apple-opening.yaml", "track: livestream-technique", "track: cooking", "track"),
        ("pk-eggs-freshness.yaml", "expects: [freshness]", "expects: [no-such-cue]", "unknown cue"),
        ("scripts/rotten-box.yaml", "    kind: praise", "    kind: gossip", "kind"),
        ("pk-honey-cough.yaml", "attempt_limit: 5", "attempt_limit: 0", "attempt_limit"),
        ("tech-rotten-box.yaml", "key_points: [shipping, storage]", "key_points: [shipping, taste]", "key point"),
    ],
)
def test_broken_task_file_reports_file_and_line(tmp_path: Path, file: str, old: str, new: str, message: str) -> None:
    root = _broken_copy(tmp_path)
    path = root / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    broken = text.replace(old, new, 1)
    path.write_text(broken, encoding="utf-8")
    line = 1 + next(i for i, row in enumerate(broken.splitlines()) if new in row)
    catalog, problems = check_tasks(root, _products())
    assert catalog is None
    rendered = [str(p) for p in problems]
    assert any(r.startswith(f"{path}:{line}:") and message in r for r in rendered), rendered


def test_bait_comment_without_forbidden_is_refused(tmp_path: Path) -> None:
    root = _broken_copy(tmp_path)
    path = root / "scripts" / "honey-health-bait.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    forbidden: [health_claim]\n", "", 1), encoding="utf-8")
    _, problems = check_tasks(root, _products())
    assert any(str(p).startswith(f"{path}:") and "bait comment" in str(p) for p in problems), problems
