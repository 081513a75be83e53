"""Counts that describe a release, computed from the data, and their Markdown tables.

The dataset card and DATASHEET.md both show these tables; neither is ever typed by hand.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from citydiplo.formats.model import Document
from citydiplo.formats.records import SentenceRecord
from citydiplo.formats.inventory import Inventory
from citydiplo.scoring.report import markdown_table


@dataclass
class Stats:
    """What a release holds; every count is over the released (annotated) documents."""

    languages: list[str]
    corpus_documents: list[str]
    released_documents: list[str]
    documents: Counter = field(default_factory=Counter)  # language -> n
    sentences: Counter = field(default_factory=Counter)
    tokens: Counter = field(default_factory=Counter)
    mentions: Counter = field(default_factory=Counter)  # (language, type, level) -> n
    normalised: Counter = field(default_factory=Counter)  # (language, db) -> n
    events: Counter = field(default_factory=Counter)  # (language, type) -> n
    realis: Counter = field(default_factory=Counter)  # realis -> n
    arguments: Counter = field(default_factory=Counter)  # language -> n
    relations: Counter = field(default_factory=Counter)  # (language, status) -> n
    event_records: Counter = field(default_factory=Counter)  # language -> n (document-level records)
    parallel_sentences: Counter = field(default_factory=Counter)
    """Sentences of every version with gold (the ``parallel`` config), by language; empty
    when the release has no translation."""

    @property
    def rows(self) -> dict[str, int]:
        """Rows per config: sentences for ner and events, documents for documents, one row
        per mention, event, argument and relation in the flat tables, and one per sentence of
        every version in ``parallel`` (when the release has translations)."""
        n_sent, n_docs = sum(self.sentences.values()), sum(self.documents.values())
        rows = {"ner": n_sent, "events": n_sent, "documents": n_docs, "entities": sum(self.mentions.values()),
                "event_mentions": sum(self.events.values()), "arguments": sum(self.arguments.values()),
                "relations": sum(self.relations.values())}
        if self.event_records:  # the records config exists once some document has records
            rows["records"] = sum(self.event_records.values())
        if self.parallel_sentences:  # the parallel config exists once the release has translations
            rows["parallel"] = sum(self.parallel_sentences.values())
        return rows


def compute_stats(corpus_ids: list[str], released: list[Document],
                  records: dict[str, list[SentenceRecord]]) -> Stats:
    """Counts over the released documents; ``records`` maps doc id to its sentence records."""
    languages = list(dict.fromkeys(d.language for d in released))
    st = Stats(languages, list(corpus_ids), [d.id for d in released])
    for doc in released:
        lang = doc.language
        st.documents[lang] += 1
        st.sentences[lang] += len(records[doc.id])
        st.tokens[lang] += sum(len(r.tokens) for r in records[doc.id])
        for e in doc.entities:
            st.mentions[(lang, e.type, e.level)] += 1
            if e.norm_db:
                st.normalised[(lang, e.norm_db)] += 1
        if doc.event_records:
            st.event_records[lang] += len(doc.event_records)
        for ev in doc.events:
            st.events[(lang, ev.type)] += 1
            st.realis[ev.realis or "(none)"] += 1
            st.arguments[lang] += len(ev.arguments)
        for rel in doc.relations:
            st.relations[(lang, rel.status or "(none)")] += 1
    return st


# --------------------------------------------------------------------------- Markdown


def _with_total(rows: list[list[object]], label: str = "**all**") -> list[list[object]]:
    if not rows:
        return rows
    total: list[object] = [label]
    for i in range(1, len(rows[0])):
        total.append(sum(int(r[i]) for r in rows))  # type: ignore[call-overload]
    return rows + [total]


def stats_markdown(st: Stats, inventory: Inventory) -> str:
    """The statistics section shared by the dataset card and the datasheet."""
    missing = [d for d in st.corpus_documents if d not in st.released_documents]
    out = [
        f"Corpus documents: {len(st.corpus_documents)}; annotated and released: {len(st.released_documents)}"
        + (f" (not yet annotated, left out: {', '.join(missing)})." if missing else "."),
    ]
    if not st.released_documents:
        return "\n".join(out + ["", "Nothing is released until a document has gold annotations."])
    out += [
        "",
        "**Size per language**",
        "",
    ]
    size_rows = []
    for lang in st.languages:
        outer = sum(n for (lg, _, lvl), n in st.mentions.items() if lg == lang and lvl == 1)
        inner = sum(n for (lg, _, lvl), n in st.mentions.items() if lg == lang and lvl != 1)
        events = sum(n for (lg, _), n in st.events.items() if lg == lang)
        relations = sum(n for (lg, _), n in st.relations.items() if lg == lang)
        size_rows.append([lang, st.documents[lang], st.sentences[lang], st.tokens[lang], outer, inner,
                          events, st.arguments[lang], relations])
    out.append(markdown_table(
        ["language", "documents", "sentences", "tokens", "mentions (outer)", "mentions (inner)",
         "events", "arguments", "relations"],
        _with_total(size_rows),
    ))
    out += ["", "**Entity mentions per language and type** (both levels; inner level in brackets)", ""]
    mention_rows = []
    for lang in st.languages:
        row: list[object] = [lang]
        for t in inventory.ner_types:
            both = st.mentions[(lang, t, 1)] + st.mentions[(lang, t, 2)]
            row.append(f"{both} ({st.mentions[(lang, t, 2)]})" if st.mentions[(lang, t, 2)] else both)
        mention_rows.append(row)
    totals: list[object] = ["**all**"]
    for t in inventory.ner_types:
        both = sum(n for (_, tt, _), n in st.mentions.items() if tt == t)
        inner = sum(n for (_, tt, lvl), n in st.mentions.items() if tt == t and lvl != 1)
        totals.append(f"{both} ({inner})" if inner else both)
    out.append(markdown_table(["language", *inventory.ner_types], mention_rows + ([totals] if mention_rows else [])))
    norm_dbs = sorted({db for _, db in st.normalised})
    if norm_dbs:
        out += ["", "Normalised mentions: " + ", ".join(
            f"{db} {sum(n for (_, d), n in st.normalised.items() if d == db)}" for db in norm_dbs) + "."]
    out += ["", "**Event mentions per language and type**", ""]
    event_rows = [[lang, *(st.events[(lang, t)] for t in inventory.event_types)] for lang in st.languages]
    out.append(markdown_table(["language", *inventory.event_types], _with_total(event_rows)))
    if not st.events:
        out += ["", "This release has no event annotation yet: the `events` config has empty event lists."]
    else:
        out += ["", "Realis: " + ", ".join(f"{k} {v}" for k, v in sorted(st.realis.items())) + "."]
    if st.relations:
        statuses = sorted({s for _, s in st.relations})
        out += ["", "PARTNER_OF relations by status: " + ", ".join(
            f"{s} {sum(n for (_, ss), n in st.relations.items() if ss == s)}" for s in statuses) + "."]
    out += [
        "",
        "**Rows per config** (all in the `test` split)",
        "",
        markdown_table(["config", "rows"], [[c, n] for c, n in st.rows.items()]),
    ]
    return "\n".join(out)
