"""Bad input: every rejection names the item (code and 1-based position) and says what is wrong."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from solace.domain.instruments import AnswerError, UnknownInstrument, get_instrument, score, score_items
from solace.domain.instruments.tests.helpers import positional

EN_DASH = "\u2013"


def test_out_of_range_message_names_the_item() -> None:
    with pytest.raises(AnswerError) as raised:
        score("phq9", positional("phq9", {3: 4}))

    assert str(raised.value) == f"phq9_q3 (item 3): 4 is out of range 0{EN_DASH}3"
    assert raised.value.item_code == "phq9_q3"
    assert raised.value.position == 3


@pytest.mark.parametrize(
    ("code", "position", "value"),
    [
        ("phq9", 1, -1),
        ("gad7", 7, 4),
        ("rses", 2, 4),
        ("scs_sf", 5, 0),
        ("scs_sf", 5, 6),
        ("ceas", 13, 0),
        ("des2", 28, 110),
        ("des2", 1, -10),
        ("k10", 10, 0),
        ("wsas", 5, 9),
        ("three_systems", 2, 11),
        ("practice_distress", 1, -1),
        ("cssrs_screener", 6, 2),
    ],
)
def test_out_of_range_answers(code: str, position: int, value: int) -> None:
    minimum = get_instrument(code).items[0].minimum
    with pytest.raises(AnswerError) as raised:
        score(code, positional(code, {position: value}, default=minimum))

    assert raised.value.position == position
    assert raised.value.item_code == get_instrument(code).items[position - 1].code
    assert "out of range" in str(raised.value)


@pytest.mark.parametrize("value", ["abc", "3 points", object(), True, False, [1], {"a": 1}, float("nan"), "inf", b"1"])
def test_non_numeric_answers(value: object) -> None:
    with pytest.raises(AnswerError) as raised:
        score("phq9", positional("phq9", {2: value}))  # type: ignore[dict-item]

    assert raised.value.item_code == "phq9_q2"
    assert raised.value.position == 2
    assert str(raised.value).startswith("phq9_q2 (item 2): ")
    assert "not a number" in str(raised.value)


@pytest.mark.parametrize("value", [1.5, "2.5", Decimal("0.5"), Fraction(1, 2)])
def test_fractional_answers_are_rejected(value: object) -> None:
    with pytest.raises(AnswerError) as raised:
        score("gad7", positional("gad7", {4: value}))  # type: ignore[dict-item]

    assert raised.value.item_code == "gad7_q4"
    assert "not a whole number" in str(raised.value)


@pytest.mark.parametrize("value", [5, 15, "25", 99, 55.0])
def test_des2_answers_must_be_in_steps_of_10(value: object) -> None:
    with pytest.raises(AnswerError) as raised:
        score("des2", positional("des2", {12: value}))  # type: ignore[dict-item]

    assert raised.value.item_code == "des2_q12"
    assert raised.value.position == 12
    assert "steps of 10" in str(raised.value)


@pytest.mark.parametrize("value", [2, "2", " 2 ", "2.0", 2.0, Decimal("2"), Fraction(4, 2)])
def test_numeric_forms_of_the_same_answer_score_alike(value: object) -> None:
    result = score("phq9", positional("phq9", {5: value}))  # type: ignore[dict-item]

    assert result.total == 2
    assert result.answers["phq9_q5"] == 2


def test_wrong_count_too_few_names_the_first_unanswered_item() -> None:
    with pytest.raises(AnswerError) as raised:
        score("phq9", [0] * 8)

    assert raised.value.item_code == "phq9_q9"
    assert raised.value.position == 9
    assert "expected 9 answers" in str(raised.value)


def test_wrong_count_too_many() -> None:
    with pytest.raises(AnswerError) as raised:
        score("gad7", [0] * 8)

    assert raised.value.item_code is None
    assert raised.value.position == 8
    assert "expected 7 answers" in str(raised.value)


@pytest.mark.parametrize("answers", ["000000000", b"000000000", 123, None, {"phq9_q1": 0}])
def test_positional_answers_must_be_a_sequence(answers: object) -> None:
    with pytest.raises(AnswerError, match="must be a list"):
        score("phq9", answers)  # type: ignore[arg-type]


@pytest.mark.parametrize("blank", [None, "", "   "])
def test_missing_item_is_not_scorable_and_named(blank: object) -> None:
    with pytest.raises(AnswerError) as raised:
        score("phq9", positional("phq9", {4: blank}))  # type: ignore[dict-item]

    assert raised.value.item_code == "phq9_q4"
    assert raised.value.position == 4
    assert "no answer" in str(raised.value)


def test_keyed_answers_reject_unknown_item_codes() -> None:
    answers: dict[str, object] = {f"phq9_q{p}": 0 for p in range(1, 10)}
    answers["phq9_q10"] = 1

    with pytest.raises(AnswerError) as raised:
        score_items("phq9", answers)

    assert raised.value.item_code == "phq9_q10"
    assert "unknown item code" in str(raised.value)


def test_keyed_and_positional_answers_agree() -> None:
    values = [3, 2, 1, 0, 1, 2, 3, 0, 1]
    keyed = {f"phq9_q{p}": v for p, v in enumerate(values, start=1)}

    assert score("phq9", values) == score_items("phq9", keyed) == score_items(get_instrument("phq9"), keyed)


def test_unknown_instrument() -> None:
    with pytest.raises(UnknownInstrument) as raised:
        score("bdi2", [0] * 21)

    assert raised.value.code == "bdi2"
    assert isinstance(raised.value, LookupError)
    assert "phq9" in str(raised.value)
    with pytest.raises(UnknownInstrument):
        get_instrument("PHQ9")
    with pytest.raises(UnknownInstrument):
        score_items("nope", {})


def test_answer_error_is_a_value_error() -> None:
    assert issubclass(AnswerError, ValueError)
