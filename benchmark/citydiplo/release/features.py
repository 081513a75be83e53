"""The columns of the dataset configs, described once and rendered twice.

A ``Feature`` tree says what each column holds (type, list or not, label names, nested
fields, a one-line description). The Hugging Face card's ``dataset_info`` and the
Croissant record sets are both rendered from it, so the two can never disagree. Label
inventories come from the schema (``annotations/annotation.conf``), not from the data, so
that a label that happens not to occur still has its id.
"""

from __future__ import annotations

from dataclasses import dataclass

from citydiplo.formats.inventory import Inventory

NESTED_CONFIGS = ("ner", "events", "documents", "records")
# `records`: one row per document-level event record (GUIDELINES 3.2), its arguments as
# entity clusters with their mention strings (no join with `documents` needed).
# Flat tables: one row per entity mention, event mention, argument and relation, derived
# from the `documents` config (``citydiplo.release.tables``); what pandas, polars and
# Croissant read without nested lists.
TABLE_CONFIGS = ("entities", "event_mentions", "arguments", "relations")
# Every version of every article (the originals and their translations), one row per
# sentence; the other configs hold the originals only (the default track).
PARALLEL_CONFIGS = ("parallel",)
CONFIGS = NESTED_CONFIGS + TABLE_CONFIGS + PARALLEL_CONFIGS
OPTIONAL_CONFIGS = ("records",)
"""Configs of an optional layer: a build where no document has it has no such config."""
SPLIT = "test"


@dataclass(frozen=True)
class Feature:
    """A column or nested field: ``dtype`` is string, int32, bool, label, struct or date (an
    ISO 8601 date string, ``2020-08-12``, ``2020-08`` or ``2020``: a string for Hugging Face,
    a date for Croissant)."""

    name: str
    dtype: str = "string"
    description: str = ""
    repeated: bool = False
    labels: tuple[str, ...] = ()
    fields: tuple["Feature", ...] = ()


def label_sets(inv: Inventory) -> dict[str, tuple[str, ...]]:
    """Every label inventory of the dataset by name, in a stable order (all from the
    schema through ``Inventory``): the names become Croissant's label record sets."""
    return {"ner_tags": inv.ner_tags, "entity_types": inv.ner_types, "event_types": inv.event_types,
            "realis": inv.realis, "roles": inv.roles, "relation_types": inv.relations, "statuses": inv.statuses,
            "span_types": inv.span_types}


def _span(name: str, what: str, unit: str = "token") -> tuple[Feature, Feature]:
    """The one span convention of every config: ``<name>_start`` and ``<name>_end``
    (half-open), ``start``/``end`` when ``name`` is empty; token indices into `tokens` in
    the sentence configs, character offsets into `text` in the others."""
    prefix = f"{name}_" if name else ""
    where = "token index into `tokens`" if unit == "token" else "character offset (code points) into `text`"
    return (Feature(f"{prefix}start", "int32", f"{what}: first {where}"),
            Feature(f"{prefix}end", "int32", f"{what}: {where} after the last (exclusive)"))


def _entity(labels: Inventory, ident: str) -> tuple[Feature, ...]:
    """An entity mention's fields (character offsets), ``ident`` describing its id."""
    return (Feature("id", description=ident), Feature("type", "label", "entity type", labels=labels.ner_types),
            *_span("", "mention", "char"), Feature("text", description="surface string"),
            Feature("level", "int32", "1 = outer, 2 = nested inside another mention"),
            Feature("norm_db", description="normalisation database (GeoNames, ISO3166) or null"),
            Feature("norm_id", description="id in that database or null"))


def _event(labels: Inventory, ident: str, unit: str, last: Feature, with_text: bool = True) -> tuple[Feature, ...]:
    """An event mention's fields: id, type, trigger span (and surface string), realis, ``last``."""
    text = (Feature("trigger", description="trigger surface string"),) if with_text else ()
    return (Feature("id", description=ident), Feature("type", "label", "event type", labels=labels.event_types),
            *_span("trigger", "trigger", unit), *text,
            Feature("realis", "label", "whether the event happened, is planned, or other", labels=labels.realis), last)


