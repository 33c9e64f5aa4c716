from crawler.urls import article_url, canonical_url, host_allowed, host_of


def test_canonical_url_folds_case_default_port_fragment_and_dot_segments():
    assert canonical_url("HTTP://WWW.SHCN.GOV.CN:80/col6991/./20221125/../20221125/1226260.html#top") \
        == "http://www.shcn.gov.cn/col6991/20221125/1226260.html"
    assert canonical_url("https://Example.com:443/a") == "https://example.com/a"


def test_canonical_url_keeps_non_default_port_and_sorts_query():
    assert canonical_url("http://127.0.0.1:8080/show.html?id=2&col=1") \
        == "http://127.0.0.1:8080/show.html?col=1&id=2"


def test_canonical_url_keeps_chinese_paths_equal_whatever_the_escaping():
    assert canonical_url("http://x.cn/新闻/1.html") == canonical_url("http://x.cn/%E6%96%B0%E9%97%BB/1.html")


def test_host_rules():
    assert host_of("http://127.0.0.1:8000/a") == "127.0.0.1:8000"
    assert host_of("https://WWW.x.cn:443/") == "www.x.cn"
    assert host_allowed("http://127.0.0.1:8000/a", ["127.0.0.1:8000"])
    assert not host_allowed("http://127.0.0.1:9000/a", ["127.0.0.1:8000"])
    assert host_allowed("http://127.0.0.1:9000/a", ["127.0.0.1"])
    assert not host_allowed("http://evil.cn/a", ["127.0.0.1"])
    assert not host_allowed("mailto:a@b.cn", ["b.cn"])


def test_canonical_url_drops_tracking_parameters_only():
    assert canonical_url("http://x.cn/art/1.html?utm_source=wechat&id=3&spm=a.b.c&UTM_Medium=x") \
        == "http://x.cn/art/1.html?id=3"
    assert canonical_url("http://x.cn/art/1.html?utm_campaign=z") == "http://x.cn/art/1.html"
    # what a CMS selects content by stays, with its escaping
    assert canonical_url("http://x.cn/s?q=%E6%96%B0+x&page=2&from=nav") == "http://x.cn/s?from=nav&page=2&q=%E6%96%B0+x"


def test_article_url_folds_directory_index_pages():
    assert article_url("HTTP://X.cn:80/col/./index.html#top") == "http://x.cn/col/"
    assert article_url("http://x.cn/col/Default.htm") == "http://x.cn/col/"
    assert article_url("http://x.cn/col/") == "http://x.cn/col/"
    assert article_url("http://x.cn/col/index.html?id=2") == "http://x.cn/col/index.html?id=2"
    assert article_url("http://x.cn/col/index_2.html") == "http://x.cn/col/index_2.html"
    # the fetch form keeps the file name: some servers do not answer the bare directory
    assert canonical_url("http://x.cn/col/index.html") == "http://x.cn/col/index.html"
