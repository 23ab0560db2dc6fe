"""Build TIDE the study's way: Claude writes each conversation's client message and three-factor reference reply.

    python -m tide_core build --generator claude [--dry-run] [--max-cost USD] [--claude-settings my.yaml]

    from tide_core.claude_build import claude_build, load_settings
    result = claude_build(cfg, path, model=..., settings=load_settings(), api_key=key)

- prompt.py: the plan (the bank generator's personas, scenarios, factor orders and risk draws) and the versioned
  prompt (data/prompt.yaml) rendered per conversation; structured output through a forced tool call.
- validate.py: the checks an answer passes before it lands (segments, risk protocol, persona, quality rules).
- cost.py: the estimate and the cost of answered requests, from the price table (data/settings.yaml).
- runner.py: Message Batches with prompt caching, state in the warehouse, retries with the reason, resume.
"""

from tide_core.claude_build.runner import ClaudeBuildResult, Progress, claude_build
from tide_core.claude_build.settings import BuildSettings, load_settings

__all__ = ["BuildSettings", "ClaudeBuildResult", "Progress", "claude_build", "load_settings"]
