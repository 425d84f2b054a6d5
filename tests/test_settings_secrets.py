"""Secrets in the settings never show: an API key and a database password are masked in
`repr`, `str` and a dump, and read in clear only where a connection is made."""

from __future__ import annotations

from coach.settings import Settings

PASSWORD = "hunter2-never-shown"


def test_the_database_password_is_masked_everywhere_settings_are_shown() -> None:
    url = f"postgresql://coach:{PASSWORD}@db.example:5432/okrs"
    settings = Settings(_env_file=None, COACH_DATABASE_URL=url,
                        OPENAI_API_KEY=f"sk-{PASSWORD}")
    for shown in (repr(settings), str(settings), str(settings.model_dump()),
                  settings.model_dump_json()):
        assert PASSWORD not in shown
    assert settings.database_dsn() == url


def test_no_database_url_means_no_dsn() -> None:
    assert Settings(_env_file=None).database_dsn() is None
