"""One chat-completions request, through the official ``openai`` client, whatever the
server answers.

The ``openai`` client builds and sends the request; the harness reads the answer itself
(``read_completion``), so that nothing a server sends can crash a run: the body is read
as it arrives, under a wall-clock deadline of ``timeout`` seconds per attempt (a server
trickling its answer is cut off there, not after ``timeout`` per read), at most
``MAX_BODY_BYTES``; then it must be UTF-8, JSON, and shaped like a chat completion
(``choices[0].message.content`` a string, ``null`` or a list of text parts). Anything
else fails the request with a named kind:

* ``http_NNN`` (the server's status after the retries), ``timeout``, ``connection``;
* ``bad_encoding`` (not UTF-8), ``non_json_body`` (an HTML page, an empty body, ...),
  ``oversized_body`` (more than ``MAX_BODY_BYTES``), ``protocol_error`` (JSON, but not a
  chat completion: no ``choices``, ``"message": null``, content a number, ...).

Retries (``max_retries``) follow a 408, 409, 429, 5xx, a timeout or a lost connection,
after the server's ``Retry-After`` / ``retry-after-ms`` (at most ``RETRY_AFTER_CAP``
seconds) or else an exponential back-off (0.5 s, 1 s, 2 s, ... at most 8 s). A server
that refuses ``response_format`` (HTTP 400/422) is asked again without it, and for the
rest of the run; one that wants ``max_completion_tokens`` instead of ``max_tokens`` gets
it the same way. Every text that comes back (answer, error message, model id) has the
API key and anything like a bearer token redacted (``redact.Redactor``).
"""

from __future__ import annotations

import json
import os
import threading
import time
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import Any, Callable, Mapping
from urllib.parse import urlsplit

from citydiplo.errors import InputError
from citydiplo.evaluation.llm.redact import Redactor

NO_KEY = "no-key"  # what local servers get when the key variable is unset (they ignore it)
MAX_BODY_BYTES = 8 * 1024 * 1024
RETRY_AFTER_CAP = 60.0
BACKOFF_CAP = 8.0
RETRY_STATUSES = frozenset({408, 409, 429})


@dataclass(frozen=True)
class Completion:
    """What a server answered: the text, why it stopped, token usage and its model id.
    ``bad_usage``: the server's token counts were not counts (read as 0)."""

    content: str | None
    finish_reason: str | None
    prompt_tokens: int
    completion_tokens: int
    model: str | None
    bad_usage: bool = False

    def to_dict(self) -> dict:
        return {"content": self.content, "finish_reason": self.finish_reason, "prompt_tokens": self.prompt_tokens,
                "completion_tokens": self.completion_tokens, "model": self.model, "bad_usage": self.bad_usage}

    @classmethod
    def from_dict(cls, data: Any) -> "Completion":
        """A completion as ``to_dict`` wrote it; ``ValueError`` for anything else (a damaged
        cache entry)."""
        if not isinstance(data, dict) or set(data) - {*cls.__dataclass_fields__}:
            raise ValueError("not a cached completion")
        content, finish, model = data.get("content"), data.get("finish_reason"), data.get("model")
        prompt, answer = data.get("prompt_tokens"), data.get("completion_tokens")
        if not all(v is None or isinstance(v, str) for v in (content, finish, model)):
            raise ValueError("not a cached completion")
        if not isinstance(prompt, int) or not isinstance(answer, int) or not (_count(prompt) and _count(answer)):
            raise ValueError("not a cached completion")
        if not isinstance(data.get("bad_usage", False), bool):
            raise ValueError("not a cached completion")
        return cls(content, finish, prompt, answer, model, data.get("bad_usage", False))


def _count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


class RequestFailed(Exception):
    """A request that failed (after the retries, where its kind is retried)."""

    def __init__(self, kind: str, message: str, retry_after: float | None = None, retry: bool = False) -> None:
        super().__init__(f"{kind}: {message}")
        self.kind = kind
        self.retry_after = retry_after
        self.retry = retry


def base_url_host(base_url: str) -> str:
    """The host (and port) of a base URL, without credentials or path: what results name."""
    parts = urlsplit(base_url)
    try:
        port = parts.port
    except ValueError:
        port = None
        parts = urlsplit("")
    if not parts.scheme or not parts.hostname:
        raise InputError("--base-url", 0, f"{base_url!r} is not a URL such as http://127.0.0.1:8000/v1")
    return parts.hostname + (f":{port}" if port else "")


# --------------------------------------------------------------------------- the answer


