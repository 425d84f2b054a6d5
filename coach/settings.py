"""Settings, read once at the entry point (environment, then `.env`)."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from platformdirs import user_data_path
from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

Backend = Literal["offline", "openai"]


class Settings(BaseSettings):
    """Everything the coach can be configured with. See `.env.example`."""

    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", populate_by_name=True
    )

    openai_api_key: SecretStr | None = Field(default=None, alias="OPENAI_API_KEY")
    """Key for the OpenAI-compatible endpoint. Never logged, exported or stored."""

    openai_base_url: str | None = Field(default=None, alias="OPENAI_BASE_URL")
    """Base URL of any OpenAI-compatible server (OpenAI, Azure, Ollama, vLLM, llama.cpp)."""

    model: str = Field(default="gpt-4o-mini", alias="COACH_MODEL")
    """Chat model name sent to the endpoint."""

    backend: Backend | None = Field(default=None, alias="COACH_BACKEND")
    """Force a backend; by default `openai` when a key or base URL is set, else `offline`."""

    data_dir: Path = Field(
        default_factory=lambda: user_data_path("okr-coach", appauthor=False),
        alias="COACH_DATA_DIR",
    )
    """Where sessions (SQLite), the knowledge base and exports live."""

    llm_timeout_s: float = Field(default=60.0, alias="COACH_LLM_TIMEOUT")
    """Seconds before one LLM request is abandoned."""

    llm_max_retries: int = Field(default=3, alias="COACH_LLM_RETRIES")
    """Retries on 429 / 5xx / connection errors, with backoff."""

    context_tokens: int = Field(default=8000, alias="COACH_CONTEXT_TOKENS")
    """Token budget for one prompt; older turns are summarised beyond it."""

    chroma_url: str | None = Field(default=None, alias="COACH_CHROMA_URL")
    """`http://host:port` of a Chroma server; unset means an on-disk store in the data dir."""

    db_busy_timeout_s: float = Field(default=5.0, gt=0, alias="COACH_DB_BUSY_TIMEOUT")
    """Seconds a write waits for another program's lock on the sessions database."""

    database_url: SecretStr | None = Field(default=None, alias="COACH_DATABASE_URL")
    """`postgresql://user:password@host:port/db` of a shared PostgreSQL server for the OKR
    store and the sessions; unset means SQLite files in the data dir. A secret (it may hold a
    password): `repr(settings)` shows `**********`; read it with `database_dsn()`."""

    embeddings: Literal["local", "openai"] = Field(default="local", alias="COACH_EMBEDDINGS")
    """`local` (offline MiniLM, shipped as packages) or `openai` (embeddings endpoint)."""

    def database_dsn(self) -> str | None:
        """The PostgreSQL URL in clear, for the one call that connects (never for display)."""
        return self.database_url.get_secret_value() if self.database_url else None

    def resolved_backend(self) -> Backend:
        if self.backend is not None:
            return self.backend
        if self.openai_api_key is not None or self.openai_base_url:
            return "openai"
        return "offline"

    @property
    def sessions_db(self) -> Path:
        return self.data_dir / "sessions.sqlite"

    @property
    def okr_db(self) -> Path:
        """The OKR store's SQLite file (unless `database_url` points at PostgreSQL)."""
        return self.data_dir / "okrs.sqlite"

    @property
    def chroma_dir(self) -> Path:
        return self.data_dir / "chroma"

    def ensure_data_dir(self) -> Path:
        """The data dir, created private (0700); a `StorageError` when it cannot be used."""
        from coach.storage.database import ensure_private_dir

        return ensure_private_dir(self.data_dir)
