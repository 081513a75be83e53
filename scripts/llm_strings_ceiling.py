"""What the ``strings`` rule costs a perfect LLM: every unit answered with its own gold,
as surface strings without occurrence hints, through the whole ``llm:`` harness (prompt,
parser, resolver, snapping, scorer); only the HTTP client is replaced. Prints the span
track (through the resolution rule) and the string track (the answers as written).

    python scripts/llm_strings_ceiling.py
"""

from __future__ import annotations

import json

from citydiplo.evaluation.provenance import with_provenance
from citydiplo.corpus.benchmark import load_benchmark
from citydiplo.evaluation.llm.client import Completion
from citydiplo.evaluation.llm.prompt import gold_answer, units
from citydiplo.evaluation.llm.run import LLMOptions, run_llm
from citydiplo.scoring.scorer import score


class GoldClient:
    """Answers each unit with its gold (the unit is found by its text in the last message)."""

    def __init__(self, gold, granularity: str) -> None:
        docs = {d.id: d for d in gold.documents}
        self.answers = {u.text.strip(): json.dumps(gold_answer(docs[u.doc_id], u.start, u.start + len(u.text)),
                                                   ensure_ascii=False)
                        for u in units(gold.documents, granularity)}
        self.json_mode_refused = False

    def complete(self, messages, params):
        text = messages[-1]["content"].split("\n", 1)[1].strip()
        return Completion(self.answers[text], "stop", 0, 0, "gold")


def main() -> None:
    gold = load_benchmark()
    for granularity in ("document", "sentence"):
        opts = LLMOptions(base_url="http://127.0.0.1:1/v1", granularity=granularity, cache=False)
        run = run_llm("llm:gold", gold, opts, lambda: GoldClient(gold, granularity))
        block = run.block
        scorer = score(run.records, run.predictions, string_answers=run.report.answers)  # the answers as written
        results = with_provenance(scorer.results(100), "gold as strings", gold)
        figures = ", ".join(f"{k} {100 * results.figure(k):.1f}" for k in results.headline)
        track = results.extra["string_track"]
        strings = ", ".join(f"{layer} {100 * track[layer]['f1']:.1f}" for layer in track["layers_in_scope"])
        print(f"{granularity}: span track {figures}; inner entity F1 {100 * results.figure('entity_f1', level='inner'):.1f}; "
              f"string track string_f1 {100 * results.figure('string_f1'):.1f} ({strings}); "
              f"ambiguous strings {block['failures']['all']['ambiguous_strings']}, "
              f"unresolved {block['failures']['all']['unresolved_strings']}")


if __name__ == "__main__":
    main()
