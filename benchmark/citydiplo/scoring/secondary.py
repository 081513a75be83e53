"""The figures beside the headline: partial-match entities, entity linking, trigger
overlap, the string track (``scoring.string_track``), and what reading the system's output
did (format, snapped and unresolved spans).

They live in ``Results.extra`` under ``partial``, ``linking``, ``trigger_overlap``,
``string_track``, ``input`` and ``secondary`` (the F1s below with their bootstrap
intervals, which ``bench compare`` tests too; ``string_f1`` is the string track's
secondary headline, beside the span-exact headline, never replacing it); the ``headline``
block is unchanged.
"""

from __future__ import annotations

from typing import Any

from citydiplo.formats.text_tables import pct, text_table

SECONDARY = {
    "entity_partial_f1": "outer-level entities, nervaluate partial mode (SemEval-2013), F1",
    "linking_f1": "end-to-end entity linking F1 (span + type + GeoNames/ISO 3166 id)",
    "trigger_overlap_f1": "trigger classification F1, overlapping spans credited",
    "string_f1": "string track: micro F1 over the normalised string tuples of the task's layers, offsets ignored",
}
"""Secondary metrics with bootstrap intervals: key -> what it measures."""

BLOCKS = ("partial", "linking", "trigger_overlap", "string_track", "input", "secondary")


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
