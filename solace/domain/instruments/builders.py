"""Small helpers that keep instrument definitions close to the published tables."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

from solace.domain.instruments.model import Evidence, Item, ResponseOption, ScoreRule, Subscale


def response_scale(
    minimum: int,
    maximum: int,
    *,
    step: int = 1,
    labels: Mapping[int, str] | None = None,
    loinc_answers: Mapping[int, str] | None = None,
) -> tuple[ResponseOption, ...]:
    """Every allowed answer value, with labels only where given (and only where the licence allows)."""
    labels = labels or {}
    loinc_answers = loinc_answers or {}
    return tuple(
        ResponseOption(value=value, label=labels.get(value), loinc_answer=loinc_answers.get(value))
        for value in range(minimum, maximum + 1, step)
    )


def numbered_items(
    prefix: str,
    count: int,
    options: tuple[ResponseOption, ...],
    *,
    step: int = 1,
    texts: Sequence[str] | None = None,
    reverse: Collection[int] = (),
    unscored: Collection[int] = (),
    loinc: Sequence[str] | None = None,
) -> tuple[Item, ...]:
    """Items `<prefix>_q1 .. <prefix>_q<count>` in published order; `reverse` and `unscored` are 1-based
    positions exactly as the source lists them."""
    if texts is not None and len(texts) != count:
        raise ValueError(f"{prefix}: {len(texts)} item texts for {count} items")
    if loinc is not None and len(loinc) != count:
        raise ValueError(f"{prefix}: {len(loinc)} LOINC codes for {count} items")
    return tuple(
        Item(
            code=f"{prefix}_q{position}",
            position=position,
            text=texts[position - 1] if texts is not None else None,
            minimum=options[0].value,
            maximum=options[-1].value,
            step=step,
            options=options,
            reverse_scored=position in reverse,
            scored=position not in unscored,
            loinc=loinc[position - 1] if loinc is not None else None,
        )
        for position in range(1, count + 1)
    )


def item_codes(prefix: str, positions: Sequence[int]) -> tuple[str, ...]:
    return tuple(f"{prefix}_q{position}" for position in positions)


def numbered_subscale(
    prefix: str,
    code: str,
    title: str,
    positions: Sequence[int],
    rule: ScoreRule,
    *,
    source: str,
    evidence: Evidence,
) -> Subscale:
    """A subscale declared by 1-based item positions, as the published scoring tables list them."""
    return Subscale(
        code=code,
        title=title,
        item_codes=item_codes(prefix, positions),
        rule=rule,
        source=source,
        evidence=evidence,
    )
