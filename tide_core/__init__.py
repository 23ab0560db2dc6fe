"""TIDE workbench: build the TIDE-style PTSD dialogue dataset, evaluate small language models, explore results.

Run `python -m tide_core --help` for the command line.
"""

__version__ = "0.1.0"

# Bumped whenever generated text or persona sampling changes, so a cached warehouse is rebuilt.
GENERATOR_VERSION = "gen-2"
