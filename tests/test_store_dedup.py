"""Near-duplicate clustering: wire copies and updates cluster, different stories do not."""

from __future__ import annotations

from newsledger.store import dedup
from newsledger.store.db import connect
from newsledger.store.writer import LedgerWriter
from store_fixtures import make

STORY = [
    "Flash floods swept through towns south of Valencia on Tuesday night after more rain fell in eight "
    "hours than usually falls in a year, regional officials said on Wednesday.",
    "Emergency services rescued hundreds of people from rooftops and cars as torrents of brown water "
    "tore through narrow streets, carrying away vehicles and furniture.",
    "The regional government said it had set up a crisis centre and asked residents to stay at home and "
    "avoid all travel until the alert was lifted.",
    "Spain's prime minister cancelled a trip abroad and said the army would help with the search for "
    "people still missing in the worst-hit municipalities.",
    "Rail services between Madrid and Valencia were suspended after sections of track were washed away, "
    "the national rail operator said in a statement.",
    "Meteorologists said a cold air mass sitting over warm Mediterranean waters had fed the storm, a "
    "pattern that scientists say is becoming more intense as the sea warms.",
    "Farmers in the area said entire orange groves had been flooded days before the harvest was due to "
    "begin, and warned of heavy losses.",
    "Schools across the province will remain closed on Thursday and Friday, the education department "
    "announced late on Wednesday.",
    "Residents of Paiporta described water rising to the first floor of their homes within minutes, "
    "leaving them no time to save belongings.",
    "The national weather agency kept its highest warning in place for parts of the coast, forecasting "
    "further heavy rain over the weekend.",
]

OTHER_STORY_SAME_TOPIC = [
    "A week after the floods that devastated towns around Valencia, volunteers are still clearing mud "
    "from streets and garages while anger at the authorities grows.",
    "Thousands of people travelled from the city with shovels and buckets to help, forming long columns "
    "that crossed the bridges over the dry riverbed.",
    "Many residents say the official alert reached their phones only after the water was already "
    "pouring into their homes, a delay the regional leader has defended.",
    "Insurance companies have received tens of thousands of claims for damaged cars and houses, and "
    "estimate the bill will run into billions of euros.",
    "Shops that reopened this week are selling boots and cleaning products at cost, and bakeries are "
    "handing out bread to families who lost their kitchens.",
    "Engineers are inspecting bridges and overpasses for damage, and several roads into the suburbs "
    "remain closed to all but emergency vehicles.",
    "Psychologists have set up tents in the worst-hit neighbourhoods to help people who lost relatives "
    "or saw their homes destroyed.",
    "Protesters gathered outside the regional parliament on Saturday demanding the resignation of "
    "officials they blame for the slow response.",
]


def _text(paragraphs: list[str]) -> str:
    return "\n\n".join(paragraphs)


def test_signature_similarity_of_copies_and_other_stories():
    a = dedup.signature(_text(STORY))
    changed = list(STORY)
    changed[3] = (
        "The prime minister said on Wednesday that soldiers from an emergency unit had been sent "
        "to the region and that the government would declare a disaster zone."
    )
    b = dedup.signature(_text(changed))
    c = dedup.signature(_text(OTHER_STORY_SAME_TOPIC))
    assert dedup.similarity(a, b) >= dedup.JACCARD_THRESHOLD
    assert dedup.similarity(a, c) < 0.2
    assert dedup.signature("") is None
    assert dedup.signature("Too short.") is not None


def test_copy_with_new_headline_and_paragraph_clusters_other_story_does_not(tmp_path):
    conn = connect(tmp_path / "d.db")
    w = LedgerWriter(conn)
    changed = list(STORY)
    changed[5] = (
        "Updated: officials now say at least 95 people died, making it the deadliest flood in the "
        "country in decades, and dozens are still unaccounted for."
    )
    docs = [
        make(_text(STORY), title="Floods kill dozens in eastern Spain"),
        make(_text(changed), title="Spain floods: death toll rises to 95", site="Wire copy"),
        make(_text(OTHER_STORY_SAME_TOPIC), title="Anger grows in Valencia as clean-up goes on"),
    ]
    ids = [w.add_document(raw, art, analyzed=False) for raw, art in docs]
    cl = {r[0]: r[1] for r in conn.execute("SELECT rowid, cluster_id FROM articles")}
    assert cl[ids[0]] == cl[ids[1]]
    assert cl[ids[2]] != cl[ids[0]]
    assert conn.execute("SELECT size FROM clusters WHERE id=?", (cl[ids[0]],)).fetchone()[0] == 2
    conn.close()

    # An incremental ingest in a new process (new connection) still finds the cluster: the
    # signatures and LSH buckets are persisted.
    conn = connect(tmp_path / "d.db")
    w = LedgerWriter(conn)
    third = list(STORY)
    third[0] = "MADRID (Reuters) - " + third[0]
    raw, art = make(_text(third), title="Deadly floods hit Valencia region", site="Third paper")
    rowid = w.add_document(raw, art, analyzed=False)
    assert (
        conn.execute("SELECT cluster_id FROM articles WHERE rowid=?", (rowid,)).fetchone()[0]
        == cl[ids[0]]
    )
    assert conn.execute("SELECT size FROM clusters WHERE id=?", (cl[ids[0]],)).fetchone()[0] == 3


def test_mismatched_minhash_settings_are_refused(tmp_path):
    import pytest

    from newsledger.errors import StoreError

    conn = connect(tmp_path / "d.db")
    LedgerWriter(conn)
    conn.execute("UPDATE settings SET value='64:16:3:1:x' WHERE key='minhash'")
    with pytest.raises(StoreError, match="near-duplicate parameters"):
        LedgerWriter(conn)
