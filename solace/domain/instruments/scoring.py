"""Scoring: one function behind every instrument, driven only by the instrument's declared data.

Sources: each instrument's definition module and clinical-reference.md §2 (which it cites).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

from solace.domain.instruments.answers import (
    answers_by_item_code,
    skipped_item_codes,
    validate_answers,
)
from solace.domain.instruments.errors import AnswerError
from solace.domain.instruments.model import Instrument, Item, Number, ScoreRule
from solace.domain.instruments.registry import get_instrument

ExtraValue = str | bool | int | float | tuple[str, ...]


@dataclass(frozen=True)
class ScoreResult:
    """The scored questionnaire. Everything is keyed by stable item, subscale and cut-off codes.

    `answers` holds the validated answers (None = unanswered or skipped); `extras` holds the
    instrument-specific results its definition declares: "risk" (C-SSRS), "provisional_ptsd" (PCL-5),
    "change" (practice distress), "imputed_items" (WSAS).
    """

    instrument: str
    version: str
    scoring_version: str
    total: Number | None
    band: str | None
    subscales: Mapping[str, Number]
    critical_items: tuple[str, ...]
    cut_offs: Mapping[str, bool]
    answers: Mapping[str, int | None]
    extras: Mapping[str, ExtraValue]

    @property
    def risk(self) -> str | None:
        risk = self.extras.get("risk")
        return risk if isinstance(risk, str) else None

    def to_dict(self) -> dict[str, object]:
        """JSON-ready: instrument, version, scoring_version, total, band, subscales, critical_items,
        cut_offs, then the instrument's extras under their own keys."""
        return {
            "instrument": self.instrument,
            "version": self.version,
            "scoring_version": self.scoring_version,
            "total": self.total,
            "band": self.band,
            "subscales": dict(self.subscales),
            "critical_items": list(self.critical_items),
            "cut_offs": dict(self.cut_offs),
            **{key: list(value) if isinstance(value, tuple) else value for key, value in self.extras.items()},
        }


def score(code: str, answers: Sequence[object]) -> ScoreResult:
    """Score answers given in the instrument's published item order (values may be str, int, float or None).

    Raises UnknownInstrument for an unknown code and AnswerError (naming the item) for a wrong count,
    non-numeric, out-of-range or off-step answer, a skip-rule violation or missing items.
    """
    instrument = get_instrument(code)
    return score_items(instrument, answers_by_item_code(instrument, answers))


def score_items(instrument: Instrument | str, answers: Mapping[str, object]) -> ScoreResult:
    """Score answers keyed by item code (the canonical form); unanswered items may be absent or None.

    Applies the instrument's reverse scoring, skip rules and missing-item policy, then its total rule,
    subscales, severity bands, cut-offs, critical items and declared extras.
    """
    if isinstance(instrument, str):
        instrument = get_instrument(instrument)
    validated = validate_answers(instrument, answers)
    values, imputed = _scored_values(instrument, validated)
    total = _aggregate(instrument.total_rule, [values[item.code] for item in instrument.scored_items])
    band = instrument.band_for(total) if total is not None else None
    return ScoreResult(
        instrument=instrument.code,
        version=instrument.version,
        scoring_version=instrument.scoring_version,
        total=total,
        band=band.code if band else None,
        subscales=MappingProxyType(
            {s.code: _required(_aggregate(s.rule, [values[c] for c in s.item_codes])) for s in instrument.subscales}
        ),
        critical_items=tuple(
            c.item_code for c in instrument.critical_items if _at_least(validated[c.item_code], c.threshold)
        ),
        cut_offs=MappingProxyType({c.code: c.is_met(total) for c in instrument.cut_offs} if total is not None else {}),
        answers=MappingProxyType(validated),
        extras=MappingProxyType(_extras(instrument, validated, imputed)),
    )


def _scored_values(
    instrument: Instrument, answers: Mapping[str, int | None]
) -> tuple[dict[str, Number], tuple[str, ...]]:
    """Each scored item's contribution after reversal; skipped items count as their minimum answer, and
    missing items are imputed under the instrument's missing-item policy (or rejected)."""
    skipped = skipped_item_codes(instrument, answers)
    values: dict[str, Number] = {}
    missing: list[Item] = []
    for item in instrument.scored_items:
        answer = answers[item.code]
        if answer is None and item.code in skipped:
            answer = item.minimum
        if answer is None:
            missing.append(item)
        else:
            values[item.code] = item.scored_value(answer)
    _check_missing(instrument, missing, answered=len(values))
    if missing:
        substitute = sum(values.values()) / len(values)
        values.update({item.code: substitute for item in missing})
    return values, tuple(item.code for item in missing)


def _check_missing(instrument: Instrument, missing: list[Item], *, answered: int) -> None:
    if not missing:
        return
    policy = instrument.missing_items
    first = missing[0]
    if policy.max_imputed_items == 0:
        message = f"{first.label}: no answer; every scored item of {instrument.code} must be answered"
    elif len(missing) > policy.max_imputed_items or answered == 0:
        labels = ", ".join(item.label for item in missing)
        message = (
            f"{instrument.code}: {len(missing)} items unanswered ({labels}); at most "
            f"{policy.max_imputed_items} may be missing ({policy.source})"
        )
    else:
        return
    raise AnswerError(message, item_code=first.code, position=first.position)


def _aggregate(rule: ScoreRule, values: list[Number]) -> Number | None:
    match rule:
        case ScoreRule.SUM:
            return sum(values)
        case ScoreRule.MEAN:
            return sum(values) / len(values)
        case ScoreRule.NONE:
            return None


def _required(value: Number | None) -> Number:
    if value is None:
        raise ValueError("a subscale must be scored by sum or mean")
    return value


def _at_least(answer: int | None, threshold: int) -> bool:
    return answer is not None and answer >= threshold


def _extras(
    instrument: Instrument, answers: Mapping[str, int | None], imputed: tuple[str, ...]
) -> dict[str, ExtraValue]:
    extras: dict[str, ExtraValue] = {}
    if triage := instrument.risk_triage:
        extras[triage.key] = next(
            (
                level.level
                for level in triage.levels
                if any(_at_least(answers[code], level.threshold) for code in level.item_codes)
            ),
            triage.default,
        )
    if rule := instrument.diagnosis_rule:
        extras[rule.key] = all(
            sum(_at_least(answers[code], rule.endorsed_at) for code in instrument.subscale(subscale).item_codes)
            >= minimum
            for subscale, minimum in rule.minimum_endorsed
        )
    if difference := instrument.item_difference:
        later, earlier = answers[difference.later_item], answers[difference.earlier_item]
        if later is not None and earlier is not None:
            extras[difference.key] = later - earlier
    if instrument.missing_items.max_imputed_items:
        extras["imputed_items"] = imputed
    return extras
