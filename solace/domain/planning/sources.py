"""Where each planning rule and exercise comes from, written once so that plans and exercises cite the same words.

Evidence tags are those of clinical-reference.md ("How to read the tags"). The seed document is the product's
brief, not a published source: figures quoted from it (for example "about 15% of patients") are never presented
as published findings.
"""

from __future__ import annotations

from typing import Final

SEED: Final = "Seed document (shared/seed/000_cdfa5d75f9a9ef4a.txt)"
REF: Final = "clinical-reference.md"
SOLACE: Final = "Solace design choice (not a published rule)"

SEED_STAGES: Final = (
    f'{SEED}: "first, helping individuals recognize their emotional patterns; second, establishing new thinking '
    'patterns through compassion meditation or role-playing exercises; and finally, applying these skills to '
    'real-life situations."'
)
SEED_DOSE: Final = (
    f'{SEED}: "Treatment usually lasts 12-20 weeks, with weekly sessions of 60-90 minutes, either individual or '
    'group therapy."'
)
SEED_HOMEWORK: Final = f'{SEED}: "Homework includes daily 10-15 minute self-dialogue training."'
SEED_HOMEWORK_KINDS: Final = (
    f"{SEED}: compassion meditation, emotional journaling and role-playing in therapy; daily self-dialogue "
    "training and self-soothing writing as homework."
)
SEED_FORMATS: Final = f'{SEED}: "group therapy, individual therapy, and family intervention models."'
SEED_FOUNDATION: Final = (
    f'{SEED}: "individuals with severe anxiety may require a longer foundational phase" and "patients with severe '
    'borderline personality disorder may require a longer foundational phase."'
)
SEED_PACE: Final = (
    f'{SEED}: "Patients with extreme self-critical tendencies may initially resist contact with therapy, requiring '
    'the therapist to carefully adjust the pace."'
)
SEED_EXPOSURE: Final = f'{SEED}: "PTSD patients might need to combine exposure therapy."'
SEED_MEDICATION: Final = (
    f'{SEED}: "When used alongside antidepressants, monitoring is necessary for potential changes in medication '
    'response due to increased emotional sensitivity."'
)
SEED_CBT: Final = (
    f'{SEED}: "It can be combined with cognitive-behavioral therapy (CBT), but care must be taken to avoid conflicts '
    'between techniques." and "The therapist will adjust the intensity and steps of CFT, such as reducing '
    'emotionally impactful stimuli or modifying homework difficulty."'
)
SEED_RATIONAL: Final = (
    f'{SEED}: "It is not recommended to conduct alongside therapies that overly emphasize rational analysis (such as '
    'Rational Emotive Therapy)."'
)
SEED_WARNING: Final = (
    f'{SEED}, "Important Warning": "It is essential to rule out suicidal tendencies or withdrawal symptoms before '
    'starting therapy."'
)
SEED_EMERGENCY_SKILLS: Final = (
    f'{SEED}: "Therapists typically teach basic emergency techniques in advance to help stabilize emotions."'
)
SEED_EARLY_ANXIETY: Final = (
    f'{SEED}: "approximately 15% of patients experiencing brief increases in anxiety during compassion meditation '
    'practice" (a figure from the seed, not checked against a published source).'
)
SEED_MAINTENANCE: Final = (
    f'{SEED}: a "Self-Compassion Practice Manual" as a post-discharge tool, "daily 10-minute exercises such as '
    'repeating affirmations or recalling successful experiences from therapy", and "Regular follow-up sessions '
    'every 3-6 months or joining peer support groups".'
)
SEED_RECORDS: Final = (
    f'{SEED}: "organize personal emotional records beforehand, such as noting situations or times when '
    'self-criticism is most prominent."'
)
SEED_MINDFULNESS: Final = f'{SEED}: "practice 5-10 minutes of mindfulness meditation daily".'
SEED_SOOTHING_WRITING: Final = f'{SEED}: "practicing self-soothing writing exercises".'

REF_DEFINITION: Final = (
    f"{REF} §1.1 [C]: compassion as sensitivity to suffering in self and others with a commitment to alleviate and "
    "prevent it; three flows (to others, from others, to self); Cattani et al. 2021, Module 1."
)
REF_MODEL: Final = (
    f"{REF} §1.1 [C]: three affect-regulation systems (threat, drive, soothing); the \"tricky brain\" "
    "(Gilbert 2014, Br J Clin Psychol 53:6-41)."
)
REF_FORMULATION: Final = f"{REF} §1.2 [C]: threat-based (four-column) formulation, with self-to-self relating."
REF_STAGE_ORDER: Final = f"{REF} §1.4 [C]: stage ordering shared by every manualised group protocol found."
REF_INDIVIDUAL_LENGTH: Final = (
    f"{REF} §1.4 [C]: individual CFT in trials typically runs 12-16 sessions (Beaumont 2016: 12 weekly 1-1.5 h "
    "sessions); no canonical session-by-session individual manual was found [X]."
)
REF_CATTANI: Final = (
    f"{REF} §1.5 [C]: Cattani, Griner, Erekson, Burlingame, Beecher & Alldredge (Routledge 2021), 12 sessions, "
    "Modules 1-12."
)
REF_TRIALS_2023: Final = (
    f"{REF} §1.5 [C]: CFT group protocol, Trials 2023;24:393 (session 1 group agreement, what compassion is, "
    "soothing rhythm breathing; 2 tricky brain; 3 three circles)."
)
REF_GROUP_LENGTH: Final = (
    f"{REF} §1.5 [C]: published groups ran 2 h sessions (Gilbert & Procter 2006; Braehler 2013), longer than the "
    "seed's 60-90 minutes."
)
REF_PRE_MID_POST: Final = (
    f"{REF} §1.5 [C]: Fox, Cattani & Burlingame 2020 measured at pre, mid and post treatment."
)
REF_FEARS_OF_COMPASSION: Final = (
    f"{REF} §4.3 [C]: compassion-focused imagery can raise threat responses in people high in self-criticism or "
    "insecurely attached (Rockliff et al. 2008, Clin Neuropsychiatry 5:132-139; Rockliff et al. 2011); fears of "
    "compassion (Gilbert 2011); pacing and extra preparation advised."
)
REF_PACING: Final = (
    f"{REF} §4.3 [C]: sources advise pacing, working with fears and blocks as part of the formulation, and extra "
    "preparation for highly self-critical or insecurely attached clients (Rockliff 2008)."
)
REF_STABILISATION: Final = (
    f"{REF} §4.4 [C]: Rushforth, Kotera & Kaluzeviciute 2022 propose CFT mainly for the stabilisation phase of "
    "complex PTSD rather than trauma processing; evidence is limited."
)
REF_HEAD_HEART: Final = f'{REF} §1.1 [C]: "head-heart lag" ("I know it but I don\'t feel it").'
REF_NO_FAMILY_PROTOCOL: Final = f"{REF}: no published family CFT protocol is recorded [X]."
