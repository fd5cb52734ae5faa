"""Invariants of every instrument definition: codes, wording licence, bands, evidence, LOINC, result shape."""

from __future__ import annotations

import dataclasses
import json
import re
from fractions import Fraction

import pytest

from solace.domain.instruments import (
    Comparison,
    CutOff,
    Evidence,
    Instrument,
    InstrumentDefinitionError,
    ScoreRule,
    get_instrument,
    instrument_list,
    score_items,
)
from solace.domain.instruments.tests.helpers import at_minimum

SHIPPED = [
    "phq9",
    "gad7",
    "rses",
    "fscrs",
    "scs_sf",
    "ceas",
    "fcs",
    "pcl5",
    "des2",
    "cssrs_screener",
    "ders16",
    "k10",
    "wsas",
    "three_systems",
    "practice_distress",
]
SOLACE_OWN = {"three_systems", "practice_distress"}
WORDING_SHIPPED = {"phq9", "gad7", "pcl5", *SOLACE_OWN}
INSTRUMENTS = [pytest.param(instrument, id=instrument.code) for instrument in instrument_list()]
BANDED = [pytest.param(instrument, id=instrument.code) for instrument in instrument_list() if instrument.severity_bands]

BASE_KEYS = {
    "instrument",
    "version",
    "scoring_version",
    "total",
    "band",
    "subscales",
    "critical_items",
    "cut_offs",
}
EXTRA_KEYS = {
    "cssrs_screener": {"risk"},
    "pcl5": {"provisional_ptsd"},
    "practice_distress": {"change"},
    "wsas": {"imputed_items"},
}


def test_instrument_list_ships_every_instrument_in_a_stable_order() -> None:
    assert [instrument.code for instrument in instrument_list()] == SHIPPED
    for instrument in instrument_list():
        assert get_instrument(instrument.code) is instrument


# Item codes that are not `<code>_q<position>`: the C-SSRS item 6 follow-up (past 3 months) keeps the code it was
# stored under in scoring version 1, and the lifetime question, added in version 2, has a code of its own.
ITEM_CODES_BY_NAME = {
    "cssrs_screener": [*(f"cssrs_screener_q{p}" for p in range(1, 6)), "cssrs_screener_q6_lifetime",
                       "cssrs_screener_q6"],
}


@pytest.mark.parametrize("instrument", INSTRUMENTS)
def test_item_codes_are_stable_and_follow_the_published_order(instrument: Instrument) -> None:
    assert [item.position for item in instrument.items] == list(range(1, len(instrument.items) + 1))
    if instrument.code not in SOLACE_OWN:
        assert [item.code for item in instrument.items] == ITEM_CODES_BY_NAME.get(instrument.code, [
            f"{instrument.code}_q{p}" for p in range(1, len(instrument.items) + 1)
        ])


def test_item_codes_are_unique_across_instruments() -> None:
    codes = [code for instrument in instrument_list() for code in instrument.item_codes]

    assert len(codes) == len(set(codes))


@pytest.mark.parametrize("instrument", INSTRUMENTS)
def test_wording_is_shipped_only_where_the_licence_allows(instrument: Instrument) -> None:
    reproducible = instrument.code in WORDING_SHIPPED
    texts = [item.text for item in instrument.items]
    labels = [option.label for item in instrument.items for option in item.options]

    assert instrument.licence.wording_reproducible is reproducible
    if reproducible:
        assert all(texts)
        assert instrument.instructions
    else:
        assert texts == [None] * len(texts)
        assert labels == [None] * len(labels)
        assert instrument.instructions is None
    assert instrument.answer_key


@pytest.mark.parametrize("code", ["phq9", "gad7", "pcl5"])
def test_public_domain_instruments_label_every_answer(code: str) -> None:
    assert all(option.label for item in get_instrument(code).items for option in item.options)


def test_gad7_lowest_answer_is_not_at_all_not_not_at_all_sure() -> None:
    assert {item.options[0].label for item in get_instrument("gad7").items} == {"Not at all"}


