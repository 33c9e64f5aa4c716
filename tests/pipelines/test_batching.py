from pipelines.logic.batching import Batcher
from pipelines.logic.url_dedup import SeenUrls


def test_batch_flushes_when_full():
    b = Batcher(size=3, max_wait=100)
    assert [b.add(i) for i in range(3)] == [False, False, True]
    assert b.take() == [0, 1, 2] and len(b) == 0


def test_batch_flushes_when_it_waited_long_enough():
    now = [0.0]
    b = Batcher(size=100, max_wait=5, clock=lambda: now[0])
    assert b.add("a") is False
    now[0] = 6.0
    assert b.add("b") is True


def test_seen_urls():
    seen = SeenUrls()
    assert seen.first_time("http://a/1") and not seen.first_time("http://a/1")
    assert seen.first_time("http://a/2") and len(seen) == 2
