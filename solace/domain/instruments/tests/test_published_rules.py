"""Table-driven tests of the published scoring rules (clinical-reference.md §2). The expected values are
written out here from the reference, independently of the definitions they check."""

from __future__ import annotations

from fractions import Fraction

import pytest

from solace.domain.instruments import AnswerError, get_instrument, score, score_items
from solace.domain.instruments.tests.helpers import answers_for_scored_sum, at_minimum, positional

# --- severity bands: both ends of every band -------------------------------------------------------------

BAND_BOUNDARIES = [
    ("phq9", 0, "minimal"),
    ("phq9", 4, "minimal"),
    ("phq9", 5, "mild"),
    ("phq9", 9, "mild"),
    ("phq9", 10, "moderate"),
    ("phq9", 14, "moderate"),
    ("phq9", 15, "moderately_severe"),
    ("phq9", 19, "moderately_severe"),
    ("phq9", 20, "severe"),
    ("phq9", 27, "severe"),
    ("gad7", 0, "minimal"),
    ("gad7", 4, "minimal"),
    ("gad7", 5, "mild"),
    ("gad7", 9, "mild"),
    ("gad7", 10, "moderate"),
    ("gad7", 14, "moderate"),
    ("gad7", 15, "severe"),
    ("gad7", 21, "severe"),
    ("k10", 10, "low"),
    ("k10", 15, "low"),
    ("k10", 16, "moderate"),
    ("k10", 21, "moderate"),
    ("k10", 22, "high"),
    ("k10", 29, "high"),
    ("k10", 30, "very_high"),
    ("k10", 50, "very_high"),
    ("wsas", 0, "subclinical"),
    ("wsas", 9, "subclinical"),
    ("wsas", 10, "significant_impairment"),
    ("wsas", 20, "significant_impairment"),
    ("wsas", 21, "moderately_severe"),
    ("wsas", 40, "moderately_severe"),
]


@pytest.mark.parametrize(("code", "total", "band"), BAND_BOUNDARIES)
def test_band_boundaries_of_summed_instruments(code: str, total: int, band: str) -> None:
    result = score_items(code, answers_for_scored_sum(get_instrument(code), total))

    assert result.total == total
    assert result.band == band


# SCS-SF: Neff's guide 1-2.5 low, 2.5-3.5 moderate, 3.5-5 high; Solace puts 2.5 and 3.5 in "moderate".
SCS_SF_BANDS = [
    (12, "low"),  # mean 1.0
    (29, "low"),  # 2.4167
    (30, "moderate"),  # 2.5
    (42, "moderate"),  # 3.5
    (43, "high"),  # 3.5833
    (60, "high"),  # 5.0
]


@pytest.mark.parametrize(("scored_sum", "band"), SCS_SF_BANDS)
def test_scs_sf_band_boundaries(scored_sum: int, band: str) -> None:
    result = score_items("scs_sf", answers_for_scored_sum(get_instrument("scs_sf"), scored_sum))

    assert result.total == pytest.approx(float(Fraction(scored_sum, 12)))
    assert result.band == band


@pytest.mark.parametrize(
    "code", ["rses", "fscrs", "ceas", "fcs", "pcl5", "des2", "cssrs_screener", "ders16", "three_systems"]
)
def test_instruments_without_published_bands_report_no_band(code: str) -> None:
    assert get_instrument(code).severity_bands == ()
    assert score_items(code, at_minimum(code)).band is None


# --- cut-offs ----------------------------------------------------------------------------------------------

CUT_OFFS = [
    ("phq9", "caseness", 9, False),
    ("phq9", "caseness", 10, True),
    ("gad7", "caseness", 7, False),
    ("gad7", "caseness", 8, True),
    ("gad7", "generalized_anxiety_screen", 9, False),
    ("gad7", "generalized_anxiety_screen", 10, True),
    ("pcl5", "probable_ptsd", 32, False),
    ("pcl5", "probable_ptsd", 33, True),
    ("pcl5", "clinical_range", 28, False),
    ("pcl5", "clinical_range", 29, True),
]


@pytest.mark.parametrize(("code", "cut_off", "total", "met"), CUT_OFFS)
def test_cut_offs(code: str, cut_off: str, total: int, met: bool) -> None:
    result = score_items(code, answers_for_scored_sum(get_instrument(code), total))

    assert result.cut_offs[cut_off] is met