def _relation(labels: Inventory, ident: str, ref: str, between: tuple[Feature, ...] = ()) -> tuple[Feature, ...]:
    """A relation's fields: id, type, its two cities (``ref``: what their ids are), ``between``, status."""
    return (Feature("id", description=ident), Feature("type", "label", "relation type", labels=labels.relations),
            Feature("arg1", description=f"{ref} of the first city"),
            Feature("arg2", description=f"{ref} of the second city"), *between,
            Feature("status", "label", "whether the partnership exists or is planned", labels=labels.statuses))


def _sentence_columns() -> tuple[Feature, ...]:
    return (
        Feature("id", description="sentence id `<doc_id>-<nnn>` (nnn: 1-based sentence number)"),
        Feature("doc_id", description="document id `<nnn>-<language>`"),
        Feature("language", description="ISO 639-1 language code"),
        Feature("tokens", description="tokens of the sentence (citydiplo.formats.tokens)", repeated=True),
    )


def _ner_columns(labels: Inventory) -> tuple[Feature, ...]:
    return (
        Feature("ner_tags", "label", "outer-level entity tags, IOB2", True, labels.ner_tags),
        Feature("ner_tags_inner", "label", "inner-level (nested) entity tags, IOB2", True, labels.ner_tags),
        Feature("text", description="the sentence's text (what a pipeline such as spaCy reads; `chars` "
                                    "predictions with a sentence `id` give offsets into it)"),
        Feature("start", "int32", "character offset of the sentence in its document's `text`"),
        Feature("token_starts", "int32", "character offset of each token in the sentence's `text`", True),
        Feature("token_ends", "int32", "character offset just after each token in the sentence's `text`", True),
    )


def _event_columns(labels: Inventory, where: str = "as in `documents`",
                   filler: str = "an entity or ITEM id of `documents`") -> tuple[Feature, ...]:
    argument: tuple[Feature, ...] = (
        Feature("role", "label", "argument role", labels=labels.roles),
        Feature("ref", description=f"annotation id of the filling span ({filler})"),
        *_span("", "argument filler"),
    )
    event = _event(labels, f"event id (brat E-id, {where}; unique within the document)", "token",
                   Feature("arguments", "struct", "arguments (always in the trigger's sentence)", True,
                           fields=argument), with_text=False)
    relation = _relation(labels, f"relation id (brat R-id, {where})", "entity id",
                         (*_span("arg1", "first city"), *_span("arg2", "second city")))
    return (
        Feature("events", "struct", "event mentions whose trigger is in this sentence", True, fields=event),
        Feature("relations", "struct", "partner-city relations with both cities in this sentence", True,
                fields=relation),
    )


def _parallel_columns(labels: Inventory) -> tuple[Feature, ...]:
    """A sentence of any version of an article: which article and version, the sentence of
    the original it renders, and the columns of ``ner`` and ``events`` with the entity
    mentions by id, every id being the alignment id (the same item has the same id in every
    version of the article)."""
    ident, doc_id, language, tokens = _sentence_columns()
    alignment = "the original's brat id: the same item has the same id in every version of the article"
    entity = (Feature("id", description=f"annotation id ({alignment})"),
              Feature("type", "label", "entity type", labels=labels.ner_types),
              *_span("", "mention"), Feature("text", description="surface string"),
              Feature("level", "int32", "1 = outer, 2 = nested inside another mention"),
              Feature("norm_db", description="normalisation database (GeoNames, ISO3166) or null"),
              Feature("norm_id", description="id in that database or null"))
    return (
        ident, doc_id, language,
        Feature("article", description="the article `<nnn>` this sentence's document is a version of"),
        Feature("original", "bool", "true in the original article, false in a translation"),
        Feature("version_of", description="document id of the article's original (its own `doc_id` in an original)"),
        Feature("aligned_to", description="ids of the original's sentences this sentence renders (the translation's "
                                          "`alignment`: one, unless sentences were merged; none for an added "
                                          "sentence); in an original, its own id", repeated=True),
        tokens,
        *_ner_columns(labels),
        Feature("entities", "struct", "entity mentions in this sentence, both levels, with their ids", True,
                fields=entity),
        *_event_columns(labels, alignment, f"an `entities` id or an ITEM id; {alignment}"),
    )


