"""What identifies the dataset generator: a hash of its code and its phrase-bank data files.

    generator_version() -> "gen-2-<12 hex>"

The build fingerprint (DatasetConfig.fingerprint) and anything else built from generated text (the crisis
detector samples dataset messages as negatives) key their caches on this value, so any edit to the generator's
code or to a bank file, even one word, gives a new version and a rebuild, while an unchanged tree gives the same
value and the warehouse is reused. `GENERATOR_LABEL` is the hand-set part, kept for people reading build_info.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

GENERATOR_LABEL = "gen-3"
PACKAGE_ROOT = Path(__file__).resolve().parent
# Files and folders (relative to the package) whose content decides the generated rows, and the quality report the
# build stores beside them (quality.py: a change to a check must not leave a reused warehouse with the old figures).
GENERATOR_PATHS = ("dialogue", "personas.py", "persona_rules.yaml", "scenarios.py", "dataset.py", "variety.py",
                   "quality.py", "bad_joins.yaml")
_SUFFIXES = {".py", ".yaml", ".yml", ".json", ".txt"}


def generator_files(root: Path = PACKAGE_ROOT) -> list[Path]:
    """The generator's code and data files under `root`, in a stable order (caches and bytecode left out)."""
    files: list[Path] = []
    for rel in GENERATOR_PATHS:
        path = root / rel
        if path.is_file():
            files.append(path)
        elif path.is_dir():
            files += [p for p in path.rglob("*") if p.is_file() and p.suffix in _SUFFIXES
                      and "__pycache__" not in p.parts]
    return sorted(files, key=lambda p: p.relative_to(root).as_posix())


@lru_cache(maxsize=8)
def generator_version(root: Path = PACKAGE_ROOT) -> str:
    """`GENERATOR_LABEL` plus a hash of every generator file's path and bytes under `root`."""
    digest = hashlib.sha256(GENERATOR_LABEL.encode())
    for path in generator_files(root):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return f"{GENERATOR_LABEL}-{digest.hexdigest()[:12]}"
