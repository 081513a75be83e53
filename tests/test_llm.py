"""bench evaluate llm:MODEL against a real chat-completions server on 127.0.0.1 (started
here, scripted answers): scores, every failure count, the cache, the prompt."""

from __future__ import annotations

import json
import time
from dataclasses import replace

import pytest

import citydiplo
from citydiplo.evaluation.llm.parse import clean_answer, parse_answer
from citydiplo.evaluation.llm.prompt import choose_shots, gold_answer, prompt_builder, units
from citydiplo.formats.inventory import Inventory
from citydiplo.formats.schema import load_schema
from fixtures import run
from citydiplo.formats.model import Sentence
from citydiplo.formats.strings import resolve_strings
from llm_server import ChatServer, Reply, last_user_text

DAUGAVPILS = json.dumps({"entities": [{"text": "Daugavpils", "type": "CITY"}], "events": [], "relations": []})


def doc_of(request: dict, gold) -> str:
    """Which document a request is about (its text is in the last message)."""
    text = last_user_text(request)
    return next(d.id for d in gold.documents if d.text[:60] in text)


def evaluate(server, tmp_path, **kw):
    kw.setdefault("cache", tmp_path / "cache")
    kw.setdefault("max_retries", 1)
    return citydiplo.evaluate("llm:test-model", base_url=server.base_url, samples=100, **kw)


# --------------------------------------------------------------------------- done when


def test_done_when_one_answer_for_all_then_rerun_from_cache(tmp_path):
    with ChatServer(lambda req, n: Reply(DAUGAVPILS)) as server:
        args = ["evaluate", "llm:any-name", "--base-url", server.base_url, "--cache", tmp_path / "c",
                "--samples", 100, "--format", "json"]
        first = run(*args)
        assert first.exit_code == 0, first.output + first.stderr
        sent = len(server.requests)
        second = run(*args)
        assert second.exit_code == 0, second.stderr
        assert len(server.requests) == sent == 5  # one request per document, none the second time
    a, b = json.loads(first.stdout), json.loads(second.stdout)
    assert a["headline"]["entity_f1"]["f1"] > 0
    assert a["headline"] == b["headline"] and a["entities"] == b["entities"] and a["events"] == b["events"]
    per_language = a["llm"]["failures"]["per_language"]
    assert {lang for lang, c in per_language.items() if c["unresolved_strings"]} == {"ru", "fa", "uk", "vi"}
    assert a["llm"]["failures"]["all"]["unresolved_strings"] == 4
    assert (a["llm"]["requests"]["sent"], a["llm"]["requests"]["cache_hits"]) == (5, 0)
    assert (b["llm"]["requests"]["sent"], b["llm"]["requests"]["cache_hits"]) == (0, 5)
    assert "unresolved strings 4" in first.stderr and "5 from the cache" in second.stderr


# --------------------------------------------------------------------------- scripted cases


def test_gold_answers_score_like_the_gold(gold, tmp_path):
    answers = {d.id: json.dumps(gold_answer(d), ensure_ascii=False) for d in gold.documents}
    with ChatServer(lambda req, n: Reply(answers[doc_of(req, gold)])) as server:
        results = evaluate(server, tmp_path)
    # the gold without occurrence hints: what the strings rule costs a perfect answer (a
    # string that occurs twice takes its next occurrence; a relation end its first one in
    # the sentence), measured 98.5 / 96.7 / 88.8 / 55.6 at document granularity
    # (scripts/llm_strings_ceiling.py)
    assert results.figure("entity_f1") > 0.98 and results.figure("entity_f1", level="inner") > 0.95
    assert results.figure("trigger_classification_f1") > 0.96
    assert results.figure("argument_classification_f1") > 0.88
    assert results.figure("relation_f1") > 0.5
    fail = results.extra["llm"]["failures"]["all"]
    assert fail["unresolved_strings"] == 0 and fail["unparseable"] == 0 and fail["http_errors"] == 0
    assert fail["ambiguous_strings"] == results.extra["input"]["strings"]["ambiguous"] > 0
    assert fail["labels_outside_inventory"] == fail["roles_not_allowed"] == fail["malformed_items"] == 0
    assert results.extra["llm"]["usage"] == {"prompt_tokens": 500, "completion_tokens": 50}
    assert results.extra["llm"]["server_model"] == "served-test-model"


