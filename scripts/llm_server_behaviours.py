"""What `bench evaluate llm:MODEL` makes of misbehaving servers: each behaviour is played by
a scripted chat-completions server on 127.0.0.1 (tests/llm_server.py), the command runs
twice with the same cache (a rerun must end the same way), and the outcome is classed:

* ``traceback``: a Python traceback on stderr;
* ``silent-wrong``: no traceback, but the behaviour is not what the README promises (a run
  with no answer that exits 0 or writes results, a failure that is not counted, a rerun
  that differs, the key in an output, a trickle that is not cut off at --timeout);
* ``clean``: the documented outcome.

    python scripts/llm_server_behaviours.py [--code DIR]   # DIR: another checkout's benchmark/

``--code`` runs the command from another copy of the package (e.g. an older commit's
``benchmark/``, from ``git archive``) against this checkout's data, to compare.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from llm_server import ChatServer, Reply, completion_body, last_user_text  # noqa: E402

DAUGAVPILS = json.dumps({"entities": [{"text": "Daugavpils", "type": "CITY"}], "events": [], "relations": []})
SECRET = "sk-test-SECRET0123456789abcdef"
GOOD = json.dumps(completion_body(DAUGAVPILS, "m")).encode()


def payload(content=None, **over) -> dict:
    body = completion_body("", "m")
    body["choices"][0]["message"]["content"] = content
    body.update(over)
    return body


def choice(**over) -> dict:
    body = payload(DAUGAVPILS)
    body["choices"][0].update(over)
    return body


def answer(*entities, **layers) -> str:
    return json.dumps({"entities": list(entities), **layers})


# name -> (reply for every document but the Latvian one, what to expect)
RESPONSES = {
    "200 html page": Reply(body=b"<html><body><h1>502 Bad Gateway</h1></body></html>"),
    "200 empty body": Reply(body=b""),
    "200 event stream": Reply(body=b"data: " + GOOD + b"\n\ndata: [DONE]\n\n"),
    "200 9 MB of text": Reply(body=b"x" * (9 * 1024 * 1024)),
    "200 latin-1 bytes": Reply(body=GOOD.replace(b"Daugavpils", "Daugavpilsé".encode("latin-1"))),
    "200 json null": Reply(body=b"null"),
    "200 json array": Reply(payload=[1, 2]),
    "content a number": Reply(payload=payload(42)),
    "content a dict": Reply(payload=payload({"text": DAUGAVPILS})),
    "content parts not objects": Reply(payload=payload(["a", "b"])),
    "message null": Reply(payload=choice(message=None)),
    "choices an object": Reply(payload=payload(DAUGAVPILS, choices={"0": {}})),
    "choices a string": Reply(payload=payload(DAUGAVPILS, choices="none")),
    "choices empty": Reply(payload=payload(DAUGAVPILS, choices=[])),
    "finish_reason a number": Reply(payload=choice(finish_reason=3)),
    "200 deep body": Reply(body=b"[" * 100_000),
    "http 404": Reply(status=404),
    "http 500": Reply(status=500, headers={"retry-after-ms": "1"}),
    "http 503 html": Reply(status=503, body=b"<html>maintenance</html>"),
}
ANSWERS = {  # the Latvian answer -> the failure count that must say so
    "a list as a type": (answer({"text": "Daugavpils", "type": ["CITY"]}), "labels_outside_inventory"),
    "a dict as a role": (answer(events=[{"type": "MEET", "trigger": "tikās", "arguments": [
        {"role": {"name": "Participant"}, "text": "Daugavpils"}]}]), "roles_not_allowed"),
    "a dict as an event type": (answer(events=[{"type": {}, "trigger": "x"}]), "labels_outside_inventory"),
    "a list as a status": (answer(relations=[{"arg1": "Daugavpils", "arg2": "Harbinas", "status": ["X"]}]),
                           "labels_outside_inventory"),
    "level true": (answer({"text": "Daugavpils", "type": "CITY", "level": True}), "malformed_items"),
    "a number as text": (answer({"text": 5, "type": "CITY"}), "malformed_items"),
    "occurrence true": (answer({"text": "Daugavpils", "type": "CITY", "occurrence": True}), "malformed_items"),
    "entities a string": (json.dumps({"entities": "Daugavpils"}), "malformed_items"),
    "an event not an object": (answer(events=["MEET"]), "malformed_items"),
    "arguments a dict": (answer(events=[{"type": "MEET", "trigger": "tikās", "arguments": {}}]), "malformed_items"),
    "trigger a list": (answer(events=[{"type": "MEET", "trigger": ["tikās"]}]), "malformed_items"),
    "unknown keys": (json.dumps({"entities": [{"text": "Daugavpils", "type": "CITY", "confidence": 0.9}],
                                 "notes": "none"}), "unknown_keys"),
    "a deep nest": ("[" * 100_000, "unparseable"),
    "a deep nest in the answer": ('{"entities": ' + "[" * 5000 + "]" * 5000 + "}", "unparseable"),
    "a JSON list": ("[1, 2]", "unparseable"),
    "a lone surrogate": ('{"entities": [{"text": "\\ud800", "type": "CITY"}]}', "unresolved_strings"),
    "content as text parts": (None, None),
    "usage not counts": (None, "bad_usage"),
}
OUTAGES = {
    "429 storm": Reply(status=429, headers={"retry-after": "0"}),
    "500 for all": Reply(status=500, headers={"retry-after-ms": "1"}),
    "401 echoing the key": Reply(status=401, error_message=f"Incorrect API key provided: {SECRET}."),
    "no server": None,
    "html for every request": Reply(body=b"<html>proxy login</html>"),
}


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Runner:
    def __init__(self, code: Path, work: Path) -> None:
        self.code, self.work = code, work
        self.env = {**os.environ, "PYTHONPATH": f"{code}{os.pathsep}{ROOT / 'baselines'}", "MY_KEY": SECRET,
                    "CITYDIPLO_CACHE": str(work / "default-cache")}

    def twice(self, name: str, url: str, *extra: str) -> list[dict]:
        """Run the command twice with one cache; each run's exit code, outputs, results, time."""
        case = self.work / name.replace(" ", "_")
        case.mkdir()
        out = []
        for n in range(2):
            results = case / f"r{n}.json"
            started = time.monotonic()
            proc = subprocess.run(
                [sys.executable, "-m", "citydiplo.cli", "evaluate", "llm:m", "--base-url", url, "--root", str(ROOT),
                 "--api-key-env", "MY_KEY", "--cache", str(case / "cache"), "--max-retries", "0", "--samples", "100",
                 "--format", "json", "--out", str(results), *extra],
                env=self.env, capture_output=True, text=True, errors="replace", timeout=600)
            data = json.loads(results.read_text(encoding="utf-8")) if results.exists() else None
            cache = "".join(p.read_text(encoding="utf-8", errors="replace") for p in (case / "cache").rglob("*.json"))
            out.append({"exit": proc.returncode, "stdout": proc.stdout, "stderr": proc.stderr, "results": data,
                        "seconds": time.monotonic() - started, "written": (results.read_text(encoding="utf-8")
                                                                           if data else "") + cache})
        return out


