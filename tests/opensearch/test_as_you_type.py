"""The word being typed after others, on the cluster engine: OpenSearch recalls the
candidates, Segue's shared matching and ranking decide."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from segue.cluster import ClusterEngine

from ..query.test_as_you_type import (  # noqa: F401  (collected again here, on the cluster)
    CROWDED,
    test_a_common_last_word_still_counts_where_it_completes_among_the_others,
    test_one_word_being_typed_reaches_the_popular_name_it_begins_past_many_whole_ones,
)
from .conftest import cluster_engine_for, drop


@pytest.fixture(scope="module")
def crowded(opensearch_url: str) -> Iterator[ClusterEngine]:
    engine = cluster_engine_for(opensearch_url, CROWDED)
    yield engine
    drop(engine)