def test_every_failure_is_counted_and_none_is_fatal(gold, tmp_path):
    lv = gold_answer(gold.documents[0])
    fa = {"entities": [{"text": "اصفهان", "type": "TOWN"},           # label outside the inventory
                       {"text": "Atlantis", "type": "CITY"},         # invented string
                       {"text": "اصفهان", "type": "CITY"}],
          "events": [{"type": "MEET", "trigger": "رایزنی", "realis": "MAYBE",          # bad realis
                      "arguments": [{"role": "Giver", "text": "اصفهان"}]}],     # role MEET has not
          "relations": []}
    calls: dict[str, int] = {}

    def script(req, n):
        doc = doc_of(req, gold)
        calls[doc] = calls.get(doc, 0) + 1
        if doc == "000-lv":  # a fenced block after leading prose
            return Reply("Here is the JSON:\n```json\n" + json.dumps(lv, ensure_ascii=False) + "\n```")
        if doc == "001-ru":
            return Reply('{"entities": [{"text": "Хэйхэ", "type": "CITY"}')  # malformed
        if doc == "002-fa":
            return Reply(json.dumps(fa, ensure_ascii=False))
        if doc == "003-uk":
            return Reply(status=500, headers={"retry-after-ms": "1"})
        if calls[doc] == 1:  # 004-vi: 429 first, then an answer cut off at max_tokens
            return Reply(status=429, headers={"retry-after-ms": "1"})
        return Reply('{"entities": [{"text": "Đồng Tháp", "type": "GPE"}, {"te', finish_reason="length")

    with ChatServer(script) as server:
        results = evaluate(server, tmp_path, concurrency=2)
    block = results.extra["llm"]
    per = block["failures"]["per_language"]
    assert per["lv"]["unparseable"] == 0 and per["lv"]["unresolved_strings"] == 0
    assert per["ru"]["unparseable"] == 1
    assert per["fa"]["labels_outside_inventory"] == 2 and per["fa"]["roles_not_allowed"] == 1
    assert per["fa"]["unresolved_strings"] == 1
    assert per["uk"]["http_errors"] == 1 and block["failures"]["http_errors_by_kind"] == {"http_500": 1}
    assert calls["003-uk"] == 2  # one retry
    assert calls["004-vi"] == 2 and per["vi"]["http_errors"] == 0  # the 429 was retried
    assert per["vi"]["truncated"] == 1 and per["vi"]["unparseable"] == 1
    assert block["requests"] == {"units": 5, "cache_hits": 0, "sent": 5, "failed": 1}
    # the run still ends with scores: lv's gold answer is found, the failed units score as empty
    assert results.figure("entity_f1", "lv") == 1.0
    assert results.figure("entity_f1", "uk") == 0.0 and results.figure("entity_f1", "ru") == 0.0
    fa_block = results.entity_block(language="fa")
    assert fa_block["micro"]["pred"] == 1 and fa_block["micro"]["precision"] == 1.0
    assert results.event_block("trigger_classification", "fa")["pred"] == 1


def test_a_timeout_is_counted_quickly(gold, tmp_path):
    def script(req, n):
        return Reply(DAUGAVPILS, delay=3.0) if doc_of(req, gold) == "002-fa" else Reply(DAUGAVPILS)

    with ChatServer(script) as server:
        started = time.monotonic()
        results = evaluate(server, tmp_path, timeout=1.0, max_retries=0, concurrency=5)
        took = time.monotonic() - started
    fail = results.extra["llm"]["failures"]
    assert fail["per_language"]["fa"]["http_errors"] == 1 and fail["http_errors_by_kind"] == {"timeout": 1}
    assert took < 2.5
    assert results.figure("entity_f1") > 0


def test_a_server_without_response_format_is_asked_without_it(gold, tmp_path):
    with ChatServer(lambda req, n: Reply(DAUGAVPILS, reject_response_format=True)) as server:
        results = evaluate(server, tmp_path, concurrency=1)
        refused = [r for r in server.requests if "response_format" in r]
    assert len(refused) == 1 and len(server.requests) == 6
    assert results.extra["llm"]["response_format_refused"] is True
    assert results.extra["llm"]["failures"]["all"]["http_errors"] == 0


