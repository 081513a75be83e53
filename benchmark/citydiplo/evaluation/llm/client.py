"""One chat-completions request, through the official ``openai`` client.

The client does the retries (429, 5xx, connection errors, timeouts; exponential back-off
honouring ``Retry-After``) and the timeout. Requests are non-streaming. JSON output is
asked for with ``response_format={"type": "json_object"}``; a server that refuses the
parameter (HTTP 400/422) is asked again without it, and for the rest of the run (the
answer is parsed tolerantly anyway); one that wants ``max_completion_tokens`` instead of
``max_tokens`` (newer OpenAI models) gets it the same way. A request that still fails is a ``RequestFailed``
naming the kind of failure (``http_429``, ``http_500``, ``timeout``, ``connection``).
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from typing import Any, Mapping
from urllib.parse import urlsplit

from citydiplo.errors import InputError

NO_KEY = "no-key"  # what local servers get when the key variable is unset (they ignore it)


@dataclass(frozen=True)
class Completion:
    """What a server answered: the text, why it stopped, token usage and its model id."""

    content: str | None
    finish_reason: str | None
    prompt_tokens: int
    completion_tokens: int
    model: str | None

    def to_dict(self) -> dict:
        return {"content": self.content, "finish_reason": self.finish_reason, "prompt_tokens": self.prompt_tokens,
                "completion_tokens": self.completion_tokens, "model": self.model}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Completion":
        return cls(data.get("content"), data.get("finish_reason"), int(data.get("prompt_tokens") or 0),
                   int(data.get("completion_tokens") or 0), data.get("model"))


class RequestFailed(Exception):
    """A request that failed after the client's retries."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(f"{kind}: {message}")
        self.kind = kind


def base_url_host(base_url: str) -> str:
    """The host (and port) of a base URL, without credentials or path: what results name."""
    parts = urlsplit(base_url)
    if not parts.scheme or not parts.hostname:
        raise InputError("--base-url", 0, f"{base_url!r} is not a URL such as http://127.0.0.1:8000/v1")
    return parts.hostname + (f":{parts.port}" if parts.port else "")


class ChatClient:
    """Sends chat-completions requests to one server for one model."""

    def __init__(self, base_url: str, model: str, api_key_env: str = "OPENAI_API_KEY", timeout: float = 120.0,
                 max_retries: int = 2) -> None:
        try:
            import openai
        except ImportError:
            raise InputError("llm:" + model, 0, "the openai client is not installed: pip install 'citydiplo[llm]'") from None
        base_url_host(base_url)
        self._openai = openai
        self.model = model
        # the key is read here and handed to the client only: never logged, cached or written
        self._client = openai.OpenAI(base_url=base_url, api_key=os.environ.get(api_key_env) or NO_KEY,
                                     timeout=timeout, max_retries=max_retries)
        self._json_mode = True
        self._tokens_key = "max_tokens"
        self._lock = threading.Lock()
        self.json_mode_refused = False

    def complete(self, messages: list[dict], params: Mapping[str, Any]) -> Completion:
        openai = self._openai
        try:
            settings = (self._json_mode, self._tokens_key)
            for _ in range(3):
                try:
                    response = self._create(messages, params, *settings)
                    break
                except openai.BadRequestError as exc:
                    settings = self._adapt(exc, *settings)
                    if settings is None:
                        raise
            else:  # pragma: no cover - three refusals in a row
                raise RequestFailed("http_400", "the server refuses the request's parameters")
        except openai.APITimeoutError as exc:
            raise RequestFailed("timeout", str(exc)) from None
        except openai.APIConnectionError as exc:
            raise RequestFailed("connection", str(exc)) from None
        except openai.APIStatusError as exc:
            raise RequestFailed(f"http_{exc.status_code}", _short(exc)) from None
        except openai.OpenAIError as exc:
            raise RequestFailed("client", str(exc)) from None
        choice = response.choices[0] if response.choices else None
        usage = response.usage
        return Completion(
            choice.message.content if choice is not None else None,
            choice.finish_reason if choice is not None else None,
            int(getattr(usage, "prompt_tokens", 0) or 0), int(getattr(usage, "completion_tokens", 0) or 0),
            response.model)

    def _adapt(self, exc: Exception, json_mode: bool, tokens_key: str) -> tuple[bool, str] | None:
        """The settings to ask again with after a 400, for this request and the rest of the
        run: without ``response_format``, or with ``max_completion_tokens`` (the name newer
        OpenAI models require) for ``max_tokens``; ``None`` when the 400 is about neither."""
        message = str(exc)
        if tokens_key == "max_tokens" and "max_completion_tokens" in message:
            with self._lock:
                self._tokens_key = "max_completion_tokens"
            return json_mode, "max_completion_tokens"
        if json_mode and _about_response_format(exc):
            with self._lock:
                self._json_mode, self.json_mode_refused = False, True
            return False, tokens_key
        return None

    def _create(self, messages: list[dict], params: Mapping[str, Any], json_mode: bool, tokens_key: str):
        kwargs = {k: v for k, v in params.items() if v is not None}
        if "max_tokens" in kwargs and tokens_key != "max_tokens":
            kwargs[tokens_key] = kwargs.pop("max_tokens")
        if json_mode:
            kwargs["response_format"] = {"type": "json_object"}
        return self._client.chat.completions.create(model=self.model, messages=messages, stream=False, **kwargs)


def _about_response_format(exc: Exception) -> bool:
    """Whether a 400 is the server refusing ``response_format`` (rather than, say, the prompt)."""
    return "response_format" in str(exc) or "json" in str(exc).lower()


def _short(exc: Exception, limit: int = 200) -> str:
    text = " ".join(str(exc).split())
    return text if len(text) <= limit else text[:limit] + "..."
