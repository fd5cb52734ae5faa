"""The exercise library: every practice a course plan can put on a session agenda, declared once as data.

Written in Solace's own words from the exercise names and descriptions in clinical-reference.md §1.1-§1.5 and the
seed document; no published script is reproduced. Each exercise carries the clinician's steps, its cautions, a
plain-language version for the patient, its homework form (the seed's kinds: self-dialogue training, meditation,
emotional journaling, self-soothing writing) and its source.

    get_exercise("safe_place_imagery").patient.title
    exercise_list()                        # library order
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final

from solace.domain.planning import sources
from solace.domain.planning.errors import ExerciseDefinitionError, UnknownExercise
from solace.domain.planning.vocabulary import ANY_STAGE, AnyStage, CourseFormat, ExerciseKind, HomeworkKind, Stage

HOMEWORK_MINUTES: Final = (10, 15)
"""Daily homework lasts 10-15 minutes (seed: "daily 10-15 minute self-dialogue training")."""
LONGEST_EXERCISE_MINUTES: Final = 50
"""An exercise must fit the shortest session (60 minutes) with a 10-minute opening practice."""


@dataclass(frozen=True)
class Caution:
    """A clinical caveat shown with an exercise; `code` lets tests and the web layer find a given caution."""

    code: str
    text: str
    source: str


@dataclass(frozen=True)
class PatientVersion:
    """What the patient sees: a plain-language title and a few warm sentences, no clinical jargon."""

    title: str
    instructions: str


@dataclass(frozen=True)
class HomeworkForm:
    """How the exercise is practised daily between sessions."""

    kind: HomeworkKind
    minutes_per_day: int
    instructions: str
    """Addressed to the patient, in plain language."""


@dataclass(frozen=True)
class Exercise:
    code: str
    """Stable code used on session agendas; never changes once shipped."""
    title: str
    purpose: str
    kind: ExerciseKind
    stage: Stage | AnyStage
    """The first stage it belongs to (clinical-reference.md §1.4); later stages may repeat it."""
    minutes: int
    """Typical time in a session, used to keep a session's agenda within its length."""
    steps: tuple[str, ...]
    """For the clinician, in order."""
    cautions: tuple[Caution, ...]
    patient: PatientVersion
    formats: frozenset[CourseFormat]
    source: str
    homework: HomeworkForm | None = None
    """None when the exercise is not set as daily homework."""
    imagery: bool = False
    """Compassion-focused imagery: carries the fears-of-compassion caution (clinical-reference.md §4.3)."""

    def __post_init__(self) -> None:
        problem = _problem(self)
        if problem:
            raise ExerciseDefinitionError(f"{self.code}: {problem}")

    def allowed_in(self, stage: Stage) -> bool:
        """True when a session of `stage` may include this exercise: its own stage or a later one."""
        return self.stage == ANY_STAGE or self.stage <= stage

    def to_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "title": self.title,
            "purpose": self.purpose,
            "kind": self.kind.value,
            "stage": self.stage if self.stage == ANY_STAGE else int(self.stage),
            "minutes": self.minutes,
            "steps": list(self.steps),
            "cautions": [{"code": c.code, "text": c.text, "source": c.source} for c in self.cautions],
            "patient": {"title": self.patient.title, "instructions": self.patient.instructions},
            "homework": None if self.homework is None else {
                "kind": self.homework.kind.value,
                "minutes_per_day": self.homework.minutes_per_day,
                "instructions": self.homework.instructions,
            },
            "formats": [f.value for f in CourseFormat if f in self.formats],
            "imagery": self.imagery,
            "source": self.source,
        }


def _problem(exercise: Exercise) -> str | None:
    low, high = HOMEWORK_MINUTES
    checks = [
        (re.fullmatch(r"[a-z][a-z0-9_]*", exercise.code) is None, "code must be snake_case"),
        (not all((exercise.title, exercise.purpose, exercise.source)), "title, purpose and source are required"),
        (not exercise.steps or not all(exercise.steps), "steps are required"),
        (not exercise.cautions, "at least one caution is required"),
        (not (exercise.patient.title and exercise.patient.instructions), "the patient version is incomplete"),
        (not exercise.formats, "at least one format is required"),
        (not 0 < exercise.minutes <= LONGEST_EXERCISE_MINUTES, f"minutes must be 1-{LONGEST_EXERCISE_MINUTES}"),
        (exercise.homework is not None and not low <= exercise.homework.minutes_per_day <= high,
         f"homework must take {low}-{high} minutes a day"),
        (exercise.imagery and FEARS_OF_COMPASSION not in exercise.cautions,
         "imagery must carry the fears-of-compassion caution"),
    ]
    return next((message for failed, message in checks if failed), None)


ALL_FORMATS: Final = frozenset(CourseFormat)

# --- cautions ----------------------------------------------------------------------------------------------------

