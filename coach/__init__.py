"""okr-coach: a Solution-Focused OKR coach for the terminal."""

__version__ = "0.1.0"
