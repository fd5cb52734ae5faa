"""Every instrument Solace ships, one module each, in the order they are listed to clinicians."""

from __future__ import annotations

from solace.domain.instruments.definitions.ceas import CEAS
from solace.domain.instruments.definitions.cssrs_screener import CSSRS_SCREENER
from solace.domain.instruments.definitions.ders16 import DERS16
from solace.domain.instruments.definitions.des2 import DES2
from solace.domain.instruments.definitions.fcs import FCS
from solace.domain.instruments.definitions.fscrs import FSCRS
from solace.domain.instruments.definitions.gad7 import GAD7
from solace.domain.instruments.definitions.k10 import K10
from solace.domain.instruments.definitions.pcl5 import PCL5
from solace.domain.instruments.definitions.phq9 import PHQ9
from solace.domain.instruments.definitions.practice_distress import PRACTICE_DISTRESS
from solace.domain.instruments.definitions.rses import RSES
from solace.domain.instruments.definitions.scs_sf import SCS_SF
from solace.domain.instruments.definitions.three_systems import THREE_SYSTEMS
from solace.domain.instruments.definitions.wsas import WSAS
from solace.domain.instruments.model import Instrument

ALL_INSTRUMENTS: tuple[Instrument, ...] = (
    PHQ9,
    GAD7,
    RSES,
    FSCRS,
    SCS_SF,
    CEAS,
    FCS,
    PCL5,
    DES2,
    CSSRS_SCREENER,
    DERS16,
    K10,
    WSAS,
    THREE_SYSTEMS,
    PRACTICE_DISTRESS,
)
