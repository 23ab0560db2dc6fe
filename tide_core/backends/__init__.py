"""Response generators behind the Backend protocol (tide_core.models.backend) that are not local torch models.

    from tide_core.backends import claude_backend_or_reason
    backend, why_not = claude_backend_or_reason()   # Claude, or the reason it is unavailable

The ONNX runtime generator lives beside the other local models: tide_core.models.onnx_generate.OnnxGenerator.
Importing this package imports no SDK; `anthropic` is loaded when a ClaudeBackend is made.
"""

from tide_core.backends.claude import (
    ClaudeBackend,
    ClaudeBudgetError,
    ClaudeConfig,
    ClaudeError,
    ClaudeIncompleteError,
    ClaudeKeyError,
    ClaudeResponseError,
    ClaudeUnavailableError,
    claude_backend_or_reason,
    generate_reference_replies,
)

__all__ = [
    "ClaudeBackend", "ClaudeBudgetError", "ClaudeConfig", "ClaudeError", "ClaudeIncompleteError", "ClaudeKeyError",
    "ClaudeResponseError", "ClaudeUnavailableError", "claude_backend_or_reason", "generate_reference_replies",
]
