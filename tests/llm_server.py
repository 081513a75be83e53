"""A real HTTP server on 127.0.0.1 speaking the chat-completions protocol, for tests.

``ChatServer(script)`` starts ``http.server`` in a thread on a free port; ``script(request,
n)`` gets each decoded request body and the number of requests before it, and returns a
``Reply``: an answer text, or an HTTP status, optionally after a delay; or, to play a
misbehaving server, any JSON ``payload`` or raw ``body`` bytes in place of the completion,
sent ``trickle`` seconds per byte. Every request is recorded in ``server.requests``.
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable


@dataclass
class Reply:
    content: str | None = None
    status: int = 200
    finish_reason: str = "stop"
    delay: float = 0.0
    headers: dict = field(default_factory=dict)
    reject_response_format: bool = False
    reject_max_tokens: bool = False
    payload: object = None  # a JSON value sent instead of the completion (or the error)
    body: bytes | None = None  # raw bytes sent instead of anything else
    trickle: float = 0.0  # seconds between the bytes of the body
    error_message: str | None = None  # the message of an error status


def completion_body(content: str, model: str, finish_reason: str = "stop") -> dict:
    return {"id": "chatcmpl-test", "object": "chat.completion", "created": 0, "model": model,
            "choices": [{"index": 0, "message": {"role": "assistant", "content": content},
                         "finish_reason": finish_reason}],
            "usage": {"prompt_tokens": 100, "completion_tokens": 10, "total_tokens": 110}}


class ChatServer:
    def __init__(self, script: Callable[[dict, int], Reply]) -> None:
        self.script = script
        self.requests: list[dict] = []
        self.headers: list[dict] = []
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # quiet
                pass

            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
                with server._lock:
                    n = len(server.requests)
                    server.requests.append(body)
                    server.headers.append({k.lower(): v for k, v in self.headers.items()})
                reply = server.script(body, n)
                if reply.delay:
                    time.sleep(reply.delay)
                if reply.reject_max_tokens and "max_tokens" in body:
                    self._send(400, {"error": {"message": "Unsupported parameter: 'max_tokens' is not supported with "
                                                          "this model. Use 'max_completion_tokens' instead.",
                                               "type": "invalid_request_error"}})
                elif reply.reject_response_format and "response_format" in body:
                    self._send(400, {"error": {"message": "response_format is not supported", "type": "invalid_request_error"}})
                elif reply.body is not None:
                    self._send(reply.status, None, reply.headers, reply.body, reply.trickle)
                elif reply.payload is not None:
                    self._send(reply.status, reply.payload, reply.headers, trickle=reply.trickle)
                elif reply.status != 200:
                    message = reply.error_message or f"scripted {reply.status}"
                    self._send(reply.status, {"error": {"message": message, "type": "server_error"}}, reply.headers)
                else:
                    self._send(200, completion_body(reply.content or "", f"served-{body.get('model')}",
                                                    reply.finish_reason), trickle=reply.trickle)

            def _send(self, status, payload, headers=None, raw=None, trickle=0.0):
                data = raw if raw is not None else json.dumps(payload).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    for k, v in (headers or {}).items():
                        self.send_header(k, v)
                    self.end_headers()
                    if not trickle:
                        self.wfile.write(data)
                        return
                    for i in range(len(data)):
                        self.wfile.write(data[i:i + 1])
                        self.wfile.flush()
                        time.sleep(trickle)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (a timeout test)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"

    def __enter__(self) -> "ChatServer":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def last_user_text(request: dict) -> str:
    return request["messages"][-1]["content"]