@pytest.mark.parametrize(
    ("all_items", "carlson_1993", "ddnos_did_screen", "dissociative_disorder_screen"),
    [(0, False, False, False), (10, False, False, False), (20, False, True, True), (30, True, True, True)],
)
def test_des2_cut_offs_on_the_mean(
    all_items: int, carlson_1993: bool, ddnos_did_screen: bool, dissociative_disorder_screen: bool
) -> None:
    result = score("des2", [all_items] * 28)

    assert result.total == float(all_items)
    assert result.cut_offs == {
        "carlson_1993": carlson_1993,
        "ddnos_did_screen": ddnos_did_screen,
        "dissociative_disorder_screen": dissociative_disorder_screen,
    }


def test_des2_total_is_the_mean_of_28_items() -> None:
    result = score("des2", [10] * 14 + [20] * 14)

    assert result.total == 15.0
    assert score("des2", [100] * 28).total == 100.0


# --- reverse-scored items ----------------------------------------------------------------------------------

RSES_REVERSED = {2, 5, 6, 8, 9}  # original / UMD order, clinical-reference.md §2.3


@pytest.mark.parametrize("position", range(1, 11))
def test_rses_reverse_items(position: int) -> None:
    baseline = score("rses", [0] * 10).total  # the five reversed items score 3 each
    raised = score("rses", positional("rses", {position: 3})).total

    assert baseline == 15
    assert raised == (12 if position in RSES_REVERSED else 18)


def test_rses_range_ends() -> None:
    best = positional("rses", {p: 0 if p in RSES_REVERSED else 3 for p in range(1, 11)})
    worst = positional("rses", {p: 3 if p in RSES_REVERSED else 0 for p in range(1, 11)})

    assert score("rses", best).total == 30
    assert score("rses", worst).total == 0


SCS_SF_REVERSED = {1, 4, 8, 9, 11, 12}  # clinical-reference.md §2.5


@pytest.mark.parametrize("position", range(1, 13))
def test_scs_sf_reverse_items(position: int) -> None:
    baseline = score("scs_sf", [3] * 12).total
    raised = score("scs_sf", positional("scs_sf", {position: 5}, default=3)).total

    assert baseline == 3.0
    assert raised == pytest.approx((36 - 2) / 12 if position in SCS_SF_REVERSED else (36 + 2) / 12)


def test_scs_sf_reverse_uses_six_minus_answer() -> None:
    answers = positional("scs_sf", {p: 1 if p in SCS_SF_REVERSED else 5 for p in range(1, 13)})

    assert score("scs_sf", answers).total == 5.0


@pytest.mark.parametrize("code", ["phq9", "gad7", "fscrs", "ceas", "fcs", "pcl5", "des2", "ders16", "k10", "wsas"])
def test_instruments_without_reverse_items(code: str) -> None:
    assert get_instrument(code).reverse_scored_item_codes == ()


# --- subscales: membership of every item -------------------------------------------------------------------

SUBSCALES = [
    ("fscrs", "inadequate_self", (1, 2, 4, 6, 7, 14, 17, 18, 20)),
    ("fscrs", "hated_self", (9, 10, 12, 15, 22)),
    ("fscrs", "reassured_self", (3, 5, 8, 11, 13, 16, 19, 21)),
    ("ders16", "clarity", (1, 2)),
    ("ders16", "goals", (3, 7, 15)),
    ("ders16", "impulse", (4, 8, 11)),
    ("ders16", "strategies", (5, 6, 12, 14, 16)),
    ("ders16", "nonacceptance", (9, 10, 13)),
    ("fcs", "for_others", tuple(range(1, 11))),
    ("fcs", "from_others", tuple(range(11, 24))),
    ("fcs", "for_self", tuple(range(24, 39))),
    ("ceas", "engagement", (1, 2, 4, 5, 6, 8)),
    ("ceas", "action", (9, 10, 12, 13)),
    ("pcl5", "cluster_b", (1, 2, 3, 4, 5)),
    ("pcl5", "cluster_c", (6, 7)),
    ("pcl5", "cluster_d", (8, 9, 10, 11, 12, 13, 14)),
    ("pcl5", "cluster_e", (15, 16, 17, 18, 19, 20)),
    ("des2", "amnesia", (3, 4, 5, 8, 25, 26)),
    ("des2", "depersonalisation_derealisation", (7, 11, 12, 13, 27, 28)),
    ("des2", "absorption", (2, 14, 15, 17, 18, 20)),
    ("three_systems", "threat", (1,)),
    ("three_systems", "drive", (2,)),
    ("three_systems", "soothing", (3,)),
]


