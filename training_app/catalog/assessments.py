"""Schemas and loader for ``assessments/``: claim rules, lexicons, gazetteer, product fact sheets, scoring config.

Everything a trainer or lawyer may change lives in YAML; this module validates it (pydantic) and turns it into one
:class:`AssessmentCatalog`. The rule-set version is the ``version`` every rule file declares plus a short hash of
the rule, lexicon and gazetteer files, so a score records exactly which rules produced it even if someone forgets to
bump the version.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from training_app.errors import InvalidInput

Category = Literal[
    "absolute_claim",
    "health_claim",
    "unverified_certification",
    "false_origin",
    "absolute_safety",
    "price_fraud",
    "fabricated_data",
    "coerced_purchase",
    "official_endorsement",
    "disparagement",
    "other",
]
CATEGORIES: tuple[str, ...] = Category.__args__  # type: ignore[attr-defined]
Severity = Literal["critical", "major", "minor"]
Lang = Literal["zh", "en"]
Certification = Literal["organic", "green_food", "geographical_indication"]
ProductCategory = Literal["fruit", "rice", "grain", "tea", "honey", "mushroom", "nut", "eggs"]
Check = Literal["none", "certification", "gi_origin", "region_origin", "price_cut", "organic_method"]


class Bilingual(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    zh: str
    en: str

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh


class LegalBasis(BaseModel):
    """One citation: the PRC text in Chinese and English, or a US counterpart (``en`` only is fine then)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    zh: str
    en: str


class ClaimRule(BaseModel):
    """A claim rule. ``patterns`` raise a candidate; ``requires``/``exceptions`` decide on the clause."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str
    card: str
    category: Category
    severity: Severity
    languages: list[Lang]
    patterns: list[str] = Field(min_length=1)
    requires: list[str] = []
    scope: Literal["clause", "sentence"] = "clause"
    exceptions: list[str] = []
    sentence_exceptions: list[str] = []
    negatable: bool = True
    check: Check = "none"
    certification: Certification | None = None
    legal_basis: list[str] = Field(min_length=1)
    us_basis: list[str] = []
    explanation: Bilingual
    suggestion: Bilingual
    explanation_unverified: Bilingual | None = None


class RuleFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    version: str
    rules: list[ClaimRule]


class BasesFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    version: str
    bases: dict[str, LegalBasis]


class LexiconFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    version: str
    lists: dict[str, list[str]]


class KeyPoint(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)
    id: str
    label: Bilingual
    zh: list[str] = Field(min_length=1)
    en: list[str] = Field(min_length=1)

    @field_validator("zh", "en", mode="before")
    @classmethod
    def _cues_as_text(cls, value: Any) -> Any:
        return [str(v) for v in value] if isinstance(value, list) else value


class ProductSheet(BaseModel):
    """A product fact sheet (``assessments/products/<id>.yaml``). Unknown fields are ignored."""

    model_config = ConfigDict(extra="ignore", frozen=True)
    id: str
    name: Bilingual
    category: ProductCategory
    origin: Bilingual
    certifications: list[Certification] = []
    key_points: list[KeyPoint] = Field(min_length=1)
    certificate_numbers: dict[str, str] = {}
    storage: Bilingual | None = None
    shelf_life: Bilingual | None = None
    harvest_season: Bilingual | None = None

    def has(self, certification: str) -> bool:
        return certification in self.certifications

    def hotwords(self) -> tuple[str, ...]:
        return (self.name.zh, self.name.en)


class Names(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    zh: list[str] = []
    en: list[str] = []


class GazetteerEntry(BaseModel):
    """A protected origin (GI): full names, place names and product kinds, and which sheets are the true product."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str
    name: Bilingual
    names: Names
    places: Names
    kinds: Names
    region: str
    products: list[str] = []


