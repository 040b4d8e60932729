"""Schema and loader for ``assessments/certification.yaml``: the certification levels and their rules.

The levels are data a trainer or lawyer can change without touching Python. :func:`load_certification` validates the
file (pydantic) and returns a :class:`CertificationCatalog`; problems are raised as ``InvalidInput`` with
``file:line: message`` so a broken edit is easy to find.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from training_app.catalog.yaml_lines import parse_yaml, validation_problems
from training_app.errors import InvalidInput

FILE_NAME = "certification.yaml"
Audience = Literal["farmer", "official"]


class Bilingual(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    zh: str = Field(min_length=1)
    en: str = Field(min_length=1)

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh


class ClipRule(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    count: int = Field(ge=0)
    min_score: float = Field(ge=0, le=100)
    critical_window: int = Field(ge=0)


class RenewalRule(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    window_days: int = Field(ge=0)
    grace_days: int = Field(ge=0)


class LevelSpec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str = Field(pattern=r"^[a-z][a-z0-9-]{0,31}$")
    order: int
    title: Bilingual
    summary: Bilingual
    audience: list[Audience] = Field(min_length=1)
    requires_level: str | None = None
    modules: list[str] = []
    quiz_min_score: float = Field(0.0, ge=0, le=1)
    clips: ClipRule
    trainer_signoff: bool = True
    validity_months: int = Field(ge=1, le=120)
    renewal: RenewalRule


class CertificationCatalog(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    version: str = Field(min_length=1)
    programme: Bilingual
    levels: list[LevelSpec] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> CertificationCatalog:
        ids = [level.id for level in self.levels]
        if len(set(ids)) != len(ids):
            raise ValueError("level ids must be unique")
        for level in self.levels:
            if level.requires_level is not None and level.requires_level not in ids:
                raise ValueError(f"level {level.id}: requires_level {level.requires_level!r} is not a level")
            if level.requires_level == level.id:
                raise ValueError(f"level {level.id} requires itself")
        return self

    def level(self, level_id: str) -> LevelSpec:
        for level in self.levels:
            if level.id == level_id:
                return level
        raise InvalidInput("certification.unknown_level", level=level_id)

    @property
    def level_ids(self) -> list[str]:
        return [level.id for level in sorted(self.levels, key=lambda x: x.order)]


def parse_certification(path: Path) -> CertificationCatalog:
    doc = parse_yaml(path, path.read_text(encoding="utf-8"))
    if doc.problems:
        raise InvalidInput("certification.file_invalid", problem=str(doc.problems[0]))
    try:
        return CertificationCatalog.model_validate(doc.data)
    except ValidationError as exc:
        raise InvalidInput("certification.file_invalid", problem=str(validation_problems(doc, exc)[0])) from None


@lru_cache(maxsize=4)
def _cached(path: str, mtime_ns: int) -> CertificationCatalog:
    return parse_certification(Path(path))


def load_certification(assessments_dir: Path) -> CertificationCatalog:
    """The levels in ``assessments_dir/certification.yaml`` (re-read when the file changes)."""
    path = assessments_dir / FILE_NAME
    if not path.is_file():
        raise InvalidInput("certification.file_invalid", problem=f"{path}: missing")
    return _cached(str(path), path.stat().st_mtime_ns)
