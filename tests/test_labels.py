"""Any tagger's labels: label maps (built-in and file) for every input format, the coarse
scheme, per-sentence chars records, the `ner` config's sentence text and token offsets,
and the README's worked example (a spaCy-style file through --label-map spacy --scheme coarse)."""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from citydiplo.cli import main
from citydiplo.errors import InputError
from citydiplo.evaluation.evaluate import evaluate
from citydiplo.formats.labels import BUILTIN_MAPS, COARSE, LabelMap, coarse_tags, load_label_map

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts"))
from spacy_style_example import SPACY_LABEL, spacy_style  # noqa: E402

FORMATS = ("tokens", "chars", "brat", "strings")
TYPES = ("PER", "ORG", "CITY", "GPE", "LOC", "DATE", "MISC")


def run(*args):
    return CliRunner().invoke(main, list(map(str, args)))


def evaluate_json(path, *extra) -> dict:
    res = run("evaluate", path, "--format", "json", "--samples", 100, *extra)
    assert res.exit_code == 0, res.output
    return json.loads(res.output)


@pytest.fixture(scope="module")
def exports(tmp_path_factory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("gold")
    out = {}
    for fmt in FORMATS:
        out[fmt] = base / f"gold-{fmt}"
        assert run("gold-predictions", "--format", fmt, "--out", out[fmt]).exit_code == 0
    return out


def _rename(path: Path, fmt: str, rename: dict[str, str], dst: Path) -> Path:
    """A copy of gold predictions with every entity label renamed (another tagger's labels)."""
    if fmt == "brat":
        dst.mkdir()
        for ann in path.glob("*.ann"):
            lines = []
            for line in ann.read_text(encoding="utf-8").splitlines():
                parts = line.split("\t")
                if line.startswith("T") and parts[1].split(" ")[0] in rename:
                    label, rest = parts[1].split(" ", 1)
                    parts[1] = f"{rename[label]} {rest}"
                lines.append("\t".join(parts))
            (dst / ann.name).write_text("\n".join(lines) + "\n", encoding="utf-8")
        return dst
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        for key in ("ner_tags", "ner_tags_inner"):
            if key in rec:
                rec[key] = [t if t == "O" else f"{t[:2]}{rename[t[2:]]}" for t in rec[key]]
        for ent in rec.get("entities", []):
            ent["type"] = rename[ent["type"]]
        out.append(json.dumps(rec, ensure_ascii=False))
    dst.write_text("\n".join(out) + "\n", encoding="utf-8")
    return dst


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_label_map_file_reads_any_label_set_in_every_format(exports, fmt, tmp_path):
    rename = {t: f"their_{t.lower()}" for t in TYPES}
    renamed = _rename(exports[fmt], fmt, rename, tmp_path / f"renamed-{fmt}")
    refused = run("evaluate", renamed, "--samples", 100)
    assert refused.exit_code == 2 and "their_" in refused.output
    mapping = tmp_path / "their-labels.json"
    mapping.write_text(json.dumps({v: k for k, v in rename.items()}), encoding="utf-8")
    r = evaluate_json(renamed, "--label-map", mapping)
    assert r["headline"]["entity_f1"]["f1"] == 1.0 and r["entities"]["inner"]["strict"]["micro"]["f1"] == 1.0
    assert r["labels"] == {"label_map": "their-labels.json", "scheme": "full"}


@pytest.mark.parametrize("fmt", ("tokens", "chars"))
def test_spacy_labels_score_zero_for_cities_in_full_and_100_in_coarse(exports, fmt, tmp_path):
    renamed = _rename(exports[fmt], fmt, SPACY_LABEL, tmp_path / "spacy.jsonl")
    refused = run("evaluate", renamed, "--samples", 100)
    assert refused.exit_code == 2 and "--label-map spacy" in refused.output
    full = evaluate_json(renamed, "--label-map", "spacy")
    per_type = full["entities"]["outer"]["strict"]["per_type"]
    assert per_type["CITY"]["f1"] == 0.0 and per_type["PER"]["f1"] == 1.0 and full["headline"]["entity_f1"]["f1"] < 0.8
    coarse = evaluate_json(renamed, "--label-map", "spacy", "--scheme", "coarse")
    assert coarse["headline"]["entity_f1"]["f1"] == 1.0
    assert set(coarse["entities"]["outer"]["strict"]["per_type"]) == {"PER", "ORG", "LOC", "DATE", "MISC"}
    assert coarse["labels"] == {"label_map": "spacy", "scheme": "coarse"}


def test_label_map_rules():
    spacy = LabelMap("spacy", BUILTIN_MAPS["spacy"])
    record = {"id": "x", "ner_tags": ["B-PERSON", "I-PERSON", "O", "B-CARDINAL", "B-GPE"],
              "entities": [{"start": 0, "end": 3, "type": "NORP"}, {"start": 4, "end": 5, "type": "MONEY"}]}
    mapped = spacy.record(record)
    assert mapped["ner_tags"] == ["B-PER", "I-PER", "O", "O", "B-GPE"]
    assert mapped["entities"] == [{"start": 0, "end": 3, "type": "MISC"}]
    assert record["ner_tags"][0] == "B-PERSON"  # the input is not changed
    assert spacy.type("CITY") == "CITY"  # a label the map does not name passes unchanged
    for name, mapping in BUILTIN_MAPS.items():  # every built-in maps into the schema, and is idempotent
        assert set(v for v in mapping.values() if v is not None) <= set(TYPES), name
        assert all(mapping.get(v, v) == v for v in mapping.values() if v is not None), name


def test_label_map_files_are_checked(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"PERSON": "HUMAN"}), encoding="utf-8")
    with pytest.raises(InputError, match="'HUMAN', not an entity type"):
        load_label_map(str(bad), TYPES)
    bad.write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(InputError, match="JSON object"):
        load_label_map(str(bad), TYPES)
    with pytest.raises(InputError, match="not a built-in label map"):
        load_label_map("spacey", TYPES)
    assert run("evaluate", "gazetteer", "--label-map", "spacey").exit_code == 2


