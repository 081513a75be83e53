"""The versioned prompt: what is sent to an LLM for one document (or one sentence).

The prompt templates are package data (``prompts/<version>/system.md`` and ``user.md``,
``string.Template`` placeholders). What fills them comes from the benchmark, never retyped:
the entity types, event types, roles, allowed fillers, realis values, PARTNER_OF and its
statuses from the schema (``annotation.conf``), and their one-line glosses from the
headings of the guidelines (the text before any quoted example, so that no corpus text
reaches the prompt through them).

Few-shot examples are the gold of *other* documents only (leave-one-document-out), in
the ``strings`` format the model is asked to answer in, chosen deterministically: the
documents that follow the evaluated one in corpus order, wrapping round.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from string import Template
from typing import Sequence

from citydiplo.corpus.benchmark import Benchmark
from citydiplo.errors import InputError
from citydiplo.formats.inventory import Inventory
from citydiplo.formats.model import Document, article_of, sentence_id

from citydiplo.evaluation.llm.options import DEFAULT_PROMPT_VERSION, GRANULARITIES  # noqa: F401 (re-exported)


def task_version(version: str, task: str = "e2e") -> str:
    """The prompt directory of ``version`` for ``task``: ``v1`` is end to end, ``v1-ner``,
    ``v1-ed`` and ``v1-eae`` the other tasks (each versioned on its own)."""
    return version if task == "e2e" else f"{version}-{task}"


def task_answer(answer: dict, task: str = "e2e") -> dict:
    """A gold answer (``gold_answer``) cut to what ``task`` asks for: a few-shot example."""
    if task == "ner":
        return {"entities": answer["entities"]}
    if task == "ed":
        return {"events": [{k: ev[k] for k in ("type", "trigger", "realis")} for ev in answer["events"]]}
    if task == "eae":
        return {"events": answer["events"]}
    return answer


def prompt_versions() -> list[str]:
    """The prompt versions shipped with the package (``v1``, ...)."""
    base = resources.files("citydiplo.evaluation.llm") / "prompts"
    return sorted(p.name for p in base.iterdir() if p.is_dir() and (p / "system.md").is_file())


@dataclass(frozen=True)
class PromptTemplate:
    version: str
    system: Template
    user: Template


@lru_cache(maxsize=None)
def load_prompt(version: str = DEFAULT_PROMPT_VERSION) -> PromptTemplate:
    """The templates of one prompt version (``InputError`` for an unknown one)."""
    known = prompt_versions()
    if version not in known:
        raise InputError("--prompt-version", 0, f"no prompt {version!r} (known: {', '.join(known)})")
    base = resources.files("citydiplo.evaluation.llm") / "prompts" / version
    return PromptTemplate(version, Template((base / "system.md").read_text(encoding="utf-8")),
                          Template((base / "user.md").read_text(encoding="utf-8")))


# --------------------------------------------------------------------------- the inventory

_HEADING = re.compile(r"^#### ([A-Z]+) — (.+)$", re.M)
_EVENT = re.compile(r"^\*\*([A-Z]+)\*\* — (.+?\.)(?:\s|$)", re.M | re.S)
_VALUE = re.compile(r"^- \*\*([A-Z]+)\*\*: ([^(\n]+)", re.M)


def glosses(guidelines: str) -> dict[str, str]:
    """One-line glosses of the labels, read from the guidelines: entity types from their
    ``#### TYPE — gloss`` headings, event types from ``**TYPE** — gloss.``, realis and
    status values from ``- **VALUE**: gloss (`` (cut before the first example)."""
    out = {m.group(1): m.group(2).strip() for m in _HEADING.finditer(guidelines)}
    out.update({m.group(1): " ".join(m.group(2).split()) for m in _EVENT.finditer(guidelines)})
    for m in _VALUE.finditer(guidelines):
        out.setdefault(m.group(1), m.group(2).strip().rstrip(":;,"))
    return out


def _gloss(label: str, g: dict[str, str]) -> str:
    return f"{label}: {g[label]}" if label in g else label


def inventory_blocks(inventory: Inventory, g: dict[str, str]) -> dict[str, str]:
    """The template's inventory placeholders, rendered from the schema's inventory."""
    events = []
    for etype, roles in inventory.event_roles.items():
        role_text = "; ".join(f"{r} ({' | '.join(inventory.fillers[(etype, r)])})" for r in roles)
        events.append(f"- {_gloss(etype, g)}\n  Roles: {role_text}")
    realis, statuses = inventory.realis, inventory.statuses
    relations = []
    for rtype, (arg1, arg2) in inventory.relation_args.items():
        status = " or ".join(f"{s} ({g[s]})" if s in g else s for s in statuses)
        relations.append(f"- {rtype} between arg1 ({' | '.join(arg1)}) and arg2 ({' | '.join(arg2)}); "
                         f"status one of: {status}")
    return {
        "entity_types": "\n".join(f"- {_gloss(t, g)}" for t in inventory.ner_types),
        "event_types": "\n".join(events),
        "realis": "\n".join(f"- {_gloss(v, g)}" for v in realis),
        "relations": "\n".join(relations),
    }


# --------------------------------------------------------------------------- units


@dataclass(frozen=True)
class Unit:
    """What one request is about: a document or one of its sentences."""

    id: str
    doc_id: str
    language: str
    text: str
    start: int  # where ``text`` starts in the document
    sentence_ids: tuple[str, ...]  # the gold sentence records the unit covers


def units(documents: Sequence[Document], granularity: str) -> list[Unit]:
    """The units of a run, in corpus order."""
    if granularity not in GRANULARITIES:
        raise InputError("--granularity", 0, f"{granularity!r} is not one of {', '.join(GRANULARITIES)}")
    out = []
    for doc in documents:
        sids = tuple(sentence_id(doc.id, i) for i in range(1, len(doc.meta.sentences) + 1))
        if granularity == "document":
            out.append(Unit(doc.id, doc.id, doc.language, doc.text, 0, sids))
            continue
        for sid, s in zip(sids, doc.meta.sentences):
            out.append(Unit(sid, doc.id, doc.language, doc.text[s.start:s.end], s.start, (sid,)))
    return out


def gold_answer(doc: Document, start: int = 0, end: int | None = None) -> dict:
    """The gold of ``doc`` inside ``[start, end)`` as the answer the model is asked for
    (surface strings, reading order): the content of a few-shot example."""
    end = len(doc.text) if end is None else end
    inside = lambda s, e: start <= s and e <= end  # noqa: E731
    ents = sorted((e for e in doc.entities if inside(e.start, e.end)), key=lambda e: (e.start, -e.end))
    entities = [{"text": e.text, "type": e.type, **({"level": 2} if e.level == 2 else {})} for e in ents]
    events = [{"type": ev.type, "trigger": ev.trigger, "realis": ev.realis,
               "arguments": [{"role": a.role, "text": a.text} for a in ev.arguments]}
              for ev in sorted(doc.events, key=lambda ev: ev.start) if inside(ev.start, ev.end)]
    spans = {e.id: e for e in doc.entities}
    relations = []
    for rel in doc.relations:
        a1, a2 = spans.get(rel.arg1), spans.get(rel.arg2)
        if a1 is not None and a2 is not None and inside(a1.start, a1.end) and inside(a2.start, a2.end):
            relations.append({"arg1": a1.text, "arg2": a2.text, "status": rel.status})
    return {"entities": entities, "events": events, "relations": relations}


def _weight(doc: Document, s) -> int:
    """How much gold a sentence holds (to pick informative sentence shots)."""
    return (sum(s.start <= e.start < s.end for e in doc.entities)
            + 2 * sum(s.start <= e.start < s.end for e in doc.events))


def choose_shots(documents: Sequence[Document], target: str, k: int, granularity: str) -> list[tuple[Unit, dict]]:
    """``k`` examples with their gold answers, from documents of articles other than
    ``target``'s only (no version of the target's article, on the parallel track):
    the documents after it in corpus order (wrapping round); at sentence granularity,
    each document's sentences richest in gold first, taken round-robin."""
    if k < 0:
        raise InputError("--shots", 0, "the number of shots cannot be negative")
    if k == 0:
        return []
    ids = [d.id for d in documents]
    at = ids.index(target) if target in ids else -1
    others = [documents[(at + 1 + i) % len(documents)] for i in range(len(documents))]
    others = [d for d in others if article_of(d.id) != article_of(target)]  # no version of the target's article
    if granularity == "document":
        if k > len(others):
            raise InputError("--shots", 0, f"{k} document shots asked for, but only {len(others)} other "
                                           "document(s) have gold (leave-one-document-out)")
        return [(units([d], "document")[0], gold_answer(d)) for d in others[:k]]
    ranked = []
    for d in others:
        order = sorted(range(len(d.meta.sentences)), key=lambda i: (-_weight(d, d.meta.sentences[i]), i))
        ranked.append((d, order))
    picks: list[tuple[Unit, dict]] = []
    depth = 0
    while len(picks) < k and any(depth < len(o) for _, o in ranked):
        for d, order in ranked:
            if depth < len(order) and len(picks) < k:
                i = order[depth]
                s = d.meta.sentences[i]
                unit = Unit(sentence_id(d.id, i + 1), d.id, d.language, d.text[s.start:s.end], s.start,
                            (sentence_id(d.id, i + 1),))
                picks.append((unit, gold_answer(d, s.start, s.end)))
        depth += 1
    if len(picks) < k:
        raise InputError("--shots", 0, f"{k} sentence shots asked for, but the other documents have {len(picks)}")
    return picks


