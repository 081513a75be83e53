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
    the agreement block of DATASHEET.md, and one example row per config; None when the
    project has none."""

    leaderboard: str | None = None
    agreement: str | None = None
    examples: tuple[tuple[str, dict], ...] = ()


TEMPLATE = "---\n{{ card_data }}\n---\n\n{{ body }}"
DATASHEET_URL = f"{release.REPOSITORY_CODE}/blob/main/DATASHEET.md"
GUIDELINES_URL = f"{release.REPOSITORY_CODE}/blob/main/annotations/GUIDELINES.md"

DETAILS = """\
# Dataset Card for {name}

{description}

## Dataset Details

### Dataset Description

- **Curated by:** {creator}
- **Version:** {version}
- **Content hash:** `sha256:{content_hash}` (sha256 over `corpus/` and `annotations/` of the
  source repository, as computed by `citydiplo.corpus.project.content_hash`; report it with results so
  that they name the exact data they were computed on)
- **Languages:** {languages}
- **Licence:** annotations CC BY 4.0, article texts the publishers' (see [Licensing Information](#licensing-information))
- **Split:** everything is in one `test` split (an evaluation set: there is no training data);
  the language is a column, so per-language subsets are a `filter` away.

### Dataset Sources

- **Repository:** {repository} (code, guidelines, raw articles, adjudication log)
- **Datasheet:** [{datasheet}]({datasheet}) (Gebru et al.'s questions answered: motivation,
  composition, collection, labelling, uses, distribution, maintenance)
- **Annotation guidelines:** [{guidelines}]({guidelines})

## Uses

### Direct Use

Evaluation of information extraction on city-diplomacy news: nested NER with entity
normalisation, event extraction (trigger, type, realis, arguments) and partner-city
relation extraction.

```python
import citydiplo                   # pip install citydiplo: the package carries this dataset
from datasets import load_dataset

data = str(citydiplo.dataset_dir())    # works from any folder, offline
ner = load_dataset(data, "ner", split="test")
tag_names = ner.features["ner_tags"].feature.names
events = load_dataset(data, "events", split="test")
documents = load_dataset(data, "documents", split="test")
```

The same files load from the folder that holds this card, or from the Hub id it was
published under, in place of `data`.

No loading script is involved: the data files are JSON Lines and the features, including
the label names of every class-label column, are declared in this card's YAML header.
Label columns are stored as names in the files and read as integer ids by `datasets`.
`croissant.json` describes the same files in Croissant 1.0 (`mlcroissant` reads every
entity, event, argument and relation from it).

### Flat tables (pandas, polars)

The nested configs give object arrays of dicts in a data frame. The configs `entities`,
`event_mentions`, `arguments` and `relations` are flat: one row per entity mention, event
mention, argument and relation, only scalar columns, each with its `doc_id` and
`sentence_id`; an argument row names its event (`event_id`, unique with `doc_id`):

```python
import citydiplo
from datasets import load_dataset

data = str(citydiplo.dataset_dir())    # or this card's folder, or its Hub id
arguments = load_dataset(data, "arguments", split="test").to_pandas()  # or .to_polars()
events = load_dataset(data, "event_mentions", split="test").to_pandas()
attached = arguments.merge(events, left_on=["doc_id", "event_id"], right_on=["doc_id", "id"], suffixes=("", "_event"))
```

Label columns come back as integer ids; with the `citydiplo` library,
`citydiplo.tables("arguments")` gives the same table as a pandas `DataFrame` with label names.

### Supported Tasks and Leaderboards

- **Nested NER** (`ner`): outer and inner IOB2 tags, entity types {ner_types}; metric:
  strict span-level micro F1 (seqeval), per level and per language.
- **Entity normalisation** (`documents`, `entities`): CITY mentions to GeoNames ids,
  country mentions to ISO 3166-1 codes.
- **Event extraction** (`events`): event types {event_types}; metrics in the ACE/TextEE
  style: trigger identification and classification F1, argument identification and
  classification F1, realis accuracy.
- **Relation extraction** (`events`, `relations`): PARTNER_OF between two cities, with
  status; metric: relation F1.

All F1 come with 95% bootstrap confidence intervals over sentences. `bench evaluate MODEL`
(or `citydiplo.evaluate`, `citydiplo.score` in Python) scores a system; predictions are one
JSON object per sentence with its `id`, `ner_tags`, `ner_tags_inner`, `events` and
`relations`, spans as `[first, last_exclusive)` token lists.

