"""Record and milestone alerts, in Ukrainian and English."""

from __future__ import annotations

from datetime import date

from bot.domain.events import RecordDay, TotalMilestone, WarDayMilestone
from bot.render.alerts import milestone_alert, record_alert

RECORD = RecordDay("personnel_units", date(2024, 12, 19), 2_080, 1_990, date(2024, 12, 1))


def test_a_record_alert_names_the_value_and_the_previous_record_with_its_date() -> None:
    uk = record_alert(RECORD, "uk")
    assert "🪖 Особовий склад: <b>2\u00a0080</b>" in uk
    assert "Зведення за 19 грудня 2024" in uk
    assert "Попередній рекорд: 1\u00a0990 (1 грудня 2024)" in uk


def test_a_record_alert_in_english() -> None:
    assert record_alert(RECORD, "en").splitlines() == [
        "🏆 <b>One-day record</b>",
        "🪖 Personnel: <b>2,080</b>",
        "Report of 19 December 2024",
        "Previous record: 1,990 (1 December 2024)",
    ]


def test_a_record_still_standing_says_no_rank() -> None:
    assert record_alert(RECORD, "en", rank=1) == record_alert(RECORD, "en")


def test_a_record_beaten_since_says_its_rank_now() -> None:
    assert record_alert(RECORD, "uk", rank=2).endswith("Тепер 2-е місце: рекорд відтоді побито")
    assert record_alert(RECORD, "en", rank=3).endswith("Now #3: the record has since been beaten")


def test_a_record_in_an_unknown_category_escapes_its_key() -> None:
    odd = RecordDay("laser<s>", date(2026, 8, 8), 5, 4, date(2026, 7, 1))
    assert "▫️ laser&lt;s&gt;: <b>5</b>" in record_alert(odd, "en")


def test_a_total_milestone_names_the_round_number_and_the_total() -> None:
    event = TotalMilestone("uav_systems", date(2026, 7, 1), 400_000, 400_512)
    assert milestone_alert(event, "uk").splitlines() == [
        "🛸 <b>БпЛА: рубіж 400\u00a0000</b>",
        "Загалом 400\u00a0512 — зведення за 1 липня 2026",
    ]
    assert "<b>UAVs: past 400,000</b>" in milestone_alert(event, "en")


def test_a_war_day_anniversary_names_the_day() -> None:
    event = WarDayMilestone(date(2024, 11, 19), 1_000)
    assert "<b>1000-й день війни</b>" in milestone_alert(event, "uk")
    assert "<b>Day 1,000 of the war</b>" in milestone_alert(event, "en")
    assert "19 November 2024" in milestone_alert(event, "en")
