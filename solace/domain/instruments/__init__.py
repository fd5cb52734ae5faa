"""Instruments: definitions declared once as data, and one scoring function behind all of them.

    score("phq9", ["1", 2, 0, None, ...])      # positional, published item order
    score_items("phq9", {"phq9_q1": 1, ...})   # keyed by stable item code (canonical)
    instrument_list(), get_instrument("gad7")

Sources: clinical-reference.md §2 (cited per instrument in definitions/).
"""

from solace.domain.instruments.errors import AnswerError, UnknownInstrument
from solace.domain.instruments.model import (
    STANDING_ORDER,
    ChangeCriteria,
    ClusterDiagnosisRule,
    Comparison,
    CriticalItem,
    CutOff,
    Evidence,
    Instrument,
    InstrumentDefinitionError,
    Item,
    ItemDifference,
    Licence,
    LoincCodes,
    MissingItemPolicy,
    NormativeSample,
    Number,
    ReliabilityEstimate,
    ReliabilityKind,
    ResponseOption,
    RiskLevel,
    RiskTriage,
    ScoreRule,
    SeverityBand,
    SkipRule,
    Standing,
    Subscale,
    standing_of,
)
from solace.domain.instruments.registry import get_instrument, instrument_list
from solace.domain.instruments.scoring import ScoreResult, score, score_items

__all__ = [
    "STANDING_ORDER",
    "AnswerError",
    "ChangeCriteria",
    "ClusterDiagnosisRule",
    "Comparison",
    "CriticalItem",
    "CutOff",
    "Evidence",
    "Instrument",
    "InstrumentDefinitionError",
    "Item",
    "ItemDifference",
    "Licence",
    "LoincCodes",
    "MissingItemPolicy",
    "NormativeSample",
    "Number",
    "ReliabilityEstimate",
    "ReliabilityKind",
    "ResponseOption",
    "RiskLevel",
    "RiskTriage",
    "ScoreResult",
    "ScoreRule",
    "SeverityBand",
    "SkipRule",
    "Standing",
    "Subscale",
    "UnknownInstrument",
    "get_instrument",
    "instrument_list",
    "score",
    "score_items",
    "standing_of",
]
