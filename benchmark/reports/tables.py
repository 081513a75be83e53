"""Render figures as terminal tables, Markdown or JSON (pure string builders)."""

from __future__ import annotations

import json


def _numeric(cell: object) -> bool:
    return isinstance(cell, int) or (isinstance(cell, str) and cell[:1].isdigit())


def markdown_table(header: list[str], rows: list[list[object]]) -> str:
    """A GitHub-flavoured Markdown table; count columns right-aligned."""
    align = ["---:" if rows and all(_numeric(r[i]) for r in rows) else "---"
             for i in range(len(header))]
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join(align) + " |"]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def _table(headers: list[str], rows: list[list[str]], markdown: bool) -> str:
    if markdown:
        return markdown_table(headers, rows)
    widths = [max(len(str(x)) for x in col) for col in zip(headers, *rows)]
    fmt = "  ".join(f"{{:<{w}}}" for w in widths)
    return "\n".join([fmt.format(*headers), fmt.format(*("-" * w for w in widths))] + [fmt.format(*r) for r in rows])


def pct(x: float) -> str:
    return f"{100 * x:.1f}"


def agreement_report(result: dict, fmt: str) -> str:
    """Agreement figures per language: entity F1, kappas, normalisation, events."""
    if fmt == "json":
        return json.dumps(result, indent=2, ensure_ascii=False)
    markdown = fmt == "markdown"
    headers = ["group", "tokens", "entity F1", "outer F1", "kappa outer", "kappa inner", "norm F1", "norm kappa"]
    rows = [[k, str(v["tokens"]), pct(v["entity_f1"]["f1"]), pct(v["entity_f1_outer"]["f1"]),
             f"{v['token_kappa_outer']:.3f}", f"{v['token_kappa_inner']:.3f}",
             pct(v["normalisation_f1"]["f1"]), f"{v['normalisation_token_kappa']:.3f}"] for k, v in result.items()]
    out = [_table(headers, rows, markdown)]
    if all("events" in v for v in result.values()):
        headers = ["group", "trig-I F1", "trig-C F1", "arg-I F1", "arg-C F1", "realis agr.", "relation F1"]
        rows = [[k, pct(e["trigger_identification"]["f1"]), pct(e["trigger_classification"]["f1"]),
                 pct(e["argument_identification"]["f1"]), pct(e["argument_classification"]["f1"]),
                 f"{pct(e['realis_accuracy']['accuracy'])} (n={e['realis_accuracy']['matched_triggers']})",
                 pct(e["relation"]["f1"]) if e["relation"]["gold"] or e["relation"]["pred"] else "n/a"]
                for k, v in result.items() for e in [v["events"]]]
        out.append(_table(headers, rows, markdown))
    return "\n\n".join(out)


def _ci(h: dict) -> str:
    lo, hi = h["ci95"]
    return f"{pct(h['f1'])} [{pct(lo)}, {pct(hi)}]"


def results_report(results: dict, fmt: str) -> str:
    """A results record as a terminal table, Markdown, or JSON."""
    if fmt == "json":
        return json.dumps(results, indent=2, ensure_ascii=False)
    markdown = fmt == "markdown"
    parts = []
    head = results["headline"]
    parts.append(f"model: {results['model']}  data: CityDiplo {results['dataset']['version']} "
                 f"({results['dataset']['content_hash'][:12]})  sentences: {results['sentences']}  tokens: {results['tokens']}")
    parts.append(_table(["headline", "F1 [95% CI]", "what"],
                        [[k, _ci(v), v["what"]] for k, v in head.items()], markdown))
    ent = results["entities"]
    rows = []
    for level in ("outer", "inner"):
        for mode in ("strict", "default"):
            b = ent[level][mode]
            rows.append([level, mode, pct(b["micro"]["precision"]), pct(b["micro"]["recall"]), pct(b["micro"]["f1"]),
                         pct(b["macro"]["f1"])])
    parts.append(_table(["level", "mode", "P", "R", "micro F1", "macro F1"], rows, markdown))
    strict = ent["outer"]["strict"]
    parts.append(_table(["type (outer, strict)", "P", "R", "F1", "gold", "pred"],
                        [[t, pct(c["precision"]), pct(c["recall"]), pct(c["f1"]), str(c["gold"]), str(c["pred"])]
                         for t, c in strict["per_type"].items()], markdown))
    parts.append(_table(["language (outer, strict)", "P", "R", "micro F1", "macro F1"],
                        [[lang, pct(b["micro"]["precision"]), pct(b["micro"]["recall"]), pct(b["micro"]["f1"]),
                          pct(b["macro"]["f1"])] for lang, b in strict["per_language"].items()], markdown))
    ev = results["events"]
    names = ["trigger_identification", "trigger_classification", "argument_identification",
             "argument_classification", "argument_identification_attached", "argument_classification_attached",
             "relation", "relation_with_status"]
    parts.append(_table(["event metric", "P", "R", "F1", "gold", "pred"],
                        [[n, pct(ev[n]["precision"]), pct(ev[n]["recall"]), pct(ev[n]["f1"]), str(ev[n]["gold"]),
                          str(ev[n]["pred"])] for n in names], markdown))
    parts.append(f"realis accuracy on matched triggers: {pct(ev['realis_accuracy']['accuracy'])} "
                 f"(n={ev['realis_accuracy']['matched_triggers']})")
    if ent["orphan_i_tags"]:
        parts.append(f"note: {ent['orphan_i_tags']} I- tag(s) continue no entity; strict mode drops them, "
                     "default mode reads them as entity starts (as seqeval does)")
    return "\n\n".join(parts)


def compare_report(result: dict, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(result, indent=2)
    rows = [[k, pct(t["f1_a"]), pct(t["f1_b"]), f"{100 * t['delta']:+.1f}", f"{t['p_value']:.4f}"]
            for k, t in result["tests"].items()]
    head = f"A = {result['model_a']}\nB = {result['model_b']}\npaired bootstrap over sentences (Berg-Kirkpatrick et al. 2012)"
    return head + "\n\n" + _table(["metric", "A F1", "B F1", "A-B", "p-value"], rows, fmt == "markdown")