@given(st.lists(st.sampled_from(["O"] + [f"{p}-{t}" for t in TYPES for p in "BI"]), max_size=30))
def test_the_coarse_scheme_only_renames_the_three_place_types(tags):
    out = coarse_tags(tags)
    assert len(out) == len(tags)
    for a, b in zip(tags, out):
        assert b == a if a == "O" or a[2:] not in COARSE else b == f"{a[:2]}LOC"


def test_ner_config_has_sentence_text_and_token_offsets():
    import citydiplo

    ner = citydiplo.load("ner")["test"]
    for row in ner:
        assert [row["text"][s:e] for s, e in zip(row["token_starts"], row["token_ends"])] == row["tokens"]
    docs = {d["id"]: d["text"] for d in citydiplo.load("documents")["test"]}
    row = ner[5]
    assert docs[row["doc_id"]][row["start"]:row["start"] + len(row["text"])] == row["text"]


def test_per_sentence_chars_records_are_offsets_into_the_sentence(exports, tmp_path):
    import citydiplo

    rows = {r["id"]: r for r in citydiplo.load("ner")["test"]}
    preds = [json.loads(line) for line in exports["tokens"].read_text(encoding="utf-8").splitlines()]
    records = spacy_style(preds, rows)  # the gold's outer entities, per sentence, in spaCy's labels
    assert records[0]["id"] == "000-lv-001" and records[0]["entities"][0]["start"] == 0
    path = tmp_path / "sentences.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    r = evaluate_json(path, "--label-map", "spacy", "--scheme", "coarse")
    assert r["input"]["format"] == "chars" and r["headline"]["entity_f1"]["f1"] == 1.0
    assert r["input"]["alignment"]["misaligned"] == 0
    bad = dict(records[1], entities=[{"start": 0, "end": 10_000, "type": "ORG"}])
    path.write_text(json.dumps(bad) + "\n", encoding="utf-8")
    res = run("evaluate", path, "--samples", 100)
    assert res.exit_code == 2 and "outside the sentence's" in res.output


