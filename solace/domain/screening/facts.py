"""What the rules look at: the parsed intake, its scores and the clinic's thresholds, with shared readings."""

from __future__ import annotations

from dataclasses import dataclass

from solace.domain.instruments import Number, ScoreResult
from solace.domain.screening.intake import Intake
from solace.domain.screening.model import ClinicalFlag, Concern, RiskLevel
from solace.domain.screening.thresholds import CSSRS_LEVELS, ScreeningThresholds

Evidence = str | None
"""What made a rule apply (a flag, a score against its threshold), or None when it does not apply."""


@dataclass(frozen=True)
class Facts:
    intake: Intake
    thresholds: ScreeningThresholds

    def score(self, code: str) -> ScoreResult | None:
        return self.intake.scores.get(code)

    def total(self, code: str) -> Number | None:
        result = self.score(code)
        return None if result is None else result.total

    def subscale(self, code: str, subscale: str) -> Number | None:
        result = self.score(code)
        return None if result is None else result.subscales[subscale]

    def answer(self, code: str, item_code: str) -> int | None:
        result = self.score(code)
        return None if result is None else result.answers[item_code]

    def flag(self, flag: ClinicalFlag) -> Evidence:
        return f"clinical flag {flag.value}" if self.intake.has_flag(flag) else None

    def concern(self, concern: Concern) -> Evidence:
        return f"presenting concern {concern.value}" if concern in self.intake.presenting_concerns else None

    def cssrs_risk(self) -> str | None:
        """The C-SSRS screener's risk level (none, low, moderate, high), or None when it was not given."""
        result = self.score("cssrs_screener")
        return None if result is None else result.risk

    def cssrs_at_or_above(self, level: str) -> bool:
        risk = self.cssrs_risk()
        return risk in CSSRS_LEVELS and CSSRS_LEVELS.index(risk) >= CSSRS_LEVELS.index(level)

    def risk_assessment_level(self) -> RiskLevel | None:
        assessment = self.intake.risk_assessment
        return None if assessment is None else assessment.level

    def risk_assessment_named(self) -> str | None:
        """How findings name the clinician's assessment: "clinician's structured risk assessment of <date>"."""
        assessment = self.intake.risk_assessment
        if assessment is None:
            return None
        return f"clinician's structured risk assessment of {assessment.assessed_on.isoformat()}"

    def suicide_risk_assessed_by(self) -> str | None:
        """Which suicide-risk assessment the intake carries: the clinician's own, the C-SSRS screener, both."""
        used = [self.risk_assessment_named(), "C-SSRS screener" if self.score("cssrs_screener") else None]
        return " and ".join(u for u in used if u) or None

    def phq9_item9_positive(self) -> bool:
        answer = self.answer("phq9", "phq9_q9")
        return answer is not None and answer >= self.thresholds.phq9_item9_at

    def ptsd(self) -> Evidence:
        """PTSD from the clinician's diagnosis, the presenting concern, or the PCL-5 (cut-off or DSM-5 rule)."""
        found = [e for e in (self.flag(ClinicalFlag.PTSD_DIAGNOSIS), self.concern(Concern.PTSD)) if e]
        pcl5 = self.score("pcl5")
        if pcl5 is not None and pcl5.total is not None and pcl5.total >= self.thresholds.pcl5_probable_ptsd_at:
            at = self.thresholds.pcl5_probable_ptsd_at
            found.append(f"PCL-5 total {shown(pcl5.total)} (probable PTSD at {at})")
        elif pcl5 is not None and pcl5.extras.get("provisional_ptsd") is True:
            found.append("PCL-5 meets the DSM-5 provisional diagnosis rule")
        return "; ".join(found) or None


def shown(value: Number) -> str:
    """A score as shown in evidence: whole numbers without decimals, means rounded to two decimals."""
    if isinstance(value, float):
        return f"{round(value, 2):g}"
    return str(value)
