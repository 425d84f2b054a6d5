"""Screens (`*Screen`) and modals (`*Modal`) of the terminal app."""