FEARS_OF_COMPASSION: Final = Caution(
    code="fears_of_compassion",
    text=(
        "Compassion-focused imagery can raise threat instead of soothing it in people high in self-criticism, "
        "fears of compassion or insecure attachment (Rockliff et al. 2008; 2011). Keep the first practice short, "
        "ask what came up, treat blocks as part of the formulation rather than failure, and offer a way out "
        "(eyes open, feet on the floor, slower breathing)."
    ),
    source=sources.REF_FEARS_OF_COMPASSION,
)
EARLY_ANXIETY: Final = Caution(
    code="early_anxiety",
    text=(
        "Anxiety can rise briefly when compassion practice is new. Say so beforehand, keep early practices short, "
        "and adjust the intensity together rather than stopping alone."
    ),
    source=sources.SEED_EARLY_ANXIETY,
)
BREATH_FOCUS: Final = Caution(
    code="breath_focus",
    text=(
        "If attending to the breath raises panic, keep the eyes open and move attention to the feet on the floor "
        "or to sounds in the room."
    ),
    source=sources.SOLACE,
)
NOT_YOUR_FAULT: Final = Caution(
    code="shame_and_blame",
    text=(
        "\"Not your fault\" can bring relief or be resisted: people high in self-criticism may hear compassion as "
        "weakness or an excuse. Explore objections as fears and blocks for the formulation instead of arguing, and "
        "pair \"not your fault\" with \"but yours to work with\"."
    ),
    source=f"{sources.REF_DEFINITION} {sources.REF_PACING}",
)
HISTORY_STIRS: Final = Caution(
    code="history_stirs_threat",
    text=(
        "Going over past experiences can bring up shame or trauma memories. Stay with what the strategies were "
        "for, not with a detailed account of events, especially while trauma-focused work happens elsewhere."
    ),
    source=f"{sources.REF_FORMULATION} {sources.REF_STABILISATION}",
)
SMALL_SOOTHING_CIRCLE: Final = Caution(
    code="small_soothing_circle",
    text=(
        "A tiny soothing circle can feel like one more failure. Link it back to how the tricky brain and life "
        "circumstances shape the circles, not to personal fault."
    ),
    source=f"{sources.REF_MODEL} {sources.SOLACE}",
)
NEEDS_STABILISATION: Final = Caution(
    code="needs_stabilisation",
    text=(
        "Chair work evokes strong feeling. Start only when the patient can settle with soothing practice and has "
        "practised the compassionate self (stage 2), and do not aim the work at trauma memories unless that has "
        "been agreed with the trauma therapist."
    ),
    source=f"{sources.REF_STAGE_ORDER} {sources.REF_STABILISATION} {sources.REF_PACING}",
)
CRITIC_IN_DISGUISE: Final = Caution(
    code="critic_in_disguise",
    text=(
        "People with strong self-criticism may write a lecture rather than a compassionate letter (\"you should\"). "
        "Read it back together and check the tone; go slowly if the exercise meets resistance."
    ),
    source=sources.SEED_PACE,
)
HEAD_HEART_LAG: Final = Caution(
    code="head_heart_lag",
    text=(
        "\"This isn't me\" is common: present the compassionate self as practice, like an actor learning a role, "
        "not as something the patient must already feel."
    ),
    source=sources.REF_HEAD_HEART,
)
GROUNDING_FAILS: Final = Caution(
    code="grounding_not_enough",
    text=(
        "If grounding does not bring distress down, or dissociation is frequent, hold back imagery and review with "
        "the treating team: severe dissociation needs assessment before CFT starts."
    ),
    source=sources.SEED_WARNING,
)
RISK_PROCEDURE: Final = Caution(
    code="risk_procedure",
    text=(
        "A safety plan does not replace the clinic's risk assessment and procedure; suicidal thinking must be "
        "assessed before compassion work starts."
    ),
    source=sources.SEED_WARNING,
)
TRAUMA_PROCESSING_ELSEWHERE: Final = Caution(
    code="trauma_processing_elsewhere",
    text=(
        "CFT is proposed mainly for stabilisation in complex PTSD and the evidence is limited; do not start trauma "
        "processing in CFT sessions without agreement with the trauma therapist."
    ),
    source=sources.REF_STABILISATION,
)
PRESCRIBER_DECIDES: Final = Caution(
    code="prescriber_decides",
    text="Medication decisions belong to the prescriber: record and pass on changes, never advise on doses.",
    source=sources.SEED_MEDICATION,
)
RATIONAL_ANALYSIS: Final = Caution(
    code="rational_analysis",
    text=(
        "Combining CFT with therapies that lean heavily on rational disputation (such as Rational Emotive Therapy) "
        "is not recommended; raise it with the team if the concurrent therapy works that way."
    ),
    source=sources.SEED_RATIONAL,
)
FAMILY_BLAME: Final = Caution(
    code="family_blame",
    text=(
        "Family sessions must not become a place for blame. If conflict, criticism or risk at home comes up, pause "
        "and review whether the family format still fits."
    ),
    source=f"{sources.SOLACE}; {sources.REF_NO_FAMILY_PROTOCOL}",
)
CONFIDENTIALITY: Final = Caution(
    code="confidentiality_limits",
    text="Explain the limits of confidentiality (risk to self or others) before anyone shares personal material.",
    source=sources.SOLACE,
)
ENDINGS: Final = Caution(
    code="endings",
    text="Endings can stir fears of coping alone: name them, and make follow-up concrete.",
    source=sources.SOLACE,
)
GROUP_ROLE_PLAY: Final = Caution(
    code="group_role_play",
    text="In a group, role-play with volunteers only; nobody voices another member's critic unless they agree.",
    source=sources.SOLACE,
)

