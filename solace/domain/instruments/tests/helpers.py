"""Answer builders for the instrument tests (not collected: no test_ prefix)."""

from __future__ import annotations

from collections.abc import Mapping

from solace.domain.instruments import Instrument, get_instrument


def at_minimum(code: str, **overrides: int | None) -> dict[str, int | None]:
    """Every item at its minimum answer, then `overrides` by item code (q3=2 means `<code>_q3`)."""
    instrument = get_instrument(code)
    answers: dict[str, int | None] = {item.code: item.minimum for item in instrument.items}
    for key, value in overrides.items():
        answers[key if key in answers else f"{code}_{key}"] = value
    return answers


def positional(code: str, values: Mapping[int, int | None], default: int | None = 0) -> list[int | None]:
    """Answers in published order: `values` by 1-based position, `default` elsewhere."""
    count = len(get_instrument(code).items)
    return [values.get(position, default) for position in range(1, count + 1)]


def answers_for_scored_sum(instrument: Instrument, target: int) -> dict[str, int]:
    """Raw answers whose scored values (after reversal) add up to `target`, filling items in order."""
    remaining = target - sum(item.minimum for item in instrument.scored_items)
    answers: dict[str, int] = {item.code: item.minimum for item in instrument.items}
    for item in instrument.scored_items:
        extra = min(remaining, item.maximum - item.minimum)
        scored = item.minimum + extra - extra % item.step
        remaining -= scored - item.minimum
        answers[item.code] = item.minimum + item.maximum - scored if item.reverse_scored else scored
    if remaining:
        raise ValueError(f"{instrument.code}: cannot reach a scored sum of {target}")
    return answers
