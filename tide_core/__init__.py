"""TIDE workbench: build the TIDE-style PTSD dialogue dataset, evaluate small language models, explore results.

Run `python -m tide_core --help` for the command line.
"""

__version__ = "0.1.0"


def __getattr__(name: str) -> str:
    """`GENERATOR_VERSION`: a hash of the generator's code and bank files (tide_core.generator_version), computed
    on first use, so any edit to them rebuilds what was built from generated text."""
    if name == "GENERATOR_VERSION":
        from tide_core.generator_version import generator_version

        return generator_version()
    raise AttributeError(f"module 'tide_core' has no attribute {name!r}")
