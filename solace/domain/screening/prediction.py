"""Predicted response to CFT from compassion-tendency measures: a heuristic, NOT a validated predictor.

The seed recommends an "Empathy and Compassion Tendency Scale" assessment before treatment "to predict potential
efficacy". No instrument of that name was found; Solace reads the compassion measures of its library instead:
CEAS self-compassion engagement and action (§2.6), FCS fears of compassion for self and from others (§2.7) and
the SCS-SF if given (§2.5). The link between fears of compassion and a difficult start is documented
(clinical-reference.md §4.3: compassion-focused imagery can raise threat responses in people high in
self-criticism and low in self-reassurance; Rockliff 2008, 2011), but no published study validates these
thresholds or this combination as a predictor of outcome. The thresholds are in `ScreeningThresholds`.

Each measure given counts as a favourable or unfavourable signal, or neither:
- two or more unfavourable signals -> poor;
- one unfavourable signal, or no favourable one, or no measure at all -> guarded;
- otherwise (only favourable signals) -> favourable.
"""

from __future__ import annotations

from solace.domain.screening.facts import Facts
from solace.domain.screening.model import PredictedResponse, ResponseLevel
from solace.domain.screening.text import gettext_noop

NOTE = gettext_noop(
    "A heuristic from the compassion-tendency measures (CEAS, FCS, SCS-SF) following the seed document's advice; "
    "it is not a validated predictor and must not decide treatment on its own."
)
NOT_MEASURED = gettext_noop("No compassion-tendency measure (CEAS, FCS or SCS-SF) was given.")

# (instrument, subscale or None for the total, number of items or 1 for a mean, higher is favourable,
#  reason when favourable, reason when unfavourable)
SIGNALS: tuple[tuple[str, str | None, int, bool, str, str], ...] = (
    ("ceas", "engagement", 6, True,
     gettext_noop("Compassionate engagement with oneself (CEAS) is high."),
     gettext_noop("Compassionate engagement with oneself (CEAS) is low.")),
    ("ceas", "action", 4, True,
     gettext_noop("Compassionate action towards oneself (CEAS) is high."),
     gettext_noop("Compassionate action towards oneself (CEAS) is low.")),
    ("fcs", "for_self", 15, False,
     gettext_noop("Fear of compassion for oneself (FCS) is low."),
     gettext_noop("Fear of compassion for oneself (FCS) is high.")),
    ("fcs", "from_others", 13, False,
     gettext_noop("Fear of receiving compassion from others (FCS) is low."),
     gettext_noop("Fear of receiving compassion from others (FCS) is high.")),
    ("scs_sf", None, 1, True,
     gettext_noop("Self-compassion (SCS-SF) is high."),
     gettext_noop("Self-compassion (SCS-SF) is low.")),
)


def _cuts(facts: Facts, instrument: str) -> tuple[float, float]:
    """(low, high) cut points on the item mean for an instrument."""
    t = facts.thresholds
    match instrument:
        case "ceas":
            return t.ceas_low_item_mean, t.ceas_high_item_mean
        case "fcs":
            return t.fcs_low_item_mean, t.fcs_high_item_mean
        case _:
            return t.scs_sf_low_below, t.scs_sf_high_at


def _signal(facts: Facts, instrument: str, subscale: str | None, items: int, higher_is_favourable: bool) -> int:
    """+1 favourable, -1 unfavourable, 0 neither or not measured."""
    value = facts.total(instrument) if subscale is None else facts.subscale(instrument, subscale)
    if value is None:
        return 0
    mean, (low, high) = value / items, _cuts(facts, instrument)
    level = 1 if mean >= high else -1 if mean < low else 0
    return level if higher_is_favourable else -level


def predict_response(facts: Facts) -> PredictedResponse:
    favourable: list[str] = []
    unfavourable: list[str] = []
    measured = False
    for instrument, subscale, items, higher_is_favourable, good, bad in SIGNALS:
        measured = measured or facts.score(instrument) is not None
        signal = _signal(facts, instrument, subscale, items, higher_is_favourable)
        if signal > 0:
            favourable.append(good)
        elif signal < 0:
            unfavourable.append(bad)
    if not measured:
        return PredictedResponse(level=ResponseLevel.GUARDED, reasons=(NOT_MEASURED,), note=NOTE)
    if len(unfavourable) >= 2:
        level = ResponseLevel.POOR
    elif unfavourable or not favourable:
        level = ResponseLevel.GUARDED
    else:
        level = ResponseLevel.FAVOURABLE
    reasons = tuple(unfavourable + favourable) or (gettext_noop("The compassion measures are in the middle range."),)
    return PredictedResponse(level=level, reasons=reasons, note=NOTE)
