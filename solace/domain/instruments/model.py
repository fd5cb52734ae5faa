"""The shape of an instrument definition: frozen dataclasses, declared once per instrument as data.

Every number in a definition carries a `source` and an `evidence` tag from clinical-reference.md
("How to read the tags"). Values tagged [U] or [X] are never stored as published facts; they are listed in
`Instrument.evidence_notes` instead, and `Instrument.__post_init__` refuses them where scoring would use them.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

Number = int | float

EN_DASH = "\u2013"


class Evidence(StrEnum):
    """Evidence tag of a fact, as defined in clinical-reference.md ("How to read the tags")."""

    CONFIRMED = "C"
    SECONDARY = "S"
    UNVERIFIED = "U"
    NOT_FOUND = "X"
    SOLACE = "solace"
    """Solace's own content or design decision; not a published fact."""


PUBLISHABLE_EVIDENCE = frozenset({Evidence.CONFIRMED, Evidence.SECONDARY})
"""Tags a value needs before scoring or change classification may rely on it as a published fact."""


class Standing(StrEnum):
    """How a band, cut-off or threshold may be presented to people, strongest first (`STANDING_ORDER`).

    It follows the evidence tag of clinical-reference.md and the purpose the value is put to: a published value
    read in its source [C] is `published`; one read only in a secondary source [S] is `secondary`; a rough guide
    its author offers, not a clinical cut-off, is `heuristic`; a value Solace chose, or a published value used for
    a purpose its source does not name, is `solace_choice`.
    """

    PUBLISHED = "published"
    SECONDARY = "secondary"
    HEURISTIC = "heuristic"
    SOLACE_CHOICE = "solace_choice"


STANDING_ORDER = tuple(Standing)
"""Strongest first: a value may be shown at its own standing or weaker, never stronger."""


def standing_of(evidence: Evidence, *, heuristic: bool = False) -> Standing:
    """The standing a value with this evidence tag may be shown with (see `Standing`)."""
    if evidence is Evidence.SOLACE or evidence not in PUBLISHABLE_EVIDENCE:
        return Standing.SOLACE_CHOICE
    if heuristic:
        return Standing.HEURISTIC
    return Standing.PUBLISHED if evidence is Evidence.CONFIRMED else Standing.SECONDARY


class ScoreRule(StrEnum):
    SUM = "sum"
    MEAN = "mean"
    NONE = "none"


class Comparison(StrEnum):
    """How a total is compared with a cut-off threshold; the cut-off is met when the comparison holds."""

    AT_OR_ABOVE = "at_or_above"
    ABOVE = "above"
    AT_OR_BELOW = "at_or_below"
    BELOW = "below"

    def holds(self, value: Number, threshold: Number) -> bool:
        match self:
            case Comparison.AT_OR_ABOVE:
                return value >= threshold
            case Comparison.ABOVE:
                return value > threshold
            case Comparison.AT_OR_BELOW:
                return value <= threshold
            case Comparison.BELOW:
                return value < threshold


class ReliabilityKind(StrEnum):
    CRONBACH_ALPHA = "cronbach_alpha"
    TEST_RETEST = "test_retest"


class InstrumentDefinitionError(ValueError):
    """An instrument definition contradicts itself (raised when the definition module is imported)."""


@dataclass(frozen=True)
class Licence:
    text: str
    wording_reproducible: bool
    """True only when item text, instructions and answer labels may be shipped in Solace.
    When False, the clinic supplies the wording and Solace stores scoring data only."""
    source: str
    evidence: Evidence


@dataclass(frozen=True)
class ResponseOption:
    value: int
    label: str | None = None
    """Answer wording; None when the licence does not let Solace reproduce it."""
    loinc_answer: str | None = None


@dataclass(frozen=True)
class Item:
    code: str
    """Stable item code (for example `phq9_q9`); answers and scores are keyed by it, never by position."""
    position: int
    """1-based position in the published item order."""
    text: str | None
    minimum: int
    maximum: int
    options: tuple[ResponseOption, ...]
    step: int = 1
    reverse_scored: bool = False
    scored: bool = True
    """False for filler items that are administered but never enter a score (CEAS)."""
    loinc: str | None = None
    number: str = ""
    """How the published form numbers the item when that is not its position (a follow-up question)."""

    @property
    def label(self) -> str:
        return f"{self.code} (item {self.position})"

    @property
    def shown_number(self) -> str:
        """The item's number as people read it on the published form (its position unless the form says else)."""
        return self.number or str(self.position)

    @property
    def allowed_values(self) -> tuple[int, ...]:
        return tuple(range(self.minimum, self.maximum + 1, self.step))

    def scored_value(self, answer: int) -> int:
        """The answer as it enters the score: reverse-scored items are mirrored (min + max - answer)."""
        if self.reverse_scored:
            return self.minimum + self.maximum - answer
        return answer


