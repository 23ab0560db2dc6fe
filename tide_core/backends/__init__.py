"""Response generators and the contract they meet: the Backend protocol, SYSTEM_PROMPT, DecodingSettings and
Generation (protocol.py); torch models (torch_backend.TorchBackend); the torch-free ONNX runtime generator
(onnx_backend.OnnxGenerator); batched generation on vLLM, CUDA only (vllm_backend.VllmBackend); Claude (claude.py).

    from tide_core.backends import claude_backend_or_reason
    backend, why_not = claude_backend_or_reason()   # Claude, or the reason it is unavailable

Importing this package imports neither torch nor any SDK (only the Claude names are re-exported here; `anthropic` is
loaded when a ClaudeBackend is made); import torch_backend, onnx_backend or vllm_backend by their module names.
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
