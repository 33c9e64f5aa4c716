import pytest

from crawler.demo.server import DemoServer, serve_demo
from tests.crawler.demo.helpers import ALTSITE


@pytest.fixture(scope="module")
def demo():
    server = serve_demo()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def altsite():
    with DemoServer(ALTSITE) as server:
        yield server
