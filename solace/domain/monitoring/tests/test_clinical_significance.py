"""clinical_significance: what a change means for clinically significant change (Jacobson & Truax 1991;
clinical-reference.md §3.1; PHQ-9 and GAD-7 reliable change 6 and 4 points, caseness 10 and 8)."""

from __future__ import annotations

import pytest

from solace.domain.monitoring import ClinicalSignificance, classify_change, clinical_significance

S = ClinicalSignificance


@pytest.mark.parametrize(("instrument", "baseline", "latest", "significance"), [
    ("phq9", 18, 9, S.MOVED_OUT_OF_CLINICAL_RANGE),  # reliable improvement and out of the clinical range
    ("phq9", 12, 6, S.MOVED_OUT_OF_CLINICAL_RANGE),  # exactly 6 points
    ("phq9", 18, 12, S.STILL_IN_CLINICAL_RANGE),  # reliably improved, still 10 or more
    ("phq9", 18, 13, S.STILL_IN_CLINICAL_RANGE),  # no reliable change
    ("phq9", 10, 16, S.STILL_IN_CLINICAL_RANGE),  # deteriorated
    ("phq9", 12, 8, S.LEFT_WITHOUT_RELIABLE_CHANGE),  # below 10 now, but only 4 points
    ("phq9", 8, 2, S.NOT_ASSESSED),  # below caseness at intake: excluded
    ("gad7", 12, 5, S.MOVED_OUT_OF_CLINICAL_RANGE),
    ("gad7", 9, 7, S.LEFT_WITHOUT_RELIABLE_CHANGE),
    ("gad7", 5, 1, S.NOT_ASSESSED),
])
def test_clinical_significance(instrument: str, baseline: int, latest: int, significance: ClinicalSignificance) -> None:
    assert clinical_significance(classify_change(instrument, baseline, latest)) is significance


def test_only_the_recovered_category_is_clinically_significant() -> None:
    for baseline in range(0, 28):
        for latest in range(0, 28):
            change = classify_change("phq9", baseline, latest)
            moved = clinical_significance(change) is S.MOVED_OUT_OF_CLINICAL_RANGE
            assert moved == (change.category.value == "recovered")
