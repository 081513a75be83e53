"""Every table the package prints or writes, rendered from figures (pure string builders).

Terminal and Markdown tables (``text_table``, ``markdown_table``, ``pct``), the report of one
``Results`` (``render_results``, which ``Results.render`` and ``bench evaluate`` print, with
the secondary blocks), the leaderboard (``leaderboard_table``, ``leaderboard_page``), and the
``bench agreement`` and ``bench compare`` reports. Nothing here reads or scores anything.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Sequence

from citydiplo.scoring.entities import MODES
from citydiplo.scoring.events import METRICS as EVENT_METRICS
from citydiplo.scoring.tasks import HEADLINES as TASK_HEADLINES

if TYPE_CHECKING:  # annotations only: results.py imports this module
    from citydiplo.scoring.results import Results


# --------------------------------------------------------------------------- tables

def _numeric(cell: object) -> bool:
    return isinstance(cell, int) or (isinstance(cell, str) and cell[:1].isdigit())


def markdown_table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A GitHub-flavoured Markdown table; count columns right-aligned."""
    align = ["---:" if rows and all(_numeric(r[i]) for r in rows) else "---"
             for i in range(len(header))]
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join(align) + " |"]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def text_table(headers: Sequence[str], rows: Sequence[Sequence[object]], markdown: bool = False) -> str:
    """A table for the terminal (columns padded) or, with ``markdown``, for Markdown."""
    if markdown:
        return markdown_table(headers, rows)
    widths = [max(len(str(x)) for x in col) for col in zip(headers, *rows)]
    fmt = "  ".join(f"{{:<{w}}}" for w in widths)
    return "\n".join([fmt.format(*headers), fmt.format(*("-" * w for w in widths))]
                     + [fmt.format(*(str(c) for c in r)) for r in rows])


def pct(x: float) -> str:
    """A share as a percentage with one decimal (0.374 -> "37.4")."""
    return f"{100 * x:.1f}"


# --------------------------------------------------------------------------- one system's results

def _prf_row(name: str, c: dict) -> list[object]:
    return [name, pct(c["precision"]), pct(c["recall"]), pct(c["f1"]), str(c["gold"]), str(c["pred"])]


def render_results(r: "Results", markdown: bool = False) -> str:
    """Headline, entity and event tables of a ``Results`` (the layers of its task only)."""
    parts = []
    if r.model is not None:
        track = f"  track: {r.track}" if r.track != "default" else ""
        parts.append(f"model: {r.model}  task: {r.task}{track}  data: {r.dataset.name} {r.dataset.version} "
                     f"({r.dataset.content_hash[:12]})  sentences: {r.sentences}  tokens: {r.tokens}")
    else:
        parts.append(f"sentences: {r.sentences}  tokens: {r.tokens}")
    parts.append(text_table(["headline", "F1 [95% CI]", "what"],
                            [[k, str(h), h.description] for k, h in r.headline.items()], markdown))
    if r.task in ("ner", "e2e"):  # the layers a task leaves out have nothing to show
        rows = []
        for level in ("outer", "inner"):
            for mode in MODES:
                b = r.entity_block(level, mode)
                rows.append([level, mode, pct(b["micro"]["precision"]), pct(b["micro"]["recall"]),
                             pct(b["micro"]["f1"]), pct(b["macro"]["f1"])])
        parts.append(text_table(["level", "mode", "P", "R", "micro F1", "macro F1"], rows, markdown))
        strict = r.entity_block("outer", "strict")
        parts.append(text_table(["type (outer, strict)", "P", "R", "F1", "gold", "pred"],
                                [_prf_row(t, c) for t, c in strict["per_type"].items()], markdown))
        parts.append(text_table(["language (outer, strict)", "P", "R", "micro F1", "macro F1"],
                                [[lang, pct(b["micro"]["precision"]), pct(b["micro"]["recall"]), pct(b["micro"]["f1"]),
                                  pct(b["macro"]["f1"])] for lang, b in strict["per_language"].items()], markdown))
    if r.task not in ("ner", "records"):
        parts.append(text_table(["event metric", "P", "R", "F1", "gold", "pred"],
                                [_prf_row(n, r.event_block(n)) for n in EVENT_METRICS], markdown))
        realis = r.events["realis_accuracy"]
        parts.append(f"realis accuracy on matched triggers: {pct(realis['accuracy'])} (n={realis['matched_triggers']})")
        macro: list[list[object]] = [
            [n, pct(b["macro"]["precision"]), pct(b["macro"]["recall"]), pct(b["macro"]["f1"]),
             str(b["macro"]["documents"])]
            for n in ("trigger_realis", "trigger_classification_realis") if "macro" in (b := r.event_block(n))]
        if macro:
            parts.append(text_table(["realis (EvmEval macro: mean over documents)", "P", "R", "F1", "documents"],
                                    macro, markdown))
    parts.extend(render_secondary(r.extra, markdown))
    parts.extend(render_records(r.extra.get("records"), markdown))
    if "parallel" in r.extra:
        parts.extend(render_parallel(r.extra["parallel"], markdown))
    if r.orphan_i_tags:
        parts.append(f"note: {r.orphan_i_tags} I- tag(s) continue no entity; strict mode drops them, "
                     "default mode reads them as entity starts (as seqeval does)")
    return "\n\n".join(parts)