def test_a_server_that_wants_max_completion_tokens_gets_it(gold, tmp_path):
    with ChatServer(lambda req, n: Reply(DAUGAVPILS, reject_max_tokens=True, reject_response_format=True)) as server:
        results = evaluate(server, tmp_path, concurrency=1, max_tokens=777)
        last = server.requests[-1]
    assert "max_tokens" not in last and last["max_completion_tokens"] == 777 and "response_format" not in last
    assert len(server.requests) == 5 + 2  # one refusal of each, then every request is accepted
    assert results.extra["llm"]["failures"]["all"]["http_errors"] == 0 and results.figure("entity_f1") > 0


def test_cache_key_covers_the_sampling_parameters_and_never_the_key(tmp_path, monkeypatch):
    monkeypatch.setenv("MY_LLM_KEY", "sk-secret-do-not-write")
    with ChatServer(lambda req, n: Reply(DAUGAVPILS)) as server:
        evaluate(server, tmp_path, api_key_env="MY_LLM_KEY", sampling_seed=7)
        evaluate(server, tmp_path, api_key_env="MY_LLM_KEY", sampling_seed=7)
        assert len(server.requests) == 5
        results = evaluate(server, tmp_path, api_key_env="MY_LLM_KEY", sampling_seed=7, temperature=0.5)
        assert len(server.requests) == 10
        assert server.headers[0]["authorization"] == "Bearer sk-secret-do-not-write"
        assert server.requests[-1]["temperature"] == 0.5 and server.requests[-1]["seed"] == 7
    files = list((tmp_path / "cache").rglob("*.json"))
    assert len(files) == 10
    assert not any("sk-secret" in f.read_text(encoding="utf-8") for f in files)
    assert "sk-secret" not in json.dumps(results.to_dict())
    assert results.extra["llm"]["base_url_host"].startswith("127.0.0.1:")


def test_sentence_granularity_sends_one_request_per_sentence(gold, tmp_path):
    with ChatServer(lambda req, n: Reply(DAUGAVPILS)) as server:
        results = evaluate(server, tmp_path, granularity="sentence", concurrency=8)
        assert len(server.requests) == len(gold.records)
    # every lv sentence that holds "Daugavpils" finds it; the others count it as unresolved
    lv = [r for r in gold.records.values() if r.language == "lv"]
    with_word = sum("Daugavpils" in " ".join(t.text for t in r.tokens) for r in lv)
    fail = results.extra["llm"]["failures"]
    assert fail["all"]["unresolved_strings"] == len(gold.records) - with_word
    assert results.entity_block("outer", "strict", "lv")["micro"]["pred"] == with_word


def test_bad_options_stop_before_any_request(tmp_path):
    assert run("evaluate", "llm:m").exit_code == 2  # no --base-url
    result = run("evaluate", "llm:m", "--base-url", "http://127.0.0.1:9/v1", "--shots", 9, "--no-cache")
    assert result.exit_code == 2 and "only 4 other document(s)" in result.stderr
    result = run("evaluate", "llm:m", "--base-url", "http://127.0.0.1:9/v1", "--prompt-version", "v0")
    assert result.exit_code == 2 and "no prompt 'v0'" in result.stderr
    assert run("evaluate", "gazetteer", "--base-url", "http://127.0.0.1:9/v1").exit_code == 2
    assert run("predict", "llm:m", "--out", tmp_path / "p.jsonl").exit_code == 2  # no --base-url
    assert run("evaluate", "gazetteer", "--limit", 2).exit_code == 2
    result = run("evaluate", "llm:m", "--base-url", "http://127.0.0.1:9/v1", "--languages", "lv,xx")
    assert result.exit_code == 2 and "xx: not a language of the benchmark" in result.stderr
    result = run("predict", "llm:m", "--base-url", "http://127.0.0.1:9/v1", "--limit", 1, "--out", tmp_path / "p.jsonl")
    assert result.exit_code == 2 and "--limit: applies to `bench evaluate llm:m` only" in result.stderr
    assert not (tmp_path / "p.jsonl").exists()
    with pytest.raises(TypeError):
        citydiplo.evaluate("gazetteer", base_url="http://127.0.0.1:9/v1")


# --------------------------------------------------------------------------- parse


