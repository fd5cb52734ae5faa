"""PCL-5: PTSD Checklist for DSM-5 (clinical-reference.md §2.8).

US Government work in the public domain, so Solace ships the wording. The instructions are adapted for
electronic administration ("select" instead of "circle ... to the right"). "There are currently no
empirically derived severity ranges for the PCL-5", so there are no bands: only the probable-PTSD cut-off
(31-33; Solace uses 33, as CamCOPS does) and the DSM-5 provisional diagnosis rule.
"""

from __future__ import annotations

from solace.domain.instruments.builders import numbered_items, numbered_subscale, response_scale
from solace.domain.instruments.model import (
    ChangeCriteria,
    ClusterDiagnosisRule,
    Comparison,
    CutOff,
    Evidence,
    Instrument,
    Licence,
    LoincCodes,
    ReliabilityEstimate,
    ReliabilityKind,
    ScoreRule,
)

SOURCE = "clinical-reference.md §2.8"
CLUSTER_SOURCE = f"{SOURCE} (camcops pcl5.py; awell-health pcl_5 README)"

BOTHERED_OPTIONS = response_scale(
    0, 4, labels={0: "Not at all", 1: "A little bit", 2: "Moderately", 3: "Quite a bit", 4: "Extremely"}
)

ITEM_TEXTS = (
    "Repeated, disturbing, and unwanted memories of the stressful experience?",
    "Repeated, disturbing dreams of the stressful experience?",
    "Suddenly feeling or acting as if the stressful experience were actually happening again "
    "(as if you were actually back there reliving it)?",
    "Feeling very upset when something reminded you of the stressful experience?",
    "Having strong physical reactions when something reminded you of the stressful experience "
    "(for example, heart pounding, trouble breathing, sweating)?",
    "Avoiding memories, thoughts, or feelings related to the stressful experience?",
    "Avoiding external reminders of the stressful experience (for example, people, places, conversations, "
    "activities, objects, or situations)?",
    "Trouble remembering important parts of the stressful experience?",
    "Having strong negative beliefs about yourself, other people, or the world (for example, having thoughts "
    "such as: I am bad, there is something seriously wrong with me, no one can be trusted, the world is "
    "completely dangerous)?",
    "Blaming yourself or someone else for the stressful experience or what happened after it?",
    "Having strong negative feelings such as fear, horror, anger, guilt, or shame?",
    "Loss of interest in activities that you used to enjoy?",
    "Feeling distant or cut off from other people?",
    "Trouble experiencing positive feelings (for example, being unable to feel happiness or have loving "
    "feelings for people close to you)?",
    "Irritable behavior, angry outbursts, or acting aggressively?",
    "Taking too many risks or doing things that could cause you harm?",
    'Being "superalert" or watchful or on guard?',
    "Feeling jumpy or easily startled?",
    "Having difficulty concentrating?",
    "Trouble falling or staying asleep?",
)


def _cluster(code: str, title: str, positions: range) -> tuple[str, str, tuple[int, ...]]:
    return code, title, tuple(positions)


CLUSTERS = (
    _cluster("cluster_b", "Cluster B: intrusion", range(1, 6)),
    _cluster("cluster_c", "Cluster C: avoidance", range(6, 8)),
    _cluster("cluster_d", "Cluster D: negative alterations in cognitions and mood", range(8, 15)),
    _cluster("cluster_e", "Cluster E: alterations in arousal and reactivity", range(15, 21)),
)

