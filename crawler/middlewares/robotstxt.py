"""robots.txt that holds for every request, including those sent while it is being fetched.

Scrapy's RobotsTxtMiddleware (since scrapy PR #6802) makes every request that arrives
while robots.txt is still downloading ``await`` the same Deferred. Twisted passes a
callback's return value down the chain, and the first waiter's callback returns None,
so the second and later waiters receive None -- "no robots.txt" -- and are let
through: a Disallowed page gets fetched. Government sites are exactly where that must
not happen. This subclass gives each waiter a Deferred of its own, as Scrapy did
before; it changes nothing else. ``tests/crawler/test_robotstxt.py`` shows the bug.
"""
from __future__ import annotations

import inspect
from typing import Any

from twisted.internet.defer import Deferred

from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached


class SafeRobotsTxtMiddleware(RobotsTxtMiddleware):
    if inspect.iscoroutinefunction(RobotsTxtMiddleware.robot_parser):

        async def robot_parser(self, request: Any) -> Any:
            pending = self._parsers.get(urlparse_cached(request).netloc)
            if isinstance(pending, Deferred):
                mine: Deferred = Deferred()

                def hand_over(result: Any) -> Any:
                    mine.callback(result)
                    return result  # keep the parser in the chain for the next waiter

                pending.addCallback(hand_over)
                return await maybe_deferred_to_future(mine)
            return await super().robot_parser(request)
