"""The gold annotations keep their invariants."""

from __future__ import annotations

from citydiplo.corpus.documents import read_corpus
from citydiplo.corpus.benchmark import load_inventory

NER_TYPES = load_inventory().ner_types  # the schema's named-entity types


def test_every_document_has_gold_entities(root):
    for doc in read_corpus(root):
        assert doc.text.strip() and doc.entities, doc.id


def test_every_city_is_normalised_and_every_country_coded(root):
    import pycountry

    country_names = {c.alpha_2 for c in pycountry.countries}
    for doc in read_corpus(root):
        for e in doc.entities:
            if e.type == "CITY":
                assert e.norm_db == "GeoNames" and e.norm_id, (doc.id, e.text)
            if e.norm_db == "ISO3166":
                assert e.type == "GPE" and e.norm_id in country_names


def test_every_entity_type_is_used(root):
    used = {e.type for d in read_corpus(root) for e in d.entities}
    assert used == set(NER_TYPES)


def test_nesting_has_two_levels_and_inner_types_follow_the_guidelines(root):
    for doc in read_corpus(root):
        for e in doc.entities:
            assert e.level in (1, 2)
            if e.level == 2:
                assert e.type in {"CITY", "GPE", "LOC", "PER", "MISC"}, (doc.id, e.text)
                outer = [o for o in doc.entities if o.level == 1 and o.start <= e.start and e.end <= o.end]
                assert outer and outer[0].type in {"ORG", "MISC", "DATE"}


def test_events_when_present_have_realis_and_arguments_in_sentence(root):
    for doc in read_corpus(root):
        for ev in doc.events:
            assert ev.realis in ("ACTUAL", "FUTURE", "OTHER")
            sent = next(s for s in doc.meta.sentences if s.start <= ev.start < s.end)
            for a in ev.arguments:
                assert sent.start <= a.start and a.end <= sent.end, (doc.id, ev.trigger, a.text)
        for rel in doc.relations:
            assert rel.status in ("ESTABLISHED", "PLANNED")


def test_guidelines_carry_the_ontology_mapping(root):
    from citydiplo.release.ontology import EVENT_ONTOLOGY, ontology_markdown
    from citydiplo.formats.schema import load_schema

    assert set(EVENT_ONTOLOGY) == set(load_schema(root / "annotations").event_types)
    assert ontology_markdown() in (root / "annotations" / "GUIDELINES.md").read_text(encoding="utf-8")
    assert ontology_markdown() in (root / "dataset" / "README.md").read_text(encoding="utf-8")
