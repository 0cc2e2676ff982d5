"""The home page renders Chinese text in Chromium and fetches nothing from other hosts."""


def test_home_page_renders_and_stays_on_loopback(guarded_page, site_url, artifacts):
    page = guarded_page.page
    page.goto(site_url, wait_until="networkidle")
    assert "逾期应对指南" in page.title()
    assert page.locator("h1").first.inner_text().startswith("逾期应对指南")
    page.screenshot(path=str(artifacts / "home-desktop.png"), full_page=False)
    assert guarded_page.external_requests == []
    assert guarded_page.console_errors == []