def traceback(runs: list[dict]) -> bool:
    return any("Traceback (most recent call last)" in r["stderr"] for r in runs)


def failures(run: dict) -> dict:
    return ((run["results"] or {}).get("llm") or {}).get("failures", {})


def classify(runs: list[dict], ok: bool) -> str:
    return "traceback" if traceback(runs) else ("clean" if ok else "silent-wrong")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--code", type=Path, default=ROOT / "benchmark", help="the package's source folder to run")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "benchmark"))
    from citydiplo.corpus.benchmark import load_benchmark

    gold = load_benchmark(ROOT)

    def doc_of(request: dict) -> str:
        text = last_user_text(request)
        return next(d.id for d in gold.documents if d.text[:60] in text)

    rows: list[tuple[str, str, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        runner = Runner(args.code, Path(tmp))

        def play(name: str, script, check, *extra: str, url: str | None = None) -> None:
            with ChatServer(script) as server:
                runs = runner.twice(name, url or server.base_url, *extra)
            try:
                ok = check(runs)
            except (KeyError, TypeError, IndexError, AttributeError):
                ok = False
            rows.append((name, classify(runs, ok), f"exit {runs[0]['exit']}/{runs[1]['exit']}"))
            print(f"{rows[-1][1]:13} {name} ({rows[-1][2]})", file=sys.stderr)

        for name, reply in RESPONSES.items():
            play(name, lambda req, n, reply=reply: Reply(DAUGAVPILS) if doc_of(req) == "000-lv" else reply,
                 lambda runs: all(r["exit"] == 0 and failures(r)["all"]["http_errors"] == 4 for r in runs))
        parts = payload([{"type": "text", "text": DAUGAVPILS[:20]}, {"type": "text", "text": DAUGAVPILS[20:]}])
        usage = payload(DAUGAVPILS, usage={"prompt_tokens": "many", "completion_tokens": -1})
        for name, (content, kind) in ANSWERS.items():
            def script(req, n, content=content, name=name):
                if doc_of(req) != "000-lv":
                    return Reply(DAUGAVPILS)
                if name == "content as text parts":
                    return Reply(payload=parts)
                return Reply(payload=usage) if name == "usage not counts" else Reply(content)

            def check(runs, kind=kind):
                first, second = failures(runs[0]), failures(runs[1])
                counted = first["all"][kind] >= 1 if kind else first["per_language"]["lv"]["unresolved_strings"] == 0
                return all(r["exit"] == 0 for r in runs) and counted and first == second

            play(name, script, check)
        for name, reply in OUTAGES.items():
            url = f"http://127.0.0.1:{closed_port()}/v1" if reply is None else None
            play(name, lambda req, n, reply=reply: reply or Reply(DAUGAVPILS),
                 lambda runs: all(r["exit"] not in (0, 1) and r["results"] is None
                                  and SECRET not in r["stdout"] + r["stderr"] for r in runs), url=url)
        slow = json.dumps(completion_body(DAUGAVPILS, "m")).encode()
        play("a trickling answer, --timeout 1",
             lambda req, n: Reply(body=slow, trickle=0.05) if doc_of(req) == "002-fa" else Reply(DAUGAVPILS),
             lambda runs: runs[0]["seconds"] < 8 and failures(runs[0])["http_errors_by_kind"] == {"timeout": 1},
             "--timeout", "1")

        def echo(req, n):
            if doc_of(req) == "000-lv":
                return Reply(status=401, error_message=f"Incorrect API key provided: {SECRET}")
            if doc_of(req) == "001-ru":
                return Reply(json.dumps({"entities": [{"text": f"Bearer {SECRET}", "type": "CITY"}]}))
            return Reply(DAUGAVPILS)

        play("the key echoed in an error and an answer", echo,
             lambda runs: all(r["exit"] == 0 and SECRET not in r["stdout"] + r["stderr"] + r["written"] for r in runs))
        play("a partial outage (one 500)",
             lambda req, n: Reply(status=500) if doc_of(req) == "003-uk" else Reply(DAUGAVPILS),
             lambda runs: all(r["exit"] == 0 and r["results"]["llm"].get("complete") is False for r in runs))

        from citydiplo.evaluation.gold_output import write_gold_predictions
        from citydiplo.files import write_atomic

        path = Path(tmp) / "gold.strings.jsonl"
        write_gold_predictions(ROOT, path, "strings", write_atomic)
        hinted = {}
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            hinted[record["doc_id"]] = json.dumps({k: record[k] for k in ("entities", "events", "relations")},
                                                  ensure_ascii=False)
        play("occurrence hints (what the strings format accepts)", lambda req, n: Reply(hinted[doc_of(req)]),
             lambda runs: all(r["exit"] == 0 and r["results"]["headline"]["trigger_classification_f1"]["f1"] in (1.0, 100.0)
                              for r in runs))
    counts = {k: sum(1 for r in rows if r[1] == k) for k in ("traceback", "silent-wrong", "clean")}
    print("| behaviour | outcome | exit codes (run, rerun) |\n|---|---|---|")
    for name, outcome, codes in rows:
        print(f"| {name} | {outcome} | {codes} |")
    print(f"\n{len(rows)} behaviours: " + ", ".join(f"{k} {v}" for k, v in counts.items()))


if __name__ == "__main__":
    main()