def render_records(block: dict | None, markdown: bool = False) -> list[str]:
    """The ``records`` block (document-level event records, ``scoring.record_track``):
    record_f1, the per-role, per-type and per-language tables and the secondary accuracies."""
    if not block:
        return []
    docs = block["documents"]
    left = (f"; {docs['without_gold_records']} document(s) without gold records left out"
            if docs["without_gold_records"] else "")
    rf = block.get("record_f1")
    if rf is None:
        return [f"records ({block['source']}): not scored: {block.get('note', 'no gold records')}{left}"]
    n, micro = block["records"], block["micro"]
    head = (f"records ({'made from the spans' if block['source'] == 'spans' else 'given as records'}): record_f1 "
            f"{pct(rf['f1'])} [{pct(rf['ci95'][0])}, {pct(rf['ci95'][1])}] (95% CI, bootstrap over records), "
            f"P {pct(micro['precision'])}, R {pct(micro['recall'])}; {n['gold']} gold, {n['predicted']} predicted, "
            f"{n['aligned']} aligned record(s); realis accuracy {pct(block['realis_accuracy']['accuracy'])}, date "
            f"accuracy {pct(block['date_accuracy']['accuracy'])} (over aligned records); {docs['scored']} "
            f"document(s) scored{left}")
    parts = [head]
    parts.append(text_table(["record role", "P", "R", "F1", "gold", "pred"],
                            [_prf_row(k, c) for k, c in block["per_role"].items()], markdown))
    parts.append(text_table(["record type", "P", "R", "F1", "gold", "pred"],
                            [_prf_row(k, c) for k, c in block["per_type"].items()], markdown))
    parts.append(text_table(["records by language", "P", "R", "F1 [95% CI]", "gold", "pred"],
                            [[k, pct(c["precision"]), pct(c["recall"]),
                              f"{pct(c['f1'])} [{pct(c['ci95'][0])}, {pct(c['ci95'][1])}]", str(c["gold"]),
                              str(c["pred"])] for k, c in block["per_language"].items()], markdown))
    return parts


def _maybe(x: float | None, percent: bool = True) -> str:
    return "-" if x is None else pct(x) if percent else f"{x:.3f}"


def render_parallel(block: dict, markdown: bool = False) -> list[str]:
    """The parallel track's tables: one article x language matrix per headline F1 (with
    tp/gold/pred), the consistency of each language pair, the spread per article."""
    parts = []
    languages = block["languages"]
    metrics = list(dict.fromkeys(m for by_lang in block["matrix"].values() for c in by_lang.values() for m in c))
    for m in metrics:
        rows = []
        for article, by_lang in block["matrix"].items():
            cells = [f"{pct(by_lang[lang][m]['f1'])} ({by_lang[lang][m]['tp']}/{by_lang[lang][m]['gold']}/"
                     f"{by_lang[lang][m]['pred']})" if lang in by_lang and m in by_lang[lang] else "-"
                     for lang in languages]
            rows.append([article, *cells])
        parts.append(text_table([f"{m} (tp/gold/pred)", *languages], rows, markdown))
    pairs = block["consistency"]["pairs"]
    rows = []
    for name, p in pairs.items():
        rows.append([name, ",".join(p["articles"]), p["items"], p["both"], p["either"], _maybe(p["both_over_either"]),
                     _maybe(p["kappa"], percent=False)])
        rows += [[f"{name} {kind}", "", k["items"], k["both"], k["either"], _maybe(k["both_over_either"]),
                  _maybe(k["kappa"], percent=False)] for kind, k in p["per_kind"].items()]
    parts.append(text_table(["consistency (pair)", "articles", "aligned items", "right in both", "right in either",
                             "both/either", "kappa"], rows, markdown))
    spread_rows = [[article, *(f"{_maybe(c['max_minus_min'])} / {_maybe(c['sd'])}" if (c := by_metric.get(m)) else "-"
                               for m in metrics)]
                   for article, by_metric in block["spread"].items()]
    parts.append(text_table(["spread: max - min / sd (article)", *metrics], spread_rows, markdown))
    return parts + render_effects(block, markdown)


def effect(x: float | None, ci: Sequence[float | None] | None = None) -> str:
    """An effect in signed percentage points, with its interval when there is one."""
    if x is None:
        return "-"
    if not ci or ci[0] is None or ci[1] is None:
        return f"{100 * x:+.1f}"
    return f"{100 * x:+.1f} [{100 * ci[0]:+.1f}, {100 * ci[1]:+.1f}]"


