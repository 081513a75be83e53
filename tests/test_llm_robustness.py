"""The LLM harness against misbehaving servers on 127.0.0.1: every behaviour ends in counted
failures (or, when no unit got an answer, exit 3 and no results), reruns from the cache
behave the same, the key is never written or printed, and every command takes llm: models."""

from __future__ import annotations

import json
import socket
import time

import pytest
from click.testing import CliRunner

import citydiplo
from citydiplo.cli import main
from citydiplo.corpus.benchmark import load_benchmark
from citydiplo.evaluation.llm.cache import ResponseCache
from citydiplo.evaluation.llm.client import BACKOFF_CAP, RETRY_AFTER_CAP, ChatClient, RequestFailed
from citydiplo.evaluation.llm.parse import MAX_DEPTH, clean_answer, parse_answer
from citydiplo.evaluation.llm.redact import Redactor
from citydiplo.evaluation.llm.options import LLMOptions
from citydiplo.evaluation.llm.run import NO_ANSWERS_EXIT, NoAnswers, run_llm
from llm_server import ChatServer, Reply, completion_body, last_user_text

DAUGAVPILS = json.dumps({"entities": [{"text": "Daugavpils", "type": "CITY"}], "events": [], "relations": []})
SECRET = "sk-test-SECRET0123456789abcdef"


@pytest.fixture(scope="module")
def gold():
    return load_benchmark()


def doc_of(request: dict, gold) -> str:
    text = last_user_text(request)
    return next(d.id for d in gold.documents if d.text[:60] in text)


def cli(*args):
    return CliRunner().invoke(main, list(map(str, args)))


def no_traceback(result) -> None:
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output + result.stderr


def run(server_url: str, tmp_path, gold, **kw):
    kw.setdefault("cache", tmp_path / "cache")
    kw.setdefault("max_retries", 0)
    kw.setdefault("concurrency", 5)
    return run_llm("llm:m", gold, LLMOptions(base_url=server_url, **kw))


def payload(content=None, **over) -> dict:
    body = completion_body("", "m")
    body["choices"][0]["message"]["content"] = content
    body.update(over)
    return body


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --------------------------------------------------------------------------- the response


def _content(content) -> dict:
    return payload(content)


def _choice(**over) -> dict:
    body = payload(DAUGAVPILS)
    body["choices"][0].update(over)
    return body


GOOD = json.dumps(completion_body(DAUGAVPILS, "m")).encode()
REQUEST_FAILURES = {
    "html page": (Reply(body=b"<html><body><h1>502 Bad Gateway</h1></body></html>"), "non_json_body"),
    "empty body": (Reply(body=b""), "non_json_body"),
    "event stream": (Reply(body=b"data: " + GOOD + b"\n\ndata: [DONE]\n\n"), "non_json_body"),
    "9 MB of text": (Reply(body=b"x" * (9 * 1024 * 1024)), "oversized_body"),
    "latin-1 bytes": (Reply(body=GOOD.replace(b"Daugavpils", "Daugavpilsé".encode("latin-1"))), "bad_encoding"),
    "json null": (Reply(body=b"null"), "protocol_error"),
    "json array": (Reply(payload=[1, 2]), "protocol_error"),
    "content a number": (Reply(payload=_content(42)), "protocol_error"),
    "content a dict": (Reply(payload=_content({"text": DAUGAVPILS})), "protocol_error"),
    "content parts not objects": (Reply(payload=_content(["a", "b"])), "protocol_error"),
    "message null": (Reply(payload=_choice(message=None)), "protocol_error"),
    "choices an object": (Reply(payload=payload(DAUGAVPILS, choices={"0": {}})), "protocol_error"),
    "choices a string": (Reply(payload=payload(DAUGAVPILS, choices="none")), "protocol_error"),
    "choices empty": (Reply(payload=payload(DAUGAVPILS, choices=[])), "protocol_error"),
    "finish_reason a number": (Reply(payload=_choice(finish_reason=3)), "protocol_error"),
    "deep body": (Reply(body=b"[" * 100_000), "non_json_body"),
    "http 404": (Reply(status=404), "http_404"),
    "http 500": (Reply(status=500, headers={"retry-after-ms": "1"}), "http_500"),
    "http 200 empty error": (Reply(status=503, body=b"<html>maintenance</html>"), "http_503"),
}


