"""What keeps the common paths quick: `bench evaluate FILE` imports no scikit-learn (seqeval's
metrics module would pull it in; the scorer reads entities itself). SciPy is imported for one
thing only: the optimal assignment of predicted to gold event records (``linear_sum_assignment``),
now that the gold has records."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from citydiplo.corpus.benchmark import load_benchmark
from citydiplo.formats.records import record_to_prediction_json

HEAVY = ("sklearn", "seqeval.metrics", "datasets", "pandas", "torch")

PROBE = """
import sys
from citydiplo.cli import main
try:
    main(["evaluate", sys.argv[1], "--samples", "100"])
except SystemExit as exc:
    code = exc.code
print("EXIT", code)
print("HEAVY", sorted(m for m in sys.modules if m.startswith(%r)))
""" % (HEAVY,)


def test_bench_evaluate_file_imports_no_sklearn(tmp_path: Path):
    gold = load_benchmark()
    path = tmp_path / "gold.jsonl"
    path.write_text("".join(json.dumps(record_to_prediction_json(r), ensure_ascii=False) + "\n"
                            for r in gold.records.values()), encoding="utf-8")
    out = subprocess.run([sys.executable, "-c", PROBE, str(path)], capture_output=True, text=True, timeout=120)
    assert "EXIT 0" in out.stdout, out.stdout + out.stderr
    assert "entity_f1" in out.stdout
    assert "HEAVY []" in out.stdout, out.stdout.splitlines()[-1]
    assert "record_f1" in out.stdout  # the records were scored: that is what SciPy is for


def test_crf_features_are_computed_once_per_sentence_across_folds(monkeypatch):
    from citydiplo_baselines import crf
    from citydiplo.formats.records import sentence_records

    gold = load_benchmark()
    calls = []

    def counting(rec):
        calls.append(rec.id)
        return crf.surface(rec)

    featurize = crf.memoised(counting)
    docs = gold.documents
    for fold_test in docs:  # every fold reads the training documents' sentences again
        for d in docs:
            if d.id != fold_test.id:
                for rec in sentence_records(d):
                    assert featurize(rec) == crf.surface(rec)
    for d in docs:  # the held-out document, blind: same sentences, same features
        for rec in sentence_records(d.without_gold()):
            featurize(rec)
    assert sorted(calls) == sorted(gold.records)
    rec = next(iter(gold.records.values()))
    blind = next(r for d in docs for r in sentence_records(d.without_gold()) if r.id == rec.id)
    assert crf.surface(rec) is crf.surface(blind)  # the plain crf's features: once per token sequence
