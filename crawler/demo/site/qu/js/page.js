/*
 * 分页脚本：TRS WCM 栏目概览页的 createPageHTML（演示站点自写的等价实现）。
 * createPageHTML(总页数, 当前页序号(从0开始), 文件名, 扩展名)
 * 第0页为 index.html，第n页为 index_n.html。
 */
function createPageHTML(_nPageCount, _nCurrIndex, _sPageName, _sPageExt) {
    if (_nPageCount == null || _nPageCount <= 1) {
        return;
    }
    var nCurrIndex = _nCurrIndex || 0;
    function pageUrl(n) {
        return n == 0 ? _sPageName + "." + _sPageExt : _sPageName + "_" + n + "." + _sPageExt;
    }
    var html = [];
    html.push('<div class="pager">共' + _nPageCount + '页&nbsp;');
    if (nCurrIndex == 0) {
        html.push('<span>首页</span>&nbsp;<span>上一页</span>&nbsp;');
    } else {
        html.push('<a href="' + pageUrl(0) + '">首页</a>&nbsp;');
        html.push('<a href="' + pageUrl(nCurrIndex - 1) + '">上一页</a>&nbsp;');
    }
    for (var i = 0; i < _nPageCount; i++) {
        if (i == nCurrIndex) {
            html.push('<span class="current">' + (i + 1) + '</span>&nbsp;');
        } else {
            html.push('<a href="' + pageUrl(i) + '">' + (i + 1) + '</a>&nbsp;');
        }
    }
    if (nCurrIndex == _nPageCount - 1) {
        html.push('<span>下一页</span>&nbsp;<span>尾页</span>');
    } else {
        html.push('<a href="' + pageUrl(nCurrIndex + 1) + '">下一页</a>&nbsp;');
        html.push('<a href="' + pageUrl(_nPageCount - 1) + '">尾页</a>');
    }
    html.push('</div>');
    document.write(html.join(''));
}

function doZoom(size) {
    var zoom = document.getElementById('zoom');
    if (zoom) { zoom.style.fontSize = size + 'px'; }
}