@pytest.mark.parametrize("instrument", INSTRUMENTS)
def test_instrument_cites_its_sources(instrument: Instrument) -> None:
    assert instrument.title
    assert instrument.citation
    assert instrument.licence.text
    assert instrument.licence.source
    sources = [
        *(band.source for band in instrument.severity_bands),
        *(cut_off.source for cut_off in instrument.cut_offs),
        *(subscale.source for subscale in instrument.subscales),
        *(estimate.source for estimate in instrument.reliability),
    ]
    assert all(sources)


def possible_totals(instrument: Instrument) -> list[Fraction]:
    """Every whole-number total for sums of whole answers; otherwise a fine grid plus every band boundary
    (means and imputed sums can fall between whole numbers)."""
    assert instrument.total_range is not None
    low, high = (Fraction(str(end)) for end in instrument.total_range)
    if instrument.total_rule is ScoreRule.SUM and instrument.missing_items.max_imputed_items == 0:
        return [Fraction(value) for value in range(int(low), int(high) + 1)]
    boundaries = {Fraction(str(b.lower)) for b in instrument.severity_bands} | {
        Fraction(str(b.upper)) for b in instrument.severity_bands
    }
    return sorted({low + (high - low) * Fraction(i, 2400) for i in range(2401)} | boundaries)


@pytest.mark.parametrize("instrument", BANDED)
def test_severity_bands_cover_every_possible_total_exactly_once(instrument: Instrument) -> None:
    for value in possible_totals(instrument):
        matching = [band.code for band in instrument.severity_bands if band.contains(float(value))]
        assert len(matching) == 1, (float(value), matching)


@pytest.mark.parametrize("instrument", INSTRUMENTS)
def test_only_confirmed_or_secondary_values_are_used_as_published(instrument: Instrument) -> None:
    published = {Evidence.CONFIRMED, Evidence.SECONDARY}
    tags = {
        *(band.evidence for band in instrument.severity_bands),
        *(cut_off.evidence for cut_off in instrument.cut_offs),
        *(estimate.evidence for estimate in instrument.reliability),
        *(norm.evidence for norm in instrument.norms),
    }
    if instrument.change_criteria:
        tags.add(instrument.change_criteria.evidence)

    assert tags <= published


def test_a_cut_off_tagged_unverified_is_refused() -> None:
    phq9 = get_instrument("phq9")
    unverified = CutOff(
        code="guess",
        label="A number from memory",
        threshold=12,
        comparison=Comparison.AT_OR_ABOVE,
        source="memory",
        evidence=Evidence.UNVERIFIED,
    )

    with pytest.raises(InstrumentDefinitionError, match=r"tagged \[U\]"):
        dataclasses.replace(phq9, cut_offs=(*phq9.cut_offs, unverified))


def test_a_declared_total_range_must_match_the_items() -> None:
    with pytest.raises(InstrumentDefinitionError, match="total range"):
        dataclasses.replace(get_instrument("phq9"), total_range=(0, 30))


def test_wording_cannot_be_shipped_for_a_non_reproducible_licence() -> None:
    phq9 = get_instrument("phq9")
    closed = dataclasses.replace(phq9.licence, wording_reproducible=False)

    with pytest.raises(InstrumentDefinitionError, match="not reproducible"):
        dataclasses.replace(phq9, licence=closed)


@pytest.mark.parametrize(
    ("code", "higher_is_better"),
    [
        ("phq9", False),
        ("gad7", False),
        ("rses", True),
        ("scs_sf", True),
        ("ceas", True),
        ("fcs", False),
        ("pcl5", False),
        ("des2", False),
        ("ders16", False),
        ("k10", False),
        ("wsas", False),
        ("fscrs", None),
        ("cssrs_screener", None),
    ],
)
def test_direction_of_each_instrument(code: str, higher_is_better: bool | None) -> None:
    assert get_instrument(code).higher_is_better is higher_is_better


@pytest.mark.parametrize(
    ("code", "rule", "total_range"),
    [
        ("phq9", ScoreRule.SUM, (0, 27)),
        ("gad7", ScoreRule.SUM, (0, 21)),
        ("rses", ScoreRule.SUM, (0, 30)),
        ("scs_sf", ScoreRule.MEAN, (1, 5)),
        ("pcl5", ScoreRule.SUM, (0, 80)),
        ("des2", ScoreRule.MEAN, (0, 100)),
        ("ders16", ScoreRule.SUM, (16, 80)),
        ("k10", ScoreRule.SUM, (10, 50)),
        ("wsas", ScoreRule.SUM, (0, 40)),
    ],
)
def test_total_rule_and_range(code: str, rule: ScoreRule, total_range: tuple[int, int]) -> None:
    instrument = get_instrument(code)

    assert instrument.total_rule is rule
    assert instrument.total_range == total_range