def render_effects(block: dict, markdown: bool = False) -> list[str]:
    """Per language the mean over the same articles, and the two-way decomposition of each
    matrix metric with its intervals (``scoring.decomposition``; recomputed without
    intervals from the matrix of results that predate them)."""
    from citydiplo.scoring.parallel import with_effects

    block = with_effects(block)
    parts = []
    same, dec = block["same_articles"], block["decomposition"]
    metrics = list(same)
    languages = list(dict.fromkeys(lang for m in metrics for lang in same[m]["languages"]))
    rows = [[m, ",".join(same[m]["articles"]) or "none",
             *(f"{_maybe(c['mean_f1'])} / {_maybe(c['micro_f1'])}" for c in same[m]["languages"].values())]
            for m in metrics]
    parts.append(text_table(["same articles: mean / micro F1", "articles", *languages], rows, markdown))
    missing = list(dict.fromkeys(c for m in metrics for c in same[m]["missing"]))
    if missing:
        parts.append(f"cells absent (no version, or nothing to score): {', '.join(missing)}")
    fits = dec["metrics"]
    names = list(fits)
    if not names:
        return parts
    rows = [["mu (grand mean F1)", *(_level(fits[m]["mu"]["value"], fits[m]["mu"]["ci95"]) for m in names)]]
    for group in ("language", "article"):
        keys = list(dict.fromkeys(k for m in names for k in fits[m][group]))
        rows += [[f"{group} {k}", *(effect(fits[m][group][k]["effect"], fits[m][group][k]["ci95"])
                                    if k in fits[m][group] else "-" for m in names)] for k in keys]
    rows.append(["residual share of variance",
                 *("-" if fits[m]["residual_share"] is None else f"{fits[m]['residual_share']:.3f}" for m in names)])
    boot = dec.get("bootstrap")
    how = (f"95% CI: bootstrap over sentences within each document, {boot['samples']} samples, seed {boot['seed']}"
           if boot else "no intervals: results written before the decomposition existed; rerun bench evaluate")
    rows.append(["residual degrees of freedom", *(str(fits[m].get("residual_df", "-")) for m in names)])
    parts.append(text_table(["decomposition (F1 points)", *names], rows, markdown))
    parts.append(f"{dec['model']}; {how}")
    if any(fits[m].get("residual_df") == 0 for m in names):
        parts.append("residual degrees of freedom 0: every cell is fitted exactly, so language and article are "
                     "separated only through the cells they share (a matrix with more versions per article "
                     "separates them better)")
    if not all(fits[m]["identifiable"] for m in names):
        parts.append("not identifiable (the cells present do not connect every article and language): "
                     + ", ".join(m for m in names if not fits[m]["identifiable"]))
    return parts


def _level(x: float | None, ci: Sequence[float | None] | None) -> str:
    if x is None:
        return "-"
    if not ci or ci[0] is None or ci[1] is None:
        return pct(x)
    return f"{pct(x)} [{pct(ci[0])}, {pct(ci[1])}]"


def _row(name: str, c: dict) -> list[str]:
    return [name, pct(c["precision"]), pct(c["recall"]), pct(c["f1"])]