@pytest.mark.parametrize("case", sorted(REQUEST_FAILURES))
def test_a_bad_response_is_a_counted_failure_of_its_kind_and_never_cached(case, gold, tmp_path):
    reply, kind = REQUEST_FAILURES[case]

    def script(req, n):
        return Reply(DAUGAVPILS) if doc_of(req, gold) == "000-lv" else reply

    with ChatServer(script) as server:
        first = run(server.base_url, tmp_path, gold)
        sent = len(server.requests)
        second = run(server.base_url, tmp_path, gold)
        resent = len(server.requests) - sent
    for r in (first, second):
        fail = r.block["failures"]
        assert fail["http_errors_by_kind"] == {kind: 4}
        assert fail["all"]["http_errors"] == 4 and fail["per_language"]["lv"]["http_errors"] == 0
        assert r.block["complete"] is False and r.block["failed_share"] == 0.8
        assert len(r.predictions) == len(gold.records)
    assert sent == 5 and resent == 4  # only the answer was cached; the failures are asked again
    assert second.block["requests"]["cache_hits"] == 1
    assert first.block["failures"] == second.block["failures"]


# --------------------------------------------------------------------------- the answer


def _answer(*entities, **layers) -> str:
    return json.dumps({"entities": list(entities), **layers})


ANSWERS = {
    # content -> the failure counts of one unit (besides the unresolved strings of the other languages)
    "a list as a type": (_answer({"text": "Daugavpils", "type": ["CITY"]}), {"labels_outside_inventory": 1}),
    "a dict as a role": (_answer(events=[{"type": "MEET", "trigger": "tikās", "arguments": [
        {"role": {"name": "Participant"}, "text": "Daugavpils"}]}]), {"roles_not_allowed": 1}),
    "a dict as an event type": (_answer(events=[{"type": {}, "trigger": "x"}]), {"labels_outside_inventory": 1}),
    "a list as a status": (_answer(relations=[{"arg1": "Daugavpils", "arg2": "Harbinas", "status": ["X"]}]),
                           {"labels_outside_inventory": 1}),
    "level true": (_answer({"text": "Daugavpils", "type": "CITY", "level": True}), {"malformed_items": 1}),
    "a number as text": (_answer({"text": 5, "type": "CITY"}), {"malformed_items": 1}),
    "occurrence true": (_answer({"text": "Daugavpils", "type": "CITY", "occurrence": True}), {"malformed_items": 1}),
    "entities a string": (json.dumps({"entities": "Daugavpils"}), {"malformed_items": 1}),
    "an event not an object": (_answer(events=["MEET"]), {"malformed_items": 1}),
    "arguments a dict": (_answer(events=[{"type": "MEET", "trigger": "tikās", "arguments": {}}]),
                         {"malformed_items": 1}),
    "trigger a list": (_answer(events=[{"type": "MEET", "trigger": ["tikās"]}]), {"malformed_items": 1}),
    "unknown keys": (json.dumps({"entities": [{"text": "Daugavpils", "type": "CITY", "confidence": 0.9}],
                                 "notes": "none"}), {"unknown_keys": 2}),
    "a deep nest": ("[" * 100_000, {"unparseable": 1}),
    "a deep nest in the answer": ('{"entities": ' + "[" * 5000 + "]" * 5000 + "}", {"unparseable": 1}),
    "a JSON list": ("[1, 2]", {"unparseable": 1}),
    "prose": ("I cannot help with that.", {"unparseable": 1}),
    "a lone surrogate": ('{"entities": [{"text": "\\ud800", "type": "CITY"}]}', {"unresolved_strings": 1}),
}


def test_an_answer_with_a_lone_surrogate_is_written_as_utf8(tmp_path):
    content = '{"entities": [{"text": "Daugavpils\\ud800", "type": "CITY", "norm": "\\udc00"}]}'
    with ChatServer(lambda req, n: Reply(content)) as server:
        result = cli("evaluate", "llm:m", "--base-url", server.base_url, "--cache", tmp_path / "c", "--samples", 100,
                     "--out", tmp_path / "r.json", "--log", tmp_path / "log.jsonl")
    no_traceback(result)
    assert result.exit_code == 0, result.stderr
    assert json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["llm"]["failures"]["all"]["unresolved_strings"]
    assert "Daugavpils?" in (tmp_path / "log.jsonl").read_text(encoding="utf-8")