PCL5 = Instrument(
    code="pcl5",
    version="2013",
    scoring_version="1",
    title="PTSD Checklist for DSM-5 (PCL-5)",
    citation=(
        "Weathers FW, Litz BT, Keane TM, Palmieri PA, Marx BP, Schnurr PP. The PTSD Checklist for DSM-5 (PCL-5). "
        "National Center for PTSD, 2013. Blevins CA, Weathers FW, Davis MT, Witte TK, Domino JL. "
        "J Trauma Stress 2015;28:489-498."
    ),
    licence=Licence(
        text="US Government work: public domain.",
        wording_reproducible=True,
        source=f"{SOURCE} (camcops pcl5.rst)",
        evidence=Evidence.CONFIRMED,
    ),
    recall_period="Past month",
    instructions=(
        "Below is a list of problems that people sometimes have in response to a very stressful experience. "
        "Please read each problem carefully and then select one of the answers to indicate how much you have "
        "been bothered by that problem in the past month. In the past month, how much were you bothered by:"
    ),
    answer_key="0 = not at all, 1 = a little bit, 2 = moderately, 3 = quite a bit, 4 = extremely.",
    items=numbered_items("pcl5", 20, BOTHERED_OPTIONS, texts=ITEM_TEXTS),
    total_rule=ScoreRule.SUM,
    total_range=(0, 80),
    higher_is_better=False,
    subscales=tuple(
        numbered_subscale(
            "pcl5", code, title, positions, ScoreRule.SUM, source=CLUSTER_SOURCE, evidence=Evidence.CONFIRMED
        )
        for code, title, positions in CLUSTERS
    ),
    cut_offs=(
        CutOff(
            code="probable_ptsd",
            label="Probable PTSD: 33 or more (the National Center for PTSD gives 31-33; CamCOPS uses 33)",
            threshold=33,
            comparison=Comparison.AT_OR_ABOVE,
            source=f"{SOURCE} (National Center for PTSD text; camcops pcl5.py)",
            evidence=Evidence.CONFIRMED,
        ),
        CutOff(
            code="clinical_range",
            label="Above 28: not yet clinically significant change by Marx et al. 2022 (post-treatment 28 or less)",
            threshold=28,
            comparison=Comparison.ABOVE,
            source=f"Marx et al. 2022, Psychol Assess 34:197-203; {SOURCE} and §3.1",
            evidence=Evidence.CONFIRMED,
        ),
    ),
    diagnosis_rule=ClusterDiagnosisRule(
        key="provisional_ptsd",
        endorsed_at=2,
        minimum_endorsed=(("cluster_b", 1), ("cluster_c", 1), ("cluster_d", 2), ("cluster_e", 2)),
        source=f"DSM-5 symptom rule: an item rated 2 or more is endorsed; {SOURCE} (camcops pcl5.py ptsd())",
        evidence=Evidence.CONFIRMED,
    ),
    reliability=(
        ReliabilityEstimate(
            kind=ReliabilityKind.CRONBACH_ALPHA,
            value=0.94,
            sample="278 trauma-exposed college students (Blevins 2015, study 1); not treatment-seeking",
            source=f"{SOURCE}, Blevins 2015 abstract",
            evidence=Evidence.CONFIRMED,
        ),
        ReliabilityEstimate(
            kind=ReliabilityKind.TEST_RETEST,
            value=0.82,
            sample="278 trauma-exposed college students (Blevins 2015, study 1); not treatment-seeking",
            source=f"{SOURCE}, Blevins 2015 abstract",
            evidence=Evidence.CONFIRMED,
        ),
    ),
    change_criteria=ChangeCriteria(
        reliable_change_points=15,
        clinical_cut_off="clinical_range",
        source=(
            "Marx et al. 2022: reliable change 15 points (15 in the first sample, 18 in the second), clinically "
            "significant if 28 or less after treatment"
        ),
        evidence=Evidence.CONFIRMED,
    ),
    loinc=LoincCodes(
        panel="101697-1",
        total="101698-9",
        source=f"{SOURCE}: LOINC-table mirrors, not read on loinc.org",
        evidence=Evidence.SECONDARY,
    ),
    evidence_notes=(
        "No severity bands: 'There are currently no empirically derived severity ranges for the PCL-5' [C].",
        "Solace decision: probable PTSD at 33 (the published range is 31-33).",
        "Solace decision: reliable change uses Marx sample 1 (15 points) and counts a change of exactly 15 as "
        "reliable [U]; intake scores of 28 or less are outside the clinical range for recovery.",
        "[S] VA guidance (5 points response, 10 points clinically meaningful) is not used.",
        "[S] LOINC 101697-1 / 101698-9 not yet confirmed on loinc.org; no item codes found.",
    ),
)