def render_secondary(extra: dict[str, Any], markdown: bool = False) -> list[str]:
    """Text tables of the secondary blocks present in ``extra`` (none for old results)."""
    parts = []
    sec = extra.get("secondary")
    if sec:
        parts.append(text_table(["secondary", "F1 [95% CI]", "what"],
                                [[k, f"{pct(v['f1'])} [{pct(v['ci95'][0])}, {pct(v['ci95'][1])}]", v["what"]]
                                 for k, v in sec.items()], markdown))
    partial = extra.get("partial")
    if partial:
        rows = [[level, mode, pct(b["precision"]), pct(b["recall"]), pct(b["f1"]), str(b["correct"]),
                 str(b["partial"]), str(b["incorrect"]), str(b["missed"]), str(b["spurious"])]
                for level, modes in partial.items() for mode, b in modes.items()]
        parts.append(text_table(["level (nervaluate)", "mode", "P", "R", "F1", "COR", "PAR", "INC", "MIS", "SPU"],
                                rows, markdown))
        langs = partial["outer"]["partial"]["per_language"]
        parts.append(text_table(["language (outer, partial)", "P", "R", "F1"],
                                [_row(lang, b) for lang, b in langs.items()], markdown))
    link = extra.get("linking")
    if link:
        rows = [["all", pct(link["accuracy"]), str(link["found"]), *_row("", link["end_to_end"])[1:]]]
        rows += [[t, pct(b["accuracy"]), str(b["found"]), *_row("", b["end_to_end"])[1:]]
                 for t, b in link["per_type"].items()]
        rows += [[lang, pct(b["accuracy"]), str(b["found"]), *_row("", b["end_to_end"])[1:]]
                 for lang, b in link["per_language"].items()]
        parts.append(text_table(["linking", "accuracy (found)", "found", "e2e P", "e2e R", "e2e F1"], rows, markdown))
        if not link["predicted"]:
            parts.append("note: the system gave no normalisation ids (norm); linking figures are 0 by construction")
    over = extra.get("trigger_overlap")
    if over:
        parts.append(text_table(["trigger overlap", "P", "R", "F1"],
                                [_row(m, over[m]) for m in over if m != "per_language"], markdown))
    strings = extra.get("string_track")
    if strings:
        rows = [_row(layer, strings[layer]) for layer in strings["layers_in_scope"]]
        rows += [_row(f"{layer} {t}", c) for layer in strings["layers_in_scope"]
                 for t, c in strings[layer]["per_type"].items()]
        rows += [_row(lang, b["micro"]) for lang, b in strings["per_language"].items()]
        units = ", ".join(f"{n} {kind}(s)" for kind, n in strings["units"].items())
        parts.append(text_table([f"string track ({units})", "P", "R", "F1"], rows, markdown))
    inp = extra.get("input")
    if inp:
        a = inp["alignment"]
        line = (f"input: {inp['format']}; {a['spans']} character span(s) snapped to tokens: {a['misaligned']} misaligned "
                f"(moved to token boundaries), {a['cross_sentence']} cross-sentence, {a['empty']} empty, "
                f"{a['overlapping']} overlapping (dropped), {a['deep']} deeper than level 2 (not scored)")
        s = inp.get("strings")
        if s:
            line += (f"; strings: {s['spans']} span(s), {s['hinted']} placed by hint, {s['ambiguous']} ambiguous "
                     f"(guessed), {s['unresolved']} unresolved ({', '.join(f'{k} {v}' for k, v in s['unresolved_by_reason'].items())})")
            if s["unresolved_examples"]:
                line += "; unresolved e.g. " + ", ".join(repr(u["text"]) for u in s["unresolved_examples"][:5])
        parts.append(line)
    return parts


# --------------------------------------------------------------------------- the leaderboard

LANGUAGE_ORDER = ("lv", "ru", "fa", "uk", "vi")
LEADERBOARD_HEADLINES = (("entity_f1", "Entity F1"), ("trigger_classification_f1", "Trigger-C F1"),
             ("argument_classification_f1", "Argument-C F1"), ("relation_f1", "Relation F1"))
SECONDARY_COLUMNS = ("Entity F1 partial", "Link F1 (acc.)")
_FIELDS = {"ner_tags": "ent", "ner_tags_inner": "inner", "events": "ev", "relations": "rel"}


def _languages(results: list["Results"]) -> list[str]:
    found = {lang for r in results for lang in r.languages}
    return [lang for lang in LANGUAGE_ORDER if lang in found] + sorted(found - set(LANGUAGE_ORDER))


def _secondary_cells(r: "Results") -> list[str]:
    """Partial-match entity F1, and linking F1 with the linking accuracy on found mentions."""
    if "linking" not in r.extra:
        return ["–", "–"]
    link = r.extra["linking"]
    linking = f"{pct(r.figure('linking_f1'))} ({pct(link['accuracy'])})" if link.get("predicted") else "–"
    return [pct(r.figure("entity_partial_f1")), linking]


def marks(llm: object) -> list[str]:
    """What makes an LLM run's figures not comparable with a full run's (the ``llm`` block
    of its results: ``complete``, ``failed_share``, ``limit``, ``languages``); empty for a
    full run or another kind of system."""
    if not isinstance(llm, dict):
        return []
    out = []
    if llm.get("complete") is False:
        share = llm.get("failed_share")
        out.append(f"incomplete: {100 * share:.0f}% of the units had no answer" if isinstance(share, (int, float))
                   else "incomplete")
    if llm.get("limit") is not None:
        out.append(f"first {llm['limit']} unit(s) only")
    if llm.get("languages") is not None:
        langs = llm["languages"]
        out.append(f"only {','.join(map(str, langs)) if isinstance(langs, list) else langs}")
    return out


def result_marks(r: "Results") -> list[str]:
    """What makes a run's figures not comparable with a full run's: the LLM marks
    (``marks``), and for any system a run on some languages only (``--languages``)."""
    out = marks(r.extra.get("llm"))
    part = r.partial_languages
    if part is not None and not (isinstance(r.extra.get("llm"), dict) and r.extra["llm"].get("languages")):
        out.append(f"only {','.join(part[0])}")
    return out


def _string_cell(r: "Results") -> str:
    h = r.secondary("string_f1")
    return str(h) if h is not None else "–"


def _meta_cells(r: "Results") -> list[str]:
    return [f"`{r.dataset.content_hash[:12]}`", (r.time or "")[:10]]


def _model_cell(r: "Results") -> str:
    found = result_marks(r)
    return (f"`{r.model}`" + (f" (labels: {r.label_map})" if r.label_map else "")
            + (f" ⚠ {'; '.join(found)}" if found else ""))