def _text_of(content: Any) -> str | None:
    """The answer text: a string, or the text parts of a list joined; ``ValueError``
    for anything else."""
    if content is None or isinstance(content, str):
        return content
    if isinstance(content, list):
        texts = []
        for part in content:
            if not isinstance(part, dict):
                raise ValueError("a content part is not an object")
            if part.get("type", "text") == "text":
                if not isinstance(part.get("text"), str):
                    raise ValueError("a text part has no string text")
                texts.append(part["text"])
        return "".join(texts) if texts else None
    raise ValueError(f"content is {type(content).__name__}, not a string or a list of text parts")


def completion_from_json(data: Any, redact: Callable[[str], str] = str) -> Completion:
    """A decoded chat-completion body as a ``Completion``; ``RequestFailed("protocol_error")``
    when it is not shaped like one."""
    try:
        if not isinstance(data, dict):
            raise ValueError(f"the body is a JSON {type(data).__name__}, not an object")
        choices = data.get("choices")
        if not isinstance(choices, list) or not choices:
            raise ValueError("no list of choices")
        choice = choices[0]
        if not isinstance(choice, dict) or not isinstance(choice.get("message"), dict):
            raise ValueError("choices[0] has no message object")
        content = _text_of(choice["message"].get("content"))
        finish = choice.get("finish_reason")
        if finish is not None and not isinstance(finish, str):
            raise ValueError("finish_reason is not a string")
    except ValueError as exc:
        raise RequestFailed("protocol_error", str(exc)) from None
    usage = data.get("usage")
    counts = [usage.get(k, 0) if isinstance(usage, dict) else 0 for k in ("prompt_tokens", "completion_tokens")]
    bad_usage = (usage is not None and not isinstance(usage, dict)) or not all(_count(c) for c in counts)
    counts = [c if _count(c) else 0 for c in counts]
    model = data.get("model")
    return Completion(_clean(redact(content)) if content is not None else None, finish, counts[0], counts[1],
                      redact(model) if isinstance(model, str) else None, bad_usage)


def _clean(text: str) -> str:
    """``text`` without lone surrogates (from JSON escapes), so that it can be written as UTF-8."""
    return text.encode("utf-8", "replace").decode("utf-8")


def read_completion(body: bytes, redact: Callable[[str], str] = str) -> Completion:
    """A response body as a ``Completion``; ``RequestFailed`` of kind ``bad_encoding``,
    ``non_json_body`` or ``protocol_error`` otherwise."""
    try:
        text = body.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise RequestFailed("bad_encoding", f"the body is not UTF-8 ({exc.reason} at byte {exc.start})") from None
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        start = " ".join(text[:80].split())
        raise RequestFailed("non_json_body", f"the body is not JSON ({len(body)} bytes: {redact(start)!r})") from None
    return completion_from_json(data, redact)


# --------------------------------------------------------------------------- the request


def retry_after(headers: Mapping[str, str] | None) -> float | None:
    """The seconds a server asks to wait (``retry-after-ms``, ``retry-after`` in seconds or
    as an HTTP date), or ``None``."""
    if headers is None:
        return None
    for name, scale in (("retry-after-ms", 1000.0), ("retry-after", 1.0)):
        value = headers.get(name)
        if value is None:
            continue
        try:
            seconds = float(value) / scale
        except ValueError:
            try:
                seconds = parsedate_to_datetime(value).timestamp() - time.time()
            except (TypeError, ValueError, IndexError, OverflowError):
                continue
        if seconds == seconds:  # not NaN
            return max(0.0, seconds)
    return None


