"""Classification of change between a baseline and a latest total (Jacobson & Truax 1991;
clinical-reference.md §3.1).

recovered    = reliable improvement and moved from the clinical into the non-clinical range
improved     = reliable improvement without crossing (or with no clinical cut-off declared)
unchanged    = no reliable change
deteriorated = reliable worsening
not_applicable = the instrument has no total, or no published reliable-change value and no SD/reliability

Reliable change uses the instrument's published points where they exist (PHQ-9 6, GAD-7 4, PCL-5 15) and
otherwise the Jacobson-Truax index with the declared SD and reliability. Cases already outside the clinical
range at intake are excluded from clinically significant change (result4addiction.net/clin-sig, §3.1) and the
result says so. "Recovered" here is the J&T category, i.e. NHS Talking Therapies' "reliable recovery"; the
IAPT paired PHQ-9/GAD-7 rule is a separate, later rule.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

from solace.domain.instruments import Instrument, Number, get_instrument
from solace.domain.instruments.model import ChangeCriteria, CutOff
from solace.domain.monitoring.reliable_change import (
    RELIABLE_CHANGE_Z,
    reliable_change_index,
    reliable_change_threshold,
)


class ChangeCategory(StrEnum):
    RECOVERED = "recovered"
    IMPROVED = "improved"
    UNCHANGED = "unchanged"
    DETERIORATED = "deteriorated"
    NOT_APPLICABLE = "not_applicable"


class ChangeMethod(StrEnum):
    PUBLISHED_POINTS = "published_points"
    JACOBSON_TRUAX = "jacobson_truax"


@dataclass(frozen=True)
class ChangeResult:
    instrument: str
    baseline: Number
    latest: Number
    difference: Number
    """latest - baseline in raw points (its sign says nothing about better or worse)."""
    category: ChangeCategory
    method: ChangeMethod | None
    reliable_change_threshold: float | None
    """Smallest change in points counted as reliable."""
    reliable_change_index: float | None
    """Jacobson-Truax RC, only when the formula was used."""
    clinical_cut_off: str | None
    baseline_in_clinical_range: bool | None
    latest_in_clinical_range: bool | None
    clinically_significant_change_assessed: bool
    reasons: tuple[str, ...]
    source: str | None

    def to_dict(self) -> dict[str, object]:
        return {
            "instrument": self.instrument,
            "baseline": self.baseline,
            "latest": self.latest,
            "difference": self.difference,
            "category": self.category.value,
            "method": self.method.value if self.method else None,
            "reliable_change_threshold": self.reliable_change_threshold,
            "reliable_change_index": self.reliable_change_index,
            "clinical_cut_off": self.clinical_cut_off,
            "baseline_in_clinical_range": self.baseline_in_clinical_range,
            "latest_in_clinical_range": self.latest_in_clinical_range,
            "clinically_significant_change_assessed": self.clinically_significant_change_assessed,
            "reasons": list(self.reasons),
            "source": self.source,
        }


@dataclass(frozen=True)
class _Reliability:
    method: ChangeMethod
    threshold: float
    index: float | None
    improved: bool
    deteriorated: bool
    reason: str


def classify_change(instrument: Instrument | str, baseline_total: Number, latest_total: Number) -> ChangeResult:
    """Classify the change from `baseline_total` to `latest_total` (Jacobson & Truax 1991; clinical-reference
    §3.1), using the instrument's declared ChangeCriteria and its `higher_is_better` direction."""
    if isinstance(instrument, str):
        instrument = get_instrument(instrument)
    for name, value in (("baseline", baseline_total), ("latest", latest_total)):
        _check_total(instrument, name, value)
    criteria = instrument.change_criteria
    if instrument.total_range is None:
        return _not_applicable(instrument, baseline_total, latest_total, f"{instrument.title} has no total score.")
    if criteria is None or instrument.higher_is_better is None:
        return _not_applicable(
            instrument,
            baseline_total,
            latest_total,
            f"{instrument.title} has no published reliable-change value and no reference SD and reliability "
            "in the sources reviewed, so reliable change cannot be judged.",
        )
    return _classify(instrument, criteria, instrument.higher_is_better, baseline_total, latest_total)


def _classify(
    instrument: Instrument, criteria: ChangeCriteria, higher_is_better: bool, baseline: Number, latest: Number
) -> ChangeResult:
    reliability = _reliability(criteria, higher_is_better, baseline, latest)
    cut_off = instrument.cut_off(criteria.clinical_cut_off) if criteria.clinical_cut_off else None
    baseline_in = cut_off.is_met(baseline) if cut_off else None
    latest_in = cut_off.is_met(latest) if cut_off else None
    assessed = bool(baseline_in)
    if reliability.deteriorated:
        category = ChangeCategory.DETERIORATED
    elif reliability.improved:
        category = ChangeCategory.RECOVERED if assessed and not latest_in else ChangeCategory.IMPROVED
    else:
        category = ChangeCategory.UNCHANGED
    return ChangeResult(
        instrument=instrument.code,
        baseline=baseline,
        latest=latest,
        difference=latest - baseline,
        category=category,
        method=reliability.method,
        reliable_change_threshold=reliability.threshold,
        reliable_change_index=reliability.index,
        clinical_cut_off=cut_off.code if cut_off else None,
        baseline_in_clinical_range=baseline_in,
        latest_in_clinical_range=latest_in,
        clinically_significant_change_assessed=assessed,
        reasons=(reliability.reason, *_clinical_reasons(cut_off, category, baseline, latest, baseline_in, latest_in)),
        source=criteria.source,
    )