@dataclass(frozen=True)
class Subscale:
    code: str
    title: str
    item_codes: tuple[str, ...]
    rule: ScoreRule
    source: str
    evidence: Evidence


@dataclass(frozen=True)
class SeverityBand:
    code: str
    label: str
    lower: Number
    upper: Number
    source: str
    evidence: Evidence
    lower_inclusive: bool = True
    upper_inclusive: bool = True
    heuristic: bool = False
    """True for a rough guide its author gives, not a clinical band (shown as a "heuristic guide")."""

    @property
    def standing(self) -> Standing:
        return standing_of(self.evidence, heuristic=self.heuristic)

    def contains(self, value: Number) -> bool:
        above_lower = value >= self.lower if self.lower_inclusive else value > self.lower
        below_upper = value <= self.upper if self.upper_inclusive else value < self.upper
        return above_lower and below_upper


@dataclass(frozen=True)
class CutOff:
    """A threshold on the total; `met` means the total lies on the clinical (positive) side."""

    code: str
    label: str
    threshold: Number
    comparison: Comparison
    source: str
    evidence: Evidence
    heuristic: bool = False
    """True for a rough guide its author gives, not a clinical cut-off."""

    @property
    def standing(self) -> Standing:
        return standing_of(self.evidence, heuristic=self.heuristic)

    def is_met(self, total: Number) -> bool:
        return self.comparison.holds(total, self.threshold)


@dataclass(frozen=True)
class CriticalItem:
    """An item whose answer at or above `threshold` must reach a clinician (risk review)."""

    item_code: str
    threshold: int
    reason: str
    evidence: Evidence


@dataclass(frozen=True)
class ReliabilityEstimate:
    kind: ReliabilityKind
    value: float
    """The coefficient, or the lower end when the source gives a range."""
    sample: str
    source: str
    evidence: Evidence
    upper: float | None = None
    """Upper end when the source gives a range."""
    scope: str | None = None
    """Subscale code the estimate refers to; None for the total."""


@dataclass(frozen=True)
class NormativeSample:
    population: str
    mean: float
    sd: float
    source: str
    evidence: Evidence
    n: int | None = None


@dataclass(frozen=True)
class ChangeCriteria:
    """How reliable and clinically significant change of the total is judged (clinical-reference.md §3.1).

    Either a published reliable-change value in points, or the SD and reliability for the
    Jacobson-Truax formula. `clinical_cut_off` names the CutOff whose `met` side is the clinical range.
    """

    source: str
    evidence: Evidence
    reliable_change_points: Number | None = None
    sd: float | None = None
    reliability: float | None = None
    clinical_cut_off: str | None = None


@dataclass(frozen=True)
class MissingItemPolicy:
    """Up to `max_imputed_items` unanswered scored items are replaced by the mean of the answered ones;
    with more missing the questionnaire is not scorable. 0 means every scored item is required."""

    max_imputed_items: int
    description: str
    source: str


REQUIRE_ALL_ITEMS = MissingItemPolicy(
    max_imputed_items=0,
    description="Not scorable unless every scored item is answered.",
    source="Solace default; partial answers may be saved by the persistence layer but are not scored.",
)


@dataclass(frozen=True)
class SkipRule:
    """When `gate_item` is answered with one of `gate_values`, `skipped_items` are not asked: they must be
    unanswered or at their minimum, and count as their minimum."""

    gate_item: str
    gate_values: tuple[int, ...]
    skipped_items: tuple[str, ...]
    source: str
    evidence: Evidence


@dataclass(frozen=True)
class RiskLevel:
    level: str
    item_codes: tuple[str, ...]
    """The level applies when any of these items is answered at or above `threshold`."""
    threshold: int = 1


@dataclass(frozen=True)
class RiskTriage:
    """Ordered risk levels, highest first; the first level that applies wins, else `default`."""

    levels: tuple[RiskLevel, ...]
    default: str
    source: str
    evidence: Evidence
    key: str = "risk"


