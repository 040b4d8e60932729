"""Pydantic schemas of practice tasks and viewer-comment scripts (``assessments/tasks/``, format in its README).

The same :class:`ScriptSpec` validates a script file and a trainer-authored script stored in the database, so a
script written in the form obeys exactly the rules of a reviewed file.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from training_app.catalog.assessments import CATEGORIES
from training_app.catalog.course_schemas import ID_RE, Text

TrackId = Literal["ethics-officials", "product-knowledge", "livestream-technique"]
TRACKS: tuple[str, ...] = TrackId.__args__  # type: ignore[attr-defined]
CommentKind = Literal[
    "question_price",
    "question_origin",
    "question_shipping",
    "question_freshness",
    "bait_health",
    "bait_competitor",
    "bait_official",
    "complaint",
    "praise",
]
COMMENT_KINDS: tuple[str, ...] = CommentKind.__args__  # type: ignore[attr-defined]
TaskLanguage = Literal["zh", "en", "any"]
MAX_SCRIPT_SECONDS = 600
CUE_ID_RE = re.compile(r"^[a-z][a-z0-9_-]*$")


def check_id(value: str) -> str:
    if not ID_RE.match(value):
        raise ValueError(f"'{value}' is not a lowercase kebab-case id")
    return value


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CueSpec(_Strict):
    """A named list of words that show an answer covers something ("price": 价格, 元, yuan …)."""

    id: str
    label: Text
    zh: list[str] = Field(min_length=1)
    en: list[str] = Field(min_length=1)

    @field_validator("id")
    @classmethod
    def _cue_id(cls, value: str) -> str:
        if not CUE_ID_RE.match(value):
            raise ValueError(f"'{value}' is not a cue id (lowercase letters, digits, _ and -)")
        return value

    @field_validator("zh", "en", mode="before")
    @classmethod
    def _as_text(cls, value: object) -> object:
        return [str(v) for v in value] if isinstance(value, list) else value


class CommentSpec(_Strict):
    """One scripted viewer comment, shown ``at_s`` seconds after recording starts."""

    at_s: float = Field(ge=0, le=MAX_SCRIPT_SECONDS)
    user: str = Field(min_length=1, max_length=40)
    text: Text
    kind: CommentKind
    expects: list[str] = []  # cue ids: the task's or script's cues, the product's key points, or shared cues
    forbidden: list[str] = []  # claim categories an answer must not contain

    @field_validator("text")
    @classmethod
    def _short(cls, value: Text) -> Text:
        if max(len(value.zh), len(value.en)) > 200:
            raise ValueError("a comment is at most 200 characters")
        return value

    @field_validator("forbidden")
    @classmethod
    def _categories(cls, value: list[str]) -> list[str]:
        unknown = [v for v in value if v not in CATEGORIES]
        if unknown:
            raise ValueError(f"unknown claim categories {unknown}; use one of {', '.join(CATEGORIES)}")
        return value

    @model_validator(mode="after")
    def _bait_forbids(self) -> CommentSpec:
        if self.kind.startswith("bait_") and not self.forbidden:
            raise ValueError("a bait comment must list the claim categories an answer must not contain (forbidden)")
        return self


class ScriptSpec(_Strict):
    """A comment script: ``assessments/tasks/scripts/<id>.yaml`` or a trainer's script in the database."""

    id: str
    title: Text
    cues: list[CueSpec] = []
    comments: list[CommentSpec] = Field(min_length=1, max_length=60)

    _id = field_validator("id")(check_id)

    @model_validator(mode="after")
    def _ordered(self) -> ScriptSpec:
        times = [c.at_s for c in self.comments]
        if times != sorted(times):
            raise ValueError("comments must be in time order (at_s ascending)")
        ids = [c.id for c in self.cues]
        if len(ids) != len(set(ids)):
            raise ValueError("duplicate cue ids")
        return self


class Duration(_Strict):
    min_s: int = Field(ge=5)
    target_s: int
    max_s: int = Field(le=MAX_SCRIPT_SECONDS)

    @model_validator(mode="after")
    def _order(self) -> Duration:
        if not self.min_s <= self.target_s <= self.max_s:
            raise ValueError("need min_s ≤ target_s ≤ max_s")
        return self


class TaskFile(_Strict):
    """One practice task (``assessments/tasks/<id>.yaml``)."""

    id: str
    track: TrackId
    order: int = Field(default=0, ge=0)
    title: Text
    goal: Text
    product: str | None = None
    language: TaskLanguage = "any"
    duration: Duration
    key_points: list[str] = []  # ids of the product's key points
    cues: list[CueSpec] = []  # task-specific cue lists
    rubric: str = "default"
    attempt_limit: int = Field(default=5, ge=1, le=50)
    comment_script: str | None = None  # id of a file in scripts/
    comments: list[CommentSpec] = []  # or an inline script

    _id = field_validator("id")(check_id)

    @model_validator(mode="after")
    def _one_script(self) -> TaskFile:
        if self.comment_script and self.comments:
            raise ValueError("give either comment_script or comments, not both")
        times = [c.at_s for c in self.comments]
        if times != sorted(times):
            raise ValueError("comments must be in time order (at_s ascending)")
        return self


class KindSpec(_Strict):
    """What answers a kind of comment (cue ids from the shared library) and, for bait, what a refusal sounds like."""

    label: Text
    answers: list[str] = Field(min_length=1)


class KindsFile(_Strict):
    """``assessments/tasks/comment_kinds.yaml``: shared cue library and one entry per comment kind."""

    version: str
    cues: list[CueSpec] = Field(min_length=1)
    kinds: dict[CommentKind, KindSpec]

    @model_validator(mode="after")
    def _complete(self) -> KindsFile:
        missing = [k for k in COMMENT_KINDS if k not in self.kinds]
        if missing:
            raise ValueError(f"missing comment kinds {missing}")
        known = {c.id for c in self.cues}
        unknown = sorted({a for k in self.kinds.values() for a in k.answers} - known)
        if unknown:
            raise ValueError(f"kinds refer to unknown cues {unknown}")
        return self
