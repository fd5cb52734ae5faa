"""A stored screening result, ready for the page: codes become translated labels, the domain's fixed sentences
are translated (they are in the message catalogue through `gettext_noop`), evidence and sources stay as stored."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from solace.domain.instruments import UnknownInstrument, get_instrument
from solace.measures.display import band_label
from solace.screening.choices import (
    ADAPTATION_LABELS,
    ALTERNATIVE_LABELS,
    RESPONSE_LABELS,
    SEVERITY_LABELS,
    TREATMENT_LABELS,
    VERDICT_LABELS,
    DecisionChoice,
)


def _label(labels: dict[str, Any], code: str) -> str:
    return str(labels.get(code, code))


def result_display(result: dict[str, Any]) -> dict[str, Any]:
    predicted = result["predicted_response"]
    return {
        "decision": result["decision"],
        "decision_label": DecisionChoice(result["decision"]).label,
        "findings": [
            {**finding, "severity_label": _label(SEVERITY_LABELS, finding["severity"]),
             "message": _(finding["message"])}
            for finding in result["findings"]
        ],
        "adaptations": [_label(ADAPTATION_LABELS, code) for code in result["adaptations"]],
        "co_treatments": [
            {**treatment, "kind_label": _label(TREATMENT_LABELS, treatment["kind"]),
             "verdict_label": _label(VERDICT_LABELS, treatment["verdict"]), "message": _(treatment["message"])}
            for treatment in result["co_treatments"]
        ],
        "scores": [_score_row(code, score) for code, score in result["scores"].items()],
        "predicted": {"level": predicted["level"], "label": _label(RESPONSE_LABELS, predicted["level"]),
                      "reasons": [_(reason) for reason in predicted["reasons"]], "note": _(predicted.get("note", ""))},
        "alternatives": [
            {**alternative, "label": _label(ALTERNATIVE_LABELS, alternative["code"]),
             "reason": _(alternative["reason"])}
            for alternative in result["alternatives"]
        ],
        "next_steps": [_(step) for step in result["next_steps"]],
    }


def _score_row(code: str, score: dict[str, Any]) -> dict[str, Any]:
    try:
        instrument = get_instrument(code)
    except UnknownInstrument:
        title, band = code, score.get("band")
    else:
        title, band = _(instrument.title), _(band_label(instrument, score.get("band"))) or score.get("band")
    details = [f"{name} {_number(value)}" for name, value in score.get("subscales", {}).items()]
    if score.get("risk"):
        details.append(f"risk {score['risk']}")
    if score.get("critical_items"):
        details.append(_("critical items: %(items)s") % {"items": ", ".join(score["critical_items"])})
    total = score.get("total")
    return {"code": code, "title": title, "total": None if total is None else _number(total),
            "band": band, "details": details}


def _number(value: float) -> str:
    """Whole numbers as they are, means to two decimals (13.3333 -> 13.33)."""
    return f"{round(value, 2):g}" if isinstance(value, float) else str(value)
