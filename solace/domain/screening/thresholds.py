"""Screening thresholds: published values where they exist, Solace's stated choices where they do not.

A clinic may override any of them (stored per clinic, edited by a clinic administrator or supervisor); the
evaluation receives the resulting `ScreeningThresholds` and never reads settings itself. Each field's metadata
says where its default comes from, in words, and its `Standing` (published, secondary, heuristic guide or Solace
design choice; clinical-reference.md §2), and that wording is repeated in the source of every finding it drives.

Defaults:

- DES-II mean >= 30 defers: the cut-off Carlson et al. 1993 used for multiple personality disorder [C] (§2.9).
  Using it to defer CFT ("severe dissociative symptoms") applies the seed's rule to a published cut-off: a Solace
  design choice, and labelled so.
- DES-II mean >= 20 adds grounding first: detects 80% of DDNOS/DID in psychiatric out- and day-patients
  (Mueller-Pfeiffer et al. 2013) [C] (§2.9).
- C-SSRS screener risk at or above "moderate" defers: the risk levels are Columbia's triage (high [C]) and the
  common colour bands (moderate/low [S]) (§2.10); deferring from "moderate" is a Solace design choice applying
  the seed's "rule out suicidal tendencies before starting".
- PHQ-9 item 9 >= 1 needs a suicide-risk assessment: "any positive response should trigger a suicide-risk
  assessment" [C] (§2.1).
- GAD-7 >= 15 counts as severe anxiety: the published "severe" band 15-21 [C] (§2.2).
- PCL-5 >= 33 counts as probable PTSD: "a cutoff score between 31-33" [C]; 33 as in the instrument library (§2.8).
- FSCRS Hated Self >= 10 (item mean 2, "moderately like me") and Inadequate Self >= 27 (item mean 3, "quite a bit
  like me") count as extreme self-criticism: Solace design choice; no FSCRS cut-offs are published [X] (§2.4).
- FSCRS item 9 >= 1 asks for a safety plan: Solace design suggestion (§2.4 critical item).
- DERS-16 >= 56 (item mean 3.5, between "about half the time" and "most of the time") asks for grounding first:
  Solace design choice; no DERS-16 cut-offs are published [X] (§2.11).
- FCS item mean >= 2 is high fear of compassion, < 1 low: Solace design choice; no FCS cut-offs [X] (§2.7).
- CEAS self item mean >= 6 is high engagement/action, < 4 low: Solace design choice; no CEAS norms [X] (§2.6).
- SCS-SF mean >= 3.5 high, < 2.5 low: Neff's rough guide, a heuristic and not a clinical cut-off [C] (§2.5).
- Age under 18 draws a caution: Solace design choice (the instruments shipped are adult forms).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from solace.domain.instruments.model import Standing
from solace.domain.screening.text import gettext_noop

CSSRS_LEVELS = ("low", "moderate", "high")
"""C-SSRS screener risk levels in rising order (the instrument's triage; "none" is below all of them)."""


class ThresholdError(ValueError):
    """A threshold override is unknown, of the wrong type, out of range or inconsistent with another."""

    def __init__(self, name: str, message: str) -> None:
        super().__init__(f"{name}: {message}")
        self.name = name
        self.message = message


def _spec(
    label: str, source: str, *, standing: Standing, minimum: float = 0, maximum: float = 100,
    choices: tuple[str, ...] = (),
) -> dict[str, Any]:
    return {
        "label": label, "source": source, "standing": standing, "published": standing is Standing.PUBLISHED,
        "minimum": minimum, "maximum": maximum, "choices": choices,
    }


SOLACE_CHOICE = gettext_noop("Solace design choice (not published)")


@dataclass(frozen=True)
class ScreeningThresholds:
    """Every number the screening rules compare against. See the module docstring for each default's source.

    Each field's metadata holds a label and a source in words (shown to clinicians, translated at display time)
    and its `Standing`: `published` only where the source publishes the value for this use."""

    des2_defer_at: float = field(default=30.0, metadata=_spec(
        gettext_noop("DES-II mean that defers CFT (severe dissociative symptoms)"),
        gettext_noop("Carlson et al. 1993 published a DES cut-off of 30 (for multiple personality disorder); using "
                     "it to defer CFT for severe dissociative symptoms is a Solace design choice"),
        standing=Standing.SOLACE_CHOICE))
    des2_grounding_at: float = field(default=20.0, metadata=_spec(
        gettext_noop("DES-II mean that adds grounding first"),
        gettext_noop("Mueller-Pfeiffer et al. 2013: 20 or more detects 80% of DDNOS and DID in psychiatric out- "
                     "and day-patients; using it to teach grounding first is a Solace design choice"),
        standing=Standing.SOLACE_CHOICE))
    cssrs_defer_level: str = field(default="moderate", metadata=_spec(
        gettext_noop("C-SSRS screener risk level that defers CFT"),
        gettext_noop("Columbia triage guidelines (Posner et al. 2011; the low and moderate levels from a secondary "
                     "source); deferring from moderate risk is a Solace design choice"),
        standing=Standing.SOLACE_CHOICE, choices=CSSRS_LEVELS))
    phq9_item9_at: int = field(default=1, metadata=_spec(
        gettext_noop("PHQ-9 item 9 answer that calls for a suicide-risk assessment"),
        gettext_noop("PHQ-9 item 9: any positive answer should trigger a suicide-risk assessment (Kroenke, Spitzer "
                     "& Williams 2001)"),
        standing=Standing.PUBLISHED, minimum=1, maximum=3))
    require_suicide_screen: bool = field(default=True, metadata=_spec(
        gettext_noop("Defer when neither PHQ-9 nor C-SSRS screener was given"),
        gettext_noop("The Solace source overview of compassion-focused therapy (seed document): rule out suicidal "
                     "tendencies before starting; requiring a questionnaire for it is a Solace design choice"),
        standing=Standing.SOLACE_CHOICE))
    gad7_severe_at: int = field(default=15, metadata=_spec(
        gettext_noop("GAD-7 total counted as severe anxiety"),
        gettext_noop("GAD-7 severe band 15-21 (Spitzer, Kroenke, Williams & Löwe 2006)"),
        standing=Standing.PUBLISHED, maximum=21))
    pcl5_probable_ptsd_at: int = field(default=33, metadata=_spec(
        gettext_noop("PCL-5 total counted as probable PTSD"),
        gettext_noop("National Center for PTSD: a PCL-5 score between 31 and 33 indicates probable PTSD"),
        standing=Standing.PUBLISHED, maximum=80))
    fscrs_hated_self_at: int = field(default=10, metadata=_spec(
        gettext_noop("FSCRS Hated Self sum counted as extreme self-criticism"),
        gettext_noop("An item mean of 2 (moderately like me); no FSCRS cut-off is published, so this is a Solace "
                     "design choice"),
        standing=Standing.SOLACE_CHOICE, maximum=20))
    fscrs_inadequate_self_at: int = field(default=27, metadata=_spec(
        gettext_noop("FSCRS Inadequate Self sum counted as extreme self-criticism"),
        gettext_noop("An item mean of 3 (quite a bit like me); no FSCRS cut-off is published, so this is a Solace "
                     "design choice"),
        standing=Standing.SOLACE_CHOICE, maximum=36))
    fscrs_item9_at: int = field(default=1, metadata=_spec(
        gettext_noop("FSCRS item 9 answer that asks for a safety plan"),
        gettext_noop("FSCRS item 9 (wanting to hurt oneself, Gilbert et al. 2004) as a critical item: a Solace "
                     "design choice, not a published rule"),
        standing=Standing.SOLACE_CHOICE, minimum=1, maximum=4))
    ders16_grounding_at: int = field(default=56, metadata=_spec(
        gettext_noop("DERS-16 total that adds grounding first"),
        gettext_noop("An item mean of 3.5; no DERS-16 cut-off is published, so this is a Solace design choice"),
        standing=Standing.SOLACE_CHOICE, minimum=16, maximum=80))
    fcs_high_item_mean: float = field(default=2.0, metadata=_spec(
        gettext_noop("FCS item mean counted as high fear of compassion"),
        gettext_noop("The scale midpoint; no FCS cut-off is published, so this is a Solace design choice"),
        standing=Standing.SOLACE_CHOICE, maximum=4))
    fcs_low_item_mean: float = field(default=1.0, metadata=_spec(
        gettext_noop("FCS item mean below which fear of compassion counts as low"),
        gettext_noop("No FCS cut-off is published, so this is a Solace design choice"),
        standing=Standing.SOLACE_CHOICE, maximum=4))
    ceas_high_item_mean: float = field(default=6.0, metadata=_spec(
        gettext_noop("CEAS self item mean counted as high compassionate engagement or action"),
        gettext_noop("No CEAS norms are published, so this is a Solace design choice"),
        standing=Standing.SOLACE_CHOICE, minimum=1, maximum=10))
    ceas_low_item_mean: float = field(default=4.0, metadata=_spec(
        gettext_noop("CEAS self item mean below which engagement or action counts as low"),
        gettext_noop("No CEAS norms are published, so this is a Solace design choice"),
        standing=Standing.SOLACE_CHOICE, minimum=1, maximum=10))
    scs_sf_high_at: float = field(default=3.5, metadata=_spec(
        gettext_noop("SCS-SF mean counted as high self-compassion"),
        gettext_noop("Neff's rough guide for the Self-Compassion Scale (3.5-5 high): a heuristic guide for the "
                     "long form, not a clinical cut-off"),
        standing=Standing.HEURISTIC, minimum=1, maximum=5))
    scs_sf_low_below: float = field(default=2.5, metadata=_spec(
        gettext_noop("SCS-SF mean below which self-compassion counts as low"),
        gettext_noop("Neff's rough guide for the Self-Compassion Scale (1-2.5 low): a heuristic guide for the long "
                     "form, not a clinical cut-off"),
        standing=Standing.HEURISTIC, minimum=1, maximum=5))
    adult_age: int = field(default=18, metadata=_spec(
        gettext_noop("Age below which a caution about adult instruments is shown"),
        SOLACE_CHOICE, standing=Standing.SOLACE_CHOICE, minimum=10, maximum=25))

    def __post_init__(self) -> None:
        for spec in dataclasses.fields(self):
            _check_value(spec, getattr(self, spec.name))
        for lower, upper in ORDERED_PAIRS:
            if getattr(self, lower) > getattr(self, upper):
                raise ThresholdError(lower, f"must not be above {upper} ({getattr(self, upper)})")

    def source_of(self, name: str) -> str:
        """The source of a threshold, marked "(clinic setting)" when this value differs from the default."""
        spec = FIELDS[name]
        overridden = getattr(self, name) != spec.default
        return f"{spec.metadata['source']}{' (clinic setting)' if overridden else ''}"

    def citation(self, name: str) -> ThresholdCitation:
        """What a finding cites for a threshold it used: label, value, source in words and standing."""
        spec = FIELDS[name]
        value = getattr(self, name)
        return ThresholdCitation(name=name, label=spec.metadata["label"], value=value,
                                 source=spec.metadata["source"], standing=spec.metadata["standing"],
                                 clinic_setting=value != spec.default)

    def overrides(self) -> dict[str, object]:
        """Only the values that differ from the defaults (what a clinic stores)."""
        return {
            name: getattr(self, name) for name, spec in FIELDS.items() if getattr(self, name) != spec.default
        }

    def to_dict(self) -> dict[str, object]:
        return {name: getattr(self, name) for name in FIELDS}


@dataclass(frozen=True)
class ThresholdCitation:
    """One threshold as a finding cites it; `text()` is the English wording stored with the result."""

    name: str
    label: str
    value: object
    source: str
    standing: Standing
    clinic_setting: bool

    def text(self) -> str:
        setting = " (clinic setting)" if self.clinic_setting else ""
        return f"threshold: {self.label} = {_shown(self.value)}{setting}. Source: {self.source}"


def _shown(value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


ORDERED_PAIRS = (
    ("des2_grounding_at", "des2_defer_at"),
    ("fcs_low_item_mean", "fcs_high_item_mean"),
    ("ceas_low_item_mean", "ceas_high_item_mean"),
    ("scs_sf_low_below", "scs_sf_high_at"),
)

FIELDS: Mapping[str, dataclasses.Field[Any]] = {spec.name: spec for spec in dataclasses.fields(ScreeningThresholds)}


def _check_value(spec: dataclasses.Field[Any], value: object) -> None:
    meta = spec.metadata
    expected = spec.type if isinstance(spec.type, str) else spec.type.__name__
    if expected == "bool":
        if not isinstance(value, bool):
            raise ThresholdError(spec.name, "must be true or false")
        return
    if expected == "str":
        if value not in meta["choices"]:
            raise ThresholdError(spec.name, f"must be one of {', '.join(meta['choices'])}")
        return
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ThresholdError(spec.name, "must be a number")
    if expected == "int" and not isinstance(value, int):
        raise ThresholdError(spec.name, "must be a whole number")
    if not meta["minimum"] <= value <= meta["maximum"]:
        raise ThresholdError(spec.name, f"must be between {meta['minimum']} and {meta['maximum']}")


DEFAULT_THRESHOLDS = ScreeningThresholds()


def thresholds_from_overrides(overrides: Mapping[str, object]) -> ScreeningThresholds:
    """The defaults with a clinic's overrides applied; raises ThresholdError naming the offending setting.

    Whole numbers are accepted for float settings (JSON does not keep 30.0 apart from 30)."""
    values: dict[str, object] = {}
    for name, value in overrides.items():
        if name not in FIELDS:
            raise ThresholdError(name, "unknown screening threshold")
        is_float = FIELDS[name].type in ("float", float)
        values[name] = float(value) if is_float and isinstance(value, int) and not isinstance(value, bool) else value
    return dataclasses.replace(DEFAULT_THRESHOLDS, **values)  # type: ignore[arg-type]