@dataclass(frozen=True)
class ClusterDiagnosisRule:
    """A provisional diagnosis: an item counts as endorsed at `endorsed_at` or above, and each named
    subscale needs at least its minimum number of endorsed items."""

    key: str
    endorsed_at: int
    minimum_endorsed: tuple[tuple[str, int], ...]
    source: str
    evidence: Evidence


@dataclass(frozen=True)
class ItemDifference:
    """Reports `later_item - earlier_item` under `key` (for example distress after minus before)."""

    key: str
    later_item: str
    earlier_item: str
    description: str


@dataclass(frozen=True)
class LoincCodes:
    panel: str | None
    total: str | None
    source: str
    evidence: Evidence
    answer_list: str | None = None
    extra: tuple[tuple[str, str], ...] = ()
    """Further codes by purpose, for example ("risk", "93374-7")."""


@dataclass(frozen=True)
class Instrument:
    code: str
    version: str
    """Which published form (item set, order and wording) this definition describes."""
    scoring_version: str
    """Bumped whenever Solace's scoring of this instrument changes; stored with every result."""
    title: str
    citation: str
    licence: Licence
    recall_period: str | None
    instructions: str | None
    answer_key: str
    """What the answer values mean (paraphrased where the wording is not reproducible)."""
    items: tuple[Item, ...]
    total_rule: ScoreRule
    total_range: tuple[Number, Number] | None
    higher_is_better: bool | None
    """Direction of the total and of every subscale; None when they do not share one direction."""
    subscales: tuple[Subscale, ...] = ()
    severity_bands: tuple[SeverityBand, ...] = ()
    cut_offs: tuple[CutOff, ...] = ()
    critical_items: tuple[CriticalItem, ...] = ()
    missing_items: MissingItemPolicy = REQUIRE_ALL_ITEMS
    skip_rules: tuple[SkipRule, ...] = ()
    risk_triage: RiskTriage | None = None
    diagnosis_rule: ClusterDiagnosisRule | None = None
    item_difference: ItemDifference | None = None
    reliability: tuple[ReliabilityEstimate, ...] = ()
    norms: tuple[NormativeSample, ...] = ()
    change_criteria: ChangeCriteria | None = None
    loinc: LoincCodes | None = None
    evidence_notes: tuple[str, ...] = ()
    """Open [U]/[X] questions and Solace decisions, so they are never mistaken for published facts."""
    scored_version: str = ""
    """The published form whose item order and answer values the scoring assumes, in words with author and year
    (for example "Rosenberg 1965, original University of Maryland item order"). The clinic's wording must follow
    this form; the wording page shows it. Required for every instrument whose wording the clinic supplies."""

    def __post_init__(self) -> None:
        _check_definition(self)

    def item(self, code: str) -> Item:
        for item in self.items:
            if item.code == code:
                return item
        raise KeyError(code)

    @property
    def item_codes(self) -> tuple[str, ...]:
        return tuple(item.code for item in self.items)

    @property
    def scored_items(self) -> tuple[Item, ...]:
        return tuple(item for item in self.items if item.scored)

    @property
    def reverse_scored_item_codes(self) -> tuple[str, ...]:
        return tuple(item.code for item in self.items if item.reverse_scored)

    def subscale(self, code: str) -> Subscale:
        for subscale in self.subscales:
            if subscale.code == code:
                return subscale
        raise KeyError(code)

    def subscale_range(self, code: str) -> tuple[Number, Number]:
        subscale = self.subscale(code)
        return _range_of(tuple(self.item(c) for c in subscale.item_codes), subscale.rule)

    def cut_off(self, code: str) -> CutOff:
        for cut_off in self.cut_offs:
            if cut_off.code == code:
                return cut_off
        raise KeyError(code)

    def band_for(self, total: Number) -> SeverityBand | None:
        for band in self.severity_bands:
            if band.contains(total):
                return band
        return None


def _range_of(items: tuple[Item, ...], rule: ScoreRule) -> tuple[Number, Number]:
    low = sum(item.minimum for item in items)
    high = sum(item.maximum for item in items)
    if rule is ScoreRule.MEAN:
        return low / len(items), high / len(items)
    return low, high


def _check_definition(instrument: Instrument) -> None:
    for check in (_check_items, _check_wording, _check_total, _check_references, _check_change_criteria):
        problem = check(instrument)
        if problem:
            raise InstrumentDefinitionError(f"{instrument.code}: {problem}")


