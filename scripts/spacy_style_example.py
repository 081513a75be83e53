"""Write the README's worked example: a system's entities as a spaCy pipeline reports them.

A spaCy user loops over the `ner` config's sentences and writes, per sentence, the
character offsets of ``doc.ents`` into the sentence's ``text`` with spaCy's labels::

    for row in citydiplo.load("ner")["test"]:
        doc = nlp(row["text"])
        print(json.dumps({"id": row["id"], "entities": [
            {"start": e.start_char, "end": e.end_char, "type": e.label_} for e in doc.ents]}))

No spaCy model is downloaded here (the tests run offline), so this script makes such a
file from a real system's output instead: the outer-level entities of the predictions
given (e.g. ``bench predict gazetteer --out gazetteer.jsonl``), relabelled the way a
spaCy OntoNotes model labels such names (a city or country is a ``GPE``, a person a
``PERSON``, a nationality or other name a ``NORP``) and written in that per-sentence
format. Scored with ``--label-map spacy --scheme coarse`` it must give exactly the
figures of the original predictions in the coarse scheme (tests/test_labels.py checks it)::

    python scripts/spacy_style_example.py gazetteer.jsonl --out spacy-style.jsonl
    bench evaluate spacy-style.jsonl --label-map spacy --scheme coarse
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

SPACY_LABEL = {"CITY": "GPE", "GPE": "GPE", "LOC": "LOC", "PER": "PERSON", "ORG": "ORG", "DATE": "DATE",
               "MISC": "NORP"}
"""CityDiplo type -> the OntoNotes label a spaCy English pipeline gives such a name."""


def spacy_style(predictions: list[dict], rows: dict[str, dict]) -> list[dict]:
    """Per-sentence chars records (``id``, offsets into the sentence) with spaCy labels, from
    tokens-format predictions and the ``ner`` rows (``text``, ``token_starts``, ``token_ends``)."""
    out = []
    for pred in predictions:
        row = rows[pred["id"]]
        entities, start = [], None
        tags = pred.get("ner_tags") or ["O"] * len(row["token_starts"])
        for i, tag in enumerate([*tags, "O"]):
            if start is not None and not tag.startswith("I-"):
                entities.append({"start": row["token_starts"][start], "end": row["token_ends"][i - 1],
                                 "type": SPACY_LABEL[tags[start][2:]]})
                start = None
            if tag.startswith("B-"):
                start = i
        out.append({"id": pred["id"], "entities": entities})
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("predictions", help="tokens-format predictions (bench predict MODEL --out FILE)")
    parser.add_argument("--out", required=True, help="the spaCy-style chars file to write")
    parser.add_argument("--root", default=None, help="the project (default: as bench finds it)")
    args = parser.parse_args(argv)
    import citydiplo

    rows = {row["id"]: row for row in citydiplo.load("ner", root=args.root)["test"]}
    preds = [json.loads(line) for line in Path(args.predictions).read_text(encoding="utf-8").splitlines() if line.strip()]
    records = spacy_style(preds, rows)
    Path(args.out).write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    print(f"{args.out}: {len(records)} sentence(s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
