"""The Redis side of a shared crawl, without crawling: in-flight records and host slots."""
from __future__ import annotations

import time

import pytest
import redis
from scrapy import Request, Spider
from scrapy_redis.queue import PriorityQueue

from crawler.distributed.host_slots import HostSlots
from crawler.distributed.inflight import InFlight
from crawler.distributed.keys import Keys
from tests.crawler.distributed.conftest import REDIS_URL


class _Spider(Spider):
    name = "site"

    def parse(self, response):  # noqa: ANN001
        return None


@pytest.fixture
def server():
    client = redis.Redis.from_url(REDIS_URL)
    yield client
    client.close()


def _queue(server, keys: Keys) -> PriorityQueue:
    return PriorityQueue(server=server, spider=_Spider(), key=keys.queue_template)


def test_a_dead_workers_requests_go_back_to_the_queue_once(server, redis_prefix):
    keys = Keys(redis_prefix)
    queue = _queue(server, keys)
    for n in range(3):
        queue.push(Request(f"http://a.example/{n}.html"))
    dead = InFlight(server, keys, "site", "dead")
    taken = [dead.pop(), dead.pop()]
    assert all(taken) and len(queue) == 1  # popped, and recorded as the dead worker's
    assert server.hlen(keys.inflight("site", "dead")) == 2

    alive = InFlight(server, keys, "site", "alive")
    server.set(keys.alive("alive"), "1", ex=30)
    assert alive.others_busy()
    assert alive.recover_dead() == 2  # "dead" never set its alive key
    assert len(queue) == 3 and not alive.others_busy()
    assert alive.recover_dead() == 0  # only once
    urls = sorted(queue._decode_request(data).url for data in server.zrange(keys.queue("site"), 0, -1))
    assert urls == [f"http://a.example/{n}.html" for n in range(3)]


def test_a_live_workers_requests_stay_with_it(server, redis_prefix):
    keys = Keys(redis_prefix)
    _queue(server, keys).push(Request("http://a.example/1.html"))
    busy = InFlight(server, keys, "site", "busy")
    server.set(keys.alive("busy"), "1", ex=30)
    assert busy.pop() is not None
    other = InFlight(server, keys, "site", "other")
    assert other.recover_dead() == 0
    assert other.others_busy()


def test_finished_work_leaves_the_record_and_a_stopped_worker_gives_the_rest_back(server, redis_prefix):
    keys = Keys(redis_prefix)
    queue = _queue(server, keys)
    for n in range(3):
        queue.push(Request(f"http://a.example/{n}.html"))
    mine = InFlight(server, keys, "site", "me")
    list_page, article, unstarted = mine.pop(), mine.pop(), mine.pop()
    mine.output_consumed(list_page[0])  # its follow-ups may not be queued yet: still held
    mine.expect_item(article[0])
    mine.output_consumed(article[0])  # its article is not committed yet: still held
    assert server.hlen(keys.inflight("site", "me")) == 3
    mine.item_settled(article[0])  # committed: done
    assert sorted(server.hkeys(keys.inflight("site", "me"))) == sorted(
        [list_page[0].encode(), unstarted[0].encode()])
    assert mine.close(finished=False) == 2 and len(queue) == 2


def test_no_host_gets_more_than_its_slots_across_workers(server, redis_prefix):
    keys = Keys(redis_prefix)
    workers = [HostSlots(server, keys, limit=2, lease=30) for _ in range(3)]
    held = [w.try_acquire("a.example") for w in workers]
    assert held[0] and held[1] and held[2] is None
    assert workers[2].try_acquire("b.example")  # another host has its own slots
    workers[0].release("a.example", held[0])
    assert workers[2].try_acquire("a.example")


def test_a_killed_workers_slot_comes_back_when_its_lease_ends(server, redis_prefix):
    keys = Keys(redis_prefix)
    slots = HostSlots(server, keys, limit=1, lease=0.3)
    assert slots.try_acquire("a.example")  # never released: its holder was killed
    assert slots.try_acquire("a.example") is None
    time.sleep(0.4)
    assert slots.try_acquire("a.example")
