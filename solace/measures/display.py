"""Words for people: occasion names, change in plain language, chart descriptions. All translated here."""

from __future__ import annotations

import re
from collections.abc import Sequence

from django.template.defaultfilters import floatformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from solace.domain.instruments import Instrument, Number, Standing
from solace.domain.monitoring import (
    ChangeCategory,
    ChangeMethod,
    ChangeResult,
    ClinicalSignificance,
    clinical_significance,
)
from solace.domain.monitoring.schedule import Cadence, Milestone, Occasion
from solace.measures.charts import Point


def shown(value: Number | None) -> str:
    if value is None:
        return "—"
    return f"{value:.2f}".rstrip("0").rstrip(".") if isinstance(value, float) else str(value)


def milestone_name(milestone: Milestone | str) -> str:
    return {
        Milestone.BASELINE: _("baseline"), Milestone.MID: _("mid-point"), Milestone.END: _("end of the course"),
        Milestone.FOLLOW_UP: _("follow-up"),
    }[Milestone(milestone)]


def occasion_label(occasion: Occasion) -> str:
    """Why the questionnaire is asked for now, e.g. "before session 3" or "at the mid-point"."""
    match occasion.cadence:
        case Cadence.EVERY_SESSION:
            return _("before session %(number)s") % {"number": occasion.number}
        case Cadence.EVERY_N_WEEKS:
            return _("week %(number)s of the course") % {"number": occasion.number}
        case Cadence.MILESTONES if occasion.milestone is not None:
            return _("at the %(milestone)s") % {"milestone": milestone_name(occasion.milestone)}
        case _:
            return _("asked for once")


STANDING_LABELS = {
    Standing.PUBLISHED: gettext_lazy("published"),
    Standing.SECONDARY: gettext_lazy("secondary source"),
    Standing.HEURISTIC: gettext_lazy("heuristic guide"),
    Standing.SOLACE_CHOICE: gettext_lazy("Solace design choice"),
}
"""How a band, cut-off or threshold is labelled for people, by its standing (solace.domain.instruments.Standing)."""


def standing_label(standing: Standing | str) -> str:
    return str(STANDING_LABELS[Standing(standing)])


def band_label(instrument: Instrument, code: str | None) -> str:
    """The band's name, qualified by its standing unless it is published ("Low (heuristic guide)")."""
    for band in instrument.severity_bands:
        if band.code == code:
            if band.standing is Standing.PUBLISHED:
                return _(band.label)
            return _("%(band)s (%(standing)s)") % {"band": _(band.label), "standing": standing_label(band.standing)}
    return ""


EVIDENCE_TAG = re.compile(r"\s*\[(?:C|S|U|X)\]")


def without_tags(text: str) -> str:
    """A definition's text for people: the evidence tags of clinical-reference.md are for developers."""
    return EVIDENCE_TAG.sub("", text)


def bands_note(instrument: Instrument) -> str:
    """A sentence on how far the instrument's bands may be trusted ("" when they are published)."""
    standings = {band.standing for band in instrument.severity_bands}
    if Standing.SOLACE_CHOICE in standings:
        return _("These bands are a Solace design choice, not published bands.")
    if Standing.HEURISTIC in standings:
        return _("These bands are a heuristic guide given by the scale's author, not clinical cut-offs.")
    if Standing.SECONDARY in standings:
        return _("These bands come from a secondary source that restates the author; they were not checked "
                 "against the original paper.")
    return ""


CATEGORY_NAMES = {
    ChangeCategory.RECOVERED: gettext_lazy("Recovered (reliable and clinically significant improvement)"),
    ChangeCategory.IMPROVED: gettext_lazy("Reliably improved"),
    ChangeCategory.UNCHANGED: gettext_lazy("No reliable change"),
    ChangeCategory.DETERIORATED: gettext_lazy("Reliably deteriorated"),
    ChangeCategory.NOT_APPLICABLE: gettext_lazy("Not assessable"),
}


def category_name(change: ChangeResult | None) -> str:
    if change is None:
        return _("Needs two results")
    return str(CATEGORY_NAMES[change.category])


SIGNIFICANCE_NAMES = {
    ClinicalSignificance.MOVED_OUT_OF_CLINICAL_RANGE: gettext_lazy("Yes: moved out of the clinical range"),
    ClinicalSignificance.STILL_IN_CLINICAL_RANGE: gettext_lazy("No: still in the clinical range"),
    ClinicalSignificance.LEFT_WITHOUT_RELIABLE_CHANGE: gettext_lazy(
        "No: left the clinical range without reliable change"),
    ClinicalSignificance.NOT_ASSESSED: gettext_lazy(
        "Not assessed (not in the clinical range at baseline, or no clinical cut-off published)"),
}


def significance_name(change: ChangeResult | None) -> str:
    """Clinically significant change in words (solace.domain.monitoring.clinical_significance decides it)."""
    return str(SIGNIFICANCE_NAMES[clinical_significance(change)]) if change is not None else ""


def criterion_name(change: ChangeResult | None) -> str:
    """The reliable-change criterion that was applied, in words ("" when there is none)."""
    threshold = change.reliable_change_threshold if change is not None else None
    if change is None or not threshold:
        return ""
    if change.method is ChangeMethod.JACOBSON_TRUAX:
        return _("Jacobson–Truax RC %(rc)s (reliable beyond %(points)s points)") % {  # noqa: RUF001 (the msgid)
            "rc": floatformat(change.reliable_change_index, 2), "points": floatformat(threshold, 1)}
    return _("Published reliable change: %(points)s points") % {"points": floatformat(threshold, -1)}


def patient_change_sentence(instrument: Instrument, change: ChangeResult | None, first: Number | None,
                            latest: Number | None) -> str:
    """The change from the first to the latest score, the way a patient would want it said."""
    if first is None or latest is None:
        return _("Your answers are shared with your clinician, who will go through them with you.")
    if change is None:
        return _("Your score was %(score)s. When you have answered again, you will see how it has changed.") % {
            "score": shown(latest)}
    values = {"first": shown(first), "latest": shown(latest)}
    if latest < first:
        moved = _("Your score went down from %(first)s to %(latest)s") % values
    elif latest > first:
        moved = _("Your score went up from %(first)s to %(latest)s") % values
    else:
        moved = _("Your score stayed at %(first)s") % values
    return f"{moved}: {_meaning(change.category)}"


def _meaning(category: ChangeCategory) -> str:
    return {
        ChangeCategory.RECOVERED: _("that is a real improvement, and your score is now outside the range "
                                    "where people usually look for help."),
        ChangeCategory.IMPROVED: _("that is a real improvement."),
        ChangeCategory.UNCHANGED: _("that is within the usual ups and downs of this questionnaire, so it is not "
                                    "yet a clear change."),
        ChangeCategory.DETERIORATED: _("that is a real change for the worse. Please talk about it with your "
                                       "clinician."),
        ChangeCategory.NOT_APPLICABLE: _("your clinician will talk with you about what this means."),
    }[category]


def chart_description(instrument_title: str, series_title: str, points: Sequence[Point]) -> str:
    if not points:
        return _("No results yet.")
    first, last = points[0], points[-1]
    values = {"instrument": instrument_title, "series": series_title, "count": len(points),
              "first": shown(first.value), "first_when": first.when_label,
              "last": shown(last.value), "last_when": last.when_label}
    if len(points) == 1:
        return _("%(instrument)s, %(series)s: one result, %(first)s on %(first_when)s.") % values
    return _("%(instrument)s, %(series)s: %(count)s results, from %(first)s on %(first_when)s to %(last)s on "
             "%(last_when)s. The table below lists every result.") % values
