"""Language and article effects of the parallel track: per-language means over the same
articles and a two-way decomposition of each headline F1, with bootstrap intervals.

On the parallel track every article is (ideally) scored in every language, so a headline
F1 is a matrix ``F1[a, l]`` (article ``a``, language ``l``). Two figures separate the
language from the content:

**The mean over the same articles** (``language_means``): per language, the mean F1 over
the articles that *every* language has (a cell with nothing to score, no gold and nothing
predicted, counts as absent; the articles used and the cells left out are named), and the
micro F1 over those documents (their counts summed).

**The two-way decomposition** (``decompose``): the additive model
``F1[a, l] = mu + article[a] + language[l] + residual``, fitted by least squares over the
cells present, with the sum-to-zero constraints ``sum_a article[a] = 0`` and
``sum_l language[l] = 0`` (the effects are coded as deviation contrasts and the fit is
numpy's ``lstsq``). With a full matrix this is exactly the row and column means minus the
grand mean; with missing cells it is the least-squares fit of the cells there are, and the
effects are identifiable as long as the cells connect every article and language (else
they are reported as null, with the reason). ``residual_share`` is the residual sum of
squares over the total sum of squares about the cells' mean (null when every cell is
equal): the part of the matrix that language and article do not explain additively.

**Intervals** (``bootstrap_effects``): a percentile bootstrap that resamples sentences
**within each document** (each cell keeps its own sentences, drawn with replacement, as
many as it has), sums the per-sentence counts ``(tp, pred, gold)`` the parallel extension
keeps, recomputes every cell's F1 and refits the model; the 95% interval of each effect
is the 2.5 and 97.5 percentiles over the resamples. The draws follow the scorer's
conventions (``scoring.bootstrap``): ``numpy.random.default_rng(seed)`` with the same
``samples`` and ``seed`` (defaults 1000 and 12345); one generator draws the documents one
after another in the matrix's order (articles in order, languages in
``parallel.language_order``), and every metric of a document uses the same draws. A cell
that a resample leaves with nothing to score is absent from that resample's fit.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Sequence

import numpy as np

from citydiplo.scoring.bootstrap import _f1_rows
from citydiplo.scoring.defaults import DEFAULT_SAMPLES, DEFAULT_SEED

Cell = tuple[str, str]
"""(article, language)."""

MODEL = "F1[a, l] = mu + article[a] + language[l] + residual; least squares over the cells present, " \
        "sum-to-zero effects"


@dataclass(frozen=True)
class Fit:
    """The fitted decomposition: ``mu``, the effects (null when not identifiable) and the
    residual share of variance."""

    articles: tuple[str, ...]
    languages: tuple[str, ...]
    mu: float | None
    article: dict[str, float] | None
    language: dict[str, float] | None
    residual_share: float | None
    identifiable: bool
    residual_df: int = 0
    """Cells minus parameters (1 + (articles - 1) + (languages - 1)); 0: a saturated fit."""


def _contrasts(k: int) -> np.ndarray:
    """Deviation (sum-to-zero) coding of ``k`` levels: k x (k - 1), the last level minus
    the sum of the others."""
    if k <= 1:
        return np.zeros((k, 0))
    return np.vstack([np.eye(k - 1), -np.ones((1, k - 1))])


def _design(cells: Sequence[Cell], articles: Sequence[str], languages: Sequence[str]) -> np.ndarray:
    ai = {a: i for i, a in enumerate(articles)}
    li = {lang: i for i, lang in enumerate(languages)}
    ca, cl = _contrasts(len(articles)), _contrasts(len(languages))
    return np.hstack([np.ones((len(cells), 1)), ca[[ai[a] for a, _ in cells]], cl[[li[lang] for _, lang in cells]]])


def _projection(cells: Sequence[Cell], articles: Sequence[str], languages: Sequence[str]) -> np.ndarray | None:
    """The matrix that maps the cells' F1s (in ``cells`` order) to (mu, article effects,
    language effects); None when the effects are not identifiable from these cells."""
    x = _design(cells, articles, languages)
    if np.linalg.matrix_rank(x) < x.shape[1]:
        return None
    beta = np.linalg.pinv(x)  # the least-squares solution, as lstsq gives it, for every y at once
    ca, cl = _contrasts(len(articles)), _contrasts(len(languages))
    na = ca.shape[1]
    return np.vstack([beta[:1], ca @ beta[1:1 + na], cl @ beta[1 + na:]])


def decompose(values: Mapping[Cell, float], articles: Sequence[str] | None = None,
              languages: Sequence[str] | None = None) -> Fit:
    """The two-way decomposition of ``values`` (article, language) -> F1, over the cells
    present (see the module docstring); ``articles`` and ``languages`` give the order (by
    default as first seen); a level with no cell is left out."""
    cells = list(values)
    arts = tuple(a for a in (articles or dict.fromkeys(a for a, _ in cells)) if any(c[0] == a for c in cells))
    langs = tuple(lang for lang in (languages or dict.fromkeys(lg for _, lg in cells)) if any(c[1] == lang for c in cells))
    if not cells:
        return Fit(arts, langs, None, None, None, None, False)
    y = np.array([values[c] for c in cells], dtype=float)
    x = _design(cells, arts, langs)
    coef, _, rank, _ = np.linalg.lstsq(x, y, rcond=None)
    if rank < x.shape[1]:
        return Fit(arts, langs, None, None, None, None, False)
    ca, cl = _contrasts(len(arts)), _contrasts(len(langs))
    na = ca.shape[1]
    article = ca @ coef[1:1 + na] if na else np.zeros(len(arts))
    language = cl @ coef[1 + na:] if cl.shape[1] else np.zeros(len(langs))
    total = float(((y - y.mean()) ** 2).sum())
    residual = float(((y - x @ coef) ** 2).sum())
    return Fit(arts, langs, float(coef[0]), {a: float(v) for a, v in zip(arts, article)},
               {lang: float(v) for lang, v in zip(langs, language)},
               residual / total if total > 1e-12 else None, True, len(cells) - x.shape[1])


def bootstrap_effects(rows: Mapping[Cell, np.ndarray], fit: Fit, samples: int = DEFAULT_SAMPLES,
                      seed: int = DEFAULT_SEED, level: float = 0.95,
                      ) -> dict[str, dict[str, tuple[float, float] | None]]:
    """95% percentile intervals of ``mu`` and of every effect of ``fit``: sentences
    resampled within each document (``rows``: cell -> n x 3 per-sentence counts, in the
    matrix's order; only the fit's levels are used). Returns ``{"mu": {"": ci},
    "article": {a: ci}, "language": {l: ci}}``; a ci is None where no resample could
    identify it."""
    return effect_intervals(resampled_cell_sums(rows, samples, seed), fit, level)


def resampled_cell_sums(rows: Mapping[Cell, np.ndarray], samples: int = DEFAULT_SAMPLES,
                        seed: int = DEFAULT_SEED) -> dict[Cell, np.ndarray]:
    """Per cell, the column sums (samples x w) of ``samples`` resamples of its sentences'
    count rows (n x w: one (tp, pred, gold) triple per metric, side by side, so that every
    metric gets the same draws): one ``default_rng(seed)`` draws the cells in ``rows``'
    order, ``samples`` x n indices each."""
    rng = np.random.default_rng(seed)
    out = {}
    for cell, table in rows.items():
        t = np.asarray(table, dtype=np.int64)
        t = t.reshape(len(t), -1)
        n = len(t)
        if n == 0:
            out[cell] = np.zeros((samples, t.shape[1]))
            continue
        draws = rng.integers(0, n, size=(samples, n))
        out[cell] = t[draws].sum(axis=1).astype(float)
    return out


def effect_intervals(sums: Mapping[Cell, np.ndarray], fit: Fit, level: float = 0.95,
                     ) -> dict[str, dict[str, tuple[float, float] | None]]:
    """The intervals of ``bootstrap_effects`` from resampled count sums (cell -> samples x
    3): each resample's F1 matrix (a cell with nothing to score absent) refitted, the
    resamples grouped by which cells are present so that one projection serves each group."""
    arts, langs = fit.articles, fit.languages
    cells = [c for c in sums if c[0] in arts and c[1] in langs]
    empty: dict[str, dict[str, tuple[float, float] | None]] = {
        "mu": {"": None}, "article": {a: None for a in arts}, "language": {lang: None for lang in langs}}
    if not cells or not fit.identifiable:
        return empty
    stacked = np.stack([sums[c] for c in cells], axis=1)  # samples x cells x 3
    f1 = _f1_rows(stacked)
    present = (stacked[..., 1] > 0) | (stacked[..., 2] > 0)
    n_params = 1 + len(arts) + len(langs)
    params = np.full((len(stacked), n_params), np.nan)
    masks, group = np.unique(present, axis=0, return_inverse=True)
    for k, mask in enumerate(masks):
        chosen = [c for c, m in zip(cells, mask) if m]
        a_here = [a for a in arts if any(c[0] == a for c in chosen)]
        l_here = [lang for lang in langs if any(c[1] == lang for c in chosen)]
        if len(a_here) < len(arts) or len(l_here) < len(langs):
            continue  # a level lost all its cells in these resamples: its effect is undefined there
        proj = _projection(chosen, arts, langs)
        if proj is None:
            continue
        which = np.flatnonzero(group.reshape(-1) == k)
        params[which] = f1[which][:, mask] @ proj.T
    alpha = (1 - level) / 2

    def ci(j: int) -> tuple[float, float] | None:
        col = params[:, j]
        col = col[~np.isnan(col)]
        return (float(np.quantile(col, alpha)), float(np.quantile(col, 1 - alpha))) if len(col) else None

    return {"mu": {"": ci(0)}, "article": {a: ci(1 + i) for i, a in enumerate(arts)},
            "language": {lang: ci(1 + len(arts) + i) for i, lang in enumerate(langs)}}


def language_means(cells: Mapping[Cell, Mapping[str, int | float]], articles: Sequence[str],
                   languages: Sequence[str]) -> dict:
    """Per language, the mean F1 over the same articles and the micro F1 over those
    documents. ``cells``: (article, language) -> a count dict with ``tp``, ``pred``,
    ``gold`` and ``f1`` (one metric of the matrix); a cell with nothing to score counts as
    absent. The same articles: those with a cell present in every one of ``languages``."""
    present = {c for c, v in cells.items() if v["gold"] or v["pred"]}
    same = [a for a in articles if all((a, lang) in present for lang in languages)]
    missing = [f"{a}-{lang}" for a in articles for lang in languages if (a, lang) not in present]
    by_language: dict[str, dict] = {}
    for lang in languages:
        if not same:
            by_language[lang] = {"mean_f1": None, "micro_f1": None, "tp": 0, "pred": 0, "gold": 0}
            continue
        got = [cells[(a, lang)] for a in same]
        tp, pred, gold = (int(sum(v[k] for v in got)) for k in ("tp", "pred", "gold"))
        by_language[lang] = {"mean_f1": float(np.mean([v["f1"] for v in got])),
                             "micro_f1": float(_f1_rows(np.array([tp, pred, gold]))), "tp": tp, "pred": pred,
                             "gold": gold}
    return {"articles": same, "missing": missing, "languages": by_language}