TASK_TITLES = {"e2e": "End to end (`--task e2e`)", "ner": "Named-entity recognition (`--task ner`)",
               "ed": "Event detection (`--task ed`)",
               "eae": "Event argument extraction given the gold triggers (`--task eae`)",
               "records": "Document-level event records (`--task records`)"}


def _has_records(results: list["Results"]) -> bool:
    """Whether some run carries a record score (the Record F1 column then appears)."""
    return any("records" in r.extra for r in results)


def _record_cell(r: "Results") -> str:
    h = r.record_f1
    return str(h) if h is not None else "–"


def records_table(results: list["Results"]) -> str:
    """The ``records`` task's table: record_f1 with its interval, P, R, the realis and date
    accuracies; best first."""
    rows = sorted(results, key=lambda r: (-(r.record_f1.f1 if r.record_f1 is not None else -1.0), r.model or ""))
    headers = ["#", "model", "Record F1 [95% CI]", "P", "R", "Realis acc.", "Date acc.", "source", "data", "date"]
    body: list[list[object]] = []
    for rank, r in enumerate(rows, 1):
        block = r.extra.get("records") or {}
        micro = block.get("micro")
        cells: list[object] = [str(rank), _model_cell(r), _record_cell(r)]
        if micro is None:
            cells += ["–"] * 4
        else:
            cells += [pct(micro["precision"]), pct(micro["recall"]), pct(block["realis_accuracy"]["accuracy"]),
                      pct(block["date_accuracy"]["accuracy"])]
        body.append(cells + [str(block.get("source", "–")), *_meta_cells(r)])
    return markdown_table(headers, body) + "\n"


def leaderboard_table(results: list["Results"], scheme: str = "full") -> str:
    """The leaderboard tables (Markdown) of the results in ``scheme`` (``full``: the
    benchmark's types; ``coarse``: CITY, GPE, LOC as LOC), one per task present (e2e first;
    a title line above each when there are several)."""
    results = [r for r in results if r.scheme == scheme and r.track == "default"]
    present = [t for t in TASK_TITLES if any(r.task == t for r in results)]
    if present == ["e2e"]:
        return e2e_table(results)
    parts = []
    for task in present:
        rows = [r for r in results if r.task == task]
        body = (e2e_table(rows) if task == "e2e" else records_table(rows) if task == "records"
                else task_table(rows, task))
        parts.append(f"**{TASK_TITLES[task]}**\n\n{body}")
    return "\n".join(parts)


def task_table(results: list["Results"], task: str) -> str:
    """The table of one of the tasks ``ner``, ``ed``, ``eae``: its headline with interval,
    the string track, and the task's other figures; best headline first."""
    key = TASK_HEADLINES[task][0]
    rows = sorted(results, key=lambda r: (-r.figure(key), r.model or ""))
    name = dict(LEADERBOARD_HEADLINES)[key]
    langs: list[str] = []
    if task == "ner":
        langs = _languages(results)
        headers = (["#", "model", f"{name} [95% CI]", "String F1 [95% CI]", "Inner F1", *SECONDARY_COLUMNS]
                   + [f"{lang} entity F1" for lang in langs] + ["data", "date"])
    elif task == "ed":
        headers = ["#", "model", f"{name} [95% CI]", "String F1 [95% CI]", "Trigger-I F1", "Realis F1",
                   "Type+realis F1", "Trigger-C overlap F1", "data", "date"]
    else:
        headers = ["#", "model", f"{name} [95% CI]", "String F1 [95% CI]", "Argument-I F1", "Realis F1",
                   "Type+realis F1", "data", "date"]
    body: list[list[object]] = []
    for rank, r in enumerate(rows, 1):
        cells: list[object] = [str(rank), _model_cell(r), str(r.headline[key]), _string_cell(r)]
        if task == "ner":
            cells += [pct(r.figure("entity_f1", level="inner"))] + _secondary_cells(r)
            cells += [pct(r.figure("entity_f1", lang)) if lang in r.languages else "–" for lang in langs]
        else:
            first = "trigger_identification" if task == "ed" else "argument_identification"
            cells += [pct(r.event_block(first).get("f1", 0.0)), pct(r.event_block("trigger_realis").get("f1", 0.0)),
                      pct(r.event_block("trigger_classification_realis").get("f1", 0.0))]
            if task == "ed":
                cells += [pct(r.figure("trigger_overlap_f1"))]
        body.append(cells + _meta_cells(r))
    return markdown_table(headers, body) + "\n"


