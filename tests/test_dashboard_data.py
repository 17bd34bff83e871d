"""The dashboard's cached queries (geo.dashboard_data), outside a page."""

from __future__ import annotations

import pytest

from geo import dashboard_data as dd
from geo.store import Filters, Store


@pytest.fixture
def clear_caches():
    import streamlit as st

    st.cache_data.clear()
    dd.q_map_args.clear()
    yield
    st.cache_data.clear()
    dd.q_map_args.clear()


def test_the_server_start_fills_the_caches_of_the_unfiltered_page(hand_db_copy, monkeypatch, clear_caches):
    monkeypatch.setenv("GEO_DB", str(hand_db_copy))
    dd.prepare_default_view()
    version = dd.store_version(str(hand_db_copy))

    def no_queries(*args, **kwargs):
        raise AssertionError("the page queried the store: the cache was not filled")

    for name in ("stats", "facets", "place_counts", "excerpts_for_places"):
        monkeypatch.setattr(Store, name, no_queries)
    assert dd.q_stats(str(hand_db_copy), version)["articles"] == 3
    assert dd.q_facets(str(hand_db_copy), version).places
    markers = dd.q_markers(str(hand_db_copy), version, Filters())
    assert markers == dd.q_markers(str(hand_db_copy), version, Filters())
    # the map of the page's default view (clustered, no shading) is rendered too
    from geo import maplayers

    monkeypatch.setattr(maplayers, "base_map", no_queries)
    args = dd.q_map_args(str(hand_db_copy), version, Filters(), True, False, dd.map_assets().base_url,
                         dd.map_tiles())
    assert '"Saraqeb"' in args["feature_group"] and "L.markerClusterGroup" in args["feature_group"]
    assert args["returned_objects"] == list(dd.MAP_RETURNS)


def test_the_server_start_leaves_a_missing_store_to_the_first_page(tmp_path, monkeypatch, clear_caches):
    db = tmp_path / "none.sqlite"
    monkeypatch.setenv("GEO_DB", str(db))
    dd.prepare_default_view()
    assert not db.exists()  # the first page creates it, with a progress bar
