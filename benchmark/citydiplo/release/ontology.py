"""Where each CityDiplo event type sits in the political-event ontologies users of event
data know: its nearest PLOVER category and mode, and its CAMEO codes. One table, written
into the guidelines (section 2.5) and the dataset card."""

from __future__ import annotations

# event type -> (PLOVER category and mode, CAMEO codes)
EVENT_ONTOLOGY: dict[str, tuple[str, str]] = {
    "MEET": ("CONSULT (mode: unspecified; phone for online meetings)",
             "040 consult; 041 discuss by telephone (online meetings); 046 engage in negotiation"),
    "VISIT": ("CONSULT (mode: visit)", "042 make a visit (visitor side); 043 host a visit (host side)"),
    "AGREE": ("AGREE", "057 sign formal agreement; 030 express intent to cooperate when only announced"),
    "AID": ("AID (modes: economic, humanitarian)",
            "070 provide aid; 071 provide economic aid; 073 provide humanitarian aid"),
    "INVITE": ("CONSULT (mode: visit) — nearest; PLOVER has no invitation category",
               "036 express intent to meet or negotiate — nearest; 042/043 once the visit happens"),
    "COOPERATE": ("COOPERATE (modes: economic; intelligence for sharing experience and information)",
                  "050 engage in diplomatic cooperation; 061 cooperate economically; 064 share information; "
                  "030–032 express intent to cooperate"),
}


# The same mapping as machine values, for the PLOVER export (``citydiplo.release.plover``):
# event type -> (PLOVER event category, PLOVER modes). Only CONSULT has modes in the
# PLOVER manual ("visit": the actor visits, the recipient hosts); "phone" would need the
# meeting's medium, which a record does not carry, so MEET leaves the mode empty.
PLOVER_EVENT: dict[str, tuple[str, tuple[str, ...]]] = {
    "MEET": ("CONSULT", ()),
    "VISIT": ("CONSULT", ("visit",)),
    "AGREE": ("AGREE", ()),
    "AID": ("AID", ()),
    "INVITE": ("CONSULT", ("visit",)),
    "COOPERATE": ("COOPERATE", ()),
}

# Which CityDiplo roles are PLOVER's `actor` (who initiates), `recipient` (to whom the event
# is directed) and the event location, per event type. Reciprocal events (a meeting, an
# agreement, cooperation) have every party as actor and no recipient, as PLOVER codes a
# meeting; Time gives the record's date, AID's Item the `citydiplo.items` field.
PLOVER_ROLES: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "MEET": (("Participant",), (), ("Place",)),
    "VISIT": (("Visitor",), ("Host",), ("Destination",)),
    "AGREE": (("Party",), (), ("Place",)),
    "AID": (("Giver",), ("Recipient",), ()),
    "INVITE": (("Inviter",), ("Invitee",), ("Destination",)),
    "COOPERATE": (("Partner",), (), ()),
}
PLOVER_OTHER_ROLES = ("Time", "Item")
"""Roles that are not actors, recipients or locations: the date, and what was given."""

# realis -> PLOVER auxiliary mode, which PLOVER puts in `context` (ACTUAL needs none)
PLOVER_AUXILIARY: dict[str, str] = {"FUTURE": "future", "OTHER": "hypothetical"}


def ontology_markdown() -> str:
    """The mapping as a Markdown table."""
    rows = ["| CityDiplo | nearest PLOVER category (mode) | CAMEO codes |", "| --- | --- | --- |"]
    rows += [f"| {etype} | {plover} | {cameo} |" for etype, (plover, cameo) in EVENT_ONTOLOGY.items()]
    return "\n".join(rows) + "\n"
