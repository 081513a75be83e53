"""The ``bench`` command: click commands only (parse options, call one function, print).

Heavy modules are imported inside the commands so that ``bench --help`` stays fast.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from citydiplo.scoring.defaults import DEFAULT_SAMPLES, DEFAULT_SEED, MIN_SAMPLES
from citydiplo.version import __version__


class Bench(click.Group):
    """The ``bench`` group: a user's bad input (``InputError``) ends any command, built in or
    contributed through the ``citydiplo.commands`` entry points, with ``file:line: problem``
    on stderr and exit code 2 (or the error's own ``exit_code``: 3 when no LLM request got
    an answer)."""

    def invoke(self, ctx: click.Context):
        from citydiplo.errors import InputError

        try:
            return super().invoke(ctx)
        except InputError as exc:
            if ctx.meta.get(DEBUG_KEY):
                import traceback

                click.echo("".join(traceback.format_exception(exc)), err=True, nl=False)
            click.echo(f"error: {exc}", err=True)
            ctx.exit(getattr(exc, "exit_code", 2))
        except OSError as exc:  # a full disk, permissions, a link loop: one line, never a traceback
            from citydiplo.files import os_problem

            if ctx.meta.get(DEBUG_KEY):
                import traceback

                click.echo("".join(traceback.format_exception(exc)), err=True, nl=False)
            where = exc.filename if exc.filename is not None else "bench"
            click.echo(f"error: {where}: {os_problem(exc)}", err=True)
            ctx.exit(2)

    def _plugins(self) -> dict:
        from importlib import metadata

        return {ep.name: ep for ep in metadata.entry_points(group=PLUGIN_GROUP)}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(super().list_commands(ctx)) | set(self._plugins()))

    def get_command(self, ctx: click.Context, name: str):
        command = super().get_command(ctx, name)
        if command is None and name in (plugins := self._plugins()):
            command = plugins[name].load()
        return command


PLUGIN_GROUP = "citydiplo.commands"
DEBUG_KEY = "citydiplo.debug"


def _set_debug(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if value:
        ctx.meta[DEBUG_KEY] = True


debug_option = click.option("--debug", is_flag=True, expose_value=False, callback=_set_debug,
                            help="On an error, print the traceback too (e.g. of a model that failed).")


def _out(path: str | None, *inputs, directory: bool = False) -> Path | None:
    """Refuse an --out that cannot be written (or is an input) before any work is done."""
    from citydiplo.files import check_output

    return None if path is None else check_output(path, inputs, directory=directory)


def _root(root: str | None) -> Path:
    from citydiplo.corpus.project import project_root

    return project_root(root)


def _gold_inputs(base: Path) -> tuple[Path, ...]:
    """The folders of the benchmark that every command reading gold takes as input."""
    return base / "annotations", base / "corpus", base / "seeds"


def _warn_unpinned(base: Path) -> bool:
    """Warn on stderr when the gold read is not the pinned, released gold; True if pinned."""
    from citydiplo.corpus.pinning import pin_warning

    warning = pin_warning(base)
    if warning:
        click.echo(f"warning: {warning}", err=True)
    return not warning


def _checkout(root: str | None, command: str, what: str) -> Path:
    """The project to write into; the installed package's copy of the benchmark is refused
    in one line (it is read-only data that the wheel's checks and figures rest on)."""
    from citydiplo.corpus.project import is_bundle
    from citydiplo.errors import InputError

    base = _root(root)
    if is_bundle(base):
        raise InputError(f"bench {command}", 0, f"needs a checkout of the repository: it {what}, and the copy of the "
                                                "benchmark installed with the package is read-only data (run it in a "
                                                "clone, or pass --root DIR)")
    return base


root_option = click.option(
    "--root", type=click.Path(file_okay=False), default=None,
    help="Project directory holding seeds/, corpus/ and annotations/ (default: this checkout or $CITYDIPLO_ROOT).",
)


@click.group(cls=Bench)
@click.version_option(__version__, prog_name="bench")
def main() -> None:
    """CityDiplo: multilingual city-diplomacy event extraction benchmark."""


@main.command()
@root_option
@click.option("--check", is_flag=True, help="Only check that corpus/ is up to date; exit 1 if not.")
def corpus(root: str | None, check: bool) -> None:
    """Build corpus/<doc>.txt and .json from seeds/ and corpus/recipe.json."""
    from citydiplo.corpus.documents import built_files
    from citydiplo.files import write_atomic

    base = _root(root) if check else _checkout(root, "corpus", "rewrites corpus/ from seeds/")
    stale = []
    for name, content in built_files(base).items():
        path = base / "corpus" / name
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current != content:
            stale.append(name)
            if not check:
                write_atomic(path, content)
    if check and stale:
        click.echo("stale: " + ", ".join(stale), err=True)
        sys.exit(1)
    click.echo(f"{'stale' if check else 'rebuilt'}: {len(stale)} file(s)")


@main.command()
@click.argument("doc_id")
@root_option
def sentences(doc_id: str, root: str | None) -> None:
    """Print the numbered sentences of a document (for writing mention lists)."""
    from citydiplo.corpus.documents import read_document

    doc = read_document(doc_id, _root(root))
    for i, s in enumerate(doc.meta.sentences, 1):
        click.echo(f"{i}\t{doc.text[s.start:s.end]}")


@main.command()
@click.argument("mention_list", type=click.Path(exists=True, dir_okay=False))
@click.argument("doc_id")
@click.option("--out", "out", type=click.Path(dir_okay=False), required=True, help="The .ann file to write.")
@root_option
def anchor(mention_list: str, doc_id: str, out: str, root: str | None) -> None:
    """Turn a hand-written mention list (TSV) into a brat .ann file."""
    from citydiplo.annotation.anchoring import anchor as do_anchor
    from citydiplo.annotation.anchoring import parse_mention_list
    from citydiplo.formats.brat import serialize_ann
    from citydiplo.corpus.documents import read_document
    from citydiplo.files import read_text, write_atomic

    _out(out, mention_list)
    doc = read_document(doc_id, _root(root), annotations_dir=Path("/nonexistent"))
    rows = parse_mention_list(read_text(mention_list), mention_list)
    ann = do_anchor(rows, doc.text, doc.meta.sentences, mention_list)
    write_atomic(Path(out), serialize_ann(ann))
    click.echo(f"{out}: {len(ann.textbounds)} mention(s), {len(ann.normalizations)} normalisation(s)")


@main.command("anchor-events")
@click.argument("event_list", type=click.Path(exists=True, dir_okay=False))
@click.argument("doc_id")
@click.option("--entities", type=click.Path(exists=True, dir_okay=False), required=True,
              help="The .ann file holding the entity layer the arguments point at.")
@click.option("--out", "out", type=click.Path(dir_okay=False), required=True, help="The .ann file to write.")
@root_option
def anchor_events_cmd(event_list: str, doc_id: str, entities: str, out: str, root: str | None) -> None:
    """Add a hand-written event list (TSV) to an entity layer, writing a brat .ann file."""
    from citydiplo.annotation.anchoring import anchor_events
    from citydiplo.formats.brat import parse_ann, serialize_ann
    from citydiplo.corpus.documents import read_document
    from citydiplo.files import read_text, write_atomic

    _out(out, event_list, entities)
    doc = read_document(doc_id, _root(root), annotations_dir=Path("/nonexistent"))
    base = parse_ann(read_text(entities), entities)
    ann = anchor_events(read_text(event_list), doc.text, doc.meta.sentences, base, event_list)
    write_atomic(Path(out), serialize_ann(ann))
    click.echo(f"{out}: {len(ann.events)} event(s), {len(ann.relations)} relation(s)")


fmt_option = click.option("--format", "fmt", type=click.Choice(["table", "json", "markdown"]), default="table",
                          help="How to print the figures.")
samples_option = click.option("--samples", type=click.IntRange(MIN_SAMPLES), default=DEFAULT_SAMPLES, show_default=True,
                              help=f"Bootstrap resamples for the 95% intervals (at least {MIN_SAMPLES}).")
seed_option = click.option("--seed", type=int, default=DEFAULT_SEED, show_default=True, help="Bootstrap seed.")
input_format_option = click.option(
    "--input-format", type=click.Choice(["tokens", "chars", "brat", "strings"]), default=None,
    help="Read the predictions in this format (default: detected from the content).")
track_option = click.option(
    "--track", type=click.Choice(["default", "parallel"]), default="default", show_default=True,
    help="default: the five originals (the leaderboard's); parallel: every version of every article (originals "
         "and translations), with an article x language matrix and cross-lingual consistency.")
task_option = click.option(
    "--task", type=click.Choice(["ner", "ed", "eae", "e2e"]), default="e2e", show_default=True,
    help="ner: entities; ed: triggers and realis; eae: arguments and realis given the gold triggers; "
         "e2e: everything from raw text.")


def _languages(ctx: click.Context, param: click.Parameter, value: str | None) -> tuple[str, ...] | None:
    return None if value is None else tuple(v.strip() for v in value.split(",") if v.strip())


def _apply(options: list, func):
    """``func`` decorated with ``options``, the first listed shown first in ``--help``."""
    for option in reversed(options):
        func = option(func)
    return func


def setting_options(func):
    """--label-map, --scheme and --languages (README, "Other taggers' labels")."""
    options = [
        click.option("--label-map", default=None, metavar="NAME|FILE",
                     help="Map another tagger's entity labels first: spacy, conll, wikiner, or a JSON file "
                          "{\"LABEL\": \"TYPE\" or null}."),
        click.option("--scheme", type=click.Choice(["full", "coarse"]), default="full", show_default=True,
                     help="coarse: score CITY, GPE and LOC as LOC (gold and predictions alike)."),
        click.option("--languages", default=None, callback=_languages, metavar="LANG,LANG",
                     help="Evaluate the test documents of these languages only (e.g. lv,uk), any MODEL, llm: "
                          "included; the results are marked and the leaderboard refuses such a partial run."),
    ]
    return _apply(options, func)


@main.command()
@click.argument("pass_a", type=click.Path(exists=True, file_okay=False))
@click.argument("pass_b", type=click.Path(exists=True, file_okay=False))
@root_option
@fmt_option
@click.option("--entities-only", is_flag=True, help="Leave out the event figures.")
def agreement(pass_a: str, pass_b: str, root: str | None, fmt: str, entities_only: bool) -> None:
    """Inter-annotator agreement between two directories of .ann files."""
    from citydiplo.scoring.agreement import agreement as compute
    from citydiplo.corpus.documents import read_corpus
    from citydiplo.scoring.report import agreement_report

    base = _root(root)
    result = compute(read_corpus(base, Path(pass_a)), read_corpus(base, Path(pass_b)), not entities_only)
    click.echo(agreement_report(result, fmt))


def _llm(models: tuple[str, ...], cache_dir: str | None, no_cache: bool | None, llm: dict, *inputs: object):
    """The ``LLMOptions`` when one of ``models`` is ``llm:...``, from the options given (an
    option not given keeps ``LLMOptions``' default); ``None`` otherwise, and then no LLM
    option may be given."""
    given = {k: v for k, v in llm.items() if v is not None}
    if cache_dir is not None or no_cache:
        given["cache"] = False if no_cache else cache_dir
    if not any(m.startswith("llm:") for m in models):
        if given:
            names = ["--no-cache" if k == "cache" and no_cache else "--" + k.replace("_", "-") for k in given]
            raise click.UsageError(f"{', '.join(names)}: LLM options apply to llm:MODEL only, not "
                                   f"{' or '.join(repr(m) for m in models)}")
        return None
    from citydiplo.evaluation.llm.options import LLMOptions

    _out(given.get("log"), *inputs)
    return LLMOptions(progress=True, **given)


def llm_options(func):
    """The options of ``bench evaluate llm:MODEL`` (see README, "Evaluating an LLM"). None has a
    click default: an option not given is left out, so ``LLMOptions`` holds the only defaults
    and any other MODEL can refuse an LLM option that was given."""
    from citydiplo.evaluation.llm.options import GRANULARITIES, default

    def shown(name: str) -> str:
        return f"  [default: {default(name)}]"

    options = [
        click.option("--base-url", default=None, help="llm: the server's OpenAI-compatible API, e.g. http://127.0.0.1:8000/v1."),
        click.option("--api-key-env", default=None,
                     help="llm: the environment variable holding the API key (local servers need none)."
                     + shown("api_key_env")),
        click.option("--shots", type=click.IntRange(0), default=None,
                     help="llm: few-shot examples, from the gold of other documents only." + shown("shots")),
        click.option("--granularity", type=click.Choice(GRANULARITIES), default=None,
                     help="llm: one request per document or per sentence." + shown("granularity")),
        click.option("--temperature", type=float, default=None,
                     help="llm: sampling temperature." + shown("temperature")),
        click.option("--sampling-seed", type=int, default=None,
                     help="llm: the sampling seed sent to the server (--seed is the bootstrap's)."),
        click.option("--max-tokens", type=click.IntRange(1), default=None,
                     help="llm: the longest answer; a longer one is cut off and counted as truncated."
                     + shown("max_tokens")),
        click.option("--concurrency", type=click.IntRange(1), default=None,
                     help="llm: requests in flight at once." + shown("concurrency")),
        click.option("--timeout", type=click.FloatRange(0, min_open=True), default=None,
                     help="llm: seconds to wait for one answer." + shown("timeout")),
        click.option("--max-retries", type=click.IntRange(0), default=None,
                     help="llm: retries of a request after a 429, a 5xx, a timeout or a lost connection."
                     + shown("max_retries")),
        click.option("--cache", "cache_dir", type=click.Path(file_okay=False), default=None,
                     help="llm: the response cache (default: $CITYDIPLO_CACHE or ~/.cache/citydiplo/llm)."),
        click.option("--no-cache", is_flag=True, default=None, help="llm: neither read nor write the response cache."),
        click.option("--prompt-version", default=None, help="llm: the prompt to send." + shown("prompt_version")),
        click.option("--limit", type=click.IntRange(1), default=None,
                     help="llm: only the first N units (evaluate only; the results are marked and the leaderboard "
                          "refuses them)."),
        click.option("--log", "log", type=click.Path(dir_okay=False), default=None,
                     help="llm: write one JSON line per unit (messages, answer, parsed items, problems, usage, "
                          "latency) to this file."),
    ]
    return _apply(options, func)


def scoring_options(func):
    """The options ``bench evaluate`` and ``bench compare`` share, in their ``--help`` order."""
    return _apply([input_format_option, task_option, track_option, setting_options, samples_option, seed_option,
                   debug_option, llm_options], func)


@main.command()
@click.argument("model")
@root_option
@fmt_option
@click.option("--out", "out", type=click.Path(dir_okay=False), default=None,
              help="Write the results JSON (for the leaderboard) here.")
@click.option("--name", default=None, help="The system's name in the results and the leaderboard (default: MODEL).")
@scoring_options
def evaluate(model: str, root: str | None, fmt: str, out: str | None, name: str | None, input_format: str | None,
             task: str, track: str, label_map: str | None, scheme: str, languages: tuple[str, ...] | None,
             samples: int, seed: int, cache_dir: str | None, no_cache: bool, **llm: object) -> None:
    """Score MODEL: a registered model, a predictions file, a HF model dir, module:function or llm:MODEL."""
    import json

    from citydiplo.evaluation.evaluate import evaluate as run
    from citydiplo.files import write_atomic

    base = _root(root)
    _out(out, model, *_gold_inputs(base))
    options = _llm((model,), cache_dir, no_cache, llm, out, model, *_gold_inputs(base))
    _warn_unpinned(base)
    try:
        results = run(model, base, samples, seed, name=name, input_format=input_format, llm=options, task=task,
                      label_map=label_map, scheme=scheme, languages=languages, track=track)
    except KeyboardInterrupt:
        if options is None:
            raise
        click.echo("interrupted: every answer received so far is cached; the same command resumes from them",
                   err=True)
        sys.exit(130)
    if out:
        write_atomic(Path(out), json.dumps(results.to_dict(), indent=2, ensure_ascii=False) + "\n")
    click.echo(results.render(fmt))


@main.command()
@click.argument("unit_id")
@click.option("--shots", type=click.IntRange(0), default=0, show_default=True,
              help="Few-shot examples, from the gold of other documents only.")
@click.option("--prompt-version", default="v1", show_default=True, help="The prompt version to show.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text: the messages one after another; json: the messages list as sent.")
@task_option
@root_option
def prompt(unit_id: str, shots: int, prompt_version: str, fmt: str, task: str, root: str | None) -> None:
    """Print the exact messages `bench evaluate llm:MODEL` sends for UNIT_ID: a document id
    (document granularity) or a sentence id such as 000-lv-003 (sentence granularity)."""
    import json

    from citydiplo.evaluation.llm.prompt import prompt_messages

    messages = prompt_messages(_root(root), unit_id, shots, prompt_version, task)
    if fmt == "json":
        click.echo(json.dumps(messages, ensure_ascii=False, indent=2))
        return
    for m in messages:
        click.echo(f"===== {m['role']} =====")
        click.echo(m["content"])


@main.command()
def models() -> None:
    """List the registered models MODEL can name (and the other kinds of MODEL)."""
    from citydiplo.evaluation.evaluate import registered_models

    for name, ep in sorted(registered_models().items()):
        click.echo(f"{name}\t{ep.value}")
    click.echo("(MODEL may also be a predictions file, a local Hugging Face model directory, module:function "
               "or llm:MODEL with --base-url URL)",
               err=True)


@main.command()
@click.argument("model_a")
@click.argument("model_b")
@root_option
@fmt_option
@scoring_options
def compare(model_a: str, model_b: str, root: str | None, fmt: str, input_format: str | None, task: str, track: str,
            label_map: str | None, scheme: str, languages: tuple[str, ...] | None, samples: int, seed: int,
            cache_dir: str | None, no_cache: bool, **llm: object) -> None:
    """Paired bootstrap test between two systems on every headline F1 of the task (and the
    secondary ones); either may be llm:MODEL (the llm options apply to both)."""
    from citydiplo.evaluation.evaluate import compare as run
    from citydiplo.scoring.report import compare_report

    if llm["log"] and model_a.startswith("llm:") and model_b.startswith("llm:"):
        raise click.UsageError("--log takes the units of one llm: model; log each with bench evaluate")
    base = _root(root)
    options = _llm((model_a, model_b), cache_dir, no_cache, llm, model_a, model_b, *_gold_inputs(base))
    _warn_unpinned(base)
    click.echo(compare_report(run(model_a, model_b, base, samples, seed, input_format, label_map, scheme, languages,
                                  llm=options, task=task, track=track), fmt))


@main.command()
@click.argument("model")
@click.option("--out", "out", type=click.Path(dir_okay=False), required=True, help="The predictions JSONL to write.")
@click.option("--label-map", default=None, metavar="NAME|FILE",
              help="Write another tagger's entity labels as the schema's: spacy, conll, wikiner, or a JSON file.")
@root_option
@task_option
@track_option
@debug_option
@llm_options
def predict(model: str, out: str, label_map: str | None, root: str | None, task: str, track: str, cache_dir: str | None,
            no_cache: bool, **llm: object) -> None:
    """Run MODEL and write its checked predictions (for `bench view --predictions` or sharing)."""
    from citydiplo.files import write_atomic
    from citydiplo.evaluation.evaluate import write_predictions

    base = _root(root)
    _out(out, model, *_gold_inputs(base))
    options = _llm((model,), cache_dir, no_cache, llm, out, model, *_gold_inputs(base))
    _warn_unpinned(base)
    n = write_predictions(model, base, Path(out), write_atomic, label_map=label_map, llm=options, task=task,
                          track=track)
    click.echo(f"{out}: {n} sentence(s)")


@main.command("gold-predictions")
@click.option("--out", "out", type=click.Path(), required=True,
              help="The file to write (a directory of .ann files for --format brat).")
@click.option("--format", "fmt", type=click.Choice(["tokens", "chars", "brat", "strings"]), default="tokens",
              show_default=True, help="The prediction format to write the gold in.")
@click.option("--no-hints", is_flag=True, help="strings: leave out the occurrence hints (what an LLM writes).")
@click.option("--granularity", type=click.Choice(["document", "sentence"]), default="document", show_default=True,
              help="strings: one record per document or per sentence.")
@track_option
@root_option
def gold_predictions(out: str, fmt: str, no_hints: bool, granularity: str, track: str, root: str | None) -> None:
    """Write the gold annotations as predictions in a format (a format example; scores 100.0)."""
    from citydiplo.evaluation.gold_output import write_gold_predictions
    from citydiplo.files import write_atomic

    base = _root(root)
    _out(out, *_gold_inputs(base), directory=fmt == "brat")
    _warn_unpinned(base)
    n, unit = write_gold_predictions(base, Path(out), fmt, write_atomic, not no_hints, granularity, track)
    click.echo(f"{out}: {n} {unit}(s)")


@main.command()
@click.argument("results_dir", type=click.Path(file_okay=False))
@click.option("--out", "out", type=click.Path(dir_okay=False), default=None,
              help="Write the Markdown here (e.g. benchmark/LEADERBOARD.md) instead of printing it.")
@click.option("--readme", type=click.Path(exists=True, dir_okay=False), default=None,
              help="Also rewrite the table between <!-- leaderboard:start/end --> in this file.")
@click.option("--include-incomplete", is_flag=True,
              help="Rank LLM runs that are incomplete or cover a subset (--limit, --languages) too, marked.")
def leaderboard(results_dir: str, out: str | None, readme: str | None, include_incomplete: bool) -> None:
    """Render the leaderboard (Markdown) from the results JSON files in RESULTS_DIR."""
    from citydiplo.text import replace_block
    from citydiplo.files import read_text, write_atomic
    from citydiplo.scoring.report import leaderboard_page, leaderboard_table
    from citydiplo.scoring.results_files import read_results

    _out(out, readme, results_dir)
    results = read_results(Path(results_dir), include_incomplete)
    text = leaderboard_page(results)
    if readme:
        path = Path(readme)
        write_atomic(path, replace_block(read_text(path), "leaderboard", leaderboard_table(results), readme))
    if out:
        write_atomic(Path(out), text)
        click.echo(f"{out}: {len(results)} system(s)")
    elif not readme:
        click.echo(text, nl=False)


@main.command("check-results")
@click.argument("results_file", type=click.Path(dir_okay=False))
@click.option("--predictions", type=click.Path(exists=True), default=None,
              help="The predictions the results were scored from: they must give the same figures again.")
@click.option("--label-map", default=None, metavar="FILE",
              help="The label map file the predictions were scored through (built-in maps are found by name).")
@root_option
def check_results(results_file: str, predictions: str | None, label_map: str | None, root: str | None) -> None:
    """Check a results file for the leaderboard: schema, whole test set, this data, and (with
    --predictions) that its predictions reproduce it. What CI runs on results/*.json."""
    from citydiplo.evaluation.submission import check_results as run

    checked = run(Path(results_file), _root(root), Path(predictions) if predictions else None, label_map)
    click.echo(checked.summary(results_file))


@main.command()
@root_option
@click.option("--annotations", "annotations_dir", type=click.Path(file_okay=False), default=None,
              help="Directory of .ann files to check (default: annotations/).")
def validate(root: str | None, annotations_dir: str | None) -> None:
    """Check seeds, corpus and annotations; one line per problem, exit 1 if any."""
    from citydiplo.annotation.validate import validate_project

    base = _root(root)
    problems = validate_project(base, Path(annotations_dir) if annotations_dir else None)
    for p in problems:
        click.echo(str(p))
    if problems:
        click.echo(f"{len(problems)} problem(s)", err=True)
        sys.exit(1)
    click.echo("valid")


@main.command("pin-gold")
@root_option
def pin_gold(root: str | None) -> None:
    """Rewrite annotations/SHA256SUMS from the gold now (after a deliberate gold change)."""
    from citydiplo.corpus.pinning import CHANGELOG, pin, read_changelog
    from citydiplo.version import DATASET_VERSION

    base = _checkout(root, "pin-gold", "rewrites annotations/SHA256SUMS for a new release of the gold")
    path, digest = pin(base)
    click.echo(f"{path}: pinned; sha256:{digest}")
    entries = read_changelog(base / CHANGELOG) if (base / CHANGELOG).exists() else []
    if entries and entries[0].version == DATASET_VERSION and entries[0].gold not in (None, digest):
        click.echo(f"DATASET_VERSION {DATASET_VERSION} already released another gold: bump it in "
                   "benchmark/citydiplo/version.py", err=True)
    click.echo(f"the {CHANGELOG} entry of the new DATASET_VERSION must say: Gold: sha256:{digest}", err=True)


@main.command()
@click.argument("doc_ids", nargs=-1)
@click.option("--out", "out", type=click.Path(file_okay=False), required=True,
              help="Directory to write the static site into (index.html and one page per document).")
@click.option("--results", "results", type=click.Path(exists=True, dir_okay=False), default=None,
              help="Results JSON from `bench evaluate --out`: F1 bars (with CIs) on the index; refused if it "
                   "belongs to other predictions than --predictions.")
@click.option("--predictions", "predictions", type=click.Path(exists=True), multiple=True,
              help="Predictions in any input format (tokens, chars or strings JSONL, or a brat directory): adds "
                   "errors pages (every layer's error classes); give it twice for two systems side by side "
                   "(who gets what right, paired test).")
@click.option("--compare", "compare", type=click.Path(exists=True, file_okay=False), nargs=2, default=None,
              metavar="PASS_A PASS_B", help="Two directories of .ann files to show side by side with their disagreements.")
@click.option("--annotations", "annotations_dir", type=click.Path(file_okay=False), default=None,
              help="Directory of gold .ann files (default: annotations/).")
@root_option
def view(doc_ids: tuple[str, ...], out: str, results: str | None, predictions: tuple[str, ...],
         compare: tuple[str, str] | None, annotations_dir: str | None, root: str | None) -> None:
    """Write a self-contained static HTML site of the annotations (and errors, passes, results)."""
    from citydiplo.evaluation.evaluate import compare as paired_test
    from citydiplo.scoring.results_files import read_results_file
    from citydiplo.viewer.view import make_site

    base = _root(root)
    _out(out, results, *predictions, *(compare or ()), annotations_dir, *_gold_inputs(base), directory=True)
    if annotations_dir is None or Path(annotations_dir).resolve() == (base / "annotations").resolve():
        _warn_unpinned(base)
    # the viewer is given the figures: the results file's, and the paired test of two systems
    paths = make_site(
        base, Path(out), doc_ids,
        annotations_dir=Path(annotations_dir) if annotations_dir else None,
        results=read_results_file(Path(results)) if results else None, results_name=results or "",
        predictions_path=[Path(p) for p in predictions] or None,
        compare=(Path(compare[0]), Path(compare[1])) if compare else None,
        paired=paired_test(predictions[0], predictions[1], base) if len(predictions) == 2 else None,
    )
    click.echo(f"{Path(out) / 'index.html'}: {len(paths)} page(s)")


@main.command()
@root_option
@click.option("--out", "out", type=click.Path(file_okay=False), default=None,
              help="Directory to build into (default: dataset/ in the project).")
@click.option("--check", is_flag=True, help="Only check that the built directory is up to date; exit 1 if not.")
def build(root: str | None, out: str | None, check: bool) -> None:
    """Build the Hugging Face dataset (card, Croissant, JSON Lines) from corpus + gold."""
    from citydiplo.release.build import build as do_build
    from citydiplo.corpus.benchmark import load_benchmark
    from citydiplo.release.build import dataset_files, stale_paths, stats
    from citydiplo.annotation.validate import validate_project

    base = _root(root) if check or out else _checkout(root, "build", "rewrites dataset/ (give --out DIR to build elsewhere)")
    target = Path(out) if out else base / "dataset"
    if not check:
        _out(str(target), *_gold_inputs(base), directory=True)
    problems = validate_project(base)
    if problems:
        for p in problems:
            click.echo(str(p), err=True)
        click.echo(f"{len(problems)} problem(s); fix them before building (`bench validate`)", err=True)
        sys.exit(1)
    if check:
        stale = stale_paths(target, dataset_files(load_benchmark(base)))
        if stale:
            click.echo(f"{target}: stale: " + ", ".join(stale), err=True)
            sys.exit(1)
        click.echo(f"{target}: up to date")
        return
    out_dir, rel, files = do_build(base, target)
    rows = ", ".join(f"{c} {n}" for c, n in stats(rel).rows.items())
    click.echo(f"{out_dir}: {len(files)} files; rows: {rows}; version {rel.version}, "
               f"content sha256:{rel.content_hash[:16]}")


@main.command()
@root_option
@click.option("--format", "fmt", type=click.Choice(["conll", "jsonl", "textee"]), required=True,
              help="Export format (textee: TextEE/OneIE JSON Lines, one window per sentence).")
@click.option("--out", "out", type=click.Path(file_okay=False), required=True, help="Directory to write into.")
@click.option("--inner", is_flag=True, help="CoNLL: add a third column with the inner-level tags.")
def export(root: str | None, fmt: str, out: str, inner: bool) -> None:
    """Export the gold data as CoNLL, JSON Lines or TextEE JSON: all.<ext> and one file per language."""
    from citydiplo.files import replace_tree
    from citydiplo.corpus.benchmark import load_benchmark
    from citydiplo.release.build import require_documents
    from citydiplo.release.exports import export_files

    base = _root(root)
    _out(out, *_gold_inputs(base), directory=True)
    _warn_unpinned(base)
    rel = require_documents(load_benchmark(base))
    files = export_files([rel.document_records(d.id) for d in rel.documents], fmt, inner, gold=rel.documents)
    replace_tree(Path(out), files, what="export")
    click.echo(f"{out}: " + ", ".join(files))


@main.command()
@root_option
@click.option("--check", is_flag=True, help="Only check that the generated blocks are up to date; exit 1 if not.")
def datasheet(root: str | None, check: bool) -> None:
    """Regenerate the statistics and removals blocks of DATASHEET.md from the data."""
    from citydiplo.files import write_atomic
    from citydiplo.release.datasheet import render

    path, text = render(_root(root) if check else _checkout(root, "datasheet", "rewrites DATASHEET.md"))
    if path.read_text(encoding="utf-8") == text:
        click.echo(f"{path}: up to date")
    elif check:
        click.echo(f"{path}: stale; run `bench datasheet`", err=True)
        sys.exit(1)
    else:
        write_atomic(path, text)
        click.echo(f"{path}: updated")


@main.command()
@click.argument("repo_id")
@root_option
@click.option("--dir", "directory", type=click.Path(file_okay=False), default=None,
              help="Built dataset directory (default: dataset/ in the project).")
@click.option("--dry-run", is_flag=True, help="Only list the files (path, size, sha256) that would be sent.")
def publish(repo_id: str, root: str | None, directory: str | None, dry_run: bool) -> None:
    """Upload the built dataset to the Hub as REPO_ID (token from $HF_TOKEN) and tag it."""
    from citydiplo.release.publish import check_fresh, upload_plan
    from citydiplo.release.publish import publish as do_publish

    base = _root(root) if dry_run else _checkout(root, "publish", "publishes a release built from the checkout")
    target = Path(directory) if directory else base / "dataset"
    plan = upload_plan(target)
    check_fresh(target, base)
    if dry_run:
        for f in plan:
            click.echo(f"{f.path}\t{f.size}\t{f.sha256}")
        click.echo(f"dry run: {len(plan)} file(s), {sum(f.size for f in plan)} bytes would be sent to "
                   f"datasets/{repo_id}")
        return
    click.echo(do_publish(target, repo_id))


if __name__ == "__main__":  # pragma: no cover
    main()
