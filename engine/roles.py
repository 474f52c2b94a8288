"""The roles of ekd; their ids are the lane names of a guideline (DESIGN.md §4)."""

from __future__ import annotations

DISCIPLINES = ("psychologist", "physician", "social_worker", "speech_therapist", "physiotherapist")
ROLES = ("coordinator", *DISCIPLINES, "team_lead", "quality_center", "auditor", "admin")

# Roles that may hold a lane in a guideline (the others never do client work).
LANE_ROLES = frozenset({"coordinator", *DISCIPLINES, "team_lead"})

LABELS = {
    "coordinator": "Trajectcoördinator",
    "psychologist": "Psycholoog / orthopedagoog",
    "physician": "Arts / kinderpsychiater",
    "social_worker": "Maatschappelijk werker",
    "speech_therapist": "Logopedist",
    "physiotherapist": "Kinesitherapeut / ergotherapeut",
    "team_lead": "Teamverantwoordelijke",
    "quality_center": "Kwaliteitscentrum (KCD)",
    "auditor": "Auditor",
    "admin": "Beheerder",
    "client": "Gezinslid",          # a family member's own log-in (issue 20); never a lane, never on a team
}
