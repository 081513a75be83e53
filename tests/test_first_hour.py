"""A researcher's first hour (issue 30): one provenance sentence everywhere, a card that any
`datasets` reads, `module:function` from the current folder, messages that name the real
problem, the results schema and `bench check-results`, the submission path followed end to
end, commands that need a checkout saying so, and docs whose paths exist."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from citydiplo.cli import main
from citydiplo.release import meta

REPO = Path(__file__).resolve().parent.parent


def run(*args):
    return CliRunner().invoke(main, list(map(str, args)))


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


# ------------------------------------------------------------------ 1. provenance


def test_one_provenance_sentence_in_readme_card_datasheet_and_citation():
    sentence = _flat(meta.PROVENANCE)
    assert "AI language-model sessions" in sentence and "not by people" in sentence
    citation = yaml.safe_load((REPO / "CITATION.cff").read_text(encoding="utf-8"))
    places = {
        "README.md": (REPO / "README.md").read_text(encoding="utf-8"),
        "dataset card": (REPO / "dataset" / "README.md").read_text(encoding="utf-8"),
        "DATASHEET.md": (REPO / "DATASHEET.md").read_text(encoding="utf-8"),
        "CITATION.cff abstract": citation["abstract"],
    }
    for where, text in places.items():
        assert sentence in _flat(text), f"{where} lacks the provenance sentence of release/meta.py"
    assert "hand-annotated" not in places["README.md"]
    card_meta = yaml.safe_load(places["dataset card"].split("---")[1])
    assert card_meta["annotations_creators"] == ["machine-generated"]


# ------------------------------------------------------------------ 2. card features


def _features(node):
    if isinstance(node, dict):
        if "name" in node and any(k in node for k in ("dtype", "list", "sequence", "struct")):
            yield node
        for value in node.values():
            yield from _features(value)
    elif isinstance(node, list):
        for item in node:
            yield from _features(item)


def test_card_lists_of_values_use_sequence_which_datasets_3_reads():
    """`list:` of a value reads as a plain Python list in datasets 3.x (no `.feature`);
    `sequence:` reads as Sequence there and as List in 4.x/5.x (scripts/check_datasets3.sh
    loads it with 3.x in CI). Lists of structs stay `list:` (3.x reads them as lists of dicts)."""
    card = yaml.safe_load((REPO / "dataset" / "README.md").read_text(encoding="utf-8").split("---")[1])
    features = list(_features(card["dataset_info"]))
    seqs = [f for f in features if "sequence" in f]
    lists = [f for f in features if "list" in f]
    assert {f["name"] for f in seqs} >= {"tokens", "ner_tags", "ner_tags_inner", "token_starts"}
    assert all(isinstance(f["list"], list) for f in lists), [f["name"] for f in lists if not isinstance(f["list"], list)]
    assert (REPO / "scripts" / "check_datasets3.sh").is_file()
    assert "check_datasets3.sh" in (REPO / ".ci" / "run").read_text(encoding="utf-8")


def _python_blocks(text: str) -> list[str]:
    return re.findall(r"```python\n(.*?)```", text, flags=re.S)


def test_card_and_readme_dataset_snippets_run_from_any_folder(tmp_path, monkeypatch):
    card = (REPO / "dataset" / "README.md").read_text(encoding="utf-8")
    assert "path/or/hub-id" not in card
    snippet = next(b for b in _python_blocks(card) if "load_dataset" in b)
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    readme_snippet = next(b for b in _python_blocks(readme) if "from datasets import load_dataset" in b)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HF_DATASETS_CACHE", str(tmp_path / "hf"))
    for code in (snippet, readme_snippet):
        scope: dict = {}
        exec(code, scope)  # noqa: S102 - the documented snippet itself
        names = scope.get("tag_names") or scope["labels"]
        assert names[0] == "O" and "B-CITY" in names
        assert scope["events"].num_rows == 74


# ------------------------------------------------------------------ 3. module:function


def test_module_function_imports_from_the_current_folder_with_a_hint(tmp_path):
    (tmp_path / "mysys_first_hour.py").write_text(
        "def predict(documents):\n"
        "    return [{'id': f'{d.id}-{i:03d}'} for d in documents for i in range(1, len(d.meta.sentences) + 1)]\n",
        encoding="utf-8")
    cmd = [sys.executable, "-m", "citydiplo.cli", "evaluate", "mysys_first_hour:predict", "--samples", "100"]
    env = {**__import__("os").environ, "PYTHONPATH": f"{REPO / 'benchmark'}:{REPO / 'baselines'}"}
    ok = subprocess.run(cmd, cwd=tmp_path, capture_output=True, text=True, env=env, timeout=300)
    assert ok.returncode == 0, ok.stderr
    assert "model: mysys_first_hour:predict" in ok.stdout
    missing = subprocess.run(cmd, cwd=tmp_path.parent, capture_output=True, text=True, env=env, timeout=300)
    assert missing.returncode == 2
    assert "no mysys_first_hour.py in the current folder" in missing.stderr and "Traceback" not in missing.stderr
    broken = tmp_path / "needs_dep.py"
    broken.write_text("import a_package_that_is_not_installed\ndef predict(d):\n    return []\n", encoding="utf-8")
    dep = subprocess.run(cmd[:4] + ["needs_dep:predict"], cwd=tmp_path, capture_output=True, text=True, env=env,
                         timeout=300)
    assert dep.returncode == 2 and "a_package_that_is_not_installed" in dep.stderr and "current folder" not in dep.stderr


# ------------------------------------------------------------------ 5. messages


@pytest.mark.parametrize("content, message", [
    (json.dumps({"id": "000-lv-001", "ner_tags": ["O"]}, indent=2), "pretty-printed): predictions are JSON Lines: "
                                                                     "one JSON object per line"),
    (json.dumps([{"id": "000-lv-001"}, {"id": "000-lv-002"}], indent=1), "one JSON array"),
    (json.dumps([{"id": "000-lv-001"}, {"id": "000-lv-002"}]), "a JSON array of 2 record(s) on one line"),
    (json.dumps({"id": "000-lv-001", "entities": [[0, 10, "GPE"]]}), "is a spaCy-style (start, end, label) tuple"),
    (json.dumps(["Daugavpils un Harbinas", {"entities": [[0, 10, "GPE"]]}]), "this is a spaCy training tuple"),
    (json.dumps({"doc_id": "000-lv", "entities": [{"start": 0, "end": 10, "type": "PERSON"}]}),
     "but a label of spacy and wikiner: add --label-map spacy"),
])
def test_misleading_inputs_get_messages_that_name_the_problem(tmp_path, content, message):
    path = tmp_path / "predictions.jsonl"
    path.write_text(content + "\n", encoding="utf-8")
    res = run("evaluate", path, "--samples", 100)
    assert res.exit_code == 2 and message in res.output, res.output
    assert "column" not in res.output and "no string 'id'" not in res.output


@pytest.mark.parametrize("pretty", [True, False])
def test_a_results_file_given_as_predictions_is_called_one(tmp_path, pretty):
    data = json.loads((REPO / "results" / "gazetteer.json").read_text(encoding="utf-8"))
    path = tmp_path / "gazetteer.json"
    path.write_text(json.dumps(data, indent=2 if pretty else None) + "\n", encoding="utf-8")
    res = run("evaluate", path)
    assert res.exit_code == 2 and "this is a results file" in res.output and "bench check-results" in res.output


# ------------------------------------------------------------------ 6. results schema, check-results, submission


def test_committed_results_schema_is_generated_and_every_results_file_is_valid():
    import jsonschema

    from citydiplo.scoring.results_schema import SCHEMA_PATH, schema_text

    assert SCHEMA_PATH.read_text(encoding="utf-8") == schema_text(), \
        "rerun: python -m citydiplo.scoring.results_schema"
    schema = json.loads(schema_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    files = sorted((REPO / "results").glob("*.json"))
    assert files
    for path in files:
        jsonschema.validate(json.loads(path.read_text(encoding="utf-8")), schema)
        res = run("check-results", path)
        assert res.exit_code == 0 and "valid results of" in res.output, res.output


def test_check_results_refuses_what_the_leaderboard_cannot_take(tmp_path):
    data = json.loads((REPO / "results" / "gazetteer.json").read_text(encoding="utf-8"))

    def check(mutate, *extra):
        bad = json.loads(json.dumps(data))
        mutate(bad)
        path = tmp_path / "r.json"
        path.write_text(json.dumps(bad), encoding="utf-8")
        res = run("check-results", path, *extra)
        assert res.exit_code == 2, res.output
        return res.output

    assert "$.headline: 'relation_f1' is a required property" in check(lambda d: d["headline"].pop("relation_f1"))
    assert "Additional properties are not allowed ('headlines' was unexpected)" in check(
        lambda d: d.update(headlines=d["headline"]))
    assert "$.headline.entity_f1.f1" in check(lambda d: d["headline"]["entity_f1"].update(f1=47.2))
    assert "scored on other data" in check(lambda d: d["dataset"].update(content_hash="0" * 64))
    assert "incomplete run" in check(lambda d: d.update(languages={"evaluated": ["lv"], "of": ["lv", "ru"]}))
    gold = tmp_path / "gold.jsonl"
    assert run("gold-predictions", "--out", gold).exit_code == 0
    assert "are not of these predictions" in check(lambda d: None, "--predictions", gold)
    lines = tmp_path / "lines.jsonl"
    lines.write_text(gold.read_text(encoding="utf-8"), encoding="utf-8")
    res = run("check-results", lines)
    assert res.exit_code == 2 and "this is JSON Lines (predictions?)" in res.output


def test_leaderboard_puts_coarse_results_in_their_own_table(tmp_path):
    from citydiplo.scoring.report import leaderboard_page as render
    from citydiplo.scoring.report import leaderboard_table as table
    from citydiplo.scoring.results_files import read_results

    results = tmp_path / "results"
    results.mkdir()
    shutil.copy(REPO / "results" / "gazetteer.json", results / "gazetteer.json")
    coarse = json.loads((REPO / "results" / "crf.json").read_text(encoding="utf-8"))
    coarse.update(model="spacy-tagger", labels={"label_map": "spacy", "scheme": "coarse"})
    (results / "spacy-tagger.json").write_text(json.dumps(coarse), encoding="utf-8")
    read = read_results(results)
    page = render(read)
    main_table, coarse_part = page.split("## Coarse scheme")
    assert "`gazetteer`" in main_table and "spacy-tagger" not in main_table
    assert "`spacy-tagger` (labels: spacy)" in coarse_part and "`gazetteer`" not in coarse_part
    assert "spacy-tagger" not in table(read)  # the README's table is the full scheme's


def _section(readme: str, title: str) -> str:
    return readme.split(f"## {title}\n", 1)[1].split("\n## ", 1)[0]


def test_submit_your_system_section_followed_end_to_end_on_a_temp_copy(tmp_path):
    """Every command of the README's "Submit your system" block, run as written from a copy
    of the repository, with a system in the current folder: the new row appears in the
    leaderboard page and the README's table, and CI's check passes."""
    copy = tmp_path / "repo"
    for sub in ("seeds", "corpus", "annotations", "dataset", "results"):
        shutil.copytree(REPO / sub, copy / sub)
    (copy / "benchmark").mkdir()
    shutil.copy(REPO / "benchmark" / "LEADERBOARD.md", copy / "benchmark" / "LEADERBOARD.md")
    shutil.copy(REPO / "README.md", copy / "README.md")
    (copy / "my_system.py").write_text(  # a system that tags every sentence's first token as a city
        "from citydiplo.formats.tokens import tokenize\n"
        "def predict(documents):\n"
        "    for d in documents:\n"
        "        for i, s in enumerate(d.meta.sentences, 1):\n"
        "            n = len(tokenize(d.text[s.start:s.end], s.start))\n"
        "            yield {'id': f'{d.id}-{i:03d}', 'ner_tags': ['B-CITY'] + ['O'] * (n - 1)}\n", encoding="utf-8")
    section = _section((REPO / "README.md").read_text(encoding="utf-8"), "Submit your system")
    block = re.findall(r"```bash\n(.*?)```", section, flags=re.S)[-1]
    commands = [line for line in block.splitlines() if line.strip()]
    used = [word for c in commands for word in re.findall(r"bench ([a-z-]+)", c)]
    assert used == ["evaluate", "predict", "check-results", "leaderboard"]
    env = {**__import__("os").environ, "CITYDIPLO_ROOT": str(copy),
           "PYTHONPATH": f"{REPO / 'benchmark'}:{REPO / 'baselines'}"}
    env["PATH"] = f"{Path(sys.executable).parent}:{env['PATH']}"
    for command in commands:
        done = subprocess.run(command, shell=True, cwd=copy, capture_output=True, text=True, env=env, timeout=300)
        assert done.returncode == 0, f"{command}\n{done.stdout}\n{done.stderr}"
    check = next(c for c in commands if "check-results" in c)
    assert "the predictions reproduce every headline figure" in subprocess.run(
        check, shell=True, cwd=copy, capture_output=True, text=True, env=env, timeout=300).stdout
    page = (copy / "benchmark" / "LEADERBOARD.md").read_text(encoding="utf-8")
    readme = (copy / "README.md").read_text(encoding="utf-8")
    assert "| `my-system` |" in page and "| `my-system` |" in readme
    assert (copy / "results" / "my-system.json").is_file() and (copy / "predictions" / "my-system.jsonl").is_file()


# ------------------------------------------------------------------ 7. wheel, progress, docs


def test_commands_that_write_the_project_refuse_the_installed_copy_in_one_line(tmp_path, monkeypatch):
    import citydiplo.corpus.project as project

    bundle = tmp_path / "bundle"
    for sub in ("seeds", "corpus", "annotations", "dataset", "results"):
        shutil.copytree(REPO / sub, bundle / sub)
    shutil.copy(REPO / "DATASHEET.md", bundle / "DATASHEET.md")
    monkeypatch.setattr(project, "BUNDLE_DIR", bundle)
    for args in (["corpus"], ["pin-gold"], ["datasheet"], ["build"], ["publish", "org/name"]):
        res = run(*args, "--root", bundle)
        assert res.exit_code == 2 and "needs a checkout of the repository" in res.output, (args, res.output)
        assert len(res.output.strip().splitlines()) == 1
    before = (bundle / "annotations" / "SHA256SUMS").read_bytes()
    for args in (["corpus", "--check"], ["build", "--check"], ["datasheet", "--check"],
                 ["publish", "org/name", "--dry-run"]):
        res = run(*args, "--root", bundle)
        assert res.exit_code == 0, (args, res.output)
    assert (bundle / "annotations" / "SHA256SUMS").read_bytes() == before


def test_first_build_of_the_place_cache_reports_progress(tmp_path, capsys):
    from citydiplo_baselines import place_cache
    from citydiplo_baselines.places import Name

    rows = [("lv", Name("Rīga", "CITY", "GeoNames:456172", 600000, True), ("rīga",), ("rīga",))]
    assert place_cache.open_store("k1", lambda: iter(rows), tmp_path) is not None
    err = capsys.readouterr().err
    assert "first run" in err and "1 names cached in" in err
    assert place_cache.open_store("k1", lambda: iter(rows), tmp_path) is not None
    assert capsys.readouterr().err == ""  # a later run reads it silently


def test_agreement_of_entity_only_passes_says_n_a_for_events():
    res = run("agreement", REPO / "annotations" / "passes" / "a", REPO / "annotations" / "passes" / "b")
    assert res.exit_code == 0
    events = res.output.split("trig-I F1", 1)[1]
    assert "0.0" not in events and "n=0" not in events and "n/a: neither pass has events" in events


DOCS = ("README.md", "DATASHEET.md", "baselines/README.md", "annotations/GUIDELINES.md", "annotations/ADJUDICATION.md")
EXTENSIONS = r"\.(py|md|json|jsonl|cff|conf|ann|txt|sh|toml|tsv|html)$"
GENERATED = {"results/NAME.json", "predictions/NAME.jsonl", "predictions/NAME/", "predictions/NAME.md",
             "cv_predictions.jsonl", "run.json", "config.json", "my_system.py", "model/", "preds.jsonl",
             "results.json", "tokens.jsonl", "spacy-style.jsonl", "toolkit.jsonl", "gazetteer.jsonl",
             "results/NAME.TASK.json", "cv.html", "/events/0/argumnets", "v1-ner/", "v1-ed/", "v1-eae/",
             "002.versions.html"}
"""Names the docs give to files a command writes, or to a user's files, a JSON pointer, and
the prompt folders named beside their parent (not files of the repository)."""


def test_every_path_the_docs_name_exists():
    names = {p.name for p in REPO.rglob("*") if ".git" not in p.parts}
    missing = []
    for doc in DOCS:
        text = (REPO / doc).read_text(encoding="utf-8")
        for match in re.finditer(r"`([^`\s]+)`|\]\(([^)\s#]+)\)", text):
            token = (match.group(1) or match.group(2)).rstrip(".,:;")
            if (token.startswith(("http", "$", "~", "-", ".")) or any(c in token for c in "*<>{}=")
                    or token in GENERATED or token.isupper()):
                continue
            if "/" in token:
                if not any((base / token).exists() for base in (REPO, (REPO / doc).parent, REPO / "annotations",
                                                                REPO / "baselines", REPO / "benchmark",
                                                                REPO / "benchmark" / "citydiplo")):
                    missing.append(f"{doc}: {token}")
            elif re.search(EXTENSIONS, token) and token not in names:
                missing.append(f"{doc}: {token}")
    assert missing == []


def test_readme_mention_and_event_list_examples_anchor(tmp_path):
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    part = readme.split("**Mention lists**", 1)[1]
    mentions, events = re.findall(r"```\n(.*?)```", part, flags=re.S)[:2]
    (tmp_path / "m.tsv").write_text(mentions, encoding="utf-8")
    (tmp_path / "e.tsv").write_text(events, encoding="utf-8")
    res = run("anchor", tmp_path / "m.tsv", "000-lv", "--out", tmp_path / "m.ann")
    assert res.exit_code == 0 and "2 mention(s), 2 normalisation(s)" in res.output, res.output
    res = run("anchor-events", tmp_path / "e.tsv", "000-lv", "--entities", tmp_path / "m.ann", "--out", tmp_path / "e.ann")
    assert res.exit_code == 0 and "1 event(s), 1 relation(s)" in res.output, res.output


def test_setup_lists_every_folder_of_the_packages_so_build_warns_of_none(monkeypatch):
    """`python -m build` warns "Package would be ignored" for a folder Python could import
    that setup.py does not list (scripts/check_wheel.sh runs the build and fails on it)."""
    from setuptools import distutils  # type: ignore[attr-defined]

    monkeypatch.chdir(REPO)
    dist = distutils.core.run_setup(str(REPO / "setup.py"), stop_after="init")
    listed = set(dist.packages)
    for where, top in (("benchmark", "citydiplo"), ("baselines", "citydiplo_baselines")):
        for folder in [REPO / where / top, *(REPO / where / top).rglob("*")]:
            if folder.is_dir() and "__pycache__" not in folder.parts and any(folder.iterdir()):
                name = folder.relative_to(REPO / where).as_posix().replace("/", ".")
                assert name in listed, f"{name} is not in setup.py's packages"
    assert "citydiplo.viewer.templates" in listed and "citydiplo.bundle.dataset.ner" in listed
