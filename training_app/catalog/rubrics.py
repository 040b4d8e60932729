"""Review rubrics (``assessments/rubrics/*.yaml``): criteria, weights, levels, and how an automatic score pre-fills a
level. Validated with pydantic; a broken file is reported with its path and the first problem."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from training_app.catalog.assessments import Bilingual
from training_app.errors import InvalidInput

Evidence = Literal["none", "pacing", "engagement", "knowledge", "claims"]
Function = Literal["preparation", "live_selling", "after_sales"]


class Level(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    value: int
    label: Bilingual


class Criterion(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    function: Function
    evidence: Evidence
    weight: float = Field(gt=0)
    title: Bilingual
    guide: Bilingual


class Rubric(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str = Field(pattern=r"^[a-z][a-z0-9-]*$")
    version: str
    default: bool = False
    title: Bilingual
    levels: list[Level] = Field(min_length=2)
    thresholds: dict[int, float]
    claim_penalties: dict[str, float]
    criteria: list[Criterion] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> Rubric:
        values = [lv.value for lv in self.levels]
        if values != list(range(1, len(values) + 1)):
            raise ValueError("levels must be numbered 1, 2, 3 … in order")
        if sorted(self.thresholds) != values or sorted(self.thresholds.values()) != [
            self.thresholds[v] for v in values
        ]:
            raise ValueError("thresholds need one rising value per level")
        ids = [c.id for c in self.criteria]
        if len(ids) != len(set(ids)):
            raise ValueError("criterion ids must be unique")
        return self

    @property
    def top(self) -> int:
        return len(self.levels)

    def criterion(self, criterion_id: str) -> Criterion | None:
        return next((c for c in self.criteria if c.id == criterion_id), None)

    def level_for(self, evidence: float) -> int:
        """The highest level whose threshold is ≤ the 0–100 evidence."""
        return max((v for v, low in self.thresholds.items() if evidence >= low), default=1)

    def fraction(self, level: int) -> float:
        """A level as 0–1 of the scale (1 → 0, top → 1)."""
        return (level - 1) / (self.top - 1)


def load_rubric_file(path: Path) -> Rubric:
    try:
        return Rubric.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    except (OSError, yaml.YAMLError) as exc:
        raise InvalidInput("rubric.bad_file", path=str(path), detail=str(exc)[:200]) from exc
    except ValidationError as exc:
        first = exc.errors()[0]
        detail = f"{'.'.join(str(p) for p in first['loc'])}: {first['msg']}"
        raise InvalidInput("rubric.bad_file", path=str(path), detail=detail) from exc


def load_rubrics(rubrics_dir: Path) -> dict[str, Rubric]:
    """Every rubric in the directory by id; exactly one must be the default."""
    rubrics = [load_rubric_file(p) for p in sorted(rubrics_dir.glob("*.yaml"))]
    by_id = {r.id: r for r in rubrics}
    if not rubrics or len(by_id) != len(rubrics) or sum(r.default for r in rubrics) != 1:
        raise InvalidInput("rubric.no_default", path=str(rubrics_dir))
    return by_id


def default_rubric(rubrics: dict[str, Rubric]) -> Rubric:
    return next(r for r in rubrics.values() if r.default)