def e2e_table(results: list["Results"]) -> str:
    """The end-to-end table (Markdown), best outer-level entity F1 first. The
    partial-match and linking columns appear once a results file carries those blocks,
    the string track's once one carries ``string_f1``."""
    rows = sorted(results, key=lambda r: (-r.figure("entity_f1"), r.model or ""))
    strings = any(r.secondary("string_f1") is not None for r in results)
    records = _has_records(results)
    langs = _languages(results)
    secondary = any("linking" in r.extra for r in results)
    headers = (["#", "model"] + [name + " [95% CI]" for _, name in LEADERBOARD_HEADLINES]
               + (["String F1 [95% CI]"] if strings else []) + (["Record F1 [95% CI]"] if records else [])
               + ["Inner F1"]
               + (list(SECONDARY_COLUMNS) if secondary else [])
               + [f"{lang} entity F1" for lang in langs] + ["predicts", "data", "date"])
    body = []
    for rank, r in enumerate(rows, 1):
        cells = [str(rank), _model_cell(r)]
        cells += [str(r.headline[key]) for key, _ in LEADERBOARD_HEADLINES]
        cells += [_string_cell(r)] if strings else []
        cells += [_record_cell(r)] if records else []
        cells += [pct(r.figure("entity_f1", level="inner")) if "inner" in r.entities else "–"]
        cells += _secondary_cells(r) if secondary else []
        cells += [pct(r.figure("entity_f1", lang)) if lang in r.languages else "–" for lang in langs]
        cells += [", ".join(_FIELDS[f] for f in _FIELDS if f in r.predicted_fields) or "–", *_meta_cells(r)]
        body.append(cells)
    return markdown_table(headers, body) + "\n"


def parallel_table(results: list["Results"]) -> str:
    """The parallel track's table (Markdown): each system's headline F1s over every version,
    and per language pair its consistency (right in both / right in either, and Cohen's
    kappa), best entity F1 first."""
    rows = sorted((r for r in results if r.track == "parallel" and r.task == "e2e"),
                  key=lambda r: (-r.figure("entity_f1"), r.model or ""))
    pairs = list(dict.fromkeys(p for r in rows for p in r.parallel_block()["consistency"]["pairs"]))
    headers = (["#", "model"] + [name + " [95% CI]" for _, name in LEADERBOARD_HEADLINES[:3]]
               + [f"{p} both/either (κ)" for p in pairs] + ["data", "date"])
    body = []
    for rank, r in enumerate(rows, 1):
        found = r.parallel_block()["consistency"]["pairs"]
        cells = [str(rank), _model_cell(r)] + [str(r.headline[key]) for key, _ in LEADERBOARD_HEADLINES[:3]]
        for p in pairs:
            c = found.get(p)
            cells.append("–" if c is None else f"{_maybe(c['both_over_either'])} ({_maybe(c['kappa'], percent=False)})")
        body.append(cells + _meta_cells(r))
    return markdown_table(headers, body) + "\n"


LANGUAGE_TABLE_METRICS = ("entity_f1", "argument_classification_f1")
"""The figures of the per-language tables of the parallel section: entity / argument F1."""


def parallel_language_tables(results: list["Results"]) -> str:
    """The parallel section's per-language tables (Markdown), made from each results
    file's ``same_articles`` and ``decomposition`` (recomputed from the matrix, without
    intervals, for results that predate them): per model and language, the mean entity /
    argument F1 over the same articles, then the language effects with their intervals."""
    from citydiplo.scoring.parallel import with_effects

    rows = sorted((r for r in results if r.track == "parallel" and r.task == "e2e"),
                  key=lambda r: (-r.figure("entity_f1"), r.model or ""))
    blocks = [with_effects(r.parallel_block()) for r in rows]
    languages = list(dict.fromkeys(lang for b in blocks for lang in b["languages"]))
    same_sets = sorted({tuple(b["same_articles"][m]["articles"]) for b in blocks for m in LANGUAGE_TABLE_METRICS
                        if m in b["same_articles"]})
    articles = "; ".join(",".join(s) or "none" for s in same_sets)
    means = []
    effects = []
    for r, b in zip(rows, blocks):
        same, fits = b["same_articles"], b["decomposition"]["metrics"]
        cells = []
        for lang in languages:
            got = [same[m]["languages"].get(lang, {}).get("mean_f1") if m in same else None
                   for m in LANGUAGE_TABLE_METRICS]
            cells.append("–" if all(x is None for x in got) else " / ".join(_maybe(x) for x in got))
        means.append([_model_cell(r), *cells])
        cells = []
        for lang in languages:
            got = [fits[m]["language"].get(lang) if m in fits else None for m in LANGUAGE_TABLE_METRICS]
            cells.append("–" if all(g is None or g["effect"] is None for g in got)
                         else " / ".join("–" if g is None else effect(g["effect"], g["ci95"]) for g in got))
        effects.append([_model_cell(r), *cells])
    saturated = any(b["decomposition"]["metrics"][m].get("residual_df") == 0 for b in blocks
                    for m in LANGUAGE_TABLE_METRICS if m in b["decomposition"]["metrics"])
    caveat = ("\n\nResidual degrees of freedom 0: the versions there are fit the additive model exactly, so the "
              "effects rest on the few cells that\nlink articles and languages; read them with care." if saturated else "")
    return (f"Mean entity F1 / argument F1 over the same articles ({articles}; – where no article is in every "
            "language):\n\n" + markdown_table(["model", *languages], means)
            + "\n\nLanguage effects, entity F1 / argument F1 in points [95% CI]:\n\n"
            + markdown_table(["model", *languages], effects) + caveat)


