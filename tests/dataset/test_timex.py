import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimbench.dataset.timex import timex3_error


@pytest.mark.parametrize(
    ("value", "kind"),
    [
        ("2025-12-25", "DATE"), ("2025-12", "DATE"), ("2024", "DATE"), ("2024-SU", "DATE"),
        ("2025-W51", "DATE"), ("2025-Q1", "DATE"), ("PRESENT_REF", "DATE"), ("FUTURE_REF", "DATE"),
        ("201X", "DATE"), ("2025-12-25T14:17", "TIME"), ("2025-12-25TEV", "TIME"),
        ("P5M", "DURATION"), ("PXD", "DURATION"), ("PXDE", "DURATION"), ("PT2H", "DURATION"),
        ("P1W", "SET"), ("XXXX-WXX-1", "SET"),
    ],
)  # fmt: skip
def test_valid_values(value: str, kind: str) -> None:
    assert timex3_error(value, kind) is None


@pytest.mark.parametrize(
    ("value", "kind"),
    [
        ("2025-13", "DATE"), ("2025-02-30", "DATE"), ("25.12.2025", "DATE"), ("2025-W54", "DATE"),
        ("2024-Summer", "DATE"), ("P5M", "DATE"), ("2025", "DURATION"), ("5 Monate", "DURATION"),
        ("2025-12-25", "TIME"), ("2025-12-25T25:00", "TIME"), ("", "DATE"), ("2025-12-25", "SET"),
    ],
)  # fmt: skip
def test_invalid_values(value: str, kind: str) -> None:
    assert timex3_error(value, kind)


@given(st.dates())
def test_every_calendar_day_is_a_date(day) -> None:  # type: ignore[no-untyped-def]
    assert timex3_error(day.isoformat(), "DATE") is None
