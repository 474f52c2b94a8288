"""The capability rule of a consent form (`"x-ekd-rules": ["capability"]`).

Capability (*bekwaamheid*) is presumed from 12 on the day of consent (DRM art. 4), a judgement
the team may override either way with a written motivation (the form asks for it); from 18 the
young adult consents alone. The age is taken from the trajectory's `kind_geboortedatum` (the
child record), never from the form. Refused is only what contradicts the rule: a minor without
any legal representative's answer, a capable child not asked, an adult not asked or judged
"not capable". The guideline's script then decides whether consent holds.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from engine.domain_checks import dates
from engine.forms import FieldError

if TYPE_CHECKING:
    from engine.domain_checks import Facts

PRESUMED, ADULT = 12, 18
FIELDS = {"instemming_datum": "string", "kind_instemming": "string", "bekwaamheid_oordeel": "string",
          "wettelijke_vertegenwoordigers": "array"}


def age_on(born, day) -> int:
    """Whole years between `born` and `day`, as the guideline's script counts them."""
    return day.year - born.year - (0 if (day.month, day.day) >= (born.month, born.day) else 1)


def check(data: dict[str, Any], facts: Facts) -> list[FieldError]:
    born, day = facts.birth_date, dates.parse(data.get("instemming_datum"))
    if born is None or day is None or day < born:
        return []
    age = age_on(born, day)
    judgement = data.get("bekwaamheid_oordeel", "standaard")
    child = data.get("kind_instemming")
    if age >= ADULT:
        found = []
        if child == "niet_gevraagd":
            found.append(FieldError("kind_instemming", f"de jongere is {age} jaar op de dag van de instemming en "
                                    "beslist zelf: vraag zijn of haar instemming", "capability-adult", {"age": age}))
        if judgement == "niet_bekwaam":
            found.append(FieldError("bekwaamheid_oordeel", f"de jongere is {age} jaar op de dag van de instemming en "
                                    "beslist zelf; kies 'Volgens leeftijd'", "capability-adult-judgement",
                                    {"age": age}))
        return found
    found = []
    representatives = data.get("wettelijke_vertegenwoordigers", [])
    if isinstance(representatives, list) and not representatives:
        found.append(FieldError(
            "wettelijke_vertegenwoordigers", f"het kind is {age} jaar op de dag van de instemming: registreer het "
            "antwoord van minstens één wettelijke vertegenwoordiger (pas vanaf 18 jaar beslist de jongere alleen)",
            "capability-representative", {"age": age}))
    judged = judgement == "bekwaam" and age < PRESUMED
    capable = judgement == "bekwaam" or (judgement == "standaard" and age >= PRESUMED)
    if capable and child == "niet_gevraagd":
        reason = "het team acht het kind bekwaam" if judged else \
            f"het kind is {age} jaar op de dag van de instemming en wordt bekwaam vermoed"
        advice = "" if judged else ", of oordeel gemotiveerd dat het niet bekwaam is"
        found.append(FieldError("kind_instemming", f"{reason}: vraag zijn of haar instemming{advice}",
                                "capability-ask-child", {"age": age, "judged": judged}))
    return found