@pytest.mark.parametrize(("code", "subscale", "positions"), SUBSCALES)
def test_subscale_membership(code: str, subscale: str, positions: tuple[int, ...]) -> None:
    instrument = get_instrument(code)
    floor = score_items(code, at_minimum(code)).subscales[subscale]
    for item in instrument.items:
        raised = at_minimum(code, **{item.code: item.minimum + item.step})
        moved = score_items(code, raised).subscales[subscale] != floor
        assert moved is (item.position in positions), item.label


@pytest.mark.parametrize("code", sorted({code for code, _subscale, _positions in SUBSCALES} - {"three_systems"}))
def test_subscales_list_every_subscale_of_the_reference(code: str) -> None:
    expected = {subscale for c, subscale, _positions in SUBSCALES if c == code}

    assert {s.code for s in get_instrument(code).subscales} == expected


SUBSCALE_RANGES = [
    ("fscrs", "inadequate_self", 0, 36),
    ("fscrs", "hated_self", 0, 20),
    ("fscrs", "reassured_self", 0, 32),
    ("ders16", "clarity", 2, 10),
    ("ders16", "goals", 3, 15),
    ("ders16", "impulse", 3, 15),
    ("ders16", "strategies", 5, 25),
    ("ders16", "nonacceptance", 3, 15),
    ("fcs", "for_others", 0, 40),
    ("fcs", "from_others", 0, 52),
    ("fcs", "for_self", 0, 60),
    ("ceas", "engagement", 6, 60),
    ("ceas", "action", 4, 40),
    ("pcl5", "cluster_b", 0, 20),
    ("pcl5", "cluster_c", 0, 8),
    ("pcl5", "cluster_d", 0, 28),
    ("pcl5", "cluster_e", 0, 24),
    ("des2", "amnesia", 0, 100),
]


@pytest.mark.parametrize(("code", "subscale", "low", "high"), SUBSCALE_RANGES)
def test_subscale_ranges(code: str, subscale: str, low: int, high: int) -> None:
    instrument = get_instrument(code)
    highest = {item.code: item.maximum for item in instrument.items}

    assert instrument.subscale_range(subscale) == (low, high)
    assert score_items(code, at_minimum(code)).subscales[subscale] == low
    assert score_items(code, highest).subscales[subscale] == high


def test_ders16_total_is_the_sum_16_to_80() -> None:
    assert score("ders16", [1] * 16).total == 16
    assert score("ders16", [5] * 16).total == 80


@pytest.mark.parametrize("code", ["fscrs", "ceas", "fcs", "cssrs_screener", "three_systems", "practice_distress"])
def test_instruments_without_a_total(code: str) -> None:
    assert score_items(code, at_minimum(code)).total is None


# --- CEAS fillers --------------------------------------------------------------------------------------------


def test_ceas_fillers_may_be_unanswered_and_never_count() -> None:
    answered = score("ceas", [5] * 13)
    fillers_blank = score("ceas", positional("ceas", {3: None, 7: None, 11: None}, default=5))
    fillers_high = score("ceas", positional("ceas", {3: 10, 7: 10, 11: 10}, default=5))

    assert answered.subscales == {"engagement": 30, "action": 20}
    assert fillers_blank.subscales == answered.subscales
    assert fillers_high.subscales == answered.subscales


def test_ceas_filler_answers_are_still_validated() -> None:
    with pytest.raises(AnswerError) as raised:
        score("ceas", positional("ceas", {7: 11}, default=5))

    assert raised.value.item_code == "ceas_q7"


# --- critical items ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("answer", "flagged"), [(0, False), (1, True), (2, True), (3, True)])
def test_phq9_item_9_is_critical_from_1(answer: int, flagged: bool) -> None:
    result = score("phq9", positional("phq9", {9: answer}))

    assert result.critical_items == (("phq9_q9",) if flagged else ())


