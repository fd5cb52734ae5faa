"""C-SSRS Screener, recent version: Columbia-Suicide Severity Rating Scale screener (clinical-reference.md §2.10).

Six yes/no items coded 0 = no, 1 = yes. Item 6 is coded yes only for suicidal behaviour within the past
3 months (the screener's follow-up question). There is no total: every positive item is critical, and the
result carries a risk level from the Columbia triage guidelines and the common colour bands:
item 4, 5 or 6 -> high [C]; item 3 -> moderate [S]; item 1 or 2 -> low [S]; none -> none.
Skip rule: items 3-5 are asked only when item 2 is yes; when item 2 is no they must be 0 or unanswered.

Licence: electronic implementations fall under Clario's exclusive licence [C]; whether that covers
non-trial clinical software is unverified [U]. Solace ships no wording; settle the licence before release.
"""

from __future__ import annotations

from solace.domain.instruments.builders import item_codes, numbered_items, response_scale
from solace.domain.instruments.model import (
    CriticalItem,
    Evidence,
    Instrument,
    Licence,
    LoincCodes,
    RiskLevel,
    RiskTriage,
    ScoreRule,
    SkipRule,
)

SOURCE = "clinical-reference.md §2.10"

YES_NO = response_scale(0, 1, loinc_answers={0: "LA32-8", 1: "LA33-6"})
ITEM_LOINC = ("93246-7", "93247-5", "93248-3", "93249-1", "93250-9", "93269-9")

CRITICAL_REASONS = (
    "Wish to be dead in the past month.",
    "Non-specific active suicidal thoughts in the past month.",
    "Active suicidal ideation with method (no plan or intent) in the past month.",
    "Active suicidal ideation with some intent to act in the past month: high risk.",
    "Active suicidal ideation with specific plan and intent in the past month: high risk.",
    "Suicidal behaviour within the past 3 months: high risk.",
)

CSSRS_SCREENER = Instrument(
    code="cssrs_screener",
    version="2011-screener-recent",
    scoring_version="1",
    title="Columbia-Suicide Severity Rating Scale, Screener (C-SSRS Screener, recent)",
    citation=(
        "Posner K, Brown GK, Stanley B, et al. The Columbia-Suicide Severity Rating Scale: initial validity and "
        "internal consistency findings. Am J Psychiatry 2011;168:1266-1277."
    ),
    licence=Licence(
        text=(
            "Copyright Research Foundation for Mental Hygiene. Clario (eResearch Technology) holds an exclusive "
            "licence for electronic implementations, with fees and certification [C]; whether it covers "
            "non-trial clinical software is unverified [U]. The clinic supplies the wording."
        ),
        wording_reproducible=False,
        source=f"{SOURCE} (clario.com C-SSRS licensing)",
        evidence=Evidence.CONFIRMED,
    ),
    recall_period="Past month (items 1-5); past 3 months (item 6)",
    instructions=None,
    answer_key="0 = no, 1 = yes. Item 6 is yes only for suicidal behaviour within the past 3 months.",
    items=numbered_items("cssrs_screener", 6, YES_NO, loinc=ITEM_LOINC),
    total_rule=ScoreRule.NONE,
    total_range=None,
    higher_is_better=None,
    critical_items=tuple(
        CriticalItem(item_code=f"cssrs_screener_q{position}", threshold=1, reason=reason, evidence=Evidence.CONFIRMED)
        for position, reason in enumerate(CRITICAL_REASONS, start=1)
    ),
    skip_rules=(
        SkipRule(
            gate_item="cssrs_screener_q2",
            gate_values=(0,),
            skipped_items=item_codes("cssrs_screener", (3, 4, 5)),
            source=f"{SOURCE}: items 3-5 only when item 2 is yes (LOINC 93245-9 coding instructions)",
            evidence=Evidence.CONFIRMED,
        ),
    ),
    risk_triage=RiskTriage(
        levels=(
            RiskLevel("high", item_codes("cssrs_screener", (4, 5, 6))),
            RiskLevel("moderate", item_codes("cssrs_screener", (3,))),
            RiskLevel("low", item_codes("cssrs_screener", (1, 2))),
        ),
        default="none",
        source=(
            f"{SOURCE}: Columbia triage guidelines (item 4/5 or behaviour within 3 months = severe risk) [C]; "
            "moderate/low colour bands from Blueprint [S]"
        ),
        evidence=Evidence.SECONDARY,
    ),
    loinc=LoincCodes(
        panel="93373-9",
        total=None,
        answer_list=None,
        extra=(("risk", "93374-7"),),
        source=f"{SOURCE}: panel [S] (LHC-Forms export); items and risk level [C] (HL7 US behavioral health)",
        evidence=Evidence.SECONDARY,
    ),
    evidence_notes=(
        "Item 6 maps to LOINC 93269-9 (behaviour in the past 3 months); lifetime behaviour (93267-3) is not "
        "collected. Behaviour more than 3 months ago (moderate risk by the colour bands [S]) is therefore not "
        "captured by this coding: the clinician must ask.",
        "[U] Whether Clario's exclusive electronic licence covers Solace; decide before shipping an in-app screener.",
    ),
)
