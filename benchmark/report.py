"""Render figures as terminal tables, Markdown or JSON (pure string builders)."""

from __future__ import annotations

import json


def _table(headers: list[str], rows: list[list[str]], markdown: bool) -> str:
    if markdown:
        lines = ["| " + " | ".join(headers) + " |", "|" + "|".join(" --- " for _ in headers) + "|"]
        lines += ["| " + " | ".join(r) + " |" for r in rows]
        return "\n".join(lines)
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
                 pct(e["relation"]["f1"])]
                for k, v in result.items() for e in [v["events"]]]
        out.append(_table(headers, rows, markdown))
    return "\n\n".join(out)