@pytest.mark.parametrize(("answer", "flagged"), [(0, False), (1, True), (4, True)])
def test_fscrs_item_9_is_flagged_as_a_design_suggestion(answer: int, flagged: bool) -> None:
    result = score("fscrs", positional("fscrs", {9: answer}))

    assert result.critical_items == (("fscrs_q9",) if flagged else ())


def test_other_high_answers_are_not_critical() -> None:
    assert score("phq9", positional("phq9", dict.fromkeys(range(1, 9), 3))).critical_items == ()
    assert score("pcl5", [4] * 20).critical_items == ()


# --- C-SSRS screener triage ----------------------------------------------------------------------------------

Q = "cssrs_screener_q"
L, R = "cssrs_screener_q6_lifetime", "cssrs_screener_q6"  # item 6 (lifetime) and its 3-month follow-up
CSSRS_TRIAGE = [
    ([0, 0, None, None, None, 0, None], "none", ()),
    ([0, 0, 0, 0, 0, 0, 0], "none", ()),
    ([1, 0, None, None, None, 0, None], "low", (f"{Q}1",)),
    ([0, 1, 0, 0, 0, 0, None], "low", (f"{Q}2",)),
    ([1, 1, 0, 0, 0, 0, None], "low", (f"{Q}1", f"{Q}2")),
    ([1, 1, 1, 0, 0, 0, None], "moderate", (f"{Q}1", f"{Q}2", f"{Q}3")),
    ([0, 1, 1, 0, 0, 0, None], "moderate", (f"{Q}2", f"{Q}3")),
    ([1, 1, 0, 1, 0, 0, None], "high", (f"{Q}1", f"{Q}2", f"{Q}4")),
    ([1, 1, 0, 0, 1, 0, None], "high", (f"{Q}1", f"{Q}2", f"{Q}5")),
    ([0, 0, None, None, None, 1, 0], "moderate", (L,)),  # behaviour more than 3 months ago [S]
    ([1, 0, None, None, None, 1, 0], "moderate", (f"{Q}1", L)),
    ([0, 0, None, None, None, 1, 1], "high", (L, R)),  # behaviour within 3 months [C]
    ([1, 0, 0, 0, 0, 1, 1], "high", (f"{Q}1", L, R)),
    ([1, 1, 1, 1, 1, 1, 1], "high", (*(f"{Q}{p}" for p in range(1, 6)), L, R)),
]


@pytest.mark.parametrize(("answers", "risk", "critical"), CSSRS_TRIAGE)
def test_cssrs_screener_risk_triage(answers: list[int | None], risk: str, critical: tuple[str, ...]) -> None:
    result = score("cssrs_screener", answers)

    assert result.risk == risk
    assert result.critical_items == critical
    assert result.to_dict()["risk"] == risk
    assert result.total is None


@pytest.mark.parametrize(
    ("answers", "position"),
    [
        ([1, 0, 1, None, None, 0, None], 3),
        ([0, 0, None, 1, None, 0, None], 4),
        ([0, 0, 0, 0, 1, 0, None], 5),
    ],
)
def test_cssrs_items_3_to_5_must_be_0_or_blank_when_item_2_is_no(answers: list[int | None], position: int) -> None:
    with pytest.raises(AnswerError) as raised:
        score("cssrs_screener", answers)

    assert raised.value.item_code == f"{Q}{position}"
    assert raised.value.position == position
    assert f"{Q}2 (item 2) is 0" in str(raised.value)


@pytest.mark.parametrize(
    ("answers", "position"),
    [
        ([1, 1, None, 0, 0, 0, None], 3),  # asked because item 2 is yes, so it must be answered
        ([1, None, None, None, None, 0, None], 2),
        ([1, 0, None, None, None, None, None], 6),
        ([1, 0, None, None, None, 1, None], 7),  # the follow-up is asked after a lifetime yes
        ([2, 0, None, None, None, 0, None], 1),
    ],
)
def test_cssrs_screener_rejects_missing_or_invalid_answers(answers: list[int | None], position: int) -> None:
    with pytest.raises(AnswerError) as raised:
        score("cssrs_screener", answers)

    assert raised.value.position == position


