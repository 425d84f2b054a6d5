"""The coach's prompt templates (`*.md`) and offline phrase files (`*.yaml`), as package data.

This package holds no code: `coach.prompt_files` reads the files through `importlib.resources`,
so they ship inside the wheel and are found the same way in a checkout and an installation.
"""
