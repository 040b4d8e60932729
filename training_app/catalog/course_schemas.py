"""Pydantic schemas of the course files (see ``courses/FORMAT.md``) and the validated objects built from them."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from training_app.catalog.yaml_lines import YamlDoc

LANGS = ("zh", "en")
ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
StandardFunction = Literal["preparation", "live_selling", "after_sales"]
STANDARD_FUNCTIONS: tuple[str, ...] = StandardFunction.__args__  # type: ignore[attr-defined]


def _check_id(value: str) -> str:
    if not ID_RE.match(value):
        raise ValueError(f"'{value}' is not a lowercase kebab-case id")
    return value


class Text(BaseModel):
    """A translatable field: both zh and en are required and non-empty."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    zh: str = ""
    en: str = ""

    @model_validator(mode="after")
    def _both_languages(self) -> Text:
        missing = [lang for lang in LANGS if not getattr(self, lang).strip()]
        if missing:
            raise ValueError(f"missing translation: {', '.join(missing)}")
        return self

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class TrackFile(_Strict):
    id: str
    order: int = Field(ge=0)
    title: Text
    summary: Text
    audience: list[str] = []

    _id = field_validator("id")(_check_id)


class ModuleFile(_Strict):
    id: str
    order: int = Field(ge=0)
    title: Text
    summary: Text
    standard_functions: list[StandardFunction] = Field(min_length=1)
    prerequisites: list[str] = []
    estimated_minutes: int = Field(gt=0)

    _id = field_validator("id")(_check_id)


class LessonMeta(_Strict):
    """The front matter of one language file of a lesson."""

    id: str
    order: int = Field(ge=0)
    title: str = Field(min_length=1)
    minutes: int = Field(gt=0)
    sources: list[str] = []

    _id = field_validator("id")(_check_id)


class OptionFile(_Strict):
    id: str = Field(min_length=1, max_length=32)
    text: Text
    correct: bool = False
    explanation: Text


class QuestionFile(_Strict):
    id: str
    kind: Literal["single", "multiple"]
    prompt: Text
    options: list[OptionFile] = Field(min_length=2)

    _id = field_validator("id")(_check_id)


class QuizFile(_Strict):
    module: str
    pass_mark: float = Field(gt=0, le=1)
    max_attempts: int | None = Field(default=None, ge=1)
    questions: list[QuestionFile] = Field(min_length=1)


def digest(value: Any) -> str:
    """Short stable hash of JSON-able content: the content version."""
    blob = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Lesson:
    id: str
    order: int
    module_id: str
    minutes: int
    title: Text
    body: Text
    sources: dict[str, list[str]]
    doc: YamlDoc | None = field(default=None, compare=False, repr=False)  # the zh file's front matter

    @property
    def version(self) -> str:
        return digest({"title": self.title.model_dump(), "body": self.body.model_dump(), "sources": self.sources})


@dataclass(frozen=True)
class Question:
    order: int
    spec: QuestionFile

    @property
    def id(self) -> str:
        return self.spec.id

    @property
    def version(self) -> str:
        return digest(self.spec.model_dump())


@dataclass(frozen=True)
class Quiz:
    module_id: str
    pass_mark: float
    max_attempts: int | None
    questions: list[Question]
    doc: YamlDoc | None = field(default=None, compare=False, repr=False)

    @property
    def version(self) -> str:
        return digest([self.pass_mark, self.max_attempts, [q.version for q in self.questions]])


@dataclass
class Module:
    spec: ModuleFile
    track_id: str
    lessons: list[Lesson] = field(default_factory=list)
    quiz: Quiz | None = None
    doc: YamlDoc | None = field(default=None, compare=False, repr=False)

    @property
    def id(self) -> str:
        return self.spec.id


@dataclass
class Track:
    spec: TrackFile
    modules: list[Module] = field(default_factory=list)
    doc: YamlDoc | None = field(default=None, compare=False, repr=False)

    @property
    def id(self) -> str:
        return self.spec.id


@dataclass
class Catalog:
    tracks: list[Track]

    def modules(self) -> list[Module]:
        return [m for t in self.tracks for m in t.modules]

    def lessons(self) -> list[Lesson]:
        return [lesson for m in self.modules() for lesson in m.lessons]

    def questions(self) -> list[Question]:
        return [q for m in self.modules() if m.quiz for q in m.quiz.questions]

    @property
    def version(self) -> str:
        tracks = [
            (t.spec.model_dump(), [(m.spec.model_dump(), m.quiz.version if m.quiz else "") for m in t.modules])
            for t in self.tracks
        ]
        lessons = [(lesson.id, lesson.order, lesson.minutes, lesson.version) for lesson in self.lessons()]
        return digest([tracks, lessons])

    def summary(self) -> str:
        return (
            f"tracks={len(self.tracks)} modules={len(self.modules())} lessons={len(self.lessons())} "
            f"questions={len(self.questions())} languages={','.join(LANGS)}"
        )
