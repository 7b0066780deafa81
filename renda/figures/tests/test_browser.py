"""A leader opens the cockpit in a real browser: the charts are drawn, a click on a bar opens
the list it summarises, filtered; the figures page's .docx downloads."""

from __future__ import annotations

from typing import Any

from renda.core.tests.test_browser import browser, log_in, pytestmark, static_files  # noqa: F401


def test_a_leader_opens_the_cockpit_and_a_bar_opens_its_filtered_list(
    browser: Any,  # noqa: F811
    live_server: Any,
    cast: dict[str, Any],
    opinions: list[Any],
    static_files: None,  # noqa: F811
) -> None:
    base = live_server.url
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="en")
    page = context.new_page()
    log_in(page, base, "leader")
    page.click('nav.sidebar >> text="Cockpit"')
    page.goto(f"{base}/cockpit/?year=2024")
    page.wait_for_selector("#chart-opinions-category[data-drawn] canvas")
    drawn = page.locator("[data-drawn]").count()
    assert drawn == page.locator(".chart-card").count() and drawn >= 5
    # Where ECharts drew the "roads" bar: click its middle.
    point = page.evaluate(
        """() => {
          const el = document.getElementById('chart-opinions-category');
          el.scrollIntoView({block: 'center'});
          const data = JSON.parse(document.getElementById('cockpit-data').textContent);
          const c = data.find(d => d.slug === 'opinions-category');
          const i = c.urls.findIndex(u => u.includes('category=roads'));
          const chart = echarts.getInstanceByDom(el);
          const [x, y] = chart.convertToPixel({seriesIndex: 0}, [i, c.series[0].values[i] / 2]);
          const box = el.getBoundingClientRect();
          return [box.left + x, box.top + y];
        }"""
    )
    page.mouse.click(point[0], point[1])
    page.wait_for_url("**/stations/opinions/?year=2024&category=roads")
    assert page.locator("#id_category").input_value() == "roads"
    rows = page.locator("table.table tbody tr")
    # The two the chart counts, and the one dismissed (不予受理) that the figures leave out and
    # the register still lists.
    assert rows.count() == 3
    # The numbers as a table, on demand.
    page.go_back()
    page.wait_for_selector("#chart-opinions-category[data-drawn]")
    card = page.locator(".chart-card", has=page.locator("#chart-opinions-category"))
    card.locator("summary").click()
    assert card.locator("table").is_visible()
    # The year's figures page offers the report's figures as .docx.
    page.goto(f"{base}/stats/?year=2024")
    with page.expect_download() as download:
        page.click("text=Work report figures (Word draft)")
    assert download.value.suggested_filename.endswith(".docx")
    context.close()