# --- PCL-5 provisional diagnosis -----------------------------------------------------------------------------

MINIMAL_PTSD = {1: 2, 6: 2, 8: 2, 9: 2, 15: 2, 16: 2}  # 1 B, 1 C, 2 D, 2 E endorsed at 2 or more


@pytest.mark.parametrize(
    ("values", "provisional"),
    [
        (dict.fromkeys(range(1, 21), 2), True),
        (dict.fromkeys(range(1, 21), 1), False),
        (MINIMAL_PTSD, True),
        ({**MINIMAL_PTSD, 1: 1}, False),  # no B item endorsed
        ({**MINIMAL_PTSD, 6: 0}, False),  # no C item endorsed
        ({**MINIMAL_PTSD, 9: 1}, False),  # only one D item endorsed
        ({**MINIMAL_PTSD, 16: 1}, False),  # only one E item endorsed
        ({**MINIMAL_PTSD, 1: 4, 6: 4}, True),
    ],
)
def test_pcl5_provisional_ptsd(values: dict[int, int], provisional: bool) -> None:
    result = score("pcl5", positional("pcl5", values))

    assert result.extras["provisional_ptsd"] is provisional
    assert result.to_dict()["provisional_ptsd"] is provisional


def test_pcl5_total_and_clusters() -> None:
    result = score("pcl5", [1, 2, 3, 4, 0] * 4)

    assert result.total == 40
    assert result.subscales == {"cluster_b": 10, "cluster_c": 3, "cluster_d": 17, "cluster_e": 10}


# --- WSAS missing-item rule (NHS Data Dictionary) ------------------------------------------------------------

WSAS_MISSING = [
    ([1, 2, 3, 4, 5], 15, (), "significant_impairment"),
    ([None, 4, 4, 4, 4], 20.0, ("wsas_q1",), "significant_impairment"),
    ([None, 2, 2, 2, 1], 8.75, ("wsas_q1",), "subclinical"),
    ([4, 4, None, 5, 4], 21.25, ("wsas_q3",), "moderately_severe"),
    ([8, 8, 8, 8, None], 40.0, ("wsas_q5",), "moderately_severe"),
    (["", 1, 2, 2, 3], 10.0, ("wsas_q1",), "significant_impairment"),
]


@pytest.mark.parametrize(("answers", "total", "imputed", "band"), WSAS_MISSING)
def test_wsas_one_missing_item_is_replaced_by_the_mean_of_the_rest(
    answers: list[int | str | None], total: float, imputed: tuple[str, ...], band: str
) -> None:
    result = score("wsas", answers)

    assert result.total == total
    assert result.extras["imputed_items"] == imputed
    assert result.band == band


def test_wsas_absent_key_counts_as_missing() -> None:
    result = score_items("wsas", {"wsas_q2": 4, "wsas_q3": 4, "wsas_q4": 4, "wsas_q5": 4})

    assert result.total == 20.0


@pytest.mark.parametrize(
    ("answers", "first_missing"),
    [([None, None, 4, 4, 4], 1), ([4, None, 4, None, 4], 2), ([None] * 5, 1)],
)
def test_wsas_more_than_one_missing_item_is_not_scorable(answers: list[int | None], first_missing: int) -> None:
    with pytest.raises(AnswerError) as raised:
        score("wsas", answers)

    assert raised.value.position == first_missing
    assert raised.value.item_code == f"wsas_q{first_missing}"
    assert "at most 1 may be missing" in str(raised.value)


# --- Solace's own instruments --------------------------------------------------------------------------------


def test_three_systems_reports_each_system() -> None:
    result = score("three_systems", [3, 7, 9])

    assert result.subscales == {"threat": 3, "drive": 7, "soothing": 9}
    assert result.total is None


@pytest.mark.parametrize(("before", "after", "change"), [(7, 3, -4), (2, 6, 4), (5, 5, 0), (0, 10, 10)])
def test_practice_distress_change_is_after_minus_before(before: int, after: int, change: int) -> None:
    result = score("practice_distress", [before, after])

    assert result.to_dict()["change"] == change


def test_practice_distress_needs_both_ratings() -> None:
    with pytest.raises(AnswerError) as raised:
        score("practice_distress", [4, None])

    assert raised.value.item_code == "after"
