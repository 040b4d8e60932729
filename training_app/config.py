"""One Settings object, read from the environment (prefix ``TRAINING_APP_``) once and passed down.

Services never read the environment themselves: they receive the values they need.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="TRAINING_APP_", extra="ignore")

    environment: str = Field("local", description="local | production")
    data_dir: Path = Field(REPO_ROOT / "var", description="SQLite file, media, queue and caches live here")
    database_url: str | None = Field(None, description="SQLAlchemy URL; default: SQLite file in data_dir")
    queue_url: str | None = Field(None, description="redis://… or postgresql://…; default: SQLite queue in data_dir")
    media_dir: Path | None = Field(None, description="where recordings are stored; default: data_dir/media")
    courses_dir: Path = REPO_ROOT / "courses"
    assessments_dir: Path = REPO_ROOT / "assessments"
    models_dir: Path = REPO_ROOT / "models"
    whisper_model_dir: Path | None = Field(None, description="a local CTranslate2 Whisper model; wins over defaults")
    whisper_cache_dir: Path | None = Field(None, description="where bundled weights are assembled; default data_dir")

    # accounts
    session_idle_minutes: int = 30
    session_absolute_hours: int = 12
    lockout_threshold: int = 5
    lockout_minutes: int = 15

    # clips
    max_upload_mb: int = 200
    max_clip_seconds: int = 600
    import_max_mb: int = 2048
    import_max_seconds: int = 7200
    job_lease_seconds: int = 300
    job_max_attempts: int = 3
    worker_max_jobs: int = Field(
        200, ge=0, description="a worker process exits after this many jobs and a fresh one takes over; 0: never"
    )

    # privacy
    retention_days_clips: int = Field(730, description="clips older than this are deleted by `privacy purge`")

    @model_validator(mode="after")
    def _refuse_unsafe_production(self) -> Settings:
        if self.environment == "production" and self.resolved_database_url().startswith("sqlite"):
            # SQLite is fine for one machine; refuse only a relative path that depends on the working directory.
            if not self.data_dir.is_absolute():
                raise ValueError("production needs an absolute TRAINING_APP_DATA_DIR")
        return self

    def resolved_database_url(self) -> str:
        return self.database_url or f"sqlite:///{self.data_dir / 'training_app.db'}"

    def resolved_media_dir(self) -> Path:
        return self.media_dir or self.data_dir / "media"

    def resolved_whisper_cache_dir(self) -> Path:
        return self.whisper_cache_dir or self.data_dir / "whisper"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
