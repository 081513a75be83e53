"""Render figures as terminal tables, Markdown or JSON (pure string builders)."""

from __future__ import annotations

import json

from citydiplo.formats.text_tables import pct, text_table as _table


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
    out = [_table(headers, rows, markdown)]
    if all("events" in v for v in result.values()):
        headers = ["group", "trig-I F1", "trig-C F1", "arg-I F1", "arg-C F1", "realis agr.", "relation F1"]
        rows = [[k, _f1(e["trigger_identification"]), _f1(e["trigger_classification"]),
                 _f1(e["argument_identification"]), _f1(e["argument_classification"]),
                 f"{pct(e['realis_accuracy']['accuracy'])} (n={e['realis_accuracy']['matched_triggers']})"
                 if e["realis_accuracy"]["matched_triggers"] else "n/a",
                 _f1(e["relation"])]
                for k, v in result.items() for e in [v["events"]]]
        out.append(_table(headers, rows, markdown))
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
    return head + "\n\n" + _table(["metric", "A F1", "B F1", "A-B", "p-value"], rows, fmt == "markdown")
