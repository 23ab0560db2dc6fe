"""`python -m tide_core` entry point."""

import sys

from tide_core.cli import main

sys.exit(main())
