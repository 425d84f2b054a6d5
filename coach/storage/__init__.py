"""Where sessions are kept: the SQLite file, its checks and errors, and the per-session lock."""