# --- LOINC ---------------------------------------------------------------------------------------------------


def loinc_check_digit_is_valid(code: str) -> bool:
    """LOINC's mod-10 check digit (the Luhn scheme) over the digits before the hyphen."""
    match = re.fullmatch(r"(?:LA|LL)?(\d+)-(\d)", code)
    if not match:
        return False
    body, check = match.group(1), int(match.group(2))
    total = 0
    for index, digit in enumerate(reversed(body)):
        doubled = int(digit) * 2 if index % 2 == 0 else int(digit)
        total += doubled // 10 + doubled % 10
    return (10 - total % 10) % 10 == check


def test_the_check_digit_routine_rejects_the_codes_the_reference_calls_invalid() -> None:
    assert not loinc_check_digit_is_valid("91006-2")
    assert not loinc_check_digit_is_valid("71549-8")
    assert not loinc_check_digit_is_valid("93373-7")
    assert loinc_check_digit_is_valid("44249-1")


@pytest.mark.parametrize("instrument", INSTRUMENTS)
def test_every_shipped_loinc_code_has_a_valid_check_digit(instrument: Instrument) -> None:
    codes = [item.loinc for item in instrument.items if item.loinc]
    if instrument.loinc:
        codes += [c for c in (instrument.loinc.panel, instrument.loinc.total) if c]
        codes += [code for _purpose, code in instrument.loinc.extra]

    assert all(loinc_check_digit_is_valid(code) for code in codes), codes


def test_phq9_and_gad7_loinc_codes_match_the_reference() -> None:
    phq9, gad7 = get_instrument("phq9"), get_instrument("gad7")

    assert phq9.loinc is not None
    assert gad7.loinc is not None
    assert (phq9.loinc.panel, phq9.loinc.total) == ("44249-1", "44261-6")
    assert phq9.item("phq9_q9").loinc == "44260-8"
    assert (gad7.loinc.panel, gad7.loinc.total) == ("69737-5", "70274-6")
    assert [item.loinc for item in gad7.items] == [
        "69725-0",
        "68509-9",
        "69733-4",
        "69734-2",
        "69735-9",
        "69689-8",
        "69736-7",
    ]


def test_loinc_answer_codes_match_the_reference() -> None:
    phq9_answers = [o.loinc_answer for o in get_instrument("phq9").items[0].options]
    yes_no = [o.loinc_answer for o in get_instrument("cssrs_screener").items[0].options]

    assert phq9_answers == ["LA6568-5", "LA6569-3", "LA6570-1", "LA6571-9"]
    assert yes_no == ["LA32-8", "LA33-6"]


@pytest.mark.parametrize("code", ["rses", "fscrs", "scs_sf", "ceas", "fcs", "des2", "ders16", "k10", "wsas"])
def test_no_loinc_codes_where_none_was_found(code: str) -> None:
    instrument = get_instrument(code)

    assert instrument.loinc is None
    assert all(item.loinc is None for item in instrument.items)


# --- result shape --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("instrument", INSTRUMENTS)
def test_to_dict_has_exactly_the_base_keys_plus_declared_extras(instrument: Instrument) -> None:
    result = score_items(instrument, at_minimum(instrument.code)).to_dict()

    assert set(result) == BASE_KEYS | EXTRA_KEYS.get(instrument.code, set())
    assert result["instrument"] == instrument.code
    assert result["version"] == instrument.version
    assert result["scoring_version"] == instrument.scoring_version
    assert json.loads(json.dumps(result)) == result


def test_score_result_is_frozen() -> None:
    result = score_items("phq9", at_minimum("phq9"))

    with pytest.raises(dataclasses.FrozenInstanceError):
        result.total = 99  # type: ignore[misc]
    with pytest.raises(TypeError):
        result.subscales["x"] = 1  # type: ignore[index]
