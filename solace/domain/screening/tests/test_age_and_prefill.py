"""The intake's age and which completed questionnaires pre-fill a new intake (Solace design choices, cited in
solace.domain.screening.intake): table-driven, every boundary."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from solace.domain.screening.intake import age_on, answers_prefill_intake, stored_answers_current


@pytest.mark.parametrize(("born", "day", "age"), [
    (date(2000, 5, 10), date(2018, 5, 9), 17),  # the day before the 18th birthday
    (date(2000, 5, 10), date(2018, 5, 10), 18),  # the birthday itself
    (date(2000, 5, 10), date(2018, 12, 31), 18),
    (date(2000, 2, 29), date(2018, 2, 28), 17),  # leap-day birthdays count from 1 March
    (date(2000, 2, 29), date(2018, 3, 1), 18),
    (date(2000, 2, 29), date(2020, 2, 29), 20),
    (date(2000, 1, 1), date(2000, 1, 1), 0),
])
def test_age_on(born: date, day: date, age: int) -> None:
    assert age_on(born, day) == age


SCREENED = datetime(2025, 5, 1, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(("submitted_at", "previous_at", "previous_has_answers", "prefills"), [
    (SCREENED, None, False, True),  # no earlier screening
    (datetime(2025, 5, 2, tzinfo=UTC), SCREENED, True, True),  # completed after the earlier screening
    (SCREENED, SCREENED, True, False),  # at the same moment: the earlier intake's answers stay
    (datetime(2025, 4, 1, tzinfo=UTC), SCREENED, True, False),  # older than the earlier screening
    (datetime(2025, 4, 1, tzinfo=UTC), SCREENED, False, True),  # older, but the earlier intake had none
])
def test_answers_prefill_intake(submitted_at: datetime, previous_at: datetime | None, previous_has_answers: bool,
                                prefills: bool) -> None:
    assert answers_prefill_intake(submitted_at=submitted_at, previous_evaluated_at=previous_at,
                                  previous_has_answers=previous_has_answers) is prefills


@pytest.mark.parametrize(("code", "stored", "current"), [
    # six answers from before C-SSRS version 2: the sixth was behaviour in the past 3 months
    ("cssrs_screener", [1, 1, 0, 0, 0, 1], [1, 1, 0, 0, 0, 1, 1]),  # recent behaviour: lifetime too
    ("cssrs_screener", [1, 0, None, None, None, 0], [1, 0, None, None, None, None, None]),  # an old "no": ask again
    ("cssrs_screener", [0, 0, None, None, None, None], [0, 0, None, None, None, None, None]),
    ("cssrs_screener", [1, 0, None, None, None, 1, 0], [1, 0, None, None, None, 1, 0]),  # already version 2
    ("phq9", [1, 0, 2, 1, 0, 0, 1, 0, 1], [1, 0, 2, 1, 0, 0, 1, 0, 1]),
])
def test_stored_answers_are_read_in_todays_item_order(code: str, stored: list[int | None],
                                                      current: list[int | None]) -> None:
    assert stored_answers_current(code, stored) == current
