"""Lookup of the instruments Solace ships."""

from __future__ import annotations

from collections import Counter
from types import MappingProxyType

from solace.domain.instruments.definitions import ALL_INSTRUMENTS
from solace.domain.instruments.errors import UnknownInstrument
from solace.domain.instruments.model import Instrument, InstrumentDefinitionError


def _index(instruments: tuple[Instrument, ...]) -> MappingProxyType[str, Instrument]:
    duplicated_items = [
        code for code, count in Counter(c for i in instruments for c in i.item_codes).items() if count > 1
    ]
    if duplicated_items:
        raise InstrumentDefinitionError(f"item codes used by more than one instrument: {duplicated_items}")
    index = {instrument.code: instrument for instrument in instruments}
    if len(index) != len(instruments):
        raise InstrumentDefinitionError("two instruments share a code")
    return MappingProxyType(index)


_BY_CODE = _index(ALL_INSTRUMENTS)


def instrument_list() -> tuple[Instrument, ...]:
    """Every shipped instrument, in a stable order (definitions/__init__.py)."""
    return ALL_INSTRUMENTS


def get_instrument(code: str) -> Instrument:
    """The instrument registered under `code`; raises UnknownInstrument otherwise."""
    try:
        return _BY_CODE[code]
    except KeyError:
        raise UnknownInstrument(code, tuple(_BY_CODE)) from None