def leaderboard_page(results: list["Results"]) -> str:
    """The leaderboard page as Markdown: an explanation, then the tables (the parallel
    track's, when there are such results, in a section of its own)."""
    parallel = [r for r in results if r.track == "parallel"]
    results = [r for r in results if r.track == "default"]
    lines = [
        "# CityDiplo leaderboard",
        "",
        "Generated by `bench leaderboard results/ --out benchmark/LEADERBOARD.md` from the results",
        "files that `bench evaluate MODEL --out results/NAME.json` writes; do not edit by hand.",
        "",
        "One table per task (`bench evaluate MODEL --task ner|ed|eae|e2e`; end to end is the default).",
        "",
        "F1 in %, with 95% bootstrap intervals over sentences. Entity F1: outer level, strict IOB2,",
        "micro (per language: the same, on that language's document). Trigger-C: trigger",
        "classification; Argument-C: argument classification; Relation: PARTNER_OF. *Inner F1*: the",
        "inner (nested) entity level, strict IOB2, micro. *predicts*: the",
        "fields the system fills (ent = outer entities, inner = inner entities, ev = events,",
        "rel = relations); a metric whose field a system does not fill is 0 by construction.",
        "*String F1*: the string track, micro F1 over the normalised string tuples of the task's",
        "layers (entity type + text, event type + trigger, event type + role + argument, relation",
        "ends + status), offsets ignored; a secondary figure beside the span-exact headline.",
        "*Realis F1* / *Type+realis F1*: TAC-KBP's EvmEval `realis_status` (span + realis) and",
        "`mention_type+realis_status` (span + type + realis), micro. In `eae` the gold triggers",
        "(span, type) are given and only the arguments and the realis of those triggers are scored.",
        *(["*Entity F1 partial*: outer level, nervaluate's partial mode (SemEval-2013: overlap counts",
           "half). *Link F1 (acc.)*: end-to-end entity linking F1 (span + type + GeoNames/ISO 3166 id),",
           "with the linking accuracy on correctly found mentions in brackets; – when no ids are predicted."]
          if any("linking" in r.extra for r in results) else []),
        *(["*Record F1*: document-level event records (`bench evaluate --task records`, or in any run",
           "with arguments the predicted events made records by one rule): micro F1 over role fillers,",
           "records aligned by optimal assignment, a filler right when it is the gold entity's id or any",
           "of its mention strings (normalised); 95% interval by bootstrap over records, not sentences;",
           "– when the run has no record score."]
          if _has_records(results) else []),
        *(["⚠: a run that covers some languages only (`--languages`), or an LLM run in which some units",
           "had no answer or that covers the first units only (`--limit`); its figures are not comparable",
           "with a full run's (`bench leaderboard --include-incomplete` ranks it)."]
          if any(result_marks(r) for r in results) else []),
        "*data*: the first 12 hex digits of the data's content hash (`bench evaluate` prints it).",
        "What each baseline uses, what it cannot do, its runtime and caveats: `baselines/README.md`.",
        "",
        leaderboard_table(results).rstrip("\n"),
    ]
    if any(r.scheme == "coarse" for r in results):
        lines += [
            "",
            "## Coarse scheme",
            "",
            "Scored with `--scheme coarse`: CITY, GPE and LOC count as one type, LOC (PER, ORG, MISC and",
            "DATE kept), in the gold and the predictions alike, so that taggers trained on CoNLL-style",
            "labels (PER, ORG, LOC, MISC), which know no CITY, are compared fairly; *labels*: the",
            "`--label-map` their output went through. These figures do not compare with the table above.",
            "",
            leaderboard_table(results, "coarse").rstrip("\n"),
        ]
    if any(r.task == "e2e" for r in parallel):
        lines += [
            "",
            "## Parallel track",
            "",
            "Scored with `--track parallel`: every version of every article, the five originals and their",
            "translations (`corpus/<NNN>-<language>`, gold projected from the originals'), so these figures",
            "do not compare with the tables above. *both/either*: of the aligned gold items (the same",
            "entity, trigger, argument or relation in both versions of an article) that the system gets",
            "right in at least one of the two languages, the share it gets right in both; *κ*: Cohen's kappa",
            "of the two right/wrong vectors (1 when they are identical). The article x language matrix and",
            "the per-article spread are in each results file (`parallel` block) and `bench evaluate",
            "--track parallel`'s report.",
            "",
            parallel_table(parallel).rstrip("\n"),
            "",
            "### Per language, on the same articles",
            "",
            "*Same articles*: the articles that have a version in every language, so that a language's",
            "figure is a score on the same content. *Language effect*: the two-way decomposition",
            "F1[article, language] = mu + article effect + language effect, fitted by least squares over",
            "the versions there are, effects summing to zero; in points of F1, with a 95% interval from a",
            "bootstrap that resamples sentences within each document (– where a results file predates it).",
            "",
            parallel_language_tables(parallel).rstrip("\n"),
        ]
        differences = environment_differences(parallel)
        if differences:
            lines += ["", "Warning: the parallel-track rows were not all computed with the same software; rerun "
                          "them in one environment:"]
            lines += [f"- {line}" for line in differences]
    hashes = sorted({r.dataset.content_hash[:12] for r in results})
    if len(hashes) > 1:
        lines += ["", f"Note: the rows were scored on {len(hashes)} different versions of the data "
                      f"({', '.join(hashes)}); rerun `bench evaluate` to compare them."]
    differences = environment_differences(results)
    if differences:
        lines += ["", "Warning: the rows were not all computed with the same software, so a difference "
                      "between them may come from a package version; rerun them in one environment:"]
        lines += [f"- {line}" for line in differences]
    return "\n".join(lines) + "\n"