class ChatClient:
    """Sends chat-completions requests to one server for one model."""

    def __init__(self, base_url: str, model: str, api_key_env: str = "OPENAI_API_KEY", timeout: float = 120.0,
                 max_retries: int = 2, sleep: Callable[[float], None] = time.sleep) -> None:
        try:
            import openai
        except ImportError:
            raise InputError("llm:" + model, 0, "the openai client is not installed: pip install 'citydiplo[llm]'") from None
        base_url_host(base_url)
        self._openai = openai
        self.model = model
        self.timeout = timeout
        self.max_retries = max_retries
        self._sleep = sleep
        # the key is read here and handed to the client only: never logged, cached or written
        key = os.environ.get(api_key_env) or None
        self.redact = Redactor(key)
        self._client = openai.OpenAI(base_url=base_url, api_key=key or NO_KEY, timeout=timeout, max_retries=0)
        self._json_mode = True
        self._tokens_key = "max_tokens"
        self._lock = threading.Lock()
        self.json_mode_refused = False

    def complete(self, messages: list[dict], params: Mapping[str, Any]) -> Completion:
        """The server's completion; ``RequestFailed`` once the retries are spent."""
        attempt = 0
        while True:
            try:
                return self._attempt(messages, params)
            except RequestFailed as exc:
                if not exc.retry or attempt >= self.max_retries:
                    raise RequestFailed(exc.kind, self.redact(str(exc).split(": ", 1)[-1])) from None
                wait = exc.retry_after if exc.retry_after is not None else min(BACKOFF_CAP, 0.5 * 2 ** attempt)
                self._sleep(min(wait, RETRY_AFTER_CAP))
                attempt += 1

    def _attempt(self, messages: list[dict], params: Mapping[str, Any]) -> Completion:
        openai = self._openai
        settings = (self._json_mode, self._tokens_key)
        for _ in range(3):
            try:
                return read_completion(self._send(messages, params, *settings), self.redact)
            except (openai.BadRequestError, openai.UnprocessableEntityError) as exc:
                adapted = self._adapt(exc, *settings)
                if adapted is None:
                    raise RequestFailed(f"http_{exc.status_code}", _short(exc)) from None
                settings = adapted
        raise RequestFailed("http_400", "the server refuses the request's parameters")

    def _send(self, messages: list[dict], params: Mapping[str, Any], json_mode: bool, tokens_key: str) -> bytes:
        """The body of one answer, within ``timeout`` seconds of wall-clock time: the request
        runs in a helper thread, abandoned at the deadline (it stops at its next chunk)."""
        box: dict[str, Any] = {}

        def work() -> None:
            try:
                box["body"] = self._read(messages, params, json_mode, tokens_key)
            except BaseException as exc:  # handed to the caller below
                box["error"] = exc

        helper = threading.Thread(target=work, name="llm-request", daemon=True)
        helper.start()
        helper.join(self.timeout)
        if helper.is_alive():
            raise RequestFailed("timeout", f"no whole answer within {self.timeout:g} s", retry=True)
        if "error" in box:
            raise box["error"]
        return box["body"]

    def _read(self, messages: list[dict], params: Mapping[str, Any], json_mode: bool, tokens_key: str) -> bytes:
        """The body of one answer, read as it arrives (at most ``MAX_BODY_BYTES``), given
        up at the first chunk after the deadline."""
        openai = self._openai
        kwargs = {k: v for k, v in params.items() if v is not None}
        if "max_tokens" in kwargs and tokens_key != "max_tokens":
            kwargs[tokens_key] = kwargs.pop("max_tokens")
        if json_mode:
            kwargs["response_format"] = {"type": "json_object"}
        deadline = time.monotonic() + self.timeout
        body = bytearray()
        try:
            create = self._client.chat.completions.with_streaming_response.create
            with create(model=self.model, messages=messages, stream=False,  # type: ignore[arg-type]
                        timeout=self.timeout, **kwargs) as response:
                for chunk in response.iter_bytes():
                    body += chunk
                    if len(body) > MAX_BODY_BYTES:
                        raise RequestFailed("oversized_body", f"the body is longer than {MAX_BODY_BYTES} bytes")
                    if time.monotonic() > deadline:
                        raise RequestFailed("timeout", f"no whole answer within {self.timeout:g} s", retry=True)
        except RequestFailed:
            raise
        except (openai.BadRequestError, openai.UnprocessableEntityError):
            raise
        except openai.APITimeoutError:
            raise RequestFailed("timeout", f"no answer within {self.timeout:g} s", retry=True) from None
        except openai.APIConnectionError as exc:
            raise RequestFailed("connection", str(exc), retry=True) from None
        except openai.APIStatusError as exc:
            status = exc.status_code
            raise RequestFailed(f"http_{status}", _short(exc), retry_after(exc.response.headers),
                                retry=status in RETRY_STATUSES or status >= 500) from None
        except openai.OpenAIError as exc:
            raise RequestFailed("client", str(exc)) from None
        except Exception as exc:  # the transport's own errors while the body streams in
            kind = "timeout" if "timeout" in type(exc).__name__.lower() else "connection"
            raise RequestFailed(kind, f"{type(exc).__name__} while reading the answer", retry=True) from None
        if time.monotonic() > deadline:
            raise RequestFailed("timeout", f"no whole answer within {self.timeout:g} s", retry=True)
        return bytes(body)

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


def _about_response_format(exc: Exception) -> bool:
    """Whether a 400 is the server refusing ``response_format`` (rather than, say, the prompt)."""
    return "response_format" in str(exc) or "json" in str(exc).lower()


def _short(exc: Exception, limit: int = 200) -> str:
    text = " ".join(str(exc).split())
    return text if len(text) <= limit else text[:limit] + "..."
