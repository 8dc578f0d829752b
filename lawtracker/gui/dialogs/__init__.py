"""Dialogs built in code, with their buttons as attributes so tests can press them."""