def test_parse_answer_is_tolerant_but_not_inventive():
    obj = {"entities": [], "events": [], "relations": []}
    assert parse_answer(json.dumps(obj)) == obj
    assert parse_answer("Sure! Here it is:\n```json\n" + json.dumps(obj) + "\n```\nAnything else?") == obj
    assert parse_answer("The answer is " + json.dumps(obj) + " as asked.") == obj
    assert parse_answer('{"entities": [') is None
    assert parse_answer("no JSON here") is None and parse_answer("") is None and parse_answer(None) is None
    assert parse_answer("[1, 2]") is None and parse_answer('{"answer": 1}') is None
    assert parse_answer('{"entities": [{"text": "Rīga", "type": "CITY"}') is None  # no inner object taken


def test_clean_answer_counts_what_the_schema_does_not_allow(root):
    schema = load_schema(root / "annotations")
    cleaned = clean_answer({
        "entities": [{"text": "Rīga", "type": "CITY"}, {"text": "X", "type": "city"}, "junk", {"type": "PER"}],
        "events": [{"type": "VISIT", "trigger": "apmeklēja", "realis": "ACTUAL",
                    "arguments": [{"role": "Visitor", "text": "Rīga"}, {"role": "Item", "text": "maskas"}]},
                   {"type": "PARTY", "trigger": "svinības"}],
        "relations": [{"arg1": "Rīga", "arg2": "Daugavpils", "status": "TWINNED"}, {"arg1": "Rīga"}],
    }, Inventory.from_schema(schema))
    # the labels are checked here; the spans' shapes by the one strings reader
    assert cleaned.entities == [{"text": "Rīga", "type": "CITY"}, "junk", {"text": None, "type": "PER"}]
    assert cleaned.events[0]["arguments"] == [{"role": "Visitor", "text": "Rīga"}]
    assert len(cleaned.events) == 1 and cleaned.relations[0]["status"] is None
    assert cleaned.counts == {"labels_outside_inventory": 3, "roles_not_allowed": 1}
    text = "Rīga un Daugavpils. Rīga apmeklēja."
    problems: list[str] = []
    chars, report = resolve_strings(cleaned.record("doc_id", "000-lv"), text, [Sentence(0, 19), Sentence(20, len(text))],
                                    problems=problems)
    assert len(chars["entities"]) == 1 and len(chars["events"]) == 1 and len(chars["relations"]) == 1
    assert problems == ["entities[1] must be an object", "entities[2].text must be a non-empty string (the span's "
                        "surface text), found None", "relations[1].arg2 must be a non-empty string (the span's "
                        "surface text), found None"]


# --------------------------------------------------------------------------- prompt


def test_few_shot_examples_never_come_from_the_evaluated_document(gold):
    builder = prompt_builder(gold)
    for granularity, shots in (("document", 4), ("sentence", 6)):
        for unit in units(gold.documents, granularity):
            messages = builder.messages(unit, shots, granularity)
            assert len(messages) == 2 + 2 * shots
            doc = next(d for d in gold.documents if d.id == unit.doc_id)
            examples = "\n".join(m["content"] for m in messages[1:-1])
            for s in doc.meta.sentences:
                assert doc.text[s.start:s.end] not in examples, (unit.id, s)
            # the evaluated document's gold has no influence on its prompt
            blind = [d.without_gold() if d.id == doc.id else d for d in gold.documents]
            assert replace(builder, documents=tuple(blind)).messages(unit, shots, granularity) == messages
        for doc in gold.documents:
            picked = choose_shots(gold.documents, doc.id, shots, granularity)
            assert picked == choose_shots(gold.documents, doc.id, shots, granularity)  # deterministic
            assert all(u.doc_id != doc.id for u, _ in picked)


def test_clean_answer_counts_unknown_keys_as_the_file_readers_refuse_them(root):
    from citydiplo.formats.strict import unknown_keys

    answer = {"entites": [], "entities": [{"text": "Rīga", "type": "CITY", "confidence": 0.9}],
              "events": [{"type": "VISIT", "trigger": {"text": "apmeklēja", "ocurrence": 1},
                          "arguments": [{"role": "Visitor", "text": "Rīga", "argumnet": 1}]}],
              "relations": [{"arg1": "Rīga", "arg2": "Daugavpils", "statsu": "ACTIVE"}]}
    cleaned = clean_answer(answer, Inventory.from_schema(load_schema(root / "annotations")))
    # one rule for a model's answer and a strings file: the same keys, at any depth, counted here
    found = unknown_keys(answer, "strings")
    assert cleaned.counts["unknown_keys"] == len(found) == 5
    assert [f.pointer for f in found] == ["/entites", "/entities/0/confidence", "/events/0/trigger/ocurrence",
                                          "/events/0/arguments/0/argumnet", "/relations/0/statsu"]
    assert "unknown_keys: /entites: unknown key 'entites'; did you mean 'entities'?" in cleaned.examples
    assert "unknown_keys: /relations/0/statsu: unknown key 'statsu'; did you mean 'status'?" in cleaned.examples


