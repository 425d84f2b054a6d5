"""`open_okr_store(settings)`: PostgreSQL when `COACH_DATABASE_URL` is set, else the SQLite
file `okrs.sqlite` in the data dir. Called at an entry point; the store is passed down."""

from __future__ import annotations

from coach.okr_store.port import OKRStore
from coach.settings import Settings


def open_okr_store(settings: Settings) -> OKRStore:
    """The OKR store these settings name, migrated; a one-line `StorageError` if it cannot
    be opened (damaged file, unreachable server, read-only data dir, newer schema)."""
    url = settings.database_dsn()
    if url:
        from coach.okr_store.postgres import open_postgres_store

        return open_postgres_store(url, settings.db_busy_timeout_s)
    from coach.okr_store.sqlite import open_sqlite_store

    settings.ensure_data_dir()
    return open_sqlite_store(settings.okr_db, settings.db_busy_timeout_s)