{leaderboard}

### Out-of-Scope Use

Training or tuning a system on it (it is a test set of {n_documents} documents); conclusions
about a language, a country's diplomacy or a publisher from one article; profiling the
named officials.
"""

STRUCTURE = """\
## Dataset Structure

### Configurations

- `ner`: one row per sentence: tokens with outer-level (`ner_tags`) and inner-level
  (`ner_tags_inner`) entity tags in IOB2. Nesting is at most two levels deep.
- `events`: one row per sentence: the event mentions whose trigger lies in the sentence,
  with id, type, realis and arguments, and the PARTNER_OF relations whose two cities lie in
  it. Arguments are annotated within the trigger's sentence and a relation links two cities
  of one sentence (the guidelines require it and `bench validate` checks it), so this
  config holds every event and relation.
- `documents`: one row per document: the full text, its metadata and provenance, and every
  annotation by id; every id an argument or relation refers to is in the row's `entities`
  or (for ITEM fillers: what was agreed or given) `items`.
- `entities`, `event_mentions`, `arguments`, `relations`: the flat tables above, derived
  from `documents`.

**One span convention.** Every span in every config is a pair of integer fields
`<name>_start`, `<name>_end` (`start`, `end` for the span itself), half-open: the end is
the first position after the span. In `events` the positions are token indices into the
row's `tokens`; in `documents` and the flat tables they are character offsets (Python code
points) into the document's `text`. Two scalar fields rather than a `[start, end]` list,
because they stay plain columns in pandas, polars, Arrow and Croissant, and because the
same names then mean the same thing in every config; only the unit differs, as the
granularity of the config does.

