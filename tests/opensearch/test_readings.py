"""The same readings on the cluster engine: OpenSearch recalls the joined, split,
number and wrong-layout candidates, Segue's shared matching and ranking decide."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from segue.cluster import ClusterEngine

from ..query.test_readings import (  # noqa: F401  (collected again here, on the cluster)
    CATALOG,
    test_a_first_letter_typo_costs_more_than_one_inside,
    test_a_good_match_as_typed_is_not_read_on_another_layout,
    test_a_join_ranks_like_a_one_typo_match,
    test_a_split_needs_both_parts_side_by_side,
    test_a_transposition_is_one_typo,
    test_digits_are_not_typos_of_other_digits,
    test_joined_and_split_words_find_the_name,
    test_number_words_and_digits_meet,
    test_the_wrong_keyboard_layout_is_read_on_the_right_one,
)
from .conftest import cluster_engine_for, drop


@pytest.fixture(scope="module")
def engine(opensearch_url: str) -> Iterator[ClusterEngine]:
    engine = cluster_engine_for(opensearch_url, CATALOG)
    yield engine
    drop(engine)