def environment_differences(results: list["Results"]) -> list[str]:
    """One line per package (or Python) whose recorded version differs between rows, and one
    for the rows that record no ``environment`` block (results files written before it)."""
    missing = [r.model or "?" for r in results if not isinstance(r.extra.get("environment"), dict)]
    recorded = [(r.model or "?", r.extra["environment"]) for r in results
                if isinstance(r.extra.get("environment"), dict)]
    out = []
    if missing and recorded:
        out.append(f"no environment recorded: {', '.join(f'`{m}`' for m in sorted(missing))}")
    keys = list(dict.fromkeys(k for _, env in recorded for k in env))
    for key in keys:
        versions: dict[str, list[str]] = {}
        for model, env in recorded:
            versions.setdefault(str(env.get(key) or "not installed"), []).append(model)
        if len(versions) > 1:
            out.append(f"{key}: " + "; ".join(f"{v} ({', '.join(f'`{m}`' for m in sorted(ms))})"
                                              for v, ms in sorted(versions.items())))
    return out


# --------------------------------------------------------------------------- bench agreement, bench compare

def _empty(block: dict) -> bool:
    """Nothing in either pass: the F1 is undefined, not 0."""
    return not (block.get("gold") or block.get("pred"))


def _f1(block: dict) -> str:
    return "n/a" if _empty(block) else pct(block["f1"])


def agreement_report(result: dict, fmt: str) -> str:
    """Agreement figures per language: entity F1, kappas, normalisation, events."""
    if fmt == "json":
        return json.dumps(result, indent=2, ensure_ascii=False)
    markdown = fmt == "markdown"
    headers = ["group", "tokens", "entity F1", "outer F1", "kappa outer", "kappa inner", "norm F1", "norm kappa"]
    rows = [[k, str(v["tokens"]), pct(v["entity_f1"]["f1"]), pct(v["entity_f1_outer"]["f1"]),
             f"{v['token_kappa_outer']:.3f}", f"{v['token_kappa_inner']:.3f}",
             pct(v["normalisation_f1"]["f1"]), f"{v['normalisation_token_kappa']:.3f}"] for k, v in result.items()]
    out = [text_table(headers, rows, markdown)]
    if all("events" in v for v in result.values()):
        headers = ["group", "trig-I F1", "trig-C F1", "arg-I F1", "arg-C F1", "realis agr.", "relation F1"]
        rows = [[k, _f1(e["trigger_identification"]), _f1(e["trigger_classification"]),
                 _f1(e["argument_identification"]), _f1(e["argument_classification"]),
                 f"{pct(e['realis_accuracy']['accuracy'])} (n={e['realis_accuracy']['matched_triggers']})"
                 if e["realis_accuracy"]["matched_triggers"] else "n/a",
                 _f1(e["relation"])]
                for k, v in result.items() for e in [v["events"]]]
        out.append(text_table(headers, rows, markdown))
        if all(_empty(v["events"]["trigger_identification"]) and _empty(v["events"]["relation"])
               for v in result.values()):
            out.append("n/a: neither pass has events or relations (entity-only passes? --entities-only leaves "
                       "this table out)")
    return "\n\n".join(out)


def compare_report(result: dict, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(result, indent=2)
    rows = [[k, pct(t["f1_a"]), pct(t["f1_b"]), f"{100 * t['delta']:+.1f}", f"{t['p_value']:.4f}"]
            for k, t in result["tests"].items()]
    head = f"A = {result['model_a']}\nB = {result['model_b']}\npaired bootstrap over sentences (Berg-Kirkpatrick et al. 2012)"
    return head + "\n\n" + text_table(["metric", "A F1", "B F1", "A-B", "p-value"], rows, fmt == "markdown")
