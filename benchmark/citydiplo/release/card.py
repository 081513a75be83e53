"""The dataset card (``README.md`` of the built dataset): YAML metadata for the Hub and
``datasets``, then a Markdown body (the prose in ``templates/card.md.j2``), all generated from
the data and the feature spec; this module assembles the data the template shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from citydiplo.release import meta as release
from citydiplo.release.features import CONFIGS, SPLIT, Feature, hf_feature
from citydiplo.formats.model import Document
from citydiplo.release.ontology import ontology_markdown
from citydiplo.formats.inventory import Inventory
from citydiplo.scoring.report import markdown_table
from citydiplo.release.stats import Stats, stats_markdown


@dataclass(frozen=True)
class ConfigFile:
    """A config's data file as written: path in the dataset directory, rows, bytes."""

    config: str
    path: str
    rows: int
    size: int


def size_category(n: int) -> str:
    """The Hub's ``size_categories`` bucket for ``n`` rows."""
    for limit, name in ((1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K"),
                        (1_000_000, "100K<n<1M")):
        if n < limit:
            return name
    return "n>1M"


TASK_CATEGORIES = ["token-classification"]
# One task id per annotation layer; the Hub has no ids for events and relations, so they
# take the `other-` prefix that the datasets library uses for ids outside its list.
TASK_IDS = ["named-entity-recognition", "entity-linking-classification", "other-event-extraction",
            "other-relation-extraction"]


def card_metadata(files: list[ConfigFile], features: dict[str, tuple[Feature, ...]],
                  languages: list[str]):
    """The YAML header as ``huggingface_hub.DatasetCardData``."""
    from huggingface_hub import DatasetCardData

    return DatasetCardData(
        pretty_name=release.PRETTY_NAME,
        license=release.LICENSE,
        license_name=release.LICENSE_NAME,
        license_link=release.LICENSE_LINK,
        language=languages,
        multilinguality="multilingual",
        task_categories=TASK_CATEGORIES,
        task_ids=TASK_IDS,
        size_categories=[size_category(max((f.rows for f in files), default=0))],
        annotations_creators=["machine-generated"],
        language_creators=["found"],
        source_datasets=["original"],
        tags=["city-diplomacy", "event-extraction", "nested-ner", "relation-extraction", "croissant"],
        configs=[
            {"config_name": f.config, "data_files": [{"split": SPLIT, "path": f.path}],
             **({"default": True} if f.config == CONFIGS[0] else {})}
            for f in files
        ],
        dataset_info=[
            {
                "config_name": f.config,
                "features": [hf_feature(x) for x in features[f.config]],
                "splits": [{"name": SPLIT, "num_bytes": f.size, "num_examples": f.rows}],
                "download_size": f.size,
                "dataset_size": f.size,
            }
            for f in files
        ],
    )


def _type_name(f: Feature) -> str:
    n = len(f.labels)
    base = f"label ({n} name{'s' if n != 1 else ''})" if f.dtype == "label" else f.dtype
    if f.dtype == "struct":
        base = "struct"
    return f"list of {base}" if f.repeated else base


def field_rows(features: tuple[Feature, ...], prefix: str = "") -> list[list[object]]:
    """One table row per (nested) field: dotted name, type, description."""
    rows: list[list[object]] = []
    for f in features:
        name = prefix + f.name + ("[]" if f.repeated and f.dtype == "struct" else "")
        rows.append([f"`{name}`", _type_name(f), f.description])
        if f.dtype == "struct":
            rows += field_rows(f.fields, name + ".")
    return rows


def _label_lines(features: dict[str, tuple[Feature, ...]]) -> list[str]:
    seen: dict[str, tuple[str, ...]] = {}

    def walk(fs: tuple[Feature, ...], prefix: str) -> None:
        for f in fs:
            if f.dtype == "label":
                seen.setdefault(prefix + f.name, f.labels)
            walk(f.fields, prefix + f.name + ".")

    for config in features:
        walk(features[config], f"{config}: ")
    by_labels: dict[tuple[str, ...], list[str]] = {}
    for where, labels in seen.items():
        by_labels.setdefault(labels, []).append(where)
    return [f"- {', '.join(f'`{w}`' for w in wheres)}: " + ", ".join(f"{i} `{n}`" for i, n in enumerate(labels))
            for labels, wheres in by_labels.items()]


@dataclass(frozen=True)
class CardInputs:
    """What the card shows beyond the data: the leaderboard table (from ``results/*.json``),
    the agreement block of DATASHEET.md, and one example row per config; the translations'
    losses and second-reading agreement; None when the project has none."""

    leaderboard: str | None = None
    agreement: str | None = None
    examples: tuple[tuple[str, dict], ...] = ()
    losses: str | None = None
    """The projection losses of the translations (``release.translations``); None: no translation."""
    translation_agreement: str | None = None
    """The translation-agreement block of DATASHEET.md."""
    parallel_hash: str = ""
    """The parallel track's content hash (the `parallel` config's data)."""


TEMPLATE = "---\n{{ card_data }}\n---\n\n{{ body }}"
DATASHEET_URL = f"{release.REPOSITORY_CODE}/blob/main/DATASHEET.md"
GUIDELINES_URL = f"{release.REPOSITORY_CODE}/blob/main/annotations/GUIDELINES.md"


def _example(row: dict) -> str:
    import json

    return json.dumps(row, ensure_ascii=False, indent=1)


def render_card(
    files: list[ConfigFile],
    features: dict[str, tuple[Feature, ...]],
    stats: Stats,
    documents: list[Document],
    inventory: Inventory,
    version: str,
    content_hash: str,
    inputs: CardInputs = CardInputs(),
    languages: list[str] | None = None,
) -> str:
    """The full ``README.md`` of the built dataset: the YAML header through
    ``huggingface_hub.DatasetCard``, the body from ``templates/card.md.j2``. ``languages``: those
    of every file (the YAML's ``language``), by default the released documents' (``stats``)."""
    from huggingface_hub import DatasetCard
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    env = Environment(loader=FileSystemLoader(str(Path(__file__).parent / "templates")), autoescape=False,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    body = env.get_template("card.md.j2").render(
        name=release.PRETTY_NAME, description=release.DESCRIPTION, creator=release.CREATOR, version=version,
        content_hash=content_hash, languages=", ".join(stats.languages) or "(none yet)",
        repository=release.REPOSITORY_CODE, datasheet=DATASHEET_URL, guidelines=GUIDELINES_URL,
        ner_types=", ".join(inventory.ner_types), event_types=", ".join(inventory.event_types), n_documents=len(documents),
        leaderboard=(inputs.leaderboard or "").strip(), agreement=(inputs.agreement or "").strip(),
        examples=[(config, _example(row)) for config, row in inputs.examples],
        field_tables=[(f.config, markdown_table(["field", "type", "description"], field_rows(features[f.config])))
                      for f in files],
        label_lines="\n".join(_label_lines(features)), stats=stats_markdown(stats, inventory),
        sources=markdown_table(["document", "language", "title", "publisher", "date"],
                               [[f"`{d.id}`", d.language, d.meta.title or "—", d.meta.publisher or "—",
                                 d.meta.date or "—"] for d in documents]),
        ontology=ontology_markdown(),
        one_per_language=bool(stats.documents) and max(stats.documents.values()) == 1,
        translations=inputs.losses is not None, losses=(inputs.losses or "").strip(),
        translation_agreement=(inputs.translation_agreement or "").strip(), parallel_hash=inputs.parallel_hash,
        translation_provenance=release.TRANSLATION_PROVENANCE,
        provenance=release.PROVENANCE, license_text=release.LICENSE_TEXT, license_link=release.LICENSE_LINK, bibtex=release.bibtex(version),
        contact=release.CONTACT)
    card = DatasetCard.from_template(card_metadata(files, features, languages or stats.languages), template_str=TEMPLATE,
                                     body=body)
    return str(card)
