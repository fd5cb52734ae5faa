"""Property tests (hypothesis) over every instrument: ranges, monotonicity, input forms, rejections."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from solace.domain.instruments import AnswerError, Instrument, instrument_list, score, score_items

FAST = settings(max_examples=40, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])

ALL = [pytest.param(instrument, id=instrument.code) for instrument in instrument_list()]
WITH_TOTAL = [pytest.param(i, id=i.code) for i in instrument_list() if i.total_range is not None]


@st.composite
def valid_answers(draw: st.DrawFn, instrument: Instrument) -> dict[str, int | None]:
    """Complete answers within each item's scale; items a skip rule leaves unasked are blank or minimum."""
    answers: dict[str, int | None] = {
        item.code: draw(st.sampled_from(item.allowed_values)) for item in instrument.items
    }
    for rule in instrument.skip_rules:
        if answers[rule.gate_item] in rule.gate_values:
            for code in rule.skipped_items:
                answers[code] = draw(st.sampled_from([None, instrument.item(code).minimum]))
    return answers


@pytest.mark.parametrize("instrument", ALL)
@FAST
@given(data=st.data())
def test_scores_stay_within_declared_ranges(instrument: Instrument, data: st.DataObject) -> None:
    result = score_items(instrument, data.draw(valid_answers(instrument)))

    if instrument.total_range is None:
        assert result.total is None
    else:
        low, high = instrument.total_range
        assert result.total is not None
        assert low <= result.total <= high
        assert (result.band is not None) is bool(instrument.severity_bands)
    for code, value in result.subscales.items():
        low, high = instrument.subscale_range(code)
        assert low <= value <= high


@pytest.mark.parametrize("instrument", WITH_TOTAL)
@FAST
@given(data=st.data())
def test_total_is_monotone_in_each_item(instrument: Instrument, data: st.DataObject) -> None:
    answers = data.draw(valid_answers(instrument))
    item = data.draw(st.sampled_from(list(instrument.scored_items)))
    current = answers[item.code]
    if current is None or current == item.maximum:
        return
    raised = {**answers, item.code: current + item.step}

    before, after = score_items(instrument, answers).total, score_items(instrument, raised).total

    assert before is not None
    assert after is not None
    if item.reverse_scored:
        assert after < before
    else:
        assert after > before


@pytest.mark.parametrize("instrument", ALL)
@FAST
@given(data=st.data())
def test_positional_keyed_and_text_answers_agree(instrument: Instrument, data: st.DataObject) -> None:
    answers = data.draw(valid_answers(instrument))
    in_order = [answers[code] for code in instrument.item_codes]
    as_text = ["" if value is None else f" {value} " for value in in_order]

    keyed = score_items(instrument, answers)

    assert score(instrument.code, in_order) == keyed
    assert score(instrument.code, as_text) == keyed


@pytest.mark.parametrize("instrument", ALL)
@FAST
@given(data=st.data())
def test_critical_items_are_exactly_those_at_or_above_threshold(instrument: Instrument, data: st.DataObject) -> None:
    answers = data.draw(valid_answers(instrument))

    result = score_items(instrument, answers)

    expected = tuple(c.item_code for c in instrument.critical_items if (answers[c.item_code] or 0) >= c.threshold)
    assert result.critical_items == expected


@pytest.mark.parametrize("instrument", ALL)
@FAST
@given(data=st.data())
def test_out_of_range_answers_are_rejected_naming_the_item(instrument: Instrument, data: st.DataObject) -> None:
    answers = data.draw(valid_answers(instrument))
    item = data.draw(st.sampled_from(instrument.items))
    wrong = data.draw(st.one_of(st.integers(max_value=item.minimum - 1), st.integers(min_value=item.maximum + 1)))

    with pytest.raises(AnswerError) as raised:
        score_items(instrument, {**answers, item.code: wrong})

    assert raised.value.item_code == item.code
    assert raised.value.position == item.position
    assert str(raised.value).startswith(f"{item.label}: ")