# --------------------------------------------------------------------------- messages


def language_name(code: str) -> str:
    import pycountry

    lang = pycountry.languages.get(alpha_2=code)
    return lang.name if lang is not None else code


def answer_json(answer: dict) -> str:
    return json.dumps(answer, ensure_ascii=False)


@dataclass(frozen=True)
class PromptBuilder:
    """Builds the chat messages of any unit for one prompt version, label inventory and gold set."""

    template: PromptTemplate
    inventory: Inventory
    guidelines: str
    documents: tuple[Document, ...]  # the gold documents shots are drawn from
    task: str = "e2e"

    @property
    def version(self) -> str:
        return self.template.version

    def system(self) -> str:
        names = [language_name(c) for c in dict.fromkeys(d.language for d in self.documents)]
        languages = ", ".join(names[:-1]) + (" or " if len(names) > 1 else "") + names[-1] if names else "any language"
        blocks = inventory_blocks(self.inventory, glosses(self.guidelines))
        return self.template.system.substitute(blocks, languages=languages).strip()

    def given_triggers(self, unit: Unit) -> list[dict]:
        """``eae``: the gold triggers (type and text, reading order) of the unit, as given."""
        doc = next(d for d in self.documents if d.id == unit.doc_id)
        end = unit.start + len(unit.text)
        return [{"type": ev.type, "trigger": ev.trigger}
                for ev in sorted(doc.events, key=lambda ev: ev.start) if unit.start <= ev.start and ev.end <= end]

    def user(self, unit: Unit) -> str:
        triggers = json.dumps(self.given_triggers(unit), ensure_ascii=False) if self.task == "eae" else ""
        return self.template.user.substitute(language=language_name(unit.language), text=unit.text,
                                             triggers=triggers).strip()

    def messages(self, unit: Unit, shots: int = 0, granularity: str = "document") -> list[dict]:
        """system, then (user, assistant) per shot, then the unit itself."""
        out = [{"role": "system", "content": self.system()}]
        for shot, answer in choose_shots(self.documents, unit.doc_id, shots, granularity):
            out.append({"role": "user", "content": self.user(shot)})
            out.append({"role": "assistant", "content": answer_json(task_answer(answer, self.task))})
        out.append({"role": "user", "content": self.user(unit)})
        return out


