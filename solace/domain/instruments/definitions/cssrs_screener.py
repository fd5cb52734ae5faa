"""C-SSRS Screener, recent version: Columbia-Suicide Severity Rating Scale screener (clinical-reference.md §2.10).

Six yes/no questions coded 0 = no, 1 = yes, and the follow-up of question 6. Question 6 (suicidal behaviour,
lifetime) is `cssrs_screener_q6_lifetime`; its follow-up (within the past 3 months) keeps the code
`cssrs_screener_q6`, which has meant behaviour within the past 3 months since scoring version 1, so stored answers
keep their meaning. There is no total: every positive item is critical, and the result carries a risk level from
the Columbia triage guidelines and the common colour bands: item 4 or 5, or behaviour within the past 3 months ->
high [C]; item 3, or behaviour only more than 3 months ago (lifetime yes, follow-up no) -> moderate [S];
item 1 or 2 -> low [S]; none -> none.
Skip rules: items 3-5 are asked only when item 2 is yes; the 3-month follow-up only when lifetime behaviour is yes
(when not asked they must be 0 or unanswered).

Licence: electronic implementations fall under Clario's exclusive licence [C]; whether that covers
non-trial clinical software is unverified [U]. Solace ships no wording; settle the licence before release.
"""

from __future__ import annotations

from solace.domain.instruments.builders import item_codes, numbered_items, response_scale
from solace.domain.instruments.model import (
    CriticalItem,
    Evidence,
    Instrument,
    Item,
    Licence,
    LoincCodes,
    RiskLevel,
    RiskTriage,
    ScoreRule,
    SkipRule,
)

SOURCE = "clinical-reference.md §2.10"

YES_NO = response_scale(0, 1, loinc_answers={0: "LA32-8", 1: "LA33-6"})
ITEM_LOINC = ("93246-7", "93247-5", "93248-3", "93249-1", "93250-9")
LIFETIME_BEHAVIOUR = "cssrs_screener_q6_lifetime"
RECENT_BEHAVIOUR = "cssrs_screener_q6"
"""The follow-up of question 6 (behaviour within the past 3 months), LOINC 93269-9: the code item 6 had in
scoring version 1, where only this answer was stored."""

BEHAVIOUR_ITEMS = (
    Item(code=LIFETIME_BEHAVIOUR, position=6, text=None, minimum=0, maximum=1, options=YES_NO, loinc="93267-3"),
    Item(code=RECENT_BEHAVIOUR, position=7, text=None, minimum=0, maximum=1, options=YES_NO, loinc="93269-9",
         number="6 (past 3 months)"),
)

CRITICAL_REASONS = (
    "Wish to be dead in the past month.",
    "Non-specific active suicidal thoughts in the past month.",
    "Active suicidal ideation with method (no plan or intent) in the past month.",
    "Active suicidal ideation with some intent to act in the past month: high risk.",
    "Active suicidal ideation with specific plan and intent in the past month: high risk.",
)
BEHAVIOUR_REASONS = (
    (LIFETIME_BEHAVIOUR, "Suicidal behaviour in the patient's lifetime: at least moderate risk."),
    (RECENT_BEHAVIOUR, "Suicidal behaviour within the past 3 months: high risk."),
)

CSSRS_SCREENER = Instrument(
    code="cssrs_screener",
    version="2011-screener-recent-lifetime-behaviour",
    scored_version=(
        "Posner et al. 2011, Columbia Suicide Severity Rating Scale screener, recent version: the six yes/no "
        "questions in the published order (1 wish to be dead ... 6 suicidal behaviour, lifetime), then question 6's "
        "follow-up (behaviour within the past 3 months) as item 7; answers no = 0, yes = 1"
    ),
    scoring_version="2",
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
    recall_period="Past month (items 1-5); lifetime (item 6); past 3 months (item 6 follow-up)",
    instructions=None,
    answer_key=(
        "0 = no, 1 = yes. Item 6: suicidal behaviour ever; item 7 (item 6's follow-up, asked only after a yes): "
        "suicidal behaviour within the past 3 months."
    ),
    items=numbered_items("cssrs_screener", 5, YES_NO, loinc=ITEM_LOINC) + BEHAVIOUR_ITEMS,
    total_rule=ScoreRule.NONE,
    total_range=None,
    higher_is_better=None,
    critical_items=tuple(
        CriticalItem(item_code=f"cssrs_screener_q{position}", threshold=1, reason=reason, evidence=Evidence.CONFIRMED)
        for position, reason in enumerate(CRITICAL_REASONS, start=1)
    )
    + tuple(
        CriticalItem(item_code=code, threshold=1, reason=reason, evidence=Evidence.CONFIRMED)
        for code, reason in BEHAVIOUR_REASONS
    ),
    skip_rules=(
        SkipRule(
            gate_item="cssrs_screener_q2",
            gate_values=(0,),
            skipped_items=item_codes("cssrs_screener", (3, 4, 5)),
            source=f"{SOURCE}: items 3-5 only when item 2 is yes (LOINC 93245-9 coding instructions)",
            evidence=Evidence.CONFIRMED,
        ),
        SkipRule(
            gate_item=LIFETIME_BEHAVIOUR,
            gate_values=(0,),
            skipped_items=(RECENT_BEHAVIOUR,),
            source=f"{SOURCE}: the 3-month follow-up only when item 6 (lifetime behaviour) is yes",
            evidence=Evidence.CONFIRMED,
        ),
    ),
    risk_triage=RiskTriage(
        levels=(
            RiskLevel("high", (*item_codes("cssrs_screener", (4, 5)), RECENT_BEHAVIOUR)),
            RiskLevel("moderate", (*item_codes("cssrs_screener", (3,)), LIFETIME_BEHAVIOUR)),
            RiskLevel("low", item_codes("cssrs_screener", (1, 2))),
        ),
        default="none",
        source=(
            f"{SOURCE}: Columbia triage guidelines (item 4/5 or behaviour within 3 months = severe risk) [C]; "
            "moderate (item 3, or behaviour more than 3 months ago) and low colour bands from Blueprint [S]"
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
        "Scoring version 2 (form version 2011-screener-recent-lifetime-behaviour) keeps both answers of question 6: "
        "lifetime (LOINC 93267-3, new code cssrs_screener_q6_lifetime) and the past-3-months follow-up (93269-9, "
        "code cssrs_screener_q6 as before). Responses to the earlier form (2011-screener-recent) hold the "
        "follow-up only; re-scoring skips them (another form version).",
        "[U] Whether Clario's exclusive electronic licence covers Solace; decide before shipping an in-app screener.",
    ),
)
