"""Screening thresholds: published values where they exist, Solace's stated choices where they do not.

A clinic may override any of them (stored per clinic, edited by a clinic administrator or supervisor); the
evaluation receives the resulting `ScreeningThresholds` and never reads settings itself. Each field's metadata
says where its default comes from and whether it is published (`published=True`, clinical-reference.md §2) or a
Solace design choice (`published=False`), and that wording is repeated in the source of every finding it drives.

Defaults:

- DES-II mean >= 30 defers: the cut-off Carlson et al. 1993 used for multiple personality disorder [C] (§2.9).
  Using it to defer CFT ("severe dissociative symptoms") is the seed's rule applied to a published cut-off.
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
    label: str, source: str, *, published: bool, minimum: float = 0, maximum: float = 100,
    choices: tuple[str, ...] = (),
) -> dict[str, Any]:
    return {
        "label": label, "source": source, "published": published, "minimum": minimum, "maximum": maximum,
        "choices": choices,
    }


SOLACE_CHOICE = "Solace design choice (not published)"


@dataclass(frozen=True)
class ScreeningThresholds:
    """Every number the screening rules compare against. See the module docstring for each default's source."""

    des2_defer_at: float = field(default=30.0, metadata=_spec(
        gettext_noop("DES-II mean that defers CFT (severe dissociative symptoms)"),
        "Carlson et al. 1993 cut-off 30 [C], clinical-reference.md §2.9", published=True))
    des2_grounding_at: float = field(default=20.0, metadata=_spec(
        gettext_noop("DES-II mean that adds grounding first"),
        "Mueller-Pfeiffer et al. 2013 cut-off 20 [C], clinical-reference.md §2.9", published=True))
    cssrs_defer_level: str = field(default="moderate", metadata=_spec(
        gettext_noop("C-SSRS screener risk level that defers CFT"),
        f"Columbia triage levels [C]/[S], clinical-reference.md §2.10; deferring at moderate: {SOLACE_CHOICE}",
        published=False, choices=CSSRS_LEVELS))
    phq9_item9_at: int = field(default=1, metadata=_spec(
        gettext_noop("PHQ-9 item 9 answer that calls for a suicide-risk assessment"),
        "PHQ-9 critical item 9, any positive answer [C], clinical-reference.md §2.1", published=True,
        minimum=1, maximum=3))
    require_suicide_screen: bool = field(default=True, metadata=_spec(
        gettext_noop("Defer when neither PHQ-9 nor C-SSRS screener was given"),
        f"Seed: rule out suicidal tendencies before starting; requiring an instrument: {SOLACE_CHOICE}",
        published=False))
    gad7_severe_at: int = field(default=15, metadata=_spec(
        gettext_noop("GAD-7 total counted as severe anxiety"),
        "GAD-7 severe band 15-21 [C], clinical-reference.md §2.2", published=True, maximum=21))
    pcl5_probable_ptsd_at: int = field(default=33, metadata=_spec(
        gettext_noop("PCL-5 total counted as probable PTSD"),
        "PCL-5 cut-off 31-33 [C], clinical-reference.md §2.8", published=True, maximum=80))
    fscrs_hated_self_at: int = field(default=10, metadata=_spec(
        gettext_noop("FSCRS Hated Self sum counted as extreme self-criticism"),
        f"Item mean 2 (moderately like me); no published FSCRS cut-off [X] §2.4: {SOLACE_CHOICE}",
        published=False, maximum=20))
    fscrs_inadequate_self_at: int = field(default=27, metadata=_spec(
        gettext_noop("FSCRS Inadequate Self sum counted as extreme self-criticism"),
        f"Item mean 3 (quite a bit like me); no published FSCRS cut-off [X] §2.4: {SOLACE_CHOICE}",
        published=False, maximum=36))
    fscrs_item9_at: int = field(default=1, metadata=_spec(
        gettext_noop("FSCRS item 9 answer that asks for a safety plan"),
        f"FSCRS item 9 as a critical item, clinical-reference.md §2.4: {SOLACE_CHOICE}",
        published=False, minimum=1, maximum=4))
    ders16_grounding_at: int = field(default=56, metadata=_spec(
        gettext_noop("DERS-16 total that adds grounding first"),
        f"Item mean 3.5; no published DERS-16 cut-off [X] §2.11: {SOLACE_CHOICE}",
        published=False, minimum=16, maximum=80))
    fcs_high_item_mean: float = field(default=2.0, metadata=_spec(
        gettext_noop("FCS item mean counted as high fear of compassion"),
        f"Scale midpoint; no published FCS cut-off [X] §2.7: {SOLACE_CHOICE}", published=False, maximum=4))
    fcs_low_item_mean: float = field(default=1.0, metadata=_spec(
        gettext_noop("FCS item mean below which fear of compassion counts as low"),
        f"No published FCS cut-off [X] §2.7: {SOLACE_CHOICE}", published=False, maximum=4))
    ceas_high_item_mean: float = field(default=6.0, metadata=_spec(
        gettext_noop("CEAS self item mean counted as high compassionate engagement or action"),
        f"No published CEAS norms [X] §2.6: {SOLACE_CHOICE}", published=False, minimum=1, maximum=10))
    ceas_low_item_mean: float = field(default=4.0, metadata=_spec(
        gettext_noop("CEAS self item mean below which engagement or action counts as low"),
        f"No published CEAS norms [X] §2.6: {SOLACE_CHOICE}", published=False, minimum=1, maximum=10))
    scs_sf_high_at: float = field(default=3.5, metadata=_spec(
        gettext_noop("SCS-SF mean counted as high self-compassion"),
        "Neff's rough guide 3.5-5 high, a heuristic [C], clinical-reference.md §2.5", published=True,
        minimum=1, maximum=5))
    scs_sf_low_below: float = field(default=2.5, metadata=_spec(
        gettext_noop("SCS-SF mean below which self-compassion counts as low"),
        "Neff's rough guide 1-2.5 low, a heuristic [C], clinical-reference.md §2.5", published=True,
        minimum=1, maximum=5))
    adult_age: int = field(default=18, metadata=_spec(
        gettext_noop("Age below which a caution about adult instruments is shown"),
        SOLACE_CHOICE, published=False, minimum=10, maximum=25))

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

    def overrides(self) -> dict[str, object]:
        """Only the values that differ from the defaults (what a clinic stores)."""
        return {
            name: getattr(self, name) for name, spec in FIELDS.items() if getattr(self, name) != spec.default
        }

    def to_dict(self) -> dict[str, object]:
        return {name: getattr(self, name) for name in FIELDS}


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
