"""Thin command-line entry points for training; the library code is tide_core.models (see training/README.md)."""