@pytest.mark.parametrize("case", sorted(ANSWERS))
def test_any_answer_is_parsed_or_counted_and_reruns_alike(case, gold, tmp_path):
    content, counts = ANSWERS[case]

    def script(req, n):
        return Reply(content) if doc_of(req, gold) == "000-lv" else Reply(DAUGAVPILS)

    with ChatServer(script) as server:
        first = run(server.base_url, tmp_path, gold, log=tmp_path / "log.jsonl")
        second = run(server.base_url, tmp_path, gold)
        assert len(server.requests) == 5  # the rerun comes from the cache
    lv = first.block["failures"]["per_language"]["lv"]
    assert {k: v for k, v in lv.items() if v and k != "ambiguous_strings"} == counts
    assert first.block["complete"] is True and second.block["requests"]["cache_hits"] == 5
    assert first.block["failures"] == second.block["failures"]
    assert [p.ner_tags for p in first.predictions] == [p.ner_tags for p in second.predictions]
    line = json.loads((tmp_path / "log.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert line["unit"] == "000-lv" and line["problems"]


def test_content_as_text_parts_and_bad_usage_are_read(gold, tmp_path):
    parts = payload([{"type": "text", "text": DAUGAVPILS[:20]}, {"type": "refusal", "refusal": "-"},
                     {"type": "text", "text": DAUGAVPILS[20:]}])
    bad_usage = payload(DAUGAVPILS, usage={"prompt_tokens": "many", "completion_tokens": -1})

    def script(req, n):
        return Reply(payload=parts if doc_of(req, gold) == "000-lv" else bad_usage)

    with ChatServer(script) as server:
        result = run(server.base_url, tmp_path, gold)
    fail = result.block["failures"]
    assert fail["all"]["http_errors"] == 0 and fail["all"]["unparseable"] == 0
    assert fail["all"]["bad_usage"] == 4 and fail["per_language"]["lv"]["bad_usage"] == 0
    assert result.block["usage"] == {"prompt_tokens": 100, "completion_tokens": 10}  # lv's only
    lv = [p for p in result.predictions if p.id.startswith("000-lv")]
    assert any(t != "O" for p in lv for t in p.ner_tags)


def test_the_parser_is_total_on_fuzzed_json(root):
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from citydiplo.corpus.benchmark import load_inventory

    inventory = load_inventory(root)
    leaves = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=5)
    values = st.recursive(leaves, lambda inner: st.lists(inner, max_size=3)
                          | st.dictionaries(st.sampled_from(["text", "type", "trigger", "arguments", "role", "arg1",
                                                             "arg2", "status", "level", "norm", "occurrence", "x"]),
                                            inner, max_size=4), max_leaves=20)
    answers = st.dictionaries(st.sampled_from(["entities", "events", "relations", "other"]), values, min_size=1)

    @settings(max_examples=150, deadline=None, derandomize=True)
    @given(answers)
    def check(answer):
        from citydiplo.formats.model import Sentence
        from citydiplo.formats.strings import resolve_strings

        parsed = parse_answer(json.dumps(answer))
        cleaned = clean_answer(parsed if parsed is not None else answer, inventory)
        problems: list[str] = []
        text = "Rīga un Daugavpils tikās."
        chars, _ = resolve_strings(cleaned.record("doc_id", "000-lv"), text, [Sentence(0, len(text))],
                                   problems=problems)
        json.dumps(chars)

    check()
    assert parse_answer('{"entities": ' + "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1) + "}") is None


# --------------------------------------------------------------------------- the server


@pytest.mark.parametrize("case", ["429 storm", "500", "401 echoing the key", "no server", "html for every request"])
def test_a_run_where_no_unit_got_an_answer_exits_3_without_results(case, tmp_path, monkeypatch):
    monkeypatch.setenv("MY_KEY", SECRET)
    replies = {"429 storm": Reply(status=429, headers={"retry-after": "0"}),
               "500": Reply(status=500, headers={"retry-after-ms": "1"}),
               "401 echoing the key": Reply(status=401, error_message=f"Incorrect API key provided: {SECRET}."),
               "html for every request": Reply(body=b"<html>proxy login</html>")}
    with ChatServer(lambda req, n: replies.get(case, Reply(DAUGAVPILS))) as server:
        url = f"http://127.0.0.1:{closed_port()}/v1" if case == "no server" else server.base_url
        args = ["evaluate", "llm:m", "--base-url", url, "--api-key-env", "MY_KEY", "--cache", tmp_path / "c",
                "--max-retries", 1, "--samples", 100, "--out", tmp_path / "r.json", "--log", tmp_path / "log.jsonl"]
        for _ in range(2):  # a rerun ends the same way: nothing was cached
            result = cli(*args)
            no_traceback(result)
            assert result.exit_code == NO_ANSWERS_EXIT, result.stderr
            assert "no unit got an answer" in result.stderr and not (tmp_path / "r.json").exists()
            assert SECRET not in result.output + result.stderr
    log = (tmp_path / "log.jsonl").read_text(encoding="utf-8")
    assert len(log.splitlines()) == 5 and SECRET not in log and all(json.loads(x)["error"] for x in log.splitlines())
    assert not list((tmp_path / "c").rglob("*.json"))
    with pytest.raises(NoAnswers):
        citydiplo.evaluate("llm:m", base_url=f"http://127.0.0.1:{closed_port()}/v1", max_retries=0, cache=False)


def test_a_partial_run_is_marked_and_the_leaderboard_refuses_it(gold, tmp_path):
    def script(req, n):
        return Reply(status=500) if doc_of(req, gold) == "003-uk" else Reply(DAUGAVPILS)

    results = tmp_path / "results"
    results.mkdir()
    with ChatServer(script) as server:
        result = cli("evaluate", "llm:m", "--base-url", server.base_url, "--cache", tmp_path / "c", "--max-retries", 0,
                     "--samples", 100, "--out", results / "m.json")
    no_traceback(result)
    assert result.exit_code == 0, result.stderr
    data = json.loads((results / "m.json").read_text(encoding="utf-8"))
    assert data["llm"]["complete"] is False and data["llm"]["failed_share"] == 0.2
    assert "marked: incomplete: 20% of the units had no answer" in result.stderr
    refused = cli("leaderboard", results)
    assert refused.exit_code == 2 and "not comparable with a full run (incomplete: 20%" in refused.stderr
    board = cli("leaderboard", results, "--include-incomplete")
    assert board.exit_code == 0 and "`llm:m (v1, 0-shot)` ⚠ incomplete: 20% of the units had no answer" in board.stdout


def test_timeout_bounds_a_trickling_answer(tmp_path):
    slow = json.dumps(completion_body(DAUGAVPILS, "m")).encode()  # ~300 bytes at 0.05 s each: 15 s
    with ChatServer(lambda req, n: Reply(body=slow, trickle=0.05)) as server:
        client = ChatClient(server.base_url, "m", timeout=1.0, max_retries=0)
        started = time.monotonic()
        with pytest.raises(RequestFailed) as caught:
            client.complete([{"role": "user", "content": "hi"}], {})
        took = time.monotonic() - started
    assert caught.value.kind == "timeout" and 0.9 < took < 1.6


def test_retries_follow_retry_after_within_the_cap(tmp_path):
    headers = [{"retry-after": "2"}, {"retry-after": "3600"}, {"retry-after-ms": "250"},
               {"retry-after": "Wed, 21 Oct 2015 07:28:00 GMT"}, {}]

    def script(req, n):
        return Reply(status=429, headers=headers[n]) if n < len(headers) else Reply(DAUGAVPILS)

    slept: list[float] = []
    with ChatServer(script) as server:
        client = ChatClient(server.base_url, "m", max_retries=5, sleep=slept.append)
        completion = client.complete([{"role": "user", "content": "hi"}], {})
    assert completion.content == DAUGAVPILS
    assert slept == [2.0, RETRY_AFTER_CAP, 0.25, 0.0, BACKOFF_CAP]  # a past date: at once; none: back-off


def test_the_key_is_never_written_or_printed(gold, tmp_path, monkeypatch):
    monkeypatch.setenv("MY_KEY", SECRET)

    def script(req, n):
        doc = doc_of(req, gold)
        if doc == "000-lv":
            return Reply(status=401, error_message=f"Incorrect API key provided: {SECRET}")
        if doc == "001-ru":  # a server that puts the key into the answer
            return Reply(json.dumps({"entities": [{"text": f"Bearer {SECRET}", "type": "CITY"}]}))
        return Reply(DAUGAVPILS)

    with ChatServer(script) as server:
        result = cli("evaluate", "llm:m", "--base-url", server.base_url, "--api-key-env", "MY_KEY", "--cache",
                     tmp_path / "c", "--max-retries", 0, "--samples", 100, "--format", "json",
                     "--out", tmp_path / "r.json", "--log", tmp_path / "log.jsonl")
        assert server.headers[0]["authorization"] == f"Bearer {SECRET}"
    assert result.exit_code == 0, result.stderr
    written = [p.read_text(encoding="utf-8") for p in [tmp_path / "r.json", tmp_path / "log.jsonl",
                                                        *(tmp_path / "c").rglob("*.json")]]
    for text in [result.output, result.stderr, *written]:
        assert SECRET not in text and "SECRET" not in text
    assert "[redacted]" in (tmp_path / "r.json").read_text(encoding="utf-8")
    assert Redactor("abcdefgh")("key abcdefgh, Authorization: Bearer xyz.123, sk-proj-1234567890") == \
        "key [redacted], Authorization: Bearer [redacted], [redacted]"


# --------------------------------------------------------------------------- the cache


def test_a_damaged_or_mismatched_cache_entry_is_a_miss_and_is_replaced(gold, tmp_path):
    with ChatServer(lambda req, n: Reply(DAUGAVPILS)) as server:
        run(server.base_url, tmp_path, gold)
        files = sorted((tmp_path / "cache").rglob("*.json"))
        assert len(files) == 5 and len(server.requests) == 5
        files[0].write_text("{not json", encoding="utf-8")
        entry = json.loads(files[1].read_text(encoding="utf-8"))
        entry["request"]["messages"][-1]["content"] = "another text"  # answers another request
        files[1].write_text(json.dumps(entry), encoding="utf-8")
        entry = json.loads(files[2].read_text(encoding="utf-8"))
        entry["response"]["prompt_tokens"] = "many"
        files[2].write_text(json.dumps(entry), encoding="utf-8")
        entry = json.loads(files[3].read_text(encoding="utf-8"))
        entry["key"] = "0" * 64
        files[3].write_text(json.dumps(entry), encoding="utf-8")
        again = run(server.base_url, tmp_path, gold)
        assert len(server.requests) == 9 and again.block["requests"]["cache_hits"] == 1
        third = run(server.base_url, tmp_path, gold)
        assert len(server.requests) == 9 and third.block["requests"]["cache_hits"] == 5  # replaced
    assert ResponseCache(tmp_path / "cache").get("f" * 64, {}) is None


# --------------------------------------------------------------------------- every command


def test_predict_compare_and_view_take_an_llm_model(gold, tmp_path):
    answers = {d.id: json.dumps({"entities": [{"text": e.text, "type": e.type} for e in d.entities[:3]]},
                                ensure_ascii=False) for d in gold.documents}
    with ChatServer(lambda req, n: Reply(answers[doc_of(req, gold)])) as server:
        common = ["--base-url", server.base_url, "--cache", tmp_path / "c", "--max-retries", 0]
        evaluated = cli("evaluate", "llm:a", *common, "--samples", 100, "--out", tmp_path / "r.json")
        assert evaluated.exit_code == 0, evaluated.stderr
        sent = len(server.requests)
        predicted = cli("predict", "llm:a", *common, "--out", tmp_path / "p.jsonl")
        assert predicted.exit_code == 0, predicted.stderr
        assert len(server.requests) == sent  # the answers come from the cache
        both = cli("compare", "llm:a", "llm:b", *common, "--samples", 100, "--format", "json")
        assert both.exit_code == 0, both.stderr
        assert len(server.requests) == sent + 5  # llm:b is asked, llm:a comes from the cache
        # against another system (here its own predictions file: the same path as a baseline's)
        other = cli("compare", "llm:b", tmp_path / "p.jsonl", *common, "--samples", 100, "--format", "json")
        assert other.exit_code == 0, other.stderr
        assert len(server.requests) == sent + 5
    assert "entity_f1" in json.loads(both.stdout)["tests"]
    assert len((tmp_path / "p.jsonl").read_text(encoding="utf-8").splitlines()) == len(gold.records)
    site = cli("view", "--out", tmp_path / "site", "--results", tmp_path / "r.json",
               "--predictions", tmp_path / "p.jsonl")
    assert site.exit_code == 0, site.stderr  # the results belong to these predictions (same digest)
    assert (tmp_path / "site" / "index.html").exists()


def test_limit_languages_and_log(gold, tmp_path):
    results = tmp_path / "results"
    results.mkdir()
    with ChatServer(lambda req, n: Reply(DAUGAVPILS)) as server:
        common = ["evaluate", "llm:m", "--base-url", server.base_url, "--cache", tmp_path / "c", "--samples", 100]
        limited = cli(*common, "--limit", 2, "--out", results / "limited.json", "--log", tmp_path / "log.jsonl")
        assert limited.exit_code == 0, limited.stderr
        assert len(server.requests) == 2
        some = cli(*common, "--languages", "lv,uk", "--format", "json")
        assert some.exit_code == 0, some.stderr
        assert len(server.requests) == 3  # lv was asked already: the same request as in a full run
        full = cli(*common, "--format", "json")
        assert len(server.requests) == 5 and full.exit_code == 0
    data = json.loads((results / "limited.json").read_text(encoding="utf-8"))
    assert data["llm"]["limit"] == 2 and data["llm"]["requests"]["units"] == 2
    assert set(data["entities"]["outer"]["strict"]["per_language"]) == {"lv", "ru"}
    chosen = json.loads(some.stdout)
    assert chosen["llm"]["languages"] == ["lv", "uk"]
    assert chosen["languages"] == {"evaluated": ["lv", "uk"], "of": gold.languages}  # the one filter of every MODEL
    assert set(chosen["entities"]["outer"]["strict"]["per_language"]) == {"lv", "uk"}
    assert chosen["entities"]["outer"]["strict"]["per_language"]["lv"] == \
        json.loads(full.stdout)["entities"]["outer"]["strict"]["per_language"]["lv"]
    refused = cli("leaderboard", results)
    assert refused.exit_code == 2 and "first 2 unit(s) only" in refused.stderr
    lines = [json.loads(x) for x in (tmp_path / "log.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [x["unit"] for x in lines] == ["000-lv", "001-ru"]
    assert set(lines[0]) == {"unit", "language", "cached", "messages", "answer", "finish_reason", "error", "parsed",
                             "problems", "usage", "latency_s"}
    assert lines[0]["answer"] == DAUGAVPILS and lines[0]["parsed"]["entities"] == [{"text": "Daugavpils",
                                                                                     "type": "CITY"}]
    assert lines[1]["problems"] and lines[0]["usage"] == {"prompt_tokens": 100, "completion_tokens": 10}
    assert lines[0]["messages"][0]["role"] == "system" and lines[0]["latency_s"] >= 0


def test_hints_are_read_like_the_strings_format(gold, tmp_path):
    from citydiplo.evaluation.gold_output import write_gold_predictions
    from citydiplo.files import write_atomic

    path = tmp_path / "gold.strings.jsonl"
    write_gold_predictions(gold.root, path, "strings", write_atomic)
    hinted = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        hinted[record["doc_id"]] = json.dumps({k: record[k] for k in ("entities", "events", "relations")},
                                              ensure_ascii=False)
    assert any('"trigger": {"text"' in v for v in hinted.values())
    with ChatServer(lambda req, n: Reply(hinted[doc_of(req, gold)])) as server:
        results = citydiplo.evaluate("llm:m", base_url=server.base_url, cache=tmp_path / "c", samples=100)
    fail = results.extra["llm"]["failures"]["all"]
    assert fail["malformed_items"] == fail["unresolved_strings"] == fail["ambiguous_strings"] == 0
    for key in ("entity_f1", "trigger_classification_f1", "argument_classification_f1", "relation_f1"):
        assert results.figure(key) == 1.0, key