def config_features(config: str, labels: Inventory) -> tuple[Feature, ...]:
    """The columns of one config."""
    if config == "ner":
        return _sentence_columns() + _ner_columns(labels)
    if config == "events":
        return _sentence_columns() + _event_columns(labels)
    if config == "parallel":
        return _parallel_columns(labels)
    if config == "documents":
        offsets = (Feature("start", "int32", "first character"), Feature("end", "int32", "character after the last"))
        removal = (
            Feature("seed_start", "int32", "first removed character of the seed"),
            Feature("seed_end", "int32", "character after the last removed one"),
            Feature("first_line", "int32", "first removed seed line (1-based)"),
            Feature("last_line", "int32", "last removed seed line (inclusive)"),
            Feature("reason", description="why it was removed"),
            Feature("text", description="the removed text"),
        )
        entity = _entity(labels, "annotation id (brat T-id)")
        item = (
            Feature("id", description="annotation id (brat T-id)"),
            *_span("", "ITEM span", "char"),
            Feature("text", description="surface string"),
        )
        argument = (
            Feature("role", "label", "argument role", labels=labels.roles),
            Feature("ref", description="id of the filling span: an id in `entities`, or in `items` for ITEM fillers"),
            *_span("", "filler", "char"),
            Feature("text", description="filler surface string"),
            Feature("filler_type", description="type of the filling span (an entity type or ITEM)"),
        )
        event = _event(labels, "annotation id (brat E-id)", "char",
                       Feature("arguments", "struct", "arguments, in the order of the annotation file", True,
                               fields=argument))
        relation = _relation(labels, "annotation id (brat R-id)", "entity id")
        cluster = (
            Feature("id", description="cluster id: `C` + the number of its lowest-numbered mention (T5 -> C5)"),
            Feature("type", "label", "entity type its mentions share (ITEM for goods or help given)",
                    labels=labels.span_types),
            Feature("norm", description="`GeoNames:<id>` or `ISO3166:<code>` when linked, else null"),
            Feature("mentions", description="its mentions' ids (`entities` or `items` ids), in document order",
                    repeated=True),
        )
        return (
            Feature("id", description="document id `<nnn>-<language>`"),
            Feature("language", description="ISO 639-1 language code"),
            Feature("script", description="ISO 15924 script code"),
            Feature("title", description="article title, or null when the page had none"),
            Feature("publisher", description="publisher, or null when unknown"),
            Feature("date", description="publication date (ISO 8601), or null when unknown"),
            Feature("seed_file", description="file name of the raw article under seeds/"),
            Feature("seed_sha256", description="sha256 of the raw article"),
            Feature("provenance", "struct", "seed character ranges that make up `text`, in order", True,
                    fields=offsets),
            Feature("removals", "struct", "what cleaning removed from the seed, and why", True, fields=removal),
            Feature("text", description="the cleaned article text"),
            Feature("sentences", "struct", "sentence boundaries (character offsets into `text`)", True,
                    fields=offsets),
            Feature("entities", "struct", "all entity mentions, both levels", True, fields=entity),
            Feature("items", "struct", "non-entity argument fillers (ITEM spans: what was agreed or given)", True,
                    fields=item),
            Feature("events", "struct", "all event mentions", True, fields=event),
            Feature("relations", "struct", "all partner-city relations", True, fields=relation),
            Feature("clusters", "struct", "entity clusters: the mentions of one real-world entity, singletons "
                                          "included; empty when the document has no cluster layer yet", True,
                    fields=cluster),
        )
    if config == "records":
        return record_features(labels)
    if config in TABLE_CONFIGS:
        return table_features(config, labels)
    raise ValueError(f"unknown config {config!r} (expected one of {', '.join(CONFIGS)})")


