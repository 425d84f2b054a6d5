"""Which sessions store the settings ask for: the team's PostgreSQL server when
`COACH_DATABASE_URL` is set (the OKR store's server), else the SQLite file in the data dir."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from coach.session_store import SessionStore
    from coach.settings import Settings


def open_session_store(settings: Settings) -> SessionStore:
    """The sessions store, opened (and set up or migrated); a `StorageError` when it cannot
    be used. With a server URL no sessions file is made in the data dir."""
    from coach.session_store import SessionStore  # LangGraph loads here, not on import

    url = settings.database_dsn()
    if url:
        from coach.storage.postgres_sessions import PostgresSessions  # psycopg only here

        return SessionStore(PostgresSessions(url, settings.db_busy_timeout_s),
                            busy_timeout_s=settings.db_busy_timeout_s)
    return SessionStore(settings.sessions_db, busy_timeout_s=settings.db_busy_timeout_s)


def check_session_store(settings: Settings) -> str:
    """Before the terminal app takes the screen, and for `coach doctor`: the sessions
    database can be used (nothing is written); what it is, for a person to read."""
    url = settings.database_dsn()
    if url:
        from coach.storage.postgres_sessions import probe

        return probe(url, settings.db_busy_timeout_s)
    from coach.storage.database import open_database

    path = settings.sessions_db
    if not path.exists():
        return f"{path} (created at the first session)"
    open_database(path, settings.db_busy_timeout_s).close()
    return f"{path} (intact)"


def preflight_session_store(settings: Settings) -> None:
    """Before the terminal app takes over the screen: a sessions database that cannot be used
    is refused as one line (the SQLite file is opened, made when missing, and checked; a
    server is connected to)."""
    url = settings.database_dsn()
    if url:
        from coach.storage.postgres_sessions import probe

        probe(url, settings.db_busy_timeout_s)
        return
    from coach.storage.database import open_database

    open_database(settings.sessions_db, settings.db_busy_timeout_s).close()
