"""How far the gazetteer's trigger lexicon overlaps the words that GUIDELINES.md quotes
in its event part, and the gazetteer run without those entries.

The lexicon (``lexicon.TRIGGERS``) was written from general knowledge of the languages,
but by someone who had read the annotation guidelines, whose examples are quoted from the
corpus. Removing every entry that matches a word of the guidelines' Part 2 gives a
lower bound for a lexicon written blind (it also removes everyday words such as
"визит" or "thăm" that any lexicon would hold); the full lexicon's score is the upper
bound. ``python -m citydiplo_baselines.overlap`` lists the overlapping entries;
``bench evaluate citydiplo_baselines.overlap:gazetteer_without_guideline_words`` scores the ablation.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable, Iterator

from citydiplo.corpus.project import project_root
from citydiplo.formats.model import Document
from citydiplo.formats.tokens import tokenize

from citydiplo_baselines.gazetteer import predict
from citydiplo_baselines.lexicon import TRIGGERS
from citydiplo_baselines.matcher import compile_pattern, match_patterns
from citydiplo_baselines.text import norm

PART_2 = "## Part 2"


def guideline_keys(root: Path | None = None) -> list[str]:
    """The normalised tokens of the guidelines' event part."""
    text = ((root or project_root()) / "annotations" / "GUIDELINES.md").read_text(encoding="utf-8")
    return [norm(t.text) for t in tokenize(text[text.find(PART_2):])]


def overlapping(root: Path | None = None) -> dict[str, dict[str, tuple[str, ...]]]:
    """The lexicon entries that match some word (sequence) of the guidelines' event part."""
    keys = guideline_keys(root)
    out: dict[str, dict[str, tuple[str, ...]]] = {}
    for lang, table in TRIGGERS.items():
        for etype, patterns in table.items():
            hits = tuple(p for p in patterns if any(True for _ in match_patterns(keys, [compile_pattern(p, etype, norm)])))
            if hits:
                out.setdefault(lang, {})[etype] = hits
    return out


def without_guideline_words(root: Path | None = None) -> dict[str, dict[str, tuple[str, ...]]]:
    drop = overlapping(root)
    return {lang: {etype: tuple(p for p in ps if p not in drop.get(lang, {}).get(etype, ())) for etype, ps in table.items()}
            for lang, table in TRIGGERS.items()}


def gazetteer_without_guideline_words(documents: Iterable[Document]) -> Iterator[dict]:
    """The gazetteer with the overlapping trigger entries removed (an ablation)."""
    return predict(documents, without_guideline_words())


def main() -> None:
    drop = overlapping()
    total = sum(len(ps) for table in TRIGGERS.values() for ps in table.values())
    n = sum(len(ps) for table in drop.values() for ps in table.values())
    print(f"{n} of {total} trigger lexicon entries match a word of GUIDELINES.md Part 2:")
    for lang, table in drop.items():
        for etype, patterns in table.items():
            print(f"{lang}\t{etype}\t{' | '.join(patterns)}")


if __name__ == "__main__":
    main()