def record_features(labels: Inventory) -> tuple[Feature, ...]:
    """The columns of ``records``: one real-world event of a document (GUIDELINES 3.2)."""
    cluster = (
        Feature("id", description="cluster id (as in `documents.clusters`)"),
        Feature("norm", description="`GeoNames:<id>` or `ISO3166:<code>` when linked, else null"),
        Feature("mentions", description="the surface strings of the cluster's mentions, in document order",
                repeated=True),
    )
    argument = (
        Feature("role", "label", "argument role", labels=labels.roles),
        Feature("clusters", "struct", "the entity clusters that fill the role in any merged mention", True,
                fields=cluster),
    )
    return (
        Feature("doc_id", description="document id `<nnn>-<language>` (the `id` of `documents`)"),
        Feature("language", description="ISO 639-1 language code"),
        Feature("id", description="record id `R<n>`, numbered in order of first mention within the document"),
        Feature("type", "label", "event type", labels=labels.event_types),
        Feature("realis", "label", "the events' realis, or the latest state the text reports", labels=labels.realis),
        Feature("date", "date", "ISO 8601 date of the event (2020-08-12, 2020-08 or 2020), or null"),
        Feature("date_evidence", description="the mention, cluster or sentence id the date comes from, or null"),
        Feature("events", description="the merged event mentions' ids (`documents.events`), in document order",
                repeated=True),
        Feature("arguments", "struct", "per role, the clusters that fill it", True, fields=argument),
        Feature("note", description="why mentions were merged (or not), where a reader might ask"),
    )


def _table_head() -> tuple[Feature, ...]:
    return (
        Feature("doc_id", description="document id `<nnn>-<language>` (the `id` of `documents`)"),
        Feature("language", description="ISO 639-1 language code"),
        Feature("sentence_id", description="id of the sentence that holds the span (the `id` of `ner` and "
                                           "`events`), null if it lies in no sentence"),
    )


def table_features(config: str, labels: Inventory) -> tuple[Feature, ...]:
    """The columns of a flat table: only scalars, so that ``to_pandas()`` gives plain columns."""
    if config == "entities":
        body: tuple[Feature, ...] = _entity(labels, "annotation id (brat T-id), unique within the document")
    elif config == "event_mentions":
        body = _event(labels, "event id (brat E-id), unique within the document", "char",
                      Feature("n_arguments", "int32", "number of its rows in `arguments`"))
    elif config == "arguments":
        body = (
            Feature("event_id", description="id of its event in `event_mentions` (same `doc_id`)"),
            Feature("event_type", "label", "type of that event", labels=labels.event_types),
            Feature("role", "label", "argument role", labels=labels.roles),
            Feature("ref", description="id of the filler: an `entities` id, or an ITEM id of `documents.items`"),
            *_span("", "filler", "char"),
            Feature("text", description="filler surface string"),
            Feature("filler_type", description="type of the filling span (an entity type or ITEM)"),
        )
    elif config == "relations":
        body = _relation(labels, "relation id (brat R-id), unique within the document", "`entities` id",
                         (Feature("arg1_text", description="surface string of the first city"),
                          Feature("arg2_text", description="surface string of the second city")))
    else:
        raise ValueError(f"unknown table {config!r} (expected one of {', '.join(TABLE_CONFIGS)})")
    return _table_head() + body


# --------------------------------------------------------------------------- Hugging Face


def _hf_dtype(f: Feature) -> object:
    if f.dtype == "label":
        return {"class_label": {"names": {str(i): name for i, name in enumerate(f.labels)}}}
    if f.dtype == "struct":
        return [hf_feature(sub) for sub in f.fields]
    if f.dtype == "date":
        return "string"
    return f.dtype


def hf_feature(f: Feature) -> dict:
    """One feature in the YAML form of a dataset card's ``dataset_info.features``."""
    value = _hf_dtype(f)
    if f.repeated and f.dtype != "struct":
        # `sequence:` (not `list:`): datasets 3.x reads it as Sequence, with `.feature`, as 4.x and 5.x do
        return {"name": f.name, "sequence": value}
    if f.repeated:
        return {"name": f.name, "list": value}
    if f.dtype == "struct":
        return {"name": f.name, "struct": value}
    return {"name": f.name, "dtype": value}
