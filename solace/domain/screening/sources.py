"""Where each screening rule comes from, written once so that findings cite the same words everywhere.

The seed document (shared/seed/000_cdfa5d75f9a9ef4a.txt) is the only source for the contraindications,
deferrals, pacing, co-treatment and alternative rules: clinical-reference.md §4.3 records that no formal
contraindication was found in any published CFT source reviewed [X]. Thresholds on instrument scores cite
clinical-reference.md §2; where a threshold is Solace's own choice the source says "Solace design choice".
"""

from __future__ import annotations

SEED = "Seed document (shared/seed/000_cdfa5d75f9a9ef4a.txt)"
NO_PUBLISHED_CONTRAINDICATIONS = "clinical-reference.md §4.3: no formal contraindication in published CFT sources [X]"

SEED_CONTRAINDICATIONS = (
    f'{SEED}: "Contraindications include acute schizophrenia episodes, uncontrolled bipolar manic phases, and '
    f'severe dissociative disorders." ({NO_PUBLISHED_CONTRAINDICATIONS})'
)
SEED_WARNING = (
    f'{SEED}, "Important Warning": "Patients with severe dissociative symptoms or acute psychological crises are '
    'not suitable for immediate treatment. It is essential to rule out suicidal tendencies or withdrawal symptoms '
    'before starting therapy."'
)
SEED_ASSESSMENT = (
    f'{SEED}: "A comprehensive psychological assessment is necessary before treatment to confirm the patient\'s '
    'basic emotional regulation capacity."'
)
SEED_PACING_ANXIETY = (
    f'{SEED}: "individuals with severe anxiety may require a longer foundational phase, while PTSD patients might '
    'need to combine exposure therapy."'
)
SEED_PACING_BORDERLINE = (
    f'{SEED}: "patients with severe borderline personality disorder may require a longer foundational phase."'
)
SEED_PACING_SELF_CRITICISM = (
    f'{SEED}: "Patients with extreme self-critical tendencies may initially resist contact with therapy, requiring '
    'the therapist to carefully adjust the pace."'
)
SEED_COMPASSION_SCALE = (
    f'{SEED}: "It is recommended to conduct an \'Empathy and Compassion Tendency Scale\' assessment before '
    'treatment to predict potential efficacy."'
)
SEED_CBT = (
    f'{SEED}: "It can be combined with cognitive-behavioral therapy (CBT), but care must be taken to avoid '
    'conflicts between techniques."'
)
SEED_ANTIDEPRESSANTS = (
    f'{SEED}: "When used alongside antidepressants, monitoring is necessary for potential changes in medication '
    'response due to increased emotional sensitivity."'
)
SEED_RATIONAL = (
    f'{SEED}: "It is not recommended to conduct alongside therapies that overly emphasize rational analysis (such '
    'as Rational Emotive Therapy), as this may cause confusion in treatment focus."'
)
SEED_OTHER_THERAPY = (
    f'{SEED}: "If engaged in cognitive-behavioral therapy or other psychotherapy, inform the therapist in advance '
    'to avoid conflicts between techniques." and "The treatment team should evaluate the appropriateness of '
    'integrating different techniques."'
)
SEED_INDICATIONS = (
    f"{SEED}: suitable for chronic depression, PTSD, social anxiety disorder, self-harm tendencies, severe "
    "self-criticism, low self-esteem, dependent personality disorder, highly sensitive person syndrome and "
    "psychosomatic symptoms of long-term stress."
)
SEED_ALTERNATIVES = (
    f'{SEED}: "Compared to CFT, MBSR emphasizes present-moment awareness rather than emotional restructuring; '
    'humanistic therapy uses fewer neuroscience-based techniques. When choosing alternatives, consider the '
    'patient\'s acceptance of self-exploration."'
)
SOLACE = "Solace design choice (not a published rule)"
