"""Validation of raw answers (from forms, the API or the CLI) into whole-number answers keyed by item code."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from decimal import Decimal
from fractions import Fraction

from solace.domain.instruments.errors import AnswerError
from solace.domain.instruments.model import EN_DASH, Instrument, Item

RawNumber = int | float | Decimal | Fraction


def answers_by_item_code(instrument: Instrument, answers: Sequence[object]) -> dict[str, object]:
    """Positional answers (published item order) keyed by item code; the count must match exactly."""
    if isinstance(answers, str | bytes) or not isinstance(answers, Sequence):
        raise AnswerError(
            f"{instrument.code}: answers must be a list in published item order, not {type(answers).__name__}"
        )
    expected = len(instrument.items)
    if len(answers) < expected:
        first_missing = instrument.items[len(answers)]
        raise AnswerError(
            f"{instrument.code}: expected {expected} answers in published item order, got {len(answers)}; "
            f"{first_missing.label} has none",
            item_code=first_missing.code,
            position=first_missing.position,
        )
    if len(answers) > expected:
        raise AnswerError(
            f"{instrument.code}: expected {expected} answers in published item order, got {len(answers)}",
            position=expected + 1,
        )
    return dict(zip(instrument.item_codes, answers, strict=True))


def validate_answers(instrument: Instrument, answers: Mapping[str, object]) -> dict[str, int | None]:
    """Every item's answer as a whole number, or None when unanswered; raises AnswerError on the first
    unknown item code, non-numeric, out-of-range or off-step answer, or skip-rule violation."""
    unknown = [key for key in answers if key not in instrument.item_codes]
    if unknown:
        raise AnswerError(f"{instrument.code}: unknown item code {unknown[0]!r}", item_code=str(unknown[0]))
    validated = {item.code: parse_answer(item, answers.get(item.code)) for item in instrument.items}
    _check_skip_rules(instrument, validated)
    return validated


def skipped_item_codes(instrument: Instrument, answers: Mapping[str, int | None]) -> frozenset[str]:
    """Items not asked because of a skip rule (C-SSRS items 3-5 when item 2 is no)."""
    return frozenset(
        code
        for rule in instrument.skip_rules
        if answers.get(rule.gate_item) in rule.gate_values
        for code in rule.skipped_items
    )


def parse_answer(item: Item, raw: object) -> int | None:
    """One answer as a whole number within the item's scale; None, "" and whitespace mean unanswered."""
    if raw is None:
        return None
    if isinstance(raw, str):
        if not raw.strip():
            return None
        return _checked(item, _number_from_text(item, raw.strip()))
    if isinstance(raw, bool) or not isinstance(raw, RawNumber):
        raise AnswerError(f"{item.label}: {raw!r} is not a number", item_code=item.code, position=item.position)
    return _checked(item, raw)


def _number_from_text(item: Item, text: str) -> RawNumber:
    try:
        return int(text)
    except ValueError:
        pass
    try:
        return float(text)
    except ValueError:
        raise AnswerError(
            f"{item.label}: {text!r} is not a number", item_code=item.code, position=item.position
        ) from None


def _checked(item: Item, number: RawNumber) -> int:
    def fail(problem: str) -> AnswerError:
        return AnswerError(f"{item.label}: {problem}", item_code=item.code, position=item.position)

    if (isinstance(number, float) and not math.isfinite(number)) or (
        isinstance(number, Decimal) and not number.is_finite()
    ):
        raise fail(f"{number} is not a number")
    if not item.minimum <= number <= item.maximum:
        raise fail(f"{_shown(number)} is out of range {item.minimum}{EN_DASH}{item.maximum}")
    if number != int(number) or (int(number) - item.minimum) % item.step:
        if item.step == 1:
            raise fail(f"{_shown(number)} is not a whole number {item.minimum}{EN_DASH}{item.maximum}")
        raise fail(
            f"{_shown(number)} is not an allowed answer; answers go from {item.minimum} to {item.maximum} "
            f"in steps of {item.step}"
        )
    return int(number)


def _shown(number: RawNumber) -> str:
    if not isinstance(number, int) and number == int(number):
        return str(int(number))
    return str(number)


def _check_skip_rules(instrument: Instrument, answers: Mapping[str, int | None]) -> None:
    for rule in instrument.skip_rules:
        gate_value = answers[rule.gate_item]
        if gate_value not in rule.gate_values:
            continue
        gate = instrument.item(rule.gate_item)
        for code in rule.skipped_items:
            item = instrument.item(code)
            if answers[code] not in (None, item.minimum):
                raise AnswerError(
                    f"{item.label}: answered {answers[code]}, but it is not asked when {gate.label} is "
                    f"{gate_value}; it must be {item.minimum} or unanswered",
                    item_code=item.code,
                    position=item.position,
                )