def _check_items(instrument: Instrument) -> str | None:
    if [item.position for item in instrument.items] != list(range(1, len(instrument.items) + 1)):
        return "item positions must run 1..n in published order"
    if len(set(instrument.item_codes)) != len(instrument.items):
        return "item codes must be unique"
    for item in instrument.items:
        if item.step < 1 or item.minimum > item.maximum or (item.maximum - item.minimum) % item.step:
            return f"{item.label}: minimum, maximum and step do not describe a scale"
        if tuple(option.value for option in item.options) != item.allowed_values:
            return f"{item.label}: response options must list every allowed value in order"
        if item.reverse_scored and not item.scored:
            return f"{item.label}: an unscored item cannot be reverse-scored"
    return None


def _check_wording(instrument: Instrument) -> str | None:
    if instrument.licence.wording_reproducible:
        return None
    if instrument.instructions is not None:
        return "instructions must be None when the wording is not reproducible"
    for item in instrument.items:
        if item.text is not None or any(option.label is not None for option in item.options):
            return f"{item.label}: text and answer labels must be None when the wording is not reproducible"
    if not instrument.scored_version:
        return "scored_version must name the published form when the clinic supplies the wording"
    return None


def _check_total(instrument: Instrument) -> str | None:
    if instrument.total_rule is ScoreRule.NONE:
        if instrument.total_range is not None or instrument.severity_bands or instrument.cut_offs:
            return "an instrument without a total cannot declare a total range, bands or cut-offs"
        return None
    expected = _range_of(instrument.scored_items, instrument.total_rule)
    if instrument.total_range != expected:
        return f"declared total range {instrument.total_range} differs from the items' range {expected}"
    return None


def _check_references(instrument: Instrument) -> str | None:
    scored = {item.code for item in instrument.scored_items}
    known = set(instrument.item_codes)
    subscale_codes = {subscale.code for subscale in instrument.subscales}
    if any(subscale.rule is ScoreRule.NONE for subscale in instrument.subscales):
        return "a subscale must be scored by sum or mean"
    referenced: list[tuple[str, set[str]]] = [
        *((f"subscale {s.code}", set(s.item_codes) - scored) for s in instrument.subscales),
        *((f"critical item {c.item_code}", {c.item_code} - known) for c in instrument.critical_items),
        *((f"skip rule on {r.gate_item}", {r.gate_item, *r.skipped_items} - known) for r in instrument.skip_rules),
    ]
    if instrument.risk_triage:
        for level in instrument.risk_triage.levels:
            referenced.append((f"risk level {level.level}", set(level.item_codes) - known))
    if instrument.diagnosis_rule:
        wanted = {code for code, _ in instrument.diagnosis_rule.minimum_endorsed}
        referenced.append(("diagnosis rule", wanted - subscale_codes))
    if instrument.item_difference:
        difference = instrument.item_difference
        referenced.append(("item difference", {difference.later_item, difference.earlier_item} - known))
    for what, unknown in referenced:
        if unknown:
            return f"{what} refers to unknown or unscored codes {sorted(unknown)}"
    return None


def _check_change_criteria(instrument: Instrument) -> str | None:
    criteria = instrument.change_criteria
    claims = [
        *((f"band {b.code}", b.evidence) for b in instrument.severity_bands),
        *((f"cut-off {c.code}", c.evidence) for c in instrument.cut_offs),
        *((f"reliability {r.kind}", r.evidence) for r in instrument.reliability),
        *((f"norm {n.population}", n.evidence) for n in instrument.norms),
    ]
    if criteria is not None:
        claims.append(("change criteria", criteria.evidence))
    for what, evidence in claims:
        if evidence not in PUBLISHABLE_EVIDENCE:
            return f"{what} is tagged [{evidence}]; only [C]/[S] values may be used as published"
    if criteria is None:
        return None
    if instrument.total_rule is ScoreRule.NONE or instrument.higher_is_better is None:
        return "change criteria need a total and a direction (higher_is_better)"
    has_formula_inputs = criteria.sd is not None and criteria.reliability is not None
    if (criteria.reliable_change_points is None) == (not has_formula_inputs):
        return "change criteria need either published points or SD and reliability, not both or neither"
    if criteria.clinical_cut_off and criteria.clinical_cut_off not in {c.code for c in instrument.cut_offs}:
        return f"change criteria refer to unknown cut-off {criteria.clinical_cut_off}"
    return None