def test_worked_example_spacy_style_file_scores_as_the_system_in_the_coarse_scheme(tmp_path, monkeypatch):
    """The README's worked example, on the gazetteer's predictions: written per sentence with
    spaCy's labels and scored with --label-map spacy --scheme coarse, it gives exactly the
    gazetteer's own figures in the coarse scheme; in the full scheme CITY is 0.0."""
    monkeypatch.chdir(tmp_path)
    assert run("predict", "gazetteer", "--out", "gazetteer.jsonl").exit_code == 0
    from spacy_style_example import main as make

    assert make(["gazetteer.jsonl", "--out", "spacy-style.jsonl"]) == 0
    first = json.loads(Path("spacy-style.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert set(first) == {"id", "entities"} and first["entities"][0]["type"] == "GPE"
    styled = evaluate("spacy-style.jsonl", samples=100, label_map="spacy", scheme="coarse")
    own = evaluate("gazetteer.jsonl", samples=100, scheme="coarse")
    assert styled.entity_block("outer") == own.entity_block("outer")
    assert styled.headline["entity_f1"] == own.headline["entity_f1"]
    full = evaluate("spacy-style.jsonl", samples=100, label_map="spacy")
    assert full.entity_block("outer")["per_type"]["CITY"]["f1"] == 0.0
    assert full.figure("entity_f1") < styled.figure("entity_f1")


def test_readme_quotes_the_worked_example():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("**Worked example.**", 1)[1].split("###", 1)[0]
    assert "--label-map spacy --scheme coarse" in section
    assert re.search(r"is 56\.9 \[49\.6, 64\.8\]", section) and "30.3 [24.4, 35.7]" in section


def test_languages_filter_the_documents_before_the_model_runs(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("seen_model.py").write_text(
        "import json\n"
        "def predict(documents):\n"
        "    open('seen.json', 'w').write(json.dumps([d.id for d in documents]))\n"
        "    return [{'id': f'{d.id}-{i:03d}'} for d in documents for i in range(1, len(d.meta.sentences) + 1)]\n",
        encoding="utf-8")
    r = evaluate_json("seen_model:predict", "--languages", "uk,lv", "--out", "part.json")
    assert json.loads(Path("seen.json").read_text()) == ["000-lv", "003-uk"]
    assert r["languages"] == {"evaluated": ["lv", "uk"], "of": ["lv", "ru", "fa", "uk", "vi"]}
    assert set(r["entities"]["outer"]["strict"]["per_language"]) == {"lv", "uk"}
    # a file covering the whole test set: its other documents are left out
    assert run("gold-predictions", "--out", "gold.jsonl").exit_code == 0
    part = evaluate_json("gold.jsonl", "--languages", "fa")
    assert part["sentences"] == sum(1 for line in Path("gold.jsonl").read_text().splitlines() if '"002-fa-' in line)
    assert part["headline"]["entity_f1"]["f1"] == 1.0
    res = run("evaluate", "gold.jsonl", "--languages", "fa,xx")
    assert res.exit_code == 2 and "xx: not a language of the benchmark" in res.output
    Path("results").mkdir()
    shutil.copy("part.json", "results/part.json")
    res = run("leaderboard", "results")
    assert res.exit_code == 2 and "not comparable with a full run (only lv,uk)" in res.output


def test_python_api_takes_label_map_and_scheme():
    import citydiplo

    gold = [{"id": "s1", "ner_tags": ["B-CITY", "O", "B-PER"], "language": "lv"}]
    preds = [{"id": "s1", "ner_tags": ["B-GPE", "O", "B-PERSON"]}]
    full = citydiplo.score(preds, gold=gold, label_map="spacy", samples=100)
    assert full.entity_block()["per_type"]["PER"]["f1"] == 1.0 and full.entity_block()["per_type"]["CITY"]["f1"] == 0.0
    coarse = citydiplo.score(preds, gold=gold, label_map="spacy", scheme="coarse", samples=100)
    assert coarse.figure("entity_f1") == 1.0 and coarse.scheme == "coarse" and coarse.label_map == "spacy"
    with pytest.raises(InputError, match="unknown scheme"):
        citydiplo.score(preds, gold=gold, scheme="fine")


def test_a_conll_trained_hf_model_s_labels_go_through_the_label_map(tmp_path):
    from citydiplo.corpus.benchmark import load_inventory
    from citydiplo.evaluation.hf_model import model_labels

    inv = load_inventory()
    id2label = {0: "O", 1: "B-PERSON", 2: "I-PERSON", 3: "B-LOC", 4: "I-LOC", 5: "B-CARDINAL", 6: "I-CARDINAL"}
    with pytest.raises(InputError, match="not IOB2 tags of the NER types"):
        model_labels(id2label, inv, tmp_path)
    assert model_labels(id2label, inv, tmp_path, load_label_map("spacy")) == ["O", "B-PER", "I-PER", "B-LOC", "I-LOC",
                                                                               "O", "O"]
    with pytest.raises(InputError, match="does not turn into the schema's"):
        model_labels({0: "O", 1: "B-WEIRD"}, inv, tmp_path, load_label_map("conll"))


def test_predict_writes_another_tagger_s_labels_as_the_schema_s(exports, tmp_path):
    renamed = _rename(exports["chars"], "chars", SPACY_LABEL, tmp_path / "spacy.jsonl")
    out = tmp_path / "tokens.jsonl"
    assert run("predict", renamed, "--out", out).exit_code == 2 and not out.exists()
    res = run("predict", renamed, "--label-map", "spacy", "--out", out)
    assert res.exit_code == 0, res.output
    tags = {t for line in out.read_text(encoding="utf-8").splitlines() for t in json.loads(line)["ner_tags"]}
    assert "B-PER" in tags and "B-GPE" in tags and "B-CITY" not in tags and not any("PERSON" in t for t in tags)


def test_committed_coarse_results_reproduce_and_sit_in_their_own_table():
    from citydiplo.scoring.report import leaderboard_table as table
    from citydiplo.scoring.results_files import read_results

    committed = read_results(REPO / "results")
    (stored,) = [r for r in committed if r.model == "gazetteer" and r.scheme == "coarse"]
    fresh = evaluate("gazetteer", samples=10, scheme="coarse")
    assert {k: fresh.figure(k) for k in stored.headline} == pytest.approx({k: stored.figure(k) for k in stored.headline})
    assert set(stored.entity_block()["per_type"]) == {"PER", "ORG", "LOC", "DATE", "MISC"}
    coarse_table = table(committed, "coarse")
    assert coarse_table.count("\n| ") == len([r for r in committed if r.scheme == "coarse"]) + 1
    page = (REPO / "benchmark" / "LEADERBOARD.md").read_text(encoding="utf-8")
    assert "## Coarse scheme" in page and coarse_table.strip() in page


def test_one_language_filter_on_the_benchmark(gold):
    from citydiplo.evaluation.evaluate import evaluate as run_evaluate

    part = gold.only(["uk", "lv", "uk"])
    assert part.languages == ["lv", "uk"] and part.full is gold and gold.full is None
    assert {r.doc_id for r in part.records.values()} == {"000-lv", "003-uk"}
    assert part.document_records("003-uk") == gold.document_records("003-uk")
    again = part.only(["fa"])  # chosen from the whole test set again, not from the part
    assert again.languages == ["fa"] and again.full is gold
    assert gold.only(None) is gold
    for wrong in (["xx"], []):
        with pytest.raises(InputError, match="not a language of the benchmark"):
            gold.only(wrong)
    r = run_evaluate("gazetteer", samples=100, languages=["vi"])
    assert r.sentences == len(gold.only(["vi"]).records) and set(r.languages) == {"vi"}


def test_compare_on_some_languages_pairs_their_sentences_only():
    res = run("compare", "gazetteer", "toolkit", "--languages", "ru", "--samples", 100, "--format", "json")
    assert res.exit_code == 0, res.output
    ru = json.loads(res.output)["tests"]["entity_f1"]
    whole = json.loads(run("compare", "gazetteer", "toolkit", "--samples", 100, "--format", "json").output)
    assert ru["f1_a"] == evaluate("gazetteer", samples=100, languages=["ru"]).figure("entity_f1")
    assert ru["f1_a"] != whole["tests"]["entity_f1"]["f1_a"]