Sentence `id`s (`<doc_id>-<nnn>`) are shared by `ner`, `events` and the flat tables'
`sentence_id`; sentence `nnn` of a document is `sentences[nnn - 1]` in `documents`, and
`citydiplo.formats.tokens.tokenize` reproduces its tokens. Event, entity and relation ids
are the brat ids of the annotation files, unique within a document.
"""


def _example(config: str, row: dict) -> str:
    import json

    return f"`{config}`:\n\n```json\n" + json.dumps(row, ensure_ascii=False, indent=1) + "\n```\n"


def _leaderboard_section(table: str | None) -> str:
    if not table:
        return "No baseline results are recorded for this build yet (`results/*.json` of the repository)."
    return (
        "**Leaderboard** (F1 in %, 95% bootstrap intervals; generated from the repository's "
        "`results/*.json`, the files `bench evaluate MODEL --out` writes; *predicts*: the layers a "
        "system fills, ent = outer entities, inner = inner entities, ev = events, rel = relations; a "
        "metric whose layer a system does not fill is 0 by construction):\n\n" + table.strip() + "\n"
    )


def _annotators_section(agreement: str | None) -> str:
    head = (
        f"{release.PROVENANCE}\n\n"
        "Each document was annotated in two independent passes by helper sessions of an AI "
        "language model, each given only the document text, the guidelines and the schema (the "
        "entity layer first, then events and relations over the adjudicated entities); every "
        "disagreement was resolved by a third session of that model against the guidelines and "
        "logged with its reason (`annotations/ADJUDICATION.md`). The `annotations_creators` field "
        "says `machine-generated` for this reason. No human double annotation exists yet.\n\n"
    )
    if not agreement:
        return head + f"Agreement figures: see the [datasheet]({DATASHEET_URL}).\n"
    return head + "Inter-annotator agreement, as in the datasheet:\n\n" + agreement.strip() + "\n"


def render_card(
    files: list[ConfigFile],
    features: dict[str, tuple[Feature, ...]],
    stats: Stats,
    documents: list[Document],
    event_types: tuple[str, ...],
    version: str,
    content_hash: str,
    inputs: CardInputs = CardInputs(),
) -> str:
    """The full ``README.md`` of the built dataset, through ``huggingface_hub.DatasetCard``."""
    from huggingface_hub import DatasetCard

    languages = stats.languages
    parts = [
        DETAILS.format(
            name=release.PRETTY_NAME, description=release.DESCRIPTION, creator=release.CREATOR, version=version,
            content_hash=content_hash, languages=", ".join(languages) or "(none yet)",
            repository=release.REPOSITORY_CODE, datasheet=DATASHEET_URL, guidelines=GUIDELINES_URL,
            ner_types=", ".join(NER_TYPES), event_types=", ".join(event_types),
            leaderboard=_leaderboard_section(inputs.leaderboard), n_documents=len(documents),
        ),
        STRUCTURE,
    ]
    if inputs.examples:
        parts.append("### Data Instances\n\nThe first sentence with an event, and its first rows in the flat "
                     "tables, as stored in the files:\n\n"
                     + "\n".join(_example(c, r) for c, r in inputs.examples))
    parts.append("### Data Fields\n")
    for f in files:
        parts.append(f"#### `{f.config}`\n\n" + markdown_table(["field", "type", "description"],
                                                              field_rows(features[f.config])) + "\n")
    parts.append("#### Label names\n\n" + "\n".join(_label_lines(features)) + "\n")
    parts.append("### Statistics\n\n" + stats_markdown(stats, event_types) + "\n")
    parts.append(
        "## Dataset Creation\n\n"
        "### Curation Rationale\n\n"
        "Work on subnational (city) diplomacy relies on events such as visits, meetings, agreements, "
        "aid and partner-city links, but event-extraction benchmarks are English-centric and about "
        "states. CityDiplo is a small, carefully annotated evaluation set in five languages with few "
        "NLP resources for this domain, to measure how far extraction systems find such events. One "
        "article per language was chosen purposively for its density of city-to-city contacts.\n"
    )
    sources = [[f"`{d.id}`", d.language, d.meta.title or "—", d.meta.publisher or "—", d.meta.date or "—"]
               for d in documents]
    parts.append(
        "### Source Data\n\n#### Data Collection and Processing\n\n"
        "Each article was saved as published (`seeds/` of the repository, with its sha256), cleaned of "
        "page furniture (every removal is listed with its reason in the `removals` column and the seed "
        "ranges kept in `provenance`) and split into hand-checked sentences.\n\n"
        "#### Who are the source data producers?\n\n"
        "News outlets and city administrations' press services:\n\n"
        + markdown_table(["document", "language", "title", "publisher", "date"], sources) + "\n"
    )
    parts.append(
        "### Annotations\n\n#### Annotation process\n\n"
        f"brat standoff following the project's [annotation guidelines]({GUIDELINES_URL}): entity types "
        f"{', '.join(NER_TYPES)} on two nesting levels, CITY mentions normalised to GeoNames and country "
        f"mentions to ISO 3166-1; events {', '.join(event_types)} with realis and role-typed arguments; "
        "PARTNER_OF relations between cities with their status. `bench validate` checks every file "
        "against the schema and the guidelines' rules.\n\n"
        "Each event type's nearest PLOVER category and mode and its CAMEO codes, for lining CityDiplo "
        "up with other event data:\n\n" + ontology_markdown() + "\n"
        "#### Who are the annotators?\n\n" + _annotators_section(inputs.agreement) + "\n"
        "#### Personal and Sensitive Information\n\n"
        "The articles name real people: public officials (mayors, deputies, council and agency heads, "
        "ambassadors) acting in their public role, as reported in published news, and they are "
        "annotated as PER mentions and event arguments. No other personal data and no special "
        "categories of data are known to be present. Do not use the data to profile the named "
        "people; a named person who wants a mention removed can ask through the contact below.\n"
    )
    parts.append(
        "## Bias, Risks, and Limitations\n\n"
        "- The set is small (see the statistics) and meant for evaluation, not training; results "
        "on it have wide confidence intervals.\n"
        + ("- One article per language: a language's score is a score on one publisher's style.\n"
           if stats.documents and max(stats.documents.values()) == 1 else "")
        + "- Texts are news and press releases published by or about city administrations; they "
        "present city diplomacy as the cities themselves present it.\n"
        "- The annotators were sessions of one AI model (see above): the agreement figures show "
        "consistent application of the guidelines, not human agreement.\n\n"
        "### Recommendations\n\n"
        "Report results with their confidence intervals and the content hash, per language as well as "
        "overall, and do not tune on this set.\n"
    )
    parts.append("## Licensing Information\n\n" + release.LICENSE_TEXT + f" The full terms: `{release.LICENSE_LINK}`.\n")
    parts.append("## Citation\n\n```bibtex\n" + release.bibtex(version) + "```\n")
    parts.append(f"## Dataset Card Contact\n\nThe issue tracker of the repository: {release.CONTACT}\n")
    card = DatasetCard.from_template(card_metadata(files, features, languages), template_str=TEMPLATE,
                                     body="\n".join(parts))
    return str(card)
