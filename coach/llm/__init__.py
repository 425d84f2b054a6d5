"""The LLM port and its adapters (offline coach, OpenAI-compatible)."""