# --- the library -------------------------------------------------------------------------------------------------

_LIBRARY: tuple[Exercise, ...] = (
    Exercise(
        code="compassion_introduction",
        title="What compassion is (and is not)",
        purpose=(
            "Introduce compassion as CFT uses the word: noticing suffering in ourselves and others and being "
            "committed to easing and preventing it. Separate it from weakness, self-pity or letting oneself off "
            "the hook."
        ),
        kind=ExerciseKind.PSYCHOEDUCATION,
        stage=Stage.RECOGNISE,
        minutes=20,
        steps=(
            "Ask what the word \"compassion\" brings up, doubts included (weak, soft, undeserved); note them as "
            "possible fears of compassion.",
            "Give the working definition: sensitivity to suffering with a commitment to try to relieve and prevent it.",
            "Describe the three directions compassion flows: to others, from others, and towards oneself.",
            "Contrast compassion with indulgence, and with self-criticism that passes itself off as motivation.",
            "Introduce the idea that much of what we struggle with is not our fault, but is ours to work with.",
        ),
        cautions=(NOT_YOUR_FAULT,),
        patient=PatientVersion(
            title="What compassion is, and what it isn't",
            instructions=(
                "We'll talk about what compassion means here: noticing when you or someone else is struggling, and "
                "wanting to help. It isn't about being soft on yourself or pretending everything is fine. If the "
                "word makes you uneasy, that's welcome to talk about too."
            ),
        ),
        formats=ALL_FORMATS,
        source=f"{sources.REF_DEFINITION} {sources.REF_TRIALS_2023}",
    ),
    Exercise(
        code="group_agreement",
        title="Group agreement",
        purpose=(
            "Agree how the group works so that it can feel safe enough to practise in: what stays in the room, the "
            "right to pass, and what to do if an exercise becomes too much."
        ),
        kind=ExerciseKind.CARE,
        stage=Stage.RECOGNISE,
        minutes=15,
        steps=(
            "Agree confidentiality and explain its limits.",
            "Make clear that anyone may pass on an exercise or on sharing, without explaining why.",
            "Agree what a member can do if an exercise becomes distressing, and how to signal it.",
            "Agree timekeeping, lateness and contact between sessions.",
            "Write the agreement down and bring it back when it is needed.",
        ),
        cautions=(CONFIDENTIALITY,),
        patient=PatientVersion(
            title="How we'll work together",
            instructions=(
                "Together we'll agree how the group works: what stays in the room, that you can always pass on an "
                "exercise, and what to do if something feels like too much."
            ),
        ),
        formats=frozenset({CourseFormat.GROUP}),
        source=sources.REF_TRIALS_2023,
    ),
    Exercise(
        code="soothing_rhythm_breathing",
        title="Soothing rhythm breathing",
        purpose=(
            "Find a slightly slower, even breathing rhythm that helps the body settle: a doorway to the soothing "
            "system and the opening practice of later sessions."
        ),
        kind=ExerciseKind.SETTLING,
        stage=ANY_STAGE,
        minutes=10,
        steps=(
            "Invite an upright, comfortable posture with both feet on the floor; eyes closed or resting on a point.",
            "Bring attention to the breath and let it become a little slower and deeper than usual, without forcing.",
            "Experiment until a rhythm feels soothing, with the out-breath at least as long as the in-breath.",
            "Add a gentle facial expression and imagine a warm inner tone of voice.",
            "After a few minutes, ask what the patient noticed in body and mind; there is no right result.",
        ),
        cautions=(EARLY_ANXIETY, BREATH_FOCUS),
        patient=PatientVersion(
            title="Slowing down with your breath",
            instructions=(
                "Sit comfortably with your feet on the floor. Let your breathing slow down a little: not forced, "
                "just calmer and more even. Notice your body settling. If it feels uncomfortable, open your eyes "
                "and feel your feet on the floor instead."
            ),
        ),
        formats=ALL_FORMATS,
        source=(
            f"{sources.REF} §1.3 [C]: soothing rhythm breathing; the Trials 2023 protocol introduces it in session 1 "
            f"and opens every session with it, so Solace allows it in any stage although §1.4 lists it in stage 2."
        ),
        homework=HomeworkForm(
            kind=HomeworkKind.MEDITATION,
            minutes_per_day=15,
            instructions=(
                "Once a day, slow your breathing to a calm, even rhythm for a few minutes, then add the newest "
                "practice from your sessions. A minute of slower breathing also helps whenever "
                "you feel tense."
            ),
        ),
    ),
    Exercise(
        code="tricky_brain",
        title="The tricky brain and the three systems",
        purpose=(
            "Explain that our brains were shaped by evolution and by our social world: newer abilities to imagine "
            "and reflect get caught up in older threat and drive responses, so many painful patterns are not our "
            "fault, though they are ours to work with. Introduce the three emotion systems (threat and protection, "
            "drive and resource-seeking, soothing and affiliation)."
        ),
        kind=ExerciseKind.PSYCHOEDUCATION,
        stage=Stage.RECOGNISE,
        minutes=25,
        steps=(
            "Use an everyday example, such as lying awake replaying a remark: an old alarm system kept going by a "
            "newer, imagining mind.",
            "Describe the three systems and what each one is for.",
            "Explain how genes, upbringing and circumstances, none of them chosen, shape which system gets the most "
            "exercise.",
            "Link self-criticism to the threat system: an attack from inside sets off the same alarm.",
            "Ask which parts fit the patient's own experience.",
        ),
        cautions=(NOT_YOUR_FAULT,),
        patient=PatientVersion(
            title="Why our minds can be tricky",
            instructions=(
                "We'll look at how the human brain works: an old alarm system, a go-getting system, and a calming, "
                "caring system. Our minds can get stuck in loops that aren't our fault. Understanding this is the "
                "first step to changing how we respond."
            ),
        ),
        formats=ALL_FORMATS,
        source=f"{sources.REF_MODEL} {sources.REF_STAGE_ORDER} {sources.REF_TRIALS_2023}",
    ),
    Exercise(
        code="three_circles",
        title="Drawing the three circles",
        purpose=(
            "Make the three systems personal: the patient draws a circle each for threat, drive and soothing, sized "
            "by how much each features in their life, as a picture of the balance to work on."
        ),
        kind=ExerciseKind.FORMULATION,
        stage=Stage.RECOGNISE,
        minutes=25,
        steps=(
            "Ask the patient to draw three circles sized to how much of their life each system takes up.",
            "Fill each circle with examples: what sets it off, how it feels, what it makes them do.",
            "Notice which circle is small (often soothing) and what feeds each one.",
            "Agree one small way to feed the soothing circle this week.",
        ),
        cautions=(SMALL_SOOTHING_CIRCLE,),
        patient=PatientVersion(
            title="Your three circles",
            instructions=(
                "Draw three circles: one for feeling alarmed or under threat, one for striving and achieving, and "
                "one for feeling calm, safe and cared for. Make each as big as that feeling is in your life right "
                "now. It's a snapshot, not a score."
            ),
        ),
        formats=ALL_FORMATS,
        source=f"{sources.REF} §1.3 [C]: three circles drawing (PMC10258933 session 3; PMC7528542 session 1).",
        homework=HomeworkForm(
            kind=HomeworkKind.EMOTIONAL_JOURNALING,
            minutes_per_day=10,
            instructions=(
                "Once a day, write a few lines about a moment that stood out: which circle were you in, what set it "
                "off, and what helped? Note especially when your inner critic was loudest."
            ),
        ),
    ),
    Exercise(
        code="threat_formulation",
        title="Threat-based (four-column) formulation",
        purpose=(
            "Build a shared, blame-free understanding of how the difficulties developed and keep going: key "
            "experiences, threats and fears, safety strategies, their unintended consequences, and how these feed "
            "self-criticism."
        ),
        kind=ExerciseKind.FORMULATION,
        stage=Stage.RECOGNISE,
        minutes=35,
        steps=(
            "Historical influences: key relationships and experiences (critical, rejecting, absent or harmful).",
            "Key threats and fears, external (what others or the world might do) and internal (what might happen "
            "inside, such as being overwhelmed).",
            "Safety strategies, external and internal, and how they made sense.",
            "Unintended consequences of those strategies.",
            "Close the loop: how the consequences feed self-criticism and rumination, and so the fears.",
            "Add expected fears, blocks and resistances to compassion, and summarise with warmth: given what "
            "happened, these strategies made sense.",
        ),
        cautions=(HISTORY_STIRS, NOT_YOUR_FAULT),
        patient=PatientVersion(
            title="Making sense of your story",
            instructions=(
                "Together we'll map how the things that happened to you shaped your worries and the ways you "
                "learned to protect yourself, and how some of those ways cause new problems. The aim is "
                "understanding, not blame."
            ),
        ),
        formats=ALL_FORMATS,
        source=f"{sources.REF_FORMULATION} {sources.SEED_RECORDS}",
        homework=HomeworkForm(
            kind=HomeworkKind.EMOTIONAL_JOURNALING,
            minutes_per_day=15,
            instructions=(
                "Each day, note a moment when an old worry or your inner critic showed up: what set it off, what you "
                "did to protect yourself, and what happened next."
            ),
        ),
    ),
    Exercise(
        code="mindfulness",
        title="Mindful attention",
        purpose=(
            "Train noticing where attention goes and bringing it back kindly, so the patient can step out of "
            "threat-driven loops and choose where to place attention."
        ),
        kind=ExerciseKind.PRACTICE,
        stage=Stage.BUILD,
        minutes=20,
        steps=(
            "Introduce attention as a torch: whatever it shines on grows brighter.",
            "Guide a short practice anchored in sounds, the breath, or the body's contact with the chair.",
            "Each time the mind wanders, notice where it went and come back gently: wandering is what minds do, "
            "noticing is the skill.",
            "Debrief: what pulled attention away, and did a critical voice comment on the wandering?",
        ),
        cautions=(EARLY_ANXIETY, BREATH_FOCUS),
        patient=PatientVersion(
            title="Noticing, gently",
            instructions=(
                "Choose something to rest your attention on: sounds around you, your feet on the floor, or your "
                "breath. When your mind wanders, and it will, notice where it went and bring it back, kindly. "
                "There's no such thing as doing it wrong."
            ),
        ),
        formats=ALL_FORMATS,
        source=(f"{sources.REF} §1.3 [C]: mindfulness (Cattani Module 3; PMC10258933 session 5). "
                f"{sources.SEED_MINDFULNESS}"),
        homework=HomeworkForm(
            kind=HomeworkKind.MEDITATION,
            minutes_per_day=10,
            instructions=(
                "Once a day, rest your attention on sounds, your feet or your breath, and bring it back kindly "
                "each time it wanders."
            ),
        ),
    ),
    Exercise(
        code="safe_place_imagery",
        title="Safe-place imagery",
        purpose=(
            "Create in imagination a place that brings a sense of safeness and welcome, to stimulate the soothing "
            "system; the place itself is imagined as glad the patient is there."
        ),
        kind=ExerciseKind.PRACTICE,
        stage=Stage.BUILD,
        minutes=20,
        steps=(
            "Begin with soothing rhythm breathing.",
            "Invite a place, real or imagined, and build it through the senses: what can be seen, heard, felt on "
            "the skin, smelled.",
            "Add the sense that the place welcomes the patient and is pleased they are there.",
            "Notice facial expression and body; allow a gentle smile.",
            "Return attention to the room and ask what it was like, including anything unsettling.",
        ),
        cautions=(
            FEARS_OF_COMPASSION,
            Caution(
                code="no_safe_place",
                text=(
                    "Some people cannot find any safe place, or unsafe memories intrude. Offer an invented or very "
                    "ordinary place, or the compassionate colour instead, and never push."
                ),
                source=sources.REF_PACING,
            ),
        ),
        patient=PatientVersion(
            title="A place where you feel at ease",
            instructions=(
                "After slowing your breathing, picture a place where you feel safe and at ease, real or imagined. "
                "Notice what you can see, hear and feel there, and imagine the place is glad you've come. If nothing "
                "comes, or it doesn't feel good, that's fine: open your eyes and come back to the room."
            ),
        ),
        formats=ALL_FORMATS,
        source=f"{sources.REF} §1.3 [C]: safe place imagery.",
        homework=HomeworkForm(
            kind=HomeworkKind.MEDITATION,
            minutes_per_day=10,
            instructions="Once a day, slow your breathing and spend a few minutes in your calm place.",
        ),
        imagery=True,
    ),
    Exercise(
        code="compassionate_colour",
        title="Compassionate colour",
        purpose=(
            "Imagine a colour that carries warmth, kindness and wisdom surrounding and flowing through the body: a "
            "gentle first experience of receiving compassion that does not need a person."
        ),
        kind=ExerciseKind.PRACTICE,
        stage=Stage.BUILD,
        minutes=15,
        steps=(
            "After soothing rhythm breathing, invite a colour the patient links with warmth, kindness or calm.",
            "Imagine the colour around them, then slowly flowing through them, carrying a wish to help.",
            "Notice sensations; give the colour warmth and wisdom.",
            "Debrief, including anything that felt odd or uncomfortable.",
        ),
        cautions=(FEARS_OF_COMPASSION,),
        patient=PatientVersion(
            title="A kind colour",
            instructions=(
                "Think of a colour that feels warm, kind or calming to you. Imagine it gently surrounding you, then "
                "slowly flowing through you, as if it wishes you well. Take your time, and stop whenever you want."
            ),
        ),
        formats=ALL_FORMATS,
        source=f"{sources.REF} §1.3 [C]: compassionate colour (Compassionate Mind Foundation exercise).",
        homework=HomeworkForm(
            kind=HomeworkKind.MEDITATION,
            minutes_per_day=10,
            instructions="Once a day, after slowing your breathing, spend a few minutes with your kind colour.",
        ),
        imagery=True,
    ),
    Exercise(
        code="compassionate_self",
        title="The compassionate self",
        purpose=(
            "Build, as an actor builds a role, an identity with the qualities of compassion (wisdom, strength and "
            "caring commitment) together with the posture, facial expression and voice tone that go with them."
        ),
        kind=ExerciseKind.PRACTICE,
        stage=Stage.BUILD,
        minutes=30,
        steps=(
            "Begin with soothing rhythm breathing in an upright, grounded posture.",
            "Invite the patient to imagine being at their wisest, understanding how the tricky brain works.",
            "Add strength: a calm confidence that can stay with distress.",
            "Add caring commitment: the wish to help and not to harm.",
            "Explore a warm voice tone and facial expression; notice how the body changes.",
            "Briefly look at a small difficulty from this self: what would it notice, say and do?",
        ),
        cautions=(FEARS_OF_COMPASSION, HEAD_HEART_LAG),
        patient=PatientVersion(
            title="Your kind, wise and steady side",
            instructions=(
                "Sit in a steady, upright way and slow your breathing. Imagine being the kindest, wisest, steadiest "
                "version of you: someone who understands how hard things can be and wants to help. Notice your face, "
                "your voice, your posture. It's fine if it feels like acting at first; that's how practice starts."
            ),
        ),
        formats=ALL_FORMATS,
        source=(
            f"{sources.REF} §1.3 [C]: compassionate self (qualities of wisdom, strength, caring commitment; voice "
            "tone, posture)."
        ),
        homework=HomeworkForm(
            kind=HomeworkKind.MEDITATION,
            minutes_per_day=15,
            instructions=(
                "Once a day, slow your breathing, sit tall, and step into your kind, wise and steady side. Imagine "
                "how it would meet something from your day."
            ),
        ),
        imagery=True,
    ),
    Exercise(
        code="compassionate_other",
        title="The compassionate other (ideal compassionate image)",
        purpose=(
            "Imagine another mind, a person, being or presence, that is deeply compassionate towards the patient, "
            "to practise receiving compassion (the flow from others)."
        ),
        kind=ExerciseKind.PRACTICE,
        stage=Stage.BUILD,
        minutes=25,
        steps=(
            "After soothing rhythm breathing, invite an image with wisdom, strength, warmth and no judgement; it can "
            "be human or not, and need not be clear.",
            "Let the patient decide how it looks, sounds and feels.",
            "Imagine it turning towards them with complete acceptance and a wish for them to be free of suffering.",
            "Notice what happens and allow resistance.",
            "Debrief, and record any blocks for the formulation.",
        ),
        cautions=(
            FEARS_OF_COMPASSION,
            Caution(
                code="real_people",
                text=(
                    "Avoid building the image on someone who has hurt the patient; an ideal rather than a real "
                    "person often feels safer."
                ),
                source=sources.SOLACE,
            ),
        ),
        patient=PatientVersion(
            title="Someone on your side",
            instructions=(
                "Imagine a presence that is completely on your side: kind, wise, strong and never judging. It can be "
                "a person, an animal, a light, anything. Let it look at you warmly and wish you well. If this feels "
                "hard, notice that gently; many people find receiving kindness the hardest part."
            ),
        ),
        formats=ALL_FORMATS,
        source=(
            f"{sources.REF} §1.3 [C]: compassionate other / ideal compassionate image (Rockliff et al. 2011, "
            "\"imagining another 'mind' being deeply compassionate to oneself\")."
        ),
        homework=HomeworkForm(
            kind=HomeworkKind.MEDITATION,
            minutes_per_day=10,
            instructions=(
                "Once a day, slow your breathing and spend a few minutes with the presence that is on your side."
            ),
        ),
        imagery=True,
    ),
    Exercise(
        code="compassionate_letter",
        title="Compassionate letter writing",
        purpose=(
            "Write to oneself about a current difficulty from the compassionate self: understanding, not blaming, "
            "and encouraging a helpful next step."
        ),
        kind=ExerciseKind.PRACTICE,
        stage=Stage.APPLY,
        minutes=30,
        steps=(
            "Start with soothing rhythm breathing and step into the compassionate self.",
            "Choose a difficulty that matters but is not the most overwhelming one.",
            "Write as the compassionate self: acknowledge the pain, show why it makes sense, recall that others "
            "struggle too, and suggest a kind, helpful next step.",
            "Read it back slowly in a warm voice; check it is not a lecture or criticism in disguise.",
            "Revise together wherever the critic has crept in (\"you should...\").",
        ),
        cautions=(CRITIC_IN_DISGUISE,),
        patient=PatientVersion(
            title="A kind letter to yourself",
            instructions=(
                "Write a letter to yourself about something you're struggling with, the way a kind and wise friend "
                "would: someone who understands why this is hard, doesn't blame you, and gently suggests what might "
                "help. Then read it back slowly."
            ),
        ),
        formats=ALL_FORMATS,
        source=(
            f"{sources.REF} §1.3 [C]: compassionate letter writing (Wilson et al. 2019, Table 1). "
            f"{sources.SEED_SOOTHING_WRITING}"
        ),
        homework=HomeworkForm(
            kind=HomeworkKind.SELF_SOOTHING_WRITING,
            minutes_per_day=15,
            instructions=(
                "Once a day, write to yourself as a kind, wise friend would, about something that is hard right "
                "now. Read it back slowly."
            ),
        ),
    ),
    Exercise(
        code="chair_work",
        title="Chair work: multiple selves",
        purpose=(
            "Give voice to different parts of the self (the critic, the anxious or angry self, the compassionate "
            "self) in separate chairs, so the patient feels what the critic is for and practises answering it from "
            "compassion."
        ),
        kind=ExerciseKind.PRACTICE,
        stage=Stage.APPLY,
        minutes=35,
        steps=(
            "Set out a chair for each self; begin from a grounded, compassionate posture.",
            "Let the patient speak as the critic, then ask what it fears would happen if it stopped.",
            "Move to the chair of the criticised self and notice what it feels.",
            "Move to the compassionate-self chair and answer both with wisdom, strength and care.",
            "Debrief: what changed in the body, and what is the critic trying to protect?",
        ),
        cautions=(NEEDS_STABILISATION, GROUP_ROLE_PLAY),
        patient=PatientVersion(
            title="Giving each part of you a voice",
            instructions=(
                "We'll use different chairs for different parts of you: your inner critic, the part that feels "
                "hurt, and your kind, wise self. Moving between them helps you hear what each is trying to do, and "
                "practise answering the critic with kindness and strength. You can pause at any time."
            ),
        ),
        formats=ALL_FORMATS,
        source=(
            f"{sources.REF} §1.3 [C]: chair work / multiple selves (Cattani Module 6; PMC7528542 session 6; "
            f"Arimitsu 2016). {sources.REF_STAGE_ORDER}"
        ),
        homework=HomeworkForm(
            kind=HomeworkKind.SELF_DIALOGUE_TRAINING,
            minutes_per_day=15,
            instructions=(
                "Each day, when your inner critic speaks, write down what it said. Then answer it in your kind, wise "
                "voice: what is it worried about, and what would really help?"
            ),
        ),
    ),
    Exercise(
        code="grounding_skills",
        title="Grounding skills",
        purpose=(
            "Give the patient quick, reliable ways back to the present when distress, dissociation or memories "
            "rise, learned before any imagery."
        ),
        kind=ExerciseKind.SETTLING,
        stage=ANY_STAGE,
        minutes=10,
        steps=(
            "Explain why: a reliable way back to the here and now makes later practices safer.",
            "Practise sensory grounding: name what can be seen, heard and touched; press the feet into the floor.",
            "Add a grounding object or scent the patient can carry.",
            "Rate distress before and after.",
            "Agree when to use it, including during imagery and between sessions.",
        ),
        cautions=(GROUNDING_FAILS,),
        patient=PatientVersion(
            title="Coming back to the here and now",
            instructions=(
                "When feelings get too strong or you feel far away, bring yourself back: press your feet into the "
                "floor, look around and name five things you can see, listen for sounds, hold something with an "
                "interesting texture. Practise when you're calm so it's ready when you need it."
            ),
        ),
        formats=ALL_FORMATS,
        source=f"{sources.SEED_EMERGENCY_SKILLS} {sources.REF_STABILISATION}",
        homework=HomeworkForm(
            kind=HomeworkKind.MEDITATION,
            minutes_per_day=10,
            instructions=(
                "Practise your grounding steps once a day while you're calm, so they come easily when you need "
                "them."
            ),
        ),
    ),
    Exercise(
        code="safety_planning",
        title="Safety planning",
        purpose=(
            "Agree a written plan for crises following the Stanley-Brown Safety Planning Intervention (Stanley & "
            "Brown 2012): warning signs, ways to cope, people and places, professional and emergency contacts, "
            "making the surroundings safer; before compassion work begins."
        ),
        kind=ExerciseKind.CARE,
        stage=ANY_STAGE,
        minutes=30,
        steps=(
            "Explain why the plan comes first.",
            "Identify the patient's own warning signs that a crisis is building.",
            "List things the patient can do alone to get through, adding soothing or grounding skills once learned.",
            "List people and places that help, and people to ask for help.",
            "Record professional, out-of-hours and emergency contacts.",
            "Agree how to make the surroundings safer.",
            "Agree where the plan is kept and when it is reviewed; use the clinic's safety-plan template.",
        ),
        cautions=(RISK_PROCEDURE,),
        patient=PatientVersion(
            title="Your plan for difficult moments",
            instructions=(
                "Together we'll write down a plan for times when things feel unbearable: the signs that a crisis is "
                "building, things you can do to get through it, people you can contact, and how to get urgent help. "
                "You'll keep a copy where you can find it. The plan follows the Safety Planning Intervention of "
                "Barbara Stanley and Gregory Brown (2012)."
            ),
        ),
        formats=ALL_FORMATS,
        source=(
            "Stanley B, Brown GK. Safety Planning Intervention: a brief intervention to mitigate suicide risk. "
            f"Cogn Behav Pract 2012;19:256-264. {sources.SEED_WARNING} {sources.SOLACE}: the written form is the "
            "clinic's own template."
        ),
    ),
    Exercise(
        code="exposure_coordination",
        title="Coordinating with exposure work",
        purpose=(
            "Agree with the patient, and with the clinician providing trauma-focused or exposure work, how CFT fits: "
            "CFT builds safeness and stabilisation, exposure is paced where agreed, and skills are shared."
        ),
        kind=ExerciseKind.CARE,
        stage=ANY_STAGE,
        minutes=15,
        steps=(
            "Check where the trauma-focused work is and when exposure sessions are planned.",
            "Agree roles: which sessions work with trauma memories and which build soothing and compassionate-self "
            "skills.",
            "Plan how the patient uses soothing breathing, grounding and the compassionate self before and after "
            "exposure.",
            "Agree what to do if distress rises: whom to contact and when to pause.",
            "Record what was agreed and, with consent, share it with the trauma therapist.",
        ),
        cautions=(TRAUMA_PROCESSING_ELSEWHERE,),
        patient=PatientVersion(
            title="Fitting your therapies together",
            instructions=(
                "If you're also having therapy for trauma, we'll check how it's going and agree how our sessions "
                "fit with it, so the two support each other. We'll plan how to use your calming skills before and "
                "after the harder sessions."
            ),
        ),
        formats=ALL_FORMATS,
        source=f"{sources.SEED_EXPOSURE} {sources.REF_STABILISATION}",
    ),
    Exercise(
        code="medication_check_in",
        title="Medication-response check-in",
        purpose=(
            "Check for changes in how the patient responds to antidepressant medication (mood, sleep, side effects, "
            "emotional sensitivity), since compassion work can heighten emotional sensitivity, and pass concerns "
            "to the prescriber."
        ),
        kind=ExerciseKind.CARE,
        stage=ANY_STAGE,
        minutes=10,
        steps=(
            "Ask about changes since the last check: mood, sleep, agitation, emotional sensitivity, side effects, "
            "missed doses.",
            "Compare with the PHQ-9 and GAD-7 trend.",
            "If something has changed, agree how the prescriber will be told; do not advise on doses.",
            "Record the check-in.",
        ),
        cautions=(PRESCRIBER_DECIDES,),
        patient=PatientVersion(
            title="How your medication is going",
            instructions=(
                "We'll take a few minutes to ask how your medication is going: any changes in mood, sleep, side "
                "effects or how strongly you feel things. If anything has changed, we'll help you talk it over with "
                "your prescriber. Please don't change your medication without them."
            ),
        ),
        formats=ALL_FORMATS,
        source=sources.SEED_MEDICATION,
    ),
    Exercise(
        code="cbt_coordination_review",
        title="CBT coordination review",
        purpose=(
            "Keep CFT and concurrent CBT working together: compare what each is practising, spot clashes between "
            "techniques, and adjust intensity or homework load."
        ),
        kind=ExerciseKind.CARE,
        stage=ANY_STAGE,
        minutes=10,
        steps=(
            "Ask which techniques the CBT is using now and what homework it has set.",
            "Look for clashes (for example disputing thoughts where CFT practises warm acceptance) and for overload.",
            "Agree adjustments, such as fewer emotionally intense exercises or lighter homework.",
            "With consent, send a short note to the CBT provider.",
        ),
        cautions=(RATIONAL_ANALYSIS,),
        patient=PatientVersion(
            title="Making your therapies work together",
            instructions=(
                "Since you're also seeing someone for CBT, we'll check what you're working on there, so the two "
                "don't pull in different directions and your practice between sessions doesn't pile up."
            ),
        ),
        formats=ALL_FORMATS,
        source=sources.SEED_CBT,
    ),
    Exercise(
        code="compassionate_communication",
        title="Compassionate communication in the family",
        purpose=(
            "Help family members understand the three systems and answer distress and self-criticism with warmth "
            "and steadiness rather than blame or quick fixes, and support practice at home."
        ),
        kind=ExerciseKind.PRACTICE,
        stage=Stage.BUILD,
        minutes=35,
        steps=(
            "With the patient's consent, share a simple version of the three circles and what they are practising.",
            "Family members reflect on what sets off their own threat system when the patient struggles.",
            "Practise answering a typical difficult moment: notice, name the feeling, offer warmth, ask what would "
            "help.",
            "In role-play, swap a critical or fixing reply for a compassionate one.",
            "Agree small ways to support practice at home without policing it.",
        ),
        cautions=(FAMILY_BLAME,),
        patient=PatientVersion(
            title="Being kind to each other when things are hard",
            instructions=(
                "Your family joins this session. We'll share what you've been learning, and practise how everyone "
                "can respond when someone is struggling: noticing, listening and being kind, rather than criticising "
                "or rushing to fix things."
            ),
        ),
        formats=frozenset({CourseFormat.FAMILY}),
        source=f"{sources.SEED_FORMATS} {sources.REF_DEFINITION} {sources.REF_NO_FAMILY_PROTOCOL}",
    ),
    Exercise(
        code="relapse_prevention",
        title="Personal practice manual and relapse prevention",
        purpose=(
            "Consolidate gains in a personal self-compassion practice manual: the practices that helped, early signs "
            "of old patterns and what to do about them, a short daily routine, and follow-up."
        ),
        kind=ExerciseKind.MAINTENANCE,
        stage=Stage.APPLY,
        minutes=30,
        steps=(
            "Review progress with the measures and in the patient's own words.",
            "Gather the practices that helped most.",
            "Name early signs that the critic or the threat system is taking over, and a compassionate response.",
            "Set a daily routine of about 10 minutes, such as kind phrases or recalling successes from therapy.",
            "Agree follow-up every 3-6 months and options such as peer support.",
        ),
        cautions=(ENDINGS,),
        patient=PatientVersion(
            title="Your personal practice plan",
            instructions=(
                "We'll put together your own practice manual: the exercises that helped you most, signs that old "
                "habits are creeping back and what to do then, and a short daily routine of about 10 minutes. We'll "
                "also plan follow-up check-ins."
            ),
        ),
        formats=ALL_FORMATS,
        source=f"{sources.SEED_MAINTENANCE} {sources.REF_CATTANI} (Module 12, Envisioning a Compassionate Future)",
        homework=HomeworkForm(
            kind=HomeworkKind.SELF_DIALOGUE_TRAINING,
            minutes_per_day=10,
            instructions=(
                "Keep a short daily routine from your practice manual: for example, say kind phrases to yourself, "
                "or recall something that went well in therapy."
            ),
        ),
    ),
)

EXERCISES: Final = MappingProxyType({exercise.code: exercise for exercise in _LIBRARY})
if len(EXERCISES) != len(_LIBRARY):
    raise ExerciseDefinitionError("exercise codes must be unique")


def exercise_list() -> tuple[Exercise, ...]:
    """Every exercise, in library order."""
    return _LIBRARY


def get_exercise(code: str) -> Exercise:
    """The exercise with this code; raises UnknownExercise."""
    try:
        return EXERCISES[code]
    except KeyError:
        raise UnknownExercise(code) from None


def imagery_codes() -> frozenset[str]:
    return frozenset(exercise.code for exercise in _LIBRARY if exercise.imagery)