def test_the_inventory_in_the_prompt_comes_from_the_schema(gold, root):
    builder = prompt_builder(gold)
    system = builder.system()
    schema = load_schema(root / "annotations")
    for etype in schema.ner_types:
        assert f"- {etype}: " in system
    for etype, roles in schema.events.items():
        assert f"- {etype}: " in system
        for r in roles:
            assert f"{r.name} ({' | '.join(r.fillers)})" in system
    for value in schema.attributes["Realis"][1] + schema.attributes["Status"][1]:
        assert f"{value}: " in system or f"{value} (" in system
    assert "PARTNER_OF between arg1 (CITY) and arg2 (CITY)" in system
    events = dict(schema.events)
    events["PROTEST"] = events["MEET"]
    changed = replace(builder, inventory=Inventory.from_schema(replace(schema, events=events))).system()
    assert "- PROTEST\n  Roles: Participant (PER | ORG | CITY | GPE)" in changed
    assert "«" not in system and gold.documents[0].text[:20] not in system  # no corpus quotes


def test_bench_prompt_prints_the_messages():
    result = run("prompt", "002-fa", "--shots", 2, "--format", "json")
    assert result.exit_code == 0, result.stderr
    messages = json.loads(result.stdout)
    assert [m["role"] for m in messages] == ["system", "user", "assistant", "user", "assistant", "user"]
    assert json.loads(messages[2]["content"])["entities"]
    text = run("prompt", "000-lv-002")
    assert text.exit_code == 0 and "===== system =====" in text.stdout and "Text (Latvian):" in text.stdout
    assert run("prompt", "999-xx").exit_code == 2


def test_ctrl_c_keeps_what_was_answered(gold, tmp_path):
    from citydiplo.evaluation.llm.client import ChatClient
    from citydiplo.evaluation.llm.run import LLMOptions, run_llm

    class Interrupted(ChatClient):
        calls = 0

        def complete(self, messages, params):
            Interrupted.calls += 1
            if Interrupted.calls >= 3:  # Ctrl-C from the third request on
                raise KeyboardInterrupt
            return super().complete(messages, params)

    with ChatServer(lambda req, n: Reply(DAUGAVPILS)) as server:
        opts = LLMOptions(base_url=server.base_url, cache=tmp_path / "c", concurrency=1)
        with pytest.raises(KeyboardInterrupt):
            run_llm("llm:m", gold, opts, lambda: Interrupted(server.base_url, "m"))
        assert len(server.requests) == 2 and len(list((tmp_path / "c").rglob("*.json"))) == 2
        again = run_llm("llm:m", gold, opts)
        assert len(again.predictions) == len(gold.records) and again.records.keys() == gold.records.keys()
        assert len(server.requests) == 5 and again.block["requests"]["cache_hits"] == 2


def test_an_llm_run_goes_on_the_leaderboard_tagged_with_its_prompt(tmp_path):
    with ChatServer(lambda req, n: Reply(DAUGAVPILS)) as server:
        results_dir = tmp_path / "results"
        results_dir.mkdir()
        result = run("evaluate", "llm:tiny", "--base-url", server.base_url, "--shots", 1, "--cache", tmp_path / "c",
                     "--samples", 100, "--out", results_dir / "tiny.json")
        assert result.exit_code == 0, result.stderr
    board = run("leaderboard", results_dir)
    assert board.exit_code == 0, board.stderr
    assert "`llm:tiny (v1, 1-shot)`" in board.stdout
    data = json.loads((results_dir / "tiny.json").read_text(encoding="utf-8"))
    assert data["llm"]["prompt_version"] == "v1" and data["llm"]["shots"] == 1
    assert citydiplo.Results.from_dict(data).extra["llm"] == data["llm"]
