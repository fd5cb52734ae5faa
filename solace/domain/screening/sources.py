"""Where each screening rule comes from, written once and in words, so that findings cite the same sources
everywhere (pages, API, CLI) and nobody reads a file path or an evidence tag.

The seed document (shared/seed/000_cdfa5d75f9a9ef4a.txt, titled "Compassion-focused therapy" overview) is the only
source for the contraindications, deferrals, pacing, co-treatment and alternative rules: clinical-reference.md §4.3
records that no formal contraindication was found in any published CFT source reviewed [X]. Pages name it with
the one wording `SEED` ("the Solace source overview of compassion-focused therapy (seed document)"), and say "no
other source was found" where nothing else supports the statement. Instrument citations name author and year
(clinical-reference.md §2). Each constant is one literal marked with `gettext_noop`, so pages translate it; a
rule's source joins them with `CITATION_SEPARATOR`, which no constant a rule cites contains.
"""

from __future__ import annotations

from solace.domain.screening.text import gettext_noop

CITATION_SEPARATOR = "; "

SEED = "the Solace source overview of compassion-focused therapy (seed document)"
NO_OTHER_SOURCE = "no other source was found"

SEED_CONTRAINDICATIONS = gettext_noop(
    'The Solace source overview of compassion-focused therapy (seed document): "Contraindications include acute '
    'schizophrenia episodes, uncontrolled bipolar manic phases, and severe dissociative disorders." No formal '
    "contraindication was found in the published CFT sources reviewed."
)
SEED_WARNING = gettext_noop(
    'The Solace source overview of compassion-focused therapy (seed document), "Important Warning": "Patients with '
    "severe dissociative symptoms or acute psychological crises are not suitable for immediate treatment. It is "
    'essential to rule out suicidal tendencies or withdrawal symptoms before starting therapy."'
)
SEED_ASSESSMENT = gettext_noop(
    'The Solace source overview of compassion-focused therapy (seed document): "A comprehensive psychological '
    "assessment is necessary before treatment to confirm the patient's basic emotional regulation capacity.\""
)
SEED_PACING_ANXIETY = gettext_noop(
    'The Solace source overview of compassion-focused therapy (seed document): "individuals with severe anxiety '
    'may require a longer foundational phase, while PTSD patients might need to combine exposure therapy."'
)
SEED_PACING_BORDERLINE = gettext_noop(
    'The Solace source overview of compassion-focused therapy (seed document): "patients with severe borderline '
    'personality disorder may require a longer foundational phase."'
)
SEED_PACING_SELF_CRITICISM = gettext_noop(
    'The Solace source overview of compassion-focused therapy (seed document): "Patients with extreme '
    'self-critical tendencies may initially resist contact with therapy, requiring the therapist to carefully '
    'adjust the pace."'
)
SEED_COMPASSION_SCALE = gettext_noop(
    "The Solace source overview of compassion-focused therapy (seed document): \"It is recommended to conduct an "
    "'Empathy and Compassion Tendency Scale' assessment before treatment to predict potential efficacy.\" No "
    "scale of that name was found in any other source."
)
SEED_CBT = gettext_noop(
    'The Solace source overview of compassion-focused therapy (seed document): "It can be combined with '
    'cognitive-behavioral therapy (CBT), but care must be taken to avoid conflicts between techniques."'
)
SEED_ANTIDEPRESSANTS = gettext_noop(
    'The Solace source overview of compassion-focused therapy (seed document): "When used alongside '
    'antidepressants, monitoring is necessary for potential changes in medication response due to increased '
    'emotional sensitivity." No other source was found for this interaction.'
)
SEED_RATIONAL = gettext_noop(
    'The Solace source overview of compassion-focused therapy (seed document): "It is not recommended to conduct '
    "alongside therapies that overly emphasize rational analysis (such as Rational Emotive Therapy), as this may "
    'cause confusion in treatment focus." No other source was found for this conflict.'
)
SEED_OTHER_THERAPY = gettext_noop(
    'The Solace source overview of compassion-focused therapy (seed document): "If engaged in '
    'cognitive-behavioral therapy or other psychotherapy, inform the therapist in advance to avoid conflicts '
    'between techniques." and "The treatment team should evaluate the appropriateness of integrating different '
    'techniques."'
)
SEED_INDICATIONS = gettext_noop(
    "The Solace source overview of compassion-focused therapy (seed document): suitable for chronic depression, "
    "PTSD, social anxiety disorder, self-harm tendencies, severe self-criticism, low self-esteem, dependent "
    "personality disorder, highly sensitive person syndrome and psychosomatic symptoms of long-term stress. No "
    "other source was found for this list of indications."
)
SEED_ALTERNATIVES = gettext_noop(
    'The Solace source overview of compassion-focused therapy (seed document): "Compared to CFT, MBSR emphasizes '
    'present-moment awareness rather than emotional restructuring; humanistic therapy uses fewer '
    "neuroscience-based techniques. When choosing alternatives, consider the patient's acceptance of "
    'self-exploration."'
)
SEED_FAMILY_FORMAT = gettext_noop(
    "The Solace source overview of compassion-focused therapy (seed document) lists a family intervention model."
)
SOLACE = gettext_noop("Solace design choice (not a published rule)")

# Instrument and literature citations (clinical-reference.md §2 and §4), in words.
CSSRS_TRIAGE = gettext_noop(
    "Columbia Suicide Severity Rating Scale screener and its clinical triage guidelines (Posner et al. 2011)")
PHQ9_ITEM9 = gettext_noop(
    "PHQ-9 item 9: any positive answer should trigger a suicide-risk assessment (Kroenke, Spitzer & Williams 2001)")
DES2 = gettext_noop("Dissociative Experiences Scale II (Carlson & Putnam 1993)")
GAD7_BANDS = gettext_noop("GAD-7 severity bands (Spitzer, Kroenke, Williams & Löwe 2006)")
FSCRS = gettext_noop(
    "Forms of Self-Criticising/Attacking & Self-Reassuring Scale (Gilbert, Clarke, Hempel, Miles & Irons 2004)")
FSCRS_ITEM9 = gettext_noop(
    "FSCRS item 9 (Gilbert et al. 2004); flagging it is a Solace design suggestion, not a published rule")
PCL5 = gettext_noop("PTSD Checklist for DSM-5 (Weathers et al. 2013; Blevins et al. 2015)")
CFT_PTSD_STABILISATION = gettext_noop(
    "CFT for the stabilisation phase of complex PTSD (Rushforth et al. 2022)")
DERS16 = gettext_noop("Difficulties in Emotion Regulation Scale, 16-item version (Bjureberg et al. 2016)")
FCS = gettext_noop("Fears of Compassion Scales (Gilbert, McEwan, Matos & Rivis 2011)")
FEARS_OF_COMPASSION = gettext_noop(
    "Fears of compassion: compassion-focused imagery can raise threat responses in highly self-critical people, "
    "who need extra preparation (Rockliff et al. 2008 and 2011)")
MINDFULNESS_IN_CFT = gettext_noop(
    "Mindfulness is a standard exercise of published CFT protocols (for example Cattani's CFT group manual, "
    "module 3)")
