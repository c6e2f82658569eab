"""Tests of kmeans.data.columns: what each column is and why it is (not) used."""

import pandas as pd

from kmeans.data import (
    ColumnRole,
    column_roles,
)
from tests.corpus import read_corpus


def test_roles_say_why_each_column_is_left_out():
    roles = {role.name: role for role in column_roles(read_corpus("roles.csv").frame)}
    assert [name for name, role in roles.items() if role.used] == ["x", "y"]
    assert roles["id"].kind == "id"
    assert roles["date"].kind == "date"
    assert roles["constant"].reason == "Every row holds 7, so it cannot separate groups."
    assert roles["empty"].kind == "empty"
    assert "categories" in roles["group"].reason
    assert all(isinstance(role, ColumnRole) and role.reason for role in roles.values())


def test_mostly_numbers_column_names_the_bad_cell():
    roles = column_roles(read_corpus("mostly_numbers.csv").frame)
    assert roles[1].kind == "text"
    assert "'abc' is not one" in roles[1].reason


def test_short_increasing_column_is_still_a_measurement():
    frame = pd.DataFrame({"x": [1, 2, 4], "user_id": [7, 3, 5], "z": [0.5, 0.1, 0.2]})
    assert [role.kind for role in column_roles(frame)] == ["numeric", "id", "numeric"]


def test_roles_look_at_every_value_not_the_first_thousand():
    role = column_roles(read_corpus("late_text.csv").frame)[1]
    assert (role.kind, role.used) == ("text", False)
    assert role.reason == (
        "Mostly numbers, but 'abc' is not one (data row 1200): fix such cells to use this column."
    )