def _reliability(criteria: ChangeCriteria, higher_is_better: bool, baseline: Number, latest: Number) -> _Reliability:
    improvement = latest - baseline if higher_is_better else baseline - latest
    direction = "improved" if improvement > 0 else "worsened" if improvement < 0 else "did not change"
    moved = f"The score {direction} by {_points(abs(improvement))} points ({_points(baseline)} to {_points(latest)})"
    if criteria.reliable_change_points is not None:
        points = criteria.reliable_change_points
        return _Reliability(
            method=ChangeMethod.PUBLISHED_POINTS,
            threshold=float(points),
            index=None,
            improved=improvement >= points,
            deteriorated=-improvement >= points,
            reason=f"{moved}; a change of {_points(points)} points or more is reliable.",
        )
    if criteria.sd is None or criteria.reliability is None:
        raise ValueError("change criteria need published points or an SD and a reliability")
    index = reliable_change_index(baseline, latest, criteria.sd, criteria.reliability)
    towards_better = index if higher_is_better else -index
    threshold = reliable_change_threshold(criteria.sd, criteria.reliability)
    return _Reliability(
        method=ChangeMethod.JACOBSON_TRUAX,
        threshold=threshold,
        index=index,
        improved=towards_better > RELIABLE_CHANGE_Z,
        deteriorated=towards_better < -RELIABLE_CHANGE_Z,
        reason=(
            f"{moved}; RC = {index:.2f}, and |RC| above {RELIABLE_CHANGE_Z} (a change of more than "
            f"{threshold:.1f} points) is reliable."
        ),
    )


def _clinical_reasons(
    cut_off: CutOff | None,
    category: ChangeCategory,
    baseline: Number,
    latest: Number,
    baseline_in: bool | None,
    latest_in: bool | None,
) -> tuple[str, ...]:
    if cut_off is None:
        return ("No clinical cut-off is declared, so clinically significant change (recovery) is not assessed.",)
    if not baseline_in:
        return (
            f"The baseline {_points(baseline)} is outside the clinical range ({cut_off.label}) at intake, so it "
            "is excluded from clinically significant change (Jacobson & Truax 1991).",
        )
    if category is ChangeCategory.RECOVERED:
        return (f"Moved out of the clinical range ({cut_off.label}).",)
    if latest_in:
        return (f"The latest score {_points(latest)} is still in the clinical range ({cut_off.label}).",)
    if category is ChangeCategory.UNCHANGED:
        return ("Left the clinical range without reliable change, so this is not counted as recovery.",)
    return ()


def _not_applicable(instrument: Instrument, baseline: Number, latest: Number, reason: str) -> ChangeResult:
    return ChangeResult(
        instrument=instrument.code,
        baseline=baseline,
        latest=latest,
        difference=latest - baseline,
        category=ChangeCategory.NOT_APPLICABLE,
        method=None,
        reliable_change_threshold=None,
        reliable_change_index=None,
        clinical_cut_off=None,
        baseline_in_clinical_range=None,
        latest_in_clinical_range=None,
        clinically_significant_change_assessed=False,
        reasons=(reason,),
        source=None,
    )


def _check_total(instrument: Instrument, name: str, value: Number) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValueError(f"{instrument.code}: the {name} total must be a number, got {value!r}")
    if instrument.total_range is not None:
        low, high = instrument.total_range
        if not low <= value <= high:
            raise ValueError(f"{instrument.code}: the {name} total {value} is outside {low} to {high}")


def _points(value: Number) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


class ClinicalSignificance(StrEnum):
    """What a change means for clinically significant change (Jacobson & Truax 1991, clinical-reference.md §3.1)."""

    NOT_ASSESSED = "not_assessed"
    """Not in the clinical range at baseline, or no clinical cut-off published: excluded from the assessment."""
    MOVED_OUT_OF_CLINICAL_RANGE = "moved_out_of_clinical_range"
    """Reliable improvement into the non-clinical range (the `recovered` category)."""
    STILL_IN_CLINICAL_RANGE = "still_in_clinical_range"
    LEFT_WITHOUT_RELIABLE_CHANGE = "left_without_reliable_change"
    """Below the cut-off now, but the change is within measurement error, so it does not count."""


def clinical_significance(change: ChangeResult) -> ClinicalSignificance:
    """Whether the change is clinically significant, and if not, why (Jacobson & Truax 1991; cases outside the
    clinical range at intake are excluded, clinical-reference.md §3.1)."""
    if not change.clinically_significant_change_assessed:
        return ClinicalSignificance.NOT_ASSESSED
    if change.category is ChangeCategory.RECOVERED:
        return ClinicalSignificance.MOVED_OUT_OF_CLINICAL_RANGE
    if change.latest_in_clinical_range:
        return ClinicalSignificance.STILL_IN_CLINICAL_RANGE
    return ClinicalSignificance.LEFT_WITHOUT_RELIABLE_CHANGE
