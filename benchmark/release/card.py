"""The dataset card (``README.md`` of the built dataset): YAML metadata for the Hub and
``datasets``, then a Markdown body, all generated from the data and the feature spec.
"""

from __future__ import annotations

from dataclasses import dataclass

from citydiplo.release import meta as release
from citydiplo.release.features import CONFIGS, SPLIT, Feature, hf_feature
from citydiplo.formats.model import Document
from citydiplo.release.ontology import ontology_markdown
from citydiplo.formats.schema import NER_TYPES
from citydiplo.formats.text_tables import markdown_table
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


def card_metadata(files: list[ConfigFile], features: dict[str, tuple[Feature, ...]],
                  languages: list[str]) -> dict:
    """The YAML header as a plain dict, in the order it is written."""
    return {
        "pretty_name": release.PRETTY_NAME,
        "license": release.LICENSE,
        "language": languages,
        "multilinguality": "multilingual",
        "task_categories": ["token-classification"],
        "task_ids": ["named-entity-recognition"],
        "size_categories": [size_category(max((f.rows for f in files), default=0))],
        "annotations_creators": ["expert-generated"],
        "language_creators": ["found"],
        "source_datasets": ["original"],
        "tags": ["city-diplomacy", "event-extraction", "nested-ner", "relation-extraction", "croissant"],
        "configs": [
            {"config_name": f.config, "data_files": [{"split": SPLIT, "path": f.path}],
             **({"default": True} if f.config == CONFIGS[0] else {})}
            for f in files
        ],
        "dataset_info": [
            {
                "config_name": f.config,
                "features": [hf_feature(x) for x in features[f.config]],
                "splits": [{"name": SPLIT, "num_bytes": f.size, "num_examples": f.rows}],
                "download_size": f.size,
                "dataset_size": f.size,
            }
            for f in files
        ],
    }


def to_yaml(data: dict) -> str:
    """Block-style YAML, keys in the given order, non-ASCII kept readable."""
    import yaml

    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, default_flow_style=False, width=100)


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


BODY_INTRO = """\
# {name}

{description}

- **Version:** {version}
- **Content hash:** `sha256:{content_hash}` (sha256 over `corpus/` and `annotations/` of the
  source repository, as computed by `citydiplo.corpus.project.content_hash`; report it with results so
  that they name the exact data they were computed on)
- **Languages:** {languages}
- **Split:** everything is in one `test` split (an evaluation set: there is no training data);
  the language is a column, so per-language subsets are a `filter` away.

## Loading

```python
from datasets import load_dataset

ner = load_dataset("path/or/hub-id/of/this/dataset", "ner", split="test")
tag_names = ner.features["ner_tags"].feature.names
events = load_dataset("path/or/hub-id/of/this/dataset", "events", split="test")
documents = load_dataset("path/or/hub-id/of/this/dataset", "documents", split="test")
```

No loading script is involved: the data files are JSON Lines and the features, including
the label names of every class-label column, are declared in this card's YAML header.
Label columns are stored as names in the files and read as integer ids by `datasets`.

## Configurations

- `ner` — one row per sentence: tokens with outer-level (`ner_tags`) and inner-level
  (`ner_tags_inner`) entity tags in IOB2. Nesting is at most two levels deep.
- `events` — one row per sentence: the event mentions whose trigger lies in the sentence,
  with type, realis and arguments, and the PARTNER_OF relations whose two cities lie in it.
  Arguments are annotated within the trigger's sentence and a relation links two cities of
  one sentence (the guidelines require it and `bench validate` checks it), so this config
  holds every event and relation. Spans are `[first, last_exclusive)` token indices into
  `tokens`.
- `documents` — one row per document: the full text, its metadata and provenance, and
  every annotation with character offsets (Python code points) into `text`.

Sentence `id`s (`<doc_id>-<nnn>`) are shared by `ner` and `events`; sentence `nnn` of a
document is `sentences[nnn - 1]` in the `documents` config, and `citydiplo.formats.tokens.tokenize`
reproduces its tokens.
"""


def render_card(
    files: list[ConfigFile],
    features: dict[str, tuple[Feature, ...]],
    stats: Stats,
    documents: list[Document],
    event_types: tuple[str, ...],
    version: str,
    content_hash: str,
) -> str:
    """The full ``README.md`` of the built dataset."""
    languages = stats.languages
    parts = [
        "---\n" + to_yaml(card_metadata(files, features, languages)) + "---\n",
        BODY_INTRO.format(
            name=release.PRETTY_NAME, description=release.DESCRIPTION, version=version,
            content_hash=content_hash, languages=", ".join(languages) or "(none yet)",
        ),
    ]
    for f in files:
        parts.append(f"### `{f.config}` fields\n\n" + markdown_table(["field", "type", "description"],
                                                                       field_rows(features[f.config])) + "\n")
    parts.append("### Label names\n\n" + "\n".join(_label_lines(features)) + "\n")
    parts.append("## Statistics\n\n" + stats_markdown(stats, event_types) + "\n")
    sources = [[f"`{d.id}`", d.language, d.meta.title or "—", d.meta.publisher or "—", d.meta.date or "—"]
               for d in documents]
    parts.append("## Sources\n\n" + markdown_table(["document", "language", "title", "publisher", "date"], sources)
                 + "\n")
    parts.append(
        "## Annotation\n\n"
        "Each article was cleaned of page furniture (every removal is listed with its reason in the "
        "`removals` column), split into hand-checked sentences and annotated in brat standoff "
        "following the project's annotation guidelines (`annotations/GUIDELINES.md` in the source "
        f"repository): entity types {', '.join(NER_TYPES)} on two nesting levels, CITY mentions "
        "normalised to GeoNames and country mentions to ISO 3166-1; events "
        f"{', '.join(event_types)} with realis and role-typed arguments; PARTNER_OF relations "
        "between cities with their status. How the annotations were made and checked, and the "
        "inter-annotator agreement, are described in `DATASHEET.md` of the source repository.\n"
    )
    parts.append("### Mapping to political-event ontologies\n\n"
                 "Each event type's nearest PLOVER category and mode and its CAMEO codes, for lining "
                 "CityDiplo up with other event data:\n\n" + ontology_markdown())
    parts.append(
        "## Limitations\n\n"
        "- The set is small (see the statistics) and meant for evaluation, not training; results "
        "on it have wide confidence intervals.\n"
        + ("- One article per language: a language's score is a score on one publisher's style.\n"
           if stats.documents and max(stats.documents.values()) == 1 else "")
        + "- Texts are news and press releases published by or about city administrations; they "
        "present city diplomacy as the cities themselves present it.\n"
    )
    parts.append("## Licence\n\n" + release.LICENSE_TEXT + "\n")
    parts.append("## Citation\n\n```bibtex\n" + release.bibtex(version) + "```\n")
    return "\n".join(parts)
