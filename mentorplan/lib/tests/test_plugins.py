from mentorplan.lib.plugins import Slot


def test_entries_come_in_their_order_whatever_order_the_apps_add_them():
    slot: Slot[str] = Slot("test")
    slot.add("progress", "progress.html", order=40)
    slot.add("sessions", "sessions.html", order=10)
    slot.add("records", "records.html", order=25)

    assert slot.values() == ["sessions.html", "records.html", "progress.html"]


def test_adding_a_name_again_replaces_it_and_removing_it_leaves_the_rest():
    slot: Slot[str] = Slot("test")
    slot.add("sessions", "old.html", order=10)
    slot.add("sessions", "new.html", order=10)
    slot.add("goals", "goals.html", order=20)
    slot.remove("goals")

    assert slot.values() == ["new.html"]
    assert "goals" not in slot
