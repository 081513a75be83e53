"""Evaluating LLMs over any OpenAI-compatible chat-completions server (``llm:MODEL``)."""
