"""A stored screening result, ready for the page: codes become translated labels, the domain's fixed sentences
are translated (they are in the message catalogue through `gettext_noop`), and the sources and evidence are put in
words: no file path, evidence tag or internal code reaches the page (the API keeps the stored codes)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from solace.domain.instruments import Instrument, UnknownInstrument, get_instrument
from solace.domain.screening import RULES, ScreeningThresholds, ThresholdError, thresholds_from_overrides
from solace.domain.screening.sources import CITATION_SEPARATOR
from solace.domain.screening.thresholds import ThresholdCitation
from solace.measures.display import band_label, standing_label
from solace.screening.choices import (
    ADAPTATION_LABELS,
    ALTERNATIVE_LABELS,
    CONCERN_LABELS,
    FLAG_LABELS,
    RESPONSE_LABELS,
    SEVERITY_LABELS,
    TREATMENT_LABELS,
    VERDICT_LABELS,
    DecisionChoice,
)

RULES_BY_ID = {rule.id: rule for rule in RULES}


def _label(labels: dict[str, Any], code: str) -> str:
    return str(labels.get(code, code))


def result_display(result: dict[str, Any], *, thresholds: Mapping[str, object] | None = None) -> dict[str, Any]:
    """The stored result in words. Sources are written again from the rule catalogue and the thresholds the
    screening was evaluated with, so stored results from earlier versions read the same; the API keeps the
    stored text and codes."""
    predicted = result["predicted_response"]
    evaluated_with = _thresholds(thresholds or {})
    return {
        "decision": result["decision"],
        "decision_label": DecisionChoice(result["decision"]).label,
        "findings": [
            {**finding, "severity_label": _label(SEVERITY_LABELS, finding["severity"]),
             "message": _(finding["message"]), "evidence": evidence_words(finding["evidence"]),
             "source": finding_source(finding["rule"], evaluated_with)}
            for finding in result["findings"]
        ],
        "adaptations": [_label(ADAPTATION_LABELS, code) for code in result["adaptations"]],
        "co_treatments": [
            {**treatment, "kind_label": _label(TREATMENT_LABELS, treatment["kind"]),
             "verdict_label": _label(VERDICT_LABELS, treatment["verdict"]), "message": _(treatment["message"])}
            for treatment in result["co_treatments"]
        ],
        "not_recommended": [
            {"kind_label": _label(TREATMENT_LABELS, treatment["kind"]), "name": treatment["name"],
             "message": _(treatment["message"])}
            for treatment in result["co_treatments"] if treatment["verdict"] == "not_recommended"
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


def _thresholds(stored: Mapping[str, object]) -> ScreeningThresholds:
    """The thresholds a screening was evaluated with (settings unknown to this version are left out)."""
    known = {name: value for name, value in stored.items() if name in ScreeningThresholds.__dataclass_fields__}
    try:
        return thresholds_from_overrides(known)
    except ThresholdError:
        return thresholds_from_overrides({})


def finding_source(rule_id: str, thresholds: ScreeningThresholds) -> str:
    """A finding's sources in words: the rule's citations, then each threshold it compared against."""
    rule = RULES_BY_ID.get(rule_id)
    if rule is None:
        return _("The rule that raised this finding is no longer part of Solace; its source is in the API record.")
    parts = [_(part) for part in rule.source.split(CITATION_SEPARATOR)]
    parts += [threshold_citation(thresholds.citation(name)) for name in rule.thresholds]
    return "; ".join(parts)


def threshold_citation(citation: ThresholdCitation) -> str:
    values = {"label": _(citation.label), "value": _value(citation.value), "source": _(citation.source),
              "standing": standing_label(citation.standing)}
    if citation.clinic_setting:
        return _("%(label)s: %(value)s, a clinic setting (default: %(standing)s; %(source)s)") % values
    return _("%(label)s: %(value)s (%(standing)s; %(source)s)") % values


def _value(value: object) -> str:
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return _number(value) if isinstance(value, float) else str(value)


def _code_words(code: str) -> str:
    for labels in (CONCERN_LABELS, FLAG_LABELS, TREATMENT_LABELS):
        if code in labels:
            return str(labels[code])
    try:
        return get_instrument(code).title
    except UnknownInstrument:
        return code.replace("_", " ")


EVIDENCE_PREFIXES = {
    "clinical flag": _lazy("clinical judgement"),
    "presenting concerns:": _lazy("presenting concerns:"),
    "presenting concern": _lazy("presenting concern"),
    "concurrent treatment:": _lazy("concurrent treatment:"),
    "not given:": _lazy("not given:"),
}
CODE = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b|\b(?:rebt|cbt|mbsr|other|antidepressant|ceas|fcs|ptsd)\b")


def evidence_words(evidence: str) -> str:
    """What made a rule apply, with the stored codes (concerns, flags, treatments, questionnaires) in words."""
    parts = []
    for part in evidence.split("; "):
        for prefix, words in EVIDENCE_PREFIXES.items():
            if part.startswith(prefix):
                part = f"{words}{_code_list(part[len(prefix):])}"
                break
        parts.append(part)
    return "; ".join(parts)


def _code_list(text: str) -> str:
    return CODE.sub(lambda match: _code_words(match.group(0)), text)


def _score_row(code: str, score: dict[str, Any]) -> dict[str, Any]:
    try:
        instrument = get_instrument(code)
    except UnknownInstrument:
        return {"code": code, "title": code.replace("_", " "), "total": None, "band": None, "details": []}
    band = _(band_label(instrument, score.get("band"))) or None
    details = [f"{_subscale_title(instrument, name)} {_number(value)}"
               for name, value in score.get("subscales", {}).items()]
    if score.get("risk"):
        details.append(_("risk: %(level)s") % {"level": _(str(score["risk"]))})
    if score.get("critical_items"):
        details.append(_("critical items: %(items)s") % {"items": ", ".join(
            _item_words(instrument, item) for item in score["critical_items"])})
    total = score.get("total")
    return {"code": code, "title": _(instrument.title), "total": None if total is None else _number(total),
            "band": band, "details": details}


def _subscale_title(instrument: Instrument, code: str) -> str:
    try:
        return _(instrument.subscale(code).title)
    except KeyError:
        return code.replace("_", " ")


def _item_words(instrument: Instrument, item_code: str) -> str:
    try:
        return _("item %(number)s") % {"number": instrument.item(item_code).shown_number}
    except KeyError:
        return item_code.replace("_", " ")


def _number(value: float) -> str:
    """Whole numbers as they are, means to two decimals (13.3333 -> 13.33)."""
    return f"{round(value, 2):g}" if isinstance(value, float) else str(value)