class Region(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str
    zh: list[str]
    en: list[str]


class Gazetteer(BaseModel):
    model_config = ConfigDict(extra="forbid")
    version: str
    entries: list[GazetteerEntry]
    regions: list[Region]


class Band(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    ideal: tuple[float, float]
    acceptable: tuple[float, float]

    @field_validator("acceptable")
    @classmethod
    def _wider(cls, value: tuple[float, float]) -> tuple[float, float]:
        if value[0] > value[1]:
            raise ValueError("band low > high")
        return value


class PacingConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")
    bands: dict[Lang, Band]
    pause_min_s: float = 0.3
    long_pause_s: float = 2.0
    window_s: float = 20.0
    step_s: float = 5.0
    filler_target_per_100: dict[Lang, float]
    filler_penalty_per_unit: float = 5.0
    long_pause_penalty: float = 3.0
    monotone_semitones: float = 2.0
    monotone_penalty: float = 10.0
    pitch_max_seconds: float = 120.0


class EngagementConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")
    target_per_minute: dict[str, float]
    target_per_100_units: dict[Lang, dict[str, float]]
    weights: dict[str, float]
    gap_free_s: float = 60.0
    gap_zero_s: float = 240.0
    gap_max_penalty: float = 0.5


class OverallConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")
    weights: dict[str, float]
    deductions: dict[Severity, float]
    critical_cap: float = 40.0


class ClaimsConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")
    use_model: dict[Lang, bool]
    veto_threshold: float = 0.05
    add_threshold: float = 0.9


class ScoringConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")
    version: str
    pacing: PacingConfig
    engagement: EngagementConfig
    overall: OverallConfig
    claims: ClaimsConfig


@dataclass
class AssessmentCatalog:
    root: Path
    rule_set_version: str
    rules: list[ClaimRule]
    bases: dict[str, LegalBasis]
    lexicons: dict[str, list[str]]
    gazetteer: Gazetteer
    products: dict[str, ProductSheet]
    scoring: ScoringConfig
    cache: dict[str, Any] = field(default_factory=dict, repr=False)

    def product(self, product_id: str) -> ProductSheet:
        try:
            return self.products[product_id]
        except KeyError:
            raise InvalidInput("scoring.unknown_product", product=product_id) from None


def _read_yaml(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise InvalidInput("scoring.bad_assessment_file", path=str(path), detail=str(exc)[:200]) from exc


def _validate(model: type[BaseModel], path: Path) -> Any:
    try:
        return model.model_validate(_read_yaml(path))
    except ValidationError as exc:
        first = exc.errors()[0]
        detail = f"{'.'.join(str(p) for p in first['loc'])}: {first['msg']}"
        raise InvalidInput("scoring.bad_assessment_file", path=str(path), detail=detail) from exc


def load_product_file(path: Path) -> ProductSheet:
    if not path.is_file():
        raise InvalidInput("scoring.product_file_missing", path=str(path))
    sheet: ProductSheet = _validate(ProductSheet, path)
    return sheet


def assessment_files(root: Path) -> list[Path]:
    """The files that define the catalog (used for the cache key and the version hash)."""
    names = ["gazetteer.yaml", "scoring.yaml"]
    files = [root / n for n in names]
    for sub in ("rules", "lexicons", "products"):
        files += sorted((root / sub).glob("*.yaml"))
    return [f for f in files if f.is_file()]


def _rule_hash(root: Path) -> str:
    digest = hashlib.sha256()
    for path in assessment_files(root):
        if path.parent.name in ("rules", "lexicons") or path.name == "gazetteer.yaml":
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:8]


def _load_rules(root: Path) -> tuple[str, list[ClaimRule], dict[str, LegalBasis]]:
    versions: set[str] = set()
    rules: list[ClaimRule] = []
    bases: dict[str, LegalBasis] = {}
    for path in sorted((root / "rules").glob("*.yaml")):
        raw = _read_yaml(path) or {}
        if "bases" in raw:
            bases_file: BasesFile = _validate(BasesFile, path)
            versions.add(bases_file.version)
            bases.update(bases_file.bases)
        else:
            rule_file: RuleFile = _validate(RuleFile, path)
            versions.add(rule_file.version)
            rules.extend(rule_file.rules)
    if len(versions) != 1:
        raise InvalidInput("scoring.bad_assessment_file", path=str(root / "rules"), detail=f"versions {versions}")
    ids = [r.id for r in rules]
    missing = {k for r in rules for k in r.legal_basis + r.us_basis if k not in bases}
    if len(ids) != len(set(ids)) or missing:
        detail = f"duplicate ids or unknown legal bases {sorted(missing)}"
        raise InvalidInput("scoring.bad_assessment_file", path=str(root / "rules"), detail=detail)
    return versions.pop(), rules, bases


def load_catalog_uncached(root: Path) -> AssessmentCatalog:
    """Read and validate every file under ``root`` (``assessments/``)."""
    if not (root / "rules").is_dir():
        raise InvalidInput("scoring.assessments_missing", path=str(root))
    version, rules, bases = _load_rules(root)
    lexicons: dict[str, list[str]] = {}
    for path in sorted((root / "lexicons").glob("*.yaml")):
        lexicon_file: LexiconFile = _validate(LexiconFile, path)
        lexicons.update(lexicon_file.lists)
    products = {p.id: p for p in (load_product_file(f) for f in sorted((root / "products").glob("*.yaml")))}
    return AssessmentCatalog(
        root=root,
        rule_set_version=f"{version}+{_rule_hash(root)}",
        rules=rules,
        bases=bases,
        lexicons=lexicons,
        gazetteer=_validate(Gazetteer, root / "gazetteer.yaml"),
        products=products,
        scoring=_validate(ScoringConfig, root / "scoring.yaml"),
    )