def prompt_builder(bench: Benchmark, version: str = DEFAULT_PROMPT_VERSION, task: str = "e2e") -> PromptBuilder:
    """The builder for a benchmark: its inventory, its guidelines (glosses) and its gold
    documents, with the prompt of ``version`` for ``task`` (``task_version``)."""
    guidelines = bench.root / "annotations" / "GUIDELINES.md"
    text = guidelines.read_text(encoding="utf-8") if guidelines.exists() else ""
    return PromptBuilder(load_prompt(task_version(version, task)), bench.inventory, text, tuple(bench.documents), task)


def prompt_messages(root: Path, unit_id: str, shots: int = 0, version: str = DEFAULT_PROMPT_VERSION,
                    task: str = "e2e") -> list[dict]:
    """The messages sent for one document (its id) or one sentence (``<doc_id>-<nnn>``):
    what ``bench prompt`` prints."""
    from citydiplo.corpus.benchmark import load_benchmark

    bench = load_benchmark(root)
    documents = bench.documents
    builder = prompt_builder(bench, version, task)
    for granularity in GRANULARITIES:
        for unit in units(documents, granularity):
            if unit.id == unit_id:
                return builder.messages(unit, shots, granularity)
    known = ", ".join(d.id for d in documents)
    raise InputError(unit_id, 0, f"not a document with gold ({known}) or one of their sentence ids (<doc_id>-<nnn>)")
