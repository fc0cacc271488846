"""The clinician's review in a real browser (headless Chromium): a blind A/B packet judged by keyboard.

One browser for the module. The review is driven only by key presses (a choice per key, Enter
saves and moves on), reloaded half-way, finished and signed; then the registry is checked:
one judgement per case from the browser, the sign-off against the packet's GGUF. A form whose
case id was changed in the page is refused and records nothing. Screenshots are saved.
"""

from __future__ import annotations

import pytest

from browser import artifacts_dir, chrome_driver
from registry import Registry
from test_review_serve import make_packet

# correct A ja, hallucination A nei, language A ok, the same for B, preference 1 (= A).
KEYS_PER_CASE = "qsergy1"


@pytest.fixture(scope="module")
def driver(tmp_path_factory):
    d = chrome_driver(tmp_path_factory.mktemp("chrome"))
    yield d
    d.quit()


def _wait_for(driver, predicate, what: str):
    from selenium.webdriver.support.ui import WebDriverWait

    # A page load on loopback, not a timing assertion: the wait only bounds a hang.
    return WebDriverWait(driver, 60).until(lambda d: predicate(d), message=what)


def _case_id(driver) -> str:
    from selenium.webdriver.common.by import By

    return driver.find_element(By.ID, "case-id").text


def _judge_by_keyboard(driver, shots, n: int) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    before = _case_id(driver)
    ActionChains(driver).send_keys(KEYS_PER_CASE).perform()
    driver.save_screenshot(str(shots / f"review-case-{n}.png"))
    ActionChains(driver).send_keys(Keys.ENTER).perform()
    _wait_for(driver, lambda d: "/case/" not in d.current_url or _case_id(d) != before, "the next screen")


def test_blind_ab_review_by_keyboard_with_reload_and_signoff(driver, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    from gate.review.serve import make_server
    from registry.judgements import current_judgements
    from registry.signoffs import signoffs

    shots = artifacts_dir(tmp_path)
    reg = Registry()
    res = make_packet(reg, tmp_path)
    server = make_server(reg, res.packet.packet_id, "Dr. Hansen").start()
    try:
        driver.get(server.url)
        _wait_for(driver, lambda d: "/case/0" in d.current_url, "the first case")
        assert "0 av 4 vurdert" in driver.find_element(By.ID, "progress").text
        assert driver.find_element(By.ID, "outputA").is_displayed() and driver.find_element(By.ID, "outputB")
        _judge_by_keyboard(driver, shots, 1)
        _judge_by_keyboard(driver, shots, 2)
        # Mid-way: the browser reloads; nothing judged is lost and the progress says so.
        driver.refresh()
        _wait_for(driver, lambda d: "2 av 4 vurdert" in d.find_element(By.ID, "progress").text, "progress after reload")
        assert len(current_judgements(reg, res.packet.packet_id, "Dr. Hansen")) == 2
        # A form whose case id was changed in the page is refused, and nothing is recorded.
        on_screen = _case_id(driver)
        other = next(c["id"] for c in res.packet.cases if c["id"] != on_screen)
        driver.execute_script("document.querySelector('input[name=case_id]').value = arguments[0];", other)
        from selenium.webdriver.common.action_chains import ActionChains

        ActionChains(driver).send_keys(KEYS_PER_CASE + Keys.ENTER).perform()
        _wait_for(driver, lambda d: d.find_elements(By.ID, "error"), "the refusal page")
        assert "tampered case id" in driver.find_element(By.ID, "error").text
        driver.save_screenshot(str(shots / "review-tampered.png"))
        assert len(current_judgements(reg, res.packet.packet_id, "Dr. Hansen")) == 2
        driver.back()
        driver.refresh()  # a fresh form (the refused one's nonce was used up)
        _wait_for(driver, lambda d: d.find_elements(By.ID, "case-id"), "the case screen again")
        _judge_by_keyboard(driver, shots, 3)
        _judge_by_keyboard(driver, shots, 4)
        _wait_for(driver, lambda d: "/signoff" in d.current_url, "the sign-off page")
        driver.save_screenshot(str(shots / "review-signoff.png"))
        field = driver.find_element(By.ID, "reviewer")
        field.send_keys("Dr. Hansen" + Keys.ENTER)
        _wait_for(driver, lambda d: "/done" in d.current_url, "the signed page")
        assert "Signert av Dr. Hansen" in driver.find_element(By.ID, "verdict").text
        unblind = driver.find_element(By.ID, "unblind").text
        assert all(c["id"] in unblind for c in res.packet.cases)  # unblinded only now
        driver.save_screenshot(str(shots / "review-done.png"))
    finally:
        server.close()
    [s] = signoffs(reg, "chiro-no-v2")
    judged = current_judgements(reg, res.packet.packet_id, "Dr. Hansen")
    assert s.packet_id == res.packet.packet_id and s.reviewer == "Dr. Hansen" and s.n_reviewed == 4
    assert s.details["artifact_sha256"] == reg.latest_artifact("chiro-no-v2", "gguf").sha256
    assert {j.source for j in judged.values()} == {"browser"} and len(judged) == 4
    # Every answer was given by key: correct A ja / B ja, preference A; unblinded with the packet's key.
    assert all(j.answers["correctA"] == "ja" and j.answers["hallucinationB"] == "nei" and j.answers["preferred"] == "A"
               for j in judged.values())
    key = res.packet.blind_key
    assert s.details["preference"] == {"candidate": sum(v == "A" for v in key.values()),
                                       "baseline": sum(v == "B" for v in key.values()), "tie": 0}
    reg.close()
